//! Links written in Markdown, resolved to the right page in the current
//! district and language whatever form the writer used: relative
//! (`../tu-bao-ve/`), site-root (`/skills/tu-bao-ve/`, `/en/…`), or the
//! source file (`../skills/tu-bao-ve.md`). Every link comes out relative.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::urls::{decode_path, encode_path, normalize, page_href, parent_dir, relative};
use super::{Asset, Page, PageId};
use crate::config::Config;
use crate::content::{PageSource, page_identity};
use crate::hotlines::normalise_phone;
use crate::markdown::{LinkKind, Resolved};

/// Where an internal link goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A page, in a language.
    Page {
        /// The page's URL path within a language.
        path: String,
        /// The language of the page linked to.
        lang: String,
    },
    /// A file: an asset, a theme file or a generated export.
    File {
        /// Output path within the district.
        path: String,
    },
}

/// Why a link is a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// Resolves to no page or file.
    Broken,
    /// Goes to a draft, which is not published.
    Draft,
    /// Uses a scheme such as `javascript:`; the link was removed.
    Blocked,
    /// An image from another website (it would tell that site who reads
    /// the page); removed.
    ExternalImage,
    /// A `tel:` link that is not a Vietnamese phone number; removed.
    BadPhone,
    /// A `tel:` link to a number that is not in the hotline directory.
    UnlistedPhone,
}

/// One link in a page body, for checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkUse {
    /// Line in the Markdown file.
    pub line: usize,
    /// The destination as written.
    pub written: String,
    /// Where it goes, for internal links.
    pub target: Option<Target>,
    /// The `#fragment`, if any.
    pub fragment: Option<String>,
    /// What is wrong with it.
    pub problem: Option<LinkProblem>,
    /// Link or image.
    pub kind: LinkKind,
}

/// The page a link is written in.
#[derive(Debug, Clone, Copy)]
pub struct LinkFrom<'a> {
    /// The source file, relative to `content/`.
    pub rel: &'a str,
    /// The district, for district sources.
    pub scope: Option<&'a str>,
    /// URL path of the page within its language.
    pub page_path: &'a str,
    /// The language of the site the page is rendered into.
    pub out_lang: &'a str,
    /// Links end in `index.html`.
    pub offline: bool,
}

/// Lookups built once from the model. Two equal indexes resolve every link
/// the same way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkIndex {
    languages: Vec<String>,
    default_lang: String,
    shared_logical: HashMap<String, PageId>,
    district_logical: HashMap<(String, String), PageId>,
    shared_paths: HashMap<String, PageId>,
    district_paths: HashMap<String, Vec<String>>,
    shared_assets: HashMap<String, String>,
    district_assets: HashMap<(String, String), String>,
    files: HashSet<String>,
    theme_files: HashMap<String, String>,
    drafts: HashSet<(Option<String>, String)>,
    paths: Vec<String>,
    phones: HashSet<String>,
}

/// Files every district has besides pages and assets.
pub const GENERATED_FILES: &[&str] = &[
    "hotlines/hotlines.json",
    "hotlines/hotlines.csv",
    "sitemap.xml",
];

impl LinkIndex {
    /// Builds the lookups.
    pub fn new(
        config: &Config,
        pages: &[Page],
        assets: &[Asset],
        drafts: &[Arc<PageSource>],
        phones: impl IntoIterator<Item = String>,
    ) -> Self {
        let mut index = LinkIndex {
            languages: config.languages.clone(),
            default_lang: config.default_lang().to_string(),
            ..LinkIndex::default()
        };
        for (id, page) in pages.iter().enumerate() {
            match &page.scope {
                None => {
                    index.shared_logical.insert(page.logical.clone(), id);
                    index.shared_paths.insert(page.path.clone(), id);
                }
                Some(slug) => {
                    index
                        .district_logical
                        .insert((slug.clone(), page.logical.clone()), id);
                    index
                        .district_paths
                        .entry(page.path.clone())
                        .or_default()
                        .push(slug.clone());
                }
            }
            index.paths.push(page.path.clone());
        }
        for asset in assets {
            match &asset.source.scope {
                None => {
                    index
                        .shared_assets
                        .insert(asset.source.logical.clone(), asset.path.clone());
                }
                Some(slug) => {
                    index.district_assets.insert(
                        (slug.clone(), asset.source.logical.clone()),
                        asset.path.clone(),
                    );
                }
            }
            index.files.insert(asset.path.clone());
        }
        index
            .files
            .extend(GENERATED_FILES.iter().map(|s| s.to_string()));
        for draft in drafts {
            index
                .drafts
                .insert((draft.scope.clone(), draft.logical.clone()));
        }
        index.phones = phones.into_iter().collect();
        index
    }

