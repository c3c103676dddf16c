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
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
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
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            out.push(' ');
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
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
    let mut weights: FxHashMap<String, u16> = FxHashMap::default();
    for_each_word(&html_text(html), |w| {
        if let Some(n) = weights.get_mut(w) {
            *n = (*n + BODY).min(BODY_MAX);
        } else {
            weights.insert(w.to_string(), BODY);
        }
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
        let n = weights.entry(w).or_default();
        *n = (*n).max(BODY_MAX) + HEADING;
    }
    let mut terms: Vec<(Box<str>, u16)> = weights
        .into_iter()
        .map(|(w, n)| (w.into_boxed_str(), n))
        .collect();
    terms.sort_unstable();
    BodyTerms { terms }
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

/// A district's index in one language.
#[derive(Debug, Default)]
pub struct Index {
    /// The results, by number.
    pub docs: Vec<Doc>,
    /// Folded word -> (result number, weight), by result number.
    pub terms: FxHashMap<String, Vec<(u32, u16)>>,
}

impl Index {
    /// Adds `weight` for `word` to result `n` (the last one added).
    fn bump(&mut self, word: &str, n: u32, weight: u16, add: bool) {
        let slot = match self.terms.get_mut(word) {
            Some(slot) => slot,
            None => self.terms.entry(word.to_string()).or_default(),
        };
        match slot.last_mut() {
            Some((last, have)) if *last == n => {
                *have = if add {
                    have.saturating_add(weight)
                } else {
                    (*have).max(weight)
                };
            }
            _ => slot.push((n, weight)),
        }
    }

    /// Adds a result: the words of its title, description and `extra`
    /// (weighted words, such as a phone number's) lead to it, and those of
    /// its body add to them.
    pub fn add(&mut self, doc: Doc, body: Option<&BodyTerms>, extra: &[(String, u16)]) {
        let n = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        // The same word twice in a title counts once.
        for_each_word(&doc.title, |w| self.bump(w, n, TITLE, false));
        for_each_word(&doc.description, |w| self.bump(w, n, DESCRIPTION, false));
        for (w, weight) in extra {
            self.bump(w, n, *weight, false);
        }
        for (w, weight) in body.map_or(&[][..], |b| &b.terms[..]) {
            self.bump(w, n, *weight, true);
        }
        self.docs.push(doc);
    }

    /// The words, sorted.
    fn sorted(&self) -> Vec<(&String, &Vec<(u32, u16)>)> {
        let mut terms: Vec<_> = self.terms.iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
        terms
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
fn push_str(out: &mut String, text: &str) {
    let json = serde_json::to_string(text).expect("a string serialises");
    if json.contains(['\u{2028}', '\u{2029}']) {
        out.push_str(
            &json
                .replace('\u{2028}', "\\u2028")
                .replace('\u{2029}', "\\u2029"),
        );
    } else {
        out.push_str(&json);
    }
}

/// Appends the results `docs` as the script reads them: `[[url, title,
/// section, description], …]`.
fn push_docs<'d>(out: &mut String, docs: impl Iterator<Item = &'d Doc>) {
    out.push('[');
    for (i, doc) in docs.enumerate() {
        out.push_str(if i == 0 { "[" } else { ",[" });
        for (j, field) in [&doc.url, &doc.title, &doc.section, &doc.description]
            .into_iter()
            .enumerate()
        {
            if j > 0 {
                out.push(',');
            }
            push_str(out, field);
        }
        out.push(']');
    }
    out.push(']');
}

/// Appends words and their postings as the script reads them: `{word:
/// [result, weight, result, weight…], …}`, each word keeping the `limit`
/// results it weighs most in.
fn push_terms<'t>(
    out: &mut String,
    terms: impl Iterator<Item = (&'t String, &'t Vec<(u32, u16)>)>,
    limit: Option<usize>,
) {
    use std::fmt::Write as _;
    out.push('{');
    let mut kept: Vec<(u32, u16)> = Vec::new();
    for (i, (word, list)) in terms.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_str(out, word);
        out.push_str(":[");
        let list = match limit {
            Some(limit) if list.len() > limit => {
                kept.clear();
                kept.extend_from_slice(list);
                kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                kept.truncate(limit);
                kept.sort_unstable();
                &kept[..]
            }
            _ => &list[..],
        };
        for (j, (doc, weight)) in list.iter().enumerate() {
            let comma = if j > 0 { "," } else { "" };
            let _ = write!(out, "{comma}{doc},{weight}");
        }
        out.push(']');
    }
    out.push('}');
}

