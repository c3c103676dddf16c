//! The output engine through the library, in memory: one plan per
//! district with every file and the collisions, each file produced on its
//! own (as the preview does), and the city's files.

use std::collections::BTreeSet;

use loa::output::engine::{self, Job, Produced};
use loa::project::{self, LoadOptions};

use crate::support::*;

fn load(c: &Campaign) -> project::Project {
    project::load(c.root(), &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_plan_lists_what_the_build_writes() {
    let c = Campaign::fixture("build", "basic");
    let project = load(&c);
    let view = &project.site.districts[0];
    let district = engine::DistrictFiles::new(&project, view);
    let plan = district.plan();
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    let planned: BTreeSet<String> = plan.files.keys().map(|p| format!("quan-a/{p}")).collect();
    c.build();
    let written: BTreeSet<String> = snapshot_tree(&c.out().join("quan-a"))
        .into_keys()
        .map(|p| format!("quan-a/{p}"))
        .collect();
    assert_eq!(planned, written);
    for (path, job) in &plan.files {
        if let Job::Page { .. } = job {
            assert!(
                district.source(job).is_some()
                    || path.contains("hotlines")
                    || path == "index.html"
                    || path == "en/index.html",
                "{path}"
            );
        }
    }
}

#[test]
fn each_file_is_produced_alone_as_the_build_writes_it() {
    let c = Campaign::fixture("build", "basic");
    let project = load(&c);
    c.build();
    let view = &project.site.districts[0];
    let district = engine::DistrictFiles::new(&project, view);
    let plan = district.plan();
    // The style sheet is named after its content (loa.3f2a9c1e.css).
    let css = plan
        .files
        .keys()
        .find(|p| p.starts_with("loa.") && p.ends_with(".css"))
        .expect("the theme's style sheet")
        .clone();
    for path in [
        "skills/goi-111/index.html",
        "en/skills/goi-111/index.html",
        "hotlines/hotlines.csv",
        css.as_str(),
    ] {
        let job = &plan.files[path];
        let bytes = match district.produce(job).unwrap() {
            Produced::Bytes(bytes) => bytes.into_owned(),
            Produced::Copy(from) => std::fs::read(from).unwrap(),
        };
        let built = std::fs::read(c.out().join("quan-a").join(path)).unwrap();
        assert_eq!(bytes, built, "{path}");
    }
    // Every city file (portal, feeds, theme files) as the build wrote it.
    let city = engine::city_files(&project).unwrap();
    let paths: Vec<&str> = city.iter().map(|(p, _)| p.as_str()).collect();
    for wanted in ["index.html", "atom.xml", "en/atom.xml", css.as_str()] {
        assert!(paths.contains(&wanted), "{wanted} not in {paths:?}");
    }
    for (path, content) in &city {
        let Produced::Bytes(bytes) = content else {
            panic!("{path}: the city's files are made, not copied")
        };
        assert!(
            bytes.as_ref() == std::fs::read(c.out().join(path)).unwrap(),
            "{path} differs from the build"
        );
    }
}

#[test]
fn two_sources_for_one_path_are_a_collision_in_the_plan() {
    let c = Campaign::fixture("build", "basic");
    c.write("content/hotlines/hotlines.csv", "id,phone\n");
    // The collision is an error of the plan, not of loading.
    let project = load(&c);
    let view = &project.site.districts[0];
    let plan = engine::DistrictFiles::new(&project, view).plan();
    let codes: Vec<&str> = plan.problems.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["output/same-path"]);
    assert_eq!(
        plan.problems[0].file.as_deref(),
        Some("content/hotlines/hotlines.csv")
    );
}

/// Every file of every district's plan, produced alone, is byte for byte
/// what the build wrote: the preview serves exactly the built site.
#[test]
fn every_planned_file_produced_alone_equals_the_built_one() {
    let c = Campaign::fixture("build", "basic");
    let project = load(&c);
    c.build();
    for view in &project.site.districts {
        let slug = &project.site.district(view).slug;
        let district = engine::DistrictFiles::new(&project, view);
        let plan = district.plan();
        assert!(plan.files.len() > 40, "{slug}: {}", plan.files.len());
        for (path, job) in &plan.files {
            let bytes = match district.produce(job).unwrap() {
                Produced::Bytes(bytes) => bytes.into_owned(),
                Produced::Copy(from) => std::fs::read(from).unwrap(),
            };
            let built = std::fs::read(c.out().join(slug).join(path))
                .unwrap_or_else(|e| panic!("{slug}/{path}: {e}"));
            assert!(bytes == built, "{slug}/{path} differs from the build");
        }
    }
}

/// `--offline` is an option of the engine: every page link of the plan's
/// pages ends in `index.html`, and the plan has the same files but the web
/// server's files (a folder opened from a USB stick has no server).
#[test]
fn the_offline_plan_has_the_same_files_and_links_to_index_files() {
    let c = Campaign::fixture("build", "basic");
    let online = load(&c);
    let offline = project::load(
        c.root(),
        &LoadOptions {
            render: loa::render::RenderOptions { offline: true },
            ..LoadOptions::default()
        },
    )
    .unwrap();
    let view = &online.site.districts[1];
    let online_plan = engine::DistrictFiles::new(&online, view).plan();
    let district = engine::DistrictFiles::new(&offline, &offline.site.districts[1]);
    let offline_plan = district.plan();
    let paths = |p: &engine::Plan| p.files.keys().cloned().collect::<BTreeSet<_>>();
    let mut served = paths(&online_plan);
    assert!(served.remove("_headers") && served.remove(".htaccess"));
    assert_eq!(served, paths(&offline_plan));
    let job = &offline_plan.files["skills/goi-111/index.html"];
    let Produced::Bytes(html) = district.produce(job).unwrap() else {
        panic!("a page is made, not copied")
    };
    let html = scraper::Html::parse_document(std::str::from_utf8(&html).unwrap());
    let menu: Vec<String> = html
        .select(&scraper::Selector::parse(".menu a").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(!menu.is_empty());
    for href in menu {
        assert!(href.ends_with("index.html"), "{href}");
    }
}
