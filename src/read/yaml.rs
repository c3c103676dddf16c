//! The one module that reads YAML: campaign config, district files, hotline
//! data and page front matter all come through [`parse`].
//!
//! The text is read once into a tree whose every value keeps its line and
//! column ([`Node`], from the pure-Rust YAML 1.2 parser `saphyr-parser`), and
//! the tree is deserialised with serde by a small deserialiser of our own.
//! So every problem is reported where it is, without guessing a place from
//! an error's text, and a file reports all its unknown keys at once. Values
//! keep the behaviour the campaign files were written for (YAML 1.2 core
//! scalars; plain numbers read as text where text is wanted), and a few
//! hostile or careless values become errors: `title: null`, control
//! characters in text, aliases that expand without bound, nesting past 64.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};

use crate::codes::Code;
use crate::error::{Diagnostic, did_you_mean};
use crate::i18n::Msg;
use crate::msg;

/// How deeply mappings and lists may nest.
const MAX_DEPTH: usize = 64;
/// How many values aliases may add in all (a "billion laughs" file would
/// otherwise expand without bound).
const MAX_ALIAS_NODES: usize = 10_000;

/// One value of a YAML document with its place (1-based line and column
/// within the parsed text).
#[derive(Debug, Clone)]
pub struct Node {
    /// What the value is.
    pub value: Value,
    /// Line, 1-based, in the parsed text.
    pub line: usize,
    /// Column, 1-based, in characters.
    pub column: usize,
}

/// The kinds of YAML values.
#[derive(Debug, Clone)]
pub enum Value {
    /// Text; `plain` when written without quotes or block markers, so it
    /// may mean `null`, a number or `true`.
    Scalar {
        /// The text.
        text: String,
        /// Written without quotes.
        plain: bool,
    },
    /// A list.
    List(Vec<Node>),
    /// `key: value` pairs, in the order written.
    Map(Vec<(Node, Node)>),
}

impl Node {
    fn scalar(&self) -> Option<(&str, bool)> {
        match &self.value {
            Value::Scalar { text, plain } => Some((text, *plain)),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self.scalar(), Some((t, true)) if matches!(t, "" | "~" | "null" | "Null" | "NULL"))
    }
}

/// Reads `text` into a tree. An empty document is an empty mapping.
pub fn tree(text: &str) -> Result<Node, Problem> {
    Builder::default().build(text)
}

/// Deserialises `text`, which starts on line `first_line` (1-based) of
/// `file`. Every unknown key is reported, each with its place.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
) -> Result<T, Vec<Diagnostic>> {
    let place = Place { file, first_line };
    let root = tree(text).map_err(|p| vec![p.diagnostic(&place)])?;
    from_node(&root, &place)
}

/// The value of the top-level key `key` of `text`, deserialised, when the
/// text reads as YAML and that value as a `T`; whatever else the document
/// holds is not looked at. For settings to go on with when a file as a
/// whole does not read (its findings are reported by [`parse`]).
pub fn parse_key<T: DeserializeOwned>(text: &str, key: &str) -> Option<T> {
    let root = tree(text).ok()?;
    let Value::Map(pairs) = &root.value else {
        return None;
    };
    let (_, value) = pairs
        .iter()
        .find(|(k, _)| k.scalar().is_some_and(|(name, _)| name == key))?;
    let place = Place {
        file: Path::new(""),
        first_line: 1,
    };
    from_node(value, &place).ok()
}

/// Deserialises a YAML list entry by entry, so every entry with a mistake
/// is reported (not just the first). Returns the good entries with their
/// index, and the diagnostics of the bad ones.
pub fn parse_list<T: DeserializeOwned>(
    text: &str,
    file: &Path,
) -> (Vec<(usize, T)>, Vec<Diagnostic>) {
    let place = Place {
        file,
        first_line: 1,
    };
    let root = match tree(text) {
        Ok(root) => root,
        Err(p) => return (Vec::new(), vec![p.diagnostic(&place)]),
    };
    let items = match &root.value {
        Value::List(items) => items,
        Value::Map(pairs) if pairs.is_empty() => return (Vec::new(), Vec::new()),
        _ => {
            let found = found_word(&root);
            let problem = Problem::at(
                &root,
                Kind::WrongType {
                    expected: msg!("yaml-kind-list"),
                    found,
                },
            );
            return (Vec::new(), vec![problem.diagnostic(&place)]);
        }
    };
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match from_node(item, &place) {
            Ok(value) => good.push((i, value)),
            Err(mut problems) => bad.append(&mut problems),
        }
    }
    (good, bad)
}

/// Where the parsed text is: its file and first line.
struct Place<'a> {
    file: &'a Path,
    first_line: usize,
}

/// How many wrong values of one document are reported; each costs one
/// more pass over it.
const MAX_VALUE_PROBLEMS: usize = 64;

/// Deserialises `node`, reporting every wrong value, not just the first:
/// serde stops at the first, so after a wrong value the document is read
/// again without that key (a required key left out this way is not
/// reported missing), until it reads to the end.
fn from_node<T: DeserializeOwned>(node: &Node, place: &Place<'_>) -> Result<T, Vec<Diagnostic>> {
    let skip = RefCell::new(Skipped::default());
    let mut problems = Vec::new();
    let collected = loop {
        let collected = RefCell::new(Vec::new());
        let result = T::deserialize(De {
            node,
            collected: &collected,
            skip: &skip,
            first_line: place.first_line,
            key: None,
        });
        let collected = collected.into_inner();
        let problem = match result {
            Ok(value) if problems.is_empty() && collected.is_empty() => return Ok(value),
            Ok(_) => break collected,
            Err(problem) => problem,
        };
        let mut skipped = skip.borrow_mut();
        if let Kind::MissingKey(key) = &problem.kind
            && skipped.names.contains(key)
        {
            break collected;
        }
        let again = problem
            .key_at
            .filter(|at| !skipped.keys.contains(at) && problems.len() < MAX_VALUE_PROBLEMS);
        problems.push(problem);
        match again {
            Some(at) => {
                skipped.keys.insert(at);
                if let Some(field) = &problems[problems.len() - 1].field {
                    skipped.names.insert(field.clone());
                }
            }
            None => break collected,
        }
    };
    problems.extend(collected);
    problems.sort_by_key(|p| p.at);
    Err(problems.iter().map(|p| p.diagnostic(place)).collect())
}

/// Keys read past after a wrong value: their places, and their names (so
/// a required one is not reported missing).
#[derive(Debug, Default)]
struct Skipped {
    keys: HashSet<(usize, usize)>,
    names: HashSet<String>,
}

/// Quotes text as a YAML double-quoted string.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------
// Values with their places

/// A value read from YAML with the place it is written at in its file
/// (1-based line and column; front matter's first line is counted in), so a
/// finding about the value points at it without looking it up again by a
/// path of keys (the `toml::Spanned` pattern).
///
/// It compares, orders and hashes as its value; it derefs to it. It reads
/// only through [`parse`] and [`parse_list`]: another serde reader refuses
/// it. A value made by loa itself ([`Spanned::new`]) has no place.
#[derive(Debug, Clone, Copy, Default)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is written: line and column, `None` for a value made by
    /// loa rather than read from a file.
    at: Option<(usize, usize)>,
    /// Where its key is written, for the value of a `key: value` pair.
    key: Option<(usize, usize)>,
}

/// The struct name [`Spanned`] asks our deserialiser for.
const SPANNED: &str = "$loa::yaml::Spanned";
const SPANNED_FIELDS: &[&str] = &["line", "column", "key_line", "key_column", "value"];

