//! The desk as the app: `loa` with no command (the desk in the browser, or
//! a form to start a campaign), and the desk's actions (new page, check as
//! for publishing, a ward's zips, publish after a dry run), each refused
//! with nothing done unless it comes from the desk itself. The real binary
//! on a copy of a fixture campaign, spoken to over HTTP.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::publish::deploy_to;
use crate::support::*;

/// A running `loa` (no command, or `serve`), with what it printed.
struct Desk {
    child: Child,
    addr: String,
    output: Arc<Mutex<Vec<String>>>,
    lines: Receiver<String>,
}

impl Desk {
    /// `loa` with `args` in `dir`, the browser not opened unless `env`
    /// says otherwise; waits for the line naming its address.
    fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Desk {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(args)
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", "1795910400")
            .env("LOA_NO_BROWSER", "1")
            .env_remove("LOA_EDITOR")
            .env_remove("EDITOR")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        {
            let output = Arc::clone(&output);
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    let line = line.unwrap();
                    output.lock().unwrap().push(line.clone());
                    let _ = tx.send(line);
                }
            });
        }
        let mut desk = Desk {
            child,
            addr: String::new(),
            output,
            lines,
        };
        let line = desk.wait_line("the line saying where the desk is", |l| {
            l.contains("http://")
        });
        desk.addr = line
            .split("http://")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_string();
        desk
    }

    /// Waits for a line of output that `matches`.
    fn wait_line(&mut self, what: &str, matches: impl Fn(&str) -> bool) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(60)) {
                Ok(line) if matches(&line) => return line,
                Ok(_) => {}
                Err(_) => panic!("no {what}; output:\n{}", self.printed().join("\n")),
            }
        }
    }

    fn printed(&self) -> Vec<String> {
        self.output.lock().unwrap().clone()
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        send(
            &self.addr,
            format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.addr
            )
            .as_bytes(),
        )
    }

    /// This run's token, from the desk's forms.
    fn token(&self) -> String {
        token_in(&self.get("/").2).expect("the desk's forms carry the token")
    }

    /// Sends a form as the desk does.
    fn post(&self, action: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        let body = form(fields);
        self.post_raw(action, &self.desk_headers(), &body)
    }

    /// The headers a browser sends with a form of the desk.
    fn desk_headers(&self) -> Vec<(String, String)> {
        vec![
            ("Host".into(), self.addr.clone()),
            ("Origin".into(), format!("http://{}", self.addr)),
            ("Sec-Fetch-Site".into(), "same-origin".into()),
            (
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            ),
        ]
    }

    fn post_raw(
        &self,
        action: &str,
        headers: &[(String, String)],
        body: &str,
    ) -> (u16, String, String) {
        let mut request = format!("POST /__loa/action/{action} HTTP/1.1\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ));
        send(&self.addr, request.as_bytes())
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn token_in(html: &str) -> Option<String> {
    let at = html.find("name=\"token\" value=\"")? + "name=\"token\" value=\"".len();
    Some(html[at..].split('"').next()?.to_string())
}

fn form(fields: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

/// Sends `bytes` and reads the whole answer: status, head, body.
fn send(addr: &str, bytes: &[u8]) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let _ = stream.write_all(bytes);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = http_body(&head, raw.get(split + 4..).unwrap_or_default());
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head, String::from_utf8_lossy(&body).into_owned())
}

/// Like [`send`], the body as bytes (a zip).
fn send_bytes(addr: &str, bytes: &[u8]) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    stream.write_all(bytes).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body = http_body(&head, &raw[split + 4..]);
    (status, head, body)
}

/// Request headers: names and values.
type Headers = Vec<(String, String)>;

/// The fixture with a `file://` target for `quan-a`; returns the target.
fn with_file_target(c: &Campaign, www: &Path) -> PathBuf {
    let target = www.join("quan-a");
    deploy_to(c, &format!("  target: \"file://{}\"\n", target.display()));
    target
}

/// Every file of the campaign folder and of the target.
fn state(c: &Campaign, target: &Path) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) {
    (snapshot_tree(c.root()), snapshot_tree(target))
}

