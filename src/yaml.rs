//! The one module that reads YAML: campaign config, district files, hotline
//! data and page front matter all come through [`parse`].
//!
//! `serde_yaml` is deprecated upstream; keeping it behind this module means a
//! maintained fork can replace it in one place. Its errors are turned into
//! [`Diagnostic`]s that point into the file (not into the YAML block) and say
//! what to do. [`locate`] finds where a value sits in a file, for errors found
//! after deserialising (a duplicate id, an unknown district).

use std::path::Path;

use saphyr_parser::{Event, Parser, ScanError, Span};
use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, did_you_mean};

/// Deserialises `text`, which starts on line `first_line` (1-based) of `file`.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    // An empty document is `null` to YAML; treat it as an empty mapping so the
    // error is "missing key" rather than "invalid type: unit".
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|err| convert(&err, text, file, first_line))
}

/// Deserialises a YAML list entry by entry, so every entry with a mistake
/// is reported (not just the first). Returns the good entries with their
/// index, and a diagnostic per bad one.
pub fn parse_list<T: DeserializeOwned>(
    text: &str,
    file: &Path,
) -> (Vec<(usize, T)>, Vec<Diagnostic>) {
    if text.trim().is_empty() {
        return (Vec::new(), Vec::new());
    }
    let whole = match serde_yaml::from_str::<Vec<T>>(text) {
        Ok(list) => return (list.into_iter().enumerate().collect(), Vec::new()),
        Err(err) => convert(&err, text, file, 1),
    };
    let shape_ok = serde_yaml::from_str::<Vec<serde_yaml::Value>>(text).is_ok();
    let starts = item_starts(text).filter(|s| s.windows(2).all(|w| w[0].0 < w[1].0));
    let (true, Some(starts)) = (shape_ok, starts) else {
        return (Vec::new(), vec![whole]);
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (i, &(line, column)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(lines.len(), |next| next.0 - 1);
        // The entry's own text, with the `- ` before it turned into spaces
        // so the indentation (and so every column) stays as written.
        let mut entry = String::new();
        for (k, l) in lines[line - 1..end].iter().enumerate() {
            if k == 0 {
                let skip: usize = l.chars().take(column - 1).map(char::len_utf8).sum();
                entry.push_str(&" ".repeat(column - 1));
                entry.push_str(&l[skip..]);
            } else {
                entry.push_str(l);
            }
        }
        match serde_yaml::from_str::<T>(&entry) {
            Ok(value) => good.push((i, value)),
            Err(err) => bad.push(convert(&err, &entry, file, line)),
        }
    }
    if bad.is_empty() {
        bad.push(whole);
    }
    (good, bad)
}

/// The (line, column), 1-based, where each entry of a top-level list starts.
fn item_starts(text: &str) -> Option<Vec<(usize, usize)>> {
    let mut parser = Parser::new_from_str(text);
    loop {
        match next(&mut parser)?.0 {
            Event::StreamStart | Event::DocumentStart(_) => continue,
            Event::SequenceStart(..) => break,
            _ => return None,
        }
    }
    let mut starts = Vec::new();
    loop {
        let (event, span) = next(&mut parser)?;
        if matches!(event, Event::SequenceEnd) {
            return Some(starts);
        }
        starts.push((span.start.line(), span.start.col() + 1));
        skip(&mut parser, event)?;
    }
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

fn convert(err: &serde_yaml::Error, text: &str, file: &Path, first_line: usize) -> Diagnostic {
    let full = err.to_string();
    let raw = strip_positions(&full);
    let (path, message) = split_path(&raw);
    let field = path.and_then(last_field);
    let mut diagnostic = explain(message, field);
    diagnostic = diagnostic.in_file(file);
    // Our own types report the value they refused (`2024-02-30`) but
    // serde_yaml places the error at the start of the mapping: find the value.
    let refused = (diagnostic.code == "yaml/invalid-value")
        .then(|| message.split('`').nth(1))
        .flatten()
        .and_then(|value| find_value(text, value));
    // An unclosed quote is found at the end of the text; the quote that
    // opened it is where to look.
    let opened = full
        .split_once("while scanning a quoted scalar at line ")
        .and_then(|(_, rest)| {
            let (line, rest) = rest.split_once(" column ")?;
            let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?))
        });
    let duplicate = (diagnostic.code == "yaml/duplicate-key")
        .then(|| message.split('`').nth(1))
        .flatten()
        .and_then(|key| find_second_key(text, key));
    if let Some((line, column)) = refused.or(duplicate) {
        diagnostic = diagnostic.at(line + first_line - 1, column);
    } else if let Some((line, column)) = opened {
        diagnostic.message = "a quote is opened here but never closed".to_string();
        diagnostic.help = Some("close the text with the same quote mark: title: \"…\"".to_string());
        diagnostic = diagnostic.at(line + first_line - 1, column);
    } else if let Some(location) = err.location() {
        diagnostic = diagnostic.at(location.line() + first_line - 1, location.column());
    } else {
        diagnostic = diagnostic.at_line(first_line);
    }
    diagnostic
}

