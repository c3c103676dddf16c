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

/// A server that answers every request with a redirect to `location`,
/// until it receives `STOP`: (its port, the number of answers it gave).
fn redirector(location: String) -> (u16, std::thread::JoinHandle<usize>) {
    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = server.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let mut answered = 0;
        for stream in server.incoming() {
            let Ok(mut stream) = stream else { break };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let (mut line, mut first, mut length) = (String::new(), String::new(), 0);
            while reader.read_line(&mut line).unwrap_or(0) > 0 {
                if first.is_empty() {
                    first = line.clone();
                }
                if let Some(n) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = n.trim().parse().unwrap_or(0);
                }
                if line == "\r\n" {
                    break;
                }
                line.clear();
            }
            if first.starts_with("STOP") {
                break;
            }
            let mut body = vec![0; length];
            let _ = std::io::Read::read_exact(&mut reader, &mut body);
            let answer = format!(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(answer.as_bytes());
            answered += 1;
        }
        answered
    });
    (port, handle)
}

/// Stops a [`redirector`] and says how many requests it answered.
fn stop(port: u16, handle: std::thread::JoinHandle<usize>) -> usize {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(b"STOP\r\n\r\n").unwrap();
    handle.join().unwrap()
}

/// An allowed endpoint or purge webhook that answers with a redirect to
/// another host: the request is not sent again there (it would carry the
/// session token, the signed headers or `LOA_PURGE_TOKEN`), and the deploy
/// fails saying so.
#[test]
fn a_redirect_does_not_carry_the_operator_s_requests_elsewhere() {
    let (listener, port) = spy();
    let (endpoint_port, served) = redirector(format!(
        "http://127.0.0.1:{port}/ward-sites/quan-a/.loa-deploy.json"
    ));
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
    assert!(
        stop(endpoint_port, served) > 0,
        "the endpoint was never asked"
    );
    assert!(
        listener.accept().is_err(),
        "the redirect was followed to the listener"
    );
    // The purge webhook, after a deploy into a folder.
    let (hook_port, served) = redirector(format!("http://127.0.0.1:{port}/hook"));
    let c = fixture();
    let www = tempfile::tempdir().unwrap();
    deploy_to(
        &c,
        &format!(
            "  target: \"file://{}/quan-a\"\n  purge:\n    webhook: \"http://127.0.0.1:{hook_port}/purge\"\n",
            www.path().display()
        ),
    );
    let run = loa_env(c.root(), &["deploy"], &operator_env());
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("307"), "{}", run.stderr);
    assert!(stop(hook_port, served) > 0, "the webhook was never asked");
    assert!(
        listener.accept().is_err(),
        "the purge followed the redirect to the listener"
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
    // Counted by name: files come and go while the deploy runs.
    let count = |dir: &Path| site.keys().filter(|k| dir.join(k).is_file()).count();
    // Kill once the first file is in place, then when a third and two
    // thirds of the files are.
    for (round, wanted) in [1, site.len() / 3, 2 * site.len() / 3]
        .into_iter()
        .enumerate()
    {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
            .env("LOA_LANG", "en")
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

/// Every value written into `.htaccess`, `_headers` or the nginx snippet
/// passes a whitelist: a `base_url` with `%{` (which Apache evaluates), `$`,
/// `{`, `;` or a `%` that starts no `%XX` is `config/base-url` at its line,
/// and nothing is built.
#[test]
fn a_base_url_with_server_syntax_is_refused_at_its_line() {
    for base in [
        "https://x.example/%{/",
        "https://x.example/%{HTTP_HOST}/",
        "https://x.example/%zz/",
        "https://x.example/$host/",
        "https://x.example/{a}/",
        "https://x.example/a;b/",
        "https://x.example/a%/",
    ] {
        let c = fixture();
        let file = "content/districts/quan-a.yaml";
        let text = c.read(file).replace(
            "base_url: \"https://quan-a.example.org/\"",
            &format!("base_url: \"{base}\""),
        );
        c.write(file, text);
        let run = c.loa(&["build"]);
        assert_eq!(run.code, 1, "{base}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("content/districts/quan-a.yaml:2:11: error[config/base-url]"),
            "{base}: {}",
            run.stderr
        );
        assert!(!c.out().exists(), "{base}");
    }
}

/// A ward's file cannot put another website on the city's posters: a
/// `base_url` whose host, read as a browser reads it, is not under a web
/// address of `site.yaml`'s `deploy_allowed` (the fixture allows
/// `https://example.org/`) is `config/base-url-not-allowed` at its line,
/// from `loa check` and `loa build` alike, in Vietnamese and English, and
/// nothing is built. Other spellings of the campaign's own host are
/// accepted, and their QR codes and canonical links are that address.
#[test]
fn a_base_url_on_another_host_is_refused_whatever_its_spelling() {
    let set = |c: &Campaign, base: &str| {
        let file = "content/districts/quan-a.yaml";
        let text = c.read(file).replace(
            "base_url: \"https://quan-a.example.org/\"",
            &format!("base_url: \"{base}\""),
        );
        c.write(file, text);
    };
    for (base, code, host) in [
        (
            "https://evil.example/",
            "config/base-url-not-allowed",
            "https://evil.example",
        ),
        // The campaign's domain at the start, or inside another name.
        (
            "https://example.org.evil.example/",
            "config/base-url-not-allowed",
            "https://example.org.evil.example",
        ),
        (
            "https://evilexample.org/",
            "config/base-url-not-allowed",
            "https://evilexample.org",
        ),
        (
            "https://EVIL.example./",
            "config/base-url-not-allowed",
            "https://evil.example",
        ),
        // Another port or scheme of the campaign's host: another server.
        (
            "https://quan-a.example.org:8443/",
            "config/base-url-not-allowed",
            "https://quan-a.example.org:8443",
        ),
        (
            "http://quan-a.example.org/",
            "config/base-url-not-allowed",
            "http://quan-a.example.org",
        ),
        // An IP address, in any spelling.
        (
            "https://93.184.216.34/",
            "config/base-url-not-allowed",
            "https://93.184.216.34",
        ),
        (
            "https://1572395042/",
            "config/base-url-not-allowed",
            "https://93.184.216.34",
        ),
        // Punycode of a look-alike (exаmple.org with a Cyrillic а).
        (
            "https://xn--exmple-4nf.org/",
            "config/base-url-not-allowed",
            "https://xn--exmple-4nf.org",
        ),
        // A login shows one host and goes to another; a non-ASCII or
        // percent-encoded host is not a plain address.
        (
            "https://quan-a.example.org@evil.example/",
            "config/base-url",
            "",
        ),
        ("https://quận-a.example.org/", "config/base-url", ""),
        ("https://ex%61mple.org/", "config/base-url", ""),
    ] {
        let c = fixture();
        set(&c, base);
        let run = c.loa(&["check", "--format", "json"]);
        assert_eq!(run.code, 1, "{base}: {}", run.stdout);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let found: Vec<_> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["severity"].clone(),
                    f["code"].clone(),
                    f["file"].clone(),
                    f["line"].clone(),
                    f["column"].clone(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [(
                "error".into(),
                code.into(),
                "content/districts/quan-a.yaml".into(),
                2.into(),
                11.into()
            )],
            "{base}"
        );
        let run = c.loa(&["build"]);
        assert_eq!(run.code, 1, "{base}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "content/districts/quan-a.yaml:2:11: error[{code}]"
            )),
            "{base}: {}",
            run.stderr
        );
        assert!(!c.out().exists(), "{base}");
        if host.is_empty() {
            continue;
        }
        let en = c.loa(&["check"]);
        let en = en.stdout + &en.stderr;
        assert!(
            en.contains(&format!(
                "leads to {host}, which is not one of the campaign's own"
            )) && en.contains("QR codes"),
            "{base}: {en}"
        );
        let vi = loa_env(c.root(), &["check"], &[("LOA_LANG".into(), "vi".into())]);
        let vi = vi.stdout + &vi.stderr;
        assert!(
            vi.contains(&format!(
                "dẫn tới {host}, không phải địa chỉ web của chiến dịch"
            )) && vi.contains("mã QR"),
            "{base}: {vi}"
        );
    }
    for base in [
        "https://QUAN-A.Example.ORG./",
        "https://quan-a.example.org:443/",
        "https://example.org/quan-a/",
    ] {
        let c = fixture();
        set(&c, base);
        c.build();
        let page = c.html("quan-a/index.html");
        assert_eq!(attrs(&page, "link[rel=canonical]", "href"), [base]);
        assert!(c.out().join("quan-a/print/poster/index.html").is_file());
    }
}

