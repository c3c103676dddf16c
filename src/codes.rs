//! Every finding code loa reports, with what it means and what to do, in one
//! place. A rule picks its code from [`Code`]; `loa check --explain CODE`
//! prints the text written here, and the report prints the code as text
//! (`link/broken`), which is stable across versions.

use std::fmt;

/// Declares the codes: each variant's doc comment is its explanation.
macro_rules! codes {
    ($( $(#[doc = $doc:literal])+ $name:ident = $code:literal, )+) => {
        /// A stable finding code, such as `link/broken`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $( $(#[doc = $doc])+ $name, )+
        }

        impl Code {
            /// Every code, in the order they are declared (grouped by area).
            pub const ALL: &'static [Code] = &[$(Code::$name),+];

            /// The code as reports show it, such as `link/broken`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $code,)+
                }
            }

            /// What the code means and what to do about it, from the
            /// message catalogue (`explain-<area>-<name>`, written in
            /// English as its documentation here), as one paragraph in
            /// the staff's language.
            pub fn explain(self) -> String {
                crate::i18n::explanation(self.as_str())
            }
        }
    };
}

codes! {
    // ---- Files and names (source, content walk) ----
    /// A file or folder in `content/` has a name that is unsafe on some
    /// computer or web server: a backslash, a control or invisible
    /// character, one of `< > : " | ? *`, a trailing dot or space, or a
    /// name Windows reserves (`con`, `nul`, `com1`…). It is not read.
    /// Rename it as the message suggests.
    ContentFileName = "content/file-name",
    /// Two names in one folder differ only by upper and lower case, or by
    /// how their accents are encoded: on Windows and macOS they are one
    /// file. Rename one of them.
    ContentNameClash = "content/name-clash",
    /// A file in `content/` that loa does not use (for example a YAML file
    /// outside `districts/` and `hotlines/`). Move or delete it.
    ContentIgnoredFile = "content/ignored-file",
    /// A page's file ends in `.MD`, `.markdown` or another spelling of
    /// Markdown: loa reads pages only from names ending in `.md`, in
    /// lowercase (the name other pages link to, and the one `loa new` and
    /// the desk write), so the page would not be published. Rename the
    /// file as the message says.
    ContentMarkdownName = "content/markdown-name",
    /// A top-level folder has the name of a language (`en/`): its pages
    /// would mix with the addresses of that language's site. Rename it.
    ContentLanguageFolder = "content/language-folder",
    /// A text file is not UTF-8, so its letters cannot be read. Save it
    /// again as UTF-8 in your editor.
    ContentNotUtf8 = "content/not-utf8",
    /// A symbolic link leads outside the campaign folder; it is not
    /// followed. Copy the file into the campaign instead.
    ContentSymlinkOutside = "content/symlink-outside",
    /// A YAML file (`site.yaml`, a district's file, a hotline list) is over
    /// 1 MB. A district's file is a few kilobytes; a file this large is a
    /// mistake or an attack, and reading it would take minutes and
    /// gigabytes. Split a long hotline list into several files under
    /// `content/hotlines/`.
    ContentYamlTooLarge = "content/yaml-too-large",
    /// A file or folder could not be read (permissions, or it vanished).
    ContentUnreadable = "content/unreadable",
    /// A file that could run scripts in a reader's browser (`.html`, `.svg`,
    /// `.js`…) is not published. Write the page in Markdown, or convert the
    /// drawing to PNG.
    ContentUnsafeFile = "content/unsafe-file",
    /// Raw HTML in a page had scripts, event handlers, styles or other
    /// dangerous parts; they were removed. Write the page in Markdown.
    ContentUnsafeHtml = "content/unsafe-html",
    /// Text contains an invisible control character (often pasted from
    /// another program). Delete and retype the text around it.
    ContentControlCharacter = "content/control-character",
    /// A document (PDF, Word, spreadsheet, slides) or a recording (audio,
    /// video) is published byte for byte, with the metadata loa cannot
    /// remove: its author, the computer or phone that made it, dates, and
    /// for phone videos and photos inside documents, where they were made.
    /// Remove it before adding the file: export the PDF again with the
    /// author removed, clear the document's properties, or run
    /// `exiftool -all= file` on a recording.
    AssetMetadata = "asset/metadata",

    // ---- YAML ----
    /// The YAML cannot be read: indentation, a missing quote, a tab. The
    /// position shows where reading stopped.
    YamlSyntax = "yaml/syntax",
    /// A key loa does not know, usually a typo; the message suggests the
    /// closest known key.
    YamlUnknownKey = "yaml/unknown-key",
    /// A value that is not one of the allowed words; the message lists
    /// them.
    YamlUnknownValue = "yaml/unknown-value",
    /// A value of the wrong kind, such as a list where text is needed, or
    /// an empty value.
    YamlWrongType = "yaml/wrong-type",
    /// A required key is missing.
    YamlMissingKey = "yaml/missing-key",
    /// The same key is written twice in one place; keep one.
    YamlDuplicateKey = "yaml/duplicate-key",
    /// A value has the right kind but an impossible content, such as a date
    /// that does not exist.
    YamlInvalidValue = "yaml/invalid-value",
    /// A YAML value contains an invisible control character. Retype it.
    YamlControlCharacter = "yaml/control-character",

    // ---- Campaign settings ----
    /// A district file name cannot be a web address part, or is a language
    /// code. Rename the file to lowercase letters, digits and hyphens.
    ConfigBadSlug = "config/bad-slug",
    /// Two files in `content/districts/` are the same district
    /// (`ba-dinh.yaml` and `ba-dinh.yml`): both would be built into the
    /// one folder `ba-dinh/`, each build a different one, and the
    /// district's hotline page would list the numbers of both. Delete or
    /// rename one of them.
    ConfigDistrictTwice = "config/district-twice",
    /// `base_url` is not a plain `https://` web address.
    ConfigBaseUrl = "config/base-url",
    /// A district's `base_url` is on a host that is not one of the
    /// campaign's own. District files come from ward staff, but the
    /// address goes on the printed posters' and leaflets' QR codes, into
    /// canonical links, share cards and feeds: so it must be under a web
    /// address listed in `deploy_allowed:` in `site.yaml` (the same
    /// scheme, host and port; an entry that is a whole site, such as
    /// `https://hanoi.gov.vn/`, also allows every name under it, such as
    /// `https://ba-dinh.hanoi.gov.vn/`). Hosts are compared as browsers
    /// read them, whatever their case, final dot or spelling. If the
    /// address is right, the city's team adds it there.
    ConfigBaseUrlNotAllowed = "config/base-url-not-allowed",
    /// A colour is not a `#rrggbb` code.
    ConfigColor = "config/color",
    /// White text on the chosen colour would be too faint to read (below
    /// 4.5:1). Choose a darker colour.
    ConfigColorContrast = "config/color-contrast",
    /// `cover_tracks` names a page the campaign does not have.
    ConfigCoverTracks = "config/cover-tracks",
    /// A district's `deploy` target or endpoint is not something loa can
    /// publish to.
    ConfigDeploy = "config/deploy",
    /// A district's deploy target, endpoint or purge webhook is not in
    /// `deploy_allowed:` in `site.yaml`. District files come from ward
    /// staff, but a deploy sends the operator's credentials and, with
    /// `file://`, writes on the operator's machine, so the campaign's own
    /// `site.yaml` lists every place a district may publish to. If the place
    /// is right, add it there (an entry ending in `/` allows everything
    /// under it).
    ConfigDeployNotAllowed = "config/deploy-not-allowed",
    /// The `images` settings (widths, budget) are out of range.
    ConfigImages = "config/images",
    /// A language code in `languages` is not a code, or is listed twice.
    ConfigLanguage = "config/language",
    /// `logo` names a file that is not in `content/`.
    ConfigLogo = "config/logo",
    /// `share_image` names no picture in `content/` that loa can publish
    /// (another website's address, a path outside the campaign, a file
    /// that is not a JPEG, PNG, WebP or GIF). Share cards would go without
    /// a picture.
    ConfigShareImage = "config/share-image",
    /// `news_page_size` is below 1.
    ConfigNewsPageSize = "config/news-page-size",
    /// The campaign has no district files in `content/districts/`.
    ConfigNoDistricts = "config/no-districts",
    /// `quick_exit_url` is not a full web address.
    ConfigQuickExit = "config/quick-exit",
    /// `SOURCE_DATE_EPOCH` is set but is not a number of seconds.
    ConfigSourceDate = "config/source-date",
    /// `theme` is not a folder name under `themes/`.
    ConfigTheme = "config/theme",
    /// A page, hotline or command names a district that has no file in
    /// `content/districts/`.
    DistrictUnknown = "district/unknown",

    // ---- Theme ----
    /// A file in the theme has an unsafe name (see `content/file-name`).
    ThemeFileName = "theme/file-name",
    /// The campaign's `theme` has no folder under `themes/`.
    ThemeMissing = "theme/missing",
    /// A symbolic link in the theme leads outside the theme folder.
    ThemeSymlinkOutside = "theme/symlink-outside",
    /// A photo or other raster picture in the theme's `static/` folder.
    /// Theme files are published as they are, and a picture carries what
    /// its camera or editor wrote into it: the place it was taken, the
    /// device, the author. Put pictures in `content/`, where loa decodes
    /// and re-encodes them without any of that, or draw the logo as SVG.
    ThemePicture = "theme/picture",
    /// A template, style sheet or SVG drawing of the campaign's theme loads
    /// a file from another website (web fonts, a script, a picture, a
    /// style sheet, `@import` or `url(…)` in CSS, a form sent there). Every
    /// reader's browser would ask that website for it, telling it who reads
    /// the campaign and when. Copy the file into the theme's `static/`
    /// folder and link it from there, or remove it.
    ThemeExternalRequest = "theme/external-request",
    /// A template failed: the message names the template file and line.
    TemplateError = "template/error",

    // ---- Languages ----
    /// A language of the campaign has no interface strings file.
    I18nMissingFile = "i18n/missing-file",
    /// A template uses an interface string that a language does not have.
    I18nMissingKey = "i18n/missing-key",
    /// A setting has no text in one of the campaign's languages.
    I18nMissingText = "i18n/missing-text",
    /// A page has no version in a language yet; readers of that language
    /// see it in another one.
    I18nMissingTranslation = "i18n/missing-translation",
    /// A district replaces a shared page in one language but not in
    /// another, so readers of the other language see the shared page.
    I18nPartialOverride = "i18n/partial-override",
    /// A text of `site.yaml` (the title, the description, the unit's name)
    /// is written the same in another language as in the first, so that
    /// language's readers see it untranslated (`loa init --name` gives the
    /// first language's name only). Translate it.
    I18nUntranslatedSetting = "i18n/untranslated-setting",
    /// A setting has text in a language the campaign does not have.
    I18nUnknownLanguage = "i18n/unknown-language",

    // ---- Pages ----
    /// A page's file name or `slug` cannot be used in a web address.
    PageBadSlug = "page/bad-slug",
    /// Two files are the same page in the same language.
    PageDuplicateLanguage = "page/duplicate-language",
    /// Two pages of one section have the same title; readers cannot tell
    /// them apart in a list.
    PageDuplicateTitle = "page/duplicate-title",
    /// A page has a title but no text.
    PageEmpty = "page/empty",
    /// A page's title is empty.
    PageEmptyTitle = "page/empty-title",
    /// A page is marked `example: true`: its local details are not checked
    /// yet. It fails `check --strict` until someone checks them and removes
    /// the mark.
    PageExample = "page/example",
    /// A page about a shelter (`model: shelter`, its translations and its
    /// districts' versions) says where the shelter is: a street address,
    /// map coordinates or a link to a map. A shelter's whereabouts are
    /// never published: the person who hurt someone could find them there.
    /// Remove it; readers reach a shelter through a phone number or a
    /// trusted contact.
    PageShelterAddress = "page/shelter-address",
    /// The front matter (between the `---` lines) is not closed or not
    /// readable.
    PageFrontMatter = "page/front-matter",
    /// A folder of pages has no `_index.md`, so its pages are in no list or
    /// menu.
    PageNoSection = "page/no-section",
    /// A district's replacement of a shared page sets its own `slug`; it
    /// must keep the shared page's address.
    PageOverrideSlug = "page/override-slug",
    /// Two files produce the same web address.
    PageSameAddress = "page/same-address",
    /// A section's `_index.md` sets `slug`; a section's address comes from
    /// its folder.
    PageSectionSlug = "page/section-slug",
    /// Translations of one page set different `slug`s; they share one
    /// address.
    PageSlugMismatch = "page/slug-mismatch",
    /// Lists, quotes or HTML are nested too deeply to be read safely.
    PageTooDeep = "page/too-deep",
    /// The language in a page's file name is not one of the campaign's (or
    /// is not lowercase).
    PageUnknownLanguage = "page/unknown-language",
    /// A page's `template` is not a page template of the theme.
    PageUnknownTemplate = "page/unknown-template",
    /// A Markdown page is over 2 MB. Nobody reads that much on a phone, it
    /// would take minutes to load on a weak network, and rendering it
    /// would take many times its size in memory. Split it into pages.
    PageTooLarge = "page/too-large",
    /// A page's `date` is more than three days ahead of today. News is
    /// listed newest first, so a news item dated `9999-12-31` would stay at
    /// the top of its district's list and feed, and of the city's feed, for
    /// ever. Write the day it is published; `--strict` refuses it.
    PageFutureDate = "page/future-date",
    /// A page's tables have rows with far fewer cells than their header
    /// (a header of hundreds of columns over rows of one cell): every
    /// missing cell would be filled in, millions of them, taking minutes
    /// and gigabytes to build. The page is not read. Give every row as
    /// many cells as its header.
    PageTableCells = "page/table-cells",
    /// A page's `description` is over 300 characters. It is shown in lists,
    /// by search engines and in news feeds, which cut it; say in one or two
    /// sentences what the page is about.
    PageLongDescription = "page/long-description",

    /// A news item has no `date`, so it is left out of the feeds and the
    /// yearly archive. Add `date: YYYY-MM-DD`.
    NewsNoDate = "news/no-date",

    // ---- Hotlines ----
    /// A hotline `id` is not a slug.
    HotlineBadId = "hotline/bad-id",
    /// A phone number is not a Vietnamese phone number.
    HotlineBadPhone = "hotline/bad-phone",
    /// Two hotline entries share an `id`.
    HotlineDuplicateId = "hotline/duplicate-id",
    /// An entry is example data, not a checked number. It fails
    /// `check --strict` until someone calls it and marks it verified.
    HotlineExample = "hotline/example",
    /// A pinned hotline is example data: it is left off the printed
    /// posters and leaflets.
    HotlineExamplePinned = "hotline/example-pinned",
    /// An example entry's number could ring a real person. Use a
    /// placeholder such as `024 0000 0xxx`.
    HotlineExampleRealNumber = "hotline/example-real-number",
    /// An example entry has a `verified` date, so it would look checked.
    HotlineExampleVerified = "hotline/example-verified",
    /// An entry in a district file lists `districts`; it applies to that
    /// district only.
    HotlineLocalDistricts = "hotline/local-districts",
    /// An entry was last verified longer ago than `hotline_max_age_days`.
    /// Call it again and update `verified`.
    HotlineStale = "hotline/stale",
    /// `pinned_hotlines` names a hotline that is in no hotline file, or
    /// (in a district file) one that is not in that district's directory.
    HotlineUnknownPinned = "hotline/unknown-pinned",
    /// `pinned_hotlines` in `site.yaml` names an entry of one district's
    /// file, or an entry a hotline file gives only some districts
    /// (`districts: [ba-dinh]`): it would be shown on every district's pages
    /// and posters, so readers of every other ward would call that ward's
    /// number. Pin it in those districts' files instead (`pinned_hotlines:`
    /// there).
    HotlineLocalPinned = "hotline/local-pinned",
    /// A shelter's entry says where the shelter is: a street address, map
    /// coordinates or a link to a map, in its name, description, hours or
    /// source. A shelter's whereabouts are never published: the person who
    /// hurt someone could find them there. Remove it; readers reach a
    /// shelter through its phone number.
    HotlineShelterAddress = "hotline/shelter-address",
    /// An entry has no `verified` date.
    HotlineUnverified = "hotline/unverified",
    /// A `verified` date is in the future.
    HotlineVerifiedFuture = "hotline/verified-future",

    // ---- Links and pictures ----
    /// A link goes to a `#part` that is not on the target page.
    LinkAnchor = "link/anchor",
    /// A `tel:` link is not a Vietnamese phone number; it was removed.
    LinkBadPhone = "link/bad-phone",
    /// A link goes to no page or file of the campaign.
    LinkBroken = "link/broken",
    /// A link written in a template goes to no file of the built site.
    LinkBrokenOutput = "link/broken-output",
    /// A link goes to a draft, which is not published.
    LinkDraft = "link/draft",
    /// An image from another website was left out: loading it would tell
    /// that website who reads the page.
    LinkExternalImage = "link/external-image",
    /// Something written like a link or a picture is published as plain
    /// text, brackets and all, and the link or the picture is lost: an
    /// address with spaces (write it between `<` and `>`:
    /// `![Ngày hội](<Ảnh ngày hội.jpg>)`, or rename the file without
    /// spaces), a `(` never closed, brackets that do not pair, or a
    /// reference `[text][name]` with no line `[name]: address`.
    LinkAsText = "link/as-text",
    /// A link goes to a page some districts do not have.
    LinkMissingInDistrict = "link/missing-in-district",
    /// A `tel:` link calls a number that is not in the hotline directory.
    LinkUnlistedPhone = "link/unlisted-phone",
    /// A `tel:` or `sms:` link shows one number in its text and calls
    /// another (`[Gọi 113](tel:111)`): a reader in danger taps the number
    /// she reads. Make the text and the number the same.
    LinkPhoneMismatch = "link/phone-mismatch",
    /// A link with a scheme other than web, email or phone was removed.
    LinkUnsafe = "link/unsafe",
    /// A picture cannot be published (unreadable, or a format whose
    /// metadata loa cannot remove), or a file's bytes are a picture under
    /// another name (`photo.pdf` holding a JPEG), which would be published
    /// as it is. Save it again as JPEG or PNG, named `.jpg` or `.png`.
    ImageUnreadable = "image/unreadable",
    /// A picture is still over the size budget after processing. Crop it
    /// or choose a calmer picture.
    ImageOverBudget = "image/over-budget",
    /// A picture is wider than any page ever shows it.
    ImageTooWide = "image/too-wide",

    // ---- Accessibility of the built pages ----
    /// An `id` is used twice on one page.
    A11yDuplicateId = "a11y/duplicate-id",
    /// A button has no text or label.
    A11yEmptyButton = "a11y/empty-button",
    /// A link has no text or label.
    A11yEmptyLink = "a11y/empty-link",
    /// A page has more or fewer than one level-1 heading (the page title).
    A11yH1 = "a11y/h1",
    /// A heading skips a level.
    A11yHeadingOrder = "a11y/heading-order",
    /// An image has no alt text. Describe it: `![what it shows](file.png)`;
    /// a picture that is only decoration is written `![""](file.png)`.
    A11yImageAlt = "a11y/image-alt",
    /// A decorative image is described anyway: its alt text only says
    /// "decoration" (a screen reader reads it aloud), or a raw `<img>` is
    /// marked decorative but has alt text. Write `![""](file.png)` for a
    /// picture that is only decoration, or describe what it shows.
    A11yDecorativeImage = "a11y/decorative-image",
    /// A phrase looks like another language but is not marked with `lang`.
    A11yOtherLanguage = "a11y/other-language",
    /// The template does not say its pages' language.
    A11yPageLang = "a11y/page-lang",
    /// The template gives its pages no `<title>`.
    A11yPageTitle = "a11y/page-title",
    /// A table has no header cells.
    A11yTableHeader = "a11y/table-header",
    /// A link text does not say where it goes ("xem thêm", "here").
    A11yVagueLink = "a11y/vague-link",

    // ---- Output, print and preview ----
    /// Two things would be written to one file of a district's site.
    OutputSamePath = "output/same-path",
    /// Districts have `base_url` but this one has none, so it gets no
    /// printable poster.
    PrintNoBaseUrl = "print/no-base-url",
    /// A district has a `base_url` but no page is marked `leaflet: N` in
    /// front matter, so it gets no printed leaflet. Mark the pages to
    /// print, such as the signs of violence and what a neighbour can do.
    PrintLeafletEmpty = "print/leaflet-empty",
    /// A page marked for the leaflet does not fit on it, so it is left off
    /// whole. Print fewer of its sections with `leaflet_sections: N`, or
    /// mark fewer pages.
    PrintLeafletTooLong = "print/leaflet-too-long",
    /// A district's poster or leaflet cover has no room for all its pinned
    /// numbers: those that do not fit are left off, whole. Pin fewer, or
    /// shorten their names and descriptions.
    PrintNumbersLeftOff = "print/numbers-left-off",
    /// `leaflet_sections` is set on a page not marked `leaflet: N`, so it
    /// does nothing. Add `leaflet:` or remove it.
    PrintLeafletSections = "print/leaflet-sections",
    /// A folder `loa serve` watches was moved or deleted while it ran.
    ServeFolderMissing = "serve/folder-missing",
    /// `loa serve` could not read the campaign.
    ServeUnreadable = "serve/unreadable",
}

impl Code {
    /// The code written as text (`link/broken`), if it is one.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_well_formed_and_explained() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} twice");
            let (area, name) = text.split_once('/').unwrap();
            assert!(!area.is_empty() && !name.is_empty(), "{text}");
            assert!(
                text.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '/' || c == '-'),
                "{text}"
            );
            assert!(code.explain().len() > 20, "{text} has no explanation");
            assert_eq!(Code::parse(text), Some(*code));
        }
        assert_eq!(Code::parse("link/nowhere"), None);
    }

    #[test]
    fn explanations_are_one_paragraph() {
        let text = Code::HotlineStale.explain();
        assert!(text.starts_with("An entry was last verified"), "{text}");
        assert!(
            text.ends_with("days`. Call it again and update `verified`."),
            "{text}"
        );
    }
}
