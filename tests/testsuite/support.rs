//! Test helpers: copy a fixture campaign to a temporary folder, run the
//! `loa` binary in it, read and parse what it wrote, and walk every link.

#![allow(dead_code, reason = "each test module uses a different part")]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

/// A fixture campaign copied into a temporary folder.
pub struct Campaign {
    dir: tempfile::TempDir,
}

/// What a run of `loa` printed and returned.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with the output unless the run succeeded.
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "loa failed:\n{}\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// The folder holding the fixtures of a feature.
pub fn fixtures(feature: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/testsuite")
        .join(feature)
}

impl Campaign {
    /// Copies `tests/testsuite/<feature>/<case>/`.
    pub fn fixture(feature: &str, case: &str) -> Campaign {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixtures(feature).join(case), dir.path());
        Campaign { dir }
    }

    /// The bundled Hanoi campaign (`content/` of the repository).
    pub fn bundled() -> Campaign {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("content"), &dir.path().join("content"));
        Campaign { dir }
    }

    /// The campaign folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `public/` (the default output).
    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file (creating folders).
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Removes a file.
    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.root().join(rel)).unwrap();
    }

    /// Reads a file under the campaign folder.
    pub fn read(&self, rel: &str) -> String {
        let path = self.root().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Parses an HTML file under `public/`.
    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(&format!("public/{rel}")))
    }

    /// Runs `loa` with `args` in the campaign folder.
    pub fn loa(&self, args: &[&str]) -> Run {
        loa_in(self.root(), args)
    }

    /// Runs `loa build` and expects success.
    pub fn build(&self) -> Run {
        self.loa(&["build"]).ok()
    }
}

/// Runs the binary in `dir`.
pub fn loa_in(dir: &Path, args: &[&str]) -> Run {
    loa_env(dir, args, &[])
}

