//! Hostile names and hostile timing: no name in the campaign tree becomes a
//! path outside the output, a killed or concurrent build never leaves the
//! output missing or half-written, and a build keeps what it did not write.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use proptest::prelude::*;

use crate::support::*;

/// Every path under `dir` whose name contains `needle`.
fn find_named(dir: &Path, needle: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .max_depth(8)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(needle))
        .map(|e| e.into_path())
        .collect()
}

const PAGE: &str = "---\ntitle: \"Trang lạ\"\n---\n\nNội dung.\n";

/// Regression: `x\..\..\..\owned.md` was read as a path with `..` parts and
/// its page was written outside the output folder, with exit status 0.
#[test]
fn a_backslash_name_is_refused_and_nothing_is_written_outside() {
    let c = Campaign::fixture("build", "basic");
    c.build();
    let before = snapshot_tree(&c.out());
    let needle = "owned-bs";
    c.write(&format!("content/skills/x\\..\\..\\..\\{needle}.md"), PAGE);
    c.write(&format!("content/skills/y\\..\\..\\{needle}2.png"), "png");
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("content/file-name"), "{}", run.stderr);
    assert!(run.stderr.contains("backslash"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("rename it, for example to `x-owned-bs.md`"),
        "{}",
        run.stderr
    );
    let escaped: Vec<PathBuf> = find_named(c.root(), needle)
        .into_iter()
        .filter(|p| !p.starts_with(c.root().join("content")))
        .collect();
    assert!(escaped.is_empty(), "{escaped:?}");
    assert!(
        find_named(&std::env::temp_dir(), needle)
            .iter()
            .all(|p| p.starts_with(c.root()))
    );
    assert_eq!(
        snapshot_tree(&c.out()),
        before,
        "a failed build changed public/"
    );
}

/// One name of each class that breaks a site on Windows or a USB stick, or
/// could disguise itself, is an error naming the file, and the build fails
/// without touching the output.
#[test]
fn every_class_of_bad_name_is_an_error_with_the_file() {
    let cases: &[(&str, &str)] = &[
        ("content/skills/a\u{1}b.md", "control character"),
        ("content/skills/tab\tname.md", "control character"),
        ("content/skills/con.md", "reserves for a device"),
        ("content/skills/NUL.tar.png", "reserves for a device"),
        ("content/skills/com1/index.md", "reserves for a device"),
        ("content/skills/LPT9.md", "reserves for a device"),
        ("content/skills/cham.", "ends in a dot or a space"),
        ("content/skills/space.md ", "ends in a dot or a space"),
        ("content/skills/folder./a.md", "ends in a dot or a space"),
        ("content/skills/what?.md", "do not allow"),
        ("content/skills/a:b.md", "do not allow"),
        ("content/skills/a|b.png", "do not allow"),
        ("content/skills/gpj\u{202E}gnp.md", "invisible formatting"),
        ("themes/default/static/con.css", "reserves for a device"),
        ("themes/default/static/x\\..\\y.css", "backslash"),
    ];
    for (rel, why) in cases {
        let c = Campaign::fixture("build", "basic");
        c.write(rel, PAGE);
        let run = c.loa(&["build"]);
        assert_eq!(run.code, 1, "{rel:?}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains(why), "{rel:?}: {}", run.stderr);
        assert!(run.stderr.contains("file-name"), "{rel:?}: {}", run.stderr);
        assert!(!c.out().exists(), "{rel:?}: a failed build wrote public/");
        // The terminal never receives the raw control character.
        assert!(!run.stderr.contains('\u{1}'), "{rel:?}");
    }
}

/// Two names that are one file on Windows and macOS (case, or accents
/// encoded two ways) are an error naming both.
#[test]
fn names_that_differ_only_by_case_clash() {
    let c = Campaign::fixture("build", "basic");
    c.write("content/skills/Goi-111.md", PAGE);
    c.write("content/Skills/khac.md", PAGE);
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/name-clash"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/skills/Goi-111.md"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/Skills"), "{}", run.stderr);
}

fn strategy_name() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "..",
        ".",
        "\\",
        "/",
        "a",
        "Đ",
        "ệ",
        "e\u{301}",
        "con",
        "NUL",
        "com1",
        " ",
        "\u{0}",
        "\u{1b}[2J",
        "\u{202E}",
        ":",
        "*",
        "?",
        "~",
        "-",
        "_",
        "%2e",
        "..\\..\\",
    ]);
    prop::collection::vec(pieces, 1..6).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Random file and folder names never lead to a write outside the output.
    #[test]
    fn random_names_never_write_outside(folder in strategy_name(), file in strategy_name()) {
        let c = Campaign::fixture("build", "basic");
        let marker = "zz-probe-marker";
        let name = format!("{file}{marker}.md");
        let dir = c.root().join("content/skills").join(&folder);
        // Names the file system itself refuses (NUL, `/`) cannot reach loa.
        let Ok(()) = fs::create_dir_all(&dir) else { return Ok(()) };
        let Ok(()) = fs::write(dir.join(&name), PAGE) else { return Ok(()) };
        let _ = c.loa(&["build"]);
        for path in find_named(c.root(), marker) {
            prop_assert!(
                path.starts_with(c.root().join("content")) || path.starts_with(c.out()),
                "written outside: {}", path.display()
            );
        }
    }
}

