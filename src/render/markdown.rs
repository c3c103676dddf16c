//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough,
//! smart punctuation, heading ids for anchors, links and images passed
//! through a resolver, and raw HTML sanitised. Pure: no I/O.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::iter::Peekable;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{BrokenLink, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

pub use crate::model::{LinkKind, Picture, Resolved};
use crate::read::slug::slugify;

/// A heading of the body, for anchors and tables of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 2 to 6 (the page title is the only level 1).
    pub level: u8,
    /// The `id` attribute.
    pub id: String,
    /// The heading's text.
    pub text: String,
    /// Its line in the Markdown file.
    pub line: usize,
}

/// The text of a link, for checks of vague or empty link text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkText {
    /// Line in the Markdown file.
    pub line: usize,
    /// The visible text (image alt text included).
    pub text: String,
    /// The destination as written.
    pub dest: String,
}

/// A start tag of the raw HTML in the Markdown, with its line: how the
/// checks of the rendered page find the line of an element written in HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTag {
    /// Line in the Markdown file.
    pub line: usize,
    /// The tag as written (before sanitising).
    pub tag: crate::render::rawhtml::StartTag,
}

/// The rendered body of one page.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The HTML (moved into the page's template value once rendered).
    pub html: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Every `id` in the HTML (headings and footnotes), for anchor checks.
    pub ids: Vec<String>,
    /// Lines of images written without alt text.
    pub images_without_alt: Vec<usize>,
    /// Images whose alt text only says they are decoration
    /// (`![trang trí](vien.png)`): line and text.
    pub decoration_alts: Vec<(usize, String)>,
    /// How many pictures were written as `<picture>`.
    pub pictures: usize,
    /// Whether the first image is the lead image, loaded at once (see
    /// [`LEAD_TEXT`]).
    pub lead_image: bool,
    /// Whether the source had level-1 headings (shifted down one level,
    /// since the page title is the page's only `h1`).
    pub shifted_headings: bool,
    /// Whether raw HTML was present (and sanitised).
    pub had_raw_html: bool,
    /// Plain text of the first paragraph, for lists without a description.
    pub summary: String,
    /// Every link's text.
    pub link_texts: Vec<LinkText>,
    /// Every `tel:` and `sms:` link written in raw HTML (`<a
    /// href="tel:111">Gọi 111</a>`), with the text a reader sees in it
    /// (entities decoded, tags left out) and its `href` as a browser reads
    /// the attribute.
    pub raw_phone_links: Vec<LinkText>,
    /// Whether the body has any text at all.
    pub has_text: bool,
    /// The first line of raw HTML, if any.
    pub raw_html_line: usize,
    /// Every start tag of the raw HTML, in order.
    pub raw_tags: Vec<RawTag>,
    /// What sanitising removed from the raw HTML (`<script>`, `onclick`…).
    pub removed_html: Vec<String>,
    /// The line of the first raw tag with something removed (else of the
    /// first raw HTML).
    pub removed_html_line: usize,
    /// Links to other websites written in raw HTML.
    pub raw_links: Vec<String>,
    /// Pictures from other websites that raw HTML asked for (`<img src>`,
    /// `srcset`…), left out: line and address.
    pub external_images: Vec<(usize, String)>,
    /// Attributes written on headings (`## A {.class onclick=…}`) and
    /// removed, with the heading's line.
    pub heading_attributes: Vec<(usize, Vec<String>)>,
    /// The line where lists or quotes nest deeper than anyone can read
    /// (and than is safe to hand to HTML parsers), if they do.
    pub too_deep: Option<usize>,
    /// The line where raw HTML elements nest deeper than
    /// `crate::render::rawhtml::MAX_HTML_NESTING`, if they do. Such a body is
    /// never handed to the sanitiser, and its HTML stays empty.
    pub too_deep_html: Option<usize>,
    /// The line of a raw HTML tag with more attributes than
    /// `crate::render::rawhtml::MAX_HTML_ATTRIBUTES`, if one has them.
    /// Such a body is never handed to the sanitiser either.
    pub crowded_html: Option<usize>,
    /// Links and pictures written in Markdown that CommonMark reads as
    /// plain text (an address with spaces, brackets that do not pair):
    /// line and what went wrong.
    pub as_text: Vec<(usize, crate::render::astext::Lost)>,
}

/// The lead image: the body's first image is loaded at once
/// (`loading="eager"`, `fetchpriority="high"`) when at most this many
/// characters of text come before it (headings included): it starts the
/// body or follows a short lead paragraph, so on a 360 px phone it is on
/// the first screen or just below it. Every other image is lazy, loaded
/// only when the reader scrolls near it.
pub const LEAD_TEXT: usize = 160;

/// Alt texts that only say an image is decoration, in Vietnamese and
/// English (compared in lower case, without surrounding punctuation).
const DECORATION_WORDS: &[&str] = &[
    "decorative",
    "decoration",
    "decorative image",
    "decorative picture",
    "decorative border",
    "ornament",
    "spacer",
    "trang trí",
    "hình trang trí",
    "ảnh trang trí",
    "họa tiết",
    "hoạ tiết",
    "họa tiết trang trí",
    "hoạ tiết trang trí",
    "viền trang trí",
];

/// Whether an alt text only says the image is decoration: a screen reader
/// would read "decoration" aloud, where `alt=""` makes it skip the image.
pub fn says_decoration(alt: &str) -> bool {
    let normalised = alt
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    DECORATION_WORDS.contains(&normalised.as_str())
}

/// How deeply lists and quotes may nest.
pub const MAX_NESTING: usize = 16;

/// How wide a body picture is shown: the whole screen on a phone, the text
/// column (46rem, less its padding) on wider screens.
pub const PICTURE_SIZES: &str = "(min-width: 46rem) 44rem, 100vw";

/// Interface labels the HTML needs.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// `aria-label` of the scrollable wrapper around tables.
    pub table: String,
    /// `aria-label` of the footnotes list.
    pub footnotes: String,
    /// Text of the link from a footnote back to its reference.
    pub back_to_text: String,
    /// Ids the templates use, which headings must not take.
    pub reserved_ids: Vec<String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `text`, whose first line is line `first_line` of its file.
/// `resolve` is called with each link or image destination and its line.
pub fn render(
    text: &str,
    first_line: usize,
    labels: &Labels,
    resolve: &mut dyn FnMut(&str, LinkKind, usize) -> Resolved,
) -> Body {
    render_under(text, first_line, labels, resolve, 2)
}

/// Renders `text` as [`render`] does, its headings moved down so that none
/// is above level `top` (2 in a page under its `h1`; 3 on a leaflet, where
/// the page's title is an `h2`).
pub fn render_under(
    text: &str,
    first_line: usize,
    labels: &Labels,
    resolve: &mut dyn FnMut(&str, LinkKind, usize) -> Resolved,
    top: u8,
) -> Body {
    let mut broken: Vec<crate::render::astext::Broken> = Vec::new();
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_with_broken_link_callback(
        text,
        options(),
        Some(|link: BrokenLink<'_>| {
            broken.push((
                link.span.clone(),
                link.link_type,
                link.reference.to_string(),
            ));
            None
        }),
    )
    .into_offset_iter()
    .collect();
    let as_text = crate::render::astext::find(text, &events, &broken);
    // The page title is the page's only `h1`: level-1 headings of the body
    // move down a level, and the others with them.
    let min_level = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min();
    let shift = min_level.map_or(0, |min| top.saturating_sub(min));
    let mut writer = Writer {
        body: Body {
            shifted_headings: min_level == Some(1),
            ..Body::default()
        },
        out: Vec::with_capacity(events.len()),
        // Ids of the page around the body are taken: a heading "Main" gets
        // `main-2`, so the skip link still leads to the main content.
        used_ids: RESERVED_IDS
            .iter()
            .map(|id| (id.to_string(), 1))
            .chain(labels.reserved_ids.iter().map(|id| (id.clone(), 1)))
            .collect(),
        footnotes: HashMap::new(),
        referenced: HashSet::new(),
        reserved: labels.reserved_ids.iter().cloned().collect(),
        state: State::default(),
        lines: LineIndex::new(text, first_line),
        labels,
        resolve,
        shift,
        depth: 0,
        html_nesting: crate::render::rawhtml::Nesting::default(),
        raw_rewrites: HashMap::new(),
    };
    writer.body.as_text = as_text
        .into_iter()
        .map(|f| (writer.lines.line(f.offset), f.lost))
        .collect();
    let mut events = events.into_iter().peekable();
    while let Some((event, range)) = events.next() {
        writer.event(event, range, &mut events);
    }
    writer.finish(text.len())
}

