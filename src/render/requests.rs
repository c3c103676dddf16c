//! Requests a campaign's own theme would make to other websites: a
//! template's `<link rel="stylesheet" href="https://fonts…">`, `<script
//! src>`, `<img src>`, `<iframe src>` and `srcdoc`, a form's `action`, a
//! `<meta http-equiv="refresh">`, and CSS's `@import`, `url(…)` and
//! `image-set(…)` (in a style sheet, a `<style>` element or a `style`
//! attribute); also an address the template completes from a value
//! (`https://fonts.example/{{ font }}`). Each would tell that website the address of every
//! reader, and when they read about violence: the pages promise no
//! third-party request, and old phone browsers ignore the
//! Content-Security-Policy that would block them. Addresses are read as
//! the browser reads them: character references in attributes decoded
//! (`src="&#104;ttps://…"`), CSS escapes decoded (`url(\68 ttps://…)`).
//! Pure: no I/O.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::read::weburl::{elsewhere, srcset_is_local};
use crate::render::markdown::FETCHING;
use crate::render::rawhtml::{StartTag, start_tags, tag_end};

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

/// CSS addresses: `url(…)` and `@import "…"`, with spaces or comments
/// before the address (`@import/**/"https://…"`, which the browser loads).
/// An unquoted `url(/**/…)` is a local address to the browser; taking its
/// comment for one finds more, never less.
static CSS_ADDRESSES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)url\((?:\s|/\*.*?\*/)*['"]?\s*([^'")\s]+)|@import(?:\s|/\*.*?\*/)*['"]([^'"]+)['"]"#,
    )
    .expect("the pattern is valid")
});

/// CSS's `image-set(…)` (and `-webkit-image-set`), whose pictures may be
/// written as plain strings, without `url(…)`; a comment inside may hold a
/// `)`.
static IMAGE_SET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)image-set\(((?:/\*.*?\*/|[^)])*)\)").expect("the pattern is valid")
});

/// Quoted strings: `"…"` or `'…'`.
static CSS_STRINGS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""([^"]*)"|'([^']*)'"#).expect("the pattern is valid"));

/// Every address in `text` (a template, or a style sheet when `css`) that
/// would be loaded from another website: line and address, in order.
pub fn external_requests(text: &str, css: bool) -> Vec<(usize, String)> {
    let line_of = |offset: usize| 1 + text[..offset].bytes().filter(|&b| b == b'\n').count();
    let mut found = Vec::new();
    if !css {
        for tag in start_tags(text) {
            let line = line_of(tag.offset);
            // Each attribute as read here and, when it holds a character
            // reference, as the browser decodes it.
            let decoded = decoded_attributes(text, &tag);
            for (_, value) in decoded.iter().filter(|(name, _)| name == "style") {
                found.extend(
                    css_requests(value)
                        .into_iter()
                        .map(|(_, address)| (line, address)),
                );
            }
            for (name, value) in tag.attrs.iter().chain(&decoded) {
                // A frame's `srcdoc` is a page of its own, loaded with this
                // one.
                if name == "srcdoc" {
                    found.extend(
                        external_requests(value, false)
                            .into_iter()
                            .map(|(_, address)| (line, address)),
                    );
                    continue;
                }
                let loads = FETCHING.contains(&name.as_str())
                    || SENDING.contains(&name.as_str())
                    || (name == "href"
                        && LOADING_HREF.contains(&tag.name.as_str())
                        && !(tag.name == "link" && navigation(tag.attr("rel"))))
                    || (name == "content" && refresh(&tag));
                if !loads {
                    continue;
                }
                if value.contains("{{") || value.contains("{%") {
                    // Made by the template from the campaign's values.
                    if let Some(address) = made_elsewhere(value) {
                        found.push((line, address));
                    }
                    continue;
                }
                let value = if name == "content" {
                    refresh_address(value)
                } else {
                    value.as_str()
                };
                let outside = if name == "srcset" {
                    !srcset_is_local(value)
                } else {
                    elsewhere(value)
                };
                if outside {
                    found.push((line, value.to_string()));
                }
            }
        }
    }
    found.extend(css_requests(text));
    found.sort();
    found.dedup();
    found
}

