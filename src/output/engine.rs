//! The output engine: the one place that knows every file a campaign
//! produces (a district's pages in every language, hotline exports, theme
//! files, assets, sitemap, 404 page, printable poster and leaflet; the city
//! portal) and how each is made.
//! Its three users see the same files, the same collisions and the same
//! pages: `build` writes them to staging, `check` inspects them in memory,
//! `serve` produces one on request.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use serde::Serialize;
use tera::{Context, Value};

use crate::codes::Code;
use crate::error::Diagnostic;
use crate::model::urls::{page_file, page_href};
use crate::model::{DistrictView, PageId, Site, SourceId};
use crate::msg;
use crate::output::hosting::{self, HostSite};
use crate::project::Project;
use crate::read::hotlines::{Hotline, export_csv, export_json};
use crate::read::images::Variant;
use crate::read::target::SiteUrl;
use crate::read::values::pick;
use crate::render::context::{AzCtx, PageContext, PageCtx};
use crate::render::entry_title;
use crate::render::markdown::escape;
use crate::render::search::{Index, Part, Vocabulary, Weighted, Words};
use crate::render::{Frame, NewsList, Renderer, news_page_count, news_years};

/// How one output file is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// A page: entry index and language index.
    Page {
        /// Index in the district's entries.
        entry: usize,
        /// Index in `config.languages`.
        lang: usize,
    },
    /// `hotlines/hotlines.json`.
    HotlinesJson,
    /// `hotlines/hotlines.csv`.
    HotlinesCsv,
    /// A theme static file (index in `Renderer::static_files`).
    Static(usize),
    /// A content asset (index in `Site::assets`), copied as it is.
    Asset(usize),
    /// A picture of the campaign (index in `Site::assets`), made safe:
    /// without metadata, resized or whole.
    Image {
        /// Index in `Site::assets`.
        asset: usize,
        /// Which file of it.
        variant: Variant,
    },
    /// A numbered page or a year of the news list (`news/page/2/`,
    /// `news/2025/`).
    NewsList {
        /// Index of the news section in the district's entries.
        entry: usize,
        /// Index in `config.languages`.
        lang: usize,
        /// Which.
        list: NewsList,
    },
    /// `news/atom.xml` of a language (index in `config.languages`).
    Feed(usize),
    /// `sitemap.xml`, when the district has a `base_url`.
    Sitemap,
    /// `404.html`, when the district has a `base_url`.
    NotFound,
    /// `print/poster/index.html` in a language (index in
    /// `config.languages`), when the district has a `base_url`.
    Poster(usize),
    /// `print/leaflet/index.html` in a language (index in
    /// `config.languages`), when the district has a `base_url` and pages
    /// marked for the leaflet.
    Leaflet(usize),
    /// A host file (`_headers`, `.htaccess`): headers, cache policy and
    /// 404 page, from the one description in [`crate::output::hosting`].
    Host(HostFile),
    /// A file of the search index in a language (index in
    /// `config.languages`), under `search/`.
    Search {
        /// Index in `config.languages`.
        lang: usize,
        /// Which file.
        part: Part,
    },
    /// `a-z/index.html` in a language (index in `config.languages`): every
    /// page of the district, by title, for readers without JavaScript.
    AtoZ(usize),
}

impl Job {
    /// Does loa name the file after its content (a theme file, a picture
    /// shown in pages)? Only such files may be kept for a year: a download
    /// whose own name merely looks hashed (`to-roi.20261101.pdf`) is not.
    pub fn is_fingerprinted(&self) -> bool {
        match self {
            Job::Static(_) => true,
            Job::Image { variant, .. } => *variant != Variant::Original,
            _ => false,
        }
    }
}

/// The files of `plan` whose names loa fingerprinted.
pub fn fingerprinted(plan: &Plan) -> impl Iterator<Item = &str> {
    plan.files
        .iter()
        .filter(|(_, job)| job.is_fingerprinted())
        .map(|(path, _)| path.as_str())
}

/// The host files of a district folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostFile {
    /// `_headers`, for Netlify and Cloudflare Pages.
    Netlify,
    /// `.htaccess`, for Apache.
    Apache,
    /// An empty marker in `.loa-revalidate/` for nginx: the file of the
    /// same path only looks fingerprinted.
    Revalidate,
}

/// Every file of one district site, by output path, and the collisions
/// found while listing them (two sources for one path).
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Output path -> job.
    pub files: BTreeMap<String, Job>,
    /// `output/same-path` errors.
    pub problems: Vec<Diagnostic>,
}

/// What a job produced.
pub enum Produced<'a> {
    /// Bytes to write.
    Bytes(Cow<'a, [u8]>),
    /// A file of the campaign to copy (read with the campaign's checks).
    Copy(PathBuf),
}

/// Produces the files of one district; each language's frame (what its
/// pages share) is made the first time a file needs it, so the preview
/// rendering one page makes one frame.
pub struct DistrictFiles<'a> {
    project: &'a Project,
    view: &'a DistrictView,
    frames: Vec<OnceLock<Frame<'a>>>,
    /// The host files' description, made from the plan once for both files.
    host: OnceLock<HostSite>,
    /// Each language's QR code, shared by the poster and the leaflet.
    qr: Vec<OnceLock<String>>,
    /// Each language's search index, shared by its files.
    search: Vec<OnceLock<Index>>,
}

impl<'a> DistrictFiles<'a> {
    /// The district `view` of `project`.
    pub fn new(project: &'a Project, view: &'a DistrictView) -> DistrictFiles<'a> {
        let languages = project.site.config.languages.len();
        DistrictFiles {
            project,
            view,
            frames: (0..languages).map(|_| OnceLock::new()).collect(),
            host: OnceLock::new(),
            qr: (0..languages).map(|_| OnceLock::new()).collect(),
            search: (0..languages).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The search index of language `lang`, made the first time one of its
    /// files is.
    fn search(&self, lang: usize) -> &Index {
        self.search[lang].get_or_init(|| search_index(self.project, self.view, lang))
    }

    /// Lists the district's files.
    pub fn plan(&self) -> Plan {
        let mut problems = Vec::new();
        let files = plan(self.project, self.view, &mut problems);
        Plan { files, problems }
    }

    /// What hosts must send with this district's files.
    pub fn host_site(&self, plan: &Plan) -> HostSite {
        let district = self.project.site.district(self.view);
        HostSite::new(
            district.base_url.as_deref(),
            plan.files.keys().map(String::as_str),
            fingerprinted(plan),
        )
    }

    fn frame(&self, lang: usize) -> &Frame<'a> {
        self.frames[lang].get_or_init(|| {
            let site = &self.project.site;
            self.project
                .renderer
                .frame(site, self.view, &site.config.languages[lang])
        })
    }

