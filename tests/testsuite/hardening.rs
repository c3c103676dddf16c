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
    // Unique to this run: other test runs may share the temporary folder.
    let needle = format!("owned-bs{}", std::process::id());
    c.write(&format!("content/skills/x\\..\\..\\..\\{needle}.md"), PAGE);
    c.write(&format!("content/skills/y\\..\\..\\{needle}2.png"), "png");
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("content/file-name"), "{}", run.stderr);
    assert!(run.stderr.contains("backslash"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("rename it, for example to `x-{needle}.md`")),
        "{}",
        run.stderr
    );
    let escaped: Vec<PathBuf> = find_named(c.root(), &needle)
        .into_iter()
        .filter(|p| !p.starts_with(c.root().join("content")))
        .collect();
    assert!(escaped.is_empty(), "{escaped:?}");
    assert!(
        find_named(&std::env::temp_dir(), &needle)
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

/// Regression: two attachments whose names differ only by how their
/// accents are encoded (NFC `tài-liệu.txt` beside NFD, as macOS saves it)
/// were both published to one file, the second silently replacing the
/// first, with no finding: on a Mac or a Windows disk they are one file.
#[test]
fn names_that_differ_only_by_accent_encoding_clash() {
    let c = Campaign::fixture("build", "basic");
    let nfc = "t\u{e0}i-li\u{1ec7}u.txt";
    let nfd = "ta\u{300}i-lie\u{323}\u{302}u.txt";
    c.write(&format!("content/skills/{nfc}"), "một\n");
    c.write(&format!("content/skills/{nfd}"), "hai\n");
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/name-clash"), "{}", run.stderr);
    assert!(!c.out().exists(), "nothing may be written");
    // Folders too: `Ảnh/` and its decomposed twin.
    let c = Campaign::fixture("build", "basic");
    c.write("content/skills/\u{1ea2}nh/a.txt", "một\n");
    c.write("content/skills/A\u{309}nh/b.txt", "hai\n");
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/name-clash"), "{}", run.stderr);
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

/// Kills builds at moments told by what the build has written (not by
/// time, which depends on the machine): at once, when its staging folder
/// appears, after 1, 10, 50 and 200 files in it, and once it has ended.
/// `public/` is there after every one, whole (its portal and marker
/// present), and the next build leaves no staging folder behind.
#[test]
fn a_killed_build_never_leaves_the_output_missing() {
    let c = Campaign::bundled();
    c.build();
    let parent = c.root();
    let staging = || {
        fs::read_dir(parent)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().contains("loa-staging"))
    };
    let files_in = |dir: &Path| {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count()
    };
    // `None`: at once; `Some(n)`: once the staging folder holds n files.
    let moments = [
        None,
        Some(0),
        Some(1),
        Some(10),
        Some(50),
        Some(200),
        Some(usize::MAX),
    ];
    for (i, moment) in moments.into_iter().enumerate() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
            .env("LOA_LANG", "en")
            .arg("build")
            .current_dir(parent)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if let Some(n) = moment {
            // Polls the build's state until the moment comes or the build
            // ends (`usize::MAX`: not before it ends).
            while child.try_wait().unwrap().is_none() {
                if staging().is_some_and(|s| n != usize::MAX && files_in(&s) >= n) {
                    break;
                }
                std::thread::yield_now();
            }
        }
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

/// Regression: a build killed while writing, then a build that fails (a
/// broken `site.yaml`) left `.public.loa-staging-*` behind: the failing
/// build stopped before it took the lock and cleaned up. Now every build
/// removes, first thing, the staging folders whose build is gone.
#[test]
fn a_failing_build_removes_what_killed_builds_left() {
    let c = Campaign::bundled();
    let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
        .env("LOA_LANG", "en")
        .arg("build")
        .current_dir(c.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let staging = c.root().join(format!(".public.loa-staging-{}", child.id()));
    let start = std::time::Instant::now();
    while !staging.exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it wrote"
        );
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no staging folder"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(staging.exists(), "the killed build left its staging folder");
    let site = c.read("content/site.yaml");
    c.write("content/site.yaml", "title: [broken\n");
    assert_eq!(c.loa(&["build"]).code, 1);
    assert!(
        !staging.exists(),
        "the failed build left {}",
        staging.display()
    );

    // While another build holds the output's lock, only the folders of
    // builds that are gone are removed; a running build's stays.
    let gone = c.root().join(".public.loa-staging-999999999/quan-a");
    let running = c
        .root()
        .join(format!(".public.loa-staging-{}", std::process::id()));
    fs::create_dir_all(&gone).unwrap();
    fs::create_dir_all(&running).unwrap();
    let mut holder = Command::new("flock")
        .arg(c.root())
        .args(["-c", "echo locked; read line"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut said = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(holder.stdout.as_mut().unwrap()),
        &mut said,
    )
    .unwrap();
    assert_eq!(said, "locked\n");
    assert_eq!(c.loa(&["build"]).code, 1);
    // Closing its input ends the holder, and the lock with it.
    drop(holder.stdin.take());
    holder.wait().unwrap();
    assert!(
        !gone.parent().unwrap().exists(),
        "a dead build's folder stayed"
    );
    assert!(running.exists(), "a running build's folder was removed");
    fs::remove_dir(&running).unwrap();
    c.write("content/site.yaml", site);
    c.build();
}

/// Two builds at once into the same output both succeed, one after the
/// other, and the output is whole.
#[test]
fn concurrent_builds_take_turns() {
    let c = Campaign::bundled();
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_loa"))
            .env("LOA_LANG", "en")
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
    // A million `<span>`s (6 MB) is now over the page size limit first.
    for (tag, count) in [("blockquote", 600), ("div", 20_000), ("span", 300_000)] {
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
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/skills/sau.md",
        format!("---\ntitle: Sâu\n---\n\n{}\n", "<span>".repeat(1_000_000)),
    );
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/skills/sau.md: error[page/too-large]"),
        "{}",
        run.stderr
    );
    // Thirty levels of honest HTML are fine.
    let c = Campaign::fixture("build", "basic");
    let fine = format!("{}x{}", "<div>".repeat(30), "</div>".repeat(30));
    c.write(
        "content/skills/vua.md",
        format!("---\ntitle: Vừa\n---\n\n{fine}\n"),
    );
    c.build();
}

/// Regression: a `base_url` longer than any QR code holds (over 2,900
/// bytes) made the poster's QR code panic the build. An address readers
/// type from paper is at most 200 characters, refused with its line; at
/// 200 the poster is built with its code.
#[test]
fn a_base_url_too_long_for_paper_is_an_error_not_a_panic() {
    let district = |url: &str| {
        format!("name: {{ vi: \"Quận A\", en: \"District A\" }}\nbase_url: \"{url}\"\n")
    };
    for len in [201, 3_000, 100_000] {
        let c = Campaign::fixture("build", "basic");
        let url = format!("https://quan-a.example.org/{}", "x".repeat(len - 27));
        assert_eq!(url.chars().count(), len);
        c.write("content/districts/quan-a.yaml", district(&url));
        let run = c.loa(&["build"]);
        assert_eq!(run.code, 1, "{len}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(
            run.stderr
                .contains("content/districts/quan-a.yaml:2:11: error[config/base-url]"),
            "{len}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("at most 200 characters"),
            "{}",
            run.stderr
        );
        assert!(!c.out().exists());
    }
    let c = Campaign::fixture("build", "basic");
    let url = format!("https://quan-a.example.org/{}/", "x".repeat(172));
    assert_eq!(url.chars().count(), 200);
    c.write("content/districts/quan-a.yaml", district(&url));
    c.build();
    let poster = c.read("public/quan-a/print/poster/index.html");
    assert!(poster.contains("<svg class=\"qr\""), "{poster}");
    assert!(poster.contains(&url));
}

/// Regression (red-team round 3): a theme's `static/.git/` folder and a
/// link from the theme to the campaign's `.env` were published into every
/// district. Hidden files and folders are skipped, and a link must stay
/// inside the theme folder.
#[test]
#[cfg(unix)]
fn a_theme_publishes_no_hidden_folder_and_no_link_out_of_it() {
    use std::os::unix::fs::symlink;
    let c = Campaign::fixture("build", "basic");
    c.write(".env", "AWS_SECRET=abc-secret\n");
    c.write("themes/default/static/.git/config", "token = git-secret\n");
    c.write("themes/default/static/.well/x.txt", "hidden-secret\n");
    c.write("themes/default/static/extra.css", "body { color: #123; }\n");
    let links = [
        "themes/default/static/env.txt",
        "themes/default/static/site.txt",
    ];
    symlink(c.root().join(".env"), c.root().join(links[0])).unwrap();
    symlink(c.root().join("content/site.yaml"), c.root().join(links[1])).unwrap();
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for link in links {
        assert!(
            run.stderr
                .contains(&format!("{link}: error[theme/symlink-outside]")),
            "{}",
            run.stderr
        );
    }
    assert!(!c.out().exists());
    for link in links {
        std::fs::remove_file(c.root().join(link)).unwrap();
    }
    c.build();
    let published = snapshot_tree(&c.out());
    assert!(
        published
            .keys()
            .any(|p| p.contains("/extra.") && p.ends_with(".css")),
        "the theme's own files are published: {:?}",
        published
            .keys()
            .filter(|p| !p.ends_with(".html"))
            .collect::<Vec<_>>()
    );
    for (path, bytes) in &published {
        assert!(
            !path.contains("/.git") && !path.contains("/.well"),
            "{path}"
        );
        assert!(!String::from_utf8_lossy(bytes).contains("secret"), "{path}");
    }
}

/// The quick exit leads to a plain web address: not another scheme, not a
/// login-looking address that shows one site's name and goes to another,
/// nothing that leaves its attribute.
#[test]
fn the_quick_exit_is_a_plain_web_address() {
    for (url, ok) in [
        ("https://nchmf.gov.vn/", true),
        ("https://www.google.com/search?q=thoi+tiet", true),
        ("http://example.org", true),
        ("https://nchmf.gov.vn@evil.example/", false),
        ("https://user:pw@evil.example/", false),
        ("javascript:alert(1)", false),
        ("https://x.example/\\\"onmouseover=1", false),
        ("https://x.example/ a", false),
        ("https:///path", false),
        ("//evil.example/", false),
    ] {
        let c = Campaign::fixture("build", "basic");
        let site = c.read("content/site.yaml");
        let site = site.replace(
            "quick_exit_url: \"https://nchmf.gov.vn/\"",
            &format!("quick_exit_url: {}", serde_json::to_string(url).unwrap()),
        );
        c.write("content/site.yaml", site);
        let run = c.loa(&["check"]);
        let refused =
            run.stdout.contains("config/quick-exit") || run.stderr.contains("config/quick-exit");
        assert_eq!(!refused, ok, "{url}: {}{}", run.stdout, run.stderr);
    }
}

/// The quick exit is written into every page: an address longer than
/// 2000 characters is refused at its line, saying how long it is.
#[test]
fn an_overlong_quick_exit_says_how_long_it_is() {
    let c = Campaign::fixture("build", "basic");
    let url = format!("https://www.google.com/search?q={}", "a".repeat(1969));
    assert_eq!(url.len(), 2001);
    let site = c.read("content/site.yaml").replace(
        "quick_exit_url: \"https://nchmf.gov.vn/\"",
        &format!("quick_exit_url: \"{url}\""),
    );
    let line = 1 + site
        .lines()
        .position(|l| l.starts_with("quick_exit_url:"))
        .unwrap();
    c.write("content/site.yaml", site);
    let run = loa_env(
        c.root(),
        &["check"],
        &[("LOA_LANG".to_string(), "en".to_string())],
    );
    assert_eq!(run.code, 1);
    let said = format!("{}{}", run.stdout, run.stderr);
    let at = format!("{line}:17 ");
    let reported = said.lines().any(|l| {
        l.trim_start().starts_with(&at)
            && l.contains("error")
            && l.contains("config/quick-exit")
            && l.contains("quick_exit_url is 2001 characters long")
    });
    assert!(reported, "{}", &said[..said.len().min(2000)]);
    assert!(said.contains("content/site.yaml"));
}

/// The `file:line: error[code]` lines a failed run printed.
fn error_lines(run: &Run) -> Vec<String> {
    run.stderr
        .lines()
        .filter(|l| l.contains(": error["))
        .map(str::to_string)
        .collect()
}

/// Regression: a mistake in site.yaml hid every page and hotline error
/// behind it, so a person fixed one file per run.
#[test]
fn a_broken_site_yaml_does_not_hide_other_errors() {
    let c = Campaign::fixture("build", "basic");
    let site = c
        .read("content/site.yaml")
        .replace("theme: default", "theme: [default");
    c.write("content/site.yaml", site);
    c.write(
        "content/skills/moi.md",
        "---\ntitle: \"Mới\"\nwieght: 3\n---\nx\n",
    );
    let hotlines = c
        .read("content/hotlines/quoc-gia.yaml")
        .replace("phone: \"113\"", "phone: \"abc\"");
    c.write("content/hotlines/quoc-gia.yaml", hotlines);
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1);
    let errors = error_lines(&run);
    let files: Vec<&str> = errors
        .iter()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "content/hotlines/quoc-gia.yaml",
            "content/site.yaml",
            "content/skills/moi.md"
        ],
        "{errors:#?}"
    );
    // `check` reports the same.
    let check = c.loa(&["check"]);
    for file in files {
        assert!(check.stdout.contains(file), "{}", check.stdout);
    }
}

