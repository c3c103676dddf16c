//! The desk's editor: one page file (`content/**.md`) written in a form,
//! with the finished page beside it. The front matter is a set of fields
//! with their allowed values as choices, the body a plain text area; loa
//! writes the `---` block itself, so quotes, colons and tabs can no longer
//! break a page. The page is shown through the same engine as the
//! preview, with its findings at their lines.
//!
//! `GET /__loa/edit?file=content/…md` opens it (loopback only, like the
//! desk's other private pages); the form is sent to the desk's actions
//! `edit-preview` and `edit-save`, past the same guard as every action
//! ([`super::guard`]). Saving writes UTF-8 with LF beside the file and
//! renames it over, keeps the previous version in `.loa-history/`, and
//! refuses to overwrite a file changed on disk since the editor opened
//! it (the form carries a hash of what it opened).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::guard::Form;
use super::http::Shared;
use super::words::marked;
use super::{Live, Served};
use crate::error::Diagnostic;
use crate::i18n::{Lang, Msg, Reporter};
use crate::msg;
use crate::project::Project;
use crate::read::content::{PageSource, Reread, read_text};
use crate::read::values::{Audience, Date, DistrictSel, ModelKind};
use crate::render::markdown::escape;

/// Where the editor is: `/__loa/edit?file=content/…md`.
pub const PATH: &str = "/__loa/edit";

/// The editor's own script (`/__loa/editor.js`): updates the preview as
/// she types. The form works without it.
pub const EDITOR_JS: &str = include_str!("editor.js");

/// The editor's layout (`/__loa/editor.css`): the page beside the form,
/// below it on a phone.
pub const EDITOR_CSS: &str = include_str!("editor.css");

/// The most bytes an editor form may send: a page of the largest size
/// loa reads, every byte of it percent-encoded, and the fields.
pub const MAX_FORM: usize = 3 * crate::read::content::MAX_PAGE_BYTES + 64 * 1024;

/// How many earlier versions of a file `.loa-history/` keeps.
pub const HISTORY: usize = 20;

/// Whether an action name is the editor's.
pub fn handles(name: &str) -> bool {
    matches!(name, "edit-preview" | "edit-save" | "edit-picture")
}

/// The most bytes a form with a picture may send: a page and a photo.
pub const MAX_PICTURE_FORM: usize = MAX_FORM + 24 * 1_048_576;

/// The kinds of picture the editor adds to a page.
const PICTURE_KINDS: [&str; 5] = ["jpg", "jpeg", "png", "webp", "gif"];

/// A message of the catalogue in the desk's language.
fn text(id: &'static str, lang: Lang) -> String {
    Msg::new(id).text_in(lang)
}

fn staff(code: &str) -> Lang {
    Lang::parse(code).unwrap_or(Lang::En)
}

/// A page file the editor may write: its path from the campaign folder
/// (`content/skills/a.md`) and on disk.
#[derive(Debug, Clone)]
pub struct EditedFile {
    /// From the campaign folder, `/`-separated.
    pub file: String,
    /// On disk.
    pub path: PathBuf,
}

/// Checks that `file` is a page file inside `content/` that the editor may
/// open: a safe relative name ending in `.md`, reached without any link
/// (the file itself, when it exists, and every folder on the way), and
/// either a file or a new file in an existing folder (a translation).
pub fn target(root: &Path, file: &str) -> Result<EditedFile, Msg> {
    let refused = || msg!("editor-not-a-page", file = file.to_string());
    if !crate::read::names::is_safe_relative(file) || !file.starts_with("content/") {
        return Err(refused());
    }
    let lower = file.to_ascii_lowercase();
    if !lower.ends_with(".md") || file.split('/').count() < 2 {
        return Err(refused());
    }
    let path = root.join(file);
    let parent = path.parent().ok_or_else(refused)?;
    let parent_real = parent.canonicalize().map_err(|_| refused())?;
    if parent_real != parent || !parent_real.starts_with(root.join("content")) {
        return Err(refused());
    }
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_file() => {}
        Ok(_) => return Err(refused()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(_) => return Err(refused()),
    }
    Ok(EditedFile {
        file: file.to_string(),
        path,
    })
}

/// A hash of a file's bytes (`none` for a file not there), to notice a
/// change made on disk while the editor was open.
pub fn hash(path: &Path) -> String {
    match std::fs::read(path) {
        Ok(bytes) => format!("{:x}", Sha256::digest(&bytes)),
        Err(_) => "none".into(),
    }
}

/// The page as the form shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    /// `title`.
    pub title: String,
    /// `description`.
    pub description: String,
    /// `date`, `YYYY-MM-DD`.
    pub date: String,
    /// `weight`.
    pub weight: String,
    /// `draft`.
    pub draft: bool,
    /// `audience` words.
    pub audience: Vec<String>,
    /// `model` word.
    pub model: String,
    /// `districts`: `all`, slugs, or nothing.
    pub districts: Vec<String>,
    /// `leaflet`.
    pub leaflet: String,
    /// The Markdown.
    pub body: String,
}

/// The keys the form has fields for.
const FORM_KEYS: [&str; 9] = [
    "title",
    "description",
    "date",
    "weight",
    "draft",
    "audience",
    "model",
    "districts",
    "leaflet",
];

