//! Reading the campaign tree: walks `content/` in sorted order, sorts each
//! file into pages (Markdown with front matter), hotline data and assets,
//! detects each page's language from its name (`x.md`, `x.en.md`) and scope
//! (shared, or `districts/<slug>/…`), and reads every file exactly once.

mod page;
pub mod tables;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;
use walkdir::WalkDir;

pub(crate) use page::page_identity;
pub use page::{FrontMatter, FrontMatterProblem, MAX_PAGE_BYTES, SortBy, split_front_matter};

use crate::codes::Code;
use crate::error::{Diagnostic, Error, Result, display_path};
use crate::msg;
use crate::read::config::unknown_district;
use crate::read::config::{Config, YamlFile};
use crate::read::images::{ImageFacts, Kind, RasterName};
use crate::read::source::{bad_name, decode_text, leads_outside};
use crate::read::yaml::Spanned;

/// A Markdown page source: one language of one page.
#[derive(Debug, Clone)]
pub struct PageSource {
    /// Path relative to `content/`, `/`-separated: `skills/a.en.md`.
    pub rel: String,
    /// `Some(slug)` for files under `content/districts/<slug>/`.
    pub scope: Option<String>,
    /// Scope-relative path without language and extension: `skills/a`,
    /// `skills/_index`, `_index`.
    pub logical: String,
    /// The language the file is written in.
    pub lang: String,
    /// Whether the name said the language (`x.vi.md`) rather than implied it.
    pub explicit_lang: bool,
    /// Parsed front matter.
    pub front: FrontMatter,
    /// The Markdown after the front matter.
    pub body: String,
    /// The line of the file where `body` starts (1-based).
    pub body_line: usize,
}

impl PageSource {
    /// The file path relative to the campaign root, for messages.
    pub fn file(&self) -> String {
        format!("content/{}", self.rel)
    }

    /// A diagnostic pointing at `value`, read from this page's front matter.
    pub fn point<T>(&self, diagnostic: Diagnostic, value: &Spanned<T>) -> Diagnostic {
        diagnostic.in_file(self.file()).at_opt(value.place())
    }

    /// Is this a section index (`_index.md`)?
    pub fn is_section(&self) -> bool {
        self.logical == "_index" || self.logical.ends_with("/_index")
    }
}

/// The longest `description` that reads as one or two sentences (in
/// characters): longer is `page/long-description`, and news feeds carry
/// at most this much of it.
pub const MAX_DESCRIPTION: usize = 300;

/// A file copied as it is (an image, a PDF leaflet).
#[derive(Debug, Clone)]
pub struct AssetSource {
    /// Where it is on disk.
    pub disk: PathBuf,
    /// Path relative to `content/`.
    pub rel: String,
    /// `Some(slug)` for files under `content/districts/<slug>/`.
    pub scope: Option<String>,
    /// Scope-relative path.
    pub logical: String,
    /// For a raster picture: what was read of it, or why it cannot be
    /// published (it could not be read, so its metadata cannot be removed).
    pub image: Option<std::result::Result<ImageFacts, crate::read::images::Unreadable>>,
}

/// Everything read from `content/` besides the configuration.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Markdown pages, in path order (shared, so a model can be rebuilt
    /// after one edit without copying every page).
    pub pages: Vec<Arc<PageSource>>,
    /// `content/hotlines/*.yaml`, in name order.
    pub hotline_files: Vec<YamlFile>,
    /// Files copied as they are.
    pub assets: Vec<AssetSource>,
}

/// A file found in `content/`: where it is on disk, and what it is.
struct Found {
    disk: PathBuf,
    what: What,
}

enum What {
    Page {
        rel: String,
        scope: Option<String>,
        scoped: String,
    },
    Hotlines(String),
    Asset(AssetSource),
}