/// Kills builds at random moments: `public/` is there after every one,
/// whole (its portal and marker present), and the next build leaves no
/// staging folder behind.
#[test]
fn a_killed_build_never_leaves_the_output_missing() {
    let c = Campaign::bundled();
    c.build();
    let parent = c.root();
    for i in 0..12u64 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
            .arg("build")
            .current_dir(parent)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(5 + i * 9));
        let _ = child.kill();
        let _ = child.wait();
        assert!(c.out().join("index.html").is_file(), "run {i}: no portal");
        assert!(c.out().join(".loa-output").is_file(), "run {i}: no marker");
        assert!(
            c.out().join("ba-dinh/index.html").is_file(),
            "run {i}: no district"
        );
    }
    // A failed build cleans up too.
    c.write("content/skills/hong.md", "no front matter");
    assert_eq!(c.loa(&["build"]).code, 1);
    c.remove("content/skills/hong.md");
    c.build();
    let leftovers: Vec<String> = fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("loa-staging") || n.contains("loa-old") || n.contains("aside"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Two builds at once into the same output both succeed, one after the
/// other, and the output is whole.
#[test]
fn concurrent_builds_take_turns() {
    let c = Campaign::bundled();
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_loa"))
            .arg("build")
            .current_dir(c.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children: Vec<_> = (0..3).map(|_| spawn()).collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let fresh = Campaign::bundled();
    fresh.build();
    let mut built = snapshot_tree(&c.out());
    let mut expected = snapshot_tree(&fresh.out());
    built.remove(".loa-output");
    expected.remove(".loa-output");
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
}

/// Regression: `public/.git/` (a GitHub Pages checkout) and `public/CNAME`
/// disappeared on the next build. They are kept, in full builds and in
/// `--district` builds, and the build says so.
#[test]
fn a_build_keeps_what_it_did_not_write() {
    let c = Campaign::fixture("build", "basic");
    c.build();
    c.write("public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    c.write("public/.git/objects/ab/cdef", "object");
    c.write("public/CNAME", "phongchongbaoluc.example.org\n");
    c.write("public/quan-a/.nojekyll", "");
    #[cfg(unix)]
    std::os::unix::fs::symlink("CNAME", c.out().join("cname-link")).unwrap();
    let run = c.build();
    assert!(
        run.stdout.contains("Kept what loa did not write"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(".git") && run.stdout.contains("CNAME"),
        "{}",
        run.stdout
    );
    let district = c.loa(&["build", "--district", "quan-a"]).ok();
    assert!(
        district.stdout.contains("quan-a/.nojekyll"),
        "{}",
        district.stdout
    );
    c.build();
    assert_eq!(c.read("public/.git/HEAD"), "ref: refs/heads/gh-pages\n");
    assert_eq!(c.read("public/.git/objects/ab/cdef"), "object");
    assert_eq!(c.read("public/CNAME"), "phongchongbaoluc.example.org\n");
    assert!(c.out().join("quan-a/.nojekyll").is_file());
    #[cfg(unix)]
    assert_eq!(
        fs::read_link(c.out().join("cname-link")).unwrap(),
        Path::new("CNAME")
    );
    // What loa wrote and no longer writes is still removed.
    c.remove("content/skills/chi-tieng-viet.md");
    c.build();
    assert!(!c.out().join("quan-a/skills/chi-tieng-viet").exists());
}

/// An output written by an older loa (a marker without the list of files)
/// still keeps hidden entries and `CNAME`.
#[test]
fn an_older_output_keeps_hidden_files_and_cname() {
    let c = Campaign::fixture("build", "basic");
    c.build();
    c.write(
        "public/.loa-output",
        "This folder was written by loa; each build replaces it.\n",
    );
    c.write("public/.git/HEAD", "x");
    c.write("public/CNAME", "y");
    c.build();
    assert_eq!(c.read("public/.git/HEAD"), "x");
    assert_eq!(c.read("public/CNAME"), "y");
}

/// Regression: 600 nested `<blockquote>`s in raw HTML were published, and
/// 20,000 nested `<div>`s took 11 s to sanitise (a million `<span>`s over
/// 1 GB). Raw HTML is bounded like Markdown nesting, in one linear pass:
/// the page is an error with its line, and no parser sees it.
#[test]
fn deeply_nested_raw_html_is_an_error_not_a_slow_build() {
    for (tag, count) in [("blockquote", 600), ("div", 20_000), ("span", 1_000_000)] {
        let c = Campaign::fixture("build", "basic");
        c.write(
            "content/skills/sau.md",
            format!(
                "---\ntitle: Sâu\n---\n\nMở đầu.\n\n{}\n",
                format!("<{tag}>").repeat(count)
            ),
        );
        let run = c.loa(&["build"]);
        assert_eq!(run.code, 1, "{tag}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("content/skills/sau.md:7: error[page/too-deep]"),
            "{tag}: {}",
            run.stderr
        );
        assert!(!c.out().exists());
    }
    // Thirty levels of honest HTML are fine.
    let c = Campaign::fixture("build", "basic");
    let fine = format!("{}x{}", "<div>".repeat(30), "</div>".repeat(30));
    c.write(
        "content/skills/vua.md",
        format!("---\ntitle: Vừa\n---\n\n{fine}\n"),
    );
    c.build();
}