/// Where `key:` is written the second time (at any indentation).
fn find_second_key(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let trimmed = line.trim_start();
            let rest = trimmed.strip_prefix(key)?;
            rest.trim_start()
                .starts_with(':')
                .then(|| (i + 1, line.len() - trimmed.len() + 1))
        })
        .nth(1)
}

/// The 1-based line and column of the first occurrence of `value` after a
/// colon or a dash (where values are written).
fn find_value(text: &str, value: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let at = line.find(value)?;
        let before = line[..at]
            .trim_end()
            .trim_end_matches(['"', '\'', '[', ',', ' ']);
        (before.ends_with(':') || before.ends_with('-') || before.is_empty())
            .then(|| (i + 1, line[..at].chars().count() + 1))
    })
}

fn explain(message: &str, field: Option<&str>) -> Diagnostic {
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        let name = rest.trim_matches('`');
        return Diagnostic::error(
            "yaml/duplicate-key",
            format!("the key `{name}` is written twice"),
        )
        .help(format!("keep one `{name}:` line and delete the other"));
    }
    if message.contains("more than one document") {
        return Diagnostic::error(
            "yaml/syntax",
            "the file has a second `---` line, which starts a second document",
        )
        .help("a YAML file holds one document: remove the extra `---` line");
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (word, expected) = split_expected(rest);
        let d = Diagnostic::error("yaml/unknown-key", format!("unknown key `{word}`"));
        return match did_you_mean(word, expected.iter().copied()) {
            Some(close) => d.help(format!("did you mean `{close}`? Rename the key.")),
            None if expected.is_empty() => d.help("remove this key: nothing is allowed here"),
            None => d.help(format!(
                "remove it, or use one of the keys allowed here: {}",
                expected.join(", ")
            )),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (word, expected) = split_expected(rest);
        let what = field.map_or(String::new(), |f| format!(" for `{f}`"));
        let d = Diagnostic::error(
            "yaml/unknown-value",
            format!("`{word}` is not an allowed value{what}"),
        );
        return match did_you_mean(word, expected.iter().copied()) {
            Some(close) => d.help(format!("did you mean `{close}`?")),
            None => d.help(format!("use one of: {}", expected.join(", "))),
        };
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let name = rest.trim_matches('`');
        return Diagnostic::error(
            "yaml/missing-key",
            format!("the required key `{name}` is missing"),
        )
        .help(format!("add a line `{name}: …` here"));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let name = field.map_or("this value".to_string(), |f| format!("`{f}`"));
        return Diagnostic::error(
            "yaml/wrong-type",
            format!(
                "{name} should be {}, but it is {}",
                plain_type(expected),
                plain_found(found)
            ),
        )
        .help("check the value's form against the examples in the README");
    }
    if field.is_some() || !is_syntax_error(message) {
        // Messages from our own Deserialize impls (dates, slugs…) are already
        // written for people.
        let name = field.map_or(String::new(), |f| format!("`{f}`: "));
        return Diagnostic::error("yaml/invalid-value", format!("{name}{message}"));
    }
    Diagnostic::error("yaml/syntax", format!("the YAML cannot be read: {message}")).help(
        "check the indentation (spaces, not tabs), and put text containing `: ` or \
         starting with a special character (such as * & ! { [ # or a quote) inside quotes",
    )
}

/// libyaml's messages about the text itself (as opposed to values that
/// our types refused).
fn is_syntax_error(message: &str) -> bool {
    [
        "while parsing",
        "while scanning",
        "did not find expected",
        "could not find expected",
        "mapping values are not allowed",
        "found unexpected",
        "found character",
        "found undefined",
        "control characters are not allowed",
        "invalid leading UTF-8",
        "recursion limit",
        "unknown anchor",
        "deserializing from YAML containing more than one document",
        "invalid indentation",
    ]
    .iter()
    .any(|p| message.contains(p))
}

/// serde_yaml appends " at line L column C" (sometimes more than once);
/// we report the position separately.
fn strip_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let skip = after
            .find(|c: char| !(c.is_ascii_digit() || c == ' ' || c.is_ascii_lowercase()))
            .unwrap_or(after.len());
        let consumed = &after[..skip];
        if consumed
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with(" column ")
        {
            rest = &after[skip..];
        } else {
            out.push_str(" at line ");
            rest = after;
        }
    }
    out.push_str(rest);
    out.trim_end_matches([',', ' ']).to_string()
}

