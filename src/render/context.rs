//! Typed, borrowed template contexts: what a template sees. Each struct is
//! serialised straight into Tera values; the parts shared by every page of a
//! district and language ([`FrameCtx`]) are converted once (see
//! [`super::Frame`]). A template is given its frame and one struct:
//! [`PageTemplateCtx`] for `home.html`, `section.html`, `page.html` and
//! `hotlines.html`; [`PageContext`] alone for `404.html`; [`AzCtx`] for
//! `a-z.html`; the poster's and leaflet's are made by the output engine,
//! like the city portal's (which has no frame).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::PageKind;

/// What every template of one district and language is given.
#[derive(Debug, Serialize)]
pub struct FrameCtx<'a> {
    /// The language of the pages.
    pub lang: &'a str,
    /// The home page, from the district root.
    pub home: String,
    /// The default language.
    pub default_lang: &'a str,
    /// Links end in `index.html` (`--offline`).
    pub offline: bool,
    /// The campaign.
    pub site: SiteCtx<'a>,
    /// The district.
    pub district: DistrictCtx<'a>,
    /// The interface strings of the language, as a Tera value made once.
    pub t: &'a tera::Value,
    /// The menu: the home page's sections, in order.
    pub menu: Vec<MenuItem>,
    /// The district's pinned hotlines, shown in every page's header.
    pub pinned: Vec<HotlineCtx<'a>>,
    /// The theme's static files by their name in the theme -> their
    /// fingerprinted output path.
    pub theme_files: &'a BTreeMap<String, String>,
    /// The news section and its feed, when the district has news.
    pub news_feed: Option<NewsFeedCtx>,
}

/// `news_feed`: where the news section and its feed are, from the district
/// root.
#[derive(Debug, Serialize)]
pub struct NewsFeedCtx {
    /// The feed of the language (`news/atom.xml`, `en/news/atom.xml`).
    pub path: String,
    /// The news section's URL path within a language (to compare with
    /// `page.section`).
    pub section: String,
}

/// A label from a fixed vocabulary: `{ key: "children", label: "Trẻ em" }`.
#[derive(Debug, Clone, Serialize)]
pub struct Label {
    /// The word used in YAML.
    pub key: &'static str,
    /// Its interface string in the current language.
    pub label: String,
}

/// A language of the site, for switchers and alternates.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageCtx<'a> {
    /// Language code.
    pub code: &'a str,
    /// Its own name for itself ("Tiếng Việt", "English").
    pub name: &'a str,
}

/// `site`: the campaign.
#[derive(Debug, Serialize)]
pub struct SiteCtx<'a> {
    /// Title in the current language.
    pub title: &'a str,
    /// Description in the current language.
    pub description: &'a str,
    /// Where the quick exit goes.
    pub quick_exit_url: &'a str,
    /// What a district is called.
    pub unit_label: &'a str,
    /// Every language.
    pub languages: Vec<LanguageCtx<'a>>,
    /// The default language.
    pub default_lang: &'a str,
    /// Path of the logo from the district root, if any.
    pub logo: Option<String>,
    /// Path of the "cover your tracks" page from the district root, if any.
    pub cover_tracks: Option<String>,
    /// Path of the hotline directory from the district root.
    pub hotlines: String,
    /// The folder of the search index from the district root
    /// (`search/`, `en/search/`).
    pub search: String,
    /// Path of the A–Z list of pages from the district root.
    pub az: String,
}

/// `district`: the district being built.
#[derive(Debug, Serialize)]
pub struct DistrictCtx<'a> {
    /// Slug (folder name).
    pub slug: &'a str,
    /// Name in the current language.
    pub name: &'a str,
    /// Published address, when known.
    pub base_url: Option<&'a str>,
    /// None of the district's own numbers can be relied on yet: it has
    /// none, or one of them is example data (see
    /// [`crate::read::hotlines::Hotlines::local_unchecked`]).
    pub local_unchecked: bool,
}

