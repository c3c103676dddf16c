//! The desk's editor (`/__loa/edit`): a page written in a form and saved by
//! loa. The real binary on a copy of a fixture campaign, spoken to over
//! HTTP as a browser would; what it writes is read back with an
//! independent YAML reader and built.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::support::*;

/// A running `loa serve`.
struct Preview {
    child: Child,
    addr: String,
}

impl Preview {
    fn start(dir: &Path, args: &[&str]) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
            .arg("serve")
            .args(args)
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", "1795910400")
            .env("LOA_NO_BROWSER", "1")
            .env("LOA_LANG", "en")
            .env_remove("LOA_EDITOR")
            .env_remove("EDITOR")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let line = lines
            .by_ref()
            .map(Result::unwrap)
            .find(|l| l.contains("http://"))
            .expect("the line with the preview's address");
        // Keep reading what it prints, so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let addr = line
            .split("http://")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_string();
        Preview { child, addr }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = send(
            &self.addr,
            &format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.addr
            ),
        );
        (status, body)
    }

    /// The editor for `file`: its status and page.
    fn editor(&self, file: &str) -> (u16, String) {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("file", file)
            .append_pair("lang", "en")
            .finish();
        self.get(&format!("/__loa/edit?{query}"))
    }

    /// Sends `fields` to an action with the headers a browser sends from
    /// the desk, or with `headers`.
    fn post_with(
        &self,
        action: &str,
        headers: &[(&str, String)],
        fields: &[(String, String)],
    ) -> (u16, String) {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let mut request = format!("POST /__loa/action/{action} HTTP/1.1\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ));
        let (status, _, body) = send(&self.addr, &request);
        (status, body)
    }

    fn desk_headers(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Host", self.addr.clone()),
            ("Origin", format!("http://{}", self.addr)),
            ("Sec-Fetch-Site", "same-origin".into()),
            ("Content-Type", "application/x-www-form-urlencoded".into()),
        ]
    }

    fn post(&self, action: &str, fields: &[(String, String)]) -> (u16, String) {
        self.post_with(action, &self.desk_headers(), fields)
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn send(addr: &str, request: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let _ = stream.write_all(request.as_bytes());
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = raw.get(split + 4..).unwrap_or_default();
    (status, head, String::from_utf8_lossy(body).into_owned())
}

/// The form of an editor page as a browser sends it (checked boxes only,
/// the text area's text without the leading newline browsers drop).
fn form_of(html: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let mut fields = Vec::new();
    for input in doc.select(&sel("#editor-form input")) {
        let e = input.value();
        let (Some(name), value) = (e.attr("name"), e.attr("value").unwrap_or("")) else {
            continue;
        };
        if e.attr("type") == Some("checkbox") && e.attr("checked").is_none() {
            continue;
        }
        fields.push((name.to_string(), value.to_string()));
    }
    for select in doc.select(&sel("#editor-form select")) {
        let chosen = select
            .select(&sel("option[selected]"))
            .next()
            .and_then(|o| o.value().attr("value"))
            .unwrap_or("");
        fields.push((
            select.value().attr("name").unwrap().to_string(),
            chosen.to_string(),
        ));
    }
    let body: String = doc
        .select(&sel("#editor-body"))
        .next()
        .unwrap()
        .text()
        .collect();
    fields.push((
        "body".into(),
        body.strip_prefix('\n').unwrap_or(&body).to_string(),
    ));
    fields
}

fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    fields.retain(|(n, _)| n != name);
    fields.push((name.into(), value.into()));
}

