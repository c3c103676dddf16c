//! The live preview behind `loa serve`: the campaign kept in memory, pages
//! rendered when they are requested (and cached until the next edit), and
//! rebuilds after an edit that re-read only the changed files and re-render
//! only their bodies. A failed rebuild keeps the last good pages and
//! records the errors for the browser overlay. Its own pages, never built:
//! the editor's desk at `/` and the call sheets at `/__loa/calls/<slug>/`.

pub(crate) mod actions;
pub(crate) mod calls;
mod connection;
pub(crate) mod desk;
pub(crate) mod editor;
pub(crate) mod guard;
pub(crate) mod host;
pub(crate) mod http;
pub(crate) mod multipart;
pub(crate) mod request;
pub(crate) mod watch;
pub(crate) mod words;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::codes::Code;
use crate::error::{Diagnostic, Error, Result, tidy};
use crate::model::{self, DistrictView};
use crate::output::engine::{self, Job, Plan, Produced};
use crate::project::{self, Inputs, LoadOptions, Project};
use crate::read::content::{PageSource, Reread, reread};
use crate::render;
use crate::serve::watch::Change;

/// What a rebuild did, for the terminal.
#[derive(Debug, Clone, Default)]
pub struct Rebuild {
    /// Files read again.
    pub reparsed: Vec<String>,
    /// Page bodies rendered again.
    pub bodies: usize,
    /// Whether everything was reloaded.
    pub full: bool,
    /// How long it took.
    pub elapsed: Duration,
    /// Warnings about the changed files.
    pub warnings: Vec<Diagnostic>,
    /// Errors (the last good pages are still served).
    pub errors: Vec<Diagnostic>,
}

/// A response, independent of the HTTP library.
#[derive(Debug)]
pub struct Served<'a> {
    /// HTTP status.
    pub status: u16,
    /// Content type.
    pub content_type: Cow<'static, str>,
    /// The body.
    pub body: Cow<'a, [u8]>,
    /// A redirect target, for 301.
    pub location: Option<String>,
}

/// The campaign as `serve` keeps it.
pub struct Live {
    root: PathBuf,
    options: LoadOptions,
    inputs: Option<Inputs>,
    project: Option<Project>,
    plans: HashMap<String, (usize, Plan)>,
    /// The city's own files (portal, city feeds, theme files), by path.
    city: BTreeMap<String, engine::CityJob>,
    /// The current errors; empty when the last rebuild succeeded.
    pub errors: Vec<Diagnostic>,
    /// Raised by every successful rebuild.
    pub generation: u64,
    cache: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// The campaign folders (`content`, `themes`) seen so far.
    seen: BTreeSet<&'static str>,
    /// Set once the first load is done: from then on every failure is shown
    /// in the browser instead of stopping the server.
    started: bool,
    /// The desk's tables for a generation, worked out on first request.
    desk: Mutex<Option<(u64, Arc<desk::Findings>)>>,
    /// The editor command (`LOA_EDITOR`, else `EDITOR`), when set.
    editor: Option<String>,
    /// A secret of this run that "open in editor" links must carry, so no
    /// other web page can make the preview run the editor.
    pub token: String,
    /// Whether the preview listens on a network address, where it has no
    /// editor links, opens no file and shows no call sheet.
    network: bool,
    /// The desk's actions: whether one is running, and those done.
    actions: Arc<actions::State>,
    /// Started in a folder without a campaign: the desk offers to make one
    /// (in a new folder inside `root`).
    setup: bool,
}

/// Whether a preview listening on `bind` may offer what only the person at
/// the computer may have: editor links (and opening files), the secret
/// token, the call sheets. Only on a loopback address (`127.0.0.1`, `::1`):
/// on any other, everyone on the network can reach the preview.
pub fn private_allowed(bind: std::net::IpAddr) -> bool {
    bind.to_canonical().is_loopback()
}

impl Live {
    /// Loads the campaign (drafts included). Content errors do not stop the
    /// server: they are kept in `errors` until fixed.
    pub fn start(root: &Path, mut options: LoadOptions) -> Result<(Live, Rebuild)> {
        options.drafts = true;
        let mut live = Live {
            root: root.to_path_buf(),
            options,
            inputs: None,
            project: None,
            plans: HashMap::new(),
            city: BTreeMap::new(),
            errors: Vec::new(),
            generation: 0,
            cache: Mutex::new(HashMap::new()),
            seen: BTreeSet::new(),
            started: false,
            desk: Mutex::new(None),
            editor: ["LOA_EDITOR", "EDITOR"]
                .iter()
                .find_map(|v| std::env::var(v).ok())
                .filter(|c| !c.trim().is_empty()),
            token: secret(),
            network: false,
            actions: Arc::default(),
            setup: false,
        };
        let report = live.apply(&Change::Everything)?;
        live.started = true;
        Ok((live, report))
    }

