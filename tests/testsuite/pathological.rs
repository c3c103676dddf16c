//! The pathological Markdown corpus of the benchmark (`benches/
//! pathological.rs`), small: each page renders right (every footnote,
//! heading id and line where it belongs) and builds, or is refused with
//! `page/too-deep`. The benchmark builds each at the 2 MB page limit.

#[path = "../../benches/pathological.rs"]
#[allow(dead_code, reason = "the benchmark uses the rest")]
mod corpus;

use loa::render::markdown::{Body, Labels, Resolved, render};

use crate::support::*;

/// The size of each page here: big enough for thousands of constructs.
const SIZE: usize = 48 * 1024;

fn md(text: &str) -> Body {
    render(text, 1, &Labels::default(), &mut |dest, _, _| {
        Resolved::Href(dest.to_string())
    })
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn one_note_referenced_thousands_of_times_is_linked_back_once() {
    let text = corpus::footnotes_same(SIZE);
    let refs = count(&text, "[^n]") - 1;
    assert!(refs > 5_000);
    let body = md(&text);
    assert_eq!(count(&body.html, "href=\"#fn-1\""), refs);
    assert_eq!(count(&body.html, "id=\"fnref-1\""), 1);
    assert_eq!(count(&body.html, "id=\"fn-1\""), 1);
    assert_eq!(count(&body.html, "<section class=\"footnotes\""), 1);
    assert_eq!(body.ids.iter().filter(|i| *i == "fnref-1").count(), 1);
}

#[test]
fn thousands_of_notes_are_numbered_in_order_of_use() {
    let text = corpus::footnotes_distinct(SIZE);
    let body = md(&text);
    let notes = count(&body.html, "class=\"footnote\" id=");
    assert!(notes > 1_000, "{notes}");
    for n in [1, notes / 2, notes] {
        assert_eq!(count(&body.html, &format!("id=\"fnref-{n}\"")), 1, "{n}");
        assert_eq!(count(&body.html, &format!("id=\"fn-{n}\"")), 1, "{n}");
    }
    let unique: std::collections::HashSet<&String> = body.ids.iter().collect();
    assert_eq!(unique.len(), body.ids.len());
}

#[test]
fn the_same_heading_thousands_of_times_gets_unique_ids() {
    let body = md(&corpus::headings_same(SIZE));
    let n = body.headings.len();
    assert!(n > 5_000);
    let ids: Vec<&str> = body.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids[0], "a");
    assert_eq!(ids[1], "a-2");
    assert_eq!(ids[n - 1], format!("a-{n}"));
    // Each heading is two lines below the one before.
    assert!(
        body.headings
            .iter()
            .enumerate()
            .all(|(i, h)| h.line == 1 + 2 * i)
    );
}

#[test]
fn every_tag_of_a_long_html_block_has_its_line() {
    let body = md(&corpus::raw_html_block(SIZE));
    let spans: Vec<usize> = body
        .raw_tags
        .iter()
        .filter(|t| t.tag.name == "span")
        .map(|t| t.line)
        .collect();
    assert!(spans.len() > 1_000);
    assert!(
        spans.iter().enumerate().all(|(i, &line)| line == i + 2),
        "{:?}",
        &spans[..5]
    );
}

#[test]
fn every_picture_of_another_website_is_left_out_at_its_line() {
    let body = md(&corpus::raw_html_images(SIZE));
    let n = body.external_images.len();
    assert!(n > 500);
    for (i, (line, address)) in body.external_images.iter().enumerate() {
        assert_eq!(*line, i + 1);
        assert_eq!(address, &format!("https://elsewhere.example/{i}.png"));
    }
    assert!(!body.html.contains("elsewhere.example"));
}

#[test]
fn headers_wider_than_their_rows_are_found_before_any_parser() {
    for make in [corpus::table_wide_header, corpus::tables_many_wide] {
        assert_eq!(
            loa::read::content::tables::too_many_table_cells(&make(SIZE)),
            Some(1)
        );
    }
    let rows = corpus::table_rows(SIZE);
    assert_eq!(
        loa::read::content::tables::too_many_table_cells(&rows),
        None
    );
    let body = md(&rows);
    assert_eq!(count(&body.html, "<tr>"), rows.lines().count() - 1);
}

/// Every page of the corpus builds (its page written), or is refused
/// with what makes it too costly: lists or HTML nested too deep, or a tag
/// with too many attributes (`page/too-deep`), headers far wider than their rows
/// (`page/table-cells`); or refused as what it is: links never closed
/// (`link/as-text`).
#[test]
fn every_page_of_the_corpus_builds_or_is_refused_with_why() {
    for (name, make) in corpus::CASES {
        let dir = tempfile::tempdir().unwrap();
        corpus::campaign(dir.path(), &make(SIZE)).unwrap();
        let run = loa_in(dir.path(), &["build"]);
        let refused = match *name {
            "lists-nested" | "raw-html-nested" | "raw-html-attributes" => Some("page/too-deep"),
            "table-wide-header" | "tables-many-wide" => Some("page/table-cells"),
            // Links never closed would be published as text.
            "links-unclosed" => Some("link/as-text"),
            // Each raw link leads to no page, found at its line.
            "raw-html-links-escaped" => Some("link/broken"),
            _ => None,
        };
        match refused {
            Some(code) => {
                assert_eq!(run.code, 1, "{name}: {}", run.stderr);
                assert!(run.stderr.contains(code), "{name}: {}", run.stderr);
                assert!(
                    run.stderr.contains("content/pages/lon.md:"),
                    "{name}: {}",
                    run.stderr
                );
            }
            None => {
                assert_eq!(run.code, 0, "{name}: {}", run.stderr);
                let page = dir.path().join("public/quan-a/pages/lon/index.html");
                assert!(page.is_file(), "{name}");
            }
        }
    }
}
