//! The bundled Hanoi campaign: it builds, each district's hotline directory
//! holds exactly its entries in order, numbers are tap-to-call, exports
//! match the YAML, and the skills, models and pages the programme needs are
//! there in both languages.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::support::*;

const DISTRICTS: [&str; 3] = ["ba-dinh", "hoan-kiem", "soc-son"];
const CATEGORIES: [&str; 6] = [
    "emergency",
    "police",
    "health",
    "counselling",
    "legal",
    "shelter",
];

/// One build of the bundled campaign shared by the tests of this module.
fn campaign() -> &'static Campaign {
    static BUILT: OnceLock<Campaign> = OnceLock::new();
    BUILT.get_or_init(|| {
        let c = Campaign::bundled();
        let run = c.build();
        assert!(!run.stderr.contains("error"), "{}", run.stderr);
        c
    })
}

#[derive(Debug, Deserialize)]
struct Entry {
    id: String,
    name: BTreeMap<String, String>,
    phone: String,
    category: String,
    #[serde(default)]
    districts: Option<serde_yaml::Value>,
    #[serde(default)]
    example: bool,
    #[serde(flatten)]
    _rest: BTreeMap<String, serde_yaml::Value>,
}

#[derive(Debug, Deserialize)]
struct District {
    #[serde(default)]
    hotlines: Vec<Entry>,
    #[serde(flatten)]
    _rest: BTreeMap<String, serde_yaml::Value>,
}

fn national() -> Vec<Entry> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/hotlines");
    let mut all = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "yaml"))
    {
        let list: Vec<Entry> =
            serde_yaml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        all.extend(list);
    }
    all
}

fn local(district: &str) -> Vec<Entry> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("content/districts/{district}.yaml"));
    let d: District = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    d.hotlines
}

/// The national entries and every district's own.
fn every_entry() -> Vec<Entry> {
    let mut all = national();
    for district in DISTRICTS {
        all.extend(local(district));
    }
    all
}

fn applies(entry: &Entry, district: &str) -> bool {
    match &entry.districts {
        None => true,
        Some(serde_yaml::Value::String(s)) => s == "all",
        Some(serde_yaml::Value::Sequence(list)) => {
            list.iter().any(|v| v.as_str() == Some(district))
        }
        Some(other) => panic!("unexpected districts: {other:?}"),
    }
}

/// The directory order, computed from the YAML independently of loa:
/// categories in order, the district's own entries first in each.
fn expected_ids(district: &str) -> Vec<String> {
    let national = national();
    let local = local(district);
    let mut ids = Vec::new();
    for category in CATEGORIES {
        ids.extend(
            local
                .iter()
                .filter(|e| e.category == category)
                .map(|e| e.id.clone()),
        );
        ids.extend(
            national
                .iter()
                .filter(|e| e.category == category && applies(e, district))
                .map(|e| e.id.clone()),
        );
    }
    ids
}

fn digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn each_directory_holds_exactly_its_entries_in_order() {
    let c = campaign();
    for district in DISTRICTS {
        for prefix in ["", "en/"] {
            let html = c.html(&format!("{district}/{prefix}hotlines/index.html"));
            let ids = attrs(&html, "li.hotline", "id");
            assert_eq!(ids, expected_ids(district), "{district} {prefix}");
            let headings = texts(&html, ".hotline-group h2");
            assert_eq!(
                headings[0],
                if prefix.is_empty() {
                    "Khẩn cấp"
                } else {
                    "Emergency"
                }
            );
        }
    }
}

#[test]
fn every_number_is_a_valid_tel_link() {
    let c = campaign();
    let all = every_entry();
    let by_id: BTreeMap<&str, &Entry> = all.iter().map(|e| (e.id.as_str(), e)).collect();
    for district in DISTRICTS {
        let html = c.html(&format!("{district}/hotlines/index.html"));
        for li in html.select(&sel("li.hotline")) {
            let id = li.value().attr("id").unwrap();
            let tel: Vec<&str> = li
                .select(&sel("a.call"))
                .filter_map(|a| a.value().attr("href"))
                .collect();
            // An example entry is shown, never offered as a call: its
            // number is a placeholder nobody has checked.
            if by_id[id].example {
                assert!(tel.is_empty(), "{id}: {tel:?}");
                let shown: Vec<String> = li
                    .select(&sel(".call-example .call-number"))
                    .map(|e| e.text().collect())
                    .collect();
                assert_eq!(shown, [by_id[id].phone.clone()], "{id}");
            } else {
                assert_eq!(tel, [format!("tel:{}", digits(&by_id[id].phone))], "{id}");
            }
        }
        for page in html_files(&c.out().join(district)) {
            let html = c.html(&format!("{district}/{page}"));
            for href in attrs(&html, "a[href^='tel:']", "href") {
                let number = href.trim_start_matches("tel:");
                let ok = matches!(number, "111" | "112" | "113" | "114" | "115")
                    || ((number.starts_with("1800") || number.starts_with("1900"))
                        && matches!(number.len(), 8 | 10))
                    || (number.starts_with("02") && number.len() == 11)
                    || (number.starts_with('0') && number.len() == 10);
                assert!(
                    ok && number.chars().all(|c| c.is_ascii_digit()),
                    "{district}/{page}: {href}"
                );
            }
        }
    }
}

