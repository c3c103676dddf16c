//! A campaign loaded into memory: configuration, sources, hotlines, theme,
//! model and rendered page bodies, with every problem found on the way.
//! `build` writes it, `check` inspects it, `serve` keeps it and re-renders.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use crate::codes::Code;
use crate::error::{Diagnostic, Error, Result, tidy};
use crate::i18n::Msg;
use crate::model::{self, LinkProblem, LinkTarget, ModelOptions, Site, SourceId};
use crate::msg;
use crate::read::config::{self, Config, YamlFile};
use crate::read::content::{self, Sources};
use crate::read::hotlines::{HotlineInput, Hotlines};
use crate::read::images::{self, Store};
use crate::read::values::Date;
use crate::render::theme;
use crate::render::{self, Bodies, RenderOptions, Renderer};

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Only these districts (all when empty).
    pub districts: Vec<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Give back a project in spite of errors that leave the model whole
    /// (a hotline file that cannot be read, a broken link, a picture that
    /// cannot be published), so `check` runs every check; without it those
    /// errors come back as [`Error::Content`], all of them at once.
    pub keep_going: bool,
    /// Rendering options.
    pub render: RenderOptions,
}

/// A loaded campaign.
pub struct Project {
    /// The model.
    pub site: Site,
    /// Templates and strings.
    pub renderer: Arc<Renderer>,
    /// Rendered page bodies.
    pub bodies: Bodies,
    /// Warnings (errors stop loading).
    pub diagnostics: Vec<Diagnostic>,
    /// How many page bodies this load rendered (the others were reused).
    pub rendered: usize,
    /// Processed pictures (and their cache).
    pub images: Arc<Store>,
    /// Each language's search words, made when a search index is first
    /// made and shared by every district's.
    pub search: crate::output::engine::SearchCache,
    /// How many pages the engine has rendered from this campaign (a page
    /// is rendered once per command, however many uses it has).
    pub pages_rendered: std::sync::atomic::AtomicUsize,
}

impl Project {
    /// Forgets the search words (after the model's sources changed).
    pub fn forget_search(&mut self) {
        self.search = search_cache(&self.site);
    }
}

/// An empty [`crate::output::engine::SearchCache`] for `site`'s languages.
pub(crate) fn search_cache(site: &Site) -> crate::output::engine::SearchCache {
    site.config
        .languages
        .iter()
        .map(|_| std::sync::OnceLock::new())
        .collect()
}