    /// The shared part of the printed sheet `kind` in language `lang`; its
    /// QR code is made once for both sheets.
    fn printed(&self, lang: usize, kind: &str) -> Printed<'a> {
        let site = &self.project.site;
        let renderer = &self.project.renderer;
        let frame = self.frame(lang);
        let qr = self.qr[lang].get_or_init(|| {
            let url = printed_url(site, frame);
            let label = renderer.strings[frame.lang()].get("poster_qr_label");
            crate::output::print::qr_svg(&url, label).unwrap_or_default()
        });
        printed(site, renderer, frame, kind, qr.clone())
    }

    /// A picture of the campaign, made safe, at one width and format.
    fn image(&self, asset: usize, variant: Variant) -> Result<Vec<u8>, Diagnostic> {
        let source = &self.project.site.assets[asset].source;
        let Some(Ok(facts)) = &source.image else {
            unreachable!("only readable pictures are planned");
        };
        self.project
            .images
            .get(&source.disk, facts, variant)
            .map_err(|why| image_problem(&source.rel, &why))
    }

    /// Makes one file.
    pub fn produce(&self, job: &Job) -> Result<Produced<'a>, Diagnostic> {
        let Project {
            site,
            renderer,
            bodies,
            ..
        } = self.project;
        let directory = || site.hotlines.directory(&site.district(self.view).slug);
        if matches!(job, Job::Page { .. }) {
            (self.project.pages_rendered).fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(match job {
            Job::Page { entry, lang } => Produced::Bytes(Cow::Owned(renderer.render_page(
                self.frame(*lang),
                bodies,
                *entry,
            )?)),
            Job::NewsList { entry, lang, list } => Produced::Bytes(Cow::Owned(
                renderer.render_list_page(self.frame(*lang), bodies, *entry, Some(*list))?,
            )),
            Job::HotlinesJson => Produced::Bytes(Cow::Owned(export_json(&directory()))),
            Job::HotlinesCsv => {
                Produced::Bytes(Cow::Owned(export_csv(&directory(), &site.config.languages)))
            }
            Job::Static(i) => Produced::Bytes(Cow::Borrowed(&renderer.static_files[*i].1.bytes)),
            Job::Asset(i) => Produced::Copy(site.assets[*i].source.disk.clone()),
            Job::Image { asset, variant } => {
                Produced::Bytes(Cow::Owned(self.image(*asset, *variant)?))
            }
            Job::Feed(lang) => Produced::Bytes(Cow::Owned(crate::output::feed::district_feed(
                site,
                self.view,
                bodies,
                &site.config.languages[*lang],
                renderer.options.offline,
            ))),
            Job::Sitemap => Produced::Bytes(Cow::Owned(sitemap(site, self.view))),
            Job::NotFound => Produced::Bytes(Cow::Owned(not_found(site, renderer, self.frame(0))?)),
            Job::Poster(lang) => {
                let sheet = self.printed(*lang, "poster");
                Produced::Bytes(Cow::Owned(poster(
                    site,
                    renderer,
                    self.frame(*lang),
                    sheet,
                )?))
            }
            Job::Leaflet(lang) => {
                let sheet = self.printed(*lang, "leaflet");
                Produced::Bytes(Cow::Owned(leaflet(
                    site,
                    renderer,
                    self.frame(*lang),
                    sheet,
                )?))
            }
            Job::Search { lang, part } => {
                let strings = &renderer.strings[self.frame(*lang).lang()];
                let say =
                    ["search_count", "search_one", "search_none"].map(|k| (k, strings.get(k)));
                Produced::Bytes(Cow::Owned(crate::render::search::script(
                    self.search(*lang),
                    *part,
                    &say,
                )))
            }
            Job::AtoZ(lang) => {
                Produced::Bytes(Cow::Owned(a_to_z(site, renderer, self.frame(*lang))?))
            }
            Job::Host(file) => {
                let host = self.host.get_or_init(|| self.host_site(&self.plan()));
                let text = match file {
                    HostFile::Netlify => hosting::netlify_headers(host),
                    HostFile::Apache => hosting::htaccess(host),
                    HostFile::Revalidate => String::new(),
                };
                Produced::Bytes(Cow::Owned(text.into_bytes()))
            }
        })
    }

    /// The page source a file was made from (in the file's language, or
    /// the one shown instead), for findings about it.
    pub fn source(&self, job: &Job) -> Option<SourceId> {
        let (Job::Page { entry, lang } | Job::NewsList { entry, lang, .. }) = job else {
            return None;
        };
        let site = &self.project.site;
        site.variant(&self.view.entries[*entry], &site.config.languages[*lang])
            .map(|(s, _)| s)
    }
}

/// One of the city's own files at the top of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CityJob {
    /// `index.html`: the portal listing every district.
    Portal,
    /// The city's news feed in a language (index in `config.languages`).
    Feed(usize),
    /// One of the theme's static files (index in `Renderer::static_files`),
    /// which the portal uses too.
    Static(usize),
}

/// Where the portal is, at the top of the output.
pub const PORTAL: &str = "index.html";
/// The template of the portal.
pub const PORTAL_TEMPLATE: &str = "portal.html";

/// The city's own files at the top of the output, by path: the portal, the
/// city's news feed in each language and the theme's static files.
pub fn city_plan(project: &Project) -> BTreeMap<String, CityJob> {
    let config = &project.site.config;
    let mut files = BTreeMap::from([(PORTAL.to_string(), CityJob::Portal)]);
    if crate::output::feed::any_news(&project.site) {
        for (l, lang) in config.languages.iter().enumerate() {
            files.insert(
                crate::output::feed::city_feed_path(config, lang),
                CityJob::Feed(l),
            );
        }
    }
    for (i, (path, _)) in project.renderer.static_files.iter().enumerate() {
        files.insert(path.clone(), CityJob::Static(i));
    }
    files
}

