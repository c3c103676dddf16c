//! What the desk does for the person at the computer, each behind the
//! guard of [`super::guard`]: make a page (`loa new`), check as for
//! publishing (`loa check --strict`), build a ward's hosting or offline zip
//! and hand it over as a download (`loa build --zip`), publish a ward after
//! a dry run (`loa deploy`), and, in a folder without a campaign, start one
//! (`loa init`). The same library functions as the commands, never the
//! program run again. One action at a time ([`State`]); each is logged on
//! the terminal and listed on the desk. Every answer is a plain page (or a
//! download), so the forms work without JavaScript.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::guard::Form;
use super::http::Shared;
use super::words::{marked, unmarked, word};
use crate::cmd::build::{self, BuildArgs, OFFLINE_ZIP};
use crate::cmd::deploy::{self, DeployArgs};
use crate::cmd::init::{self, InitArgs};
use crate::cmd::new::{self, Kind, NewArgs};
use crate::error::Error;
use crate::i18n::report::{Report, Wrapped};
use crate::i18n::{Msg, Reporter};
use crate::project::{LoadOptions, Project};
use crate::publish::Summary;
use crate::render::markdown::escape;
use crate::serve::watch::Change;

/// An action done, for the desk's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// Which action (`new-page`, `check`, `zip`, `publish`, `create`).
    pub action: &'static str,
    /// What it did, in a line.
    pub what: String,
    /// Whether it worked.
    pub ok: bool,
}

/// Whether an action is running, and the list of those done.
#[derive(Debug, Default)]
pub struct State {
    busy: AtomicBool,
    log: Mutex<Vec<Logged>>,
}

/// An action under way: the next one is refused until this is dropped.
pub struct Running<'a>(&'a State);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.busy.store(false, Ordering::SeqCst);
    }
}

impl State {
    /// Starts an action, unless one is running.
    pub fn try_start(&self) -> Option<Running<'_>> {
        self.busy
            .compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)
            .ok()
            .map(|_| Running(self))
    }

    /// The actions done so far, oldest first.
    pub fn log(&self) -> Vec<Logged> {
        self.log.lock().expect("log lock").clone()
    }

    pub(crate) fn record(&self, action: &'static str, what: String, ok: bool) {
        self.log
            .lock()
            .expect("log lock")
            .push(Logged { action, what, ok });
    }
}

/// A ward on the desk: its zips, and where it is published.
#[derive(Debug, Clone)]
pub struct Ward {
    /// Its slug.
    pub slug: String,
    /// Its name in the desk's language.
    pub name: String,
    /// Its district file.
    pub file: String,
    /// Its `deploy:` target, when it has one.
    pub target: Option<String>,
    /// Why it cannot be published now (a credential missing), in words
    /// that name what is missing, never a value.
    pub problem: Option<String>,
}

/// What the desk's forms need.
#[derive(Debug, Clone, Default)]
pub struct Work {
    /// This run's token, for the forms.
    pub token: String,
    /// The actions done.
    pub log: Vec<Logged>,
    /// Pages a translation can be made of: file and label.
    pub originals: Vec<(String, String)>,
    /// The wards.
    pub wards: Vec<Ward>,
}

/// What the desk shows about each ward, from the loaded campaign.
pub fn wards(project: &Project, lang: &str) -> Vec<Ward> {
    let config = &project.site.config;
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    config
        .districts
        .iter()
        .filter(|d| {
            project
                .site
                .districts
                .iter()
                .any(|v| project.site.district(v).slug == d.slug)
        })
        .map(|d| {
            let problem = d.deploy.as_ref().and_then(|deploy| {
                crate::publish::DeployTarget::open(deploy, &env)
                    .err()
                    .or_else(|| crate::publish::purge::Purger::open(&deploy.purge, &env).err())
            });
            Ward {
                slug: d.slug.clone(),
                name: crate::read::values::pick(&d.name, lang, config.default_lang()).to_string(),
                file: d.source.file.clone(),
                target: d.deploy.as_ref().map(|deploy| deploy.target.to_string()),
                problem,
            }
        })
        .collect()
}

