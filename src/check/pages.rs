//! Checks of the pages as readers get them: every page of every district
//! and language is rendered in memory and parsed. One `h1`, a title and a
//! language, unique ids, alt text, header cells, named links and buttons,
//! text in the other language marked with `lang`, anchors that exist, and
//! links of the theme that resolve.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use scraper::{ElementRef, Html, Node, Selector};

use crate::engine::{self, Content, Job};
use crate::error::Diagnostic;
use crate::model::urls::{normalize, page_file};
use crate::model::{DistrictView, Site, SourceId, Target};
use crate::project::Project;
use crate::render::Bodies;

struct Selectors {
    h1: Selector,
    title: Selector,
    id: Selector,
    img: Selector,
    table: Selector,
    th: Selector,
    links: Selector,
    buttons: Selector,
    body: Selector,
    html: Selector,
}

impl Selectors {
    fn new() -> Self {
        let s = |css: &str| Selector::parse(css).expect("a valid selector");
        Selectors {
            h1: s("h1"),
            title: s("head > title"),
            id: s("[id]"),
            img: s("img"),
            table: s("table"),
            th: s("th"),
            links: s("a[href], link[href], script[src], img[src]"),
            buttons: s("button, [role=button]"),
            body: s("body"),
            html: s("html"),
        }
    }
}

/// One rendered page and where it came from.
struct Rendered {
    had_raw_html: bool,
    path: String,
    lang: String,
    source: Option<SourceId>,
    html: Html,
}

pub(super) fn check(project: &Project, findings: &mut Vec<Diagnostic>) {
    let site = &project.site;
    let results: Vec<Vec<Diagnostic>> = site
        .districts
        .par_iter()
        .map(|view| district(project, view))
        .collect();
    findings.extend(results.into_iter().flatten());
}

fn district(project: &Project, view: &DistrictView) -> Vec<Diagnostic> {
    let Project { site, bodies, .. } = project;
    let engine = engine::District::new(project, view);
    let plan = engine.plan();
    let mut findings = plan.problems.clone();
    let rendered: Vec<Rendered> = plan
        .files
        .iter()
        .filter(|(_, job)| matches!(job, Job::Page { .. }))
        .filter_map(|(path, job)| {
            let Job::Page { lang: l, .. } = job else {
                return None;
            };
            let lang = &site.config.languages[*l];
            let source = engine.source(job);
            match engine.produce(job) {
                Ok(Content::Bytes(bytes)) => Some(Rendered {
                    had_raw_html: source
                        .and_then(|s| bodies.get(&(s, lang.clone())))
                        .is_some_and(|b| b.body.had_raw_html),
                    path: path.clone(),
                    lang: lang.clone(),
                    source,
                    html: Html::parse_document(&String::from_utf8_lossy(&bytes)),
                }),
                Ok(Content::Copy(_)) => None,
                Err(d) => {
                    findings.push(d);
                    None
                }
            }
        })
        .collect();
    let sel = Selectors::new();
    let ids: HashMap<&str, HashSet<String>> = rendered
        .iter()
        .map(|r| {
            let set = r
                .html
                .select(&sel.id)
                .filter_map(|e| e.value().attr("id").map(str::to_string))
                .collect();
            (r.path.as_str(), set)
        })
        .collect();
    for page in &rendered {
        let file = page
            .source
            .map_or_else(|| format!("/{}", page.path), |s| site.sources[s].file());
        structure(site, page, &file, &sel, &mut findings);
        theme_links(site, view, page, &file, &plan.files, &sel, &mut findings);
        if let Some(source) = page.source {
            anchors(site, bodies, source, page, &ids, &mut findings);
            other_language(site, source, page, &sel, &mut findings);
        }
    }
    findings
}