impl<T> Spanned<T> {
    /// A value that is not written anywhere (a default or a fallback).
    pub fn new(value: T) -> Spanned<T> {
        Spanned {
            value,
            at: None,
            key: None,
        }
    }

    /// A value written at `line` and `column` (1-based) of its file.
    pub fn at(value: T, line: usize, column: usize) -> Spanned<T> {
        Spanned {
            at: Some((line, column)),
            ..Spanned::new(value)
        }
    }

    /// Where the value is written: line and column, when read from a file.
    pub fn place(&self) -> Option<(usize, usize)> {
        self.at
    }

    /// Where the key of the value is written, for the value of a
    /// `key: value` pair read from a file.
    pub fn key_place(&self) -> Option<(usize, usize)> {
        self.key
    }

    /// The value, without its place.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The same place with another value (a value resolved from this one).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Spanned<U> {
        Spanned {
            value: f(self.value),
            at: self.at,
            key: self.key,
        }
    }

    /// The place alone, to point at once the value has gone on (values of
    /// different types pointed at by one finding).
    pub fn spot(&self) -> Spanned<()> {
        Spanned {
            value: (),
            at: self.at,
            key: self.key,
        }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Eq> Eq for Spanned<T> {}

impl PartialEq<str> for Spanned<String> {
    fn eq(&self, other: &str) -> bool {
        self.value == other
    }
}

impl PartialEq<&str> for Spanned<String> {
    fn eq(&self, other: &&str) -> bool {
        self.value == *other
    }
}

impl<T: PartialOrd> PartialOrd for Spanned<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        self.value.partial_cmp(&other.value)
    }
}

impl<T: Ord> Ord for Spanned<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl<T: std::hash::Hash> std::hash::Hash for Spanned<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl std::borrow::Borrow<str> for Spanned<String> {
    fn borrow(&self) -> &str {
        &self.value
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl From<&Spanned<String>> for crate::i18n::Arg {
    fn from(value: &Spanned<String>) -> Self {
        crate::i18n::Arg::from(&value.value)
    }
}

impl<T: serde::Serialize> serde::Serialize for Spanned<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<'de, T: de::Deserialize<'de>> de::Deserialize<'de> for Spanned<T> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct(SPANNED, SPANNED_FIELDS, SpannedVisitor(PhantomData))
    }
}

struct SpannedVisitor<T>(PhantomData<T>);

impl<'de, T: de::Deserialize<'de>> Visitor<'de> for SpannedVisitor<T> {
    type Value = Spanned<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value read by loa's YAML reader")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Spanned<T>, A::Error> {
        let mut place = [0; 4];
        for (n, field) in place.iter_mut().zip(SPANNED_FIELDS) {
            *n = match map.next_key::<de::IgnoredAny>()? {
                Some(_) => map.next_value::<usize>()?,
                None => return Err(de::Error::missing_field(field)),
            };
        }
        let [line, column, key_line, key_column] = place;
        let value = match map.next_key::<de::IgnoredAny>()? {
            Some(_) => map.next_value()?,
            None => return Err(de::Error::missing_field("value")),
        };
        let known = |line: usize, column: usize| (line > 0).then_some((line, column));
        Ok(Spanned {
            value,
            at: known(line, column),
            key: known(key_line, key_column),
        })
    }
}

/// What our deserialiser gives a [`Spanned`]: the node's line and column,
/// then the node itself.
struct SpannedAccess<'a> {
    de: De<'a>,
    /// Line and column of the value, then of its key (0 for none).
    place: [usize; 4],
    step: usize,
}

impl<'de> de::MapAccess<'de> for SpannedAccess<'_> {
    type Error = Problem;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Problem> {
        let Some(field) = SPANNED_FIELDS.get(self.step) else {
            return Ok(None);
        };
        let key: de::value::StrDeserializer<'_, Problem> = field.into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Problem> {
        self.step += 1;
        match self.place.get(self.step - 1) {
            Some(&n) => seed.deserialize(de::value::UsizeDeserializer::new(n)),
            None => seed.deserialize(self.de),
        }
    }
}

// ---------------------------------------------------------------------------
// Problems

/// A problem found in YAML, with its place in the parsed text.
#[derive(Debug, Clone)]
pub struct Problem {
    kind: Kind,
    at: Option<(usize, usize)>,
    field: Option<String>,
    /// The place of the key whose value is wrong, innermost first.
    key_at: Option<(usize, usize)>,
    /// For a syntax error: the line it is on, shown under the message with
    /// a caret, and what the YAML reader said.
    shown: Option<Shown>,
}

/// The line of a syntax error as written, and the reader's own words.
#[derive(Debug, Clone)]
struct Shown {
    line: String,
    reader: Option<String>,
}

#[derive(Debug, Clone)]
enum Kind {
    Syntax(String),
    UnclosedQuote,
    Tab,
    Indentation,
    ColonInText,
    SecondDocument,
    TooDeep,
    TooManyAliases,
    ControlCharacter(char),
    DuplicateKey(String),
    UnknownKey {
        word: String,
        expected: &'static [&'static str],
    },
    UnknownValue {
        word: String,
        expected: Vec<String>,
    },
    MissingKey(String),
    WrongType {
        expected: Msg,
        found: Msg,
    },
    Invalid(String),
}

impl Problem {
    fn at(node: &Node, kind: Kind) -> Problem {
        Problem {
            kind,
            at: Some((node.line, node.column)),
            field: None,
            key_at: None,
            shown: None,
        }
    }

    fn placed(mut self, node: &Node) -> Problem {
        self.at.get_or_insert((node.line, node.column));
        self
    }

    fn in_field(mut self, field: &str) -> Problem {
        self.field.get_or_insert_with(|| field.to_string());
        self
    }

    /// The problem for people, placed in `file`.
    fn diagnostic(&self, place: &Place<'_>) -> Diagnostic {
        let d = self.explain().in_file(place.file);
        let mut d = match self.at {
            Some((line, column)) => d.at(line + place.first_line - 1, column),
            None => d.at_line(place.first_line),
        };
        if let (Some(shown), Some(line), Some(column)) = (&self.shown, d.line, d.column) {
            d = d.excerpt(crate::error::excerpt(
                &shown.line,
                line,
                column,
                shown.reader.as_deref(),
            ));
        }
        d
    }

