//! Publishing: host files and cache policy, zips, `loa deploy` to a folder
//! and to a real S3-compatible server (`s3s-fs`), and the host files read
//! by a real Apache and a real nginx over HTTP.
//!
//! The tests that need a server are `#[ignore]`d with the reason; `.ci/run`
//! installs the servers and runs them with `--ignored publish::`.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

pub(crate) fn fixture() -> Campaign {
    Campaign::fixture("build", "basic")
}

/// Adds a deploy target to district `quan-a`, and lets `site.yaml` allow
/// every place it names.
pub(crate) fn deploy_to(c: &Campaign, deploy: &str) {
    let file = "content/districts/quan-a.yaml";
    let text = c.read(file);
    c.write(file, format!("{text}deploy:\n{deploy}"));
    allow_deploy(c, deploy);
}

/// Adds to `site.yaml`'s `deploy_allowed` the target, endpoint and
/// webhook that the `deploy:` lines name.
pub(crate) fn allow_deploy(c: &Campaign, deploy: &str) {
    let places: String = deploy
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            ["target:", "endpoint:", "webhook:"]
                .iter()
                .find_map(|key| line.strip_prefix(key))
                .map(|value| format!("  - {}\n", value.trim()))
        })
        .collect();
    let site = c.read("content/site.yaml");
    let site = match site.find("deploy_allowed:\n") {
        Some(at) => {
            let end = at + "deploy_allowed:\n".len();
            format!("{}{places}{}", &site[..end], &site[end..])
        }
        None => format!("{site}deploy_allowed:\n{places}"),
    };
    c.write("content/site.yaml", site);
}

#[test]
fn host_files_carry_the_headers_from_one_description() {
    let c = fixture();
    c.build();
    let a = c.read("public/quan-a/_headers");
    let css = theme_file(&c.out().join("quan-a"), "loa.css");
    for line in [
        "/*\n",
        "  Content-Security-Policy: default-src 'none';",
        "frame-ancestors 'none'\n",
        "  X-Content-Type-Options: nosniff\n",
        "  Referrer-Policy: no-referrer\n",
        "  Permissions-Policy: accelerometer=(), ",
        "geolocation=()",
        "  Strict-Transport-Security: max-age=31536000\n",
    ] {
        assert!(a.contains(line), "{line:?} in\n{a}");
    }
    assert!(a.contains(&format!(
        "/{css}\n  Cache-Control: public, max-age=31536000, immutable\n"
    )));
    let h = c.read("public/quan-a/.htaccess");
    assert!(h.contains("ErrorDocument 404 /404.html\n"), "{h}");
    assert!(h.contains("Header set Cache-Control \"no-cache\""));
    // The page's meta CSP and the header's are one text.
    let page = c.read("public/quan-a/index.html");
    let meta = page
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap();
    assert!(a.contains(&format!("{meta}; frame-ancestors 'none'")));
    // quan-b has no base_url: no HSTS, no 404 page to wire up.
    let b = c.read("public/quan-b/_headers");
    assert!(!b.contains("Strict-Transport-Security"));
    assert!(!c.read("public/quan-b/.htaccess").contains("ErrorDocument"));
    // Opened from disk, no server reads host files.
    c.loa(&["build", "--offline", "--out", "usb"]).ok();
    assert!(!c.root().join("usb/quan-a/_headers").exists());
}

#[test]
fn theme_files_are_named_after_their_content_and_every_reference_follows() {
    let c = fixture();
    c.build();
    let first = snapshot_tree(&c.out());
    let css = theme_file(&c.out().join("quan-a"), "loa.css");
    for page in html_files(&c.out().join("quan-a")) {
        let html = c.html(&format!("quan-a/{page}"));
        for href in attrs(&html, "link[rel=stylesheet]", "href") {
            let depth = page.matches('/').count();
            let root = match (page.as_str(), depth) {
                // Hosts show the 404 page at any depth: absolute links.
                ("404.html", _) => "https://quan-a.example.org/".to_string(),
                (_, 0) => "./".to_string(),
                _ => "../".repeat(depth),
            };
            assert_eq!(href, format!("{root}{css}"), "{page}");
        }
    }
    assert!(!c.out().join("quan-a/loa.css").exists());
    // Deterministic: a second build gives the same bytes.
    c.build();
    assert_eq!(first, snapshot_tree(&c.out()));
    // A change of colour is a new name.
    let site = c.read("content/site.yaml");
    c.write(
        "content/site.yaml",
        format!("{site}colors: {{ primary: \"#123456\" }}\n"),
    );
    c.build();
    assert_ne!(theme_file(&c.out().join("quan-a"), "loa.css"), css);
}

pub(crate) fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        files.insert(entry.name().unwrap().to_string(), content);
    }
    files
}

#[test]
fn zips_unpack_to_exactly_the_built_folder_and_two_builds_give_the_same_zip() {
    let c = fixture();
    c.loa(&["build", "--zip"]).ok();
    c.loa(&["build", "--zip", "--out", "again"]).ok();
    for slug in ["quan-a", "quan-b"] {
        let zip = std::fs::read(c.out().join(format!("{slug}.zip"))).unwrap();
        let again = std::fs::read(c.root().join(format!("again/{slug}.zip"))).unwrap();
        assert!(zip == again, "{slug}.zip differs between two builds");
        assert_eq!(unzip(&zip), snapshot_tree(&c.out().join(slug)), "{slug}");
        let sum = c.read(&format!("public/{slug}.zip.sha256"));
        assert_eq!(
            sum,
            loa::output::bundle::checksum_line(&format!("{slug}.zip"), &zip)
        );
        if let Ok(out) = Command::new("sha256sum")
            .arg("-c")
            .arg(format!("{slug}.zip.sha256"))
            .current_dir(c.out())
            .output()
        {
            assert!(out.status.success(), "sha256sum -c {slug}");
        }
    }
    // Building one district leaves the other's zip as it was.
    let b = std::fs::read(c.out().join("quan-b.zip")).unwrap();
    c.loa(&["build", "--zip", "--district", "quan-a"]).ok();
    assert_eq!(std::fs::read(c.out().join("quan-b.zip")).unwrap(), b);
    assert!(c.out().join("quan-a.zip").is_file());
}

