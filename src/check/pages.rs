//! Checks of the pages as readers get them: every page of every district
//! and language, and the city's portal, rendered in memory and parsed (by
//! `loa check`) or as the build writes them (`deploy --strict`, through
//! [`Checker`]). One `h1`, a title and a language, unique ids, alt text,
//! header cells, named links and buttons, text in the other language
//! marked with `lang`, anchors that exist, and links of the theme that
//! resolve: one function per rule. What the content caused is told at its
//! line (of the Markdown, or of the HTML written in it); what a template
//! caused at the template, once for all the pages it makes.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::facts::{El, Facts};
use super::split::{self, Slot};
use super::templates::{Place, Templates, empty_element};
use crate::codes::Code;
use crate::error::Diagnostic;
use crate::model::urls::{normalize, page_file};
use crate::model::{DistrictView, LinkTarget, Site, SourceId};
use crate::msg;
use crate::output::engine::{self, Job, Produced};
use crate::project::Project;
use crate::render::Bodies;
use crate::render::markdown::Body;
use crate::render::rawhtml::StartTag;
use html5ever::local_name;

/// One rendered page and where it came from.
struct Rendered {
    had_raw_html: bool,
    path: String,
    lang: String,
    source: Option<SourceId>,
    /// The template that made it.
    template: String,
    /// What the rules read from the whole page; or, with `body`, from the
    /// page without its body.
    facts: Facts,
    /// What the page's body, checked alone, gave.
    body: Option<Arc<BodyFacts>>,
}

impl Rendered {
    /// The ids of the page, with those of its body.
    fn ids(&self) -> HashSet<String> {
        let own = self.facts.ids().map(str::to_string);
        let body = self.body.iter().flat_map(|b| b.ids.iter().cloned());
        own.chain(body).collect()
    }
}

/// What a page's body gives when checked alone: the findings of the
/// content, and its ids (in order, each as often as written).
struct BodyFacts {
    findings: Vec<Diagnostic>,
    ids: Vec<String>,
}

/// A body as a page shows it: the source in the page's language, at the
/// page's address, in its place in the template.
type BodyKey = (SourceId, String, String, Slot);

/// A body's facts, once made (`None`: the body cannot be checked apart
/// from its page).
type BodyCell = Arc<OnceLock<Option<Arc<BodyFacts>>>>;

/// Each body's facts, made by the first district that needs them.
#[derive(Default)]
struct BodyCache {
    bodies: Mutex<FxHashMap<BodyKey, BodyCell>>,
    /// Whether each body (source and language) can be parsed apart from
    /// its page ([`split::alone`]), once for all pages showing it.
    alone: Mutex<FxHashMap<(SourceId, String), bool>>,
}

impl BodyCache {
    fn get(
        &self,
        key: BodyKey,
        make: impl FnOnce() -> Option<BodyFacts>,
    ) -> Option<Arc<BodyFacts>> {
        let cell = {
            let mut bodies = self.bodies.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(bodies.entry(key).or_default())
        };
        cell.get_or_init(|| make().map(Arc::new)).clone()
    }

    /// Can the body of `source` in `lang`, `body`, be parsed alone?
    fn alone(&self, source: SourceId, lang: &str, body: &str) -> bool {
        let key = (source, lang.to_string());
        if let Some(&alone) = self
            .alone
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return alone;
        }
        let alone = split::alone(body);
        let mut known = self.alone.lock().unwrap_or_else(|e| e.into_inner());
        known.insert(key, alone);
        alone
    }
}

/// Checks every page of every district, rendered in memory.
pub(super) fn check(project: &Project, findings: &mut Vec<Diagnostic>) {
    let checker = Checker::new(project);
    // Each district's findings, and its files (`<slug>/…`) for the portal's
    // links.
    let (mut results, files): (Vec<Vec<Diagnostic>>, Vec<Vec<String>>) = project
        .site
        .districts
        .par_iter()
        .map(|view| {
            let engine = engine::DistrictFiles::new(project, view);
            let plan = engine.plan();
            let district = checker.district(view, &engine, &plan.files);
            let checked: Vec<Checked<'_>> = plan
                .files
                .iter()
                .filter(|(_, job)| html_page(job).is_some())
                .collect::<Vec<_>>()
                .par_iter()
                .map(|&(path, job)| match engine.produce(job) {
                    Ok(produced) => district.page(path, job, &produced),
                    Err(d) => Checked::failed(path, d),
                })
                .collect();
            let mut found = plan.problems.clone();
            found.extend(district.finish(checked));
            let slug = &project.site.district(view).slug;
            let paths = plan.files.keys().map(|path| format!("{slug}/{path}"));
            (found, paths.collect())
        })
        .unzip();
    let districts: HashSet<String> = files.into_iter().flatten().collect();
    results.push(portal(project, &checker, &districts));
    findings.extend(told_once(results));
}

/// The portal's findings, as `loa check` makes it; `districts` holds the
/// files of the districts built (`<slug>/…`).
fn portal(
    project: &Project,
    checker: &Checker<'_>,
    districts: &HashSet<String>,
) -> Vec<Diagnostic> {
    let made = engine::produce_city(project, engine::CityJob::Portal);
    let bytes = match made {
        Ok(Produced::Bytes(bytes)) => bytes,
        Ok(Produced::Copy(_)) => return Vec::new(),
        Err(d) => return vec![d],
    };
    let city = engine::city_plan(project);
    let exists = |path: &str| {
        city.contains_key(path) || districts.contains(path) || not_built(project, path)
    };
    checker.portal(&bytes, exists)
}