    /// A preview in a folder without a campaign: its desk offers to make
    /// one in a new folder inside `base`, then serves it ([`Live::replace`]).
    pub fn setup(base: &Path) -> Live {
        Live {
            root: base.to_path_buf(),
            options: LoadOptions::default(),
            inputs: None,
            project: None,
            plans: HashMap::new(),
            city: BTreeMap::new(),
            errors: Vec::new(),
            generation: 0,
            cache: Mutex::new(HashMap::new()),
            seen: BTreeSet::new(),
            started: true,
            desk: Mutex::new(None),
            editor: None,
            token: secret(),
            network: false,
            actions: Arc::default(),
            setup: true,
        }
    }

    /// Serves `fresh` from now on, keeping this run's token, its list of
    /// actions and where it listens (the open desk's forms stay good).
    pub fn replace(&mut self, mut fresh: Live) {
        fresh.token = std::mem::take(&mut self.token);
        fresh.actions = Arc::clone(&self.actions);
        fresh.network = self.network;
        *self = fresh;
    }

    /// The campaign folder (in setup, the folder a campaign is made in).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether the preview waits for a campaign to be made.
    pub fn in_setup(&self) -> bool {
        self.setup
    }

    /// The desk's actions: whether one is running, and those done.
    pub fn actions(&self) -> Arc<actions::State> {
        Arc::clone(&self.actions)
    }

    /// What an action's answer needs, in the staff language `ui` when the
    /// campaign has it (else its first language; Vietnamese in setup).
    pub fn action_context(&self, ui: &str) -> actions::Context {
        let languages: Vec<String> = match &self.project {
            Some(project) => project.site.config.languages.clone(),
            None => vec!["vi".into(), "en".into()],
        };
        let lang = languages
            .iter()
            .find(|l| *l == ui)
            .unwrap_or_else(|| desk_default(&languages))
            .clone();
        actions::Context {
            root: self.root.clone(),
            setup: self.setup && self.project.is_none(),
            token: self.token.clone(),
            lang,
            css: self
                .project
                .as_ref()
                .and_then(|p| p.renderer.theme_files.get("loa.css").cloned()),
            icon: self
                .project
                .as_ref()
                .and_then(|p| p.renderer.theme_files.get("favicon.svg").cloned()),
            districts: self.options.districts.clone(),
        }
    }

    /// A page file's address in the preview (`content/skills/a.md` ->
    /// `/ba-dinh/skills/a/`).
    pub fn page_address(&self, file: &str) -> Option<String> {
        let project = self.project.as_ref()?;
        desk::page_addresses(project).remove(file)
    }

    /// Says where the preview listens: on a network address (see
    /// [`private_allowed`]) it has no editor links, opens no file and
    /// shows no call sheet.
    pub fn listen_on(&mut self, bind: std::net::IpAddr) {
        self.network = !private_allowed(bind);
    }

    /// Whether the private pages and actions are offered.
    pub fn private(&self) -> bool {
        !self.network
    }

    /// The loaded project, when one has loaded.
    pub fn project(&self) -> Option<&Project> {
        self.project.as_ref()
    }

    /// The district slugs being served.
    pub fn districts(&self) -> Vec<String> {
        let Some(project) = &self.project else {
            return Vec::new();
        };
        project
            .site
            .districts
            .iter()
            .map(|v| project.site.district(v).slug.clone())
            .collect()
    }