/// What a model is made from: everything read from disk.
#[derive(Clone)]
pub struct Inputs {
    /// The configuration.
    pub config: Config,
    /// Pages, hotline files and assets.
    pub sources: Sources,
    /// Checked hotline entries.
    pub hotlines: Hotlines,
    /// Templates and strings.
    pub renderer: Arc<Renderer>,
    /// Warnings found while reading.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads the campaign at `root`. Content errors come back as
/// [`Error::Content`] with every problem found.
pub fn load(root: &Path, options: &LoadOptions) -> Result<Project> {
    let inputs = read(root, options)?;
    assemble(&inputs, options, None)
}

/// Reads everything the model is made from.
pub fn read(root: &Path, options: &LoadOptions) -> Result<Inputs> {
    let mut diagnostics = Vec::new();
    let (config, mut found) = config::load(root)?;
    diagnostics.append(&mut found);
    let Some(config) = config else {
        return Err(fail(diagnostics));
    };
    check_district_args(&config, &options.districts)?;

    let sources = content::load(&config, &options.districts, &mut diagnostics)?;
    let today = Date::today().unwrap_or_else(|today| {
        diagnostics.push(
            Diagnostic::warning(Code::ConfigSourceDate, msg!("config-source-date"))
                .help(msg!("config-source-date-help")),
        );
        today
    });
    let hotlines = Hotlines::load(
        &HotlineInput {
            config: &config,
            files: &sources.hotline_files,
            today,
        },
        &mut diagnostics,
    );
    let theme = theme::load(&config, &mut diagnostics)?;
    let renderer = Renderer::new(&config, &theme, options.render.clone(), &mut diagnostics);
    let Some(renderer) = renderer else {
        return Err(fail(diagnostics));
    };
    Ok(Inputs {
        config,
        sources,
        hotlines,
        renderer: Arc::new(renderer),
        diagnostics,
    })
}

/// Builds the model and renders the page bodies. Bodies of `previous`
/// whose source is unchanged are reused when links resolve as before.
pub fn assemble(
    inputs: &Inputs,
    options: &LoadOptions,
    previous: Option<&Project>,
) -> Result<Project> {
    assemble_with(inputs, Arc::clone(&inputs.renderer), options, previous)
}

/// The campaign of `project` again with other rendering options
/// (`options.render`: the other form of `build --zip`): the model made
/// again from what was read, every body rendered again, the pictures
/// shared with `project`. Nothing is read from disk.
pub fn reform(inputs: &Inputs, options: &LoadOptions, project: &Project) -> Result<Project> {
    let renderer = Arc::new(project.renderer.with_options(options.render.clone()));
    let mut other = assemble_with(inputs, renderer, options, None)?;
    other.images = Arc::clone(&project.images);
    Ok(other)
}

/// [`assemble`] with `renderer`.
fn assemble_with(
    inputs: &Inputs,
    renderer: Arc<Renderer>,
    options: &LoadOptions,
    previous: Option<&Project>,
) -> Result<Project> {
    let mut diagnostics = inputs.diagnostics.clone();
    let model_options = ModelOptions {
        districts: options.districts.clone(),
        drafts: options.drafts,
    };
    let mut site = model::build(
        inputs.config.clone(),
        inputs.sources.clone(),
        inputs.hotlines.clone(),
        &model_options,
        &mut diagnostics,
    );
    site.links.add_theme_files(
        renderer
            .theme_files
            .iter()
            .map(|(name, out)| (name.as_str(), out.as_str())),
    );
    check_references(&site, &renderer, &mut diagnostics);
    // Errors that leave the model whole do not stop it yet: the pages'
    // own findings join them, so one run reports everything.
    let stops = |d: &Diagnostic| d.is_error() && !leaves_model_whole(d);
    if diagnostics.iter().any(stops) {
        return Err(fail(diagnostics));
    }

    let mut needed = render::needed_bodies(&site);
    let mut bodies = Bodies::new();
    if let Some(previous) = previous.filter(|p| p.site.links == site.links) {
        reuse_bodies(previous, &site, &mut needed, &mut bodies);
    }
    bodies.extend(render::render_bodies(&site, &renderer, &needed));
    link_diagnostics(&site, &bodies, &mut diagnostics);
    image_diagnostics(&site, &bodies, &mut diagnostics);
    if !options.keep_going && diagnostics.iter().any(Diagnostic::is_error) {
        return Err(fail(diagnostics));
    }
    tidy(&mut diagnostics);
    let images = Arc::new(Store::new(
        images::cache_dir(&site.config.root),
        site.config.content_dir(),
        site.config.images.clone(),
    ));
    let search = search_cache(&site);
    Ok(Project {
        site,
        renderer,
        bodies,
        diagnostics,
        rendered: needed.len(),
        images,
        search,
        pages_rendered: Default::default(),
    })
}

/// Whether the model can be built and rendered in spite of this error:
/// a hotline file or entry with errors is left out of the directory, and
/// nothing else depends on it.
fn leaves_model_whole(d: &Diagnostic) -> bool {
    d.code.as_str().starts_with("hotline/")
        || d.file
            .as_deref()
            .is_some_and(|f| f.starts_with("content/hotlines/") && f.ends_with(".yaml"))
}

/// Takes the bodies of sources the previous project read unchanged (the
/// same shared source) out of `needed` and into `bodies`: after one edit
/// the preview renders one page's Markdown, not every page's. Only valid
/// when every link resolves as before (equal link indexes).
fn reuse_bodies(
    previous: &Project,
    site: &Site,
    needed: &mut BTreeSet<(SourceId, String)>,
    bodies: &mut Bodies,
) {
    let old: HashMap<&str, SourceId> = previous
        .site
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.rel.as_str(), i))
        .collect();
    needed.retain(|(source, lang)| {
        let src = &site.sources[*source];
        let reused = old
            .get(src.rel.as_str())
            .filter(|&&i| Arc::ptr_eq(&previous.site.sources[i], src))
            .and_then(|&i| previous.bodies.get(&(i, lang.clone())));
        match reused {
            Some(body) => {
                bodies.insert((*source, lang.clone()), Arc::clone(body));
                false
            }
            None => true,
        }
    });
}