fn front_matter(text: &str) -> serde_yaml::Mapping {
    let rest = text.strip_prefix("---\n").expect("opens with ---");
    let end = rest.find("\n---\n").expect("closes with ---");
    serde_yaml::from_str(&rest[..end + 1]).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

const PAGE: &str = "content/skills/goi-111.md";

#[test]
fn the_editor_shows_the_fields_the_page_and_its_findings() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        PAGE,
        "---\ntitle: \"Gọi 111\"\nweight: 20\nleaflet: 1\naudience: [children, parents]\nslug: goi-111\n---\n## Khi nào gọi\n\nGọi [111](tel:111) khi cần.\n",
    );
    let p = Preview::start(c.root(), &["--port", "0"]);
    let (status, html) = p.editor(PAGE);
    assert_eq!(status, 200, "{html}");
    let doc = scraper::Html::parse_document(&html);
    assert_eq!(attrs(&doc, "#editor-title", "value"), ["Gọi 111"]);
    assert_eq!(attrs(&doc, "#editor-weight", "value"), ["20"]);
    assert_eq!(attrs(&doc, "#editor-date", "type"), ["date"]);
    assert_eq!(
        attrs(&doc, "input[name=audience][checked]", "value"),
        ["children", "parents"]
    );
    assert_eq!(attrs(&doc, "#editor-draft", "type"), ["checkbox"]);
    assert!(
        texts(&doc, ".editor-kept code")[0].contains("slug: goi-111"),
        "keys without a field are shown"
    );
    // The page beside the form, through the preview's engine.
    assert!(
        texts(&doc, "#editor-page h2")
            .iter()
            .any(|t| t.contains("Khi nào gọi")),
        "{html}"
    );
    // Its findings, at the line of the text area.
    let mut fields = form_of(&html);
    set(
        &mut fields,
        "body",
        "## Khi nào gọi\n\nGọi [111](tel:111) khi cần. Xem [mất](khong-co.md).\n",
    );
    let (_, answer) = p.post("edit-preview", &fields);
    let doc = scraper::Html::parse_document(&answer);
    let findings = texts(&doc, "#editor-findings li");
    assert!(
        findings
            .iter()
            .any(|f| f.contains("line 3") && f.contains("khong-co.md")),
        "{findings:?}"
    );
    // The preview pages link to it: to the shared text, or to a ward's
    // own where it replaces it, in the page's language.
    for (address, file) in [
        (
            "/quan-b/skills/goi-111/",
            "content%2Fskills%2Fgoi-111.md&lang=vi",
        ),
        (
            "/quan-b/en/skills/goi-111/",
            "content%2Fskills%2Fgoi-111.en.md&lang=en",
        ),
        (
            "/quan-a/skills/goi-111/",
            "content%2Fdistricts%2Fquan-a%2Fskills%2Fgoi-111.md&lang=vi",
        ),
    ] {
        let (_, page) = p.get(address);
        let page = scraper::Html::parse_document(&page);
        let link = attrs(&page, ".loa-edit a", "href");
        assert_eq!(link, [format!("/__loa/edit?file={file}")], "{address}");
        let (status, _) = p.get(&link[0]);
        assert_eq!(status, 200);
    }
    // So does the desk.
    let (_, desk) = p.get("/");
    assert!(desk.contains("/__loa/edit?file=content%2Fskills%2Fgoi-111.md"));
}

/// A campaign with an error loads no model: the editor still opens its
/// pages (mending them is what it is for) and lists the error.
#[test]
fn the_editor_opens_a_page_of_a_campaign_with_errors() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        PAGE,
        "---\ntitle: \"Gọi 111\"\n---\nXem [mất](khong-co.md).\n",
    );
    let p = Preview::start(c.root(), &["--port", "0"]);
    let (status, html) = p.editor(PAGE);
    assert_eq!(status, 200, "{html}");
    let doc = scraper::Html::parse_document(&html);
    let findings = texts(&doc, "#editor-findings li");
    assert!(
        findings.iter().any(|f| f.contains("khong-co.md")),
        "{findings:?}"
    );
    let mut fields = form_of(&html);
    set(&mut fields, "body", "Đã sửa.\n");
    let (status, _) = p.post("edit-save", &fields);
    assert_eq!(status, 200);
    let (status, page) = p.get("/quan-b/skills/goi-111/");
    assert_eq!(status, 200);
    assert!(page.contains("Đã sửa."), "the campaign loads again");
}

#[test]
fn previewing_renders_what_is_typed_and_writes_nothing() {
    let c = Campaign::fixture("build", "basic");
    let p = Preview::start(c.root(), &["--port", "0"]);
    let before = snapshot_tree(c.root());
    let (_, html) = p.editor(PAGE);
    let mut fields = form_of(&html);
    set(&mut fields, "body", "## Một tiêu đề mới\n\nChữ mới.\n");
    set(&mut fields, "do", "preview");
    let (status, answer) = p.post("edit-preview", &fields);
    assert_eq!(status, 200, "{answer}");
    let doc = scraper::Html::parse_document(&answer);
    assert!(texts(&doc, "#editor-page h2").contains(&"Một tiêu đề mới".to_string()));
    assert_eq!(snapshot_tree(c.root()), before, "a preview writes nothing");
}