/// A site.yaml that does not read still gives its `languages:` when they
/// read (an empty entry is refused like any entry that is no code), so
/// pages are reported against the languages written; when they do not
/// read (a syntax error), against Vietnamese and English.
#[test]
fn a_broken_site_yaml_keeps_the_languages_it_lists() {
    for (languages, kept) in [
        ("[vi, fr, ~]", "vi, fr"),
        ("[~]", "vi"),
        ("[vi, fr", "vi, en"),
    ] {
        let c = Campaign::fixture("build", "basic");
        let site = c.read("content/site.yaml").replace(
            "languages: [vi, en]",
            &format!("languages: {languages}\ncolour: red"),
        );
        c.write("content/site.yaml", site);
        c.write(
            "content/skills/goi-111.fr.md",
            "---\ntitle: \"Appeler le 111\"\n---\nx\n",
        );
        let run = loa_env(
            c.root(),
            &["check"],
            &[("LOA_LANG".to_string(), "en".to_string())],
        );
        assert_eq!(run.code, 1, "{languages}: {}", run.stderr);
        let said = format!("{}{}", run.stdout, run.stderr);
        let unknown = |file: &str| {
            let at = said.find(&format!("{file}\n")).map_or("", |i| &said[i..]);
            at.lines()
                .nth(1)
                .is_some_and(|l| l.contains("page/unknown-language"))
        };
        let fr = !kept.contains("fr");
        let en = !kept.contains("en");
        assert_eq!(
            unknown("content/skills/goi-111.fr.md"),
            fr,
            "{languages}: {said}"
        );
        assert_eq!(
            unknown("content/skills/goi-111.en.md"),
            en,
            "{languages}: {said}"
        );
        assert!(
            said.contains(&format!("the languages are {kept};")),
            "{languages}: {said}"
        );
    }
}