impl Fields {
    /// The fields of a page read by loa.
    pub fn of(source: &PageSource) -> Fields {
        let front = &source.front;
        Fields {
            title: front.title.value.clone(),
            description: front
                .description
                .as_ref()
                .map(|d| d.value.clone())
                .unwrap_or_default(),
            date: front.date.map(|d| d.to_string()).unwrap_or_default(),
            weight: front.weight.map(|w| w.to_string()).unwrap_or_default(),
            draft: *front.draft,
            audience: front
                .audience
                .iter()
                .map(|a| a.word().to_string())
                .collect(),
            model: front
                .model
                .map(|m| m.word().to_string())
                .unwrap_or_default(),
            districts: match &front.districts {
                None => Vec::new(),
                Some(DistrictSel::All) => vec!["all".into()],
                Some(DistrictSel::Only(list)) => list.iter().map(|s| s.value.clone()).collect(),
            },
            leaflet: front
                .leaflet
                .map(|p| p.get().to_string())
                .unwrap_or_default(),
            body: source.body.clone(),
        }
    }

    /// The fields a form sent.
    pub fn from_form(form: &Form) -> Fields {
        Fields {
            title: form.get("title").to_string(),
            description: form.get("description").to_string(),
            date: form.get("date").to_string(),
            weight: form.get("weight").to_string(),
            draft: form.get("draft") == "true",
            audience: form.all("audience"),
            model: form.get("model").to_string(),
            districts: form.all("districts"),
            leaflet: form.get("leaflet").to_string(),
            body: form.raw("body").replace("\r\n", "\n").replace('\r', "\n"),
        }
    }
}

/// The top-level keys of a front matter the form has no field for, each
/// with its lines as written (`slug: x`, `sort_by: date`…): kept as
/// they are when the page is saved.
pub fn kept_keys(yaml: &str) -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = Vec::new();
    for line in yaml.split_inclusive('\n') {
        let starts_key = line
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-')
            && line.contains(':');
        if starts_key {
            let key = line.split(':').next().unwrap_or_default().trim();
            let key = key.trim_matches(['"', '\'']).to_string();
            keys.push((key, line.to_string()));
        } else if let Some((_, text)) = keys.last_mut() {
            text.push_str(line);
        }
    }
    keys.retain(|(key, _)| !FORM_KEYS.contains(&key.as_str()));
    for (_, text) in &mut keys {
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    keys
}

/// A string as a YAML double-quoted scalar on one line. Control
/// characters, line breaks and tabs are refused (`Err` names the field):
/// a title is one line of plain text.
fn quoted(field: &'static str, value: &str) -> Result<String, Msg> {
    if value
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}'))
    {
        return Err(msg!("editor-control-characters", field = field));
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    Ok(out)
}

/// The page file loa writes for the fields: its own `---` block (the
/// form's fields, then the kept keys as they were), the body with LF line
/// ends. `Err` says which field cannot be written.
pub fn compose(fields: &Fields, kept: &[(String, String)]) -> Result<String, Msg> {
    let mut yaml = String::new();
    let _ = writeln!(yaml, "title: {}", quoted("title", fields.title.trim())?);
    if !fields.description.trim().is_empty() {
        let _ = writeln!(
            yaml,
            "description: {}",
            quoted("description", fields.description.trim())?
        );
    }
    if !fields.date.is_empty() {
        let date = Date::parse(&fields.date)
            .ok_or_else(|| msg!("editor-bad-date", value = fields.date.clone()))?;
        let _ = writeln!(yaml, "date: {date}");
    }
    if !fields.weight.is_empty() {
        let weight: i64 = fields
            .weight
            .trim()
            .parse()
            .map_err(|_| msg!("editor-bad-number", field = "weight"))?;
        let _ = writeln!(yaml, "weight: {weight}");
    }
    if fields.draft {
        yaml.push_str("draft: true\n");
    }
    let audience: Vec<&str> = Audience::ALL
        .iter()
        .map(|a| a.word())
        .filter(|w| fields.audience.iter().any(|a| a == w))
        .collect();
    if !audience.is_empty() {
        let _ = writeln!(yaml, "audience: [{}]", audience.join(", "));
    }
    if !fields.model.is_empty() {
        let model = ModelKind::ALL
            .iter()
            .find(|m| m.word() == fields.model)
            .ok_or_else(|| msg!("editor-bad-choice", field = "model"))?;
        let _ = writeln!(yaml, "model: {}", model.word());
    }
    if fields.districts.iter().any(|d| d == "all") {
        yaml.push_str("districts: all\n");
    } else if !fields.districts.is_empty() {
        if !fields
            .districts
            .iter()
            .all(|d| crate::read::slug::is_slug(d))
        {
            return Err(msg!("editor-bad-choice", field = "districts"));
        }
        let _ = writeln!(yaml, "districts: [{}]", fields.districts.join(", "));
    }
    if !fields.leaflet.is_empty() {
        let place: u32 = fields
            .leaflet
            .trim()
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or(msg!("editor-bad-number", field = "leaflet"))?;
        let _ = writeln!(yaml, "leaflet: {place}");
    }
    for (_, lines) in kept {
        yaml.push_str(lines);
    }
    let mut body = fields.body.replace("\r\n", "\n").replace('\r', "\n");
    if !body.is_empty() && !body.ends_with('\n') {
        body.push('\n');
    }
    Ok(format!("---\n{yaml}---\n{body}"))
}

/// What the editor opened: the page's text now, and the fields to show.
struct Opened {
    fields: Fields,
    kept: Vec<(String, String)>,
    hash: String,
    /// The file is new: a translation started from this file's text.
    from: Option<String>,
}

/// The campaign's settings: those of the loaded campaign, else read now
/// (a campaign whose pages have errors loads no model, and those errors
/// are what the editor is for).
fn config(live: &Live) -> Option<crate::read::config::Config> {
    if let Some(project) = live.project() {
        return Some(project.site.config.clone());
    }
    if let Some(inputs) = &live.inputs {
        return Some(inputs.config.clone());
    }
    crate::read::config::load(&live.root).ok()?.0
}

