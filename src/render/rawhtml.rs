//! How deeply raw HTML written inside Markdown nests, measured in one
//! linear pass before any HTML parser sees it. HTML parsers slow down
//! quadratically (and use memory without bound) on deeply nested input:
//! 20,000 nested `<div>`s took 11 s to sanitise. The count errs on the deep
//! side: a closing tag only closes what it surely closes, so no trick of
//! the HTML parsing rules (foster parenting, mismatched tags) nests deeper
//! in a browser than it counts here. The same pass notes every start tag
//! with its place, so checks can name the line of an element. Pure: no I/O.

/// How deeply raw HTML elements may nest.
pub const MAX_HTML_NESTING: usize = 32;

/// How many attributes one raw HTML tag may have. HTML parsers look for
/// each attribute's name among those of its tag read so far: one tag of
/// 60,000 attributes took 5 s to sanitise (and as long to check).
pub const MAX_HTML_ATTRIBUTES: usize = 64;

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Elements whose content is text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements a parser closes by itself when a sibling opens or the parent
/// closes (`<li>a<li>b`).
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb",
    "rt", "rp", "rtc", "colgroup", "caption",
];

/// A start tag as written: `<img src="a.png">`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    /// Byte offset of its `<` in the text read.
    pub offset: usize,
    /// The lowercase name.
    pub name: String,
    /// Attributes in order: lowercase names, values unquoted (`&amp;`,
    /// `&quot;`, `&#39;`, `&lt;` and `&gt;` decoded); `""` for a bare one.
    pub attrs: Vec<(String, String)>,
}

impl StartTag {
    /// The value of an attribute, if the tag has it.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every start tag of `html` in order (none inside comments or the text of
/// `<script>`, `<style>`…), however deep they nest: for templates, which
/// are trusted.
pub fn start_tags(html: &str) -> Vec<StartTag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &bytes[i..]) {
        let at = i + lt;
        i = at + 1;
        match bytes.get(i) {
            Some(b'!') if html[i..].starts_with("!--") => {
                i = html[i + 3..]
                    .find("-->")
                    .map_or(bytes.len(), |e| i + 3 + e + 3);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (tag, end) = start_tag(html, at);
                i = end;
                if RAW_TEXT.contains(&tag.name.as_str()) {
                    i = find_end_tag(html, i, &tag.name).unwrap_or(bytes.len());
                }
                tags.push(tag);
            }
            _ => {}
        }
    }
    tags
}

/// Where the start tag whose `<` is at `lt` ends (after its `>`), read as
/// [`start_tags`] reads it.
pub fn tag_end(html: &str, lt: usize) -> usize {
    start_tag(html, lt).1
}

/// Reads the start tag whose `<` is at `lt`; returns it and where reading
/// goes on.
fn start_tag(html: &str, lt: usize) -> (StartTag, usize) {
    let bytes = html.as_bytes();
    let (name, mut i) = tag_name(bytes, lt + 1);
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            break;
        }
        let start = i;
        while i < bytes.len()
            && !matches!(
                bytes[i],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/' | b'>' | b'='
            )
        {
            i += 1;
        }
        let attr = String::from_utf8_lossy(&bytes[start..i]).to_ascii_lowercase();
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            let (v, end) = attribute_value(bytes, i);
            value = v;
            i = end;
        }
        attrs.push((attr, value));
    }
    let tag = StartTag {
        offset: lt,
        name,
        attrs,
    };
    (tag, (i + 1).min(bytes.len()))
}

/// A value after `=` at `i`, quoted or not, and where it ends.
fn attribute_value(bytes: &[u8], mut i: usize) -> (String, usize) {
    let (start, end) = match bytes.get(i) {
        Some(&q @ (b'"' | b'\'')) => {
            let start = i + 1;
            let end = memchr(q, &bytes[start..]).map_or(bytes.len(), |e| start + e);
            i = (end + 1).min(bytes.len());
            (start, end)
        }
        _ => {
            let start = i;
            while i < bytes.len()
                && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'>')
            {
                i += 1;
            }
            (start, i)
        }
    };
    let raw = String::from_utf8_lossy(&bytes[start..end]);
    let value = raw
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    (value, i)
}

