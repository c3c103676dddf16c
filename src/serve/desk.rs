//! The editor's desk: `loa serve`'s own home page, never part of a built
//! site. It shows what `loa check` would report, live (grouped by file, each
//! with its line, message and what to do), a translation table (written,
//! missing, outdated), the hotline directory's state (last check, days left,
//! example entries first), links to every page in the preview and, where
//! the editor set `LOA_EDITOR` or `EDITOR`, a link that opens the file at
//! the line. Plain HTML in the editor's language (the theme's interface
//! strings), refreshed on request; the live-reload script only refreshes it
//! after each save.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::codes::Code;
use crate::error::Diagnostic;
use crate::i18n::Reporter;
use crate::model::urls::page_href;
use crate::project::Project;
use crate::read::values::{Date, pick};
use crate::render::markdown::escape;
use crate::render::theme::Strings;
use crate::serve::words::{marked, unmarked};

/// What the desk shows, worked out once per rebuild.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// `loa check`'s findings on the last good load.
    pub findings: Vec<Diagnostic>,
    /// One row per page.
    pub translations: Vec<PageRow>,
    /// One row per hotline entry, example entries first, then by days left.
    pub hotlines: Vec<HotlineRow>,
    /// Each page file's address in the preview, for links from findings.
    pub pages: HashMap<String, String>,
    /// The files marked `draft: true`, which a build does not publish.
    pub drafts: Vec<String>,
}

/// A page in the translation table.
#[derive(Debug, Clone)]
pub struct PageRow {
    /// The page's address in the preview's first language, from the root.
    pub href: String,
    /// What a person calls it: its path (and district, for its own pages).
    pub label: String,
    /// Per language: its status and, when written, its address.
    pub languages: Vec<(String, Status, String)>,
}

/// Whether a page is written in a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Written, and not older than the original.
    Written,
    /// Not written: readers see the original.
    Missing,
    /// Written, but the original changed after it.
    Outdated,
}

/// A hotline entry in the desk's table.
#[derive(Debug, Clone)]
pub struct HotlineRow {
    /// Its id.
    pub id: String,
    /// Its name in the desk's first language.
    pub name: String,
    /// The number as written.
    pub phone: String,
    /// The last check, when there was one.
    pub verified: Option<Date>,
    /// Days before the check is stale (negative: stale for that long).
    pub days_left: Option<i64>,
    /// Example data.
    pub example: bool,
    /// The file and line to edit.
    pub file: String,
    /// The line.
    pub line: Option<usize>,
}

/// Works out the desk's tables: the findings exactly as `loa check` reports
/// them now (it reads the campaign afresh), the tables from the preview's
/// last good load.
/// Long work is told to `reporter`.
pub fn findings(project: &Project, districts: &[String], reporter: &dyn Reporter) -> Findings {
    let root = &project.site.config.root;
    let findings = match crate::check::campaign(root, districts, false, reporter) {
        Ok(report) => report.findings,
        Err(e) => vec![Diagnostic::error(
            Code::ServeUnreadable,
            crate::msg!("serve-unreadable", reason = e.to_string()),
        )],
    };
    let (translations, pages) = translations(project);
    let mut drafts: Vec<String> = project
        .site
        .sources
        .iter()
        .filter(|s| *s.front.draft)
        .map(|s| s.file())
        .collect();
    drafts.sort();
    Findings {
        findings,
        translations,
        hotlines: hotlines(project),
        pages,
        drafts,
    }
}

/// Each page file's address in the preview.
pub fn page_addresses(project: &Project) -> HashMap<String, String> {
    translations(project).1
}

