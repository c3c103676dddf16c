//! `loa serve`: the real binary on a free port, against a fixture campaign
//! in a temporary folder, spoken to over HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::*;

struct Server {
    child: Child,
    addr: String,
    output: Arc<Mutex<Vec<String>>>,
    campaign: Campaign,
}

impl Server {
    fn start(campaign: Campaign, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["serve", "--port", "0"])
            .args(extra)
            .current_dir(campaign.root())
            .env("SOURCE_DATE_EPOCH", "1795910400")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let output = Arc::clone(&output);
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    let line = line.unwrap();
                    if let Some(rest) = line.strip_prefix("Serving on http://") {
                        let _ = tx.send(rest.split('/').next().unwrap().to_string());
                    }
                    output.lock().unwrap().push(line);
                }
            });
        }
        let addr = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("the server says where it listens");
        Server {
            child,
            addr,
            output,
            campaign,
        }
    }

    fn lines(&self) -> Vec<String> {
        self.output.lock().unwrap().clone()
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        request(&self.addr, "GET", path)
    }

    fn generation(&self) -> u64 {
        let (_, _, body) = self.get("/__loa/status");
        let status: serde_json::Value = serde_json::from_str(&body).unwrap();
        status["generation"].as_u64().unwrap()
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__loa/status").2).unwrap()
    }

    /// Waits until `done` holds, polling.
    fn wait_for(&self, what: &str, done: impl Fn(&Server) -> bool) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if done(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting for {what}; output:\n{}",
            self.lines().join("\n")
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A plain HTTP/1.1 request; returns status, head and body.
fn request(addr: &str, method: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    (status, head.to_string(), body)
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&after[..n]);
        rest = &after[n + 2..];
    }
    out
}

/// The N of "rendered N page bodies" in a line of the terminal report.
fn rendered_count(line: &str) -> usize {
    let after = line
        .split("rendered ")
        .nth(1)
        .expect("a count of rendered bodies");
    after
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number")
}

fn without_reload(html: &str) -> String {
    html.replace("<script src=\"/__loa/reload.js\" defer></script>\n", "")
}

#[test]
fn serves_every_district_and_language_as_build_writes_them() {
    let built = Campaign::fixture("build", "basic");
    built.build();
    let server = Server::start(Campaign::fixture("build", "basic"), &[]);
    let files = snapshot_tree(&built.out());
    assert!(files.len() > 40);
    for (rel, bytes) in files.iter().filter(|(rel, _)| !rel.starts_with('.')) {
        let (status, head, body) = server.get(&format!("/{rel}"));
        assert_eq!(status, 200, "/{rel}");
        if rel.ends_with(".html") {
            assert_eq!(
                without_reload(&body),
                String::from_utf8_lossy(bytes),
                "/{rel} differs from the build"
            );
            assert!(head.contains("Content-Type: text/html; charset=utf-8"));
        }
    }
    let (status, _, body) = server.get("/quan-a/en/");
    assert_eq!(status, 200);
    assert!(body.contains("<script src=\"/__loa/reload.js\" defer></script>"));
    let (status, head, _) = server.get("/quan-a");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /quan-a/"));
}

#[test]
fn content_types_head_and_not_found() {
    let server = Server::start(Campaign::fixture("build", "basic"), &[]);
    for (path, ty) in [
        ("/quan-a/loa.css", "text/css"),
        ("/quan-a/loa.js", "text/javascript"),
        ("/quan-a/hotlines/hotlines.json", "application/json"),
        ("/quan-a/hotlines/hotlines.csv", "text/csv"),
        ("/quan-a/skills/so-do.png", "image/png"),
        ("/quan-a/sitemap.xml", "application/xml"),
        ("/quan-a/favicon.svg", "image/svg+xml"),
    ] {
        let (status, head, _) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.contains(&format!("Content-Type: {ty}")),
            "{path}: {head}"
        );
    }
    let (status, head, body) = request(&server.addr, "HEAD", "/quan-a/skills/");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Length:"), "{head}");
    assert!(body.is_empty());
    let (status, _, body) = server.get("/quan-a/khong-co/");
    assert_eq!(status, 404);
    assert!(body.contains("Not found"));
    assert_eq!(
        server.get("/quan-a/skills/so-do/").0,
        404,
        "no directory listings"
    );
    assert_eq!(request(&server.addr, "POST", "/quan-a/").0, 405);
    let (status, _, portal) = server.get("/");
    assert_eq!(status, 200);
    assert!(portal.contains("./quan-a/") && portal.contains("./quan-b/"));
}