    /// Applies an edit. Problems are in the returned report (and in
    /// `self.errors`); only a failure of the first load is an error.
    pub fn apply(&mut self, change: &Change) -> Result<Rebuild> {
        let start = Instant::now();
        let outcome = match change {
            Change::Nothing => return Ok(Rebuild::default()),
            // After a failed rebuild, recompute everything so errors in
            // files not touched now are still seen.
            Change::Pages(rels) if self.errors.is_empty() && self.project.is_some() => {
                self.pages(rels)
            }
            _ => self.everything(),
        };
        let mut report = match outcome {
            Ok(report) => {
                self.errors.clear();
                self.generation += 1;
                self.cache.lock().expect("cache lock").clear();
                report
            }
            Err(Error::Content(errors)) => {
                self.errors = errors.iter().filter(|d| d.is_error()).cloned().collect();
                Rebuild {
                    errors: self.errors.clone(),
                    ..Rebuild::default()
                }
            }
            Err(other) if self.started => {
                self.errors = vec![Diagnostic::error(
                    Code::ServeUnreadable,
                    crate::msg!("serve-unreadable", reason = other.to_string()),
                )];
                Rebuild {
                    errors: self.errors.clone(),
                    ..Rebuild::default()
                }
            }
            Err(other) => return Err(other),
        };
        report.elapsed = start.elapsed();
        Ok(report)
    }

    fn everything(&mut self) -> Result<Rebuild> {
        self.check_folders()?;
        let inputs = project::read(&self.root, &self.options)?;
        let project = project::assemble(&inputs, &self.options, self.project.as_ref())?;
        self.try_templates(&project)?;
        let report = Rebuild {
            reparsed: vec!["everything".into()],
            bodies: project.rendered,
            full: true,
            warnings: project.diagnostics.clone(),
            ..Rebuild::default()
        };
        self.install(inputs, project)?;
        Ok(report)
    }