/// Issue 28: `build --zip` reads the campaign once. The other form's zip
/// was rendered from a second read, so a page saved during the build went
/// into one zip and not the other. Here the page changes between the load
/// and the write: both zips of every district have the page as loaded.
#[test]
fn both_zips_come_from_the_one_load_of_the_build() {
    use loa::cmd::build::{self, BuildArgs};
    use loa::i18n::report::Collect;
    let c = fixture();
    let page = "content/skills/tu-bao-ve.md";
    let before = c.read(page);
    let marker = "Saved while the build ran";
    for offline in [false, true] {
        c.write(page, &before);
        let args = BuildArgs {
            root: c.root().to_path_buf(),
            out: c.out(),
            districts: Vec::new(),
            offline,
            zip: true,
        };
        let reporter = Collect::new();
        let loaded = build::load(&args, false, &reporter).unwrap();
        c.write(page, format!("{before}\n{marker}\n"));
        build::write(&args, loaded, &reporter).unwrap();
        for slug in ["quan-a", "quan-b"] {
            for name in [format!("{slug}.zip"), format!("{slug}-offline.zip")] {
                let files = unzip(&std::fs::read(c.out().join(&name)).unwrap());
                let shown = String::from_utf8(files["skills/tu-bao-ve/index.html"].clone());
                let shown = shown.unwrap();
                assert!(shown.contains("<h1"), "{name}: {shown}");
                assert!(!shown.contains(marker), "offline {offline}: {name}");
            }
        }
    }
    // The change is there to be read: a build now shows it.
    c.loa(&["build", "--zip"]).ok();
    let files = unzip(&std::fs::read(c.out().join("quan-b-offline.zip")).unwrap());
    let shown = String::from_utf8(files["skills/tu-bao-ve/index.html"].clone()).unwrap();
    assert!(shown.contains(marker), "{shown}");
}

/// Regression (issue 22): the zip of `--zip` has links ending in `/`, so
/// opened from a USB stick or shared as a file it did not work. One build
/// gives both: `<slug>.zip` for hosting and `<slug>-offline.zip`, the
/// `--offline` site, each with its checksum, whichever form was built.
#[test]
fn zip_gives_a_hosting_zip_and_an_offline_zip_told_apart_by_name() {
    let c = fixture();
    c.loa(&["build", "--offline", "--out", "offline"]).ok();
    c.loa(&["build", "--out", "hosted"]).ok();
    for flags in [
        &["build", "--zip"][..],
        &["build", "--zip", "--offline"][..],
    ] {
        c.loa(flags).ok();
        for slug in ["quan-a", "quan-b"] {
            for (name, form) in [
                (format!("{slug}.zip"), "hosted"),
                (format!("{slug}-offline.zip"), "offline"),
            ] {
                let zip = std::fs::read(c.out().join(&name)).unwrap();
                assert_eq!(
                    unzip(&zip),
                    snapshot_tree(&c.root().join(form).join(slug)),
                    "{flags:?} {name}"
                );
                assert_eq!(
                    c.read(&format!("public/{name}.sha256")),
                    loa::output::bundle::checksum_line(&name, &zip)
                );
            }
            // The offline form's pages link to files, the hosted one's to
            // folders.
            let offline =
                unzip(&std::fs::read(c.out().join(format!("{slug}-offline.zip"))).unwrap());
            let home = String::from_utf8(offline["index.html"].clone()).unwrap();
            assert!(home.contains("skills/index.html\""), "{home}");
        }
        // Nothing else is left in the output: no scratch folder.
        let mut top: Vec<String> = std::fs::read_dir(c.out())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        top.sort();
        assert_eq!(top, [".loa-output"], "{flags:?}");
    }
}

/// `uploaded N` and friends from a deploy's summary line.
pub(crate) fn counts(stdout: &str) -> (usize, usize, usize) {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("quan-a → "))
        .unwrap_or_else(|| panic!("no summary in {stdout}"));
    let number = |after: &str| -> usize {
        let rest = &line[line
            .find(after)
            .unwrap_or_else(|| panic!("{after} in {line}"))
            + after.len()..];
        rest.trim_start()
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let up = if line.contains("would upload") {
        "would upload"
    } else {
        "uploaded"
    };
    let del = if line.contains("would delete") {
        "would delete"
    } else {
        "deleted"
    };
    (number(up), number("), "), number(del))
}

/// The lines `upload <path>` of a dry run.
pub(crate) fn listed(stdout: &str, what: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("  {what} ")))
        .map(str::to_string)
        .collect()
}

/// The files of the site as a deploy sees them (no host files for an
/// object store).
pub(crate) fn site_files(c: &Campaign, host_files: bool) -> BTreeMap<String, Vec<u8>> {
    let mut files = snapshot_tree(&c.out().join("quan-a"));
    if !host_files {
        files.remove("_headers");
        files.remove(".htaccess");
    }
    files
}

