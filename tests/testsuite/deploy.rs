//! `loa deploy` beyond the basics, with real servers: pre-compressed files
//! (to s3s-fs with `Content-Encoding`, beside the files for nginx's
//! `gzip_static`), CDN purges received by an HTTP server the test runs,
//! retries provoked by a proxy that fails requests in front of s3s-fs, a
//! deploy that fails for good part-way, and Azure through Azurite.
//!
//! The tests that need a server are `#[ignore]`d with the reason; `.ci/run`
//! installs the servers and runs them with `--ignored`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::publish::{
    Server, allow_deploy, counts, deploy_to, fixture, free_port, http_get_with, listed, readable,
    s3_env, s3_objects, s3_server, shown_and_downloaded, site_files, start_nginx, tool, wait_port,
};
use crate::support::*;

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

// ---------------------------------------------------------------------------
// Pre-compressed files.

#[test]
#[ignore = "needs s3s-fs (cargo install s3s-fs --version 0.14.1 --features binary); .ci/run runs it"]
fn gzip_to_a_real_s3_server_keeps_the_encoding_with_each_object() {
    let (_server, port, _data) = s3_server();
    let c = fixture();
    deploy_to(
        &c,
        &format!(
            "  target: \"s3://sites/quan-a\"\n  endpoint: \"http://127.0.0.1:{port}\"\n  compress: gzip\n"
        ),
    );
    let first = loa_env(c.root(), &["deploy"], &s3_env()).ok();
    let total = site_files(&c, false).len();
    assert_eq!(counts(&first.stdout), (total, 0, 0), "{}", first.stdout);
    let objects = s3_objects(port);
    let built = site_files(&c, false);
    let (picture, download) = shown_and_downloaded(&c);
    for (path, bytes) in &built {
        let object = &objects[path];
        if loa::output::hosting::compressible(path) {
            assert_eq!(object.encoding, "gzip", "{path}");
            assert_eq!(&gunzip(&object.bytes), bytes, "{path}");
            // No time or name in the gzip header: the same bytes each time.
            assert_eq!(object.bytes, loa::publish::gzip(bytes), "{path}");
        } else {
            assert_eq!(object.encoding, "", "{path}");
            assert_eq!(&object.bytes, bytes, "{path}");
        }
        assert_eq!(
            object.ty,
            loa::output::hosting::content_type(path),
            "{path}"
        );
        assert_eq!(
            object.cache,
            loa::output::hosting::cache_control(path),
            "{path}"
        );
    }
    assert_eq!(objects["index.html"].encoding, "gzip");
    assert_eq!(objects[&picture].cache, loa::output::hosting::IMMUTABLE);
    assert_eq!(objects[&picture].encoding, "");
    assert_eq!(objects[&download].cache, "no-cache");
    // Compressed the same way, nothing changed: nothing to send.
    let again = loa_env(c.root(), &["deploy"], &s3_env()).ok();
    assert_eq!(counts(&again.stdout), (0, total, 0), "{}", again.stdout);
    // Compression turned off: exactly the text files go up again, plain.
    let file = "content/districts/quan-a.yaml";
    c.write(file, c.read(file).replace("  compress: gzip\n", ""));
    let plain = loa_env(c.root(), &["deploy"], &s3_env()).ok();
    let text = built
        .keys()
        .filter(|p| loa::output::hosting::compressible(p))
        .count();
    assert_eq!(counts(&plain.stdout), (text, total - text, 0));
    let objects = s3_objects(port);
    assert_eq!(objects["index.html"].encoding, "");
    assert_eq!(objects["index.html"].bytes, built["index.html"]);
}

