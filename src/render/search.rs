//! Search: the index each district publishes per language, and the A–Z
//! list that stands in for the search box without JavaScript.
//!
//! Words are folded for Vietnamese readers who type without accents
//! ([`fold`]: Unicode decomposition, every combining mark removed, `đ`/`Đ`
//! to `d`, lower case), so "bạo lực", "bao luc" and "BẠO LỰC" are one word
//! list. Each page's words carry a weight: the title over headings over the
//! description over the body; a hotline entry is a result of its own whose
//! number weighs most, so typing "111" leads to it. The index is written as
//! a script that hands its data to `loaSearch(…)` (not JSON to `fetch`), so
//! a folder opened from `file://` searches too. A district with many pages
//! gets its index split: the words by their first letter, the pages in
//! chunks of [`CHUNK`], so one query loads only what it needs.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use serde::Serialize;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Where each language's A–Z list of pages is, from its root.
pub const AZ_PATH: &str = "a-z/";

/// A word in a page's title.
pub const TITLE: u16 = 20;
/// A word in a heading of the page.
pub const HEADING: u16 = 8;
/// A word in the page's description.
pub const DESCRIPTION: u16 = 5;
/// A word of the body, per time it appears, up to [`BODY_MAX`].
pub const BODY: u16 = 1;
/// The most the body's repetitions of a word count.
pub const BODY_MAX: u16 = 4;
/// A hotline's phone number, each group of digits and all of them together.
pub const PHONE: u16 = 40;
/// Above this many results (pages and hotline entries) in a language, the
/// index is split into parts.
pub const SPLIT_ABOVE: usize = 400;
/// Results per part of a split index.
pub const CHUNK: usize = 64;
/// In a split index, a word leads to at most this many results (those it
/// weighs most in), so a word found on every page keeps its part small.
pub const MAX_POSTINGS: usize = 200;

/// Pushes the folded form of `c` (none for a combining mark).
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        match d {
            'đ' | 'Đ' => out.push('d'),
            d => out.extend(d.to_lowercase()),
        }
    });
}

/// `text` folded for search: decomposed, combining marks removed, `đ` and
/// `Đ` as `d`, lower case. Everything else (spaces, punctuation) stays.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The folded form of the characters U+0080 to U+1FFF (Latin with every
/// Vietnamese letter, and more), made once: the one character it folds
/// to, [`MARK`] for a combining mark, `'\0'` when it folds to more.
fn fold_table() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80..0x2000)
            .map(|code| {
                let Some(c) = char::from_u32(code) else {
                    return '\0';
                };
                let mut folded = String::new();
                fold_char(c, &mut folded);
                let mut chars = folded.chars();
                match (chars.next(), chars.next()) {
                    (None, _) if is_combining_mark(c) => MARK,
                    (Some(f), None) => f,
                    _ => '\0',
                }
            })
            .collect()
    })
}

/// In [`fold_table`]: a combining mark, which folds to nothing.
const MARK: char = '\u{1}';

/// Calls `each` with every folded word of `text` (letters and digits
/// between anything else).
pub fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    let table = fold_table();
    let mut word = String::new();
    let mut folded = String::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // ASCII, most of the text, byte by byte: a letter or digit goes on
        // the word, anything else ends it.
        let b = bytes[at];
        if b.is_ascii() {
            at += 1;
            if b.is_ascii_alphanumeric() {
                word.push(char::from(b.to_ascii_lowercase()));
            } else if !word.is_empty() {
                each(&word);
                word.clear();
            }
            continue;
        }
        // `at` is always at the start of a character.
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        let code = c as usize;
        if (0x80..0x2000).contains(&code) {
            match table[code - 0x80] {
                MARK => continue,
                '\0' => {}
                f if f.is_alphanumeric() => {
                    word.push(f);
                    continue;
                }
                _ => {
                    if !word.is_empty() {
                        each(&word);
                        word.clear();
                    }
                    continue;
                }
            }
        }
        folded.clear();
        fold_char(c, &mut folded);
        for f in folded.chars() {
            if f.is_alphanumeric() {
                word.push(f);
            } else if !word.is_empty() {
                each(&word);
                word.clear();
            }
        }
        // A combining mark (decomposed input) folds to nothing and keeps
        // the word going; any other character ends it.
        if folded.is_empty() && !is_combining_mark(c) && !word.is_empty() {
            each(&word);
            word.clear();
        }
    }
    if !word.is_empty() {
        each(&word);
    }
}