/// Walks and reads `content/`. Content problems go to `diagnostics`.
/// With `only` (`--district`), the own folders of the other districts
/// (`content/districts/<slug>/`) are not read: nothing of them is built
/// or checked.
pub fn load(
    config: &Config,
    only: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Sources> {
    let content = config.content_dir();
    let found = walk(config, &content, only, diagnostics);

    let read: Vec<std::result::Result<Option<Read>, Error>> =
        found.into_par_iter().map(|f| read_one(config, f)).collect();

    let mut sources = Sources::default();
    for item in read {
        match item? {
            Some(Read::Page(page)) => sources.pages.push(page),
            Some(Read::Problems(mut found)) => diagnostics.append(&mut found),
            Some(Read::Hotlines(file)) => sources.hotline_files.push(file),
            Some(Read::Asset(asset, mut warning)) => {
                sources.assets.push(asset);
                diagnostics.append(&mut warning);
            }
            None => {}
        }
    }
    Ok(sources)
}

enum Read {
    Page(Arc<PageSource>),
    Hotlines(YamlFile),
    /// A file published as it is, and the warning it may need.
    Asset(AssetSource, Vec<Diagnostic>),
    Problems(Vec<Diagnostic>),
}

fn read_one(config: &Config, found: Found) -> Result<Option<Read>> {
    let path = found.disk;
    match found.what {
        What::Asset(asset) => read_asset(asset, path).map(Some),
        What::Hotlines(rel) => {
            let file = format!("content/{rel}");
            let bytes = match crate::read::source::read_yaml(&path, &file) {
                Ok(Ok(bytes)) => bytes,
                Ok(Err(d)) => return Ok(Some(Read::Problems(vec![d]))),
                Err(e) => return Err(Error::read(&path, e)),
            };
            Ok(Some(match decode_text(bytes, &file) {
                Ok(text) => Read::Hotlines(YamlFile::new(file, text)),
                Err(d) => Read::Problems(vec![d]),
            }))
        }
        What::Page { rel, scope, scoped } => {
            let bytes = page_bytes(&path)?;
            Ok(Some(
                match page::read_page(config, rel, scope, &scoped, bytes) {
                    Ok(Some(page)) => Read::Page(Arc::new(page)),
                    Ok(None) => return Ok(None),
                    Err(found) => Read::Problems(found),
                },
            ))
        }
    }
}

/// Reads what loa must know of a file published next to the pages: a
/// picture's header (it is published only as made safe), or, for any
/// other file, that it is not a picture in disguise and whether it keeps
/// metadata loa cannot remove.
fn read_asset(mut asset: AssetSource, path: PathBuf) -> Result<Read> {
    asset.image = match Kind::of_name(&asset.rel) {
        None => {
            if let Some(picture) = crate::read::images::sniff(&head(&path)?) {
                return Ok(Read::Problems(vec![disguised(&asset.rel, picture)]));
            }
            let warning = keeps_metadata(&asset.rel).into_iter().collect();
            asset.disk = path;
            return Ok(Read::Asset(asset, warning));
        }
        Some(RasterName::Unreadable) => Some(Err(crate::read::images::Unreadable::new(
            crate::msg!("image-avif"),
        ))),
        Some(RasterName::Readable(kind)) => {
            let bytes = std::fs::read(&path).map_err(|e| Error::read(&path, e))?;
            Some(crate::read::images::probe(&bytes, kind))
        }
    };
    asset.disk = path;
    Ok(Read::Asset(asset, Vec::new()))
}

/// The first bytes of a file, to tell what it is.
fn head(path: &Path) -> Result<Vec<u8>> {
    read_at_most(path, crate::read::images::SNIFF_LEN)
}

/// A page's bytes, up to one more than a page may have (see
/// [`page::MAX_PAGE_BYTES`]).
fn page_bytes(path: &Path) -> Result<Vec<u8>> {
    read_at_most(path, page::MAX_PAGE_BYTES + 1)
}

/// The first `limit` bytes of a file (all of a shorter one).
fn read_at_most(path: &Path, limit: usize) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| {
            std::io::Read::read_to_end(&mut std::io::Read::take(file, limit as u64), &mut bytes)
        })
        .map_err(|e| Error::read(path, e))?;
    Ok(bytes)
}

/// The error for a picture under another name (`photo.pdf` holding a
/// JPEG): it would be published byte for byte, its metadata with it.
fn disguised(rel: &str, picture: crate::read::images::Sniffed) -> Diagnostic {
    let extension = rel.rsplit_once('.').map_or("", |(_, e)| e);
    let help = match picture.kind {
        Some(kind) => msg!("image-disguised-help", extension = kind.ext()),
        None => msg!("image-disguised-export-help"),
    };
    Diagnostic::error(
        Code::ImageUnreadable,
        msg!(
            "image-disguised",
            format = picture.format,
            extension = extension
        ),
    )
    .in_file(format!("content/{rel}"))
    .help(help)
}

