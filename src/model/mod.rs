//! The site model: pages (one per path, with a source per language), the
//! sections they belong to, and each district's view of them (shared pages,
//! its overrides, its own pages). Pure: no I/O; built once, then rendered
//! for every district and language.

mod links;
pub mod urls;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

pub use links::{
    GENERATED_FILES, LinkFrom, LinkIndex, LinkKind, LinkProblem, LinkTarget, LinkUse, Picture,
    Resolved,
};

use crate::codes::Code;
use crate::error::Diagnostic;
use crate::msg;
use crate::read::config::Config;
use crate::read::config::unknown_district;
use crate::read::content::{AssetSource, PageSource, Sources};
use crate::read::hotlines::Hotlines;
use crate::read::slug::{is_slug, slugify};
use crate::read::values::{Audience, DistrictSel};
use crate::read::yaml::Spanned;

/// Index of a page source in [`Site::sources`].
pub type SourceId = usize;
/// Index of a page in [`Site::pages`].
pub type PageId = usize;

/// What a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// The home page of a district site.
    Home,
    /// A section index (`_index.md`), listing its pages.
    Section,
    /// An ordinary page.
    Page,
}

/// What a page is for, which decides its default template and what its
/// template is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageRole {
    /// The district's home page.
    Home,
    /// The hotline directory (`hotlines/_index`).
    Directory,
    /// Another section index.
    Section,
    /// An ordinary page.
    Page,
}

impl PageRole {
    /// The logical path of the hotline directory.
    pub const DIRECTORY: &'static str = "hotlines/_index";

    /// The theme template used unless the page names another.
    pub fn template(self) -> &'static str {
        match self {
            PageRole::Home => "home.html",
            PageRole::Directory => "hotlines.html",
            PageRole::Section => "section.html",
            PageRole::Page => "page.html",
        }
    }
}

/// One page: a path, and a source per language.
#[derive(Debug, Clone)]
pub struct Page {
    /// Home, section or page.
    pub kind: PageKind,
    /// `None` for shared pages, `Some(slug)` for a district's own page.
    pub scope: Option<String>,
    /// Scope-relative path without language: `skills/a`, `skills/_index`.
    pub logical: String,
    /// URL path within a language: "" (home), `skills/`, `skills/a/`.
    pub path: String,
    /// The section it is listed in.
    pub parent: Option<PageId>,
    /// Source per language code.
    pub variants: BTreeMap<String, SourceId>,
}

impl Page {
    /// What the page is for.
    pub fn role(&self) -> PageRole {
        match self.kind {
            PageKind::Home => PageRole::Home,
            PageKind::Section if self.logical == PageRole::DIRECTORY => PageRole::Directory,
            PageKind::Section => PageRole::Section,
            PageKind::Page => PageRole::Page,
        }
    }

    /// The source in the default language, or else the first there is:
    /// the file to name in messages about the page.
    pub fn original(&self, default_lang: &str) -> Option<SourceId> {
        self.variants
            .get(default_lang)
            .or_else(|| self.variants.values().next())
            .copied()
    }
}

/// A page as one district shows it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The page.
    pub page: PageId,
    /// Languages whose source this district replaces.
    pub overrides: BTreeMap<String, SourceId>,
}

/// A copied file and where it goes.
#[derive(Debug, Clone)]
pub struct Asset {
    /// The source file.
    pub source: AssetSource,
    /// Output path within a district: `skills/so-do.png`.
    pub path: String,
}

/// One district's site.
#[derive(Debug, Clone)]
pub struct DistrictView {
    /// Index in `config.districts`.
    pub district: usize,
    /// Every page, in path order.
    pub entries: Vec<Entry>,
    /// URL path -> index in `entries`.
    pub by_path: HashMap<String, usize>,
    /// Section page -> indices in `entries` of the pages listed in it.
    pub children: HashMap<PageId, Vec<usize>>,
    /// Output path -> index in `Site::assets`, district files winning.
    pub assets: BTreeMap<String, usize>,
}

/// The whole campaign, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    /// Configuration.
    pub config: Config,
    /// Page sources.
    pub sources: Vec<Arc<PageSource>>,
    /// Pages, shared and district-only.
    pub pages: Vec<Page>,
    /// Files copied as they are.
    pub assets: Vec<Asset>,
    /// Hotline entries.
    pub hotlines: Hotlines,
    /// The districts being built.
    pub districts: Vec<DistrictView>,
    /// Lookups for resolving links.
    pub links: LinkIndex,
    /// Files held back as drafts (`draft: true`, or the translation of a
    /// draft), by path; none in the preview, which shows them.
    pub drafts: Vec<Arc<PageSource>>,
}