/// Reads a page file for the form (a new translation from the page in
/// another language, when there is one).
fn open(live: &Live, target: &EditedFile) -> Result<Opened, Msg> {
    let config = &config(live).ok_or(msg!("editor-no-campaign"))?;
    let rel = target.file.strip_prefix("content/").unwrap_or(&target.file);
    let (bytes, from) = match std::fs::read(&target.path) {
        Ok(bytes) => (bytes, None),
        Err(_) => {
            let project = live.project().ok_or(msg!("editor-no-campaign"))?;
            let other = translation_source(project, rel)
                .ok_or_else(|| msg!("editor-not-a-page", file = target.file.clone()))?;
            let bytes = std::fs::read(config.root.join(&other))
                .map_err(|_| msg!("editor-not-a-page", file = other.clone()))?;
            (bytes, Some(other))
        }
    };
    let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    let split = crate::read::content::split_front_matter(&text).ok();
    // A new file keeps no keys of the page it starts from (its `slug`,
    // its template): saving writes the form's fields only.
    let kept = match (&split, &from) {
        (Some(split), None) => kept_keys(split.yaml),
        _ => Vec::new(),
    };
    let fields = match read_text(config, rel, bytes.clone()) {
        Reread::Page(source) => Fields::of(&source),
        _ => Fields {
            body: split.map_or(text.clone(), |s| s.body.to_string()),
            ..Fields::default()
        },
    };
    Ok(Opened {
        fields,
        kept,
        hash: hash(&target.path),
        from,
    })
}

/// The file of the same page in another language, for a new translation
/// at `rel` (from `content/`).
fn translation_source(project: &Project, rel: &str) -> Option<String> {
    let probe = b"---\ntitle: x\n---\n".to_vec();
    let Reread::Page(new) = read_text(&project.site.config, rel, probe) else {
        return None;
    };
    project
        .site
        .sources
        .iter()
        .find(|s| s.scope == new.scope && s.logical == new.logical && s.lang != new.lang)
        .map(|s| s.file())
}

/// The editor page for `GET /__loa/edit?file=…&lang=…`.
pub fn page(live: &Live, raw_path: &str) -> Served<'static> {
    let query = raw_path.split_once('?').map_or("", |(_, q)| q);
    let value = |key: &str| {
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    if live.network {
        return super::not_found();
    }
    let ctx = live.action_context(&value("lang"));
    let lang = staff(&ctx.lang);
    let file = value("file");
    let opened = target(&live.root, &file).and_then(|t| Ok((open(live, &t)?, t)));
    let (status, html) = match opened {
        Ok((opened, target)) => {
            let note = opened
                .from
                .as_ref()
                .map(|from| msg!("editor-translation-from", file = from.clone()).text_in(lang));
            let view = View {
                target: &target,
                fields: &opened.fields,
                kept: &opened.kept,
                hash: &opened.hash,
                note,
                conflict: None,
            };
            (200, render(live, &ctx, &view))
        }
        Err(why) => (403, refusal(&ctx, &why.text_in(lang))),
    };
    let mut served = super::html_page(html.into_bytes());
    served.status = status;
    served
}

fn refusal(ctx: &super::actions::Context, why: &str) -> String {
    let lang = staff(&ctx.lang);
    super::actions::frame(
        ctx,
        &text("editor-heading", lang),
        &format!("<p role=\"alert\">{}</p>\n", marked(why)),
    )
}

/// What an editor page shows.
struct View<'a> {
    target: &'a EditedFile,
    fields: &'a Fields,
    kept: &'a [(String, String)],
    hash: &'a str,
    /// A line above the form (a translation's origin, "saved").
    note: Option<String>,
    /// The file as it is on disk now, when a save was refused because it
    /// changed.
    conflict: Option<String>,
}

/// The editor page: the form, the page beside it, its findings.
fn render(live: &Live, ctx: &super::actions::Context, view: &View<'_>) -> String {
    let lang = staff(&ctx.lang);
    let composed = compose(view.fields, view.kept);
    let (preview, findings) = match &composed {
        Ok(text) => preview(live, &view.target.file, text),
        Err(why) => (String::new(), vec![Finding::plain(why.text_in(lang))]),
    };
    let mut body = String::from("<link rel=\"stylesheet\" href=\"/__loa/editor.css\">\n");
    if let Some(note) = &view.note {
        let _ = writeln!(
            body,
            "<p role=\"status\" class=\"editor-note\">{}</p>",
            marked(note)
        );
    }
    let _ = writeln!(
        body,
        "<p class=\"editor-file\"><code>{}</code></p>",
        escape(&view.target.file)
    );
    if let Some(disk) = &view.conflict {
        let _ = write!(
            body,
            "<div class=\"editor-conflict\" role=\"alert\"><p>{}</p>\n<label for=\"editor-disk\">{}</label>\n<textarea id=\"editor-disk\" readonly rows=\"12\">{}</textarea></div>\n",
            marked(&text("editor-conflict", lang)),
            marked(&text("editor-conflict-disk", lang)),
            escape(disk)
        );
    }
    body.push_str(&form_html(live, ctx, view, &findings, lang));
    let _ = write!(
        body,
        "<section class=\"editor-preview\" aria-labelledby=\"editor-preview-heading\">\n<h2 id=\"editor-preview-heading\">{}</h2>\n<div class=\"editor-page\" id=\"editor-page\">{preview}</div>\n</section>\n</div>\n<script src=\"/__loa/editor.js\" defer></script>\n",
        marked(&text("editor-preview-heading", lang))
    );
    super::actions::frame(ctx, &text("editor-heading", lang), &body)
}