/// The pages a translation can be made of: those in the first language,
/// in a section `loa new` makes pages in.
pub fn originals(project: &Project) -> Vec<(String, String)> {
    let default = project.site.config.default_lang();
    let mut list: Vec<(String, String)> = project
        .site
        .sources
        .iter()
        .filter(|s| s.lang == default && !s.explicit_lang && original_parts(&s.rel).is_some())
        .map(|s| {
            let label = match &s.scope {
                Some(scope) => format!("{} ({scope})", s.front.title),
                None => s.front.title.value.clone(),
            };
            (s.file(), label)
        })
        .collect();
    list.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    list
}

/// Kind, ward and file stem of an original page (`rel` from `content/`):
/// `skills/goi-111.md`, `districts/ba-dinh/news/tin.md`.
fn original_parts(rel: &str) -> Option<(Kind, Option<String>, String)> {
    let parts: Vec<&str> = rel.split('/').collect();
    let (district, section, file) = match parts.as_slice() {
        [section, file] => (None, *section, *file),
        ["districts", slug, section, file] => (Some(slug.to_string()), *section, *file),
        _ => return None,
    };
    let stem = file.strip_suffix(".md")?;
    Some((kind(section)?, district, stem.to_string()))
}

fn kind(section: &str) -> Option<Kind> {
    match section {
        "skills" => Some(Kind::Skill),
        "models" => Some(Kind::Model),
        "pages" => Some(Kind::Page),
        "news" => Some(Kind::News),
        _ => None,
    }
}

/// The sections `loa new` makes pages in.
pub const SECTIONS: [&str; 4] = ["skills", "models", "pages", "news"];

/// A section's name for the desk's form.
fn section_name(section: &str) -> Msg {
    match section {
        "skills" => Msg::new("desk-section-skills"),
        "models" => Msg::new("desk-section-models"),
        "pages" => Msg::new("desk-section-pages"),
        _ => Msg::new("desk-section-news"),
    }
}

/// An action's name, for the list of actions done and the terminal.
fn action_name(action: &str) -> Msg {
    match action {
        "new-page" => Msg::new("desk-new-heading"),
        "check" => Msg::new("desk-check-heading"),
        "zip" => Msg::new("desk-zip-label"),
        "publish" => Msg::new("desk-publish-real"),
        "edit" => Msg::new("editor-saved-log"),
        _ => Msg::new("desk-setup-heading"),
    }
}

/// How the preview answers an action.
#[derive(Debug)]
pub enum Answer {
    /// A page (see [`frame`]).
    Page {
        /// HTTP status.
        status: u16,
        /// Its title.
        title: String,
        /// What its `<main>` holds after the title.
        body: String,
    },
    /// A file to save.
    Download {
        /// Its name.
        name: String,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// Go to this address (after a campaign was made).
    SeeOther(String),
}

/// What every answer page needs, taken from the preview at the start.
#[derive(Debug, Clone)]
pub struct Context {
    /// The campaign folder; in a folder without a campaign, that folder.
    pub root: PathBuf,
    /// Whether there is no campaign yet (only `create` is offered).
    pub setup: bool,
    /// This run's token.
    pub token: String,
    /// The staff language of the answer.
    pub lang: String,
    /// The theme's style sheet, when a campaign is loaded.
    pub css: Option<String>,
    /// The theme's icon, when a campaign is loaded.
    pub icon: Option<String>,
    /// The districts the preview was limited to.
    pub districts: Vec<String>,
}

/// An action's result: the line for the log and the answer.
struct Done {
    log: String,
    answer: Answer,
}

/// Runs the action `name` with its form (already past the guard and the
/// busy check), logs it to `reporter` and on the desk; `to_page` takes a
/// line for the page being sent now and then while files are sent
/// (publish).
pub fn run(
    name: &str,
    form: &Form,
    shared: &Shared,
    reporter: &dyn Reporter,
    to_page: &(dyn Fn(&str) + Sync),
) -> Answer {
    let (ctx, state) = {
        let live = shared.live.read().expect("live lock");
        (live.action_context(form.get("ui")), live.actions())
    };
    let action: &'static str = match name {
        "new-page" => "new-page",
        "check" => "check",
        "zip" => "zip",
        "publish" => "publish",
        "create" if ctx.setup => "create",
        _ => {
            return page(
                404,
                "404",
                format!("<p>{}</p>", crate::i18n::text("desk-no-action")),
            );
        }
    };
    // The terminal speaks the staff language, as the rest of what it says.
    let label = action_name(action);
    reporter.note(crate::msg!("desk-terminal-start", action = label.clone()));
    let result = match name {
        "new-page" => new_page(&ctx, form, shared),
        "check" => check(&ctx, reporter),
        "zip" => zip(&ctx, form, shared, reporter),
        "publish" => publish(&ctx, form, shared, reporter, to_page),
        _ => create(&ctx, form, shared),
    };
    match result {
        Ok(done) => {
            reporter.note(crate::msg!(
                "desk-terminal-done",
                action = label,
                result = &done.log
            ));
            state.record(action, done.log, true);
            done.answer
        }
        Err(why) => {
            reporter.note(crate::msg!(
                "desk-terminal-failed",
                action = label,
                reason = &why
            ));
            state.record(action, first_line(&why).to_string(), false);
            let body = format!("<pre class=\"desk-excerpt\">{}</pre>", marked(&why));
            page(422, &word(&ctx.lang, Msg::new("desk-failed-heading")), body)
        }
    }
}

