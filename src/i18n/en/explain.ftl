# What each finding code means and what to do (`loa check --explain CODE`).


## Files and names (source, content walk)
explain-content-file-name = A file or folder in `content/` has a name that is unsafe on some computer or web server: a backslash, a control or invisible character, one of `< > : " | ? *`, a trailing dot or space, or a name Windows reserves (`con`, `nul`, `com1`…). It is not read. Rename it as the message suggests.
explain-content-name-clash = Two names in one folder differ only by upper and lower case, or by how their accents are encoded: on Windows and macOS they are one file. Rename one of them.
explain-content-ignored-file = A file in `content/` that loa does not use (for example a YAML file outside `districts/` and `hotlines/`). Move or delete it.
explain-content-markdown-name = A page's file ends in `.MD`, `.markdown` or another spelling of Markdown: loa reads pages only from names ending in `.md`, in lowercase (the name other pages link to, and the one `loa new` and the desk write), so the page would not be published. Rename the file as the message says.
explain-content-language-folder = A top-level folder has the name of a language (`en/`): its pages would mix with the addresses of that language's site. Rename it.
explain-content-not-utf8 = A text file is not UTF-8, so its letters cannot be read. Save it again as UTF-8 in your editor.
explain-content-symlink-outside = A symbolic link leads outside the campaign folder; it is not followed. Copy the file into the campaign instead.
explain-content-yaml-too-large = A YAML file (`site.yaml`, a district's file, a hotline list) is over 1 MB. A district's file is a few kilobytes; a file this large is a mistake or an attack, and reading it would take minutes and gigabytes. Split a long hotline list into several files under `content/hotlines/`.
explain-content-unreadable = A file or folder could not be read (permissions, or it vanished).
explain-content-unsafe-file = A file that could run scripts in a reader's browser (`.html`, `.svg`, `.js`…) is not published. Write the page in Markdown, or convert the drawing to PNG.
explain-content-unsafe-html = Raw HTML in a page had scripts, event handlers, styles or other dangerous parts; they were removed. Write the page in Markdown.
explain-content-control-character = Text contains an invisible control character (often pasted from another program). Delete and retype the text around it.
explain-asset-metadata = A document (PDF, Word, spreadsheet, slides) or a recording (audio, video) is published byte for byte, with the metadata loa cannot remove: its author, the computer or phone that made it, dates, and for phone videos and photos inside documents, where they were made. Remove it before adding the file: export the PDF again with the author removed, clear the document's properties, or run `exiftool -all= file` on a recording.

## YAML
explain-yaml-syntax = The YAML cannot be read: indentation, a missing quote, a tab. The position shows where reading stopped.
explain-yaml-unknown-key = A key loa does not know, usually a typo; the message suggests the closest known key.
explain-yaml-unknown-value = A value that is not one of the allowed words; the message lists them.
explain-yaml-wrong-type = A value of the wrong kind, such as a list where text is needed, or an empty value.
explain-yaml-missing-key = A required key is missing.
explain-yaml-duplicate-key = The same key is written twice in one place; keep one.
explain-yaml-invalid-value = A value has the right kind but an impossible content, such as a date that does not exist.
explain-yaml-control-character = A YAML value contains an invisible control character. Retype it.

## Campaign settings
explain-config-bad-slug = A district file name cannot be a web address part, or is a language code. Rename the file to lowercase letters, digits and hyphens.
explain-config-district-twice = Two files in `content/districts/` are the same district (`ba-dinh.yaml` and `ba-dinh.yml`): both would be built into the one folder `ba-dinh/`, each build a different one, and the district's hotline page would list the numbers of both. Delete or rename one of them.
explain-config-base-url = `base_url` is not a plain `https://` web address.
explain-config-base-url-not-allowed = A district's `base_url` is on a host that is not one of the campaign's own. District files come from ward staff, but the address goes on the printed posters' and leaflets' QR codes, into canonical links, share cards and feeds: so it must be under a web address listed in `deploy_allowed:` in `site.yaml` (the same scheme, host and port; an entry that is a whole site, such as `https://hanoi.gov.vn/`, also allows every name under it, such as `https://ba-dinh.hanoi.gov.vn/`). Hosts are compared as browsers read them, whatever their case, final dot or spelling. If the address is right, the city's team adds it there.
explain-config-color = A colour is not a `#rrggbb` code.
explain-config-color-contrast = White text on the chosen colour would be too faint to read (below 4.5:1). Choose a darker colour.
explain-config-cover-tracks = `cover_tracks` names a page the campaign does not have.
explain-config-deploy = A district's `deploy` target or endpoint is not something loa can publish to.
explain-config-deploy-not-allowed = A district's deploy target, endpoint or purge webhook is not in `deploy_allowed:` in `site.yaml`. District files come from ward staff, but a deploy sends the operator's credentials and, with `file://`, writes on the operator's machine, so the campaign's own `site.yaml` lists every place a district may publish to. If the place is right, add it there (an entry ending in `/` allows everything under it).
explain-config-images = The `images` settings (widths, budget) are out of range.
explain-config-language = A language code in `languages` is not a code, or is listed twice.
explain-config-logo = `logo` names a file that is not in `content/`.
explain-config-share-image = `share_image` names no picture in `content/` that loa can publish (another website's address, a path outside the campaign, a file that is not a JPEG, PNG, WebP or GIF). Share cards would go without a picture.
explain-config-news-page-size = `news_page_size` is below 1.
explain-config-no-districts = The campaign has no district files in `content/districts/`.
explain-config-quick-exit = `quick_exit_url` is not a full web address.
explain-config-source-date = `SOURCE_DATE_EPOCH` is set but is not a number of seconds.
explain-config-theme = `theme` is not a folder name under `themes/`.
explain-district-unknown = A page, hotline or command names a district that has no file in `content/districts/`.

## Theme
explain-theme-file-name = A file in the theme has an unsafe name (see `content/file-name`).
explain-theme-missing = The campaign's `theme` has no folder under `themes/`.
explain-theme-symlink-outside = A symbolic link in the theme leads outside the theme folder.
explain-theme-picture = A photo or other raster picture in the theme's `static/` folder. Theme files are published as they are, and a picture carries what its camera or editor wrote into it: the place it was taken, the device, the author. Put pictures in `content/`, where loa decodes and re-encodes them without any of that, or draw the logo as SVG.
explain-theme-external-request = A template, style sheet or SVG drawing of the campaign's theme loads a file from another website (web fonts, a script, a picture, a style sheet, `@import` or `url(…)` in CSS, a form sent there). Every reader's browser would ask that website for it, telling it who reads the campaign and when. Copy the file into the theme's `static/` folder and link it from there, or remove it.
explain-template-error = A template failed: the message names the template file and line.

## Languages
explain-i18n-missing-file = A language of the campaign has no interface strings file.
explain-i18n-missing-key = A template uses an interface string that a language does not have.
explain-i18n-missing-text = A setting has no text in one of the campaign's languages.
explain-i18n-missing-translation = A page has no version in a language yet; readers of that language see it in another one.
explain-i18n-partial-override = A district replaces a shared page in one language but not in another, so readers of the other language see the shared page.
explain-i18n-untranslated-setting = A text of `site.yaml` (the title, the description, the unit's name) is written the same in another language as in the first, so that language's readers see it untranslated (`loa init --name` gives the first language's name only). Translate it.
explain-i18n-unknown-language = A setting has text in a language the campaign does not have.

## Pages
explain-page-bad-slug = A page's file name or `slug` cannot be used in a web address.
explain-page-duplicate-language = Two files are the same page in the same language.
explain-page-duplicate-title = Two pages of one section have the same title; readers cannot tell them apart in a list.
explain-page-empty = A page has a title but no text.
explain-page-empty-title = A page's title is empty.
explain-page-example = A page is marked `example: true`: its local details are not checked yet. It fails `check --strict` until someone checks them and removes the mark.
explain-page-shelter-address = A page about a shelter (`model: shelter`, its translations and its districts' versions) says where the shelter is: a street address, map coordinates or a link to a map. A shelter's whereabouts are never published: the person who hurt someone could find them there. Remove it; readers reach a shelter through a phone number or a trusted contact.
explain-page-front-matter = The front matter (between the `---` lines) is not closed or not readable.
explain-page-no-section = A folder of pages has no `_index.md`, so its pages are in no list or menu.
explain-page-override-slug = A district's replacement of a shared page sets its own `slug`; it must keep the shared page's address.
explain-page-same-address = Two files produce the same web address.
explain-page-section-slug = A section's `_index.md` sets `slug`; a section's address comes from its folder.
explain-page-slug-mismatch = Translations of one page set different `slug`s; they share one address.
explain-page-too-deep = Lists, quotes or HTML nested too deeply, or an HTML tag with too many attributes, cannot be read safely.
explain-page-unknown-language = The language in a page's file name is not one of the campaign's (or is not lowercase).
explain-page-unknown-template = A page's `template` is not a page template of the theme.
explain-page-too-large = A Markdown page is over 2 MB. Nobody reads that much on a phone, it would take minutes to load on a weak network, and rendering it would take many times its size in memory. Split it into pages.
explain-page-future-date = A page's `date` is more than three days ahead of today. News is listed newest first, so a news item dated `9999-12-31` would stay at the top of its district's list and feed, and of the city's feed, for ever. Write the day it is published; `--strict` refuses it.
explain-page-table-cells = A page's tables have rows with far fewer cells than their header (a header of hundreds of columns over rows of one cell): every missing cell would be filled in, millions of them, taking minutes and gigabytes to build. The page is not read. Give every row as many cells as its header.
explain-page-long-description = A page's `description` is over 300 characters. It is shown in lists, by search engines and in news feeds, which cut it; say in one or two sentences what the page is about.
explain-news-no-date = A news item has no `date`, so it is left out of the feeds and the yearly archive. Add `date: YYYY-MM-DD`.

## Hotlines
explain-hotline-bad-id = A hotline `id` is not a slug.
explain-hotline-bad-phone = A phone number is not a Vietnamese phone number.
explain-hotline-duplicate-id = Two hotline entries share an `id`.
explain-hotline-example = An entry is example data, not a checked number. It fails `check --strict` until someone calls it and marks it verified.
explain-hotline-example-pinned = A pinned hotline is example data: it is left off the printed posters and leaflets.
explain-hotline-example-real-number = An example entry's number could ring a real person. Use a placeholder such as `024 0000 0xxx`.
explain-hotline-example-verified = An example entry has a `verified` date, so it would look checked.
explain-hotline-local-districts = An entry in a district file lists `districts`; it applies to that district only.
explain-hotline-stale = An entry was last verified longer ago than `hotline_max_age_days`. Call it again and update `verified`.
explain-hotline-unknown-pinned = `pinned_hotlines` names a hotline that is in no hotline file, or (in a district file) one that is not in that district's directory.
explain-hotline-local-pinned = `pinned_hotlines` in `site.yaml` names an entry of one district's file, or an entry a hotline file gives only some districts (`districts: [ba-dinh]`): it would be shown on every district's pages and posters, so readers of every other ward would call that ward's number. Pin it in those districts' files instead (`pinned_hotlines:` there).
explain-hotline-shelter-address = A shelter's entry says where the shelter is: a street address, map coordinates or a link to a map, in its name, description, hours or source. A shelter's whereabouts are never published: the person who hurt someone could find them there. Remove it; readers reach a shelter through its phone number.
explain-hotline-unverified = An entry has no `verified` date.
explain-hotline-verified-future = A `verified` date is in the future.

## Links and pictures
explain-link-anchor = A link goes to a `#part` that is not on the target page.
explain-link-bad-phone = A `tel:` link is not a Vietnamese phone number; it was removed.
explain-link-broken = A link goes to no page or file of the campaign.
explain-link-broken-output = A link written in a template goes to no file of the built site.
explain-link-draft = A link goes to a draft, which is not published.
explain-link-external-image = An image from another website was left out: loading it would tell that website who reads the page.
explain-link-as-text = Something written like a link or a picture is published as plain text, brackets and all, and the link or the picture is lost: an address with spaces (write it between `<` and `>`: `![Ngày hội](<Ảnh ngày hội.jpg>)`, or rename the file without spaces), a `(` never closed, brackets that do not pair, or a reference `[text][name]` with no line `[name]: address`.
explain-link-missing-in-district = A link goes to a page some districts do not have.
explain-link-unlisted-phone = A `tel:` link calls a number that is not in the hotline directory.
explain-link-phone-mismatch = A `tel:` or `sms:` link shows one number in its text and calls another (`[Gọi 113](tel:111)`): a reader in danger taps the number she reads. Make the text and the number the same.
explain-link-unsafe = A link with a scheme other than web, email or phone was removed.
explain-image-unreadable = A picture cannot be published (unreadable, or a format whose metadata loa cannot remove), or a file's bytes are a picture under another name (`photo.pdf` holding a JPEG), which would be published as it is. Save it again as JPEG or PNG, named `.jpg` or `.png`.
explain-image-over-budget = A picture is still over the size budget after processing. Crop it or choose a calmer picture.
explain-image-too-wide = A picture is wider than any page ever shows it.

## Accessibility of the built pages
explain-a11y-duplicate-id = An `id` is used twice on one page.
explain-a11y-empty-button = A button has no text or label.
explain-a11y-empty-link = A link has no text or label.
explain-a11y-h1 = A page has more or fewer than one level-1 heading (the page title).
explain-a11y-heading-order = A heading skips a level.
explain-a11y-image-alt = An image has no alt text. Describe it: `![what it shows](file.png)`; a picture that is only decoration is written `![""](file.png)`.
explain-a11y-decorative-image = A decorative image is described anyway: its alt text only says "decoration" (a screen reader reads it aloud), or a raw `<img>` is marked decorative but has alt text. Write `![""](file.png)` for a picture that is only decoration, or describe what it shows.
explain-a11y-other-language = A phrase looks like another language but is not marked with `lang`.
explain-a11y-page-lang = The template does not say its pages' language.
explain-a11y-page-title = The template gives its pages no `<title>`.
explain-a11y-table-header = A table has no header cells.
explain-a11y-vague-link = A link text does not say where it goes ("xem thêm", "here").

## Output, print and preview
explain-output-same-path = Two things would be written to one file of a district's site.
explain-print-no-base-url = Districts have `base_url` but this one has none, so it gets no printable poster.
explain-print-leaflet-empty = A district has a `base_url` but no page is marked `leaflet: N` in front matter, so it gets no printed leaflet. Mark the pages to print, such as the signs of violence and what a neighbour can do.
explain-print-leaflet-too-long = A page marked for the leaflet does not fit on it, so it is left off whole. Print fewer of its sections with `leaflet_sections: N`, or mark fewer pages.
explain-print-numbers-left-off = A district's poster or the cover of its leaflet has no room for all its pinned numbers, so those that do not fit are left off it, whole: a number is never cut in half or pushed onto a second page. Pin fewer numbers, or shorten their names and descriptions; every number stays on the site's hotline page.
explain-print-leaflet-sections = `leaflet_sections` is set on a page not marked `leaflet: N`, so it does nothing. Add `leaflet:` or remove it.
explain-serve-folder-missing = A folder `loa serve` watches was moved or deleted while it ran.
explain-serve-unreadable = `loa serve` could not read the campaign.