#[test]
fn saving_writes_the_fields_as_front_matter_and_keeps_the_old_version() {
    let c = Campaign::fixture("build", "basic");
    let p = Preview::start(c.root(), &["--port", "0"]);
    let (_, html) = p.editor(PAGE);
    let mut fields = form_of(&html);
    let title = "Gọi 111: \"ngay\" --- # không phải chú thích";
    set(&mut fields, "title", title);
    set(&mut fields, "draft", "true");
    set(&mut fields, "date", "2026-03-08");
    set(&mut fields, "body", "Đoạn mới.\r\n\r\nĐoạn hai.");
    let (status, answer) = p.post("edit-save", &fields);
    assert_eq!(status, 200, "{answer}");
    let text = c.read(PAGE);
    assert!(!text.contains('\r'), "LF line ends");
    let front = front_matter(&text);
    assert_eq!(front["title"].as_str(), Some(title));
    assert_eq!(front["draft"].as_bool(), Some(true));
    assert_eq!(front["weight"].as_i64(), Some(20));
    assert_eq!(front["leaflet"].as_i64(), Some(1));
    assert!(text.ends_with("---\nĐoạn mới.\n\nĐoạn hai.\n"), "{text}");
    let history = c.root().join(".loa-history").join(PAGE);
    let old: Vec<_> = std::fs::read_dir(&history).unwrap().collect();
    assert_eq!(old.len(), 1);
    let old = std::fs::read_to_string(old[0].as_ref().unwrap().path()).unwrap();
    assert!(old.contains("title: \"Gọi 111\""));
    // The campaign still checks and builds.
    c.loa(&["check"]).ok();
}

#[test]
fn hostile_titles_round_trip_or_are_refused_never_a_broken_file() {
    let c = Campaign::fixture("build", "basic");
    let p = Preview::start(c.root(), &["--port", "0"]);
    for title in [
        "a: b",
        "---",
        "# hash",
        "'quote' \"double\" \\back",
        "[list], {map}",
        "& * ! | > % @ `",
        "yes",
        "null",
        "...",
    ] {
        let (_, html) = p.editor(PAGE);
        let mut fields = form_of(&html);
        set(&mut fields, "title", title);
        let (status, answer) = p.post("edit-save", &fields);
        assert_eq!(status, 200, "{title}: {answer}");
        let front = front_matter(&c.read(PAGE));
        assert_eq!(front["title"].as_str(), Some(title));
    }
    let before = c.read(PAGE);
    for title in ["a\u{7}b", "tab\there", "two\nlines", "nul\u{0}"] {
        let (_, html) = p.editor(PAGE);
        let mut fields = form_of(&html);
        set(&mut fields, "title", title);
        let (status, answer) = p.post("edit-save", &fields);
        assert_eq!(status, 422, "{title:?}");
        assert!(answer.contains("control character"), "{answer}");
        assert_eq!(c.read(PAGE), before, "{title:?}: nothing written");
    }
}

#[test]
fn a_page_saved_from_the_editor_builds_like_the_same_page_typed_by_hand() {
    let by_hand = Campaign::fixture("build", "basic");
    by_hand.write(
        PAGE,
        "---\ntitle: Gọi 111 ngay\nweight: 5\nleaflet: 1\naudience:\n  - children\n  - parents\ndate: 2026-03-08\n---\n## Khi nào gọi\n\nGọi [111](tel:111) bất cứ lúc nào.\n",
    );
    by_hand.build();
    let edited = Campaign::fixture("build", "basic");
    {
        let p = Preview::start(edited.root(), &["--port", "0"]);
        let (_, html) = p.editor(PAGE);
        let mut fields = form_of(&html);
        set(&mut fields, "title", "Gọi 111 ngay");
        set(&mut fields, "weight", "5");
        set(&mut fields, "date", "2026-03-08");
        set(
            &mut fields,
            "body",
            "## Khi nào gọi\n\nGọi [111](tel:111) bất cứ lúc nào.\n",
        );
        let (status, answer) = p.post("edit-save", &fields);
        assert_eq!(status, 200, "{answer}");
    }
    std::fs::remove_dir_all(edited.root().join(".loa-history")).unwrap();
    edited.build();
    assert_eq!(
        snapshot_tree(&edited.out()),
        snapshot_tree(&by_hand.out()),
        "the same site, byte for byte"
    );
}