    fn explain(&self) -> Diagnostic {
        match &self.kind {
            Kind::Syntax(info) => {
                Diagnostic::error(Code::YamlSyntax, msg!("yaml-syntax", reason = info))
                    .help(msg!("yaml-syntax-help"))
            }
            Kind::UnclosedQuote => Diagnostic::error(Code::YamlSyntax, msg!("yaml-unclosed-quote"))
                .help(msg!("yaml-unclosed-quote-help")),
            Kind::Tab => Diagnostic::error(
                Code::YamlSyntax,
                msg!("yaml-tab", column = self.at.map_or(1, |a| a.1)),
            )
            .help(msg!("yaml-tab-help")),
            Kind::Indentation => Diagnostic::error(Code::YamlSyntax, msg!("yaml-indentation"))
                .help(msg!("yaml-indentation-help")),
            Kind::ColonInText => Diagnostic::error(Code::YamlSyntax, msg!("yaml-colon-in-text"))
                .help(msg!("yaml-colon-in-text-help")),
            Kind::SecondDocument => {
                Diagnostic::error(Code::YamlSyntax, msg!("yaml-second-document"))
                    .help(msg!("yaml-second-document-help"))
            }
            Kind::TooDeep => {
                Diagnostic::error(Code::YamlSyntax, msg!("yaml-too-deep", limit = MAX_DEPTH))
                    .help(msg!("yaml-too-deep-help"))
            }
            Kind::TooManyAliases => Diagnostic::error(
                Code::YamlSyntax,
                msg!("yaml-too-many-aliases", limit = MAX_ALIAS_NODES),
            )
            .help(msg!("yaml-too-many-aliases-help")),
            Kind::ControlCharacter(c) => Diagnostic::error(
                Code::YamlControlCharacter,
                msg!(
                    "content-control-character",
                    character = format!("U+{:04X}", u32::from(*c))
                ),
            )
            .help(msg!("yaml-control-character-help")),
            Kind::DuplicateKey(key) => Diagnostic::error(
                Code::YamlDuplicateKey,
                msg!("yaml-duplicate-key", key = key),
            )
            .help(msg!("yaml-duplicate-key-help", key = key)),
            Kind::UnknownKey { word, expected } => {
                let d =
                    Diagnostic::error(Code::YamlUnknownKey, msg!("yaml-unknown-key", key = word));
                match did_you_mean(word, expected.iter().copied()) {
                    Some(close) => d.help(msg!("yaml-unknown-key-close-help", key = close)),
                    None if expected.is_empty() => d.help(msg!("yaml-unknown-key-none-help")),
                    None => d.help(msg!("yaml-unknown-key-help", keys = expected.join(", "))),
                }
            }
            Kind::UnknownValue { word, expected } => {
                let message = match &self.field {
                    Some(field) => msg!("yaml-unknown-value-for", value = word, key = field),
                    None => msg!("yaml-unknown-value", value = word),
                };
                let d = Diagnostic::error(Code::YamlUnknownValue, message);
                match did_you_mean(word, expected.iter().map(String::as_str)) {
                    Some(close) => d.help(msg!("hint-did-you-mean", word = close)),
                    None => d.help(msg!(
                        "yaml-unknown-value-help",
                        values = expected.join(", ")
                    )),
                }
            }
            Kind::MissingKey(key) => {
                Diagnostic::error(Code::YamlMissingKey, msg!("yaml-missing-key", key = key))
                    .help(msg!("yaml-missing-key-help", key = key))
            }
            Kind::WrongType { expected, found } => {
                let message = match &self.field {
                    Some(field) => msg!(
                        "yaml-wrong-type-key",
                        key = field,
                        expected = expected.text(),
                        found = found.text()
                    ),
                    None => msg!(
                        "yaml-wrong-type",
                        expected = expected.text(),
                        found = found.text()
                    ),
                };
                Diagnostic::error(Code::YamlWrongType, message).help(msg!("yaml-wrong-type-help"))
            }
            // Messages from our own types (dates, selections) already name
            // the value they refused, in words for people.
            Kind::Invalid(message) => Diagnostic::error(
                Code::YamlInvalidValue,
                msg!("yaml-invalid", reason = message),
            ),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explain().message.text())
    }
}

impl std::error::Error for Problem {}

impl de::Error for Problem {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Problem {
            kind: Kind::Invalid(message.to_string()),
            at: None,
            field: None,
            key_at: None,
            shown: None,
        }
    }

    fn invalid_type(found: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Problem {
            kind: Kind::WrongType {
                expected: plain_expected(&expected.to_string()),
                found: plain_found(&found),
            },
            at: None,
            field: None,
            key_at: None,
            shown: None,
        }
    }

    fn invalid_value(found: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self::invalid_type(found, expected)
    }

    fn unknown_variant(word: &str, expected: &'static [&'static str]) -> Self {
        Problem {
            kind: Kind::UnknownValue {
                word: word.to_string(),
                expected: expected.iter().map(|s| s.to_string()).collect(),
            },
            at: None,
            field: None,
            key_at: None,
            shown: None,
        }
    }

    fn unknown_field(word: &str, expected: &'static [&'static str]) -> Self {
        Problem {
            kind: Kind::UnknownKey {
                word: word.to_string(),
                expected,
            },
            at: None,
            field: None,
            key_at: None,
            shown: None,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        Problem {
            kind: Kind::MissingKey(field.to_string()),
            at: None,
            field: None,
            key_at: None,
            shown: None,
        }
    }

    fn duplicate_field(field: &'static str) -> Self {
        Problem {
            kind: Kind::DuplicateKey(field.to_string()),
            at: None,
            field: None,
            key_at: None,
            shown: None,
        }
    }
}

/// What serde says it expected, in words for people (never a Rust type).
fn plain_expected(expected: &str) -> Msg {
    match expected {
        "a map" => msg!("yaml-kind-map"),
        "a sequence" | "a list" => msg!("yaml-kind-list"),
        "a string" | "a borrowed string" | "a character" | "text" => msg!("yaml-kind-text"),
        "a boolean" => msg!("yaml-kind-boolean"),
        "i8" | "i16" | "i32" | "i64" | "i128" => msg!("yaml-kind-integer"),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => msg!("yaml-kind-unsigned"),
        "f32" | "f64" => msg!("yaml-kind-number"),
        "nothing" => msg!("yaml-kind-nothing"),
        other if other.starts_with("struct ") => msg!("yaml-kind-map"),
        other if other == "enum" || other.starts_with("enum ") || other.starts_with("variant ") => {
            msg!("yaml-kind-word")
        }
        other if other.starts_with("tuple") || other.starts_with("unit") => msg!("yaml-kind-value"),
        other => msg!("yaml-kind-other", what = other),
    }
}

fn plain_found(found: &Unexpected<'_>) -> Msg {
    match found {
        Unexpected::Map => msg!("yaml-kind-map"),
        Unexpected::Seq => msg!("yaml-kind-list"),
        Unexpected::Unit | Unexpected::Option => msg!("yaml-kind-empty"),
        Unexpected::Signed(n) => msg!("yaml-kind-the-number", number = n.to_string()),
        Unexpected::Unsigned(n) => msg!("yaml-kind-the-number", number = n.to_string()),
        Unexpected::Float(n) => msg!("yaml-kind-the-number", number = n.to_string()),
        Unexpected::Bool(b) => msg!("yaml-kind-other", what = b.to_string()),
        Unexpected::Str(s) => msg!("yaml-kind-the-text", text = format!("{s:?}")),
        Unexpected::Char(c) => msg!("yaml-kind-the-text", text = format!("\"{c}\"")),
        other => msg!("yaml-kind-other", what = other.to_string()),
    }
}

fn found_word(node: &Node) -> Msg {
    match &node.value {
        Value::Map(_) => msg!("yaml-kind-map"),
        Value::List(_) => msg!("yaml-kind-list"),
        Value::Scalar { .. } if node.is_null() => msg!("yaml-kind-empty"),
        Value::Scalar { text, .. } => msg!("yaml-kind-the-text", text = format!("{text:?}")),
    }
}

// ---------------------------------------------------------------------------
// Reading the tree

#[derive(Default)]
struct Builder {
    anchors: HashMap<usize, Node>,
    alias_nodes: usize,
    documents: usize,
}

/// A mapping or list being read.
enum Open {
    List(Node, Vec<Node>, usize),
    /// The node, its pairs, a key waiting for its value, the anchor, and
    /// the keys so far (a key written twice is found without a search).
    Map(
        Node,
        Vec<(Node, Node)>,
        Option<Node>,
        usize,
        HashSet<String>,
    ),
}

