//! Campaign configuration: `content/site.yaml` and every
//! `content/districts/<slug>.yaml`, read as raw YAML shapes (unknown keys are
//! errors) and resolved into a checked [`Config`].

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::codes::Code;
use crate::error::{Diagnostic, Error, Result, did_you_mean, display_path};
use crate::msg;
use crate::read::slug::{is_slug, slugify};
use crate::read::target::{
    DeployTarget, Endpoint, ExitUrl, ExitUrlProblem, Location, Region, SiteUrl, SiteUrlProblem,
    TargetProblem, WebPlace,
};
use crate::read::values::{
    Audience, Category, Cost, Date, DistrictSel, Localized, LocalizedAt, unplaced,
};
use crate::read::yaml::{self, Spanned};

/// `content/site.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    title: LocalizedAt,
    #[serde(default)]
    description: LocalizedAt,
    languages: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    theme: Option<Spanned<String>>,
    #[serde(default)]
    unit_label: Option<LocalizedAt>,
    quick_exit_url: Spanned<String>,
    #[serde(default)]
    pinned_hotlines: Vec<Spanned<String>>,
    #[serde(default)]
    hotline_max_age_days: Option<u32>,
    #[serde(default)]
    colors: Option<RawColors>,
    #[serde(default)]
    logo: Option<Spanned<String>>,
    #[serde(default)]
    cover_tracks: Option<Spanned<String>>,
    #[serde(default)]
    news_page_size: Option<Spanned<u32>>,
    #[serde(default)]
    share_image: Option<Spanned<String>>,
    #[serde(default)]
    images: Option<RawImages>,
    #[serde(default)]
    deploy_allowed: Vec<Spanned<String>>,
    /// The language loa speaks to the people who run the campaign.
    #[serde(default)]
    staff_language: Option<crate::i18n::Lang>,
}

/// How pictures are published (`images:` in `site.yaml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImages {
    #[serde(default)]
    widths: Option<Spanned<Vec<u32>>>,
    #[serde(default)]
    budget_kb: Option<u32>,
}

/// How pictures are published: the widths they are resized to and the
/// size a processed picture should stay under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSettings {
    /// Widths in pixels, smallest first (never upscaled).
    pub widths: Vec<u32>,
    /// A processed picture bigger than this many bytes gets a warning.
    pub budget_bytes: u64,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: vec![480, 960, 1600],
            budget_bytes: 250 * 1024,
        }
    }
}

/// Theme colours a campaign may set in `site.yaml`.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawColors {
    /// Main colour: header, buttons, links.
    #[serde(default)]
    pub primary: Option<Spanned<String>>,
    /// The quick-exit button's colour.
    #[serde(default)]
    pub exit: Option<Spanned<String>>,
}

/// `content/districts/<slug>.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDistrict {
    name: LocalizedAt,
    #[serde(default)]
    base_url: Option<Spanned<String>>,
    #[serde(default)]
    hotlines: Vec<Spanned<RawHotline>>,
    #[serde(default)]
    pinned_hotlines: Vec<Spanned<String>>,
    #[serde(default)]
    deploy: Option<RawDeploy>,
}

/// Where `loa deploy` publishes a district, as written in its file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeploy {
    target: Spanned<String>,
    #[serde(default)]
    endpoint: Option<Spanned<String>>,
    #[serde(default)]
    region: Option<Spanned<String>>,
    #[serde(default)]
    compress: Option<Spanned<String>>,
    #[serde(default)]
    purge: Option<RawPurge>,
}

/// The caches `loa deploy` empties after a deploy, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPurge {
    #[serde(default)]
    cloudflare: Option<Spanned<String>>,
    #[serde(default)]
    webhook: Option<Spanned<String>>,
}

/// One hotline entry as written in YAML (in a hotline file, or under a
/// district's `hotlines:`); checked by [`crate::read::hotlines`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHotline {
    pub(crate) id: Spanned<String>,
    pub(crate) name: LocalizedAt,
    #[serde(default)]
    pub(crate) description: LocalizedAt,
    pub(crate) phone: Spanned<String>,
    pub(crate) category: Category,
    #[serde(default)]
    pub(crate) hours: LocalizedAt,
    #[serde(default)]
    pub(crate) cost: Option<Cost>,
    #[serde(default)]
    pub(crate) audience: Vec<Audience>,
    #[serde(default)]
    pub(crate) districts: Option<Spanned<DistrictSel>>,
    #[serde(default)]
    pub(crate) verified: Option<Spanned<Date>>,
    #[serde(default)]
    pub(crate) source: Option<String>,
    #[serde(default)]
    pub(crate) example: Spanned<bool>,
}

/// A YAML file kept with its text, so later checks can point into it.
#[derive(Debug, Clone)]
pub struct YamlFile {
    /// Path relative to the campaign root, e.g. `content/site.yaml`.
    pub file: String,
    /// The file's text.
    pub text: String,
}

impl YamlFile {
    /// The file `file` (relative to the campaign root) holding `text`.
    pub fn new(file: String, text: String) -> YamlFile {
        YamlFile { file, text }
    }

    /// A diagnostic pointing at `value`, read from this file.
    pub fn point_to<T>(&self, diagnostic: Diagnostic, value: &Spanned<T>) -> Diagnostic {
        diagnostic.in_file(&self.file).at_opt(value.place())
    }
}