/// The form: the front matter's fields, the body, the findings, the
/// buttons.
fn form_html(
    live: &Live,
    ctx: &super::actions::Context,
    view: &View<'_>,
    findings: &[Finding],
    lang: Lang,
) -> String {
    let f = view.fields;
    let mut html = String::from("<div class=\"editor\">\n");
    let _ = write!(
        html,
        "<form method=\"post\" action=\"/__loa/action/edit-save\" enctype=\"multipart/form-data\" class=\"desk-form editor-form\" id=\"editor-form\">\n{}\
         <input type=\"hidden\" name=\"file\" value=\"{}\">\n<input type=\"hidden\" name=\"hash\" value=\"{}\">\n",
        super::actions::hidden_fields(&ctx.token, &ctx.lang),
        escape(&view.target.file),
        escape(view.hash)
    );
    let _ = write!(
        html,
        "<fieldset>\n<legend>{}</legend>\n",
        marked(&text("editor-about", lang))
    );
    let input = |id: &str, label: &str, kind: &str, value: &str, extra: &str| {
        format!(
            "<p><label for=\"editor-{id}\">{}</label><br>\n<input id=\"editor-{id}\" name=\"{id}\" type=\"{kind}\" value=\"{}\"{extra}></p>\n",
            marked(label),
            escape(value)
        )
    };
    html.push_str(&input(
        "title",
        &text("editor-title", lang),
        "text",
        &f.title,
        " required maxlength=\"300\"",
    ));
    html.push_str(&input(
        "description",
        &text("editor-description", lang),
        "text",
        &f.description,
        " maxlength=\"600\"",
    ));
    html.push_str(&input(
        "date",
        &text("editor-date", lang),
        "date",
        &f.date,
        "",
    ));
    html.push_str(&input(
        "weight",
        &text("editor-weight", lang),
        "number",
        &f.weight,
        " step=\"1\"",
    ));
    let _ = write!(
        html,
        "<p><input id=\"editor-draft\" name=\"draft\" type=\"checkbox\" value=\"true\"{}> <label for=\"editor-draft\">{}</label><br>\n<span class=\"desk-help\">{}</span></p>\n",
        if f.draft { " checked" } else { "" },
        marked(&text("editor-draft", lang)),
        marked(&text("editor-draft-help", lang))
    );
    html.push_str(&choices(live, ctx, f, lang));
    html.push_str(&input(
        "leaflet",
        &text("editor-leaflet", lang),
        "number",
        &f.leaflet,
        " min=\"1\" step=\"1\"",
    ));
    if !view.kept.is_empty() {
        let kept: String = view.kept.iter().map(|(_, lines)| lines.as_str()).collect();
        let _ = write!(
            html,
            "<p class=\"editor-kept\"><span id=\"editor-kept-note\">{}</span><br>\n<code aria-describedby=\"editor-kept-note\">{}</code></p>\n",
            marked(&text("editor-kept", lang)),
            escape(&kept).replace('\n', "<br>")
        );
    }
    html.push_str("</fieldset>\n");
    let _ = write!(
        html,
        "<p><label for=\"editor-body\">{}</label><br>\n<textarea id=\"editor-body\" name=\"body\" rows=\"20\" spellcheck=\"true\">{}</textarea></p>\n",
        marked(&text("editor-body", lang)),
        // A leading newline of a textarea's text is dropped by browsers.
        escape(&format!("\n{}", f.body))
    );
    html.push_str(&findings_html(findings, lang));
    let _ = write!(
        html,
        "<fieldset>\n<legend>{}</legend>\n<p><label for=\"editor-picture\">{}</label><br>\n<input id=\"editor-picture\" name=\"picture\" type=\"file\" accept=\"image/jpeg,image/png,image/webp,image/gif\"></p>\n\
         <p><label for=\"editor-alt\">{}</label><br>\n<span id=\"editor-alt-help\" class=\"desk-help\">{}</span><br>\n<input id=\"editor-alt\" name=\"alt\" type=\"text\" maxlength=\"300\" aria-describedby=\"editor-alt-help\"></p>\n\
         <p><button type=\"submit\" formaction=\"/__loa/action/edit-picture\" name=\"do\" value=\"picture\" id=\"editor-add-picture\">{}</button></p>\n</fieldset>\n",
        marked(&text("editor-picture-heading", lang)),
        marked(&text("editor-picture", lang)),
        marked(&text("editor-alt", lang)),
        marked(&text("editor-alt-help", lang)),
        marked(&text("editor-add-picture", lang)),
    );
    let _ = write!(
        html,
        "<p class=\"editor-buttons\"><button type=\"submit\" formaction=\"/__loa/action/edit-preview\" name=\"do\" value=\"preview\" id=\"editor-preview-button\">{}</button>\n<button type=\"submit\" name=\"do\" value=\"save\" id=\"editor-save\">{}</button></p>\n</form>\n",
        marked(&text("editor-preview", lang)),
        marked(&text("editor-save", lang)),
    );
    html
}