/// Makes one of the city's files.
pub fn produce_city(project: &Project, job: CityJob) -> Result<Produced<'_>, Diagnostic> {
    let renderer = &project.renderer;
    Ok(match job {
        CityJob::Portal => Produced::Bytes(Cow::Owned(portal(&project.site, renderer)?)),
        CityJob::Feed(l) => Produced::Bytes(Cow::Owned(crate::output::feed::city_feed(
            &project.site,
            &project.bodies,
            &project.site.config.languages[l],
            renderer.options.offline,
        ))),
        CityJob::Static(i) => Produced::Bytes(Cow::Borrowed(&renderer.static_files[i].1.bytes[..])),
    })
}

/// Every file of the city's plan, made.
pub fn city_files(project: &Project) -> Result<Vec<(String, Produced<'_>)>, Diagnostic> {
    city_plan(project)
        .into_iter()
        .map(|(path, job)| Ok((path, produce_city(project, job)?)))
        .collect()
}

/// The error for a picture that could not be made safe to publish.
pub fn image_problem(rel: &str, why: &str) -> Diagnostic {
    Diagnostic::error(Code::ImageUnreadable, msg!("image-problem", reason = why))
        .in_file(format!("content/{rel}"))
        .help(msg!("image-save-again-help"))
}

/// The pictures a district publishes: every file of each picture its pages
/// show, and the whole picture of those linked as downloads (and the logo).
pub fn district_images(
    project: &Project,
    view: &DistrictView,
) -> BTreeMap<usize, BTreeSet<Variant>> {
    let site = &project.site;
    let settings = &site.config.images;
    let mut shown: BTreeMap<usize, bool> = BTreeMap::new();
    let mut downloads: Vec<usize> = Vec::new();
    for entry in &view.entries {
        for lang in &site.config.languages {
            let Some((source, _)) = site.variant(entry, lang) else {
                continue;
            };
            let Some(body) = project.bodies.get(&(source, lang.clone())) else {
                continue;
            };
            for (k, use_) in body.images.iter().enumerate() {
                if use_.shown {
                    // The first picture of a page is its share-card picture.
                    let share = body.images[..k].iter().all(|u| !u.shown);
                    *shown.entry(use_.asset).or_default() |= share;
                } else {
                    downloads.push(use_.asset);
                }
            }
        }
    }
    if let Some(share) = site.share_image_asset() {
        shown.insert(share, true);
    }
    let logo = site
        .logo_asset()
        .filter(|&i| matches!(site.assets[i].source.image, Some(Ok(_))));
    let mut out: BTreeMap<usize, BTreeSet<Variant>> = BTreeMap::new();
    for (asset, share) in shown {
        if let Some(Ok(facts)) = &site.assets[asset].source.image {
            let mut v = crate::read::images::variants(facts, settings, share);
            v.retain(|v| *v != Variant::Original);
            out.insert(asset, v.into_iter().collect());
        }
    }
    for asset in downloads {
        if let Some(Ok(_)) = &site.assets[asset].source.image {
            out.entry(asset).or_default().insert(Variant::Original);
        }
    }
    // The logo, on every page, whole under a name with its content hash.
    if let Some(i) = logo {
        out.entry(i).or_default().insert(Variant::Whole);
    }
    out
}

/// Makes every picture the districts publish, in parallel, before pages
/// are written (each once, however many districts show it), telling the
/// progress of long work to `reporter`; returns the pictures still over
/// the size budget.
pub fn prepare_images(
    project: &Project,
    reporter: &dyn crate::i18n::Reporter,
) -> crate::error::Result<Vec<Diagnostic>> {
    let site = &project.site;
    let mut wanted: BTreeSet<usize> = BTreeSet::new();
    for view in &site.districts {
        wanted.extend(district_images(project, view).into_keys());
    }
    let total = wanted.len();
    let done = AtomicUsize::new(0);
    let started = Instant::now();
    let problems: Vec<Diagnostic> = wanted
        .par_iter()
        .filter_map(|&asset| {
            let source = &site.assets[asset].source;
            let Some(Ok(facts)) = &source.image else {
                return None;
            };
            let result = project.images.prepare(&source.disk, facts, true);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if started.elapsed() > Duration::from_secs(2) && (n.is_multiple_of(25) || n == total) {
                reporter.status(msg!("build-pictures-progress", done = n, total = total));
            }
            result.err().map(|why| image_problem(&source.rel, &why))
        })
        .collect();
    if !problems.is_empty() {
        let mut all = project.diagnostics.clone();
        all.extend(problems);
        crate::error::tidy(&mut all);
        return Err(crate::error::Error::Content(all));
    }
    let uses = crate::project::image_uses(site, &project.bodies);
    let budget = site.config.images.budget_bytes;
    let mut warnings = Vec::new();
    for &asset in &wanted {
        let source = &site.assets[asset].source;
        let (Some(Ok(facts)), Some(places)) = (&source.image, uses.get(&asset)) else {
            continue;
        };
        if let Some((variant, size)) = project.images.largest_shown(facts)
            && size > budget
        {
            let finding = Diagnostic::warning(
                Code::ImageOverBudget,
                msg!(
                    "image-over-budget",
                    file = &source.rel,
                    size = size.div_ceil(1024),
                    width = variant,
                    limit = budget / 1024
                ),
            )
            .help(msg!("image-over-budget-help"));
            for (file, line) in places {
                warnings.push(finding.clone().in_file(file).at_line(*line));
            }
        }
    }
    Ok(warnings)
}

/// Plans a district's files; two sources for one path is an error.
fn plan(
    project: &Project,
    view: &DistrictView,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Job> {
    let mut planner = Planner {
        slug: &project.site.district(view).slug,
        files: BTreeMap::new(),
        origin: BTreeMap::new(),
        diagnostics,
    };
    plan_pages(&mut planner, project, view);
    plan_files(&mut planner, project, view);
    plan_news(&mut planner, project, view);
    plan_search(&mut planner, project, view);
    plan_served(&mut planner, project, view);
    planner.files
}

/// The files of one district's plan, with what each came from, so a
/// second thing for one path is a collision that names both.
struct Planner<'p> {
    slug: &'p str,
    files: BTreeMap<String, Job>,
    origin: BTreeMap<String, String>,
    diagnostics: &'p mut Vec<Diagnostic>,
}

impl Planner<'_> {
    /// Plans `job` at `path`; `what` says where it comes from (a file of
    /// the campaign, or words such as crate::i18n::text("output-what-sitemap")).
    fn add(&mut self, path: String, job: Job, what: impl Into<String>) {
        let what = what.into();
        if let Some(first) = self.origin.get(&path) {
            let d = collision(&path, &what, first, self.slug);
            self.diagnostics.push(d);
            return;
        }
        self.origin.insert(path.clone(), what);
        self.files.insert(path, job);
    }
}

