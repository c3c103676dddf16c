//! Paths and URLs: where a page or file goes in a district folder, and the
//! relative URL from one output page to another, so a district folder works
//! under any host, any sub-path, and from disk (`--offline`).

use crate::model::PageKind;
use crate::read::slug::slugify;

/// The URL path of a page within a language: "" for the home page,
/// `skills/` for a section, `skills/tu-bao-ve/` for a page.
pub fn page_path(logical: &str, kind: PageKind, slug: Option<&str>) -> String {
    let mut parts: Vec<&str> = logical.split('/').collect();
    let last = parts.pop().unwrap_or("");
    let mut path = String::new();
    for dir in parts {
        path.push_str(&dir_slug(dir));
        path.push('/');
    }
    match kind {
        PageKind::Home | PageKind::Section => {}
        PageKind::Page => {
            let slug = slug.map_or_else(|| slugify(last), str::to_string);
            path.push_str(&slug);
            path.push('/');
        }
    }
    path
}

/// The output path of a copied file: folders as slugs, the name kept.
pub fn asset_path(logical: &str) -> String {
    match logical.rsplit_once('/') {
        Some((dirs, name)) => {
            let dirs: Vec<String> = dirs.split('/').map(dir_slug).collect();
            format!("{}/{name}", dirs.join("/"))
        }
        None => logical.to_string(),
    }
}

fn dir_slug(dir: &str) -> String {
    let slug = slugify(dir);
    if slug.is_empty() {
        dir.to_string()
    } else {
        slug
    }
}

/// The file a page is written to: `skills/a/` -> `skills/a/index.html`.
pub fn page_file(path: &str) -> String {
    format!("{path}index.html")
}

/// The URL to link to a page: its path, or its `index.html` when offline.
pub fn page_href(path: &str, offline: bool) -> String {
    if offline {
        page_file(path)
    } else {
        path.to_string()
    }
}

/// The relative URL from the page in folder `from_dir` (`en/skills/a/`, or
/// "" for the root) to `to` (a path from the district root).
pub fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let to_dirs = &to_parts[..to_parts.len() - 1];
    let common = from.iter().zip(to_dirs).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    if out.is_empty() {
        "./".to_string()
    } else {
        out
    }
}

/// `../` repeated to climb from `from_dir` to the district root ("./" at
/// the root), so templates can write `{{ root }}{{ path }}`.
pub fn root_prefix(from_dir: &str) -> String {
    let depth = from_dir.split('/').filter(|s| !s.is_empty()).count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// Joins `rel` to the folder `base` and resolves `.` and `..`; `None` when
/// it climbs above the root.
pub fn normalize(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = if rel.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|s| !s.is_empty()).collect()
    };
    let trailing = rel.ends_with('/')
        || rel.ends_with("/.")
        || rel.ends_with("/..")
        || rel == "."
        || rel == "..";
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if trailing && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// The folder part of a `/`-separated file path: `skills/a.md` -> `skills`.
pub fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Percent-encodes what is not allowed in a URL path (spaces, accents).
pub fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH_ESCAPES).to_string()
}

/// What [`encode_path`] escapes: everything but letters, digits and the
/// characters a URL path may hold as they are (`%` too: a written escape
/// stays one).
const PATH_ESCAPES: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'%');

/// Decodes `%XX` escapes; invalid ones are kept as written.
pub fn decode_path(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_or_else(|_| path.to_string(), |decoded| decoded.into_owned())
}

/// The length of the content hash in fingerprinted names, in hex digits.
pub const HASH_LEN: usize = 8;

/// `name.ext` with the content hash of `bytes` before the extension:
/// `loa.css` -> `loa.3f2a9c1e.css` (a name without extension gets it at the
/// end).
pub fn fingerprint(path: &str, bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let hash: String = digest
        .iter()
        .take(HASH_LEN / 2)
        .map(|b| format!("{b:02x}"))
        .collect();
    let (dir, name) = path.rsplit_once('/').map_or(("", path), |(d, n)| (d, n));
    let name = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash}.{ext}"),
        _ => format!("{name}.{hash}"),
    };
    if dir.is_empty() {
        name
    } else {
        format!("{dir}/{name}")
    }
}

/// Does the file name carry a content hash (`stem.` eight lowercase hex
/// digits `.ext`)? The same rule as `hosting::NGINX_FINGERPRINT` and the
/// `.htaccess` pattern.
pub fn is_fingerprinted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let parts: Vec<&str> = name.split('.').collect();
    let hash = parts.len().checked_sub(2).map_or("", |i| parts[i]);
    parts.len() >= 3
        && !parts[0].is_empty()
        && hash.len() == HASH_LEN
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths() {
        assert_eq!(page_path("_index", PageKind::Home, None), "");
        assert_eq!(
            page_path("skills/_index", PageKind::Section, None),
            "skills/"
        );
        assert_eq!(
            page_path("skills/tu-bao-ve", PageKind::Page, None),
            "skills/tu-bao-ve/"
        );
        assert_eq!(
            page_path("skills/Kỹ năng/a", PageKind::Page, Some("b")),
            "skills/ky-nang/b/"
        );
        assert_eq!(
            page_path("Tin tức/Đề án", PageKind::Page, None),
            "tin-tuc/de-an/"
        );
        assert_eq!(asset_path("Kỹ năng/Sơ đồ 1.png"), "ky-nang/Sơ đồ 1.png");
    }

    #[test]
    fn relative_urls() {
        assert_eq!(relative("skills/a/", "skills/b/"), "../b/");
        assert_eq!(relative("skills/a/", ""), "../../");
        assert_eq!(relative("skills/a/", "skills/a/"), "./");
        assert_eq!(
            relative("", "hotlines/hotlines.json"),
            "hotlines/hotlines.json"
        );
        assert_eq!(relative("en/skills/a/", "skills/a/"), "../../../skills/a/");
        assert_eq!(
            relative("skills/a/", "en/skills/a/index.html"),
            "../../en/skills/a/index.html"
        );
        assert_eq!(relative("", ""), "./");
        assert_eq!(relative("en/", "en/"), "./");
        assert_eq!(root_prefix(""), "./");
        assert_eq!(root_prefix("en/skills/a/"), "../../../");
    }

    #[test]
    fn normalising_paths() {
        assert_eq!(
            normalize("skills", "../pages/x.md").as_deref(),
            Some("pages/x.md")
        );
        assert_eq!(
            normalize("skills/a/", "../b/").as_deref(),
            Some("skills/b/")
        );
        assert_eq!(
            normalize("skills", "/news/x.md").as_deref(),
            Some("news/x.md")
        );
        assert_eq!(
            normalize("skills", "./a.md").as_deref(),
            Some("skills/a.md")
        );
        assert_eq!(normalize("skills", "../../x"), None);
        assert_eq!(normalize("skills/a/", "..").as_deref(), Some("skills/"));
        assert_eq!(normalize("", "..").as_deref(), None);
    }

    #[test]
    fn encoding_paths() {
        assert_eq!(encode_path("a b/Sơ.png"), "a%20b/S%C6%A1.png");
        assert_eq!(decode_path("a%20b/S%C6%A1.png"), "a b/Sơ.png");
        assert_eq!(decode_path("100%"), "100%");
    }
}