impl Builder {
    fn build(mut self, text: &str) -> Result<Node, Problem> {
        let mut parser = Parser::new_from_str(text);
        let mut stack: Vec<Open> = Vec::new();
        let mut root: Option<Node> = None;
        while let Some(next) = parser.next_event() {
            let (event, span) = next.map_err(|e| scan_problem(text, &e))?;
            if matches!(event, Event::StreamEnd) {
                break;
            }
            if let Some(node) = self.event(event, &span, &mut stack)? {
                attach(&mut stack, &mut root, node)?;
            }
        }
        Ok(root.filter(|r| !r.is_null()).unwrap_or(Node {
            value: Value::Map(Vec::new()),
            line: 1,
            column: 1,
        }))
    }

    /// Reads one event: a finished value, or `None` while a mapping or
    /// list is still open.
    /// Turns one parser event into a finished node (a scalar, an alias,
    /// or a list or map just closed), or `None` while a list or map is
    /// still open.
    fn event(
        &mut self,
        event: Event<'_>,
        span: &Span,
        stack: &mut Vec<Open>,
    ) -> Result<Option<Node>, Problem> {
        let at = (span.start.line(), span.start.col() + 1);
        let fail = |kind| Problem {
            kind,
            at: Some(at),
            field: None,
            key_at: None,
            shown: None,
        };
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(fail(Kind::SecondDocument));
                }
                Ok(None)
            }
            Event::Alias(id) => self.alias(id).map(Some).map_err(fail),
            Event::Scalar(text, style, anchor, _tag) => {
                if let Some(i) = crate::read::source::first_control(&text) {
                    let c = text[i..].chars().next().unwrap_or('\0');
                    return Err(fail(Kind::ControlCharacter(c)));
                }
                let node = Node {
                    value: Value::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    },
                    line: at.0,
                    column: at.1,
                };
                self.anchor(anchor, &node);
                Ok(Some(node))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(fail(Kind::TooDeep));
                }
                let start = Node {
                    value: Value::List(Vec::new()),
                    line: at.0,
                    column: at.1,
                };
                stack.push(match event {
                    Event::SequenceStart(..) => Open::List(start, Vec::new(), anchor),
                    _ => Open::Map(start, Vec::new(), None, anchor, HashSet::new()),
                });
                Ok(None)
            }
            Event::SequenceEnd | Event::MappingEnd => Ok(self.close(stack)),
            _ => Ok(None),
        }
    }

    /// The node an alias repeats, counting what aliases expand to (a
    /// "billion laughs" file is refused, not expanded).
    fn alias(&mut self, id: usize) -> Result<Node, Kind> {
        let node =
            self.anchors.get(&id).cloned().ok_or_else(|| {
                Kind::Syntax("an alias names an anchor that does not exist".into())
            })?;
        self.alias_nodes += count(&node);
        if self.alias_nodes > MAX_ALIAS_NODES {
            return Err(Kind::TooManyAliases);
        }
        Ok(node)
    }

    /// Closes the innermost open list or map.
    fn close(&mut self, stack: &mut Vec<Open>) -> Option<Node> {
        let (node, anchor) = match stack.pop()? {
            Open::List(mut node, items, anchor) => {
                node.value = Value::List(items);
                (node, anchor)
            }
            Open::Map(mut node, pairs, _, anchor, _) => {
                node.value = Value::Map(pairs);
                (node, anchor)
            }
        };
        self.anchor(anchor, &node);
        Some(node)
    }

    fn anchor(&mut self, anchor: usize, node: &Node) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
    }
}

/// Puts a finished value where it belongs: into the open list, as the key
/// or value of the open mapping (a key written twice is an error), or as
/// the document.
fn attach(stack: &mut [Open], root: &mut Option<Node>, node: Node) -> Result<(), Problem> {
    match stack.last_mut() {
        Some(Open::List(_, items, _)) => items.push(node),
        Some(Open::Map(_, pairs, pending, _, keys)) => match pending.take() {
            None => *pending = Some(node),
            Some(key) => {
                if let Some((k, _)) = key.scalar()
                    && !keys.insert(k.to_string())
                {
                    return Err(Problem::at(&key, Kind::DuplicateKey(k.to_string())));
                }
                pairs.push((key, node));
            }
        },
        None => *root = Some(node),
    }
    Ok(())
}

fn count(node: &Node) -> usize {
    match &node.value {
        Value::Scalar { .. } => 1,
        Value::List(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Map(pairs) => {
            1 + pairs
                .iter()
                .map(|(k, v)| count(k) + count(v))
                .sum::<usize>()
        }
    }
}

/// A syntax error, placed where a person should look and said in their
/// words: a tab, a line indented unlike its neighbours, a `: ` inside
/// text, a quote never closed. The reader's own words are kept as a second
/// line; the line is shown with a caret.
fn scan_problem(text: &str, error: &ScanError) -> Problem {
    let mark = error.marker();
    let info = error.info();
    let at = (mark.line().max(1), mark.col() + 1);
    let (kind, at) = if info.contains("quoted scalar")
        && let Some(quote) = unclosed_quote(text)
    {
        (Kind::UnclosedQuote, quote)
    } else if (info.contains("tab")
        || (info.contains("whitespace") && line_of(text, at.0).contains('\t')))
        && let Some(tab) = first_tab(text, at.0)
    {
        (Kind::Tab, tab)
    } else if info.contains("mapping values are not allowed") && colon_in_text(line_of(text, at.0))
    {
        (Kind::ColonInText, at)
    } else if [
        "mapping values are not allowed",
        "did not find expected key",
        "did not find expected '-'",
        "indentation",
    ]
    .iter()
    .any(|words| info.contains(words))
    {
        let line = line_of(text, at.0);
        let indent = line.chars().take_while(|c| *c == ' ').count();
        (Kind::Indentation, (at.0, indent + 1))
    } else {
        (Kind::Syntax(info.to_string()), at)
    };
    let reader = match kind {
        Kind::Syntax(_) => None,
        _ => Some(info.to_string()),
    };
    Problem {
        kind,
        at: Some(at),
        field: None,
        key_at: None,
        shown: Some(Shown {
            line: line_of(text, at.0).to_string(),
            reader,
        }),
    }
}

/// Line `n` (1-based) of `text`, without its line break.
fn line_of(text: &str, n: usize) -> &str {
    text.lines()
        .nth(n.saturating_sub(1))
        .unwrap_or_default()
        .trim_end_matches('\r')
}

/// The first tab on line `from` or after: the reader often stops at the
/// end of the line before it.
fn first_tab(text: &str, from: usize) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, line)| {
            let at = line.find('\t')?;
            Some((i + 1, line[..at].chars().count() + 1))
        })
}

/// Whether a `key: value` line's value holds `: ` itself (text that YAML
/// reads as a second key), outside quotes.
fn colon_in_text(line: &str) -> bool {
    let body = line.trim_start().trim_start_matches("- ");
    let Some((_, value)) = body.split_once(": ") else {
        return false;
    };
    let value = value.trim_start();
    !value.starts_with(['"', '\'', '{', '[']) && (value.contains(": ") || value.ends_with(':'))
}