/// `output/same-path`: `what` and `first` would both be written to `path`.
/// It points at a file a person edits (of the two, `what` first).
fn collision(path: &str, what: &str, first: &str, slug: &str) -> Diagnostic {
    let editable = |w: &str| {
        let file = w.split(' ').next().unwrap_or(w).to_string();
        (file.starts_with("content/") || file.starts_with("themes/")).then_some(file)
    };
    let (file, message) = match (editable(what), editable(first)) {
        (Some(file), _) => (
            Some(file),
            msg!(
                "output-same-path-file",
                other = first,
                path = path,
                district = slug
            ),
        ),
        (None, Some(file)) => (
            Some(file),
            msg!(
                "output-same-path-file",
                other = what,
                path = path,
                district = slug
            ),
        ),
        (None, None) => (
            None,
            msg!(
                "output-same-path",
                first = what,
                other = first,
                path = path,
                district = slug
            ),
        ),
    };
    let d = Diagnostic::error(Code::OutputSamePath, message).help(msg!("output-same-path-help"));
    match file {
        Some(file) => d.in_file(file),
        None => d,
    }
}

/// Every page of the district in every language.
fn plan_pages(planner: &mut Planner<'_>, project: &Project, view: &DistrictView) {
    let site = &project.site;
    let config = &site.config;
    for (i, entry) in view.entries.iter().enumerate() {
        let page = &site.pages[entry.page];
        for (l, lang) in config.languages.iter().enumerate() {
            let path = format!("{}{}", config.lang_prefix(lang), page_file(&page.path));
            let what = page.original(config.default_lang()).map_or_else(
                || msg!("output-what-page", path = &page.path).text(),
                |s| site.sources[s].file(),
            );
            planner.add(path, Job::Page { entry: i, lang: l }, what);
        }
    }
}

/// The hotline exports, the theme's files, the district's files and its
/// pictures (each width and format, under names carrying their content
/// hash, so one name is one picture).
fn plan_files(planner: &mut Planner<'_>, project: &Project, view: &DistrictView) {
    let site = &project.site;
    planner.add(
        "hotlines/hotlines.json".into(),
        Job::HotlinesJson,
        crate::i18n::text("output-what-hotline-export"),
    );
    planner.add(
        "hotlines/hotlines.csv".into(),
        Job::HotlinesCsv,
        crate::i18n::text("output-what-hotline-export"),
    );
    for (i, (path, file)) in project.renderer.static_files.iter().enumerate() {
        planner.add(path.clone(), Job::Static(i), file.origin.clone());
    }
    for (path, &i) in &view.assets {
        // Pictures are published only as made safe, below.
        if site.assets[i].source.image.is_none() {
            let what = format!("content/{}", site.assets[i].source.rel);
            planner.add(path.clone(), Job::Asset(i), what);
        }
    }
    let mut resized = BTreeSet::new();
    for (asset, variants) in district_images(project, view) {
        let source = &site.assets[asset];
        let Some(Ok(facts)) = &source.source.image else {
            continue;
        };
        for variant in variants {
            let path = variant.path(&source.path, facts);
            if variant != Variant::Original && !resized.insert(path.clone()) {
                continue;
            }
            let what = format!("content/{}", source.source.rel);
            planner.add(path, Job::Image { asset, variant }, what);
        }
    }
}

/// The news lists beyond the first page (numbered pages and years) and
/// the news feed, in every language.
fn plan_news(planner: &mut Planner<'_>, project: &Project, view: &DistrictView) {
    let site = &project.site;
    let config = &site.config;
    if let Some(section) = site.news_section()
        && let Some(&entry) = view.by_path.get(&site.pages[section].path)
    {
        let count = view.children.get(&section).map_or(0, Vec::len);
        let pages = news_page_count(count, config.news_page_size);
        let lists = (2..=pages).map(NewsList::Page).chain(
            news_years(site, view, section)
                .into_iter()
                .map(NewsList::Year),
        );
        for list in lists {
            for (l, lang) in config.languages.iter().enumerate() {
                let path = format!(
                    "{}{}",
                    config.lang_prefix(lang),
                    page_file(&format!("{}{}", site.pages[section].path, list.path()))
                );
                let job = Job::NewsList {
                    entry,
                    lang: l,
                    list,
                };
                planner.add(path, job, crate::i18n::text("output-what-news-list"));
            }
        }
    }
    if site.has_news(view) {
        for (l, lang) in config.languages.iter().enumerate() {
            planner.add(
                site.news_feed_path(lang),
                Job::Feed(l),
                crate::i18n::text("output-what-news-feed"),
            );
        }
    }
}

/// The search index of every language, in one file or (for a large
/// district) split into parts, and the A–Z list of pages.
fn plan_search(planner: &mut Planner<'_>, project: &Project, view: &DistrictView) {
    let site = &project.site;
    let config = &site.config;
    let results = view.entries.len() + site.hotlines.directory(planner.slug).len();
    for (l, lang) in config.languages.iter().enumerate() {
        let prefix = config.lang_prefix(lang);
        for part in Part::all(results) {
            let path = format!("{prefix}search/{}", part.file());
            planner.add(
                path,
                Job::Search { lang: l, part },
                crate::i18n::text("output-what-search-index"),
            );
        }
        let az = format!("{prefix}{}", page_file(crate::render::search::AZ_PATH));
        planner.add(az, Job::AtoZ(l), crate::i18n::text("output-what-a-z"));
    }
}

/// One language's search words, shared by every district's index: the
/// words numbered once, and the weighted words of every page (by page and
/// the source shown) and hotline entry (by district) any district shows.
/// Most pages are the same in all districts: each is folded and weighed
/// once here, not once per district.
#[derive(Debug, Default)]
pub struct SearchWords {
    words: Arc<Words>,
    pages: FxHashMap<(PageId, Option<SourceId>), Weighted>,
    hotlines: FxHashMap<usize, Vec<Weighted>>,
}

/// Each language's [`SearchWords`], made the first time a district's index
/// needs them.
pub type SearchCache = Vec<OnceLock<SearchWords>>;

