//! What the page rules read from a page, gathered once: the elements they
//! look at (headings, pictures, tables, links, buttons, ids, the theme's
//! links), whether each is in the content (`.prose`), the page's title and
//! language, the text of its own content with the language of each piece,
//! and where the body sits for checking it alone. A page whose tags nest
//! plainly, as loa's templates write them, gives its facts straight from
//! its tokens as they are read (`nest.rs` decides what is plain), without
//! a tree; any other page is parsed into scraper's tree by the HTML
//! standard's rules, and the same facts are read from the tree. The rules
//! (`pages.rs`) see only the facts, so both ways are checked alike; the
//! tests hold the two ways equal on every page they can both read.

use html5ever::tendril::StrTendril;
use html5ever::{Attribute, LocalName, local_name};
use scraper::node::Element;
use scraper::{CaseSensitivity, ElementRef, Html, Node, Selector};
use std::sync::{Arc, LazyLock};

use super::nest::{self, Build};
use super::split::{self, Slot};

/// One element a rule looks at (its values shared, so that an element
/// taken in from [`MEMO`] costs no copy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct El {
    pub(super) name: LocalName,
    /// Inside an element of class `prose` (the content).
    pub(super) in_prose: bool,
    pub(super) id: Option<Arc<str>>,
    pub(super) href: Option<Arc<str>>,
    pub(super) src: Option<Arc<str>>,
    /// Has an `alt` attribute (an empty one too).
    pub(super) alt: bool,
    /// `role="button"`.
    pub(super) role_button: bool,
    /// A link or button: has a name (its `aria-label`, or text or a
    /// picture's `alt` inside that is not all spaces).
    pub(super) named: bool,
    /// A table: has a header cell inside.
    pub(super) th: bool,
    /// A table: its parent is of class `table-scroll` (Markdown's).
    pub(super) scroll: bool,
}

impl El {
    /// Is this a link (`<a href>`)?
    pub(super) fn is_link(&self) -> bool {
        self.name == local_name!("a") && self.href.is_some()
    }

    /// Is this a button (`<button>`, or `role="button"`)?
    pub(super) fn is_button(&self) -> bool {
        self.name == local_name!("button") || self.role_button
    }

    /// The address of a link or a file the theme's element loads.
    pub(super) fn theme_link(&self) -> Option<&str> {
        let linked = match self.name {
            local_name!("a") | local_name!("link") => self.href.is_some(),
            local_name!("script") | local_name!("img") => self.src.is_some(),
            _ => false,
        };
        if linked {
            self.href.as_deref().or(self.src.as_deref())
        } else {
            None
        }
    }

    /// Is `element` one the rules look at?
    fn wanted(name: &LocalName, id: bool, role_button: bool) -> bool {
        id || role_button
            || matches!(
                *name,
                local_name!("h1")
                    | local_name!("img")
                    | local_name!("table")
                    | local_name!("a")
                    | local_name!("link")
                    | local_name!("script")
                    | local_name!("button")
            )
    }

    /// Does it take a name from what is inside (a link or button without
    /// `aria-label`)? Else its name is known when it opens.
    fn naming(&self, label: Option<&str>) -> Option<bool> {
        if !(self.is_link() || self.is_button()) {
            return None;
        }
        Some(label.is_none())
    }
}

/// A piece of the page's own text (its `h1` outside the content, and each
/// `.prose`), with the language it is in: `lang` of the nearest element
/// that has one, or `None` for the page's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct OwnText {
    /// Of the `h1`.
    pub(super) title: bool,
    /// Its texts that are not all spaces, in order (none in a script or
    /// style), each with its language.
    pub(super) texts: Vec<(String, Option<String>)>,
}

/// What the rules read from a page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Facts {
    /// `lang` of the first `<html>` element (`None`: no element or none).
    pub(super) lang: Option<String>,
    /// The first `<title>` in `<head>` has text that is not all spaces.
    pub(super) titled: bool,
    /// The elements the rules look at, in the tree's order (as made).
    pub(super) elements: Vec<El>,
    /// The page's own texts, in order.
    pub(super) own: Vec<OwnText>,
    /// Where the body can be checked alone, when the page stands without
    /// it (`split.rs`).
    pub(super) slot: Option<Slot>,
}

