//! Rendering: loads the theme's templates into Tera once, renders each page
//! body from Markdown once per (source, language), and renders every page of
//! a district and language from typed contexts. The parts of a context that
//! every page of a district and language share are built once per
//! [`Frame`].

pub(crate) mod astext;
pub(crate) mod context;
mod errors;
pub mod markdown;
pub(crate) mod rawhtml;
pub(crate) mod requests;
pub mod search;
#[cfg(test)]
mod tests;
pub(crate) mod theme;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use tera::{Context, Tera, Value};

use crate::error::Diagnostic;
use crate::model::urls::{encode_path, page_href, relative, root_prefix};
use crate::model::{
    DistrictView, LinkFrom, LinkTarget, LinkUse, PageId, PageKind, PageRole, Site, SourceId,
};
use crate::read::config::Config;
use crate::read::images::{ImageFacts, Variant, VariantKind};
use crate::read::target::SiteUrl;
use crate::read::values::{Audience, Category, Cost, Date, ModelKind, pick};
use crate::render::markdown::{Body, Labels, LinkKind, Picture, Resolved};
use crate::render::theme::{Strings, Theme, ThemeFile};
use context::*;
pub use errors::template_diagnostic;

/// Choices that change the output.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Every internal link ends in `index.html` (for `file://`).
    pub offline: bool,
}

/// Templates and interface strings, loaded once.
#[derive(Clone)]
pub struct Renderer {
    tera: Tera,
    /// Interface strings per language.
    pub strings: BTreeMap<String, Strings>,
    strings_values: HashMap<String, Value>,
    /// The theme's static files: (output path, file).
    pub static_files: Vec<(String, ThemeFile)>,
    /// The theme's static files by their name in the theme (`loa.css`) ->
    /// their output path, named after their content (`loa.3f2a9c1e.css`).
    pub theme_files: BTreeMap<String, String>,
    origins: HashMap<String, String>,
    /// What Markdown bodies need, per language.
    labels: HashMap<String, Labels>,
    /// The options.
    pub options: RenderOptions,
}

/// How many of the newest news items the home page shows.
pub const HOME_NEWS: usize = 3;

/// Templates every theme has: the built-in theme has them all, and a
/// campaign's theme can only add to it or replace them.
pub const TEMPLATES: &[&str] = &[
    "base.html",
    "home.html",
    "section.html",
    "page.html",
    "hotlines.html",
    "portal.html",
    "404.html",
];

/// Interface strings the generator itself uses (templates add theirs).
fn generator_keys() -> Vec<String> {
    let mut keys: Vec<String> = [
        "language_name",
        "fallback_notice",
        "table_label",
        "footnotes_label",
        "back_to_text",
        "date_format",
        "hotlines_title",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    keys.extend((1..=12).map(|m| format!("month_{m}")));
    keys.extend(Audience::ALL.iter().map(|a| a.label_key()));
    keys.extend(Category::ALL.iter().map(|c| c.label_key()));
    keys.extend(Cost::ALL.iter().map(|c| c.label_key()));
    keys.extend(ModelKind::ALL.iter().map(|m| m.label_key()));
    keys
}

/// Literal ids in template text (`id="urgent-title"`), which headings of
/// the page body must not take.
fn template_ids(text: &str) -> Vec<String> {
    text.match_indices("id=\"")
        .filter_map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let id = &rest[..rest.find('"')?];
            (!id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
            .then(|| id.to_string())
        })
        .collect()
}

