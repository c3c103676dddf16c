//! Checks of the sources themselves: link texts, heading order and
//! decorative images in the Markdown (with lines), empty pages, duplicate
//! titles, example hotline data, news without a date, missing translations
//! and the translation summary, external links.

use std::collections::{BTreeMap, HashMap};

use super::{Coverage, ExternalLink, TranslationRow};
use crate::codes::Code;
use crate::error::Diagnostic;
use crate::model::PageKind;
use crate::msg;
use crate::project::Project;
use crate::render::RenderedBody;

/// Link texts that say nothing about where the link goes.
const VAGUE: &[&str] = &[
    "click here",
    "here",
    "click",
    "read more",
    "more",
    "link",
    "this",
    "this page",
    "bấm vào đây",
    "bấm đây",
    "nhấn vào đây",
    "nhấp vào đây",
    "xem thêm",
    "tại đây",
    "ở đây",
    "đây",
    "chi tiết",
    "xem tiếp",
    "đọc thêm",
];

pub(super) fn check(project: &Project, findings: &mut Vec<Diagnostic>) {
    missing_base_urls(project, findings);
    for ((source, _lang), body) in &project.bodies {
        let src = &project.site.sources[*source];
        link_texts(&src.file(), body, findings);
        heading_order(&src.file(), body, findings);
        empty_page(project, src, body, findings);
    }
    duplicate_titles(project, findings);
    example_hotlines(project, findings);
    example_pages(project, findings);
    shelter_pages(project, findings);
    unlisted_folders(project, findings);
    undated_news(project, findings);
    dates_and_descriptions(project, findings);
    decorative_images(project, findings);
    untranslated_settings(project, findings);
}

/// A text of `site.yaml` written the same in another language as in the
/// first (`loa init --name` without the English name wrote the Vietnamese
/// title as the English one): readers of that language get it
/// untranslated, with nothing to tell them. Texts without a letter
/// (`24/7`) are the same in every language.
fn untranslated_settings(project: &Project, findings: &mut Vec<Diagnostic>) {
    let config = &project.site.config;
    let default = config.default_lang();
    for (key, text) in [
        ("title", &config.title),
        ("description", &config.description),
        ("unit_label", &config.unit_label),
    ] {
        let Some(original) = text
            .get(default)
            .filter(|t| t.chars().any(char::is_alphabetic))
        else {
            continue;
        };
        for lang in config.languages.iter().filter(|l| *l != default) {
            let Some(same) = text.get(lang).filter(|t| t.trim() == original.trim()) else {
                continue;
            };
            findings.push(
                config.site_file.point_to(
                    Diagnostic::warning(
                        Code::I18nUntranslatedSetting,
                        msg!(
                            "i18n-untranslated-setting",
                            key = key,
                            lang = lang,
                            default = default
                        ),
                    )
                    .help(msg!(
                        "i18n-untranslated-setting-help",
                        key = key,
                        lang = lang,
                        default = default
                    )),
                    same,
                ),
            );
        }
    }
}

/// A decorative image takes `alt=""`, so screen readers skip it. Two ways
/// to get it wrong, both reported with their line: alt text that only says
/// "decoration" (read aloud as such), in Markdown or HTML; and an `<img>`
/// marked as decoration (`role="presentation"`, `role="none"` or
/// `aria-hidden="true"`) whose alt text is not empty, which screen readers
/// handle each their own way. An `<img>` with no alt at all is
/// `a11y/image-alt`, an error.
fn decorative_images(project: &Project, findings: &mut Vec<Diagnostic>) {
    let markdown_help = || msg!("a11y-decorative-markdown-help");
    let html_help = || msg!("a11y-decorative-html-help");
    for ((source, _lang), body) in &project.bodies {
        let file = project.site.sources[*source].file();
        let mut found = Vec::new();
        for (line, alt) in &body.body.decoration_alts {
            found.push((
                *line,
                msg!("a11y-decorative-alt", alt = alt.as_str()),
                markdown_help(),
            ));
        }
        for raw in body.body.raw_tags.iter().filter(|r| r.tag.name == "img") {
            let alt = raw.tag.attr("alt");
            let marked = matches!(raw.tag.attr("role"), Some("presentation" | "none"))
                || raw.tag.attr("aria-hidden") == Some("true");
            let what = match alt {
                Some(a) if crate::render::markdown::says_decoration(a) => {
                    msg!("a11y-decorative-alt", alt = a.trim())
                }
                Some(a) if marked && !a.trim().is_empty() => {
                    msg!("a11y-decorative-marked", alt = a.trim())
                }
                _ => continue,
            };
            found.push((raw.line, what, html_help()));
        }
        for (line, what, help) in found {
            findings.push(
                Diagnostic::warning(Code::A11yDecorativeImage, what)
                    .in_file(&file)
                    .at_line(line)
                    .help(help),
            );
        }
    }
}