/// The translation table, and each page file's address in the preview.
fn translations(project: &Project) -> (Vec<PageRow>, HashMap<String, String>) {
    let site = &project.site;
    let config = &site.config;
    let default = config.default_lang();
    let files: Vec<String> = site.sources.iter().map(|s| s.file()).collect();
    let times = modified_times(&config.root, &files);
    let first = site
        .districts
        .first()
        .map(|v| site.district(v).slug.clone());
    let mut rows = Vec::new();
    let mut pages = HashMap::new();
    for page in site.pages.iter().filter(|p| !p.variants.is_empty()) {
        let Some(slug) = page.scope.clone().or_else(|| first.clone()) else {
            continue;
        };
        let href_in = |lang: &str| {
            format!(
                "/{slug}/{}{}",
                config.lang_prefix(lang),
                page_href(&page.path, false)
            )
        };
        for (lang, &s) in &page.variants {
            pages.insert(site.sources[s].file(), href_in(lang));
        }
        let original = page.variants.get(default).map(|&s| site.sources[s].file());
        let languages = config
            .languages
            .iter()
            .map(|lang| {
                let status = match page.variants.get(lang) {
                    None => Status::Missing,
                    Some(&s) => {
                        let own = times.get(&site.sources[s].file());
                        let base = original.as_ref().and_then(|o| times.get(o));
                        match (own, base) {
                            (Some(own), Some(base)) if lang != default && base > own => {
                                Status::Outdated
                            }
                            _ => Status::Written,
                        }
                    }
                };
                (lang.clone(), status, href_in(lang))
            })
            .collect();
        let label = match &page.scope {
            Some(scope) => format!("/{} ({scope})", page.path),
            None => format!("/{}", page.path),
        };
        rows.push(PageRow {
            href: href_in(default),
            label,
            languages,
        });
    }
    rows.sort_by(|a, b| a.label.cmp(&b.label));
    (rows, pages)
}

/// When each file last changed: its last commit when the campaign is a git
/// checkout (files changed since count as changed now), its modification
/// time otherwise. Seconds since 1970.
fn modified_times(root: &Path, files: &[String]) -> HashMap<String, i64> {
    let (mut times, changed) = match git_times(root) {
        Some((times, changed)) => (times, changed),
        None => (HashMap::new(), files.to_vec()),
    };
    for file in changed.iter().filter(|f| files.contains(f)) {
        if let Some(seconds) = std::fs::metadata(root.join(file))
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        {
            times.insert(file.clone(), seconds.as_secs() as i64);
        }
    }
    times
}

/// From git, when the campaign is a checkout: each file's last commit
/// time, and the files changed since (not committed, or new).
fn git_times(root: &Path) -> Option<(HashMap<String, i64>, Vec<String>)> {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let status = git(&[
        "status",
        "--porcelain",
        "--untracked-files=all",
        "--",
        "content",
    ])?;
    let mut times = HashMap::new();
    let log = git(&[
        "log",
        "--format=@%ct",
        "--name-only",
        "--relative",
        "--",
        "content",
    ]);
    let mut when = 0;
    for line in log.as_deref().unwrap_or("").lines() {
        match line.strip_prefix('@') {
            Some(t) => when = t.parse().unwrap_or(0),
            None if !line.is_empty() => {
                times.entry(line.to_string()).or_insert(when);
            }
            None => {}
        }
    }
    let changed = status
        .lines()
        .filter_map(|l| l.get(3..))
        .map(|p| {
            p.rsplit(" -> ")
                .next()
                .unwrap_or(p)
                .trim_matches('"')
                .to_string()
        })
        .collect();
    Some((times, changed))
}

fn hotlines(project: &Project) -> Vec<HotlineRow> {
    let site = &project.site;
    let config = &site.config;
    let today = Date::today().unwrap_or_else(|today| today);
    let default = config.default_lang();
    let mut rows: Vec<HotlineRow> = site
        .hotlines
        .entries
        .iter()
        .map(|h| {
            let line = h.origin.at.map(|(line, _)| line);
            HotlineRow {
                id: h.id.clone(),
                name: pick(&h.name, default, default).to_string(),
                phone: h.phone.clone(),
                verified: h.verified,
                days_left: h.days_left(today, config.hotline_max_age_days),
                example: h.example,
                file: h.origin.file.clone(),
                line,
            }
        })
        .collect();
    rows.sort_by_key(|r| (!r.example, r.days_left.unwrap_or(i64::MIN), r.id.clone()));
    rows
}