/// Choices that change the model.
#[derive(Debug, Clone, Default)]
pub struct ModelOptions {
    /// Only these districts (all when empty).
    pub districts: Vec<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
}

impl Site {
    /// The files of drafts held back, one line each for people: their
    /// paths (`content/…`) in order.
    pub fn draft_files(&self) -> Vec<String> {
        let mut files: Vec<String> = self.drafts.iter().map(|s| s.file()).collect();
        files.sort();
        files
    }

    /// The sentence that lists the drafts held back, for `build`, `check`
    /// and the desk: none when there are none.
    pub fn drafts_note(&self) -> Option<String> {
        if self.drafts.is_empty() {
            return None;
        }
        let pages: std::collections::BTreeSet<(Option<&str>, &str)> = self
            .drafts
            .iter()
            .map(|s| (s.scope.as_deref(), s.logical.as_str()))
            .collect();
        Some(
            msg!(
                "drafts-note",
                count = pages.len(),
                files = self.draft_files().join(", ")
            )
            .text(),
        )
    }

    /// The held-back draft that is `page`'s version in `lang`, if any.
    pub fn draft_translation(&self, page: &Page, lang: &str) -> Option<&PageSource> {
        self.drafts
            .iter()
            .find(|s| s.lang == lang && s.logical == page.logical && s.scope == page.scope)
            .map(|s| &**s)
    }

    /// The district configuration of a view.
    pub fn district(&self, view: &DistrictView) -> &crate::read::config::District {
        &self.config.districts[view.district]
    }

    /// The source shown for `entry` in `lang`, and whether it is a fallback
    /// in another language.
    pub fn variant(&self, entry: &Entry, lang: &str) -> Option<(SourceId, bool)> {
        let page = &self.pages[entry.page];
        let get = |l: &str| {
            entry
                .overrides
                .get(l)
                .or_else(|| page.variants.get(l))
                .copied()
        };
        if let Some(id) = get(lang) {
            return Some((id, false));
        }
        std::iter::once(self.config.default_lang())
            .chain(self.config.languages.iter().map(String::as_str))
            .find_map(get)
            .map(|id| (id, true))
    }

    /// Is `lang` actually written (not a fallback) for `entry`?
    pub fn has_translation(&self, entry: &Entry, lang: &str) -> bool {
        entry.overrides.contains_key(lang) || self.pages[entry.page].variants.contains_key(lang)
    }

    /// The pages `section` lists in district `view` (entry indexes), in
    /// order for one language: by weight then title, or by date (newest
    /// first) for sections sorted by date.
    pub fn ordered_children(&self, view: &DistrictView, lang: &str, section: PageId) -> Vec<usize> {
        let children = view.children.get(&section).map_or(&[][..], Vec::as_slice);
        let section_page = &self.pages[section];
        let by_date = view
            .by_path
            .get(&section_page.path)
            .and_then(|&i| self.variant(&view.entries[i], lang))
            .and_then(|(s, _)| self.sources[s].front.sort_by)
            .map_or(section_page.logical == "news/_index", |s| {
                s == crate::read::content::SortBy::Date
            });
        let mut keyed: Vec<(
            usize,
            Option<i64>,
            Option<crate::read::values::Date>,
            String,
        )> = children
            .iter()
            .map(|&i| {
                let front = self
                    .variant(&view.entries[i], lang)
                    .map(|(s, _)| &self.sources[s].front);
                let title = front.map_or("", |f| f.title.as_str());
                (
                    i,
                    front.and_then(|f| f.weight),
                    front.and_then(|f| f.date.map(Spanned::into_inner)),
                    collation_key(title),
                )
            })
            .collect();
        if by_date {
            keyed.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.3.cmp(&b.3)));
        } else {
            keyed.sort_by(|a, b| {
                a.1.unwrap_or(i64::MAX)
                    .cmp(&b.1.unwrap_or(i64::MAX))
                    .then_with(|| a.3.cmp(&b.3))
            });
        }
        keyed.into_iter().map(|k| k.0).collect()
    }
}

