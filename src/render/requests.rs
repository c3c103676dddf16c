//! Requests a campaign's own theme would make to other websites: a
//! template's `<link rel="stylesheet" href="https://fonts…">`, `<script
//! src>`, `<img src>`, `<iframe src>`, a form's `action`, and CSS's
//! `@import` and `url(…)` (in a style sheet, a `<style>` element or a
//! `style` attribute). Each would tell that website the address of every
//! reader, and when they read about violence: the pages promise no
//! third-party request, and old phone browsers ignore the
//! Content-Security-Policy that would block them. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::read::weburl::{elsewhere, srcset_is_local};
use crate::render::markdown::FETCHING;
use crate::render::rawhtml::start_tags;

/// Attributes whose address the browser sends a form or a ping to, or
/// loads, without the reader choosing to go there, besides those it
/// fetches as the page loads (`crate::render::markdown::FETCHING`).
const SENDING: &[&str] = &["action", "formaction", "ping", "manifest", "xlink:href"];

/// Elements whose `href` is loaded, not followed.
const LOADING_HREF: &[&str] = &["link", "image", "use", "feimage", "script", "base"];

/// `<link rel>` values that name another page rather than load a file.
const NAVIGATION_RELS: &[&str] = &[
    "canonical",
    "alternate",
    "prev",
    "next",
    "author",
    "license",
    "help",
    "me",
    "bookmark",
];

/// CSS addresses: `url(…)` and `@import "…"`.
static CSS_ADDRESSES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)url\(\s*['"]?\s*([^'")\s]+)|@import\s+['"]([^'"]+)['"]"#)
        .expect("the pattern is valid")
});

/// Every address in `text` (a template, or a style sheet when `css`) that
/// would be loaded from another website: line and address, in order.
pub fn external_requests(text: &str, css: bool) -> Vec<(usize, String)> {
    let line_of = |offset: usize| 1 + text[..offset].bytes().filter(|&b| b == b'\n').count();
    let mut found = Vec::new();
    if !css {
        for tag in start_tags(text) {
            for (name, value) in &tag.attrs {
                if value.contains("{{") || value.contains("{%") {
                    continue; // made by the template from the campaign's values
                }
                let loads = FETCHING.contains(&name.as_str())
                    || SENDING.contains(&name.as_str())
                    || (name == "href"
                        && LOADING_HREF.contains(&tag.name.as_str())
                        && !(tag.name == "link" && navigation(tag.attr("rel"))));
                let outside = if name == "srcset" {
                    !srcset_is_local(value)
                } else {
                    elsewhere(value)
                };
                if loads && outside {
                    found.push((line_of(tag.offset), value.clone()));
                }
            }
        }
    }
    for m in CSS_ADDRESSES.captures_iter(text) {
        let Some(address) = m.get(1).or_else(|| m.get(2)) else {
            continue;
        };
        if elsewhere(address.as_str()) {
            found.push((line_of(address.start()), address.as_str().to_string()));
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Whether a `<link>`'s `rel` only names another page (`canonical`).
fn navigation(rel: Option<&str>) -> bool {
    rel.is_some_and(|rel| {
        let mut words = rel.split_ascii_whitespace().peekable();
        words.peek().is_some()
            && words.all(|w| NAVIGATION_RELS.contains(&w.to_ascii_lowercase().as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_and_style_sheets_that_load_from_elsewhere_are_found() {
        let template = "<head>\n\
            <link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css\">\n\
            <link rel=\"preconnect\" href=\"//fonts.gstatic.com\">\n\
            <link rel=\"canonical\" href=\"https://example.org/\">\n\
            <link rel=\"stylesheet\" href=\"{{ root }}loa.css\">\n\
            <script src=\"https://cdn.example/x.js\"></script>\n\
            <style>body { background: url('https://evil.example/bg.png') }</style>\n\
            <a href=\"https://example.org/\">a link is not a request</a>\n\
            <img src=\"/\\evil.example/p.gif\" alt=\"\">\n\
            <form action=\"https://evil.example/f\"></form>\n";
        let found: Vec<usize> = external_requests(template, false)
            .into_iter()
            .map(|(line, _)| line)
            .collect();
        assert_eq!(found, [2, 3, 6, 7, 9, 10]);
        let css = "@import url(\"https://fonts.googleapis.com/css2\");\n\
                   @import 'HTTPS://x.example/a.css';\n\
                   .a { background: url(data:image/png;base64,AAAA) }\n\
                   .b { background: url(img/local.png) }\n\
                   @font-face { src: url(//fonts.gstatic.com/x.woff2) }\n";
        let found: Vec<usize> = external_requests(css, true)
            .into_iter()
            .map(|(line, _)| line)
            .collect();
        assert_eq!(found, [1, 2, 5]);
    }

    #[test]
    fn the_default_theme_loads_nothing_from_elsewhere() {
        let theme = crate::render::theme::builtin();
        for (rel, file) in &theme.files {
            let css = rel.ends_with(".css");
            if css || rel.ends_with(".html") || rel.ends_with(".svg") {
                let text = String::from_utf8_lossy(&file.bytes);
                assert_eq!(external_requests(&text, css), [], "{rel}");
            }
        }
    }
}
