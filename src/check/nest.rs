//! Builds the tree of a page whose tags nest plainly, as templates write
//! them, without html5ever's tree builder: each start tag opens an element
//! in the one open last, each end tag closes that one. For such pages the
//! HTML standard's tree construction does nothing else (no implied,
//! moved, reopened or ignored element), so the tree is the same; the
//! reader's tokens (`tokens.rs`) are put into scraper's tree through the
//! same sink html5ever uses, or straight into the facts the checks read
//! (`facts.rs`, a [`Build`] that may also take in a whole element it has
//! read before). Anything where the standard does more (an
//! implied `<tbody>` or `<body>`, a `<p>` closed by a `<div>`, a list item
//! closing another, misnested formatting, foreign content, forms in forms,
//! `<template>`, `<select>`...) gives `None`, and html5ever's tree builder
//! reads the page. Written by hand because the tree builder's general
//! case (insertion modes, scopes, the active formatting list) was the
//! largest part of `loa check` left after the tokenizer, and no crate
//! builds the standard's tree for the plain case alone.

use ego_tree::NodeId;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Tag, TagKind, Token};
use html5ever::tree_builder::{NodeOrText, TreeSink, create_element};
use html5ever::{Attribute, LocalName, QualName, local_name, ns};
use scraper::{Html, HtmlTreeSink};

use super::tokens::{self, Next, Receiver};

/// What a plainly nested page is built into: scraper's tree, or the facts
/// the checks read (`facts.rs`). Each node goes into the element given.
pub(super) trait Build {
    /// A node made: an element, or the document.
    type Node: Copy;
    /// The document, at the top.
    fn document(&self) -> Self::Node;
    /// `<!DOCTYPE html>`: a standards-mode document.
    fn doctype(&mut self);
    /// A new element in `parent`, its start tag at `at` in the text.
    fn element(
        &mut self,
        parent: Self::Node,
        name: &LocalName,
        attrs: Vec<Attribute>,
        at: usize,
    ) -> Self::Node;
    /// Text at the end of `parent`.
    fn text(&mut self, parent: Self::Node, text: StrTendril);
    /// A comment at the end of `parent`.
    fn comment(&mut self, parent: Self::Node, comment: StrTendril);
    /// The element `node` is complete: closed, or void; its end at `end`
    /// in the text.
    fn close(&mut self, node: Self::Node, end: usize);

    /// At the start tag at `at` of `text`, in the body, in `parent`: the
    /// length of a whole element there that was read before in the same
    /// place, when what it gave is taken in at once.
    fn known(&mut self, _text: &str, _at: usize, _parent: Self::Node) -> Option<usize> {
        None
    }

    /// Does it read the attribute `name` (in lower case)?
    fn reads(&self, _name: &[u8]) -> bool {
        true
    }
}

/// Scraper's tree, built through the sink html5ever uses.
pub(super) struct Tree(HtmlTreeSink);

impl Build for Tree {
    type Node = NodeId;

    fn document(&self) -> NodeId {
        self.0.get_document()
    }

    fn doctype(&mut self) {
        let html = StrTendril::from_slice("html");
        self.0
            .append_doctype_to_document(html, StrTendril::new(), StrTendril::new());
    }

    fn element(
        &mut self,
        parent: NodeId,
        name: &LocalName,
        attrs: Vec<Attribute>,
        _: usize,
    ) -> NodeId {
        let qual = QualName::new(None, ns!(html), name.clone());
        let element = create_element(&self.0, qual, attrs);
        self.0.append(&parent, NodeOrText::AppendNode(element));
        element
    }

    fn text(&mut self, parent: NodeId, text: StrTendril) {
        self.0.append(&parent, NodeOrText::AppendText(text));
    }

    fn comment(&mut self, parent: NodeId, comment: StrTendril) {
        let node = self.0.create_comment(comment);
        self.0.append(&parent, NodeOrText::AppendNode(node));
    }