    /// Adds the theme's static files, which links may point to.
    pub fn add_files(&mut self, files: impl IntoIterator<Item = String>) {
        self.files.extend(files);
    }

    /// Adds the theme's files: (name in the theme, output path named after
    /// its content). A link to the theme's name leads to the output path.
    pub fn add_theme_files<'a>(&mut self, files: impl IntoIterator<Item = (&'a str, &'a str)>) {
        for (name, out) in files {
            self.files.insert(out.to_string());
            self.theme_files.insert(name.to_string(), out.to_string());
        }
    }

    /// The output path of a theme file or other file every district has.
    pub fn file_path<'s>(&'s self, path: &'s str) -> Option<&'s str> {
        match self.theme_files.get(path) {
            Some(out) => Some(out),
            None => self.files.contains(path).then_some(path),
        }
    }

    /// Is `path` a file every district has (an asset, a theme file, an
    /// export)?
    pub fn has_file(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    /// The URL path prefix of a language.
    fn prefix(&self, lang: &str) -> String {
        if lang == self.default_lang {
            String::new()
        } else {
            format!("{lang}/")
        }
    }

    /// Resolves `dest`, written in the page `from`; returns what to write in
    /// the HTML and what the link is, for checks.
    pub fn resolve(
        &self,
        from: &LinkFrom<'_>,
        dest: &str,
        kind: LinkKind,
        line: usize,
    ) -> (Resolved, LinkUse) {
        let dest = dest.trim();
        let mut use_ = LinkUse {
            line,
            written: dest.to_string(),
            target: None,
            fragment: None,
            problem: None,
            kind,
        };
        if dest.is_empty() {
            use_.problem = Some(LinkProblem::Broken);
            return (Resolved::Href(String::new()), use_);
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            use_.fragment = Some(fragment.to_string());
            return (Resolved::Href(dest.to_string()), use_);
        }
        // `/\host` and `\\host` are read by browsers as another site.
        if dest.contains('\\') {
            use_.problem = Some(LinkProblem::Blocked);
            return (Resolved::Drop, use_);
        }
        let external = match scheme(dest) {
            Some(scheme) if scheme == "tel" => return self.phone(dest, use_),
            Some(scheme) if matches!(scheme.as_str(), "http" | "https") => true,
            Some(scheme) if matches!(scheme.as_str(), "mailto" | "sms") => {
                return (Resolved::Href(dest.to_string()), use_);
            }
            Some(_) => {
                use_.problem = Some(LinkProblem::Blocked);
                return (Resolved::Drop, use_);
            }
            None => dest.starts_with("//"),
        };
        if external {
            if kind == LinkKind::Image {
                use_.problem = Some(LinkProblem::ExternalImage);
                return (Resolved::Drop, use_);
            }
            return (Resolved::Href(dest.to_string()), use_);
        }

        let (without_fragment, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let (path, query) = match without_fragment.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (without_fragment, None),
        };
        use_.fragment = fragment.map(str::to_string);
        let path = decode_path(path);

        let found = if path.ends_with(".md") {
            self.source_link(from, &path).map_err(|draft| {
                if draft {
                    LinkProblem::Draft
                } else {
                    LinkProblem::Broken
                }
            })
        } else {
            self.asset_link(from, &path)
                .or_else(|| self.url_link(from, &path))
                .ok_or(LinkProblem::Broken)
        };
        match found {
            Ok(target) => {
                let to = match &target {
                    Target::Page { path, lang } => {
                        format!("{}{}", self.prefix(lang), page_href(path, from.offline))
                    }
                    Target::File { path } => encode_path(path),
                };
                let from_dir = format!("{}{}", self.prefix(from.out_lang), from.page_path);
                let mut href = relative(&from_dir, &to);
                if let Some(q) = query {
                    href.push('?');
                    href.push_str(q);
                }
                if let Some(f) = fragment {
                    href.push('#');
                    href.push_str(f);
                }
                use_.target = Some(target);
                (Resolved::Href(href), use_)
            }
            Err(problem) => {
                use_.problem = Some(problem);
                (Resolved::Href(dest.to_string()), use_)
            }
        }
    }

    /// `tel:` links: a Vietnamese number, written the way the directory
    /// writes it, and one the directory lists (or a national emergency
    /// number).
    fn phone(&self, dest: &str, mut use_: LinkUse) -> (Resolved, LinkUse) {
        let number = decode_path(&dest[4..]);
        match normalise_phone(&number) {
            Err(_) => {
                use_.problem = Some(LinkProblem::BadPhone);
                (Resolved::Drop, use_)
            }
            Ok(tel) => {
                let emergency = matches!(tel.as_str(), "111" | "112" | "113" | "114" | "115");
                if !emergency && !self.phones.contains(&tel) {
                    use_.problem = Some(LinkProblem::UnlistedPhone);
                }
                (Resolved::Href(format!("tel:{tel}")), use_)
            }
        }
    }

    /// `../skills/a.md`, relative to the source file (or `content/` when it
    /// starts with `/`). `Err(true)` when it names a draft.
    fn source_link(&self, from: &LinkFrom<'_>, path: &str) -> Result<Target, bool> {
        let file = normalize(parent_dir(from.rel), path).ok_or(false)?;
        let (scope, scoped) = split_scope(&file);
        let (logical, lang, explicit) =
            page_identity(scoped, &self.languages).map_err(|_| false)?;
        let lang = match (explicit, lang) {
            (true, Some(lang)) => lang,
            _ => from.out_lang.to_string(),
        };
        let page = match scope {
            Some(slug) => self
                .district_logical
                .get(&(slug.to_string(), logical.clone()))
                .or_else(|| self.shared_logical.get(&logical)),
            None => self.shared_logical.get(&logical),
        };
        match page {
            Some(&id) => Ok(Target::Page {
                path: self.paths[id].clone(),
                lang,
            }),
            None => Err(self
                .drafts
                .contains(&(scope.map(str::to_string), logical.clone()))
                || self.drafts.contains(&(None, logical))),
        }
    }

    /// `img/so-do.png`, a file next to the source.
    fn asset_link(&self, from: &LinkFrom<'_>, path: &str) -> Option<Target> {
        if path.starts_with('/') {
            return None;
        }
        let file = normalize(parent_dir(from.rel), path)?;
        let (scope, scoped) = split_scope(&file);
        let found = match scope {
            Some(slug) => self
                .district_assets
                .get(&(slug.to_string(), scoped.to_string()))
                .or_else(|| self.shared_assets.get(scoped)),
            None => self.shared_assets.get(scoped),
        }?;
        Some(Target::File {
            path: found.clone(),
        })
    }

    /// `/en/skills/a/`, `../a/`, `hotlines/hotlines.csv`: a URL in the site.
    fn url_link(&self, from: &LinkFrom<'_>, path: &str) -> Option<Target> {
        let mut candidates = Vec::new();
        if path.starts_with('/') {
            candidates.push((normalize("", path)?, true));
        } else {
            candidates.extend(normalize(from.page_path, path).map(|p| (p, false)));
            // Writers also think of folders: `tu-bao-ve/` beside the file.
            candidates.extend(normalize(parent_dir(from.rel), path).map(|p| (p, false)));
        }
        for (candidate, absolute) in candidates {
            let (lang, rest) = self.split_lang(&candidate, absolute);
            let lang = lang.unwrap_or(from.out_lang).to_string();
            let rest = rest.strip_suffix("index.html").unwrap_or(rest);
            let as_dir = if rest.is_empty() || rest.ends_with('/') {
                rest.to_string()
            } else {
                format!("{rest}/")
            };
            if self.page_exists(&as_dir, from.scope) {
                return Some(Target::Page { path: as_dir, lang });
            }
            if let Some(path) = self.file_path(rest) {
                return Some(Target::File {
                    path: path.to_string(),
                });
            }
        }
        None
    }

    /// A site-root path may start with a language folder (`en/`).
    fn split_lang<'p>(&self, path: &'p str, absolute: bool) -> (Option<&'p str>, &'p str) {
        if absolute
            && let Some((first, rest)) = path.split_once('/')
            && first != self.default_lang
            && self.languages.iter().any(|l| l == first)
        {
            return (Some(first), rest);
        }
        if absolute && path != self.default_lang && self.languages.iter().any(|l| l == path) {
            return (Some(path), "");
        }
        (None, path)
    }

    fn page_exists(&self, path: &str, scope: Option<&str>) -> bool {
        if self.shared_paths.contains_key(path) {
            return true;
        }
        match (self.district_paths.get(path), scope) {
            (Some(slugs), Some(scope)) => slugs.iter().any(|s| s == scope),
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

/// `districts/ba-dinh/news/x.md` -> (Some("ba-dinh"), "news/x.md").
fn split_scope(file: &str) -> (Option<&str>, &str) {
    if let Some(rest) = file.strip_prefix("districts/")
        && let Some((slug, inner)) = rest.split_once('/')
    {
        return (Some(slug), inner);
    }
    (None, file)
}

/// The URL scheme, lowercased, if `dest` has one (`https:`, `tel:`).
fn scheme(dest: &str) -> Option<String> {
    let colon = dest.find(':')?;
    let scheme = &dest[..colon];
    let valid = !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // A one-letter "scheme" is a Windows drive (C:\…), not a URL.
    (valid && scheme.len() > 1).then(|| scheme.to_ascii_lowercase())
}