impl Facts {
    /// The facts of the page `text`: from its tokens when its tags nest
    /// plainly, else from the standard's tree.
    pub(super) fn of_page(text: &str) -> Facts {
        if let Some(scan) = nest::build(text, Scan::new(text)) {
            return scan.finish();
        }
        let html = super::tokens::parse(text).unwrap_or_else(|| Html::parse_document(text));
        Facts::of_tree(&html)
    }

    /// The facts of a parsed page or fragment.
    pub(super) fn of_tree(html: &Html) -> Facts {
        static SEL: LazyLock<[Selector; 4]> = LazyLock::new(|| {
            ["head > title", "html", "h1, .prose", ".prose"]
                .map(|css| Selector::parse(css).expect("a valid selector"))
        });
        let [title, root, own, prose] = &*SEL;
        let titled = html
            .select(title)
            .next()
            .is_some_and(|t| !t.text().collect::<String>().trim().is_empty());
        let lang = html
            .select(root)
            .next()
            .and_then(|e| e.value().attr("lang"))
            .map(str::to_string);
        let inside = in_prose(html, prose);
        let mut elements = Vec::new();
        for element in html.tree.nodes().filter_map(ElementRef::wrap) {
            let e = element.value();
            let role_button = e.attr("role") == Some("button");
            if !El::wanted(&e.name.local, e.attr("id").is_some(), role_button) {
                continue;
            }
            let mut el = El {
                name: e.name.local.clone(),
                in_prose: inside.contains(&element.id()),
                id: e.attr("id").map(Arc::from),
                href: e.attr("href").map(Arc::from),
                src: e.attr("src").map(Arc::from),
                alt: e.attr("alt").is_some(),
                role_button,
                named: false,
                th: false,
                scroll: false,
            };
            if el.naming(e.attr("aria-label")).is_some() {
                el.named = !accessible_name(element).is_empty();
            }
            if el.name == local_name!("table") {
                el.th = element
                    .descendants()
                    .skip(1)
                    .any(|n| n.value().as_element().is_some_and(|e| e.name() == "th"));
                el.scroll = element
                    .parent()
                    .and_then(ElementRef::wrap)
                    .is_some_and(|p| {
                        p.value()
                            .has_class("table-scroll", CaseSensitivity::CaseSensitive)
                    });
            }
            elements.push(el);
        }
        let own = html
            .select(own)
            .filter(|e| e.value().name() != "h1" || !inside.contains(&e.id()))
            .map(|e| OwnText {
                title: e.value().name() == "h1",
                texts: texts_in_language(e),
            })
            .collect();
        Facts {
            lang,
            titled,
            elements,
            own,
            slot: split::slot(html),
        }
    }

    /// The ids of the page, each as often as written.
    pub(super) fn ids(&self) -> impl Iterator<Item = &str> {
        self.elements.iter().filter_map(|e| e.id.as_deref())
    }
}

/// The nodes inside an element of class `prose`. Only a class attribute
/// that names `prose` in any case is matched (a document in quirks mode
/// matches classes so), then the selector decides.
fn in_prose(html: &Html, prose: &Selector) -> std::collections::HashSet<ego_tree::NodeId> {
    let mut inside = std::collections::HashSet::new();
    let named = |e: &Element| {
        e.attr("class").is_some_and(|c| {
            c.as_bytes()
                .windows(5)
                .any(|w| w.eq_ignore_ascii_case(b"prose"))
        })
    };
    let outer = html
        .tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(|e| named(e.value()) && prose.matches(e));
    for outer in outer {
        if inside.contains(&outer.id()) {
            continue;
        }
        inside.extend(outer.descendants().skip(1).map(|n| n.id()));
    }
    inside
}

/// The name of a link or button: its `aria-label`, or its text and the
/// `alt` of its pictures.
fn accessible_name(element: ElementRef<'_>) -> String {
    if let Some(label) = element.value().attr("aria-label") {
        return label.trim().to_string();
    }
    let mut name: String = element.text().collect();
    for img in element
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "img")
    {
        name.push_str(img.value().attr("alt").unwrap_or_default());
    }
    name.trim().to_string()
}