/// Audience, model and districts: their allowed values as choices.
fn choices(live: &Live, ctx: &super::actions::Context, f: &Fields, lang: Lang) -> String {
    let strings = live
        .project()
        .and_then(|p| p.renderer.strings.get(&ctx.lang).cloned());
    let label = |key: String, word: &str| {
        strings
            .as_ref()
            .map(|s| s.get(&key).to_string())
            .filter(|l| !l.is_empty() && *l != key)
            .map_or(word.to_string(), |l| format!("{l} ({word})"))
    };
    let mut html = format!(
        "<fieldset class=\"editor-choices\">\n<legend>{}</legend>\n",
        marked(&text("editor-audience", lang))
    );
    for a in Audience::ALL {
        let _ = writeln!(
            html,
            "<label><input type=\"checkbox\" name=\"audience\" value=\"{w}\"{c}> {}</label><br>",
            escape(&label(a.label_key(), a.word())),
            w = a.word(),
            c = if f.audience.iter().any(|x| x == a.word()) {
                " checked"
            } else {
                ""
            }
        );
    }
    let _ = write!(
        html,
        "</fieldset>\n<p><label for=\"editor-model\">{}</label><br>\n<select id=\"editor-model\" name=\"model\">\n<option value=\"\">{}</option>\n",
        marked(&text("editor-model", lang)),
        marked(&text("editor-none", lang))
    );
    for m in ModelKind::ALL {
        let _ = writeln!(
            html,
            "<option value=\"{w}\"{s}>{}</option>",
            escape(&label(m.label_key(), m.word())),
            w = m.word(),
            s = if f.model == m.word() { " selected" } else { "" }
        );
    }
    let _ = write!(
        html,
        "</select></p>\n<fieldset class=\"editor-choices\">\n<legend>{}</legend>\n<span class=\"desk-help\">{}</span><br>\n",
        marked(&text("editor-districts", lang)),
        marked(&text("editor-districts-help", lang))
    );
    let mut wards: Vec<(String, String)> = vec![("all".into(), text("editor-all-districts", lang))];
    if let Some(project) = live.project() {
        let config = &project.site.config;
        wards.extend(config.districts.iter().map(|d| {
            (
                d.slug.clone(),
                crate::read::values::pick(&d.name, &ctx.lang, config.default_lang()).to_string(),
            )
        }));
    }
    for slug in &f.districts {
        if !wards.iter().any(|(s, _)| s == slug) {
            wards.push((slug.clone(), slug.clone()));
        }
    }
    for (slug, name) in wards {
        let _ = writeln!(
            html,
            "<label><input type=\"checkbox\" name=\"districts\" value=\"{}\"{}> {}</label><br>",
            escape(&slug),
            if f.districts.contains(&slug) {
                " checked"
            } else {
                ""
            },
            escape(&name)
        );
    }
    html.push_str("</fieldset>\n");
    html
}

/// A finding of the page being edited, for the list under the text area.
#[derive(Debug, Clone)]
struct Finding {
    error: bool,
    line: Option<usize>,
    text: String,
}

impl Finding {
    fn plain(text: String) -> Finding {
        Finding {
            error: true,
            line: None,
            text,
        }
    }
}

fn findings_html(findings: &[Finding], lang: Lang) -> String {
    let mut html = format!(
        "<section class=\"editor-findings\" id=\"editor-findings\" aria-live=\"polite\">\n<h2>{}</h2>\n",
        marked(&text("editor-findings", lang))
    );
    if findings.is_empty() {
        let _ = writeln!(html, "<p>{}</p>", marked(&text("editor-no-findings", lang)));
    } else {
        html.push_str("<ul class=\"desk-list\">\n");
        for f in findings {
            let kind = if f.error { "error" } else { "warning" };
            let at = f.line.map_or(String::new(), |line| {
                format!(
                    "<span class=\"editor-line\">{}</span> ",
                    escape(&msg!("editor-line", line = line).text_in(lang))
                )
            });
            let _ = writeln!(
                html,
                "<li class=\"editor-finding editor-{kind}\">{at}{}</li>",
                marked(&f.text)
            );
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</section>\n");
    html
}

/// The page rendered from `text` as if it were saved at `file`, and its
/// findings (lines in the body counted from the text area's first line).
fn preview(live: &Live, file: &str, text: &str) -> (String, Vec<Finding>) {
    let Some(config) = config(live) else {
        return (String::new(), Vec::new());
    };
    let lang = crate::i18n::lang();
    let rel = file.strip_prefix("content/").unwrap_or(file);
    let source = match read_text(&config, rel, text.as_bytes().to_vec()) {
        Reread::Page(source) => source,
        Reread::Problem(found) => return (String::new(), to_findings(&found, file, 1, lang)),
        Reread::Gone => return (String::new(), Vec::new()),
    };
    let mut found = Vec::new();
    crate::model::check_front(&config, &source, &mut found);
    let html = match live.project() {
        Some(project) => {
            let (html, more) = render_page(live, project, &source);
            found.extend(more);
            // What the campaign found in the pictures beside the page
            // (too large, unreadable), as `check` says it.
            let folder = file.rsplit_once('/').map_or("", |(dir, _)| dir);
            found.extend(
                project
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        d.file.as_deref().is_some_and(|f| {
                            f.rsplit_once('/').is_some_and(|(dir, name)| {
                                dir == folder
                                    && name.rsplit_once('.').is_some_and(|(_, e)| {
                                        PICTURE_KINDS.contains(&e.to_ascii_lowercase().as_str())
                                    })
                            })
                        })
                    })
                    .cloned(),
            );
            html
        }
        // The campaign did not load: its errors in this file (as saved).
        None => {
            found.extend(live.errors.iter().cloned());
            String::new()
        }
    };
    (html, to_findings(&found, file, source.body_line, lang))
}

fn to_findings(found: &[Diagnostic], file: &str, body_line: usize, lang: Lang) -> Vec<Finding> {
    found
        .iter()
        .filter(|d| {
            d.file.as_deref().is_none_or(|f| {
                let folder = |p: &str| p.rsplit_once('/').map(|(dir, _)| dir.to_string());
                // The page itself, or a picture beside it.
                f == file || (folder(f) == folder(file) && !f.ends_with(".md"))
            })
        })
        .map(|d| {
            let mut text = d.message.text_in(lang);
            if let Some(other) = d.file.as_deref().filter(|f| *f != file) {
                text = format!("{other}: {text}");
            }
            if let Some(help) = &d.help {
                let _ = write!(text, " — {}", help.text_in(lang));
            }
            Finding {
                error: d.is_error(),
                line: d
                    .line
                    .filter(|l| *l >= body_line)
                    .map(|l| l - body_line + 1),
                text,
            }
        })
        .collect()
}

