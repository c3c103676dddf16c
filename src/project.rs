//! A campaign loaded into memory: configuration, sources, hotlines, theme,
//! model and rendered page bodies, with every problem found on the way.
//! `build` writes it, `check` inspects it, `serve` keeps it and re-renders.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use crate::codes::Code;
use crate::config::{self, Config, YamlFile};
use crate::content::{self, Sources};
use crate::error::{Diagnostic, Error, Result, tidy};
use crate::hotlines::{HotlineInput, Hotlines};
use crate::images::{self, Store};
use crate::model::{self, LinkProblem, ModelOptions, Site, SourceId, Target};
use crate::render::{self, Bodies, RenderOptions, Renderer};
use crate::theme;
use crate::values::Date;
use crate::yaml::Seg;

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
    pub search: crate::engine::SearchCache,
}

impl Project {
    /// Forgets the search words (after the model's sources changed).
    pub fn forget_search(&mut self) {
        self.search = search_cache(&self.site);
    }
}

/// An empty [`crate::engine::SearchCache`] for `site`'s languages.
fn search_cache(site: &Site) -> crate::engine::SearchCache {
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

    let sources = content::load(&config, &mut diagnostics)?;
    let today = Date::today().unwrap_or_else(|today| {
        diagnostics.push(
            Diagnostic::warning(
                Code::ConfigSourceDate,
                "SOURCE_DATE_EPOCH is set but is not a number of seconds, so today's date is used",
            )
            .help("unset it, or set it to seconds since 1970, for example SOURCE_DATE_EPOCH=1795910400"),
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
    let mut diagnostics = inputs.diagnostics.clone();
    let model_options = ModelOptions {
        districts: options.districts.clone(),
        drafts: options.drafts,
    };
    let renderer = Arc::clone(&inputs.renderer);
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
            let d = crate::config::unknown_district(config, slug);
            return Err(Error::Usage(format!(
                "--district {slug}: {}; {}",
                d.message,
                d.help.unwrap_or_default()
            )));
        }
    }
    Ok(())
}

/// Settings that name pages, files and templates must name existing ones.
fn check_references(site: &Site, renderer: &Renderer, diagnostics: &mut Vec<Diagnostic>) {
    let config = &site.config;
    let site_file: &YamlFile = &config.site_file;
    if config.cover_tracks.is_some() && site.cover_tracks().is_none() {
        diagnostics.push(
            site_file.point(
                Diagnostic::error(
                    Code::ConfigCoverTracks,
                    format!(
                        "cover_tracks names `{}`, which is not a page of the campaign",
                        config.cover_tracks.as_deref().unwrap_or_default()
                    ),
                )
                .help("write the page's path inside content/, for example `pages/xoa-dau-vet.md`"),
                &[Seg::Key("cover_tracks")],
            ),
        );
    }
    if config.logo.is_some() && site.logo_path().is_none() {
        diagnostics.push(site_file.point(
            Diagnostic::error(
                Code::ConfigLogo,
                format!("logo names `{}`, which is not a file in content/", config.logo.as_deref().unwrap_or_default()),
            )
            .help("put the logo file in content/ and write its path, for example `images/logo.svg`"),
            &[Seg::Key("logo")],
        ));
    }
    if let Some(share) = &config.share_image
        && site.share_image_asset().is_none()
    {
        diagnostics.push(site_file.point(
            Diagnostic::error(
                Code::ConfigShareImage,
                format!("share_image names `{share}`, which is not a picture in content/"),
            )
            .help("put a JPEG or PNG picture (1200 × 630 pixels is best) in content/ and write its path, for example `images/chia-se.png`"),
            &[Seg::Key("share_image")],
        ));
    }
    for source in &site.sources {
        if let Some(template) = &source.front.template
            && FRAME_TEMPLATES.contains(&template.as_str())
        {
            diagnostics.push(source.point(
                Diagnostic::error(
                    Code::PageUnknownTemplate,
                    format!("`{template}` is part of the theme's frame, not a template for a page"),
                )
                .help("use page.html or section.html, or a template of your own theme made for pages"),
                "template",
            ));
        } else if let Some(template) = &source.front.template
            && (!renderer.has_template(template) || template.starts_with("partials/"))
        {
            diagnostics.push(
                source.point(
                    Diagnostic::error(
                        Code::PageUnknownTemplate,
                        format!("the theme has no template `{template}`"),
                    )
                    .help("remove `template:`, or add the file to your theme's templates/ folder"),
                    "template",
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
            let Some(Target::Page { path, .. }) = &link.target else {
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
                format!("the link `{written}` goes to a page that district(s) {} do not have", slugs.join(", ")),
            )
            .in_file(file)
            .at_line(line)
            .help("link to a page every district has, or move this page into the district's own folder"),
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
fn image_diagnostics(site: &Site, bodies: &Bodies, diagnostics: &mut Vec<Diagnostic>) {
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
                format!(
                    "the picture `{}` is {} pixels wide, but pages never show it wider than {largest}",
                    source.rel, facts.width
                ),
            )
            .help(format!(
                "loa publishes smaller copies, but the original makes the campaign heavy to copy and slow to build: save it {largest} pixels wide"
            )),
            Some(Err(why)) => Diagnostic::error(
                Code::ImageUnreadable,
                format!("the picture `{}` is not published, so the page shows only its description: {why}", source.rel),
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
fn unreadable_help(rel: &str, why: &images::Unreadable, largest: u32) -> String {
    if let Some((width, height)) = why.fit {
        return format!(
            "make it at most {width} × {height} pixels: open it in a picture editor, resize it and save it (pages never show it wider than {largest} pixels, so {largest} pixels wide is plenty)"
        );
    }
    if matches!(
        images::Kind::of_name(rel),
        Some(images::RasterName::Unreadable)
    ) {
        "open it in a picture editor or your phone's gallery, export it as JPEG (a photo) or PNG (a drawing), put that file next to the page and link to it instead: ![…](anh.jpg)".to_string()
    } else {
        "open it in a picture editor and save it again as JPEG or PNG".to_string()
    }
}

/// What a body's Markdown showed: nesting too deep, unsafe raw HTML or
/// heading attributes, pictures of other websites in raw HTML, images
/// without a description.
fn body_diagnostics(body: &crate::markdown::Body, file: &str, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(line) = body.too_deep {
        diagnostics.push(
            Diagnostic::error(
                Code::PageTooDeep,
                format!(
                    "lists or quotes here are nested more than {} levels deep",
                    crate::markdown::MAX_NESTING
                ),
            )
            .in_file(file)
            .at_line(line)
            .help("nobody can follow that many levels: split the list, or remove indentation"),
        );
    }
    if let Some(line) = body.too_deep_html {
        diagnostics.push(
            Diagnostic::error(
                Code::PageTooDeep,
                format!(
                    "the HTML here nests elements more than {} levels deep (or leaves them open)",
                    crate::rawhtml::MAX_HTML_NESTING
                ),
            )
            .in_file(file)
            .at_line(line)
            .help("close every tag you open (`<div>…</div>`), and write the text in Markdown where you can"),
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
            Diagnostic::warning(Code::A11yImageAlt, "this image has no alt text")
                .in_file(file)
                .at_line(*line)
                .help("describe the image inside the brackets: ![what it shows](file.png); a picture that is only decoration is written ![\"\"](file.png)"),
        );
    }
}

/// `link/as-text`: a link or picture published as plain text, and how to
/// write it.
fn as_text_diagnostic(lost: &crate::astext::Lost) -> Diagnostic {
    use crate::astext::Lost;
    let what = |picture: bool| if picture { "picture" } else { "link" };
    let (message, help) = match lost {
        Lost::Spaces { written, picture } => {
            let renamed = match written.rsplit_once('.') {
                Some((stem, ext)) => {
                    format!("{}.{}", crate::slug::slugify(stem), ext.to_lowercase())
                }
                None => crate::slug::slugify(written),
            };
            (
                format!(
                    "{}: its address `{written}` has spaces, so the page shows the Markdown as plain text instead",
                    if *picture {
                        "this picture is not shown"
                    } else {
                        "this link does not work"
                    }
                ),
                format!(
                    "put the address between < and >: ({written}) becomes (<{written}>), or rename the file `{renamed}` and write that"
                ),
            )
        }
        Lost::Unclosed { picture } => (
            format!(
                "this {} is published as plain text: its `(` is never closed",
                what(*picture)
            ),
            "end the address with `)` on the same line: [text](address)".to_string(),
        ),
        Lost::Unpaired => (
            "`](` here is published as plain text: the brackets around the link do not pair"
                .to_string(),
            "write a link as [text](address), with one `[` and one `]`".to_string(),
        ),
        Lost::NoDefinition { reference } => (
            format!(
                "this link is published as plain text: the reference `[{reference}]` is defined nowhere"
            ),
            format!(
                "add a line `[{reference}]: address` below the paragraph, or write the address in parentheses: [text](address)"
            ),
        ),
    };
    Diagnostic::error(Code::LinkAsText, message).help(help)
}

/// `content/unsafe-html`: what the sanitiser took out of the page's HTML
/// (one finding, at its first HTML line) and of each heading.
fn removed_html_diagnostics(
    body: &crate::markdown::Body,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if !body.removed_html.is_empty() {
        let verb = if body.removed_html.len() == 1 {
            "was"
        } else {
            "were"
        };
        diagnostics.push(
            Diagnostic::warning(
                Code::ContentUnsafeHtml,
                format!(
                    "the HTML in this page had {}, which {verb} removed",
                    body.removed_html.join(", ")
                ),
            )
            .in_file(file)
            .at_line(body.raw_html_line)
            .help("pages may not run scripts or restyle the site: write it in Markdown instead"),
        );
    }
    for (line, removed) in &body.heading_attributes {
        diagnostics.push(
            Diagnostic::warning(
                Code::ContentUnsafeHtml,
                format!(
                    "this heading had {}, which {} removed",
                    removed.join(", "),
                    if removed.len() == 1 { "was" } else { "were" }
                ),
            )
            .in_file(file)
            .at_line(*line)
            .help("a heading may only name its anchor, in letters, digits and hyphens: ## Title {#anchor}"),
        );
    }
}

/// The finding for a link that could not be used as written.
fn link_problem(problem: LinkProblem, written: &str) -> Diagnostic {
    match problem {
        LinkProblem::Broken => Diagnostic::error(Code::LinkBroken, format!("the link `{written}` goes to no page or file, so readers who follow it find nothing"))
            .help("check the spelling; link to a page with its file, e.g. `../skills/tu-bao-ve.md`, or remove the link"),
        LinkProblem::Draft => Diagnostic::warning(
            Code::LinkDraft,
            format!("the link `{written}` goes to a draft, which is not published"),
        )
        .help("publish the page (remove `draft: true`) or remove the link"),
        LinkProblem::ExternalImage => Diagnostic::warning(
            Code::LinkExternalImage,
            format!("the image `{written}` comes from another website, so it was left out"),
        )
        .help("loading it would tell that website who reads this page: copy the picture into content/ next to the page"),
        LinkProblem::BadPhone => Diagnostic::warning(
            Code::LinkBadPhone,
            format!("`{written}` is not a Vietnamese phone number, so the link was removed"),
        )
        .help("write it like tel:111 or tel:02438251234, with the same digits as in the hotline directory"),
        LinkProblem::UnlistedPhone => {
            Diagnostic::warning(Code::LinkUnlistedPhone, format!("`{written}` is not in the hotline directory")).help(
                "readers will call this number: add it to content/hotlines/ (with `verified:`), so it is checked like the others",
            )
        }
        LinkProblem::Blocked => Diagnostic::warning(
            Code::LinkUnsafe,
            format!("the link `{written}` was removed: only web, email and phone links are allowed"),
        )
        .help("link to an https:// address, a page of the campaign, or tel:"),
    }
}