/// Keys used as `t.key` in template text.
fn template_keys(text: &str) -> BTreeSet<String> {
    let bytes = text.as_bytes();
    let mut keys = BTreeSet::new();
    let mut i = 0;
    while let Some(pos) = text[i..].find("t.") {
        let start = i + pos;
        i = start + 2;
        let before_ok = start == 0
            || !(bytes[start - 1].is_ascii_alphanumeric()
                || bytes[start - 1] == b'_'
                || bytes[start - 1] == b'.');
        if !before_ok {
            continue;
        }
        let key: String = text[i..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !key.is_empty() {
            keys.insert(key);
        }
    }
    keys
}

impl Renderer {
    /// The same templates and strings with other `options` (a build's
    /// other zip form), without reading the theme again.
    pub fn with_options(&self, options: RenderOptions) -> Renderer {
        Renderer {
            options,
            ..self.clone()
        }
    }

    /// Compiles the theme's templates and reads its interface strings.
    /// Returns `None` when there were errors (pushed to `diagnostics`).
    pub fn new(
        config: &Config,
        theme: &Theme,
        options: RenderOptions,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Renderer> {
        let errors_before = diagnostics.len();
        let compiled = compile_templates(theme, diagnostics);
        let strings = crate::render::theme::strings(config, theme, &compiled.needed, diagnostics);
        if diagnostics[errors_before..]
            .iter()
            .any(Diagnostic::is_error)
        {
            return None;
        }
        let strings_values = strings
            .iter()
            .map(|(lang, s)| (lang.clone(), Value::from_serializable(&s.map)))
            .collect();
        let labels = strings
            .iter()
            .map(|(lang, t)| {
                let labels = Labels {
                    table: t.get("table_label").to_string(),
                    footnotes: t.get("footnotes_label").to_string(),
                    back_to_text: t.get("back_to_text").to_string(),
                    reserved_ids: compiled.reserved_ids.iter().cloned().collect(),
                };
                (lang.clone(), labels)
            })
            .collect();
        // Theme files are named after their content, so hosts may keep
        // them for a year; templates find the names in `theme_files`.
        let mut theme_files = BTreeMap::new();
        let static_files = theme
            .static_files()
            .map(|(path, file)| {
                let file = with_colors(config, path, file);
                let named = crate::model::urls::fingerprint(path, &file.bytes);
                theme_files.insert(path.to_string(), named.clone());
                (named, file)
            })
            .collect();
        Some(Renderer {
            tera: compiled.tera,
            strings,
            strings_values,
            static_files,
            theme_files,
            origins: compiled.origins,
            labels,
            options,
        })
    }

    /// What Markdown bodies in `lang` need.
    pub fn labels(&self, lang: &str) -> &Labels {
        &self.labels[lang]
    }

    /// Does the theme have this template?
    pub fn has_template(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    fn t(&self, lang: &str) -> &Strings {
        &self.strings[lang]
    }

    fn label(&self, lang: &str, key: &'static str, label_key: String) -> Label {
        Label {
            key,
            label: self.t(lang).get(&label_key).to_string(),
        }
    }

    fn audience(&self, lang: &str, list: &[Audience]) -> Vec<Label> {
        list.iter()
            .map(|a| self.label(lang, a.word(), a.label_key()))
            .collect()
    }

    /// A date as people read it in `lang`.
    pub fn format_date(&self, lang: &str, date: Date) -> String {
        let t = self.t(lang);
        t.get("date_format")
            .replace("{day}", &date.day.to_string())
            .replace("{month_name}", t.get(&format!("month_{}", date.month)))
            .replace("{month}", &date.month.to_string())
            .replace("{year}", &date.year.to_string())
    }

    /// Renders the template `name`.
    pub fn render_named(&self, name: &str, context: &Context) -> Result<Vec<u8>, tera::Error> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera.render_to(name, context, &mut out)?;
        Ok(out)
    }

    /// The diagnostic for a template error while rendering `what`.
    pub fn template_error(&self, err: &tera::Error, what: &str) -> Diagnostic {
        template_diagnostic(err, &self.origins, Some(what))
    }
}

/// The theme's templates, compiled, with what was learnt reading them.
struct Compiled {
    tera: Tera,
    /// Template name -> the file it came from, for messages.
    origins: HashMap<String, String>,
    /// The interface strings the templates and loa use, with the template
    /// that first uses each (loa's own have none).
    needed: Vec<crate::render::theme::Needed>,
    /// Ids the templates write, which Markdown headings must not take.
    reserved_ids: BTreeSet<String>,
}

/// Reads and compiles every template of the theme (errors go to
/// `diagnostics`, with the template's file and line).
fn compile_templates(theme: &Theme, diagnostics: &mut Vec<Diagnostic>) -> Compiled {
    let mut sources: Vec<(String, String)> = Vec::new();
    let mut origins = HashMap::new();
    let mut required: BTreeMap<String, Option<String>> =
        generator_keys().into_iter().map(|k| (k, None)).collect();
    let mut reserved_ids: BTreeSet<String> = BTreeSet::new();
    for (name, file) in theme.templates() {
        match file.text() {
            Ok(text) => {
                for key in template_keys(&text) {
                    required
                        .entry(key)
                        .or_insert_with(|| Some(file.origin.clone()));
                }
                reserved_ids.extend(template_ids(&text));
                origins.insert(name.to_string(), file.origin.clone());
                sources.push((name.to_string(), text));
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    if let Err(err) = tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    {
        diagnostics.push(template_diagnostic(&err, &origins, None));
    }
    let needed = required
        .into_iter()
        .map(|(key, used_in)| crate::render::theme::Needed { key, used_in })
        .collect();
    Compiled {
        tera,
        origins,
        needed,
        reserved_ids,
    }
}

/// The colours of `site.yaml` are appended to the theme's `loa.css` as
/// custom properties, so restyling needs no template or CSS edit.
fn with_colors(config: &Config, path: &str, file: &ThemeFile) -> ThemeFile {
    let colors = &config.colors;
    if path != "loa.css" || (colors.primary.is_none() && colors.exit.is_none()) {
        return file.clone();
    }
    let mut css = file.bytes.to_vec();
    css.extend_from_slice(b"\n/* Colours from content/site.yaml */\n:root {");
    if let Some(primary) = &colors.primary {
        css.extend_from_slice(format!(" --loa-primary: {primary};").as_bytes());
    }
    if let Some(exit) = &colors.exit {
        css.extend_from_slice(format!(" --loa-exit: {exit};").as_bytes());
    }
    css.extend_from_slice(b" }\n");
    ThemeFile {
        rel: file.rel.clone(),
        bytes: std::borrow::Cow::Owned(css),
        origin: file.origin.clone(),
    }
}

/// A picture of the campaign used by a page body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageUse {
    /// Index in `Site::assets`.
    pub asset: usize,
    /// Line in the Markdown file.
    pub line: usize,
    /// Shown in the page (`![…](…)`), rather than linked as a download.
    pub shown: bool,
}

/// A page body rendered for one output language.
#[derive(Debug)]
pub struct RenderedBody {
    /// The HTML and what was found in it.
    pub body: Body,
    /// Every link in it.
    pub links: Vec<LinkUse>,
    /// The campaign's pictures it shows or links to, in order.
    pub images: Vec<ImageUse>,
    /// The page in lists.
    pub summary: Value,
    /// The HTML as a template value, made once and shared by every
    /// district that shows the page.
    pub html: Value,
    /// Its words for the search index, weighted: counted when an index
    /// first asks (`loa check` and the preview's pages never do).
    search: std::sync::OnceLock<crate::render::search::BodyTerms>,
}

impl RenderedBody {
    /// Its words for the search index, weighted.
    pub fn search(&self) -> &crate::render::search::BodyTerms {
        self.search.get_or_init(|| {
            crate::render::search::body_terms(
                self.html.as_str().unwrap_or_default(),
                self.body.headings.iter().map(|h| h.text.as_str()),
            )
        })
    }
}

/// Bodies by (source, output language).
pub type Bodies = HashMap<(SourceId, String), Arc<RenderedBody>>;

/// Which (source, language) bodies the districts being built show.
pub fn needed_bodies(site: &Site) -> BTreeSet<(SourceId, String)> {
    let mut needed = BTreeSet::new();
    for view in &site.districts {
        for entry in &view.entries {
            for lang in &site.config.languages {
                if let Some((source, _)) = site.variant(entry, lang) {
                    needed.insert((source, lang.clone()));
                }
            }
        }
    }
    needed
}

/// Renders the bodies in parallel.
pub fn render_bodies(
    site: &Site,
    renderer: &Renderer,
    needed: &BTreeSet<(SourceId, String)>,
) -> Bodies {
    let page_of = source_pages(site);
    needed
        .par_iter()
        .map(|(source, lang)| {
            let page = page_of[*source];
            (
                (*source, lang.clone()),
                Arc::new(render_body(site, renderer, page, *source, lang)),
            )
        })
        .collect()
}

/// The page of every source.
pub fn source_pages(site: &Site) -> Vec<PageId> {
    let mut page_of = vec![0; site.sources.len()];
    for (id, page) in site.pages.iter().enumerate() {
        for &s in page.variants.values() {
            page_of[s] = id;
        }
    }
    for view in &site.districts {
        for entry in &view.entries {
            for &s in entry.overrides.values() {
                page_of[s] = entry.page;
            }
        }
    }
    page_of
}

/// Renders one source's Markdown for the site in `lang`.
pub fn render_body(
    site: &Site,
    renderer: &Renderer,
    page: PageId,
    source: SourceId,
    lang: &str,
) -> RenderedBody {
    let src = &site.sources[source];
    let page_path = &site.pages[page].path;
    let from = LinkFrom {
        rel: &src.rel,
        scope: src.scope.as_deref(),
        page_path,
        out_lang: lang,
        offline: renderer.options.offline,
    };
    let labels = &renderer.labels[lang];
    let mut links = Vec::new();
    let mut images = Vec::new();
    let from_dir = format!("{}{page_path}", site.config.lang_prefix(lang));
    let body = markdown::render(&src.body, src.body_line, labels, &mut |dest, kind, line| {
        let (mut resolved, use_) = site.links.resolve(&from, dest, kind, line);
        if let Some(LinkTarget::File { path }) = &use_.target
            && let Some(asset) = site.image_asset(src.scope.as_deref(), path)
        {
            let shown = kind == LinkKind::Image;
            images.push(ImageUse { asset, line, shown });
            match &site.assets[asset].source.image {
                Some(Ok(facts)) if shown => {
                    resolved = Resolved::Picture(picture(site, asset, facts, &from_dir));
                }
                // Not published (AVIF, unreadable; `image/unreadable` says
                // so): no broken picture or link, its description or link
                // text stays.
                Some(Err(_)) => resolved = Resolved::Drop,
                _ => {}
            }
        }
        links.push(use_);
        resolved
    });
    let summary = summary(site, renderer, page, src, lang, &body.summary);
    let summary = Value::from_serializable(&summary);
    let mut body = body;
    // The template value is the only copy kept.
    let html = Value::safe_string(&std::mem::take(&mut body.html));
    RenderedBody {
        body,
        links,
        images,
        summary,
        html,
        search: std::sync::OnceLock::new(),
    }
}

/// The page as lists show it, in `lang`, written in `src` (a summary of
/// its body when it has no description).
fn summary<'s>(
    site: &'s Site,
    renderer: &Renderer,
    page: PageId,
    src: &'s crate::read::content::PageSource,
    lang: &str,
    body_summary: &'s str,
) -> Summary<'s> {
    let front = &src.front;
    Summary {
        kind: site.pages[page].kind,
        title: &front.title,
        description: front
            .description
            .as_deref()
            .map_or(body_summary, String::as_str),
        path: format!(
            "{}{}",
            site.config.lang_prefix(lang),
            page_href(&site.pages[page].path, renderer.options.offline)
        ),
        date: front.date.map(|d| d.to_string()),
        date_display: front.date.map(|d| renderer.format_date(lang, *d)),
        lang: &src.lang,
        fallback: src.lang != lang,
        audience: renderer.audience(lang, &front.audience),
        model: front
            .model
            .map(|m| renderer.label(lang, m.word(), m.label_key())),
        draft: *front.draft,
        example: *front.example,
    }
}

/// A page's summary with an empty description, for a list that has
/// described the page already.
fn without_description(summary: Value) -> Value {
    if !summary.is_map() {
        return summary;
    }
    let mut map = summary.into_map().unwrap_or_default();
    map.insert(tera::value::Key::from("description"), Value::from(""));
    Value::from(map)
}

/// The `<picture>` of a campaign picture, with paths relative to the page
/// in `from_dir`.
fn picture(site: &Site, asset: usize, facts: &ImageFacts, from_dir: &str) -> Picture {
    let original = &site.assets[asset].path;
    let widths = facts.widths(&site.config.images);
    let href = |w: u32, kind: VariantKind| {
        let path = Variant::Width(w, kind).path(original, facts);
        relative(from_dir, &encode_path(&path))
    };
    let srcset = |kind: VariantKind| {
        widths
            .iter()
            .map(|&w| format!("{} {w}w", href(w, kind)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // The `src` for browsers without `srcset`: a middle width.
    let middle = widths[(widths.len() - 1) / 2];
    Picture {
        src: href(middle, VariantKind::Fallback),
        webp: srcset(VariantKind::Webp),
        fallback: srcset(VariantKind::Fallback),
        fallback_type: facts.fallback().mime(),
        width: middle,
        height: facts.height_at(middle),
    }
}

/// What every page of one district and language shares.
pub struct Frame<'a> {
    site: &'a Site,
    view: &'a DistrictView,
    lang: &'a str,
    /// The frame's [`FrameCtx`], converted once.
    base: Context,
    /// Each section's pages in order, sorted the first time they are needed
    /// (a preview renders one page, not every list).
    sorted: HashMap<PageId, OnceLock<Vec<usize>>>,
}

impl<'a> Frame<'a> {
    /// The pages listed in `section`, in order.
    pub fn children(&self, section: PageId) -> &[usize] {
        match self.sorted.get(&section) {
            Some(cell) => {
                cell.get_or_init(|| self.site.ordered_children(self.view, self.lang, section))
            }
            None => &[],
        }
    }

    /// The frame's context (what every page of this frame shares) with a
    /// template's own context over it (its keys replace the frame's of the
    /// same name).
    pub fn with(&self, own: &impl serde::Serialize) -> Context {
        let mut context = self.base.clone();
        context.extend(Context::from_serialize(own).expect("a template's context serialises"));
        context
    }

    /// The district.
    pub fn view(&self) -> &'a DistrictView {
        self.view
    }

    /// The language.
    pub fn lang(&self) -> &'a str {
        self.lang
    }
}

impl Renderer {
    /// Builds what every page of `view` in `lang` shares.
    pub fn frame<'a>(&self, site: &'a Site, view: &'a DistrictView, lang: &'a str) -> Frame<'a> {
        let sorted: HashMap<PageId, OnceLock<Vec<usize>>> = view
            .children
            .keys()
            .map(|&section| (section, OnceLock::new()))
            .collect();
        let frame = Frame {
            site,
            view,
            lang,
            base: Context::new(),
            sorted,
        };
        let base =
            Context::from_serialize(&self.frame_ctx(&frame)).expect("a frame's context serialises");
        Frame { base, ..frame }
    }

    /// What every template of the frame's district and language is given.
    pub fn frame_ctx<'s>(&'s self, frame: &Frame<'s>) -> FrameCtx<'s> {
        let (site, view, lang) = (frame.site, frame.view, frame.lang);
        let config = &site.config;
        let district = site.district(view);
        let default = config.default_lang();
        let offline = self.options.offline;
        FrameCtx {
            lang,
            home: format!("{}{}", config.lang_prefix(lang), page_href("", offline)),
            default_lang: default,
            offline,
            site: self.site_ctx(site, lang),
            district: DistrictCtx {
                slug: &district.slug,
                name: pick(&district.name, lang, default),
                base_url: district.base_url.as_deref().map(SiteUrl::as_str),
                local_unchecked: site.hotlines.local_unchecked(&district.slug),
            },
            t: &self.strings_values[lang],
            menu: self.menu(frame),
            pinned: site
                .hotlines
                .pinned_in(config, &district.slug)
                .into_iter()
                .map(|h| self.hotline_ctx(h, lang, default))
                .collect(),
            theme_files: &self.theme_files,
            news_feed: news_feed(site, view, lang),
        }
    }

    /// The menu: the home page's sections, in order.
    fn menu(&self, frame: &Frame<'_>) -> Vec<MenuItem> {
        let (site, view, lang) = (frame.site, frame.view, frame.lang);
        let prefix = site.config.lang_prefix(lang);
        frame
            .children(site.links_home())
            .iter()
            .map(|&i| &view.entries[i])
            .filter(|entry| site.pages[entry.page].kind == PageKind::Section)
            .map(|entry| {
                let page = &site.pages[entry.page];
                MenuItem {
                    title: entry_title(site, self, entry, lang).to_string(),
                    path: format!("{prefix}{}", page_href(&page.path, self.options.offline)),
                    key: page.path.clone(),
                }
            })
            .collect()
    }

    /// `site`: the campaign as templates see it, in `lang`.
    fn site_ctx<'s>(&'s self, site: &'s Site, lang: &str) -> SiteCtx<'s> {
        let config = &site.config;
        let default = config.default_lang();
        let offline = self.options.offline;
        let prefix = config.lang_prefix(lang);
        SiteCtx {
            title: pick(&config.title, lang, default),
            description: pick(&config.description, lang, default),
            quick_exit_url: &config.quick_exit_url,
            unit_label: pick(&config.unit_label, lang, default),
            languages: config
                .languages
                .iter()
                .map(|l| LanguageCtx {
                    code: l,
                    name: self.t(l).get("language_name"),
                })
                .collect(),
            default_lang: default,
            logo: site.logo_path(),
            cover_tracks: site
                .cover_tracks()
                .map(|path| format!("{prefix}{}", page_href(path, offline))),
            hotlines: format!("{prefix}{}", page_href("hotlines/", offline)),
            search: format!("{prefix}search/"),
            az: format!(
                "{prefix}{}",
                page_href(crate::render::search::AZ_PATH, offline)
            ),
        }
    }

    /// A hotline entry as templates see it, in `lang`.
    pub fn hotline_ctx<'h>(
        &self,
        h: &'h crate::read::hotlines::Hotline,
        lang: &str,
        default: &str,
    ) -> HotlineCtx<'h> {
        HotlineCtx {
            id: &h.id,
            name: pick(&h.name, lang, default),
            description: pick(&h.description, lang, default),
            phone: &h.phone,
            tel: &h.tel,
            hours: pick(&h.hours, lang, default),
            cost: h.cost.map(|c| self.label(lang, c.word(), c.label_key())),
            audience: self.audience(lang, &h.audience),
            verified: h.verified.map(|d| d.to_string()),
            verified_display: h.verified.map(|d| self.format_date(lang, d)),
            example: h.example,
            local: h.local_to.is_some(),
        }
    }

    /// Renders the page `entry` of the frame's district and language.
    pub fn render_page(
        &self,
        frame: &Frame<'_>,
        bodies: &Bodies,
        entry_index: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        self.render_list_page(frame, bodies, entry_index, None)
    }

    /// Renders the page `entry` of the frame's district and language, or,
    /// with `list`, a numbered page or a year of the news section `entry`.
    pub fn render_list_page(
        &self,
        frame: &Frame<'_>,
        bodies: &Bodies,
        entry_index: usize,
        list: Option<NewsList>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let site = frame.site;
        let entry = &frame.view.entries[entry_index];
        let page = &site.pages[entry.page];
        let own_path = match list {
            None => page.path.clone(),
            Some(l) => format!("{}{}", page.path, l.path()),
        };
        let shown = site.variant(entry, frame.lang);
        let source = shown.map(|(id, _)| &*site.sources[id]);
        let context =
            frame.with(&self.page_template_ctx(frame, bodies, entry_index, &own_path, list));
        let template = template_for(page, source);
        self.render_named(template, &context).map_err(|err| {
            let (slug, lang) = (&site.district(frame.view).slug, frame.lang);
            let page = match source {
                Some(s) => s.file(),
                None => format!("/{}{own_path}", site.config.lang_prefix(lang)),
            };
            let what = crate::msg!(
                "template-page-in",
                page = page,
                district = slug,
                lang = lang
            )
            .text();
            self.template_error(&err, &what)
        })
    }

    /// What every page template is given about the page `entry` at
    /// `own_path` (its own, or one of its news lists'): the page, its
    /// languages, canonical address, breadcrumbs and share tags.
    fn page_context<'f>(
        &'f self,
        frame: &Frame<'f>,
        bodies: &'f Bodies,
        entry_index: usize,
        own_path: &str,
    ) -> PageContext<'f> {
        let site = frame.site;
        let lang = frame.lang;
        let entry = &frame.view.entries[entry_index];
        let prefix = site.config.lang_prefix(lang);
        let shown = site.variant(entry, lang);
        let (source, body) = match shown {
            Some((id, _)) => (
                Some(&*site.sources[id]),
                bodies.get(&(id, lang.to_string())).map(|b| &**b),
            ),
            None => (None, None),
        };
        let mut page_ctx = self.page_ctx(frame, &site.pages[entry.page], source, body);
        page_ctx.fallback = shown.is_some_and(|(_, f)| f);
        page_ctx.path = format!("{prefix}{}", page_href(own_path, self.options.offline));
        let (translations, alternates, canonical) = self.languages(
            frame,
            entry_index,
            own_path,
            source.map(|s| s.lang.as_str()),
        );
        let share = share(frame, source, body, canonical.clone(), &translations);
        PageContext {
            root: root_prefix(&format!("{prefix}{own_path}")),
            page: page_ctx,
            translations,
            alternates,
            canonical,
            breadcrumbs: self.breadcrumbs(frame, entry.page),
            share: Some(share),
        }
    }

    /// `page` as templates see it, from the source shown (none for the
    /// pages loa makes itself: the home and directory without text).
    fn page_ctx<'p>(
        &'p self,
        frame: &Frame<'p>,
        page: &'p crate::model::Page,
        source: Option<&'p crate::read::content::PageSource>,
        body: Option<&'p RenderedBody>,
    ) -> PageCtx<'p> {
        let site = frame.site;
        let lang = frame.lang;
        let config = &site.config;
        let synthetic_title = match page.logical.as_str() {
            "_index" => pick(&config.title, lang, config.default_lang()),
            _ => self.t(lang).get("hotlines_title"),
        };
        let date = source.and_then(|s| s.front.date);
        PageCtx {
            kind: page.kind,
            title: source.map_or(synthetic_title, |s| s.front.title.as_str()),
            description: source
                .and_then(|s| s.front.description.as_deref().map(String::as_str))
                .or_else(|| body.map(|b| b.body.summary.as_str()))
                .unwrap_or(""),
            content: body.map_or_else(|| Value::safe_string(""), |b| b.html.clone()),
            lang: source.map_or(lang, |s| s.lang.as_str()),
            fallback: false,
            path: String::new(),
            section: match page.kind {
                PageKind::Section => page.path.clone(),
                _ => page
                    .parent
                    .map_or(String::new(), |p| site.pages[p].path.clone()),
            },
            date: date.map(|d| d.to_string()),
            date_display: date.map(|d| self.format_date(lang, *d)),
            audience: source.map_or_else(Vec::new, |s| self.audience(lang, &s.front.audience)),
            model: source
                .and_then(|s| s.front.model)
                .map(|m| self.label(lang, m.word(), m.label_key())),
            headings: body.map_or(&[], |b| b.body.headings.as_slice()),
            source: source.map_or_else(String::new, |s| s.file()),
            example: source.is_some_and(|s| *s.front.example),
            local_contacts: source.is_some_and(|s| s.front.local_contacts),
            draft: source.is_some_and(|s| *s.front.draft)
                || page
                    .variants
                    .get(config.default_lang())
                    .is_some_and(|&id| *site.sources[id].front.draft),
        }
    }

    /// What a page template is given besides the frame about the page
    /// `entry` at `own_path` (its own, or with `list`, one of its news
    /// lists'): the page, and what its role adds (the home page's tracks,
    /// a section's list and the news pages, the hotline directory).
    pub fn page_template_ctx<'f>(
        &'f self,
        frame: &Frame<'f>,
        bodies: &'f Bodies,
        entry_index: usize,
        own_path: &str,
        list: Option<NewsList>,
    ) -> PageTemplateCtx<'f> {
        let page = frame.view.entries[entry_index].page;
        let mut ctx = PageTemplateCtx {
            page: self.page_context(frame, bodies, entry_index, own_path),
            list: None,
            home: None,
            news: None,
            hotlines: None,
        };
        match frame.site.pages[page].role() {
            PageRole::Home => {
                ctx.list = Some(self.section_ctx(frame, bodies, page));
                ctx.home = Some(self.home_ctx(frame, bodies));
            }
            PageRole::Section => {
                let mut section = self.section_ctx(frame, bodies, page);
                if frame.site.news_section() == Some(page) {
                    let (shown, news) = self.news_ctx(frame, bodies, page, list);
                    section.pages = shown;
                    ctx.news = Some(news);
                }
                ctx.list = Some(section);
            }
            PageRole::Directory => {
                ctx.list = Some(self.section_ctx(frame, bodies, page));
                ctx.hotlines = Some(self.directory_ctx(frame));
            }
            PageRole::Page => {}
        }
        ctx
    }

    /// The page in every language, its `hreflang` alternates and its
    /// canonical address.
    fn languages<'f>(
        &'f self,
        frame: &Frame<'f>,
        entry_index: usize,
        own_path: &str,
        content_lang: Option<&str>,
    ) -> (Vec<Translation<'f>>, Vec<Alternate<'f>>, Option<String>) {
        let site = frame.site;
        let config = &site.config;
        let entry = &frame.view.entries[entry_index];
        let base_url = site.district(frame.view).base_url.as_deref();
        let offline = self.options.offline;
        let translations: Vec<Translation<'_>> = config
            .languages
            .iter()
            .map(|l| Translation {
                code: l,
                name: self.t(l).get("language_name"),
                path: format!("{}{}", config.lang_prefix(l), page_href(own_path, offline)),
                current: l == frame.lang,
                translated: site.has_translation(entry, l),
            })
            .collect();
        let url = |l: &str| match base_url {
            Some(base) => (format!("{base}{}{}", config.lang_prefix(l), own_path), true),
            None => (
                format!("{}{}", config.lang_prefix(l), page_href(own_path, offline)),
                false,
            ),
        };
        let mut alternates = Vec::new();
        for l in &config.languages {
            if site.has_translation(entry, l) {
                let (href, absolute) = url(l);
                alternates.push(Alternate {
                    lang: l,
                    href,
                    absolute,
                });
            }
        }
        if alternates.len() > 1 {
            let (href, absolute) = url(config.default_lang());
            alternates.push(Alternate {
                lang: "x-default",
                href,
                absolute,
            });
        }
        // An untranslated page points search engines at the original.
        let canonical = base_url.map(|_| url(content_lang.unwrap_or(frame.lang)).0);
        (translations, alternates, canonical)
    }

    /// The sections above `page`, outermost first.
    fn breadcrumbs<'f>(&'f self, frame: &Frame<'f>, page: PageId) -> Vec<Crumb<'f>> {
        let site = frame.site;
        let prefix = site.config.lang_prefix(frame.lang);
        let mut crumbs = Vec::new();
        let mut current = site.pages[page].parent;
        while let Some(id) = current {
            if let Some(&i) = frame.view.by_path.get(&site.pages[id].path) {
                let entry = &frame.view.entries[i];
                crumbs.push(Crumb {
                    title: entry_title(site, self, entry, frame.lang),
                    path: format!(
                        "{prefix}{}",
                        page_href(&site.pages[id].path, self.options.offline)
                    ),
                });
            }
            current = site.pages[id].parent;
        }
        crumbs.reverse();
        crumbs
    }

    fn summaries(&self, frame: &Frame<'_>, bodies: &Bodies, indices: &[usize]) -> Vec<Value> {
        indices
            .iter()
            .filter_map(|&i| {
                let (source, _) = frame.site.variant(&frame.view.entries[i], frame.lang)?;
                bodies
                    .get(&(source, frame.lang.to_string()))
                    .map(|b| b.summary.clone())
            })
            .collect()
    }

    /// A section's pages, and the same pages by audience.
    fn section_ctx(&self, frame: &Frame<'_>, bodies: &Bodies, section: PageId) -> SectionCtx {
        let children = frame.children(section);
        let pages = self.summaries(frame, bodies, children);
        let mut groups = Vec::new();
        // A page is described in the first group that lists it; later
        // groups give its title only (a skills page listed every page in
        // up to five groups with its description each time).
        let mut described = std::collections::HashSet::new();
        for audience in Audience::ALL {
            let members = frame
                .site
                .audience_members(frame.view, frame.lang, children, *audience);
            if !members.is_empty() {
                let pages = members
                    .iter()
                    .filter_map(|&i| {
                        let summary = self.summaries(frame, bodies, &[i]).pop()?;
                        Some(if described.insert(i) {
                            summary
                        } else {
                            without_description(summary)
                        })
                    })
                    .collect();
                groups.push(AudienceGroup {
                    audience: self.label(frame.lang, audience.word(), audience.label_key()),
                    id: format!("for-{}", audience.word()),
                    pages,
                });
            }
        }
        SectionCtx {
            pages,
            audience_groups: groups,
        }
    }

    /// What the home page adds: its sections, the models and the latest
    /// news.
    fn home_ctx(&self, frame: &Frame<'_>, bodies: &Bodies) -> HomeCtx {
        let site = frame.site;
        let sections: Vec<usize> = frame
            .children(site.links_home())
            .iter()
            .copied()
            .filter(|&i| site.pages[frame.view.entries[i].page].kind == PageKind::Section)
            .collect();
        let models = site.model_entries(frame.view, frame.lang);
        let news = site.latest_news(frame.view, frame.lang, HOME_NEWS);
        HomeCtx {
            sections: self.summaries(frame, bodies, &sections),
            models: self.summaries(frame, bodies, &models),
            news: self.summaries(frame, bodies, &news),
        }
    }

    /// The news section's list: one numbered page of it, or one year (the
    /// summaries shown), with the links between pages and to every year.
    fn news_ctx(
        &self,
        frame: &Frame<'_>,
        bodies: &Bodies,
        section: PageId,
        list: Option<NewsList>,
    ) -> (Vec<Value>, NewsCtx) {
        let site = frame.site;
        let offline = self.options.offline;
        let prefix = site.config.lang_prefix(frame.lang);
        let section_path = &site.pages[section].path;
        let children = frame.children(section);
        let size = site.config.news_page_size.max(1);
        let total = news_page_count(children.len(), size);
        let href = |rel: String| {
            format!(
                "{prefix}{}",
                page_href(&format!("{section_path}{rel}"), offline)
            )
        };
        let shown = news_shown(frame, children, size, list);
        let pages = self.summaries(frame, bodies, &shown);
        let number = match list {
            None => Some(1),
            Some(NewsList::Page(n)) => Some(n),
            Some(NewsList::Year(_)) => None,
        };
        let pagination = number
            .filter(|_| total > 1)
            .map(|n| self.pagination(frame, section_path, n, total));
        let years: Vec<YearLink> = news_years(site, frame.view, section)
            .into_iter()
            .map(|y| YearLink {
                year: y,
                path: href(NewsList::Year(y).path()),
                current: list == Some(NewsList::Year(y)),
            })
            .collect();
        let news = NewsCtx {
            pagination,
            archive: years,
            archive_year: list.and_then(|l| match l {
                NewsList::Year(y) => Some(y),
                NewsList::Page(_) => None,
            }),
        };
        (pages, news)
    }

    /// The links between the numbered pages of the news list, page `n` of
    /// `total` being shown.
    fn pagination(
        &self,
        frame: &Frame<'_>,
        section_path: &str,
        n: usize,
        total: usize,
    ) -> Pagination {
        let site = frame.site;
        let prefix = site.config.lang_prefix(frame.lang);
        let path = |k: usize| format!("{section_path}{}", NewsList::Page(k).path());
        let page_href_of =
            |k: usize| format!("{prefix}{}", page_href(&path(k), self.options.offline));
        // `<link rel=prev/next>` in the head: absolute where the canonical
        // address is (a district with a `base_url`), else relative.
        let base = site.district(frame.view).base_url.as_deref();
        let head_href = |k: usize| match base {
            Some(b) => format!("{b}{prefix}{}", encode_path(&path(k))),
            None => page_href_of(k),
        };
        Pagination {
            current: n,
            total,
            prev: (n > 1).then(|| page_href_of(n - 1)),
            next: (n < total).then(|| page_href_of(n + 1)),
            absolute: base.is_some(),
            head_prev: (n > 1).then(|| head_href(n - 1)),
            head_next: (n < total).then(|| head_href(n + 1)),
            pages: (1..=total)
                .map(|k| PageLink {
                    number: k,
                    path: page_href_of(k),
                    current: k == n,
                })
                .collect(),
        }
    }

    /// `hotlines`: the district's directory, by category.
    fn directory_ctx<'f>(&self, frame: &Frame<'f>) -> DirectoryCtx<'f> {
        let site = frame.site;
        let lang = frame.lang;
        let default = site.config.default_lang();
        let slug = &site.district(frame.view).slug;
        let entries = site.hotlines.directory(slug);
        let mut groups: Vec<HotlineGroup<'_>> = Vec::new();
        for h in &entries {
            let ctx = self.hotline_ctx(h, lang, default);
            match groups.last_mut() {
                Some(g) if g.category.key == h.category.word() => g.entries.push(ctx),
                _ => groups.push(HotlineGroup {
                    category: self.label(lang, h.category.word(), h.category.label_key()),
                    entries: vec![ctx],
                }),
            }
        }
        DirectoryCtx {
            groups,
            json: "hotlines/hotlines.json",
            csv: "hotlines/hotlines.csv",
            count: entries.len(),
        }
    }
}

