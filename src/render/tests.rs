//! The template contexts, built from the bundled Hanoi campaign (and a copy
//! of it with one news item a page): which keys each template is given,
//! and what the site queries behind them answer.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value as Json;

use super::*;
use crate::project::{self, LoadOptions, Project};

fn bundled() -> Project {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    project::load(root, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// A copy of the bundled campaign with `extra` added to its `site.yaml`.
fn bundled_with(extra: &str) -> (tempfile::TempDir, Project) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    copy(&content, &dir.path().join("content"));
    let site = dir.path().join("content/site.yaml");
    let mut yaml = std::fs::read_to_string(&site).unwrap();
    yaml.push_str(extra);
    std::fs::write(&site, yaml).unwrap();
    let project =
        project::load(dir.path(), &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    (dir, project)
}

fn json(value: &impl serde::Serialize) -> Json {
    serde_json::to_value(value).unwrap()
}

fn keys(value: &Json) -> BTreeSet<&str> {
    value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

/// The view of the district `slug`.
fn district<'s>(site: &'s Site, slug: &str) -> &'s DistrictView {
    site.districts
        .iter()
        .find(|v| site.district(v).slug == slug)
        .unwrap()
}

/// The entry index of the page at URL path `path` in `view`.
fn entry(view: &DistrictView, path: &str) -> usize {
    view.by_path[path]
}

/// The title of the text `entry` shows in `lang`.
fn title<'s>(site: &'s Site, view: &DistrictView, entry: usize, lang: &str) -> &'s str {
    let (source, _) = site.variant(&view.entries[entry], lang).unwrap();
    &site.sources[source].front.title
}

#[test]
fn each_page_template_is_given_the_keys_of_its_role() {
    let project = bundled();
    let (site, renderer) = (&project.site, &*project.renderer);
    let view = &site.districts[0];
    let frame = renderer.frame(site, view, "vi");
    let page_keys = [
        "root",
        "page",
        "translations",
        "alternates",
        "canonical",
        "breadcrumbs",
        "share",
    ];
    let list = ["pages", "audience_groups"];
    let mut roles = BTreeSet::new();
    for (i, e) in view.entries.iter().enumerate() {
        let page = &site.pages[e.page];
        let ctx = renderer.page_template_ctx(&frame, &project.bodies, i, &page.path, None);
        let mut want: BTreeSet<&str> = page_keys.into_iter().collect();
        let role = match page.role() {
            PageRole::Page => "page",
            PageRole::Home => {
                want.extend(list);
                want.extend(["sections", "models", "news"]);
                "home"
            }
            PageRole::Directory => {
                want.extend(list);
                want.insert("hotlines");
                "directory"
            }
            PageRole::Section if site.news_section() == Some(e.page) => {
                want.extend(list);
                want.extend(["pagination", "archive", "archive_year"]);
                "news"
            }
            PageRole::Section => {
                want.extend(list);
                "section"
            }
        };
        roles.insert(role);
        assert_eq!(keys(&json(&ctx)), want, "{}", page.path);
    }
    assert_eq!(
        roles.len(),
        5,
        "every role is in the bundled campaign: {roles:?}"
    );
}

#[test]
fn the_frame_gives_the_language_menu_numbers_and_feed() {
    let project = bundled();
    let (site, renderer) = (&project.site, &*project.renderer);
    let view = &site.districts[0];
    let slug = &site.district(view).slug;
    let frame = renderer.frame(site, view, "en");
    let ctx = renderer.frame_ctx(&frame);
    assert_eq!(
        (ctx.lang, ctx.default_lang, ctx.home.as_str()),
        ("en", "vi", "en/")
    );
    assert_eq!(ctx.district.slug, slug);
    assert_eq!(
        ctx.site.title,
        "Preventing violence against women and children"
    );
    assert_eq!(json(ctx.t)["language_name"], "English");
    // The menu: the home page's sections, in order, in English.
    let home = site.links_home();
    let sections: Vec<(String, String)> = frame
        .children(home)
        .iter()
        .filter(|&&i| site.pages[view.entries[i].page].kind == PageKind::Section)
        .map(|&i| {
            let path = &site.pages[view.entries[i].page].path;
            (title(site, view, i, "en").to_string(), format!("en/{path}"))
        })
        .collect();
    let menu: Vec<(String, String)> = ctx
        .menu
        .iter()
        .map(|m| (m.title.clone(), m.path.clone()))
        .collect();
    assert_eq!(menu, sections);
    assert!(menu.iter().any(|(_, p)| p == "en/skills/"), "{menu:?}");
    // The numbers pinned in site.yaml, in its order.
    let pinned: Vec<&str> = ctx.pinned.iter().map(|h| h.id).collect();
    assert_eq!(pinned, ["police-113", "child-protection-111"]);
    let feed = ctx
        .news_feed
        .as_ref()
        .expect("the bundled districts have news");
    assert_eq!(
        (feed.path.as_str(), feed.section.as_str()),
        ("en/news/atom.xml", "news/")
    );
    assert!(ctx.theme_files.contains_key("loa.css"));
}