/// Is `path` (in the whole output) in the folder of a district this
/// command does not build (`--district`, or a deploy of some districts)?
/// The portal links to every district; those folders are kept from an
/// earlier build, and are not checked here.
pub(crate) fn not_built(project: &Project, path: &str) -> bool {
    let site = &project.site;
    let Some((slug, _)) = path.split_once('/') else {
        return false;
    };
    site.config.districts.iter().any(|d| d.slug == slug)
        && !site.districts.iter().any(|v| site.district(v).slug == slug)
}

/// Checks pages as they are produced, by a build or by `loa check`: the
/// theme's templates read and the selectors made once for all districts,
/// each body's facts once for all districts that show it.
pub(crate) struct Checker<'a> {
    project: &'a Project,
    templates: Templates,
    cache: BodyCache,
}

impl<'a> Checker<'a> {
    /// A checker of the pages of `project`.
    pub(crate) fn new(project: &'a Project) -> Checker<'a> {
        Checker {
            project,
            templates: Templates::load(&project.site.config),
            cache: BodyCache::default(),
        }
    }

    /// The checker of one district's pages, whose files are `files`.
    pub(crate) fn district<'d>(
        &'d self,
        view: &'d DistrictView,
        engine: &'d engine::DistrictFiles<'d>,
        files: &'d BTreeMap<String, Job>,
    ) -> DistrictChecker<'d> {
        let cx = Context {
            project: self.project,
            district: Some(&self.project.site.district(view).slug),
            templates: &self.templates,
            cache: &self.cache,
        };
        // Only the ids of the pages that `#anchors` point to are kept for
        // the end.
        let targets = anchor_targets(self.project, engine, files);
        DistrictChecker {
            cx,
            view,
            engine,
            targets,
            links: Files::new(|file| files.contains_key(file)),
        }
    }
}

impl Checker<'_> {
    /// Checks the city's portal (`index.html` at the top of the output):
    /// `portal` as made, `exists` telling whether a file of the whole
    /// output (`<slug>/…` for a district's) is at a path.
    pub(crate) fn portal(
        &self,
        portal: &[u8],
        exists: impl Fn(&str) -> bool + Sync,
    ) -> Vec<Diagnostic> {
        let cx = Context {
            project: self.project,
            district: None,
            templates: &self.templates,
            cache: &self.cache,
        };
        let path = crate::output::engine::PORTAL.to_string();
        let made = Made {
            path: &path,
            lang: 0,
            source: None,
            template: crate::output::engine::PORTAL_TEMPLATE.to_string(),
        };
        one_page(&cx, &Files::new(exists), &HashSet::new(), made, portal).findings
    }
}

/// A template's fault shows on every page made with it, in every district:
/// it is told once, at its place in the template (the first district's,
/// the first page's, as checked in order).
pub(crate) fn told_once(results: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
    let mut told = HashSet::new();
    results
        .into_iter()
        .flatten()
        .filter(|d| {
            let in_template = d
                .file
                .as_deref()
                .is_some_and(|f| f.starts_with("themes/") || f.starts_with("template "));
            !in_template || told.insert((d.code, d.file.clone(), d.line, d.column))
        })
        .collect()
}

/// What checking a district's pages needs.
struct Context<'a> {
    project: &'a Project,
    /// The district's slug; `None` for the city's portal.
    district: Option<&'a str>,
    templates: &'a Templates,
    cache: &'a BodyCache,
}

/// Checks the pages of one district, each as soon as it is produced (on
/// any core), then their `#anchors` once all are.
pub(crate) struct DistrictChecker<'d> {
    cx: Context<'d>,
    view: &'d DistrictView,
    engine: &'d engine::DistrictFiles<'d>,
    targets: HashSet<String>,
    /// The district's files, for the theme's links.
    links: Files<'d>,
}

impl<'d> DistrictChecker<'d> {
    /// Checks the file `produced` for `job` at `path` (but its anchors),
    /// when it is an HTML page.
    pub(crate) fn page(&self, path: &'d String, job: &Job, produced: &Produced<'_>) -> Checked<'d> {
        let (Produced::Bytes(bytes), Some(lang)) = (produced, html_page(job)) else {
            return Checked::failed(path, None);
        };
        // Only a page's own content is told at its Markdown: the lists and
        // sheets that show it again are checked as their templates made them.
        let source = self
            .engine
            .source(job)
            .filter(|_| matches!(job, Job::Page { .. }));
        let made = Made {
            path,
            lang,
            source,
            template: template(&self.cx, self.view, self.engine, job),
        };
        one_page(&self.cx, &self.links, &self.targets, made, bytes)
    }

    /// The findings of the district's pages, `checked` in the order of
    /// their paths, with those of their anchors.
    pub(crate) fn finish(&self, checked: Vec<Checked<'_>>) -> Vec<Diagnostic> {
        let Project { site, bodies, .. } = self.cx.project;
        let mut findings = Vec::new();
        let mut ids: HashMap<&str, HashSet<String>> = HashMap::new();
        let mut anchored = Vec::new();
        for page in checked {
            findings.extend(page.findings);
            if let Some(set) = page.ids {
                ids.insert(page.path, set);
            }
            if let Some(source) = page.source {
                anchored.push((source, page.path, page.lang));
            }
        }
        for (source, path, lang) in anchored {
            anchors(site, bodies, source, (path, lang), &ids, &mut findings);
        }
        findings
    }
}