#[test]
fn gzip_to_a_folder_writes_compressed_copies_beside_the_text_files() {
    let c = fixture();
    let www = tempfile::tempdir().unwrap();
    let dir = www.path().join("quan-a");
    deploy_to(
        &c,
        &format!("  target: \"file://{}\"\n  compress: gzip\n", dir.display()),
    );
    loa_in(c.root(), &["deploy"]).ok();
    let remote = snapshot_tree(&dir);
    let built = site_files(&c, true);
    for (path, bytes) in &built {
        assert_eq!(&remote[path], bytes, "{path}");
        let gz = remote.get(&format!("{path}.gz"));
        if loa::output::hosting::compressible(path) {
            assert_eq!(&gunzip(gz.unwrap()), bytes, "{path}.gz");
        } else {
            assert!(gz.is_none(), "{path}.gz");
        }
    }
    // A deleted page takes its compressed copy with it.
    c.remove("content/skills/tu-bao-ve.md");
    c.remove("content/skills/tu-bao-ve.en.md");
    // A link to a deleted page is an error: the page that linked to it
    // goes on without the link.
    c.write(
        "content/skills/chi-tieng-viet.md",
        "---\ntitle: \"Chỉ có tiếng Việt\"\nweight: 30\n---\nTrang này chưa dịch.\n",
    );
    loa_in(c.root(), &["deploy"]).ok();
    assert!(!dir.join("skills/tu-bao-ve/index.html").exists());
    assert!(!dir.join("skills/tu-bao-ve/index.html.gz").exists());
    assert!(dir.join("skills/index.html.gz").is_file());
}

#[test]
#[ignore = "needs Debian's nginx (apt-get install nginx); .ci/run runs it"]
fn nginx_serves_the_compressed_copies_with_the_readme_snippet() {
    let nginx = tool("nginx").expect("nginx is not installed (apt-get install nginx)");
    let c = fixture();
    let www = tempfile::tempdir().unwrap();
    let site = www.path().join("quan-a");
    deploy_to(
        &c,
        &format!(
            "  target: \"file://{}\"\n  compress: gzip\n",
            site.display()
        ),
    );
    loa_in(c.root(), &["deploy"]).ok();
    readable(&site);
    let (_server, port, _run) = start_nginx(nginx, &site);
    let page = c.read("public/quan-a/skills/index.html");
    let (status, h, body) = http_get_with(port, "/skills/", "Accept-Encoding: gzip\r\n");
    assert_eq!(status, 200);
    assert_eq!(h.get("content-encoding").map(String::as_str), Some("gzip"));
    assert!(h["content-type"].starts_with("text/html"), "{h:?}");
    assert_eq!(h["cache-control"], "no-cache");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(gunzip(&body), page.as_bytes());
    // A browser that asks for nothing compressed gets the page itself.
    let (status, h, body) = http_get_with(port, "/skills/", "");
    assert_eq!(status, 200);
    assert_eq!(h.get("content-encoding"), None);
    assert_eq!(body, page.as_bytes());
}

// ---------------------------------------------------------------------------
// CDN purges.

/// One request an HTTP server of the test received.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    path: String,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

/// Reads one HTTP/1.1 request (with a `Content-Length` body); `None` when
/// the client closed the connection first.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<(String, Vec<u8>, Received)> {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        head.push_str(&line);
        if line == "\r\n" {
            break;
        }
    }
    let mut lines = head.lines();
    let first = lines.next()?.to_string();
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len: usize = headers
        .get("content-length")
        .map_or(0, |v| v.parse().unwrap());
    let mut body = vec![0; len];
    reader.read_exact(&mut body).ok()?;
    let mut parts = first.split(' ');
    let received = Received {
        method: parts.next()?.to_string(),
        path: parts.next()?.to_string(),
        headers,
        body: body.clone(),
    };
    Some((head, body, received))
}