/// Regression: a district file with a mistake also produced "no such
/// district" errors for its pages and everything naming it.
#[test]
fn a_broken_district_file_adds_no_false_unknown_district_errors() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/districts/quan-b.yaml",
        "name: { vi: \"Quận B\", en: \"District B\" }\nbase_url: [\n",
    );
    c.write(
        "content/districts/quan-b/skills/rieng.md",
        "---\ntitle: \"Riêng\"\n---\nx\n",
    );
    let hotlines = c
        .read("content/hotlines/quoc-gia.yaml")
        .replace("  districts: all\n", "  districts: [quan-a, quan-b]\n");
    c.write("content/hotlines/quoc-gia.yaml", hotlines);
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1);
    let errors = error_lines(&run);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("content/districts/quan-b.yaml:"),
        "{errors:#?}"
    );
    let narrowed = c.loa(&["build", "--district", "quan-b"]);
    assert_eq!(error_lines(&narrowed), errors, "{}", narrowed.stderr);
}

/// Regression: only the first unknown key of a file was reported. Three
/// misspelt keys are three errors, each with its line, in every kind of
/// YAML a campaign has.
#[test]
fn every_unknown_key_is_reported_with_its_line() {
    let c = Campaign::fixture("build", "basic");
    let site = c.read("content/site.yaml");
    c.write(
        "content/site.yaml",
        format!("{site}titel: x\nlanguage: [vi]\nthem: default\n"),
    );
    c.write(
        "content/districts/quan-a.yaml",
        "name: { vi: \"Quận A\", en: \"District A\" }\nnmae: x\nbase_ulr: \"https://a.example/\"\nhotline: []\n",
    );
    c.write(
        "content/skills/moi.md",
        "---\ntitel: \"Mới\"\ntitle: \"Mới\"\nwieght: 2\ndescripton: x\n---\nx\n",
    );
    c.write(
        "content/hotlines/them.yaml",
        "- id: them-1\n  nmae: { vi: a, en: b }\n  name: { vi: a, en: b }\n  phnoe: \"111\"\n  phone: \"111\"\n  categroy: emergency\n  category: emergency\n  verified: 2026-11-01\n",
    );
    let run = c.loa(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let unknown: Vec<(String, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "yaml/unknown-key")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let end = site.lines().count() as u64;
    for (file, lines) in [
        ("content/site.yaml", [end + 1, end + 2, end + 3]),
        ("content/districts/quan-a.yaml", [2, 3, 4]),
        ("content/skills/moi.md", [2, 4, 5]),
        ("content/hotlines/them.yaml", [2, 4, 6]),
    ] {
        for line in lines {
            assert!(
                unknown.contains(&(file.to_string(), line)),
                "no unknown key at {file}:{line}: {unknown:?}"
            );
        }
    }
    assert_eq!(unknown.len(), 12, "{unknown:?}");
}

/// Regression: `title: null` and `title: ~` made pages titled "null" and
/// "~". They are errors, as is an empty title; so is a control character
/// in any text, with its file and line.
#[test]
fn null_titles_and_control_characters_are_errors() {
    for (front, code, line) in [
        ("title: null", "yaml/wrong-type", 2),
        ("title: ~", "yaml/wrong-type", 2),
        ("title:", "yaml/wrong-type", 2),
        ("title: \"\"", "page/empty-title", 2),
        ("title: \"a\\u0000b\"", "yaml/control-character", 2),
        ("title: \"a\\eb\"", "yaml/control-character", 2),
        (
            "title: x\ndescription: \"\\x08\"",
            "yaml/control-character",
            3,
        ),
        // Titles that show nothing.
        ("title: \"\u{200B}\"", "page/empty-title", 2),
        ("title: \"\u{3164}\"", "page/empty-title", 2),
        ("title: \"\u{A0}\u{FEFF}\u{2060}\"", "page/empty-title", 2),
        // Text shown in another order than it is written (113 reads as 311).
        ("title: \"Gọi \u{202E}113\"", "yaml/control-character", 2),
        (
            "title: \"a \u{2066}b\u{2069}\"",
            "yaml/control-character",
            2,
        ),
    ] {
        let c = Campaign::fixture("build", "basic");
        c.write("content/skills/moi.md", format!("---\n{front}\n---\nx\n"));
        let run = c.loa(&["build"]);
        assert_eq!(run.code, 1, "{front}");
        let want = format!("content/skills/moi.md:{line}:");
        assert!(
            error_lines(&run)
                .iter()
                .any(|l| l.starts_with(&want) && l.contains(code)),
            "{front}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains('\u{0}') && !run.stderr.contains('\u{8}'));
    }
    // In the body too: a number that reads reversed.
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/skills/moi.md",
        "---\ntitle: x\n---\nĐoạn một.\n\nGọi \u{202E}311 ngay.\n",
    );
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        error_lines(&run)
            .iter()
            .any(|l| l.starts_with("content/skills/moi.md:6:5:")
                && l.contains("content/control-character")),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains('\u{202E}'),
        "the message shows the code, not the character"
    );
}

