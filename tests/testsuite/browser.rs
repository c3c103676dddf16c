//! Pages as readers meet them: the fixture campaign and the bundled one are
//! built, served on 127.0.0.1 and checked in Debian's Chromium with
//! axe-core by `tests/browser/run.js` (see there for the list of checks).
//!
//! Needs `node`, `/usr/bin/chromium` (or `LOA_CHROMIUM`) and `npm ci
//! --prefix tests/browser`, so it is ignored by a plain `cargo test`;
//! `.ci/run` runs it with `--ignored`, and then anything missing is a
//! failure that names it.

use std::path::Path;
use std::process::Command;

use crate::support::*;

fn browser_ready(repo: &Path) -> Result<(), String> {
    let chromium = std::env::var("LOA_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Err(format!(
            "{chromium} is missing (apt-get install chromium fonts-noto-core)"
        ));
    }
    for module in ["playwright-core", "axe-core"] {
        if !repo
            .join("tests/browser/node_modules")
            .join(module)
            .exists()
        {
            return Err(format!(
                "{module} is missing (npm ci --prefix tests/browser)"
            ));
        }
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Err("node is missing".into());
    }
    Ok(())
}

#[test]
#[ignore = "needs Chromium, node and `npm ci --prefix tests/browser`; .ci/run runs it with --ignored"]
fn pages_pass_the_browser_checks() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Err(missing) = browser_ready(repo) {
        panic!("the browser checks cannot run: {missing}");
    }
    let fixture = Campaign::fixture("build", "basic");
    fixture.build();
    let bundled = Campaign::bundled();
    bundled.build();
    let artifacts = repo.join("tests/browser/artifacts");
    let output = Command::new("node")
        .arg(repo.join("tests/browser/run.js"))
        .arg("--site")
        .arg(format!("fixture={}", fixture.out().display()))
        .arg("--site")
        .arg(format!("hanoi={}", bundled.out().display()))
        .arg("--artifacts")
        .arg(&artifacts)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "browser checks failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("All browser checks passed"), "{stdout}");
    assert!(
        artifacts
            .join("hanoi-ba-dinh-vi-hotlines-360.png")
            .is_file()
    );
}

/// The editor's desk of `loa serve` passes the same checks as the theme,
/// in both languages, with and without JavaScript.
#[test]
#[ignore = "needs Chromium, node and `npm ci --prefix tests/browser`; .ci/run runs it with --ignored"]
fn the_desk_passes_the_browser_checks() {
    use std::io::BufRead;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Err(missing) = browser_ready(repo) {
        panic!("the browser checks cannot run: {missing}");
    }
    let fixture = Campaign::fixture("build", "basic");
    let mut server = Command::new(env!("CARGO_BIN_EXE_loa"))
        .env("LOA_LANG", "en")
        .args(["serve", "--port", "0"])
        .current_dir(fixture.root())
        .env("SOURCE_DATE_EPOCH", "1795910400")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start loa serve");
    let stdout = server.stdout.take().unwrap();
    let addr = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| {
            l.strip_prefix("Serving on http://")
                .map(|rest| rest.split('/').next().unwrap().to_string())
        })
        .expect("the preview says where it listens");
    let output = Command::new("node")
        .arg(repo.join("tests/browser/run.js"))
        .arg("--desk")
        .arg(format!("http://{addr}/"))
        .arg("--artifacts")
        .arg(repo.join("tests/browser/artifacts"))
        .output()
        .expect("run node");
    let _ = server.kill();
    let _ = server.wait();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "desk checks failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("desk: 2 language(s) checked"), "{stdout}");
    assert!(stdout.contains("call sheets: 4 checked"), "{stdout}");
}