/// The folded words of `text`, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// The text of an HTML fragment: tags removed, entities decoded, a space
/// for every tag (so words in two cells stay two words).
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // `<` and `&` are ASCII: where they are found is a character boundary.
    while let Some(i) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            out.push(' ');
            rest = memchr::memchr(b'>', rest.as_bytes()).map_or("", |end| &rest[end + 1..]);
            continue;
        }
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an HTML entity (without `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// What a rendered page body gives the index: each folded word with its
/// weight (headings and repetitions), sorted by word. Made once per body
/// and shared by every district that shows it.
#[derive(Debug, Default, Clone)]
pub struct BodyTerms {
    /// (word, weight), sorted by word.
    pub terms: Vec<(Box<str>, u16)>,
}

/// The words of a body rendered as `html`, whose headings have the texts
/// `headings`.
pub fn body_terms<'h>(html: &str, headings: impl IntoIterator<Item = &'h str>) -> BodyTerms {
    // A body says the same words again and again: each distinct piece of
    // its text between ASCII spaces and punctuation (which always end a
    // word) is counted, then folded once, however often it appears.
    let text = html_text(html);
    let mut pieces = Pieces::default();
    let mut start = 0;
    for (at, b) in text.bytes().enumerate() {
        if b.is_ascii() && !b.is_ascii_alphanumeric() {
            if at > start {
                pieces.count(&text[start..at]);
            }
            start = at + 1;
        }
    }
    if text.len() > start {
        pieces.count(&text[start..]);
    }
    let mut weights = Weights::default();
    pieces.each(|piece, count| {
        // Each time adds BODY, up to BODY_MAX.
        let add = u16::try_from(count)
            .unwrap_or(u16::MAX)
            .saturating_mul(BODY);
        for_each_word(piece, |w| {
            weights.update(w, |n| n.saturating_add(add).min(BODY_MAX));
        });
    });
    // A word in any heading counts once, however many headings say it.
    let mut in_headings: Vec<String> = Vec::new();
    for heading in headings {
        for_each_word(heading, |w| {
            if !in_headings.iter().any(|s| s == w) {
                in_headings.push(w.to_string());
            }
        });
    }
    for w in in_headings {
        weights.update(&w, |n| n.max(BODY_MAX) + HEADING);
    }
    BodyTerms {
        terms: weights.sorted(),
    }
}

/// `text` of up to 8 bytes as a number: its bytes, big-endian, padded with
/// zeros (no word or piece of text has a zero byte), so that the numbers
/// sort as the texts do.
fn pack(text: &str) -> Option<u64> {
    let mut bytes = [0u8; 8];
    bytes
        .get_mut(..text.len())?
        .copy_from_slice(text.as_bytes());
    Some(u64::from_be_bytes(bytes))
}

/// The bytes of a text [`pack`]ed as `key`, and how many there are.
fn unpack(key: u64) -> ([u8; 8], usize) {
    // The zeros after the text: its last byte is not zero.
    let padding = (key.trailing_zeros() / 8) as usize;
    (key.to_be_bytes(), 8 - padding)
}

/// The pieces of a body's text between ASCII spaces and punctuation, each
/// with how often it appears; those of up to 8 bytes (most) [`pack`]ed.
#[derive(Default)]
struct Pieces<'t> {
    short: FxHashMap<u64, u32>,
    long: FxHashMap<&'t str, u32>,
}

impl<'t> Pieces<'t> {
    /// Counts `piece` once more.
    fn count(&mut self, piece: &'t str) {
        match pack(piece) {
            Some(key) => *self.short.entry(key).or_default() += 1,
            None => *self.long.entry(piece).or_default() += 1,
        }
    }

    /// Calls `f` with every piece and its count.
    fn each(&self, mut f: impl FnMut(&str, u32)) {
        for (&key, &count) in &self.short {
            let (bytes, len) = unpack(key);
            if let Ok(piece) = std::str::from_utf8(&bytes[..len]) {
                f(piece, count);
            }
        }
        for (piece, &count) in &self.long {
            f(piece, count);
        }
    }
}

/// A body's words and their weights while they are counted. A word of up
/// to 8 bytes (most words) is kept as a number: its bytes, big-endian,
/// padded with zeros, so that it is hashed and compared as one number and
/// the numbers sort as the words do (no word has a zero byte).
#[derive(Default)]
struct Weights {
    short: FxHashMap<u64, u16>,
    long: FxHashMap<String, u16>,
}

impl Weights {
    /// Sets the weight of `w` to `f` of its weight (0 the first time).
    fn update(&mut self, w: &str, f: impl FnOnce(u16) -> u16) {
        if let Some(key) = pack(w) {
            let n = self.short.entry(key).or_default();
            *n = f(*n);
        } else if let Some(n) = self.long.get_mut(w) {
            *n = f(*n);
        } else {
            self.long.insert(w.to_string(), f(0));
        }
    }

    /// Every word with its weight, sorted by word.
    fn sorted(self) -> Vec<(Box<str>, u16)> {
        let mut short: Vec<(u64, u16)> = self.short.into_iter().collect();
        short.sort_unstable_by_key(|t| t.0);
        let mut long: Vec<(String, u16)> = self.long.into_iter().collect();
        long.sort_unstable();
        let mut long = long.into_iter().peekable();
        let mut out = Vec::with_capacity(short.len() + long.len());
        for (key, n) in short {
            let (bytes, len) = unpack(key);
            let word = &bytes[..len];
            while let Some((w, _)) = long.peek()
                && w.as_bytes() < word
            {
                out.extend(long.next().map(|(w, n)| (w.into_boxed_str(), n)));
            }
            out.push((Box::from(std::str::from_utf8(word).unwrap_or_default()), n));
        }
        out.extend(long.map(|(w, n)| (w.into_boxed_str(), n)));
        out
    }
}

/// A result's words as numbers of its language's [`Words`], each with its
/// weight, by number.
pub type Weighted = Vec<(u32, u16)>;

/// The words of one language's indexes, numbered in sorted order: made
/// once per language and shared by every district, so each district's
/// index is only numbers ([`Index::new`]).
#[derive(Debug, Default)]
pub struct Words {
    /// Every word, sorted; a word's number is its place here.
    list: Vec<Box<str>>,
    /// Each word as the script reads it: a JSON string, then `:[`.
    keys: Vec<Box<str>>,
}

impl Words {
    /// How many words there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Numbers words as they come ([`Vocabulary::weigh`]);
/// [`Vocabulary::finish`] renumbers them in sorted order.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: FxHashMap<Box<str>, u32>,
    list: Vec<Box<str>>,
}

impl Vocabulary {
    /// The number of `word`, given the first time it is seen.
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
        self.list.push(word.into());
        self.ids.insert(word.into(), id);
        id
    }

    /// The weighted words of a result: the words of its title, description
    /// and `extra` (weighted words, such as a phone number's) lead to it,
    /// each counting its highest weight once, and those of its body add
    /// to them.
    pub fn weigh(
        &mut self,
        title: &str,
        description: &str,
        extra: &[(String, u16)],
        body: Option<&BodyTerms>,
    ) -> Weighted {
        let mut out: Weighted = Vec::new();
        for_each_word(title, |w| out.push((self.id(w), TITLE)));
        for_each_word(description, |w| out.push((self.id(w), DESCRIPTION)));
        for (w, weight) in extra {
            out.push((self.id(w), *weight));
        }
        // The same word twice in a title counts once: the highest first.
        out.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        out.dedup_by_key(|t| t.0);
        for (w, weight) in body.map_or(&[][..], |b| &b.terms[..]) {
            out.push((self.id(w), *weight));
        }
        // Stable: a word's leading weight stays before its body's.
        out.sort_by_key(|t| t.0);
        out.dedup_by(|body, lead| {
            let same = body.0 == lead.0;
            if same {
                lead.1 = lead.1.saturating_add(body.1);
            }
            same
        });
        out
    }

    /// The words, numbered in sorted order; every result of `results`
    /// (made by [`Vocabulary::weigh`]) renumbered to match.
    pub fn finish<'r>(self, results: impl IntoIterator<Item = &'r mut Weighted>) -> Words {
        let Vocabulary { mut list, .. } = self;
        let mut order: Vec<u32> = (0..u32::try_from(list.len()).unwrap_or(u32::MAX)).collect();
        order.sort_unstable_by(|&a, &b| list[a as usize].cmp(&list[b as usize]));
        let mut rank = vec![0u32; order.len()];
        for (r, &id) in (0u32..).zip(&order) {
            rank[id as usize] = r;
        }
        for result in results {
            for term in result.iter_mut() {
                term.0 = rank[term.0 as usize];
            }
            result.sort_unstable_by_key(|t| t.0);
        }
        let list: Vec<Box<str>> = order
            .iter()
            .map(|&id| std::mem::take(&mut list[id as usize]))
            .collect();
        let keys = list
            .iter()
            .map(|w| {
                let mut key = Vec::with_capacity(w.len() + 4);
                push_str(&mut key, w);
                key.extend_from_slice(b":[");
                String::from_utf8(key).unwrap_or_default().into_boxed_str()
            })
            .collect();
        Words { list, keys }
    }
}

/// One result: a page or a hotline entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Doc {
    /// Its address from the district folder (`skills/goi-111/`,
    /// `en/hotlines/#police-113`).
    pub url: String,
    /// Its title.
    pub title: String,
    /// The title of its section (empty for the home page).
    pub section: String,
    /// Its description (may be empty).
    pub description: String,
}

/// A result with its body's words and extra weighted words (such as a
/// phone number's), not yet weighed.
pub type Unweighed<'a> = (Doc, Option<&'a BodyTerms>, &'a [(String, u16)]);

/// A district's index in one language: its results, and for each word
/// that leads to any, the results it leads to with their weights.
#[derive(Debug)]
pub struct Index {
    /// The results, by number.
    pub docs: Vec<Doc>,
    /// The language's words.
    words: Arc<Words>,
    /// (word number, where its postings start), for every word that leads
    /// to a result, by word.
    used: Vec<(u32, u32)>,
    /// (result number, weight): every word's, by word then result.
    postings: Vec<(u32, u16)>,
}

impl Index {
    /// The index of `results`, each with its weighted words (numbers of
    /// `words`). A counting sort: linear in the words of the results.
    pub fn new(words: Arc<Words>, results: Vec<(Doc, &[(u32, u16)])>) -> Index {
        let mut next = vec![0u32; words.len()];
        for (_, terms) in &results {
            for &(w, _) in *terms {
                next[w as usize] += 1;
            }
        }
        let mut used = Vec::new();
        let mut total = 0u32;
        for (w, slot) in (0u32..).zip(next.iter_mut()) {
            let count = *slot;
            if count > 0 {
                used.push((w, total));
            }
            *slot = total;
            total += count;
        }
        let mut postings = vec![(0u32, 0u16); total as usize];
        let mut docs = Vec::with_capacity(results.len());
        for (n, (doc, terms)) in (0u32..).zip(results) {
            for &(w, weight) in terms {
                let at = &mut next[w as usize];
                postings[*at as usize] = (n, weight);
                *at += 1;
            }
            docs.push(doc);
        }
        Index {
            docs,
            words,
            used,
            postings,
        }
    }

    /// An index with words of its own (not shared with other districts):
    /// each result with its body's words and `extra` weighted words.
    pub fn alone(results: Vec<Unweighed<'_>>) -> Index {
        let mut vocabulary = Vocabulary::default();
        let mut weighted: Vec<(Doc, Weighted)> = results
            .into_iter()
            .map(|(doc, body, extra)| {
                let terms = vocabulary.weigh(&doc.title, &doc.description, extra, body);
                (doc, terms)
            })
            .collect();
        let words = Arc::new(vocabulary.finish(weighted.iter_mut().map(|(_, t)| t)));
        let results = weighted.iter().map(|(d, t)| (d.clone(), &t[..])).collect();
        Index::new(words, results)
    }

    /// Every word that leads to a result, in order, with its (result
    /// number, weight) by result, and the word as the script reads it.
    fn entries(&self) -> impl Iterator<Item = (&str, &str, &[(u32, u16)])> {
        self.used.iter().enumerate().map(|(i, &(w, start))| {
            let end = self
                .used
                .get(i + 1)
                .map_or(self.postings.len(), |next| next.1 as usize);
            let w = w as usize;
            (
                &*self.words.list[w],
                &*self.words.keys[w],
                &self.postings[start as usize..end],
            )
        })
    }

    /// Every word that leads to a result, in order, with its (result
    /// number, weight) by result.
    pub fn terms(&self) -> impl Iterator<Item = (&str, &[(u32, u16)])> {
        self.entries().map(|(word, _, list)| (word, list))
    }

    /// Whether the index is written in parts ([`Part::Terms`],
    /// [`Part::Docs`]) rather than whole.
    pub fn split(results: usize) -> bool {
        results > SPLIT_ABOVE
    }
}

/// The words of a phone number: each group of digits and all of them
/// together (`1900 969 680` -> `1900`, `969`, `680`, `1900969680`).
pub fn phone_terms(phone: &str) -> Vec<(String, u16)> {
    let mut out: Vec<(String, u16)> = words(phone).into_iter().map(|w| (w, PHONE)).collect();
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() && !out.iter().any(|(w, _)| *w == digits) {
        out.push((digits, PHONE));
    }
    out
}

/// A file of a district's index in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// `search/index.js`: everything for a small site; for a split one,
    /// how many results there are.
    Head,
    /// `search/t-<key>.js`: the words starting with `key` (a–z, 0–9, `_`
    /// for any other).
    Terms(char),
    /// `search/d-<n>.js`: results `n × CHUNK` to `(n + 1) × CHUNK − 1`.
    Docs(usize),
}

