//! Links written in Markdown, resolved to the right page in the current
//! district and language whatever form the writer used: relative
//! (`../tu-bao-ve/`), site-root (`/skills/tu-bao-ve/`, `/en/…`), or the
//! source file (`../skills/tu-bao-ve.md`). Every link comes out relative.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::urls::{decode_path, encode_path, normalize, page_href, parent_dir, relative};
use super::{Asset, Page, PageId};
use crate::read::config::Config;
use crate::read::content::{PageSource, page_identity};
use crate::read::hotlines::normalise_phone;
use crate::read::weburl::scheme;

/// What a link or image destination turned into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Use this URL.
    Href(String),
    /// Drop the link (an unsafe scheme); the text stays.
    Drop,
    /// An image published in several widths: written as `<picture>`.
    Picture(Picture),
}

/// A picture in several widths and formats, with its size, so the page
/// does not shift while it loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The fallback file for `src` (a middle width).
    pub src: String,
    /// `srcset` of the WebP files.
    pub webp: String,
    /// `srcset` of the fallback files.
    pub fallback: String,
    /// The fallback's MIME type.
    pub fallback_type: &'static str,
    /// Width in pixels (of `src`).
    pub width: u32,
    /// Height in pixels (of `src`).
    pub height: u32,
}

/// Is a link or image being resolved?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](dest)`.
    Link,
    /// `![alt](dest)`.
    Image,
}

