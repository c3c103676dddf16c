//! `loa check` as a whole: the bundled campaign, `--strict`, the human
//! report, external links, `--district` and `--explain`. The corpus of one
//! case per finding code is `tests/corpus.rs` (over `corpus.rs` here).

use serde_json::Value;

use crate::corpus::{schema, validate};
use crate::support::*;

#[test]
fn the_bundled_campaign_passes_check() {
    let c = Campaign::bundled();
    let run = c.loa(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("Ready to publish: 0 errors"),
        "{}",
        run.stdout
    );
}

#[test]
fn strict_fails_exactly_on_the_example_data() {
    let c = Campaign::bundled();
    let run = c.loa(&["check", "--strict", "--format", "json"]);
    assert_eq!(run.code, 1);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    validate(&schema(), &report).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        assert!(
            ["hotline/example", "page/example"].contains(&f["code"].as_str().unwrap()),
            "{f}"
        );
        assert_eq!(f["severity"], "error");
    }
    // Every entry and page marked as example data is among them.
    let mut examples = 0;
    for entry in walkdir::WalkDir::new(c.root().join("content")) {
        let entry = entry.unwrap();
        if entry
            .path()
            .extension()
            .is_some_and(|e| e == "yaml" || e == "md")
        {
            examples += std::fs::read_to_string(entry.path())
                .unwrap()
                .matches("example: true")
                .count();
        }
    }
    assert_eq!(findings.len(), examples);
    let human = c.loa(&["check", "--strict"]);
    assert!(
        human.stdout.contains("Every error is example data"),
        "{}",
        human.stdout
    );
}

#[test]
fn human_output_is_grouped_by_file_and_ends_with_a_summary() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/pages/gioi-thieu.md",
        "---\ntitle: \"Giới thiệu\"\n---\n\n[xem thêm](../skills/goi-111.md) và [cũ](cu.md)\n",
    );
    let run = c.loa(&["check"]);
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    assert!(!out.contains("\x1b["), "no colour when not on a terminal");
    let block = out
        .split("\n\n")
        .find(|b| b.starts_with("content/pages/gioi-thieu.md\n"))
        .expect(out);
    assert!(block.contains("5       error   link/broken"), "{block}");
    assert!(block.contains("5       warning a11y/vague-link"), "{block}");
    assert!(out.contains("Translations (pages written in each language / pages):"));
    assert!(out.contains("/skills/"));
    assert!(
        out.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("Not ready to publish: 1 error, "),
        "{out}"
    );
}

#[test]
fn external_links_are_listed_never_fetched() {
    let c = Campaign::fixture("build", "basic");
    let run = c.loa(&["check", "--list-external"]);
    assert!(
        run.stdout
            .contains("Links to other websites (1), not fetched:"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("content/skills/tu-bao-ve.md:20  https://example.org/"),
        "{}",
        run.stdout
    );
    let json: Value = serde_json::from_str(&c.loa(&["check", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["external_links"][0]["url"], "https://example.org/");
}

#[test]
fn district_option_checks_only_that_district() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/pages/gioi-thieu.md",
        "---\ntitle: \"Giới thiệu\"\n---\n\n[tin](/news/tin-rieng/)\n",
    );
    let both: Value = serde_json::from_str(&c.loa(&["check", "--format", "json"]).stdout).unwrap();
    assert!(
        both["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "link/missing-in-district")
    );
    let only_b: Value = serde_json::from_str(
        &c.loa(&["check", "--district", "quan-b", "--format", "json"])
            .stdout,
    )
    .unwrap();
    assert!(
        !only_b["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "link/missing-in-district")
    );
    assert_eq!(c.loa(&["check", "--district", "quan-z"]).code, 2);
}

/// With `--district`, the own folders of the other districts are not read:
/// a page of another ward that would stop the build (a broken link, a
/// misspelt key) neither stops this ward's build nor shows in its check,
/// and its sections are not in the translation table; without
/// `--district` both are reported.
#[test]
fn district_option_leaves_other_districts_folders_unread() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/districts/quan-b/news/hong.md",
        "---\ntitle: \"Hỏng\"\ntitel: x\n---\n\n[đâu](khong-co.md)\n",
    );
    let all: Value = serde_json::from_str(&c.loa(&["check", "--format", "json"]).stdout).unwrap();
    let files = |v: &Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["file"].as_str().map(str::to_string))
            .collect()
    };
    let broken = "content/districts/quan-b/news/hong.md";
    assert!(files(&all).iter().any(|f| f == broken), "{all}");
    assert_ne!(c.loa(&["build"]).code, 0);

    let only_a: Value = serde_json::from_str(
        &c.loa(&["check", "--district", "quan-a", "--format", "json"])
            .stdout,
    )
    .unwrap();
    assert!(
        !files(&only_a)
            .iter()
            .any(|f| f.starts_with("content/districts/quan-b/")),
        "{only_a}"
    );
    let rows = only_a["translations"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["district"] != "quan-b"), "{only_a}");
    c.loa(&["build", "--district", "quan-a"]).ok();
    assert!(
        c.root()
            .join("public/quan-a/skills/goi-111/index.html")
            .exists()
    );
}