/// Every key of [`Part::Terms`].
pub const TERM_KEYS: &str = "abcdefghijklmnopqrstuvwxyz0123456789_";

/// The part key of a folded word: its first letter or digit, `_` else.
pub fn term_key(word: &str) -> char {
    match word.chars().next() {
        Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() => c,
        _ => '_',
    }
}

impl Part {
    /// The file's path in the language's `search/` folder.
    pub fn file(self) -> String {
        match self {
            Part::Head => "index.js".to_string(),
            Part::Terms(key) => format!("t-{key}.js"),
            Part::Docs(n) => format!("d-{n}.js"),
        }
    }

    /// Every part of an index of `results` results.
    pub fn all(results: usize) -> Vec<Part> {
        let mut parts = vec![Part::Head];
        if Index::split(results) {
            parts.extend(TERM_KEYS.chars().map(Part::Terms));
            parts.extend((0..results.div_ceil(CHUNK)).map(Part::Docs));
        }
        parts
    }
}

/// Appends `text` as a JSON string. JSON allows U+2028 and U+2029 inside
/// strings; old script engines do not, so they are escaped too.
fn push_str(out: &mut Vec<u8>, text: &str) {
    // Most titles and descriptions need no escape: one pass over the
    // bytes (no branch per byte) says so, and they are copied as they are.
    // 0xE2 starts U+2028 and U+2029 (and other punctuation, which then
    // takes the careful way).
    let plain = !text.bytes().fold(false, |needs, b| {
        needs | (b < 0x20) | (b == b'"') | (b == b'\\') | (b == 0xE2)
    });
    if plain {
        out.reserve(text.len() + 2);
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else if text.contains(['\u{2028}', '\u{2029}']) {
        let json = serde_json::to_string(text).unwrap_or_default();
        out.extend_from_slice(
            json.replace('\u{2028}', "\\u2028")
                .replace('\u{2029}', "\\u2029")
                .as_bytes(),
        );
    } else {
        // Writing a string into a vector cannot fail.
        let _ = serde_json::to_writer(&mut *out, text);
    }
}

/// Appends the results `docs` as the script reads them: `[[url, title,
/// section, description], …]`.
fn push_docs<'d>(out: &mut Vec<u8>, docs: impl Iterator<Item = &'d Doc>) {
    out.push(b'[');
    for (i, doc) in docs.enumerate() {
        out.extend_from_slice(if i == 0 { b"[" } else { b",[" });
        for (j, field) in [&doc.url, &doc.title, &doc.section, &doc.description]
            .into_iter()
            .enumerate()
        {
            if j > 0 {
                out.push(b',');
            }
            push_str(out, field);
        }
        out.push(b']');
    }
    out.push(b']');
}