/// Each text of `element` that is not all spaces (none in a script or
/// style), in order, with the language it is in: that of the nearest
/// `lang` around it, or `None`. One walk down the tree, carrying the
/// language: looking up from every text took minutes on a page of deeply
/// nested emphasis.
fn texts_in_language(element: ElementRef<'_>) -> Vec<(String, Option<String>)> {
    let around = element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find_map(|e| e.value().attr("lang"));
    let mut found = Vec::new();
    let mut stack = vec![(*element, around)];
    while let Some((node, lang)) = stack.pop() {
        match node.value() {
            Node::Text(text) if !text.trim().is_empty() => {
                found.push((text.to_string(), lang.map(str::to_string)));
            }
            Node::Element(e) if !matches!(e.name(), "script" | "style") => {
                let lang = e.attr("lang").or(lang);
                stack.extend(node.children().rev().map(|child| (child, lang)));
            }
            _ => {}
        }
    }
    found
}

/// An element as the scan knows it.
struct Info {
    name: LocalName,
    parent: usize,
    /// Inside a `.prose` (not counting itself).
    in_prose: bool,
    /// Of class `prose`.
    prose: bool,
    /// Its own `lang`.
    lang: Option<String>,
    /// The nearest element with a `lang` (itself or above), if any.
    lang_at: Option<usize>,
    /// Of class `table-scroll`.
    scroll: bool,
    /// In the body (or it): where elements are taken in from [`MEMO`].
    body: bool,
    /// How many elements are around it.
    depth: usize,
    /// A hash of the names of it and the elements around it, up to the
    /// document: with `lang` and `scroll`, the place an element opens in.
    place: u64,
}

/// Elements shorter than this are read again: finding one read before
/// would cost about as much.
const MEMO_FROM: usize = 200;

/// Elements longer than this, or deeper than [`MEMO_DEPTH`], are not
/// kept: keeping copies the text and the names around it, and a page of
/// deeply nested elements would copy them again at every level.
const MEMO_UPTO: usize = 32 << 10;
const MEMO_DEPTH: usize = 64;

/// At most this much text is kept in [`MEMO`] on each thread, then it
/// starts again.
const MEMO_BYTES: usize = 8 << 20;

/// Elements at most this many at one start (and place) are kept.
const MEMO_WAYS: usize = 8;

/// An element of a page read before: its text, its place (the names of
/// the elements around it, the language and `table-scroll` class of its
/// parent), and what it gave. The same text in the same place gives the
/// same: the tokenizer starts and ends it at a tag, and `nest.rs` decides
/// by the elements around it alone.
struct Known {
    text: Box<str>,
    around: Vec<LocalName>,
    lang: Option<String>,
    scroll: bool,
    elements: Vec<El>,
    own: Vec<OwnText>,
    /// Something in a `.prose` of it besides spaces.
    busy_prose: bool,
}

/// The elements of pages read before on this thread, by a hash of their
/// start and of their place. The pages of a district share most of their
/// template's output (the quick exit, the pinned hotlines, the menu, the
/// search box, the footer): each is read once per place and taken in at
/// once on every other page.
#[derive(Default)]
struct Memo {
    known: rustc_hash::FxHashMap<(u64, u64), Ways>,
    bytes: usize,
    /// Elements taken in, for the tests.
    taken: usize,
}

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// The elements kept at one start and place, the latest last.
#[derive(Default)]
struct Ways {
    known: Vec<Known>,
    /// How often one was kept, and taken in: an element that differs on
    /// every page (the header with the page's own language link) stops
    /// being kept after a while.
    kept: usize,
    taken: usize,
}

/// Once this many were kept at one start and place and none was taken,
/// no more are kept there.
const MEMO_TRIES: usize = 16;

/// The hash of the first bytes of `text`, to find elements read before.
fn start_hash(text: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    let start = &text.as_bytes()[..text.len().min(48)];
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(start)
}

/// An element being read, that may be kept in [`MEMO`].
struct Recording {
    node: usize,
    start: usize,
    elements: usize,
    own: usize,
    busy_prose: usize,
    placeholders: usize,
}