/// The CSS addresses (`@import`, `url(…)`, `image-set(…)`) in `text` that
/// would be loaded from another website, read with CSS escapes decoded:
/// line (of `text`) and address as decoded.
fn css_requests(text: &str) -> Vec<(usize, String)> {
    let (decoded, shifts) = css_unescaped(text);
    // An offset in `decoded` is this many bytes further on in `text`.
    let original = |at: usize| {
        let i = shifts.partition_point(|&(from, _)| from <= at);
        let shift = i.checked_sub(1).map_or(0, |i| shifts[i].1);
        at.saturating_add_signed(shift)
    };
    let line_of = |at: usize| {
        let at = original(at).min(text.len());
        1 + text.as_bytes()[..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
    };
    let mut found = Vec::new();
    for m in CSS_ADDRESSES.captures_iter(&decoded) {
        let Some(address) = m.get(1).or_else(|| m.get(2)) else {
            continue;
        };
        if elsewhere(address.as_str()) {
            found.push((line_of(address.start()), address.as_str().to_string()));
        }
    }
    for set in IMAGE_SET.captures_iter(&decoded) {
        for m in CSS_STRINGS.captures_iter(&set[1]) {
            let Some(address) = m.get(1).or_else(|| m.get(2)) else {
                continue;
            };
            if elsewhere(address.as_str()) {
                let at = set.get(1).map_or(0, |s| s.start()) + address.start();
                found.push((line_of(at), address.as_str().to_string()));
            }
        }
    }
    found
}

/// `text` with CSS escapes decoded as a browser decodes them: `\` and 1–6
/// hex digits (and one space, tab or line break after them) is that
/// character (`\68` is `h`; 0, a surrogate or beyond Unicode is U+FFFD),
/// `\` and a line break is nothing (a string going on on the next line),
/// `\` and any other character is that character. With it, where the
/// text has moved: from each offset of the result on (ascending), how many
/// bytes further on (or back) the same place is in `text`.
fn css_unescaped(text: &str) -> (Cow<'_, str>, Vec<(usize, isize)>) {
    if !text.contains('\\') {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut shifts = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some((_, h)) if h.is_ascii_hexdigit() => {
                let mut value = 0u32;
                for _ in 0..6 {
                    match chars.peek().and_then(|&(_, h)| h.to_digit(16)) {
                        Some(digit) => {
                            value = value * 16 + digit;
                            chars.next();
                        }
                        None => break,
                    }
                }
                if chars
                    .peek()
                    .is_some_and(|&(_, w)| matches!(w, ' ' | '\t' | '\n' | '\r' | '\u{c}'))
                {
                    let (_, w) = chars.next().unwrap_or((0, ' '));
                    if w == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                        chars.next();
                    }
                }
                let decoded = char::from_u32(value)
                    .filter(|&c| c != '\0')
                    .unwrap_or('\u{fffd}');
                out.push(decoded);
            }
            Some((_, '\n' | '\r' | '\u{c}')) => {
                let (_, w) = chars.next().unwrap_or((0, '\n'));
                if w == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
            }
            Some((_, other)) => {
                chars.next();
                out.push(other);
            }
            None => {}
        }
        let next = chars.peek().map_or(text.len(), |&(i, _)| i);
        shifts.push((out.len(), next as isize - out.len() as isize));
    }
    (Cow::Owned(out), shifts)
}