/// No message names a Rust type: a file of the wrong shape says which keys
/// it needs.
#[test]
fn wrong_shapes_are_explained_without_rust_types() {
    let c = Campaign::fixture("build", "basic");
    c.write("content/site.yaml", "- title\n- languages\n");
    c.write("content/districts/quan-a.yaml", "\"Quận A\"\n");
    c.write("content/skills/moi.md", "---\n- a\n---\nx\n");
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1);
    for rust in [
        "struct ",
        "Raw",
        "FrontMatter",
        "BTreeMap",
        "Vec<",
        "Option<",
        "alloc::",
    ] {
        assert!(!run.stderr.contains(rust), "{rust}: {}", run.stderr);
    }
    assert!(run.stderr.contains("`title:`"), "{}", run.stderr);
    assert!(run.stderr.contains("`name:`"), "{}", run.stderr);
}

/// `loa new` refuses a title with a control character instead of writing
/// front matter that cannot be read.
#[test]
fn new_refuses_control_characters_in_titles() {
    let c = Campaign::fixture("build", "basic");
    let before = snapshot_tree(&c.root().join("content"));
    for title in ["Kỹ\u{1b}[2J năng", "a\u{7}b", "tab\tname", "dòng\nhai"] {
        let run = c.loa(&["new", "skill", title]);
        assert_eq!(run.code, 2, "{title:?}: {}", run.stderr);
        assert!(run.stderr.contains("control character"), "{}", run.stderr);
    }
    assert_eq!(snapshot_tree(&c.root().join("content")), before);
}

