//! Hostile input never panics: property tests over front-matter
//! splitting, YAML, text decoding, Markdown with links, slugs, phone
//! numbers and paths (the request paths of `serve` included), and the
//! values a district file sends into host files and deploy addresses.

use std::path::Path;
use unicode_normalization::UnicodeNormalization;

use proptest::prelude::*;

use loa::model::urls::{normalize, relative};
use loa::read::content::{FrontMatter, split_front_matter};
use loa::read::source::decode_text;
use loa::render::markdown::{Labels, LinkKind, Resolved, render};
use loa::serve::clean_path;

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
            // A value read keeps its place in the file, past the opening `---`.
            if let Ok(front) = loa::read::yaml::parse::<FrontMatter>(split.yaml, Path::new("x.md"), 2) {
                let (line, column) = front.title.place().expect("a title read has a place");
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
        let slug = loa::read::slug::slugify(&text);
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
    }

    #[test]
    fn phone_checks_never_panic(text in "[0-9 .+()a-z-]{0,20}") {
        if let Ok(tel) = loa::read::hotlines::normalise_phone(&text) {
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

    /// Whatever the base_url and file names, every host file keeps one
    /// directive a line, and nothing a server would evaluate gets in.
    #[test]
    fn host_files_carry_no_server_syntax(
        path in "[a-z/%{}$#\"' ;\n\\.0-9à]{0,24}",
        names in prop::collection::vec("[a-z{}$%#\"' \n.0-9à]{1,12}\\.[0-9a-f]{8}\\.pdf", 0..4),
    ) {
        use loa::read::target::SiteUrl;
        // A base_url reaches the host files only as a SiteUrl, parsed.
        let base = SiteUrl::parse(&format!("https://x.example/{path}")).ok();
        let mut files: Vec<&str> = names.iter().map(String::as_str).collect();
        files.push("404.html");
        let ours: Vec<&str> = names.iter().take(1).map(String::as_str).collect();
        let site = loa::output::hosting::HostSite::new(base.as_ref(), files.iter().copied(), ours.iter().copied());
        let plain_url = SiteUrl::parse("https://x.example/").unwrap();
        let plain = loa::output::hosting::HostSite::new(Some(&plain_url), ["404.html"], []);
        for (text, reference) in [
            (loa::output::hosting::htaccess(&site), loa::output::hosting::htaccess(&plain)),
            (loa::output::hosting::netlify_headers(&site), loa::output::hosting::netlify_headers(&plain)),
            (loa::output::hosting::nginx("/", "/srv/x", &site), loa::output::hosting::nginx("/", "/srv/x", &plain)),
        ] {
            prop_assert!(!text.contains('\r'));
            let known: Vec<&str> = reference.lines().map(str::trim).collect();
            for line in text.lines().map(str::trim).filter(|l| !known.contains(l)) {
                // Every line loa added for this site: a name pattern of
                // plain characters, or a last word (a path) that passes
                // the host files' whitelist.
                if let Some(inner) = line
                    .strip_prefix("<FilesMatch \"^")
                    .and_then(|l| l.strip_suffix("$\">"))
                {
                    let plain = inner
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_.+".contains(&b));
                    prop_assert!(plain, "{}", line);
                } else {
                    let word = line.rsplit(' ').next().unwrap_or(line).trim_end_matches(';');
                    let word = word.strip_suffix("/*").unwrap_or(word);
                    prop_assert!(loa::read::places::host_file_safe(word), "{}", line);
                }
            }
        }
    }

    /// A deploy target that parses names the place written and no other:
    /// the bucket and folder object_store is given are the text between
    /// the slashes, and a folder has no step that climbs out or hides.
    #[test]
    fn deploy_targets_that_parse_name_only_the_place_written(
        target in "(s3|gs|az|file|S3|s3a|https)://[a-z0-9.-]{0,8}(/[a-zA-Z0-9._~%@?#: \\\\-]{0,6}){0,4}",
    ) {
        use loa::read::target::{Location, DeployTarget};
        if let Ok(parsed) = DeployTarget::parse(&target) {
            prop_assert_eq!(parsed.as_str(), target.as_str());
            let written = target.split_once("://").unwrap().1;
            match parsed.location() {
                Location::Store { bucket, prefix, .. } => {
                    let prefix: &str = prefix.as_ref();
                    let named = if prefix.is_empty() {
                        bucket.clone()
                    } else {
                        format!("{bucket}/{prefix}")
                    };
                    prop_assert_eq!(written.trim_end_matches('/'), named.as_str());
                }
                Location::Folder(path) => {
                    prop_assert_eq!(path.as_str(), written);
                    prop_assert!(!path.split('/').any(|s| s == ".." || s == "."));
                    prop_assert!(!path.contains(['\\', '%', '?', '#', ' ', '@']));
                }
            }
        }
    }

    #[test]
    fn deploy_values_that_pass_reach_only_their_host(region in "\\PC{0,40}", endpoint in "\\PC{0,40}") {
        if loa::read::places::region_problem(&region).is_none() {
            prop_assert!(region.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        }
        // The host a request goes to is the one a reader sees written.
        let url = format!("https://s3.example.vn{endpoint}");
        if let Ok((host, _)) = loa::read::places::endpoint_host(&url) {
            let rest = url.to_ascii_lowercase();
            let rest = rest.strip_prefix(&format!("https://{host}"));
            prop_assert!(rest.is_some_and(|r| r.is_empty() || r.starts_with(':') || r.starts_with('/')));
        }
    }

    /// Whatever is written before and as the host (slashes, numbers that
    /// read as an IP address, a login), an endpoint that parses sends its
    /// requests to the host written right after `://`.
    #[test]
    fn endpoints_that_parse_go_to_the_host_written(
        text in "(https?|ftp|HTTP)?:?/{0,4}[a-zA-Z0-9.:@x\\[\\]-]{0,16}(/[a-z.%]{0,5})?",
    ) {
        if let Ok(endpoint) = loa::read::target::Endpoint::parse(&text) {
            let written = text.split_once("://").unwrap().1.to_ascii_lowercase();
            let after = written.strip_prefix(endpoint.host());
            prop_assert!(
                after.is_some_and(|r| r.is_empty() || r.starts_with(':') || r.starts_with('/')),
                "{} goes to {}", text, endpoint.host()
            );
            prop_assert!(!text.contains('@'));
        }
    }
}