/// The city's portal (`index.html` at the top of the output, the first
/// page a reader of the city's address meets) is checked as every
/// district's page is: a broken link and an empty button written in its
/// template are told at their lines there, by `loa check` and by the
/// checked build of `deploy --strict`; the bundled portal has none.
#[test]
fn the_city_portal_is_checked() {
    let c = Campaign::fixture("build", "basic");
    let clean: Value = serde_json::from_str(&c.loa(&["check", "--format", "json"]).stdout).unwrap();
    let portal = "themes/default/templates/portal.html";
    let on_portal = |report: &Value| -> Vec<(String, u64)> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["file"] == portal)
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(on_portal(&clean), [], "{clean:#}");
    let bundled =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(portal))
            .unwrap();
    let line = bundled.lines().position(|l| l == "<body>").unwrap() as u64 + 2;
    c.write(
        portal,
        bundled.replacen(
            "<body>\n",
            "<body>\n<p><a href=\"khong-co/\">Không có</a></p>\n<p><button></button></p>\n",
            1,
        ),
    );
    let run = c.loa(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut found = on_portal(&report);
    found.sort();
    assert_eq!(
        found,
        [
            ("a11y/empty-button".to_string(), line + 1),
            ("link/broken-output".to_string(), line)
        ],
        "{report:#}"
    );
    let message = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "link/broken-output")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("city portal"), "{message}");
    // With --district the portal still links to every district: those not
    // built now are not counted as broken links.
    let one: Value = serde_json::from_str(
        &c.loa(&["check", "--district", "quan-a", "--format", "json"])
            .stdout,
    )
    .unwrap();
    let mut found_one = on_portal(&one);
    found_one.sort();
    assert_eq!(found_one, found, "{one:#}");

    // deploy --strict checks the portal it builds the same way.
    let www = tempfile::tempdir().unwrap();
    let file = "content/districts/quan-a.yaml";
    let text = c.read(file);
    c.write(
        file,
        format!(
            "{text}deploy:\n  target: \"file://{}/quan-a\"\n",
            www.path().display()
        ),
    );
    crate::publish::allow_deploy(
        &c,
        &format!("  target: \"file://{}/\"\n", www.path().display()),
    );
    let run = c.loa(&["deploy", "--strict"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(&format!("{portal}:{line}")),
        "{}",
        run.stderr
    );
    assert!(!www.path().join("quan-a").exists());
}

/// `loa check --explain CODE` prints what a code means; a misspelt code is
/// a usage error that suggests the right one.
#[test]
fn explain_tells_what_a_code_means() {
    let dir = tempfile::tempdir().unwrap();
    let run = loa_in(dir.path(), &["check", "--explain", "hotline/stale"]).ok();
    assert!(
        run.stdout.starts_with("hotline/stale\n\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("hotline_max_age_days"),
        "{}",
        run.stdout
    );
    let wrong = loa_in(dir.path(), &["check", "--explain", "link/brokn"]);
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
    assert!(
        wrong.stderr.contains("did you mean `link/broken`?"),
        "{}",
        wrong.stderr
    );
}

/// The pages a district makes besides its content pages (the A–Z list, the
/// 404 page, the poster and the leaflet) are checked as the content pages
/// are: a link of their template to no file and a button without a name
/// are each told at their template's line, in both districts' output of
/// it once.
#[test]
fn the_a_z_404_poster_and_leaflet_pages_are_checked() {
    let c = Campaign::fixture("build", "basic");
    let templates = ["a-z.html", "404.html", "poster.html", "leaflet.html"];
    for name in templates {
        c.write(
            &format!("themes/default/templates/{name}"),
            "{% extends \"base.html\" %}\n{% block content %}<h1>Tiêu đề</h1>\n\
             <p><a href=\"khong-co/\">Không có</a></p>\n<p><button></button></p>\n\
             {% endblock content %}\n",
        );
    }
    let run = c.loa(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let at = |code: &str, file: &str, line: u64| {
        findings
            .iter()
            .filter(|f| f["code"] == code && f["file"] == file && f["line"] == line)
            .count()
    };
    for name in templates {
        let file = format!("themes/default/templates/{name}");
        assert_eq!(
            at("link/broken-output", &file, 3),
            1,
            "{name}: {findings:#?}"
        );
        assert_eq!(
            at("a11y/empty-button", &file, 4),
            1,
            "{name}: {findings:#?}"
        );
    }
    // On main only the content pages were checked: none of these was told.
    assert_eq!(
        findings
            .iter()
            .filter(|f| f["file"].as_str().is_some_and(|f| f.starts_with("themes/")))
            .count(),
        8,
        "{findings:#?}"
    );
}