/// A link in the menu.
#[derive(Debug, Serialize)]
pub struct MenuItem {
    /// Section title.
    pub title: String,
    /// Path from the district root.
    pub path: String,
    /// The section's URL path (to compare with `page.section`).
    pub key: String,
}

/// A hotline as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct HotlineCtx<'a> {
    /// Id.
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
    /// When to call.
    pub description: &'a str,
    /// As written.
    pub phone: &'a str,
    /// For `tel:`.
    pub tel: &'a str,
    /// Hours.
    pub hours: &'a str,
    /// Cost label.
    pub cost: Option<Label>,
    /// Audiences.
    pub audience: Vec<Label>,
    /// Last verified, ISO.
    pub verified: Option<String>,
    /// Last verified, for reading.
    pub verified_display: Option<String>,
    /// Placeholder data.
    pub example: bool,
    /// The district's own entry.
    pub local: bool,
}

/// A group of hotlines of one category.
#[derive(Debug, Serialize)]
pub struct HotlineGroup<'a> {
    /// Category.
    pub category: Label,
    /// Entries in order.
    pub entries: Vec<HotlineCtx<'a>>,
}

/// `hotlines`: the directory, on the hotlines page.
#[derive(Debug, Serialize)]
pub struct DirectoryCtx<'a> {
    /// Groups, emergency first.
    pub groups: Vec<HotlineGroup<'a>>,
    /// Path of the JSON export from the district root.
    pub json: &'static str,
    /// Path of the CSV export from the district root.
    pub csv: &'static str,
    /// Number of entries.
    pub count: usize,
}

/// A page in a list.
#[derive(Debug, Clone, Serialize)]
pub struct Summary<'a> {
    /// Home, section or page.
    pub kind: PageKind,
    /// Title.
    pub title: &'a str,
    /// Description, or the start of the text.
    pub description: &'a str,
    /// Path from the district root (with language folder).
    pub path: String,
    /// ISO date.
    pub date: Option<String>,
    /// Date for reading.
    pub date_display: Option<String>,
    /// Language of the text.
    pub lang: &'a str,
    /// Shown in another language because not translated.
    pub fallback: bool,
    /// Audiences.
    pub audience: Vec<Label>,
    /// Model kind.
    pub model: Option<Label>,
    /// A draft (only in `loa serve`).
    pub draft: bool,
    /// Example content whose local details are not verified.
    pub example: bool,
}

/// A group of pages for one audience, on section pages.
#[derive(Debug, Serialize)]
pub struct AudienceGroup {
    /// Audience.
    pub audience: Label,
    /// Anchor id.
    pub id: String,
    /// Pages for this audience.
    pub pages: Vec<tera::Value>,
}

/// A language version of the current page, for the switcher.
#[derive(Debug, Serialize)]
pub struct Translation<'a> {
    /// Language code.
    pub code: &'a str,
    /// The language's name for itself.
    pub name: &'a str,
    /// Path from the district root.
    pub path: String,
    /// The language being shown.
    pub current: bool,
    /// Written in this language (not a fallback).
    pub translated: bool,
}

/// An `hreflang` alternate.
#[derive(Debug, Serialize)]
pub struct Alternate<'a> {
    /// Language code (or `x-default`).
    pub lang: &'a str,
    /// Absolute URL with `base_url`, else a path from the district root.
    pub href: String,
    /// Whether `href` is absolute.
    pub absolute: bool,
}

/// A step in the breadcrumbs.
#[derive(Debug, Serialize)]
pub struct Crumb<'a> {
    /// Title.
    pub title: &'a str,
    /// Path from the district root.
    pub path: String,
}

