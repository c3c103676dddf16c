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
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(fail(diagnostics));
    }

    let mut needed = render::needed_bodies(&site);
    let mut bodies = Bodies::new();
    if let Some(previous) = previous.filter(|p| p.site.links == site.links) {
        reuse_bodies(previous, &site, &mut needed, &mut bodies);
    }
    bodies.extend(render::render_bodies(&site, &renderer, &needed));
    link_diagnostics(&site, &bodies, &mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(fail(diagnostics));
    }
    image_diagnostics(&site, &bodies, &mut diagnostics);
    tidy(&mut diagnostics);
    let images = Arc::new(Store::new(
        images::cache_dir(&site.config.root),
        site.config.content_dir(),
        site.config.images.clone(),
    ));
    Ok(Project {
        site,
        renderer,
        bodies,
        diagnostics,
        rendered: needed.len(),
        images,
    })
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

/// Where each picture shown in a page is first shown: (file, line).
pub fn first_image_uses(site: &Site, bodies: &Bodies) -> BTreeMap<usize, (String, usize)> {
    let mut first: BTreeMap<usize, (String, usize)> = BTreeMap::new();
    for ((source, _), body) in bodies {
        let file = site.sources[*source].file();
        for use_ in body.images.iter().filter(|u| u.shown) {
            let here = (file.clone(), use_.line);
            let slot = first.entry(use_.asset).or_insert_with(|| here.clone());
            if here < *slot {
                *slot = here;
            }
        }
    }
    first
}

/// Pictures that cannot be published, and photos wider than pages ever
/// show them, at the line of their first use.
fn image_diagnostics(site: &Site, bodies: &Bodies, diagnostics: &mut Vec<Diagnostic>) {
    let largest = site
        .config
        .images
        .widths
        .last()
        .copied()
        .unwrap_or(u32::MAX);
    for (asset, (file, line)) in first_image_uses(site, bodies) {
        let source = &site.assets[asset].source;
        match &source.image {
            Some(Ok(facts)) if facts.width > largest => diagnostics.push(
                Diagnostic::warning(
                    Code::ImageTooWide,
                    format!(
                        "the picture `{}` is {} pixels wide, but pages never show it wider than {largest}",
                        source.rel, facts.width
                    ),
                )
                .in_file(file)
                .at_line(line)
                .help(format!(
                    "loa publishes smaller copies, but the original makes the campaign heavy to copy and slow to build: save it {largest} pixels wide"
                )),
            ),
            Some(Err(why)) => diagnostics.push(
                Diagnostic::warning(
                    Code::ImageUnreadable,
                    format!("the picture `{}` is not published: {why}", source.rel),
                )
                .in_file(file)
                .at_line(line)
                .help(if matches!(images::Kind::of_name(&source.rel), Some(images::RasterName::Unreadable)) {
                    "open it in a picture editor or your phone's gallery, export it as JPEG (a photo) or PNG (a drawing), put that file next to the page and link to it instead: ![…](anh.jpg)"
                } else {
                    "open it in a picture editor and save it again as JPEG or PNG"
                }),
            ),
            _ => {}
        }
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

/// The warning for a link that could not be used as written.
fn link_problem(problem: LinkProblem, written: &str) -> Diagnostic {
    match problem {
        LinkProblem::Broken => Diagnostic::warning(Code::LinkBroken, format!("the link `{written}` goes to no page or file"))
            .help("check the spelling; link to a page with its file, e.g. `../skills/tu-bao-ve.md`"),
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