    fn close(&mut self, _: NodeId, _: usize) {}
}

/// The page `text` as `Html::parse_document` makes it, when it is written
/// in the plain syntax and its tags nest plainly.
pub(super) fn document(text: &str) -> Option<Html> {
    build(text, Tree(HtmlTreeSink::new(Html::new_document()))).map(|t| t.0.finish())
}

/// The page `text` built into `build`, when it is written in the plain
/// syntax and its tags nest plainly.
pub(super) fn build<B: Build>(text: &str, build: B) -> Option<B> {
    let mut nest = Nest {
        build,
        open: Vec::new(),
        mode: Mode::Initial,
        newline: false,
        form: false,
        span: (0, 0),
    };
    tokens::read(text, &mut nest)?;
    if !matches!(
        nest.mode,
        Mode::InBody | Mode::AfterBody | Mode::AfterAfterBody
    ) {
        return None;
    }
    for &(node, _) in nest.open.iter().rev() {
        nest.build.close(node, text.len());
    }
    Some(nest.build)
}

/// The HTML `text` as `Html::parse_fragment` makes it (in a `<body>`),
/// when it is written in the plain syntax and its tags nest plainly.
pub(super) fn fragment(text: &str) -> Option<Html> {
    let sink = HtmlTreeSink::new(Html::new_fragment());
    // The standard's fragment parsing: an `<html>` root, open, in body.
    let name = QualName::new(None, ns!(html), local_name!("html"));
    let root = create_element(&sink, name, Vec::new());
    sink.append(&sink.get_document(), NodeOrText::AppendNode(root));
    let mut nest = Nest {
        build: Tree(sink),
        open: vec![(root, local_name!("html"))],
        mode: Mode::Fragment,
        newline: false,
        form: false,
        span: (0, 0),
    };
    tokens::read(text, &mut nest)?;
    Some(nest.build.0.finish())
}

/// Where in the document the next token goes: the standard's insertion
/// modes that plain pages pass through.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
    AfterBody,
    AfterAfterBody,
    /// In body, in a fragment (no `<body>` element of its own).
    Fragment,
}

/// The tree being built.
struct Nest<B: Build> {
    build: B,
    /// The open elements, the innermost last.
    open: Vec<(B::Node, LocalName)>,
    mode: Mode,
    /// A newline starting the next text is dropped (after `<pre>` and
    /// `<textarea>`).
    newline: bool,
    /// A form is open (a second one would be ignored).
    form: bool,
    /// Where the token being read is in the text.
    span: (usize, usize),
}

/// Elements whose start tag the standard treats otherwise than opening an
/// element in the current one: implied or merged document elements,
/// foreign content, templates, frames, raw text of their own, list and
/// ruby items that close each other, select boxes, table parts outside
/// their places, the formatting elements that are markers or reopen.
const NOT_PLAIN: &[LocalName] = &[
    local_name!("html"),
    local_name!("head"),
    local_name!("body"),
    local_name!("frameset"),
    local_name!("frame"),
    local_name!("template"),
    local_name!("noscript"),
    local_name!("iframe"),
    local_name!("noembed"),
    local_name!("noframes"),
    local_name!("xmp"),
    local_name!("plaintext"),
    local_name!("listing"),
    local_name!("image"),
    local_name!("isindex"),
    local_name!("svg"),
    local_name!("math"),
    local_name!("select"),
    local_name!("option"),
    local_name!("optgroup"),
    local_name!("caption"),
    local_name!("colgroup"),
    local_name!("col"),
    local_name!("tbody"),
    local_name!("thead"),
    local_name!("tfoot"),
    local_name!("tr"),
    local_name!("td"),
    local_name!("th"),
    local_name!("applet"),
    local_name!("marquee"),
    local_name!("object"),
    local_name!("nobr"),
    local_name!("ruby"),
    local_name!("rb"),
    local_name!("rp"),
    local_name!("rt"),
    local_name!("rtc"),
    local_name!("keygen"),
    local_name!("menuitem"),
    local_name!("basefont"),
    local_name!("bgsound"),
];