/// The facts of a plainly nested page, gathered as `nest.rs` reads it.
/// Node 0 is the document.
pub(super) struct Scan<'t> {
    text: &'t str,
    nodes: Vec<Info>,
    /// Elements being read that may be kept in [`MEMO`], the innermost last.
    recording: Vec<Recording>,
    facts: Facts,
    /// Open links and buttons named by what is inside, as indexes of
    /// `facts.elements`, with their nodes.
    naming: Vec<(usize, usize)>,
    /// Open tables (`facts.elements`), with their nodes.
    tables: Vec<(usize, usize)>,
    /// Open own texts (`facts.own`), with their nodes.
    own: Vec<(usize, usize)>,
    /// The first `<title>` in `<head>`, while its text is read.
    title: Option<usize>,
    title_seen: bool,
    title_text: String,
    html_seen: bool,
    /// The body's placeholders (`split.rs`): how many, the last one, and
    /// whether anything is in one.
    placeholders: usize,
    placeholder: Option<usize>,
    filled: bool,
    /// Something in a `.prose` besides spaces and the placeholder: how
    /// often.
    busy_prose: usize,
}

impl<'t> Scan<'t> {
    pub(super) fn new(text: &'t str) -> Scan<'t> {
        Scan {
            text,
            recording: Vec::new(),
            nodes: vec![Info {
                name: LocalName::from(""),
                parent: 0,
                in_prose: false,
                prose: false,
                lang: None,
                lang_at: None,
                scroll: false,
                body: false,
                depth: 0,
                place: 0,
            }],
            facts: Facts::default(),
            naming: Vec::new(),
            tables: Vec::new(),
            own: Vec::new(),
            title: None,
            title_seen: false,
            title_text: String::new(),
            html_seen: false,
            placeholders: 0,
            placeholder: None,
            filled: false,
            busy_prose: 0,
        }
    }

    /// The facts gathered.
    pub(super) fn finish(mut self) -> Facts {
        self.facts.titled = !self.title_text.trim().is_empty();
        self.facts.slot = self.slot();
        self.facts
    }

    /// Is the node inside a `.prose`, or one?
    fn prose_at(&self, node: usize) -> bool {
        node != 0 && (self.nodes[node].in_prose || self.nodes[node].prose)
    }

    /// The language around `node` (its own or the nearest above).
    fn lang(&self, node: usize) -> Option<&str> {
        self.nodes[node]
            .lang_at
            .and_then(|at| self.nodes[at].lang.as_deref())
    }

    /// Where the body sits, as [`split::slot`] finds it in the tree.
    fn slot(&self) -> Option<Slot> {
        if self.placeholders != 1 || self.filled || self.busy_prose > 0 {
            return None;
        }
        let placeholder = self.placeholder?;
        let prose = self.nodes[placeholder].parent;
        if prose == 0 || !self.nodes[prose].prose {
            return None;
        }
        let mut chain = Vec::new();
        let mut lang = None;
        let mut at = prose;
        loop {
            if at == 0 {
                return None;
            }
            let info = &self.nodes[at];
            if info.name == local_name!("body") {
                break;
            }
            if !split::PLAIN.contains(&&*info.name) {
                return None;
            }
            if lang.is_none() {
                lang.clone_from(&info.lang);
            }
            chain.push(info.name.to_string());
            at = info.parent;
        }
        let body = at;
        let html = self.nodes[body].parent;
        if html == 0 || self.nodes[html].name != local_name!("html") || self.nodes[html].parent != 0
        {
            return None;
        }
        if lang.is_none() {
            lang = [body, html]
                .iter()
                .find_map(|&n| self.nodes[n].lang.clone());
        }
        chain.reverse();
        Some(Slot { chain, lang })
    }

    /// Can an element opening in `parent` be taken from [`MEMO`] or kept
    /// there? In the body, outside the content, where nothing open around
    /// it gathers what is inside (a link's name, a table's header cells,
    /// the page's own text, the body's placeholder).
    fn memo_place(&self, parent: usize) -> bool {
        parent != 0
            && self.nodes[parent].body
            && !self.prose_at(parent)
            && self.naming.is_empty()
            && self.tables.is_empty()
            && self.own.is_empty()
            && Some(parent) != self.placeholder
    }

    /// The names of `node` and the elements around it, up to the document.
    fn around(&self, mut node: usize) -> Vec<LocalName> {
        let mut names = Vec::new();
        while node != 0 {
            names.push(self.nodes[node].name.clone());
            node = self.nodes[node].parent;
        }
        names
    }

    /// Is `known` in the place of an element opening in `parent`?
    fn same_place(&self, known: &Known, parent: usize) -> bool {
        let info = &self.nodes[parent];
        known.scroll == info.scroll && known.lang.as_deref() == self.lang(parent) && {
            let mut node = parent;
            let mut names = known.around.iter();
            loop {
                match (node, names.next()) {
                    (0, None) => break true,
                    (0, Some(_)) | (_, None) => break false,
                    (n, Some(name)) if self.nodes[n].name == *name => {
                        node = self.nodes[n].parent;
                    }
                    _ => break false,
                }
            }
        }
    }

    /// Keeps the element `rec`, just read to `end`, in [`MEMO`].
    fn keep(&self, rec: &Recording, end: usize) {
        let text = &self.text[rec.start..end];
        let parent = self.nodes[rec.node].parent;
        let known = Known {
            text: text.into(),
            around: self.around(parent),
            lang: self.lang(parent).map(str::to_string),
            scroll: self.nodes[parent].scroll,
            elements: self.facts.elements[rec.elements..].to_vec(),
            own: self.facts.own[rec.own..].to_vec(),
            busy_prose: self.busy_prose > rec.busy_prose,
        };
        let key = (start_hash(text), self.nodes[parent].place);
        MEMO.with_borrow_mut(|memo| {
            if memo.bytes + text.len() > MEMO_BYTES {
                *memo = Memo::default();
            }
            let ways = memo.known.entry(key).or_default();
            if ways.kept >= MEMO_TRIES && ways.taken == 0 {
                return;
            }
            ways.kept += 1;
            let gone = if ways.known.len() == MEMO_WAYS {
                ways.known.remove(0).text.len()
            } else {
                0
            };
            ways.known.push(known);
            memo.bytes = memo.bytes + text.len() - gone;
        });
    }
}

/// The value of the attribute `name`.
fn attr<'a>(attrs: &'a [Attribute], name: &LocalName) -> Option<&'a str> {
    attrs
        .iter()
        .find(|a| a.name.local == *name)
        .map(|a| &*a.value)
}