/// The marker lists exactly the files loa wrote, whether the build wrote
/// everything, zips too, or one district over an earlier build: what it
/// lists is what the next build may replace, so a file missing from it
/// would be kept for ever and a file too many could be lost.
#[test]
fn the_marker_lists_exactly_the_files_loa_wrote() {
    let c = Campaign::fixture("build", "basic");
    let listed = |c: &Campaign| -> std::collections::BTreeSet<String> {
        c.read("public/.loa-output")
            .lines()
            .skip(2)
            .map(str::to_string)
            .collect()
    };
    let on_disk = |c: &Campaign| -> std::collections::BTreeSet<String> {
        let mut files: std::collections::BTreeSet<String> =
            snapshot_tree(&c.out()).into_keys().collect();
        files.remove(".loa-output");
        files
    };
    c.loa(&["build", "--zip"]).ok();
    assert!(listed(&c).contains("quan-a.zip.sha256"));
    assert_eq!(listed(&c), on_disk(&c));
    // One district again, without zips: its zip stays from the full build
    // (another build wrote it), and the list still matches.
    c.write(
        "content/skills/goi-111.md",
        "---\ntitle: \"Gọi 111\"\nweight: 20\n---\nMới.\n",
    );
    c.loa(&["build", "--district", "quan-b"]).ok();
    assert_eq!(listed(&c), on_disk(&c));
    // A file of someone else's is kept and not listed.
    std::fs::write(c.out().join("CNAME"), "quan-a.example.org\n").unwrap();
    c.build();
    assert!(c.out().join("CNAME").is_file());
    let mut expected = on_disk(&c);
    expected.remove("CNAME");
    assert_eq!(listed(&c), expected);
}