/// The open elements of the raw HTML seen so far in one body.
#[derive(Debug, Default)]
pub struct Nesting {
    open: Vec<String>,
    /// Raw text element whose end tag is awaited.
    raw_text: Option<String>,
    /// Set once the depth went past [`MAX_HTML_NESTING`]; scanning stops.
    pub too_deep: bool,
    /// Set once a start tag had more than [`MAX_HTML_ATTRIBUTES`]
    /// attributes (counted only while noting tags); scanning stops.
    pub crowded: bool,
}

impl Nesting {
    /// The raw text element (`script`, `style`, `textarea`…) whose
    /// content is being read, if the HTML so far left one open.
    pub fn raw_text(&self) -> Option<&str> {
        self.raw_text.as_deref()
    }

    /// Reads the next piece of raw HTML. Returns `true` when, with it, the
    /// elements nest deeper than allowed.
    #[cfg(test)]
    pub fn feed(&mut self, html: &str) -> bool {
        self.read(html, None)
    }

    /// Reads the next piece of raw HTML like `feed` (which the tests use),
    /// noting every start tag read (with its offset in `html`) in `tags`;
    /// also `true` once a tag has too many attributes (see `crowded`,
    /// whose tag is the last noted).
    pub fn feed_noting(&mut self, html: &str, tags: &mut Vec<StartTag>) -> bool {
        self.read(html, Some(tags))
    }

    fn read(&mut self, html: &str, mut tags: Option<&mut Vec<StartTag>>) -> bool {
        let bytes = html.as_bytes();
        let mut i = 0;
        while i < bytes.len() && !self.too_deep && !self.crowded {
            if let Some(name) = &self.raw_text {
                match find_end_tag(html, i, name) {
                    Some(end) => {
                        self.raw_text = None;
                        self.open.pop();
                        i = end;
                    }
                    None => return false,
                }
                continue;
            }
            let Some(lt) = memchr(b'<', &bytes[i..]) else {
                break;
            };
            i += lt + 1;
            i = self.tag(html, i, tags.as_deref_mut());
        }
        self.too_deep || self.crowded
    }

    /// Reads the tag after a `<` at `i`; returns where reading goes on.
    fn tag(&mut self, html: &str, i: usize, tags: Option<&mut Vec<StartTag>>) -> usize {
        let bytes = html.as_bytes();
        match bytes.get(i) {
            Some(b'!') if html[i..].starts_with("!--") => html[i + 3..]
                .find("-->")
                .map_or(bytes.len(), |e| i + 3 + e + 3),
            Some(b'!' | b'?') => skip_to_gt(bytes, i),
            Some(b'/') => {
                let (name, end) = tag_name(bytes, i + 1);
                if !name.is_empty() {
                    self.close(&name);
                }
                skip_to_gt(bytes, end)
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let Some(tags) = tags else {
                    let (name, end) = tag_name(bytes, i);
                    let end = skip_to_gt(bytes, end);
                    self.open(name);
                    return end;
                };
                let (tag, end) = start_tag(html, i - 1);
                self.crowded |= tag.attrs.len() > MAX_HTML_ATTRIBUTES;
                self.open(tag.name.clone());
                tags.push(tag);
                end
            }
            _ => i,
        }
    }

    fn open(&mut self, name: String) {
        if VOID.contains(&name.as_str()) {
            return;
        }
        if OPTIONAL_END.contains(&name.as_str()) && self.open.last() == Some(&name) {
            self.open.pop();
        }
        if RAW_TEXT.contains(&name.as_str()) {
            self.raw_text = Some(name.clone());
        }
        self.open.push(name);
        if self.open.len() > MAX_HTML_NESTING {
            self.too_deep = true;
        }
    }