/// The steps every target must pass: first deploy, nothing to do, a
/// one-page edit, a dry run, a deleted page.
pub(crate) fn incremental_deploys(
    c: &Campaign,
    env: &[(String, String)],
    remote: &dyn Fn() -> BTreeMap<String, Vec<u8>>,
    host_files: bool,
) {
    let run = |args: &[&str]| {
        let mut all = vec!["deploy"];
        all.extend_from_slice(args);
        loa_env(c.root(), &all, env).ok()
    };
    let first = run(&[]);
    let total = site_files(c, host_files).len();
    assert_eq!(counts(&first.stdout), (total, 0, 0), "{}", first.stdout);
    assert_eq!(remote(), site_files(c, host_files));

    assert_eq!(counts(&run(&[]).stdout), (0, total, 0));

    // One page edited: exactly its file goes up, the leaflet it is printed
    // on (`leaflet: 2`) and the search index that holds its words (before
    // the pages, like every file pages use).
    let page = "content/skills/tu-bao-ve.md";
    let text = c.read(page);
    c.write(page, format!("{text}\nMột câu mới.\n"));
    let dry = run(&["--dry-run"]);
    assert_eq!(
        listed(&dry.stdout, "upload"),
        [
            "search/index.js",
            "print/leaflet/index.html",
            "skills/tu-bao-ve/index.html"
        ]
    );
    assert_ne!(
        remote(),
        site_files(c, host_files),
        "a dry run sends nothing"
    );
    let edit = run(&[]);
    assert_eq!(counts(&edit.stdout), (3, total - 3, 0), "{}", edit.stdout);
    assert_eq!(remote(), site_files(c, host_files));

    // A deleted page is deleted there, after the rest.
    c.remove("content/skills/tu-bao-ve.md");
    c.remove("content/skills/tu-bao-ve.en.md");
    // A link to a deleted page is an error: the page that linked to it
    // goes on without the link.
    c.write(
        "content/skills/chi-tieng-viet.md",
        "---\ntitle: \"Chỉ có tiếng Việt\"\nweight: 30\n---\nTrang này chưa dịch.\n",
    );
    let old = site_files(c, host_files);
    let dry = run(&["--dry-run"]);
    // The page, and the pictures only it showed.
    let gone: Vec<String> = old
        .keys()
        .filter(|k| !site_files(c, host_files).contains_key(*k))
        .cloned()
        .collect();
    assert!(
        gone.contains(&"skills/tu-bao-ve/index.html".to_string()),
        "{gone:?}"
    );
    assert_eq!(listed(&dry.stdout, "delete"), gone);
    let before = remote();
    assert!(before.contains_key("skills/tu-bao-ve/index.html"));
    run(&[]);
    assert_eq!(remote(), site_files(c, host_files));

    // --force sends everything again.
    let forced = run(&["--force"]);
    assert_eq!(counts(&forced.stdout).0, site_files(c, host_files).len());
}

#[test]
fn deploy_to_a_folder_is_incremental_and_deletes_last() {
    let c = fixture();
    let www = tempfile::tempdir().unwrap();
    deploy_to(
        &c,
        &format!("  target: \"file://{}/quan-a\"\n", www.path().display()),
    );
    let dir = www.path().join("quan-a");
    let remote = || {
        let mut files = snapshot_tree(&dir);
        files.remove(".loa-deploy.json");
        files
    };
    incremental_deploys(&c, &[], &remote, true);
    // What loa did not put there stays.
    std::fs::write(dir.join("CNAME"), "x").unwrap();
    loa_in(c.root(), &["deploy"]).ok();
    assert!(dir.join("CNAME").is_file());
}