/// What the page needs besides the findings.
pub struct Page<'a> {
    /// The desk's language.
    pub lang: &'a str,
    /// Interface strings in that language.
    pub t: &'a Strings,
    /// The campaign's languages, with their names.
    pub languages: Vec<(&'a str, &'a str)>,
    /// The districts served: slug and name.
    pub districts: Vec<(String, String)>,
    /// Each district's printed material: the files of its plan under
    /// `print/` (`print/poster/index.html`, `en/print/leaflet/index.html`).
    pub printed: BTreeMap<String, Vec<String>>,
    /// Errors of the last rebuild (the preview shows the last good pages).
    pub errors: &'a [Diagnostic],
    /// The session's token for "open in editor" links, when an editor is set
    /// (never on a network address).
    pub editor_token: Option<&'a str>,
    /// Whether the private pages (call sheets) are linked: only when the
    /// preview listens on a loopback address.
    pub private: bool,
    /// The theme's files by their plain name, with the names they are
    /// published under (`loa.css` -> `loa.3f2a9c1e.css`).
    pub theme_files: &'a BTreeMap<String, String>,
    /// The actions' forms, on a loopback address only.
    pub work: Option<super::actions::Work>,
}

impl Page<'_> {
    /// The published name of a theme file.
    fn theme_file(&self, name: &str) -> String {
        self.theme_files
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }
}

