//! Atom feeds of the news: one per district and language
//! (`news/atom.xml`, `en/news/atom.xml`) and one for the whole city on the
//! portal in each language (`atom.xml`, `en/atom.xml`). Entries are the
//! news pages with a `date`, newest first; a feed reader gets each item's title, summary and address, never
//! its body (relative links in it would lead nowhere from a reader).
//!
//! With a `base_url` every address is absolute and is also the entry's id;
//! without one, links are relative to the feed file (a reader that fetched
//! the feed resolves them) and ids are `tag:`-less URNs made of the
//! district, language and page path, stable from build to build. No
//! timestamps: a feed's `updated` is its newest item's date.

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};

use crate::model::urls::{encode_path, page_href, relative};
use crate::model::{DistrictView, PageId, Site};
use crate::read::values::{Date, pick};
use crate::render::Bodies;

/// Whether any district being built has news (then the portal has a feed).
pub fn any_news(site: &Site) -> bool {
    site.districts.iter().any(|v| site.has_news(v))
}

/// One news item, before it becomes an entry.
struct Item {
    date: Date,
    title: String,
    summary: String,
    /// Absolute URL, or a path from the district root.
    href: String,
    id: String,
    lang: String,
    /// The page it is.
    page: PageId,
}

/// The dated news items of a district in `lang`, newest first (then by
/// title, so the order never depends on the file system).
fn items(
    site: &Site,
    view: &DistrictView,
    bodies: &Bodies,
    lang: &str,
    offline: bool,
) -> Vec<Item> {
    let config = &site.config;
    let district = site.district(view);
    let prefix = config.lang_prefix(lang);
    let Some(section) = site.news_section() else {
        return Vec::new();
    };
    let mut items: Vec<Item> = view
        .children
        .get(&section)
        .into_iter()
        .flatten()
        .filter_map(|&i| {
            let entry = &view.entries[i];
            let page = &site.pages[entry.page];
            let (source, _) = site.variant(entry, lang)?;
            let src = &site.sources[source];
            let date = src.front.date?;
            let summary = match &src.front.description {
                // A feed carries a summary, never a whole article.
                Some(d) => crate::render::markdown::truncate_words(
                    d,
                    crate::read::content::MAX_DESCRIPTION,
                ),
                None => bodies
                    .get(&(source, lang.to_string()))
                    .map(|b| b.body.summary.clone())
                    .unwrap_or_default(),
            };
            let (href, id) = match &district.base_url {
                Some(base) => {
                    let url = format!("{base}{prefix}{}", encode_path(&page.path));
                    (url.clone(), url)
                }
                None => (
                    format!("{prefix}{}", encode_path(&page_href(&page.path, offline))),
                    format!(
                        "urn:loa:{}:{lang}:{}",
                        district.slug,
                        encode_path(&page.path)
                    ),
                ),
            };
            Some(Item {
                date: *date,
                title: src.front.title.value.clone(),
                summary,
                href,
                id,
                lang: src.lang.clone(),
                page: entry.page,
            })
        })
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
    items
}

fn time(date: Date) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&format!("{date}T00:00:00Z"))
        .expect("a checked date is a valid time")
}

fn entry(item: Item, href: String, author: &str) -> Entry {
    Entry {
        title: Text::plain(item.title),
        id: item.id,
        updated: time(item.date),
        published: Some(time(item.date)),
        summary: (!item.summary.is_empty()).then(|| Text::plain(item.summary)),
        links: vec![Link {
            href,
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            hreflang: Some(item.lang),
            ..Link::default()
        }],
        authors: vec![Person {
            name: author.to_string(),
            ..Person::default()
        }],
        ..Entry::default()
    }
}

/// What a feed says about itself.
struct Head {
    title: String,
    id: String,
    lang: String,
    /// The page the feed is the news of (absolute or relative to the feed).
    page: String,
    /// The feed's own address, when absolute.
    own: Option<String>,
}

