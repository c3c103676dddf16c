//! A page as two parts for checking: its Markdown body, which every
//! district that publishes the page shares, and the rest, which its
//! template makes for each district. The body is parsed and checked once
//! (per body, address and place in the template), the rest in every
//! district with the body cut out, so a page shared by 126 wards is not
//! parsed 126 times.
//!
//! A page is cut only where the two parts give the same tree as the whole
//! page: the body sits once in the page, alone in a `.prose` element with
//! only plain block elements (`div`, `main`, `article`…) around it, in a
//! standards-mode document; and the body, parsed inside the same elements,
//! closes everything it opens and nothing else. Any other page is parsed
//! whole, as before.

use ego_tree::NodeRef;
use scraper::{CaseSensitivity, ElementRef, Html, Node};

/// The element that stands for the body in the template's part.
pub(super) const PLACEHOLDER: &str = "loa-check-body";
/// The elements that close the body when it is parsed alone.
const END: &str = "loa-check-end";
const AFTER: &str = "loa-check-after";

/// Elements a body may sit in: none of them changes how the HTML inside is
/// parsed (no paragraph, list item, table, button, form or formatting
/// element, whose end tags the body could close or whose content it could
/// move).
pub(super) const PLAIN: &[&str] = &[
    "div", "main", "article", "section", "aside", "header", "footer", "nav",
];

/// Tags in a body that would make it parse differently alone: the
/// document's own elements (`<body>` adds its attributes to the page's),
/// framesets, templates and raw text to the end of the page.
const NOT_ALONE: &[&str] = &[
    "html",
    "/html",
    "head",
    "/head",
    "body",
    "/body",
    "frameset",
    "template",
    "/template",
    "plaintext",
];

/// Can `body` be parsed apart from its page? Not with the tags above, nor
/// with a carriage return or NUL, which the parser rewrites across the cut.
pub(super) fn alone(body: &str) -> bool {
    let bytes = body.as_bytes();
    if memchr::memchr2(b'\r', 0, bytes).is_some() {
        return false;
    }
    memchr::memchr_iter(b'<', bytes).all(|at| {
        let after = &bytes[at + 1..];
        !NOT_ALONE.iter().any(|tag| {
            after.len() >= tag.len() && after[..tag.len()].eq_ignore_ascii_case(tag.as_bytes())
        })
    })
}

/// Where the body sits in the template's part.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Slot {
    /// The elements around it, from below `<body>` down to its `.prose`.
    pub(super) chain: Vec<String>,
    /// The nearest `lang` of the `.prose` element or above it.
    pub(super) lang: Option<String>,
}

/// The page without its body: the body (which must be there once, and
/// hold no part of a document) replaced by a placeholder element.
#[cfg(test)]
fn cut(page: &str, body: &str) -> Option<String> {
    if !alone(body) {
        return None;
    }
    cut_alone(page, body)
}

/// [`cut`], for a body known to hold no part of a document ([`alone`]).
pub(super) fn cut_alone(page: &str, body: &str) -> Option<String> {
    if body.is_empty() {
        return None;
    }
    // Where the body's first bytes are (a searcher for the whole body
    // costs more to make than the search), then where all of it is.
    let head = &body.as_bytes()[..body.len().min(64)];
    let mut found = memchr::memmem::find_iter(page.as_bytes(), head)
        .filter(|&at| page.as_bytes()[at..].starts_with(body.as_bytes()));
    let at = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let mut chrome = String::with_capacity(page.len() - body.len() + 40);
    chrome.push_str(&page[..at]);
    chrome.push_str(&format!("<{PLACEHOLDER}></{PLACEHOLDER}>"));
    chrome.push_str(&page[at + body.len()..]);
    Some(chrome)
}

/// Where the placeholder sits in the parsed template's part, if the body
/// can be checked alone there: a standards-mode document, one
/// placeholder, in a `.prose` element that holds nothing else (but
/// spaces), with only [`PLAIN`] elements up to `<body>`.
pub(super) fn slot(chrome: &Html) -> Option<Slot> {
    // scraper does not re-export html5ever's `QuirksMode`: its name.
    if format!("{:?}", chrome.quirks_mode) != "NoQuirks" {
        return None;
    }
    let mut placeholders = chrome.tree.nodes().filter(|n| {
        n.value()
            .as_element()
            .is_some_and(|e| e.name() == PLACEHOLDER)
    });
    let placeholder = placeholders.next()?;
    if placeholders.next().is_some() || placeholder.has_children() {
        return None;
    }
    let prose = ElementRef::wrap(placeholder.parent()?)?;
    if !is_prose(prose) {
        return None;
    }
    // Each `.prose` holds spaces, or the placeholder alone.
    let only_body = chrome
        .tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(|e| {
            // Only a class attribute that names `prose` is split into classes
            // (in a standards-mode document, classes match case-sensitively).
            e.value().attr("class").is_some_and(|c| c.contains("prose")) && is_prose(*e)
        })
        .all(|p| {
            p.descendants().skip(1).all(|n| match n.value() {
                Node::Text(t) => t.trim().is_empty(),
                _ => n.id() == placeholder.id(),
            })
        });
    if !only_body {
        return None;
    }
    let mut chain = Vec::new();
    let mut lang = None;
    let mut at = Some(*prose);
    while let Some(node) = at {
        let element = node.value().as_element()?;
        let name = element.name();
        if name == "body" {
            break;
        }
        if !PLAIN.contains(&name) || &*element.name.ns != "http://www.w3.org/1999/xhtml" {
            return None;
        }
        if lang.is_none() {
            lang = element.attr("lang").map(str::to_string);
        }
        chain.push(name.to_string());
        at = node.parent();
    }
    // `<body>`, then `<html>` at the top of the document.
    let body = ElementRef::wrap(at?)?;
    let html = ElementRef::wrap(body.parent()?)?;
    if html.value().name() != "html" || !html.parent()?.value().is_document() {
        return None;
    }
    if lang.is_none() {
        lang = [body, html]
            .iter()
            .find_map(|e| e.value().attr("lang"))
            .map(str::to_string);
    }
    chain.reverse();
    Some(Slot { chain, lang })
}