#[test]
fn loa_alone_serves_the_desk_of_the_campaign_here_on_loopback() {
    let c = Campaign::fixture("build", "basic");
    let mut desk = Desk::start(c.root(), &[], &[]);
    let said = desk.printed();
    assert_eq!(said.len(), 1, "one line: {said:?}");
    assert!(said[0].contains("Ctrl+C"), "{}", said[0]);
    assert!(desk.addr.starts_with("127.0.0.1:"), "{}", desk.addr);
    let (status, head, page) = desk.get("/");
    assert_eq!(status, 200);
    // Under `no-referrer` a browser would send `Origin: null` with forms.
    assert!(head.contains("Referrer-Policy: same-origin"), "{head}");
    assert!(!head.contains("no-referrer"), "{head}");
    for action in ["new-page", "check", "zip"] {
        assert!(
            page.contains(&format!("action=\"/__loa/action/{action}\"")),
            "{action}"
        );
    }
    // A page of the campaign is served, and an edit shows (it is watched).
    assert_eq!(desk.get("/quan-a/").0, 200);
    c.write(
        "content/pages/moi.md",
        "---\ntitle: \"Trang mới sửa\"\n---\n\nNội dung.\n",
    );
    desk.wait_line("a rebuild", |l| l.starts_with("Rebuilt"));
    assert!(desk.get("/quan-a/pages/moi/").2.contains("Trang mới sửa"));
    // Port 1111 taken (by this desk or anything else): another port.
    let _hold = TcpListener::bind("127.0.0.1:1111");
    let second = Desk::start(c.root(), &["--no-open"], &[]);
    assert_ne!(second.addr, "127.0.0.1:1111");
    assert_eq!(second.get("/").0, 200);
}