/// The line and column of a quote that opens a value and is not closed on
/// its line: the usual cause of "unexpected end" in a quoted scalar.
fn unclosed_quote(text: &str) -> Option<(usize, usize)> {
    for (i, line) in text.lines().enumerate() {
        let mut chars = line.char_indices().peekable();
        let mut after_indicator = true;
        let mut open: Option<(char, usize)> = None;
        while let Some((at, c)) = chars.next() {
            match open {
                Some((q, _)) if c == q => {
                    if q == '\'' && chars.peek().map(|p| p.1) == Some('\'') {
                        chars.next();
                    } else {
                        open = None;
                    }
                }
                Some(('"', _)) if c == '\\' => {
                    chars.next();
                }
                Some(_) => {}
                None if (c == '"' || c == '\'') && after_indicator => open = Some((c, at)),
                None if c == '#' => break,
                None => {}
            }
            if open.is_none() {
                after_indicator = matches!(c, ':' | '-' | ' ' | '[' | '{' | ',');
            }
        }
        if let Some((_, at)) = open {
            return Some((i + 1, line[..at].chars().count() + 1));
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Deserialising the tree

/// Deserialises one node; unknown keys of structs go to `collected`.
#[derive(Clone, Copy)]
struct De<'a> {
    node: &'a Node,
    collected: &'a RefCell<Vec<Problem>>,
    skip: &'a RefCell<Skipped>,
    /// The file's line the parsed text starts on, so a [`Spanned`] value
    /// carries its line in the file.
    first_line: usize,
    /// The place of the key whose value `node` is, if it is one.
    key: Option<(usize, usize)>,
}

impl<'a> De<'a> {
    fn child(self, node: &'a Node) -> De<'a> {
        De {
            node,
            key: None,
            ..self
        }
    }

    /// A place of the parsed text as a place of the file (0 for none).
    fn in_file(self, at: Option<(usize, usize)>) -> [usize; 2] {
        at.map_or([0, 0], |(line, column)| {
            [line + self.first_line - 1, column]
        })
    }

    fn wrong(self, expected: &str) -> Problem {
        Problem::at(
            self.node,
            Kind::WrongType {
                expected: plain_expected(expected),
                found: found_word(self.node),
            },
        )
    }

    fn text(self) -> Result<&'a str, Problem> {
        match self.node.scalar() {
            Some(_) if self.node.is_null() => Err(self.wrong("text")),
            Some((text, _)) => Ok(text),
            None => Err(self.wrong("text")),
        }
    }

    fn integer<T: std::str::FromStr>(self, expected: &str) -> Result<T, Problem> {
        let text = self.text().map_err(|_| self.wrong(expected))?;
        let digits = text.trim_start_matches(['+', '-']);
        text.parse::<T>().map_err(|_| {
            let found = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                if text.starts_with('-') {
                    msg!("yaml-kind-the-number", number = text)
                } else {
                    msg!("yaml-kind-too-large")
                }
            } else {
                found_word(self.node)
            };
            Problem::at(
                self.node,
                Kind::WrongType {
                    expected: plain_expected(expected),
                    found,
                },
            )
        })
    }
}

/// What a plain scalar means under YAML 1.2's core schema.
enum Plain {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text,
}

fn resolve_plain(text: &str) -> Plain {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Plain::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Plain::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Plain::Float(f64::NAN),
        _ => {}
    }
    let unsigned = text.trim_start_matches(['+', '-']);
    let negative = text.starts_with('-');
    let radix = |prefix: &str, radix: u32| {
        text.strip_prefix(prefix)
            .and_then(|digits| i64::from_str_radix(digits, radix).ok())
    };
    if let Some(n) = radix("0x", 16).or_else(|| radix("0o", 8)) {
        return Plain::Int(n);
    }
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<i64>() {
            Ok(n) => Plain::Int(n),
            Err(_) => Plain::Text,
        };
    }
    let float_like = unsigned.bytes().any(|b| b.is_ascii_digit())
        && unsigned
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && !unsigned.starts_with(['e', 'E']);
    match (float_like, text.parse::<f64>()) {
        (true, Ok(f)) => Plain::Float(if negative && f == 0.0 { -0.0 } else { f }),
        _ => Plain::Text,
    }
}

macro_rules! integer {
    ($method:ident, $visit:ident, $ty:ty, $name:literal) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
            let n: $ty = self.integer($name)?;
            visitor.$visit(n).map_err(|e: Problem| e.placed(self.node))
        }
    };
}