/// What a page gives the index in language `lang`: the source shown, its
/// title and its description.
fn page_text<'p>(
    project: &'p Project,
    entry: &crate::model::Entry,
    lang: &str,
) -> (Option<SourceId>, &'p str, &'p str) {
    let site = &project.site;
    let source = site.variant(entry, lang).map(|(s, _)| s);
    let description = source
        .and_then(|s| site.sources[s].front.description.as_deref())
        .map_or("", String::as_str);
    let title = entry_title(site, &project.renderer, entry, lang);
    (source, title, description)
}

/// The words of the body of `source` in `lang`, if it has one.
fn body_words<'p>(
    project: &'p Project,
    source: Option<SourceId>,
    lang: &str,
) -> Option<&'p crate::render::search::BodyTerms> {
    let body = project.bodies.get(&(source?, lang.to_string()))?;
    Some(body.search())
}

/// A hotline entry as a result of the index in `lang`: its title and
/// description.
fn hotline_text(h: &Hotline, lang: &str, default: &str) -> (String, String) {
    let description = pick(&h.description, lang, default);
    let text = if description.is_empty() {
        h.phone.clone()
    } else {
        format!("{}. {description}", h.phone)
    };
    (pick(&h.name, lang, default).to_string(), text)
}

/// The search words of language `l` of every district being built.
fn search_words(project: &Project, l: usize) -> SearchWords {
    let site = &project.site;
    let lang = &site.config.languages[l];
    let default = site.config.default_lang();
    let mut vocabulary = Vocabulary::default();
    let mut pages = FxHashMap::default();
    let mut hotlines = FxHashMap::default();
    // Each body's words are counted on every core first (they are counted
    // only for an index).
    project
        .bodies
        .par_iter()
        .filter(|((_, l), _)| l == lang)
        .for_each(|(_, body)| {
            body.search();
        });
    for view in &site.districts {
        for entry in &view.entries {
            let (source, title, description) = page_text(project, entry, lang);
            pages.entry((entry.page, source)).or_insert_with(|| {
                let body = body_words(project, source, lang);
                vocabulary.weigh(title, description, &[], body)
            });
        }
        let directory = site.hotlines.directory(&site.district(view).slug);
        let weighted = directory
            .iter()
            .map(|h| {
                let (title, description) = hotline_text(h, lang, default);
                let phone = crate::render::search::phone_terms(&h.phone);
                vocabulary.weigh(&title, &description, &phone, None)
            })
            .collect();
        hotlines.insert(view.district, weighted);
    }
    let words = vocabulary.finish(pages.values_mut().chain(hotlines.values_mut().flatten()));
    SearchWords {
        words: Arc::new(words),
        pages,
        hotlines,
    }
}

/// Where a result's weighted words are in [`SearchWords`].
enum Weighed {
    /// A page, by page and the source shown.
    Page(PageId, Option<SourceId>),
    /// The `n`th entry of the district's hotline directory, with the
    /// words of its phone number.
    Hotline(usize, Vec<(String, u16)>),
}

/// The district's search index in language `l`: every page it publishes
/// (in that language, or the one shown instead) and every hotline entry
/// of its directory.
fn search_index(project: &Project, view: &DistrictView, l: usize) -> Index {
    let shared = project.search[l].get_or_init(|| search_words(project, l));
    let results = search_results(project, view, l);
    let hotlines = shared.hotlines.get(&view.district);
    let terms: Option<Vec<&[(u32, u16)]>> = results
        .iter()
        .map(|(_, weighed)| match weighed {
            Weighed::Page(page, source) => shared.pages.get(&(*page, *source)),
            Weighed::Hotline(n, _) => hotlines.and_then(|h| h.get(*n)),
        })
        .map(|terms| terms.map(|t| &t[..]))
        .collect();
    if let Some(terms) = terms {
        let results = results.into_iter().map(|(doc, _)| doc).zip(terms).collect();
        return Index::new(Arc::clone(&shared.words), results);
    }
    // A district not among those weighed (none is): words of its own.
    let lang = &project.site.config.languages[l];
    let results = results
        .iter()
        .map(|(doc, weighed)| match weighed {
            Weighed::Page(_, source) => (doc.clone(), body_words(project, *source, lang), &[][..]),
            Weighed::Hotline(_, phone) => (doc.clone(), None, &phone[..]),
        })
        .collect();
    Index::alone(results)
}

/// The results of the district's index in language `l`, in order, and
/// where the words of each are.
fn search_results(
    project: &Project,
    view: &DistrictView,
    l: usize,
) -> Vec<(crate::render::search::Doc, Weighed)> {
    let site = &project.site;
    let renderer = &project.renderer;
    let config = &site.config;
    let lang = &config.languages[l];
    let prefix = config.lang_prefix(lang);
    let offline = renderer.options.offline;
    let mut results = Vec::with_capacity(view.entries.len() + 16);
    for entry in &view.entries {
        let page = &site.pages[entry.page];
        let (source, title, description) = page_text(project, entry, lang);
        let doc = crate::render::search::Doc {
            url: format!("{prefix}{}", page_href(&page.path, offline)),
            title: title.to_string(),
            section: section_title(site, renderer, view, entry, lang),
            description: description.to_string(),
        };
        results.push((doc, Weighed::Page(entry.page, source)));
    }
    let hotlines = site.hotlines.directory(&site.district(view).slug);
    let hotlines_page = view.by_path.get("hotlines/").map(|&i| &view.entries[i]);
    let section = hotlines_page.map_or_else(
        || renderer.strings[lang].get("hotlines_title").to_string(),
        |e| entry_title(site, renderer, e, lang).to_string(),
    );
    for (n, h) in hotlines.iter().enumerate() {
        let (title, description) = hotline_text(h, lang, config.default_lang());
        let doc = crate::render::search::Doc {
            url: format!("{prefix}{}#{}", page_href("hotlines/", offline), h.id),
            title,
            section: section.clone(),
            description,
        };
        let phone = crate::render::search::phone_terms(&h.phone);
        results.push((doc, Weighed::Hotline(n, phone)));
    }
    results
}

/// The title of the section `entry` is in (empty for the home page and
/// the sections themselves).
fn section_title(
    site: &Site,
    renderer: &Renderer,
    view: &DistrictView,
    entry: &crate::model::Entry,
    lang: &str,
) -> String {
    let page = &site.pages[entry.page];
    let Some(parent) = page.parent.filter(|&p| p != site.links_home()) else {
        return String::new();
    };
    view.by_path
        .get(&site.pages[parent].path)
        .map(|&i| entry_title(site, renderer, &view.entries[i], lang).to_string())
        .unwrap_or_default()
}