/// Appends words and their postings as the script reads them: `{word:
/// [result, weight, result, weight…], …}`, each word keeping the `limit`
/// results it weighs most in. `terms` gives each word as the script reads
/// it (`"word":[`) with its postings.
fn push_terms<'t>(
    out: &mut Vec<u8>,
    terms: impl Iterator<Item = (&'t str, &'t [(u32, u16)])>,
    limit: Option<usize>,
) {
    let mut numbers = itoa::Buffer::new();
    out.push(b'{');
    let mut kept: Vec<(u32, u16)> = Vec::new();
    for (i, (key, list)) in terms.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(key.as_bytes());
        let list = match limit {
            Some(limit) if list.len() > limit => {
                kept.clear();
                kept.extend_from_slice(list);
                kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                kept.truncate(limit);
                kept.sort_unstable();
                &kept[..]
            }
            _ => list,
        };
        // At most 12 bytes a posting: no reallocation inside the loop.
        out.reserve(list.len() * 12);
        for (j, &(doc, weight)) in list.iter().enumerate() {
            if j > 0 {
                out.push(b',');
            }
            push_number(out, &mut numbers, doc);
            out.push(b',');
            push_number(out, &mut numbers, u32::from(weight));
        }
        out.push(b']');
    }
    out.push(b'}');
}