impl<'de> de::Deserializer<'de> for De<'_> {
    type Error = Problem;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        let result = match &self.node.value {
            Value::Scalar { text, plain: true } => match resolve_plain(text) {
                Plain::Null => visitor.visit_unit(),
                Plain::Bool(b) => visitor.visit_bool(b),
                Plain::Int(n) => visitor.visit_i64(n),
                Plain::Float(f) => visitor.visit_f64(f),
                Plain::Text => visitor.visit_str(text),
            },
            Value::Scalar { text, plain: false } => visitor.visit_str(text),
            Value::List(items) => visitor.visit_seq(Seq {
                de: self,
                items: items.iter(),
            }),
            Value::Map(pairs) => visitor.visit_map(Map {
                de: self,
                pairs: pairs.iter(),
                value: None,
                key: (0, 0),
                fields: None,
            }),
        };
        result.map_err(|e: Problem| e.placed(self.node))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        match self.node.scalar() {
            Some((text, true)) => match resolve_plain(text) {
                Plain::Bool(b) => visitor
                    .visit_bool(b)
                    .map_err(|e: Problem| e.placed(self.node)),
                _ => Err(self.wrong("a boolean")),
            },
            _ => Err(self.wrong("a boolean")),
        }
    }

    integer!(deserialize_i8, visit_i8, i8, "i8");
    integer!(deserialize_i16, visit_i16, i16, "i16");
    integer!(deserialize_i32, visit_i32, i32, "i32");
    integer!(deserialize_i64, visit_i64, i64, "i64");
    integer!(deserialize_u8, visit_u8, u8, "u8");
    integer!(deserialize_u16, visit_u16, u16, "u16");
    integer!(deserialize_u32, visit_u32, u32, "u32");
    integer!(deserialize_u64, visit_u64, u64, "u64");

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        let text = self.text().map_err(|_| self.wrong("f64"))?;
        match resolve_plain(text) {
            Plain::Int(n) => visitor.visit_f64(n as f64),
            Plain::Float(f) => visitor.visit_f64(f),
            _ => Err(self.wrong("f64")),
        }
        .map_err(|e: Problem| e.placed(self.node))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        let text = self.text()?;
        visitor
            .visit_str(text)
            .map_err(|e: Problem| e.placed(self.node))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        if self.node.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        if self.node.is_null() {
            visitor.visit_unit()
        } else {
            Err(self.wrong("nothing"))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Problem> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Problem> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        match &self.node.value {
            Value::List(items) => visitor
                .visit_seq(Seq {
                    de: self,
                    items: items.iter(),
                })
                .map_err(|e: Problem| e.placed(self.node)),
            _ => Err(self.wrong("a sequence")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Problem> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Problem> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        match &self.node.value {
            Value::Map(pairs) => visitor
                .visit_map(Map {
                    de: self,
                    pairs: pairs.iter(),
                    value: None,
                    key: (0, 0),
                    fields: None,
                })
                .map_err(|e: Problem| e.placed(self.node)),
            _ => Err(self.wrong("a map")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Problem> {
        if name == SPANNED {
            let [line, column] = self.in_file(Some((self.node.line, self.node.column)));
            let [key_line, key_column] = self.in_file(self.key);
            return visitor.visit_map(SpannedAccess {
                de: self,
                place: [line, column, key_line, key_column],
                step: 0,
            });
        }
        match &self.node.value {
            Value::Map(pairs) => visitor
                .visit_map(Map {
                    de: self,
                    pairs: pairs.iter(),
                    value: None,
                    key: (0, 0),
                    fields: Some(fields),
                })
                .map_err(|e: Problem| e.placed(self.node)),
            _ => Err(Problem::at(
                self.node,
                Kind::WrongType {
                    expected: msg!(
                        "yaml-kind-map-such-as",
                        keys = fields
                            .iter()
                            .take(4)
                            .map(|f| format!("`{f}:`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    found: found_word(self.node),
                },
            )),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Problem> {
        match self.node.scalar() {
            Some(_) if !self.node.is_null() => visitor
                .visit_enum(Variant { de: self })
                .map_err(|e: Problem| e.placed(self.node)),
            _ => Err(self.wrong("enum")),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        visitor.visit_unit()
    }
}

struct Seq<'a> {
    de: De<'a>,
    items: std::slice::Iter<'a, Node>,
}

impl<'de> de::SeqAccess<'de> for Seq<'_> {
    type Error = Problem;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Problem> {
        match self.items.next() {
            Some(item) => seed.deserialize(self.de.child(item)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Map<'a> {
    de: De<'a>,
    pairs: std::slice::Iter<'a, (Node, Node)>,
    value: Option<(&'a str, &'a Node)>,
    /// The place of the key whose value is next.
    key: (usize, usize),
    /// A struct's keys: any other key is collected as unknown and skipped.
    fields: Option<&'static [&'static str]>,
}

impl<'de> de::MapAccess<'de> for Map<'_> {
    type Error = Problem;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Problem> {
        for (key, value) in self.pairs.by_ref() {
            let name = match key.scalar() {
                Some((text, _)) => text,
                None => {
                    return Err(Problem::at(
                        key,
                        Kind::WrongType {
                            expected: msg!("yaml-kind-key"),
                            found: found_word(key),
                        },
                    ));
                }
            };
            if self.de.skip.borrow().keys.contains(&(key.line, key.column)) {
                continue;
            }
            if let Some(fields) = self.fields
                && !fields.contains(&name)
            {
                self.de.collected.borrow_mut().push(Problem::at(
                    key,
                    Kind::UnknownKey {
                        word: name.to_string(),
                        expected: fields,
                    },
                ));
                continue;
            }
            self.value = Some((name, value));
            self.key = (key.line, key.column);
            return seed
                .deserialize(self.de.child(key))
                .map(Some)
                .map_err(|e| e.placed(key));
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Problem> {
        let (name, node) = self
            .value
            .take()
            .expect("serde asks for a value after its key");
        let key = self.key;
        let de = De {
            key: Some(key),
            ..self.de.child(node)
        };
        seed.deserialize(de).map_err(|mut e| {
            e.key_at.get_or_insert(key);
            e.placed(node).in_field(name)
        })
    }
}

struct Variant<'a> {
    de: De<'a>,
}

impl<'de> de::EnumAccess<'de> for Variant<'_> {
    type Error = Problem;
    type Variant = UnitOnly;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, UnitOnly), Problem> {
        let text = self.de.text()?;
        let deserializer: de::value::StrDeserializer<'_, Problem> = text.into_deserializer();
        let value = seed.deserialize(deserializer)?;
        Ok((value, UnitOnly))
    }
}

/// Enum values in campaign files are single words.
struct UnitOnly;

impl<'de> de::VariantAccess<'de> for UnitOnly {
    type Error = Problem;

    fn unit_variant(self) -> Result<(), Problem> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, Problem> {
        Err(de::Error::custom(msg!("yaml-no-details")))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Problem> {
        Err(de::Error::custom(msg!("yaml-no-details")))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Problem> {
        Err(de::Error::custom(msg!("yaml-no-details")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields are read through Debug in assertions")]
    struct Entry {
        id: String,
        phone: String,
        weight: Option<i64>,
        name: Option<BTreeMap<String, String>>,
        category: Option<Category>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Category {
        Emergency,
        Police,
    }

    fn errs(text: &str) -> Vec<Diagnostic> {
        parse::<Vec<Entry>>(text, Path::new("content/hotlines/x.yaml"), 1).unwrap_err()
    }

    fn err(text: &str) -> Diagnostic {
        errs(text).remove(0)
    }

    fn err_at<T: DeserializeOwned + std::fmt::Debug>(text: &str, first_line: usize) -> Diagnostic {
        parse::<T>(text, Path::new("x.md"), first_line)
            .unwrap_err()
            .remove(0)
    }

    #[test]
    fn unknown_key_suggests_the_close_one() {
        let d = err("- id: a\n  phone: '1'\n  wieght: 3\n");
        assert_eq!(d.code, Code::YamlUnknownKey);
        assert_eq!(d.message, "unknown key `wieght`");
        assert_eq!(
            d.help.as_ref().map(Msg::text).as_deref(),
            Some("did you mean `weight`? Rename the key.")
        );
        assert_eq!((d.line, d.column), (Some(3), Some(3)));
    }

    #[test]
    fn unknown_variant_suggests_the_close_one() {
        let d = err("- id: a\n  phone: '1'\n  category: emergncy\n");
        assert_eq!(d.code, Code::YamlUnknownValue);
        assert_eq!(
            d.message,
            "`emergncy` is not an allowed value for `category`"
        );
        assert_eq!(
            d.help.as_ref().map(Msg::text).as_deref(),
            Some("did you mean `emergency`?")
        );
    }

    #[test]
    fn missing_key_and_wrong_type_are_plain() {
        let d = err("- id: a\n");
        assert_eq!(d.message, "the required key `phone` is missing");
        let d = err("- id: a\n  phone: '1'\n  weight: heavy\n");
        assert_eq!(d.code, Code::YamlWrongType);
        assert_eq!(
            d.message,
            "`weight` should be a whole number, but it is the text \"heavy\""
        );
    }

    #[test]
    fn syntax_errors_point_into_the_file_with_an_offset() {
        let d = err_at::<Entry>("id: a: b\n", 2);
        assert_eq!(d.code, Code::YamlSyntax);
        assert_eq!(d.line, Some(2));
        assert!(!d.message.text().contains("at line"), "{}", d.message);
    }

    /// Syntax errors in people's words, at the place to look, with the
    /// line shown and a caret under it; the reader's words come last.
    #[test]
    fn syntax_errors_are_said_for_people_with_the_line_and_a_caret() {
        // A tab used to indent: the reader stops at the end of the line
        // before; the finding points at the tab.
        let d = err("- id: a\n  phone: '1'\n\tweight: 3\n");
        assert_eq!((d.line, d.column), (Some(3), Some(1)));
        assert_eq!(
            d.message,
            "a tab character at column 1: YAML needs spaces here"
        );
        assert!(
            d.help
                .as_ref()
                .map(Msg::text)
                .as_deref()
                .unwrap()
                .starts_with("replace it with two spaces")
        );
        let excerpt = d.excerpt.unwrap();
        assert_eq!(
            excerpt.lines().collect::<Vec<_>>(),
            [
                "3 | →weight: 3",
                "  | ^",
                "(the YAML reader said: tabs disallowed within this context (block indentation))"
            ]
        );
        // In the middle of a line, front matter starting on line 2.
        let d = err_at::<Entry>("id: a\nphone: '1'\nname:\n  vi:\t\tx\n  \ten: y\n", 2);
        assert_eq!(d.code, Code::YamlSyntax);
        assert!(
            d.message.text().starts_with("a tab character at column"),
            "{}",
            d.message
        );
        let excerpt = d.excerpt.unwrap();
        let lines: Vec<&str> = excerpt.lines().collect();
        let caret = lines[1].find('^').unwrap();
        assert_eq!(lines[0][..].chars().nth(caret), Some('→'), "{excerpt}");

        // A key indented unlike its neighbours.
        for text in [
            "- id: a\n  phone: '1'\n   weight: 3\n",
            "- id: a\n  phone: '1'\n weight: 3\n",
        ] {
            let d = err(text);
            assert_eq!(
                d.message, "this line is indented differently from the key above it",
                "{text:?}"
            );
            assert_eq!(d.line, Some(3), "{text:?}");
            let excerpt = d.excerpt.unwrap();
            assert!(excerpt.starts_with("3 | "), "{excerpt}");
            assert!(excerpt.contains("(the YAML reader said: "), "{excerpt}");
        }
        // Text holding `: `, not an indentation.
        let d = err("- id: Gọi ngay: 111\n  phone: '1'\n");
        assert!(d.message.text().contains("holds `: `"), "{}", d.message);
        // A quote never closed: at the quote.
        let d = err("- id: \"a\n  phone: '1'\n");
        assert_eq!((d.line, d.column), (Some(1), Some(7)));
        assert!(d.excerpt.unwrap().starts_with("1 | - id: \"a\n  |       ^"));
    }

    /// Two wrong values of one entry are both reported in one run.
    #[test]
    fn every_wrong_value_of_an_entry_is_reported() {
        let found =
            errs("- id: a\n  phone: [1]\n  weight: nhiều\n  category: cong an\n  wieght: 2\n");
        let places: Vec<(Code, Option<usize>)> = found.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            places,
            [
                (Code::YamlWrongType, Some(2)),
                (Code::YamlWrongType, Some(3)),
                (Code::YamlUnknownValue, Some(4)),
                (Code::YamlUnknownKey, Some(5)),
            ],
            "{found:#?}"
        );
        // A required key with a wrong value is not also "missing".
        assert!(found.iter().all(|d| d.code != Code::YamlMissingKey));
    }

    #[test]
    fn every_bad_entry_of_a_list_is_reported() {
        let text = "- id: a\n  phone: '1'\n- id: b\n  phone: '2'\n  wieght: 3\n- id: c\n- id: d\n  phone: '4'\n  category: emergncy\n";
        let (good, bad) = parse_list::<Entry>(text, Path::new("h.yaml"));
        assert_eq!(
            good.iter()
                .map(|(i, e)| (*i, e.id.as_str()))
                .collect::<Vec<_>>(),
            [(0, "a")]
        );
        let places: Vec<(Option<usize>, Option<usize>, Code)> =
            bad.iter().map(|d| (d.line, d.column, d.code)).collect();
        assert_eq!(
            places,
            [
                (Some(5), Some(3), Code::YamlUnknownKey),
                (Some(6), Some(3), Code::YamlMissingKey),
                (Some(9), Some(13), Code::YamlUnknownValue)
            ]
        );
        let (good, bad) = parse_list::<Entry>("", Path::new("h.yaml"));
        assert!(good.is_empty() && bad.is_empty());
        let (_, bad) = parse_list::<Entry>("id: a\n", Path::new("h.yaml"));
        assert_eq!(bad[0].code, Code::YamlWrongType);
    }

    #[test]
    fn duplicate_keys_point_at_the_second() {
        let d = err_at::<Entry>("id: a\nphone: '1'\nid: b\n", 2);
        assert_eq!(d.code, Code::YamlDuplicateKey);
        assert_eq!(d.message, "the key `id` is written twice");
        assert_eq!((d.line, d.column), (Some(4), Some(1)));
    }

    #[test]
    fn plain_words_for_wrong_types() {
        let d = err("- id: a\n  phone: '1'\n  weight: 99999999999999999999\n");
        assert_eq!(
            d.message,
            "`weight` should be a whole number, but it is a number too large"
        );
        let d = err("- id: a\n  phone: '1'\n  category: [emergency]\n");
        assert!(
            d.message.text().contains("one of the allowed words"),
            "{}",
            d.message
        );
    }

    #[test]
    fn an_unclosed_quote_points_at_the_quote() {
        let d = err_at::<Entry>("id: \"a\nphone: '1'\n", 2);
        assert_eq!(d.message, "a quote is opened here but never closed");
        assert_eq!((d.line, d.column), (Some(2), Some(5)));
    }

    #[test]
    fn spanned_values_in_lists_of_mappings_carry_their_places() {
        #[derive(Debug, Deserialize)]
        struct Line {
            #[serde(rename = "id")]
            _id: String,
            phone: Spanned<String>,
        }
        #[derive(Debug, Deserialize)]
        struct Doc {
            hotlines: Vec<Spanned<Line>>,
        }
        let text = "hotlines:\n  - id: a\n    phone: '1'\n  - id: b\n    phone: \"0241\"\n";
        let d: Doc = parse(text, Path::new("x.yaml"), 1).unwrap();
        assert_eq!(d.hotlines[1].phone.place(), Some((5, 12)));
        assert_eq!(d.hotlines[1].phone.key_place(), Some((5, 5)));
        assert_eq!(d.hotlines[1].place(), Some((4, 5)));
        let flow = "- { id: a, phone: '111' }\n- { id: b, phone: '113' }\n";
        let d: Vec<Line> = parse(flow, Path::new("x.md"), 10).unwrap();
        assert_eq!(d[1].phone.place(), Some((11, 19)));
    }

    /// `parse_key` reads one key of a document that does not read as a
    /// whole, and nothing when that key's value is not the type asked for.
    #[test]
    fn one_key_reads_whatever_else_the_document_holds() {
        let text = "title: ~\nextra: { a: [1] }\nlanguages: [vi, 'fr', 1, ~]\n";
        assert!(parse::<BTreeMap<String, String>>(text, Path::new("x"), 1).is_err());
        let languages = parse_key::<Vec<Option<String>>>(text, "languages");
        let expected = [Some("vi"), Some("fr"), Some("1"), None].map(|l| l.map(String::from));
        assert_eq!(languages.as_deref(), Some(&expected[..]));
        assert_eq!(parse_key::<Vec<String>>(text, "nope"), None);
        assert_eq!(parse_key::<Vec<String>>(text, "extra"), None);
        assert_eq!(
            parse_key::<Vec<String>>("languages: [vi", "languages"),
            None
        );
        assert_eq!(parse_key::<Vec<String>>("- languages", "languages"), None);
    }

    #[test]
    fn every_unknown_key_is_reported_with_its_line() {
        let all = errs("- id: a\n  phnoe: '1'\n  wieght: 3\n  nmae: {vi: x}\n");
        let texts: Vec<(Option<usize>, String)> =
            all.iter().map(|d| (d.line, d.message.text())).collect();
        let found: Vec<(Option<usize>, &str)> =
            texts.iter().map(|(l, t)| (*l, t.as_str())).collect();
        assert_eq!(
            found,
            [
                (Some(1), "the required key `phone` is missing"),
                (Some(2), "unknown key `phnoe`"),
                (Some(3), "unknown key `wieght`"),
                (Some(4), "unknown key `nmae`"),
            ]
        );
    }

    #[test]
    fn null_and_empty_text_are_refused() {
        for text in [
            "id: null\nphone: '1'\n",
            "id: ~\nphone: '1'\n",
            "id:\nphone: '1'\n",
        ] {
            let d = err_at::<Entry>(text, 1);
            assert_eq!(d.code, Code::YamlWrongType, "{text}");
            assert_eq!(d.message, "`id` should be text, but it is empty");
            assert_eq!(d.line, Some(1));
        }
        // Quoted, the word is text.
        let e: Entry = parse("id: \"null\"\nphone: '1'\n", Path::new("x"), 1).unwrap();
        assert_eq!(e.id, "null");
    }

    #[test]
    fn control_characters_are_refused_with_their_place() {
        let d = err_at::<Entry>("id: a\nphone: \"1\\u0000\"\n", 3);
        assert_eq!(d.code, Code::YamlControlCharacter);
        assert_eq!((d.line, d.column), (Some(4), Some(8)));
        let d = err_at::<Entry>("id: \"\\e[2J\"\nphone: '1'\n", 1);
        assert_eq!(d.code, Code::YamlControlCharacter);
    }

    #[test]
    fn no_rust_type_names_in_messages() {
        let d = err_at::<Entry>("- a\n- b\n", 1);
        assert_eq!(
            d.message,
            "this value should be a set of `key: value` lines (such as `id:`, `phone:`, `weight:`, `name:`), but it is a list"
        );
        let d = err("- id: a\n  phone: '1'\n  name: [x]\n");
        assert!(
            !d.message.text().contains("BTreeMap") && !d.message.text().contains("struct"),
            "{}",
            d.message
        );
    }

    #[test]
    fn hostile_documents_are_bounded() {
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(err_at::<Entry>(&deep, 1).code, Code::YamlSyntax);
        let mut laughs = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..8 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            laughs.push_str(&format!(
                "l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        let d = err_at::<BTreeMap<String, serde::de::IgnoredAny>>(&laughs, 1);
        assert!(d.message.text().contains("aliases"), "{}", d.message);
        let d = err_at::<Entry>("id: a\nphone: '1'\n---\nid: b\n", 1);
        assert!(
            d.message.text().contains("second document"),
            "{}",
            d.message
        );
    }

    /// The budgets are exact: 64 levels of nesting are read and 65 are not;
    /// aliases may repeat 10,000 values in all, not one more. Both are
    /// findings with a place, not a crash or a stack overflow.
    #[test]
    fn the_depth_and_alias_budgets_are_exact() {
        let nested = |levels: usize| format!("{}1{}", "[".repeat(levels), "]".repeat(levels));
        let read = |text: &str| parse::<serde::de::IgnoredAny>(text, Path::new("x.yaml"), 1);
        assert!(read(&nested(MAX_DEPTH)).is_ok());
        let d = read(&nested(MAX_DEPTH + 1)).unwrap_err().remove(0);
        assert_eq!(d.code, Code::YamlSyntax);
        assert_eq!(
            d.message,
            "the values here are nested more than 64 levels deep"
        );
        assert_eq!(d.line, Some(1));
        // `&a` holds 100 values (the list and its 99 words).
        let repeated = |times: usize| {
            format!(
                "a: &a [{}]\nb: [{}]\n",
                vec!["x"; 99].join(", "),
                vec!["*a"; times].join(", ")
            )
        };
        assert!(read(&repeated(MAX_ALIAS_NODES / 100)).is_ok());
        let d = read(&repeated(MAX_ALIAS_NODES / 100 + 1))
            .unwrap_err()
            .remove(0);
        assert_eq!(
            d.message,
            "the aliases (`*name`) here repeat more than 10000 values"
        );
        assert_eq!(d.line, Some(2));
    }

    #[test]
    fn scalars_follow_the_yaml_core_schema() {
        #[derive(Debug, Deserialize)]
        struct Kinds {
            flag: bool,
            count: u32,
            text: String,
            number_as_text: String,
            maybe: Option<String>,
        }
        let k: Kinds = parse(
            "flag: true\ncount: 180\ntext: 'x'\nnumber_as_text: 111\nmaybe: ~\n",
            Path::new("x"),
            1,
        )
        .unwrap();
        assert!(k.flag && k.count == 180 && k.text == "x" && k.number_as_text == "111");
        assert_eq!(k.maybe, None);
        let d = err_at::<Kinds>("flag: yes\ncount: 1\ntext: x\nnumber_as_text: x\n", 1);
        assert_eq!(
            d.message,
            "`flag` should be true or false (without quotes), but it is the text \"yes\""
        );
    }

    /// A `Spanned` value carries the place of its value as written, in
    /// block and flow style, in lists, in maps, after an alias, with front
    /// matter's offset, and leaves errors where they were.
    #[test]
    fn spanned_values_carry_their_places() {
        #[derive(Debug, Deserialize)]
        struct Doc {
            title: Spanned<BTreeMap<String, Spanned<String>>>,
            tags: Vec<Spanned<String>>,
            size: Option<Spanned<u32>>,
            nothing: Option<Spanned<u32>>,
            #[serde(default)]
            absent: Spanned<String>,
            again: Spanned<Vec<String>>,
        }
        let text = "title: { vi: a, en: \"b\" }\ntags:\n  - x\n  - 'y'\nsize: 7\nnothing:\nagain: &l [p, q]\nmore: *l\n";
        let d: Result<Doc, _> = parse(text, Path::new("x.md"), 3);
        // `more` is unknown; read without it.
        assert_eq!(d.unwrap_err()[0].code, Code::YamlUnknownKey);
        let text = text.replace("more: *l\n", "");
        let d: Doc = parse(&text, Path::new("x.md"), 3).unwrap();
        assert_eq!(d.title.place(), Some((3, 8)));
        assert_eq!(d.title.key_place(), Some((3, 1)));
        assert_eq!(d.title.value["en"].place(), Some((3, 21)));
        assert_eq!(d.title.value["en"].value, "b");
        assert_eq!(d.tags[1].place(), Some((6, 5)));
        assert_eq!(
            d.size.as_ref().map(|s| (s.value, s.place())),
            Some((7, Some((7, 7))))
        );
        assert!(d.nothing.is_none());
        assert_eq!(d.absent.place(), None);
        assert_eq!(*d.again, ["p", "q"]);
        // An anchored value starts at its anchor.
        assert_eq!(d.again.place(), Some((9, 8)));
        // A wrong value inside a `Spanned` is reported as without it.
        let d = err_at::<Doc>("title: {}\ntags: [x]\nsize: big\nagain: []\n", 1);
        assert_eq!(d.code, Code::YamlWrongType);
        assert_eq!((d.line, d.column), (Some(3), Some(7)));
        assert!(
            d.message.text().starts_with("`size` should be"),
            "{}",
            d.message
        );
        // Compared, ordered and found by its value.
        assert_eq!(Spanned::at(1, 2, 3), Spanned::new(1));
        let map: BTreeMap<Spanned<String>, u8> = [(Spanned::at("vi".to_string(), 1, 1), 1)].into();
        assert_eq!(map.get("vi"), Some(&1));
    }

    /// serde-saphyr 2.2.0 puts a missing key at the last key it read; loa
    /// puts it at the start of the mapping that lacks it (the entry), which
    /// is where the key belongs and what the finding corpus pins.
    #[test]
    fn a_missing_key_points_at_its_mapping() {
        let found = errs("- id: a\n  weight: 2\n  name: {vi: x}\n");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].code, Code::YamlMissingKey);
        assert_eq!((found[0].line, found[0].column), (Some(1), Some(3)));
    }

    #[test]
    fn quote_escapes() {
        assert_eq!(quote("Kỹ năng \"an toàn\""), "\"Kỹ năng \\\"an toàn\\\"\"");
    }
}