/// The script file of `part`: `loaSearch({"key": …, …});`.
pub fn script(index: &Index, part: Part) -> Vec<u8> {
    let split = Index::split(index.docs.len());
    let mut out = String::from("loaSearch({\"key\":");
    match part {
        Part::Head if !split => {
            out.push_str("\"index\",\"docs\":");
            push_docs(&mut out, index.docs.iter());
            out.push_str(",\"terms\":");
            push_terms(&mut out, index.sorted().into_iter(), None);
        }
        Part::Head => {
            let count = index.docs.len();
            out.push_str(&format!("\"index\",\"count\":{count},\"chunk\":{CHUNK}"));
        }
        Part::Terms(key) => {
            out.push_str(&format!("\"t-{key}\",\"terms\":"));
            let sorted = index.sorted();
            let terms = sorted.into_iter().filter(|(w, _)| term_key(w) == key);
            push_terms(&mut out, terms, Some(MAX_POSTINGS));
        }
        Part::Docs(n) => {
            out.push_str(&format!("\"d-{n}\",\"docs\":"));
            push_docs(&mut out, index.docs.iter().skip(n * CHUNK).take(CHUNK));
        }
    }
    out.push_str("});\n");
    out.into_bytes()
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
pub fn az_groups(mut items: Vec<AzItem>) -> Vec<AzGroup> {
    let key = |title: &str| (fold(title), title.to_string());
    let letter = |title: &str| -> String {
        let first = title.chars().find(|c| c.is_alphanumeric());
        match first {
            Some('đ' | 'Đ') => "Đ".to_string(),
            Some(c) => fold(&c.to_string()).to_uppercase(),
            None => "#".to_string(),
        }
    };
    items.sort_by_cached_key(|i| (letter_rank(&letter(&i.title)), key(&i.title)));
    let mut groups: Vec<AzGroup> = Vec::new();
    for item in items {
        let l = letter(&item.title);
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
            for (term, list) in index.terms.iter() {
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
        let mut index = Index::default();
        let body = body_terms("<p>bạo lực bạo lực bạo lực bạo lực bạo lực</p>", []);
        index.add(doc("Trong thân bài"), Some(&body), &[]);
        let heading = body_terms("<h2>Bạo lực</h2>", ["Bạo lực"]);
        index.add(doc("Trong tiêu đề phụ"), Some(&heading), &[]);
        index.add(doc("Nhận biết bạo lực"), None, &[]);
        index.add(doc("Không liên quan"), None, &[]);
        assert_eq!(rank(&index, "bao luc"), [2, 1, 0]);
        assert_eq!(rank(&index, "BẠO LỰC"), [2, 1, 0]);
        // A prefix of the last word still finds them.
        assert_eq!(rank(&index, "bao l"), [2, 1, 0]);
        assert_eq!(rank(&index, "khong lien"), [3]);
    }

    #[test]
    fn a_hotline_number_leads_to_its_entry() {
        let mut index = Index::default();
        let body = body_terms("<p>Gọi 111 ngay.</p>", []);
        index.add(doc("Gọi 111 hay 113"), Some(&body), &[]);
        index.add(
            doc("Tổng đài quốc gia bảo vệ trẻ em"),
            None,
            &phone_terms("111"),
        );
        index.add(doc("Ngôi nhà Bình yên"), None, &phone_terms("1900 969 680"));
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
        let mut index = Index::default();
        for i in 0..=SPLIT_ABOVE {
            index.add(doc(&format!("Trang {i}")), None, &[]);
        }
        let text = String::from_utf8(script(&index, Part::Terms('t'))).unwrap();
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
        let head = String::from_utf8(script(&index, Part::Head)).unwrap();
        assert!(head.contains("\"count\":401"), "{head}");
    }

    #[test]
    fn line_separators_are_escaped_for_old_script_engines() {
        let mut index = Index::default();
        index.add(doc("a\u{2028}b"), None, &[]);
        let text = String::from_utf8(script(&index, Part::Head)).unwrap();
        assert!(!text.contains('\u{2028}') && text.contains("\\u2028"));
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