#[test]
fn pinned_numbers_are_on_every_page() {
    let c = campaign();
    for district in DISTRICTS {
        for page in html_files(&c.out().join(district)) {
            let html = c.html(&format!("{district}/{page}"));
            // 113 first: whoever is in danger right now, a child too, calls
            // the police first, then 111.
            assert_eq!(
                attrs(&html, ".pinned a.call", "href"),
                ["tel:113", "tel:111"],
                "{district}/{page}"
            );
        }
    }
}

#[test]
fn exports_parse_and_match_the_yaml() {
    let c = campaign();
    let all = every_entry();
    let by_id: BTreeMap<&str, &Entry> = all.iter().map(|e| (e.id.as_str(), e)).collect();
    for district in DISTRICTS {
        let json: serde_json::Value =
            serde_json::from_str(&c.read(&format!("public/{district}/hotlines/hotlines.json")))
                .unwrap();
        let rows = json.as_array().unwrap();
        let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, expected_ids(district));
        for row in rows {
            let entry = by_id[row["id"].as_str().unwrap()];
            assert_eq!(row["phone"], entry.phone.as_str());
            assert_eq!(row["name"]["vi"], entry.name["vi"].as_str());
            assert_eq!(row["name"]["en"], entry.name["en"].as_str());
            assert_eq!(row["category"], entry.category.as_str());
            assert_eq!(row["example"], entry.example);
        }

        let bytes =
            std::fs::read(c.out().join(format!("{district}/hotlines/hotlines.csv"))).unwrap();
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        let text = text
            .strip_prefix('\u{feff}')
            .expect("a byte-order mark for spreadsheets");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), rows.len());
        for record in &records {
            let entry = by_id[&record[col("id")]];
            assert_eq!(&record[col("phone")], entry.phone);
            assert_eq!(&record[col("name_vi")], entry.name["vi"]);
            assert_eq!(&record[col("name_en")], entry.name["en"]);
            assert_eq!(&record[col("tel")], digits(&entry.phone));
        }
    }
}

#[test]
fn only_national_emergency_numbers_are_published_as_real() {
    let all = every_entry();
    for entry in &all {
        if !entry.example {
            assert!(
                matches!(entry.phone.as_str(), "111" | "113" | "114" | "115"),
                "{} is not example data",
                entry.id
            );
        }
    }
    let c = campaign();
    let html = c.html("ba-dinh/hotlines/index.html");
    let marked = attrs(&html, "li.is-example", "id");
    let examples: Vec<String> = expected_ids("ba-dinh")
        .into_iter()
        .filter(|id| all.iter().any(|e| &e.id == id && e.example))
        .collect();
    assert_eq!(marked, examples);
    assert_eq!(
        html.select(&sel("li.is-example .example-mark")).count(),
        examples.len()
    );
}

#[test]
fn six_skills_in_both_languages_pickable_by_audience() {
    let c = campaign();
    let skills = c.html("ba-dinh/skills/index.html");
    let all = attrs(&skills, "#all-pages + .page-list > li > a", "href");
    assert!(all.len() >= 6, "{all:?}");
    for href in &all {
        let slug = href
            .trim_start_matches("./")
            .trim_start_matches("../")
            .trim_start_matches("skills/");
        let en = c.html(&format!("ba-dinh/en/skills/{slug}index.html"));
        // The fallback notice, not the unchecked-ward-numbers one most
        // skills carry while the ward numbers are example data.
        assert!(
            texts(&en, ".notice:not(.local-unchecked)").is_empty(),
            "{slug} is translated"
        );
        assert!(!texts(&en, ".meta").is_empty(), "{slug} names its audience");
    }
    let picker = attrs(&skills, ".audience-picker a", "href");
    assert!(picker.contains(&"#for-children".to_string()), "{picker:?}");
    for anchor in picker {
        let id = anchor.trim_start_matches('#');
        assert_eq!(
            skills.select(&sel(&format!("section h2#{id}"))).count(),
            1,
            "{id}"
        );
    }
}