/// Elements whose content is text only.
const RAW: &[LocalName] = &[
    local_name!("title"),
    local_name!("style"),
    local_name!("script"),
    local_name!("textarea"),
];

/// Elements with no content: no end tag, nothing opened.
const VOID: &[LocalName] = &[
    local_name!("area"),
    local_name!("base"),
    local_name!("br"),
    local_name!("embed"),
    local_name!("hr"),
    local_name!("img"),
    local_name!("input"),
    local_name!("link"),
    local_name!("meta"),
    local_name!("param"),
    local_name!("source"),
    local_name!("track"),
    local_name!("wbr"),
];

/// Elements that may start inside an open `<p>` without closing it (the
/// standard closes the paragraph before most others).
const IN_PARAGRAPH: &[LocalName] = &[
    local_name!("a"),
    local_name!("abbr"),
    local_name!("area"),
    local_name!("audio"),
    local_name!("b"),
    local_name!("bdi"),
    local_name!("bdo"),
    local_name!("big"),
    local_name!("br"),
    local_name!("button"),
    local_name!("canvas"),
    local_name!("cite"),
    local_name!("code"),
    local_name!("data"),
    local_name!("del"),
    local_name!("dfn"),
    local_name!("em"),
    local_name!("embed"),
    local_name!("font"),
    local_name!("i"),
    local_name!("img"),
    local_name!("input"),
    local_name!("ins"),
    local_name!("kbd"),
    local_name!("label"),
    local_name!("map"),
    local_name!("mark"),
    local_name!("meter"),
    local_name!("output"),
    local_name!("picture"),
    local_name!("progress"),
    local_name!("q"),
    local_name!("s"),
    local_name!("samp"),
    local_name!("script"),
    local_name!("small"),
    local_name!("source"),
    local_name!("span"),
    local_name!("strike"),
    local_name!("strong"),
    local_name!("style"),
    local_name!("sub"),
    local_name!("sup"),
    local_name!("textarea"),
    local_name!("time"),
    local_name!("track"),
    local_name!("tt"),
    local_name!("u"),
    local_name!("var"),
    local_name!("video"),
    local_name!("wbr"),
];

/// The parts of a table in which each may start.
const TABLE_PARTS: &[(LocalName, &[LocalName])] = &[
    (local_name!("tbody"), &[local_name!("table")]),
    (local_name!("thead"), &[local_name!("table")]),
    (local_name!("tfoot"), &[local_name!("table")]),
    (
        local_name!("tr"),
        &[
            local_name!("tbody"),
            local_name!("thead"),
            local_name!("tfoot"),
        ],
    ),
    (local_name!("td"), &[local_name!("tr")]),
    (local_name!("th"), &[local_name!("tr")]),
];

/// The lists whose items do not close each other.
const LISTS: &[LocalName] = &[local_name!("ul"), local_name!("ol"), local_name!("menu")];

const HEADINGS: &[LocalName] = &[
    local_name!("h1"),
    local_name!("h2"),
    local_name!("h3"),
    local_name!("h4"),
    local_name!("h5"),
    local_name!("h6"),
];

/// Elements of a table that hold rows or cells, not text or other elements.
const TABLE_CONTEXT: &[LocalName] = &[
    local_name!("table"),
    local_name!("tbody"),
    local_name!("thead"),
    local_name!("tfoot"),
    local_name!("tr"),
];

/// Is `text` only the standard's ASCII whitespace?
fn blank(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' '))
}

