//! The finding corpus: bad campaigns, one case per finding code, under
//! `tests/testsuite/check/<code>/`. Each case is laid over the `build/basic`
//! campaign (its `content/` and `themes/` files added or replaced, the files
//! in `remove.txt` removed, the variables of `env.txt` set); `expected.txt`
//! gives the exit status and every finding the case reports, one a line:
//! `severity code [file[:line[:column]]]`. The set is exact: a finding not
//! stated (a false positive) fails the case as a missing one does. File and
//! line are stated as reported (none when the finding has none); the column
//! only where it is given. The JSON report of every case is validated
//! against the schema.
//!
//! `tests/corpus.rs` runs each case as its own test, in parallel; the
//! testsuite's `check` module uses the schema and the comparison.

#![allow(
    dead_code,
    reason = "the corpus runner and the testsuite each use a part"
)]

use std::path::Path;

use serde_json::Value;

use crate::support::*;

/// `severity code file:line:column`, the place as precise as given.
pub type Finding = (String, String, Option<String>, Option<u64>, Option<u64>);

pub struct Expected {
    pub exit: i32,
    pub findings: Vec<Finding>,
}

pub fn expected(case: &Path) -> Expected {
    let text = std::fs::read_to_string(case.join("expected.txt")).unwrap();
    let mut lines = text.lines();
    let exit = lines
        .next()
        .and_then(|l| l.strip_prefix("exit "))
        .expect("first line: exit N")
        .parse()
        .unwrap();
    let findings = lines
        .filter(|l| !l.trim().is_empty())
        .map(finding)
        .collect();
    Expected { exit, findings }
}

/// One line of `expected.txt`: `severity code [file[:line[:column]]]`.
pub fn finding(l: &str) -> Finding {
    let mut parts = l.splitn(3, ' ');
    let severity = parts.next().unwrap().to_string();
    let code = parts.next().unwrap().to_string();
    let (file, line, column) = match parts.next() {
        None => (None, None, None),
        Some(place) => {
            // The file may contain spaces; the position is at the end.
            let mut pieces: Vec<&str> = place.rsplitn(3, ':').collect();
            pieces.reverse();
            let numbers: Vec<u64> = pieces
                .iter()
                .skip(1)
                .filter_map(|p| p.parse().ok())
                .collect();
            let file_end = pieces.len() - numbers.len();
            let file = pieces[..file_end].join(":");
            (
                Some(file),
                numbers.first().copied(),
                numbers.get(1).copied(),
            )
        }
    };
    (severity, code, file, line, column)
}

/// Cases that need what a fixture folder cannot hold.
fn special_setup(name: &str, c: &Campaign) {
    match name {
        "content--symlink-outside" => {
            let outside = c.root().parent().unwrap().join(format!(
                "{}-outside.md",
                c.root().file_name().unwrap().to_string_lossy()
            ));
            std::fs::write(&outside, "---\ntitle: Ngoài\n---\n").unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(&outside, c.root().join("content/skills/ngoai.md")).unwrap();
        }
        "theme--symlink-outside" => {
            let outside = c.root().parent().unwrap().join(format!(
                "{}-theme.css",
                c.root().file_name().unwrap().to_string_lossy()
            ));
            std::fs::write(&outside, "body {}").unwrap();
            std::fs::create_dir_all(c.root().join("themes/default/static")).unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(&outside, c.root().join("themes/default/static/extra.css"))
                .unwrap();
        }
        "content--unreadable" => {
            #[cfg(unix)]
            std::os::unix::fs::symlink("..", c.root().join("content/skills/vong")).unwrap();
        }
        "content--file-name" => {
            #[cfg(unix)]
            {
                use std::os::unix::ffi::OsStrExt;
                let name = std::ffi::OsStr::from_bytes(b"t\xEAn.md");
                std::fs::write(
                    c.root().join("content/skills").join(name),
                    "---\ntitle: X\n---\n",
                )
                .unwrap();
            }
        }
        // Made here: a checkout on Windows or macOS could not hold these.
        "content--name-clash" => c.write("content/skills/Goi-111.md", "---\ntitle: X\n---\n"),
        "theme--file-name" => c.write("themes/default/static/con.css", "body {}"),
        // A ward file of 8,000 hotlines, over the 1 MB YAML files may be.
        "content--yaml-too-large" => {
            let mut yaml =
                String::from("name: { vi: \"Quận C\", en: \"District C\" }\nhotlines:\n");
            for i in 0..8_000 {
                yaml.push_str(&format!(
                    "  - {{ id: quan-c-so-{i}, name: {{ vi: \"Số {i}\", en: \"Number {i}\" }}, phone: \"024 0000 {:04}\", category: police, cost: paid, verified: 2026-11-01 }}\n",
                    i % 10_000
                ));
            }
            assert!(yaml.len() > 1_048_576);
            c.write("content/districts/quan-c.yaml", yaml);
        }
        // Tables whose header is far wider than their rows.
        "page--table-cells" => {
            let table = format!(
                "{}|\n{}|\n{}\n",
                "|a".repeat(256),
                "|-".repeat(256),
                "|x\n".repeat(341)
            );
            c.write(
                "content/skills/bang-rong.md",
                format!("---\ntitle: Bảng\n---\n{}", table.repeat(3)),
            );
        }
        "page--too-large" => c.write(
            "content/skills/bang-lon.md",
            format!("---\ntitle: Bảng\n---\n{}", "| a | b |\n".repeat(240_000)),
        ),
        "theme--picture" => {
            // A PNG named as a picture, and a JPEG under another name.
            let mut png = Vec::new();
            image::RgbImage::new(4, 4)
                .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
                .unwrap();
            std::fs::create_dir_all(c.root().join("themes/default/static")).unwrap();
            std::fs::write(c.root().join("themes/default/static/logo.png"), &png).unwrap();
            std::fs::write(
                c.root().join("themes/default/static/banner.css"),
                [0xFF, 0xD8, 0xFF, 0xE1, 0, 0x10, b'E', b'x', b'i', b'f'],
            )
            .unwrap();
        }
        // A PNG whose header says 10000 × 9000 pixels (90 megapixels):
        // loa reads the header and refuses it before any pixel.
        "image--too-many-pixels" => {
            c.write("content/news/toan-canh.png", png_header_only(10_000, 9_000))
        }
        "i18n--missing-key" => {
            c.write(
                "themes/default/i18n/en.yaml",
                "hotline_note: \"Calls are free\"\n",
            );
            c.write(
                "themes/default/templates/page.html",
                "{% extends \"base.html\" %}\n{% block content %}<h1>{{ page.title }}</h1>{{ t.hotline_note }}{% endblock content %}\n",
            );
        }
        _ => {}
    }
}