#[test]
fn the_home_page_shows_the_newest_news_and_the_models_in_their_order() {
    let project = bundled();
    let (site, renderer) = (&project.site, &*project.renderer);
    // Ba Đình has news of its own; one model is Sóc Sơn's only.
    let view = district(site, "ba-dinh");
    let frame = renderer.frame(site, view, "vi");
    let home = renderer.home_ctx(&frame, &project.bodies);

    let news_section = site.news_section().unwrap();
    let all_news = &view.children[&news_section];
    let date = |i: usize| {
        let (s, _) = site.variant(&view.entries[i], "vi").unwrap();
        site.sources[s].front.date.unwrap()
    };
    let mut newest: Vec<usize> = all_news.clone();
    newest.sort_by_key(|&i| std::cmp::Reverse(date(i)));
    assert!(newest.len() > HOME_NEWS, "{newest:?}");
    assert!(date(newest[HOME_NEWS - 1]) > date(newest[HOME_NEWS]));
    newest.truncate(HOME_NEWS);
    let news = json(&home.news);
    let shown: Vec<&str> = news
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = newest.iter().map(|&i| title(site, view, i, "vi")).collect();
    assert_eq!(shown, want);
    assert_eq!(site.latest_news(view, "vi", 1), newest[..1]);

    // Every model page meant for Ba Đình, in the models section's order.
    let models_section = site.section_by_logical("models/_index").unwrap();
    let in_order: Vec<usize> = site
        .ordered_children(view, "vi", models_section)
        .into_iter()
        .filter(|&i| site.pages[view.entries[i].page].path != "models/lang-que-an-toan/")
        .collect();
    let models = site.model_entries(view, "vi");
    assert_eq!(models.len(), 3);
    assert_eq!(models, in_order);
    let soc_son = district(site, "soc-son");
    let paths: Vec<&str> = site
        .model_entries(soc_son, "vi")
        .into_iter()
        .map(|i| site.pages[soc_son.entries[i].page].path.as_str())
        .collect();
    assert!(paths.contains(&"models/lang-que-an-toan/"), "{paths:?}");
    let models_json = json(&home.models);
    let titles: Vec<&str> = models_json
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = in_order
        .iter()
        .map(|&i| title(site, view, i, "vi"))
        .collect();
    assert_eq!(titles, want);
    assert!(
        models_json
            .as_array()
            .unwrap()
            .iter()
            .all(|s| !s["model"].is_null())
    );
}

#[test]
fn a_section_describes_each_page_in_its_first_audience_group_only() {
    let project = bundled();
    let (site, renderer) = (&project.site, &*project.renderer);
    let view = &site.districts[0];
    let frame = renderer.frame(site, view, "vi");
    let skills = site.section_by_logical("skills/_index").unwrap();
    let section = renderer.section_ctx(&frame, &project.bodies, skills);
    assert_eq!(section.pages.len(), view.children[&skills].len());
    let groups = json(&section.audience_groups);
    let groups = groups.as_array().unwrap();
    assert!(groups.len() > 1);
    let mut seen = BTreeSet::new();
    let mut repeated = 0;
    for group in groups {
        let audience = group["audience"]["key"].as_str().unwrap();
        assert_eq!(group["id"], format!("for-{audience}"));
        for page in group["pages"].as_array().unwrap() {
            let path = page["path"].as_str().unwrap();
            let described = !page["description"].as_str().unwrap().is_empty();
            if seen.insert(path.to_string()) {
                assert!(described, "{path} is described where first listed");
            } else {
                assert!(!described, "{path} is described again in {audience}");
                repeated += 1;
            }
        }
        // The group holds exactly the pages written for its audience.
        let audience = Audience::ALL.iter().find(|a| a.word() == audience).unwrap();
        let members = site.audience_members(view, "vi", &view.children[&skills], *audience);
        assert_eq!(group["pages"].as_array().unwrap().len(), members.len());
    }
    assert!(repeated > 0, "some skills page is for several audiences");
    assert_eq!(seen.len(), section.pages.len());
}

#[test]
fn the_news_list_pages_link_to_each_other_and_to_every_year() {
    let (_dir, project) = bundled_with("news_page_size: 1\n");
    let (site, renderer) = (&project.site, &*project.renderer);
    let view = district(site, "ba-dinh");
    let frame = renderer.frame(site, view, "en");
    let news = site.news_section().unwrap();
    let total = view.children[&news].len();
    assert_eq!(total, 4);
    let newest = site.latest_news(view, "en", total);

    let (pages, ctx) = renderer.news_ctx(&frame, &project.bodies, news, Some(NewsList::Page(2)));
    assert_eq!(pages.len(), 1);
    assert_eq!(json(&pages[0])["title"], title(site, view, newest[1], "en"));
    let pagination = ctx.pagination.expect("four pages of one");
    assert_eq!((pagination.current, pagination.total), (2, 4));
    assert_eq!(pagination.prev.as_deref(), Some("en/news/"));
    assert_eq!(pagination.next.as_deref(), Some("en/news/page/3/"));
    let numbers: Vec<(usize, bool)> = pagination
        .pages
        .iter()
        .map(|p| (p.number, p.current))
        .collect();
    assert_eq!(numbers, [(1, false), (2, true), (3, false), (4, false)]);
    assert_eq!(ctx.archive_year, None);
    let years: Vec<i32> = ctx.archive.iter().map(|y| y.year).collect();
    assert_eq!(years, [2026, 2025, 2023]);
    assert_eq!(ctx.archive[2].path, "en/news/2023/");

    // A year: every item of it, no numbered pages.
    let (pages, ctx) = renderer.news_ctx(&frame, &project.bodies, news, Some(NewsList::Year(2026)));
    assert_eq!(pages.len(), 2);
    assert!(ctx.pagination.is_none());
    assert_eq!(ctx.archive_year, Some(2026));
    assert!(ctx.archive.iter().all(|y| y.current == (y.year == 2026)));

    // The whole template context of the news section on its second page.
    let i = entry(view, &site.pages[news].path);
    let own = format!("{}page/2/", site.pages[news].path);
    let page =
        renderer.page_template_ctx(&frame, &project.bodies, i, &own, Some(NewsList::Page(2)));
    let page = json(&page);
    assert_eq!(page["pages"].as_array().unwrap().len(), 1);
    assert_eq!(page["pagination"]["current"], 2);
    assert_eq!(page["page"]["path"], "en/news/page/2/");
}