#[test]
fn paths_outside_the_site_are_never_served() {
    let server = Server::start(Campaign::fixture("build", "basic"), &[]);
    let secret = server.campaign.root().join("content/site.yaml");
    assert!(secret.is_file());
    for path in [
        "/../content/site.yaml",
        "/quan-a/../../content/site.yaml",
        "/%2e%2e/content/site.yaml",
        "/quan-a/%2e%2e/%2e%2e/content/site.yaml",
        "/quan-a/..%2f..%2fcontent%2fsite.yaml",
        "/quan-a/%2E%2E%2F%2E%2E%2Fcontent%2Fsite.yaml",
        "/quan-a\\..\\..\\content\\site.yaml",
        "/quan-a/%5c..%5c..%5ccontent%5csite.yaml",
        "//etc/passwd",
        "/etc/passwd",
        "/quan-a/%00/../index.html",
        "/content/site.yaml",
        "/quan-a/./../content/site.yaml",
        "http://evil/../../etc/passwd",
    ] {
        let (status, _, body) = server.get(path);
        assert!(status == 404 || status == 400, "{path} answered {status}");
        assert!(
            !body.contains("quick_exit_url") && !body.contains("root:"),
            "{path} leaked a file"
        );
    }
    // A symlink inside the site leading out is not served either.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            "/etc/passwd",
            server.campaign.root().join("content/skills/passwd.txt"),
        )
        .unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let (status, _, body) = server.get("/quan-a/skills/passwd.txt");
        assert_ne!(status, 200);
        assert!(!body.contains("root:"));
    }
}