/// A ward's district file that is a link to a file outside `content/` is
/// never read (audit 2): before, loa read it as YAML and showed the line
/// its YAML error was on, so `content/districts/x.yaml` linked to the
/// operator's `~/.aws/credentials` printed the access key in the terminal
/// and in a public CI log, although `content/symlink-outside` said "it was
/// not read". Both a link leading outside the campaign and one to a file
/// beside `content/` are refused, at the link.
#[test]
#[cfg(unix)]
fn a_district_file_linked_to_a_file_outside_content_is_never_read() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("credentials");
    fs::write(
        &secret,
        "[default]\naws_access_key_id = AKIA-OUTSIDE-SECRET\nname: x\n",
    )
    .unwrap();
    let c = Campaign::fixture("build", "basic");
    c.write(
        "campaign-notes.yaml",
        "name: { vi: \"Beside-secret\", en: \"Beside-secret\" }\n: broken beside-secret\n",
    );
    let links = [
        ("content/districts/quan-c.yaml", secret.clone()),
        (
            "content/districts/quan-d.yml",
            c.root().join("campaign-notes.yaml"),
        ),
    ];
    for (link, target) in &links {
        symlink(target, c.root().join(link)).unwrap();
    }
    for args in [&["check"][..], &["check", "--format", "json"], &["build"]] {
        let run = c.loa(args);
        assert_eq!(run.code, 1, "{args:?}: {}\n{}", run.stdout, run.stderr);
        let said = format!("{}{}", run.stdout, run.stderr);
        assert!(
            !said.contains("OUTSIDE-SECRET") && !said.contains("eside-secret"),
            "{args:?} showed what the link leads to:\n{said}"
        );
        for (link, _) in &links {
            assert!(
                said.contains(link) && said.contains("content/symlink-outside"),
                "{args:?} names {link}:\n{said}"
            );
        }
        // The links' own pages are not reported as of an unknown district.
        assert!(!said.contains("district/unknown"), "{args:?}:\n{said}");
    }
    assert!(!c.out().exists());
}