/// The parser's events with their byte ranges, still to be written.
type Events<'t> = Peekable<std::vec::IntoIter<(Event<'t>, Range<usize>)>>;

/// One body being written: the events out, and what is learnt on the way.
struct Writer<'t, 'r> {
    body: Body,
    out: Vec<Event<'t>>,
    used_ids: HashMap<String, usize>,
    footnotes: HashMap<String, usize>,
    /// Footnotes whose first reference carries the `fnref-N` id already.
    referenced: HashSet<usize>,
    /// The ids of the page around the body ([`Labels::reserved_ids`]), for
    /// lookups in constant time.
    reserved: HashSet<String>,
    state: State,
    lines: LineIndex,
    labels: &'r Labels,
    resolve: &'r mut dyn FnMut(&str, LinkKind, usize) -> Resolved,
    shift: u8,
    depth: usize,
    html_nesting: crate::render::rawhtml::Nesting,
    /// What the resolver made of raw HTML's addresses (see
    /// [`Writer::resolve_raw`]), applied when the HTML is sanitised.
    raw_rewrites: RawRewrites,
}

/// Raw HTML's `href`s, `src`s and `srcset`s as the resolver made them,
/// keyed by the attribute and the address as written (in its browser
/// form; a `srcset` as the sanitiser reads it): the new address, or `None`
/// when the resolver dropped it (every address of a `srcset`).
type RawRewrites = HashMap<(&'static str, String), Option<String>>;

#[derive(Default)]
struct State {
    in_footnotes: bool,
    footnote_number: usize,
    in_first_paragraph: bool,
    summary_done: bool,
    dropping_link: bool,
    /// The open link leads to another website and was written as HTML
    /// with `rel="noreferrer"`: its end is written so too.
    external_link: bool,
    current_link: Option<LinkText>,
    /// A raw `<a href="tel:…">` (or `sms:`) not yet closed: its text so far.
    raw_phone_link: Option<LinkText>,
    /// Characters of text written before the first image.
    text_before_image: usize,
    /// Whether an image was written yet.
    image_seen: bool,
}

impl<'t> Writer<'t, '_> {
    fn event(&mut self, event: Event<'t>, range: Range<usize>, events: &mut Events<'t>) {
        self.track_nesting(&event, &range);
        match event {
            Event::Start(tag @ Tag::Heading { .. }) => self.heading(tag, &range, events),
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => self.image(&dest_url, &title, &range, events),
            Event::Start(Tag::Table(alignments)) => self.table_start(alignments.len()),
            Event::End(TagEnd::Table) => {
                self.out.push(Event::End(TagEnd::Table));
                self.out.push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::FootnoteReference(name) => self.footnote_reference(&name),
            Event::Start(Tag::FootnoteDefinition(name)) => self.footnote_start(&name),
            Event::End(TagEnd::FootnoteDefinition) => self.footnote_end(events),
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                self.raw_html(html, &range);
                self.out.push(event);
            }
            Event::Start(Tag::Paragraph)
                if self.body.summary.is_empty() && !self.state.summary_done =>
            {
                self.state.in_first_paragraph = true;
                self.out.push(event);
            }
            Event::End(TagEnd::Paragraph) if self.state.in_first_paragraph => {
                self.state.in_first_paragraph = false;
                self.state.summary_done = true;
                self.out.push(event);
            }
            other => self.text_or_inline(other, range.start),
        }
    }

    /// A table, in a region that scrolls on its own on a narrow screen
    /// (focusable, so a keyboard can scroll it: its `tabindex` is marked
    /// as loa's own, see [`OWN_MARK`]). Column alignment would be inline
    /// styles, which the pages' Content-Security-Policy refuses anyway.
    fn table_start(&mut self, columns: usize) {
        self.out.push(Event::Html(CowStr::from(format!(
            "<div class=\"table-scroll\" role=\"region\" {OWN_ATTRIBUTE}=\"{}\" aria-label=\"{}\">\n",
            OWN_MARK.as_str(),
            escape(&self.labels.table)
        ))));
        let plain = vec![pulldown_cmark::Alignment::None; columns];
        self.out.push(Event::Start(Tag::Table(plain)));
    }

    /// Text (counted, and kept for the summary while in the first
    /// paragraph) and every other inline event.
    fn text_or_inline(&mut self, event: Event<'t>, offset: usize) {
        if matches!(event, Event::Text(_) | Event::Code(_)) && self.in_removed_text() {
            // The sanitiser removes it with its element.
            self.out.push(event);
            return;
        }
        if let Event::Text(t) | Event::Code(t) = &event {
            self.count_text(t);
            if self.state.in_first_paragraph {
                self.body.summary.push_str(t);
            }
            self.body.has_text |= !t.trim().is_empty();
        }
        if let Some(e) = self.inline(event, offset) {
            self.out.push(e);
        }
    }

    /// Whether text here is the content of a raw `<script>` or `<style>`
    /// (`## Ba <script>alert(1)</script>`): the sanitiser removes it with
    /// its element, so it is no heading's id or text, no link's text and
    /// no part of the summary that lists and the page's description show.
    fn in_removed_text(&self) -> bool {
        matches!(self.html_nesting.raw_text(), Some("script" | "style"))
    }

    /// Lists and quotes nested too deep are reported (HTML parsers slow down
    /// badly on them, and nobody can read them).
    fn track_nesting(&mut self, event: &Event<'_>, range: &Range<usize>) {
        match event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                self.depth += 1;
                if self.depth > MAX_NESTING && self.body.too_deep.is_none() {
                    self.body.too_deep = Some(self.lines.line(range.start));
                }
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => {
                self.depth = self.depth.saturating_sub(1);
            }
            _ => {}
        }
    }

    fn raw_html(&mut self, html: &str, range: &Range<usize>) {
        if !self.body.had_raw_html {
            self.body.raw_html_line = self.lines.line(range.start);
        }
        self.body.had_raw_html = true;
        if self.body.too_deep_html.is_some() || self.body.crowded_html.is_some() {
            return;
        }
        let mut tags = Vec::new();
        let too_deep = self.html_nesting.feed_noting(html, &mut tags);
        let line = self.lines.line(range.start);
        // The event's text may lack the `> ` of a quote around it, so lines
        // are counted in the text itself, from one tag to the next (tags
        // come in order: counting from the start each time was quadratic).
        let (mut counted, mut lines) = (0, 0);
        let first_new = self.body.raw_tags.len();
        self.body.raw_tags.extend(tags.into_iter().map(|tag| {
            let upto = tag.offset.max(counted);
            lines += html.as_bytes()[counted..upto]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted = upto;
            RawTag {
                line: line + lines,
                tag,
            }
        }));
        if self.html_nesting.crowded {
            self.body.crowded_html = self.body.raw_tags.last().map(|t| t.line);
        } else if too_deep {
            self.body.too_deep_html = Some(line);
        }
        self.resolve_raw(html, first_new);
        self.raw_phone_links(html, first_new);
    }

    /// Follows raw `<a>` links to `tel:` and `sms:` through this piece of
    /// raw HTML: a start tag opens one (closing the one open, as HTML
    /// does), `</a>` closes it, and the text between is what the reader
    /// sees (what comes in Markdown text events between two pieces is
    /// added by [`Writer::inline`]).
    fn raw_phone_links(&mut self, html: &str, first_new: usize) {
        // The `<a>` start tags of this piece: offset, line and the phone
        // link's `href`, if it is one.
        let anchors: Vec<(usize, usize, Option<String>)> = self.body.raw_tags[first_new..]
            .iter()
            .filter(|raw| raw.tag.name == "a")
            .map(|raw| {
                let href = raw.tag.attr("href").and_then(|value| {
                    let value = if value.contains('&') {
                        let end = crate::render::rawhtml::tag_end(html, raw.tag.offset);
                        decoded_attribute(&html[raw.tag.offset..end], "a", "href")?
                    } else {
                        value.to_string()
                    };
                    let form = crate::read::weburl::browser_form(&value);
                    crate::read::weburl::scheme(&form)
                        .is_some_and(|s| matches!(s.as_str(), "tel" | "sms"))
                        .then(|| form.into_owned())
                });
                (raw.tag.offset, raw.line, href)
            })
            .collect();
        if anchors.iter().all(|(_, _, href)| href.is_none()) && self.state.raw_phone_link.is_none()
        {
            return;
        }
        let mut anchors = anchors.into_iter().peekable();
        let bytes = html.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let lt = memchr::memchr(b'<', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            if let Some(link) = &mut self.state.raw_phone_link {
                link.text.push_str(&html_text(&html[at..lt]));
            }
            if lt == bytes.len() {
                break;
            }
            while anchors.next_if(|(offset, _, _)| *offset < lt).is_some() {}
            if let Some((_, line, href)) = anchors.next_if(|(offset, _, _)| *offset == lt) {
                self.close_raw_phone_link();
                self.state.raw_phone_link = href.map(|dest| LinkText {
                    line,
                    text: String::new(),
                    dest,
                });
                at = crate::render::rawhtml::tag_end(html, lt);
                continue;
            }
            let rest = &bytes[lt + 1..];
            let closes_a = rest.len() >= 2
                && rest[0] == b'/'
                && rest[1].eq_ignore_ascii_case(&b'a')
                && !rest.get(2).is_some_and(u8::is_ascii_alphanumeric);
            if closes_a {
                self.close_raw_phone_link();
            }
            at = if rest.first().is_some_and(u8::is_ascii_alphabetic) {
                crate::render::rawhtml::tag_end(html, lt)
            } else if rest.starts_with(b"!--") {
                html[lt + 4..]
                    .find("-->")
                    .map_or(bytes.len(), |e| lt + 4 + e + 3)
            } else {
                memchr::memchr(b'>', rest).map_or(bytes.len(), |i| lt + 1 + i + 1)
            };
        }
    }

    /// The open raw phone link, if any, is complete.
    fn close_raw_phone_link(&mut self) {
        if let Some(link) = self.state.raw_phone_link.take() {
            self.body.raw_phone_links.push(link);
        }
    }

    /// Raw HTML's links (`<a href>`, `<area href>`) to pages, files,
    /// anchors and phone numbers, and its pictures of the site (`<img
    /// src>`, and each address of an `<img>` or `<source>` `srcset`), go
    /// through the resolver as Markdown's do: a `.md` link leads to its
    /// page, a broken link or a `tel:` number that is not Vietnamese is a
    /// finding at its line, a picture is published without its metadata.
    /// Links to other websites and unsafe schemes are the sanitiser's
    /// (a `srcset` naming another website is left out whole).
    fn resolve_raw(&mut self, html: &str, first_new: usize) {
        let mut wanted = Vec::new();
        let mut srcsets = Vec::new();
        for raw in &self.body.raw_tags[first_new..] {
            let fetched: &[(&'static str, LinkKind)] = match raw.tag.name.as_str() {
                "a" | "area" => &[("href", LinkKind::Link)],
                "img" => &[("src", LinkKind::Image), ("srcset", LinkKind::Image)],
                "source" => &[("srcset", LinkKind::Image)],
                _ => continue,
            };
            for &(attribute, kind) in fetched {
                let Some(value) = raw.tag.attr(attribute) else {
                    continue;
                };
                let value = if value.contains('&') {
                    // The tag alone: parsing the rest of the HTML for each
                    // tag was quadratic (40,000 links took 46 s).
                    let end = crate::render::rawhtml::tag_end(html, raw.tag.offset);
                    match decoded_attribute(&html[raw.tag.offset..end], &raw.tag.name, attribute) {
                        Some(value) => Cow::Owned(value),
                        None => continue,
                    }
                } else {
                    Cow::Borrowed(value)
                };
                if attribute == "srcset" {
                    // Kept only when every address is the site's (see
                    // `fetching`); the sanitiser sees the value as written.
                    if crate::read::weburl::srcset_is_local(&value)
                        && !self
                            .raw_rewrites
                            .contains_key(&("srcset", value.to_string()))
                    {
                        srcsets.push((value.into_owned(), raw.line));
                    }
                    continue;
                }
                let form = crate::read::weburl::browser_form(&value);
                if resolvable(&form, kind)
                    && !self
                        .raw_rewrites
                        .contains_key(&(attribute, form.to_string()))
                {
                    wanted.push((attribute, kind, form.into_owned(), raw.line));
                }
            }
        }
        for (attribute, kind, form, line) in wanted {
            let resolved = self.resolve_raw_address(&form, kind, line);
            self.raw_rewrites.insert((attribute, form), resolved);
        }
        for (srcset, line) in srcsets {
            let mut kept = Vec::new();
            for (address, descriptors) in srcset_candidates(&srcset) {
                let form = crate::read::weburl::browser_form(address);
                let address = if resolvable(&form, LinkKind::Image) {
                    self.resolve_raw_address(&form, LinkKind::Image, line)
                } else {
                    Some(form.into_owned())
                };
                if let Some(address) = address {
                    kept.push(if descriptors.is_empty() {
                        address
                    } else {
                        format!("{address} {descriptors}")
                    });
                }
            }
            let rewritten = (!kept.is_empty()).then(|| kept.join(", "));
            self.raw_rewrites.insert(("srcset", srcset), rewritten);
        }
    }

    /// What the resolver makes of one address raw HTML wrote at `line`:
    /// the address to write, or `None` when it is dropped.
    fn resolve_raw_address(&mut self, form: &str, kind: LinkKind, line: usize) -> Option<String> {
        match (self.resolve)(form, kind, line) {
            Resolved::Href(href) => Some(href),
            Resolved::Picture(picture) => {
                self.body.pictures += 1;
                Some(picture.src)
            }
            Resolved::Drop => None,
        }
    }

    /// A heading: its text gives its id (unique on the page).
    fn heading(&mut self, start: Tag<'t>, range: &Range<usize>, events: &mut Events<'t>) {
        let Tag::Heading {
            level,
            id,
            classes,
            attrs,
        } = start
        else {
            return;
        };
        let mut inner = Vec::new();
        let mut text = String::new();
        for (e, _) in events.by_ref() {
            if matches!(e, Event::End(TagEnd::Heading(_))) {
                break;
            }
            let removed = match &e {
                Event::Text(_) | Event::Code(_) if self.in_removed_text() => true,
                Event::Text(t) | Event::Code(t) => {
                    text.push_str(t);
                    false
                }
                // Raw HTML inside a heading is cleaned like any other.
                Event::Html(html) | Event::InlineHtml(html) => {
                    self.raw_html(html, range);
                    false
                }
                _ => false,
            };
            inner.push((e, removed));
        }
        let line = self.lines.line(range.start);
        let wanted = self.heading_id(id.as_deref(), &text, line);
        self.note_heading_attributes(&classes, &attrs, line);
        let id = unique_id(&mut self.used_ids, wanted);
        self.count_text(&text);
        let level = shift_level(level, self.shift);
        self.body.ids.push(id.clone());
        self.body.has_text |= !text.trim().is_empty();
        self.body.headings.push(Heading {
            level: level as u8,
            id: id.clone(),
            text: text.trim().to_string(),
            line,
        });
        // Only the id: classes and other attributes would borrow the
        // theme's looks or run script, and no sanitiser sees a page
        // written in plain Markdown.
        self.out.push(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(id)),
            classes: Vec::new(),
            attrs: Vec::new(),
        }));
        for (e, removed) in inner {
            if removed {
                self.out.push(e);
            } else if let Some(e) = self.inline(e, range.start) {
                self.out.push(e);
            }
        }
        self.out.push(Event::End(TagEnd::Heading(level)));
    }

    /// The id a heading asks for: a `{#id}` of letters, digits, `-` and
    /// `_` that the page frame and the footnotes do not use, or else its
    /// text's slug. An id written and not kept is reported at `line`.
    fn heading_id(&mut self, written: Option<&str>, text: &str, line: usize) -> String {
        if let Some(id) = written {
            let reserved = RESERVED_IDS.contains(&id)
                || self.reserved.contains(id)
                || id.starts_with("fn-")
                || id.starts_with("fnref-");
            let plain = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
            if plain && !reserved {
                return id.to_string();
            }
            self.body
                .heading_attributes
                .push((line, vec![format!("id=\"{id}\"")]));
        }
        let slug = slugify(text);
        if slug.is_empty() {
            "section".to_string()
        } else {
            slug
        }
    }

    /// Notes the classes and attributes written on a heading at `line`,
    /// which are not written out.
    fn note_heading_attributes(
        &mut self,
        classes: &[CowStr<'_>],
        attrs: &[(CowStr<'_>, Option<CowStr<'_>>)],
        line: usize,
    ) {
        let mut removed: Vec<String> = Vec::new();
        if !classes.is_empty() {
            removed.push("class".to_string());
        }
        for (name, _) in attrs {
            let what = name.to_lowercase();
            if !removed.contains(&what) {
                removed.push(what);
            }
        }
        if removed.is_empty() {
            return;
        }
        match self.body.heading_attributes.last_mut() {
            Some((at, found)) if *at == line => found.extend(removed),
            _ => self.body.heading_attributes.push((line, removed)),
        }
    }

    /// Counts text ahead of the first image, for [`LEAD_TEXT`].
    fn count_text(&mut self, text: &str) {
        if !self.state.image_seen {
            self.state.text_before_image += text.trim().chars().count();
        }
    }

    /// How the browser should load the image being written: the lead image
    /// at once and first, every other one when it scrolls near.
    fn loading(&mut self) -> &'static str {
        let lead = !self.state.image_seen && self.state.text_before_image <= LEAD_TEXT;
        self.state.image_seen = true;
        if lead {
            self.body.lead_image = true;
            " loading=\"eager\" fetchpriority=\"high\">"
        } else {
            " loading=\"lazy\" decoding=\"async\">"
        }
    }

    /// An image, written by hand for its loading attributes.
    fn image(&mut self, dest: &str, title: &str, range: &Range<usize>, events: &mut Events<'t>) {
        let mut alt = String::new();
        for (e, _) in events.by_ref() {
            match e {
                Event::End(TagEnd::Image) => break,
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                _ => {}
            }
        }
        let line = self.lines.line(range.start);
        // `![""](border.png)` marks a decorative picture: `alt=""`, so
        // screen readers skip it.
        let decorative = matches!(alt.trim(), "\"\"" | "“”");
        if decorative {
            alt.clear();
        } else if alt.trim().is_empty() {
            self.body.images_without_alt.push(line);
        } else if says_decoration(&alt) {
            self.body
                .decoration_alts
                .push((line, alt.trim().to_string()));
        }
        if let Some(link) = &mut self.state.current_link {
            link.text.push_str(&alt);
        }
        let resolved = (self.resolve)(dest, LinkKind::Image, line);
        // A picture is content, and so is the alt text left of one dropped.
        self.body.has_text |= !alt.trim().is_empty() || matches!(resolved, Resolved::Href(_));
        let shown = alt.trim();
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", escape(title))
        };
        let tag = match resolved {
            Resolved::Href(src) => format!(
                "<img src=\"{}\" alt=\"{}\"{title}{}",
                escape(&src),
                escape(shown),
                self.loading()
            ),
            Resolved::Picture(p) => {
                self.body.pictures += 1;
                format!(
                    "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{PICTURE_SIZES}\">\
                     <img src=\"{}\" srcset=\"{}\" sizes=\"{PICTURE_SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\"{title}{}</picture>",
                    escape(&p.webp),
                    escape(&p.src),
                    escape(&p.fallback),
                    p.width,
                    p.height,
                    escape(shown),
                    self.loading()
                )
            }
            Resolved::Drop => {
                self.out.push(Event::Text(CowStr::from(alt)));
                return;
            }
        };
        self.out.push(Event::InlineHtml(CowStr::from(tag)));
    }

    /// Footnote numbers are given in order of first use.
    fn footnote_number(&mut self, name: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(name.to_string()).or_insert(next)
    }

    fn footnote_reference(&mut self, name: &str) {
        let n = self.footnote_number(name);
        // Only the first reference carries the id the note links back to
        // (a set, not a search of every id: 100k references in one page
        // took two minutes).
        let html = if !self.referenced.insert(n) {
            format!("<sup class=\"footnote-ref\"><a href=\"#fn-{n}\">{n}</a></sup>")
        } else {
            let id = format!("fnref-{n}");
            self.body.ids.push(id.clone());
            format!("<sup class=\"footnote-ref\"><a href=\"#fn-{n}\" id=\"{id}\">{n}</a></sup>")
        };
        self.out.push(Event::InlineHtml(CowStr::from(html)));
    }

    fn footnote_start(&mut self, name: &str) {
        let n = self.footnote_number(name);
        if !self.state.in_footnotes {
            self.state.in_footnotes = true;
            self.out.push(Event::Html(CowStr::from(format!(
                "<section class=\"footnotes\" aria-label=\"{}\">\n",
                escape(&self.labels.footnotes)
            ))));
        }
        self.body.ids.push(format!("fn-{n}"));
        self.out.push(Event::Html(CowStr::from(format!(
            "<div class=\"footnote\" id=\"fn-{n}\"><span class=\"footnote-label\">{n}.</span> "
        ))));
        self.state.footnote_number = n;
    }

    fn footnote_end(&mut self, events: &mut Events<'t>) {
        self.out.push(Event::Html(CowStr::from(format!(
            " <a href=\"#fnref-{}\" class=\"footnote-back\">{}</a></div>\n",
            self.state.footnote_number,
            escape(&self.labels.back_to_text)
        ))));
        let more = events
            .peek()
            .is_some_and(|(e, _)| matches!(e, Event::Start(Tag::FootnoteDefinition(_))));
        if !more {
            self.state.in_footnotes = false;
            self.out.push(Event::Html(CowStr::from("</section>\n")));
        }
    }

    /// Inline events: links go through the resolver (unsafe ones are
    /// dropped, their text stays) and their texts are collected.
    fn inline(&mut self, event: Event<'t>, offset: usize) -> Option<Event<'t>> {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let line = self.lines.line(offset);
                self.state.current_link = Some(LinkText {
                    line,
                    text: String::new(),
                    dest: dest_url.to_string(),
                });
                match (self.resolve)(&dest_url, LinkKind::Link, line) {
                    // A link to another website tells it nothing of the
                    // page it was followed from, even in an old browser
                    // that ignores the page's referrer policy.
                    Resolved::Href(href) if crate::read::weburl::elsewhere(&href) => {
                        self.state.external_link = true;
                        let title = if title.is_empty() {
                            String::new()
                        } else {
                            format!(" title=\"{}\"", escape(&title))
                        };
                        Some(Event::InlineHtml(CowStr::from(format!(
                            "<a href=\"{}\" rel=\"noreferrer\"{title}>",
                            escape_href(&href)
                        ))))
                    }
                    Resolved::Href(href) => Some(Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(href),
                        title,
                        id,
                    })),
                    Resolved::Drop | Resolved::Picture(_) => {
                        self.state.dropping_link = true;
                        None
                    }
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(link) = self.state.current_link.take() {
                    self.body.link_texts.push(link);
                }
                if std::mem::take(&mut self.state.dropping_link) {
                    None
                } else if std::mem::take(&mut self.state.external_link) {
                    Some(Event::InlineHtml(CowStr::from("</a>")))
                } else {
                    Some(Event::End(TagEnd::Link))
                }
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                if let Some(link) = &mut self.state.current_link {
                    link.text.push_str(text);
                }
                if let Some(link) = &mut self.state.raw_phone_link {
                    link.text.push_str(text);
                }
                Some(event)
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(link) = &mut self.state.raw_phone_link {
                    link.text.push(' ');
                }
                Some(event)
            }
            other => Some(other),
        }
    }

    /// The HTML, sanitised when the Markdown had raw HTML.
    fn finish(mut self, source_len: usize) -> Body {
        self.close_raw_phone_link();
        let refused = [
            self.body.too_deep,
            self.body.too_deep_html,
            self.body.crowded_html,
        ];
        if refused.iter().any(Option::is_some) {
            // An error for the page; no parser gets to chew on it.
            return self.body;
        }
        let mut html_out = String::with_capacity(source_len * 3 / 2);
        html::push_html(&mut html_out, self.out.into_iter());
        if self.body.had_raw_html {
            RAW_REWRITES.set(std::mem::take(&mut self.raw_rewrites));
            let (clean, left_out) = sanitise_noting(&html_out);
            RAW_REWRITES.take();
            let dropped = RESOLVER_DROPPED.take();
            self.body.removed_html = removed(&html_out, &clean, &left_out, &dropped);
            self.body.removed_html_line = removed_line(&self.body);
            self.body.raw_links = links_in(&clean);
            self.body.external_images = place(&self.body, &left_out);
            html_out = clean;
        }
        let own = format!("{OWN_ATTRIBUTE}=\"{}\"", OWN_MARK.as_str());
        if html_out.contains(&own) {
            html_out = html_out.replace(&own, "tabindex=\"0\"");
        }
        self.body.summary = truncate_words(self.body.summary.trim(), 200);
        self.body.html = html_out;
        self.body
    }
}

