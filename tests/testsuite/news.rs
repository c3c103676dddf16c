//! News: Atom feeds (read back with feed-rs, an independent parser),
//! share-card tags, paginated lists and the yearly archive.

use std::fs;

use crate::support::{Campaign, attrs, broken_links};

/// Parses an Atom feed of the output with feed-rs.
fn feed(c: &Campaign, rel: &str) -> feed_rs::model::Feed {
    let bytes = fs::read(c.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn titles(f: &feed_rs::model::Feed) -> Vec<String> {
    f.entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect()
}

fn links(f: &feed_rs::model::Feed) -> Vec<String> {
    f.entries.iter().map(|e| e.links[0].href.clone()).collect()
}

#[test]
fn district_feeds_list_news_newest_first_with_absolute_links_under_base_url() {
    let c = Campaign::fixture("build", "basic");
    c.build().ok();
    let vi = feed(&c, "quan-a/news/atom.xml");
    assert_eq!(titles(&vi), ["Tin mới", "Tin cũ"]);
    assert_eq!(
        links(&vi),
        [
            "https://quan-a.example.org/news/tin-moi/",
            "https://quan-a.example.org/news/tin-cu/"
        ]
    );
    assert_eq!(vi.language.as_deref(), Some("vi"));
    assert_eq!(vi.id, "https://quan-a.example.org/news/atom.xml");
    // English: the untranslated item is still news, in Vietnamese.
    let en = feed(&c, "quan-a/en/news/atom.xml");
    assert_eq!(titles(&en), ["New news", "Tin cũ"]);
    assert_eq!(links(&en)[0], "https://quan-a.example.org/en/news/tin-moi/");
    assert_eq!(en.entries[1].links[0].href_lang.as_deref(), Some("vi"));
}

#[test]
fn feeds_without_base_url_link_relative_to_the_feed() {
    let c = Campaign::fixture("build", "basic");
    c.build().ok();
    let f = feed(&c, "quan-b/news/atom.xml");
    assert_eq!(titles(&f), ["Tin riêng quận B", "Tin mới", "Tin cũ"]);
    assert_eq!(links(&f), ["tin-rieng/", "tin-moi/", "tin-cu/"]);
    // Each relative link leads to a page next to the feed.
    for href in links(&f) {
        assert!(
            c.out()
                .join("quan-b/news")
                .join(href)
                .join("index.html")
                .is_file()
        );
    }
    assert_eq!(f.entries[0].id, "urn:loa:quan-b:vi:news/tin-rieng/");
}

#[test]
fn offline_feeds_link_to_index_files() {
    let c = Campaign::fixture("build", "basic");
    c.loa(&["build", "--offline"]).ok();
    let f = feed(&c, "quan-b/en/news/atom.xml");
    assert_eq!(links(&f)[0], "tin-rieng/index.html");
    assert!(
        c.out()
            .join("quan-b/en/news/tin-rieng/index.html")
            .is_file()
    );
}

#[test]
fn the_city_feed_has_every_districts_news_once() {
    let c = Campaign::fixture("build", "basic");
    c.build().ok();
    let f = feed(&c, "atom.xml");
    assert_eq!(
        titles(&f),
        ["Tin riêng quận B (Quận B)", "Tin mới", "Tin cũ"]
    );
    assert_eq!(
        links(&f),
        [
            "quan-b/news/tin-rieng/",
            "https://quan-a.example.org/news/tin-moi/",
            "https://quan-a.example.org/news/tin-cu/"
        ]
    );
    let portal = c.html("index.html");
    assert_eq!(
        attrs(&portal, "link[type='application/atom+xml']", "href")[0],
        "./atom.xml"
    );
}

#[test]
fn the_city_has_a_feed_in_each_language_linked_from_the_portal() {
    let c = Campaign::fixture("build", "basic");
    c.build().ok();
    let en = feed(&c, "en/atom.xml");
    assert_eq!(en.language.as_deref(), Some("en"));
    assert_eq!(en.id, "urn:loa:city:en");
    // Newest first, in English where written (the old item is only in
    // Vietnamese, so it is there in Vietnamese, as in the district feeds).
    assert_eq!(
        titles(&en),
        ["District B only news (District B)", "New news", "Tin cũ"]
    );
    let dates: Vec<_> = en.entries.iter().map(|e| e.updated.unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(
        links(&en),
        [
            "../quan-b/en/news/tin-rieng/",
            "https://quan-a.example.org/en/news/tin-moi/",
            "https://quan-a.example.org/en/news/tin-cu/"
        ]
    );
    assert_eq!(en.entries[2].links[0].href_lang.as_deref(), Some("vi"));
    assert_eq!(en.links[0].href, "../");
    // Relative links lead to pages, from the feed's folder.
    assert!(
        c.out()
            .join("en")
            .join(&links(&en)[0])
            .join("index.html")
            .is_file()
    );
    let portal = c.html("index.html");
    let sel = "head link[rel=alternate][type='application/atom+xml']";
    assert_eq!(attrs(&portal, sel, "href"), ["./atom.xml", "./en/atom.xml"]);
    assert_eq!(attrs(&portal, sel, "hreflang"), ["vi", "en"]);
    assert_eq!(
        attrs(&portal, sel, "title"),
        ["Chiến dịch thử", "Test campaign"]
    );
    assert_eq!(broken_links(&c.out()), Vec::<String>::new());
}

#[test]
fn offline_city_feeds_link_to_index_files() {
    let c = Campaign::fixture("build", "basic");
    c.loa(&["build", "--offline"]).ok();
    let en = feed(&c, "en/atom.xml");
    assert_eq!(links(&en)[0], "../quan-b/en/news/tin-rieng/index.html");
    assert!(c.out().join("en").join(&links(&en)[0]).is_file());
    assert_eq!(en.links[0].href, "../index.html");
}

#[test]
fn the_news_section_links_its_feed_in_the_head() {
    let c = Campaign::fixture("build", "basic");
    c.build().ok();
    let sel = "head link[rel=alternate][type='application/atom+xml']";
    for (page, href) in [
        ("quan-b/news/index.html", "../news/atom.xml"),
        ("quan-b/news/tin-moi/index.html", "../../news/atom.xml"),
        ("quan-b/en/news/index.html", "../../en/news/atom.xml"),
    ] {
        assert_eq!(attrs(&c.html(page), sel, "href"), [href], "{page}");
    }
    assert!(attrs(&c.html("quan-b/skills/index.html"), sel, "href").is_empty());
    assert_eq!(broken_links(&c.out()), Vec::<String>::new());
}

/// The share-card tags of a built page: property/name -> content.
fn share_tags(c: &Campaign, page: &str) -> std::collections::BTreeMap<String, String> {
    let html = c.html(page);
    let sel = scraper::Selector::parse("head meta[property], head meta[name^='twitter:']").unwrap();
    html.select(&sel)
        .filter_map(|m| {
            let v = m.value();
            let key = v.attr("property").or(v.attr("name"))?;
            (key.starts_with("og:") || key.starts_with("twitter:"))
                .then(|| (key.to_string(), v.attr("content").unwrap_or("").to_string()))
        })
        .collect()
}

#[test]
fn every_page_has_absolute_share_card_tags_under_base_url() {
    let c = Campaign::fixture("images", "news");
    let site = c.read("content/site.yaml");
    c.write(
        "content/site.yaml",
        format!("{site}share_image: news/so-do.png\n"),
    );
    // A page marked for the leaflet, so the district has one.
    let item = c.read("content/news/tap-huan.md");
    c.write(
        "content/news/tap-huan.md",
        item.replacen("date: 2026-03-08\n", "date: 2026-03-08\nleaflet: 1\n", 1),
    );
    c.build().ok();
    let base = "https://quan-a.example.org/";
    let pages = crate::support::html_files(&c.out().join("quan-a"));
    assert!(pages.len() > 5);
    assert!(pages.contains(&"404.html".to_string()), "{pages:?}");
    for printed in ["print/poster/", "print/leaflet/"] {
        assert!(pages.iter().any(|p| p.contains(printed)), "{pages:?}");
    }
    // Every page, the 404 page and the printed sheets included: a link to any of
    // them pasted in Zalo shows a card.
    for page in &pages {
        let tags = share_tags(&c, &format!("quan-a/{page}"));
        for key in [
            "og:title",
            "og:description",
            "og:site_name",
            "og:locale",
            "og:type",
            "og:image",
            "twitter:card",
        ] {
            assert!(
                tags.get(key).is_some_and(|v| !v.is_empty()),
                "{page}: no {key} in {tags:?}"
            );
        }
        // The 404 page has no address of its own: no og:url. Every other
        // page's og:url is its canonical address.
        let canonical = attrs(
            &c.html(&format!("quan-a/{page}")),
            "link[rel=canonical]",
            "href",
        );
        if page == "404.html" {
            assert!(!tags.contains_key("og:url"), "{tags:?}");
            assert!(canonical.is_empty(), "{canonical:?}");
        } else {
            assert_eq!(canonical, [tags["og:url"].clone()], "{page}");
        }
        let expected = if page.starts_with("en/") {
            "en_US"
        } else {
            "vi_VN"
        };
        assert_eq!(tags["og:locale"], expected, "{page}");
        assert_eq!(tags["twitter:card"], "summary_large_image", "{page}");
        for (key, value) in tags
            .iter()
            .filter(|(k, _)| *k == "og:url" || *k == "og:image")
        {
            assert!(value.starts_with(base), "{page}: {key} {value}");
        }
        let image = tags["og:image"].strip_prefix(base).unwrap();
        assert!(
            c.out().join("quan-a").join(image).is_file(),
            "{page}: {image}"
        );
    }
    // A news item shares its own first photo, at the share width.
    let item = share_tags(&c, "quan-a/news/tap-huan/index.html");
    assert_eq!(item["og:type"], "article");
    assert!(item["og:image"].contains("anh-tap-huan"), "{item:?}");
    assert!(item["og:image"].ends_with(".jpg"), "{item:?}");
    let home = share_tags(&c, "quan-a/index.html");
    assert!(home["og:image"].contains("so-do"), "{home:?}");
    assert_eq!(home["og:type"], "website");
    // A poster is shared with its own address, in its language.
    let poster = share_tags(&c, "quan-a/en/print/poster/index.html");
    assert_eq!(poster["og:url"], format!("{base}en/print/poster/"));
    assert_eq!(poster["og:locale"], "en_US");
    assert!(poster["og:image"].contains("so-do"), "{poster:?}");
    // The city portal says what the campaign is; it has no address.
    let portal = share_tags(&c, "index.html");
    assert_eq!(portal["og:title"], "Chiến dịch thử");
    assert_eq!(portal["og:locale"], "vi_VN");
    assert_eq!(portal["twitter:card"], "summary");
    assert!(!portal.contains_key("og:url"), "{portal:?}");
}

#[test]
fn share_tags_without_base_url_are_relative_and_lead_to_files() {
    let c = Campaign::fixture("images", "news");
    c.build().ok();
    let tags = share_tags(&c, "quan-b/news/tap-huan/index.html");
    assert!(!tags.contains_key("og:url"), "{tags:?}");
    let image = &tags["og:image"];
    assert!(image.starts_with("../../"), "{image}");
    assert!(c.out().join("quan-b/news/tap-huan").join(image).is_file());
    // The share width (1200), or the photo's own when it is narrower.
    let width: u32 = tags["og:image:width"].parse().unwrap();
    assert!((961..=1200).contains(&width), "{tags:?}");
}

fn paged_campaign() -> Campaign {
    let c = Campaign::fixture("build", "basic");
    let site = c.read("content/site.yaml");
    c.write("content/site.yaml", format!("{site}news_page_size: 1\n"));
    c
}

fn list_titles(c: &Campaign, page: &str) -> Vec<String> {
    crate::support::texts(&c.html(page), "main .page-list a")
}

#[test]
fn news_lists_are_paginated_with_prev_and_next() {
    let c = paged_campaign();
    c.build().ok();
    assert_eq!(
        list_titles(&c, "quan-b/news/index.html"),
        ["Tin riêng quận B"]
    );
    assert_eq!(
        list_titles(&c, "quan-b/news/page/2/index.html"),
        ["Tin mới"]
    );
    assert_eq!(list_titles(&c, "quan-b/news/page/3/index.html"), ["Tin cũ"]);
    assert!(!c.out().join("quan-b/news/page/4").exists());
    assert!(!c.out().join("quan-b/news/page/1").exists());
    let second = c.html("quan-b/news/page/2/index.html");
    assert_eq!(attrs(&second, "a[rel=prev]", "href"), ["../../../news/"]);
    assert_eq!(
        attrs(&second, "a[rel=next]", "href"),
        ["../../../news/page/3/"]
    );
    let first = c.html("quan-b/en/news/index.html");
    assert!(attrs(&first, "a[rel=prev]", "href").is_empty());
    assert_eq!(
        attrs(&first, "a[rel=next]", "href"),
        ["../../en/news/page/2/"]
    );
    // District A has two items: two pages.
    assert!(c.out().join("quan-a/news/page/2/index.html").is_file());
    assert!(!c.out().join("quan-a/news/page/3").exists());
    // The home page shows the latest news.
    let home = crate::support::texts(&c.html("quan-b/index.html"), "main a");
    assert!(home.contains(&"Tin riêng quận B".to_string()), "{home:?}");
    assert_eq!(broken_links(&c.out()), Vec::<String>::new());
}

/// Numbered news pages tell browsers and search engines their neighbours
/// in the head too: relative like every link without a `base_url`,
/// absolute like the canonical address with one.
#[test]
fn paginated_news_lists_have_prev_and_next_links_in_the_head() {
    let c = paged_campaign();
    c.build().ok();
    let head =
        |page: &str, rel: &str| attrs(&c.html(page), &format!("head link[rel={rel}]"), "href");
    // District B has no base_url: relative, leading to the files.
    assert!(head("quan-b/news/index.html", "prev").is_empty());
    assert_eq!(head("quan-b/news/index.html", "next"), ["../news/page/2/"]);
    assert_eq!(
        head("quan-b/news/page/2/index.html", "prev"),
        ["../../../news/"]
    );
    assert_eq!(
        head("quan-b/news/page/2/index.html", "next"),
        ["../../../news/page/3/"]
    );
    assert!(head("quan-b/news/page/3/index.html", "next").is_empty());
    assert_eq!(
        head("quan-b/en/news/page/3/index.html", "prev"),
        ["../../../../en/news/page/2/"]
    );
    // District A has a base_url: absolute, like its canonical address.
    let second = c.html("quan-a/en/news/page/2/index.html");
    assert_eq!(
        attrs(&second, "head link[rel=canonical]", "href"),
        ["https://quan-a.example.org/en/news/page/2/"]
    );
    assert_eq!(
        attrs(&second, "head link[rel=prev]", "href"),
        ["https://quan-a.example.org/en/news/"]
    );
    assert!(attrs(&second, "head link[rel=next]", "href").is_empty());
    assert_eq!(
        head("quan-a/news/index.html", "next"),
        ["https://quan-a.example.org/news/page/2/"]
    );
    // Not on a year of the archive, nor on pages outside the news list.
    assert!(head("quan-b/news/2025/index.html", "prev").is_empty());
    assert!(head("quan-b/news/2025/index.html", "next").is_empty());
    assert!(head("quan-b/skills/index.html", "next").is_empty());
    assert_eq!(broken_links(&c.out()), Vec::<String>::new());
}

#[test]
fn offline_head_links_lead_to_index_files() {
    let c = paged_campaign();
    c.loa(&["build", "--offline"]).ok();
    let second = c.html("quan-b/news/page/2/index.html");
    assert_eq!(
        attrs(&second, "head link[rel=next]", "href"),
        ["../../../news/page/3/index.html"]
    );
}

#[test]
fn a_yearly_archive_lists_each_years_news() {
    let c = paged_campaign();
    c.build().ok();
    assert_eq!(
        list_titles(&c, "quan-b/news/2025/index.html"),
        ["Tin riêng quận B"]
    );
    assert_eq!(
        list_titles(&c, "quan-b/en/news/2024/index.html"),
        ["New news"]
    );
    assert_eq!(list_titles(&c, "quan-a/news/2023/index.html"), ["Tin cũ"]);
    assert!(!c.out().join("quan-a/news/2025").exists());
    let news = c.html("quan-b/news/index.html");
    assert_eq!(
        attrs(&news, ".archive a", "href"),
        ["../news/2025/", "../news/2024/", "../news/2023/"]
    );
}

#[test]
fn offline_pagination_and_archive_links_lead_to_files() {
    let c = paged_campaign();
    c.loa(&["build", "--offline"]).ok();
    let second = c.html("quan-b/news/page/2/index.html");
    assert_eq!(
        attrs(&second, "a[rel=next]", "href"),
        ["../../../news/page/3/index.html"]
    );
    assert_eq!(broken_links(&c.out()), Vec::<String>::new());
}

#[test]
fn the_bundled_campaign_has_news_with_photos_in_its_feeds() {
    let c = Campaign::bundled();
    c.build().ok();
    for rel in [
        "ba-dinh/news/atom.xml",
        "ba-dinh/en/news/atom.xml",
        "atom.xml",
    ] {
        let f = feed(&c, rel);
        assert!(f.entries.len() >= 4, "{rel}");
        let dates: Vec<_> = f.entries.iter().map(|e| e.updated.unwrap()).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{rel}: {dates:?}");
    }
    // The photo opens the item: it is the lead picture, loaded at once.
    let item = c.html("ba-dinh/news/so-111-mien-phi/index.html");
    assert_eq!(attrs(&item, "main picture img", "loading"), ["eager"]);
    assert_eq!(attrs(&item, "main picture img", "fetchpriority"), ["high"]);
    let tags = share_tags(&c, "ba-dinh/en/news/nut-thoat-nhanh/index.html");
    assert!(tags["og:image"].starts_with("https://"), "{tags:?}");
    assert!(
        tags["og:image"].contains("nut-thoat-nhanh.1200."),
        "{tags:?}"
    );
}

/// Regression: a news item's whole article pasted as its `description`
/// went into every feed as its summary. A feed carries at most 300
/// characters of it, cut between words (and `check` reports the length:
/// `page/long-description`).
#[test]
fn feeds_carry_a_bounded_summary() {
    let c = Campaign::fixture("build", "basic");
    let long = "Buổi tập huấn cho trẻ em trong phường về cách gọi 111. ".repeat(40);
    c.write(
        "content/news/tin-moi.md",
        format!(
            "---\ntitle: \"Tin mới\"\ndate: 2024-01-05\ndescription: \"{}\"\n---\nTin mới.\n",
            long.trim()
        ),
    );
    c.build().ok();
    for rel in ["quan-a/news/atom.xml", "atom.xml"] {
        let f = feed(&c, rel);
        let entry = f
            .entries
            .iter()
            .find(|e| e.title.as_ref().unwrap().content == "Tin mới")
            .unwrap();
        let summary = &entry.summary.as_ref().unwrap().content;
        let chars = summary.chars().count();
        assert!((200..=301).contains(&chars), "{rel}: {chars} characters");
        assert!(
            long.starts_with(summary.trim_end_matches('…')),
            "{rel}: {summary}"
        );
        assert!(summary.ends_with('…'), "{rel}: {summary}");
    }
}