/// Where an internal link goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LinkTarget {
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
    pub target: Option<LinkTarget>,
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
        // Classified, and written, as a browser reads it: `/\t/host` is
        // `//host`.
        let dest = crate::read::weburl::browser_form(dest);
        let dest: &str = &dest;
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
            Some(scheme) if matches!(scheme.as_str(), "tel" | "sms") => {
                return self.phone(dest, use_);
            }
            Some(scheme) if matches!(scheme.as_str(), "http" | "https") => true,
            Some(scheme) if scheme == "mailto" => {
                return (Resolved::Href(dest.to_string()), use_);
            }
            Some(_) => {
                use_.problem = Some(LinkProblem::Blocked);
                return (Resolved::Drop, use_);
            }
            None => dest.starts_with("//"),
        };
        if !external {
            return self.internal(from, dest, use_);
        }
        if kind == LinkKind::Image {
            use_.problem = Some(LinkProblem::ExternalImage);
            return (Resolved::Drop, use_);
        }
        (Resolved::Href(dest.to_string()), use_)
    }

    /// A link inside the campaign: a source file, an asset or a URL of the
    /// site, written out relative to the page, keeping its `?query` and
    /// `#fragment`. A link that leads nowhere is kept as written (and
    /// reported).
    fn internal(&self, from: &LinkFrom<'_>, dest: &str, mut use_: LinkUse) -> (Resolved, LinkUse) {
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
        let target = match found {
            Ok(target) => target,
            Err(problem) => {
                use_.problem = Some(problem);
                return (Resolved::Href(dest.to_string()), use_);
            }
        };
        let mut href = self.href(from, &target);
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

    /// The relative URL from the page `from` to `target`.
    fn href(&self, from: &LinkFrom<'_>, target: &LinkTarget) -> String {
        let to = match target {
            LinkTarget::Page { path, lang } => {
                format!("{}{}", self.prefix(lang), page_href(path, from.offline))
            }
            LinkTarget::File { path } => encode_path(path),
        };
        let from_dir = format!("{}{}", self.prefix(from.out_lang), from.page_path);
        relative(&from_dir, &to)
    }

    /// `tel:` and `sms:` links: a Vietnamese number, written the way the
    /// directory writes it, and one the directory lists (or a national
    /// emergency number). A message's text (`sms:111?body=…`) is dropped:
    /// it would be sent as the reader's own words.
    fn phone(&self, dest: &str, mut use_: LinkUse) -> (Resolved, LinkUse) {
        let scheme = dest[..3].to_ascii_lowercase();
        let number = match scheme.as_str() {
            "sms" => dest[4..].split('?').next().unwrap_or_default(),
            _ => &dest[4..],
        };
        let number = decode_path(number);
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
                (Resolved::Href(format!("{scheme}:{tel}")), use_)
            }
        }
    }

    /// `../skills/a.md`, relative to the source file (or `content/` when it
    /// starts with `/`). `Err(true)` when it names a draft.
    fn source_link(&self, from: &LinkFrom<'_>, path: &str) -> Result<LinkTarget, bool> {
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
            Some(&id) => Ok(LinkTarget::Page {
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
    fn asset_link(&self, from: &LinkFrom<'_>, path: &str) -> Option<LinkTarget> {
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
        Some(LinkTarget::File {
            path: found.clone(),
        })
    }

    /// `/en/skills/a/`, `../a/`, `hotlines/hotlines.csv`: a URL in the site.
    fn url_link(&self, from: &LinkFrom<'_>, path: &str) -> Option<LinkTarget> {
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
                return Some(LinkTarget::Page { path: as_dir, lang });
            }
            if let Some(path) = self.file_path(rest) {
                return Some(LinkTarget::File {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A small site: `vi` (default) and `en`; a home page, a shared guide, a shared
    /// section, a page only district `quan-a` has, a picture next to the
    /// guide, a draft, one listed number, and a theme style sheet.
    fn index() -> LinkIndex {
        let mut index = LinkIndex {
            languages: vec!["vi".into(), "en".into()],
            default_lang: "vi".into(),
            ..LinkIndex::default()
        };
        let pages: [(Option<&str>, &str, &str); 4] = [
            (None, "_index", ""),
            (None, "skills/tu-bao-ve", "skills/tu-bao-ve/"),
            (None, "skills/_index", "skills/"),
            (Some("quan-a"), "news/hop-to", "news/hop-to/"),
        ];
        for (id, (scope, logical, path)) in pages.into_iter().enumerate() {
            match scope {
                None => {
                    index.shared_logical.insert(logical.into(), id);
                    index.shared_paths.insert(path.into(), id);
                }
                Some(slug) => {
                    index
                        .district_logical
                        .insert((slug.into(), logical.into()), id);
                    index.district_paths.insert(path.into(), vec![slug.into()]);
                }
            }
            index.paths.push(path.into());
        }
        index
            .shared_assets
            .insert("skills/so do.png".into(), "skills/so do.png".into());
        index.files.insert("skills/so do.png".into());
        index
            .files
            .extend(GENERATED_FILES.iter().map(|s| s.to_string()));
        index.add_theme_files([("loa.css", "loa.3f2a9c1e.css")]);
        index.drafts.insert((None, "skills/nhap".into()));
        index.phones.insert("02438251234".into());
        index
    }

    fn from_guide(out_lang: &str) -> LinkFrom<'static> {
        LinkFrom {
            rel: "skills/tu-bao-ve.md",
            scope: None,
            page_path: "skills/tu-bao-ve/",
            out_lang: if out_lang == "en" { "en" } else { "vi" },
            offline: false,
        }
    }

    fn href(index: &LinkIndex, from: &LinkFrom<'_>, dest: &str) -> (String, Option<LinkProblem>) {
        let (resolved, use_) = index.resolve(from, dest, LinkKind::Link, 7);
        assert_eq!(use_.line, 7);
        let href = match resolved {
            Resolved::Href(h) => h,
            Resolved::Drop => "<dropped>".to_string(),
            Resolved::Picture(_) => "<picture>".to_string(),
        };
        (href, use_.problem)
    }

    #[test]
    fn every_written_form_of_a_page_link_comes_out_relative() {
        let index = index();
        let vi = from_guide("vi");
        for dest in [
            "../skills/tu-bao-ve.md",
            "tu-bao-ve.md",
            "/skills/tu-bao-ve.md",
            "../tu-bao-ve/",
            "/skills/tu-bao-ve/",
            "/skills/tu-bao-ve/index.html",
        ] {
            assert_eq!(href(&index, &vi, dest), ("./".to_string(), None), "{dest}");
        }
        assert_eq!(href(&index, &vi, "_index.md"), ("../".to_string(), None));
        // The English site links to the English page, from its own folder.
        let en = from_guide("en");
        assert_eq!(href(&index, &en, "../skills/").0, "../");
        assert_eq!(href(&index, &en, "/en/skills/").0, "../");
        // Naming a language in the file name or the path crosses over.
        assert_eq!(
            href(&index, &vi, "tu-bao-ve.en.md").0,
            "../../en/skills/tu-bao-ve/"
        );
        assert_eq!(href(&index, &en, "/skills/tu-bao-ve/").0, "./");
        assert_eq!(href(&index, &vi, "/en/").0, "../../en/");
    }

    #[test]
    fn query_fragment_and_offline_are_kept() {
        let index = index();
        let vi = from_guide("vi");
        let (resolved, use_) = index.resolve(&vi, "_index.md?a=1#cach-goi", LinkKind::Link, 1);
        assert!(matches!(resolved, Resolved::Href(ref h) if h == "../?a=1#cach-goi"));
        assert_eq!(use_.fragment.as_deref(), Some("cach-goi"));
        assert_eq!(
            use_.target,
            Some(LinkTarget::Page {
                path: "skills/".into(),
                lang: "vi".into()
            })
        );
        let offline = LinkFrom {
            offline: true,
            ..from_guide("vi")
        };
        assert_eq!(href(&index, &offline, "_index.md").0, "../index.html");
        assert_eq!(href(&index, &vi, "#tren").0, "#tren");
    }

    #[test]
    fn files_themes_and_exports_resolve_and_are_encoded() {
        let index = index();
        let vi = from_guide("vi");
        assert_eq!(href(&index, &vi, "so do.png").0, "../so%20do.png");
        assert_eq!(href(&index, &vi, "so%20do.png").0, "../so%20do.png");
        assert_eq!(
            href(&index, &vi, "/hotlines/hotlines.csv").0,
            "../../hotlines/hotlines.csv"
        );
        assert_eq!(href(&index, &vi, "/loa.css").0, "../../loa.3f2a9c1e.css");
    }

    #[test]
    fn links_that_lead_nowhere_are_kept_and_reported() {
        let index = index();
        let vi = from_guide("vi");
        assert_eq!(
            href(&index, &vi, "khong-co.md"),
            ("khong-co.md".to_string(), Some(LinkProblem::Broken))
        );
        assert_eq!(href(&index, &vi, "nhap.md").1, Some(LinkProblem::Draft));
        assert_eq!(href(&index, &vi, "").1, Some(LinkProblem::Broken));
        // Climbing above the campaign leads nowhere, whatever the form.
        assert_eq!(
            href(&index, &vi, "../../../../etc/passwd").1,
            Some(LinkProblem::Broken)
        );
        assert_eq!(
            href(&index, &vi, "/../site.yaml").1,
            Some(LinkProblem::Broken)
        );
    }

    #[test]
    fn a_district_page_exists_only_in_its_district() {
        let index = index();
        let in_a = LinkFrom {
            rel: "districts/quan-a/skills/x.md",
            scope: Some("quan-a"),
            page_path: "skills/x/",
            out_lang: "vi",
            offline: false,
        };
        assert_eq!(
            href(&index, &in_a, "/news/hop-to/"),
            ("../../news/hop-to/".into(), None)
        );
        assert_eq!(href(&index, &in_a, "../news/hop-to.md").1, None);
        let in_b = LinkFrom {
            rel: "districts/quan-b/skills/x.md",
            scope: Some("quan-b"),
            ..in_a
        };
        assert_eq!(
            href(&index, &in_b, "/news/hop-to/").1,
            Some(LinkProblem::Broken)
        );
        assert_eq!(
            href(&index, &in_b, "../news/hop-to.md").1,
            Some(LinkProblem::Broken)
        );
        // A shared page does not know which districts will show it.
        assert_eq!(href(&index, &from_guide("vi"), "/news/hop-to/").1, None);
    }

    #[test]
    fn only_web_mail_and_phone_schemes_survive() {
        let index = index();
        let vi = from_guide("vi");
        for dest in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
            "/\\evil.example",
            "\\\\evil.example\\share",
            "C:\\Users\\a.png",
        ] {
            assert_eq!(
                href(&index, &vi, dest),
                ("<dropped>".to_string(), Some(LinkProblem::Blocked)),
                "{dest}"
            );
        }
        for dest in [
            "https://example.org/a",
            "HTTP://x.example",
            "//x.example/a",
            "mailto:a@b.vn",
        ] {
            assert_eq!(href(&index, &vi, dest), (dest.to_string(), None), "{dest}");
        }
        let (resolved, use_) = index.resolve(&vi, "https://x.example/a.png", LinkKind::Image, 1);
        assert!(matches!(resolved, Resolved::Drop));
        assert_eq!(use_.problem, Some(LinkProblem::ExternalImage));
    }

    #[test]
    fn addresses_are_read_as_a_browser_reads_them() {
        let index = index();
        let vi = from_guide("vi");
        for dest in [
            "/\t/evil.example/a.png",
            "/\n/evil.example/a.png",
            "/\r/evil.example/a.png",
            " \u{1}//evil.example/a.png",
            "ht\ttps://evil.example/a.png",
            "\t/\r\n/evil.example/a.png\u{0}",
        ] {
            let (resolved, use_) = index.resolve(&vi, dest, LinkKind::Image, 1);
            assert_eq!(resolved, Resolved::Drop, "{dest:?}");
            assert_eq!(use_.problem, Some(LinkProblem::ExternalImage), "{dest:?}");
            assert!(!use_.written.contains(['\t', '\n', '\r']), "{dest:?}");
        }
        // Links to other websites stay, written without the tab.
        assert_eq!(
            href(&index, &vi, "/\t/evil.example/x"),
            ("//evil.example/x".to_string(), None)
        );
        assert_eq!(
            href(&index, &vi, "java\tscript:alert(1)"),
            ("<dropped>".to_string(), Some(LinkProblem::Blocked))
        );
        // A broken address is written in its browser form too.
        assert_eq!(href(&index, &vi, "nowhere\n/x.png").0, "nowhere/x.png");
    }

    #[test]
    fn phone_links_are_normalised_and_checked_against_the_directory() {
        let index = index();
        let vi = from_guide("vi");
        assert_eq!(href(&index, &vi, "tel:111"), ("tel:111".into(), None));
        assert_eq!(
            href(&index, &vi, "tel:024 3825 1234"),
            ("tel:02438251234".into(), None)
        );
        assert_eq!(
            href(&index, &vi, "tel:024%203825%201234").0,
            "tel:02438251234"
        );
        assert_eq!(
            href(&index, &vi, "tel:0912345678"),
            ("tel:0912345678".into(), Some(LinkProblem::UnlistedPhone))
        );
        assert_eq!(
            href(&index, &vi, "tel:+1-555-0100"),
            ("<dropped>".into(), Some(LinkProblem::BadPhone))
        );
        // A text message goes to a number as a call does.
        assert_eq!(href(&index, &vi, "sms:111"), ("sms:111".into(), None));
        assert_eq!(
            href(&index, &vi, "SMS:0912 345 678?body=Xin%20chào"),
            ("sms:0912345678".into(), Some(LinkProblem::UnlistedPhone))
        );
        assert_eq!(
            href(&index, &vi, "sms:+1-900-555-0100"),
            ("<dropped>".into(), Some(LinkProblem::BadPhone))
        );
    }
}