/// Whether raw HTML's address `form` (in its browser form) goes through
/// the resolver: an address of the site, or for a link a `tel:` or `sms:`
/// number. Other websites and other schemes are the sanitiser's.
fn resolvable(form: &str, kind: LinkKind) -> bool {
    match crate::read::weburl::scheme(form) {
        Some(scheme) => matches!(scheme.as_str(), "tel" | "sms") && kind == LinkKind::Link,
        None => !form.is_empty() && !form.starts_with("//") && !form.contains('\\'),
    }
}

/// The candidates of a `srcset`, as the HTML standard splits them: each
/// address (a run without whitespace, trailing commas dropped) with its
/// descriptors (`2x`, `480w`), up to the next comma outside parentheses.
fn srcset_candidates(srcset: &str) -> Vec<(&str, &str)> {
    let mut candidates = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return candidates;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (address, after) = rest.split_at(end);
        if address.ends_with(',') {
            candidates.push((address.trim_end_matches(','), ""));
            rest = after;
            continue;
        }
        let mut depth = 0usize;
        let mut stop = after.len();
        for (i, c) in after.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    stop = i;
                    break;
                }
                _ => {}
            }
        }
        candidates.push((address, after[..stop].trim()));
        rest = &after[stop..];
    }
}

/// The value of `attribute` on the start tag `tag` (an element `name`),
/// every character reference decoded as a browser decodes it (`&#43;`,
/// `&Tab;`): the sanitiser sees it so. `None` if an HTML parser reads no
/// such element first.
/// The text a reader sees of a run of raw HTML text: character references
/// (`&nbsp;`, `&#49;`) decoded, and a line break or tab seen as a space.
fn html_text(text: &str) -> Cow<'_, str> {
    let text = if text.contains('&') {
        let doc = scraper::Html::parse_fragment(text);
        Cow::Owned(doc.root_element().text().collect())
    } else {
        Cow::Borrowed(text)
    };
    if text.contains(['\n', '\r', '\t']) {
        Cow::Owned(text.replace(['\n', '\r', '\t'], " "))
    } else {
        text
    }
}