impl<B: Build> Receiver for Nest<B> {
    fn take(&mut self, token: Token) -> Option<Next> {
        let newline = std::mem::take(&mut self.newline);
        match token {
            Token::CharacterTokens(mut text) => {
                if newline && text.starts_with('\n') {
                    text.pop_front(1);
                }
                self.text(text)?;
            }
            Token::CommentToken(comment) => self.comment(comment),
            Token::DoctypeToken(_) if self.mode == Mode::Initial => {
                // The reader hands only `<!DOCTYPE html>`: standards mode.
                self.build.doctype();
                self.mode = Mode::BeforeHtml;
            }
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => return self.start(tag),
            Token::TagToken(tag) => self.end(&tag)?,
            Token::EOFToken => {}
            _ => return None,
        }
        Some(Next::Markup)
    }

    fn span(&mut self, start: usize, end: usize) {
        self.span = (start, end);
    }

    fn reads(&self, name: &[u8]) -> bool {
        self.build.reads(name)
    }

    fn known(&mut self, text: &str, at: usize) -> Option<usize> {
        // In the body, where an element opens in the current one.
        if self.mode != Mode::InBody || self.newline {
            return None;
        }
        let &(parent, _) = self.current()?;
        self.build.known(text, at, parent)
    }
}

impl<B: Build> Nest<B> {
    /// The innermost open element.
    fn current(&self) -> Option<&(B::Node, LocalName)> {
        self.open.last()
    }

    fn current_is(&self, names: &[LocalName]) -> bool {
        self.current().is_some_and(|(_, n)| names.contains(n))
    }

    /// Is the innermost open element but `<div>`s one of `lists`? Then a
    /// list item starting closes no other (the standard looks for one up
    /// to the first element of its special kind but `<div>`).
    fn in_list(&self, lists: &[LocalName]) -> bool {
        self.open
            .iter()
            .rev()
            .find(|(_, n)| *n != local_name!("div"))
            .is_some_and(|(_, n)| lists.contains(n))
    }

    fn is_open(&self, name: &LocalName) -> bool {
        self.open.iter().any(|(_, n)| n == name)
    }

    /// Text where the mode puts it: spaces are dropped before `<head>`,
    /// kept in the head and after it; other text only in the body.
    fn text(&mut self, text: StrTendril) -> Option<()> {
        if text.is_empty() {
            return Some(());
        }
        // The text of `<title>`, `<style>`, `<script>`, `<textarea>`.
        if self.current_is(RAW) {
            self.append_text(text);
            return Some(());
        }
        match self.mode {
            Mode::Initial | Mode::BeforeHtml | Mode::BeforeHead => blank(&text).then_some(()),
            Mode::InHead | Mode::AfterHead | Mode::AfterBody | Mode::AfterAfterBody => {
                blank(&text).then(|| self.append_text(text))
            }
            Mode::InBody | Mode::Fragment => {
                if self.current_is(TABLE_CONTEXT) && !blank(&text) {
                    return None; // moved before the table
                }
                self.append_text(text);
                Some(())
            }
        }
    }

    fn append_text(&mut self, text: StrTendril) {
        if let Some(&(parent, _)) = self.current() {
            self.build.text(parent, text);
        }
    }

    /// A comment where the mode puts it.
    fn comment(&mut self, comment: StrTendril) {
        let parent = match self.mode {
            Mode::Initial | Mode::BeforeHtml | Mode::AfterAfterBody => self.build.document(),
            // After the body, in the `<html>` element.
            Mode::AfterBody => self.open[0].0,
            _ => self
                .current()
                .map_or_else(|| self.build.document(), |(id, _)| *id),
        };
        self.build.comment(parent, comment);
    }