/// The fixture with a download whose own name looks fingerprinted, linked
/// from a page, deployed into `dir` (a `.loa-deploy.json` beside it), with
/// what a killed deploy left there: (the campaign, the download's path).
fn look_alike_site(dir: &Path) -> (Campaign, &'static str) {
    let c = fixture();
    let download = "skills/to-roi.20261101.pdf";
    c.write(
        &format!("content/{download}"),
        "%PDF-1.4\n% to roi\n%%EOF\n",
    );
    let page = "content/skills/tu-bao-ve.md";
    c.write(
        page,
        format!("{}\n[Tải tờ rơi](to-roi.20261101.pdf)\n", c.read(page)),
    );
    deploy_to(&c, &format!("  target: \"file://{}\"\n", dir.display()));
    loa_in(c.root(), &["deploy"]).ok();
    std::fs::create_dir_all(dir.join(".loa-tmp")).unwrap();
    std::fs::write(dir.join(".loa-tmp/1-1"), "half a page").unwrap();
    crate::publish::readable(dir);
    (c, download)
}

/// What a web server must send for the look-alike site: loa's own
/// fingerprinted files for a year, the download and pages revalidated, and
/// loa's manifest and temporary files never.
fn assert_cache_and_hidden(port: u16, c: &Campaign, download: &str) {
    use crate::publish::http_get;
    let (status, h, _) = http_get(port, &format!("/{download}"));
    assert_eq!(status, 200, "{download}");
    assert_eq!(h["cache-control"], "no-cache", "{download}");
    let css = theme_file(&c.out().join("quan-a"), "loa.css");
    let (status, h, _) = http_get(port, &format!("/{css}"));
    assert_eq!(status, 200);
    assert_eq!(h["cache-control"], loa::output::hosting::IMMUTABLE);
    let (picture, _) = crate::publish::shown_and_downloaded(c);
    let (status, h, _) = http_get(port, &format!("/{picture}"));
    assert_eq!(status, 200);
    assert_eq!(h["cache-control"], loa::output::hosting::IMMUTABLE);
    let (status, h, _) = http_get(port, "/skills/");
    assert_eq!(status, 200);
    assert_eq!(h["cache-control"], "no-cache");
    for hidden in [
        "/.loa-deploy.json",
        "/.loa-tmp/1-1",
        "/.loa-revalidate/skills/to-roi.20261101.pdf",
    ] {
        let (status, _, body) = http_get(port, hidden);
        assert!(status == 404 || status == 403, "{hidden}: {status} {body}");
        assert!(!body.contains("half a page") && !body.contains("\"files\""));
    }
}