fn page(status: u16, title: &str, body: String) -> Answer {
    Answer::Page {
        status,
        title: title.to_string(),
        body,
    }
}

/// The answer when another action is running.
pub fn busy(ctx: &Context) -> Answer {
    let body = format!(
        "<p role=\"alert\">{}</p>",
        marked(&word(&ctx.lang, Msg::new("desk-busy")))
    );
    page(503, &word(&ctx.lang, Msg::new("desk-busy")), body)
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// An error in words, with its causes; a campaign's findings one a line.
fn error_text(err: &Error) -> String {
    if let Error::Content(found) = err {
        return found
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
    }
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        let _ = write!(text, ": {cause}");
        source = cause.source();
    }
    crate::error::printable(&text, true)
}

fn new_page(ctx: &Context, form: &Form, shared: &Shared) -> Result<Done, String> {
    let lang = &ctx.lang;
    let title = form.get("title");
    if title.is_empty() {
        return Err(word(lang, Msg::new("desk-no-title")));
    }
    let page_lang = Some(form.get("page_lang").to_string()).filter(|l| !l.is_empty());
    let (kind, district, stem) = match form.get("original") {
        "" => {
            let section = form.get("section");
            let kind = kind(section)
                .ok_or_else(|| crate::msg!("desk-no-section", section = section).text())?;
            let district = Some(form.get("district").to_string()).filter(|d| !d.is_empty());
            (kind, district, None)
        }
        original => {
            let live = shared.live.read().expect("live lock");
            let project = live
                .project()
                .ok_or_else(|| word(lang, Msg::new("desk-no-original")))?;
            let listed = originals(project).iter().any(|(file, _)| file == original);
            let parts = original.strip_prefix("content/").and_then(original_parts);
            let (Some((kind, district, stem)), true) = (parts, listed) else {
                return Err(word(lang, Msg::new("desk-no-original")));
            };
            if page_lang
                .as_deref()
                .is_none_or(|l| l == project.site.config.default_lang())
            {
                return Err(word(lang, Msg::new("desk-translation-lang")));
            }
            (kind, district, Some(stem))
        }
    };
    let rel = new::run(&NewArgs {
        root: ctx.root.clone(),
        kind,
        title: title.to_string(),
        district,
        lang: page_lang,
        stem,
    })
    .map_err(|e| error_text(&e))?;
    // Shown at once: the watcher would see it too, a moment later.
    let content_rel = rel.strip_prefix("content/").unwrap_or(&rel).to_string();
    let rebuild = shared
        .live
        .write()
        .expect("live lock")
        .apply(&Change::Pages(BTreeSet::from([content_rel])));
    shared.broadcast("reload");
    let href = shared.live.read().expect("live lock").page_address(&rel);
    let mut body = format!(
        "<p role=\"status\">{}</p>\n",
        marked(&word(lang, crate::msg!("desk-new-done", file = &rel)))
    );
    if let Some(href) = href {
        let _ = writeln!(
            body,
            "<p><a class=\"desk-new-page\" href=\"{}\">{}</a></p>",
            escape(&href),
            marked(&word(lang, Msg::new("desk-open-preview")))
        );
    }
    if let Ok(rebuild) = rebuild {
        for d in &rebuild.errors {
            let _ = writeln!(
                body,
                "<pre class=\"desk-excerpt\">{}</pre>",
                marked(&d.to_string())
            );
        }
    }
    Ok(Done {
        log: rel.clone(),
        answer: page(200, &word(lang, Msg::new("desk-new-heading")), body),
    })
}