/// `deploy --strict` loads the campaign once, checks it as `loa check
/// --strict` would, and builds and publishes that same loaded campaign; a
/// finding stops everything before a file is written or sent.
#[test]
fn deploy_strict_checks_and_publishes_one_loaded_campaign() {
    let c = fixture();
    let www = tempfile::tempdir().unwrap();
    // Quận A is ready: a checked number, every page translated.
    let file = "content/districts/quan-a.yaml";
    let text = c
        .read(file)
        .replace("    example: true\n", "    verified: 2026-11-01\n");
    c.write(file, text);
    c.write(
        "content/news/tin-cu.en.md",
        "---\ntitle: \"Old news\"\ndate: 2023-06-20\n---\nOld news.\n",
    );
    c.write(
        "content/skills/chi-tieng-viet.en.md",
        "---\ntitle: \"Vietnamese only\"\nweight: 30\n---\nNot translated. See [self-protection](tu-bao-ve.en.md).\n",
    );
    deploy_to(
        &c,
        &format!("  target: \"file://{}/quan-a\"\n", www.path().display()),
    );
    let file_b = "content/districts/quan-b.yaml";
    let text = c.read(file_b);
    c.write(
        file_b,
        format!("{text}base_url: \"https://quan-b.example.org/\"\n"),
    );
    let all = c.loa(&["check", "--strict"]);
    assert_eq!(all.code, 0, "{}", all.stdout);

    let run = c.loa(&["deploy", "--strict"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Built 1 district "), "{}", run.stdout);
    let dir = www.path().join("quan-a");
    assert!(dir.join("skills/chi-tieng-viet/index.html").is_file());
    assert!(!c.out().join("quan-b").exists());

    // A finding in Quận A stops the deploy before anything is written.
    let text = c
        .read(file)
        .replace("    verified: 2026-11-01\n", "    example: true\n");
    c.write(file, text);
    c.remove("content/news/tin-cu.en.md");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(c.out()).unwrap();
    let run = c.loa(&["deploy", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("hotline/example"), "{}", run.stderr);
    assert!(
        run.stderr.contains("i18n/missing-translation"),
        "{}",
        run.stderr
    );
    assert!(!dir.exists());
    assert!(!c.out().exists());
}

/// `deploy --strict` checks each page as the build writes it: every page
/// is rendered once (not once for the check and again for the build), the
/// findings are those of `loa check --strict`, and a campaign with
/// findings is not swapped in, the previous output kept whole.
#[test]
fn a_checked_build_renders_each_page_once_and_finds_what_check_finds() {
    use loa::check::{self, CheckOptions};
    use loa::cmd::build::{self, BuildArgs};
    use loa::error::Error;
    use loa::i18n::report::Collect;
    use std::sync::atomic::Ordering;
    let c = fixture();
    let args = BuildArgs {
        root: c.root().to_path_buf(),
        out: c.out(),
        districts: Vec::new(),
        offline: false,
        zip: false,
    };
    let reporter = Collect::new();
    let strict = Some(CheckOptions { strict: true });
    // As the fixture is, Quận A's hotline is example data: `check
    // --strict` fails, and so does the checked build, with the same errors.
    let loaded = build::load(&args, true, &reporter).unwrap();
    let expected = check::run(&loaded.project, CheckOptions { strict: true });
    assert!(expected.errors() > 0);
    drop(loaded);
    loa_in(c.root(), &["build"]).ok();
    let before = snapshot_tree(&c.out());
    let loaded = build::load(&args, true, &reporter).unwrap();
    let Err(Error::Content(found)) = build::write_checked(&args, loaded, strict, &reporter) else {
        panic!("a campaign that fails check --strict was built");
    };
    let codes = |list: &[loa::error::Diagnostic]| -> Vec<(String, Option<String>, Option<usize>)> {
        list.iter()
            .filter(|d| d.is_error())
            .map(|d| (d.code.as_str().to_string(), d.file.clone(), d.line))
            .collect()
    };
    assert_eq!(codes(&found), codes(&expected.findings));
    assert!(
        codes(&found)
            .iter()
            .any(|(code, ..)| code == "hotline/example")
    );
    assert_eq!(
        snapshot_tree(&c.out()),
        before,
        "the previous output was touched"
    );

    // Made ready, it is built, each page rendered once.
    let file = "content/districts/quan-a.yaml";
    let text = c
        .read(file)
        .replace("    example: true\n", "    verified: 2026-11-01\n");
    c.write(file, text);
    c.write(
        "content/news/tin-cu.en.md",
        "---\ntitle: \"Old news\"\ndate: 2023-06-20\n---\nOld news.\n",
    );
    c.write(
        "content/skills/chi-tieng-viet.en.md",
        "---\ntitle: \"Vietnamese only\"\nweight: 30\n---\nNot translated. See [self-protection](tu-bao-ve.en.md).\n",
    );
    let file_b = "content/districts/quan-b.yaml";
    let text = c.read(file_b);
    c.write(
        file_b,
        format!("{text}base_url: \"https://quan-b.example.org/\"\n"),
    );
    let loaded = build::load(&args, true, &reporter).unwrap();
    let built = match build::write_checked(&args, loaded, strict, &reporter) {
        Ok(built) => built,
        Err(Error::Content(found)) => panic!("{:#?}", codes(&found)),
        Err(e) => panic!("{e}"),
    };
    let rendered = built.loaded.project.pages_rendered.load(Ordering::Relaxed);
    assert!(rendered > 0);
    assert_eq!(rendered, built.report.pages);
}

/// District files come from ward staff. A hostile one must not make the
/// operator's `loa deploy` write files anywhere on their machine (a place
/// site.yaml does not list, or `..` out of one that it does), nor send the
/// operator's credentials to a server of its own (an S3 endpoint, a purge
/// webhook with `LOA_PURGE_TOKEN`). Each is refused before anything is
/// built or sent, naming the line; nothing reaches the listener.
#[test]
fn a_district_file_cannot_deploy_or_send_credentials_where_site_yaml_does_not_allow() {
    let www = tempfile::tempdir().unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let spy = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let root = www.path().display();
    let env = [
        ("AWS_ACCESS_KEY_ID".to_string(), "operator-key".to_string()),
        (
            "AWS_SECRET_ACCESS_KEY".to_string(),
            "operator-secret".to_string(),
        ),
        ("LOA_PURGE_TOKEN".to_string(), "operator-token".to_string()),
    ];
    let cases = [
        // Somewhere site.yaml does not list.
        (
            format!("  target: \"file://{root}/elsewhere\"\n"),
            "4:11: error[config/deploy-not-allowed]",
        ),
        // Out of an allowed folder.
        (
            format!("  target: \"file://{root}/sites/../elsewhere\"\n"),
            "4:11: error[config/deploy]",
        ),
        (
            format!("  target: \"file://{root}/sites/%2e%2e/elsewhere\"\n"),
            "4:11: error[config/deploy]",
        ),
        // Another spelling of another folder: `//` is `/` on disk.
        (
            format!("  target: \"file://{root}/sites//elsewhere\"\n"),
            "4:11: error[config/deploy]",
        ),
        // A folder whose name only starts like the allowed one.
        (
            format!("  target: \"file://{root}/sites-evil/quan-a\"\n"),
            "4:11: error[config/deploy-not-allowed]",
        ),
        // The credentials to another server.
        (
            format!("  target: \"s3://sites/quan-a\"\n  endpoint: \"{spy}\"\n"),
            "5:13: error[config/deploy-not-allowed]",
        ),
        (
            format!(
                "  target: \"file://{root}/sites/quan-a\"\n  purge:\n    webhook: \"{spy}/hook\"\n"
            ),
            "6:14: error[config/deploy-not-allowed]",
        ),
    ];
    for (deploy, expected) in cases {
        let c = fixture();
        allow_deploy(
            &c,
            &format!("  target: \"file://{root}/sites/\"\n  target: \"s3://sites/\"\n"),
        );
        let file = "content/districts/quan-a.yaml";
        let text = c.read(file);
        let text = text.split("hotlines:").next().unwrap().to_string();
        c.write(file, format!("{text}deploy:\n{deploy}"));
        let run = loa_env(c.root(), &["deploy"], &env);
        assert_eq!(run.code, 1, "{deploy}{}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("content/districts/quan-a.yaml:{expected}")),
            "{deploy}{}",
            run.stderr
        );
        assert!(!www.path().join("elsewhere").exists(), "{deploy}");
        assert!(!www.path().join("sites").exists(), "{deploy}");
        assert!(!www.path().join("sites-evil").exists(), "{deploy}");
        assert!(!c.out().exists(), "{deploy}");
        assert!(
            listener.accept().is_err(),
            "{deploy}: a request reached the spy"
        );
    }
    // What site.yaml allows is published.
    let c = fixture();
    deploy_to(&c, &format!("  target: \"file://{root}/sites/quan-a\"\n"));
    loa_in(c.root(), &["deploy"]).ok();
    assert!(www.path().join("sites/quan-a/index.html").is_file());
}

/// `deploy_allowed` lists places, not "anywhere": a bare `https://` or
/// `http://` (which every address starts with), or an address no endpoint
/// could be, allows nothing. Each is reported at its line in site.yaml,
/// and a district's endpoint that only they would allow is refused before
/// the operator's credentials go anywhere.
#[test]
fn deploy_allowed_entries_that_would_allow_every_address_allow_nothing() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let spy = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let c = fixture();
    let entries = [
        "\"https://\"",
        "\"http://\"",
        "\"https://cdn.example.vn/?all\"",
    ];
    for entry in entries {
        allow_deploy(&c, &format!("  endpoint: {entry}\n"));
    }
    allow_deploy(&c, "  target: \"s3://sites/\"\n");
    let site = c.read("content/site.yaml");
    let file = "content/districts/quan-a.yaml";
    let text = c.read(file);
    let text = text.split("hotlines:").next().unwrap().to_string();
    c.write(
        file,
        format!("{text}deploy:\n  target: \"s3://sites/quan-a\"\n  endpoint: \"{spy}\"\n"),
    );
    let env = [
        ("AWS_ACCESS_KEY_ID".to_string(), "operator-key".to_string()),
        (
            "AWS_SECRET_ACCESS_KEY".to_string(),
            "operator-secret".to_string(),
        ),
    ];
    let run = loa_env(c.root(), &["deploy"], &env);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for entry in entries {
        let line = 1 + site
            .lines()
            .position(|l| l == format!("  - {entry}"))
            .unwrap();
        assert!(
            run.stderr
                .contains(&format!("content/site.yaml:{line}:5: error[config/deploy]")),
            "{entry}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("content/districts/quan-a.yaml:5:13: error[config/deploy-not-allowed]"),
        "{}",
        run.stderr
    );
    assert!(listener.accept().is_err(), "a request reached the spy");
    assert!(!c.out().exists());
}

/// One ward's file must not publish into another ward's place: the same
/// target, one inside the other, or one holding the other. Side-by-side
/// names that only start alike are fine.
#[test]
fn two_districts_cannot_share_or_nest_a_deploy_target() {
    for (a, b, clash) in [
        ("s3://sites/quan-b", "s3://sites/quan-b", true),
        ("s3://sites/quan-b/", "s3://sites/quan-b", true),
        ("s3://sites/quan-b/en", "s3://sites/quan-b", true),
        ("s3://sites", "s3://sites/quan-b", true),
        ("s3://sites/quan-b2", "s3://sites/quan-b", false),
        ("s3://sites/quan-a", "s3://sites/quan-b", false),
    ] {
        let c = fixture();
        deploy_to(&c, &format!("  target: \"{a}\"\n"));
        allow_deploy(&c, "  target: \"s3://sites/\"\n");
        c.write(
            "content/districts/quan-b.yaml",
            format!("name: {{ vi: \"Quận B\", en: \"District B\" }}\ndeploy:\n  target: \"{b}\"\n"),
        );
        let run = c.loa(&["check"]);
        let found = run
            .stdout
            .lines()
            .chain(run.stderr.lines())
            .any(|l| l.contains("would publish into the place of district `quan-a`"));
        assert_eq!(found, clash, "{a} {b}: {}{}", run.stdout, run.stderr);
        if clash {
            assert_eq!(run.code, 1);
            let json = c.loa(&["check", "--format", "json"]).stdout;
            assert!(
                json.contains("\"file\": \"content/districts/quan-b.yaml\"")
                    && json.contains("\"line\": 3"),
                "{json}"
            );
        }
    }
}

#[test]
fn deploy_refuses_what_must_not_go_live() {
    let c = fixture();
    // No target anywhere.
    let run = c.loa(&["deploy"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no district has a `deploy:` target"),
        "{}",
        run.stderr
    );
    // A missing credential stops everything before the build.
    deploy_to(
        &c,
        "  target: \"s3://bucket/quan-a\"\n  endpoint: \"http://127.0.0.1:9\"\n",
    );
    let empty = tempfile::tempdir().unwrap();
    let env = [
        ("HOME".to_string(), empty.path().display().to_string()),
        ("AWS_ACCESS_KEY_ID".to_string(), String::new()),
        ("AWS_SECRET_ACCESS_KEY".to_string(), String::new()),
    ];
    let run = loa_env(c.root(), &["deploy"], &env);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no AWS credentials"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was built or sent"));
    assert!(!c.out().exists());
    // --strict: the fixture's example hotline data must not go live.
    let env = [
        ("AWS_ACCESS_KEY_ID".to_string(), "k".to_string()),
        ("AWS_SECRET_ACCESS_KEY".to_string(), "s".to_string()),
    ];
    let run = loa_env(c.root(), &["deploy", "--strict"], &env);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("hotline/example"), "{}", run.stderr);
    assert!(!c.out().exists());
    // A campaign that fails the build is refused.
    c.write("content/skills/hong.md", "---\ntitle: [\n---\n");
    let run = loa_env(c.root(), &["deploy"], &env);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!c.out().exists());
    // A bad target is a content error with its line.
    c.remove("content/skills/hong.md");
    let run = c.loa(&["check"]);
    assert!(!run.stdout.contains("config/deploy"), "{}", run.stdout);
}