/// The resolved, checked campaign configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The campaign folder (holds `content/` and maybe `themes/`).
    pub root: PathBuf,
    /// Site title per language.
    pub title: LocalizedAt,
    /// One-sentence description per language (may be empty).
    pub description: LocalizedAt,
    /// Language codes; the first is the default, served at the site root.
    pub languages: Vec<String>,
    /// Theme name: a folder under `themes/`, over the built-in default.
    pub theme: Spanned<String>,
    /// What a district is called ("Phường/Xã", "Ward/Commune").
    pub unit_label: LocalizedAt,
    /// Where the quick-exit button goes.
    pub quick_exit_url: ExitUrl,
    /// Hotline ids shown on every page.
    pub pinned_hotlines: Vec<Spanned<String>>,
    /// A `verified` date older than this many days is stale.
    pub hotline_max_age_days: u32,
    /// Colours set by the campaign.
    pub colors: RawColors,
    /// A logo file (content-relative path), when set.
    pub logo: Option<Spanned<String>>,
    /// The "cover your tracks" page (content-relative path), when set.
    pub cover_tracks: Option<Spanned<String>>,
    /// News items per page of the news list.
    pub news_page_size: usize,
    /// The picture of share cards for pages without one (content-relative
    /// path), when set.
    pub share_image: Option<Spanned<String>>,
    /// How pictures are published.
    pub images: ImageSettings,
    /// Every district, sorted by slug.
    pub districts: Vec<District>,
    /// `content/site.yaml`, for pointing at its lines.
    pub site_file: YamlFile,
    /// District files that could not be read (already reported).
    pub broken_districts: Vec<String>,
    /// Language codes `site.yaml` lists but that are not valid (already
    /// reported), so files named with them are not reported again.
    pub rejected_languages: Vec<String>,
    /// `staff_language:`, the language loa speaks to the people who run
    /// the campaign (see [`crate::i18n::lang`]).
    pub staff_language: Option<crate::i18n::Lang>,
}

/// One local unit with its own site.
#[derive(Debug, Clone)]
pub struct District {
    /// The file name without `.yaml`, used in URLs.
    pub slug: String,
    /// Name per language.
    pub name: LocalizedAt,
    /// Where the site will be published, ending in `/`, when known; with
    /// where it is written.
    pub base_url: Option<Spanned<SiteUrl>>,
    /// Local hotline entries, as written.
    pub hotlines: Vec<Spanned<RawHotline>>,
    /// Hotline ids this district shows after the campaign's pinned ones
    /// (`pinned_hotlines:` in its file).
    pub pinned_hotlines: Vec<Spanned<String>>,
    /// The district file, for pointing at its lines.
    pub source: YamlFile,
    /// Where `loa deploy` publishes it, when set.
    pub deploy: Option<Deploy>,
}

/// Where `loa deploy` publishes a district: `s3://bucket/prefix`,
/// `gs://bucket/prefix`, `az://container/prefix` or `file:///web/root`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deploy {
    /// The target, where it is written.
    pub target: Spanned<DeployTarget>,
    /// The service's address, for S3-compatible services other than AWS,
    /// where it is written.
    pub endpoint: Option<Spanned<Endpoint>>,
    /// The service's region.
    pub region: Option<Region>,
    /// Send text files gzip-compressed (`compress: gzip`).
    pub gzip: bool,
    /// The CDN caches to empty of the changed files after a deploy.
    pub purge: Purge,
}

/// The caches `loa deploy` empties after a deploy (`purge:` under
/// `deploy:`); the credentials come from the environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Purge {
    /// A Cloudflare zone id (the token in `CLOUDFLARE_API_TOKEN`).
    pub cloudflare: Option<String>,
    /// An address that receives the changed URLs as JSON, where it is
    /// written.
    pub webhook: Option<Spanned<Endpoint>>,
}

impl Purge {
    /// Is any cache named?
    pub fn any(&self) -> bool {
        self.cloudflare.is_some() || self.webhook.is_some()
    }
}

impl Config {
    /// The default language (the first in `languages`).
    pub fn default_lang(&self) -> &str {
        &self.languages[0]
    }

    /// The URL prefix of a language: empty for the default, `en/` for others.
    pub fn lang_prefix(&self, lang: &str) -> String {
        if lang == self.default_lang() {
            String::new()
        } else {
            format!("{lang}/")
        }
    }

    /// The district with this slug.
    pub fn district(&self, slug: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.slug == slug)
    }

    /// Whether no district has this slug, not even one whose file has
    /// errors (already reported, so not reported again as unknown).
    pub fn is_unknown_district(&self, slug: &str) -> bool {
        self.district(slug).is_none() && !self.broken_districts.iter().any(|b| b == slug)
    }

    /// The content folder.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
}

/// Reads `content/site.yaml` and the district files under `root`.
///
/// Content problems come back as diagnostics (all of them); only a missing
/// campaign or an unreadable file is an [`Error`].
pub fn load(root: &Path) -> Result<(Option<Config>, Vec<Diagnostic>)> {
    let mut diagnostics = Vec::new();
    let content = root.join("content");
    let site_path = content.join("site.yaml");
    if !root.is_dir() {
        return Err(Error::Usage(msg!("usage-root-missing", folder = root)));
    }
    if !site_path.is_file() {
        return Err(Error::Usage(if root.join("site.yaml").is_file() {
            msg!("usage-no-campaign-content", file = display_path(&site_path))
        } else {
            msg!("usage-no-campaign", file = display_path(&site_path))
        }));
    }
    let site_file = read_yaml_file(root, &site_path, &mut diagnostics)?;
    let raw: Option<RawSite> = site_file.as_ref().and_then(|f| {
        yaml::parse(&f.text, Path::new(&f.file), 1)
            .map_err(|mut found| diagnostics.append(&mut found))
            .ok()
    });
    let (districts, broken_districts) = load_districts(root, &content, &mut diagnostics)?;
    let mut config = match (raw, site_file) {
        (Some(raw), Some(site_file)) => resolve(root, raw, site_file, districts, &mut diagnostics),
        // site.yaml has errors, already reported: go on with what can be
        // read of it, so the pages' and hotlines' problems are found in the
        // same run. The errors keep anything from being written.
        (_, site_file) => {
            let site_file = site_file
                .unwrap_or_else(|| YamlFile::new("content/site.yaml".into(), String::new()));
            let raw = fallback_site(&site_file);
            resolve(root, raw, site_file, districts, &mut Vec::new())
        }
    };
    config.broken_districts = broken_districts;
    Ok((Some(config), diagnostics))
}