/// What checking one page gave.
pub(crate) struct Checked<'p> {
    path: &'p str,
    lang: &'p str,
    findings: Vec<Diagnostic>,
    /// Its ids, when `#anchors` point to it.
    ids: Option<HashSet<String>>,
    /// Its Markdown, whose `#anchors` are checked once all pages are.
    source: Option<SourceId>,
}

impl<'p> Checked<'p> {
    /// A file that was not checked: not a page, or one that could not be
    /// produced (`problem`).
    fn failed(path: &'p str, problem: impl Into<Option<Diagnostic>>) -> Checked<'p> {
        Checked {
            path,
            lang: "",
            findings: problem.into().into_iter().collect(),
            ids: None,
            source: None,
        }
    }
}

/// What made a page: its address, language (index in
/// `config.languages`), Markdown (for a page's own content) and template.
struct Made<'p> {
    path: &'p String,
    lang: usize,
    source: Option<SourceId>,
    template: String,
}

/// Checks the page `bytes` (but its anchors); `files` tells whether a
/// file of the site is at a path, relative to the page's site.
fn one_page<'p>(
    cx: &Context<'p>,
    files: &Files<'_>,
    targets: &HashSet<String>,
    made: Made<'p>,
    bytes: &[u8],
) -> Checked<'p> {
    let site = &cx.project.site;
    let Made {
        path,
        lang,
        source,
        template,
    } = made;
    let lang = &site.config.languages[lang];
    let mut checked = Checked {
        path,
        lang,
        findings: Vec::new(),
        ids: None,
        source: None,
    };
    let page = Rendered {
        had_raw_html: source
            .and_then(|s| cx.project.bodies.get(&(s, lang.clone())))
            .is_some_and(|b| b.body.had_raw_html),
        path: path.clone(),
        lang: lang.clone(),
        source,
        template,
        facts: Facts::default(),
        body: None,
    };
    // Validated with SIMD: 6 % of `check` went to `std`'s validation
    // of every page's Vietnamese text.
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    };
    let page = parse(cx, page, &text);
    check_page(cx, files, &page, &mut checked.findings);
    if targets.contains(path.as_str()) {
        checked.ids = Some(page.ids());
    }
    checked.source = source;
    checked
}

/// The language (index in `config.languages`) of a job that makes an HTML
/// page: a page of the district, a numbered news list, the A–Z list, the
/// 404 page (in the first language), the poster and the leaflet.
fn html_page(job: &Job) -> Option<usize> {
    match job {
        Job::Page { lang, .. }
        | Job::NewsList { lang, .. }
        | Job::AtoZ(lang)
        | Job::Poster(lang)
        | Job::Leaflet(lang) => Some(*lang),
        Job::NotFound => Some(0),
        _ => None,
    }
}

/// The template that renders the page of `job`.
fn template(
    cx: &Context<'_>,
    view: &DistrictView,
    engine: &engine::DistrictFiles<'_>,
    job: &Job,
) -> String {
    let site = &cx.project.site;
    match job {
        Job::Page { entry, .. } | Job::NewsList { entry, .. } => {
            let page = &site.pages[view.entries[*entry].page];
            let source = engine.source(job).map(|s| &*site.sources[s]);
            crate::render::template_for(page, source).to_string()
        }
        Job::AtoZ(_) => "a-z.html".to_string(),
        Job::NotFound => "404.html".to_string(),
        Job::Poster(_) => "poster.html".to_string(),
        Job::Leaflet(_) => "leaflet.html".to_string(),
        _ => "page.html".to_string(),
    }
}

/// The rules over one page (but its anchors).
fn check_page(
    cx: &Context<'_>,
    files: &Files<'_>,
    page: &Rendered,
    findings: &mut Vec<Diagnostic>,
) {
    let subject = Subject::new(cx, page, false);
    for rule in ACCESSIBILITY {
        rule(&subject, findings);
    }
    if let Some(body) = &page.body {
        findings.extend(body.findings.iter().cloned());
    }
    theme_links(&subject, files, findings);
    if let Some(source) = page.source {
        other_language(&subject, source, findings);
    }
}

/// The pages of the district that `#anchors` of its Markdown point to.
fn anchor_targets(
    project: &Project,
    engine: &engine::DistrictFiles<'_>,
    files: &BTreeMap<String, Job>,
) -> HashSet<String> {
    let config = &project.site.config;
    let mut targets = HashSet::new();
    for (path, job) in files {
        let Job::Page { lang, .. } = job else {
            continue;
        };
        let Some(source) = engine.source(job) else {
            continue;
        };
        let Some(body) = project
            .bodies
            .get(&(source, config.languages[*lang].clone()))
        else {
            continue;
        };
        for link in &body.links {
            if link.fragment.as_deref().is_some_and(|f| !f.is_empty())
                && let Some(target) = anchor_target(config, link, path)
            {
                targets.insert(target);
            }
        }
    }
    targets
}