#[test]
fn a_file_changed_on_disk_since_it_was_opened_is_not_overwritten() {
    let c = Campaign::fixture("build", "basic");
    let p = Preview::start(c.root(), &["--port", "0"]);
    let (_, html) = p.editor(PAGE);
    let mut fields = form_of(&html);
    let theirs = "---\ntitle: \"Sửa bằng tay\"\n---\nSửa ở nơi khác.\n";
    c.write(PAGE, theirs);
    set(&mut fields, "body", "Bản của tôi.\n");
    let (status, answer) = p.post("edit-save", &fields);
    assert_eq!(status, 409, "{answer}");
    assert_eq!(c.read(PAGE), theirs, "not overwritten");
    let doc = scraper::Html::parse_document(&answer);
    let disk: String = doc
        .select(&sel("#editor-disk"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(disk, theirs, "shows the file on disk");
    let mine = form_of(&answer);
    assert!(
        mine.iter()
            .any(|(n, v)| n == "body" && v == "Bản của tôi.\n"),
        "and keeps hers in the form"
    );
    // Saving again (she chose her version) replaces it.
    let (status, _) = p.post("edit-save", &mine);
    assert_eq!(status, 200);
    assert!(c.read(PAGE).ends_with("---\nBản của tôi.\n"));
}

#[test]
fn a_new_translation_starts_from_the_other_language_s_text() {
    let c = Campaign::fixture("build", "basic");
    let p = Preview::start(c.root(), &["--port", "0"]);
    let file = "content/skills/chi-tieng-viet.en.md";
    let (status, html) = p.editor(file);
    assert_eq!(status, 200, "{html}");
    let fields = form_of(&html);
    assert!(
        fields
            .iter()
            .any(|(n, v)| n == "body" && v.contains("Trang này chưa dịch"))
    );
    assert!(html.contains("content/skills/chi-tieng-viet.md"));
    let (status, _) = p.post("edit-save", &fields);
    assert_eq!(status, 200);
    assert!(c.read(file).contains("Trang này chưa dịch"));
}

#[test]
fn the_editor_refuses_files_that_are_not_pages_inside_content() {
    let c = Campaign::fixture("build", "basic");
    c.write("notes.md", "---\ntitle: secret\n---\n");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            c.root().join("notes.md"),
            c.root().join("content/skills/link.md"),
        )
        .unwrap();
        std::os::unix::fs::symlink(c.root(), c.root().join("content/up")).unwrap();
    }
    let p = Preview::start(c.root(), &["--port", "0"]);
    let (_, html) = p.editor(PAGE);
    let good = form_of(&html);
    let before = snapshot_tree(c.root());
    let refused = [
        "notes.md",
        "content/../notes.md",
        "content/skills/../../notes.md",
        "content/site.yaml",
        "content/districts/quan-a.yaml",
        "content/hotlines/quoc-gia.yaml",
        "content/skills/so-do.png",
        "content/skills/link.md",
        "content/up/notes.md",
        "themes/x/templates/page.md",
        "/etc/passwd",
        "content/nowhere/new.md",
    ];
    for file in refused {
        let (status, _) = p.editor(file);
        assert_eq!(status, 403, "GET {file}");
        let mut fields = good.clone();
        set(&mut fields, "file", file);
        let (status, _) = p.post("edit-save", &fields);
        assert_eq!(status, 403, "save {file}");
    }
    // Every guard of the desk's actions holds for the editor's.
    let mut no_token = good.clone();
    no_token.retain(|(n, _)| n != "token");
    let mut cross = p.desk_headers();
    cross.retain(|(n, _)| *n != "Origin");
    cross.push(("Origin", "http://evil.example".into()));
    let mut cross_site = p.desk_headers();
    cross_site.push(("Sec-Fetch-Site", "cross-site".into()));
    let mut rebinding = p.desk_headers();
    rebinding.retain(|(n, _)| *n != "Host");
    rebinding.push(("Host", "evil.example".into()));
    for action in ["edit-save", "edit-preview"] {
        assert_eq!(p.post(action, &no_token).0, 403, "{action} without token");
        assert_eq!(
            p.post_with(action, &cross, &good).0,
            403,
            "{action} cross-origin"
        );
        assert_eq!(
            p.post_with(action, &cross_site, &good).0,
            403,
            "{action} cross-site"
        );
        assert_ne!(
            p.post_with(action, &rebinding, &good).0,
            200,
            "{action} rebinding"
        );
        let (status, _) = p.get(&format!("/__loa/action/{action}"));
        assert_eq!(status, 405, "GET {action}");
    }
    assert_eq!(snapshot_tree(c.root()), before, "nothing changed");
}

