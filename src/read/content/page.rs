//! One page source: decoding the bytes (UTF-8, byte-order mark, Unicode
//! NFC), splitting the YAML front matter from the Markdown, reading the front
//! matter, and telling the language and the page from the file name.

use std::path::Path;

use serde::Deserialize;

use super::PageSource;
use crate::codes::Code;
use crate::error::{Diagnostic, line_col};
use crate::msg;
use crate::read::config::Config;
use crate::read::source::decode_text;
use crate::read::values::{Audience, Date, DistrictSel, ModelKind, Place};
use crate::read::yaml::Spanned;

/// The front matter of a page, as the content contract defines it. The
/// values findings point at carry their place in the file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page title (required).
    pub title: Spanned<String>,
    /// One or two sentences for lists and `<meta name="description">`.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// Order within a section: lower first, then by title.
    #[serde(default)]
    pub weight: Option<i64>,
    /// Publication date; news is sorted by it.
    #[serde(default)]
    pub date: Option<Spanned<Date>>,
    /// The last part of the web address, instead of the file name.
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    /// Drafts are shown only by `loa serve`.
    #[serde(default)]
    pub draft: Spanned<bool>,
    /// A template of the theme to render this page with.
    #[serde(default)]
    pub template: Option<Spanned<String>>,
    /// For a section index: how its pages are ordered.
    #[serde(default)]
    pub sort_by: Option<SortBy>,
    /// Who the page is for.
    #[serde(default)]
    pub audience: Vec<Audience>,
    /// The safe-community model the page describes.
    #[serde(default)]
    pub model: Option<ModelKind>,
    /// Where the model runs: `all` or district slugs.
    #[serde(default)]
    pub districts: Option<DistrictSel>,
    /// Placeholder content (local details nobody has verified): shown with
    /// a notice, and refused by `loa check --strict`.
    #[serde(default)]
    pub example: Spanned<bool>,
    /// The page sends readers to the district's own numbers (the ward's
    /// Women's Union, police, health station): while none of them is
    /// checked, the page says to call the national numbers instead.
    #[serde(default)]
    pub local_contacts: bool,
    /// On the printed leaflet, in this place (1 first).
    #[serde(default)]
    pub leaflet: Option<Spanned<Place>>,
    /// Only the text before the first heading and this many sections (from
    /// one heading of the page's highest level to the next) go on the
    /// leaflet; all of it when absent.
    #[serde(default)]
    pub leaflet_sections: Option<Spanned<Place>>,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// By `weight`, then title.
    Weight,
    /// By `date`, newest first, then title.
    Date,
}

/// The parts of a page file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// The Markdown after the closing line.
    pub body: &'a str,
    /// The line where the body starts (1-based).
    pub body_line: usize,
    /// The line where the YAML starts (1-based).
    pub yaml_line: usize,
}

/// Splits `---` front matter from the body. Front matter must open on the
/// first line; `Err` explains what is wrong.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, FrontMatterProblem> {
    let mut lines = text.split_inclusive('\n');
    // Empty lines before the opening `---` are forgiven.
    let mut skipped = 0;
    let mut line_no = 1;
    let first = loop {
        let Some(line) = lines.next() else {
            return Err(FrontMatterProblem::Empty);
        };
        if !line.trim().is_empty() {
            break line;
        }
        skipped += line.len();
        line_no += 1;
    };
    if first.trim_end() != "---" {
        return Err(FrontMatterProblem::Missing);
    }
    let yaml_start = skipped + first.len();
    let yaml_line = line_no + 1;
    let mut offset = yaml_start;
    for line in lines {
        line_no += 1;
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &text[yaml_start..offset];
            let body = &text[offset + line.len()..];
            return Ok(Split {
                yaml,
                body,
                body_line: line_no + 1,
                yaml_line,
            });
        }
        offset += line.len();
    }
    Err(FrontMatterProblem::Unclosed)
}

/// Reads one Markdown file into a [`PageSource`]; `None` for a file in a
/// language `site.yaml` lists wrongly (that mistake is reported there).
/// The largest Markdown page loa reads: a whole book is about 1 MB, and
/// rendering costs many times a page's size in memory (a 16 MB table
/// took 2.2 GB). Pages are read up to one byte more than this, never
/// whole, so a huge file costs no memory either.
pub const MAX_PAGE_BYTES: usize = 2 * 1_048_576;