/// The page a link with an `#anchor` of the page at `path` points to.
fn anchor_target(
    config: &crate::read::config::Config,
    link: &crate::model::LinkUse,
    path: &str,
) -> Option<String> {
    match &link.target {
        None if link.written.starts_with('#') => Some(path.to_string()),
        Some(LinkTarget::Page { path, lang }) => {
            Some(format!("{}{}", config.lang_prefix(lang), page_file(path)))
        }
        _ => None,
    }
}

/// Parses the page `text`: without its body when the body can be checked
/// alone (once for all districts showing it), else whole.
fn parse(cx: &Context<'_>, mut page: Rendered, text: &str) -> Rendered {
    let body = page
        .source
        .and_then(|s| cx.project.bodies.get(&(s, page.lang.clone())))
        .and_then(|b| b.html.as_str());
    if let (Some(source), Some(body)) = (page.source, body)
        && cx.cache.alone(source, &page.lang, body)
        && let Some(chrome) = split::cut_alone(text, body)
    {
        let chrome = Facts::of_page(&chrome);
        if let Some(slot) = &chrome.slot {
            let key = (source, page.lang.clone(), page.path.clone(), slot.clone());
            let facts = cx.cache.get(key, || body_facts(cx, &page, body, slot));
            if let Some(facts) = facts {
                page.facts = chrome;
                page.body = Some(facts);
                return page;
            }
        }
    }
    page.facts = Facts::of_page(text);
    page
}

/// The findings of a page's body parsed alone in its place, and its ids.
fn body_facts(cx: &Context<'_>, page: &Rendered, body: &str, slot: &Slot) -> Option<BodyFacts> {
    let alone = Rendered {
        had_raw_html: page.had_raw_html,
        path: page.path.clone(),
        lang: page.lang.clone(),
        source: page.source,
        template: page.template.clone(),
        facts: Facts::of_tree(&split::body_tree(body, slot)?),
        body: None,
    };
    let subject = Subject::new(cx, &alone, true);
    let mut findings = Vec::new();
    for rule in ACCESSIBILITY {
        rule(&subject, &mut findings);
    }
    if let Some(source) = alone.source {
        other_language(&subject, source, &mut findings);
    }
    let ids = alone.facts.ids().map(str::to_string).collect();
    Some(BodyFacts { findings, ids })
}

/// The accessibility rules over one rendered page.
const ACCESSIBILITY: &[fn(&Subject<'_>, &mut Vec<Diagnostic>)] = &[
    one_h1,
    page_title,
    page_lang,
    unique_ids,
    image_alt,
    table_headers,
    named_links,
    named_buttons,
];

/// One rendered page as the rules see it: where its content came from (to
/// name the line of what the Markdown or its HTML wrote) and which template
/// made the rest (to name the template).
struct Subject<'a> {
    page: &'a Rendered,
    /// The content file, or the page's address when loa made the page.
    file: String,
    /// The body shown, with the lines of its headings and raw HTML.
    body: Option<&'a Body>,
    site: &'a Site,
    /// The template the page is rendered with.
    template: String,
    templates: &'a Templates,
    district: Option<&'a str>,
    /// A body checked alone: only the content's findings.
    alone: bool,
}

impl<'a> Subject<'a> {
    fn new(cx: &Context<'a>, page: &'a Rendered, alone: bool) -> Self {
        let Context {
            project,
            district,
            templates,
            ..
        } = *cx;
        let site = &project.site;
        let file = page
            .source
            .map_or_else(|| format!("/{}", page.path), |s| site.sources[s].file());
        let template = page.template.clone();
        Subject {
            page,
            file,
            body: page
                .source
                .and_then(|s| project.bodies.get(&(s, page.lang.clone())))
                .map(|b| &b.body),
            site,
            template,
            templates,
            district,
            alone,
        }
    }

    /// A finding caused by the content, at its line when known.
    fn content(&self, d: Diagnostic, line: Option<usize>) -> Diagnostic {
        let d = d.in_file(&self.file);
        match line {
            Some(line) => d.at_line(line),
            None => d,
        }
    }

    /// A finding caused by a template, at its place there.
    fn template(&self, d: Diagnostic, (file, line): Place) -> Diagnostic {
        let d = d.in_file(file);
        match line {
            Some(line) => d.at_line(line),
            None => d,
        }
    }

    /// The line of the `nth` (from 0) start tag of the body's raw HTML that
    /// `wanted` accepts; else of its first raw HTML.
    fn raw_line(&self, nth: usize, wanted: impl Fn(&StartTag) -> bool) -> Option<usize> {
        let body = self.body?;
        let mut found = body.raw_tags.iter().filter(|t| wanted(&t.tag));
        found
            .nth(nth)
            .map(|t| t.line)
            .or_else(|| body.had_raw_html.then_some(body.raw_html_line))
    }

    /// The page's elements that `wanted` accepts, split into those of the
    /// content (in `.prose`) and those of the template.
    fn split(&self, wanted: impl Fn(&El) -> bool) -> (Vec<&'a El>, Vec<&'a El>) {
        self.elements(wanted).partition(|e| e.in_prose)
    }