fn decoded_attribute(tag: &str, name: &str, attribute: &str) -> Option<String> {
    let doc = scraper::Html::parse_fragment(tag);
    let first = doc
        .tree
        .nodes()
        .filter_map(|n| n.value().as_element())
        .find(|e| !matches!(e.name(), "html" | "body"))?;
    if first.name() != name {
        return None;
    }
    first.attr(attribute).map(str::to_string)
}

/// The line of each picture address the sanitiser left out of `body`:
/// that of the raw start tag with the same element, attribute and address
/// (or, failing that, the same element and attribute) not yet used. The
/// tags are indexed once, and each list is walked once, so a page of 100k
/// such pictures costs no more than 100k lookups.
fn place(body: &Body, left_out: &[LeftOut]) -> Vec<(usize, String)> {
    type Queue = std::collections::VecDeque<usize>;
    let wanted: HashSet<(&str, &str)> = left_out
        .iter()
        .map(|o| (o.element.as_str(), o.attribute.as_str()))
        .collect();
    let mut by_value: HashMap<(&str, &str, String), Queue> = HashMap::new();
    let mut by_attribute: HashMap<(&str, &str), Queue> = HashMap::new();
    for (i, raw) in body.raw_tags.iter().enumerate() {
        for &(element, attribute) in &wanted {
            if raw.tag.name != element {
                continue;
            }
            if let Some(v) = raw.tag.attr(attribute) {
                by_value
                    .entry((element, attribute, shown_address(attribute, v)))
                    .or_default()
                    .push_back(i);
                by_attribute
                    .entry((element, attribute))
                    .or_default()
                    .push_back(i);
            }
        }
    }
    let mut used = vec![false; body.raw_tags.len()];
    let mut first_free = |queue: Option<&mut Queue>| {
        let queue = queue?;
        while let Some(&i) = queue.front() {
            if !used[i] {
                used[i] = true;
                return Some(i);
            }
            queue.pop_front();
        }
        None
    };
    let mut placed = Vec::with_capacity(left_out.len());
    for out in left_out {
        let key = (out.element.as_str(), out.attribute.as_str());
        let found = first_free(by_value.get_mut(&(key.0, key.1, out.shown.clone())))
            .or_else(|| first_free(by_attribute.get_mut(&key)));
        let line = found.map_or(body.raw_html_line, |i| body.raw_tags[i].line);
        placed.push((line, out.shown.clone()));
    }
    placed
}

