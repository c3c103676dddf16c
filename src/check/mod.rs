//! `loa check`: the campaign's reviewer. It loads and renders everything in
//! memory (writing nothing) and reports findings, each with a stable code,
//! the source file and line that caused it, what is wrong and what to do:
//! links and anchors, translations, hotline data, accessibility of the
//! produced pages, and content hygiene.

mod content;
mod facts;
mod nest;
pub(crate) mod pages;
mod print;
pub mod report;
mod split;
mod templates;
mod tokens;

use serde::Serialize;

use std::path::Path;

use crate::error::{Diagnostic, Error, Result, Severity, tidy};
use crate::project::{self, LoadOptions, Project};

/// What `check` was asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Warnings count as errors.
    pub strict: bool,
}

/// Translated pages out of all pages, for one language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Coverage {
    /// Pages written in this language.
    pub translated: usize,
    /// Pages in the section.
    pub total: usize,
}

/// One row of the translation summary: a section, shared or one district's.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationRow {
    /// The section's URL path (`skills/`; "" for pages at the top).
    pub section: String,
    /// `None` for shared pages, the slug for a district's own pages.
    pub district: Option<String>,
    /// Coverage per language, in the campaign's order.
    pub languages: Vec<(String, Coverage)>,
}

/// A link to another website, listed (never fetched).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExternalLink {
    /// The address.
    pub url: String,
    /// The Markdown file.
    pub file: String,
    /// Its line.
    pub line: usize,
}

/// Everything `check` found.
#[derive(Debug, Clone)]
pub struct Report {
    /// Findings, sorted by file and line.
    pub findings: Vec<Diagnostic>,
    /// The translation summary.
    pub translations: Vec<TranslationRow>,
    /// Links to other websites.
    pub external: Vec<ExternalLink>,
    /// Whether warnings were counted as errors.
    pub strict: bool,
    /// The files of drafts, which are not published.
    pub drafts: Vec<String>,
    /// The sentence listing them, for people.
    pub drafts_note: Option<String>,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

/// Reads the campaign at `root` afresh (only `districts`, when given) and
/// checks it, as `loa check` and the editor's desk do, telling `reporter`
/// of long work. A campaign that cannot even be loaded gives a report of
/// its loading errors.
pub fn campaign(
    root: &Path,
    districts: &[String],
    strict: bool,
    reporter: &dyn crate::i18n::Reporter,
) -> Result<Report> {
    let options = LoadOptions {
        districts: districts.to_vec(),
        keep_going: true,
        ..LoadOptions::default()
    };
    match project::load(root, &options) {
        Ok(mut project) => {
            // Pictures are made (or found in the cache) as a build would,
            // so their size budget is checked too.
            match crate::output::engine::prepare_images(&project, reporter) {
                Ok(mut found) => project.diagnostics.append(&mut found),
                Err(Error::Content(findings)) => project.diagnostics = findings,
                Err(other) => return Err(other),
            }
            Ok(run(&project, CheckOptions { strict }))
        }
        Err(Error::Content(mut findings)) => {
            if strict {
                strictly(&mut findings);
            }
            Ok(Report {
                findings,
                translations: Vec::new(),
                external: Vec::new(),
                strict,
                drafts: Vec::new(),
                drafts_note: None,
            })
        }
        Err(other) => Err(other),
    }
}

/// Checks a loaded campaign.
pub fn run(project: &Project, options: CheckOptions) -> Report {
    let mut pages = Vec::new();
    pages::check(project, &mut pages);
    report(project, options, pages)
}

/// Checks a loaded campaign whose pages were checked already, as a build
/// produced them (`pages`: their findings, [`pages::told_once`]).
pub fn report(project: &Project, options: CheckOptions, pages: Vec<Diagnostic>) -> Report {
    let mut findings = project.diagnostics.clone();
    content::check(project, &mut findings);
    findings.extend(pages);
    print::check(project, &mut findings);
    let translations = content::translations(project, &mut findings);
    let external = content::external_links(project);
    if options.strict {
        strictly(&mut findings);
    }
    tidy(&mut findings);
    Report {
        findings,
        translations,
        external,
        strict: options.strict,
        drafts: project.site.draft_files(),
        drafts_note: project.site.drafts_note(),
    }
}

/// Under `--strict` every warning is an error.
pub fn strictly(findings: &mut [Diagnostic]) {
    for d in findings {
        d.severity = Severity::Error;
    }
}