/// Builds the model. Problems are pushed to `diagnostics`.
pub fn build(
    config: Config,
    sources: Sources,
    hotlines: Hotlines,
    options: &ModelOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    let Sources {
        pages: all_sources,
        assets: asset_sources,
        ..
    } = sources;
    let (sources, drafts) = split_drafts(&config, all_sources, options.drafts);
    for source in &sources {
        check_front(&config, source, diagnostics);
    }

    let mut builder = Builder {
        config: &config,
        sources: &sources,
        pages: Vec::new(),
        diagnostics,
    };
    let shared = builder.shared_pages();
    let district_pages = builder.district_pages(&shared);
    let pages = builder.pages;

    let assets: Vec<Asset> = asset_sources
        .into_iter()
        .map(|source| {
            let path = urls::asset_path(&source.logical);
            Asset { source, path }
        })
        .collect();

    let tables = Tables {
        pages: &pages,
        sources: &sources,
        shared: &shared,
        district_pages: &district_pages,
        assets: &assets,
    };
    let districts: Vec<DistrictView> = (0..config.districts.len())
        .filter(|&i| {
            options.districts.is_empty() || options.districts.contains(&config.districts[i].slug)
        })
        .map(|i| district_view(&config, i, &tables, diagnostics))
        .collect();

    let phones = hotlines.entries.iter().map(|h| h.tel.clone());
    let links = LinkIndex::new(&config, &pages, &assets, &drafts, phones);
    Site {
        config,
        sources,
        pages,
        assets,
        hotlines,
        districts,
        links,
        drafts,
    }
}

/// The sources to publish, and the drafts held back (links to them are
/// reported as links to drafts). A draft in the default language holds
/// back the whole page: its translations are not published on their own.
/// With `keep_drafts` (the preview) nothing is held back.
fn split_drafts(
    config: &Config,
    all: Vec<Arc<PageSource>>,
    keep_drafts: bool,
) -> (Vec<Arc<PageSource>>, Vec<Arc<PageSource>>) {
    let draft_pages: std::collections::HashSet<(Option<String>, String)> = all
        .iter()
        .filter(|s| *s.front.draft && s.lang == config.default_lang())
        .map(|s| (s.scope.clone(), s.logical.clone()))
        .collect();
    all.into_iter().partition(|s| {
        keep_drafts
            || !(*s.front.draft || draft_pages.contains(&(s.scope.clone(), s.logical.clone())))
    })
}

struct Builder<'a> {
    config: &'a Config,
    sources: &'a [Arc<PageSource>],
    pages: Vec<Page>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

/// Shared pages by logical path.
type SharedIndex = HashMap<String, PageId>;
/// District-only pages and overrides: slug -> logical -> (page or override sources).
type DistrictIndex = HashMap<String, DistrictPages>;

#[derive(Default)]
struct DistrictPages {
    /// Overrides of shared pages: page -> lang -> source.
    overrides: HashMap<PageId, BTreeMap<String, SourceId>>,
    /// The district's own pages.
    own: Vec<PageId>,
}

