//! How `check` reports: for people (grouped by file, colour only on a
//! terminal, one summary line at the end) or as JSON with a documented,
//! stable schema (`report.schema.json`, printed by `loa check --schema`).

use std::fmt::Write as _;

use serde::Serialize;

use super::{ExternalLink, Report, TranslationRow};
use crate::codes::Code;
use crate::error::{Diagnostic, Severity};
use crate::i18n::text;
use crate::msg;

/// The JSON Schema of `loa check --format json`.
pub const SCHEMA: &str = include_str!("report.schema.json");

/// Version of the JSON format; raised only for incompatible changes.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    ok: bool,
    strict: bool,
    summary: JsonSummary,
    findings: &'a [Diagnostic],
    translations: Vec<JsonTranslation<'a>>,
    external_links: &'a [ExternalLink],
    drafts: &'a [String],
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct JsonTranslation<'a> {
    section: &'a str,
    district: Option<&'a str>,
    languages: std::collections::BTreeMap<&'a str, &'a super::Coverage>,
}

/// The report as JSON.
pub fn json(report: &Report) -> String {
    let translations = report
        .translations
        .iter()
        .map(|row| JsonTranslation {
            section: &row.section,
            district: row.district.as_deref(),
            languages: row.languages.iter().map(|(l, c)| (l.as_str(), c)).collect(),
        })
        .collect();
    let json = JsonReport {
        version: JSON_VERSION,
        ok: report.errors() == 0,
        strict: report.strict,
        summary: JsonSummary {
            errors: report.errors(),
            warnings: report.warnings(),
        },
        findings: &report.findings,
        translations,
        external_links: &report.external,
        drafts: &report.drafts,
    };
    let mut out = serde_json::to_string_pretty(&json).expect("plain data always serialises");
    out.push('\n');
    out
}