/// A PNG of `width` × `height` pixels whose pixel data is one empty row:
/// enough for a reader of the header, made in a blink.
fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
        out
    };
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit grey, no interlace
    let mut row = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut row, &[0; 2]).unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &row.finish().unwrap()));
    png.extend(chunk(b"IEND", &[]));
    png
}

pub fn schema() -> jsonschema::Validator {
    let out = loa_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", "--schema"],
    )
    .ok();
    let schema: Value = serde_json::from_str(&out.stdout).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

pub fn validate(validator: &jsonschema::Validator, report: &Value) -> Result<(), String> {
    let errors: Vec<String> = validator
        .iter_errors(report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

/// Runs one case; returns what went wrong, if anything.
pub fn run_case(name: &str, validator: &jsonschema::Validator) -> Result<(), String> {
    let case = fixtures("check").join(name);
    let c = Campaign::fixture("build", "basic");
    for dir in ["content", "themes"] {
        if case.join(dir).is_dir() {
            copy_dir(&case.join(dir), &c.root().join(dir));
        }
    }
    if let Ok(list) = std::fs::read_to_string(case.join("remove.txt")) {
        for rel in list.lines().filter(|l| !l.is_empty()) {
            c.remove(rel);
        }
    }
    special_setup(name, &c);
    let expected = expected(&case);
    let env: Vec<(String, String)> = std::fs::read_to_string(case.join("env.txt"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            l.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect();
    let run = loa_env(c.root(), &["check", "--format", "json"], &env);
    let report: Value = serde_json::from_str(&run.stdout)
        .map_err(|e| format!("not JSON ({e}): {}{}", run.stdout, run.stderr))?;
    validate(validator, &report)?;
    if run.code != expected.exit {
        return Err(format!(
            "exit {} instead of {}: {}",
            run.code, expected.exit, run.stdout
        ));
    }
    if report["ok"] != Value::Bool(expected.exit == 0) {
        return Err("`ok` does not match the exit status".into());
    }
    if c.out().exists() {
        return Err("check wrote public/".into());
    }
    let findings = report["findings"].as_array().unwrap();
    compare(&expected.findings, findings)?;
    speaks_each_language(c.root(), &env, findings)
}

/// The same findings in Vietnamese (`LOA_LANG=vi`): in the same order and
/// places, every message and help without an English sentence; and the
/// English ones without a Vietnamese word (what a message quotes, such as
/// the template engine's own words, is not counted).
fn speaks_each_language(root: &Path, env: &[(String, String)], en: &[Value]) -> Result<(), String> {
    let mut env = env.to_vec();
    env.push(("LOA_LANG".into(), "vi".into()));
    let run = loa_env(root, &["check", "--format", "json"], &env);
    let report: Value = serde_json::from_str(&run.stdout)
        .map_err(|e| format!("not JSON in vi ({e}): {}{}", run.stdout, run.stderr))?;
    let vi = report["findings"].as_array().unwrap();
    let place = |f: &Value| ["severity", "code", "file", "line", "column"].map(|k| f[k].clone());
    if vi.iter().map(place).ne(en.iter().map(place)) {
        return Err(format!("vi findings differ from en: {vi:#?}"));
    }
    for (v, e) in vi.iter().zip(en) {
        for key in ["message", "help"] {
            let (Some(v), Some(e)) = (v[key].as_str(), e[key].as_str()) else {
                continue;
            };
            let english = english_words(v);
            if !english.is_empty() {
                return Err(format!("vi {key} has English {english:?}: {v}"));
            }
            let vietnamese = vietnamese_words(e);
            if !vietnamese.is_empty() {
                return Err(format!("en {key} has Vietnamese {vietnamese:?}: {e}"));
            }
        }
    }
    Ok(())
}

/// Is `f` the finding `expected` states? Severity, code, file and line must
/// be the same (a finding without a line is stated without one); the column
/// is compared where the statement gives one.
fn matches(expected: &Finding, f: &Value) -> bool {
    let (severity, code, file, line, column) = expected;
    f["severity"] == severity.as_str()
        && f["code"] == code.as_str()
        && f["file"].as_str() == file.as_deref()
        && f["line"].as_u64() == *line
        && column.is_none_or(|col| f["column"] == col)
}

/// A finding as `expected.txt` states it, with its message for the reader.
fn statement(f: &Value) -> String {
    let mut place = f["file"].as_str().map(str::to_string).unwrap_or_default();
    for key in ["line", "column"] {
        match f[key].as_u64() {
            Some(n) => place.push_str(&format!(":{n}")),
            None => break,
        }
    }
    format!(
        "{} {} {place}    ({})",
        f["severity"].as_str().unwrap_or_default(),
        f["code"].as_str().unwrap_or_default(),
        f["message"].as_str().unwrap_or_default()
    )
}

/// The findings must be exactly the stated ones: a stated finding missing
/// is a missed error, an unstated one a false positive (or an unstated
/// truth). Statements with a column are matched first, as they are the
/// more precise.
pub fn compare(expected: &[Finding], findings: &[Value]) -> Result<(), String> {
    let mut order: Vec<&Finding> = expected.iter().collect();
    order.sort_by_key(|f| f.4.is_none());
    let mut unmatched: Vec<&Value> = findings.iter().collect();
    let mut missing = Vec::new();
    for stated in order {
        match unmatched.iter().position(|f| matches(stated, f)) {
            Some(i) => {
                unmatched.remove(i);
            }
            None => missing.push(stated),
        }
    }
    if missing.is_empty() && unmatched.is_empty() {
        return Ok(());
    }
    let place = |(severity, code, file, line, column): &Finding| {
        let mut s = format!("{severity} {code}");
        if let Some(file) = file {
            s.push_str(&format!(" {file}"));
        }
        for n in [line, column].into_iter().map_while(|n| n.as_ref()) {
            s.push_str(&format!(":{n}"));
        }
        s
    };
    let mut text = String::new();
    for stated in missing {
        text.push_str(&format!("\n    missing:    {}", place(stated)));
    }
    for f in unmatched {
        text.push_str(&format!("\n    unexpected: {}", statement(f)));
    }
    Err(text)
}

/// What the campaign every case is laid over reports by itself: its
/// example hotline, and the two pages the preview tests need untranslated
/// (tests/testsuite/serve.rs renames and deletes them, and a translation
/// would stay at their address).
pub const BASE: &str = "\
warning hotline/example content/districts/quan-a.yaml:9:14
warning i18n/missing-translation content/news/tin-cu.md
warning i18n/missing-translation content/skills/chi-tieng-viet.md
warning print/no-base-url content/districts/quan-b.yaml
";

/// The campaign every case is laid over reports exactly [`BASE`].
pub fn the_base_reports_only_what_it_states() -> Result<(), String> {
    let c = Campaign::fixture("build", "basic");
    let run = c.loa(&["check", "--format", "json"]);
    if run.code != 0 {
        return Err(format!("exit {}: {}", run.code, run.stdout));
    }
    let report: Value = serde_json::from_str(&run.stdout).map_err(|e| e.to_string())?;
    let stated: Vec<Finding> = BASE.lines().map(finding).collect();
    compare(&stated, report["findings"].as_array().unwrap()).map_err(|e| format!("build/basic:{e}"))
}

pub fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures("check"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every code loa can report (as `loa check --explain` lists them) has a
/// case in the corpus, so a code that can no longer be produced shows up
/// too. What only `serve` reports (a folder gone while serving) cannot
/// happen in `check`; serve.rs tests it.
pub fn every_finding_code_has_a_case() -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let list = loa_in(dir.path(), &["check", "--explain"]).ok();
    let codes: std::collections::BTreeSet<String> = list
        .stdout
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|code| !code.starts_with("serve/"))
        .map(str::to_string)
        .collect();
    if codes.len() <= 50 {
        return Err(format!("found only {codes:?}"));
    }
    let mut covered = std::collections::BTreeSet::new();
    for name in case_names() {
        let text =
            std::fs::read_to_string(fixtures("check").join(&name).join("expected.txt")).unwrap();
        for line in text.lines().skip(1) {
            if let Some(code) = line.split(' ').nth(1) {
                covered.insert(code.to_string());
            }
        }
    }
    let missing: Vec<&String> = codes.difference(&covered).collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "codes without a case in tests/testsuite/check/: {missing:?}"
        ))
    }
}