/// What `a-z.html` is given besides the frame, as `az`: the district's
/// pages by first letter.
fn a_to_z(site: &Site, renderer: &Renderer, frame: &Frame<'_>) -> Result<Vec<u8>, Diagnostic> {
    let config = &site.config;
    let lang = frame.lang();
    let view = frame.view();
    let prefix = config.lang_prefix(lang);
    let offline = renderer.options.offline;
    let items = view
        .entries
        .iter()
        .map(|entry| {
            let page = &site.pages[entry.page];
            let written = site
                .variant(entry, lang)
                .map(|(s, _)| site.sources[s].lang.clone());
            crate::render::search::AzItem {
                title: entry_title(site, renderer, entry, lang).to_string(),
                path: format!("{prefix}{}", page_href(&page.path, offline)),
                section: section_title(site, renderer, view, entry, lang),
                lang: written.filter(|w| w != lang),
            }
        })
        .collect();
    let groups = crate::render::search::az_groups(items);
    let t = &renderer.strings[lang];
    let page = PageCtx::bare(
        t.get("az_title"),
        lang,
        format!("{prefix}{}", crate::render::search::AZ_PATH),
    );
    let depth = page.path.matches('/').count();
    let canonical = site
        .district(view)
        .base_url
        .as_ref()
        .map(|base| format!("{base}{}", page.path));
    let mut page = PageContext::alone("../".repeat(depth), page);
    page.canonical = canonical.clone();
    page.share = Some(crate::render::bare_share(frame, canonical));
    let context = frame.with(&AzCtx { page, az: groups });
    renderer.render_named("a-z.html", &context).map_err(|e| {
        let slug = &site.district(view).slug;
        renderer.template_error(
            &e,
            &msg!(
                "template-of-district",
                template = "a-z.html",
                district = slug
            )
            .text(),
        )
    })
}

/// What only a site with an address has (the sitemap, the 404 page, the
/// printed material whose QR code leads there), then the web servers'
/// files, last: they describe the files above. Neither is for a folder
/// opened from disk (`--offline`), where no server reads them.
fn plan_served(planner: &mut Planner<'_>, project: &Project, view: &DistrictView) {
    let site = &project.site;
    let config = &site.config;
    let offline = project.renderer.options.offline;
    if site.district(view).base_url.is_some() {
        planner.add(
            "sitemap.xml".into(),
            Job::Sitemap,
            crate::i18n::text("output-what-sitemap"),
        );
        if !offline {
            planner.add(
                "404.html".into(),
                Job::NotFound,
                crate::i18n::text("output-what-404"),
            );
        }
        for (l, lang) in config.languages.iter().enumerate() {
            let prefix = config.lang_prefix(lang);
            let poster = format!("{prefix}print/poster/{}", page_file(""));
            planner.add(
                poster,
                Job::Poster(l),
                crate::i18n::text("output-what-poster"),
            );
            if !crate::output::print::leaflet(site, view, lang).is_empty() {
                let leaflet = format!("{prefix}print/leaflet/{}", page_file(""));
                planner.add(
                    leaflet,
                    Job::Leaflet(l),
                    crate::i18n::text("output-what-leaflet"),
                );
            }
        }
    }
    if !offline {
        let look_alikes: Vec<String> = planner
            .files
            .iter()
            .filter(|(path, job)| hosting::is_fingerprinted(path) && !job.is_fingerprinted())
            .map(|(path, _)| format!("{}/{path}", hosting::REVALIDATE_DIR))
            .collect();
        for marker in look_alikes {
            planner.add(
                marker,
                Job::Host(HostFile::Revalidate),
                crate::i18n::text("output-what-host-headers"),
            );
        }
        let netlify = Job::Host(HostFile::Netlify);
        planner.add(
            "_headers".into(),
            netlify,
            crate::i18n::text("output-what-host-headers"),
        );
        planner.add(
            ".htaccess".into(),
            Job::Host(HostFile::Apache),
            crate::i18n::text("output-what-host-headers"),
        );
    }
}

fn sitemap(site: &Site, view: &DistrictView) -> Vec<u8> {
    let config = &site.config;
    let base = site
        .district(view)
        .base_url
        .as_deref()
        .map_or("", SiteUrl::as_str);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for entry in &view.entries {
        let page = &site.pages[entry.page];
        let langs: Vec<&String> = config
            .languages
            .iter()
            .filter(|l| site.has_translation(entry, l))
            .collect();
        for lang in &langs {
            let loc = format!("{base}{}{}", config.lang_prefix(lang), page.path);
            xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", escape(&loc)));
            if langs.len() > 1 {
                for other in &langs {
                    let href = format!("{base}{}{}", config.lang_prefix(other), page.path);
                    xml.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{}\"/>\n",
                        escape(&href)
                    ));
                }
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml.into_bytes()
}

/// The 404 page uses absolute links: hosts show it at any depth.
fn not_found(site: &Site, renderer: &Renderer, frame: &Frame<'_>) -> Result<Vec<u8>, Diagnostic> {
    let lang = frame.lang();
    let district = site.district(frame.view());
    let base = district
        .base_url
        .as_deref()
        .map_or("", SiteUrl::as_str)
        .to_string();
    let t = &renderer.strings[lang];
    let page = PageCtx::bare(t.get("not_found_title"), lang, "404.html".into());
    let mut page = PageContext::alone(base, page);
    // Shared by mistake, it still says whose site it is; it has no address
    // of its own, so no `og:url`.
    page.share = Some(crate::render::bare_share(frame, None));
    let context = frame.with(&page);
    renderer.render_named("404.html", &context).map_err(|e| {
        renderer.template_error(
            &e,
            &msg!(
                "template-of-district",
                template = "404.html",
                district = &district.slug
            )
            .text(),
        )
    })
}

/// What `poster.html` is given besides the frame.
#[derive(Serialize)]
struct PosterTemplateCtx<'a> {
    /// The page (a bare one: title, address, share tags).
    #[serde(flatten)]
    page: PageContext<'a>,
    /// The pinned hotlines fit for paper, in place of the frame's.
    pinned: Vec<crate::render::context::HotlineCtx<'a>>,
    /// The poster.
    poster: PosterCtx<'a>,
}