/// Appends `n` in decimal. Most numbers of an index (result numbers of a
/// district, weights) have one to three digits: written digit by digit,
/// without a call per number.
fn push_number(out: &mut Vec<u8>, buffer: &mut itoa::Buffer, n: u32) {
    // Each digit is below 10: the casts cannot truncate.
    let digit = |d: u32| b'0' + (d % 10) as u8;
    match n {
        0..10 => out.push(digit(n)),
        10..100 => out.extend_from_slice(&[digit(n / 10), digit(n)]),
        100..1000 => out.extend_from_slice(&[digit(n / 100), digit(n / 10), digit(n)]),
        _ => out.extend_from_slice(buffer.format(n).as_bytes()),
    }
}

/// The script file of `part`: `loaSearch({"key": …, …});`. The head also
/// carries `say`, the words the script shows with the results (`say` pairs
/// of the theme's string name and text, e.g. `search_count`), so that the
/// pages need not carry them.
pub fn script(index: &Index, part: Part, say: &[(&str, &str)]) -> Vec<u8> {
    let split = Index::split(index.docs.len());
    let mut out = Vec::with_capacity(if split { 16 * 1024 } else { 64 * 1024 });
    out.extend_from_slice(b"loaSearch({\"key\":");
    let all = index.entries().map(|(_, key, list)| (key, list));
    match part {
        Part::Head if !split => {
            out.extend_from_slice(b"\"index\",");
            push_say(&mut out, say);
            out.extend_from_slice(b",\"docs\":");
            push_docs(&mut out, index.docs.iter());
            out.extend_from_slice(b",\"terms\":");
            push_terms(&mut out, all, None);
        }
        Part::Head => {
            let count = index.docs.len();
            out.extend_from_slice(b"\"index\",");
            push_say(&mut out, say);
            out.extend_from_slice(format!(",\"count\":{count},\"chunk\":{CHUNK}").as_bytes());
        }
        Part::Terms(key) => {
            out.extend_from_slice(format!("\"t-{key}\",\"terms\":").as_bytes());
            let terms = index
                .entries()
                .filter(|(w, _, _)| term_key(w) == key)
                .map(|(_, key, list)| (key, list));
            push_terms(&mut out, terms, Some(MAX_POSTINGS));
        }
        Part::Docs(n) => {
            out.extend_from_slice(format!("\"d-{n}\",\"docs\":").as_bytes());
            push_docs(&mut out, index.docs.iter().skip(n * CHUNK).take(CHUNK));
        }
    }
    out.extend_from_slice(b"});\n");
    out
}

