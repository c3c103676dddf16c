//! How a browser reads a URL written in content, before anything decides
//! whether it is safe. The WHATWG URL parser deletes ASCII tab, LF and CR
//! anywhere in a URL and trims C0 controls and spaces from both ends, so
//! `/\t/evil.example/p.png` loads `//evil.example/p.png`: every check of a
//! link or picture address looks at [`browser_form`], and what is written
//! is that form. Pure: no I/O.

use std::borrow::Cow;

/// `url` as a browser reads it: tab, LF and CR deleted wherever they are,
/// C0 controls and spaces (and, to err on the safe side, any other
/// whitespace) trimmed from both ends.
pub fn browser_form(url: &str) -> Cow<'_, str> {
    let edge = |c: char| c <= ' ' || c.is_whitespace();
    let trimmed = url.trim_matches(edge);
    if !trimmed.contains(['\t', '\n', '\r']) {
        return Cow::Borrowed(trimmed);
    }
    let joined: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    // Deleting a tab may bring controls to an end (`\t\u{1}x`): trim again.
    Cow::Owned(joined.trim_matches(edge).to_string())
}

/// The scheme of a URL in [`browser_form`], lowercased, if it has one
/// (`https:`, `tel:`). A one-letter "scheme" is a Windows drive (`C:\…`).
pub fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (valid && scheme.len() > 1).then(|| scheme.to_ascii_lowercase())
}

/// Whether a browser loading `url` (written in a page of the site) would
/// ask another website for it: a web scheme, a `//host` address, or a
/// backslash, which browsers read as a slash (`/\host`).
pub fn elsewhere(url: &str) -> bool {
    let url = browser_form(url);
    url.starts_with("//")
        || url.contains('\\')
        || scheme(&url).is_some_and(|s| matches!(s.as_str(), "http" | "https"))
}

/// Whether a `srcset` value names only files of the site. Erring on the
/// side of refusing: with every ASCII whitespace deleted (browsers split
/// candidates on it, and delete tab, LF and CR inside a URL), it may hold
/// no `//`, no `:` and no backslash.
pub fn srcset_is_local(srcset: &str) -> bool {
    let joined: String = srcset
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    !joined.contains("//") && !joined.contains([':', '\\'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_form_deletes_tab_lf_cr_and_trims_controls() {
        assert_eq!(
            browser_form("/\t/evil.example/p.png"),
            "//evil.example/p.png"
        );
        assert_eq!(browser_form("/\n/e.example"), "//e.example");
        assert_eq!(browser_form("/\r\n/e.example"), "//e.example");
        assert_eq!(browser_form(" \u{1}\u{1f}//e.example \u{0}"), "//e.example");
        assert_eq!(
            browser_form("\t\u{1}h\tttps://e.example"),
            "https://e.example"
        );
        assert_eq!(browser_form("\u{a0}https://e.example"), "https://e.example");
        assert_eq!(browser_form("a b.png"), "a b.png");
        assert!(matches!(browser_form("ok.png"), Cow::Borrowed(_)));
    }

    #[test]
    fn addresses_of_other_websites_are_seen_in_every_disguise() {
        for url in [
            "https://e.example/a.png",
            "HTTP://e.example/a.png",
            "//e.example/a.png",
            "/\t/e.example/a.png",
            " /\n/e.example/a.png",
            "\u{1}//e.example",
            "ht\ttps://e.example",
            "/\\e.example",
            "\\\\e.example",
            "https:e.example",
        ] {
            assert!(elsewhere(url), "{url:?}");
        }
        for url in [
            "a.png",
            "../img/a.png",
            "/img/a.png",
            "#x",
            "tel:111",
            "?a=1",
        ] {
            assert!(!elsewhere(url), "{url:?}");
        }
    }

    #[test]
    fn srcset_with_a_host_or_scheme_anywhere_is_refused() {
        assert!(srcset_is_local("a-480.webp 480w, a-960.webp 960w"));
        assert!(srcset_is_local("../img/a.png 1x,\n ../img/b.png 2x"));
        for srcset in [
            "//e.example/a.png",
            "a.png 1x, //e.example/b.png 2x",
            "/\t/e.example/a.png 1x",
            "a.png 1x, /\n/e.example/b.png 2x",
            "https://e.example/a.png",
            "/\\e.example/a.png",
            "/ /e.example/a.png",
        ] {
            assert!(!srcset_is_local(srcset), "{srcset:?}");
        }
    }
}