/// The share-card tags of a page loa makes itself (a poster, the 404
/// page): the campaign's `share_image`, and `url` as `og:url` where the
/// page has a canonical address (a poster has, the 404 page has none).
pub fn bare_share(frame: &Frame<'_>, url: Option<String>) -> ShareCtx {
    share(frame, None, None, url, &[])
}

/// The share-card tags of a page: its first picture at the share width
/// (else the campaign's `share_image`), absolute with a `base_url`.
fn share(
    frame: &Frame<'_>,
    source: Option<&crate::read::content::PageSource>,
    body: Option<&RenderedBody>,
    canonical: Option<String>,
    translations: &[Translation<'_>],
) -> ShareCtx {
    let site = frame.site;
    let base = site.district(frame.view).base_url.as_deref();
    let asset = body
        .and_then(|b| b.images.iter().find(|u| u.shown))
        .map(|u| u.asset)
        .or_else(|| site.share_image_asset());
    let picture = asset.and_then(|a| {
        let Some(Ok(facts)) = &site.assets[a].source.image else {
            return None;
        };
        let width = crate::read::images::SHARE_WIDTH.min(facts.width);
        let path = Variant::Width(width, VariantKind::Fallback).path(&site.assets[a].path, facts);
        let path = encode_path(&path);
        Some((
            base.map_or(path.clone(), |b| format!("{b}{path}")),
            width,
            facts.height_at(width),
        ))
    });
    let lang = frame.lang;
    let content_lang = source.map_or(lang, |s| s.lang.as_str());
    ShareCtx {
        url: canonical,
        kind: if source.is_some_and(|s| s.front.date.is_some()) {
            "article"
        } else {
            "website"
        },
        locale: og_locale(content_lang),
        alternate_locales: translations
            .iter()
            .filter(|t| t.translated && t.code != content_lang)
            .map(|t| og_locale(t.code))
            .collect(),
        image_absolute: base.is_some() && picture.is_some(),
        image_width: picture.as_ref().map_or(0, |p| p.1),
        image_height: picture.as_ref().map_or(0, |p| p.2),
        image: picture.map(|p| p.0),
    }
}

/// A page of the news list besides the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewsList {
    /// `news/page/N/` (N ≥ 2; 1 is the section itself).
    Page(usize),
    /// `news/YYYY/`: the news of one year.
    Year(i32),
}