fn shift_level(level: HeadingLevel, shift: u8) -> HeadingLevel {
    match (level as u8).saturating_add(shift) {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Where the sections of `text` start: the byte offset of each heading of
/// its highest level that stands on its own (not in a list or a quote).
pub fn sections(text: &str) -> Vec<usize> {
    let mut depth = 0usize;
    let mut found: Vec<(u8, usize)> = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) => {
                depth += 1;
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                depth = depth.saturating_sub(1);
            }
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                found.push((level as u8, range.start));
            }
            _ => {}
        }
    }
    let top = found.iter().map(|(level, _)| *level).min();
    found
        .into_iter()
        .filter(|(level, _)| Some(*level) == top)
        .map(|(_, start)| start)
        .collect()
}

/// A block of text as paper shows it, for estimating how much room a text
/// takes: how many characters, and what kind of block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextBlock {
    /// A heading's level, or `None` for a paragraph, list item, quote or
    /// table row.
    pub heading: Option<u8>,
    /// Whether it is a list item (indented, closer together).
    pub item: bool,
    /// Its characters (spaces included).
    pub chars: usize,
}

/// The blocks of text of `text`, in order (pictures count by their alt
/// text; code by its characters).
pub fn text_blocks(text: &str) -> Vec<TextBlock> {
    let mut blocks = Vec::new();
    let mut chars = 0usize;
    let mut items = 0usize;
    let mut flush = |chars: &mut usize, heading: Option<u8>, item: bool| {
        if *chars > 0 {
            blocks.push(TextBlock {
                heading,
                item,
                chars: *chars,
            });
        }
        *chars = 0;
    };
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => chars += t.chars().count(),
            Event::SoftBreak | Event::HardBreak => chars += 1,
            Event::Start(Tag::Item) => {
                flush(&mut chars, None, items > 0);
                items += 1;
            }
            Event::End(TagEnd::Item) => {
                flush(&mut chars, None, true);
                items = items.saturating_sub(1);
            }
            Event::End(TagEnd::Heading(level)) => flush(&mut chars, Some(level as u8), false),
            Event::Start(Tag::List(_)) => flush(&mut chars, None, items > 0),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_),
            ) => flush(&mut chars, None, items > 0),
            _ => {}
        }
    }
    flush(&mut chars, None, false);
    blocks
}

/// `wanted`, or `wanted-2`, `wanted-3`… whichever is still free.
fn unique_id(used: &mut HashMap<String, usize>, wanted: String) -> String {
    let Some(&last) = used.get(&wanted) else {
        used.insert(wanted.clone(), 1);
        return wanted;
    };
    let mut n = last;
    loop {
        n += 1;
        let id = format!("{wanted}-{n}");
        if !used.contains_key(&id) {
            used.insert(wanted, n);
            used.insert(id.clone(), 1);
            return id;
        }
    }
}

/// Maps byte offsets to file lines.
struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    fn new(text: &str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts, first_line }
    }

    fn line(&self, offset: usize) -> usize {
        let index = self.starts.partition_point(|&s| s <= offset);
        index.max(1) - 1 + self.first_line
    }
}

/// Escapes text for an HTML attribute or text node.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// `href` written as pulldown-cmark writes a link's address in HTML.
fn escape_href(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    pulldown_cmark_escape::escape_href(&mut out, href).expect("writing to a String cannot fail");
    out
}

/// `text` cut to at most `max` characters, between words, with `…`.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

/// Classes loa's own Markdown output uses; the only ones raw HTML keeps.
const OWN_CLASSES: &[&str] = &[
    "table-scroll",
    "footnotes",
    "footnote",
    "footnote-label",
    "footnote-back",
    "footnote-ref",
];

/// Ids the page frame and its script rely on; never given to content.
pub const RESERVED_IDS: &[&str] = &["main", "quick-exit", "exit-status", "loa-errors"];

/// The attribute loa's own table wrappers carry through the sanitiser in
/// place of their `tabindex="0"`, which content may not have (a positive
/// one would put a fake "quick exit" first in Tab order).
const OWN_ATTRIBUTE: &str = "data-loa-own";

