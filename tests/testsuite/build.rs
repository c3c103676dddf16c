//! `loa build` over the `build/basic` fixture: every district and language,
//! links in every form, translations, fallbacks, overrides, `--district`,
//! `--offline`, `base_url`, determinism.

use crate::support::*;

fn built() -> Campaign {
    let c = Campaign::fixture("build", "basic");
    c.build();
    c
}

#[test]
fn every_district_and_language_is_built() {
    let c = built();
    for district in ["quan-a", "quan-b"] {
        for (prefix, lang) in [("", "vi"), ("en/", "en")] {
            for page in [
                "",
                "skills/",
                "skills/tu-bao-ve/",
                "skills/goi-111/",
                "news/",
                "pages/gioi-thieu/",
                "hotlines/",
            ] {
                let html = c.html(&format!("{district}/{prefix}{page}index.html"));
                assert_eq!(
                    attrs(&html, "html", "lang"),
                    [lang],
                    "{district}/{prefix}{page}"
                );
                assert_eq!(
                    texts(&html, "h1").len(),
                    1,
                    "one h1 in {district}/{prefix}{page}"
                );
            }
        }
        theme_file(&c.out().join(district), "loa.css");
        assert!(c.out().join(district).join("skills/so-do.png").is_file());
    }
}

#[test]
fn the_portal_links_every_district_in_every_language() {
    let c = built();
    let portal = c.html("index.html");
    let links = attrs(&portal, "a[href]", "href");
    for href in ["./quan-a/", "./quan-a/en/", "./quan-b/", "./quan-b/en/"] {
        assert!(
            links.contains(&href.to_string()),
            "portal lacks {href}: {links:?}"
        );
    }
    let names = texts(&portal, ".district-list a");
    assert!(
        names.contains(&"Quận A".to_string()) && names.contains(&"District B".to_string()),
        "{names:?}"
    );
    assert_eq!(attrs(&portal, "section[lang]", "lang"), ["vi", "en"]);
    // Whoever lands on the portal may be in danger too.
    assert_eq!(attrs(&portal, "a.call", "href"), ["tel:111", "tel:111"]);
    assert_eq!(
        attrs(&portal, "#quick-exit", "href"),
        ["https://nchmf.gov.vn/"]
    );
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let c = built();
    let problems = broken_links(&c.out());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn offline_links_end_in_index_html_and_resolve() {
    let c = Campaign::fixture("build", "basic");
    c.loa(&["build", "--offline"]).ok();
    let problems = broken_links(&c.out());
    assert!(problems.is_empty(), "{problems:#?}");
    for page in html_files(&c.out()) {
        let html = c.html(&page);
        for href in attrs(&html, "a[href]", "href") {
            if href.contains(':') || href.starts_with('#') {
                continue;
            }
            let path = href.split('#').next().unwrap();
            assert!(
                path.is_empty()
                    || path.ends_with("index.html")
                    || path.rsplit('/').next().unwrap().contains('.'),
                "{page}: `{href}` does not name a file"
            );
        }
    }
}

#[test]
fn markdown_links_in_every_form_reach_the_right_page() {
    let c = built();
    let html = c.html("quan-a/skills/tu-bao-ve/index.html");
    let hrefs = attrs(&html, ".prose a", "href");
    let target = |href: &str| resolve("quan-a/skills/tu-bao-ve/index.html", href).map(|(f, _)| f);
    let expected = [
        Some("quan-a/skills/goi-111/index.html"),
        Some("quan-a/skills/goi-111/index.html"),
        Some("quan-a/en/skills/goi-111/index.html"),
        Some("quan-a/skills/goi-111/index.html"),
        Some("quan-a/pages/gioi-thieu/index.html"),
        Some("quan-a/skills/tu-bao-ve/index.html"),
        Some("quan-a/skills/goi-111/index.html"),
        Some("quan-a/hotlines/hotlines.csv"),
        None,
        None,
        Some("quan-a/skills/so-do.png"),
    ];
    let got: Vec<Option<String>> = hrefs.iter().map(|h| target(h)).collect();
    let expected: Vec<Option<String>> = expected.iter().map(|e| e.map(str::to_string)).collect();
    assert_eq!(got, expected, "{hrefs:?}");
    assert!(
        hrefs.iter().all(|h| !h.starts_with('/')),
        "links must be relative: {hrefs:?}"
    );
    // The picture is shown through its processed copies (10 px wide).
    let src = attrs(&html, ".prose img", "src");
    assert!(
        src.len() == 1 && src[0].starts_with("../so-do.10.") && src[0].ends_with(".png"),
        "{src:?}"
    );

    // In the English page, a link to the Vietnamese source file goes to the
    // English page; `x.vi.md` goes to the Vietnamese one.
    let en = c.html("quan-a/en/skills/tu-bao-ve/index.html");
    let hrefs = attrs(&en, ".prose a", "href");
    let targets: Vec<String> = hrefs
        .iter()
        .map(|h| {
            resolve("quan-a/en/skills/tu-bao-ve/index.html", h)
                .unwrap()
                .0
        })
        .collect();
    assert_eq!(
        targets,
        [
            "quan-a/en/skills/goi-111/index.html",
            "quan-a/en/skills/goi-111/index.html",
            "quan-a/skills/goi-111/index.html"
        ]
    );
}

#[test]
fn translations_are_linked_both_ways() {
    let c = built();
    let vi = c.html("quan-b/skills/tu-bao-ve/index.html");
    let switch = attrs(&vi, ".languages a", "href");
    assert_eq!(switch, ["../../en/skills/tu-bao-ve/"]);
    assert_eq!(attrs(&vi, ".languages a", "lang"), ["en"]);
    let en = c.html("quan-b/en/skills/tu-bao-ve/index.html");
    assert_eq!(
        attrs(&en, ".languages a", "href"),
        ["../../../skills/tu-bao-ve/"]
    );
    assert_eq!(attrs(&en, ".languages a", "hreflang"), ["vi"]);
    let alternates = attrs(&en, "link[rel=alternate]", "hreflang");
    assert_eq!(alternates, ["vi", "en", "x-default"]);
}

#[test]
fn untranslated_pages_fall_back_with_a_notice_and_lang() {
    let c = built();
    let en = c.html("quan-a/en/skills/chi-tieng-viet/index.html");
    assert_eq!(attrs(&en, "html", "lang"), ["en"]);
    assert_eq!(texts(&en, ".notice").len(), 1);
    assert!(texts(&en, ".notice")[0].contains("not been translated"));
    assert_eq!(attrs(&en, "article", "lang"), ["vi"]);
    assert_eq!(texts(&en, "article h1"), ["Chỉ có tiếng Việt"]);
    // Its link goes to the English version of the linked page.
    let href = attrs(&en, ".prose a", "href");
    assert_eq!(
        resolve("quan-a/en/skills/chi-tieng-viet/index.html", &href[0])
            .unwrap()
            .0,
        "quan-a/en/skills/tu-bao-ve/index.html"
    );
    // The switcher still links to the Vietnamese page, and only translated
    // versions are alternates.
    assert_eq!(attrs(&en, "link[rel=alternate]", "hreflang"), ["vi"]);
    // It is listed in the English section, marked as Vietnamese.
    let section = c.html("quan-a/en/skills/index.html");
    assert!(
        attrs(&section, ".page-list a[lang=vi]", "href")
            .iter()
            .any(|h| h.contains("chi-tieng-viet"))
    );
    // The Vietnamese page has no notice.
    assert!(
        texts(
            &c.html("quan-a/skills/chi-tieng-viet/index.html"),
            ".notice"
        )
        .is_empty()
    );
}

#[test]
fn overrides_apply_to_one_district_only() {
    let c = built();
    let a = c.html("quan-a/skills/goi-111/index.html");
    let b = c.html("quan-b/skills/goi-111/index.html");
    assert_eq!(texts(&a, "h1"), ["Gọi 111 ở quận A"]);
    assert_eq!(texts(&b, "h1"), ["Gọi 111"]);
    assert_eq!(
        texts(&c.html("quan-a/en/skills/goi-111/index.html"), "h1"),
        ["Calling 111 in District A"]
    );
    assert_eq!(
        texts(&c.html("quan-b/en/skills/goi-111/index.html"), "h1"),
        ["Calling 111"]
    );
    // District-only pages exist only in their district.
    assert!(c.out().join("quan-b/news/tin-rieng/index.html").is_file());
    assert!(!c.out().join("quan-a/news/tin-rieng").exists());
    let news_b = texts(&c.html("quan-b/news/index.html"), ".page-list > li > a");
    assert_eq!(
        news_b,
        ["Tin riêng quận B", "Tin mới", "Tin cũ"],
        "newest first"
    );
    let news_a = texts(&c.html("quan-a/news/index.html"), ".page-list > li > a");
    assert_eq!(news_a, ["Tin mới", "Tin cũ"]);
}

#[test]
fn a_language_a_district_does_not_replace_keeps_the_shared_page() {
    let c = Campaign::fixture("build", "basic");
    c.remove("content/districts/quan-a/skills/goi-111.en.md");
    c.build();
    assert_eq!(
        texts(&c.html("quan-a/skills/goi-111/index.html"), "h1"),
        ["Gọi 111 ở quận A"]
    );
    assert_eq!(
        texts(&c.html("quan-a/en/skills/goi-111/index.html"), "h1"),
        ["Calling 111"]
    );
}

#[test]
fn sections_list_pages_by_weight_then_title() {
    let c = built();
    let skills = c.html("quan-b/skills/index.html");
    let titles = texts(&skills, "#all-pages + .page-list > li > a");
    assert_eq!(titles, ["Tự bảo vệ", "Gọi 111", "Chỉ có tiếng Việt"]);
    let menu = texts(&skills, ".menu a");
    assert_eq!(menu, ["Kỹ năng", "Tin tức", "Thông tin", "Đường dây nóng"]);
}

#[test]
fn district_flag_builds_only_that_district() {
    let c = Campaign::fixture("build", "basic");
    c.loa(&["build", "--district", "quan-b"]).ok();
    assert!(c.out().join("quan-b/index.html").is_file());
    assert!(!c.out().join("quan-a").exists());

    // With an earlier full build, the other district is left as it was.
    c.build();
    let before = snapshot_tree(&c.out().join("quan-a"));
    c.write(
        "content/skills/goi-111.md",
        "---\ntitle: \"Gọi 111 (mới)\"\nweight: 20\n---\nMới.\n",
    );
    c.loa(&["build", "--district", "quan-b"]).ok();
    assert_eq!(snapshot_tree(&c.out().join("quan-a")), before);
    assert_eq!(
        texts(&c.html("quan-b/skills/goi-111/index.html"), "h1"),
        ["Gọi 111 (mới)"]
    );

    // The city's own files are written by every build, so a news item
    // published through one district reaches the city feed too.
    c.write(
        "content/news/tin-hom-nay.md",
        "---\ntitle: \"Tin hôm nay\"\ndate: 2026-11-28\n---\nMới.\n",
    );
    c.loa(&["build", "--district", "quan-b"]).ok();
    assert!(c.read("public/atom.xml").contains("Tin hôm nay"));
    assert_eq!(snapshot_tree(&c.out().join("quan-a")), before);
}

#[test]
fn base_url_gives_canonical_absolute_hreflang_and_a_sitemap() {
    let c = built();
    let a = c.html("quan-a/en/skills/goi-111/index.html");
    assert_eq!(
        attrs(&a, "link[rel=canonical]", "href"),
        ["https://quan-a.example.org/en/skills/goi-111/"]
    );
    assert!(
        attrs(&a, "link[rel=alternate]", "href")
            .iter()
            .all(|h| h.starts_with("https://quan-a.example.org/"))
    );
    let sitemap = c.read("public/quan-a/sitemap.xml");
    assert!(sitemap.contains("<loc>https://quan-a.example.org/skills/goi-111/</loc>"));
    assert!(
        sitemap.contains("hreflang=\"en\" href=\"https://quan-a.example.org/en/skills/goi-111/\"")
    );
    // No base_url: no canonical, no sitemap, relative alternates.
    let b = c.html("quan-b/en/skills/goi-111/index.html");
    assert!(attrs(&b, "link[rel=canonical]", "href").is_empty());
    assert!(!c.out().join("quan-b/sitemap.xml").exists());
    assert!(
        attrs(&b, "link[rel=alternate]", "href")
            .iter()
            .all(|h| h.starts_with("../"))
    );
}

#[test]
fn pages_have_landmarks_and_the_quick_exit() {
    let c = built();
    let html = c.html("quan-a/skills/tu-bao-ve/index.html");
    for css in [
        "header",
        "nav.menu",
        "main#main",
        "footer",
        ".exit-bar[role=region]",
    ] {
        assert_eq!(html.select(&sel(css)).count(), 1, "{css}");
    }
    assert_eq!(
        attrs(&html, "a.skip-link", "href"),
        ["#main", "#quick-exit"]
    );
    assert_eq!(
        attrs(&html, "#quick-exit", "href"),
        ["https://nchmf.gov.vn/"]
    );
    assert_eq!(attrs(&html, "#quick-exit", "rel"), ["noreferrer nofollow"]);
    assert_eq!(
        attrs(&html, "meta[name=referrer]", "content"),
        ["no-referrer"]
    );
    assert_eq!(attrs(&html, ".pinned a.call", "href"), ["tel:111"]);
}

#[test]
fn a_campaign_without_a_theme_folder_uses_the_built_in_theme() {
    let c = built();
    assert!(!c.root().join("themes").exists());
    let css = c.read(&format!(
        "public/quan-a/{}",
        theme_file(&c.out().join("quan-a"), "loa.css")
    ));
    assert!(css.contains("--loa-primary"));
}

#[test]
fn a_campaign_theme_overrides_one_template_and_keeps_the_rest() {
    let c = Campaign::fixture("build", "basic");
    c.write("themes/default/templates/page.html", "{% extends \"base.html\" %}{% block content %}<h1 class=\"custom\">{{ page.title }}</h1>{% endblock content %}");
    c.build();
    let page = c.html("quan-a/skills/goi-111/index.html");
    assert_eq!(texts(&page, "h1.custom"), ["Gọi 111 ở quận A"]);
    assert_eq!(
        page.select(&sel("#quick-exit")).count(),
        1,
        "base.html still built in"
    );
    let section = c.html("quan-a/skills/index.html");
    assert!(section.select(&sel("h1.custom")).next().is_none());
}

#[test]
fn output_is_identical_between_runs_and_thread_counts() {
    let c = built();
    let first = snapshot_tree(&c.out());
    c.build();
    assert_eq!(snapshot_tree(&c.out()), first);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .env("LOA_LANG", "en")
        .arg("build")
        .current_dir(c.root())
        .env("RAYON_NUM_THREADS", "1")
        .env("SOURCE_DATE_EPOCH", "1795910400")
        .status()
        .unwrap();
    assert!(out.success());
    assert!(
        snapshot_tree(&c.out()) == first,
        "one thread gives other bytes"
    );
}

#[test]
fn hotline_exports_sit_next_to_the_directory() {
    let c = built();
    let json: serde_json::Value =
        serde_json::from_str(&c.read("public/quan-a/hotlines/hotlines.json")).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["child-protection-111", "police-113", "quan-a-police"]);
    let json_b: serde_json::Value =
        serde_json::from_str(&c.read("public/quan-b/hotlines/hotlines.json")).unwrap();
    assert_eq!(json_b.as_array().unwrap().len(), 2);
}