/// Settings to go on with when `site.yaml` cannot be read: its languages
/// when they can be read, Vietnamese and English otherwise.
fn fallback_site(site_file: &YamlFile) -> RawSite {
    // Only `languages:` is read, typed, whatever else the file holds; an
    // empty entry is kept as no language (it was written, so the list is
    // not empty, but it is refused like any entry that is no code).
    let languages: Vec<String> =
        yaml::parse_key::<Vec<Option<String>>>(&site_file.text, "languages")
            .map(|list| list.into_iter().map(Option::unwrap_or_default).collect())
            .filter(|list: &Vec<String>| !list.is_empty())
            .unwrap_or_else(|| vec!["vi".into(), "en".into()]);
    RawSite {
        title: unplaced(
            languages
                .iter()
                .map(|l| (l.clone(), "—".to_string()))
                .collect(),
        ),
        description: LocalizedAt::default(),
        languages: Spanned::new(languages.into_iter().map(Spanned::new).collect()),
        theme: None,
        unit_label: None,
        quick_exit_url: Spanned::new(ExitUrl::FALLBACK.into()),
        pinned_hotlines: Vec::new(),
        hotline_max_age_days: None,
        colors: None,
        logo: None,
        cover_tracks: None,
        news_page_size: None,
        share_image: None,
        images: None,
        deploy_allowed: Vec::new(),
        staff_language: None,
    }
}