/// News without a `date` is left out of the feeds and the yearly archive,
/// and sorts last: almost always a forgotten line. Every source of a news
/// item is checked, district replacements included.
fn undated_news(project: &Project, findings: &mut Vec<Diagnostic>) {
    let site = &project.site;
    let Some(news) = site.news_section() else {
        return;
    };
    let is_item = |id: usize| {
        let page = &site.pages[id];
        page.kind == PageKind::Page && page.parent == Some(news)
    };
    let mut sources: std::collections::BTreeSet<usize> = site
        .pages
        .iter()
        .enumerate()
        .filter(|&(id, _)| is_item(id))
        .flat_map(|(_, page)| page.variants.values().copied())
        .collect();
    for view in &site.districts {
        for entry in view.entries.iter().filter(|e| is_item(e.page)) {
            sources.extend(entry.overrides.values().copied());
        }
    }
    for src in sources.into_iter().map(|id| &site.sources[id]) {
        if src.front.date.is_none() {
            findings.push(
                src.point(
                    Diagnostic::warning(Code::NewsNoDate, msg!("news-no-date"))
                        .help(msg!("news-no-date-help")),
                    &src.front.title,
                ),
            );
        }
    }
}

/// How many days ahead of today a page's `date` may be: a time zone, or a
/// page prepared for publication in a day or two, but no more.
const FUTURE_DAYS: i64 = 3;

/// A date far ahead (`9999-12-31`) keeps a news item at the top of every
/// list and feed, the city's included, for ever; a description of a whole
/// article fills lists and feed readers. Both are reported at their line.
fn dates_and_descriptions(project: &Project, findings: &mut Vec<Diagnostic>) {
    let today = crate::read::values::Date::today().unwrap_or_else(|today| today);
    for src in &project.site.sources {
        if let Some(date) = &src.front.date
            && date.days_since_epoch() > today.days_since_epoch() + FUTURE_DAYS
        {
            findings.push(
                src.point(
                    Diagnostic::warning(
                        Code::PageFutureDate,
                        msg!(
                            "page-future-date",
                            date = date.to_string(),
                            days = FUTURE_DAYS,
                            today = today.to_string()
                        ),
                    )
                    .help(msg!("page-future-date-help")),
                    date,
                ),
            );
        }
        let Some(description) = &src.front.description else {
            continue;
        };
        let long = description.chars().count();
        if long > crate::read::content::MAX_DESCRIPTION {
            findings.push(
                src.point(
                    Diagnostic::warning(
                        Code::PageLongDescription,
                        msg!(
                            "page-long-description",
                            length = long,
                            limit = crate::read::content::MAX_DESCRIPTION
                        ),
                    )
                    .help(msg!("page-long-description-help")),
                    description,
                ),
            );
        }
    }
}

/// A campaign published only from disk (no district has an address)
/// prints no posters and hears nothing of it; in a campaign that has
/// addresses, one district without is most likely an oversight.
fn missing_base_urls(project: &Project, findings: &mut Vec<Diagnostic>) {
    let districts = &project.site.config.districts;
    if !districts.iter().any(|d| d.base_url.is_some()) {
        return;
    }
    for district in districts.iter().filter(|d| d.base_url.is_none()) {
        findings.push(
            Diagnostic::warning(
                Code::PrintNoBaseUrl,
                msg!("print-no-base-url", district = &district.slug),
            )
            .in_file(&district.source.file)
            .help(msg!("print-no-base-url-help")),
        );
    }
}