#[test]
fn help_is_plain_and_usage_errors_exit_2() {
    let c = Campaign::fixture("build", "basic");
    let help = c.loa(&["build", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("--district <SLUG>"));
    assert!(help.stdout.contains("USB stick"));
    let bad = c.loa(&["build", "--no-such-flag"]);
    assert_eq!(bad.code, 2);
    let unknown = c.loa(&["build", "--district", "quan-c"]);
    assert_eq!(unknown.code, 2, "{unknown:?}");
    assert!(unknown.stderr.contains("quan-c"), "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("did you mean `quan-"),
        "{}",
        unknown.stderr
    );
    let into_campaign = c.loa(&["build", "--out", "content"]);
    assert_eq!(into_campaign.code, 2);
    assert!(c.root().join("content/site.yaml").is_file());
}

#[test]
fn colours_and_logo_come_from_site_yaml() {
    let c = Campaign::fixture("build", "basic");
    let site = c.read("content/site.yaml");
    c.write(
        "content/site.yaml",
        format!(
            "{site}colors: {{ primary: \"#123456\", exit: \"#9a0000\" }}\nlogo: images/logo.png\n"
        ),
    );
    c.write(
        "content/images/logo.png",
        std::fs::read(c.root().join("content/skills/so-do.png")).unwrap(),
    );
    c.build();
    let css = c.read(&format!(
        "public/quan-a/{}",
        theme_file(&c.out().join("quan-a"), "loa.css")
    ));
    assert!(
        css.trim_end()
            .ends_with(":root { --loa-primary: #123456; --loa-exit: #9a0000; }"),
        "{css}"
    );
    let html = c.html("quan-a/skills/goi-111/index.html");
    // Shown on every page: named after its content, cached for a year.
    let src = attrs(&html, "img.logo", "src");
    let logo = src[0].strip_prefix("../../").unwrap();
    assert!(
        logo.starts_with("images/logo.") && loa::output::hosting::is_fingerprinted(logo),
        "{logo}"
    );
    assert!(c.out().join("quan-a").join(logo).is_file());
    assert!(!c.out().join("quan-a/images/logo.png").exists());
    // A wrong colour is an error pointing at its line.
    c.write(
        "content/site.yaml",
        format!("{site}colors: {{ primary: \"blue\" }}\n"),
    );
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains(&format!("content/site.yaml:{}:", site.lines().count() + 1)),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`blue` is not a colour code"),
        "{}",
        run.stderr
    );
}

#[test]
fn refuses_an_output_folder_it_did_not_write() {
    let c = Campaign::fixture("build", "basic");
    c.write("docs/thesis.docx", "my thesis");
    let run = c.loa(&["build", "--out", "docs"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("already holds files that loa did not write"),
        "{}",
        run.stderr
    );
    assert_eq!(c.read("docs/thesis.docx"), "my thesis");
    c.write("a-file", "x");
    assert_eq!(c.loa(&["build", "--out", "a-file"]).code, 2);
    assert_eq!(c.read("a-file"), "x");
    // Its own output it replaces, build after build.
    c.build();
    c.build();
    assert!(c.out().join(".loa-output").is_file());
    // What a killed build left behind is cleaned up.
    std::fs::create_dir_all(c.root().join(".public.loa-staging-999999999/quan-a")).unwrap();
    c.build();
    assert!(!c.root().join(".public.loa-staging-999999999").exists());
}

#[cfg(unix)]
#[test]
fn an_output_link_to_a_web_root_is_followed() {
    let c = Campaign::fixture("build", "basic");
    let www = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(www.path(), c.root().join("public")).unwrap();
    c.build();
    assert!(
        std::fs::symlink_metadata(c.root().join("public"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(www.path().join("quan-a/index.html").is_file());
}

#[test]
fn a_draft_holds_back_its_translations() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/skills/nhap.md",
        "---\ntitle: \"Nháp\"\ndraft: true\n---\nChưa xong.\n",
    );
    c.write(
        "content/skills/nhap.en.md",
        "---\ntitle: \"Draft\"\n---\nNot ready.\n",
    );
    let run = c.build();
    assert!(!c.out().join("quan-a/en/skills/nhap").exists());
    assert!(!c.out().join("quan-a/skills/nhap").exists());
    // Regression (issue 22): held back with a word, not silently. Both of
    // its files are named, the page counted once.
    let note = "1 page is a draft and is not published: content/skills/nhap.en.md, content/skills/nhap.md; remove `draft: true` to publish";
    assert!(run.stdout.contains(note), "{}", run.stdout);
    c.write(
        "content/pages/ke-hoach.md",
        "---\ntitle: \"Kế hoạch\"\ndraft: true\n---\nSau.\n",
    );
    let check = c.loa(&["check"]);
    assert!(
        check.stdout.contains("2 pages are drafts and are not published: content/pages/ke-hoach.md, content/skills/nhap.en.md, content/skills/nhap.md; remove `draft: true` to publish"),
        "{}",
        check.stdout
    );
    let json: serde_json::Value =
        serde_json::from_str(&c.loa(&["check", "--format", "json"]).stdout).unwrap();
    assert_eq!(
        json["drafts"],
        serde_json::json!([
            "content/pages/ke-hoach.md",
            "content/skills/nhap.en.md",
            "content/skills/nhap.md"
        ])
    );
}

#[test]
fn phone_links_and_images_from_other_sites() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/pages/gioi-thieu.md",
        "---\ntitle: \"Giới thiệu\"\n---\n\nGọi [111](tel:111), [sai](tel:0123), [lạ](tel:0912.345.678).\n\n![Ảnh](https://tracker.example/p.png)\n",
    );
    let run = c.build();
    assert!(
        run.stderr
            .contains("content/pages/gioi-thieu.md:5: warning[link/bad-phone]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/pages/gioi-thieu.md:5: warning[link/unlisted-phone]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/pages/gioi-thieu.md:7: warning[link/external-image]"),
        "{}",
        run.stderr
    );
    let html = c.html("quan-a/pages/gioi-thieu/index.html");
    assert_eq!(
        attrs(&html, ".prose a", "href"),
        ["tel:111", "tel:0912345678"]
    );
    assert!(attrs(&html, ".prose img", "src").is_empty());
    assert!(
        texts(&html, ".prose").join(" ").contains("sai"),
        "the text of a removed link stays"
    );
}

/// Regression: `example: true` pages were meant to carry a notice, but the
/// page template was never given the flag, so nothing showed. Example
/// content says so in every language, and ordinary pages do not.
#[test]
fn example_pages_carry_a_visible_notice() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/skills/dia-chi.md",
        "---\ntitle: \"Địa chỉ tin cậy\"\nexample: true\n---\n\nNếu tổ dân phố có địa chỉ tin cậy…\n",
    );
    c.write(
        "content/skills/dia-chi.en.md",
        "---\ntitle: \"Trusted addresses\"\nexample: true\n---\n\nIf your group has a trusted address…\n",
    );
    c.build();
    let vi = c.html("quan-a/skills/dia-chi/index.html");
    let notice = texts(&vi, "main .example-mark");
    assert_eq!(notice.len(), 1, "{notice:?}");
    assert!(notice[0].starts_with("Nội dung ví dụ:"), "{notice:?}");
    let en = c.html("quan-a/en/skills/dia-chi/index.html");
    assert!(texts(&en, "main .example-mark")[0].starts_with("Example content:"));
    let plain = c.html("quan-a/skills/goi-111/index.html");
    assert!(texts(&plain, ".example-mark").is_empty());
}