    /// The page's elements that `wanted` accepts, in the tree's order.
    fn elements(&self, wanted: impl Fn(&El) -> bool) -> impl Iterator<Item = &'a El> {
        self.page.facts.elements.iter().filter(move |e| wanted(e))
    }
}

/// One `h1`: the page title, which the template writes. Markdown headings
/// are moved a level down, so an `h1` of the content is raw HTML.
fn one_h1(s: &Subject<'_>, findings: &mut Vec<Diagnostic>) {
    let (content, template) = s.split(|e| e.name == local_name!("h1"));
    for k in 0..content.len() {
        findings.push(
            s.content(
                Diagnostic::error(Code::A11yH1, msg!("a11y-h1-content"))
                    .help(msg!("a11y-h1-content-help")),
                s.raw_line(k, |t| t.name == "h1"),
            ),
        );
    }
    let n = template.len();
    if n != 1 && !s.alone {
        let place = match n {
            0 => (s.templates.file(&s.template), None),
            _ => s.templates.find(&s.template, 1, |t, _| t.name == "h1"),
        };
        findings.push(
            s.template(
                Diagnostic::error(
                    Code::A11yH1,
                    msg!("a11y-h1-template", count = n, page = &s.page.path),
                )
                .help(msg!("a11y-h1-template-help")),
                place,
            ),
        );
    }
}

/// A `<title>`, which the template writes.
fn page_title(s: &Subject<'_>, findings: &mut Vec<Diagnostic>) {
    if s.alone {
        return;
    }
    if s.page.facts.titled {
        return;
    }
    let mut place = s.templates.find(&s.template, 0, |t, _| t.name == "title");
    if place.1.is_none() {
        place = s.templates.find(&s.template, 0, |t, _| t.name == "head");
    }
    findings.push(
        s.template(
            Diagnostic::error(
                Code::A11yPageTitle,
                msg!("a11y-page-title", page = &s.page.path),
            )
            .help(msg!("a11y-page-title-help")),
            place,
        ),
    );
}

/// `<html lang>`, which the template writes.
fn page_lang(s: &Subject<'_>, findings: &mut Vec<Diagnostic>) {
    if s.alone {
        return;
    }
    if s.page.facts.lang.as_deref().is_some_and(|l| !l.is_empty()) {
        return;
    }
    findings.push(
        s.template(
            Diagnostic::error(
                Code::A11yPageLang,
                msg!("a11y-page-lang", page = &s.page.path),
            )
            .help(msg!("a11y-page-lang-help")),
            s.templates.find(&s.template, 0, |t, _| t.name == "html"),
        ),
    );
}

/// Ids used once: at the heading or raw HTML that takes an id again, else
/// in the template.
fn unique_ids(s: &Subject<'_>, findings: &mut Vec<Diagnostic>) {
    if s.alone {
        return; // told with the rest of the page
    }
    // Each id: how often, and whether once in the content.
    let mut seen: HashMap<&str, (usize, bool)> = HashMap::new();
    for e in s.elements(|e| e.id.is_some()) {
        let id = seen.entry(e.id.as_deref().unwrap_or_default()).or_default();
        id.0 += 1;
        id.1 |= e.in_prose;
    }
    for id in s.page.body.iter().flat_map(|b| &b.ids) {
        let id = seen.entry(id).or_default();
        id.0 += 1;
        id.1 = true;
    }
    let mut duplicates: Vec<(&str, (usize, bool))> =
        seen.into_iter().filter(|(_, (n, _))| *n > 1).collect();
    duplicates.sort_unstable_by_key(|(id, _)| *id);
    // The lines of the raw HTML tags and headings with each id, found once
    // (a search of every tag for each id was quadratic).
    let mut raw_lines: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut heading_lines: HashMap<&str, usize> = HashMap::new();
    if !duplicates.is_empty()
        && let Some(body) = s.body
    {
        for t in &body.raw_tags {
            if let Some(id) = t.tag.attr("id") {
                raw_lines.entry(id).or_default().push(t.line);
            }
        }
        for h in &body.headings {
            heading_lines.entry(h.id.as_str()).or_insert(h.line);
        }
    }
    for (id, (_, in_content)) in duplicates {
        let d = Diagnostic::error(
            Code::A11yDuplicateId,
            msg!("a11y-duplicate-id", id = id, page = &s.page.path),
        );
        if in_content {
            let raw = raw_lines.get(id).map(Vec::as_slice).unwrap_or_default();
            let heading = heading_lines.get(id).copied();
            // The second of two in the HTML, or the one beside a heading.
            let line = raw.get(1).or(raw.first()).copied().or(heading);
            findings.push(s.content(d.help(msg!("a11y-duplicate-id-content-help")), line));
        } else {
            let place = s
                .templates
                .find(&s.template, 1, |t, _| t.attr("id") == Some(id));
            findings.push(s.template(d.help(msg!("a11y-duplicate-id-template-help")), place));
        }
    }
}