    /// A folder that was there and is gone (moved, renamed or deleted while
    /// serving) is an error for the overlay, not a reason to stop: the last
    /// good pages stay, and the preview carries on when it is back.
    fn check_folders(&mut self) -> Result<()> {
        let mut missing = Vec::new();
        for dir in ["content", "themes"] {
            if self.root.join(dir).is_dir() {
                self.seen.insert(dir);
            } else if self.seen.contains(dir) {
                missing.push(
                    Diagnostic::error(
                        Code::ServeFolderMissing,
                        crate::msg!("serve-folder-missing", folder = dir),
                    )
                    .in_file(dir)
                    .help(if dir == "themes" {
                        crate::msg!("serve-themes-missing-help")
                    } else {
                        crate::msg!("serve-content-missing-help")
                    }),
                );
            }
        }
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Error::Content(missing))
        }
    }

    /// Renders one page of each kind, so a template that fails only when
    /// rendering is caught now, while the last good pages are kept.
    fn try_templates(&self, project: &Project) -> Result<()> {
        let site = &project.site;
        let Some(view) = site.districts.first() else {
            return Ok(());
        };
        let district = engine::DistrictFiles::new(project, view);
        let languages = site.config.languages.len();
        let mut tried = BTreeSet::new();
        let mut errors = Vec::new();
        for (i, entry) in view.entries.iter().enumerate() {
            let page = &site.pages[entry.page];
            let template = site
                .variant(entry, site.config.default_lang())
                .and_then(|(s, _)| {
                    site.sources[s]
                        .front
                        .template
                        .as_ref()
                        .map(|t| t.value.clone())
                })
                .unwrap_or_else(|| format!("{:?}", page.role()));
            if tried.insert(template) {
                for lang in 0..languages {
                    if let Err(d) = district.produce(&Job::Page { entry: i, lang }) {
                        errors.push(d);
                    }
                }
            }
        }
        if let Err(d) = engine::city_files(project) {
            errors.push(d);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            tidy(&mut errors);
            Err(Error::Content(errors))
        }
    }

    /// Keeps a good load, with each district's plan. Two files for one
    /// path (`output/same-path`) fail the rebuild, as they fail a build.
    fn install(&mut self, inputs: Inputs, project: Project) -> Result<()> {
        let mut plans = HashMap::new();
        let mut problems = Vec::new();
        for (i, view) in project.site.districts.iter().enumerate() {
            let mut plan = engine::DistrictFiles::new(&project, view).plan();
            problems.append(&mut plan.problems);
            plans.insert(project.site.district(view).slug.clone(), (i, plan));
        }
        if !problems.is_empty() {
            problems.extend(project.diagnostics.iter().cloned());
            tidy(&mut problems);
            return Err(Error::Content(problems));
        }
        self.plans = plans;
        self.city = engine::city_plan(&project);
        self.inputs = Some(inputs);
        self.project = Some(project);
        Ok(())
    }

    /// Only Markdown files changed: read them again; when the pages keep
    /// their place (same file, language, address), swap the sources in and
    /// re-render just their bodies; otherwise rebuild the model, reusing
    /// every unchanged body.
    fn pages(&mut self, rels: &BTreeSet<String>) -> Result<Rebuild> {
        let (Some(inputs), Some(_)) = (&self.inputs, &self.project) else {
            return self.everything();
        };
        let changes = reread_pages(inputs, rels)?;
        let reparsed: Vec<String> = rels.iter().map(|r| format!("content/{r}")).collect();
        let mut inputs = inputs.clone();
        for (i, source) in &changes.replaced {
            inputs.sources.pages[*i] = Arc::clone(source);
        }
        inputs
            .sources
            .pages
            .retain(|p| !changes.removed.contains(&p.rel));
        inputs.sources.pages.extend(changes.added);
        inputs.sources.pages.sort_by(|a, b| a.rel.cmp(&b.rel));

        if changes.structural {
            let project = project::assemble(&inputs, &self.options, self.project.as_ref())?;
            let report = Rebuild {
                reparsed,
                bodies: project.rendered,
                warnings: project.diagnostics.clone(),
                ..Rebuild::default()
            };
            self.install(inputs, project)?;
            return Ok(report);
        }
        let project = self.project.as_mut().expect("checked above");
        let (bodies, warnings) = swap_sources(project, &changes.replaced)?;
        self.inputs = Some(inputs);
        Ok(Rebuild {
            reparsed,
            bodies,
            warnings,
            ..Rebuild::default()
        })
    }

    /// What to answer for a request path. Only files of the plan are ever
    /// served: a path is a key, never a file-system path.
    pub fn get(&self, raw_path: &str) -> Served<'_> {
        let Some(path) = clean_path(raw_path) else {
            return not_found();
        };
        if self.setup && self.project.is_none() {
            if !path.is_empty() || self.network {
                return not_found();
            }
            let lang = raw_path
                .split_once('?')
                .and_then(|(_, q)| q.split('&').find_map(|kv| kv.strip_prefix("lang=")))
                .unwrap_or("vi");
            let ctx = self.action_context(lang);
            return html_page(actions::setup_page(&ctx).into_bytes());
        }
        let Some(project) = &self.project else {
            let mut page = html_page(waiting_page().into_bytes());
            page.status = 503;
            return page;
        };
        if path.is_empty() {
            return self.desk_page(raw_path);
        }
        if let Some(rest) = path.strip_prefix("__loa/calls/") {
            if self.network {
                return not_found();
            }
            return self.call_sheet(raw_path, rest.trim_end_matches('/'));
        }
        if let Some(&job) = self.city.get(&path) {
            return match engine::produce_city(project, job) {
                Ok(content) => served(project, &path, content),
                Err(d) => error_page(&d),
            };
        }
        let (first, rest) = path.split_once('/').unwrap_or((&path, ""));
        let Some((index, plan)) = self.plans.get(first) else {
            return not_found();
        };
        if !path.contains('/') {
            return moved(format!("/{first}/"));
        }
        let file = if rest.is_empty() || rest.ends_with('/') {
            format!("{rest}index.html")
        } else {
            rest.to_string()
        };
        let Some(job) = plan.files.get(&file) else {
            // `/ba-dinh/skills/goi-111` means the page, as on static hosts.
            if plan.files.contains_key(&format!("{file}/index.html")) {
                return moved(format!("/{first}/{file}/"));
            }
            return not_found();
        };
        let view = &project.site.districts[*index];
        let key = format!("{first}/{file}");
        if let Some(cached) = self.cache.lock().expect("cache lock").get(&key) {
            return html_page(cached.to_vec());
        }
        match self.produce(project, view, job) {
            Ok(Produced::Bytes(bytes)) if file.ends_with(".html") => {
                let page = with_reload(bytes.into_owned());
                self.cache
                    .lock()
                    .expect("cache lock")
                    .insert(key, Arc::new(page.clone()));
                html_page(page)
            }
            Ok(content) => served(project, &file, content),
            Err(d) => error_page(&d),
        }
    }

    /// The editor's desk, in the language asked for (`/?lang=en`).
    fn desk_page(&self, raw_path: &str) -> Served<'_> {
        let Some(project) = &self.project else {
            let mut page = html_page(waiting_page().into_bytes());
            page.status = 503;
            return page;
        };
        let findings = self.desk_findings(project);
        let page = self.desk_context(project, raw_path);
        html_page(desk::render(&page, &findings).into_bytes())
    }

    /// The call sheet of a district (`/__loa/calls/<slug>/?lang=en`).
    fn call_sheet(&self, raw_path: &str, slug: &str) -> Served<'_> {
        let Some(project) = &self.project else {
            let mut page = html_page(waiting_page().into_bytes());
            page.status = 503;
            return page;
        };
        let findings = self.desk_findings(project);
        let today = crate::read::values::Date::today().unwrap_or_else(|today| today);
        let Some(calls) = calls::calls(project, &findings, slug, today) else {
            return not_found();
        };
        let page = self.desk_context(project, raw_path);
        let name = page
            .districts
            .iter()
            .find(|(s, _)| s == slug)
            .map_or(slug, |(_, name)| name.as_str());
        html_page(calls::render(&page, slug, name, &calls).into_bytes())
    }

    /// The desk's tables, worked out once per rebuild.
    fn desk_findings(&self, project: &Project) -> Arc<desk::Findings> {
        let mut cache = self.desk.lock().expect("desk lock");
        match cache.as_ref() {
            Some((generation, found)) if *generation == self.generation => Arc::clone(found),
            _ => {
                let found = Arc::new(desk::findings(project, &self.options.districts));
                *cache = Some((self.generation, Arc::clone(&found)));
                found
            }
        }
    }

    /// What every page of the desk needs, in the language asked for (else
    /// the staff language, when the campaign has it; else its first).
    fn desk_context<'a>(&'a self, project: &'a Project, raw_path: &str) -> desk::Page<'a> {
        let config = &project.site.config;
        let asked = raw_path
            .split_once('?')
            .and_then(|(_, query)| query.split('&').find_map(|kv| kv.strip_prefix("lang=")));
        let lang = asked
            .and_then(|l| config.languages.iter().find(|c| *c == l))
            .unwrap_or_else(|| desk_default(&config.languages));
        let strings = &project.renderer.strings;
        desk::Page {
            lang,
            t: &strings[lang],
            languages: config
                .languages
                .iter()
                .map(|l| (l.as_str(), strings[l].get("language_name")))
                .collect(),
            districts: project
                .site
                .districts
                .iter()
                .map(|v| {
                    let d = project.site.district(v);
                    (
                        d.slug.clone(),
                        crate::read::values::pick(&d.name, lang, &config.languages[0]).to_string(),
                    )
                })
                .collect(),
            printed: self
                .plans
                .iter()
                .map(|(slug, (_, plan))| {
                    let files = plan
                        .files
                        .iter()
                        .filter(|(_, job)| matches!(job, Job::Poster(_) | Job::Leaflet(_)))
                        .map(|(path, _)| path.clone())
                        .collect();
                    (slug.clone(), files)
                })
                .collect(),
            errors: &self.errors,
            editor_token: self
                .editor
                .as_ref()
                .filter(|_| !self.network)
                .map(|_| self.token.as_str()),
            private: !self.network,
            theme_files: &project.renderer.theme_files,
            work: (!self.network).then(|| actions::Work {
                token: self.token.clone(),
                log: self.actions.log(),
                originals: actions::originals(project),
                wards: actions::wards(project, lang),
            }),
        }
    }

    /// Opens a campaign file at a line in the editor, for a desk link that
    /// carries this run's token. Only the campaign's text sources are
    /// opened (`desk::editable`), each a file in its own place (no link
    /// on the way), and never on a network address.
    pub fn open(&self, query: &str) -> std::result::Result<(), crate::i18n::Msg> {
        if self.network {
            return Err(crate::i18n::Msg::new("open-network"));
        }
        let value = |key: &str| {
            query.split('&').find_map(|kv| {
                let (k, v) = kv.split_once('=')?;
                (k == key).then(|| {
                    percent_encoding::percent_decode_str(v)
                        .decode_utf8_lossy()
                        .into_owned()
                })
            })
        };
        if value("token").as_deref() != Some(self.token.as_str()) {
            return Err(crate::i18n::Msg::new("open-token"));
        }
        let Some(command) = &self.editor else {
            return Err(crate::i18n::Msg::new("open-no-editor"));
        };
        let file = value("file").unwrap_or_default();
        let line: usize = value("line").and_then(|l| l.parse().ok()).unwrap_or(1);
        if !desk::editable(&file) || !in_place(&self.root, &file) {
            return Err(crate::i18n::Msg::new("open-not-source"));
        }
        desk::open_in_editor(command, &self.root, &file, line)
            .map_err(|_| crate::i18n::Msg::new("open-failed"))
    }

    fn produce<'a>(
        &'a self,
        project: &'a Project,
        view: &'a DistrictView,
        job: &Job,
    ) -> std::result::Result<Produced<'a>, Diagnostic> {
        engine::DistrictFiles::new(project, view).produce(job)
    }
}