/// Terminal colours, or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Colour only when writing to a terminal and `NO_COLOR` is not set.
    #[allow(
        clippy::disallowed_methods,
        reason = "asks whether standard output is a terminal; writes nothing"
    )]
    pub fn for_stdout() -> Style {
        use std::io::IsTerminal;
        Style {
            color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }

    /// No colour at all.
    pub fn plain() -> Style {
        Style { color: false }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// The report for people.
pub fn human(report: &Report, list_external: bool, style: Style) -> String {
    let mut out = String::new();
    findings(&mut out, &report.findings, style);
    translation_table(&mut out, &report.translations, style);
    if list_external {
        external(&mut out, &report.external, style);
    }
    if let Some(note) = &report.drafts_note {
        let _ = writeln!(out, "{note}\n");
    }
    verdict(&mut out, report, style);
    out
}

/// The findings, grouped by file.
fn findings(out: &mut String, list: &[crate::error::Diagnostic], style: Style) {
    let mut current: Option<&str> = None;
    let whole = text("report-whole-campaign");
    for d in list {
        let file = d.file.as_deref().unwrap_or(&whole);
        if current != Some(file) {
            if current.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", style.paint("1", file));
            current = Some(file);
        }
        let place = match (d.line, d.column) {
            (Some(l), Some(c)) => format!("{l}:{c}"),
            (Some(l), None) => l.to_string(),
            _ => String::new(),
        };
        let words = [Severity::Error.word(), Severity::Warning.word()];
        let width = words.iter().map(|w| w.chars().count()).max().unwrap_or(7);
        let level = match d.severity {
            Severity::Error => style.paint("1;31", &format!("{:<width$}", words[0])),
            Severity::Warning => style.paint("1;33", &format!("{:<width$}", words[1])),
        };
        let _ = writeln!(
            out,
            "  {place:<7} {level} {}  {}",
            style.paint("2", d.code.as_str()),
            d.message
        );
        if let Some(help) = &d.help {
            let _ = writeln!(
                out,
                "  {:<7} {:width$} {} {help}",
                "",
                "",
                style.paint("36", &format!("{}:", text("word-help")))
            );
        }
        if let Some(excerpt) = &d.excerpt {
            for line in excerpt.lines() {
                let _ = writeln!(out, "  {:<7} {:width$} {line}", "", "");
            }
        }
    }
    if !list.is_empty() {
        out.push('\n');
    }
}

/// Links to other websites (`--list-external`).
fn external(out: &mut String, links: &[ExternalLink], style: Style) {
    let _ = writeln!(
        out,
        "{}",
        style.paint(
            "1",
            &msg!("report-external-links", count = links.len()).text()
        )
    );
    for link in links {
        let _ = writeln!(out, "  {}:{}  {}", link.file, link.line, link.url);
    }
    out.push('\n');
}

/// The last line: ready to publish or not, and why.
fn verdict(out: &mut String, report: &Report, style: Style) {
    let errors = report.errors();
    let warnings = report.warnings();
    let verdict = if errors == 0 {
        style.paint(
            "1;32",
            &msg!("summary-ready", errors = errors, warnings = warnings).text(),
        )
    } else {
        style.paint(
            "1;31",
            &msg!("summary-not-ready", errors = errors, warnings = warnings).text(),
        )
    };
    out.push_str(&verdict);
    if report.strict {
        out.push_str(&text("summary-strict"));
    }
    out.push('\n');
    let examples = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && is_example_data(f.code))
        .count();
    if errors > 0 && examples == errors {
        let _ = writeln!(out, "{}", text("summary-all-example"));
    }
}

/// `loa check --explain CODE`: what the code means and what to do. With an
/// empty code, every code with the first line of its explanation.
pub fn explain(code: &str) -> crate::error::Result<String> {
    if code.is_empty() {
        let mut out = String::new();
        for c in Code::ALL {
            let text = c.explain();
            let first = text.split(". ").next().unwrap_or_default();
            let _ = writeln!(out, "{:<28} {}", c.as_str(), first.trim_end_matches('.'));
        }
        return Ok(out);
    }
    match Code::parse(code) {
        Some(c) => Ok(format!("{}\n\n{}\n", c.as_str(), c.explain())),
        None => {
            let known = Code::ALL.iter().map(|c| c.as_str());
            let message = match crate::error::did_you_mean(code, known) {
                Some(close) => msg!("explain-unknown-close", code = code, close = close),
                None => msg!("explain-unknown", code = code),
            };
            Err(crate::error::Error::Usage(message))
        }
    }
}

/// Findings about placeholder data marked `example: true`.
pub fn is_example_data(code: Code) -> bool {
    matches!(
        code,
        Code::HotlineExample | Code::HotlineExampleRealNumber | Code::PageExample
    )
}

fn translation_table(out: &mut String, rows: &[TranslationRow], style: Style) {
    let Some(first) = rows.first() else { return };
    let _ = writeln!(out, "{}", style.paint("1", &text("report-translations")));
    let label = |row: &TranslationRow| {
        let section = if row.section.is_empty() {
            "/".to_string()
        } else {
            format!("/{}", row.section)
        };
        match &row.district {
            Some(d) => msg!("report-district-only", section = section, district = d).text(),
            None => section,
        }
    };
    let width = rows
        .iter()
        .map(|r| label(r).chars().count())
        .max()
        .unwrap_or(8)
        .max(8)
        .max(text("report-all-pages").chars().count())
        .max(text("report-section").chars().count());
    let mut header = format!("  {:<width$}", text("report-section"));
    for (lang, _) in &first.languages {
        let _ = write!(header, "  {lang:>9}");
    }
    let _ = writeln!(out, "{header}");
    let mut totals = vec![(0, 0); first.languages.len()];
    for row in rows {
        let mut line = format!("  {:<width$}", label(row));
        for (i, (_, c)) in row.languages.iter().enumerate() {
            let cell = format!("{}/{}", c.translated, c.total);
            let cell = format!("{cell:>9}");
            let _ = write!(
                line,
                "  {}",
                if c.translated < c.total {
                    style.paint("33", &cell)
                } else {
                    cell
                }
            );
            totals[i].0 += c.translated;
            totals[i].1 += c.total;
        }
        let _ = writeln!(out, "{line}");
    }
    let mut line = format!("  {:<width$}", text("report-all-pages"));
    for (t, n) in totals {
        let _ = write!(line, "  {:>9}", format!("{t}/{n}"));
    }
    let _ = writeln!(out, "{}\n", style.paint("1", &line));
}