fn fail(mut diagnostics: Vec<Diagnostic>) -> Error {
    tidy(&mut diagnostics);
    Error::Content(diagnostics)
}

/// `--district` names must be districts: a usage error otherwise.
fn check_district_args(config: &config::Config, districts: &[String]) -> Result<()> {
    for slug in districts {
        if config.is_unknown_district(slug) {
            let d = crate::read::config::unknown_district(config, slug);
            return Err(Error::Usage(msg!(
                "usage-district",
                slug = slug,
                message = d.message.text(),
                help = d.help.map(|h| h.text()).unwrap_or_default()
            )));
        }
    }
    Ok(())
}

/// Settings that name pages, files and templates must name existing ones.
fn check_references(site: &Site, renderer: &Renderer, diagnostics: &mut Vec<Diagnostic>) {
    let config = &site.config;
    let site_file: &YamlFile = &config.site_file;
    if let Some(page) = &config.cover_tracks
        && site.cover_tracks().is_none()
    {
        diagnostics.push(
            site_file.point_to(
                Diagnostic::error(
                    Code::ConfigCoverTracks,
                    msg!("config-cover-tracks", page = page),
                )
                .help(msg!("config-cover-tracks-help")),
                page,
            ),
        );
    }
    if let Some(logo) = &config.logo
        && site.logo_path().is_none()
    {
        diagnostics.push(
            site_file.point_to(
                Diagnostic::error(Code::ConfigLogo, msg!("config-logo", file = logo))
                    .help(msg!("config-logo-help")),
                logo,
            ),
        );
    }
    if let Some(share) = &config.share_image
        && site.share_image_asset().is_none()
    {
        diagnostics.push(
            site_file.point_to(
                Diagnostic::error(
                    Code::ConfigShareImage,
                    msg!("config-share-image", file = share),
                )
                .help(msg!("config-share-image-help")),
                share,
            ),
        );
    }
    for source in &site.sources {
        if let Some(template) = &source.front.template
            && FRAME_TEMPLATES.contains(&template.as_str())
        {
            diagnostics.push(
                source.point(
                    Diagnostic::error(
                        Code::PageUnknownTemplate,
                        msg!("page-frame-template", template = template),
                    )
                    .help(msg!("page-frame-template-help")),
                    template,
                ),
            );
        } else if let Some(template) = &source.front.template
            && (!renderer.has_template(template) || template.starts_with("partials/"))
        {
            diagnostics.push(
                source.point(
                    Diagnostic::error(
                        Code::PageUnknownTemplate,
                        msg!("page-unknown-template", template = template),
                    )
                    .help(msg!("page-unknown-template-help")),
                    template,
                ),
            );
        }
    }
}

/// The theme's templates that are not for a page: the frame, the portal,
/// the 404 page and the printed sheets (each given values a page has not).
const FRAME_TEMPLATES: &[&str] = &[
    "base.html",
    "portal.html",
    "404.html",
    "poster.html",
    "leaflet.html",
    "a-z.html",
];

/// Broken, unsafe and draft links, images without alt text, and links to
/// pages missing from some districts.
pub fn link_diagnostics(site: &Site, bodies: &Bodies, diagnostics: &mut Vec<Diagnostic>) {
    // (file, line, written) -> districts where the page is missing.
    let mut missing: BTreeMap<(String, usize, String), Vec<String>> = BTreeMap::new();
    for ((source, _lang), body) in bodies {
        let src = &site.sources[*source];
        let file = src.file();
        body_diagnostics(&body.body, &file, diagnostics);
        for link in &body.links {
            if let Some(problem) = link.problem {
                if problem == LinkProblem::UnlistedPhone && site.hotlines.incomplete {
                    // The number may well be in the file that could not
                    // be read (reported).
                    continue;
                }
                diagnostics.push(
                    link_problem(problem, &link.written)
                        .in_file(&file)
                        .at_line(link.line),
                );
                continue;
            }
            let Some(LinkTarget::Page { path, .. }) = &link.target else {
                continue;
            };
            for view in &site.districts {
                let slug = &site.district(view).slug;
                // Shared pages are in every district; a district's own files
                // only in theirs.
                let relevant = src.scope.as_deref().is_none_or(|s| s == slug);
                if relevant && !view.by_path.contains_key(path) {
                    missing
                        .entry((file.clone(), link.line, link.written.clone()))
                        .or_default()
                        .push(slug.clone());
                }
            }
        }
    }
    for ((file, line, written), mut slugs) in missing {
        slugs.sort();
        slugs.dedup();
        diagnostics.push(
            Diagnostic::warning(
                Code::LinkMissingInDistrict,
                msg!(
                    "link-missing-in-district",
                    link = written,
                    districts = slugs.join(", "),
                    count = slugs.len()
                ),
            )
            .in_file(file)
            .at_line(line)
            .help(msg!("link-missing-in-district-help")),
        );
    }
}