    /// Opens (or, for a void element, adds) the element of `tag` in the
    /// current one (or in the document, for `<html>`).
    fn insert(&mut self, tag: Tag) -> Option<Next> {
        let name = tag.name;
        let parent = match self.current() {
            Some((parent, _)) => *parent,
            None => self.build.document(),
        };
        let element = self.build.element(parent, &name, tag.attrs, self.span.0);
        if VOID.contains(&name) {
            self.build.close(element, self.span.1);
            return Some(Next::Markup);
        }
        let next = match name {
            local_name!("title") | local_name!("textarea") => Next::Raw(RawKind::Rcdata),
            local_name!("style") => Next::Raw(RawKind::Rawtext),
            local_name!("script") => Next::Raw(RawKind::ScriptData),
            _ => Next::Markup,
        };
        self.newline = matches!(name, local_name!("pre") | local_name!("textarea"));
        self.form |= name == local_name!("form");
        self.open.push((element, name));
        Some(next)
    }

    fn start(&mut self, tag: Tag) -> Option<Next> {
        match (self.mode, &tag.name) {
            (Mode::BeforeHtml, &local_name!("html")) => {
                self.mode = Mode::BeforeHead;
                self.insert(tag)
            }
            (Mode::BeforeHead, &local_name!("head")) => {
                self.mode = Mode::InHead;
                self.insert(tag)
            }
            (
                Mode::InHead,
                &(local_name!("meta")
                | local_name!("link")
                | local_name!("base")
                | local_name!("title")
                | local_name!("style")
                | local_name!("script")),
            ) => self.insert(tag),
            (Mode::AfterHead, &local_name!("body")) => {
                self.mode = Mode::InBody;
                self.insert(tag)
            }
            (Mode::InBody | Mode::Fragment, _) => self.in_body(tag),
            _ => None,
        }
    }

    /// A start tag in the body: opened in the current element when the
    /// standard would do just that.
    fn in_body(&mut self, tag: Tag) -> Option<Next> {
        let name = &tag.name;
        if let Some((_, parents)) = TABLE_PARTS.iter().find(|(part, _)| part == name) {
            return if self.current_is(parents) {
                self.insert(tag)
            } else {
                None
            };
        }
        let plain = !NOT_PLAIN.contains(name)
            // Rows and cells only in their places, nothing else in a table.
            && !self.current_is(TABLE_CONTEXT)
            && (!self.is_open(&local_name!("p")) || IN_PARAGRAPH.contains(name))
            && match *name {
                local_name!("li") => self.in_list(LISTS),
                local_name!("dd") | local_name!("dt") => self.in_list(&[local_name!("dl")]),
                local_name!("h1")
                | local_name!("h2")
                | local_name!("h3")
                | local_name!("h4")
                | local_name!("h5")
                | local_name!("h6") => !self.current_is(HEADINGS),
                local_name!("a") | local_name!("button") => !self.is_open(name),
                local_name!("form") => !self.form,
                _ => true,
            };
        if plain { self.insert(tag) } else { None }
    }

    /// Closes the current element.
    fn pop(&mut self) {
        if let Some((node, _)) = self.open.pop() {
            self.build.close(node, self.span.1);
        }
    }

    /// An end tag closes the current element, or the head or body as the
    /// modes do; anything else is not plain.
    fn end(&mut self, tag: &Tag) -> Option<()> {
        let name = &tag.name;
        let current = self.current().map(|(_, n)| n);
        let document = matches!(
            *name,
            local_name!("html") | local_name!("body") | local_name!("head")
        );
        match (self.mode, name) {
            (Mode::InHead, &local_name!("head")) if current == Some(name) => {
                self.pop();
                self.mode = Mode::AfterHead;
            }
            (Mode::InBody, &local_name!("body")) if current == Some(name) => {
                self.mode = Mode::AfterBody;
            }
            (Mode::InBody, &local_name!("html")) if current == Some(&local_name!("body")) => {
                self.mode = Mode::AfterAfterBody;
            }
            (Mode::AfterBody, &local_name!("html")) => self.mode = Mode::AfterAfterBody,
            (Mode::InHead | Mode::InBody | Mode::Fragment, _)
                if current == Some(name) && !document =>
            {
                if *name == local_name!("form") {
                    self.form = false;
                }
                self.pop();
            }
            _ => return None,
        }
        Some(())
    }
}