fn read_yaml_file(
    root: &Path,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<YamlFile>> {
    let file = display_path(path.strip_prefix(root).unwrap_or(path));
    let bytes =
        match crate::read::source::read_yaml(path, &file).map_err(|e| Error::read(path, e))? {
            Ok(bytes) => bytes,
            Err(d) => {
                diagnostics.push(d);
                return Ok(None);
            }
        };
    match crate::read::source::decode_text(bytes, &file) {
        Ok(text) => Ok(Some(YamlFile::new(file, text))),
        Err(d) => {
            diagnostics.push(d);
            Ok(None)
        }
    }
}

/// District files read, and the names of those that could not be read (so
/// their pages are not reported again as belonging to no district).
type LoadedDistricts = (Vec<(String, RawDistrict, YamlFile)>, Vec<String>);

fn load_districts(
    root: &Path,
    content: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<LoadedDistricts> {
    let dir = content.join("districts");
    let mut districts = Vec::new();
    let mut broken = Vec::new();
    if !dir.is_dir() {
        return Ok((districts, broken));
    }
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .map_err(|e| Error::read(&dir, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| Error::read(&dir, e))?;
    entries.sort_by_key(|e| e.file_name());
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    let canonical_content = content
        .canonicalize()
        .unwrap_or_else(|_| content.to_path_buf());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
        else {
            continue;
        };
        // A ward's file that is a link to a file outside `content/` (its
        // operator's `~/.aws/credentials`, the checkout's `.git/config`) is
        // never read: its lines would be shown in YAML errors, in CI logs.
        // The walk of `content/` reports it (`content/symlink-outside`).
        if !crate::read::source::resolves_inside(&path, &canonical_content) {
            broken.push(stem.to_string());
            continue;
        }
        if !path.is_file() {
            continue;
        }
        // `ba-dinh.yaml` and `ba-dinh.yml` would be two districts built
        // into one folder, each build a different one: the second is not
        // read.
        if let Some(first) = seen.get(stem) {
            let first = format!("content/districts/{first}");
            diagnostics.push(
                Diagnostic::error(
                    Code::ConfigDistrictTwice,
                    msg!("config-district-twice", slug = stem, first = &first),
                )
                .in_file(format!("content/districts/{name}"))
                .help(msg!("config-district-twice-help", first = &first)),
            );
            continue;
        }
        seen.insert(stem.to_string(), name.clone());
        match read_district(root, &path, stem, diagnostics)? {
            Some((raw, file)) => districts.push((stem.to_string(), raw, file)),
            None => broken.push(stem.to_string()),
        }
    }
    // A district read from one file is not broken by its twin.
    broken.retain(|b| !districts.iter().any(|(slug, _, _)| slug == b));
    if districts.is_empty() && broken.is_empty() {
        diagnostics.push(
            Diagnostic::error(Code::ConfigNoDistricts, msg!("config-no-districts"))
                .in_file("content/districts/")
                .help(msg!("config-no-districts-help")),
        );
    }
    Ok((districts, broken))
}

/// Reads one district file `<stem>.yaml`; `None` (with the findings in
/// `diagnostics`) when it cannot be read, its name is not a slug, or its
/// YAML is wrong.
fn read_district(
    root: &Path,
    path: &Path,
    stem: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<(RawDistrict, YamlFile)>> {
    let Some(file) = read_yaml_file(root, path, diagnostics)? else {
        return Ok(None);
    };
    if !is_district_slug(stem) {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        diagnostics.push(
            Diagnostic::error(
                Code::ConfigBadSlug,
                msg!("config-district-file-name", name = name),
            )
            .in_file(&file.file)
            .help(if RESERVED_SLUGS.contains(&stem) {
                msg!(
                    "config-district-reserved-help",
                    names = RESERVED_SLUGS.join(", ")
                )
            } else {
                msg!("config-district-rename-help", slug = slugify(stem))
            }),
        );
        return Ok(None);
    }
    match yaml::parse::<RawDistrict>(&file.text, Path::new(&file.file), 1) {
        Ok(raw) => Ok(Some((raw, file))),
        Err(mut found) => {
            diagnostics.append(&mut found);
            Ok(None)
        }
    }
}

/// Names a district folder cannot take: they are used at the top of `public/`.
const RESERVED_SLUGS: &[&str] = &["index", "static", "assets"];

fn is_district_slug(slug: &str) -> bool {
    is_slug(slug) && !RESERVED_SLUGS.contains(&slug)
}

fn resolve(
    root: &Path,
    raw: RawSite,
    site_file: YamlFile,
    raw_districts: Vec<(String, RawDistrict, YamlFile)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Config {
    let rejected_languages: Vec<String> = raw.languages.iter().map(|l| l.to_lowercase()).collect();
    let languages = check_languages(raw.languages, &site_file, diagnostics);
    let unit_label = raw
        .unit_label
        .unwrap_or_else(|| unplaced(default_unit_label(&languages)));
    let texts = [
        ("title", &raw.title),
        ("description", &raw.description),
        ("unit_label", &unit_label),
    ];
    check_site_texts(&texts, &languages, &site_file, diagnostics);
    let quick_exit_url = quick_exit(&raw.quick_exit_url, &site_file, diagnostics);
    let theme = theme_name(raw.theme, &site_file, diagnostics);
    let colors = raw.colors.unwrap_or_default();
    check_colors(&colors, &site_file, diagnostics);
    let news_page_size = page_size(raw.news_page_size, &site_file, diagnostics);
    let images = image_settings(raw.images.unwrap_or_default(), &site_file, diagnostics);
    let allowed = check_deploy_allowed(raw.deploy_allowed, &site_file, diagnostics);
    let districts: Vec<District> = raw_districts
        .into_iter()
        .map(|(slug, raw, source)| {
            resolve_district(slug, raw, source, &languages, &allowed, diagnostics)
        })
        .collect();
    check_deploy_overlap(&districts, diagnostics);

    Config {
        root: root.to_path_buf(),
        title: raw.title,
        description: raw.description,
        languages,
        theme,
        unit_label,
        quick_exit_url,
        pinned_hotlines: raw.pinned_hotlines,
        hotline_max_age_days: raw.hotline_max_age_days.unwrap_or(180),
        colors,
        logo: raw.logo,
        cover_tracks: raw.cover_tracks,
        news_page_size,
        share_image: raw.share_image,
        images,
        districts,
        site_file,
        broken_districts: Vec::new(),
        rejected_languages,
        staff_language: raw.staff_language,
    }
}

/// `site.yaml`'s texts in every language (a description is optional, but
/// when written every language has one).
fn check_site_texts(
    texts: &[(&'static str, &LocalizedAt)],
    languages: &[String],
    site_file: &YamlFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for &(key, texts) in texts {
        if key != "description" || !texts.is_empty() {
            require_languages(texts, languages, site_file, key, diagnostics);
        }
    }
}

/// "Quận/Huyện" in Vietnamese, "District" in every other language.
fn default_unit_label(languages: &[String]) -> Localized {
    languages
        .iter()
        .map(|l| {
            let label = if l == "vi" {
                "Quận/Huyện"
            } else {
                "District"
            };
            (l.clone(), label.to_string())
        })
        .collect()
}

/// The quick exit must lead to a full web address (another site); one
/// that does not is reported and [`ExitUrl::fallback`] is used.
fn quick_exit(
    written: &Spanned<String>,
    site_file: &YamlFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> ExitUrl {
    let url = written.value.as_str();
    let problem = match ExitUrl::parse(url) {
        Ok(url) => return url,
        Err(ExitUrlProblem::Long(length)) => Diagnostic::error(
            Code::ConfigQuickExit,
            msg!("config-quick-exit-long", length = length),
        )
        .help(msg!(
            "config-quick-exit-long-help",
            limit = crate::read::target::MAX_EXIT_URL
        )),
        Err(ExitUrlProblem::NotAddress) => {
            Diagnostic::error(Code::ConfigQuickExit, msg!("config-quick-exit", url = url))
                .help(msg!("config-quick-exit-help"))
        }
    };
    diagnostics.push(site_file.point_to(problem, written));
    ExitUrl::fallback()
}

/// The theme's folder name under `themes/` (`default` when not set). A
/// name that is not a plain folder name is an error and `default` is used:
/// never a path out of `themes/`, and no second error about the folder it
/// does not name.
fn theme_name(
    theme: Option<Spanned<String>>,
    site_file: &YamlFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Spanned<String> {
    let theme = theme.unwrap_or_else(|| Spanned::new("default".to_string()));
    if !(theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.')) {
        return theme;
    }
    diagnostics.push(
        site_file.point_to(
            Diagnostic::error(
                Code::ConfigTheme,
                msg!("config-theme", theme = &*theme.value),
            )
            .help(msg!("config-theme-help")),
            &theme,
        ),
    );
    Spanned::new("default".to_string())
}

/// `news_page_size`: at least 1, 10 when not set.
fn page_size(
    size: Option<Spanned<u32>>,
    site_file: &YamlFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> usize {
    match size {
        Some(size) if *size == 0 => {
            diagnostics.push(
                site_file.point_to(
                    Diagnostic::error(Code::ConfigNewsPageSize, msg!("config-news-page-size"))
                        .help(msg!("config-news-page-size-help")),
                    &size,
                ),
            );
            10
        }
        Some(n) => *n as usize,
        None => 10,
    }
}

/// `images:` of `site.yaml`, checked: widths between 16 and 4096 pixels.
fn image_settings(
    raw: RawImages,
    site_file: &YamlFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> ImageSettings {
    let RawImages { widths, budget_kb } = raw;
    let mut settings = ImageSettings::default();
    if let Some(mut widths) = widths {
        widths.value.sort_unstable();
        widths.value.dedup();
        if widths.is_empty() || widths.iter().any(|w| !(16..=4096).contains(w)) {
            diagnostics.push(
                site_file.point_to(
                    Diagnostic::error(Code::ConfigImages, msg!("config-image-widths"))
                        .help(msg!("config-image-widths-help")),
                    &widths,
                ),
            );
        } else {
            settings.widths = widths.into_inner();
        }
    }
    if let Some(kb) = budget_kb {
        settings.budget_bytes = u64::from(kb) * 1024;
    }
    settings
}

/// A district file, checked: names in every language, a plain `base_url`,
/// and a slug that is not a language code.
fn resolve_district(
    slug: String,
    raw: RawDistrict,
    source: YamlFile,
    languages: &[String],
    allowed: &[Allowed],
    diagnostics: &mut Vec<Diagnostic>,
) -> District {
    let RawDistrict {
        name,
        base_url,
        hotlines,
        pinned_hotlines,
        deploy,
    } = raw;
    let deploy = deploy.and_then(|d| {
        let deploy = resolve_deploy(d, base_url.is_some(), &source, diagnostics)?;
        check_allowed(deploy, allowed, &source, diagnostics)
    });
    require_languages(&name, languages, &source, "name", diagnostics);
    let base_url = base_url
        .and_then(|url| resolve_base_url(url, &source, diagnostics))
        .and_then(|url| check_base_url_allowed(url, allowed, &source, diagnostics));
    if languages.contains(&slug) {
        diagnostics.push(
            Diagnostic::error(
                Code::ConfigBadSlug,
                msg!("config-district-language", slug = &slug),
            )
            .in_file(&source.file)
            .help(msg!("config-district-language-help")),
        );
    }
    District {
        slug,
        name,
        base_url,
        hotlines,
        pinned_hotlines,
        source,
        deploy,
    }
}

/// A district's `base_url`: a plain web address, short enough to print and
/// type, ending in `/`.
fn resolve_base_url(
    written: Spanned<String>,
    source: &YamlFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Spanned<SiteUrl>> {
    let url = written.value.as_str();
    let problem = match SiteUrl::parse(url) {
        Ok(url) => return Some(written.map(|_| url)),
        Err(SiteUrlProblem::Long(length)) => Diagnostic::error(
            Code::ConfigBaseUrl,
            msg!("config-base-url-long", length = length),
        )
        .help(msg!(
            "config-base-url-long-help",
            limit = crate::read::target::MAX_BASE_URL
        )),
        Err(SiteUrlProblem::ServerSyntax) => Diagnostic::error(
            Code::ConfigBaseUrl,
            msg!("config-base-url-syntax", url = url),
        )
        .help(msg!("config-base-url-syntax-help")),
        Err(SiteUrlProblem::NotAddress) => {
            Diagnostic::error(Code::ConfigBaseUrl, msg!("config-base-url", url = url))
                .help(msg!("config-base-url-help"))
        }
    };
    diagnostics.push(source.point_to(problem, &written));
    None
}

/// `config/base-url-not-allowed`: a district's `base_url` goes on its
/// posters' and leaflets' QR codes, into canonical links, share tags and
/// feed ids, so a district file (written by ward staff) may only name one
/// of the campaign's own addresses: a web address in `site.yaml`'s
/// `deploy_allowed` (see [`WebPlace::takes_in`]), compared as a browser
/// reads hosts, not as text. A refused `base_url` is left out, so nothing
/// is made from it.
fn check_base_url_allowed(
    url: Spanned<SiteUrl>,
    allowed: &[Allowed],
    source: &YamlFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Spanned<SiteUrl>> {
    let place = WebPlace::parse(&url);
    let own = place.as_ref().is_some_and(|place| {
        allowed
            .iter()
            .filter_map(|entry| entry.web.as_ref())
            .any(|entry| entry.takes_in(place))
    });
    if own {
        return Some(url);
    }
    let host = place.map_or_else(|| url.as_str().to_string(), |p| p.to_string());
    diagnostics.push(
        source.point_to(
            Diagnostic::error(
                Code::ConfigBaseUrlNotAllowed,
                msg!(
                    "config-base-url-not-allowed",
                    url = url.as_str(),
                    host = &host
                ),
            )
            .help(msg!("config-base-url-not-allowed-help", host = &host)),
            &url,
        ),
    );
    None
}

/// A setting refused: what is wrong, and where the value is written.
type Refusal = (Diagnostic, Spanned<()>);

/// `written` parsed by `parse`, at the place it is written; refused with
/// `refuse(text, problem)` when it does not parse.
fn parse_at<T, E>(
    written: Spanned<String>,
    parse: impl FnOnce(&str) -> Result<T, E>,
    refuse: impl FnOnce(&str, E) -> Diagnostic,
) -> Result<Spanned<T>, Refusal> {
    match parse(&written) {
        Ok(value) => Ok(written.map(|_| value)),
        Err(problem) => Err((refuse(&written, problem), written.spot())),
    }
}

/// A deploy target with a known scheme and a bucket or folder; an endpoint
/// that is a web address; a known compression; caches to purge only with a
/// `base_url` (their URLs are made from it).
fn resolve_deploy(
    raw: RawDeploy,
    has_base_url: bool,
    source: &YamlFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Deploy> {
    parse_deploy(raw, has_base_url)
        .map_err(|(problem, at)| diagnostics.push(source.point_to(problem, &at)))
        .ok()
}

/// `deploy:` parsed, or the first of its settings that is refused.
fn parse_deploy(raw: RawDeploy, has_base_url: bool) -> Result<Deploy, Refusal> {
    let RawDeploy {
        target,
        endpoint,
        region,
        compress,
        purge,
    } = raw;
    let target = parse_at(target, DeployTarget::parse, target_problem)?;
    let endpoint = endpoint
        .map(|written| {
            parse_at(written, Endpoint::parse, |_, problem| {
                Diagnostic::error(
                    Code::ConfigDeploy,
                    msg!("config-deploy-endpoint", reason = problem.text()),
                )
                .help(msg!("config-deploy-endpoint-help"))
            })
        })
        .transpose()?;
    let gzip = compress
        .map(|written| {
            parse_at(written, compression, |value, ()| {
                Diagnostic::error(
                    Code::ConfigDeploy,
                    msg!("config-deploy-compress", value = value),
                )
                .help(msg!("config-deploy-compress-help"))
            })
        })
        .transpose()?
        .is_some_and(Spanned::into_inner);
    let region = region
        .map(|written| {
            parse_at(written, Region::parse, |_, problem| {
                Diagnostic::error(Code::ConfigDeploy, problem)
                    .help(msg!("config-deploy-region-help"))
            })
        })
        .transpose()?
        .map(Spanned::into_inner);
    let purge = parse_purge(purge, has_base_url)?;
    Ok(Deploy {
        target,
        endpoint,
        region,
        gzip,
        purge,
    })
}

/// `compress:`: gzip or none; whether to send text files gzip-compressed.
fn compression(value: &str) -> Result<bool, ()> {
    match value {
        "none" => Ok(false),
        "gzip" => Ok(true),
        _ => Err(()),
    }
}

/// An entry of `deploy_allowed:` in `site.yaml`: a deploy target or a web
/// address (an endpoint, a webhook, or the start of one).
#[derive(Debug)]
struct Allowed {
    /// As written.
    text: String,
    /// Where the file system finds it: a folder after links; as written
    /// otherwise.
    real: String,
    /// A web address's place, which a district's `base_url` may be on.
    web: Option<WebPlace>,
}

/// `deploy_allowed:` in `site.yaml`: each entry a deploy target or a web
/// address that parses as an [`Endpoint`] (an endpoint, a webhook, or the
/// start of one ending in `/`). Entries that are neither are reported and
/// left out: one that no endpoint could match, or a bare `https://` that
/// would allow every address, allows nothing.
fn check_deploy_allowed(
    entries: Vec<Spanned<String>>,
    site_file: &YamlFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Allowed> {
    let mut allowed = Vec::new();
    for entry in entries {
        let (real, web) = match DeployTarget::parse(&entry) {
            Ok(target) => (Some(real_place(&target)), None),
            Err(_) if Endpoint::parse(&entry).is_ok() => {
                (Some(entry.value.clone()), WebPlace::parse(&entry))
            }
            Err(_) => (None, None),
        };
        if let Some(real) = real {
            allowed.push(Allowed {
                text: entry.into_inner(),
                real,
                web,
            });
            continue;
        }
        diagnostics.push(
            site_file.point_to(
                Diagnostic::error(
                    Code::ConfigDeploy,
                    msg!("config-deploy-allowed-entry", entry = &*entry.value),
                )
                .help(msg!("config-deploy-allowed-entry-help")),
                &entry,
            ),
        );
    }
    allowed
}

/// Does one of `entries` allow `value`: the same text (a final `/` aside),
/// or an entry ending in `/` that `value` starts with?
fn is_allowed<'a>(value: &str, mut entries: impl Iterator<Item = &'a str>) -> bool {
    entries.any(|entry| {
        value.trim_end_matches('/') == entry.trim_end_matches('/')
            || (entry.ends_with('/') && value.starts_with(entry))
    })
}

/// An endpoint or webhook as written, where it is (the same), and where
/// it is written.
fn address(endpoint: &Spanned<Endpoint>) -> (&str, String, Spanned<()>) {
    let text = endpoint.as_str();
    (text, text.to_string(), endpoint.spot())
}

/// `config/deploy-not-allowed`: a district file decides where its site is
/// published, but the operator's credentials go with it and, with
/// `file://`, files are written on the operator's machine. So every place a
/// district file names (target, endpoint, webhook) must be one the
/// campaign's `site.yaml` allows.
fn check_allowed(
    deploy: Deploy,
    allowed: &[Allowed],
    source: &YamlFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Deploy> {
    let target = &deploy.target;
    let places = [
        // A folder is allowed where it really is, after links.
        Some((target.as_str(), real_place(target), target.spot())),
        deploy.endpoint.as_ref().map(address),
        deploy.purge.webhook.as_ref().map(address),
    ];
    let mut refused = false;
    for (value, real, at) in places.into_iter().flatten() {
        let message = if !is_allowed(value, allowed.iter().map(|a| a.text.as_str())) {
            msg!("config-deploy-not-allowed", value = value)
        } else if real != value && !is_allowed(&real, allowed.iter().map(|a| a.real.as_str())) {
            msg!(
                "config-deploy-not-allowed-link",
                value = value,
                real = &real
            )
        } else {
            continue;
        };
        refused = true;
        diagnostics.push(
            source.point_to(
                Diagnostic::error(Code::ConfigDeployNotAllowed, message)
                    .help(msg!("config-deploy-not-allowed-help", value = value)),
                &at,
            ),
        );
    }
    (!refused).then_some(deploy)
}

/// Each district publishes to a place of its own: a target that is
/// another district's, or holds it, or lies inside it, would mix two sites
/// and their lists of files (each deploy would delete the other's pages).
fn check_deploy_overlap(districts: &[District], diagnostics: &mut Vec<Diagnostic>) {
    // Folders are compared as the file system finds them: after links,
    // and case-folded (macOS and Windows disks ignore case).
    let targets: Vec<(&District, &Spanned<DeployTarget>, String)> = districts
        .iter()
        .filter_map(|d| {
            let target = &d.deploy.as_ref()?.target;
            let place = match target.location() {
                Location::Folder(path) => format!("file://{}", real_folder(path).to_lowercase()),
                Location::Store { .. } => target.as_str().to_string(),
            };
            Some((d, target, place.trim_end_matches('/').to_string()))
        })
        .collect();
    let within = |inner: &str, outer: &str| {
        inner == outer
            || inner
                .strip_prefix(outer)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    for (i, (district, written, target)) in targets.iter().enumerate() {
        let Some((other, ..)) = targets[..i]
            .iter()
            .find(|(.., t)| within(target, t) || within(t, target))
        else {
            continue;
        };
        diagnostics.push(
            district.source.point_to(
                Diagnostic::error(
                    Code::ConfigDeploy,
                    msg!(
                        "config-deploy-overlap",
                        district = &district.slug,
                        other = &other.slug
                    ),
                )
                .help(msg!("config-deploy-overlap-help")),
                *written,
            ),
        );
    }
}

/// A target as the file system finds it: a `file://` folder after links
/// (see [`real_folder`]), any other target as written.
fn real_place(target: &DeployTarget) -> String {
    match target.location() {
        Location::Folder(path) => format!("file://{}", real_folder(path)),
        Location::Store { .. } => target.as_str().to_string(),
    }
}

/// The folder of a `file://` target (`path`, what follows `file://`) as
/// the file system finds it: the longest part of it that exists with
/// every link resolved, then the rest as written; as written when no part
/// of it exists.
fn real_folder(path: &str) -> String {
    let mut existing = crate::read::places::local_path(path, cfg!(windows));
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut resolved = real;
            resolved.extend(rest.iter().rev());
            let mut text = resolved.display().to_string();
            if path.ends_with('/') && !text.ends_with('/') {
                text.push('/');
            }
            return text;
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => return path.to_string(),
        }
    }
}

/// The finding for a deploy target `text` that does not parse.
fn target_problem(text: &str, problem: TargetProblem) -> Diagnostic {
    match problem {
        TargetProblem::Cloud(reason) => Diagnostic::error(
            Code::ConfigDeploy,
            msg!(
                "config-deploy-target-cloud",
                target = text,
                reason = reason.text()
            ),
        )
        .help(msg!("config-deploy-target-cloud-help")),
        TargetProblem::Syntax => Diagnostic::error(
            Code::ConfigDeploy,
            msg!("config-deploy-target", target = text),
        )
        .help(msg!("config-deploy-target-help")),
        TargetProblem::Long(length) => Diagnostic::error(
            Code::ConfigDeploy,
            msg!("config-deploy-target-long", length = length),
        )
        .help(msg!(
            "config-deploy-target-long-help",
            limit = crate::read::target::MAX_TARGET
        )),
    }
}

/// `purge:` parsed: a Cloudflare zone id (32 hex digits) and a web
/// address, named only with a `base_url`; or the first setting refused.
fn parse_purge(raw: Option<RawPurge>, has_base_url: bool) -> Result<Purge, Refusal> {
    let Some(RawPurge {
        cloudflare,
        webhook,
    }) = raw
    else {
        return Ok(Purge::default());
    };
    let cloudflare = cloudflare
        .map(|written| {
            parse_at(written, zone_id, |zone, ()| {
                Diagnostic::error(Code::ConfigDeploy, msg!("config-purge-zone", zone = zone))
                    .help(msg!("config-purge-zone-help"))
            })
        })
        .transpose()?;
    let webhook = webhook
        .map(|written| {
            parse_at(written, Endpoint::parse, |_, problem| {
                Diagnostic::error(
                    Code::ConfigDeploy,
                    msg!("config-purge-webhook", reason = problem.text()),
                )
                .help(msg!("config-purge-webhook-help"))
            })
        })
        .transpose()?;
    let no_base_url = |at| {
        let problem = Diagnostic::error(Code::ConfigDeploy, msg!("config-purge-no-base-url"))
            .help(msg!("config-purge-no-base-url-help"));
        Err((problem, at))
    };
    match (cloudflare, webhook) {
        (Some(zone), _) if !has_base_url => no_base_url(zone.spot()),
        (None, Some(hook)) if !has_base_url => no_base_url(hook.spot()),
        (cloudflare, webhook) => Ok(Purge {
            cloudflare: cloudflare.map(Spanned::into_inner),
            webhook,
        }),
    }
}

/// A Cloudflare zone id: 32 hex digits.
fn zone_id(text: &str) -> Result<String, ()> {
    if text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(text.to_string())
    } else {
        Err(())
    }
}

/// Colour codes, dark enough for the white text shown on them.
fn check_colors(colors: &RawColors, site_file: &YamlFile, diagnostics: &mut Vec<Diagnostic>) {
    for value in [&colors.primary, &colors.exit] {
        let Some(value) = value else { continue };
        match parse_color(value) {
            None => diagnostics.push(
                site_file.point_to(
                    Diagnostic::error(
                        Code::ConfigColor,
                        msg!("config-color", value = &*value.value),
                    )
                    .help(msg!("config-color-help")),
                    value,
                ),
            ),
            // The header, buttons and the quick exit show white text on it.
            Some(rgb) if contrast_with_white(rgb) < 4.5 => diagnostics.push(
                site_file.point_to(
                    Diagnostic::error(
                        Code::ConfigColorContrast,
                        msg!(
                            "config-color-contrast",
                            value = &*value.value,
                            contrast = crate::i18n::decimal(contrast_with_white(rgb), 1)
                        ),
                    )
                    .help(msg!("config-color-contrast-help")),
                    value,
                ),
            ),
            Some(_) => {}
        }
    }
}

fn check_languages(
    languages: Spanned<Vec<Spanned<String>>>,
    site: &YamlFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut good: Vec<String> = Vec::new();
    for lang in languages.iter() {
        // A language's pages are published in a folder named by its code
        // (`en/`): `con` or `nul` could not be one on Windows.
        let valid = (2..=3).contains(&lang.len())
            && lang.bytes().all(|b| b.is_ascii_lowercase())
            && !crate::read::names::is_reserved(lang);
        if !valid {
            diagnostics.push(
                site.point_to(
                    Diagnostic::error(
                        Code::ConfigLanguage,
                        msg!("config-language", lang = &*lang.value),
                    )
                    .help(msg!("config-language-help")),
                    lang,
                ),
            );
        } else if good.contains(lang) {
            diagnostics.push(site.point_to(
                Diagnostic::error(
                    Code::ConfigLanguage,
                    msg!("config-language-twice", lang = &*lang.value),
                ),
                lang,
            ));
        } else {
            good.push(lang.value.clone());
        }
    }
    if good.is_empty() {
        diagnostics.push(
            site.point_to(
                Diagnostic::error(Code::ConfigLanguage, msg!("config-no-languages"))
                    .help(msg!("config-no-languages-help")),
                &languages,
            ),
        );
        good.push("vi".to_string());
    }
    good
}

/// Reports every configured language missing from `text` (written at `key`
/// in `file`), and every language in `text` that is not configured.
pub fn require_languages(
    text: &LocalizedAt,
    languages: &[String],
    file: &YamlFile,
    key: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for lang in languages {
        if text.get(lang).is_none_or(|t| t.trim().is_empty()) {
            diagnostics.push(
                file.point_to(
                    Diagnostic::error(
                        Code::I18nMissingText,
                        msg!("i18n-missing-text", key = key, lang = lang),
                    )
                    .help(msg!(
                        "i18n-missing-text-help",
                        key = key,
                        lang = lang
                    )),
                    text,
                ),
            );
        }
    }
    for (lang, written) in text.iter() {
        if !languages.contains(lang) {
            let hint = did_you_mean(lang, languages.iter().map(String::as_str)).map_or_else(
                || msg!("hint-languages-are", languages = languages.join(", ")),
                |l| msg!("hint-did-you-mean", word = l),
            );
            diagnostics.push(
                file.point_to(
                    Diagnostic::error(
                        Code::I18nUnknownLanguage,
                        msg!("i18n-unknown-language", key = key, lang = lang),
                    )
                    .help(hint),
                    written,
                ),
            );
        }
    }
}

/// `#rrggbb` or `#rgb` as red, green and blue.
fn parse_color(value: &str) -> Option<[u8; 3]> {
    let hex = value.strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match hex.len() {
        6 => Some([
            channel(&hex[0..2])?,
            channel(&hex[2..4])?,
            channel(&hex[4..6])?,
        ]),
        3 => {
            let short = |i: usize| channel(&hex[i..=i]).map(|v| v * 17);
            Some([short(0)?, short(1)?, short(2)?])
        }
        _ => None,
    }
}

/// The WCAG contrast ratio of white on this colour.
fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    1.05 / (luminance + 0.05)
}

/// The error for a district slug that has no district file.
pub fn unknown_district(config: &Config, slug: &str) -> Diagnostic {
    let hint = match did_you_mean(slug, config.districts.iter().map(|d| d.slug.as_str())) {
        Some(close) => msg!("hint-did-you-mean", word = close),
        None if config.districts.is_empty() => msg!("hint-no-districts"),
        None => msg!(
            "hint-districts-are",
            districts = config
                .districts
                .iter()
                .map(|d| d.slug.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::error(Code::DistrictUnknown, msg!("district-unknown", slug = slug)).help(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_and_their_contrast() {
        assert_eq!(parse_color("#fff"), Some([255, 255, 255]));
        assert_eq!(parse_color("#005a70"), Some([0, 90, 112]));
        assert_eq!(parse_color("blue"), None);
        assert_eq!(parse_color("#12345"), None);
        assert!((contrast_with_white([255, 255, 255]) - 1.0).abs() < 0.01);
        assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 0.01);
        assert!(contrast_with_white([0, 90, 112]) > 7.0);
        assert!(contrast_with_white([0xb3, 0x26, 0x1e]) > 4.5);
        assert!(contrast_with_white([0xd4, 0x35, 0x1c]) > 4.5);
        assert!(contrast_with_white([0xff, 0x80, 0x00]) < 4.5);
    }
}