// ---------------------------------------------------------------------------
// Real servers.

/// A program from PATH, cargo's bin folder or /usr/sbin.
pub(crate) fn tool(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(home).join("bin"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".tools/bin"));
    dirs.push("/usr/sbin".into());
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) fn wait_port(port: u16, child: &mut Child) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the server exited: {status}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "port {port} never opened"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A child process killed when dropped.
pub(crate) struct Server(pub(crate) Child);

impl Drop for Server {
    fn drop(&mut self) {
        // SIGTERM: Apache and nginx then stop their workers too.
        let pid = libc::pid_t::try_from(self.0.id()).unwrap();
        // SAFETY: kill(2) with the id of our own child.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let start = Instant::now();
        while matches!(self.0.try_wait(), Ok(None)) && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A plain GET: (status, headers lower-cased, body as text).
pub(crate) fn http_get(port: u16, path: &str) -> (u16, BTreeMap<String, String>, String) {
    let (status, headers, body) = http_get_with(port, path, "");
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

/// A plain HTTP/1.1 GET on a connection of its own, with extra request
/// headers: (status, headers lower-cased, body bytes).
pub(crate) fn http_get_with(
    port: u16,
    path: &str,
    extra: &str,
) -> (u16, BTreeMap<String, String>, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{extra}\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, raw[end + 4..].to_vec())
}

/// Every header of the description, and the cache policy, on a page, a
/// theme file and the 404 page, as a real server sends them.
pub(crate) fn assert_served(port: u16, c: &Campaign, prefix: &str) {
    let css = theme_file(&c.out().join("quan-a"), "loa.css");
    let (status, page, body) = http_get(port, &format!("{prefix}skills/"));
    assert_eq!(status, 200, "{body}");
    for (name, value) in loa::output::hosting::security_headers(true) {
        assert_eq!(
            page.get(&name.to_ascii_lowercase()).map(String::as_str),
            Some(&*value),
            "{name}"
        );
    }
    assert_eq!(page["cache-control"], "no-cache");
    assert!(page["content-type"].starts_with("text/html"));
    let (status, asset, _) = http_get(port, &format!("{prefix}{css}"));
    assert_eq!(status, 200);
    assert_eq!(
        asset["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(asset["content-type"].starts_with("text/css"));
    assert_eq!(asset["x-content-type-options"], "nosniff");
    let (status, missing, body) = http_get(port, &format!("{prefix}khong-co/"));
    assert_eq!(status, 404);
    assert!(
        body.contains(&c.read("public/quan-a/404.html")[..200]),
        "not loa's 404 page: {body}"
    );
    assert_eq!(missing["referrer-policy"], "no-referrer");
    assert!(missing["content-security-policy"].contains("frame-ancestors 'none'"));
    // A picture shown in a page is named after its content and kept for a
    // year; the same picture linked as a download keeps its name and is
    // asked for again on every visit.
    let (picture, download) = shown_and_downloaded(c);
    let (status, pic, _) = http_get(port, &format!("{prefix}{picture}"));
    assert_eq!(status, 200, "{picture}");
    assert_eq!(
        pic["cache-control"],
        loa::output::hosting::IMMUTABLE,
        "{picture}"
    );
    assert_eq!(pic["content-type"], "image/webp");
    let (status, dl, _) = http_get(port, &format!("{prefix}{download}"));
    assert_eq!(status, 200, "{download}");
    assert_eq!(dl["cache-control"], "no-cache", "{download}");
    assert_eq!(dl["content-type"], "image/png");
}

/// The fixture's picture as `skills/tu-bao-ve/` shows it (its first WebP
/// file) and as it links to it for download, from the district folder.
pub(crate) fn shown_and_downloaded(c: &Campaign) -> (String, String) {
    let html = c.html("quan-a/skills/tu-bao-ve/index.html");
    let srcset = attrs(&html, "picture source", "srcset");
    let first = srcset[0].split(' ').next().unwrap();
    let picture = resolve("skills/tu-bao-ve/index.html", first);
    let links = attrs(&html, "main a[href$='.png']", "href");
    let download = resolve("skills/tu-bao-ve/index.html", &links[0]);
    (picture, download)
}

/// `href` as written in the page `page` (both relative to the district
/// folder), as a path from the district folder.
pub(crate) fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in href.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[test]
fn content_assets_shown_in_pages_are_named_after_their_content() {
    let c = fixture();
    let site = c.read("content/site.yaml");
    c.write(
        "content/site.yaml",
        format!("{site}logo: images/logo.png\n"),
    );
    let png = std::fs::read(c.root().join("content/skills/so-do.png")).unwrap();
    c.write("content/images/logo.png", &png);
    c.write("content/skills/to-roi.pdf", "%PDF-1.4\n% to roi\n%%EOF\n");
    let page = c.read("content/skills/tu-bao-ve.md");
    c.write(
        "content/skills/tu-bao-ve.md",
        format!("{page}\n[Tải tờ rơi](to-roi.pdf)\n"),
    );
    c.build();
    let first = snapshot_tree(&c.out());
    let dir = c.out().join("quan-a");
    let headers = c.read("public/quan-a/_headers");
    let mut shown = std::collections::BTreeSet::new();
    let mut downloads = std::collections::BTreeSet::new();
    for page in html_files(&dir) {
        let html = c.html(&format!("quan-a/{page}"));
        let mut refs: Vec<String> = Vec::new();
        refs.extend(attrs(&html, "img", "src"));
        for set in attrs(&html, "img[srcset], source[srcset]", "srcset") {
            refs.extend(
                set.split(", ")
                    .map(|s| s.split(' ').next().unwrap().to_string()),
            );
        }
        refs.extend(attrs(&html, "meta[property='og:image']", "content"));
        for r in refs {
            // The 404 page and the share cards link with the base_url.
            let path = match r.strip_prefix("https://quan-a.example.org/") {
                Some(abs) => abs.to_string(),
                None => resolve(&page, &r),
            };
            shown.insert(path);
        }
        for href in attrs(&html, "main a[href$='.pdf'], main a[href$='.png']", "href") {
            downloads.insert(resolve(&page, &href));
        }
    }
    assert!(
        shown.iter().any(|p| p.starts_with("images/logo.")),
        "{shown:?}"
    );
    assert!(
        shown
            .iter()
            .any(|p| p.starts_with("skills/so-do.") && p.ends_with(".webp"))
    );
    for path in &shown {
        assert!(
            loa::output::hosting::is_fingerprinted(path),
            "{path} is shown but not named after its content"
        );
        assert!(dir.join(path).is_file(), "{path} is shown but missing");
        assert_eq!(
            loa::output::hosting::cache_control(path),
            loa::output::hosting::IMMUTABLE
        );
        assert!(
            headers.contains(&format!(
                "/{path}\n  Cache-Control: public, max-age=31536000, immutable\n"
            )),
            "{path} in _headers"
        );
    }
    // Downloads keep the name the writer gave them: the address stays
    // valid when shared or printed, the saved file has that name, and a
    // corrected leaflet reaches whoever taps the link again.
    assert_eq!(
        downloads.iter().collect::<Vec<_>>(),
        ["skills/so-do.png", "skills/to-roi.pdf"]
    );
    for path in &downloads {
        assert!(!loa::output::hosting::is_fingerprinted(path));
        assert!(dir.join(path).is_file(), "{path}");
        assert_eq!(loa::output::hosting::cache_control(path), "no-cache");
    }
    assert_eq!(
        c.read("public/quan-a/skills/to-roi.pdf"),
        "%PDF-1.4\n% to roi\n%%EOF\n"
    );
    // The logo is published once, under its hashed name only.
    assert!(!dir.join("images/logo.png").exists());
    // Deterministic, and a new picture is a new name.
    c.build();
    assert_eq!(first, snapshot_tree(&c.out()));
    let logo = shown
        .iter()
        .find(|p| p.starts_with("images/logo."))
        .unwrap()
        .clone();
    let mut other = png.clone();
    other.extend_from_slice(b"tail");
    c.write("content/images/logo.png", &other);
    c.build();
    let html = c.html("quan-a/index.html");
    let now = attrs(&html, "img.logo", "src");
    assert_ne!(now[0].trim_start_matches("./"), logo);
    assert!(loa::output::hosting::is_fingerprinted(&now[0]));
}

/// Servers started as root drop to another user, who must read the site.
pub(crate) fn readable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut p = path.to_path_buf();
    loop {
        if p.as_os_str().is_empty() || p == Path::new("/") {
            break;
        }
        if let Ok(meta) = std::fs::metadata(&p) {
            let mode = meta.permissions().mode();
            let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode | 0o755));
        }
        if !p.pop() {
            break;
        }
    }
}

/// Starts Debian's Apache serving `site` at `/` on a free port, reading its
/// `.htaccess` as cPanel hosts do: (the server, its port, its run folder).
pub(crate) fn start_apache(site: &Path) -> (Server, u16, tempfile::TempDir) {
    let apache = tool("apache2").expect("apache2 is not installed (apt-get install apache2)");
    let run = tempfile::tempdir().unwrap();
    let port = free_port();
    let modules = "/usr/lib/apache2/modules";
    let conf = format!(
        "ServerRoot {run}\nListen 127.0.0.1:{port}\nServerName 127.0.0.1\nPidFile {run}/httpd.pid\n\
         LoadModule mpm_event_module {modules}/mod_mpm_event.so\n\
         LoadModule authz_core_module {modules}/mod_authz_core.so\n\
         LoadModule mime_module {modules}/mod_mime.so\n\
         LoadModule headers_module {modules}/mod_headers.so\n\
         LoadModule alias_module {modules}/mod_alias.so\n\
         LoadModule dir_module {modules}/mod_dir.so\n\
         TypesConfig /etc/mime.types\nUser nobody\nGroup nogroup\nErrorLog {run}/error.log\n\
         DocumentRoot {site}\nDirectoryIndex index.html\n\
         <Directory {site}>\n  AllowOverride FileInfo Indexes\n  Require all granted\n</Directory>\n",
        run = run.path().display(),
        site = site.display(),
    );
    let file = run.path().join("httpd.conf");
    std::fs::write(&file, conf).unwrap();
    let mut child = Command::new(apache)
        .arg("-f")
        .arg(&file)
        .arg("-DFOREGROUND")
        .env("APACHE_RUN_DIR", run.path())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    wait_port(port, &mut child);
    (Server(child), port, run)
}

#[test]
#[ignore = "needs Debian's apache2 (apt-get install apache2); .ci/run runs it"]
fn apache_serves_a_district_with_its_htaccess() {
    let c = fixture();
    c.build();
    let site = c.out().join("quan-a");
    readable(&site);
    let (_server, port, _run) = start_apache(&site);
    assert_served(port, &c, "/");
}

/// The nginx snippet of the README, for a site in `root` at `/`.
fn readme_nginx_snippet(root: &Path) -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("```nginx\n")
        .expect("an nginx snippet in the README")
        + 9;
    let snippet = &readme[start..start + readme[start..].find("```").unwrap()];
    assert!(snippet.contains(loa::output::hosting::README_NGINX_ROOT));
    snippet.replace(
        loa::output::hosting::README_NGINX_ROOT,
        &root.display().to_string(),
    )
}