impl Builder<'_> {
    /// Groups shared sources by page and gives each page its path.
    fn shared_pages(&mut self) -> SharedIndex {
        let groups = self.group(|s| s.scope.is_none());
        let mut index = SharedIndex::new();
        for (logical, variants) in groups {
            let id = self.add_page(None, logical.clone(), variants);
            index.insert(logical, id);
        }
        for (logical, path) in [("_index", ""), (PageRole::DIRECTORY, "hotlines/")] {
            if !index.contains_key(logical) {
                // A home page and a hotline directory exist even when the
                // campaign has no `_index.md` for them.
                let kind = if path.is_empty() {
                    PageKind::Home
                } else {
                    PageKind::Section
                };
                self.pages.push(Page {
                    kind,
                    scope: None,
                    logical: logical.to_string(),
                    path: path.to_string(),
                    parent: None,
                    variants: BTreeMap::new(),
                });
                index.insert(logical.to_string(), self.pages.len() - 1);
            }
        }
        let lookup = |logical: &str| index.get(logical).copied();
        for id in 0..self.pages.len() {
            self.pages[id].parent = parent_of(&self.pages[id].logical, &lookup);
        }
        self.check_collisions(&index.values().copied().collect::<Vec<_>>());
        index
    }

    /// Sorts district sources into overrides of shared pages and own pages.
    fn district_pages(&mut self, shared: &SharedIndex) -> DistrictIndex {
        let mut index = DistrictIndex::new();
        for district in &self.config.districts {
            let slug = district.slug.as_str();
            let groups = self.group(|s| s.scope.as_deref() == Some(slug));
            let mut pages = DistrictPages::default();
            let mut own_logical: HashMap<String, PageId> = HashMap::new();
            for (logical, variants) in groups {
                if let Some(&page) = shared.get(&logical) {
                    self.check_override_slug(page, &variants);
                    pages.overrides.insert(page, variants);
                } else {
                    let id = self.add_page(Some(slug.to_string()), logical.clone(), variants);
                    own_logical.insert(logical, id);
                    pages.own.push(id);
                }
            }
            let lookup = |logical: &str| {
                own_logical
                    .get(logical)
                    .or_else(|| shared.get(logical))
                    .copied()
            };
            for &id in &pages.own {
                self.pages[id].parent = parent_of(&self.pages[id].logical, &lookup);
            }
            index.insert(slug.to_string(), pages);
        }
        index
    }

    /// Sources matching `filter`, grouped by logical path, one per language.
    fn group(
        &mut self,
        filter: impl Fn(&PageSource) -> bool,
    ) -> BTreeMap<String, BTreeMap<String, SourceId>> {
        let mut groups: BTreeMap<String, BTreeMap<String, SourceId>> = BTreeMap::new();
        for (id, source) in self.sources.iter().enumerate().filter(|(_, s)| filter(s)) {
            let variants = groups.entry(source.logical.clone()).or_default();
            if let Some(&other) = variants.get(&source.lang) {
                let first = &self.sources[other];
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::PageDuplicateLanguage,
                        msg!(
                            "page-duplicate-language",
                            other = first.file(),
                            lang = &source.lang,
                            path = urls::page_path(&source.logical, kind_of(&source.logical), None)
                        ),
                    )
                    .in_file(source.file())
                    .help(msg!("page-duplicate-language-help")),
                );
                continue;
            }
            variants.insert(source.lang.clone(), id);
        }
        groups
    }

    fn add_page(
        &mut self,
        scope: Option<String>,
        logical: String,
        variants: BTreeMap<String, SourceId>,
    ) -> PageId {
        let kind = kind_of(&logical);
        let slug = self.slug(kind, &logical, &variants);
        let path = urls::page_path(&logical, kind, slug.as_deref());
        self.pages.push(Page {
            kind,
            scope,
            logical,
            path,
            parent: None,
            variants,
        });
        self.pages.len() - 1
    }

    /// The page's slug: from front matter (all languages must agree) or the
    /// file name.
    /// The page's own web address part: the `slug` its translations agree
    /// on, or its file name made a slug. `None` for sections (their folder
    /// names the address).
    fn slug(
        &mut self,
        kind: PageKind,
        logical: &str,
        variants: &BTreeMap<String, SourceId>,
    ) -> Option<String> {
        let mut chosen: Option<(&str, SourceId)> = None;
        for &id in variants.values() {
            let source = &self.sources[id];
            let Some(written) = &source.front.slug else {
                continue;
            };
            let slug = written.as_str();
            if let Some(problem) = slug_problem(kind, slug) {
                self.diagnostics.push(source.point(problem, written));
                continue;
            }
            match chosen {
                Some((first, first_id)) if first != slug => {
                    self.diagnostics.push(
                        source.point(
                            Diagnostic::error(
                                Code::PageSlugMismatch,
                                msg!(
                                    "page-slug-mismatch",
                                    slug = slug,
                                    first = first,
                                    other = self.sources[first_id].file()
                                ),
                            )
                            .help(msg!("page-slug-mismatch-help")),
                            written,
                        ),
                    );
                }
                Some(_) => {}
                None => chosen = Some((slug, id)),
            }
        }
        if let Some((slug, _)) = chosen {
            return Some(slug.to_string());
        }
        if kind != PageKind::Page {
            return None;
        }
        let name = logical.rsplit('/').next().unwrap_or(logical);
        let slug = slugify(name);
        if let Some(d) = reserved_slug(&slug) {
            let source = &self.sources[*variants.values().next().expect("a page has a source")];
            self.diagnostics.push(
                d.in_file(source.file())
                    .help(msg!("page-file-slug-reserved-help", slug = &slug)),
            );
        }
        if slug.is_empty() {
            let source = &self.sources[*variants.values().next().expect("a page has a source")];
            self.diagnostics.push(
                Diagnostic::error(Code::PageBadSlug, msg!("page-empty-slug"))
                    .in_file(source.file())
                    .help(msg!("page-empty-slug-help")),
            );
        }
        Some(slug)
    }

    fn check_override_slug(&mut self, page: PageId, variants: &BTreeMap<String, SourceId>) {
        let shared_path = self.pages[page].path.clone();
        for &id in variants.values() {
            let source = &self.sources[id];
            if let Some(slug) = &source.front.slug {
                let path = urls::page_path(&source.logical, self.pages[page].kind, Some(slug));
                if path != shared_path {
                    self.diagnostics.push(
                        source.point(
                            Diagnostic::error(
                                Code::PageOverrideSlug,
                                msg!("page-override-slug", path = &shared_path, slug = slug),
                            )
                            .help(msg!("page-override-slug-help")),
                            slug,
                        ),
                    );
                }
            }
        }
    }

    /// Reports pages that would be written to the same place.
    fn check_collisions(&mut self, ids: &[PageId]) {
        let mut by_path: BTreeMap<&str, Vec<PageId>> = BTreeMap::new();
        // In the order the pages were made (file order), whatever order the
        // caller's map gave: the same files name the same finding each run.
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        for id in ids {
            by_path.entry(&self.pages[id].path).or_default().push(id);
        }
        for (path, ids) in by_path {
            if ids.len() < 2 {
                continue;
            }
            let files: Vec<String> = ids
                .iter()
                .filter_map(|&id| self.pages[id].original(self.config.default_lang()))
                .map(|s| self.sources[s].file())
                .collect();
            // Told at the last file: the earlier one had the address first.
            if let Some((first, rest)) = files.split_last() {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::PageSameAddress,
                        msg!("page-same-address", others = rest.join(", "), path = path),
                    )
                    .in_file(first)
                    .help(msg!("page-same-address-help")),
                );
            }
        }
    }
}

