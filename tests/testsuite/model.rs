//! The campaign model through the library: which source each district
//! shows in each language (overrides, fallbacks), drafts, district-only
//! pages, section order and addresses.

use loa::model::{DistrictView, Entry, Site};
use loa::project::{self, LoadOptions};

use crate::support::*;

fn load(c: &Campaign, drafts: bool) -> project::Project {
    let options = LoadOptions {
        drafts,
        ..LoadOptions::default()
    };
    project::load(c.root(), &options).unwrap_or_else(|e| panic!("{e}"))
}

fn view<'s>(site: &'s Site, slug: &str) -> &'s DistrictView {
    site.districts
        .iter()
        .find(|v| site.district(v).slug == slug)
        .unwrap_or_else(|| panic!("no district {slug}"))
}

fn entry<'s>(view: &'s DistrictView, path: &str) -> &'s Entry {
    &view.entries[*view
        .by_path
        .get(path)
        .unwrap_or_else(|| panic!("no page /{path}"))]
}

/// The file shown for `path` in `lang` in district `slug`, and whether it
/// is a fallback in another language.
fn shown(site: &Site, slug: &str, path: &str, lang: &str) -> Option<(String, bool)> {
    let e = entry(view(site, slug), path);
    site.variant(e, lang)
        .map(|(id, fallback)| (site.sources[id].rel.clone(), fallback))
}

#[test]
fn a_district_override_replaces_the_shared_page_there_only() {
    let c = Campaign::fixture("build", "basic");
    let project = load(&c, false);
    let site = &project.site;
    let own = |rel: &str| Some((rel.to_string(), false));
    assert_eq!(
        shown(site, "quan-a", "skills/goi-111/", "vi"),
        own("districts/quan-a/skills/goi-111.md")
    );
    assert_eq!(
        shown(site, "quan-a", "skills/goi-111/", "en"),
        own("districts/quan-a/skills/goi-111.en.md")
    );
    assert_eq!(
        shown(site, "quan-b", "skills/goi-111/", "vi"),
        own("skills/goi-111.md")
    );
    assert_eq!(
        shown(site, "quan-b", "skills/goi-111/", "en"),
        own("skills/goi-111.en.md")
    );
}

#[test]
fn a_page_without_a_translation_falls_back_to_the_default_language() {
    let c = Campaign::fixture("build", "basic");
    let project = load(&c, false);
    let site = &project.site;
    let path = "skills/chi-tieng-viet/";
    assert_eq!(
        shown(site, "quan-a", path, "en"),
        Some(("skills/chi-tieng-viet.md".to_string(), true))
    );
    let e = entry(view(site, "quan-a"), path);
    assert!(site.has_translation(e, "vi"));
    assert!(!site.has_translation(e, "en"));
}

#[test]
fn district_pages_exist_only_in_their_district() {
    let c = Campaign::fixture("build", "basic");
    let project = load(&c, false);
    let site = &project.site;
    let path = "news/tin-rieng/";
    assert!(view(site, "quan-b").by_path.contains_key(path));
    assert!(!view(site, "quan-a").by_path.contains_key(path));
    assert_eq!(
        shown(site, "quan-b", path, "en"),
        Some(("districts/quan-b/news/tin-rieng.en.md".to_string(), false))
    );
}

#[test]
fn a_draft_in_the_default_language_holds_back_its_translations() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/skills/nhap.md",
        "---\ntitle: \"Bản nháp\"\ndraft: true\n---\nChưa xong.\n",
    );
    c.write(
        "content/skills/nhap.en.md",
        "---\ntitle: \"Draft\"\n---\nNot ready.\n",
    );
    // A translation marked draft alone does not hold back the page.
    c.write(
        "content/skills/tu-bao-ve.en.md",
        "---\ntitle: \"Protect yourself\"\ndraft: true\n---\nLater.\n",
    );
    let published = load(&c, false);
    let quan_a = view(&published.site, "quan-a");
    assert!(!quan_a.by_path.contains_key("skills/nhap/"));
    assert_eq!(
        shown(&published.site, "quan-a", "skills/tu-bao-ve/", "en"),
        Some(("skills/tu-bao-ve.md".to_string(), true))
    );
    // The preview shows drafts.
    let preview = load(&c, true);
    assert_eq!(
        shown(&preview.site, "quan-a", "skills/nhap/", "en"),
        Some(("skills/nhap.en.md".to_string(), false))
    );
}

#[test]
fn a_slug_gives_every_translation_one_address() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/skills/cach-goi.md",
        "---\ntitle: \"Cách gọi\"\nslug: goi-dien\n---\nGọi 111.\n",
    );
    c.write(
        "content/skills/cach-goi.en.md",
        "---\ntitle: \"How to call\"\nslug: goi-dien\n---\nCall 111.\n",
    );
    let project = load(&c, false);
    let site = &project.site;
    assert_eq!(
        shown(site, "quan-a", "skills/goi-dien/", "en"),
        Some(("skills/cach-goi.en.md".to_string(), false))
    );
    assert!(
        !view(site, "quan-a")
            .by_path
            .contains_key("skills/cach-goi/")
    );
}

#[test]
fn a_section_lists_its_pages_by_weight_then_title() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/skills/an-toan.md",
        "---\ntitle: \"An toàn\"\nweight: 20\n---\nA.\n",
    );
    let project = load(&c, false);
    let site = &project.site;
    let quan_b = view(site, "quan-b");
    let section = entry(quan_b, "skills/").page;
    let titles: Vec<String> = site
        .ordered_children(quan_b, "vi", section)
        .into_iter()
        .map(|i| {
            let (id, _) = site.variant(&quan_b.entries[i], "vi").unwrap();
            site.sources[id].front.title.value.clone()
        })
        .collect();
    // Equal weights (20) are ordered by title; no weight comes last.
    assert_eq!(
        titles,
        ["Tự bảo vệ", "An toàn", "Gọi 111", "Chỉ có tiếng Việt"]
    );
}