/// Starts Debian's nginx with the README's snippet serving `site` at `/`
/// on a free port: (the server, its port, its run folder).
pub(crate) fn start_nginx(nginx: PathBuf, site: &Path) -> (Server, u16, tempfile::TempDir) {
    let run = tempfile::tempdir().unwrap();
    let port = free_port();
    let conf = format!(
        "daemon off;\nuser nobody nogroup;\npid {run}/nginx.pid;\nerror_log {run}/error.log;\nevents {{}}\n\
         http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n  client_body_temp_path {run};\n  proxy_temp_path {run};\n  fastcgi_temp_path {run};\n  uwsgi_temp_path {run};\n  scgi_temp_path {run};\n\
         server {{\n  listen 127.0.0.1:{port};\n{snippet}\n}}\n}}\n",
        run = run.path().display(),
        snippet = readme_nginx_snippet(site),
    );
    let file = run.path().join("nginx.conf");
    std::fs::write(&file, conf).unwrap();
    let mut child = Command::new(nginx)
        .arg("-c")
        .arg(&file)
        .arg("-p")
        .arg(run.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_port(port, &mut child);
    (Server(child), port, run)
}

#[test]
#[ignore = "needs Debian's nginx (apt-get install nginx); .ci/run runs it"]
fn nginx_serves_a_district_with_the_readme_snippet() {
    let nginx = tool("nginx").expect("nginx is not installed (apt-get install nginx)");
    let c = fixture();
    c.build();
    let site = c.out().join("quan-a");
    readable(&site);
    let (_server, port, _run) = start_nginx(nginx, &site);
    assert_served(port, &c, "/");
}

/// s3s-fs on a free port with a bucket `sites`: (server, port, data folder).
pub(crate) fn s3_server() -> (Server, u16, tempfile::TempDir) {
    let bin = tool("s3s-fs").expect(
        "s3s-fs is not installed (cargo install s3s-fs --version 0.14.1 --features binary)",
    );
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(data.path().join("sites")).unwrap();
    let port = free_port();
    let mut child = Command::new(bin)
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .args([
            "--access-key",
            "loa-test",
            "--secret-key",
            "loa-test-secret",
        ])
        .arg(data.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_port(port, &mut child);
    (Server(child), port, data)
}

pub(crate) fn s3_env() -> Vec<(String, String)> {
    vec![
        ("AWS_ACCESS_KEY_ID".into(), "loa-test".into()),
        ("AWS_SECRET_ACCESS_KEY".into(), "loa-test-secret".into()),
    ]
}

/// An object as the S3 API gives it back.
pub(crate) struct Object {
    pub(crate) bytes: Vec<u8>,
    pub(crate) ty: String,
    pub(crate) cache: String,
    pub(crate) encoding: String,
}

/// Every object under `quan-a/` as the S3 API gives it back.
pub(crate) fn s3_objects(port: u16) -> BTreeMap<String, Object> {
    use futures::TryStreamExt;
    use object_store::{Attribute, ObjectStore, ObjectStoreExt};
    loa::publish::install_tls();
    let store = object_store::aws::AmazonS3Builder::new()
        .with_bucket_name("sites")
        .with_region("us-east-1")
        .with_endpoint(format!("http://127.0.0.1:{port}"))
        .with_allow_http(true)
        .with_access_key_id("loa-test")
        .with_secret_access_key("loa-test-secret")
        .build()
        .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let prefix = object_store::path::Path::from("quan-a");
        let metas: Vec<_> = store.list(Some(&prefix)).try_collect().await.unwrap();
        let mut objects = BTreeMap::new();
        for meta in metas {
            let got = store.get(&meta.location).await.unwrap();
            let attr = |a: &Attribute| {
                got.attributes
                    .get(a)
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            };
            let (ty, cache, encoding) = (
                attr(&Attribute::ContentType),
                attr(&Attribute::CacheControl),
                attr(&Attribute::ContentEncoding),
            );
            let bytes = got.bytes().await.unwrap().to_vec();
            let path = meta
                .location
                .as_ref()
                .strip_prefix("quan-a/")
                .unwrap()
                .to_string();
            objects.insert(
                path,
                Object {
                    bytes,
                    ty,
                    cache,
                    encoding,
                },
            );
        }
        objects
    })
}