#[test]
fn on_a_network_address_there_is_no_editor() {
    let c = Campaign::fixture("build", "basic");
    let mut p = Preview::start(c.root(), &["--port", "0", "--bind", "0.0.0.0"]);
    let port = p.addr.rsplit(':').next().unwrap().to_string();
    p.addr = format!("127.0.0.1:{port}");
    let (status, _) = p.editor(PAGE);
    assert_eq!(status, 404);
    let (_, page) = p.get("/quan-a/skills/goi-111/");
    assert!(!page.contains("/__loa/edit"), "no link to it");
}

/// The editor in Chromium (`tests/browser/editor.js`) on a copy of the
/// bundled campaign: the page opened from the preview, its title and a
/// paragraph changed, the page beside the form following her typing,
/// saved, and the change in the preview and on disk; without JavaScript
/// the Preview button. Screenshots in tests/browser/artifacts.
#[test]
#[ignore = "needs Chromium, node and `npm ci --prefix tests/browser`; .ci/run runs it with --ignored"]
fn the_editor_works_in_chromium() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(
        repo.join("tests/browser/node_modules/playwright-core")
            .exists(),
        "playwright-core is missing (npm ci --prefix tests/browser)"
    );
    let c = Campaign::bundled();
    let file = "content/skills/an-toan-tren-mang-va-dien-thoai-dung-chung.md";
    let p = Preview::start(c.root(), &["--port", "0"]);
    let page = "/ba-dinh/skills/an-toan-tren-mang-va-dien-thoai-dung-chung/".to_string();
    assert_eq!(p.get(&page).0, 200, "{page}");
    let output = Command::new("node")
        .arg(repo.join("tests/browser/editor.js"))
        .args(["--url", &format!("http://{}/", p.addr), "--page", &page])
        .arg("--picture")
        .arg(fixtures("images").join("news/content/news/anh-tap-huan.jpg"))
        .arg("--artifacts")
        .arg(repo.join("tests/browser/artifacts"))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success() && stdout.contains("All editor steps passed"),
        "editor steps failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = c.read(file);
    let front = front_matter(&text);
    assert_eq!(
        front["title"].as_str(),
        Some("Tiêu đề: \"đã sửa\" trong trình duyệt")
    );
    assert!(text.contains("Đoạn văn sửa trong trình duyệt."));
    // The photo beside the page, as it was; published without its GPS
    // position (exiftool, which reads every metadata format).
    let original =
        std::fs::read(fixtures("images").join("news/content/news/anh-tap-huan.jpg")).unwrap();
    assert_eq!(
        std::fs::read(c.root().join("content/skills/anh-tap-huan.jpg")).unwrap(),
        original
    );
    assert!(text.contains("![Ảnh tập huấn](anh-tap-huan.jpg)"), "{text}");
    drop(p);
    c.build();
    let published: Vec<_> = walkdir::WalkDir::new(c.out().join("ba-dinh"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.to_string_lossy().contains("anh-tap-huan"))
        .collect();
    assert!(!published.is_empty());
    for file in published {
        let out = Command::new("exiftool")
            .args(["-gps:all", "-s"])
            .arg(&file)
            .output()
            .expect("exiftool (apt-get install libimage-exiftool-perl)");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "",
            "{}",
            file.display()
        );
    }
}