#[test]
fn an_edit_shows_up_and_open_pages_are_told_to_reload() {
    let server = Server::start(Campaign::fixture("build", "basic"), &[]);
    // Listen for events as an open page does.
    let mut events = TcpStream::connect(&server.addr).unwrap();
    write!(events, "GET /__loa/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(events);
    let mut line = String::new();
    while !line.starts_with(": connected") {
        line.clear();
        reader.read_line(&mut line).unwrap();
    }
    let before = server.generation();
    server.campaign.write(
        "content/skills/goi-111.md",
        "---\ntitle: \"Gọi 111 ngay\"\nweight: 20\n---\n## Khi nào gọi\n\nMới sửa.\n",
    );
    let mut got_reload = false;
    for _ in 0..20 {
        line.clear();
        if reader.read_line(&mut line).is_err() {
            break;
        }
        if line.trim() == "event: reload" {
            got_reload = true;
            break;
        }
    }
    assert!(
        got_reload,
        "no reload event; output:\n{}",
        server.lines().join("\n")
    );
    assert!(server.generation() > before);
    let (_, _, body) = server.get("/quan-b/skills/goi-111/");
    assert!(body.contains("Mới sửa.") && body.contains("Gọi 111 ngay"));
    // The section list shows the new title too.
    assert!(server.get("/quan-b/skills/").2.contains("Gọi 111 ngay"));
    // One file re-parsed, one body rendered: far fewer than the first load.
    let lines = server.lines();
    let first = lines
        .iter()
        .find(|l| l.starts_with("Loaded the campaign"))
        .unwrap();
    let loaded = rendered_count(first);
    let rebuilt = lines
        .iter()
        .rev()
        .find(|l| l.starts_with("Rebuilt"))
        .unwrap();
    assert!(
        rebuilt.contains("re-parsed 1 file (content/skills/goi-111.md)"),
        "{rebuilt}"
    );
    let bodies = rendered_count(rebuilt);
    assert!(
        bodies <= 2 && loaded >= 10 * bodies,
        "rebuilt {bodies} of {loaded} bodies"
    );
}

#[test]
fn a_broken_file_keeps_the_last_good_page_and_shows_the_error() {
    let server = Server::start(Campaign::fixture("build", "basic"), &[]);
    let good = server.get("/quan-b/skills/goi-111/").2;
    server.campaign.write(
        "content/skills/goi-111.md",
        "---\ntitle: \"Gọi 111\nweight: 20\n---\nHỏng.\n",
    );
    server.wait_for("the error", |s| s.status()["ok"] == false);
    let status = server.status();
    let error = &status["errors"][0];
    assert_eq!(error["file"], "content/skills/goi-111.md");
    assert!(error["line"].as_u64().is_some());
    assert!(!error["message"].as_str().unwrap().is_empty());
    assert_eq!(
        server.get("/quan-b/skills/goi-111/").2,
        good,
        "the last good page is kept"
    );
    assert!(
        server
            .lines()
            .iter()
            .any(|l| l.contains("content/skills/goi-111.md") && l.contains("error"))
    );
    // The overlay script reads the status and shows file, line and message.
    let script = server.get("/__loa/reload.js").2;
    assert!(script.contains("e.file") && script.contains("e.line") && script.contains("e.message"));

    // Another file changing meanwhile does not hide the error.
    server.campaign.write(
        "content/pages/gioi-thieu.md",
        "---\ntitle: \"Giới thiệu mới\"\n---\nMới.\n",
    );
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(server.status()["ok"], false);

    server.campaign.write(
        "content/skills/goi-111.md",
        "---\ntitle: \"Gọi 111 đã sửa\"\nweight: 20\n---\nỔn.\n",
    );
    server.wait_for("the fix", |s| s.status()["ok"] == true);
    assert!(
        server
            .get("/quan-b/skills/goi-111/")
            .2
            .contains("Gọi 111 đã sửa")
    );
    assert!(
        server
            .get("/quan-b/pages/gioi-thieu/")
            .2
            .contains("Giới thiệu mới")
    );
}

#[test]
fn a_template_error_keeps_the_last_good_pages() {
    let server = Server::start(Campaign::fixture("build", "basic"), &[]);
    let good = server.get("/quan-a/skills/goi-111/").2;
    server.campaign.write("themes/default/templates/page.html", "{% extends \"base.html\" %}\n{% block content %}{{ page.khong_co }}{% endblock content %}\n");
    server.wait_for("the template error", |s| s.status()["ok"] == false);
    assert!(
        server.status()["errors"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("templates/page.html")
    );
    assert_eq!(server.get("/quan-a/skills/goi-111/").2, good);
    server.campaign.remove("themes/default/templates/page.html");
    server.wait_for("the fix", |s| s.status()["ok"] == true);
}

#[test]
fn many_rapid_saves_end_with_the_final_content() {
    let server = Server::start(Campaign::fixture("build", "basic"), &[]);
    for i in 0..200 {
        server.campaign.write(
            "content/pages/gioi-thieu.md",
            format!("---\ntitle: \"Lần {i}\"\n---\nLần lưu thứ {i}.\n"),
        );
    }
    server.wait_for("the last save", |s| {
        s.get("/quan-a/pages/gioi-thieu/")
            .2
            .contains("Lần lưu thứ 199.")
    });
    std::thread::sleep(Duration::from_millis(300));
    let (status, _, body) = server.get("/quan-a/pages/gioi-thieu/");
    assert_eq!(status, 200);
    assert!(body.contains("Lần lưu thứ 199."));
    let rebuilds = server
        .lines()
        .iter()
        .filter(|l| l.starts_with("Rebuilt"))
        .count();
    assert!(rebuilds < 200, "saves were debounced ({rebuilds} rebuilds)");
}

#[test]
fn deleted_pages_disappear_and_new_ones_appear() {
    let server = Server::start(Campaign::fixture("build", "basic"), &[]);
    assert_eq!(server.get("/quan-a/news/tin-cu/").0, 200);
    server.campaign.remove("content/news/tin-cu.md");
    server.wait_for("the deletion", |s| s.get("/quan-a/news/tin-cu/").0 == 404);
    assert!(!server.get("/quan-a/news/").2.contains("Tin cũ"));
    server.campaign.write(
        "content/news/tin-moi-nhat.md",
        "---\ntitle: \"Tin mới nhất\"\ndate: 2026-11-01\ndraft: true\n---\nBản nháp.\n",
    );
    server.wait_for("the new page", |s| {
        s.get("/quan-a/news/tin-moi-nhat/").0 == 200
    });
    assert!(
        server.get("/quan-a/news/").2.contains("Tin mới nhất"),
        "drafts are shown by serve"
    );
    // A new district appears too.
    server.campaign.write(
        "content/districts/quan-c.yaml",
        "name: { vi: \"Quận C\", en: \"District C\" }\n",
    );
    server.wait_for("the new district", |s| s.get("/quan-c/").0 == 200);
}

#[test]
fn listens_on_loopback_unless_told_and_stops_on_ctrl_c() {
    let server = Server::start(Campaign::fixture("build", "basic"), &[]);
    assert!(server.addr.starts_with("127.0.0.1:"));
    assert!(!server.lines().iter().any(|l| l.starts_with("Warning")));
    let pid = server.child.id().to_string();
    let status = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(status.success());
    let mut server = server;
    let start = Instant::now();
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "did not stop");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success());
    let start = Instant::now();
    while !server.lines().iter().any(|l| l == "Stopped.") {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{:?}",
            server.lines()
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    let open = Server::start(Campaign::fixture("build", "basic"), &["--bind", "0.0.0.0"]);
    assert!(
        open.lines()
            .iter()
            .any(|l| l.starts_with("Warning: listening on 0.0.0.0")),
        "{:?}",
        open.lines()
    );
}

#[test]
fn one_district_only() {
    let server = Server::start(
        Campaign::fixture("build", "basic"),
        &["--district", "quan-b"],
    );
    assert_eq!(server.get("/quan-b/").0, 200);
    assert_eq!(server.get("/quan-a/").0, 404);
}

#[test]
fn a_campaign_broken_from_the_start_is_served_once_fixed() {
    let campaign = Campaign::fixture("build", "basic");
    let good = campaign.read("content/site.yaml");
    campaign.write(
        "content/site.yaml",
        good.replace("languages: [vi, en]", "languages: [vi, en"),
    );
    let server = Server::start(campaign, &[]);
    assert_eq!(server.status()["ok"], false);
    let (status, _, body) = server.get("/quan-a/");
    assert_eq!(status, 503);
    assert!(
        body.contains("/__loa/reload.js"),
        "the waiting page reloads when fixed"
    );
    server.campaign.write("content/site.yaml", good);
    server.wait_for("the fix", |s| s.get("/quan-a/").0 == 200);
    assert_eq!(server.status()["ok"], true);
}

#[test]
fn a_page_address_without_its_final_slash_is_redirected() {
    let server = Server::start(Campaign::fixture("build", "basic"), &[]);
    let (status, head, _) = server.get("/quan-a/skills/goi-111");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /quan-a/skills/goi-111/"), "{head}");
}

#[test]
fn a_renamed_page_moves() {
    let server = Server::start(Campaign::fixture("build", "basic"), &[]);
    // A page with no translation, so nothing else stays at its address.
    std::fs::rename(
        server
            .campaign
            .root()
            .join("content/skills/chi-tieng-viet.md"),
        server.campaign.root().join("content/skills/tieng-viet.md"),
    )
    .unwrap();
    server.wait_for("the renamed page", |s| {
        s.get("/quan-a/skills/tieng-viet/").0 == 200
            && s.get("/quan-a/skills/chi-tieng-viet/").0 == 404
    });
    // A style sheet edit reloads the theme.
    server
        .campaign
        .write("themes/default/static/loa.css", "body { color: #111; }\n");
    server.wait_for("the new style sheet", |s| {
        s.get("/quan-a/loa.css").2.contains("#111")
    });
}