/// Home (`_index`), section (`x/_index`) or page.
fn kind_of(logical: &str) -> PageKind {
    if logical == "_index" {
        PageKind::Home
    } else if logical.ends_with("/_index") {
        PageKind::Section
    } else {
        PageKind::Page
    }
}

/// The nearest section above `logical` that exists.
fn parent_of(logical: &str, lookup: &dyn Fn(&str) -> Option<PageId>) -> Option<PageId> {
    if logical == "_index" {
        return None;
    }
    let mut dir = logical.strip_suffix("/_index").unwrap_or(logical);
    loop {
        dir = match dir.rsplit_once('/') {
            Some((up, _)) => up,
            None => "",
        };
        let section = if dir.is_empty() {
            "_index".to_string()
        } else {
            format!("{dir}/_index")
        };
        if let Some(id) = lookup(&section) {
            return Some(id);
        }
        if dir.is_empty() {
            return None;
        }
    }
}

/// Checks what the front matter says about districts.
pub fn check_front(config: &Config, source: &PageSource, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(DistrictSel::Only(list)) = &source.front.districts {
        for slug in list {
            if config.is_unknown_district(slug) {
                diagnostics.push(
                    unknown_district(config, slug)
                        .in_file(source.file())
                        .at_opt(slug.place()),
                );
            }
        }
    }
}

/// What a district's view is made from.
struct Tables<'a> {
    pages: &'a [Page],
    sources: &'a [Arc<PageSource>],
    shared: &'a SharedIndex,
    district_pages: &'a DistrictIndex,
    assets: &'a [Asset],
}

fn district_view(
    config: &Config,
    district: usize,
    tables: &Tables<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> DistrictView {
    let pages = tables.pages;
    let slug = &config.districts[district].slug;
    let mut entries = district_entries(config, slug, tables, diagnostics);
    // Path order, so output and lists are deterministic.
    entries.sort_by(|a, b| pages[a.page].path.cmp(&pages[b.page].path));
    let by_path: HashMap<String, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (pages[e.page].path.clone(), i))
        .collect();
    let mut children: HashMap<PageId, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(parent) = pages[e.page].parent {
            children.entry(parent).or_default().push(i);
        }
    }
    DistrictView {
        district,
        entries,
        by_path,
        children,
        assets: district_assets(tables.assets, slug),
    }
}