/// The page's `<main>` as the preview's engine makes it with `source` in
/// place of the file's text, and the findings of its links.
fn render_page(
    live: &Live,
    project: &Project,
    source: &Arc<PageSource>,
) -> (String, Vec<Diagnostic>) {
    let Some(id) = project
        .site
        .sources
        .iter()
        .position(|s| s.rel == source.rel)
    else {
        return (String::new(), Vec::new());
    };
    let mut site = project.site.clone();
    site.sources[id] = Arc::clone(source);
    let needed: std::collections::BTreeSet<(usize, String)> = crate::render::needed_bodies(&site)
        .into_iter()
        .filter(|(s, _)| *s == id)
        .collect();
    let fresh = crate::render::render_bodies(&site, &project.renderer, &needed);
    let mut warnings = Vec::new();
    crate::project::link_diagnostics(&site, &fresh, &mut warnings);
    // Pictures too wide or unreadable, as `check` reports them.
    crate::project::image_diagnostics(&site, &fresh, &mut warnings);
    let mut bodies = project.bodies.clone();
    bodies.extend(fresh);
    let search = crate::project::search_cache(&site);
    let tmp = Project {
        site,
        renderer: Arc::clone(&project.renderer),
        bodies,
        diagnostics: Vec::new(),
        rendered: 0,
        images: Arc::clone(&project.images),
        search,
        pages_rendered: Default::default(),
    };
    let html = produce(live, &tmp, id).unwrap_or_default();
    (html, warnings)
}

/// The `<main>` of the page of source `id` in the first district that
/// shows it (not one that replaces it with its own text).
fn produce(live: &Live, project: &Project, id: usize) -> Option<String> {
    let site = &project.site;
    let page = crate::render::source_pages(site)[id];
    let lang = &site.sources[id].lang;
    let rest = page_rest(project, page, lang);
    let mut plans: Vec<_> = live.plans.iter().collect();
    plans.sort_by(|a, b| a.0.cmp(b.0));
    plans.into_iter().find_map(|(_, (index, plan))| {
        let view = &site.districts[*index];
        let shows = view
            .entries
            .iter()
            .any(|e| e.page == page && site.variant(e, lang).is_some_and(|(s, _)| s == id));
        let job = plan
            .files
            .get(&format!("{rest}index.html"))
            .filter(|_| shows)?;
        let slug = &project.site.district(view).slug;
        match crate::output::engine::DistrictFiles::new(project, view).produce(job) {
            Ok(crate::output::engine::Produced::Bytes(bytes)) => Some(from_page(
                &main_of(&String::from_utf8_lossy(&bytes)),
                &format!("/{slug}/{rest}"),
            )),
            _ => None,
        }
    })
}