/// Whether `root/rel` is a regular file reached without any link: not a
/// link itself, and no folder on the way is one (`root` is canonical).
fn in_place(root: &Path, rel: &str) -> bool {
    let path = root.join(rel);
    let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
    regular && path.canonicalize().is_ok_and(|real| real == path)
}

/// A secret for this run: 16 bytes from the system's random source (a
/// hash of the time and process as a last resort).
fn secret() -> String {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    let random = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if random.is_err() {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default()
                .as_nanos(),
        );
        bytes[..8].copy_from_slice(&hasher.finish().to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a content file the last good model lists, with the build's check
/// made again now: since it was listed it may have become a link leading
/// out of the campaign (the rebuild that noticed failed, so the model still
/// lists it).
fn read_asset(from: &Path, content: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut file = crate::read::source::open_inside(from, content).ok()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Same file, language and address: the model does not change.
fn same_place(old: &PageSource, new: &PageSource) -> bool {
    old.scope == new.scope
        && old.logical == new.logical
        && old.lang == new.lang
        && old.front.slug == new.front.slug
        && old.front.draft == new.front.draft
}

/// The request path without its leading `/`, query or fragment, decoded;
/// `None` for anything that could climb out (`..`, backslashes, NUL,
/// encoded or not) or is not a path.
pub fn clean_path(raw: &str) -> Option<String> {
    let raw = raw.split(['?', '#']).next().unwrap_or_default();
    let rest = raw.strip_prefix('/')?;
    // A `%` must start an escape: anything else is refused, not guessed at.
    let bytes = rest.as_bytes();
    let well_formed = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    let path = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?
        .into_owned();
    if path.contains(['\\', '\0']) || path.starts_with('/') || path.contains("//") {
        return None;
    }
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return None;
    }
    Some(path)
}

pub use crate::output::hosting::content_type;

/// Adds the live-reload script to a page (only `serve` does this).
fn with_reload(html: Vec<u8>) -> Vec<u8> {
    const TAG: &[u8] = b"<script src=\"/__loa/reload.js\" defer></script>\n";
    match html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</head>"))
    {
        Some(at) => [&html[..at], TAG, &html[at..]].concat(),
        None => [html.as_slice(), TAG].concat(),
    }
}

/// Pages read again after an edit.
struct Changes {
    /// Pages already known (their index in the inputs), read anew.
    replaced: Vec<(usize, Arc<PageSource>)>,
    /// New pages.
    added: Vec<Arc<PageSource>>,
    /// Pages whose file is gone (by `rel`).
    removed: Vec<String>,
    /// Whether a page appeared, went, or changed its place (file,
    /// language, address), so the model must be built again.
    structural: bool,
}

/// Reads the changed Markdown files `rels` again; an error in any of
/// them keeps the last good version of every page.
fn reread_pages(inputs: &project::Inputs, rels: &BTreeSet<String>) -> Result<Changes> {
    let mut errors = Vec::new();
    let mut changes = Changes {
        replaced: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
        structural: false,
    };
    for rel in rels {
        let old = inputs.sources.pages.iter().position(|p| &p.rel == rel);
        match (reread(&inputs.config, rel)?, old) {
            (Reread::Problem(found), _) => errors.extend(found),
            (Reread::Gone, Some(_)) => {
                changes.removed.push(rel.clone());
                changes.structural = true;
            }
            (Reread::Gone, None) => {}
            (Reread::Page(new), Some(i)) => {
                changes.structural |= !same_place(&inputs.sources.pages[i], &new);
                changes.replaced.push((i, new));
            }
            (Reread::Page(new), None) => {
                changes.added.push(new);
                changes.structural = true;
            }
        }
    }
    let sources = changes
        .replaced
        .iter()
        .map(|(_, s)| s)
        .chain(&changes.added);
    for source in sources {
        model::check_front(&inputs.config, source, &mut errors);
    }
    if errors.iter().any(Diagnostic::is_error) {
        return Err(Error::Content(errors));
    }
    Ok(changes)
}

/// The same pages in the same places: swaps the new sources into the
/// model and renders just their bodies. Returns how many bodies were
/// rendered and the warnings of their links; on an error in a link the
/// old sources go back (the last good version of every page stays).
fn swap_sources(
    project: &mut Project,
    replaced: &[(usize, Arc<PageSource>)],
) -> Result<(usize, Vec<Diagnostic>)> {
    let mut changed = BTreeSet::new();
    let mut previous = Vec::new();
    for (_, source) in replaced {
        if let Some(id) = project
            .site
            .sources
            .iter()
            .position(|s| s.rel == source.rel)
        {
            let old = std::mem::replace(&mut project.site.sources[id], Arc::clone(source));
            previous.push((id, old));
            changed.insert(id);
        }
    }
    let needed: BTreeSet<(usize, String)> = render::needed_bodies(&project.site)
        .into_iter()
        .filter(|(s, _)| changed.contains(s))
        .collect();
    let fresh = render::render_bodies(&project.site, &project.renderer, &needed);
    let mut warnings = Vec::new();
    project::link_diagnostics(&project.site, &fresh, &mut warnings);
    tidy(&mut warnings);
    if warnings.iter().any(Diagnostic::is_error) {
        for (id, source) in previous {
            project.site.sources[id] = source;
        }
        return Err(Error::Content(warnings));
    }
    project.bodies.extend(fresh);
    project.forget_search();
    Ok((needed.len(), warnings))
}

/// A permanent redirect to `location`.
fn moved(location: String) -> Served<'static> {
    Served {
        status: 301,
        content_type: Cow::Borrowed("text/plain; charset=utf-8"),
        body: Cow::Borrowed(b"moved"),
        location: Some(location),
    }
}

/// The answer for a file the engine made: a page gets the reload script;
/// a file copied from `content/` is read without following links.
fn served<'p>(project: &Project, path: &str, content: Produced<'p>) -> Served<'p> {
    match content {
        Produced::Bytes(bytes) if path.ends_with(".html") => {
            html_page(with_reload(bytes.into_owned()))
        }
        Produced::Bytes(bytes) => Served {
            status: 200,
            content_type: content_type(path),
            body: bytes,
            location: None,
        },
        Produced::Copy(from) => match read_asset(&from, &project.site.config.content_dir()) {
            Some(bytes) => Served {
                status: 200,
                content_type: content_type(path),
                body: Cow::Owned(bytes),
                location: None,
            },
            None => not_found(),
        },
    }
}