/// Splits "hotlines[0].phone: message" into the path and the message.
fn split_path(message: &str) -> (Option<&str>, &str) {
    if let Some((head, tail)) = message.split_once(": ") {
        let looks_like_path = !head.is_empty()
            && !head.contains(' ')
            && head
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '[' | ']' | '_' | '-'));
        if looks_like_path {
            return (Some(head), tail);
        }
    }
    (None, message)
}

fn last_field(path: &str) -> Option<&str> {
    let last = path.rsplit('.').next()?;
    let last = last.split('[').next()?;
    (!last.is_empty()).then_some(last)
}

/// "`titel`, expected one of `title`, `weight`" -> ("titel", ["title", "weight"])
fn split_expected(rest: &str) -> (&str, Vec<&str>) {
    let (word, expected) = rest.split_once(", ").unwrap_or((rest, ""));
    let word = word.trim_matches('`');
    let list = expected
        .trim_start_matches("expected one of ")
        .trim_start_matches("expected ");
    let names = list
        .split(['`'])
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "," && *s != "or" && !s.starts_with("there are no"))
        .collect();
    (word, names)
}

fn plain_found(found: &str) -> String {
    match found {
        "map" => "a set of `key: value` lines".into(),
        "sequence" => "a list".into(),
        "unit value" => "empty".into(),
        other if other.starts_with("integer ") && other.contains(" as ") => {
            "a number too large".into()
        }
        other if other.starts_with("integer ") => {
            format!("the number {}", other["integer ".len()..].trim_matches('`'))
        }
        other if other.starts_with("string ") => format!("the text {}", &other["string ".len()..]),
        other if other.starts_with("boolean ") => {
            other["boolean ".len()..].trim_matches('`').to_string()
        }
        other => other.into(),
    }
}

fn plain_type(expected: &str) -> &str {
    match expected {
        "a map" | "struct" => "a set of `key: value` lines",
        "a sequence" => "a list",
        "a string" => "text",
        "a boolean" => "true or false (without quotes)",
        "i64" | "i32" => "a whole number",
        "u64" | "u32" | "u16" | "usize" => "a whole number of 0 or more",
        "a YAML tag starting with '!'" => "one of the allowed words",
        other => other,
    }
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A key of a mapping.
    Key(&'a str),
    /// An index in a sequence.
    Index(usize),
}

/// Where (1-based line, 1-based column) the value at `path` starts in `text`,
/// with `first_line` the line of `file` where `text` starts.
pub fn locate(text: &str, path: &[Seg<'_>], first_line: usize) -> Option<(usize, usize)> {
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, span) = next(&mut parser)?;
        match event {
            Event::StreamStart | Event::DocumentStart(_) => continue,
            Event::StreamEnd | Event::DocumentEnd => return None,
            _ => {
                let span = find(&mut parser, event, span, path)?;
                let start = span.start;
                return Some((start.line() + first_line - 1, start.col() + 1));
            }
        }
    }
}

type Parsed<'a> = (Event<'a>, Span);

fn next<'a>(parser: &mut Parser<'a, saphyr_parser::StrInput<'a>>) -> Option<Parsed<'a>> {
    let result: Result<Parsed<'a>, ScanError> = parser.next_event()?;
    result.ok()
}

/// `event` is the first event of the current node; consumes the node.
fn find<'a>(
    parser: &mut Parser<'a, saphyr_parser::StrInput<'a>>,
    event: Event<'a>,
    span: Span,
    path: &[Seg<'_>],
) -> Option<Span> {
    let Some((first, rest)) = path.split_first() else {
        return Some(span);
    };
    match (event, first) {
        (Event::MappingStart(..), Seg::Key(wanted)) => loop {
            let (key, key_span) = next(parser)?;
            let key_text = match &key {
                Event::MappingEnd => return None,
                Event::Scalar(text, ..) => Some(text.to_string()),
                _ => None,
            };
            if key_text.is_none() {
                skip(parser, key)?;
            }
            let (value, value_span) = next(parser)?;
            if key_text.as_deref() == Some(*wanted) {
                if rest.is_empty() && matches!(value, Event::Scalar(..)) {
                    return Some(value_span);
                }
                return find(parser, value, value_span, rest).or(Some(key_span));
            }
            skip(parser, value)?;
        },
        (Event::SequenceStart(..), Seg::Index(wanted)) => {
            let mut index = 0;
            loop {
                let (item, item_span) = next(parser)?;
                if matches!(item, Event::SequenceEnd) {
                    return None;
                }
                if index == *wanted {
                    return find(parser, item, item_span, rest);
                }
                skip(parser, item)?;
                index += 1;
            }
        }
        _ => None,
    }
}

