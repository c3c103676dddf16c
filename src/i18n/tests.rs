//! The catalogue is whole: every id the source uses is in both languages
//! with the arguments it is given, every finding code has its explanation,
//! and no catalogue id is left unused.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use super::*;
use crate::codes::Code;

/// Each message's variables, per language.
fn catalogue(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut messages = BTreeMap::new();
    for (of, name, text) in FILES {
        if of != lang {
            continue;
        }
        let resource = fluent_syntax::parser::parse(text)
            .unwrap_or_else(|(_, errors)| panic!("{}/{name}: {errors:?}", of.code()));
        for entry in resource.body {
            match entry {
                ast::Entry::Message(message) => {
                    let mut vars = BTreeSet::new();
                    if let Some(pattern) = &message.value {
                        pattern_vars(pattern, &mut vars);
                    }
                    let id = message.id.name.to_string();
                    assert!(
                        messages.insert(id.clone(), vars).is_none(),
                        "{}/{name}: {id} twice",
                        of.code()
                    );
                }
                ast::Entry::Junk { content } => {
                    panic!("{}/{name}: cannot read {content:?}", of.code())
                }
                _ => {}
            }
        }
    }
    messages
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for variant in variants {
                pattern_vars(&variant.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_vars(argument, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

/// Every `msg!("id", name = …)`, `text("id")` and `Msg::new("id")` in `src/`: the id with
/// the argument names given, each place it is used.
fn uses() -> Vec<(String, String, BTreeSet<String>)> {
    let mut found = Vec::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let file = entry
            .path()
            .strip_prefix(&src)
            .unwrap()
            .display()
            .to_string();
        for start in ["msg!(", "text(", "Msg::new("] {
            for (at, _) in text.match_indices(start) {
                let before = text[..at].chars().next_back().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' || before == '.' {
                    continue;
                }
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                if text[line_start..at].trim_start().starts_with("//") {
                    continue;
                }
                let inside = &text[at + start.len()..];
                let Some(call) = balanced(inside) else {
                    continue;
                };
                let parts = top_level_commas(call);
                let Some(id) = parts[0]
                    .trim()
                    .strip_prefix('"')
                    .and_then(|s| s.strip_suffix('"'))
                else {
                    continue;
                };
                let names = parts[1..]
                    .iter()
                    .filter_map(|part| {
                        part.split_once('=')
                            .map(|(name, _)| name.trim().to_string())
                    })
                    .filter(|name| !name.is_empty())
                    .collect();
                found.push((format!("{file}: {id}"), id.to_string(), names));
            }
        }
    }
    found
}

/// The text up to the `)` closing an opened `(`.
fn balanced(text: &str) -> Option<&str> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return Some(&text[..i]),
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn top_level_commas(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut in_string, mut escaped, mut start) = (0usize, false, false, 0);
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// `link/broken` -> `explain-link-broken`.
fn explain_id(code: Code) -> String {
    format!("explain-{}", code.as_str().replace('/', "-"))
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_arguments() {
    let vi = catalogue(Lang::Vi);
    let en = catalogue(Lang::En);
    let vi_ids: BTreeSet<_> = vi.keys().collect();
    let en_ids: BTreeSet<_> = en.keys().collect();
    assert_eq!(
        vi_ids.difference(&en_ids).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "only in vi"
    );
    assert_eq!(
        en_ids.difference(&vi_ids).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "only in en"
    );
}

#[test]
fn every_use_is_in_the_catalogue_with_its_arguments_and_every_id_is_used() {
    let en = catalogue(Lang::En);
    let vi = catalogue(Lang::Vi);
    let mut used = BTreeSet::new();
    let found = uses();
    assert!(
        found.len() > 100,
        "the scan found only {} uses",
        found.len()
    );
    for (place, id, names) in &found {
        for (lang, catalogue) in [("en", &en), ("vi", &vi)] {
            let vars = catalogue
                .get(id)
                .unwrap_or_else(|| panic!("{place}: no message `{id}` in {lang}"));
            let missing: Vec<_> = vars.difference(names).collect();
            assert!(
                missing.is_empty(),
                "{place}: the {lang} message needs {missing:?}, which is not given"
            );
        }
        // An argument neither language shows is a mistake (a plural's
        // count is shown or chooses the form in one language at least).
        let shown: BTreeSet<_> = en[id].union(&vi[id]).cloned().collect();
        let unused: Vec<_> = names.difference(&shown).collect();
        assert!(
            unused.is_empty(),
            "{place}: {unused:?} given but used by no language"
        );
        used.insert(id.clone());
    }
    for code in Code::ALL {
        let id = explain_id(*code);
        assert!(en.contains_key(&id), "{code}: no `{id}` in the catalogue");
        used.insert(id);
    }
    for id in en.keys() {
        // `cli-…` ids are `--help` texts, named after the commands and
        // options they describe (the binary's test checks them).
        if id.starts_with("cli-") {
            continue;
        }
        assert!(
            used.contains(id),
            "`{id}` is in the catalogue but nothing uses it"
        );
    }
}

#[test]
fn vietnamese_is_nfc_and_says_no_english_sentence() {
    use unicode_normalization::UnicodeNormalization;
    for (of, name, text) in FILES {
        let nfc: String = text.nfc().collect();
        assert!(nfc == text, "{}/{name} is not NFC", of.code());
    }
}

#[test]
fn a_message_takes_its_arguments_in_either_language() {
    let m = crate::msg!("summary-ready", errors = 0, warnings = 2);
    assert_eq!(
        m.text_in(Lang::En),
        "Ready to publish: 0 errors, 2 warnings"
    );
    assert_eq!(m.text_in(Lang::Vi), "Sẵn sàng xuất bản: 0 lỗi, 2 cảnh báo");
    let one = crate::msg!("summary-ready", errors = 1, warnings = 1);
    assert_eq!(
        one.text_in(Lang::En),
        "Ready to publish: 1 error, 1 warning"
    );
}

#[test]
fn locale_names_choose_the_language() {
    assert_eq!(Lang::parse("vi_VN.UTF-8"), Some(Lang::Vi));
    assert_eq!(Lang::parse("vi-VN"), Some(Lang::Vi));
    assert_eq!(Lang::parse("en_GB"), Some(Lang::En));
    assert_eq!(Lang::parse("C.UTF-8"), None);
    assert_eq!(Lang::parse("fr_FR"), None);
    assert_eq!(
        staff_language("title: x\nstaff_language: vi # staff\n"),
        Some(Lang::Vi)
    );
    assert_eq!(staff_language("staff_language: \"en\"\n"), Some(Lang::En));
    assert_eq!(staff_language("  staff_language: vi\n"), None);
    assert_eq!(staff_language("title: x\n"), None);
}

#[test]
fn decimals_take_each_language_s_mark() {
    let m = crate::msg!(
        "config-color-contrast",
        value = "#ffcc00",
        contrast = super::decimal(1.6, 1)
    );
    assert!(
        m.text_in(Lang::Vi).contains("1,6:1"),
        "{}",
        m.text_in(Lang::Vi)
    );
    assert!(
        m.text_in(Lang::Vi).contains("4,5:1"),
        "{}",
        m.text_in(Lang::Vi)
    );
    assert!(
        m.text_in(Lang::En).contains("1.6:1"),
        "{}",
        m.text_in(Lang::En)
    );
}