#[test]
#[ignore = "needs Debian's apache2 (apt-get install apache2); .ci/run runs it"]
fn apache_keeps_only_loa_s_fingerprinted_files_and_hides_its_own() {
    let www = tempfile::tempdir().unwrap();
    let dir = www.path().join("quan-a");
    let (c, download) = look_alike_site(&dir);
    let (_server, port, _run) = crate::publish::start_apache(&dir);
    assert_cache_and_hidden(port, &c, download);
}

#[test]
#[ignore = "needs Debian's nginx (apt-get install nginx); .ci/run runs it"]
fn nginx_keeps_only_loa_s_fingerprinted_files_and_hides_its_own() {
    let nginx = crate::publish::tool("nginx").expect("nginx is not installed");
    let www = tempfile::tempdir().unwrap();
    let dir = www.path().join("quan-a");
    let (c, download) = look_alike_site(&dir);
    let (_server, port, _run) = crate::publish::start_nginx(nginx, &dir);
    assert_cache_and_hidden(port, &c, download);
}

/// To an S3-compatible server: the look-alike download goes up with
/// `no-cache`, loa's own files with `immutable`, no marker goes up, and a
/// purge skips only loa's files; an object loa did not put there is not
/// replaced without `--adopt`.
#[test]
#[ignore = "needs s3s-fs (cargo install s3s-fs --version 0.14.1 --features binary); .ci/run runs it"]
fn an_s3_deploy_sends_immutable_only_for_loa_s_names_and_keeps_foreign_objects() {
    use crate::publish::{s3_env, s3_objects, s3_server};
    let (_server, port, data) = s3_server();
    let www = tempfile::tempdir().unwrap();
    let (c, download) = look_alike_site(&www.path().join("unused"));
    set_deploy(
        &c,
        &format!("  target: \"s3://sites/quan-a\"\n  endpoint: \"http://127.0.0.1:{port}\"\n"),
    );
    allow_deploy(
        &c,
        &format!("  target: \"s3://sites/\"\n  endpoint: \"http://127.0.0.1:{port}\"\n"),
    );
    // The operator's object where the site has its home page.
    std::fs::create_dir_all(data.path().join("sites/quan-a")).unwrap();
    std::fs::write(data.path().join("sites/quan-a/index.html"), "operator").unwrap();
    let run = loa_env(c.root(), &["deploy"], &s3_env());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("index.html") && run.stderr.contains("--adopt"),
        "{}",
        run.stderr
    );
    assert_eq!(s3_objects(port).len(), 1, "something was sent");
    loa_env(c.root(), &["deploy", "--adopt"], &s3_env()).ok();
    let objects = s3_objects(port);
    assert_eq!(objects[download].cache, "no-cache");
    let css = theme_file(&c.out().join("quan-a"), "loa.css");
    assert_eq!(objects[&css].cache, loa::output::hosting::IMMUTABLE);
    let (picture, _) = crate::publish::shown_and_downloaded(&c);
    assert_eq!(objects[&picture].cache, loa::output::hosting::IMMUTABLE);
    assert!(!objects.keys().any(|k| k.starts_with(".loa-revalidate")));
    assert_eq!(
        objects["index.html"].bytes,
        c.read("public/quan-a/index.html").into_bytes()
    );
}