fn check(ctx: &Context, reporter: &dyn Reporter) -> Result<Done, String> {
    let lang = &ctx.lang;
    let report = crate::check::campaign(&ctx.root, &ctx.districts, true, reporter)
        .map_err(|e| error_text(&e))?;
    let errors = report.errors();
    let verdict = if errors == 0 {
        word(lang, Msg::new("desk-check-ok")).to_string()
    } else {
        word(
            lang,
            crate::msg!("desk-check-failed", n = &errors.to_string()),
        )
    };
    let text = crate::check::report::human(&report, false, crate::check::report::Style::plain());
    let body = format!(
        "<p role=\"status\" class=\"desk-verdict\" data-errors=\"{errors}\">{}</p>\n<pre class=\"desk-excerpt desk-report\">{}</pre>\n",
        marked(&verdict),
        marked(&text)
    );
    Ok(Done {
        log: if errors == 0 {
            Msg::new("desk-check-ok").text()
        } else {
            crate::msg!("desk-check-failed", n = errors).text()
        },
        answer: page(200, &word(lang, Msg::new("desk-check-heading")), body),
    })
}

/// The ward a form names, when the preview serves it.
fn ward(form: &Form, shared: &Shared) -> Result<String, String> {
    let slug = form.get("district");
    let live = shared.live.read().expect("live lock");
    if live.districts().iter().any(|d| d == slug) && crate::read::slug::is_slug(slug) {
        Ok(slug.to_string())
    } else {
        Err(crate::msg!("desk-no-ward", slug = slug).text())
    }
}

fn zip(
    ctx: &Context,
    form: &Form,
    shared: &Shared,
    reporter: &dyn Reporter,
) -> Result<Done, String> {
    let slug = ward(form, shared)?;
    // Only the desk's two buttons: anything else (a typo, another case, no
    // kind) is refused rather than read as one of them.
    let offline = match form.get("kind") {
        "hosting" => false,
        "offline" => true,
        other => return Err(crate::msg!("desk-no-zip-kind", kind = other).text()),
    };
    // A new folder of this program's own in the system's temporary folder,
    // under a random name (so no one else's folder or link is written
    // into), only this user may enter it (0700 on Unix), removed when
    // dropped, whatever happens.
    let scratch = tempfile::Builder::new()
        .prefix("loa-desk-")
        .tempdir()
        .map_err(|e| crate::msg!("desk-no-scratch", reason = e.to_string()).text())?;
    let out = scratch.path().join("site");
    let name = format!("{slug}{}.zip", if offline { OFFLINE_ZIP } else { "" });
    let args = BuildArgs {
        root: ctx.root.clone(),
        out: out.clone(),
        districts: vec![slug.clone()],
        offline: false,
        zip: true,
    };
    let built = build::run(&args, reporter)
        .map_err(|e| error_text(&e))
        .and_then(|_| std::fs::read(out.join(&name)).map_err(|e| e.to_string()));
    drop(scratch);
    let bytes = built?;
    Ok(Done {
        log: crate::msg!("desk-terminal-zip", file = &name, bytes = bytes.len()).text(),
        answer: Answer::Download { name, bytes },
    })
}

/// The desk's reporter while it publishes: every report goes to the
/// terminal (its lines after `desk:`), and the files sent also to the page
/// being sent, in the desk's language, at most twice a second, and the
/// last.
struct Streamed<'a> {
    terminal: Wrapped<'a>,
    to_page: &'a (dyn Fn(&str) + Sync),
    lang: &'a str,
    last: Mutex<Option<Instant>>,
}

impl Reporter for Streamed<'_> {
    fn report(&self, report: Report) {
        if let Report::Progress { line, done, total } = &report {
            let mut last = self.last.lock().expect("progress lock");
            if done == total || last.is_none_or(|t| t.elapsed() >= Duration::from_millis(500)) {
                *last = Some(Instant::now());
                (self.to_page)(&word(self.lang, line.clone()));
            }
        }
        self.terminal.report(report);
    }
}

