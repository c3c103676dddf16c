//! Hotline validation, one fixture per finding: each case under
//! `tests/testsuite/hotlines/<case>/` is laid over the `build/basic`
//! campaign, and `expected.txt` holds the exact lines `loa build` must
//! print (file, line, column, code, message).

use crate::support::*;

fn case(name: &str) -> (Campaign, Run, String) {
    let c = Campaign::fixture("build", "basic");
    copy_dir(
        &fixtures("hotlines").join(name).join("content"),
        &c.root().join("content"),
    );
    let run = c.loa(&["build"]);
    let expected =
        std::fs::read_to_string(fixtures("hotlines").join(name).join("expected.txt")).unwrap();
    (c, run, expected)
}

fn assert_error(name: &str) {
    let (c, run, expected) = case(name);
    assert_eq!(run.code, 1, "{name}: {}", run.stderr);
    assert!(
        run.stderr.contains(expected.trim_end()),
        "{name}: expected\n{expected}\ngot\n{}",
        run.stderr
    );
    assert!(!c.out().exists(), "{name}: nothing written");
}

#[test]
fn bad_phone() {
    assert_error("bad-phone");
}

#[test]
fn duplicate_id() {
    assert_error("duplicate-id");
}

#[test]
fn unknown_district() {
    assert_error("unknown-district");
}

#[test]
fn missing_name_in_a_language() {
    assert_error("missing-name");
}

#[test]
fn unknown_category() {
    assert_error("unknown-category");
}

#[test]
fn verified_in_the_future() {
    assert_error("verified-future");
}

#[test]
fn unknown_pinned_id() {
    assert_error("unknown-pinned");
}

#[test]
fn local_entry_with_districts() {
    assert_error("local-with-districts");
}

#[test]
fn a_hotline_file_must_be_a_list() {
    assert_error("not-a-list");
}

#[test]
fn stale_verification_is_a_warning() {
    let (c, run, expected) = case("stale");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(expected.trim_end()),
        "expected\n{expected}\ngot\n{}",
        run.stderr
    );
    assert!(c.out().join("quan-a/hotlines/index.html").is_file());
}

#[test]
fn example_entries_are_marked() {
    let c = Campaign::fixture("build", "basic");
    c.build();
    let html = c.html("quan-a/en/hotlines/index.html");
    assert_eq!(attrs(&html, "li.is-example", "id"), ["quan-a-police"]);
    assert_eq!(
        texts(&html, "li.is-example .example-mark strong"),
        ["Example data:"]
    );
    assert!(texts(&c.html("quan-b/hotlines/index.html"), ".example-mark").is_empty());
}

/// The CSV export is opened in spreadsheets by district staff: a cell
/// starting with `=`, `+`, `-`, `@`, a tab or a carriage return would run as
/// a formula (OWASP "CSV injection"). Such cells get a `'` in front; the
/// JSON export keeps the exact text.
#[test]
fn csv_cells_cannot_run_as_formulas() {
    let c = Campaign::fixture("build", "basic");
    let hostile = [
        "=HYPERLINK(\"http://evil.example/\",\"Bấm\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1+1)",
        "\tTab",
        "\rCR",
    ];
    let mut yaml = String::new();
    for (i, name) in hostile.iter().enumerate() {
        yaml.push_str(&format!(
            "- id: hostile-{i}\n  name: {{ vi: {name:?}, en: {name:?} }}\n  phone: \"111\"\n  category: emergency\n  cost: free\n  source: {name:?}\n  verified: 2026-11-01\n"
        ));
    }
    c.write("content/hotlines/hostile.yaml", yaml);
    c.build();
    let csv_text = c.read("public/quan-a/hotlines/hotlines.csv");
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut seen = 0;
    for record in reader.records() {
        let record = record.unwrap();
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell {cell:?}"
            );
        }
        if let Some(i) = record[col("id")].strip_prefix("hostile-") {
            let i: usize = i.parse().unwrap();
            assert_eq!(record[col("name_vi")], format!("'{}", hostile[i]));
            seen += 1;
        }
    }
    assert_eq!(seen, hostile.len());
    let json: serde_json::Value =
        serde_json::from_str(&c.read("public/quan-a/hotlines/hotlines.json")).unwrap();
    let names: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["id"].as_str().unwrap().starts_with("hostile-"))
        .map(|row| row["name"]["vi"].as_str().unwrap())
        .collect();
    assert_eq!(names, hostile);
}

/// Pages that send readers to the ward's own numbers (`local_contacts:
/// true`) tell them to call 113 or 111 instead while none of those numbers
/// can be relied on: the district has none, or one of them is example data
/// (in 2026 every ward number of the Hanoi campaign was a placeholder that
/// cannot connect, and six pages sent readers to it). A district whose own
/// numbers are all checked, in its file or in a shared hotline file that
/// names it, shows no notice; a page without the key never shows it.
#[test]
fn unchecked_ward_numbers_send_readers_to_113_and_111() {
    let c = Campaign::fixture("hotlines", "local-contacts");
    c.build();
    let cases = [
        ("vi-du", true),
        ("nua-vi-du", true),
        ("khong-so", true),
        ("da-kiem", false),
        ("tep-chung", false),
    ];
    for (district, unchecked) in cases {
        for (prefix, title) in [
            ("", "Số của phường, xã bạn chưa được kiểm tra:"),
            (
                "en/",
                "Your ward or commune's numbers have not been checked:",
            ),
        ] {
            for page in ["skills/hoi-phuong", "hotlines"] {
                let file = format!("{district}/{prefix}{page}/index.html");
                let html = c.html(&file);
                let notice = texts(&html, "main p.local-unchecked strong");
                if unchecked {
                    assert_eq!(notice, [title], "{file}");
                    let hint = texts(&html, "main p.local-unchecked").concat();
                    assert!(
                        hint.contains("113") && hint.contains("111"),
                        "{file}: {hint}"
                    );
                } else {
                    assert!(notice.is_empty(), "{file}: {notice:?}");
                }
            }
            let other = format!("{district}/{prefix}skills/goi-113/index.html");
            assert!(
                texts(&c.html(&other), ".local-unchecked").is_empty(),
                "{other}: no `local_contacts`, no notice"
            );
        }
    }
}