pub(super) fn read_page(
    config: &Config,
    rel: String,
    scope: Option<String>,
    scoped: &str,
    bytes: Vec<u8>,
) -> Result<Option<PageSource>, Vec<Diagnostic>> {
    let file = format!("content/{rel}");
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(vec![
            Diagnostic::error(
                Code::PageTooLarge,
                msg!("page-too-large", limit = MAX_PAGE_BYTES / 1_048_576),
            )
            .in_file(&file)
            .help(msg!("page-too-large-help")),
        ]);
    }
    let (logical, lang, explicit_lang) = match page_identity(scoped, &config.languages) {
        Ok(identity) => identity,
        // A page in a language `site.yaml` failed to accept was reported
        // there already.
        Err(_) if in_rejected_language(config, scoped) => return Ok(None),
        Err(d) => return Err(vec![d.in_file(&file)]),
    };
    let text = decode_text(bytes, &file).map_err(|d| vec![d])?;
    let split =
        split_front_matter(&text).map_err(|problem| vec![front_matter_problem(problem, &file)])?;
    let front: FrontMatter =
        crate::read::yaml::parse(split.yaml, Path::new(&file), split.yaml_line)?;
    if crate::read::source::is_blank(&front.title) {
        return Err(vec![
            Diagnostic::error(Code::PageEmptyTitle, msg!("page-empty-title"))
                .in_file(&file)
                .at_opt(front.title.place())
                .help(msg!("page-empty-title-help")),
        ]);
    }
    if let Some(d) = control_character(split.body, split.body_line) {
        return Err(vec![d.in_file(&file)]);
    }
    if let Some(line) = super::tables::too_many_table_cells(split.body) {
        return Err(vec![
            Diagnostic::error(Code::PageTableCells, msg!("page-table-cells"))
                .in_file(&file)
                .at_line(line + split.body_line - 1)
                .help(msg!("page-table-cells-help")),
        ]);
    }
    Ok(Some(PageSource {
        body: split.body.to_string(),
        body_line: split.body_line,
        rel,
        scope,
        logical,
        lang: lang.unwrap_or_else(|| config.default_lang().to_string()),
        explicit_lang,
        front,
    }))
}

/// Is `scoped` (`x.fr.md`) in a language `site.yaml` lists but could not
/// accept?
fn in_rejected_language(config: &Config, scoped: &str) -> bool {
    scoped
        .trim_end_matches(".md")
        .rsplit_once('.')
        .map(|(_, c)| c.to_lowercase())
        .is_some_and(|c| config.rejected_languages.contains(&c) && !config.languages.contains(&c))
}

/// A front matter that cannot be split from the body, with what to do.
fn front_matter_problem(problem: FrontMatterProblem, file: &str) -> Diagnostic {
    let (message, help) = match problem {
        FrontMatterProblem::Empty => (msg!("front-matter-empty"), msg!("front-matter-start-help")),
        FrontMatterProblem::Missing => (
            msg!("front-matter-missing"),
            msg!("front-matter-start-help"),
        ),
        FrontMatterProblem::Unclosed => (
            msg!("front-matter-unclosed"),
            msg!("front-matter-unclosed-help"),
        ),
    };
    Diagnostic::error(Code::PageFrontMatter, message)
        .in_file(file)
        .at_line(1)
        .help(help)
}

/// Why a page's front matter cannot be split from its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterProblem {
    /// The file is empty.
    Empty,
    /// The file does not start with a `---` line.
    Missing,
    /// No `---` line ends the front matter.
    Unclosed,
}

/// The first control character in Markdown text (a NUL, an escape
/// sequence, a backspace): invisible to the writer, invalid in a web page.
fn control_character(body: &str, first_line: usize) -> Option<Diagnostic> {
    let at = crate::read::source::first_control(body)?;
    let c = body[at..].chars().next()?;
    let (line, column) = line_col(body, at);
    Some(
        Diagnostic::error(
            Code::ContentControlCharacter,
            msg!(
                "content-control-character",
                character = format!("U+{:04X}", u32::from(c))
            ),
        )
        .at(line + first_line - 1, column)
        .help(msg!("content-control-character-help")),
    )
}