/// The pages district `slug` shows: every shared page (with the
/// district's overrides of it) and the district's own pages, unless one
/// would have the address of another (an error).
fn district_entries(
    config: &Config,
    slug: &str,
    tables: &Tables<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let Tables {
        pages,
        sources,
        shared,
        district_pages,
        ..
    } = *tables;
    let own = district_pages.get(slug);
    let mut entries: Vec<Entry> = shared
        .values()
        .map(|&page| Entry {
            page,
            overrides: own
                .and_then(|o| o.overrides.get(&page))
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    let mut by_path: HashMap<&str, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        by_path.insert(&pages[e.page].path, i);
    }
    let file_of = |p: &Page| {
        p.original(config.default_lang())
            .map_or_else(|| p.logical.clone(), |s| sources[s].file())
    };
    for &page in own.map(|o| o.own.as_slice()).unwrap_or_default() {
        let path = &pages[page].path;
        if let Some(&other) = by_path.get(path.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    Code::PageSameAddress,
                    msg!(
                        "page-same-address-district",
                        other = file_of(&pages[entries[other].page]),
                        path = path,
                        district = slug
                    ),
                )
                .in_file(file_of(&pages[page]))
                .help(msg!("page-same-address-district-help")),
            );
            continue;
        }
        by_path.insert(path, entries.len());
        entries.push(Entry {
            page,
            overrides: BTreeMap::new(),
        });
    }
    entries
}

/// The files district `slug` publishes, by output path: shared files,
/// replaced by the district's own of the same name.
fn district_assets(assets: &[Asset], slug: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (i, asset) in assets.iter().enumerate() {
        match &asset.source.scope {
            None => {
                out.entry(asset.path.clone()).or_insert(i);
            }
            Some(s) if s == slug => {
                out.insert(asset.path.clone(), i);
            }
            Some(_) => {}
        }
    }
    out
}

/// `page/bad-slug` for a web address Windows cannot hold as a folder name
/// (`con`, `nul`, `com1`…): the site could not be copied to a USB stick or
/// a Windows server, and loa refuses to write it.
fn reserved_slug(slug: &str) -> Option<Diagnostic> {
    let why = crate::read::names::problem(slug)?;
    Some(Diagnostic::error(
        Code::PageBadSlug,
        msg!("page-slug-reserved", slug = slug, reason = why.text()),
    ))
}

/// What is wrong with a `slug:` written in a page of this kind: sections
/// take their address from their folder, and a slug must be one.
fn slug_problem(kind: PageKind, slug: &str) -> Option<Diagnostic> {
    if kind != PageKind::Page {
        return Some(
            Diagnostic::error(Code::PageSectionSlug, msg!("page-section-slug"))
                .help(msg!("page-section-slug-help")),
        );
    }
    if is_slug(slug) {
        return reserved_slug(slug).map(|d| d.help(msg!("page-slug-reserved-help", slug = slug)));
    }
    let mut fixed = slugify(slug);
    if reserved_slug(&fixed).is_some() {
        fixed.push_str("-1");
    }
    Some(
        Diagnostic::error(Code::PageBadSlug, msg!("page-bad-slug", slug = slug)).help(
            if fixed.is_empty() {
                msg!("page-bad-slug-letters-help")
            } else {
                msg!("page-bad-slug-help", slug = fixed)
            },
        ),
    )
}

/// Queries about the site's special pages.
impl Site {
    /// The home page.
    pub fn links_home(&self) -> PageId {
        self.section_by_logical("_index")
            .expect("the model always has a home page")
    }

    /// A shared section by its logical path.
    pub fn section_by_logical(&self, logical: &str) -> Option<PageId> {
        self.pages
            .iter()
            .position(|p| p.scope.is_none() && p.logical == logical)
    }

    /// The news section (`news/_index.md`), when there is one.
    pub fn news_section(&self) -> Option<PageId> {
        self.section_by_logical("news/_index")
    }

    /// The newest `n` news items of `view` in `lang` (entry indexes),
    /// newest first.
    pub fn latest_news(&self, view: &DistrictView, lang: &str, n: usize) -> Vec<usize> {
        self.news_section()
            .map(|id| {
                let mut news = self.ordered_children(view, lang, id);
                news.truncate(n);
                news
            })
            .unwrap_or_default()
    }