fn publish(
    ctx: &Context,
    form: &Form,
    shared: &Shared,
    reporter: &dyn Reporter,
    to_page: &(dyn Fn(&str) + Sync),
) -> Result<Done, String> {
    let lang = &ctx.lang;
    let slug = ward(form, shared)?;
    let dry_run = form.get("dry_run") != "0";
    let target = {
        let live = shared.live.read().expect("live lock");
        let project = live
            .project()
            .ok_or_else(|| crate::i18n::text("desk-not-loaded"))?;
        project
            .site
            .config
            .district(&slug)
            .and_then(|d| d.deploy.as_ref())
            .map(|d| d.target.to_string())
    };
    let Some(target) = target else {
        return Err(format!("`{slug}` has no deploy: target"));
    };
    let reporter = Streamed {
        terminal: Wrapped {
            to: reporter,
            wrap: |line| crate::msg!("desk-terminal-action-line", line = line),
        },
        to_page,
        lang,
        last: Mutex::new(None),
    };
    let summaries = deploy::run(
        &DeployArgs {
            root: ctx.root.clone(),
            out: ctx.root.join("public"),
            districts: vec![slug.clone()],
            dry_run,
            force: false,
            adopt: false,
            strict: false,
        },
        &reporter,
    )
    .map_err(|e| error_text(&e))?;
    let summary = summaries
        .into_iter()
        .find(|(s, _)| *s == slug)
        .map(|(_, s)| s)
        .unwrap_or_default();
    let body = publish_body(ctx, &slug, &target, &summary, dry_run);
    let title = word(
        lang,
        if dry_run {
            Msg::new("desk-dry-heading")
        } else {
            Msg::new("desk-publish-heading")
        },
    );
    Ok(Done {
        log: if dry_run {
            crate::msg!(
                "desk-terminal-dry",
                district = &slug,
                target = &target,
                sent = summary.uploaded.len(),
                deleted = summary.deleted.len()
            )
        } else {
            crate::msg!(
                "desk-terminal-published",
                district = &slug,
                target = &target,
                sent = summary.uploaded.len(),
                deleted = summary.deleted.len()
            )
        }
        .text(),
        answer: page(200, &title, body),
    })
}

fn publish_body(ctx: &Context, slug: &str, target: &str, s: &Summary, dry_run: bool) -> String {
    let lang = &ctx.lang;
    let mut body = format!(
        "<p role=\"status\">{}: {}</p>\n",
        marked(&word(lang, crate::msg!("desk-publish-to", target = target))),
        marked(&word(
            lang,
            crate::msg!(
                "desk-publish-counts",
                sent = &s.uploaded.len().to_string(),
                bytes = &crate::publish::size(s.bytes),
                same = &s.unchanged.to_string(),
                gone = &s.deleted.len().to_string()
            )
        ))
    );
    let (up, del) = if dry_run {
        (Msg::new("desk-would-upload"), Msg::new("desk-would-delete"))
    } else {
        (Msg::new("desk-uploaded"), Msg::new("desk-deleted"))
    };
    for (key, class, list) in [(up, "upload", &s.uploaded), (del, "delete", &s.deleted)] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(
            body,
            "<h2>{} ({})</h2>\n<ul class=\"desk-list desk-{class}\">\n",
            marked(&word(lang, key)),
            list.len()
        );
        for path in list {
            let _ = writeln!(body, "<li><code>{}</code></li>", escape(path));
        }
        body.push_str("</ul>\n");
    }
    if dry_run {
        let _ = write!(
            body,
            "<form method=\"post\" action=\"/__loa/action/publish\" class=\"desk-form\">\n{}\
             <input type=\"hidden\" name=\"district\" value=\"{}\">\n<input type=\"hidden\" name=\"dry_run\" value=\"0\">\n\
             <p>{}</p>\n<p><button type=\"submit\">{}</button></p>\n</form>\n",
            hidden(ctx),
            escape(slug),
            marked(&word(lang, Msg::new("desk-dry-confirm"))),
            marked(&word(lang, Msg::new("desk-publish-real"))),
        );
    }
    body
}

/// The hidden fields every desk form carries: the token and the staff
/// language.
pub fn hidden_fields(token: &str, lang: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"token\" value=\"{}\">\n<input type=\"hidden\" name=\"ui\" value=\"{}\">\n",
        escape(token),
        escape(lang)
    )
}