/// `poster`: the poster's own values.
#[derive(Serialize)]
struct PosterCtx<'a> {
    /// The pinned hotlines, without example data, that fit on the page.
    hotlines: Vec<crate::render::context::HotlineCtx<'a>>,
    /// Some pinned hotlines were left off: the sheet says more are on the
    /// site.
    more: bool,
    /// Whether the numbers' descriptions are shown (not when the
    /// numbers fit only without them).
    descriptions: bool,
    /// The district site's address in this language.
    url: String,
    /// The QR code leading there, as inline SVG (empty for an address too
    /// long for a code, which `base_url`'s check prevents).
    qr: String,
}

/// A district's printable A4 poster in the frame's language.
fn poster(
    site: &Site,
    renderer: &Renderer,
    frame: &Frame<'_>,
    sheet: Printed<'_>,
) -> Result<Vec<u8>, Diagnostic> {
    let context = frame.with(&PosterTemplateCtx {
        page: sheet.page,
        pinned: sheet.hotlines,
        poster: PosterCtx {
            hotlines: sheet.on_paper,
            more: sheet.more,
            descriptions: sheet.descriptions,
            url: sheet.url,
            qr: sheet.qr,
        },
    });
    render_printed(site, renderer, frame, "poster", &context)
}

/// What a printed sheet (poster, leaflet) of the frame's district and
/// language shares: its page (its own address as the canonical one, share
/// tags), the pinned hotlines fit for paper (also the screen header's call
/// buttons, without any example number), and the site's address with its
/// QR code.
struct Printed<'s> {
    page: PageContext<'s>,
    hotlines: Vec<crate::render::context::HotlineCtx<'s>>,
    /// Those of `hotlines` the sheet has room for.
    on_paper: Vec<crate::render::context::HotlineCtx<'s>>,
    /// Whether some were left off.
    more: bool,
    /// Whether the poster shows their descriptions.
    descriptions: bool,
    url: String,
    qr: String,
}

/// The shared part of the printed sheet `kind` (`poster`, `leaflet`), at
/// `print/<kind>/`.
fn printed<'s>(
    site: &'s Site,
    renderer: &'s Renderer,
    frame: &Frame<'s>,
    kind: &str,
    qr: String,
) -> Printed<'s> {
    let config = &site.config;
    let lang = frame.lang();
    let base = site
        .district(frame.view())
        .base_url
        .as_deref()
        .map_or("", SiteUrl::as_str);
    let url = printed_url(site, frame);
    let t = &renderer.strings[lang];
    let slug = &site.district(frame.view()).slug;
    let hotlines: Vec<_> = crate::output::print::poster_hotlines(&site.hotlines, config, slug)
        .into_iter()
        .map(|h| renderer.hotline_ctx(h, lang, config.default_lang()))
        .collect();
    // The sheet prints those that fit on it whole (`loa check` tells of
    // the others).
    let sheet = if kind == "poster" {
        crate::output::print::Sheet::Poster
    } else {
        crate::output::print::Sheet::Leaflet
    };
    let on_paper = crate::output::print::sheet_numbers(site, renderer, slug, lang, sheet);
    let page = PageCtx::bare(
        t.get(&format!("{kind}_title")),
        lang,
        format!("{}print/{kind}/", config.lang_prefix(lang)),
    );
    // Relative, like every page's: `print/<kind>/` is two folders down.
    let depth = page.path.matches('/').count();
    let canonical = format!("{base}{}", page.path);
    let mut page = PageContext::alone("../".repeat(depth), page);
    page.canonical = Some(canonical.clone());
    page.share = Some(crate::render::bare_share(frame, Some(canonical)));
    Printed {
        page,
        hotlines,
        more: !on_paper.left.is_empty(),
        descriptions: on_paper.descriptions,
        on_paper: on_paper.shown,
        url,
        qr,
    }
}

/// The district site's address in the frame's language, which printed
/// sheets show and their QR code leads to.
fn printed_url(site: &Site, frame: &Frame<'_>) -> String {
    let base = site.district(frame.view()).base_url.as_deref();
    crate::output::print::site_url(&site.config, base.map_or("", SiteUrl::as_str), frame.lang())
}

/// Renders `<kind>.html` for the frame's district.
fn render_printed(
    site: &Site,
    renderer: &Renderer,
    frame: &Frame<'_>,
    kind: &str,
    context: &Context,
) -> Result<Vec<u8>, Diagnostic> {
    let template = format!("{kind}.html");
    renderer.render_named(&template, context).map_err(|e| {
        let slug = &site.district(frame.view()).slug;
        renderer.template_error(
            &e,
            &msg!("template-of-district", template = template, district = slug).text(),
        )
    })
}

/// A page on the leaflet, as `leaflet.html` sees it.
#[derive(Serialize)]
struct LeafletPageCtx<'a> {
    /// Its title.
    title: &'a str,
    /// The language it is written in (another, when not yet translated).
    lang: &'a str,
    /// The part of its body that fits, as HTML, links left as text.
    html: String,
}

/// What `leaflet.html` is given besides the frame.
#[derive(Serialize)]
struct LeafletTemplateCtx<'a> {
    /// The page (a bare one: title, address, share tags).
    #[serde(flatten)]
    page: PageContext<'a>,
    /// The pinned hotlines fit for paper, in place of the frame's.
    pinned: Vec<crate::render::context::HotlineCtx<'a>>,
    /// The leaflet.
    leaflet: LeafletCtx<'a>,
}

/// `leaflet`: the leaflet's own values.
#[derive(Serialize)]
struct LeafletCtx<'a> {
    /// The pinned hotlines, without example data, that fit on the cover.
    hotlines: Vec<crate::render::context::HotlineCtx<'a>>,
    /// Some pinned hotlines were left off: the cover says more are on the
    /// site.
    more: bool,
    /// The marked pages printed inside, in order.
    pages: Vec<LeafletPageCtx<'a>>,
    /// The marked pages printed on the back, in order.
    back: Vec<LeafletPageCtx<'a>>,
    /// The district site's address in this language.
    url: String,
    /// The QR code leading there, as inline SVG (empty for an address too
    /// long for a code, which `base_url`'s check prevents).
    qr: String,
}