impl NewsList {
    /// Its path under the news section: `page/2/`, `2025/`.
    pub fn path(self) -> String {
        match self {
            NewsList::Page(1) => String::new(),
            NewsList::Page(n) => format!("page/{n}/"),
            NewsList::Year(y) => format!("{y}/"),
        }
    }
}

/// How many pages a list of `items` takes, `size` a page (at least one).
pub fn news_page_count(items: usize, size: usize) -> usize {
    items.div_ceil(size.max(1)).max(1)
}

/// The year of a news item's date in `lang`.
fn news_year(site: &Site, view: &DistrictView, entry: usize, lang: &str) -> Option<i32> {
    let (s, _) = site.variant(&view.entries[entry], lang)?;
    site.sources[s].front.date.map(|d| d.year)
}

/// Every year a district's news has, in any language, newest first.
pub fn news_years(site: &Site, view: &DistrictView, section: PageId) -> Vec<i32> {
    let mut years = BTreeSet::new();
    for &i in view.children.get(&section).into_iter().flatten() {
        for lang in &site.config.languages {
            years.extend(news_year(site, view, i, lang));
        }
    }
    years.into_iter().rev().collect()
}

/// `news_feed`: the news section's path and its feed's, from the district
/// root, when the district has news; `null` otherwise.
fn news_feed(site: &Site, view: &DistrictView, lang: &str) -> Option<NewsFeedCtx> {
    if !site.has_news(view) {
        return None;
    }
    let section = site
        .news_section()
        .map_or(String::new(), |id| site.pages[id].path.clone());
    Some(NewsFeedCtx {
        path: site.news_feed_path(lang),
        section,
    })
}