/// A start tag's attributes as the browser reads them, every character
/// reference decoded (`&#104;ttps:`, `&colon;`), for a tag that has one
/// (the tag reader decodes only `&amp;`, `&quot;`, `&#39;`, `&lt;` and
/// `&gt;`); none otherwise. The tag is read as a `<span>`, which an HTML
/// parser takes anywhere as it is (it would drop a `<td>` outside a table
/// or rename `<image>`).
fn decoded_attributes(text: &str, tag: &StartTag) -> Vec<(String, String)> {
    let source = &text[tag.offset..tag_end(text, tag.offset)];
    if !source.contains('&') {
        return Vec::new();
    }
    let name_end = source[1..]
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .map_or(source.len(), |i| i + 1);
    let span = format!("<span{}", &source[name_end..]);
    let doc = scraper::Html::parse_fragment(&span);
    doc.tree
        .nodes()
        .filter_map(|n| n.value().as_element())
        .find(|e| e.name() == "span")
        .map(|e| {
            e.attrs()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// An address a template makes from the campaign's values that is on
/// another website whatever they are: the text before the first `{{` or
/// `{%`, or right after a `{% … %}` tag, already is
/// (`https://fonts.example/{{ font }}.css`, `{% if x %}//cdn.example/a.js{%
/// endif %}`), or the template writes one as a string (`{{
/// "https://x.example/p.gif" }}`). `None` for a value without template
/// syntax is not looked at; `None` for one whose pieces each follow a `{{ … }}` (`{{ root }}loa.css`:
/// the site's own address).
fn made_elsewhere(value: &str) -> Option<String> {
    let mut rest = value;
    let mut starts_value = true;
    loop {
        let next = [rest.find("{{"), rest.find("{%")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(rest.len());
        let piece = &rest[..next];
        if starts_value && !piece.is_empty() && elsewhere(piece) {
            return Some(value.to_string());
        }
        if next == rest.len() {
            return None;
        }
        let close = if rest[next..].starts_with("{{") {
            "}}"
        } else {
            "%}"
        };
        let end = rest[next..].find(close)?;
        let inside = &rest[next + 2..next + end];
        if let Some(s) = CSS_STRINGS
            .captures_iter(inside)
            .filter_map(|m| m.get(1).or_else(|| m.get(2)))
            .find(|s| elsewhere(s.as_str()))
        {
            return Some(s.as_str().to_string());
        }
        starts_value = close == "%}";
        rest = &rest[next + end + 2..];
    }
}

/// Whether the tag is `<meta http-equiv="refresh">`, which sends the
/// reader to its address without a tap.
fn refresh(tag: &crate::render::rawhtml::StartTag) -> bool {
    tag.name == "meta"
        && tag
            .attr("http-equiv")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh"))
}

/// The address of a refresh's `content` (`5; url=https://…`), as a
/// browser reads it.
fn refresh_address(content: &str) -> &str {
    let Some((_, rest)) = content.split_once([';', ',']) else {
        return "";
    };
    let rest = rest.trim_start();
    let rest = match rest.get(..3) {
        Some(u) if u.eq_ignore_ascii_case("url") => rest[3..].trim_start(),
        _ => rest,
    };
    let rest = rest.strip_prefix('=').unwrap_or(rest).trim();
    rest.trim_matches(['\'', '"'])
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

    /// Audit 2: an address the template completes from a value, a frame's
    /// `srcdoc`, a refresh, `image-set` strings and `@import` without a
    /// space were not seen.
    #[test]
    fn addresses_made_by_the_template_or_hidden_in_css_forms_are_found() {
        let template = "<link rel=\"stylesheet\" href=\"https://fonts.example/{{ lang }}.css\">\n\
            <img src=\"//pixel.example/{{ district.slug }}.gif\" alt=\"\">\n\
            <img src=\"{{ 'https://literal.example/x.gif' }}\" alt=\"\">\n\
            <script src=\"{% if a %}//cdn.example/a.js{% endif %}\"></script>\n\
            <iframe srcdoc=\"&lt;img src='https://srcdoc.example/p.gif'&gt;\"></iframe>\n\
            <meta http-equiv=\"Refresh\" content=\"30; URL='https://refresh.example/'\">\n\
            <div style=\"background-image: image-set('https://imageset.example/a.png' 1x)\"></div>\n\
            <style>@import\"https://import.example/a.css\";</style>\n\
            <link rel=\"stylesheet\" href=\"{{ root }}{{ theme_files['loa.css'] }}\">\n\
            <img src=\"{% if a %}{{ root }}{{ a }}{% else %}{{ b }}{% endif %}\" alt=\"\">\n\
            <meta http-equiv=\"refresh\" content=\"5; url=../\">\n\
            <a href=\"https://example.org/{{ lang }}/\">a link is not a request</a>\n";
        let found: Vec<usize> = external_requests(template, false)
            .into_iter()
            .map(|(line, _)| line)
            .collect();
        assert_eq!(found, [1, 2, 3, 4, 5, 6, 7, 8]);
        let css = "@import\"https://import.example/a.css\";\n\
                   .a { background: -webkit-image-set(\"a.png\" 1x, \"//cdn.example/b.png\" 2x) }\n\
                   .b { background: image-set(\"local.png\" 1x) }\n";
        let found: Vec<usize> = external_requests(css, true)
            .into_iter()
            .map(|(line, _)| line)
            .collect();
        assert_eq!(found, [1, 2]);
    }

    /// Audit 3: CSS escapes and character references hid an address
    /// from the check, but not from the browser.
    #[test]
    fn escaped_and_entity_encoded_addresses_are_found() {
        let css = ".a { background: url(\\68 ttps://evil.example/a.png) }\n\
                   @import \"\\68ttps://evil.example/b.css\";\n\
                   .c { background: \\75 rl(//evil.example/c.png) }\n\
                   .d { background: url(\\000068ttps://evil.example/d.png) }\n\
                   @import '\\\nhttps://evil.example/e.css';\n\
                   .f { background: url(\\2f\\2f evil.example/f.png) }\n\
                   .g { background: image-set(\"\\68ttps://evil.example/g.png\" 1x) }\n\
                   .ok { content: \"\\2014\\0\"; background: url(img/\\61.png) }\n\
                   .h { background: url(\\HTTPS://evil.example/h.png) }\n\
                   @import/**/\"https://evil.example/i.css\";\n\
                   @import /* a\n comment */ 'https://evil.example/j.css';\n\
                   .k { background: url(/* x */ \"https://evil.example/k.png\") }\n\
                   .l { background: image-set(/*)*/ \"https://evil.example/l.png\" 1x) }\n";
        let found = external_requests(css, true);
        assert_eq!(
            found,
            [
                (1, "https://evil.example/a.png".to_string()),
                (2, "https://evil.example/b.css".into()),
                (3, "//evil.example/c.png".into()),
                (4, "https://evil.example/d.png".into()),
                (6, "https://evil.example/e.css".into()),
                (7, "//evil.example/f.png".into()),
                (8, "https://evil.example/g.png".into()),
                (10, "HTTPS://evil.example/h.png".into()),
                (11, "https://evil.example/i.css".into()),
                (13, "https://evil.example/j.css".into()),
                (14, "https://evil.example/k.png".into()),
                (15, "https://evil.example/l.png".into()),
            ]
        );
        let template = "<img src=\"&#104;ttps://evil.example/a.gif\" alt=\"\">\n\
            <script src=\"&#x2F;&#x2f;evil.example/b.js\"></script>\n\
            <link rel=\"stylesheet\" href=\"https&colon;//evil.example/c.css\">\n\
            <div style=\"background: url(&#104;ttps://evil.example/d.png)\"></div>\n\
            <img src=\"&#47;&#92;evil.example/e.gif\" alt=\"\">\n\
            <td background=\"&#104;ttps://evil.example/f.png\"></td>\n\
            <style>.g { background: url(\\68 ttps://evil.example/g.png) }</style>\n\
            <img src=\"&#105;mg/local.png\" alt=\"&#104;ttps://a.example/\">\n\
            <a href=\"&#104;ttps://example.org/\">a link is not a request</a>\n";
        let found: Vec<usize> = external_requests(template, false)
            .into_iter()
            .map(|(line, _)| line)
            .collect();
        assert_eq!(found, [1, 2, 3, 4, 5, 6, 7]);
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