fn html_page(html: Vec<u8>) -> Served<'static> {
    Served {
        status: 200,
        content_type: Cow::Borrowed("text/html; charset=utf-8"),
        body: Cow::Owned(html),
        location: None,
    }
}

/// One of the preview's own small pages, in the staff's language.
fn preview_page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <script src=\"/__loa/reload.js\" defer></script></head><body><main>{body}</main></body></html>\n",
        crate::i18n::lang().code(),
        crate::render::markdown::escape(title),
    )
}

fn not_found() -> Served<'static> {
    use crate::i18n::text;
    let html = preview_page(
        &text("preview-not-found"),
        &format!(
            "<h1>{}</h1><p>{}</p><p><a href=\"/\">{}</a></p>",
            crate::render::markdown::escape(&text("preview-not-found")),
            crate::render::markdown::escape(&text("preview-no-page")),
            crate::render::markdown::escape(&text("preview-all-districts")),
        ),
    );
    Served {
        status: 404,
        content_type: Cow::Borrowed("text/html; charset=utf-8"),
        body: Cow::Owned(html.into_bytes()),
        location: None,
    }
}

fn waiting_page() -> String {
    use crate::i18n::text;
    preview_page(
        &text("preview-waiting-title"),
        &format!(
            "<h1>{}</h1><p>{}</p>",
            crate::render::markdown::escape(&text("preview-waiting-heading")),
            crate::render::markdown::escape(&text("preview-waiting-text")),
        ),
    )
}