/// Links without text, and link texts that do not say where they go.
fn link_texts(file: &str, body: &RenderedBody, findings: &mut Vec<Diagnostic>) {
    for link in &body.body.link_texts {
        let text = link.text.trim();
        let normalised = text
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if text.is_empty() {
            findings.push(
                Diagnostic::error(
                    Code::A11yEmptyLink,
                    msg!("a11y-empty-link-markdown", link = &link.dest),
                )
                .in_file(file)
                .at_line(link.line)
                .help(msg!("a11y-empty-link-markdown-help")),
            );
        } else if VAGUE.contains(&normalised.as_str()) {
            findings.push(
                Diagnostic::warning(Code::A11yVagueLink, msg!("a11y-vague-link", text = text))
                    .in_file(file)
                    .at_line(link.line)
                    .help(msg!("a11y-vague-link-help")),
            );
        }
    }
    // Markdown's links and raw HTML's `<a href="tel:…">` alike.
    for link in body
        .body
        .link_texts
        .iter()
        .chain(&body.body.raw_phone_links)
    {
        if let Some((shown, dialled)) = phone_mismatch(&link.dest, link.text.trim()) {
            findings.push(
                Diagnostic::error(
                    Code::LinkPhoneMismatch,
                    msg!("link-phone-mismatch", shown = shown, dialled = dialled),
                )
                .in_file(file)
                .at_line(link.line)
                .help(msg!("link-phone-mismatch-help")),
            );
        }
    }
}

/// A `tel:` or `sms:` link whose text shows a phone number other than the
/// one it calls (`[Gọi 113](tel:111)`): the number shown and the number
/// called. Numbers are compared as dialled (`024 3825 1234` is
/// `02438251234`, `+84 24…` is `024…`); text without a whole Vietnamese
/// number in it (`Gọi ngay`, `24/7`) is not compared, nor a number written
/// with brackets (`(024) 3825 1234`).
fn phone_mismatch(dest: &str, text: &str) -> Option<(String, String)> {
    use crate::read::hotlines::normalise_phone;
    let dest = crate::read::weburl::browser_form(dest);
    let scheme = crate::read::weburl::scheme(&dest)?;
    if !matches!(scheme.as_str(), "tel" | "sms") {
        return None;
    }
    let number = dest[scheme.len() + 1..]
        .split('?')
        .next()
        .unwrap_or_default();
    let number = percent_encoding::percent_decode_str(number).decode_utf8_lossy();
    let dialled = national(&normalise_phone(&number).ok()?);
    // As a reader sees it: full-width digits (`１１３`) read as digits,
    // and a zero-width space inside a number (`1\u{200b}13`) is not seen.
    let text: String = text
        .chars()
        .filter(|&c| !crate::read::names::is_invisible_format(c))
        .map(|c| match c {
            '\u{ff10}'..='\u{ff19}' => char::from(b'0' + (u32::from(c) - 0xff10) as u8),
            c => c,
        })
        .collect();
    // Brackets end a number here: `Gọi 113 (24/7)` shows 113.
    let is_part = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '+' | '\u{a0}');
    text.split(|c: char| !is_part(c))
        .map(|run| run.trim_matches(|c: char| !c.is_ascii_digit() && c != '+'))
        .filter(|run| run.bytes().filter(u8::is_ascii_digit).count() >= 3)
        .find_map(|run| {
            let shown = national(&normalise_phone(run).ok()?);
            (shown != dialled).then(|| (run.to_string(), dialled.clone()))
        })
}

/// A normalised number as dialled inside Vietnam (`+8424…` is `024…`).
fn national(tel: &str) -> String {
    match tel.strip_prefix("+84") {
        Some(rest) => format!("0{rest}"),
        None => tel.to_string(),
    }
}