/// The warning for a document or a recording: loa publishes it byte for
/// byte, with its metadata (author, place, device), which it cannot
/// remove. `None` for plain text files, which have none.
fn keeps_metadata(rel: &str) -> Option<Diagnostic> {
    let extension = rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let (what, help) = match extension.as_str() {
        "pdf" => (msg!("asset-metadata-pdf"), msg!("asset-metadata-pdf-help")),
        "doc" | "docx" | "odt" | "xls" | "xlsx" | "ods" | "ppt" | "pptx" | "odp" => (
            msg!("asset-metadata-document"),
            msg!("asset-metadata-document-help"),
        ),
        "mp3" | "m4a" | "ogg" | "oga" | "wav" | "mp4" | "webm" | "ogv" => (
            msg!("asset-metadata-recording"),
            msg!("asset-metadata-recording-help"),
        ),
        _ => return None,
    };
    Some(
        Diagnostic::warning(Code::AssetMetadata, what)
            .in_file(format!("content/{rel}"))
            .help(help),
    )
}

fn walk(
    config: &Config,
    content: &Path,
    only: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Found> {
    let canonical_root = content
        .canonicalize()
        .unwrap_or_else(|_| content.to_path_buf());
    let mut refused: Vec<Diagnostic> = Vec::new();
    let walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            !other_district(entry, only) && admit(config, entry, &canonical_root, &mut refused)
        });

    let mut found = Vec::new();
    let mut seen_names = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diagnostics.push(walk_problem(config, content, &err));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let Some(written) = entry
            .path()
            .strip_prefix(content)
            .ok()
            .and_then(Path::to_str)
        else {
            continue;
        };
        // As written, not in NFC: two names that differ only by how their
        // accents are encoded are one name in NFC and would hide the clash.
        seen_names.push(written.replace(std::path::MAIN_SEPARATOR, "/"));
        let Some(rel) = nfc_name(Path::new(written)) else {
            continue;
        };
        if !entry.file_type().is_file() {
            continue;
        }
        if let Some(what) = classify(config, rel, diagnostics) {
            found.push(Found {
                disk: entry.path().to_path_buf(),
                what,
            });
        }
    }
    diagnostics.append(&mut refused);
    diagnostics.extend(name_clashes(&seen_names));
    found
}

/// Is `entry` the own folder of a district not among `only` (when `only`
/// names any)?
fn other_district(entry: &walkdir::DirEntry, only: &[String]) -> bool {
    if only.is_empty() || entry.depth() != 2 || !entry.file_type().is_dir() {
        return false;
    }
    let parent = entry.path().parent().and_then(Path::file_name);
    parent.is_some_and(|p| p == "districts")
        && !only.iter().any(|slug| entry.file_name() == slug.as_str())
}

/// Whether the walk goes into (or reads) `entry`: hidden and editor files
/// are skipped silently; unsafe names and links leading outside the
/// campaign are refused with a finding in `refused`.
fn admit(
    config: &Config,
    entry: &walkdir::DirEntry,
    canonical_root: &Path,
    refused: &mut Vec<Diagnostic>,
) -> bool {
    if entry.depth() == 0 {
        return true;
    }
    if is_ignored(entry.file_name()) {
        return false;
    }
    if let Some(d) = bad_name(entry, Code::ContentFileName) {
        refused.push(d.in_file(root_relative(config, entry.path())));
        return false;
    }
    if leads_outside(entry, canonical_root) {
        refused.push(
            Diagnostic::error(Code::ContentSymlinkOutside, msg!("content-symlink-outside"))
                .in_file(root_relative(config, entry.path()))
                .help(msg!("content-symlink-outside-help")),
        );
        return false;
    }
    true
}

/// What a failed step of the walk tells the person: a folder linking back
/// to its parent, a link to itself, or the system's reason.
fn walk_problem(config: &Config, content: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err
        .path()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| content.to_path_buf());
    // ELOOP: a link that leads back to itself.
    let looped = err.io_error().and_then(std::io::Error::raw_os_error) == Some(40);
    let message = if err.loop_ancestor().is_some() {
        msg!("content-folder-loop")
    } else if looped {
        msg!("content-link-loop")
    } else {
        msg!(
            "content-unreadable",
            reason = err
                .io_error()
                .map_or_else(|| err.to_string(), |e| e.to_string())
        )
    };
    Diagnostic::error(Code::ContentUnreadable, message)
        .in_file(root_relative(config, &path))
        .help(msg!("content-unreadable-help"))
}

/// A path under `content/` as loa names it: `/`-separated and in NFC, as
/// text is, so a name saved decomposed (as macOS does) still matches the
/// link written to it. Every part of the name was checked already (no
/// backslash, no control character); `None` when it is not Unicode.
fn nfc_name(rel_path: &Path) -> Option<String> {
    rel_path.to_str().map(|s| {
        s.split(std::path::MAIN_SEPARATOR)
            .collect::<Vec<_>>()
            .join("/")
            .nfc()
            .collect::<String>()
    })
}