/// One `h1`, a title, a language, unique ids, alt text, header cells,
/// named links and buttons.
fn structure(
    site: &Site,
    page: &Rendered,
    file: &str,
    sel: &Selectors,
    findings: &mut Vec<Diagnostic>,
) {
    let html = &page.html;
    let at_page = |d: Diagnostic| d.in_file(file);
    let h1 = html.select(&sel.h1).count();
    if h1 != 1 {
        findings.push(at_page(
            Diagnostic::error("a11y/h1", format!("the page /{} has {h1} level-1 headings instead of one", page.path))
                .help("the page title is the only level-1 heading: check the template, and start the text's headings with ##"),
        ));
    }
    if html
        .select(&sel.title)
        .next()
        .is_none_or(|t| t.text().collect::<String>().trim().is_empty())
    {
        findings.push(at_page(
            Diagnostic::error(
                "a11y/page-title",
                format!("the page /{} has no <title>", page.path),
            )
            .help("the template must fill <title>, e.g. with {{ page.title }}"),
        ));
    }
    if html
        .select(&sel.html)
        .next()
        .and_then(|e| e.value().attr("lang"))
        .is_none_or(str::is_empty)
    {
        findings.push(at_page(
            Diagnostic::error(
                "a11y/page-lang",
                format!("the page /{} does not say its language", page.path),
            )
            .help("the template's <html> needs lang=\"{{ lang }}\""),
        ));
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for e in html.select(&sel.id) {
        let id = e.value().attr("id").unwrap_or_default();
        *seen.entry(id).or_default() += 1;
    }
    let mut duplicates: Vec<&str> = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id)
        .collect();
    duplicates.sort_unstable();
    for id in duplicates {
        let heading = page.source.and_then(|s| {
            let src = &site.sources[s];
            src.body
                .lines()
                .position(|l| l.trim_start().starts_with('#') && crate::slug::slugify(l) == id)
                .map(|i| i + src.body_line)
        });
        let d = Diagnostic::error("a11y/duplicate-id", format!("the id `{id}` is used twice on the page /{}", page.path))
            .help("a heading's id comes from its text; give it another with {#other-id} after the heading");
        findings.push(match heading {
            Some(line) => d.in_file(file).at_line(line),
            None => d.in_file(file),
        });
    }
    for img in html.select(&sel.img) {
        if img.value().attr("alt").is_none() {
            let src = img.value().attr("src").unwrap_or_default();
            findings.push(at_page(
                Diagnostic::error("a11y/image-alt", format!("the image `{src}` has no alt attribute"))
                    .help("describe it with alt=\"…\"; a purely decorative image takes alt=\"\" on purpose"),
            ));
        }
    }
    for table in html.select(&sel.table) {
        if table.select(&sel.th).next().is_none() {
            findings.push(at_page(
                Diagnostic::warning("a11y/table-header", "a table has no header cells")
                    .help("give the table a header row; in Markdown the first row above |---| is the header"),
            ));
        }
    }
    for link in html.select(&sel.links).filter(|e| e.value().name() == "a") {
        if in_prose(link) && !page.had_raw_html {
            continue; // Markdown links are checked with their lines
        }
        if accessible_name(link).is_empty() {
            let href = link.value().attr("href").unwrap_or_default();
            findings.push(at_page(
                Diagnostic::error(
                    "a11y/empty-link",
                    format!("a link to `{href}` on /{} has no text", page.path),
                )
                .help("give the link visible text, or an aria-label"),
            ));
        }
    }
    for button in html.select(&sel.buttons) {
        if accessible_name(button).is_empty() {
            findings.push(at_page(
                Diagnostic::error(
                    "a11y/empty-button",
                    format!("a button on /{} has no text", page.path),
                )
                .help("give the button visible text, or an aria-label"),
            ));
        }
    }
}

fn in_prose(element: ElementRef<'_>) -> bool {
    element.ancestors().filter_map(ElementRef::wrap).any(|a| {
        a.value()
            .has_class("prose", scraper::CaseSensitivity::CaseSensitive)
    })
}

fn accessible_name(element: ElementRef<'_>) -> String {
    if let Some(label) = element.value().attr("aria-label") {
        return label.trim().to_string();
    }
    let mut name: String = element.text().collect();
    for img in element
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "img")
    {
        name.push_str(img.value().attr("alt").unwrap_or_default());
    }
    name.trim().to_string()
}

/// Links the theme writes (the Markdown's are checked with their lines)
/// must lead to a file of the district.
fn theme_links(
    site: &Site,
    view: &DistrictView,
    page: &Rendered,
    file: &str,
    files: &std::collections::BTreeMap<String, Job>,
    sel: &Selectors,
    findings: &mut Vec<Diagnostic>,
) {
    let dir = page.path.rsplit_once('/').map_or("", |(d, _)| d);
    for element in page.html.select(&sel.links) {
        if in_prose(element) {
            continue;
        }
        let value = element.value();
        let Some(href) = value.attr("href").or_else(|| value.attr("src")) else {
            continue;
        };
        if href.is_empty() || href.starts_with('#') || href.contains(':') || href.starts_with("//")
        {
            continue;
        }
        let path = href.split(['#', '?']).next().unwrap_or_default();
        let Some(mut target) = normalize(dir, &crate::model::urls::decode_path(path)) else {
            findings.push(link_error(file, href, page, site, view));
            continue;
        };
        if target.is_empty() || target.ends_with('/') {
            target = page_file(&target);
        }
        if !files.contains_key(&target) {
            findings.push(link_error(file, href, page, site, view));
        }
    }
}

fn link_error(
    file: &str,
    href: &str,
    page: &Rendered,
    site: &Site,
    view: &DistrictView,
) -> Diagnostic {
    Diagnostic::error(
        "link/broken-output",
        format!(
            "the page /{} (district {}) links to `{href}`, which is not in the site",
            page.path,
            site.district(view).slug
        ),
    )
    .in_file(file)
    .help("the link comes from the theme's templates: check the paths there (write {{ root }}{{ … }})")
}