/// Two files for one district (`quan-a.yaml` and a `quan-a.yml` sent
/// beside it) are refused at the second (audit 2): before, both were
/// built into `public/quan-a/`, a different one winning each build, the
/// build succeeded, and the district's hotline page listed the other
/// file's numbers too.
#[test]
fn two_files_for_one_district_are_refused() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/districts/quan-a.yml",
        "name: { vi: \"Quận A giả\", en: \"Fake A\" }\n\
         hotlines:\n\
         \x20 - id: fake-police\n\
         \x20   name: { vi: \"Công an giả\", en: \"Fake police\" }\n\
         \x20   phone: \"0912 345 678\"\n\
         \x20   category: police\n\
         \x20   cost: free\n\
         \x20   verified: 2026-11-01\n",
    );
    for args in [&["check"][..], &["build"]] {
        let run = c.loa(args);
        assert_eq!(run.code, 1, "{args:?}: {}\n{}", run.stdout, run.stderr);
        let said = format!("{}{}", run.stdout, run.stderr);
        assert!(
            said.contains("content/districts/quan-a.yml")
                && said.contains("config/district-twice")
                && said.contains("content/districts/quan-a.yaml"),
            "{args:?}:\n{said}"
        );
        // The second file is not read: nothing about its entries.
        assert!(!said.contains("fake-police"), "{args:?}:\n{said}");
    }
    assert!(!c.out().exists());
    c.remove("content/districts/quan-a.yml");
    c.build();
    let hotlines = c.read("public/quan-a/hotlines/index.html");
    assert!(!hotlines.contains("0912"), "{hotlines}");
}

/// A name too long for the files made from it is an error at the name
/// (audit 2): a ward's picture named with 245 letters passed `loa check`
/// ("Ready to publish"), then `loa build` stopped with the system's "File
/// name too long" about `….10.0d4b1c31.png` in the staging folder, naming
/// no file of the campaign. A theme's file likewise.
#[test]
fn a_name_too_long_for_the_published_files_is_an_error_at_the_name() {
    let long = "a".repeat(245);
    let c = Campaign::fixture("build", "basic");
    let picture = fs::read(c.root().join("content/skills/so-do.png")).unwrap();
    c.write(&format!("content/skills/{long}.png"), &picture);
    c.write(
        "content/skills/anh-dai.md",
        format!("---\ntitle: \"Ảnh dài\"\n---\n\n![Sơ đồ]({long}.png)\n"),
    );
    c.write(
        &format!("themes/default/static/{long}.css"),
        "p { color: #000; }\n",
    );
    for args in [&["check"][..], &["build"]] {
        let run = c.loa(args);
        assert_eq!(run.code, 1, "{args:?}: {}\n{}", run.stdout, run.stderr);
        let said = format!("{}{}", run.stdout, run.stderr);
        assert!(!said.contains("too long (os error"), "{args:?}:\n{said}");
        for (file, code) in [
            (format!("content/skills/{long}.png"), "content/file-name"),
            (
                format!("themes/default/static/{long}.css"),
                "theme/file-name",
            ),
        ] {
            assert!(said.contains(&file), "{args:?} names {file}:\n{said}");
            assert!(said.contains(code), "{args:?}:\n{said}");
        }
        assert!(said.contains("249 bytes"), "{args:?}:\n{said}");
    }
    assert!(!c.out().exists());
}
