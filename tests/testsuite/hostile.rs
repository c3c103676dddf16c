//! Hostile input never panics: property tests over front-matter
//! splitting, YAML, text decoding, Markdown with links, slugs, phone
//! numbers and paths (the request paths of `serve` included).

use std::path::Path;
use unicode_normalization::UnicodeNormalization;

use proptest::prelude::*;

use loa::content::{FrontMatter, split_front_matter};
use loa::markdown::{Labels, LinkKind, Resolved, render};
use loa::model::urls::{normalize, relative};
use loa::serve::clean_path;
use loa::source::decode_text;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        ..ProptestConfig::default()
    }
}

/// Text made of the pieces that matter to the parsers.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "---",
        "\n",
        "\r\n",
        ":",
        " ",
        "\"",
        "'",
        "title",
        "Tiêu đề",
        "đ",
        "ệ",
        "e\u{301}",
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        "#",
        "##",
        "- ",
        "* ",
        "|",
        "|---|",
        "`",
        "```",
        "<script>",
        "<a href=\"javascript:x\">",
        "../",
        "/en/",
        ".md",
        "![",
        "[^1]",
        "\t",
        "\u{feff}",
        "\u{0}",
        "%2e",
        "\\",
        "tel:",
        "https://",
        "&",
        "…",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn splitting_and_reading_front_matter_never_panics(text in tricky_text()) {
        if let Ok(split) = split_front_matter(&text) {
            prop_assert!(split.body_line >= 2);
            let _ = loa::yaml::parse::<FrontMatter>(split.yaml, Path::new("x.md"), 2);
            let at = loa::yaml::locate(split.yaml, &[loa::yaml::Seg::Key("title")], 2);
            if let Some((line, column)) = at {
                prop_assert!(line >= 2 && column >= 1);
            }
        }
    }

    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        // The text is the bytes' own (less a byte-order mark, in NFC), and
        // only bytes that are not UTF-8 are refused. (It was a disjunction
        // that held for any text decoded from non-empty bytes.)
        let unmarked = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        match decode_text(bytes.clone(), "x.md") {
            Ok(text) => {
                let expected: String = std::str::from_utf8(unmarked).expect("refused if not UTF-8").nfc().collect();
                prop_assert_eq!(text, expected);
            }
            Err(d) => prop_assert!(std::str::from_utf8(unmarked).is_err() && d.line.is_some() && d.column.is_some()),
        }
    }

    #[test]
    fn markdown_never_panics_and_never_keeps_scripts(text in tricky_text()) {
        let labels = Labels { table: "T".into(), footnotes: "N".into(), back_to_text: "B".into(), reserved_ids: Vec::new() };
        let body = render(&text, 3, &labels, &mut |dest: &str, _kind: LinkKind, line: usize| {
            assert!(line >= 3);
            if dest.to_ascii_lowercase().starts_with("javascript:") { Resolved::Drop } else { Resolved::Href(dest.to_string()) }
        });
        // What a browser would build from it: no script element, no
        // attribute running JavaScript.
        let html = scraper::Html::parse_fragment(&body.html);
        for node in html.tree.nodes() {
            if let Some(element) = node.value().as_element() {
                prop_assert!(element.name() != "script", "{}", body.html);
                for (name, value) in element.attrs() {
                    prop_assert!(!name.starts_with("on"), "{}", body.html);
                    prop_assert!(!value.trim().to_ascii_lowercase().starts_with("javascript:"), "{}", body.html);
                }
            }
        }
    }

    #[test]
    fn slugs_are_always_clean(text in "\\PC{0,40}") {
        let slug = loa::slug::slugify(&text);
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
    }

    #[test]
    fn phone_checks_never_panic(text in "[0-9 .+()a-z-]{0,20}") {
        if let Ok(tel) = loa::hotlines::normalise_phone(&text) {
            prop_assert!(tel.trim_start_matches('+').bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn request_paths_never_climb_out(path in "[/a-z.%2eEfF5c\\\\]{0,30}") {
        if let Some(clean) = clean_path(&path) {
            prop_assert!(!clean.split('/').any(|s| s == ".." || s == "."));
            prop_assert!(!clean.contains('\\') && !clean.starts_with('/'));
        }
    }

    #[test]
    fn joined_paths_stay_inside(base in "[a-z/]{0,12}", rel in "[a-z./]{0,16}") {
        if let Some(joined) = normalize(&base, &rel) {
            prop_assert!(!joined.split('/').any(|s| s == ".." || s == "."));
            let href = relative(&base, &joined);
            prop_assert!(!href.starts_with('/'));
        }
    }
}