#[test]
#[ignore = "needs s3s-fs (cargo install s3s-fs --version 0.14.1 --features binary); .ci/run runs it"]
fn deploy_to_a_real_s3_server() {
    let (_server, port, _data) = s3_server();
    let c = fixture();
    deploy_to(
        &c,
        &format!(
            "  target: \"s3://sites/quan-a\"\n  endpoint: \"http://127.0.0.1:{port}\"\n  region: \"hn-1\"\n"
        ),
    );
    let remote = || {
        let mut files: BTreeMap<String, Vec<u8>> = s3_objects(port)
            .into_iter()
            .map(|(p, o)| (p, o.bytes))
            .collect();
        files.remove(".loa-deploy.json");
        files
    };
    incremental_deploys(&c, &s3_env(), &remote, false);
    // Types and cache policy travel with each object.
    let objects = s3_objects(port);
    let css = theme_file(&c.out().join("quan-a"), "loa.css");
    assert_eq!(objects[&css].ty, "text/css; charset=utf-8");
    assert_eq!(objects[&css].cache, "public, max-age=31536000, immutable");
    assert_eq!(objects["index.html"].ty, "text/html; charset=utf-8");
    assert_eq!(objects["index.html"].cache, "no-cache");
    // (The page with the fixture's picture was deleted above.)
    let icon = theme_file(&c.out().join("quan-a"), "favicon.svg");
    assert_eq!(objects[&icon].ty, "image/svg+xml");
    assert!(!objects.contains_key("_headers") && !objects.contains_key(".htaccess"));
}