/// Every place each picture shown in a page is shown: (file, line), in
/// every language's file that shows it.
pub fn image_uses(site: &Site, bodies: &Bodies) -> BTreeMap<usize, BTreeSet<(String, usize)>> {
    let mut uses: BTreeMap<usize, BTreeSet<(String, usize)>> = BTreeMap::new();
    for ((source, _), body) in bodies {
        let file = site.sources[*source].file();
        for use_ in body.images.iter().filter(|u| u.shown) {
            uses.entry(use_.asset)
                .or_default()
                .insert((file.clone(), use_.line));
        }
    }
    uses
}

/// Pictures that cannot be published (errors: the page would lose them)
/// and photos wider than pages ever show them, at every line that shows
/// them, in each language's file.
pub(crate) fn image_diagnostics(site: &Site, bodies: &Bodies, diagnostics: &mut Vec<Diagnostic>) {
    let largest = site
        .config
        .images
        .widths
        .last()
        .copied()
        .unwrap_or(u32::MAX);
    for (asset, places) in image_uses(site, bodies) {
        let source = &site.assets[asset].source;
        let finding = match &source.image {
            Some(Ok(facts)) if facts.width > largest => Diagnostic::warning(
                Code::ImageTooWide,
                msg!(
                    "image-too-wide",
                    file = &source.rel,
                    width = facts.width,
                    limit = largest
                ),
            )
            .help(msg!("image-too-wide-help", limit = largest)),
            Some(Err(why)) => Diagnostic::error(
                Code::ImageUnreadable,
                msg!(
                    "image-not-published",
                    file = &source.rel,
                    reason = why.why.text()
                ),
            )
            .help(unreadable_help(&source.rel, why, largest)),
            _ => continue,
        };
        for (file, line) in places {
            diagnostics.push(finding.clone().in_file(file).at_line(line));
        }
    }
}

/// What to do about a picture loa cannot publish.
fn unreadable_help(rel: &str, why: &images::Unreadable, largest: u32) -> Msg {
    if let Some((width, height)) = why.fit {
        return msg!(
            "image-fit-help",
            width = width,
            height = height,
            limit = largest
        );
    }
    if matches!(
        images::Kind::of_name(rel),
        Some(images::RasterName::Unreadable)
    ) {
        msg!("image-export-help")
    } else {
        msg!("image-save-again-help")
    }
}

/// What a body's Markdown showed: nesting too deep, unsafe raw HTML or
/// heading attributes, pictures of other websites in raw HTML, images
/// without a description.
fn body_diagnostics(
    body: &crate::render::markdown::Body,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(line) = body.too_deep {
        diagnostics.push(
            Diagnostic::error(
                Code::PageTooDeep,
                msg!(
                    "page-too-deep",
                    limit = crate::render::markdown::MAX_NESTING
                ),
            )
            .in_file(file)
            .at_line(line)
            .help(msg!("page-too-deep-help")),
        );
    }
    if let Some(line) = body.too_deep_html {
        diagnostics.push(
            Diagnostic::error(
                Code::PageTooDeep,
                msg!(
                    "page-too-deep-html",
                    limit = crate::render::rawhtml::MAX_HTML_NESTING
                ),
            )
            .in_file(file)
            .at_line(line)
            .help(msg!("page-too-deep-html-help")),
        );
    }
    if let Some(line) = body.crowded_html {
        diagnostics.push(
            Diagnostic::error(
                Code::PageTooDeep,
                msg!(
                    "page-crowded-html",
                    limit = crate::render::rawhtml::MAX_HTML_ATTRIBUTES
                ),
            )
            .in_file(file)
            .at_line(line)
            .help(msg!("page-crowded-html-help")),
        );
    }
    removed_html_diagnostics(body, file, diagnostics);
    for (line, lost) in &body.as_text {
        diagnostics.push(as_text_diagnostic(lost).in_file(file).at_line(*line));
    }
    for (line, address) in &body.external_images {
        diagnostics.push(
            link_problem(LinkProblem::ExternalImage, address)
                .in_file(file)
                .at_line(*line),
        );
    }
    for line in &body.images_without_alt {
        diagnostics.push(
            Diagnostic::warning(Code::A11yImageAlt, msg!("a11y-image-alt"))
                .in_file(file)
                .at_line(*line)
                .help(msg!("a11y-image-alt-help")),
        );
    }
}