/// `--no-open` and `LOA_NO_BROWSER=1` keep the browser closed; otherwise
/// the system's opener gets the desk's address (a recording `xdg-open`).
#[cfg(target_os = "linux")]
#[test]
fn the_browser_opens_the_desk_unless_told_not_to() {
    use std::os::unix::fs::PermissionsExt;
    let c = Campaign::fixture("build", "basic");
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("opened");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\necho \"$@\" > {0}.tmp && mv {0}.tmp {0}\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let env = [("PATH", path.as_str()), ("LOA_NO_BROWSER", "")];
    {
        let desk = Desk::start(c.root(), &["--no-open"], &env);
        let _ = desk.get("/");
    }
    {
        let desk = Desk::start(c.root(), &[], &[("PATH", path.as_str())]);
        let _ = desk.get("/");
    }
    assert!(!log.exists(), "the browser was opened");
    let desk = Desk::start(c.root(), &[], &env);
    // The opener runs on its own: wait for its whole line (renamed in).
    let mut opened = String::new();
    for _ in 0..500 {
        if let Ok(text) = std::fs::read_to_string(&log) {
            opened = text;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(opened.trim(), format!("http://{}/", desk.addr));
}

/// A release folder: the program beside `chien-dich/`, started from the
/// folder (a double-click): the campaign inside is served.
#[test]
fn loa_alone_beside_one_campaign_folder_serves_it() {
    let base = tempfile::tempdir().unwrap();
    copy_dir(
        &fixtures("build").join("basic"),
        &base.path().join("chien-dich"),
    );
    std::fs::create_dir(base.path().join("other-folder")).unwrap();
    let desk = Desk::start(base.path(), &[], &[]);
    let page = desk.get("/").2;
    assert!(page.contains("action=\"/__loa/action/new-page\""), "{page}");
    assert_eq!(desk.get("/quan-a/").0, 200);
    // Two campaigns: which one is not guessed.
    copy_dir(
        &fixtures("build").join("basic"),
        &base.path().join("second"),
    );
    let desk = Desk::start(base.path(), &[], &[]);
    assert!(desk.get("/").2.contains("action=\"/__loa/action/create\""));
}

#[test]
fn loa_alone_in_a_folder_without_a_campaign_offers_to_start_one() {
    let base = tempfile::tempdir().unwrap();
    let desk = Desk::start(base.path(), &[], &[]);
    let (status, _, page) = desk.get("/");
    assert_eq!(status, 200);
    assert!(page.contains("action=\"/__loa/action/create\""), "{page}");
    assert!(page.contains("<label for=\"setup-folder\">"));
    let token = token_in(&page).unwrap();
    assert_eq!(desk.get("/quan-a/").0, 404);
    // Names that climb out or are not names: inside the folder, or refused.
    for bad in ["", "..", "/", "..\\..", "\u{202e}"] {
        let (status, _, _) = desk.post("create", &[("token", &token), ("folder", bad)]);
        assert_eq!(status, 422, "{bad:?}");
    }
    std::fs::create_dir(base.path().join("da-co")).unwrap();
    std::fs::write(base.path().join("da-co/x.txt"), "x").unwrap();
    let (status, _, page) = desk.post("create", &[("token", &token), ("folder", "Đã có")]);
    assert_eq!(status, 422, "{page}");
    let before = snapshot_tree(base.path());
    let (status, head, _) = desk.post(
        "create",
        &[
            ("token", &token),
            ("folder", "../../Chiến dịch Mới"),
            ("name", "Chiến dịch thử"),
        ],
    );
    assert_eq!(status, 303, "{head}");
    assert!(head.contains("Location: /"), "{head}");
    let made = base.path().join("chien-dich-moi");
    assert!(made.join("content/site.yaml").is_file());
    let after = snapshot_tree(base.path());
    assert!(
        after
            .keys()
            .filter(|k| !before.contains_key(*k))
            .all(|k| k.starts_with("chien-dich-moi/")),
        "written outside the new folder"
    );
    // The desk now serves it, with the same token, and watches it.
    let (_, _, page) = desk.get("/");
    assert!(page.contains("action=\"/__loa/action/new-page\""), "{page}");
    assert_eq!(token_in(&page).as_deref(), Some(token.as_str()));
    assert!(
        page.contains("Chiến dịch thử") || desk.get("/phuong-mau/").2.contains("Chiến dịch thử")
    );
    let (status, _, _) = desk.post("create", &[("token", &token), ("folder", "again")]);
    assert_eq!(status, 404, "no second campaign once one is served");
}

/// Every action, sent in every way but the desk's own: refused, and the
/// campaign and the target are unchanged; then the desk's own form works
/// (so the refusals are not a broken action).
#[test]
fn actions_are_refused_unless_sent_by_the_desk_itself() {
    let c = Campaign::fixture("build", "basic");
    let www = tempfile::tempdir().unwrap();
    let target = with_file_target(&c, www.path());
    let mut desk = Desk::start(c.root(), &["serve", "--port", "0"], &[]);
    let token = desk.token();
    let before = state(&c, &target);
    let actions: [(&str, Vec<(&str, &str)>); 4] = [
        (
            "new-page",
            vec![
                ("title", "Tấn công"),
                ("section", "pages"),
                ("page_lang", "vi"),
            ],
        ),
        ("check", vec![]),
        ("zip", vec![("district", "quan-a"), ("kind", "hosting")]),
        ("publish", vec![("district", "quan-a"), ("dry_run", "0")]),
    ];
    let good = desk.desk_headers();
    let replace = |name: &str, value: Option<&str>| -> Vec<(String, String)> {
        let mut h: Vec<_> = good.iter().filter(|(n, _)| n != name).cloned().collect();
        if let Some(v) = value {
            h.push((name.to_string(), v.to_string()));
        }
        h
    };
    let port = desk.addr.rsplit(':').next().unwrap().to_string();
    let rebinding = format!("evil.example:{port}");
    for (action, fields) in &actions {
        let mut with_token = fields.clone();
        with_token.push(("token", &token));
        let body = form(&with_token);
        let cases: Vec<(&str, Headers, String)> = vec![
            (
                "cross-site origin",
                replace("Origin", Some("http://evil.example")),
                body.clone(),
            ),
            ("null origin", replace("Origin", Some("null")), body.clone()),
            ("no origin", replace("Origin", None), body.clone()),
            (
                "cross-site fetch",
                replace("Sec-Fetch-Site", Some("cross-site")),
                body.clone(),
            ),
            (
                "DNS rebinding",
                replace("Host", Some(&rebinding)),
                body.clone(),
            ),
            ("no token", good.clone(), form(fields)),
            (
                "wrong token",
                good.clone(),
                form(&[fields.clone(), vec![("token", "0".repeat(32).as_str())]].concat()),
            ),
            (
                "too large",
                good.clone(),
                format!("{body}&x={}", "a".repeat(20 * 1024)),
            ),
            (
                "not a form",
                replace("Content-Type", Some("text/plain")),
                body.clone(),
            ),
        ];
        for (why, headers, body) in cases {
            let (status, _, answer) = desk.post_raw(action, &headers, &body);
            assert!(
                (400..500).contains(&status),
                "{action}, {why}: {status} {answer}"
            );
        }
        // The token in the address (a link) and a GET: refused too.
        let (status, _, _) = desk.get(&format!("/__loa/action/{action}?{body}"));
        assert_eq!(status, 405, "{action}: GET");
        assert_eq!(state(&c, &target), before, "{action}: something changed");
    }
    assert!(
        !desk.printed().iter().any(|l| l.ends_with('…')),
        "an action started: {:?}",
        desk.printed()
    );
    assert!(
        desk.printed()
            .iter()
            .any(|l| l.starts_with("desk: refused"))
    );
    // The desk's own form does act.
    let (status, _, page) = desk.post(
        "new-page",
        &[
            ("token", &token),
            ("title", "Trang thật"),
            ("section", "pages"),
            ("page_lang", "vi"),
        ],
    );
    assert_eq!(status, 200, "{page}");
    assert!(c.root().join("content/pages/trang-that.md").is_file());
    desk.wait_line("the action logged", |l| {
        l.contains("content/pages/trang-that.md")
    });
}

/// A form whose bytes stop coming before its `Content-Length` is refused
/// once 5 s have passed, and does nothing; the desk then acts again.
#[test]
fn a_form_that_never_arrives_whole_is_refused() {
    let c = Campaign::fixture("build", "basic");
    let desk = Desk::start(c.root(), &["serve", "--port", "0"], &[]);
    let token = desk.token();
    let body = form(&[
        ("token", &token),
        ("title", "Nửa trang"),
        ("section", "pages"),
        ("page_lang", "vi"),
    ]);
    let mut request = "POST /__loa/action/new-page HTTP/1.1\r\n".to_string();
    for (name, value) in desk.desk_headers() {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!(
        "Content-Length: {}\r\n\r\n{}",
        body.len(),
        &body[..body.len() / 2]
    ));
    let mut stream = TcpStream::connect(&desk.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    // The connection stays open, the rest never sent.
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw);
    assert!(raw.starts_with("HTTP/1.1 400"), "{raw}");
    assert!(raw.contains("The form did not arrive whole."), "{raw}");
    assert!(!c.root().join("content/pages/nua-trang.md").exists());
    let (status, _, page) = desk.post(
        "new-page",
        &[
            ("token", &token),
            ("title", "Nửa trang"),
            ("section", "pages"),
            ("page_lang", "vi"),
        ],
    );
    assert_eq!(status, 200, "{page}");
    assert!(c.root().join("content/pages/nua-trang.md").is_file());
}

/// `--bind 0.0.0.0`: the desk offers no action and every action is
/// refused, even sent from this computer with the right token.
#[test]
fn on_a_network_address_the_actions_are_off() {
    let c = Campaign::fixture("build", "basic");
    let www = tempfile::tempdir().unwrap();
    let target = with_file_target(&c, www.path());
    let loopback = Desk::start(c.root(), &["serve", "--port", "0"], &[]);
    let token = loopback.token();
    drop(loopback);
    let mut desk = Desk::start(
        c.root(),
        &["serve", "--port", "0", "--bind", "0.0.0.0"],
        &[],
    );
    let port = desk.addr.rsplit(':').next().unwrap().to_string();
    desk.addr = format!("127.0.0.1:{port}");
    let (_, _, page) = desk.get("/");
    assert!(
        !page.contains("/__loa/action/"),
        "forms on a network address"
    );
    assert_eq!(token_in(&page), None);
    let before = state(&c, &target);
    for action in ["new-page", "check", "zip", "publish", "create"] {
        let (status, _, _) = desk.post(
            action,
            &[
                ("token", &token),
                ("title", "x"),
                ("section", "pages"),
                ("district", "quan-a"),
                ("dry_run", "0"),
            ],
        );
        assert_eq!(status, 403, "{action}");
    }
    assert_eq!(state(&c, &target), before);
}

/// A second action while one runs is told the desk is busy: the first is
/// a publish to an S3 server (a listener here) that never answers.
#[test]
fn one_action_at_a_time() {
    let c = Campaign::fixture("build", "basic");
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", silent.local_addr().unwrap());
    deploy_to(
        &c,
        &format!(
            "  target: \"s3://sites/quan-a\"\n  endpoint: \"{endpoint}\"\n  region: \"us-east-1\"\n"
        ),
    );
    let desk = Desk::start(
        c.root(),
        &["serve", "--port", "0"],
        &[
            ("AWS_ACCESS_KEY_ID", "loa-test"),
            ("AWS_SECRET_ACCESS_KEY", "loa-test-secret"),
        ],
    );
    let token = desk.token();
    let addr = desk.addr.clone();
    let first = std::thread::spawn({
        let body = form(&[("token", &token), ("district", "quan-a"), ("dry_run", "1")]);
        let headers = desk.desk_headers();
        move || {
            let mut request = "POST /__loa/action/publish HTTP/1.1\r\n".to_string();
            for (n, v) in headers {
                request.push_str(&format!("{n}: {v}\r\n"));
            }
            request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
            let mut stream = TcpStream::connect(addr).unwrap();
            stream.write_all(request.as_bytes()).unwrap();
            stream
        }
    });
    // The publish is under way once it reaches the server.
    let (held, _) = silent.accept().unwrap();
    let (status, _, page) = desk.post("check", &[("token", &token), ("ui", "en")]);
    assert_eq!(status, 503, "{page}");
    assert!(page.contains("Another task is running"), "{page}");
    drop(held);
    drop(first);
}

#[test]
fn the_desk_makes_pages_and_translations_that_the_preview_shows() {
    let c = Campaign::fixture("build", "basic");
    let desk = Desk::start(c.root(), &["serve", "--port", "0"], &[]);
    let token = desk.token();
    let (status, _, page) = desk.post(
        "new-page",
        &[
            ("token", &token),
            ("ui", "en"),
            ("title", "Gọi 111 khi cần"),
            ("section", "skills"),
            ("district", "quan-b"),
            ("page_lang", "vi"),
        ],
    );
    assert_eq!(status, 200, "{page}");
    let file = "content/districts/quan-b/skills/goi-111-khi-can.md";
    assert!(c.read(file).contains("title: \"Gọi 111 khi cần\""));
    assert!(c.read(file).contains("draft: true"));
    let href = page
        .split("class=\"desk-new-page\" href=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a link to the new page")
        .to_string();
    assert_eq!(href, "/quan-b/skills/goi-111-khi-can/");
    let (status, _, shown) = desk.get(&href);
    assert_eq!(status, 200);
    assert!(shown.contains("Gọi 111 khi cần"));
    // Its translation, from the desk's list of originals.
    let desk_page = desk.get("/").2;
    assert!(
        desk_page.contains(&format!("<option value=\"{file}\">")),
        "not offered"
    );
    let (status, _, page) = desk.post(
        "new-page",
        &[
            ("token", &token),
            ("title", "Call 111 when you need to"),
            ("page_lang", "en"),
            ("original", file),
        ],
    );
    assert_eq!(status, 200, "{page}");
    let translation = "content/districts/quan-b/skills/goi-111-khi-can.en.md";
    assert!(c.read(translation).contains("Call 111 when you need to"));
    assert!(
        desk.get("/quan-b/en/skills/goi-111-khi-can/")
            .2
            .contains("Call 111 when you need to")
    );
    // Refused in words, nothing written: no title, an original not listed,
    // a translation in the original's language, a file that exists.
    let before = snapshot_tree(c.root());
    for fields in [
        vec![("title", ""), ("section", "pages")],
        vec![
            ("title", "x"),
            ("page_lang", "en"),
            ("original", "content/site.yaml"),
        ],
        vec![
            ("title", "x"),
            ("page_lang", "en"),
            ("original", "../etc/passwd.md"),
        ],
        vec![("title", "x"), ("page_lang", "vi"), ("original", file)],
        vec![
            ("title", "Gọi 111 khi cần"),
            ("section", "skills"),
            ("district", "quan-b"),
        ],
        vec![("title", "x"), ("section", "../../x")],
        vec![
            ("title", "x"),
            ("section", "pages"),
            ("district", "../../x"),
        ],
    ] {
        let mut fields = fields.clone();
        fields.push(("token", &token));
        let (status, _, page) = desk.post("new-page", &fields);
        assert_eq!(status, 422, "{fields:?}: {page}");
        assert!(page.contains("<h1>"), "{page}");
    }
    assert_eq!(snapshot_tree(c.root()), before);
    // A title is text, shown as text; a control character is refused.
    let (status, _, page) = desk.post(
        "new-page",
        &[
            ("token", &token),
            ("title", "<script>alert(1)</script> & \"x\""),
            ("section", "news"),
        ],
    );
    assert_eq!(status, 200, "{page}");
    assert!(!page.contains("<script>"), "{page}");
    assert!(
        c.read("content/news/script-alert-1-script-x.md")
            .contains("title: \"<script>alert(1)</script> & \\\"x\\\"\"")
    );
    let (status, _, _) = desk.post(
        "new-page",
        &[
            ("token", &token),
            ("title", "a\u{1b}[31mb"),
            ("section", "news"),
        ],
    );
    assert_eq!(status, 422);
    // Both are listed on the desk as done.
    let desk_page = desk.get("/").2;
    assert!(desk_page.contains(file) && desk_page.contains(translation));
}

#[test]
fn check_as_for_publishing_counts_warnings_as_errors() {
    let c = Campaign::bundled();
    let desk = Desk::start(c.root(), &["serve", "--port", "0"], &[]);
    let token = desk.token();
    let (status, _, page) = desk.post("check", &[("token", &token), ("ui", "en")]);
    assert_eq!(status, 200);
    let strict = c.loa(&["check", "--strict", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&strict.stdout).unwrap();
    let errors = json["summary"]["errors"].as_u64().unwrap();
    assert!(errors > 0, "{}", strict.stdout);
    assert!(
        page.contains(&format!("data-errors=\"{errors}\"")),
        "{errors} expected: {page}"
    );
    assert!(page.contains(&format!("{errors} errors to fix before publishing")));
}

#[test]
fn a_ward_s_zips_are_built_on_request_and_downloaded() {
    let c = Campaign::fixture("build", "basic");
    let desk = Desk::start(c.root(), &["serve", "--port", "0"], &[]);
    let token = desk.token();
    c.loa(&["build", "--zip", "--out", "reference"]).ok();
    for (kind, name) in [("hosting", "quan-a.zip"), ("offline", "quan-a-offline.zip")] {
        let body = form(&[("token", &token), ("district", "quan-a"), ("kind", kind)]);
        let mut request = "POST /__loa/action/zip HTTP/1.1\r\n".to_string();
        for (n, v) in desk.desk_headers() {
            request.push_str(&format!("{n}: {v}\r\n"));
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        let (status, head, bytes) = send_bytes(&desk.addr, request.as_bytes());
        assert_eq!(status, 200, "{head}");
        assert!(head.contains("Content-Type: application/zip"), "{head}");
        assert!(
            head.contains(&format!(
                "Content-Disposition: attachment; filename=\"{name}\""
            )),
            "{head}"
        );
        // The same bytes as `loa build --zip` makes.
        let reference = std::fs::read(c.root().join("reference").join(name)).unwrap();
        assert!(bytes == reference, "{name} differs from loa build --zip");
    }
    let (status, _, _) = desk.post("zip", &[("token", &token), ("district", "../quan-a")]);
    assert_eq!(status, 422);
}

/// Regression: the zip action read every `kind` but `offline` as
/// `hosting`, so a form naming a kind loa does not make (a typo, another
/// case, none) got a hosting zip nobody asked for. Now it is refused with
/// the kinds there are, and nothing is built.
#[test]
fn a_zip_of_a_kind_loa_does_not_make_is_refused() {
    let c = Campaign::fixture("build", "basic");
    let mut desk = Desk::start(c.root(), &["serve", "--port", "0"], &[]);
    let token = desk.token();
    for kind in [Some("offlin"), Some("HOSTING"), Some(""), None] {
        let mut fields = vec![("token", token.as_str()), ("district", "quan-a")];
        fields.extend(kind.map(|k| ("kind", k)));
        let (status, head, page) = desk.post("zip", &fields);
        assert_eq!(status, 422, "{kind:?}: {head}\n{page}");
        assert!(!head.contains("application/zip"), "{kind:?}: {head}");
        let excerpt = texts(&scraper::Html::parse_document(&page), ".desk-excerpt").join(" ");
        assert!(
            excerpt.contains("hosting") && excerpt.contains("offline"),
            "{kind:?}: {page}"
        );
    }
    let line = desk.wait_line("the refusal in the terminal", |l| l.contains("offlin"));
    assert!(line.contains("hosting"), "{line}");
    assert!(
        !desk.printed().iter().any(|l| l.contains(".zip")),
        "a zip was built: {:?}",
        desk.printed()
    );
}

#[test]
fn publishing_is_a_dry_run_first_then_the_real_thing() {
    let c = Campaign::fixture("build", "basic");
    let www = tempfile::tempdir().unwrap();
    let target = with_file_target(&c, www.path());
    let desk = Desk::start(c.root(), &["serve", "--port", "0"], &[]);
    let page = desk.get("/").2;
    assert!(
        page.contains(&format!("Xuất bản lên file://{}", target.display())),
        "{page}"
    );
    let token = desk.token();
    let (status, _, dry) = desk.post(
        "publish",
        &[
            ("token", &token),
            ("district", "quan-a"),
            ("dry_run", "1"),
            ("ui", "en"),
        ],
    );
    assert_eq!(status, 200, "{dry}");
    assert!(
        !target.exists() || snapshot_tree(&target).is_empty(),
        "a dry run sent files"
    );
    assert!(dry.contains("Would send"), "{dry}");
    assert!(dry.contains("<code>index.html</code>"), "{dry}");
    // The dry run's page holds the form that publishes.
    assert!(dry.contains("name=\"dry_run\" value=\"0\""), "{dry}");
    let (status, _, done) = desk.post(
        "publish",
        &[
            ("token", &token),
            ("district", "quan-a"),
            ("dry_run", "0"),
            ("ui", "en"),
        ],
    );
    assert_eq!(status, 200, "{done}");
    assert!(done.contains("<h2>Published</h2>"), "{done}");
    // The files sent were counted while they went, up to all of them.
    let progress = done
        .split("desk-progress\">\n")
        .nth(1)
        .and_then(|rest| rest.split("</ol>").next())
        .expect("progress lines");
    // The lines the terminal shows, in the desk's language.
    let last = progress.lines().last().unwrap();
    let (sent_n, rest) = last
        .strip_prefix("<li>quan-a: ")
        .unwrap()
        .split_once('/')
        .unwrap();
    let total = rest.split(' ').next().unwrap();
    assert_eq!(sent_n, total, "{progress}");
    assert!(done.contains(&format!("Sent ({total})")), "{done}");
    let sent = snapshot_tree(&target);
    let built = snapshot_tree(&c.out().join("quan-a"));
    for (path, bytes) in &built {
        if path == ".loa-output" {
            continue;
        }
        assert_eq!(sent.get(path), Some(bytes), "{path}");
    }
    // A ward without a target cannot be published.
    let (status, _, _) = desk.post(
        "publish",
        &[("token", &token), ("district", "quan-b"), ("dry_run", "0")],
    );
    assert_eq!(status, 422);
}

/// A target whose credentials are missing: the desk names what is missing
/// and never shows a value that is set.
#[test]
fn missing_credentials_are_named_never_shown() {
    let c = Campaign::fixture("build", "basic");
    deploy_to(
        &c,
        "  target: \"s3://sites/quan-a\"\n  endpoint: \"http://127.0.0.1:9\"\n  region: \"us-east-1\"\n",
    );
    let home = tempfile::tempdir().unwrap();
    let home = home.path().to_str().unwrap();
    let desk = Desk::start(
        c.root(),
        &["serve", "--port", "0"],
        &[
            ("AWS_SECRET_ACCESS_KEY", "very-secret-value-42"),
            ("AWS_ACCESS_KEY_ID", ""),
            ("HOME", home),
        ],
    );
    let page = desk.get("/").2;
    assert!(page.contains("AWS_ACCESS_KEY_ID"), "{page}");
    assert!(!page.contains("very-secret-value-42"));
    assert!(
        !page.contains("name=\"dry_run\""),
        "publishing offered without credentials"
    );
    let token = desk.token();
    let (status, _, answer) = desk.post(
        "publish",
        &[("token", &token), ("district", "quan-a"), ("dry_run", "1")],
    );
    assert_eq!(status, 422, "{answer}");
    assert!(answer.contains("AWS_ACCESS_KEY_ID"), "{answer}");
    assert!(!answer.contains("very-secret-value-42"));
}

/// The desk opens in the staff language when the campaign has it
/// (`LOA_LANG=en` on a campaign whose first language is Vietnamese), and
/// what an action says in the terminal is in that language too.
#[test]
fn the_desk_opens_and_logs_in_the_staff_language() {
    let c = Campaign::fixture("build", "basic");
    for (code, prefix) in [("en", "desk: "), ("vi", "bàn biên tập: ")] {
        let mut desk = Desk::start(c.root(), &["serve", "--port", "0"], &[("LOA_LANG", code)]);
        let page = desk.get("/").2;
        assert!(
            page.contains(&format!("<html lang=\"{code}\" data-loa-desk>")),
            "{code}: {}",
            &page[..page.len().min(300)]
        );
        // Another language is still one link away.
        let other = if code == "en" { "vi" } else { "en" };
        let asked = desk.get(&format!("/?lang={other}")).2;
        assert!(asked.contains(&format!("<html lang=\"{other}\" data-loa-desk>")));
        // The time the campaign took to load, with the language's decimal
        // mark (`214,2 ms` in Vietnamese).
        let printed = desk.printed();
        let loaded = printed
            .iter()
            .find(|l| l.contains(" ms: "))
            .unwrap_or_else(|| panic!("no load line: {printed:?}"));
        let number = loaded
            .split(" ms: ")
            .next()
            .unwrap()
            .rsplit(' ')
            .next()
            .unwrap();
        let (mark, not) = if code == "vi" { (',', '.') } else { ('.', ',') };
        assert!(
            number.contains(mark) && !number.contains(not),
            "{code}: {loaded}"
        );
        let token = desk.token();
        let (status, _, answer) = desk.post("check", &[("token", &token)]);
        assert!(status == 200 || status == 422, "{status}: {answer}");
        let start = desk.wait_line("the action's first line", |l| l.ends_with('…'));
        let end = desk.wait_line("the action's last line", |l| {
            l.starts_with(prefix) && !l.ends_with('…')
        });
        for line in [&start, &end] {
            assert!(line.starts_with(prefix), "{code}: {line}");
            let wrong = if code == "vi" {
                english_words(line)
            } else {
                vietnamese_words(line)
            };
            assert!(wrong.is_empty(), "{code}: {wrong:?} in {line}");
        }
    }
}

/// A refused form is explained in the staff language, on the page and in
/// the terminal: a desk left open across two runs of loa sends the old
/// token, and the person reads why and what to do.
#[test]
fn refusals_are_said_in_the_staff_language() {
    let c = Campaign::fixture("build", "basic");
    for (code, answer_words, line_start) in [
        ("vi", "tải lại bàn biên tập", "bàn biên tập: từ chối POST"),
        ("en", "reload the desk", "desk: refused POST"),
    ] {
        let mut desk = Desk::start(c.root(), &["serve", "--port", "0"], &[("LOA_LANG", code)]);
        let (status, _, answer) = desk.post("check", &[("token", &"0".repeat(32))]);
        assert_eq!(status, 403, "{code}: {answer}");
        assert!(answer.contains(answer_words), "{code}: {answer}");
        let line = desk.wait_line("the refusal", |l| l.contains("POST /__loa/action/check"));
        assert!(line.starts_with(line_start), "{code}: {line}");
        let wrong = if code == "vi" {
            english_words(&answer)
        } else {
            vietnamese_words(&answer)
        };
        assert!(wrong.is_empty(), "{code}: {wrong:?} in {answer}");
    }
}

/// What a person reads on a page: its text outside scripts and styles,
/// and the attributes a browser shows or reads aloud.
fn shown(page: &str) -> String {
    let html = scraper::Html::parse_document(page);
    let mut shown = String::new();
    for node in html.tree.nodes() {
        if let Some(text) = node.value().as_text() {
            let hidden = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style"))
            });
            if !hidden {
                shown.push_str(text);
            }
        } else if let Some(e) = node.value().as_element() {
            for name in ["title", "aria-label", "placeholder", "alt"] {
                if let Some(value) = e.attr(name) {
                    shown.push_str(value);
                    shown.push('\n');
                }
            }
        }
    }
    shown
}

/// Regression: the message catalogue and the theme's desk strings mark
/// what to type with backticks (`loa check`, `draft: true`, a ward's
/// slug), as a terminal shows them, and the desk showed the backticks:
/// in its introduction, the findings and what to do, the drafts, the call
/// sheet, the editor and every refusal. Now they are `<code>`: no desk
/// page shows a backtick, in either language.
#[test]
fn no_desk_page_shows_a_backtick() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/skills/nhap.md",
        "---\ntitle: \"Nháp\"\ndraft: true\n---\nChữ.\n",
    );
    for lang in ["vi", "en"] {
        let desk = Desk::start(c.root(), &["serve", "--port", "0"], &[("LOA_LANG", lang)]);
        let token = desk.token();
        let mut pages = Vec::new();
        for path in [
            format!("/?lang={lang}"),
            format!("/__loa/calls/quan-a/?lang={lang}"),
            format!("/__loa/edit?file=content%2Fskills%2Fgoi-111.md&lang={lang}"),
            format!("/__loa/edit?file=content%2Fsite.yaml&lang={lang}"),
        ] {
            let (status, _, page) = desk.get(&path);
            pages.push((path, status, page));
        }
        for (action, fields) in [
            ("zip", [("district", "khong-co"), ("kind", "hosting")]),
            ("zip", [("district", "quan-a"), ("kind", "x")]),
            ("new-page", [("title", "Mới"), ("section", "khong-co")]),
            ("check", [("x", ""), ("y", "")]),
        ] {
            let mut all = vec![("token", token.as_str()), ("ui", lang)];
            all.extend(fields);
            let (status, _, page) = desk.post(action, &all);
            pages.push((format!("{action} {fields:?}"), status, page));
        }
        let statuses: Vec<u16> = pages.iter().map(|(_, status, _)| *status).collect();
        assert_eq!(statuses, [200, 200, 200, 403, 422, 422, 422, 200], "{lang}");
        for (what, _, page) in &pages {
            let text = shown(page);
            let with: Vec<&str> = text.lines().filter(|l| l.contains('`')).collect();
            assert!(with.is_empty(), "{lang} {what}: {with:?}");
        }
        // The words that had backticks are there, as code.
        let desk_page = &pages[0].2;
        assert!(desk_page.contains("<code>loa check</code>"), "{desk_page}");
        assert!(
            desk_page.contains("<code>draft: true</code>"),
            "{desk_page}"
        );
        assert!(
            pages[4].2.contains("<code>khong-co</code>"),
            "{}",
            pages[4].2
        );
    }
}