/// Sends the editor's form with a file, as a browser sends it.
fn post_picture(
    p: &Preview,
    fields: &[(String, String)],
    filename: &str,
    bytes: &[u8],
) -> (u16, String) {
    let boundary = "----loaTestBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"picture\"; filename=\"{filename}\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut request = format!(
        "POST /__loa/action/edit-picture HTTP/1.1\r\nHost: {0}\r\nOrigin: http://{0}\r\nSec-Fetch-Site: same-origin\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {1}\r\nConnection: close\r\n\r\n",
        p.addr,
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(&body);
    let mut stream = TcpStream::connect(&p.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    stream.write_all(&request).unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

#[test]
fn a_picture_is_copied_beside_the_page_under_a_safe_name_and_published_without_gps() {
    let c = Campaign::fixture("build", "basic");
    let photo =
        std::fs::read(fixtures("images").join("news/content/news/anh-tap-huan.jpg")).unwrap();
    let p = Preview::start(c.root(), &["--port", "0"]);
    let (_, html) = p.editor(PAGE);
    let mut fields = form_of(&html);
    set(&mut fields, "alt", "Cán bộ phường [tập huấn]");
    let (status, answer) = post_picture(&p, &fields, "Ảnh Tập huấn 1.JPG", &photo);
    assert_eq!(status, 200, "{answer}");
    let name = "anh-tap-huan-1.jpg";
    assert_eq!(
        std::fs::read(c.root().join("content/skills").join(name)).unwrap(),
        photo,
        "copied as it is under a safe name"
    );
    let with_picture = form_of(&answer);
    let body = &with_picture.iter().find(|(n, _)| n == "body").unwrap().1;
    assert!(
        body.ends_with(&format!("\n\n![Cán bộ phường tập huấn]({name})\n")),
        "{body:?}"
    );
    // A second picture of the same name never replaces the first.
    let (status, _) = post_picture(&p, &with_picture, "ảnh tập huấn 1.jpg", b"other");
    assert_eq!(status, 200);
    assert_eq!(
        std::fs::read(c.root().join("content/skills/anh-tap-huan-1-2.jpg")).unwrap(),
        b"other"
    );
    std::fs::remove_file(c.root().join("content/skills/anh-tap-huan-1-2.jpg")).unwrap();
    // Not a picture: refused, nothing written.
    let before = snapshot_tree(c.root());
    let (status, answer) = post_picture(&p, &with_picture, "run.sh", b"#!/bin/sh");
    assert_eq!(status, 422, "{answer}");
    assert!(answer.contains("not a picture"), "{answer}");
    assert_eq!(snapshot_tree(c.root()), before);
    // Without the token: refused.
    let mut no_token = with_picture.clone();
    no_token.retain(|(n, _)| n != "token");
    let (status, _) = post_picture(&p, &no_token, "x.jpg", &photo);
    assert_eq!(status, 403);
    assert_eq!(snapshot_tree(c.root()), before);
    // Saved, built: the published picture carries no GPS position.
    let (status, answer) = p.post("edit-save", &with_picture);
    assert_eq!(status, 200, "{answer}");
    drop(p);
    c.build();
    let published: Vec<_> = walkdir::WalkDir::new(c.out())
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("anh-tap-huan-1"))
        })
        .collect();
    assert!(!published.is_empty(), "the picture is published");
    for file in published {
        let bytes = std::fs::read(&file).unwrap();
        // An independent EXIF reader finds nothing (exiftool too: see
        // images::, which runs it on every published picture).
        let exif = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&bytes));
        assert!(exif.is_err(), "{} has EXIF", file.display());
        let exiftool = Command::new("exiftool")
            .args(["-gps:all", "-s"])
            .arg(&file)
            .output();
        if let Ok(out) = exiftool {
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                "",
                "{}",
                file.display()
            );
        }
    }
}

#[test]
fn a_picture_too_wide_gets_the_finding_check_gives() {
    let c = Campaign::fixture("build", "basic");
    let wide =
        std::fs::read(fixtures("check").join("image--too-wide/content/news/rong.png")).unwrap();
    let p = Preview::start(c.root(), &["--port", "0"]);
    let (_, html) = p.editor(PAGE);
    let mut fields = form_of(&html);
    set(&mut fields, "alt", "Một dải màu xanh");
    let (status, answer) = post_picture(&p, &fields, "Rộng.png", &wide);
    assert_eq!(status, 200, "{answer}");
    let doc = scraper::Html::parse_document(&answer);
    let findings = texts(&doc, "#editor-findings li");
    assert!(
        findings
            .iter()
            .any(|f| f.contains("rong.png") && f.contains("wider than")),
        "{findings:?}"
    );
}