/// Search in Chromium (`tests/browser/search.js`): one district of the
/// bundled campaign in both languages, served over HTTP and opened from
/// `file://` (an `--offline` build): the expected pages first for
/// accentless queries and a hotline number, nothing in the address, the
/// history or the title, the quick exit and Back leave no query, axe-clean,
/// no request to another site, and the A–Z list without JavaScript.
#[test]
#[ignore = "needs Chromium, node and `npm ci --prefix tests/browser`; .ci/run runs it with --ignored"]
fn search_works_online_and_from_disk_and_leaves_no_trace() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Err(missing) = browser_ready(repo) {
        panic!("the browser checks cannot run: {missing}");
    }
    let bundled = Campaign::bundled();
    bundled.build();
    bundled
        .loa(&["build", "--offline", "--out", "offline"])
        .ok();
    let output = Command::new("node")
        .arg(repo.join("tests/browser/search.js"))
        .arg("--online")
        .arg(bundled.out())
        .arg("--offline")
        .arg(bundled.root().join("offline"))
        .args(["--district", "ba-dinh", "--artifacts"])
        .arg(repo.join("tests/browser/artifacts"))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "search checks failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("All search checks passed"), "{stdout}");
}

/// The desk end to end in Chromium (`tests/browser/desk.js`): `loa
/// --no-open` on a copy of the bundled campaign with a `file://` target
/// for Ba Đình; in both staff languages a page made from the form and
/// seen in the preview, the ward's zips downloaded (the same entries and
/// bytes as `loa build --zip`), and a dry run then a publish that leaves
/// the built site at the target.
#[test]
#[ignore = "needs Chromium, node and `npm ci --prefix tests/browser`; .ci/run runs it with --ignored"]
fn the_desk_does_the_work_end_to_end_in_chromium() {
    use std::io::BufRead;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Err(missing) = browser_ready(repo) {
        panic!("the browser checks cannot run: {missing}");
    }
    let c = Campaign::bundled();
    let www = tempfile::tempdir().unwrap();
    let target = www.path().join("ba-dinh");
    let deploy = format!("  target: \"file://{}\"\n", target.display());
    let file = "content/districts/ba-dinh.yaml";
    c.write(file, format!("{}deploy:\n{deploy}", c.read(file)));
    crate::publish::allow_deploy(&c, &deploy);
    let mut desk = Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("--no-open")
        .current_dir(c.root())
        .env("SOURCE_DATE_EPOCH", "1795910400")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start loa");
    let stdout = desk.stdout.take().unwrap();
    let url = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| {
            l.split_once("http://")
                .map(|(_, rest)| format!("http://{}/", rest.split('/').next().unwrap()))
        })
        .expect("loa says where the desk is");
    let downloads = tempfile::tempdir().unwrap();
    let output = Command::new("node")
        .arg(repo.join("tests/browser/desk.js"))
        .args(["--url", &url, "--ward", "ba-dinh", "--target"])
        .arg(&target)
        .arg("--downloads")
        .arg(downloads.path())
        .arg("--artifacts")
        .arg(repo.join("tests/browser/artifacts"))
        .output()
        .expect("run node");
    let _ = desk.kill();
    let _ = desk.wait();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success() && stdout.contains("All desk steps passed"),
        "desk steps failed:\n{stdout}\n{stderr}"
    );
    // Both pages were written where `loa new` writes them.
    let made = "content/districts/ba-dinh/skills/trang-thu-tu-ban-bien-tap";
    assert!(
        c.read(&format!("{made}.md"))
            .contains("Trang thử từ bàn biên tập")
    );
    assert!(
        c.read(&format!("{made}.en.md"))
            .contains("A page made at the desk")
    );
    // The zips hold what `loa build --zip` puts in them.
    c.loa(&[
        "build",
        "--zip",
        "--district",
        "ba-dinh",
        "--out",
        "reference",
    ])
    .ok();
    for lang in ["vi", "en"] {
        for name in ["ba-dinh.zip", "ba-dinh-offline.zip"] {
            let got = zip_entries(&downloads.path().join(format!("{lang}-{name}")));
            let want = zip_entries(&c.root().join("reference").join(name));
            assert!(got.contains_key("index.html"), "{lang} {name}");
            assert_eq!(
                got.keys().collect::<Vec<_>>(),
                want.keys().collect::<Vec<_>>(),
                "{lang} {name}"
            );
            assert!(got == want, "{lang} {name}: contents differ");
        }
    }
    // The target holds the built site.
    let sent = snapshot_tree(&target);
    for (path, bytes) in snapshot_tree(&c.out().join("ba-dinh")) {
        if path != ".loa-output" {
            assert_eq!(sent.get(&path), Some(&bytes), "{path}");
        }
    }
}