/// A district's printable leaflet in the frame's language: A4 landscape on
/// both sides, folded to A5.
fn leaflet(
    site: &Site,
    renderer: &Renderer,
    frame: &Frame<'_>,
    printed: Printed<'_>,
) -> Result<Vec<u8>, Diagnostic> {
    let lang = frame.lang();
    let sheet = crate::output::print::leaflet(site, frame.view(), lang);
    // Ids stay unique on the sheet, which holds several pages.
    let mut labels = renderer.labels(lang).clone();
    let pages = leaflet_pages(site, &sheet.parts, &mut labels);
    let back = leaflet_pages(site, &sheet.back, &mut labels);
    let context = frame.with(&LeafletTemplateCtx {
        page: printed.page,
        pinned: printed.hotlines,
        leaflet: LeafletCtx {
            hotlines: printed.on_paper,
            more: printed.more,
            pages,
            back,
            url: printed.url,
            qr: printed.qr,
        },
    });
    render_printed(site, renderer, frame, "leaflet", &context)
}

/// The parts of marked pages a side of the leaflet holds, rendered for
/// paper: links keep their text, pictures leave their alt text, and the
/// ids they take are added to `labels` so the next part does not reuse
/// them.
fn leaflet_pages<'s>(
    site: &'s Site,
    parts: &[crate::output::print::LeafletPart],
    labels: &mut crate::render::markdown::Labels,
) -> Vec<LeafletPageCtx<'s>> {
    parts
        .iter()
        .map(|part| {
            let src = &site.sources[part.source];
            let body = crate::render::markdown::render_under(
                &src.body[..part.end],
                src.body_line,
                labels,
                &mut |_, _, _| crate::render::markdown::Resolved::Drop,
                3,
            );
            labels.reserved_ids.extend(body.ids.iter().cloned());
            LeafletPageCtx {
                title: &src.front.title,
                lang: &src.lang,
                html: body.html,
            }
        })
        .collect()
}

/// What `portal.html` is given.
#[derive(Serialize)]
struct PortalContext<'a> {
    root: &'static str,
    lang: &'a str,
    default_lang: &'a str,
    districts: Vec<PortalDistrict<'a>>,
    languages: Vec<PortalLang<'a>>,
    t: Value,
    quick_exit_url: &'a str,
    title: &'a str,
    theme_files: &'a BTreeMap<String, String>,
    /// The city news feed in the default language (`atom.xml`), when any
    /// district has news.
    feed: Option<&'static str>,
    /// The city news feed in every language, when any district has news.
    feeds: Vec<PortalFeed<'a>>,
    /// Share-card tags: the campaign's description and the default
    /// language's Open Graph locale (the portal has no address of its own,
    /// so no `og:url`, and no picture).
    description: &'a str,
    locale: String,
}

/// Every district of the campaign with its name and address in each
/// language, and whether this build made it.
fn portal_districts(site: &Site, offline: bool) -> Vec<PortalDistrict<'_>> {
    let config = &site.config;
    let built: Vec<&str> = site
        .districts
        .iter()
        .map(|v| site.district(v).slug.as_str())
        .collect();
    config
        .districts
        .iter()
        .map(|d| PortalDistrict {
            slug: &d.slug,
            names: config
                .languages
                .iter()
                .map(|l| PortalName {
                    lang: l,
                    name: pick(&d.name, l, config.default_lang()),
                    path: format!(
                        "{}/{}{}",
                        d.slug,
                        config.lang_prefix(l),
                        if offline { "index.html" } else { "" }
                    ),
                })
                .collect(),
            built: built.contains(&d.slug.as_str()),
        })
        .collect()
}

/// The portal's texts and pinned calls in language `l`.
fn portal_language<'s>(site: &'s Site, renderer: &Renderer, l: &'s str) -> PortalLang<'s> {
    let config = &site.config;
    let default = config.default_lang();
    PortalLang {
        code: l,
        title: pick(&config.title, l, default),
        description: pick(&config.description, l, default),
        unit_label: pick(&config.unit_label, l, default),
        t: Value::from_serializable(&renderer.strings[l].map),
        pinned: site
            .hotlines
            .pinned(config)
            .into_iter()
            .map(|h| PortalCall {
                name: pick(&h.name, l, default),
                phone: &h.phone,
                tel: &h.tel,
            })
            .collect(),
    }
}

/// The city news feed in one language, for `<link rel="alternate">`.
#[derive(Serialize)]
struct PortalFeed<'a> {
    lang: &'a str,
    path: String,
    title: &'a str,
}

#[derive(Serialize)]
struct PortalDistrict<'a> {
    slug: &'a str,
    names: Vec<PortalName<'a>>,
    built: bool,
}

#[derive(Serialize)]
struct PortalName<'a> {
    lang: &'a str,
    name: &'a str,
    path: String,
}

#[derive(Serialize)]
struct PortalLang<'a> {
    code: &'a str,
    title: &'a str,
    description: &'a str,
    unit_label: &'a str,
    t: Value,
    pinned: Vec<PortalCall<'a>>,
}

/// A pinned hotline on the portal: whoever lands there first may be in
/// danger too.
#[derive(Serialize)]
struct PortalCall<'a> {
    name: &'a str,
    phone: &'a str,
    tel: &'a str,
}

/// The city feed of every language, when any district has news.
fn portal_feeds(site: &Site) -> Vec<PortalFeed<'_>> {
    let config = &site.config;
    if !crate::output::feed::any_news(site) {
        return Vec::new();
    }
    config
        .languages
        .iter()
        .map(|l| PortalFeed {
            lang: l,
            path: crate::output::feed::city_feed_path(config, l),
            title: pick(&config.title, l, config.default_lang()),
        })
        .collect()
}

/// `public/index.html`: links to every district in every language.
pub fn portal(site: &Site, renderer: &Renderer) -> Result<Vec<u8>, Diagnostic> {
    let config = &site.config;
    let default = config.default_lang();
    let districts = portal_districts(site, renderer.options.offline);
    let languages: Vec<PortalLang<'_>> = config
        .languages
        .iter()
        .map(|l| portal_language(site, renderer, l))
        .collect();
    let portal = PortalContext {
        root: "./",
        lang: default,
        default_lang: default,
        districts,
        languages,
        t: Value::from_serializable(&renderer.strings[default].map),
        quick_exit_url: &config.quick_exit_url,
        title: pick(&config.title, default, default),
        theme_files: &renderer.theme_files,
        feed: crate::output::feed::any_news(site).then_some("atom.xml"),
        description: pick(&config.description, default, default),
        locale: crate::render::context::og_locale(default),
        feeds: portal_feeds(site),
    };
    let context = Context::from_serialize(&portal).expect("the portal's values serialise");
    renderer
        .render_named(PORTAL_TEMPLATE, &context)
        .map_err(|e| renderer.template_error(&e, &crate::i18n::text("template-city-portal")))
}