/// Runs the binary in `dir` with extra environment variables.
pub fn loa_env(dir: &Path, args: &[&str], env: &[(String, String)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795910400") // 2026-11-29
        .env("NO_COLOR", "1")
        // The tests read English; the staff-language tests ask for
        // Vietnamese with `LOA_LANG=vi` in `env`.
        .env("LOA_LANG", "en")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .expect("run loa");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir`, relative, with its bytes.
pub fn snapshot_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if dir.exists() {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(rel, fs::read(entry.path()).unwrap());
            }
        }
    }
    files
}

/// HTML files under `dir`, relative paths.
pub fn html_files(dir: &Path) -> Vec<String> {
    snapshot_tree(dir)
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// Texts of all elements matching `css`.
pub fn texts(html: &Html, css: &str) -> Vec<String> {
    html.select(&sel(css))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Values of `attr` on all elements matching `css`.
pub fn attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    html.select(&sel(css))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Resolves a relative URL found in the page `page` (a path under `root`)
/// to a file path under `root`; `None` for external URLs.
pub fn resolve(page: &str, href: &str) -> Option<(String, Option<String>)> {
    if href.is_empty() || href.contains("://") || href.starts_with("//") {
        return None;
    }
    if let Some(colon) = href.find(':')
        && !href[..colon].contains('/')
        && !href[..colon].contains('#')
    {
        return None; // tel:, mailto:
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap();
    let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    if path.is_empty() {
        return Some((page.to_string(), fragment));
    }
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut file = parts.join("/");
    if path.ends_with('/') || path == "." || path.ends_with("/.") {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Some((percent_decode(&file), fragment))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// Checks every internal `href`, `src` and `srcset` address of every HTML
/// page under `root`: the file exists and any `#fragment` is an id in it.
/// Returns problems.
pub fn broken_links(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let pages = html_files(root);
    for page in &pages {
        let html = Html::parse_document(&fs::read_to_string(root.join(page)).unwrap());
        ids.insert(page.clone(), attrs(&html, "[id]", "id"));
    }
    for page in &pages {
        let html = Html::parse_document(&fs::read_to_string(root.join(page)).unwrap());
        let mut urls = attrs(&html, "a[href]", "href");
        urls.extend(
            attrs(&html, "link[href]", "href")
                .into_iter()
                .filter(|h| !h.contains("://")),
        );
        urls.extend(attrs(&html, "script[src]", "src"));
        urls.extend(attrs(&html, "img[src]", "src"));
        // Every address of a `srcset` (`a.webp 480w, b.webp 960w`).
        for srcset in attrs(&html, "img[srcset], source[srcset]", "srcset") {
            urls.extend(
                srcset.split(',').filter_map(|candidate| {
                    candidate.split_whitespace().next().map(str::to_string)
                }),
            );
        }
        for href in urls {
            let Some((file, fragment)) = resolve(page, &href) else {
                continue;
            };
            if !root.join(&file).is_file() {
                problems.push(format!("{page}: `{href}` -> {file} does not exist"));
                continue;
            }
            if let Some(fragment) = fragment
                && !fragment.is_empty()
                && file.ends_with(".html")
                && !ids.get(&file).is_some_and(|list| list.contains(&fragment))
            {
                problems.push(format!("{page}: `{href}` -> no id `{fragment}` in {file}"));
            }
        }
    }
    problems
}

/// The output name of the theme file `name` (`loa.css`) in the folder
/// `dir`: named after its content (`loa.3f2a9c1e.css`).
pub fn theme_file(dir: &Path, name: &str) -> String {
    let (stem, ext) = name.rsplit_once('.').unwrap();
    let found: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| {
            f.strip_prefix(&format!("{stem}."))
                .and_then(|r| r.strip_suffix(&format!(".{ext}")))
                .is_some_and(|h| h.len() == 8 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .collect();
    assert_eq!(found.len(), 1, "{name} in {}: {found:?}", dir.display());
    found[0].clone()
}

/// Words of an English sentence that a Vietnamese message never holds
/// (none of them is a Vietnamese word written without accents).
const ENGLISH_WORDS: &[&str] = &[
    "the",
    "and",
    "is",
    "are",
    "was",
    "were",
    "not",
    "of",
    "with",
    "this",
    "that",
    "these",
    "which",
    "would",
    "could",
    "should",
    "must",
    "cannot",
    "has",
    "have",
    "from",
    "into",
    "file",
    "files",
    "page",
    "pages",
    "link",
    "links",
    "folder",
    "error",
    "errors",
    "warning",
    "warnings",
    "help",
    "missing",
    "found",
    "write",
    "add",
    "remove",
    "rename",
    "use",
    "your",
    "you",
    "there",
    "its",
    "it",
    "be",
    "or",
    "for",
    "by",
    "at",
    "as",
    "what",
    "when",
    "where",
    "picture",
    "number",
    "district",
    "districts",
    "published",
    "publish",
    "ready",
    "built",
    "building",
    "created",
    "next",
    "only",
    "every",
    "still",
    "than",
    "more",
    "about",
    "line",
    "here",
    "does",
    "did",
    "mean",
    "text",
    "checked",
    "will",
    "after",
    "before",
];

/// `text` without what a message quotes rather than says: `code`, “titles”,
/// "values", <tags>, [links](…), addresses, paths, keys and options.
fn said(text: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '`' => closing = Some('`'),
                '“' => closing = Some('”'),
                '"' => closing = Some('"'),
                '<' => closing = Some('>'),
                '[' => closing = Some(']'),
                '(' if out.ends_with(']') => closing = Some(')'),
                _ => out.push(c),
            },
        }
    }
    out.split_whitespace()
        .filter(|w| {
            !w.contains(['/', '.', '_', '=', ':', '@', '#', '\\'])
                || w.ends_with([':', '.', ','])
                    && !w[..w.len() - 1].contains(['/', '.', '_', '=', ':', '@', '#'])
        })
        .filter(|w| !w.starts_with('-') && !w.starts_with('$'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The common English words `text` says (not quotes), for the check that
/// Vietnamese output has no English sentence in it.
pub fn english_words(text: &str) -> Vec<String> {
    said(text)
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .map(str::to_lowercase)
        .filter(|w| ENGLISH_WORDS.contains(&w.as_str()))
        .collect()
}

/// Letters only Vietnamese writes (with its tone marks), never English.
const VIETNAMESE_LETTERS: &str =
    "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ";

/// The Vietnamese words `text` says (not quotes), for the check that
/// English output has no Vietnamese-only message in it.
pub fn vietnamese_words(text: &str) -> Vec<String> {
    said(text)
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| {
            w.to_lowercase()
                .chars()
                .any(|c| VIETNAMESE_LETTERS.contains(c))
        })
        .map(str::to_string)
        .collect()
}

/// The body of an HTTP/1.1 answer as a client reads it: as sent, or
/// joined from its chunks when `head` says `Transfer-Encoding: chunked`
/// (an answer sent while it is made, such as a publish's progress).
pub fn http_body(head: &str, body: &[u8]) -> Vec<u8> {
    if !head
        .to_ascii_lowercase()
        .contains("\r\ntransfer-encoding: chunked")
    {
        return body.to_vec();
    }
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&rest[..end]).unwrap_or("0");
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || rest.len() < end + 2 + size {
            break;
        }
        out.extend_from_slice(&rest[end + 2..end + 2 + size]);
        rest = rest.get(end + 4 + size..).unwrap_or_default();
    }
    out
}