fn write(head: Head, entries: Vec<Entry>) -> Vec<u8> {
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or_else(|| time(Date::parse("1970-01-01").expect("a valid date")));
    let mut links = vec![Link {
        href: head.page,
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Link::default()
    }];
    if let Some(own) = head.own {
        links.push(Link {
            href: own,
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Link::default()
        });
    }
    let feed = Feed {
        title: Text::plain(head.title),
        id: head.id,
        updated,
        lang: Some(head.lang),
        links,
        entries,
        ..Feed::default()
    };
    let mut out = feed
        .write_to(Vec::new())
        .expect("writing to memory cannot fail");
    out.push(b'\n');
    out
}

/// `news/atom.xml` of a district in `lang`.
pub fn district_feed(
    site: &Site,
    view: &DistrictView,
    bodies: &Bodies,
    lang: &str,
    offline: bool,
) -> Vec<u8> {
    let config = &site.config;
    let default = config.default_lang();
    let district = site.district(view);
    let prefix = config.lang_prefix(lang);
    let title = pick(&config.title, lang, default);
    let name = pick(&district.name, lang, default);
    let feed_dir = format!("{prefix}news/");
    let news_page = format!("{prefix}{}", page_href("news/", offline));
    let (page, own, id) = match &district.base_url {
        Some(base) => (
            format!("{base}{prefix}news/"),
            Some(format!("{base}{}", site.news_feed_path(lang))),
            format!("{base}{}", site.news_feed_path(lang)),
        ),
        None => (
            relative(&feed_dir, &news_page),
            None,
            format!("urn:loa:{}:{lang}:news", district.slug),
        ),
    };
    let entries = items(site, view, bodies, lang, offline)
        .into_iter()
        .map(|item| {
            let href = if district.base_url.is_some() {
                item.href.clone()
            } else {
                relative(&feed_dir, &item.href)
            };
            entry(item, href, title)
        })
        .collect();
    let head = Head {
        title: format!("{title} – {name}"),
        id,
        lang: lang.to_string(),
        page,
        own,
    };
    write(head, entries)
}

/// Where the city feed of `lang` is on the portal: `atom.xml` for the
/// default language, `en/atom.xml` for English and so on (no district can
/// be called like a language code, so these never meet a district folder).
pub fn city_feed_path(config: &crate::read::config::Config, lang: &str) -> String {
    format!("{}atom.xml", config.lang_prefix(lang))
}

/// The city feed of `lang` on the portal ([`city_feed_path`]): every built
/// district's news in that language (an untranslated item in the language
/// it is written in, as the district feeds have it), newest first. A news
/// item shared by several districts is one entry, linking to the first
/// district that shows it.
pub fn city_feed(site: &Site, bodies: &Bodies, lang: &str, offline: bool) -> Vec<u8> {
    let config = &site.config;
    let default = config.default_lang();
    let title = pick(&config.title, lang, default);
    let feed_dir = config.lang_prefix(lang);
    let mut seen = std::collections::BTreeSet::new();
    let mut all: Vec<(Item, String)> = Vec::new();
    for view in &site.districts {
        let district = site.district(view);
        let name = pick(&district.name, lang, default);
        for mut item in items(site, view, bodies, lang, offline) {
            // A page every district shows is one entry.
            if !seen.insert(item.page) {
                continue;
            }
            let href = if district.base_url.is_some() {
                item.href.clone()
            } else {
                relative(&feed_dir, &format!("{}/{}", district.slug, item.href))
            };
            if site.pages[item.page].scope.is_some() && site.districts.len() > 1 {
                item.title = format!("{} ({name})", item.title);
            }
            if district.base_url.is_none() {
                item.id = format!("urn:loa:{}/{}", district.slug, item.href);
            }
            all.push((item, href));
        }
    }
    all.sort_by(|a, b| {
        b.0.date
            .cmp(&a.0.date)
            .then_with(|| a.0.title.cmp(&b.0.title))
    });
    let entries = all
        .into_iter()
        .map(|(item, href)| entry(item, href, title))
        .collect();
    // The portal, from the feed's folder.
    let up = "../".repeat(feed_dir.matches('/').count());
    let page = match (up.is_empty(), offline) {
        (_, true) => format!("{up}index.html"),
        (true, false) => "./".to_string(),
        (false, false) => up,
    };
    let head = Head {
        title: title.to_string(),
        id: format!("urn:loa:city:{lang}"),
        lang: lang.to_string(),
        page,
        own: None,
    };
    write(head, entries)
}