fn hidden(ctx: &Context) -> String {
    hidden_fields(&ctx.token, &ctx.lang)
}

/// A new campaign in a new folder inside the one loa was started in; the
/// preview then serves it.
fn create(ctx: &Context, form: &Form, shared: &Shared) -> Result<Done, String> {
    let lang = &ctx.lang;
    let folder = crate::read::slug::slugify(form.get("folder"));
    if folder.is_empty() || crate::read::names::problem(&folder).is_some() || folder.len() > 64 {
        return Err(word(lang, Msg::new("desk-setup-bad-folder")));
    }
    let dir = ctx.root.join(&folder);
    let taken = std::fs::symlink_metadata(&dir).is_ok()
        && std::fs::read_dir(&dir).map_or(true, |mut d| d.next().is_some());
    if taken {
        return Err(word(
            lang,
            crate::msg!("desk-setup-exists", dir = &dir.display().to_string()),
        ));
    }
    let name = Some(form.get("name").to_string()).filter(|n| !n.is_empty());
    init::run(&InitArgs {
        dir: dir.clone(),
        languages: vec!["vi".into(), "en".into()],
        name,
        name_en: None,
        ci: None,
        loa_sha256: None,
    })
    .map_err(|e| error_text(&e))?;
    let root = dir.canonicalize().map_err(|e| e.to_string())?;
    let reporter = shared.live.read().expect("live lock").reporter();
    let (fresh, _) =
        super::Live::start(&root, LoadOptions::default(), reporter).map_err(|e| error_text(&e))?;
    shared.live.write().expect("live lock").replace(fresh);
    Ok(Done {
        log: dir.display().to_string(),
        answer: Answer::SeeOther(format!("/?lang={}", escape(lang))),
    })
}

/// An answer page of the desk: its styles, a link back, `body` in `<main>`.
/// No script: a reload would send the form again.
pub fn frame(ctx: &Context, title: &str, body: &str) -> String {
    format!("{}{body}{}", frame_start(ctx, title), frame_end(ctx))
}