/// Headings that skip a level (the page title is the level-1 heading above
/// the body).
fn heading_order(file: &str, body: &RenderedBody, findings: &mut Vec<Diagnostic>) {
    let mut previous = (1, msg!("a11y-heading-page-title"));
    for heading in &body.body.headings {
        if heading.level > previous.0 + 1 {
            findings.push(
                Diagnostic::warning(
                    Code::A11yHeadingOrder,
                    msg!(
                        "a11y-heading-order",
                        heading = &heading.text,
                        previous = previous.1.text()
                    ),
                )
                .in_file(file)
                .at_line(heading.line)
                .help(msg!("a11y-heading-order-help")),
            );
        }
        previous = (
            heading.level,
            msg!("a11y-heading-quoted", text = &heading.text),
        );
    }
}

/// A page (not a section, which lists its pages) with a title and no text.
fn empty_page(
    project: &Project,
    src: &crate::read::content::PageSource,
    body: &RenderedBody,
    findings: &mut Vec<Diagnostic>,
) {
    let page_kind = project
        .site
        .pages
        .iter()
        .find(|p| p.logical == src.logical)
        .map_or(PageKind::Page, |p| p.kind);
    if !body.body.has_text && !body.body.had_raw_html && page_kind == PageKind::Page {
        findings.push(
            Diagnostic::warning(Code::PageEmpty, msg!("page-empty"))
                .in_file(src.file())
                .at_line(src.body_line.saturating_sub(1).max(1))
                .help(msg!("page-empty-help")),
        );
    }
}

/// Pages in a folder without `_index.md` are listed in no section and no
/// menu: readers find them only through links.
fn unlisted_folders(project: &Project, findings: &mut Vec<Diagnostic>) {
    let site = &project.site;
    let mut reported = std::collections::HashSet::new();
    for page in &site.pages {
        let Some((dir, _)) = page.logical.rsplit_once('/') else {
            continue;
        };
        if page.kind != PageKind::Page {
            continue;
        }
        let section = page.parent.map(|p| site.pages[p].logical.as_str());
        let expected = format!("{dir}/_index");
        if section == Some(expected.as_str())
            || !reported.insert((page.scope.clone(), dir.to_string()))
        {
            continue;
        }
        let Some(source) = page.original(site.config.default_lang()) else {
            continue;
        };
        findings.push(
            Diagnostic::warning(Code::PageNoSection, msg!("page-no-section", folder = dir))
                .in_file(site.sources[source].file())
                .help(msg!("page-no-section-help", folder = dir)),
        );
    }
}

/// Two pages of one section with the same title confuse readers.
fn duplicate_titles(project: &Project, findings: &mut Vec<Diagnostic>) {
    let site = &project.site;
    let mut seen: HashMap<(Option<String>, Option<usize>, String, String), String> = HashMap::new();
    for page in &site.pages {
        for (lang, &source) in &page.variants {
            let src = &site.sources[source];
            let key = (
                page.scope.clone(),
                page.parent,
                lang.clone(),
                src.front.title.trim().to_lowercase(),
            );
            if let Some(first) = seen.get(&key) {
                findings.push(
                    src.point(
                        Diagnostic::warning(
                            Code::PageDuplicateTitle,
                            msg!(
                                "page-duplicate-title",
                                other = first.to_string(),
                                title = &src.front.title
                            ),
                        )
                        .help(msg!("page-duplicate-title-help")),
                        &src.front.title,
                    ),
                );
            } else {
                seen.insert(key, src.file());
            }
        }
    }
}

/// Pages marked as example content must be checked and rewritten first.
fn example_pages(project: &Project, findings: &mut Vec<Diagnostic>) {
    for src in project.site.sources.iter().filter(|s| *s.front.example) {
        findings.push(
            src.point(
                Diagnostic::warning(Code::PageExample, msg!("page-example"))
                    .help(msg!("page-example-help")),
                &src.front.example,
            ),
        );
    }
}