#[test]
#[ignore = "needs s3s-fs (cargo install s3s-fs --version 0.14.1 --features binary); .ci/run runs it"]
fn a_killed_deploy_then_a_new_one_converges() {
    let (_server, port, data) = s3_server();
    let c = fixture();
    // Enough files that the deploy is still sending when it is killed.
    for i in 0..300 {
        c.write(
            &format!("content/skills/data/bang-{i:03}.txt"),
            format!("{i}\n").repeat(4000),
        );
    }
    deploy_to(
        &c,
        &format!("  target: \"s3://sites/quan-a\"\n  endpoint: \"http://127.0.0.1:{port}\"\n"),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
        .env("LOA_LANG", "en")
        .arg("deploy")
        .current_dir(c.root())
        .envs(s3_env())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once it has started sending (the manifest names what may be
    // there) and before it finished.
    let manifest = data.path().join("sites/quan-a/.loa-deploy.json");
    let start = Instant::now();
    while !manifest.exists() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let sent = s3_objects(port).len();
    let run = loa_env(c.root(), &["deploy"], &s3_env()).ok();
    let total = site_files(&c, false).len();
    let (uploaded, unchanged, _) = counts(&run.stdout);
    assert_eq!(uploaded + unchanged, total);
    eprintln!("killed after {sent} objects; the next deploy sent {uploaded}");
    let mut remote: BTreeMap<String, Vec<u8>> = s3_objects(port)
        .into_iter()
        .map(|(p, o)| (p, o.bytes))
        .collect();
    remote.remove(".loa-deploy.json");
    assert_eq!(remote, site_files(&c, false));
    assert_eq!(
        counts(&loa_env(c.root(), &["deploy"], &s3_env()).ok().stdout),
        (0, total, 0)
    );
}