/// `page`: the page being rendered.
#[derive(Debug, Serialize)]
pub struct PageCtx<'a> {
    /// Home, section or page.
    pub kind: PageKind,
    /// Title.
    pub title: &'a str,
    /// Description.
    pub description: &'a str,
    /// The HTML body.
    pub content: tera::Value,
    /// Language of the text.
    pub lang: &'a str,
    /// Shown in another language because not translated.
    pub fallback: bool,
    /// Path from the district root.
    pub path: String,
    /// URL path of the section it belongs to (or its own, for sections).
    pub section: String,
    /// ISO date.
    pub date: Option<String>,
    /// Date for reading.
    pub date_display: Option<String>,
    /// Audiences.
    pub audience: Vec<Label>,
    /// Model kind.
    pub model: Option<Label>,
    /// Body headings.
    pub headings: &'a [crate::render::markdown::Heading],
    /// The source file, relative to the campaign root.
    pub source: String,
    /// Example content whose local details are not verified.
    pub example: bool,
    /// Sends readers to the district's own numbers (`local_contacts:`).
    pub local_contacts: bool,
    /// A draft, or the translation of one (only `loa serve` shows them).
    pub draft: bool,
}

/// `share`: what the Open Graph and Twitter card tags of a page say.
#[derive(Debug, Serialize)]
pub struct ShareCtx {
    /// `og:url`: the canonical address, when the district has a `base_url`.
    pub url: Option<String>,
    /// `og:type`: `article` for a dated page (news), `website` otherwise.
    pub kind: &'static str,
    /// `og:locale` (`vi_VN`, `en_US`).
    pub locale: String,
    /// `og:locale:alternate`: the other languages the page is written in.
    pub alternate_locales: Vec<String>,
    /// `og:image`: absolute with a `base_url`, else a path from the
    /// district root.
    pub image: Option<String>,
    /// Whether `image` is absolute.
    pub image_absolute: bool,
    /// The image's size in pixels.
    pub image_width: u32,
    /// The image's height in pixels.
    pub image_height: u32,
}

/// The Open Graph locale of a language code: `vi` → `vi_VN`.
pub fn og_locale(lang: &str) -> String {
    let region = match lang {
        "vi" => "VN",
        "en" => "US",
        "fr" => "FR",
        "zh" => "CN",
        "ja" => "JP",
        "ko" => "KR",
        "km" => "KH",
        "lo" => "LA",
        "th" => "TH",
        "de" => "DE",
        "es" => "ES",
        "ru" => "RU",
        _ => return lang.replace('-', "_"),
    };
    format!("{lang}_{region}")
}

impl<'a> PageCtx<'a> {
    /// A page loa makes itself, with a title and nothing else (the 404
    /// page, a poster).
    pub fn bare(title: &'a str, lang: &'a str, path: String) -> PageCtx<'a> {
        PageCtx {
            kind: PageKind::Page,
            title,
            description: "",
            content: tera::Value::safe_string(""),
            lang,
            fallback: false,
            path,
            section: String::new(),
            date: None,
            date_display: None,
            audience: Vec::new(),
            model: None,
            headings: &[],
            source: String::new(),
            example: false,
            local_contacts: false,
            draft: false,
        }
    }
}

/// Everything a page template is given besides its frame's shared values
/// (site, district, strings, menu, pinned numbers): one shape for content
/// pages and the 404 page, so no template misses a key another one has.
/// `404.html` is given this alone.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    /// The relative path from the page to the district root.
    pub root: String,
    /// The page.
    pub page: PageCtx<'a>,
    /// The page in every language, for the language switcher.
    pub translations: Vec<Translation<'a>>,
    /// `hreflang` alternates.
    pub alternates: Vec<Alternate<'a>>,
    /// The canonical address, when the district has a `base_url`.
    pub canonical: Option<String>,
    /// The sections above the page.
    pub breadcrumbs: Vec<Crumb<'a>>,
    /// Share-card tags.
    pub share: Option<ShareCtx>,
}