    /// The entries of `view` that present a model (`model:` in the text
    /// shown in `lang`) and are meant for the district, in the order of
    /// the models section (`models/_index.md`); the others after them, in
    /// entry order.
    pub fn model_entries(&self, view: &DistrictView, lang: &str) -> Vec<usize> {
        let slug = &self.district(view).slug;
        let mut models: Vec<usize> = (0..view.entries.len())
            .filter(|&i| {
                self.variant(&view.entries[i], lang).is_some_and(|(s, _)| {
                    let front = &self.sources[s].front;
                    front.model.is_some()
                        && front.districts.as_ref().is_none_or(|d| d.includes(slug))
                })
            })
            .collect();
        if let Some(section) = self.section_by_logical("models/_index") {
            let order: HashMap<usize, usize> = self
                .ordered_children(view, lang, section)
                .into_iter()
                .enumerate()
                .map(|(k, i)| (i, k))
                .collect();
            models.sort_by_key(|i| order.get(i).copied().unwrap_or(usize::MAX));
        }
        models
    }

    /// The entries among `children` (indexes in `view`) whose text shown
    /// in `lang` is for `audience`, in their order.
    pub fn audience_members(
        &self,
        view: &DistrictView,
        lang: &str,
        children: &[usize],
        audience: Audience,
    ) -> Vec<usize> {
        children
            .iter()
            .copied()
            .filter(|&i| {
                self.variant(&view.entries[i], lang)
                    .is_some_and(|(s, _)| self.sources[s].front.audience.contains(&audience))
            })
            .collect()
    }

    /// Whether `view` shows a news section (and so has news feeds).
    pub fn has_news(&self, view: &DistrictView) -> bool {
        self.news_section()
            .is_some_and(|id| view.by_path.contains_key(&self.pages[id].path))
    }

    /// Where the news feed of `lang` is, from the district root.
    pub fn news_feed_path(&self, lang: &str) -> String {
        format!("{}news/atom.xml", self.config.lang_prefix(lang))
    }

    /// The URL path of the "cover your tracks" page, when configured.
    pub fn cover_tracks(&self) -> Option<&str> {
        let logical = self.config.cover_tracks.as_deref()?;
        let logical = logical.strip_suffix(".md").unwrap_or(logical);
        self.pages
            .iter()
            .find(|p| p.scope.is_none() && p.logical == logical)
            .map(|p| p.path.as_str())
    }

    /// The raster picture a page of `scope` reaches at output path `path`
    /// (a district's own picture first, as links resolve).
    pub fn image_asset(&self, scope: Option<&str>, path: &str) -> Option<usize> {
        let find = |scope: Option<&str>| {
            self.assets
                .iter()
                .position(|a| a.path == path && a.source.scope.as_deref() == scope)
        };
        scope
            .and_then(|s| find(Some(s)))
            .or_else(|| find(None))
            .filter(|&i| self.assets[i].source.image.is_some())
    }

    /// The default share-card picture (`share_image` in `site.yaml`).
    pub fn share_image_asset(&self) -> Option<usize> {
        let logical = self.config.share_image.as_deref()?;
        self.assets
            .iter()
            .position(|a| a.source.scope.is_none() && a.source.logical == **logical)
            .filter(|&i| matches!(self.assets[i].source.image, Some(Ok(_))))
    }

    /// The logo's file in `content/`, when it is a picture there.
    pub fn logo_asset(&self) -> Option<usize> {
        let logo = self.config.logo.as_deref()?;
        self.assets
            .iter()
            .position(|a| a.source.scope.is_none() && a.source.logical == **logo)
    }

    /// The output path of the logo, when configured: a picture in
    /// `content/`, published whole under a name with its content hash
    /// (every page shows it, so it is cached for a year), or one of the
    /// theme's static files (where an SVG logo belongs).
    pub fn logo_path(&self) -> Option<String> {
        let logo = self.config.logo.as_deref()?;
        match self.logo_asset().map(|i| &self.assets[i]) {
            Some(Asset {
                source:
                    AssetSource {
                        image: Some(Ok(facts)),
                        ..
                    },
                path,
            }) => Some(crate::read::images::Variant::Whole.path(path, facts)),
            Some(asset) => Some(asset.path.clone()),
            None => self.links.file_path(logo).map(str::to_string),
        }
    }
}

/// Sorts Vietnamese titles by their letters first (`Đ` with `D`), then
/// exactly.
fn collation_key(title: &str) -> String {
    let mut key = crate::read::slug::slugify(title);
    key.push('\u{0}');
    key.push_str(title);
    key
}