/// Names that would be one file on Windows, macOS and USB sticks.
fn name_clashes(names: &[String]) -> Vec<Diagnostic> {
    crate::read::names::clashes(names.iter().map(String::as_str))
        .into_iter()
        .map(|(first, second)| {
            Diagnostic::error(
                Code::ContentNameClash,
                msg!("content-name-clash", first = format!("content/{first}")),
            )
            .in_file(format!("content/{second}"))
            .help(msg!("content-name-clash-help"))
        })
        .collect()
}

/// Sorts one file of `content/` (by its `/`-separated path) into what it
/// is, or says why it is not used.
fn classify(config: &Config, rel: String, diagnostics: &mut Vec<Diagnostic>) -> Option<What> {
    if rel == "site.yaml" {
        return None;
    }
    let (scope, scoped) = scope_of(config, &rel, diagnostics)?;
    if let Some(d) = language_folder(config, &rel, &scoped) {
        diagnostics.push(d);
        return None;
    }
    if scoped.ends_with(".md") {
        return Some(What::Page { rel, scope, scoped });
    }
    if scoped.ends_with(".yaml") || scoped.ends_with(".yml") {
        if scope.is_none()
            && scoped.starts_with("hotlines/")
            && !scoped["hotlines/".len()..].contains('/')
        {
            return Some(What::Hotlines(rel));
        }
        let help = if scope.is_some() && scoped.starts_with("hotlines/") {
            msg!("content-yaml-unused-district-help")
        } else {
            msg!("content-yaml-unused-help")
        };
        diagnostics.push(
            Diagnostic::warning(Code::ContentIgnoredFile, msg!("content-yaml-unused"))
                .in_file(format!("content/{rel}"))
                .help(help),
        );
        return None;
    }
    if let Some(d) = unpublished_file(&rel, &scoped) {
        diagnostics.push(d);
        return None;
    }
    Some(What::Asset(AssetSource {
        disk: PathBuf::new(),
        rel,
        scope,
        logical: scoped,
        image: None,
    }))
}

/// The district a file belongs to (`None`: shared) and its path inside
/// that scope; `None` for district files (configuration) and for files
/// that belong to no district there is.
fn scope_of(
    config: &Config,
    rel: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Option<String>, String)> {
    let Some(rest) = rel.strip_prefix("districts/") else {
        return Some((None, rel.to_string()));
    };
    let Some((slug, inner)) = rest.split_once('/') else {
        // `districts/<slug>.yaml` is configuration, read by config.
        if !(rest.ends_with(".yaml") || rest.ends_with(".yml")) {
            diagnostics.push(
                Diagnostic::warning(Code::ContentIgnoredFile, msg!("content-districts-unused"))
                    .in_file(format!("content/{rel}"))
                    .help(msg!("content-districts-unused-help")),
            );
        }
        return None;
    };
    if config.broken_districts.iter().any(|b| b == slug) {
        return None; // its file has an error already reported
    }
    if config.district(slug).is_none() {
        diagnostics.push(
            unknown_district(config, slug)
                .in_file(format!("content/{rel}"))
                .help(msg!("district-folder-help", slug = slug)),
        );
        return None;
    }
    Some((Some(slug.to_string()), inner.to_string()))
}

/// A top-level folder named after another language (`en/`) would mix with
/// the addresses of that language's site.
fn language_folder(config: &Config, rel: &str, scoped: &str) -> Option<Diagnostic> {
    let (first, _) = scoped.split_once('/')?;
    if first == config.default_lang() || !config.languages.iter().any(|l| l == first) {
        return None;
    }
    Some(
        Diagnostic::error(
            Code::ContentLanguageFolder,
            msg!("content-language-folder", lang = first),
        )
        .in_file(format!("content/{rel}"))
        .help(msg!("content-language-folder-help", lang = first)),
    )
}

