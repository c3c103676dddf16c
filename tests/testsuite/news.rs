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
        attrs(&portal, "link[type='application/atom+xml']", "href"),
        ["./atom.xml"]
    );
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