/// An HTTP server that records every request and answers each with the
/// status in `status` and Cloudflare's success body. Stops when dropped.
struct Recorder {
    port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    status: Arc<AtomicUsize>,
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl Recorder {
    fn start() -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let status = Arc::new(AtomicUsize::new(200));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (r, s, st) = (received.clone(), status.clone(), stop.clone());
        std::thread::spawn(move || {
            while !st.load(Ordering::Relaxed) {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                };
                stream.set_nonblocking(false).unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut stream = stream;
                while let Some((_, _, request)) = read_request(&mut reader) {
                    r.lock().unwrap().push(request);
                    let code = s.load(Ordering::Relaxed);
                    let body = if code == 200 {
                        r#"{"success":true,"errors":[],"messages":[],"result":{"id":"zone"}}"#
                    } else {
                        r#"{"success":false,"errors":[{"code":10000,"message":"down"}]}"#
                    };
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {code} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                }
            }
        });
        Recorder {
            port,
            received,
            status,
            stop,
        }
    }

    fn take(&self) -> Vec<Received> {
        std::mem::take(&mut *self.received.lock().unwrap())
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

const ZONE: &str = "0123456789abcdef0123456789abcdef";

/// The URLs of the Cloudflare purge requests among `requests`, checking
/// each is Cloudflare's call with the token.
fn cloudflare_urls(requests: &[Received]) -> Vec<String> {
    let mut urls = Vec::new();
    for r in requests
        .iter()
        .filter(|r| r.path.starts_with("/client/v4/"))
    {
        assert_eq!(r.method, "POST");
        assert_eq!(r.path, format!("/client/v4/zones/{ZONE}/purge_cache"));
        assert_eq!(r.headers["authorization"], "Bearer cf-secret");
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        let files = body["files"].as_array().unwrap();
        assert!(files.len() <= 30, "Cloudflare takes 30 at a time");
        urls.extend(files.iter().map(|f| f.as_str().unwrap().to_string()));
    }
    urls.sort();
    urls
}

#[test]
fn a_deploy_purges_the_cdn_of_what_changed() {
    let recorder = Recorder::start();
    let c = fixture();
    let www = tempfile::tempdir().unwrap();
    deploy_to(
        &c,
        &format!(
            "  target: \"file://{}/quan-a\"\n  purge:\n    cloudflare: \"{ZONE}\"\n    webhook: \"http://127.0.0.1:{}/hook\"\n",
            www.path().display(),
            recorder.port
        ),
    );
    let api = format!("http://127.0.0.1:{}/client/v4", recorder.port);
    let with_token = env(&[
        ("CLOUDFLARE_API_TOKEN", "cf-secret"),
        ("LOA_CLOUDFLARE_API", &api),
        ("LOA_PURGE_TOKEN", "hook-secret"),
    ]);
    // No token: refused before anything is built or sent.
    let run = loa_env(
        c.root(),
        &["deploy"],
        &env(&[("LOA_CLOUDFLARE_API", &api), ("CLOUDFLARE_API_TOKEN", "")]),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("CLOUDFLARE_API_TOKEN"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was built or sent"));
    assert!(!c.out().exists());
    assert!(recorder.take().is_empty());

    // The first deploy purges every address whose name does not change
    // with its content (a CDN may hold an older site's copies).
    let first = loa_env(c.root(), &["deploy"], &with_token).ok();
    let got = recorder.take();
    let urls = cloudflare_urls(&got);
    let base = "https://quan-a.example.org/";
    assert!(urls.contains(&base.to_string()), "{urls:?}");
    assert!(urls.contains(&format!("{base}index.html")));
    assert!(urls.contains(&format!("{base}en/skills/tu-bao-ve/")));
    assert!(urls.contains(&format!("{base}hotlines/hotlines.json")));
    assert!(
        !urls
            .iter()
            .any(|u| loa::output::hosting::is_fingerprinted(u)),
        "{urls:?}"
    );
    assert!(
        first
            .stdout
            .contains(&format!("purged {} addresses", urls.len())),
        "{}",
        first.stdout
    );
    // The webhook got the same addresses, with its token.
    let hook: Vec<&Received> = got.iter().filter(|r| r.path == "/hook").collect();
    assert_eq!(hook.len(), 1);
    assert_eq!(hook[0].headers["authorization"], "Bearer hook-secret");
    let body: serde_json::Value = serde_json::from_slice(&hook[0].body).unwrap();
    assert_eq!(body["district"], "quan-a");
    let mut hooked: Vec<String> = body["urls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap().to_string())
        .collect();
    hooked.sort();
    assert_eq!(hooked, urls);

    // A corrected page: exactly the addresses of what changed are purged,
    // the page, the leaflet that prints it (`leaflet: 2`) and the search
    // index that holds its words.
    let page = "content/skills/tu-bao-ve.md";
    c.write(page, format!("{}\nGọi 111.\n", c.read(page)));
    let dry = loa_env(c.root(), &["deploy", "--dry-run"], &with_token).ok();
    let expected = [
        format!("{base}print/leaflet/"),
        format!("{base}print/leaflet/index.html"),
        format!("{base}search/index.js"),
        format!("{base}skills/tu-bao-ve/"),
        format!("{base}skills/tu-bao-ve/index.html"),
    ];
    assert_eq!(listed(&dry.stdout, "purge"), expected);
    assert!(recorder.take().is_empty(), "a dry run sends nothing");
    loa_env(c.root(), &["deploy"], &with_token).ok();
    assert_eq!(cloudflare_urls(&recorder.take()), expected);

    // The CDN's API fails: the deploy says so, and the next deploy (with
    // nothing else to send) purges those addresses again.
    c.write(page, format!("{}\nGọi 112.\n", c.read(page)));
    recorder.status.store(500, Ordering::Relaxed);
    let failed = loa_env(c.root(), &["deploy"], &with_token);
    assert_eq!(failed.code, 1, "{}", failed.stderr);
    assert!(
        failed.stderr.contains("cache was not purged"),
        "{}",
        failed.stderr
    );
    assert!(failed.stderr.contains("loa deploy --district quan-a"));
    recorder.take();
    recorder.status.store(200, Ordering::Relaxed);
    let retry = loa_env(c.root(), &["deploy"], &with_token).ok();
    assert_eq!(counts(&retry.stdout).0, 0, "{}", retry.stdout);
    assert_eq!(cloudflare_urls(&recorder.take()), expected);
    // Purged: nothing left to purge.
    loa_env(c.root(), &["deploy"], &with_token).ok();
    assert!(recorder.take().is_empty());
}

// ---------------------------------------------------------------------------
// Failures on the way.

/// What the proxy does with the request numbered `n` (from 0), whose
/// first line it is given.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fault {
    /// Pass it to the server.
    Forward,
    /// Answer 503 Service Unavailable.
    Unavailable,
    /// Close the connection without an answer.
    Drop,
    /// Answer 403 Access Denied (a key without that permission).
    Forbidden,
}

/// A TCP proxy in front of `upstream` that reads each HTTP request whole
/// and does with it what `plan` says; counts the faults it made.
struct Proxy {
    port: u16,
    faults: Arc<AtomicUsize>,
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl Proxy {
    fn start(upstream: u16, plan: impl Fn(usize, &str) -> Fault + Send + Sync + 'static) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let faults = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let plan = Arc::new(plan);
        let count = Arc::new(AtomicUsize::new(0));
        let (f, st) = (faults.clone(), stop.clone());
        std::thread::spawn(move || {
            while !st.load(Ordering::Relaxed) {
                let Ok((stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                let (plan, count, f) = (plan.clone(), count.clone(), f.clone());
                std::thread::spawn(move || serve_proxied(stream, upstream, &*plan, &count, &f));
            }
        });
        Proxy { port, faults, stop }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// One client connection of the proxy, carrying one request: numbered,
/// then forwarded over a new connection or failed. Every answer closes
/// the connection, so the next request comes on a new one.
fn serve_proxied(
    stream: TcpStream,
    upstream: u16,
    plan: &(dyn Fn(usize, &str) -> Fault + Send + Sync),
    count: &AtomicUsize,
    faults: &AtomicUsize,
) {
    stream.set_nonblocking(false).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut client = stream;
    let Some((head, body, _)) = read_request(&mut reader) else {
        return;
    };
    let n = count.fetch_add(1, Ordering::SeqCst);
    match plan(n, head.lines().next().unwrap_or_default()) {
        Fault::Forward => {
            let mut server = TcpStream::connect(("127.0.0.1", upstream)).unwrap();
            // The answer ends when the server closes the connection.
            let head = head.replacen("\r\n", "\r\nConnection: close\r\n", 1);
            server.write_all(head.as_bytes()).unwrap();
            server.write_all(&body).unwrap();
            let mut answer = Vec::new();
            let _ = server.read_to_end(&mut answer);
            let _ = client.write_all(&answer);
        }
        Fault::Unavailable => {
            faults.fetch_add(1, Ordering::SeqCst);
            let body = "<Error><Code>SlowDown</Code><Message>busy</Message></Error>";
            let _ = write!(
                client,
                "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
        Fault::Drop => {
            faults.fetch_add(1, Ordering::SeqCst);
        }
        Fault::Forbidden => {
            faults.fetch_add(1, Ordering::SeqCst);
            let body = "<Error><Code>AccessDenied</Code><Message>denied</Message></Error>";
            let _ = write!(
                client,
                "HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    }
    let _ = client.shutdown(Shutdown::Both);
}

#[test]
#[ignore = "needs s3s-fs (cargo install s3s-fs --version 0.14.1 --features binary); .ci/run runs it"]
fn transient_failures_are_retried_and_reported() {
    let (_server, s3, _data) = s3_server();
    // The first three requests get 503, the next two lose their
    // connection, then everything goes through.
    let proxy = Proxy::start(s3, |n, _| match n {
        0..3 => Fault::Unavailable,
        3..5 => Fault::Drop,
        _ => Fault::Forward,
    });
    let c = fixture();
    deploy_to(
        &c,
        &format!(
            "  target: \"s3://sites/quan-a\"\n  endpoint: \"http://127.0.0.1:{}\"\n",
            proxy.port
        ),
    );
    let run = loa_env(c.root(), &["deploy"], &s3_env()).ok();
    let total = site_files(&c, false).len();
    assert_eq!(counts(&run.stdout), (total, 0, 0), "{}", run.stdout);
    assert_eq!(proxy.faults.load(Ordering::SeqCst), 5);
    assert!(
        run.stdout
            .contains("5 requests failed for a moment and were sent again"),
        "{}",
        run.stdout
    );
    let remote: BTreeMap<String, Vec<u8>> = s3_objects(s3)
        .into_iter()
        .filter(|(p, _)| p != ".loa-deploy.json")
        .map(|(p, o)| (p, o.bytes))
        .collect();
    assert_eq!(remote, site_files(&c, false));
}

/// Every stylesheet, script and picture each remote page uses is there.
fn assert_whole(remote: &BTreeMap<String, Vec<u8>>) {
    for (path, bytes) in remote.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = scraper::Html::parse_document(&String::from_utf8_lossy(bytes));
        let mut uses = attrs(&html, "link[rel=stylesheet]", "href");
        uses.extend(attrs(&html, "script[src]", "src"));
        uses.extend(attrs(&html, "img", "src"));
        for used in uses {
            let used = used
                .strip_prefix("https://quan-a.example.org/")
                .map_or_else(|| crate::publish::resolve(path, &used), str::to_string);
            assert!(
                remote.contains_key(&used),
                "{path} uses {used}, which is not there"
            );
        }
    }
}

#[test]
#[ignore = "needs s3s-fs (cargo install s3s-fs --version 0.14.1 --features binary); .ci/run runs it"]
fn a_deploy_that_fails_for_good_leaves_the_site_whole() {
    let (_server, s3, _data) = s3_server();
    let c = fixture();
    let target = |port: u16| {
        format!("  target: \"s3://sites/quan-a\"\n  endpoint: \"http://127.0.0.1:{port}\"\n")
    };
    deploy_to(&c, &target(s3));
    loa_env(c.root(), &["deploy"], &s3_env()).ok();
    let old_css = theme_file(&c.out().join("quan-a"), "loa.css");
    // A new colour: a new style sheet, and every page uses it.
    let site = c.read("content/site.yaml");
    c.write(
        "content/site.yaml",
        format!("{site}colors: {{ primary: \"#123456\" }}\n"),
    );
    let dry = loa_env(c.root(), &["deploy", "--dry-run"], &s3_env()).ok();
    let uploads = listed(&dry.stdout, "upload");
    let assets = uploads.iter().filter(|p| !p.ends_with(".html")).count();
    let pages = uploads.len() - assets;
    assert!(assets >= 1 && pages > 10, "{uploads:?}");
    // The server stops answering part-way through the pages: after the
    // manifest is read and written and the assets and a few pages are sent.
    let good = 2 + assets + 3;
    let proxy = Proxy::start(s3, move |n, _| {
        if n < good {
            Fault::Forward
        } else {
            Fault::Unavailable
        }
    });
    let file = "content/districts/quan-a.yaml";
    c.write(
        file,
        c.read(file)
            .replace(&format!(":{s3}\""), &format!(":{}\"", proxy.port)),
    );
    allow_deploy(&c, &target(proxy.port));
    let failed = loa_env(c.root(), &["deploy"], &s3_env());
    assert_eq!(failed.code, 1, "{}\n{}", failed.stdout, failed.stderr);
    assert!(
        failed
            .stderr
            .contains("publishing quan-a to s3://sites/quan-a failed"),
        "{}",
        failed.stderr
    );
    assert!(
        failed
            .stderr
            .contains("Run `loa deploy --district quan-a` again to finish."),
        "{}",
        failed.stderr
    );
    let remote: BTreeMap<String, Vec<u8>> = s3_objects(s3)
        .into_iter()
        .map(|(p, o)| (p, o.bytes))
        .collect();
    let new_css = theme_file(&c.out().join("quan-a"), "loa.css");
    assert_ne!(new_css, old_css);
    assert!(remote.contains_key(&old_css) && remote.contains_key(&new_css));
    // Old pages and new ones, each with what it uses.
    let uses = |css: &str| {
        remote
            .iter()
            .filter(|(p, b)| p.ends_with(".html") && String::from_utf8_lossy(b).contains(css))
            .count()
    };
    assert!(
        uses(&new_css) >= 1 && uses(&old_css) >= 1,
        "new {} old {}",
        uses(&new_css),
        uses(&old_css)
    );
    assert_whole(&remote);
    // Run again as told, with the server back: the site converges and the
    // old style sheet goes.
    c.write(
        file,
        c.read(file)
            .replace(&format!(":{}\"", proxy.port), &format!(":{s3}\"")),
    );
    loa_env(c.root(), &["deploy", "--district", "quan-a"], &s3_env()).ok();
    let mut remote: BTreeMap<String, Vec<u8>> = s3_objects(s3)
        .into_iter()
        .map(|(p, o)| (p, o.bytes))
        .collect();
    remote.remove(".loa-deploy.json");
    assert_eq!(remote, site_files(&c, false));
    assert!(!remote.contains_key(&old_css));
}

// ---------------------------------------------------------------------------
// Azure Blob Storage, through Azurite.

/// Azurite's well-known development account.
const AZ_ACCOUNT: &str = "devstoreaccount1";
const AZ_KEY: &str =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/// Azurite's Blob service on a free port, installed by `npm ci --prefix
/// tests/emulators`.
fn azurite() -> (Server, u16, tempfile::TempDir) {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/emulators/node_modules/.bin/azurite-blob");
    assert!(
        bin.is_file(),
        "Azurite is not installed (npm ci --prefix tests/emulators)"
    );
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = Command::new(bin)
        .args(["--blobHost", "127.0.0.1", "--blobPort", &port.to_string()])
        .arg("--location")
        .arg(data.path())
        .args(["--disableTelemetry", "--skipApiVersionCheck", "--silent"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_port(port, &mut child);
    (Server(child), port, data)
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn unbase64(text: &str) -> Vec<u8> {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let values: Vec<u32> = text
        .bytes()
        .filter(|&b| b != b'=')
        .map(|b| ABC.iter().position(|&a| a == b).unwrap() as u32)
        .collect();
    let mut out = Vec::new();
    for chunk in values.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0, |n, (i, v)| n | (v << (18 - 6 * i)));
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| k.iter().map(|b| b ^ byte).collect::<Vec<u8>>();
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .to_vec()
}

/// Creates a container (object_store publishes into one; it does not make
/// it), signed with the account key as Azure's Shared Key scheme says.
fn azure_create_container(port: u16, container: &str) {
    let date = "Mon, 01 Jan 2024 00:00:00 GMT";
    let version = "2021-08-06";
    let to_sign = format!(
        "PUT\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:{date}\nx-ms-version:{version}\n/{AZ_ACCOUNT}/{AZ_ACCOUNT}/{container}\nrestype:container"
    );
    let signature = base64(&hmac_sha256(&unbase64(AZ_KEY), to_sign.as_bytes()));
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "PUT /{AZ_ACCOUNT}/{container}?restype=container HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nx-ms-date: {date}\r\nx-ms-version: {version}\r\nAuthorization: SharedKey {AZ_ACCOUNT}:{signature}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
}

#[test]
fn the_test_s_base64_and_hmac_are_right() {
    assert_eq!(base64(b"loa"), "bG9h");
    assert_eq!(base64(b"lo"), "bG8=");
    assert_eq!(unbase64("bG8="), b"lo");
    assert_eq!(unbase64(&base64(&[0, 255, 7, 9])), [0, 255, 7, 9]);
    // RFC 4231, test case 2.
    let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
    let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex,
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

#[test]
#[ignore = "needs Azurite (npm ci --prefix tests/emulators); .ci/run runs it"]
fn deploy_to_azure_blob_storage_in_azurite() {
    let (_server, port, data) = azurite();
    azure_create_container(port, "sites");
    let c = fixture();
    deploy_to(
        &c,
        &format!(
            "  target: \"az://sites/quan-a\"\n  endpoint: \"http://127.0.0.1:{port}/{AZ_ACCOUNT}\"\n  compress: gzip\n"
        ),
    );
    let az_env = env(&[
        ("AZURE_STORAGE_ACCOUNT_NAME", AZ_ACCOUNT),
        ("AZURE_STORAGE_ACCOUNT_KEY", AZ_KEY),
    ]);
    let first = loa_env(c.root(), &["deploy"], &az_env).ok();
    let total = site_files(&c, false).len();
    assert_eq!(counts(&first.stdout), (total, 0, 0), "{}", first.stdout);
    // Read back over Azure's own API, with the headers of each blob.
    let built = site_files(&c, false);
    let css = theme_file(&c.out().join("quan-a"), "loa.css");
    for (path, want_type) in [
        ("index.html", "text/html; charset=utf-8"),
        (css.as_str(), "text/css; charset=utf-8"),
        ("skills/so-do.png", "image/png"),
    ] {
        let object = azure_get(port, &format!("sites/quan-a/{path}"));
        assert_eq!(object.0, 200, "{path}");
        assert_eq!(object.1["content-type"], want_type, "{path}");
        assert_eq!(
            object.1["cache-control"],
            loa::output::hosting::cache_control(path),
            "{path}"
        );
        let bytes = if loa::output::hosting::compressible(path) {
            assert_eq!(object.1["content-encoding"], "gzip", "{path}");
            gunzip(&object.2)
        } else {
            object.2
        };
        assert_eq!(bytes, built[path], "{path}");
    }
    // Incremental: one page edited, exactly what shows it goes up (the
    // page, the leaflet that prints it, `leaflet: 2`, and the search index
    // that holds its words).
    let page = "content/skills/tu-bao-ve.md";
    c.write(page, format!("{}\nMột câu mới.\n", c.read(page)));
    let edit = loa_env(c.root(), &["deploy"], &az_env).ok();
    assert_eq!(counts(&edit.stdout), (3, total - 3, 0), "{}", edit.stdout);
    drop(data);
}

/// A signed GET of a blob: (status, headers lower-cased, body).
fn azure_get(port: u16, path: &str) -> (u16, BTreeMap<String, String>, Vec<u8>) {
    let date = "Mon, 01 Jan 2024 00:00:00 GMT";
    let version = "2021-08-06";
    let to_sign = format!(
        "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:{date}\nx-ms-version:{version}\n/{AZ_ACCOUNT}/{AZ_ACCOUNT}/{path}"
    );
    let signature = base64(&hmac_sha256(&unbase64(AZ_KEY), to_sign.as_bytes()));
    http_get_with(
        port,
        &format!("/{AZ_ACCOUNT}/{path}"),
        &format!(
            "x-ms-date: {date}\r\nx-ms-version: {version}\r\nAuthorization: SharedKey {AZ_ACCOUNT}:{signature}\r\n"
        ),
    )
}

/// A key that may write objects but not list the bucket (a common least
/// privilege): the operator's own objects are found one by one, and still
/// never replaced without `--adopt`.
#[test]
#[ignore = "needs s3s-fs (cargo install s3s-fs --version 0.14.1 --features binary); .ci/run runs it"]
fn a_key_that_cannot_list_still_finds_the_operator_s_objects() {
    let (_server, s3, data) = s3_server();
    let proxy = Proxy::start(s3, |_, line| {
        if line.contains("list-type=") {
            Fault::Forbidden
        } else {
            Fault::Forward
        }
    });
    let c = fixture();
    deploy_to(
        &c,
        &format!(
            "  target: \"s3://sites/quan-a\"\n  endpoint: \"http://127.0.0.1:{}\"\n",
            proxy.port
        ),
    );
    std::fs::create_dir_all(data.path().join("sites/quan-a/skills")).unwrap();
    std::fs::write(
        data.path().join("sites/quan-a/skills/index.html"),
        "operator",
    )
    .unwrap();
    let run = loa_env(c.root(), &["deploy"], &s3_env());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("skills/index.html") && run.stderr.contains("--adopt"),
        "{}",
        run.stderr
    );
    assert!(
        proxy.faults.load(Ordering::SeqCst) > 0,
        "no listing was asked"
    );
    assert_eq!(s3_objects(s3).len(), 1, "something was sent");
    loa_env(c.root(), &["deploy", "--adopt"], &s3_env()).ok();
    let objects = s3_objects(s3);
    assert_eq!(
        objects["skills/index.html"].bytes,
        c.read("public/quan-a/skills/index.html").into_bytes()
    );
}

/// Issue 28: a deploy tells its one reporter what it built, each file sent
/// (no callback of its own) and each summary, in that order; a dry run
/// lists what it would send under its summary.
#[test]
fn a_deploy_tells_its_reporter_each_file_sent_and_each_summary() {
    use loa::cmd::deploy::{self, DeployArgs};
    use loa::i18n::report::{Collect, Report};
    let c = fixture();
    let www = tempfile::tempdir().unwrap();
    let dir = www.path().join("quan-a");
    deploy_to(&c, &format!("  target: \"file://{}\"\n", dir.display()));
    let args = |dry_run| DeployArgs {
        root: c.root().to_path_buf(),
        out: c.out(),
        districts: Vec::new(),
        dry_run,
        force: false,
        adopt: false,
        strict: false,
    };
    let reporter = Collect::new();
    let summaries = deploy::run(&args(false), &reporter).unwrap();
    let reports = reporter.reports();
    let ids: Vec<&str> = reports
        .iter()
        .filter_map(|r| match r {
            Report::Note(m) => Some(m.id()),
            _ => None,
        })
        .collect();
    assert_eq!(ids, ["deploy-built", "deploy-summary"], "{reports:?}");
    let built = reports.iter().position(|r| matches!(r, Report::Note(_)));
    let summary = reports.iter().rposition(|r| matches!(r, Report::Note(_)));
    let mut steps: Vec<(usize, usize)> = reports[built.unwrap() + 1..summary.unwrap()]
        .iter()
        .map(|r| match r {
            Report::Progress { line, done, total } => {
                assert_eq!(line.id(), "deploy-progress");
                (*done, *total)
            }
            other => panic!("between the build and the summary: {other:?}"),
        })
        .collect();
    steps.sort_unstable();
    let sent = summaries[0].1.uploaded.len();
    assert!(sent > 10 && dir.join("index.html").is_file(), "{sent}");
    let expected: Vec<(usize, usize)> = (1..=sent).map(|n| (n, sent)).collect();
    assert_eq!(steps, expected, "one step per file sent, the last of all");

    // A dry run after an edit: the summary, then the page it would send.
    c.write(
        "content/skills/tu-bao-ve.md",
        c.read("content/skills/tu-bao-ve.md") + "\nMột dòng mới.\n",
    );
    let reporter = Collect::new();
    deploy::run(&args(true), &reporter).unwrap();
    let reports = reporter.reports();
    let summary = reports
        .iter()
        .position(|r| matches!(r, Report::Note(m) if m.id() == "deploy-summary-dry"))
        .unwrap_or_else(|| panic!("{reports:?}"));
    let details: Vec<String> = reports[summary + 1..]
        .iter()
        .map(|r| match r {
            Report::Detail(m) => m.text(),
            other => panic!("after the summary: {other:?}"),
        })
        .collect();
    assert!(
        details
            .iter()
            .any(|d| d.contains("skills/tu-bao-ve/index.html")),
        "{details:?}"
    );
}