/// Alt text on every image. Markdown images always have it, so an image
/// of the content without it is raw HTML.
fn image_alt(s: &Subject<'_>, findings: &mut Vec<Diagnostic>) {
    let no_alt = |e: &&El| !e.alt;
    let (content, template) = s.split(|e| e.name == local_name!("img"));
    let message = |e: &El| {
        let src = e.src.as_deref().unwrap_or_default();
        Diagnostic::error(Code::A11yImageAlt, msg!("a11y-image-no-alt", image = src))
    };
    for (k, img) in content.iter().filter(|e| no_alt(e)).enumerate() {
        findings.push(s.content(
            message(img).help(msg!("a11y-image-no-alt-help")),
            s.raw_line(k, |t| t.name == "img" && t.attr("alt").is_none()),
        ));
    }
    for (k, img) in template.iter().filter(|e| no_alt(e)).enumerate() {
        findings.push(s.template(
            message(img).help(msg!("a11y-image-no-alt-template-help")),
            s.templates.find(&s.template, k, |t, _| {
                t.name == "img" && t.attr("alt").is_none()
            }),
        ));
    }
}

/// Header cells in every table. Markdown tables always have a header row
/// (and a scrolling wrapper), so a table of the content without one is
/// raw HTML.
fn table_headers(s: &Subject<'_>, findings: &mut Vec<Diagnostic>) {
    let (content, template) = s.split(|e| e.name == local_name!("table"));
    let d = || Diagnostic::warning(Code::A11yTableHeader, msg!("a11y-table-header"));
    let written_in_html = content.iter().filter(|t| !t.scroll);
    for (k, table) in written_in_html.enumerate() {
        if !table.th {
            findings.push(s.content(
                d().help(msg!("a11y-table-header-help")),
                s.raw_line(k, |t| t.name == "table"),
            ));
        }
    }
    for (k, table) in template.iter().enumerate() {
        if !table.th {
            findings.push(s.template(
                d().help(msg!("a11y-table-header-template-help")),
                s.templates.find(&s.template, k, |t, _| t.name == "table"),
            ));
        }
    }
}

/// Links with a name. The Markdown's are checked with their lines from the
/// body; here those of its raw HTML and of the template.
fn named_links(s: &Subject<'_>, findings: &mut Vec<Diagnostic>) {
    let (content, template) = s.split(El::is_link);
    let d = |href: &str| {
        Diagnostic::error(
            Code::A11yEmptyLink,
            msg!("a11y-empty-link", link = href, page = &s.page.path),
        )
        .help(msg!("a11y-empty-link-help"))
    };
    let raw_html = s.page.had_raw_html;
    // The line of the first raw `<a>` with each address, found once (a
    // search of every tag for each link was quadratic).
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    if raw_html && let Some(body) = s.body {
        for t in body.raw_tags.iter().filter(|t| t.tag.name == "a") {
            if let Some(href) = t.tag.attr("href") {
                first_line.entry(href).or_insert(t.line);
            }
        }
    }
    for link in content.iter().filter(|e| raw_html && !e.named) {
        let href = link.href.as_deref().unwrap_or_default();
        if let Some(&line) = first_line.get(href) {
            findings.push(s.content(d(href), Some(line)));
        }
    }
    let empty = template.iter().filter(|e| !e.named);
    for (k, link) in empty.enumerate() {
        let href = link.href.as_deref().unwrap_or_default();
        let place = s.templates.find(&s.template, k, |t, after| {
            t.name == "a" && t.attr("aria-label").is_none() && empty_element(t, after)
        });
        findings.push(s.template(d(href), place));
    }
}

/// Buttons with a name. Markdown writes none.
fn named_buttons(s: &Subject<'_>, findings: &mut Vec<Diagnostic>) {
    let (content, template) = s.split(El::is_button);
    let is_button = |t: &StartTag| t.name == "button" || t.attr("role") == Some("button");
    let d = || {
        Diagnostic::error(
            Code::A11yEmptyButton,
            msg!("a11y-empty-button", page = &s.page.path),
        )
        .help(msg!("a11y-empty-button-help"))
    };
    for (k, _) in content.iter().enumerate().filter(|(_, e)| !e.named) {
        findings.push(s.content(d(), s.raw_line(k, is_button)));
    }
    let empty = template.iter().filter(|e| !e.named);
    for (k, _) in empty.enumerate() {
        let place = s.templates.find(&s.template, k, |t, after| {
            is_button(t) && t.attr("aria-label").is_none() && empty_element(t, after)
        });
        findings.push(s.template(d(), place));
    }
}

/// Links the theme writes (the Markdown's are checked with their lines)
/// must lead to a file of the district.
fn theme_links(s: &Subject<'_>, files: &Files<'_>, findings: &mut Vec<Diagnostic>) {
    let dir = s.page.path.rsplit_once('/').map_or("", |(d, _)| d);
    let links = s.elements(|e| !e.in_prose).filter_map(|e| e.theme_link());
    for href in links {
        if href.is_empty() || href.starts_with('#') || href.contains(':') || href.starts_with("//")
        {
            continue;
        }
        if let Some(target) = files.broken(dir, href) {
            findings.push(link_error(s, href, target.as_deref()));
        }
    }
}

/// The files of a site, to which the theme's links must lead: each link
/// (an address in a folder) is resolved once for all pages of the folder.
pub(crate) struct Files<'e> {
    exists: Box<dyn Fn(&str) -> bool + Sync + 'e>,
    /// Each link's answer, by a hash of its folder and address (see
    /// [`Files::broken`]), with them.
    seen: Mutex<FxHashMap<u64, Vec<Seen>>>,
}