/// The desk as HTML.
pub fn render(page: &Page<'_>, findings: &Findings) -> String {
    let t = |key: &str| marked(page.t.get(key));
    let mut html = start(page, page.t.get("desk_title"), "/");
    let _ = write!(
        html,
        "<h1>{}</h1>\n<p>{}</p>\n",
        t("desk_title"),
        t("desk_intro")
    );
    sites(&mut html, page);
    if let Some(work) = &page.work {
        super::actions::render_work(&mut html, page.lang, work, &page.districts, &page.languages);
    }
    findings_section(&mut html, page, findings);
    drafts_section(&mut html, page, findings);
    translation_table(&mut html, page, findings);
    hotline_table(&mut html, page, findings);
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

/// The start of a page of the desk titled `title`, up to its open
/// `<main>`: the theme's style sheet and the desk's, the live-reload
/// script, a skip link, and links to `here` in the other languages.
pub fn start(page: &Page<'_>, title: &str, here: &str) -> String {
    let t = |key: &str| marked(page.t.get(key));
    let mut html = String::with_capacity(32 * 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{lang}\" data-loa-desk>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"same-origin\">\n<title>{title} · loa</title>\n\
         <link rel=\"icon\" href=\"/{icon}\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"/{css}\">\n<link rel=\"stylesheet\" href=\"/__loa/desk.css\">\n\
         <script src=\"/__loa/reload.js\" defer></script>\n</head>\n<body>\n\
         <a class=\"skip-link\" href=\"#main\">{skip}</a>\n<header class=\"site-header\">\n<div class=\"wrap desk-top\">\n\
         <p class=\"site-name\"><a class=\"site-title\" href=\"/?lang={lang}\">loa · {desk}</a></p>\n",
        lang = escape(page.lang),
        icon = escape(&page.theme_file("favicon.svg")),
        css = escape(&page.theme_file("loa.css")),
        title = unmarked(title),
        desk = t("desk_title"),
        skip = t("skip_to_content"),
    );
    let others: Vec<String> = page
        .languages
        .iter()
        .filter(|(code, _)| *code != page.lang)
        .map(|(code, name)| {
            format!(
                "<a href=\"{}?lang={code}\" lang=\"{code}\" hreflang=\"{code}\">{}</a>",
                escape(here),
                escape(name),
                code = escape(code)
            )
        })
        .collect();
    if !others.is_empty() {
        let _ = writeln!(
            html,
            "<nav class=\"desk-languages\" aria-label=\"{}\">{}</nav>",
            unmarked(page.t.get("languages_label")),
            others.join(" ")
        );
    }
    html.push_str("</div>\n</header>\n<main id=\"main\" tabindex=\"-1\" class=\"wrap desk\">\n");
    html
}

fn sites(html: &mut String, page: &Page<'_>) {
    let t = |key: &str| marked(page.t.get(key));
    let _ = write!(
        html,
        "<section aria-labelledby=\"desk-sites\">\n<h2 id=\"desk-sites\">{}</h2>\n<ul class=\"desk-sites\">\n",
        t("desk_sites")
    );
    for (slug, name) in &page.districts {
        let _ = write!(
            html,
            "<li><a href=\"/{0}/\">{1}</a>",
            escape(slug),
            escape(name)
        );
        for (code, lang_name) in page.languages.iter().skip(1) {
            let _ = write!(
                html,
                " · <a href=\"/{}/{}/\" lang=\"{code}\">{}</a>",
                escape(slug),
                escape(code),
                escape(lang_name),
                code = escape(code)
            );
        }
        printed_links(html, page, slug);
        html.push_str("</li>\n");
    }
    let _ = write!(
        html,
        "<li><a href=\"/index.html\">{}</a></li>\n</ul>\n</section>\n",
        t("desk_portal")
    );
}

/// A district's printed material and call sheet in each language: listed
/// on the desk, never in the readers' menu.
fn printed_links(html: &mut String, page: &Page<'_>, slug: &str) {
    let t = |key: &str| marked(page.t.get(key));
    let printed = page
        .printed
        .get(slug)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (i, (code, lang_name)) in page.languages.iter().enumerate() {
        let prefix = if i == 0 {
            String::new()
        } else {
            format!("{}/", escape(code))
        };
        for (kind, key) in [("poster", "poster_title"), ("leaflet", "leaflet_title")] {
            let file = format!("{prefix}print/{kind}/index.html");
            if printed.contains(&file) {
                let _ = write!(
                    html,
                    " · <a class=\"desk-print\" href=\"/{}/{prefix}print/{kind}/\">{} ({})</a>",
                    escape(slug),
                    t(key),
                    escape(lang_name),
                );
            }
        }
        if !page.private {
            continue;
        }
        let _ = write!(
            html,
            " · <a class=\"desk-calls\" href=\"/__loa/calls/{}/?lang={}\">{} ({})</a>",
            escape(slug),
            escape(code),
            t("desk_calls"),
            escape(lang_name),
        );
    }
}

fn findings_section(html: &mut String, page: &Page<'_>, findings: &Findings) {
    let t = |key: &str| marked(page.t.get(key));
    // A rebuild's error is often also a finding of the fresh check: once.
    let mut all: Vec<&Diagnostic> = page.errors.iter().collect();
    all.extend(
        findings
            .findings
            .iter()
            .filter(|d| !page.errors.contains(d)),
    );
    let errors = all.iter().filter(|d| d.is_error()).count();
    let _ = write!(
        html,
        "<section aria-labelledby=\"desk-findings\">\n<h2 id=\"desk-findings\">{} <span class=\"desk-count\">({errors} {}, {} {})</span></h2>\n",
        t("desk_findings"),
        t("desk_errors"),
        all.len() - errors,
        t("desk_warnings"),
    );
    if !page.errors.is_empty() {
        let _ = writeln!(
            html,
            "<p class=\"desk-alert\" role=\"alert\">{}</p>",
            t("desk_errors_now")
        );
    }
    if all.is_empty() {
        let _ = write!(html, "<p>{}</p>\n</section>\n", t("desk_no_findings"));
        return;
    }
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in &all {
        by_file
            .entry(d.file.as_deref().unwrap_or(""))
            .or_default()
            .push(d);
    }
    for (file, list) in by_file {
        let heading = if file.is_empty() {
            t("desk_no_file")
        } else {
            escape(file)
        };
        let _ = write!(
            html,
            "<h3 class=\"desk-file\">{heading}</h3>\n<ul class=\"desk-list\">\n"
        );
        for d in list {
            finding(html, page, d, findings.pages.get(file));
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</section>\n");
}

/// The drafts: shown by the preview, left out of every build.
fn drafts_section(html: &mut String, page: &Page<'_>, findings: &Findings) {
    if findings.drafts.is_empty() {
        return;
    }
    let t = |key: &str| marked(page.t.get(key));
    let _ = write!(
        html,
        "<section aria-labelledby=\"desk-drafts\">\n<h2 id=\"desk-drafts\">{} <span class=\"desk-count\">({})</span></h2>\n<p>{}</p>\n<ul class=\"desk-list desk-drafts\">\n",
        t("desk_drafts"),
        findings.drafts.len(),
        t("desk_drafts_hint"),
    );
    for file in &findings.drafts {
        let _ = write!(html, "<li><code>{}</code>", escape(file));
        if let Some(href) = findings.pages.get(file) {
            let _ = write!(
                html,
                " · <a class=\"desk-page\" href=\"{}\">{}</a>",
                escape(href),
                t("desk_open_page")
            );
        }
        html.push_str("</li>\n");
    }
    html.push_str("</ul>\n</section>\n");
}

fn finding(html: &mut String, page: &Page<'_>, d: &Diagnostic, href: Option<&String>) {
    let t = |key: &str| marked(page.t.get(key));
    let severity = if d.is_error() { "error" } else { "warning" };
    let place = d
        .line
        .map_or_else(String::new, |line| format!("{} {line}: ", t("desk_line")));
    let _ = write!(
        html,
        "<li class=\"desk-finding desk-{severity}\"><span class=\"desk-severity\">{}</span> <code>{}</code> {place}{}",
        t(&format!("desk_{severity}")),
        escape(d.code.as_str()),
        marked(&d.message.text()),
    );
    if let Some(help) = &d.help {
        let _ = write!(
            html,
            "<br><span class=\"desk-help\">{}: {}</span>",
            t("desk_help"),
            marked(&help.text())
        );
    }
    if let Some(excerpt) = &d.excerpt {
        let _ = write!(
            html,
            "<pre class=\"desk-excerpt\">{}</pre>",
            escape(excerpt)
        );
    }
    if let Some(href) = href {
        let _ = write!(
            html,
            "<br><a class=\"desk-page\" href=\"{}\">{}</a>",
            escape(href),
            t("desk_open_page")
        );
    }
    let file = d.file.as_ref().filter(|f| editable(f));
    if let (Some(token), Some(file)) = (page.editor_token, file) {
        let _ = write!(
            html,
            "<br><a class=\"desk-open\" href=\"/__loa/open?file={}&amp;line={}&amp;token={}\">{}</a>",
            escape(&percent(file)),
            d.line.unwrap_or(1),
            escape(token),
            t("desk_open_editor"),
        );
    }
    if let Some(file) = d.file.as_ref().filter(|_| page.private) {
        html.push_str(&super::editor::desk_link(
            file,
            page.lang,
            "editor-heading",
            "",
        ));
    }
    html.push_str("</li>\n");
}

/// Whether a campaign file (its path from the campaign folder) is one the
/// editor may open: a text source of the campaign, that is Markdown and
/// YAML under `content/`, and a theme's templates (`templates/…html`),
/// style sheets (`.css`) and interface strings (`i18n/…yaml`). Never a
/// file a ward could plant to be run or shown by the system's opener
/// (`huong-dan.command`, `xem.html` in `content/`, a picture).
pub fn editable(file: &str) -> bool {
    if !crate::read::names::is_safe_relative(file) {
        return false;
    }
    let lower = file.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    let parts: Vec<&str> = lower.split('/').collect();
    match parts.as_slice() {
        ["content", .., _] => matches!(ext, "md" | "yaml" | "yml"),
        ["themes", _, "templates", .., _] => ext == "html",
        ["themes", _, "i18n", _] => matches!(ext, "yaml" | "yml"),
        ["themes", _, .., _] => ext == "css",
        _ => false,
    }
}

/// `file` for a query string.
fn percent(file: &str) -> String {
    percent_encoding::utf8_percent_encode(file, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn translation_table(html: &mut String, page: &Page<'_>, findings: &Findings) {
    let t = |key: &str| marked(page.t.get(key));
    let _ = write!(
        html,
        "<section>\n<h2 id=\"desk-translations\">{}</h2>\n\
         <div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"desk-translations\">\n<table>\n<thead><tr><th scope=\"col\">{}</th>",
        t("desk_translations"),
        t("desk_page"),
    );
    for (_, name) in &page.languages {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape(name));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    let files: HashMap<&String, &String> = findings.pages.iter().map(|(f, h)| (h, f)).collect();
    for row in &findings.translations {
        let _ = write!(
            html,
            "<tr><th scope=\"row\"><a href=\"{}\">{}</a>",
            escape(&row.href),
            escape(&row.label)
        );
        for ((_, status, href), (_, name)) in row.languages.iter().zip(&page.languages) {
            let written = *status != Status::Missing;
            if let Some(file) = files.get(href).filter(|_| page.private && written) {
                html.push_str(&super::editor::desk_link(
                    file,
                    page.lang,
                    "editor-edit",
                    name,
                ));
            }
        }
        html.push_str("</th>");
        for (_, status, href) in &row.languages {
            let (class, key) = match status {
                Status::Written => ("written", "desk_written"),
                Status::Missing => ("missing", "desk_missing"),
                Status::Outdated => ("outdated", "desk_outdated"),
            };
            let _ = write!(
                html,
                "<td class=\"desk-{class}\"><a href=\"{}\">{}</a>",
                escape(href),
                t(key)
            );
            html.push_str("</td>");
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

fn hotline_table(html: &mut String, page: &Page<'_>, findings: &Findings) {
    let t = |key: &str| marked(page.t.get(key));
    let _ = write!(
        html,
        "<section>\n<h2 id=\"desk-hotlines\">{}</h2>\n\
         <div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"desk-hotlines\">\n<table>\n<thead><tr>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         </tr></thead>\n<tbody>\n",
        t("desk_hotlines"),
        t("desk_entry"),
        t("desk_number"),
        t("last_checked"),
        t("desk_days_left"),
        t("desk_where"),
    );
    for row in &findings.hotlines {
        let checked = row
            .verified
            .map_or_else(|| t("desk_never_checked"), |d| d.to_string());
        let left = match (row.example, row.days_left) {
            (true, _) => t("desk_example"),
            (false, None) => t("desk_never_checked"),
            (false, Some(days)) if days < 0 => format!("{} ({days})", t("desk_stale")),
            (false, Some(days)) => days.to_string(),
        };
        let place = match row.line {
            Some(line) => format!("{}:{line}", row.file),
            None => row.file.clone(),
        };
        let _ = writeln!(
            html,
            "<tr{}><th scope=\"row\">{}<br><code>{}</code></th><td>{}</td><td>{checked}</td><td>{left}</td><td><code>{}</code></td></tr>",
            if row.example {
                " class=\"desk-example\""
            } else {
                ""
            },
            escape(&row.name),
            escape(&row.id),
            escape(&row.phone),
            escape(&place),
        );
    }
    html.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

/// The desk's own few styles (the theme's style sheet does the rest).
pub const DESK_CSS: &str = "\
.desk-top { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; }\n\
.desk-top a { color: inherit; }\n\
.desk-list { padding-left: 1.25rem; }\n\
.desk-finding { margin: 0.5rem 0; }\n\
.desk-severity { font-weight: 700; }\n\
.desk-error .desk-severity { color: var(--loa-exit, #b3261e); }\n\
.desk-help { color: var(--loa-muted); }\n\
.desk-alert { border-left: 4px solid var(--loa-exit, #b3261e); padding: 0.5rem 0.75rem; background: var(--loa-notice); }\n\
.desk-missing, .desk-outdated { font-weight: 700; }\n\
.desk-file { font-size: 1rem; word-break: break-all; }\n\
.desk table { border-collapse: collapse; }\n\
.desk th, .desk td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid var(--loa-muted); vertical-align: top; }\n\
.desk-form fieldset { min-width: 0; margin: 1rem 0; }\n\
.desk-form input:not([type=hidden]), .desk-form select { max-width: 100%; box-sizing: border-box; font: inherit; min-height: 2.75rem; }\n\
.desk-form input:not([type=hidden]) { width: 100%; }\n\
.desk-form button { font: inherit; min-height: 2.75rem; padding: 0.25rem 0.75rem; margin: 0.25rem 0.5rem 0.25rem 0; }\n\
.desk-buttons { display: flex; flex-wrap: wrap; }\n\
.desk-ward-box { border-top: 1px solid var(--loa-muted); margin-top: 1rem; }\n\
.desk-ward-box h4 { margin: 0.75rem 0 0.25rem; }\n\
.desk-target, .desk-excerpt { overflow-wrap: anywhere; }\n\
.desk-excerpt { white-space: pre-wrap; }\n\
.calls-private { border-left: 4px solid var(--loa-exit, #b3261e); padding: 0.5rem 0.75rem; }\n\
.calls-ask { margin: 0; padding-left: 1.25rem; }\n\
.calls-done input { width: 1.5rem; height: 1.5rem; margin: 0; }\n\
.calls-number { white-space: nowrap; font-weight: 700; }\n\
.calls-where { word-break: break-all; }\n\
@media print {\n\
  @page { size: A4; margin: 12mm; }\n\
  .calls .site-header, .calls .skip-link, .calls .calls-hint { display: none !important; }\n\
  .calls { font-size: 10pt; line-height: 1.3; color: #000; background: #fff; }\n\
  .calls main { max-width: none; padding: 0; }\n\
  .calls h1 { font-size: 16pt; margin: 0 0 4pt; }\n\
  .calls .table-scroll { overflow: visible; }\n\
  .calls table { width: 100%; font-size: 9.5pt; }\n\
  .calls th, .calls td { border-bottom: 0.75pt solid #000; padding: 3pt 4pt; }\n\
  .calls tr { break-inside: avoid; }\n\
  .calls-done input { width: 6mm; height: 6mm; }\n\
}\n";

/// Opens `file` at `line` with the editor command: `{file}` and `{line}`
/// in it are replaced (`code -g {file}:{line}`); without them the file is
/// added at the end. No shell is involved.
pub fn open_in_editor(command: &str, root: &Path, file: &str, line: usize) -> std::io::Result<()> {
    let path = root.join(file);
    let path = path.to_string_lossy();
    let mut words: Vec<String> = command.split_whitespace().map(str::to_string).collect();
    if !command.contains("{file}") {
        words.push("{file}".into());
    }
    let words: Vec<String> = words
        .iter()
        .map(|w| {
            w.replace("{file}", &path)
                .replace("{line}", &line.to_string())
        })
        .collect();
    let Some((program, args)) = words.split_first() else {
        return Err(std::io::Error::other("the editor command is empty"));
    };
    Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_commands_are_run_without_a_shell() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("opened");
        let script = dir.path().join("editor.sh");
        std::fs::write(
            &script,
            format!("#!/bin/sh\necho \"$@\" > {}\n", out.display()),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
            let command = format!("{} -g {{file}}:{{line}}", script.display());
            open_in_editor(&command, Path::new("/camp"), "content/a b;rm.md", 7).unwrap();
            // The editor runs on its own: wait for its whole line.
            for _ in 0..250 {
                if std::fs::read_to_string(&out).is_ok_and(|t| t.ends_with('\n')) {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            let said = std::fs::read_to_string(&out).unwrap();
            assert_eq!(said.trim(), "-g /camp/content/a b;rm.md:7");
        }
    }
}