/// The value that marks [`OWN_ATTRIBUTE`] as written by loa: random for
/// each run, so content cannot forge it, and never in the output (it is
/// replaced by `tabindex="0"`).
static OWN_MARK: LazyLock<String> = LazyLock::new(|| {
    use std::hash::BuildHasher;
    let state = std::collections::hash_map::RandomState::new();
    format!("{:016x}{:016x}", state.hash_one(1u8), state.hash_one(2u8))
});

/// Attributes that make a browser fetch a file as the page loads.
pub(crate) const FETCHING: &[&str] = &[
    "src",
    "srcset",
    "poster",
    "background",
    "data",
    "lowsrc",
    "dynsrc",
];

/// A picture address the sanitiser left out because it is on another
/// website.
#[derive(Debug, Clone)]
struct LeftOut {
    element: String,
    attribute: String,
    /// The value as the HTML parser read it.
    value: String,
    /// The address as the finding shows it (see [`shown_address`]).
    shown: String,
}

thread_local! {
    /// What the sanitiser left out during the current [`sanitise_noting`]
    /// on this thread.
    static LEFT_OUT: std::cell::RefCell<Vec<LeftOut>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The raw HTML addresses the resolver rewrote, for the body being
    /// sanitised on this thread (see [`Writer::resolve_raw`]).
    static RAW_REWRITES: std::cell::RefCell<RawRewrites> = std::cell::RefCell::new(HashMap::new());
    /// The raw HTML attributes (name and value) left out because the
    /// resolver dropped their address: reported by the resolver's
    /// finding, not as unsafe HTML.
    static RESOLVER_DROPPED: std::cell::RefCell<Vec<(String, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What the resolver made of an address raw HTML wrote (`None` when it
/// dropped it, noted in `RESOLVER_DROPPED`), if it saw it.
fn raw_rewrite(attribute: &'static str, form: &str) -> Option<Option<String>> {
    let rewritten =
        RAW_REWRITES.with_borrow(|rewrites| rewrites.get(&(attribute, form.to_string())).cloned());
    if let Some(None) = rewritten {
        RESOLVER_DROPPED.with_borrow_mut(|d| d.push((attribute.to_string(), form.to_string())));
    }
    rewritten
}

/// An address as findings show it: as a browser reads it (`srcset`
/// candidates on one line).
fn shown_address(attribute: &str, value: &str) -> String {
    if attribute == "srcset" {
        value.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        crate::read::weburl::browser_form(value).into_owned()
    }
}

/// A fetching attribute is kept, in its browser form, only when it names a
/// file of the site; one that would load from another website is left out
/// and noted.
fn fetching<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    let local = if attribute == "srcset" {
        crate::read::weburl::srcset_is_local(value)
    } else {
        !crate::read::weburl::elsewhere(value)
    };
    if local {
        if attribute == "srcset" {
            if matches!(element, "img" | "source")
                && let Some(rewritten) = raw_rewrite("srcset", value)
            {
                return rewritten.map(Cow::Owned);
            }
            return Some(Cow::Borrowed(value));
        }
        let form = crate::read::weburl::browser_form(value);
        if element == "img"
            && attribute == "src"
            && let Some(rewritten) = raw_rewrite("src", &form)
        {
            return rewritten.map(Cow::Owned);
        }
        return Some(form);
    }
    // The filter also sees elements removed whole afterwards (`<video>`,
    // `<object>`: reported as unsafe HTML); only pictures that stay in the
    // page are reported as pictures left out.
    if !matches!(element, "img" | "source") {
        return None;
    }
    LEFT_OUT.with_borrow_mut(|left| {
        left.push(LeftOut {
            element: element.to_string(),
            attribute: attribute.to_string(),
            value: value.to_string(),
            shown: shown_address(attribute, value),
        })
    });
    None
}

/// What the sanitiser keeps of an attribute that passed its allow-list.
fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match attribute {
        // Only the classes loa itself writes: the theme's other classes
        // (the quick-exit overlay, buttons) must not be borrowed to cover
        // or imitate the page.
        "class" => {
            let kept: Vec<&str> = value
                .split_whitespace()
                .filter(|c| OWN_CLASSES.contains(c))
                .collect();
            (!kept.is_empty()).then(|| kept.join(" ").into())
        }
        "id" if RESERVED_IDS.contains(&value) => None,
        OWN_ATTRIBUTE => (value == OWN_MARK.as_str()).then_some(Cow::Borrowed(value)),
        _ if FETCHING.contains(&attribute) => fetching(element, attribute, value),
        // Written as a browser reads it; `/\host` is another site.
        "href" => {
            let form = crate::read::weburl::browser_form(value);
            if matches!(element, "a" | "area")
                && let Some(rewritten) = raw_rewrite("href", &form)
            {
                return rewritten.map(Cow::Owned);
            }
            (!form.contains('\\')).then_some(form)
        }
        _ => Some(value.into()),
    }
}

static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        // No `tabindex`, `autofocus` or `accesskey`: content may not change
        // the order of the Tab key or take the focus.
        .add_generic_attributes(["id", "class", "lang", "dir", "title", "role", "aria-label"])
        .add_tags(["picture", "source"])
        .add_tag_attributes(
            "img",
            [
                "loading",
                "fetchpriority",
                "decoding",
                "width",
                "height",
                "srcset",
                "sizes",
            ],
        )
        .add_tag_attributes("source", ["type", "srcset", "sizes"])
        .add_tag_attributes("a", ["hreflang"])
        .add_tag_attributes("div", [OWN_ATTRIBUTE])
        .attribute_filter(filter_attribute)
        .url_schemes(
            ["http", "https", "mailto", "tel", "sms"]
                .into_iter()
                .collect(),
        )
        .url_relative(ammonia::UrlRelative::PassThrough)
        // Every link of a body with raw HTML gets `rel="noreferrer"` (the
        // sanitiser cannot tell the links to other websites apart).
        .link_rel(Some("noreferrer"))
        .strip_comments(true);
    builder
});

/// How a census names an attribute (`the onclick attribute`, `a
/// javascript link`).
fn attribute_kind(name: &str, value: &str) -> String {
    let value = crate::read::weburl::browser_form(value);
    if matches!(name, "href" | "src") && value.contains(':') && !value.starts_with("http") {
        format!(
            "{}:",
            value
                .split(':')
                .next()
                .unwrap_or_default()
                .trim()
                .to_lowercase()
        )
    } else {
        name.to_string()
    }
}

/// What sanitising took out: elements and attributes present in `before`
/// and gone from `after`, named for a person (`<script>`, `onclick`,
/// `a javascript: link`). Pictures of other websites (`left_out`) are
/// reported on their own.
fn removed(
    before: &str,
    after: &str,
    left_out: &[LeftOut],
    dropped: &[(String, String)],
) -> Vec<String> {
    let census = |html: &str| {
        let doc = scraper::Html::parse_fragment(html);
        let mut seen = std::collections::BTreeMap::<String, usize>::new();
        for node in doc.tree.nodes() {
            let Some(element) = node.value().as_element() else {
                continue;
            };
            *seen.entry(format!("<{}>", element.name())).or_default() += 1;
            for (name, value) in element.attrs() {
                *seen.entry(attribute_kind(name, value)).or_default() += 1;
            }
        }
        seen
    };
    let mut after = census(after);
    for out in left_out {
        *after
            .entry(attribute_kind(&out.attribute, &out.value))
            .or_default() += 1;
    }
    for (attribute, value) in dropped {
        *after.entry(attribute_kind(attribute, value)).or_default() += 1;
    }
    census(before)
        .into_iter()
        .filter(|(what, n)| after.get(what).is_none_or(|m| m < n))
        .filter(|(what, _)| !matches!(what.as_str(), "<html>" | "<body>" | "<head>"))
        .map(|(what, _)| what)
        .collect()
}

/// The line of the first raw start tag that is, or has an attribute
/// that is, one of the things sanitising removed; else of the first raw
/// HTML (what was removed was not in a start tag of its own).
fn removed_line(body: &Body) -> usize {
    let removed = |what: String| body.removed_html.contains(&what);
    body.raw_tags
        .iter()
        .find(|t| {
            removed(format!("<{}>", t.tag.name))
                || t.tag
                    .attrs
                    .iter()
                    .any(|(name, value)| removed(attribute_kind(name, value)))
        })
        .map_or(body.raw_html_line, |t| t.line)
}