/// `"say":{"search_count":"…",…}`: the words shown with the results.
fn push_say(out: &mut Vec<u8>, say: &[(&str, &str)]) {
    out.extend_from_slice(b"\"say\":{");
    for (i, (key, text)) in say.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_str(out, key);
        out.push(b':');
        push_str(out, text);
    }
    out.push(b'}');
}

/// A page on the A–Z list.
#[derive(Debug, Clone, Serialize)]
pub struct AzItem {
    /// Its title.
    pub title: String,
    /// Its address from the district folder.
    pub path: String,
    /// Its section's title (empty for the home page and sections).
    pub section: String,
    /// The language it is written in, when not the list's.
    pub lang: Option<String>,
}

/// The pages of one first letter.
#[derive(Debug, Clone, Serialize)]
pub struct AzGroup {
    /// The letter, as shown (`A`, `Đ`, `1`).
    pub letter: String,
    /// An id for the letter's heading.
    pub id: String,
    /// Its pages, in order.
    pub items: Vec<AzItem>,
}

/// The A–Z list: `items` sorted by folded title (then as written), grouped
/// by first letter, with `Đ` apart from `D` as Vietnamese readers expect.
pub fn az_groups(items: Vec<AzItem>) -> Vec<AzGroup> {
    let letter = |title: &str| -> String {
        let first = title.chars().find(|c| c.is_alphanumeric());
        match first {
            Some('đ' | 'Đ') => "Đ".to_string(),
            Some(c) => fold(&c.to_string()).to_uppercase(),
            None => "#".to_string(),
        }
    };
    // Each item's letter and sort key made once (stable: equal titles
    // keep their order).
    let mut keyed: Vec<_> = items
        .into_iter()
        .map(|item| {
            let l = letter(&item.title);
            let key = (letter_rank(&l), fold(&item.title));
            (key, l, item)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.2.title.cmp(&b.2.title)));
    let mut groups: Vec<AzGroup> = Vec::new();
    for (_, l, item) in keyed {
        match groups.last_mut() {
            Some(g) if g.letter == l => g.items.push(item),
            _ => groups.push(AzGroup {
                id: format!("az-{}", groups.len() + 1),
                letter: l,
                items: vec![item],
            }),
        }
    }
    groups
}