/// Addresses in a page's HTML made to work from the editor: each relative
/// `src`, `href` and `srcset` address resolved against the page's own
/// address `base` (`/ba-dinh/skills/a/`).
fn from_page(html: &str, base: &str) -> String {
    let Ok(base) = url::Url::parse("http://preview.invalid").and_then(|u| u.join(base)) else {
        return html.to_string();
    };
    let resolve = |address: &str| -> String {
        let keep = address.is_empty() || address.starts_with(['/', '#']) || address.contains(':');
        if keep {
            return address.to_string();
        }
        base.join(address).map_or(address.to_string(), |u| {
            let mut path = u.path().to_string();
            if let Some(q) = u.query() {
                path = format!("{path}?{q}");
            }
            if let Some(f) = u.fragment() {
                path = format!("{path}#{f}");
            }
            path
        })
    };
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = [" src=\"", " href=\"", " srcset=\""]
        .iter()
        .filter_map(|a| rest.find(a).map(|i| (i, a.len(), *a == " srcset=\"")))
        .min()
    {
        let (i, len, srcset) = at;
        out.push_str(&rest[..i + len]);
        rest = &rest[i + len..];
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        if srcset {
            let list: Vec<String> = value
                .split(',')
                .map(|item| {
                    let item = item.trim();
                    let (address, size) = item.split_once(' ').unwrap_or((item, ""));
                    format!("{} {size}", resolve(address))
                        .trim_end()
                        .to_string()
                })
                .collect();
            out.push_str(&list.join(", "));
        } else {
            out.push_str(&resolve(value));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// What a page's `<main>` holds.
fn main_of(html: &str) -> String {
    let Some(start) = html.find("<main") else {
        return String::new();
    };
    let Some(open_end) = html[start..].find('>') else {
        return String::new();
    };
    let from = start + open_end + 1;
    let to = html
        .rfind("</main>")
        .filter(|&to| to >= from)
        .unwrap_or(from);
    html[from..to].to_string()
}

/// The editor's actions (past the guard): `edit-preview` shows the form
/// again with the page rendered from it; `edit-save` writes the file.
/// What was saved or refused is told to `reporter`.
pub fn act(name: &str, form: &Form, shared: &Shared, reporter: &dyn Reporter) -> (u16, String) {
    let live = shared.live.read().expect("live lock");
    let ctx = live.action_context(form.get("ui"));
    let lang = staff(&ctx.lang);
    let target = match target(&live.root, form.get("file")) {
        Ok(target) => target,
        Err(why) => {
            reporter.note(msg!("editor-terminal-refused", file = form.get("file")));
            return (403, refusal(&ctx, &why.text_in(lang)));
        }
    };
    let fields = Fields::from_form(form);
    let kept = kept_now(&target);
    if name == "edit-preview" {
        let view = View {
            target: &target,
            fields: &fields,
            kept: &kept,
            hash: form.get("hash"),
            note: None,
            conflict: None,
        };
        return (200, render(&live, &ctx, &view));
    }
    let state = live.actions();
    let Some(_running) = state.try_start() else {
        return (503, refusal(&ctx, &text("editor-busy", lang)));
    };
    if name == "edit-picture" {
        drop(live);
        return picture(shared, &ctx, &target, form, reporter);
    }
    let now = hash(&target.path);
    if now != form.get("hash") {
        reporter.note(msg!("editor-terminal-conflict", file = target.file.clone()));
        let disk = std::fs::read(&target.path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let view = View {
            target: &target,
            fields: &fields,
            kept: &kept,
            hash: &now,
            note: None,
            conflict: Some(disk),
        };
        return (409, render(&live, &ctx, &view));
    }
    let saved = compose(&fields, &kept).and_then(|text| {
        check_before_saving(&live, &target, &text)?;
        save(&live.root, &target, &text)
            .map_err(|e| msg!("editor-not-saved", reason = e.to_string()))
    });
    drop(live);
    match saved {
        Ok(()) => {
            reporter.note(msg!("editor-terminal-saved", file = target.file.clone()));
            state.record("edit", target.file.clone(), true);
            // Everything again: the page may show a picture the preview's
            // plan does not list yet.
            let _ = shared
                .live
                .write()
                .expect("live lock")
                .apply(&super::watch::Change::Everything);
            shared.broadcast("reload");
            let live = shared.live.read().expect("live lock");
            let note = Some(msg!("editor-saved", file = target.file.clone()).text_in(lang));
            let hash = hash(&target.path);
            let view = View {
                target: &target,
                fields: &fields,
                kept: &kept,
                hash: &hash,
                note,
                conflict: None,
            };
            (200, render(&live, &ctx, &view))
        }
        Err(why) => {
            let live = shared.live.read().expect("live lock");
            let view = View {
                target: &target,
                fields: &fields,
                kept: &kept,
                hash: &now,
                note: Some(why.text_in(lang)),
                conflict: None,
            };
            (422, render(&live, &ctx, &view))
        }
    }
}

/// Copies the chosen picture into the page's folder under a safe name
/// (no accents, no spaces, never over another file) and adds its Markdown,
/// with the alt text, to the end of the text in the form. The page itself
/// is saved only with Save.
fn picture(
    shared: &Shared,
    ctx: &super::actions::Context,
    target: &EditedFile,
    form: &Form,
    reporter: &dyn Reporter,
) -> (u16, String) {
    let lang = staff(&ctx.lang);
    let mut fields = Fields::from_form(form);
    let kept = kept_now(target);
    let added = form
        .files
        .iter()
        .find(|p| p.name == "picture" && !p.bytes.is_empty())
        .ok_or(msg!("editor-no-picture"))
        .and_then(|part| {
            let name = picture_name(
                target.path.parent().expect("a file in a folder"),
                part.filename.as_deref().unwrap_or_default(),
            )?;
            let path = target.path.with_file_name(&name);
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .and_then(|mut f| f.write_all(&part.bytes))
                .map_err(|e| msg!("editor-not-saved", reason = e.to_string()))?;
            Ok(name)
        });
    let note = match &added {
        Ok(name) => {
            reporter.note(msg!(
                "editor-terminal-picture",
                name = name.clone(),
                file = target.file.clone()
            ));
            let alt = form.get("alt").replace(['[', ']'], " ");
            let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
            if !fields.body.is_empty() && !fields.body.ends_with("\n\n") {
                fields.body.push_str(if fields.body.ends_with('\n') {
                    "\n"
                } else {
                    "\n\n"
                });
            }
            let _ = writeln!(fields.body, "![{alt}]({name})");
            // The campaign reads its pictures again, so the page shows it.
            let _ = shared
                .live
                .write()
                .expect("live lock")
                .apply(&super::watch::Change::Everything);
            msg!("editor-picture-added", file = name.clone()).text_in(lang)
        }
        Err(why) => why.text_in(lang),
    };
    let live = shared.live.read().expect("live lock");
    let view = View {
        target,
        fields: &fields,
        kept: &kept,
        hash: form.get("hash"),
        note: Some(note),
        conflict: None,
    };
    let status = if added.is_ok() { 200 } else { 422 };
    (status, render(&live, ctx, &view))
}

/// A safe name in `dir` for a picture called `original` on her computer:
/// its name without accents or spaces (`Ảnh tập huấn.JPG` ->
/// `anh-tap-huan.jpg`), numbered when taken (`anh-tap-huan-2.jpg`).
pub fn picture_name(dir: &Path, original: &str) -> Result<String, Msg> {
    let base = original.rsplit(['/', '\\']).next().unwrap_or_default();
    let (stem, ext) = base.rsplit_once('.').unwrap_or((base, ""));
    let ext = ext.to_ascii_lowercase();
    if !PICTURE_KINDS.contains(&ext.as_str()) {
        return Err(msg!("editor-picture-kind", file = base.to_string()));
    }
    let mut stem = crate::read::slug::slugify(stem);
    if stem.is_empty() {
        stem = "anh".into();
    }
    (1..1000)
        .map(|n| match n {
            1 => format!("{stem}.{ext}"),
            n => format!("{stem}-{n}.{ext}"),
        })
        .find(|name| std::fs::symlink_metadata(dir.join(name)).is_err())
        .ok_or(msg!("editor-picture-kind", file = base.to_string()))
}

/// The kept keys of the file as it is on disk (none for a new file).
fn kept_now(target: &EditedFile) -> Vec<(String, String)> {
    let text = std::fs::read(&target.path)
        .map(|b| String::from_utf8_lossy(&b).replace("\r\n", "\n"))
        .unwrap_or_default();
    crate::read::content::split_front_matter(&text)
        .map(|s| kept_keys(s.yaml))
        .unwrap_or_default()
}

/// Refuses a text loa could not read back as a page.
fn check_before_saving(live: &Live, target: &EditedFile, text: &str) -> Result<(), Msg> {
    let config = config(live).ok_or(msg!("editor-no-campaign"))?;
    let rel = target.file.strip_prefix("content/").unwrap_or(&target.file);
    match read_text(&config, rel, text.as_bytes().to_vec()) {
        Reread::Page(_) => Ok(()),
        Reread::Problem(found) => Err(msg!(
            "editor-not-saved",
            reason = found.first().map(|d| d.message.text()).unwrap_or_default()
        )),
        Reread::Gone => Err(msg!("editor-not-a-page", file = target.file.clone())),
    }
}

/// Writes `text` to the target atomically (a file beside it, then renamed
/// over it), after keeping the file's previous version in
/// `.loa-history/` (at most [`HISTORY`] per file).
pub fn save(root: &Path, target: &EditedFile, text: &str) -> std::io::Result<()> {
    if let Ok(old) = std::fs::read(&target.path) {
        keep_history(root, &target.file, &old)?;
    }
    let dir = target.path.parent().expect("a file in a folder");
    let name = target
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let temp = dir.join(format!(".{name}.{}.{stamp}.loa-save", std::process::id()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temp, &target.path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Keeps `old` as `.loa-history/<file>/<time>.md`, dropping the oldest
/// beyond [`HISTORY`]. The history folder must be a real folder.
fn keep_history(root: &Path, file: &str, old: &[u8]) -> std::io::Result<()> {
    let base = root.join(".loa-history");
    let dir = base.join(file);
    std::fs::create_dir_all(&dir)?;
    if dir.canonicalize()? != dir {
        return Err(std::io::Error::other(".loa-history is a link"));
    }
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let name = format!("{:012}-{:09}.md", stamp.as_secs(), stamp.subsec_nanos());
    std::fs::write(dir.join(name), old)?;
    let mut versions: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    versions.sort();
    let extra = versions.len().saturating_sub(HISTORY);
    for old in &versions[..extra] {
        std::fs::remove_file(old)?;
    }
    Ok(())
}

/// A preview page with the editor's link ("Sửa trang này") at the top of
/// its `<main>`, when it is the page of a file and the preview offers its
/// private pages (on a loopback address).
pub fn with_edit_link(live: &Live, path: &str, html: Vec<u8>) -> Vec<u8> {
    let Some(project) = live.project().filter(|_| !live.network) else {
        return html;
    };
    let Some((file, lang)) = file_at(live, project, path) else {
        return html;
    };
    let Some(main) = html.windows(5).position(|w| w == b"<main") else {
        return html;
    };
    let Some(end) = html[main..].iter().position(|&b| b == b'>') else {
        return html;
    };
    let at = main + end + 1;
    let tag = format!(
        "\n<p class=\"loa-edit\"><a href=\"{}\">{}</a></p>\n",
        escape(&link(&file, &lang)),
        marked(&text("editor-heading", staff(&lang)))
    );
    [&html[..at], tag.as_bytes(), &html[at..]].concat()
}

/// The page file shown at a preview address (`/ba-dinh/en/skills/a/`),
/// with its language: a ward's own text where it replaces the shared one.
fn file_at(live: &Live, project: &Project, path: &str) -> Option<(String, String)> {
    let site = &project.site;
    let (slug, rest) = path.trim_start_matches('/').split_once('/')?;
    let (index, _) = live.plans.get(slug)?;
    let view = &site.districts[*index];
    for entry in &view.entries {
        for lang in &site.config.languages {
            if page_rest(project, entry.page, lang) != rest {
                continue;
            }
            if let Some((id, _)) = site.variant(entry, lang) {
                let source = &site.sources[id];
                return (source.lang == *lang).then(|| (source.file(), lang.clone()));
            }
        }
    }
    None
}

/// A page's address inside its district in `lang` (`en/skills/a/`).
fn page_rest(project: &Project, page: usize, lang: &str) -> String {
    let site = &project.site;
    format!(
        "{}{}",
        site.config.lang_prefix(lang),
        crate::model::urls::page_href(&site.pages[page].path, false)
    )
}

/// A desk's link to the editor for `file`, when it is a page file
/// (`content/…md`); `label` is `editor-heading` or `editor-edit`, said
/// with the name of the page's `language` when it is not empty.
pub fn desk_link(file: &str, lang: &str, label: &str, language: &str) -> String {
    let opens = file.starts_with("content/")
        && file.ends_with(".md")
        && crate::read::names::is_safe_relative(file);
    if !opens {
        return String::new();
    }
    let words = if label == "editor-edit" {
        text("editor-edit", staff(lang))
    } else {
        text("editor-heading", staff(lang))
    };
    let words = if language.is_empty() {
        words
    } else {
        format!("{words} ({language})")
    };
    format!(
        "<br><a class=\"desk-edit\" href=\"{}\">{}</a>",
        escape(&link(file, lang)),
        escape(&words)
    )
}

/// The link to the editor for a page file (`content/…md`).
pub fn link(file: &str, lang: &str) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("file", file)
        .append_pair("lang", lang)
        .finish();
    format!("{PATH}?{query}")
}

#[cfg(test)]
mod tests;