#[test]
fn models_run_where_they_say_and_homes_show_them() {
    let c = campaign();
    let models = attrs(
        &c.html("ba-dinh/models/index.html"),
        "#all-pages + .page-list > li > a",
        "href",
    );
    assert!(models.len() >= 4, "{models:?}");
    let home_models = |district: &str| {
        attrs(
            &c.html(&format!("{district}/index.html")),
            "#models-title + .page-list a",
            "href",
        )
    };
    assert!(
        home_models("soc-son")
            .iter()
            .any(|h| h.contains("lang-que-an-toan"))
    );
    assert!(
        !home_models("ba-dinh")
            .iter()
            .any(|h| h.contains("lang-que-an-toan"))
    );
    assert!(
        home_models("ba-dinh")
            .iter()
            .any(|h| h.contains("to-dan-pho-an-toan"))
    );
    assert!(
        !home_models("soc-son")
            .iter()
            .any(|h| h.contains("to-dan-pho-an-toan"))
    );
}

#[test]
fn districts_have_their_own_news_and_overrides() {
    let c = campaign();
    assert!(
        c.out()
            .join("ba-dinh/news/phuong-ba-dinh-moi-tim-tro-giup-gan-nha/index.html")
            .is_file()
    );
    assert!(
        !c.out()
            .join("hoan-kiem/news/phuong-ba-dinh-moi-tim-tro-giup-gan-nha")
            .exists()
    );
    let hk = c.read("public/hoan-kiem/models/to-dan-pho-an-toan/index.html");
    let bd = c.read("public/ba-dinh/models/to-dan-pho-an-toan/index.html");
    assert!(hk.contains("Hoàn Kiếm") && !bd.contains("phường Hoàn Kiếm"));
}

#[test]
fn programme_pages_are_there_and_the_quick_exit_explains_itself() {
    let c = campaign();
    let about = c.read("public/ba-dinh/pages/ve-de-an/index.html");
    for target in ["100%", "80%", "50%"] {
        assert!(
            about.contains(target),
            "about page lists the {target} targets"
        );
    }
    let news = c.read("public/ba-dinh/news/index.html");
    assert!(
        news.contains("2023-06"),
        "the June 2023 conference is in the news"
    );
    for district in DISTRICTS {
        for page in html_files(&c.out().join(district)) {
            if page == "404.html" {
                continue; // absolute links, checked below
            }
            let html = c.html(&format!("{district}/{page}"));
            let exit_help = attrs(&html, ".exit-help", "href");
            assert_eq!(exit_help.len(), 1, "{page}");
            let target = resolve(&format!("{district}/{page}"), &exit_help[0])
                .unwrap()
                .0;
            assert!(
                target.ends_with("pages/xoa-dau-vet/index.html"),
                "{page}: {target}"
            );
        }
    }
    let not_found = c.html("ba-dinh/404.html");
    assert_eq!(
        attrs(&not_found, ".exit-help", "href"),
        ["https://ba-dinh.example.org/pages/xoa-dau-vet/"]
    );
    let skill = c.html("ba-dinh/skills/co-the-em-la-cua-em/index.html");
    assert!(
        attrs(&skill, ".safety-box a", "href")
            .iter()
            .any(|h| h.contains("xoa-dau-vet"))
    );
}

#[test]
fn the_bundled_campaign_links_resolve() {
    let problems = broken_links(&campaign().out());
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Every bundled ward number is still example data, so each page that sends
/// readers to "your ward's Women's Union in the directory" (issue 29 named
/// six of them) must tell them to call 113 or 111 instead, in every
/// district and both languages; a page that does not point there (the
/// children's page) shows no such notice.
#[test]
fn pages_pointing_to_ward_numbers_say_to_call_113_or_111() {
    let c = campaign();
    let pages = [
        "skills/an-toan-tren-mang-va-dien-thoai-dung-chung",
        "skills/nhan-biet-dau-hieu-bao-luc",
        "skills/ho-tro-nguoi-bi-bao-luc-khong-do-loi",
        "skills/khi-ban-muon-dung-bao-luc",
        "skills/hang-xom-co-the-lam-gi",
        "skills/quyen-cua-ban-va-su-bao-ve-cua-phap-luat",
        "skills/goi-111-113-dieu-gi-se-xay-ra",
        "hotlines",
    ];
    for district in DISTRICTS {
        for lang in ["", "en/"] {
            for page in pages {
                let file = format!("{district}/{lang}{page}/index.html");
                let notice = texts(&c.html(&file), "main p.local-unchecked").concat();
                assert!(
                    notice.contains("113") && notice.contains("111"),
                    "{file}: {notice:?}"
                );
            }
            let other = format!("{district}/{lang}skills/co-the-em-la-cua-em/index.html");
            assert!(
                texts(&c.html(&other), ".local-unchecked").is_empty(),
                "{other}"
            );
        }
    }
}
