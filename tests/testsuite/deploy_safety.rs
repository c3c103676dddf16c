//! `loa deploy` against hostile ward files and interrupted runs: values
//! that would send the operator's signed requests to another host, a
//! redirect that would carry them there, targets that reach another
//! ward's folder through a link or another case, the operator's own files
//! in the target, a dry run that must change nothing, and deploys killed
//! at several moments that must leave nothing under a public name.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::publish::{allow_deploy, deploy_to, fixture, site_files};
use crate::support::*;

/// Operator credentials a hostile ward would like to receive.
fn operator_env() -> Vec<(String, String)> {
    [
        ("AWS_ACCESS_KEY_ID", "operator-key"),
        ("AWS_SECRET_ACCESS_KEY", "operator-secret"),
        ("AWS_SESSION_TOKEN", "operator-session-token"),
        ("LOA_PURGE_TOKEN", "operator-token"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// A listener on 127.0.0.1 that must receive nothing: (it, its port).
fn spy() -> (TcpListener, u16) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    (listener, port)
}

/// Replaces quan-a's `deploy:` lines (the fixture has none).
fn set_deploy(c: &Campaign, deploy: &str) {
    let file = "content/districts/quan-a.yaml";
    let text = c.read(file);
    let text = text.split("hotlines:").next().unwrap().to_string();
    c.write(file, format!("{text}deploy:\n{deploy}"));
}

/// Every value of a district file that reaches a host name, a URL or a
/// signature has a strict grammar: a region, bucket, folder or endpoint
/// that would lead elsewhere is `config/deploy` at its line in `loa check`,
/// and `loa deploy`, with or without `--dry-run`, sends nothing anywhere.
#[test]
fn a_hostile_region_bucket_or_endpoint_reaches_no_other_host() {
    let (listener, port) = spy();
    let spy_host = format!("127.0.0.1:{port}");
    let cases = [
        // The region becomes part of the AWS host name.
        (
            format!("  target: \"s3://ward-sites/quan-a\"\n  region: \"x@{spy_host}/\"\n"),
            "5:11",
        ),
        (
            format!("  target: \"s3://ward-sites/quan-a\"\n  region: \"{spy_host}#\"\n"),
            "5:11",
        ),
        (
            "  target: \"s3://ward-sites/quan-a\"\n  region: \"us-east-1.evil.example\"\n".into(),
            "5:11",
        ),
        // A folder with URL syntax in it.
        (
            "  target: \"s3://ward-sites/quan-a?x=1\"\n".to_string(),
            "4:11",
        ),
        ("  target: \"s3://ward-sites/qu@n-a\"\n".to_string(), "4:11"),
    ];
    for (deploy, at) in cases {
        let c = fixture();
        allow_deploy(&c, "  target: \"s3://ward-sites/\"\n");
        set_deploy(&c, &deploy);
        let check = c.loa(&["check"]);
        assert_eq!(check.code, 1, "{deploy}{}", check.stdout);
        let all = format!("{}{}", check.stdout, check.stderr);
        assert!(
            all.contains("content/districts/quan-a.yaml\n")
                && all
                    .lines()
                    .any(|l| l.trim_start().starts_with(at) && l.contains("error   config/deploy ")),
            "{deploy}: {all}"
        );
        let found = format!("content/districts/quan-a.yaml:{at}: error[config/deploy]");
        for args in [&["deploy", "--dry-run"][..], &["deploy"]] {
            let run = loa_env(c.root(), args, &operator_env());
            assert_eq!(run.code, 1, "{deploy}{}", run.stderr);
            assert!(run.stderr.contains(&found), "{deploy}{}", run.stderr);
        }
        assert!(
            listener.accept().is_err(),
            "{deploy}: a request reached the listener"
        );
    }
    // An endpoint with a user part names one host and goes to another.
    let c = fixture();
    let endpoint = format!("http://s3.example.vn@{spy_host}");
    allow_deploy(&c, &format!("  endpoint: \"{endpoint}\"\n"));
    allow_deploy(&c, "  target: \"s3://ward-sites/\"\n");
    set_deploy(
        &c,
        &format!("  target: \"s3://ward-sites/quan-a\"\n  endpoint: \"{endpoint}\"\n"),
    );
    let run = loa_env(c.root(), &["deploy", "--dry-run"], &operator_env());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/districts/quan-a.yaml:5:13: error[config/deploy]"),
        "{}",
        run.stderr
    );
    assert!(listener.accept().is_err(), "a request reached the listener");
}

/// An allowed endpoint that answers with a redirect to another host: the
/// request is not sent again there (it would carry the session token and
/// the signed headers), and the deploy fails saying so.
#[test]
fn a_redirect_does_not_carry_the_operator_s_requests_elsewhere() {
    let (listener, port) = spy();
    let redirector = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint_port = redirector.local_addr().unwrap().port();
    let served = std::thread::spawn(move || {
        let mut answered = 0;
        // Every request gets a redirect to the listener, until the deploy
        // gives up (the test drops the connection after it ended).
        redirector.set_nonblocking(false).unwrap();
        for stream in redirector.incoming() {
            let Ok(mut stream) = stream else { break };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            let mut first = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 {
                if first.is_empty() {
                    first = line.clone();
                }
                if line == "\r\n" {
                    break;
                }
                line.clear();
            }
            if first.starts_with("STOP") {
                break;
            }
            let answer = format!(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:{port}/ward-sites/quan-a/.loa-deploy.json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(answer.as_bytes());
            answered += 1;
        }
        answered
    });
    let c = fixture();
    let endpoint = format!("http://127.0.0.1:{endpoint_port}");
    deploy_to(
        &c,
        &format!("  target: \"s3://ward-sites/quan-a\"\n  endpoint: \"{endpoint}\"\n"),
    );
    for args in [&["deploy", "--dry-run"][..], &["deploy"]] {
        let run = loa_env(c.root(), args, &operator_env());
        assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains("307"), "{}", run.stderr);
    }
    let mut stop = std::net::TcpStream::connect(("127.0.0.1", endpoint_port)).unwrap();
    stop.write_all(b"STOP\r\n\r\n").unwrap();
    assert!(served.join().unwrap() > 0, "the endpoint was never asked");
    assert!(
        listener.accept().is_err(),
        "the redirect was followed to the listener"
    );
}

/// One ward's target reaching another ward's folder through a link, or in
/// another case (a disk that ignores case), is refused like the same
/// target; a link leading out of the allowed folder is not allowed.
#[test]
fn targets_are_compared_after_links_and_case() {
    let www = tempfile::tempdir().unwrap();
    let root = www.path();
    std::fs::create_dir_all(root.join("sites/ba-dinh")).unwrap();
    std::fs::create_dir_all(root.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(root.join("sites/ba-dinh"), root.join("sites/html")).unwrap();
    std::os::unix::fs::symlink(root.join("elsewhere"), root.join("sites/out")).unwrap();
    let clash = "would publish into the place of district `quan-a`";
    for (b, expected) in [
        ("sites/html", Some(clash)),
        ("sites/html/en", Some(clash)),
        ("sites/BA-DINH", Some(clash)),
        ("sites/out", Some("leads through a link")),
        ("sites/out/quan-b", Some("leads through a link")),
        ("sites/hoan-kiem", None),
    ] {
        let c = fixture();
        deploy_to(
            &c,
            &format!("  target: \"file://{}/sites/ba-dinh\"\n", root.display()),
        );
        allow_deploy(
            &c,
            &format!("  target: \"file://{}/sites/\"\n", root.display()),
        );
        c.write(
            "content/districts/quan-b.yaml",
            format!(
                "name: {{ vi: \"Quận B\", en: \"District B\" }}\ndeploy:\n  target: \"file://{}/{b}\"\n",
                root.display()
            ),
        );
        let run = c.loa(&["check"]);
        let all = format!("{}{}", run.stdout, run.stderr);
        match expected {
            Some(message) => {
                assert_eq!(run.code, 1, "{b}: {all}");
                let line = all
                    .lines()
                    .find(|l| l.contains(message))
                    .unwrap_or_else(|| panic!("{b}: {all}"));
                assert!(line.trim_start().starts_with("3:11"), "{b}: {line}");
                let json = c.loa(&["check", "--format", "json"]).stdout;
                assert!(
                    json.contains("\"file\": \"content/districts/quan-b.yaml\"")
                        && json.contains("\"line\": 3"),
                    "{json}"
                );
            }
            None => assert!(
                !all.contains(clash) && !all.contains("leads through a link"),
                "{b}: {all}"
            ),
        }
    }
}

/// `--dry-run` changes nothing anywhere: no target folder is created, and
/// an existing one (with its manifest) stays byte for byte.
#[test]
fn a_dry_run_changes_nothing_at_the_target() {
    let c = fixture();
    let www = tempfile::tempdir().unwrap();
    let dir = www.path().join("web/quan-a");
    deploy_to(&c, &format!("  target: \"file://{}\"\n", dir.display()));
    let dry = loa_in(c.root(), &["deploy", "--dry-run"]).ok();
    assert!(dry.stdout.contains("would upload"), "{}", dry.stdout);
    assert!(!dir.exists(), "the dry run created the target folder");
    assert!(!www.path().join("web").exists());
    loa_in(c.root(), &["deploy"]).ok();
    // A killed deploy's leftovers and an edit: still nothing changes.
    std::fs::create_dir_all(dir.join(".loa-tmp")).unwrap();
    std::fs::write(dir.join(".loa-tmp/1-1"), "half").unwrap();
    let page = "content/skills/tu-bao-ve.md";
    c.write(page, format!("{}\nMột câu mới.\n", c.read(page)));
    let before = snapshot_tree(&dir);
    let dry = loa_in(c.root(), &["deploy", "--dry-run"]).ok();
    assert!(dry.stdout.contains("upload skills/tu-bao-ve/index.html"));
    assert_eq!(snapshot_tree(&dir), before);
}

/// Files in the target that loa did not put there are neither replaced nor
/// deleted: a deploy that would replace one is refused before anything is
/// sent, naming it and what to do; `--adopt` takes them over, explicitly.
#[test]
fn the_operator_s_own_files_are_never_replaced_without_adopt() {
    let c = fixture();
    let www = tempfile::tempdir().unwrap();
    let dir = www.path().join("quan-a");
    std::fs::create_dir_all(dir.join("skills")).unwrap();
    std::fs::write(dir.join("index.html"), "the operator's page").unwrap();
    std::fs::write(dir.join("google0123.html"), "verification").unwrap();
    deploy_to(&c, &format!("  target: \"file://{}\"\n", dir.display()));
    for args in [&["deploy", "--dry-run"][..], &["deploy"]] {
        let run = c.loa(args);
        assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("index.html") && run.stderr.contains("--adopt"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("google0123.html"), "{}", run.stderr);
    }
    // Nothing was sent: the folder holds the operator's files only.
    let files: Vec<String> = snapshot_tree(&dir).into_keys().collect();
    assert_eq!(files, ["google0123.html", "index.html"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("index.html")).unwrap(),
        "the operator's page"
    );
    // Taken over explicitly.
    loa_in(c.root(), &["deploy", "--adopt"]).ok();
    let site = site_files(&c, true);
    assert_eq!(
        std::fs::read(dir.join("index.html")).unwrap(),
        site["index.html"]
    );
    // A ward adds a page where the operator keeps a file: refused, and the
    // operator's file survives the page's removal too.
    std::fs::create_dir_all(dir.join("pages/lien-he")).unwrap();
    std::fs::write(
        dir.join("pages/lien-he/index.html"),
        "the operator's contacts",
    )
    .unwrap();
    c.write(
        "content/pages/lien-he.md",
        "---\ntitle: Liên hệ\n---\n\nGọi 111.\n",
    );
    let run = c.loa(&["deploy"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("pages/lien-he/index.html"),
        "{}",
        run.stderr
    );
    c.remove("content/pages/lien-he.md");
    loa_in(c.root(), &["deploy"]).ok();
    assert_eq!(
        std::fs::read_to_string(dir.join("pages/lien-he/index.html")).unwrap(),
        "the operator's contacts"
    );
    assert!(dir.join("google0123.html").is_file());
}

/// The files in the target besides the manifest: (path, bytes).
fn published(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = snapshot_tree(dir);
    files.remove(".loa-deploy.json");
    files
}

/// A deploy into a folder killed with SIGKILL at several moments (waiting
/// for what it has written, never for a time): nothing it leaves is under
/// a public name but a whole file of the site, what it left is in
/// `.loa-tmp/`, which the host files refuse to serve, and the next deploy
/// removes every leftover (also the `name#N` copies older versions left),
/// so the target holds exactly the site.
#[test]
fn a_deploy_killed_at_any_moment_leaves_nothing_under_a_public_name() {
    let c = fixture();
    // Enough bytes that the deploy is still writing when it is killed.
    for i in 0..120 {
        c.write(
            &format!("content/skills/data/bang-{i:03}.txt"),
            format!("{i:03} hàng dữ liệu\n").repeat(12_000),
        );
    }
    let www = tempfile::tempdir().unwrap();
    let dir = www.path().join("quan-a");
    deploy_to(&c, &format!("  target: \"file://{}\"\n", dir.display()));
    loa_in(c.root(), &["build"]).ok();
    let site = site_files(&c, true);
    // A copy loa 0.1 left while writing a file.
    std::fs::create_dir_all(dir.join("skills")).unwrap();
    std::fs::write(dir.join("skills/so-do.png#7"), "half a picture").unwrap();
    let count = |dir: &Path| {
        published(dir)
            .keys()
            .filter(|k| site.contains_key(*k))
            .count()
    };
    // Kill once the first file is in place, then when a third and two
    // thirds of the files are.
    for (round, wanted) in [1, site.len() / 3, 2 * site.len() / 3]
        .into_iter()
        .enumerate()
    {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
            .arg("deploy")
            .current_dir(c.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while count(&dir) < wanted && matches!(child.try_wait(), Ok(None)) {
            assert!(start.elapsed() < Duration::from_secs(120), "round {round}");
            std::thread::yield_now();
        }
        child.kill().unwrap();
        child.wait().unwrap();
        for (path, bytes) in published(&dir) {
            if path.starts_with(".loa-tmp/") || path == "skills/so-do.png#7" {
                continue;
            }
            let whole = site.get(&path);
            assert!(
                whole.is_some(),
                "round {round}: {path} is not a file of the site"
            );
            assert!(whole == Some(&bytes), "round {round}: {path} is not whole");
        }
    }
    loa_in(c.root(), &["deploy"]).ok();
    assert_eq!(published(&dir), site);
    assert!(!dir.join(".loa-tmp").exists());
}