/// A page about a shelter (`model: shelter`, its translations and its
/// districts' versions) never says where the shelter is: no address, map
/// coordinates or map link in its title, description or text, each at
/// its line.
fn shelter_pages(project: &Project, findings: &mut Vec<Diagnostic>) {
    use crate::read::whereabouts::whereabouts;
    let sources = &project.site.sources;
    let shelters: std::collections::HashSet<&str> = sources
        .iter()
        .filter(|s| s.front.model == Some(crate::read::values::ModelKind::Shelter))
        .map(|s| s.logical.as_str())
        .collect();
    let finding = |found: &str| {
        Diagnostic::error(
            Code::PageShelterAddress,
            msg!("page-shelter-address", found = found),
        )
        .help(msg!("page-shelter-address-help"))
    };
    for src in sources
        .iter()
        .filter(|s| shelters.contains(s.logical.as_str()))
    {
        let front = [Some(&src.front.title), src.front.description.as_ref()];
        for text in front.into_iter().flatten() {
            if let Some(found) = whereabouts(text) {
                findings.push(src.point(finding(found), text));
            }
        }
        for (i, line) in src.body.lines().enumerate() {
            if let Some(found) = whereabouts(line) {
                findings.push(
                    finding(found)
                        .in_file(src.file())
                        .at_line(src.body_line + i),
                );
            }
        }
    }
}

/// Placeholder contacts must be verified before publishing.
fn example_hotlines(project: &Project, findings: &mut Vec<Diagnostic>) {
    let site = &project.site;
    for h in site.hotlines.entries.iter().filter(|h| h.example) {
        let at = h.origin.example_at;
        findings.push(
            Diagnostic::warning(
                Code::HotlineExample,
                msg!("hotline-example", id = &h.id, phone = &h.phone),
            )
            .in_file(&h.origin.file)
            .at_opt(at)
            .help(msg!("hotline-example-help")),
        );
    }
}

/// Missing translations (warnings) and the per-section summary.
pub(super) fn translations(
    project: &Project,
    findings: &mut Vec<Diagnostic>,
) -> Vec<TranslationRow> {
    let site = &project.site;
    let config = &site.config;
    let languages = &config.languages;
    let mut rows: BTreeMap<(String, Option<String>), Vec<Coverage>> = BTreeMap::new();
    for page in &site.pages {
        if page.variants.is_empty() {
            continue; // made by loa (a missing home or directory page)
        }
        let section = match page.kind {
            PageKind::Section | PageKind::Home => page.path.clone(),
            PageKind::Page => page
                .parent
                .map_or(String::new(), |p| site.pages[p].path.clone()),
        };
        let counts = rows
            .entry((section, page.scope.clone()))
            .or_insert_with(|| {
                vec![
                    Coverage {
                        translated: 0,
                        total: 0
                    };
                    languages.len()
                ]
            });
        let original = page
            .variants
            .get(config.default_lang())
            .or_else(|| page.variants.values().next());
        for (i, lang) in languages.iter().enumerate() {
            counts[i].total += 1;
            if page.variants.contains_key(lang) {
                counts[i].translated += 1;
            } else if let Some(draft) = site.draft_translation(page, lang) {
                // Written, but held back: say so, not "translate it".
                findings.push(
                    draft.point(
                        Diagnostic::warning(
                            Code::I18nMissingTranslation,
                            msg!(
                                "i18n-translation-draft",
                                lang = lang,
                                default = config.default_lang()
                            ),
                        )
                        .help(msg!("i18n-translation-draft-help")),
                        &draft.front.draft,
                    ),
                );
            } else if let Some(&source) = original {
                let src = &site.sources[source];
                findings.push(
                    Diagnostic::warning(
                        Code::I18nMissingTranslation,
                        msg!("i18n-missing-translation", lang = lang, default = &src.lang),
                    )
                    .in_file(src.file())
                    .help(msg!(
                        "i18n-missing-translation-help",
                        file = translation_name(&src.rel, lang, config.default_lang())
                    )),
                );
            }
        }
    }
    partial_overrides(project, findings);
    rows.into_iter()
        .map(|((section, district), counts)| TranslationRow {
            section,
            district,
            languages: languages.iter().cloned().zip(counts).collect(),
        })
        .collect()
}

