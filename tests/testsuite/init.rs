//! `loa init`: a new campaign builds and passes `loa check` at once, in the
//! languages asked for, and a folder that is not empty is refused untouched.

use std::path::Path;

use serde_json::Value;

use crate::support::*;

fn findings(dir: &Path, strict: bool) -> (i32, Vec<(String, String)>) {
    let mut args = vec!["check", "--format", "json"];
    if strict {
        args.push("--strict");
    }
    let run = loa_in(dir, &args);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let list = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (run.code, list)
}

#[test]
fn a_new_campaign_builds_and_fails_strict_only_on_its_example_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("chien-dich");
    let run = loa_in(tmp.path(), &["init", "chien-dich"]).ok();
    assert!(run.stdout.contains("loa serve"), "{}", run.stdout);
    let (code, all) = findings(&dir, false);
    assert_eq!(code, 0);
    assert_eq!(
        all,
        [(
            "hotline/example".to_string(),
            "content/districts/phuong-mau.yaml".to_string()
        )]
    );
    let (code, strict) = findings(&dir, true);
    assert_eq!(code, 1);
    assert_eq!(strict, all);
    let build = loa_in(&dir, &["build"]).ok();
    assert!(
        build.stdout.contains("Built 1 district"),
        "{}",
        build.stdout
    );
    // Both languages, the cover-your-tracks page, the four national numbers.
    for page in [
        "index.html",
        "en/index.html",
        "pages/xoa-dau-vet/index.html",
        "en/pages/xoa-dau-vet/index.html",
    ] {
        assert!(dir.join("public/phuong-mau").join(page).is_file(), "{page}");
    }
    let html = scraper::Html::parse_document(
        &std::fs::read_to_string(dir.join("public/phuong-mau/hotlines/index.html")).unwrap(),
    );
    let mut tel = attrs(&html, ".hotline a.call", "href");
    tel.sort();
    assert_eq!(tel, ["tel:111", "tel:113", "tel:114", "tel:115"]);
    assert_eq!(texts(&html, ".is-example .call-number"), ["024 0000 0101"]);
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(readme.contains("loa check --strict") && readme.contains("Phòng chống bạo lực"));
}

#[test]
fn other_languages_start_in_english_with_a_note_to_translate() {
    let tmp = tempfile::tempdir().unwrap();
    loa_in(tmp.path(), &["init", "c", "--lang", "en,fr"]).ok();
    let dir = tmp.path().join("c");
    let fr = std::fs::read_to_string(dir.join("content/_index.fr.md")).unwrap();
    assert!(fr.contains("Translate this page into `fr`"), "{fr}");
    let en = std::fs::read_to_string(dir.join("content/_index.md")).unwrap();
    assert!(en.contains("You don't have to face it alone") && !en.contains("Translate"));
    assert!(dir.join("themes/default/i18n/fr.yaml").is_file());
    let (code, all) = findings(&dir, false);
    assert_eq!(code, 0, "{all:?}");
    // The example number, and the three texts of site.yaml still in
    // English in `fr`.
    let untranslated = all
        .iter()
        .filter(|(code, file)| code == "i18n/untranslated-setting" && file == "content/site.yaml")
        .count();
    assert_eq!((all.len(), untranslated), (4, 3), "{all:?}");
    loa_in(&dir, &["build"]).ok();
    let html = scraper::Html::parse_document(
        &std::fs::read_to_string(dir.join("public/phuong-mau/fr/index.html")).unwrap(),
    );
    assert_eq!(attrs(&html, "html", "lang"), ["fr"]);
}

#[test]
fn a_folder_that_is_not_empty_is_refused_and_left_as_it_was() {
    let c = Campaign::fixture("build", "basic");
    let before = snapshot_tree(c.root());
    let run = c.loa(&["init"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not empty") && run.stderr.contains("nothing was written"));
    assert_eq!(snapshot_tree(c.root()), before);
    // Bad language codes and names are refused before anything is written.
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        vec!["init", "x", "--lang", "VI"],
        vec!["init", "x", "--lang", "../en"],
        vec!["init", "x", "--name", "a\u{7}b"],
    ] {
        let run = loa_in(tmp.path(), &args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(!tmp.path().join("x").exists(), "{args:?}");
    }
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

/// Regression (issue 22): `--name` wrote the Vietnamese name into the
/// English title too, so the English site's header was Vietnamese and
/// check said nothing. The English name is given with `--name-en`;
/// without it, init says so, marks it in site.yaml, and check warns at
/// its line. The `.gitignore` ignores the picture cache.
#[test]
fn init_takes_a_name_in_each_language_or_says_which_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let run = loa_in(
        tmp.path(),
        &["init", "mot", "--name", "Chiến dịch phường Mẫu"],
    )
    .ok();
    assert!(
        run.stdout
            .contains("The title in `en` is the `vi` name for now"),
        "{}",
        run.stdout
    );
    let dir = tmp.path().join("mot");
    let site = std::fs::read_to_string(dir.join("content/site.yaml")).unwrap();
    assert!(site.contains("# Translate the title"), "{site}");
    let check = loa_in(&dir, &["check", "--format", "json"]);
    let report: Value = serde_json::from_str(&check.stdout).unwrap();
    let untranslated: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "i18n/untranslated-setting")
        .collect();
    assert_eq!(untranslated.len(), 1, "{report}");
    let line = untranslated[0]["line"].as_u64().unwrap() as usize;
    assert!(
        site.lines().nth(line - 1).unwrap().starts_with("title:"),
        "{site}"
    );

    loa_in(
        tmp.path(),
        &[
            "init",
            "hai",
            "--name",
            "Chiến dịch phường Mẫu",
            "--name-en",
            "Mau Ward campaign",
        ],
    )
    .ok();
    let dir = tmp.path().join("hai");
    let (code, all) = findings(&dir, false);
    assert_eq!(code, 0);
    assert_eq!(all.len(), 1, "only the example number: {all:?}");
    loa_in(&dir, &["build"]).ok();
    for (page, name) in [
        ("index.html", "Chiến dịch phường Mẫu"),
        ("en/index.html", "Mau Ward campaign"),
    ] {
        let html = scraper::Html::parse_document(
            &std::fs::read_to_string(dir.join("public/phuong-mau").join(page)).unwrap(),
        );
        assert_eq!(texts(&html, ".site-title"), [name], "{page}");
    }
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "/.loa-cache/"), "{ignore}");
}