/// Consumes the rest of the node that started with `event`.
fn skip<'a>(parser: &mut Parser<'a, saphyr_parser::StrInput<'a>>, event: Event<'a>) -> Option<()> {
    let mut depth = match event {
        Event::MappingStart(..) | Event::SequenceStart(..) => 1usize,
        _ => return Some(()),
    };
    while depth > 0 {
        match next(parser)?.0 {
            Event::MappingStart(..) | Event::SequenceStart(..) => depth += 1,
            Event::MappingEnd | Event::SequenceEnd => depth -= 1,
            _ => {}
        }
    }
    Some(())
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

    fn err(text: &str) -> Diagnostic {
        parse::<Vec<Entry>>(text, Path::new("content/hotlines/x.yaml"), 1).unwrap_err()
    }

    #[test]
    fn unknown_key_suggests_the_close_one() {
        let d = err("- id: a\n  phone: '1'\n  wieght: 3\n");
        assert_eq!(d.code, "yaml/unknown-key");
        assert_eq!(d.message, "unknown key `wieght`");
        assert_eq!(
            d.help.as_deref(),
            Some("did you mean `weight`? Rename the key.")
        );
        assert_eq!((d.line, d.column), (Some(3), Some(3)));
    }

    #[test]
    fn unknown_variant_suggests_the_close_one() {
        let d = err("- id: a\n  phone: '1'\n  category: emergncy\n");
        assert_eq!(d.code, "yaml/unknown-value");
        assert_eq!(
            d.message,
            "`emergncy` is not an allowed value for `category`"
        );
        assert_eq!(d.help.as_deref(), Some("did you mean `emergency`?"));
    }

    #[test]
    fn missing_key_and_wrong_type_are_plain() {
        let d = err("- id: a\n");
        assert_eq!(d.message, "the required key `phone` is missing");
        let d = err("- id: a\n  phone: '1'\n  weight: heavy\n");
        assert_eq!(d.code, "yaml/wrong-type");
        assert_eq!(
            d.message,
            "`weight` should be a whole number, but it is the text \"heavy\""
        );
    }

    #[test]
    fn syntax_errors_point_into_the_file_with_an_offset() {
        let d = parse::<Entry>("id: a: b\n", Path::new("x.md"), 2).unwrap_err();
        assert_eq!(d.code, "yaml/syntax");
        assert_eq!(d.line, Some(2));
        assert!(!d.message.contains("at line"), "{}", d.message);
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
        let places: Vec<(Option<usize>, Option<usize>, &str)> =
            bad.iter().map(|d| (d.line, d.column, d.code)).collect();
        assert_eq!(
            places,
            [
                (Some(5), Some(3), "yaml/unknown-key"),
                (Some(6), Some(3), "yaml/missing-key"),
                (Some(9), Some(13), "yaml/unknown-value")
            ]
        );
        let (good, bad) = parse_list::<Entry>("", Path::new("h.yaml"));
        assert!(good.is_empty() && bad.is_empty());
        let (_, bad) = parse_list::<Entry>("id: a\n", Path::new("h.yaml"));
        assert_eq!(bad[0].code, "yaml/wrong-type");
    }

    #[test]
    fn duplicate_keys_point_at_the_second() {
        let d = parse::<Entry>("id: a\nphone: '1'\nid: b\n", Path::new("x.md"), 2).unwrap_err();
        assert_eq!(d.code, "yaml/duplicate-key");
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
        let d = parse::<Vec<Entry>>(
            "- id: a\n  phone: '1'\n  category: [emergency]\n",
            Path::new("x"),
            1,
        )
        .unwrap_err();
        assert!(
            d.message.contains("one of the allowed words"),
            "{}",
            d.message
        );
    }

    #[test]
    fn an_unclosed_quote_points_at_the_quote() {
        let d = parse::<Entry>("id: \"a\nphone: '1'\n", Path::new("x.md"), 2).unwrap_err();
        assert_eq!(d.message, "a quote is opened here but never closed");
        assert_eq!((d.line, d.column), (Some(2), Some(5)));
    }

    #[test]
    fn locate_finds_nested_values() {
        let text = "hotlines:\n  - id: a\n    phone: '1'\n  - id: b\n    phone: \"0241\"\n";
        let path = [Seg::Key("hotlines"), Seg::Index(1), Seg::Key("phone")];
        assert_eq!(locate(text, &path, 1), Some((5, 12)));
        assert_eq!(
            locate(text, &[Seg::Key("hotlines"), Seg::Index(1)], 1),
            Some((4, 5))
        );
        assert_eq!(locate(text, &[Seg::Key("nope")], 1), None);
        let flow = "- { id: a, phone: '111' }\n- { id: b, phone: '113' }\n";
        assert_eq!(
            locate(flow, &[Seg::Index(1), Seg::Key("phone")], 10),
            Some((11, 19))
        );
    }

    #[test]
    fn quote_escapes() {
        assert_eq!(quote("Kỹ năng \"an toàn\""), "\"Kỹ năng \\\"an toàn\\\"\"");
    }
}