/// `#anchors` written in the Markdown must exist on the page they point to.
fn anchors(
    site: &Site,
    bodies: &Bodies,
    source: SourceId,
    page: &Rendered,
    ids: &HashMap<&str, HashSet<String>>,
    findings: &mut Vec<Diagnostic>,
) {
    let Some(body) = bodies.get(&(source, page.lang.clone())) else {
        return;
    };
    let src = &site.sources[source];
    let config = &site.config;
    for link in &body.links {
        let Some(fragment) = link.fragment.as_deref().filter(|f| !f.is_empty()) else {
            continue;
        };
        let target_file = match &link.target {
            None if link.written.starts_with('#') => page.path.clone(),
            Some(Target::Page { path, lang }) => {
                format!("{}{}", config.lang_prefix(lang), page_file(path))
            }
            _ => continue,
        };
        let Some(target_ids) = ids.get(target_file.as_str()) else {
            continue;
        };
        if !target_ids.contains(fragment) {
            let mut known: Vec<&str> = target_ids.iter().map(String::as_str).collect();
            known.sort_unstable();
            let hint = crate::error::did_you_mean(fragment, known.iter().copied()).map_or_else(
                || {
                    "link to a heading's id: its text in lowercase without accents, with hyphens"
                        .to_string()
                },
                |c| format!("did you mean `#{c}`?"),
            );
            findings.push(
                Diagnostic::warning(
                    "link/anchor",
                    format!(
                        "the link `{}` goes to `#{fragment}`, which is not on /{target_file}",
                        link.written
                    ),
                )
                .in_file(src.file())
                .at_line(link.line)
                .help(hint),
            );
        }
    }
}

/// Vietnamese letters that English never uses.
fn is_vietnamese_word(word: &str) -> bool {
    word.chars().any(|c| {
        "ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
            .contains(c)
    })
}

const ENGLISH_WORDS: &[&str] = &[
    "the", "and", "of", "to", "for", "is", "with", "you", "your", "this", "that", "are", "in",
    "on", "it", "not",
];

/// A phrase in the other language needs `lang` (names are fine): three
/// Vietnamese words in a row on an English page, or an English phrase with
/// two common English words on a Vietnamese page.
fn foreign_phrase(text: &str, page_lang: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if page_lang == "vi" {
        let mut run: Vec<&str> = Vec::new();
        for word in words.iter().chain(std::iter::once(&"·")) {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            if !bare.is_empty() && bare.is_ascii() && bare.chars().all(char::is_alphabetic) {
                run.push(word);
                continue;
            }
            let common = run
                .iter()
                .filter(|w| {
                    ENGLISH_WORDS.contains(
                        &w.trim_matches(|c: char| !c.is_alphanumeric())
                            .to_lowercase()
                            .as_str(),
                    )
                })
                .count();
            if run.len() >= 4 && common >= 2 {
                return Some(trim_phrase(&run.join(" ")));
            }
            run.clear();
        }
        None
    } else {
        let mut run: Vec<&str> = Vec::new();
        for word in words.iter().chain(std::iter::once(&"")) {
            if !word.is_empty() && is_vietnamese_word(word) {
                run.push(word);
                continue;
            }
            if run.len() >= 3 {
                return Some(trim_phrase(&run.join(" ")));
            }
            run.clear();
        }
        None
    }
}

fn trim_phrase(phrase: &str) -> String {
    phrase
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

fn other_language(
    site: &Site,
    source: SourceId,
    page: &Rendered,
    sel: &Selectors,
    findings: &mut Vec<Diagnostic>,
) {
    let src = &site.sources[source];
    if src.lang != page.lang {
        return; // a fallback page is marked as a whole
    }
    let Some(body) = page.html.select(&sel.body).next() else {
        return;
    };
    for node in body.descendants() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        if matches!(parent.value().name(), "script" | "style") {
            continue;
        }
        let lang = std::iter::once(parent)
            .chain(parent.ancestors().filter_map(ElementRef::wrap))
            .find_map(|e| e.value().attr("lang"))
            .unwrap_or(&page.lang);
        if lang != page.lang {
            continue;
        }
        if let Some(phrase) = foreign_phrase(text, &page.lang) {
            let line = src
                .body
                .lines()
                .position(|l| {
                    l.contains(phrase.split_whitespace().next().unwrap_or_default())
                        && l.contains(&phrase)
                })
                .map(|i| i + src.body_line);
            let other = if page.lang == "vi" { "en" } else { "vi" };
            let d = Diagnostic::warning(
                "a11y/other-language",
                format!("“{phrase}” looks like another language, but is not marked as such"),
            )
            .in_file(src.file())
            .help(format!(
                "so screen readers pronounce it right, write it as <span lang=\"{other}\">{phrase}</span>"
            ));
            findings.push(match line {
                Some(l) => d.at_line(l),
                None => d,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::foreign_phrase;

    #[test]
    fn foreign_phrases_but_not_names() {
        assert_eq!(
            foreign_phrase("the Peace House (“Ngôi nhà Bình yên”) helps", "en").as_deref(),
            Some("Ngôi nhà Bình yên")
        );
        assert_eq!(foreign_phrase("call the Ba Đình ward police", "en"), None);
        assert_eq!(
            foreign_phrase("Safe Village (Làng quê an toàn)", "en"),
            None
        );
        assert_eq!(
            foreign_phrase("Gọi 111. Read the rules of the game here.", "vi").as_deref(),
            Some("Read the rules of the game here")
        );
        assert_eq!(
            foreign_phrase("Dùng Zalo hay Messenger để nhắn tin", "vi"),
            None
        );
    }
}