fn error_page(d: &Diagnostic) -> Served<'static> {
    use crate::i18n::text;
    let html = preview_page(
        &text("preview-error-title"),
        &format!(
            "<h1>{}</h1><pre>{}</pre>",
            crate::render::markdown::escape(&text("preview-error-heading")),
            crate::render::markdown::escape(&d.to_string()),
        ),
    );
    Served {
        status: 500,
        content_type: Cow::Borrowed("text/html; charset=utf-8"),
        body: Cow::Owned(html.into_bytes()),
        location: None,
    }
}

/// The desk's language when none is asked for: the staff language chosen
/// (`LOA_LANG`, `staff_language:`) if the campaign has it, else the
/// campaign's first language.
fn desk_default(languages: &[String]) -> &String {
    crate::i18n::chosen()
        .and_then(|chosen| languages.iter().find(|l| *l == chosen.code()))
        .unwrap_or(&languages[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_climb_out_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/ba-dinh/../../etc/passwd",
            "/ba-dinh/..%2f..%2fetc/passwd",
            "/ba-dinh/%5c..%5c..%5cetc",
            "/ba-dinh\\..\\secret",
            "//etc/passwd",
            "/ba-dinh/%00.html",
            "/ba-dinh/./index.html",
            "etc/passwd",
            "/%zz",
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
        assert_eq!(
            clean_path("/ba-dinh/en/?x=1").as_deref(),
            Some("ba-dinh/en/")
        );
        assert_eq!(
            clean_path("/ba-dinh/S%C6%A1.png").as_deref(),
            Some("ba-dinh/Sơ.png")
        );
        assert_eq!(clean_path("/").as_deref(), Some(""));
    }

    #[test]
    fn private_pages_only_on_loopback_addresses() {
        for local in ["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"] {
            assert!(private_allowed(local.parse().unwrap()), "{local}");
        }
        for network in [
            "0.0.0.0",
            "::",
            "192.168.1.5",
            "10.0.0.7",
            "192.0.2.2",
            "fd00::2",
            "fe80::1",
            "::ffff:192.168.1.5",
        ] {
            assert!(!private_allowed(network.parse().unwrap()), "{network}");
        }
    }

    #[test]
    fn the_editor_opens_only_text_sources_by_name() {
        for ok in [
            "content/skills/goi-111.md",
            "content/site.yaml",
            "content/districts/ba-dinh.yml",
            "content/hotlines/quoc-gia.yaml",
            "content/districts/ba-dinh/news/tin.en.md",
            "themes/rieng/templates/page.html",
            "themes/rieng/templates/partials/head.html",
            "themes/rieng/static/loa.css",
            "themes/rieng/i18n/vi.yaml",
        ] {
            assert!(desk::editable(ok), "{ok}");
        }
        for bad in [
            "content/huong-dan.command",
            "content/pages/xem.html",
            "content/xem.htm",
            "content/a.svg",
            "content/so-do.png",
            "content/run.sh",
            "content/a.md.exe",
            "content/a.desktop",
            "themes/rieng/static/loa.js",
            "themes/rieng/static/page.html",
            "themes/rieng/templates/run.command",
            "themes/page.html",
            "site.yaml",
            "editor.sh",
            "content/../editor.sh.md",
            "/etc/passwd.md",
            "content",
            "",
        ] {
            assert!(!desk::editable(bad), "{bad}");
        }
    }

    #[test]
    fn the_reload_script_goes_in_the_head() {
        let page = with_reload(b"<html><head><title>x</title></head><body></body></html>".to_vec());
        let text = String::from_utf8(page).unwrap();
        assert!(text.contains("<script src=\"/__loa/reload.js\" defer></script>\n</head>"));
    }

    #[test]
    fn content_types() {
        for (file, t) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.json", "application/json"),
            ("a.csv", "text/csv; charset=utf-8"),
            ("a.txt", "text/plain; charset=utf-8"),
            ("a.svg", "image/svg+xml"),
            ("a.png", "image/png"),
            ("a.webp", "image/webp"),
            ("a.woff2", "font/woff2"),
            ("a.xml", "application/xml"),
            ("a.pdf", "application/pdf"),
        ] {
            assert_eq!(content_type(file), t, "{file}");
        }
    }

    /// Regression: audio, video, AVIF, ICO and subtitles were served as
    /// `application/octet-stream` (the hand table lacked them), so with
    /// `nosniff` a browser would not play or show them.
    #[test]
    fn every_published_file_kind_has_its_type() {
        for (file, t) in [
            ("a.avif", "image/avif"),
            ("a.ico", "image/x-icon"),
            ("a.vtt", "text/vtt; charset=utf-8"),
            ("a.mp3", "audio/mpeg"),
            ("a.ogg", "audio/ogg"),
            ("a.wav", "audio/wav"),
            ("a.mp4", "video/mp4"),
            ("a.webm", "video/webm"),
            ("a.docx", "application/vnd.openxmlformats"),
        ] {
            assert!(
                content_type(file).starts_with(t),
                "{file}: {}",
                content_type(file)
            );
        }
    }
}