/// [`frame`] up to its title, for an answer sent while it is made.
pub fn frame_start(ctx: &Context, title: &str) -> String {
    let mut css = ctx.css.as_ref().map_or(String::new(), |css| {
        format!("<link rel=\"stylesheet\" href=\"/{}\">\n", escape(css))
    });
    // An icon of its own, so the browser asks for no `/favicon.ico`.
    if let Some(icon) = &ctx.icon {
        css.push_str(&format!(
            "<link rel=\"icon\" href=\"/{}\" type=\"image/svg+xml\">\n",
            escape(icon)
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" data-loa-desk>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"same-origin\">\n<title>{title} · loa</title>\n{css}\
         <link rel=\"stylesheet\" href=\"/__loa/desk.css\">\n</head>\n<body>\n\
         <main id=\"main\" class=\"wrap desk\">\n<h1>{heading}</h1>\n",
        lang = escape(&ctx.lang),
        title = unmarked(title),
        heading = marked(title),
    )
}

/// The end of [`frame`]: the link back to the desk.
pub fn frame_end(ctx: &Context) -> String {
    format!(
        "<p><a class=\"desk-back\" href=\"/?lang={lang}\">{back}</a></p>\n</main>\n</body>\n</html>\n",
        lang = escape(&ctx.lang),
        back = marked(&word(&ctx.lang, Msg::new("desk-back"))),
    )
}

/// The page offered in a folder without a campaign: a form to start one.
pub fn setup_page(ctx: &Context) -> String {
    let lang = &ctx.lang;
    let other = if lang == "vi" { "en" } else { "vi" };
    let other_name = if other == "vi" {
        "Tiếng Việt"
    } else {
        "English"
    };
    let body = format!(
        "<p><a href=\"/?lang={other}\" lang=\"{other}\" hreflang=\"{other}\">{other_name}</a></p>\n\
         <p>{intro}</p>\n<form method=\"post\" action=\"/__loa/action/create\" class=\"desk-form\">\n{hidden}\
         <fieldset>\n<legend>{heading}</legend>\n\
         <p><label for=\"setup-folder\">{folder}</label><br>\n<span id=\"setup-folder-hint\" class=\"desk-help\">{hint}</span><br>\n\
         <input id=\"setup-folder\" name=\"folder\" required maxlength=\"64\" autocomplete=\"off\" aria-describedby=\"setup-folder-hint\"></p>\n\
         <p><label for=\"setup-name\">{name}</label><br>\n<input id=\"setup-name\" name=\"name\" maxlength=\"120\"></p>\n\
         <p><button type=\"submit\">{submit}</button></p>\n</fieldset>\n</form>\n",
        intro = marked(&word(
            lang,
            crate::msg!("desk-setup-intro", dir = &ctx.root.display().to_string())
        )),
        hidden = hidden(ctx),
        heading = marked(&word(lang, Msg::new("desk-setup-heading"))),
        folder = marked(&word(lang, Msg::new("desk-setup-folder"))),
        hint = marked(&word(lang, Msg::new("desk-setup-folder-hint"))),
        name = marked(&word(lang, Msg::new("desk-setup-name"))),
        submit = marked(&word(lang, Msg::new("desk-setup-submit"))),
    );
    // Nowhere to go back to yet: no link to the desk.
    format!(
        "{}{body}</main>\n</body>\n</html>\n",
        frame_start(ctx, &word(lang, Msg::new("desk-setup-heading")))
    )
}

/// The desk's "work" section: the log and every action's form.
pub fn render_work(
    html: &mut String,
    lang: &str,
    work: &Work,
    districts: &[(String, String)],
    languages: &[(&str, &str)],
) {
    let t = |message: Msg| marked(&word(lang, message));
    let hidden = hidden_fields(&work.token, lang);
    let _ = write!(
        html,
        "<section aria-labelledby=\"desk-work\">\n<h2 id=\"desk-work\">{}</h2>\n<p>{}</p>\n",
        t(Msg::new("desk-act-heading")),
        t(Msg::new("desk-act-hint"))
    );
    if !work.log.is_empty() {
        let _ = write!(
            html,
            "<h3 id=\"desk-log\">{}</h3>\n<ol class=\"desk-list desk-log\" aria-labelledby=\"desk-log\">\n",
            t(Msg::new("desk-log-heading"))
        );
        for entry in &work.log {
            let _ = writeln!(
                html,
                "<li>{}: {} ({})</li>",
                t(action_name(entry.action)),
                escape(&entry.what),
                t(if entry.ok {
                    Msg::new("desk-log-ok")
                } else {
                    Msg::new("desk-log-failed")
                })
            );
        }
        html.push_str("</ol>\n");
    }
    new_page_form(html, lang, &hidden, work, districts, languages);
    let _ = write!(
        html,
        "<form method=\"post\" action=\"/__loa/action/check\" class=\"desk-form\">\n{hidden}\
         <fieldset>\n<legend>{}</legend>\n<p>{}</p>\n<p><button type=\"submit\">{}</button></p>\n</fieldset>\n</form>\n",
        t(Msg::new("desk-check-heading")),
        t(Msg::new("desk-check-hint")),
        t(Msg::new("desk-check-submit")),
    );
    let _ = write!(
        html,
        "<h3>{}</h3>\n<p>{}</p>\n",
        t(Msg::new("desk-wards-heading")),
        t(Msg::new("desk-zip-hint"))
    );
    for ward in &work.wards {
        ward_forms(html, lang, &hidden, ward);
    }
    html.push_str("</section>\n");
}

fn new_page_form(
    html: &mut String,
    lang: &str,
    hidden: &str,
    work: &Work,
    districts: &[(String, String)],
    languages: &[(&str, &str)],
) {
    let t = |message: Msg| marked(&word(lang, message));
    let _ = write!(
        html,
        "<form method=\"post\" action=\"/__loa/action/new-page\" class=\"desk-form\">\n{hidden}\
         <fieldset>\n<legend>{}</legend>\n\
         <p><label for=\"new-title\">{}</label><br>\n<input id=\"new-title\" name=\"title\" required maxlength=\"200\" autocomplete=\"off\"></p>\n\
         <p><label for=\"new-section\">{}</label><br>\n<select id=\"new-section\" name=\"section\">\n",
        t(Msg::new("desk-new-heading")),
        t(Msg::new("desk-new-title")),
        t(Msg::new("desk-new-section")),
    );
    for section in SECTIONS {
        let _ = writeln!(
            html,
            "<option value=\"{section}\">{}</option>",
            t(section_name(section))
        );
    }
    let _ = write!(
        html,
        "</select></p>\n<p><label for=\"new-district\">{}</label><br>\n<select id=\"new-district\" name=\"district\">\n<option value=\"\">{}</option>\n",
        t(Msg::new("desk-new-district")),
        t(Msg::new("desk-all-districts")),
    );
    options(html, districts);
    let _ = write!(
        html,
        "</select></p>\n<p><label for=\"new-lang\">{}</label><br>\n<select id=\"new-lang\" name=\"page_lang\">\n",
        t(Msg::new("desk-new-lang"))
    );
    options(html, languages);
    let _ = write!(
        html,
        "</select></p>\n<p><label for=\"new-original\">{}</label><br>\n<span id=\"new-original-hint\" class=\"desk-help\">{}</span><br>\n\
         <select id=\"new-original\" name=\"original\" aria-describedby=\"new-original-hint\">\n<option value=\"\">{}</option>\n",
        t(Msg::new("desk-new-translation-of")),
        t(Msg::new("desk-new-translation-hint")),
        t(Msg::new("desk-new-not-translation")),
    );
    options(html, &work.originals);
    let _ = write!(
        html,
        "</select></p>\n<p><button type=\"submit\">{}</button></p>\n</fieldset>\n</form>\n",
        t(Msg::new("desk-new-submit"))
    );
}

/// One `<option>` per (value, label) pair, both escaped.
fn options<V: AsRef<str>, L: AsRef<str>>(html: &mut String, pairs: &[(V, L)]) {
    for (value, label) in pairs {
        let _ = writeln!(
            html,
            "<option value=\"{}\">{}</option>",
            escape(value.as_ref()),
            escape(label.as_ref())
        );
    }
}

fn ward_forms(html: &mut String, lang: &str, hidden: &str, ward: &Ward) {
    let t = |message: Msg| marked(&word(lang, message));
    let slug = escape(&ward.slug);
    let _ = write!(
        html,
        "<section class=\"desk-ward-box\" aria-labelledby=\"ward-{slug}\">\n<h4 id=\"ward-{slug}\">{}</h4>\n\
         <form method=\"post\" action=\"/__loa/action/zip\" class=\"desk-form desk-ward\" data-ward=\"{slug}\" data-download>\n{hidden}\
         <input type=\"hidden\" name=\"district\" value=\"{slug}\">\n\
         <p class=\"desk-buttons\"><button type=\"submit\" name=\"kind\" value=\"hosting\">{}</button>\n<button type=\"submit\" name=\"kind\" value=\"offline\">{}</button></p>\n</form>\n",
        escape(&ward.name),
        t(Msg::new("desk-zip-hosting")),
        t(Msg::new("desk-zip-offline")),
    );
    match (&ward.target, &ward.problem) {
        (None, _) => {
            let _ = writeln!(
                html,
                "<p class=\"desk-help\">{}</p>",
                marked(&word(
                    lang,
                    crate::msg!("desk-publish-none", file = &ward.file)
                ))
            );
        }
        (Some(target), Some(problem)) => {
            let _ = writeln!(
                html,
                "<p class=\"desk-alert\">{} {}</p>",
                marked(&word(lang, crate::msg!("desk-publish-to", target = target))),
                marked(&word(
                    lang,
                    crate::msg!("desk-publish-missing", why = problem)
                ))
            );
        }
        (Some(target), None) => {
            let _ = write!(
                html,
                "<form method=\"post\" action=\"/__loa/action/publish\" class=\"desk-form\" data-ward=\"{slug}\">\n{hidden}\
                 <input type=\"hidden\" name=\"district\" value=\"{slug}\">\n<input type=\"hidden\" name=\"dry_run\" value=\"1\">\n\
                 <p class=\"desk-target\">{}</p>\n<p><button type=\"submit\">{}</button></p>\n</form>\n",
                marked(&word(lang, crate::msg!("desk-publish-to", target = target))),
                t(Msg::new("desk-publish-dry")),
            );
        }
    }
    html.push_str("</section>\n");
}

/// Where a campaign is: `dir` when it holds `content/site.yaml`.
pub fn holds_campaign(dir: &Path) -> bool {
    dir.join("content/site.yaml").is_file()
}