/// Is `class` one of the classes in the attribute `value`?
fn has_class(value: Option<&str>, class: &str) -> bool {
    value.is_some_and(|v| v.split_ascii_whitespace().any(|c| c == class))
}

impl Build for Scan<'_> {
    type Node = usize;

    fn document(&self) -> usize {
        0
    }

    fn doctype(&mut self) {}

    fn element(
        &mut self,
        parent: usize,
        name: &LocalName,
        attrs: Vec<Attribute>,
        at: usize,
    ) -> usize {
        let node = self.nodes.len();
        if self.memo_place(parent) {
            self.recording.push(Recording {
                node,
                start: at,
                elements: self.facts.elements.len(),
                own: self.facts.own.len(),
                busy_prose: self.busy_prose,
                placeholders: self.placeholders,
            });
        }
        let class = attr(&attrs, &local_name!("class"));
        let in_prose = self.prose_at(parent);
        let placeholder = &**name == split::PLACEHOLDER;
        if in_prose && !placeholder {
            self.busy_prose += 1;
        }
        if parent != 0 && Some(parent) == self.placeholder {
            self.filled = true;
        }
        if placeholder {
            self.placeholders += 1;
            self.placeholder = Some(node);
        }
        let lang = attr(&attrs, &local_name!("lang")).map(str::to_string);
        let lang_at = if lang.is_some() {
            Some(node)
        } else {
            self.nodes[parent].lang_at
        };
        let prose = has_class(class, "prose");
        if *name == local_name!("html") && !self.html_seen {
            self.html_seen = true;
            self.facts.lang.clone_from(&lang);
        }
        if *name == local_name!("title")
            && self.nodes[parent].name == local_name!("head")
            && parent != 0
            && !self.title_seen
        {
            self.title_seen = true;
            self.title = Some(node);
        }
        let role_button = attr(&attrs, &local_name!("role")) == Some("button");
        let id = attr(&attrs, &local_name!("id"));
        if El::wanted(name, id.is_some(), role_button) {
            let alt = attr(&attrs, &local_name!("alt"));
            let mut el = El {
                name: name.clone(),
                in_prose,
                id: id.map(Arc::from),
                href: attr(&attrs, &local_name!("href")).map(Arc::from),
                src: attr(&attrs, &local_name!("src")).map(Arc::from),
                alt: alt.is_some(),
                role_button,
                named: false,
                th: false,
                scroll: *name == local_name!("table") && self.nodes[parent].scroll,
            };
            let label = attr(&attrs, &local_name!("aria-label"));
            let index = self.facts.elements.len();
            match el.naming(label) {
                Some(true) => {
                    // A picture names itself (`descendants` include it).
                    el.named =
                        *name == local_name!("img") && alt.is_some_and(|a| !a.trim().is_empty());
                    self.naming.push((index, node));
                }
                Some(false) => el.named = label.is_some_and(|l| !l.trim().is_empty()),
                None => {}
            }
            if *name == local_name!("table") {
                self.tables.push((index, node));
            }
            self.facts.elements.push(el);
        }
        if *name == local_name!("img")
            && let Some(alt) = attr(&attrs, &local_name!("alt"))
            && !alt.trim().is_empty()
        {
            for &(i, _) in &self.naming {
                self.facts.elements[i].named = true;
            }
        }
        if *name == local_name!("th") {
            for &(i, _) in &self.tables {
                self.facts.elements[i].th = true;
            }
        }
        let h1 = *name == local_name!("h1");
        if (prose || h1) && !(h1 && in_prose) {
            self.own.push((self.facts.own.len(), node));
            self.facts.own.push(OwnText {
                title: h1,
                texts: Vec::new(),
            });
        }
        self.nodes.push(Info {
            name: name.clone(),
            parent,
            in_prose,
            prose,
            lang,
            lang_at,
            scroll: has_class(class, "table-scroll"),
            body: *name == local_name!("body") || self.nodes[parent].body,
            depth: self.nodes[parent].depth + 1,
            place: {
                use std::hash::{BuildHasher, BuildHasherDefault};
                let hasher = BuildHasherDefault::<rustc_hash::FxHasher>::default();
                hasher.hash_one((self.nodes[parent].place, name))
            },
        });
        node
    }

    fn text(&mut self, parent: usize, text: StrTendril) {
        if parent == 0 {
            return;
        }
        if Some(parent) == self.placeholder {
            self.filled = true;
        }
        let blank = text.trim().is_empty();
        if !blank && self.prose_at(parent) {
            self.busy_prose += 1;
        }
        if Some(parent) == self.title {
            self.title_text.push_str(&text);
        }
        if blank {
            return;
        }
        for &(i, _) in &self.naming {
            self.facts.elements[i].named = true;
        }
        if !self.own.is_empty()
            && !matches!(
                self.nodes[parent].name,
                local_name!("script") | local_name!("style")
            )
        {
            let lang = self.lang(parent).map(str::to_string);
            for &(i, _) in &self.own {
                self.facts.own[i]
                    .texts
                    .push((text.to_string(), lang.clone()));
            }
        }
    }

    fn comment(&mut self, parent: usize, _: StrTendril) {
        if self.prose_at(parent) {
            self.busy_prose += 1;
        }
        if parent != 0 && Some(parent) == self.placeholder {
            self.filled = true;
        }
    }

    fn close(&mut self, node: usize, end: usize) {
        for open in [&mut self.naming, &mut self.tables, &mut self.own] {
            while open.last().is_some_and(|&(_, n)| n == node) {
                open.pop();
            }
        }
        if Some(node) == self.title {
            self.title = None;
        }
        if self.recording.last().is_some_and(|r| r.node == node) {
            let rec = self.recording.pop().expect("a recording");
            let len = end - rec.start;
            if (MEMO_FROM..=MEMO_UPTO).contains(&len)
                && self.nodes[rec.node].depth <= MEMO_DEPTH
                && self.placeholders == rec.placeholders
            {
                self.keep(&rec, end);
            }
        }
    }

    fn reads(&self, name: &[u8]) -> bool {
        matches!(
            name,
            b"id" | b"class" | b"href" | b"src" | b"alt" | b"role" | b"aria-label" | b"lang"
        )
    }

    fn known(&mut self, text: &str, at: usize, parent: usize) -> Option<usize> {
        if !self.memo_place(parent) {
            return None;
        }
        let rest = &text[at..];
        let key = (start_hash(rest), self.nodes[parent].place);
        MEMO.with_borrow_mut(|memo| {
            let ways = memo.known.get_mut(&key)?;
            let known = ways
                .known
                .iter()
                .rev()
                .find(|k| rest.starts_with(&*k.text) && self.same_place(k, parent))?;
            ways.taken += 1;
            self.facts.elements.extend_from_slice(&known.elements);
            self.facts.own.extend_from_slice(&known.own);
            self.busy_prose += usize::from(known.busy_prose);
            let len = known.text.len();
            memo.taken += 1;
            Some(len)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of a district, with its template's parts at a length the
    /// memo keeps, and `title` and `menu` where pages differ.
    fn page(title: &str, current: usize) -> String {
        let menu: String = (0..6)
            .map(|i| {
                let current = if i == current {
                    " aria-current=\"true\""
                } else {
                    ""
                };
                format!("<li><a href=\"../s{i}/\"{current}>Section {i} of the site</a></li>\n")
            })
            .collect();
        format!(
            "<!DOCTYPE html>\n<html lang=\"vi\"><head><title>{title}</title></head>\n<body>\n\
             <div class=\"exit\"><a id=\"quick-exit\" href=\"https://example.org/\">Thoát nhanh</a>\
             <p id=\"exit-status\" role=\"status\">Bấm Shift ba lần để rời trang này ngay. Không ai biết bạn đã ở đây.</p><button type=\"button\"></button></div>\n\
             <header><nav class=\"menu\" aria-label=\"Mục chính\"><ul>\n{menu}</ul></nav></header>\n\
             <main id=\"main\"><h1>{title}</h1><div class=\"prose\"><p>Call the police and the hotline now</p>\
             <img src=\"a.png\"></div></main>\n\
             <footer><p lang=\"en\">Safe from the start to the end of the site: no cookies, no tracking, nothing sent to anyone, ever. Call 111 at any hour.</p>\
             <table><tbody><tr><td>no header cell</td></tr></tbody></table></footer>\n</body></html>"
        )
    }

    #[test]
    fn parts_read_before_are_taken_in_with_the_same_facts() {
        MEMO.with_borrow_mut(|m| *m = Memo::default());
        let pages = [
            page("Một", 0),
            page("Hai", 0),
            page("Ba", 3),
            page("Một", 0),
        ];
        for (i, text) in pages.iter().enumerate() {
            let taken = MEMO.with_borrow(|m| m.taken);
            let scan = nest::build(text, Scan::new(text)).expect("plain").finish();
            let tree = Facts::of_tree(&Html::parse_document(text));
            assert_eq!(scan, tree, "page {i}");
            let taken = MEMO.with_borrow(|m| m.taken) - taken;
            // The first page is read whole; the others take the quick exit
            // and the footer (and the header, where its menu is the same,
            // or else the menu's list) at once.
            match i {
                0 => assert_eq!(taken, 0),
                2 => assert_eq!(taken, 2, "page {i}"),
                _ => assert_eq!(taken, 3, "page {i}"),
            }
        }
        assert!(pages.iter().all(|p| Facts::of_page(p).elements.len() > 10));
    }

    #[test]
    fn deeply_nested_elements_are_not_kept_at_every_level() {
        MEMO.with_borrow_mut(|m| *m = Memo::default());
        let depth = 3000;
        let mut text =
            String::from("<!DOCTYPE html><html lang=\"vi\"><head><title>t</title></head><body>");
        text.push_str(&"<div class=\"d\">".repeat(depth));
        text.push_str(&"Gọi 111 khi cần giúp đỡ. ".repeat(20));
        text.push_str(&"</div>".repeat(depth));
        text.push_str("</body></html>");
        let scan = nest::build(&text, Scan::new(&text))
            .expect("plain")
            .finish();
        assert_eq!(scan, Facts::of_tree(&Html::parse_document(&text)));
        // Only elements up to 64 deep and 32 KiB long are kept: here none
        // (each of the outer ones is longer, each of the inner deeper).
        assert_eq!(MEMO.with_borrow(|m| m.bytes), 0);
    }
}