/// Why a file that is neither a page nor YAML is not published: a
/// misspelt Markdown extension, a file that could run scripts, or a kind
/// loa does not publish. `None` when it is published as it is.
fn unpublished_file(rel: &str, scoped: &str) -> Option<Diagnostic> {
    let extension = scoped
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let file = format!("content/{rel}");
    if MARKDOWN_SPELLINGS.contains(&extension.as_str()) {
        // An error, not a warning: a page left out of the site must stop
        // the build, whatever editor or other generator named it so.
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let stem = &name[..name.len() - extension.len() - 1];
        return Some(
            Diagnostic::error(Code::ContentMarkdownName, msg!("content-markdown-name"))
                .in_file(file)
                .help(msg!(
                    "content-markdown-name-help",
                    name = format!("{stem}.md")
                )),
        );
    }
    if UNSAFE_FILES.contains(&extension.as_str()) {
        return Some(
            Diagnostic::warning(
                Code::ContentUnsafeFile,
                msg!("content-unsafe-file", extension = &extension),
            )
            .in_file(file)
            .help(msg!("content-unsafe-file-help")),
        );
    }
    if extension == "ico" {
        return Some(
            Diagnostic::warning(Code::ContentIgnoredFile, msg!("content-ico"))
                .in_file(file)
                .help(msg!("content-ico-help")),
        );
    }
    if !PUBLISHED_FILES.contains(&extension.as_str()) {
        return Some(
            Diagnostic::warning(Code::ContentIgnoredFile, msg!("content-unpublished"))
                .in_file(file)
                .help(msg!(
                    "content-unpublished-help",
                    extensions = PUBLISHED_FILES.join(", ")
                )),
        );
    }
    None
}

/// The ways other tools spell a Markdown file's extension (compared in
/// lower case, so `.MD` and `.Md` too): a page under such a name is an
/// error saying the name to give it. Only `.md` is a page.
const MARKDOWN_SPELLINGS: &[&str] = &[
    "md", "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext",
];

/// Files published next to the pages that use them: pictures (made safe,
/// see `images`) and files published as they are.
const PUBLISHED_FILES: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "pdf", "txt", "csv", "doc", "docx", "odt", "xls",
    "xlsx", "ods", "ppt", "pptx", "odp", "mp3", "m4a", "ogg", "oga", "wav", "mp4", "webm", "ogv",
    "vtt",
];

/// Files a browser would run as part of the site (scripts, pages, SVG with
/// scripts inside): district staff contribute content, so these are never
/// published from `content/`.
const UNSAFE_FILES: &[&str] = &[
    "html", "htm", "xhtml", "shtml", "svg", "svgz", "js", "mjs", "css", "xml", "xsl", "php",
    "wasm", "swf",
];

/// Hidden files, editor backups and lock files are never content.
fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

fn root_relative(config: &Config, path: &Path) -> String {
    display_path(path.strip_prefix(&config.root).unwrap_or(path))
}

/// What a single Markdown file is now, for `serve` after an edit.
#[derive(Debug)]
pub enum Reread {
    /// It reads as a page.
    Page(Arc<PageSource>),
    /// It has problems.
    Problem(Vec<Diagnostic>),
    /// It no longer exists.
    Gone,
}

/// Reads a page from text not (yet) on disk, as [`reread`] would read it
/// at `rel` (relative to `content/`): the desk's editor previews and
/// checks what is being typed with it.
pub fn read_text(config: &Config, rel: &str, bytes: Vec<u8>) -> Reread {
    let mut diagnostics = Vec::new();
    let rel: String = rel.nfc().collect();
    if let Some(problem) = rel.split('/').find_map(crate::read::names::problem) {
        return Reread::Problem(vec![
            Diagnostic::error(Code::ContentFileName, problem).in_file(format!("content/{rel}")),
        ]);
    }
    let Some(What::Page { rel, scope, scoped }) = classify(config, rel, &mut diagnostics) else {
        return match diagnostics.pop() {
            Some(d) => Reread::Problem(vec![d]),
            None => Reread::Gone,
        };
    };
    match page::read_page(config, rel, scope, &scoped, bytes) {
        Ok(Some(page)) => Reread::Page(Arc::new(page)),
        Ok(None) => Reread::Gone,
        Err(found) => Reread::Problem(found),
    }
}

/// Reads one Markdown file again (`rel` is relative to `content/`).
pub fn reread(config: &Config, rel: &str) -> Result<Reread> {
    let path = config.content_dir().join(rel);
    if !path.is_file() {
        return Ok(Reread::Gone);
    }
    let mut diagnostics = Vec::new();
    let rel: String = rel.nfc().collect();
    if let Some(problem) = rel.split('/').find_map(crate::read::names::problem) {
        return Ok(Reread::Problem(vec![
            Diagnostic::error(Code::ContentFileName, problem).in_file(format!("content/{rel}")),
        ]));
    }
    let Some(What::Page { rel, scope, scoped }) = classify(config, rel, &mut diagnostics) else {
        return Ok(match diagnostics.pop() {
            Some(d) => Reread::Problem(vec![d]),
            None => Reread::Gone,
        });
    };
    let bytes = page_bytes(&path)?;
    Ok(match page::read_page(config, rel, scope, &scoped, bytes) {
        Ok(Some(page)) => Reread::Page(Arc::new(page)),
        Ok(None) => Reread::Gone,
        Err(found) => Reread::Problem(found),
    })
}