/// The entries of a zip and their bytes.
fn zip_entries(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entries = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        entries.insert(entry.name().unwrap().to_string(), bytes);
    }
    entries
}

/// The preview's error overlay and the desk's findings are in Vietnamese
/// with `LOA_LANG=vi` (`tests/browser/staff.js`): a change that breaks a
/// page's front matter shows over the last good page, and on the desk,
/// with its help, in the staff's language and no English sentence.
#[test]
#[ignore = "needs Chromium, node and `npm ci --prefix tests/browser`; .ci/run runs it with --ignored"]
fn the_overlay_and_the_desk_speak_the_staff_language() {
    use std::io::BufRead;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Err(missing) = browser_ready(repo) {
        panic!("the browser checks cannot run: {missing}");
    }
    let fixture = Campaign::fixture("build", "basic");
    let mut server = Command::new(env!("CARGO_BIN_EXE_loa"))
        .env("LOA_LANG", "vi")
        .args(["serve", "--port", "0"])
        .current_dir(fixture.root())
        .env("SOURCE_DATE_EPOCH", "1795910400")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start loa serve");
    let mut lines = std::io::BufReader::new(server.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok);
    let addr = lines
        .find_map(|l| {
            l.strip_prefix("Đang xem trước ở http://")
                .map(|rest| rest.split('/').next().unwrap().to_string())
        })
        .expect("the preview says where it listens, in Vietnamese");
    lines
        .find(|l| l.starts_with("Đang theo dõi"))
        .expect("the preview watches");
    let page = "content/skills/tu-bao-ve.md";
    fixture.write(
        page,
        fixture.read(page).replacen("---\n", "---\ntitel: x\n", 1),
    );
    // The rebuild fails: the preview says so once it has the new errors.
    lines
        .find(|l| l.contains("lỗi: vẫn hiện các trang của lần lưu không lỗi gần nhất"))
        .expect("the failed rebuild is told");
    let output = Command::new("node")
        .arg(repo.join("tests/browser/staff.js"))
        .args(["--page", &format!("http://{addr}/quan-a/")])
        .args(["--desk", &format!("http://{addr}/")])
        .output()
        .expect("run node");
    let _ = server.kill();
    let _ = server.wait();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let seen: serde_json::Value = serde_json::from_str(stdout.trim()).expect("JSON");
    let overlay = seen["overlay"].as_str().unwrap();
    assert_eq!(seen["overlayLang"], "vi");
    assert!(overlay.contains("lần sửa vừa rồi có 1 lỗi"), "{overlay}");
    assert!(overlay.contains("loa không biết khóa `titel`"), "{overlay}");
    assert!(
        overlay.contains("cách sửa: có phải ý bạn là `title`?"),
        "{overlay}"
    );
    assert_eq!(english_words(overlay), Vec::<String>::new(), "{overlay}");
    let desk: Vec<&str> = seen["desk"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    let finding = desk
        .iter()
        .find(|f| f.contains("yaml/unknown-key"))
        .unwrap_or_else(|| panic!("{desk:#?}"));
    // The desk shows the catalogue's backticked words as code, without
    // the backticks.
    assert!(finding.contains("loa không biết khóa titel"), "{finding}");
    assert!(!finding.contains('`'), "{finding}");
    for f in &desk {
        assert_eq!(english_words(f), Vec::<String>::new(), "{f}");
    }
}