/// A district's replacement of a shared page in one language but not the
/// others: readers of those see the shared page there.
fn partial_overrides(project: &Project, findings: &mut Vec<Diagnostic>) {
    let site = &project.site;
    let config = &site.config;
    for view in &site.districts {
        let slug = &site.district(view).slug;
        for entry in view.entries.iter().filter(|e| !e.overrides.is_empty()) {
            let page = &site.pages[entry.page];
            let (_, &source) = entry.overrides.iter().next().expect("not empty");
            let src = &site.sources[source];
            for lang in &config.languages {
                if entry.overrides.contains_key(lang) || !page.variants.contains_key(lang) {
                    continue;
                }
                findings.push(
                    Diagnostic::warning(
                        Code::I18nPartialOverride,
                        msg!("i18n-partial-override", district = slug, lang = lang),
                    )
                    .in_file(src.file())
                    .help(msg!(
                        "i18n-partial-override-help",
                        file = translation_name(&src.rel, lang, config.default_lang())
                    )),
                );
            }
        }
    }
}

fn translation_name(rel: &str, lang: &str, default: &str) -> String {
    let base = rel.strip_suffix(".md").unwrap_or(rel);
    let base = base
        .rsplit_once('.')
        .filter(|(_, suffix)| suffix.len() <= 3 && suffix.bytes().all(|b| b.is_ascii_lowercase()))
        .map_or(base, |(b, _)| b);
    if lang == default {
        format!("content/{base}.md")
    } else {
        format!("content/{base}.{lang}.md")
    }
}

/// Links to other websites, for `--list-external`.
pub(super) fn external_links(project: &Project) -> Vec<ExternalLink> {
    let site = &project.site;
    let mut list: Vec<ExternalLink> = project
        .bodies
        .iter()
        .flat_map(|((source, _), body)| {
            body.links
                .iter()
                .filter(|l| l.target.is_none() && l.problem.is_none())
                .filter(|l| {
                    let lower = l.written.to_ascii_lowercase();
                    lower.starts_with("http://")
                        || lower.starts_with("https://")
                        || lower.starts_with("//")
                })
                .map(move |l| ExternalLink {
                    url: l.written.clone(),
                    file: site.sources[*source].file(),
                    line: l.line,
                })
                .chain(body.body.raw_links.iter().map(move |url| ExternalLink {
                    url: url.clone(),
                    file: site.sources[*source].file(),
                    line: body.body.raw_html_line,
                }))
        })
        .collect();
    list.sort_by(|a, b| (&a.file, a.line, &a.url).cmp(&(&b.file, b.line, &b.url)));
    list.dedup();
    list
}

#[cfg(test)]
mod tests {
    use super::phone_mismatch;

    #[test]
    fn a_phone_link_showing_another_number_is_found() {
        let mismatch = |dest: &str, text: &str| phone_mismatch(dest, text);
        for (dest, text, shown, dialled) in [
            ("tel:111", "Gọi 113", "113", "111"),
            ("sms:113?body=x", "nhắn 111.", "111", "113"),
            (
                "tel:0912345678",
                "024 3825 1234",
                "024 3825 1234",
                "0912345678",
            ),
            ("tel:111", "Gọi \u{ff11}\u{ff11}\u{ff13}", "113", "111"),
            ("tel:111", "Gọi 1\u{200b}13", "113", "111"),
        ] {
            assert_eq!(
                mismatch(dest, text),
                Some((shown.into(), dialled.into())),
                "{dest} {text}"
            );
        }
        for (dest, text) in [
            ("tel:111", "Gọi 111 (miễn phí, 24/7)"),
            ("tel:111", "Gọi ngay"),
            ("tel:02438251234", "024.3825.1234"),
            ("tel:+842438251234", "024 3825 1234"),
            ("tel:02438251234", "+84 24 3825 1234"),
            ("tel:%2B842438251234", "024 3825 1234"),
            ("tel:02438251234", "(024) 3825 1234"),
            ("https://example.org/", "113"),
            ("tel:not-a-number", "113"),
            ("tel:111", "năm 2026"),
        ] {
            assert_eq!(mismatch(dest, text), None, "{dest} {text}");
        }
    }
}