/// Cloudflare Pages reads at most 100 rules in `_headers`: a campaign with
/// hundreds of pictures gets rules within that limit, each one for files
/// loa fingerprinted only.
#[test]
fn headers_stay_within_cloudflare_s_rule_limit_on_a_large_campaign() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("city");
    let shape = crate::generator::Shape {
        districts: 1,
        pages: 10,
        own_pages: 0,
        overrides: 0,
        hotlines: 0,
    };
    crate::generator::generate(&root, shape).unwrap();
    // Smaller than the largest width (1600): each photo is published at
    // 480 and 960 px and at its own width, as JPEG and WebP, and as its
    // share picture: over 150 fingerprinted files from 40 photos, for a
    // third of the pixels.
    crate::generator::photo_news_sized(&root, 40, (1000, 625)).unwrap();
    loa_in(&root, &["build"]).ok();
    let site = root.join("public/phuong-0");
    let fingerprinted: Vec<String> = snapshot_tree(&site)
        .into_keys()
        .filter(|p| loa::output::hosting::is_fingerprinted(p))
        .collect();
    assert!(fingerprinted.len() > 150, "{}", fingerprinted.len());
    let headers = std::fs::read_to_string(site.join("_headers")).unwrap();
    let rules: Vec<&str> = headers.lines().filter(|l| l.starts_with('/')).collect();
    assert!(rules.len() <= 100, "{} rules", rules.len());
    assert_eq!(rules[0], "/*");
    for rule in &rules[1..] {
        let path = rule.trim_start_matches('/');
        assert!(
            fingerprinted.iter().any(|f| f == path)
                || (path.ends_with("/*")
                    && snapshot_tree(&site.join(path.trim_end_matches("/*")))
                        .keys()
                        .all(|f| loa::output::hosting::is_fingerprinted(f))),
            "{rule}"
        );
    }
}

/// Regression: a folder inside a `file://` target that is a link (planted
/// by anyone who can write the web root, such as another site on a shared
/// host) was followed: `loa deploy` wrote the district's pages into the
/// folder it led to, outside the target. Now the deploy stops at it,
/// naming it, and writes nothing through it. A `.loa-tmp` link is removed
/// (as a killed deploy's leftovers are), never written through.
#[test]
fn a_link_inside_a_folder_target_is_never_written_through() {
    for planted in ["skills", "en", ".loa-tmp"] {
        let c = fixture();
        let www = tempfile::tempdir().unwrap();
        let dir = www.path().join("web/quan-a");
        let elsewhere = www.path().join("elsewhere");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.join(planted)).unwrap();
        deploy_to(&c, &format!("  target: \"file://{}\"\n", dir.display()));
        let run = c.loa(&["deploy"]);
        if planted == ".loa-tmp" {
            assert_eq!(run.code, 0, "{}", run.stderr);
            assert!(dir.join("index.html").is_file());
        } else {
            assert_ne!(run.code, 0, "{planted}: {}{}", run.stdout, run.stderr);
            assert!(
                run.stderr.contains("is a link that leads to another place"),
                "{planted}: {}",
                run.stderr
            );
        }
        assert_eq!(
            snapshot_tree(&elsewhere),
            BTreeMap::new(),
            "{planted}: written through the link"
        );
    }
}