pub(crate) fn entry_title<'s>(
    site: &'s Site,
    renderer: &'s Renderer,
    entry: &crate::model::Entry,
    lang: &str,
) -> &'s str {
    match site.variant(entry, lang) {
        Some((s, _)) => &site.sources[s].front.title,
        None if site.pages[entry.page].logical == "_index" => {
            pick(&site.config.title, lang, site.config.default_lang())
        }
        None => renderer.t(lang).get("hotlines_title"),
    }
}

/// The news items (entry indexes, newest first) a list shows: one
/// numbered page of `size`, or every item of one year.
fn news_shown(
    frame: &Frame<'_>,
    children: &[usize],
    size: usize,
    list: Option<NewsList>,
) -> Vec<usize> {
    let number = match list {
        Some(NewsList::Year(year)) => {
            return children
                .iter()
                .copied()
                .filter(|&i| news_year(frame.site, frame.view, i, frame.lang) == Some(year))
                .collect();
        }
        Some(NewsList::Page(n)) => n,
        None => 1,
    };
    children
        .iter()
        .copied()
        .skip((number - 1) * size)
        .take(size)
        .collect()
}

/// The template a page is rendered with: the one its front matter names,
/// or its role's.
pub fn template_for<'a>(
    page: &crate::model::Page,
    source: Option<&'a crate::read::content::PageSource>,
) -> &'a str {
    source
        .and_then(|s| s.front.template.as_deref())
        .map_or(page.role().template(), String::as_str)
}