/// Links to other websites in sanitised HTML.
fn links_in(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_fragment(html);
    doc.tree
        .nodes()
        .filter_map(|n| n.value().as_element())
        .filter_map(|e| e.attr("href").or_else(|| e.attr("src")))
        .filter(|v| v.starts_with("http://") || v.starts_with("https://") || v.starts_with("//"))
        .map(str::to_string)
        .collect()
}

/// Removes scripts, frames, styles, event handlers, focus tricks, unsafe
/// URLs and pictures of other websites from HTML that district staff wrote
/// inside Markdown.
pub fn sanitise(html: &str) -> String {
    sanitise_noting(html).0
}

/// [`sanitise`], also returning the pictures of other websites left out,
/// in order.
fn sanitise_noting(html: &str) -> (String, Vec<LeftOut>) {
    LEFT_OUT.with_borrow_mut(Vec::clear);
    RESOLVER_DROPPED.with_borrow_mut(Vec::clear);
    let clean = SANITISER.clean(html).to_string();
    (clean, LEFT_OUT.with_borrow_mut(std::mem::take))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Body {
        let labels = Labels {
            table: "Table".into(),
            footnotes: "Notes".into(),
            back_to_text: "Back".into(),
            reserved_ids: vec!["all-pages".into()],
        };
        render(text, 5, &labels, &mut |dest, _, _| {
            if dest.starts_with("javascript:") {
                Resolved::Drop
            } else {
                Resolved::Href(format!("R({dest})"))
            }
        })
    }

    #[test]
    fn sections_start_at_the_highest_headings_outside_lists() {
        let text = "Intro.\n\n## One\n\n### Sub\n\n- item\n\n  ## not a section\n\n## Two\n";
        let starts = sections(text);
        assert_eq!(starts.len(), 2);
        assert!(text[starts[0]..].starts_with("## One"));
        assert!(text[starts[1]..].starts_with("## Two"));
        assert!(sections("# A\n\n## B\n\n# C\n").len() == 2);
        assert!(sections("Just text.\n").is_empty());
    }

    #[test]
    fn text_blocks_count_characters_by_block() {
        let blocks = text_blocks("## Dấu hiệu\n\nMột câu.\n\n- một\n- hai\n");
        assert_eq!(
            blocks,
            [
                TextBlock {
                    heading: Some(2),
                    item: false,
                    chars: 8
                },
                TextBlock {
                    heading: None,
                    item: false,
                    chars: 8
                },
                TextBlock {
                    heading: None,
                    item: true,
                    chars: 3
                },
                TextBlock {
                    heading: None,
                    item: true,
                    chars: 3
                },
            ]
        );
    }

    #[test]
    fn headings_move_under_the_top_level_asked_for() {
        let labels = Labels::default();
        let body = render_under(
            "# A\n\n## B\n",
            1,
            &labels,
            &mut |_, _, _| Resolved::Drop,
            3,
        );
        assert_eq!(
            body.headings.iter().map(|h| h.level).collect::<Vec<_>>(),
            [3, 4]
        );
        assert!(body.shifted_headings);
        let body = render_under("## A\n", 1, &labels, &mut |_, _, _| Resolved::Drop, 3);
        assert!(!body.shifted_headings && body.html.contains("<h3"));
    }

    #[test]
    fn headings_get_unique_ascii_ids() {
        let body = md("## Dấu hiệu cảnh báo\n\n## Dấu hiệu cảnh báo\n\n### Gọi 111 {#goi}\n");
        assert_eq!(
            body.ids,
            ["dau-hieu-canh-bao", "dau-hieu-canh-bao-2", "goi"]
        );
        assert!(
            body.html
                .contains("<h2 id=\"dau-hieu-canh-bao\">Dấu hiệu cảnh báo</h2>")
        );
        assert!(body.html.contains("<h3 id=\"goi\">Gọi 111</h3>"));
        assert!(!body.shifted_headings);
    }

    #[test]
    fn headings_never_take_the_frames_ids() {
        let body = md("## Main\n\n## Quick exit\n\n## A 2\n\n## A\n\n## A\n");
        assert_eq!(body.ids, ["main-2", "quick-exit-2", "a-2", "a", "a-3"]);
    }

    #[test]
    fn raw_html_cannot_borrow_the_themes_classes_or_ids() {
        let body = md(
            "<div class=\"exit-overlay table-scroll\" id=\"quick-exit\">x</div>\n\n<a href=\"/\\evil.example\">y</a>\n",
        );
        assert!(
            body.html.contains("<div class=\"table-scroll\">x</div>"),
            "{}",
            body.html
        );
        assert!(!body.html.contains("evil"), "{}", body.html);
    }

    #[test]
    fn headings_keep_only_a_plain_id_and_report_the_rest() {
        let body = md(
            "## A {#a .exit-button onclick=x style=color:red}\n\n## B {tabindex=1 autofocus}\n\n## C {#main}\n\n## D {#all-pages}\n\n## E {#ok_id-2}\n",
        );
        assert_eq!(body.ids, ["a", "b", "c", "d", "ok_id-2"]);
        for forbidden in ["class", "onclick", "style", "tabindex", "autofocus"] {
            assert!(!body.html.contains(forbidden), "{}", body.html);
        }
        assert_eq!(
            body.heading_attributes,
            [
                (
                    5,
                    vec![
                        "class".to_string(),
                        "onclick".to_string(),
                        "style".to_string()
                    ]
                ),
                (7, vec!["tabindex".to_string(), "autofocus".to_string()]),
                (9, vec!["id=\"main\"".to_string()]),
                (11, vec!["id=\"all-pages\"".to_string()]),
            ]
        );
    }

    #[test]
    fn raw_pictures_of_other_websites_are_left_out_at_their_line() {
        let body = md(
            "Text.\n\n<img src=\"https://e.example/a.png\" alt=\"a\">\n\n<p>x <img src=\"/&#9;/e.example/b.png\" alt=\"b\"></p>\n\n<picture><source srcset=\"a.png 1x, //e.example/c.png 2x\"><img src=\"ok.png\" alt=\"c\"></picture>\n",
        );
        assert!(!body.html.contains("e.example"), "{}", body.html);
        assert!(body.html.contains("<img alt=\"a\">"), "{}", body.html);
        assert!(body.html.contains("<img src=\"R(ok.png)\" alt=\"c\">"));
        assert_eq!(
            body.external_images,
            [
                (7, "https://e.example/a.png".to_string()),
                (9, "//e.example/b.png".to_string()),
                (11, "a.png 1x, //e.example/c.png 2x".to_string()),
            ]
        );
        // Reported as pictures, not as unsafe HTML.
        assert!(body.removed_html.is_empty(), "{:?}", body.removed_html);
    }

    #[test]
    fn only_loas_own_tables_are_tab_stops() {
        let body = md(
            "<a href=\"/\" tabindex=\"1\" autofocus accesskey=\"q\">x</a>\n\n<div class=\"table-scroll\" data-loa-own=\"0\" tabindex=\"0\">y</div>\n\n| a |\n|---|\n| 1 |\n",
        );
        assert_eq!(body.html.matches("tabindex").count(), 1, "{}", body.html);
        assert!(
            body.html
                .contains("role=\"region\" tabindex=\"0\" aria-label")
        );
        assert!(!body.html.contains("data-loa-own"));
        for removed in ["tabindex", "autofocus", "accesskey", "data-loa-own"] {
            assert!(
                body.removed_html.contains(&removed.to_string()),
                "{:?}",
                body.removed_html
            );
        }
    }

    #[test]
    fn level_one_headings_are_shifted_down() {
        let body = md("# Top\n\n## Next\n");
        assert!(body.shifted_headings);
        assert!(body.html.contains("<h2 id=\"top\">Top</h2>"));
        assert!(body.html.contains("<h3 id=\"next\">Next</h3>"));
    }

    #[test]
    fn only_a_lead_image_is_loaded_at_once() {
        let loading = |html: &str| -> Vec<String> {
            html.match_indices("loading=\"")
                .map(|(i, _)| html[i + 9..].split('"').next().unwrap().to_string())
                .collect()
        };
        // First in the body, or after a short lead paragraph (or heading).
        let body = md("![Ảnh](a.png)\n\n![Ảnh hai](b.png)\n");
        assert_eq!(loading(&body.html), ["eager", "lazy"]);
        assert!(body.lead_image);
        assert!(body.html.contains("fetchpriority=\"high\""));
        let short = "Hai mươi em đã học cách gọi 111.\n\n## Ảnh\n\n![Ảnh](a.png)\n";
        assert_eq!(loading(&md(short).html), ["eager"]);
        // After more text than fits the first screen: lazy, like the rest.
        let long = format!("{}\n\n![Ảnh](a.png)\n", "chữ ".repeat(LEAD_TEXT / 4 + 1));
        let body = md(&long);
        assert_eq!(loading(&body.html), ["lazy"]);
        assert!(!body.lead_image);
        assert!(!body.html.contains("fetchpriority"));
        // Alt text is not text before the image.
        let alt = format!("![{}](a.png)\n", "mô tả ".repeat(60));
        assert_eq!(loading(&md(&alt).html), ["eager"]);
    }

    #[test]
    fn alt_text_that_says_decoration_is_noticed() {
        let body = md(
            "![trang trí](a.png)\n\n![\"\"](b.png)\n\n![Decorative.](c.png)\n\n![Sơ đồ trang trí nhà](d.png)\n",
        );
        let lines: Vec<usize> = body.decoration_alts.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [5, 9]);
        assert!(body.html.contains("alt=\"\""));
    }

    #[test]
    fn links_and_images_go_through_the_resolver() {
        let body = md("[a](../x.md) and ![Sơ đồ](img.png)\n\n![](no-alt.png)\n");
        assert!(body.html.contains("<a href=\"R(../x.md)\">a</a>"));
        assert_eq!(body.link_texts[0].text, "a");
        assert_eq!(body.link_texts[0].line, 5);
        assert!(
            body.html
                .contains("<img src=\"R(img.png)\" alt=\"Sơ đồ\" loading=\"eager\"")
        );
        assert_eq!(body.images_without_alt, vec![7]);
        // A page of one picture is not empty.
        assert!(md("![Áp phích](poster.png)\n").has_text);
        assert!(md("![](poster.png)\n").has_text);
    }

    #[test]
    fn raw_tags_are_noted_with_their_lines() {
        let body = md(
            "Text <span lang=\"en\">x</span>\n\n<table>\n<tr><td id=\"a\">1</td></tr>\n</table>\n\n> <img\n> src=\"b.png\">\n",
        );
        let tags: Vec<(usize, &str)> = body
            .raw_tags
            .iter()
            .map(|t| (t.line, t.tag.name.as_str()))
            .collect();
        assert_eq!(
            tags,
            [(5, "span"), (7, "table"), (8, "tr"), (8, "td"), (11, "img")]
        );
        assert_eq!(body.raw_tags[3].tag.attr("id"), Some("a"));
    }

    #[test]
    fn unsafe_links_lose_their_href_but_keep_text() {
        let body = md("[click](javascript:alert(1)) ok\n");
        assert!(!body.html.contains("javascript"));
        assert!(body.html.contains("click ok"));
        assert!(!body.html.contains("<a"));
    }

    #[test]
    fn raw_html_is_sanitised() {
        let body = md(
            "<script>alert(1)</script>\n\n<p onclick=\"x()\">hi <iframe src=\"https://e.com\"></iframe></p>\n\n## Still here\n",
        );
        assert!(body.had_raw_html);
        assert!(!body.html.contains("<script"));
        assert!(!body.html.contains("onclick"));
        assert!(!body.html.contains("iframe"));
        assert!(body.html.contains("<h2 id=\"still-here\">Still here</h2>"));
    }

    #[test]
    fn raw_phone_links_carry_the_text_a_reader_sees() {
        let body = md(concat!(
            "Gọi <a href=\"tel:111\">số *113*</a> ngay, <a href=\"https://e.org/\">114</a>.\n",
            "\n",
            "<p><a href=\"tel:0243825&#49;234\"><b>024</b>&nbsp;3825 <!-- a > b --> 1299</a>\n",
            "<a href=\"SMS:113\">\nnhắn\t111\n</a> <a href=\"tel:115\">115<a href=\"tel:114\">x</a></p>\n",
            "\n",
            "<!-- <a href=\"tel:999\">999</a> -->\n",
        ));
        let links: Vec<(usize, &str, &str)> = body
            .raw_phone_links
            .iter()
            .map(|l| (l.line, l.text.as_str(), l.dest.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                (5, "số 113", "tel:111"),
                (7, "024\u{a0}3825  1299", "tel:02438251234"),
                (8, " nhắn 111 ", "SMS:113"),
                (10, "115", "tel:115"),
                (10, "x", "tel:114"),
            ]
        );
        // Markdown's own links are not among them.
        assert!(md("[Gọi 113](tel:111)\n").raw_phone_links.is_empty());
    }

    #[test]
    fn what_sanitising_removed_is_told() {
        let body = md(
            "<p onclick=\"x()\">a <script>b</script> <a href=\"javascript:y\">c</a> <a href=\"https://e.org/\">d</a></p>\n",
        );
        assert!(
            body.removed_html.contains(&"<script>".to_string()),
            "{:?}",
            body.removed_html
        );
        assert!(
            body.removed_html.contains(&"onclick".to_string()),
            "{:?}",
            body.removed_html
        );
        assert!(
            body.removed_html.iter().any(|r| r.contains("javascript")),
            "{:?}",
            body.removed_html
        );
        assert_eq!(body.raw_links, ["https://e.org/"]);
        assert_eq!(body.raw_html_line, 5);
        assert_eq!(body.removed_html_line, 5);
        // Told at the line of the first tag with something removed, not
        // at the first raw HTML.
        let later = md("<span lang=\"en\">Safe</span>\n\ntext\n\n<script>x()</script>\n");
        assert_eq!(later.raw_html_line, 5);
        assert_eq!(later.removed_html_line, 9);
        let attribute = md("<b>a</b>\n\n<i onclick=\"x()\">b</i>\n");
        assert_eq!(attribute.removed_html_line, 7);
        let plain = md("<span lang=\"vi\">Ngôi nhà Bình yên</span>\n");
        assert!(plain.removed_html.is_empty(), "{:?}", plain.removed_html);
    }

    #[test]
    fn srcset_candidates_are_split_as_browsers_split_them() {
        assert_eq!(
            srcset_candidates("a.png 1x, b.png 2x"),
            [("a.png", "1x"), ("b.png", "2x")]
        );
        assert_eq!(
            srcset_candidates(" a.png, b.png\n 480w ,, "),
            [("a.png", ""), ("b.png", "480w")]
        );
        // A comma inside an address stays; one inside parentheses does not
        // end the descriptors.
        assert_eq!(
            srcset_candidates("x,1.png 2x (a, b), y.png"),
            [("x,1.png", "2x (a, b)"), ("y.png", "")]
        );
        assert!(srcset_candidates(" , ").is_empty());
    }

    #[test]
    fn text_of_removed_scripts_and_styles_is_no_heading_or_summary() {
        let body = md("Mở <script>zz(1)</script> đầu <style>yy{}</style> hết.\n\n\
                       ## <script>xx(2)</script> Ba\n");
        assert_eq!(body.summary, "Mở  đầu  hết.");
        assert_eq!(body.headings[0].text, "Ba");
        assert_eq!(body.headings[0].id, "ba");
        assert!(
            !body.html.contains("zz") && !body.html.contains("xx"),
            "{}",
            body.html
        );
    }

    #[test]
    fn raw_html_in_headings_is_sanitised_too() {
        // Found by the property test of tests/testsuite/hostile.rs.
        let body = md("# <script>alert(1)</script> Gọi 111\n");
        assert!(!body.html.contains("<script"), "{}", body.html);
        assert!(body.html.contains("Gọi 111"));
    }

    #[test]
    fn tables_scroll_in_a_labelled_region() {
        let body = md("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(body.html.contains(
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">"
        ));
        assert!(body.html.contains("<th>a</th>"));
    }

    #[test]
    fn footnotes_have_prefixed_ids_and_back_links() {
        let body = md("Text[^a].\n\n[^a]: The note.\n");
        assert!(body.html.contains("<a href=\"#fn-1\" id=\"fnref-1\">1</a>"));
        assert!(body.html.contains("id=\"fn-1\""));
        assert!(body.html.contains("href=\"#fnref-1\""));
        assert!(body.ids.contains(&"fn-1".to_string()));
    }

    #[test]
    fn summary_is_the_first_paragraph() {
        let body = md("## H\n\nFirst *para* here.\n\nSecond.\n");
        assert_eq!(body.summary, "First para here.");
    }

    #[test]
    fn smart_quotes_and_strikethrough() {
        let body = md("\"Em\" ~~không~~\n");
        assert!(body.html.contains("“Em”"));
        assert!(body.html.contains("<del>không</del>"));
    }
}
