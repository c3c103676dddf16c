//! Printed material: a district's A4 poster in each language (only for
//! districts with a `base_url`, never with example hotline data), and in
//! Chromium: one A4 page whose QR code reads back as the site's address.

use std::path::Path;
use std::process::Command;

use crate::support::*;

#[test]
fn districts_with_a_base_url_get_a_poster_in_each_language() {
    let c = Campaign::fixture("build", "basic");
    c.build();
    for (file, url) in [
        (
            "quan-a/print/poster/index.html",
            "https://quan-a.example.org/",
        ),
        (
            "quan-a/en/print/poster/index.html",
            "https://quan-a.example.org/en/",
        ),
    ] {
        let html = c.html(file);
        assert_eq!(texts(&html, ".sheet-url"), [url], "{file}");
        assert_eq!(texts(&html, ".sheet-number"), ["111"], "{file}");
        assert_eq!(texts(&html, "h1").len(), 1);
        assert_eq!(attrs(&html, "svg.qr", "role"), ["img"]);
    }
    assert!(
        c.read("public/quan-a/en/print/poster/index.html")
            .contains("Test campaign")
    );
    // No address, no QR code: no poster (and `loa check` says why).
    assert!(!c.out().join("quan-b/print").exists());
    // Not in the readers' menu.
    assert!(!c.read("public/quan-a/index.html").contains("print/poster"));
}

/// Example data never goes on paper; check warns about pinning it.
#[test]
fn a_pinned_example_hotline_is_left_off_the_posters() {
    let c = Campaign::fixture("build", "basic");
    let site = c.read("content/site.yaml").replace(
        "pinned_hotlines: [child-protection-111]",
        "pinned_hotlines: [child-protection-111, quan-a-police]",
    );
    c.write("content/site.yaml", site);
    c.build();
    for file in [
        "public/quan-a/print/poster/index.html",
        "public/quan-a/en/print/poster/index.html",
    ] {
        let text = c.read(file);
        assert!(
            !text.contains("0000 0001"),
            "{file} shows the example number"
        );
        assert!(text.contains(">111<"), "{file}");
    }
    let run = c.loa(&["check"]);
    assert!(
        run.stdout.contains("hotline/example-pinned"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("7:41    warning hotline/example-pinned"),
        "{}",
        run.stdout
    );
}

/// In Chromium: each poster prints on exactly one A4 page, and its QR
/// code, photographed from the printed page, reads as the district's
/// address in that language.
#[test]
#[ignore = "needs Chromium, node, `npm ci --prefix tests/browser` and zbarimg (zbar-tools); .ci/run runs it with --ignored"]
fn posters_print_on_one_a4_page_with_a_qr_code_that_reads() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let zbar = Command::new("zbarimg").arg("--version").output();
    assert!(
        zbar.is_ok(),
        "zbarimg is missing (apt-get install zbar-tools)"
    );
    let c = Campaign::fixture("build", "basic");
    c.build();
    let artifacts = repo.join("tests/browser/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    for (rel, url, name) in [
        (
            "quan-a/print/poster/index.html",
            "https://quan-a.example.org/",
            "poster-vi",
        ),
        (
            "quan-a/en/print/poster/index.html",
            "https://quan-a.example.org/en/",
            "poster-en",
        ),
    ] {
        let output = Command::new("node")
            .arg(repo.join("tests/browser/print.js"))
            .arg(c.out())
            .arg(rel)
            .arg(artifacts.join(name))
            .output()
            .expect("run node");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{rel}: {stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(stdout.contains("pages 1 A4"), "{rel}: {stdout}");
        for png in [format!("{name}.png"), format!("{name}-bw.png")] {
            let read = Command::new("zbarimg")
                .args(["--quiet", "--raw"])
                .arg(artifacts.join(&png))
                .output()
                .expect("run zbarimg");
            let text = String::from_utf8_lossy(&read.stdout);
            assert_eq!(text.trim(), url, "{png}: the QR code reads as {text:?}");
        }
    }
}