fn is_prose(e: ElementRef<'_>) -> bool {
    e.value().has_class("prose", CaseSensitivity::CaseSensitive)
}

/// The body parsed alone, inside the elements of `slot` (the innermost a
/// `.prose` with the language around it), if it closes everything it
/// opens and nothing else: then its tree is the one it has in the page.
pub(super) fn body_tree(body: &str, slot: &Slot) -> Option<Html> {
    let mut text = String::with_capacity(body.len() + 200);
    let last = slot.chain.len().checked_sub(1)?;
    for (i, name) in slot.chain.iter().enumerate() {
        text.push('<');
        text.push_str(name);
        if i == last {
            text.push_str(" class=\"prose\"");
            if let Some(lang) = &slot.lang {
                text.push_str(" lang=\"");
                text.push_str(&crate::render::markdown::escape(lang));
                text.push('"');
            }
        }
        text.push('>');
    }
    text.push_str(body);
    text.push_str(&format!("<{END}></{END}>"));
    for name in slot.chain.iter().rev() {
        text.push_str(&format!("</{name}>"));
    }
    text.push_str(&format!("<{AFTER}></{AFTER}>"));
    let html = super::tokens::parse_fragment(&text).unwrap_or_else(|| Html::parse_fragment(&text));
    closed(&html, slot).then_some(html)
}

/// Did the body close everything it opened and nothing else? The end
/// marker is the last child of the innermost element written before the
/// body, and the marker after the body's elements the last child of the
/// fragment.
fn closed(html: &Html, slot: &Slot) -> bool {
    let root = html.root_element();
    let mut inner: NodeRef<'_, Node> = *root;
    for name in &slot.chain {
        let Some(first) = inner.children().find(|n| n.value().is_element()) else {
            return false;
        };
        if first.value().as_element().map(|e| e.name()) != Some(name.as_str()) {
            return false;
        }
        inner = first;
    }
    let is = |n: Option<NodeRef<'_, Node>>, name: &str| {
        n.is_some_and(|n| {
            !n.has_children() && n.value().as_element().is_some_and(|e| e.name() == name)
        })
    };
    let ends = html
        .tree
        .nodes()
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == END))
        .count();
    ends == 1 && is(inner.last_child(), END) && is(root.last_child(), AFTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><main><article><h1>T</h1><div class=\"prose\">\n  BODY\n  </div></article></main></body></html>";

    fn page(body: &str) -> String {
        PAGE.replace("BODY", body)
    }

    fn split(body: &str) -> Option<(Slot, Html)> {
        let chrome = cut(&page(body), body)?;
        let slot = slot(&Html::parse_document(&chrome))?;
        let tree = body_tree(body, &slot)?;
        Some((slot, tree))
    }

    #[test]
    fn a_body_that_closes_what_it_opens_is_checked_alone() {
        let (slot, _) = split("<p>Hello <em>you</em></p><ul><li>a</li></ul>").unwrap();
        assert_eq!(slot.chain, ["main", "article", "div"]);
        assert_eq!(slot.lang.as_deref(), Some("en"));
    }

    #[test]
    fn a_body_that_closes_the_template_or_leaves_open_is_parsed_with_the_page() {
        for body in [
            "<p>x</p></div><p>outside</p>",
            "<p>x</p></article>",
            "<p>x</p></main>",
            "<p><span>open",
            "<b>bold",
            "<p>x</p><!-- open",
            "<p>x</p><script>",
            "<p>x</p></body><p>y</p>",
            "<body class=x><p>x</p>",
            "<p>x\r\n</p>",
        ] {
            assert!(split(body).is_none(), "{body:?}");
        }
    }

    #[test]
    fn a_template_that_is_not_plain_around_the_body_is_parsed_whole() {
        let body = "<p>x</p>";
        for page in [
            // In a list item, a table, a paragraph, a link.
            "<!DOCTYPE html><html><body><ul><li><div class=\"prose\">B</div></li></ul></body></html>",
            "<!DOCTYPE html><html><body><table><tr><td><div class=\"prose\">B</div></td></tr></table></body></html>",
            "<!DOCTYPE html><html><body><a href=x><div class=\"prose\">B</div></a></body></html>",
            // Something of the template's inside the `.prose`.
            "<!DOCTYPE html><html><body><div class=\"prose\"><h2>x</h2>B</div></body></html>",
            "<!DOCTYPE html><html><body><div class=\"prose\">words B</div></body></html>",
            // Not in a `.prose`; twice; quirks mode.
            "<!DOCTYPE html><html><body><div>B</div></body></html>",
            "<!DOCTYPE html><html><body><div class=\"prose\">B</div><div class=\"prose\">B</div></body></html>",
            "<html><body><div class=\"prose\">B</div></body></html>",
        ] {
            let page = page.replace('B', body);
            let parsed = cut(&page, body).and_then(|c| slot(&Html::parse_document(&c)));
            assert!(parsed.is_none(), "{page}");
        }
    }
}