    /// Closes `name` when only elements with optional end tags stand above
    /// it; any other closing tag changes nothing (so the count never falls
    /// below what a browser builds).
    fn close(&mut self, name: &str) {
        let Some(at) = self.open.iter().rposition(|open| open == name) else {
            return;
        };
        if self.open[at + 1..]
            .iter()
            .all(|above| OPTIONAL_END.contains(&above.as_str()))
        {
            self.open.truncate(at);
        }
    }
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// The lowercase tag name starting at `i`, and where it ends.
fn tag_name(bytes: &[u8], mut i: usize) -> (String, usize) {
    let start = i;
    while i < bytes.len()
        && !matches!(
            bytes[i],
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/' | b'>'
        )
    {
        i += 1;
    }
    (
        String::from_utf8_lossy(&bytes[start..i]).to_ascii_lowercase(),
        i,
    )
}

/// Just past the `>` that ends the tag, skipping quoted attribute values.
fn skip_to_gt(bytes: &[u8], mut i: usize) -> usize {
    let mut quote = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (None, b'>') => return i + 1,
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Just past the end tag `</name…>` after `i`, case-insensitively.
fn find_end_tag(html: &str, mut i: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    while let Some(lt) = memchr(b'<', &bytes[i..]) {
        let at = i + lt;
        let after = at + 2 + name.len();
        if bytes.get(at + 1) == Some(&b'/')
            && bytes.len() >= after
            && bytes[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
        {
            return Some(skip_to_gt(bytes, after));
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deep(html: &str) -> bool {
        Nesting::default().feed(html)
    }

    #[test]
    fn ordinary_html_is_fine() {
        assert!(!deep(
            "<p>a<p>b<ul><li>x<li>y</ul><br><img src=x alt=\"a>b\"></p>"
        ));
        assert!(!deep(&"<div><span>x</span></div>".repeat(10_000)));
        assert!(!deep(&"<li>item".repeat(1_000)));
        assert!(!deep(
            "<script>'<div>'.repeat(100)</script><!-- <div><div> -->"
        ));
    }

    #[test]
    fn deep_nesting_is_caught_in_every_disguise() {
        assert!(deep(&"<blockquote>".repeat(600)));
        assert!(deep(&"<div>".repeat(20_000)));
        assert!(deep(&"<SPAN>".repeat(40)));
        assert!(deep(&"<div/>".repeat(40)));
        // A closing tag that a browser ignores (a table stands between)
        // does not lower the count.
        assert!(deep(&"<div><table></div>".repeat(20)));
        assert!(deep(&"<b><i></b>".repeat(40)));
        let mut nesting = Nesting::default();
        for _ in 0..40 {
            nesting.feed("<div>");
        }
        assert!(nesting.too_deep);
    }

    #[test]
    fn a_tag_with_too_many_attributes_stops_the_reading() {
        let crowded = |count: usize| {
            let attrs: String = (0..count).map(|i| format!(" data-a{i}=\"x\"")).collect();
            let mut nesting = Nesting::default();
            let mut tags = Vec::new();
            let stopped =
                nesting.feed_noting(&format!("<p>a</p><p{attrs}>b</p><i>c</i>"), &mut tags);
            (stopped, nesting.crowded, tags.len())
        };
        assert_eq!(crowded(MAX_HTML_ATTRIBUTES), (false, false, 3));
        // The crowded tag is the last one noted.
        assert_eq!(crowded(MAX_HTML_ATTRIBUTES + 1), (true, true, 2));
        assert_eq!(crowded(60_000), (true, true, 2));
    }

    #[test]
    fn start_tags_are_read_with_their_attributes() {
        let tags = start_tags(
            "<p>a <IMG SRC='x.png' alt>\n<a href=\"/?a=1&amp;b=2\" aria-label=go>b</a><!-- <h1> --><script>'<h1>'</script><td id=c >",
        );
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["p", "img", "a", "script", "td"]);
        assert_eq!(tags[1].offset, 5);
        assert_eq!(tags[1].attr("src"), Some("x.png"));
        assert_eq!(tags[1].attr("alt"), Some(""));
        assert_eq!(tags[2].attr("href"), Some("/?a=1&b=2"));
        assert_eq!(tags[2].attr("aria-label"), Some("go"));
        assert_eq!(tags[4].attr("id"), Some("c"));
        let mut noted = Vec::new();
        let mut nesting = Nesting::default();
        nesting.feed_noting("<div><img src=a>", &mut noted);
        nesting.feed_noting("</div><table>", &mut noted);
        assert_eq!(noted.len(), 3);
        assert_eq!((noted[2].offset, noted[2].name.as_str()), (6, "table"));
    }

    #[test]
    fn a_million_spans_are_read_in_one_pass() {
        // Reading stops at the first element past the limit.
        let mut nesting = Nesting::default();
        assert!(nesting.feed(&"<span>".repeat(1_000_000)));
        assert_eq!(nesting.open.len(), MAX_HTML_NESTING + 1);
    }
}