/// `link/as-text`: a link or picture published as plain text, and how to
/// write it.
fn as_text_diagnostic(lost: &crate::render::astext::Lost) -> Diagnostic {
    use crate::render::astext::Lost;
    let (message, help) = match lost {
        Lost::Spaces { written, picture } => {
            let renamed = match written.rsplit_once('.') {
                Some((stem, ext)) => {
                    format!(
                        "{}.{}",
                        crate::read::slug::slugify(stem),
                        ext.to_lowercase()
                    )
                }
                None => crate::read::slug::slugify(written),
            };
            let message = if *picture {
                msg!("as-text-spaces-picture", address = written)
            } else {
                msg!("as-text-spaces-link", address = written)
            };
            (
                message,
                msg!("as-text-spaces-help", address = written, renamed = renamed),
            )
        }
        Lost::Unclosed { picture: true } => (
            msg!("as-text-unclosed-picture"),
            msg!("as-text-unclosed-help"),
        ),
        Lost::Unclosed { picture: false } => {
            (msg!("as-text-unclosed-link"), msg!("as-text-unclosed-help"))
        }
        Lost::Unpaired => (msg!("as-text-unpaired"), msg!("as-text-unpaired-help")),
        Lost::NoDefinition { reference } => (
            msg!("as-text-no-definition", reference = reference),
            msg!("as-text-no-definition-help", reference = reference),
        ),
    };
    Diagnostic::error(Code::LinkAsText, message).help(help)
}

/// `content/unsafe-html`: what the sanitiser took out of the page's HTML
/// (one finding, at the first tag with something removed) and of each
/// heading.
fn removed_html_diagnostics(
    body: &crate::render::markdown::Body,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if !body.removed_html.is_empty() {
        diagnostics.push(
            Diagnostic::warning(
                Code::ContentUnsafeHtml,
                msg!(
                    "unsafe-html-removed",
                    removed = body.removed_html.join(", "),
                    count = body.removed_html.len()
                ),
            )
            .in_file(file)
            .at_line(body.removed_html_line)
            .help(msg!("unsafe-html-removed-help")),
        );
    }
    for (line, removed) in &body.heading_attributes {
        diagnostics.push(
            Diagnostic::warning(
                Code::ContentUnsafeHtml,
                msg!(
                    "unsafe-html-heading",
                    removed = removed.join(", "),
                    count = removed.len()
                ),
            )
            .in_file(file)
            .at_line(*line)
            .help(msg!("unsafe-html-heading-help")),
        );
    }
}

/// The finding for a link that could not be used as written.
fn link_problem(problem: LinkProblem, written: &str) -> Diagnostic {
    let (d, help) = match problem {
        LinkProblem::Broken => (
            Diagnostic::error(Code::LinkBroken, msg!("link-broken", link = written)),
            msg!("link-broken-help"),
        ),
        LinkProblem::Draft => (
            Diagnostic::warning(Code::LinkDraft, msg!("link-draft", link = written)),
            msg!("link-draft-help"),
        ),
        LinkProblem::ExternalImage => (
            Diagnostic::warning(
                Code::LinkExternalImage,
                msg!("link-external-image", link = written),
            ),
            msg!("link-external-image-help"),
        ),
        LinkProblem::BadPhone => (
            Diagnostic::warning(Code::LinkBadPhone, msg!("link-bad-phone", link = written)),
            msg!("link-bad-phone-help"),
        ),
        LinkProblem::UnlistedPhone => (
            Diagnostic::warning(
                Code::LinkUnlistedPhone,
                msg!("link-unlisted-phone", link = written),
            ),
            msg!("link-unlisted-phone-help"),
        ),
        LinkProblem::Blocked => (
            Diagnostic::warning(Code::LinkUnsafe, msg!("link-unsafe", link = written)),
            msg!("link-unsafe-help"),
        ),
    };
    d.help(help)
}