/// A link's answer: the folders it leads from (all of the page's when
/// `whole`), its address, and where it leads.
type Seen = (String, bool, String, Broken);

/// `None`, or the file a link would lead to that is not there.
type Broken = Option<Option<String>>;

impl<'e> Files<'e> {
    /// The files `exists` tells of (by path in the site).
    pub(crate) fn new(exists: impl Fn(&str) -> bool + Sync + 'e) -> Files<'e> {
        Files {
            exists: Box::new(exists),
            seen: Mutex::new(FxHashMap::default()),
        }
    }

    /// `None` when the address `href` of a page in the folder `dir` leads
    /// to a file; else the file it would be (`None` above the site).
    fn broken(&self, dir: &str, href: &str) -> Broken {
        // A link that climbs out of the page's last folders with `../`
        // leads to the same file from every folder there: one answer for
        // all of them (`../../hotlines/` from every `news/<page>/`).
        let ups = href
            .as_bytes()
            .chunks(3)
            .take_while(|c| *c == b"../")
            .count();
        let (above, whole) = above(dir, ups).map_or((dir, true), |a| (a, false));
        let hash = {
            use std::hash::{BuildHasher, BuildHasherDefault};
            BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one((above, whole, href))
        };
        let find = |seen: &FxHashMap<u64, Vec<Seen>>| {
            seen.get(&hash)?
                .iter()
                .find(|(a, w, h, _)| a == above && *w == whole && h == href)
                .map(|(_, _, _, broken)| broken.clone())
        };
        if let Some(known) = find(&self.seen.lock().unwrap_or_else(|e| e.into_inner())) {
            return known;
        }
        let path = href.split(['#', '?']).next().unwrap_or_default();
        let target = normalize(dir, &crate::model::urls::decode_path(path)).map(|t| {
            if t.is_empty() || t.ends_with('/') {
                page_file(&t)
            } else {
                t
            }
        });
        let answer = target
            .as_deref()
            .is_none_or(|t| !(self.exists)(t))
            .then_some(target);
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let same = seen.entry(hash).or_default();
        same.push((above.to_string(), whole, href.to_string(), answer.clone()));
        answer
    }
}

/// The folder `dir` without its last `ups` folders (`news` for
/// `news/trang-7` and 1), when it is written plainly (folders of a name,
/// each once between single `/`) and has that many.
fn above(dir: &str, ups: usize) -> Option<&str> {
    if dir.is_empty() || dir.starts_with('/') || dir.ends_with('/') || dir.contains("//") {
        return None;
    }
    let mut end = dir.len();
    for _ in 0..ups {
        end = match dir[..end].rfind('/') {
            Some(slash) => slash,
            None if end > 0 => 0,
            None => return None,
        };
    }
    Some(&dir[..end])
}

/// A link of the template to no file of the site: named at the template's
/// attribute whose literal end (after the last `}}`) ends the link.
fn link_error(s: &Subject<'_>, href: &str, target: Option<&str>) -> Diagnostic {
    let place = s.templates.find(&s.template, 0, |t, _| {
        ["href", "src"].iter().filter_map(|a| t.attr(a)).any(|v| {
            let tail = v.rsplit_once("}}").map_or(v, |(_, tail)| tail);
            !tail.is_empty() && href.ends_with(tail)
        })
    });
    let message = match s.district {
        Some(district) => msg!(
            "link-broken-output",
            target = target.unwrap_or(href),
            link = href,
            page = &s.page.path,
            district = district
        ),
        None => msg!(
            "link-broken-output-portal",
            target = target.unwrap_or(href),
            link = href
        ),
    };
    s.template(Diagnostic::error(Code::LinkBrokenOutput, message), place)
        .help(msg!("link-broken-output-help"))
}

/// `#anchors` written in the Markdown must exist on the page they point to.
fn anchors(
    site: &Site,
    bodies: &Bodies,
    source: SourceId,
    (path, lang): (&str, &str),
    ids: &HashMap<&str, HashSet<String>>,
    findings: &mut Vec<Diagnostic>,
) {
    let Some(body) = bodies.get(&(source, lang.to_string())) else {
        return;
    };
    let src = &site.sources[source];
    let config = &site.config;
    for link in &body.links {
        let Some(fragment) = link.fragment.as_deref().filter(|f| !f.is_empty()) else {
            continue;
        };
        let Some(target_file) = anchor_target(config, link, path) else {
            continue;
        };
        let Some(target_ids) = ids.get(target_file.as_str()) else {
            continue;
        };
        if !target_ids.contains(fragment) {
            let mut known: Vec<&str> = target_ids.iter().map(String::as_str).collect();
            known.sort_unstable();
            let hint = crate::error::did_you_mean(fragment, known.iter().copied()).map_or_else(
                || msg!("link-anchor-help"),
                |c| msg!("hint-did-you-mean", word = format!("#{c}")),
            );
            findings.push(
                Diagnostic::warning(
                    Code::LinkAnchor,
                    msg!(
                        "link-anchor",
                        link = &link.written,
                        anchor = fragment,
                        page = &target_file
                    ),
                )
                .in_file(src.file())
                .at_line(link.line)
                .help(hint),
            );
        }
    }
}

/// Vietnamese letters that English never uses. All of them are outside
/// ASCII, so an ASCII letter is answered without searching the list (the
/// search of every letter of every English word was a tenth of `check`).
fn is_vietnamese_word(word: &str) -> bool {
    word.chars().any(|c| {
        !c.is_ascii()
            && "ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
            .contains(c)
    })
}

const ENGLISH_WORDS: &[&str] = &[
    "the", "and", "of", "to", "for", "is", "with", "you", "your", "this", "that", "are", "in",
    "on", "it", "not",
];

/// A phrase in the other language needs `lang` (names are fine): three
/// Vietnamese words in a row on an English page, or an English phrase with
/// two common English words on a Vietnamese page.
fn foreign_phrase(text: &str, page_lang: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if page_lang == "vi" {
        let mut run: Vec<&str> = Vec::new();
        for word in words.iter().chain(std::iter::once(&"·")) {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            if !bare.is_empty() && bare.chars().all(|c| c.is_ascii_alphabetic()) {
                run.push(word);
                continue;
            }
            // Words of ASCII letters: in lower case as ASCII.
            let common = |w: &&&str| {
                let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
                ENGLISH_WORDS.iter().any(|e| e.eq_ignore_ascii_case(bare))
            };
            if run.len() >= 4 && run.iter().filter(common).count() >= 2 {
                return Some(trim_phrase(&run.join(" ")));
            }
            run.clear();
        }
        None
    } else {
        let mut run: Vec<&str> = Vec::new();
        for word in words.iter().chain(std::iter::once(&"")) {
            if !word.is_empty() && is_vietnamese_word(word) {
                run.push(word);
                continue;
            }
            if run.len() >= 3 {
                return Some(trim_phrase(&run.join(" ")));
            }
            run.clear();
        }
        None
    }
}

fn trim_phrase(phrase: &str) -> String {
    phrase
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// Text of the page's own content (its title and its body) in the other
/// language must be marked with `lang`. Lists of other pages are not the
/// page's text: each page is checked where it is written.
fn other_language(s: &Subject<'_>, source: SourceId, findings: &mut Vec<Diagnostic>) {
    let src = &s.site.sources[source];
    if src.lang != s.page.lang {
        return; // a fallback page is marked as a whole
    }
    for own in &s.page.facts.own {
        let is_title = own.title;
        for (text, lang) in &own.texts {
            if lang.as_deref().is_some_and(|l| l != s.page.lang) {
                continue;
            }
            let Some(phrase) = foreign_phrase(text, &s.page.lang) else {
                continue;
            };
            let other = if s.page.lang == "vi" { "en" } else { "vi" };
            let d = Diagnostic::warning(
                Code::A11yOtherLanguage,
                msg!("a11y-other-language", phrase = &phrase),
            )
            .help(msg!(
                "a11y-other-language-help",
                lang = other,
                phrase = &phrase
            ));
            if is_title {
                findings.push(src.point(d, &src.front.title));
                continue;
            }
            let line = src
                .body
                .lines()
                .position(|l| l.contains(&phrase))
                .map(|i| i + src.body_line);
            findings.push(s.content(d, line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Files, above, foreign_phrase};

    #[test]
    fn links_climbing_out_of_folders_are_answered_once_for_all_of_them() {
        assert_eq!(above("news/trang-7", 1), Some("news"));
        assert_eq!(above("news/trang-7", 2), Some(""));
        assert_eq!(above("news/trang-7", 3), None);
        assert_eq!(above("", 0), None);
        assert_eq!(above("a//b", 1), None);
        let files = Files::new(|f| ["hotlines/index.html", "news/index.html"].contains(&f));
        // The same answers as resolving each link from its own folder.
        for (dir, href, broken) in [
            ("news/trang-7", "../../hotlines/", None),
            ("news/trang-8", "../../hotlines/", None),
            ("", "../../hotlines/", Some(None)),
            ("news/trang-7", "../", None),
            ("pages/trang-7", "../", Some(Some("pages/index.html"))),
            ("news/trang-7", "../../../hotlines/", Some(None)),
            (
                "en/news/trang-7",
                "../../hotlines/",
                Some(Some("en/hotlines/index.html")),
            ),
            ("news/trang-9", "../../hotlines/", None),
            ("", "hotlines/", None),
            ("a", "../hotlines/", None),
        ] {
            let want = broken.map(|t: Option<&str>| t.map(str::to_string));
            assert_eq!(files.broken(dir, href), want, "{dir} {href}");
        }
    }

    #[test]
    fn foreign_phrases_but_not_names() {
        assert_eq!(
            foreign_phrase("the Peace House (“Ngôi nhà Bình yên”) helps", "en").as_deref(),
            Some("Ngôi nhà Bình yên")
        );
        assert_eq!(foreign_phrase("call the Ba Đình ward police", "en"), None);
        assert_eq!(
            foreign_phrase("Safe Village (Làng quê an toàn)", "en"),
            None
        );
        assert_eq!(
            foreign_phrase("Gọi 111. Read the rules of the game here.", "vi").as_deref(),
            Some("Read the rules of the game here")
        );
        assert_eq!(
            foreign_phrase("Dùng Zalo hay Messenger để nhắn tin", "vi"),
            None
        );
    }
}