/// `skills/a.en.md` -> (`skills/a`, Some(`en`), true); `skills/c/index.md`
/// -> (`skills/c`, None, false).
pub(crate) fn page_identity(
    scoped: &str,
    languages: &[String],
) -> Result<(String, Option<String>, bool), Diagnostic> {
    let without_ext = scoped.strip_suffix(".md").unwrap_or(scoped);
    let (dir, name) = match without_ext.rsplit_once('/') {
        Some((dir, name)) => (Some(dir), name),
        None => (None, without_ext),
    };
    let (base, lang) = match name.rsplit_once('.') {
        Some((base, code)) if languages.iter().any(|l| l == code) => (base, Some(code.to_string())),
        Some((_, code)) if languages.iter().any(|l| l.eq_ignore_ascii_case(code)) => {
            return Err(Diagnostic::error(
                Code::PageUnknownLanguage,
                msg!("page-language-case", lang = code),
            )
            .help(msg!("page-language-case-help", lang = code.to_lowercase())));
        }
        Some((_, code))
            if (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()) =>
        {
            return Err(Diagnostic::error(
                Code::PageUnknownLanguage,
                msg!("page-unknown-language", lang = code),
            )
            .help(msg!(
                "page-unknown-language-help",
                languages = languages.join(", "),
                lang = code
            )));
        }
        _ => (name, None),
    };
    if base.is_empty() {
        return Err(Diagnostic::error(Code::PageBadSlug, msg!("page-no-name"))
            .help(msg!("page-no-name-help")));
    }
    let explicit = lang.is_some();
    let logical = match (dir, base) {
        (Some(dir), "index") => dir.to_string(),
        (Some(dir), base) => format!("{dir}/{base}"),
        (None, base) => base.to_string(),
    };
    Ok((logical, lang, explicit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["vi".into(), "en".into()]
    }

    #[test]
    fn language_from_the_file_name() {
        let id = |s: &str| page_identity(s, &langs());
        assert_eq!(id("skills/a.md").unwrap(), ("skills/a".into(), None, false));
        assert_eq!(
            id("skills/a.en.md").unwrap(),
            ("skills/a".into(), Some("en".into()), true)
        );
        assert_eq!(
            id("skills/a.vi.md").unwrap(),
            ("skills/a".into(), Some("vi".into()), true)
        );
        assert_eq!(
            id("_index.en.md").unwrap(),
            ("_index".into(), Some("en".into()), true)
        );
        assert_eq!(
            id("skills/c/index.md").unwrap(),
            ("skills/c".into(), None, false)
        );
        assert_eq!(
            id("news/v2.1.md").unwrap(),
            ("news/v2.1".into(), None, false)
        );
        let err = id("skills/a.fr.md").unwrap_err();
        assert_eq!(err.code, Code::PageUnknownLanguage);
    }

    #[test]
    fn front_matter_splits_with_line_numbers() {
        let text = "---\ntitle: A\n---\n# Hello\n";
        let split = split_front_matter(text).unwrap();
        assert_eq!(split.yaml, "title: A\n");
        assert_eq!(split.body, "# Hello\n");
        assert_eq!(split.body_line, 4);
        let crlf = "---\r\ntitle: A\r\n---\r\nbody";
        let split = split_front_matter(crlf).unwrap();
        assert_eq!(split.yaml, "title: A\r\n");
        assert_eq!(split.body, "body");
        assert_eq!(
            split_front_matter("---\ntitle: A\n"),
            Err(FrontMatterProblem::Unclosed)
        );
        assert!(split_front_matter("# no front matter").is_err());
        let late = split_front_matter("\n\n---\ntitle: A\n---\nbody").unwrap();
        assert_eq!(
            (late.yaml, late.body, late.body_line),
            ("title: A\n", "body", 6)
        );
        assert!(split_front_matter("").is_err());
        let empty = split_front_matter("---\n---\n").unwrap();
        assert_eq!(
            (empty.yaml, empty.body, empty.body_line, empty.yaml_line),
            ("", "", 3, 2)
        );
    }
}