impl<'a> PageContext<'a> {
    /// A page outside the site's tree (the 404 page, a poster): no
    /// translations, alternates, canonical address, breadcrumbs or share
    /// tags; the caller adds the canonical address and share tags a page
    /// has.
    pub fn alone(root: String, page: PageCtx<'a>) -> PageContext<'a> {
        PageContext {
            root,
            page,
            translations: Vec::new(),
            alternates: Vec::new(),
            canonical: None,
            breadcrumbs: Vec::new(),
            share: None,
        }
    }
}

/// `pagination`: the numbered pages of the news list (only when there is
/// more than one).
#[derive(Debug, Serialize)]
pub struct Pagination {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages.
    pub total: usize,
    /// The newer page, from the district root.
    pub prev: Option<String>,
    /// The older page, from the district root.
    pub next: Option<String>,
    /// Whether `head_prev` and `head_next` are absolute addresses.
    pub absolute: bool,
    /// The newer page for `<link rel="prev">`: absolute when the district
    /// has a `base_url` (like the canonical address), else from the
    /// district root.
    pub head_prev: Option<String>,
    /// The older page for `<link rel="next">`, the same way.
    pub head_next: Option<String>,
    /// Every page.
    pub pages: Vec<PageLink>,
}

/// A numbered page of a list.
#[derive(Debug, Serialize)]
pub struct PageLink {
    /// Its number, from 1.
    pub number: usize,
    /// Path from the district root.
    pub path: String,
    /// The page being shown.
    pub current: bool,
}

/// `archive`: a year of the news, newest first.
#[derive(Debug, Serialize)]
pub struct YearLink {
    /// The year.
    pub year: i32,
    /// Path from the district root.
    pub path: String,
    /// The year being shown.
    pub current: bool,
}

/// What `home.html`, `section.html`, `page.html` and `hotlines.html` are
/// given besides the frame: the page, and what its role adds (a section's
/// list, the home page's tracks, the news list, the hotline directory).
#[derive(Debug, Serialize)]
pub struct PageTemplateCtx<'a> {
    /// The page, its languages, canonical address, breadcrumbs and share
    /// tags.
    #[serde(flatten)]
    pub page: PageContext<'a>,
    /// A section's pages (also the home page's and the directory's).
    #[serde(flatten)]
    pub list: Option<SectionCtx>,
    /// The home page's sections, models and latest news.
    #[serde(flatten)]
    pub home: Option<HomeCtx>,
    /// The news section's numbered pages and years.
    #[serde(flatten)]
    pub news: Option<NewsCtx>,
    /// `hotlines`: the directory, on the hotlines page only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hotlines: Option<DirectoryCtx<'a>>,
}

/// A section's list: its pages (on the news section, the ones of the page
/// or year shown), and the same pages grouped by audience.
#[derive(Debug, Serialize)]
pub struct SectionCtx {
    /// The pages listed, in order, as summaries.
    pub pages: Vec<tera::Value>,
    /// The pages by audience; a page is described in the first group only.
    pub audience_groups: Vec<AudienceGroup>,
}

/// What the home page adds: its sections, the models and the latest news.
#[derive(Debug, Serialize)]
pub struct HomeCtx {
    /// The sections of the home page, in order, as summaries.
    pub sections: Vec<tera::Value>,
    /// The pages that present a model, in the models section's order.
    pub models: Vec<tera::Value>,
    /// The newest news items.
    pub news: Vec<tera::Value>,
}

/// What the news section adds: the links between its numbered pages and
/// to every year.
#[derive(Debug, Serialize)]
pub struct NewsCtx {
    /// The numbered pages (none when one page holds every item, or for a
    /// year).
    pub pagination: Option<Pagination>,
    /// Every year with news, newest first.
    pub archive: Vec<YearLink>,
    /// The year shown, on a year's page.
    pub archive_year: Option<i32>,
}

/// What `a-z.html` is given besides the frame.
#[derive(Debug, Serialize)]
pub struct AzCtx<'a> {
    /// The page (a bare one: title, address, share tags).
    #[serde(flatten)]
    pub page: PageContext<'a>,
    /// The district's pages by first letter.
    pub az: Vec<crate::render::search::AzGroup>,
}