/// Orders first letters: digits, then letters with `Đ` right after `D`,
/// then anything else.
fn letter_rank(letter: &str) -> (u8, String) {
    match letter {
        "Đ" => (1, "D\u{1}".to_string()),
        l if l.chars().all(|c| c.is_ascii_digit()) => (0, l.to_string()),
        l if l.chars().all(|c| c.is_ascii_uppercase()) => (1, l.to_string()),
        l => (2, l.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn folds_vietnamese_to_plain_letters() {
        assert_eq!(fold("Đường dây nóng"), "duong day nong");
        assert_eq!(fold("ĐÀ NẴNG"), "da nang");
        assert_eq!(fold("Bạo Lực"), "bao luc");
        assert_eq!(fold("BẠO LỰC"), "bao luc");
        assert_eq!(fold("ư ơ ă â ê ô Ư Ơ Ă Â Ê Ô"), "u o a a e o u o a a e o");
        assert_eq!(fold("xâm hại"), "xam hai");
        assert_eq!(fold("đ"), "d");
    }

    #[test]
    fn folds_decomposed_input_from_unikey_to_hop() {
        // Unikey's "tổ hợp" mode types base letters followed by combining
        // marks: "tổ hợp" as t o U+0302 U+0309, h o U+031B U+0323 p.
        let decomposed = "to\u{302}\u{309} ho\u{31b}\u{323}p";
        assert_ne!(decomposed, "tổ hợp");
        assert_eq!(fold(decomposed), "to hop");
        assert_eq!(words(decomposed), ["to", "hop"]);
        assert_eq!(
            words("Đu\u{31b}\u{300}o\u{31b}ng da\u{302}y"),
            ["duong", "day"]
        );
    }

    #[test]
    fn the_fold_table_agrees_with_folding_each_character() {
        for code in 0x80..0x2000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let text = format!("a{c}b");
            let mut slow = Vec::new();
            let mut word = String::new();
            for f in fold(&text).chars() {
                if f.is_alphanumeric() {
                    word.push(f);
                } else if !word.is_empty() {
                    slow.push(std::mem::take(&mut word));
                }
            }
            slow.push(word);
            assert_eq!(words(&text), slow, "U+{code:04X}");
        }
    }

    #[test]
    fn words_split_at_anything_but_letters_and_digits() {
        assert_eq!(
            words("Gọi 111 hay 113: chuyện gì “sẽ” xảy ra?"),
            [
                "goi", "111", "hay", "113", "chuyen", "gi", "se", "xay", "ra"
            ]
        );
        assert_eq!(words("  "), Vec::<String>::new());
        assert_eq!(words("2022–2026"), ["2022", "2026"]);
    }

    #[test]
    fn html_text_removes_tags_and_decodes_entities() {
        assert_eq!(
            html_text("<p>A&amp;B <a href=\"x\">c&#39;d</a></p><td>e</td><td>f</td>"),
            " A&B  c'd   e  f "
        );
        assert_eq!(html_text("x & y &bogus; &#xZZ;"), "x & y &bogus; &#xZZ;");
    }

    #[test]
    fn headings_weigh_more_than_repetition() {
        let body = body_terms(
            "<h2>Bạo lực</h2><p>gia đình gia đình gia đình gia đình gia đình</p><h3>Bạo lực</h3>",
            ["Bạo lực", "Bạo lực"],
        );
        let get = |w: &str| body.terms.iter().find(|(t, _)| &**t == w).map(|t| t.1);
        assert_eq!(get("bao"), Some(BODY_MAX + HEADING));
        assert_eq!(get("gia"), Some(BODY_MAX));
        assert!(get("bao") > get("gia"));
    }

    fn doc(title: &str) -> Doc {
        Doc {
            url: format!("{}/", fold(title).replace(' ', "-")),
            title: title.to_string(),
            section: String::new(),
            description: String::new(),
        }
    }

    /// The result numbers for a query, best first, as the script ranks
    /// them (every word a prefix of an indexed word, weights summed).
    fn rank(index: &Index, query: &str) -> Vec<u32> {
        let mut total: HashMap<u32, (usize, u32)> = HashMap::new();
        let q = words(query);
        for (i, w) in q.iter().enumerate() {
            let mut best: HashMap<u32, u32> = HashMap::new();
            for (term, list) in index.terms() {
                if !term.starts_with(w.as_str()) {
                    continue;
                }
                for &(d, s) in list {
                    let s = u32::from(s) * if term == w { 2 } else { 1 };
                    let b = best.entry(d).or_default();
                    *b = (*b).max(s);
                }
            }
            for (d, s) in best {
                let t = total.entry(d).or_default();
                if t.0 == i {
                    *t = (i + 1, t.1 + s);
                }
            }
        }
        let mut out: Vec<(u32, u32)> = total
            .into_iter()
            .filter(|(_, (n, _))| *n == q.len())
            .map(|(d, (_, s))| (d, s))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out.into_iter().map(|(d, _)| d).collect()
    }

    #[test]
    fn title_ranks_over_heading_over_body() {
        let body = body_terms("<p>bạo lực bạo lực bạo lực bạo lực bạo lực</p>", []);
        let heading = body_terms("<h2>Bạo lực</h2>", ["Bạo lực"]);
        let index = Index::alone(vec![
            (doc("Trong thân bài"), Some(&body), &[]),
            (doc("Trong tiêu đề phụ"), Some(&heading), &[]),
            (doc("Nhận biết bạo lực"), None, &[]),
            (doc("Không liên quan"), None, &[]),
        ]);
        assert_eq!(rank(&index, "bao luc"), [2, 1, 0]);
        assert_eq!(rank(&index, "BẠO LỰC"), [2, 1, 0]);
        // A prefix of the last word still finds them.
        assert_eq!(rank(&index, "bao l"), [2, 1, 0]);
        assert_eq!(rank(&index, "khong lien"), [3]);
    }

    #[test]
    fn a_hotline_number_leads_to_its_entry() {
        let body = body_terms("<p>Gọi 111 ngay.</p>", []);
        let (child, house) = (phone_terms("111"), phone_terms("1900 969 680"));
        let index = Index::alone(vec![
            (doc("Gọi 111 hay 113"), Some(&body), &[]),
            (doc("Tổng đài quốc gia bảo vệ trẻ em"), None, &child),
            (doc("Ngôi nhà Bình yên"), None, &house),
        ]);
        assert_eq!(rank(&index, "111"), [1, 0]);
        assert_eq!(rank(&index, "1900969680"), [2]);
        assert_eq!(rank(&index, "1900 969"), [2]);
    }

    #[test]
    fn a_split_index_has_a_part_per_letter_and_chunk() {
        assert_eq!(Part::all(SPLIT_ABOVE), [Part::Head]);
        let parts = Part::all(SPLIT_ABOVE + 1);
        assert_eq!(
            parts.len(),
            1 + TERM_KEYS.len() + (SPLIT_ABOVE + 1).div_ceil(CHUNK)
        );
        assert_eq!(term_key("bao"), 'b');
        assert_eq!(term_key("111"), '1');
        assert_eq!(term_key("мир"), '_');
        let index = Index::alone(
            (0..=SPLIT_ABOVE)
                .map(|i| (doc(&format!("Trang {i}")), None, &[][..]))
                .collect(),
        );
        let text = String::from_utf8(script(&index, Part::Terms('t'), &[])).unwrap();
        assert!(text.starts_with("loaSearch({"), "{text:.40}");
        // "trang" is in every result: only the best MAX_POSTINGS are kept.
        let json: serde_json::Value = serde_json::from_str(
            text.trim_start_matches("loaSearch(")
                .trim_end_matches(");\n"),
        )
        .unwrap();
        assert_eq!(
            json["terms"]["trang"].as_array().unwrap().len(),
            MAX_POSTINGS * 2
        );
        let head = String::from_utf8(script(
            &index,
            Part::Head,
            &[("search_one", "1\u{2028}\"r\"")],
        ))
        .unwrap();
        assert!(head.contains("\"count\":401"), "{head}");
        // The head carries the words shown with the results, escaped.
        assert!(
            head.contains(r#""say":{"search_one":"1\u2028\"r\""}"#),
            "{head}"
        );
    }

    #[test]
    fn line_separators_are_escaped_for_old_script_engines() {
        let index = Index::alone(vec![(doc("a\u{2028}b"), None, &[])]);
        let text =
            String::from_utf8(script(&index, Part::Head, &[("search_one", "1 result")])).unwrap();
        assert!(!text.contains('\u{2028}') && text.contains("\\u2028"));
    }

    #[test]
    fn words_are_the_folded_text_split_at_anything_but_letters_and_digits() {
        for text in [
            "Bạo lực gia đình, BẠO LỰC và bao luc",
            "Đường dây nóng 111: gọi ngay!",
            "ĐÀ NẴNG Hà-Nội 2026",
            "Ba\u{323}o lu\u{323}\u{302}c",
            "abcXYZ123ẤN",
            "xyzđ đxyz ĐXYZ xyzĐ",
            "mixedCase-word_under.score",
            "Привет мир ΑΒΓ",
            "日本語 テスト",
            "emoji😀between",
            "ﬁ ligature ß",
            "\u{300}leading mark",
            "ends with ư",
            "",
        ] {
            let expected: Vec<String> = fold(text)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            assert_eq!(words(text), expected, "{text:?}");
        }
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        let mut buffer = itoa::Buffer::new();
        for n in (0..2000).chain([9999, 10_000, 65_535, 1_000_000, u32::MAX]) {
            let mut out = b"x".to_vec();
            push_number(&mut out, &mut buffer, n);
            assert_eq!(out, format!("x{n}").into_bytes());
        }
    }

    #[test]
    fn body_words_are_counted_and_sorted_whatever_their_length() {
        let body = body_terms(
            "<p>phòng chống bạo lực gia đình; phòng ngừa bạo lực học đường \
             interventions interventions intervention zebra a ab abc \
             Đường dây nóng nóng nóng nóng nóng 111 1111 đường</p>",
            ["Phòng chống interventions"],
        );
        let mut expected: HashMap<String, u16> = HashMap::new();
        for w in words(
            "phòng chống bạo lực gia đình; phòng ngừa bạo lực học đường \
             interventions interventions intervention zebra a ab abc \
             Đường dây nóng nóng nóng nóng nóng 111 1111 đường",
        ) {
            let n = expected.entry(w).or_default();
            *n = (*n + BODY).min(BODY_MAX);
        }
        for w in ["phong", "chong", "interventions"] {
            let n = expected.get_mut(w).unwrap();
            *n = (*n).max(BODY_MAX) + HEADING;
        }
        let mut expected: Vec<(Box<str>, u16)> = expected
            .into_iter()
            .map(|(w, n)| (w.into_boxed_str(), n))
            .collect();
        expected.sort();
        assert_eq!(body.terms, expected);
    }

    #[test]
    fn a_word_said_more_often_than_a_u16_counts_weighs_body_max() {
        let html = format!("<p>{}</p>", "Nóng, nóng-a ".repeat(70_000));
        let body = body_terms(&html, []);
        let expected: Vec<(Box<str>, u16)> =
            vec![("a".into(), BODY_MAX), ("nong".into(), BODY_MAX)];
        assert_eq!(body.terms, expected);
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        for text in [
            "",
            "Bạo lực gia đình",
            "Gọi 111 – miễn phí",
            "say \"no\"",
            "back\\slash",
            "tab\there\nline\u{1}\u{1f}",
            "\u{7f}\u{80}\u{ff}\u{2027}\u{202a}",
            "a\u{2028}b\u{2029}c",
            "😀 Đường dây nóng",
        ] {
            let mut out = Vec::new();
            push_str(&mut out, text);
            let expected = serde_json::to_string(text)
                .unwrap()
                .replace('\u{2028}', "\\u2028")
                .replace('\u{2029}', "\\u2029");
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{text:?}");
        }
    }

    #[test]
    fn a_to_z_groups_by_first_letter_with_d_stroke_apart() {
        let item = |t: &str| AzItem {
            title: t.to_string(),
            path: String::new(),
            section: String::new(),
            lang: None,
        };
        let groups = az_groups(vec![
            item("Đường dây nóng"),
            item("Bạo lực"),
            item("an toàn"),
            item("Dân phố"),
            item("111"),
            item("Ăn uống"),
        ]);
        let letters: Vec<&str> = groups.iter().map(|g| g.letter.as_str()).collect();
        assert_eq!(letters, ["1", "A", "B", "D", "Đ"]);
        let a: Vec<&str> = groups[1].items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(a, ["an toàn", "Ăn uống"]);
    }
}
