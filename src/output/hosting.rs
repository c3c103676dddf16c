//! What a web host must send with a district's files, described once: the
//! security headers (the pages' Content-Security-Policy plus what a meta tag
//! cannot say), the cache policy (HTML revalidated on every visit,
//! fingerprinted assets kept for a year), the content types and the 404
//! page. From this one description come the host files of every district
//! folder (`_headers` for Netlify and Cloudflare Pages, `.htaccess` for
//! Apache), the nginx snippet of the README, the headers of `loa serve` and
//! the object metadata of `loa deploy`. Pure: no I/O.

use std::borrow::Cow;

use crate::read::target::SiteUrl;

pub use crate::model::urls::{HASH_LEN, fingerprint, is_fingerprinted};

/// The Content-Security-Policy of the default theme's pages: the same text
/// as the `<meta http-equiv>` in `themes/default/templates/base.html` (a
/// test keeps the two equal). Hosts send it as a header too, with
/// `frame-ancestors 'none'`, which a meta tag cannot carry.
pub const PAGE_CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'";

/// Features no campaign page uses, refused to the page and anything in it:
/// a watched reader's position, camera or microphone must never be one tap
/// away.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()";

/// HTML and every file whose name does not change with its content: a
/// cache may keep it but must ask the server on every visit, so a corrected
/// phone number is never served stale.
pub const REVALIDATE: &str = "no-cache";

/// Fingerprinted files (`loa.3f2a9c1e.css`): a new content gets a new
/// name, so the old one may be kept for a year without asking.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// HSTS, sent only when the district's `base_url` is https (a host served
/// over plain http must not promise https). No `includeSubDomains`: a ward
/// site often lives on a subdomain of a domain it does not control.
pub const HSTS: &str = "max-age=31536000";

/// What the host files of one district say besides the fixed headers.
#[derive(Debug, Clone, Default)]
pub struct HostSite {
    /// The district's `base_url` is https: send HSTS.
    pub https: bool,
    /// The URL path of the 404 page (`/ba-dinh/404.html`), when the
    /// district has one (it needs a `base_url`).
    pub not_found: Option<String>,
    /// The files whose names loa fingerprinted, relative to the district
    /// folder, sorted.
    pub immutable: Vec<String>,
    /// Files whose names look fingerprinted but that loa did not name (a
    /// download called `to-roi.20261101.pdf`): revalidated like the rest.
    pub look_alikes: Vec<String>,
    /// Folders (`news/`, or empty for the whole site) holding only files
    /// loa fingerprinted, at any depth.
    pub all_immutable: Vec<String>,
}

impl HostSite {
    /// The description of a district with this `base_url`, these files
    /// (relative to its folder) and, among them, those whose names loa
    /// fingerprinted. Nothing that could break out of its place in a host
    /// file is kept: a 404 path or a file name that is not
    /// [`crate::read::places::host_file_safe`] is left out (a file left out is
    /// revalidated, which is always safe).
    pub fn new<'a>(
        base_url: Option<&SiteUrl>,
        files: impl IntoIterator<Item = &'a str>,
        fingerprinted: impl IntoIterator<Item = &'a str>,
    ) -> HostSite {
        let files: Vec<&str> = files.into_iter().collect();
        let mut immutable: Vec<String> = fingerprinted.into_iter().map(str::to_string).collect();
        immutable.sort();
        let look_alikes = files
            .iter()
            .filter(|f| !f.starts_with(".loa-"))
            .filter(|f| is_fingerprinted(f) && immutable.binary_search(&f.to_string()).is_err())
            .map(|f| f.to_string())
            .collect();
        let all_immutable = pure_folders(&files, &immutable);
        immutable.retain(|f| crate::read::places::host_file_safe(f));
        HostSite {
            https: base_url.is_some_and(SiteUrl::is_https),
            not_found: base_url
                .filter(|_| files.contains(&"404.html"))
                .map(|b| format!("{}404.html", b.path()))
                .filter(|p| crate::read::places::host_file_safe(p)),
            immutable,
            look_alikes,
            all_immutable,
        }
    }
}

/// The folders (ending in `/`) all of whose files, at any depth, are in
/// `immutable` (sorted), outermost only; only names fit for a host file.
fn pure_folders(files: &[&str], immutable: &[String]) -> Vec<String> {
    use std::collections::BTreeMap;
    // Folder -> does it hold a file that is not immutable?
    let mut mixed: BTreeMap<&str, bool> = BTreeMap::new();
    for file in files {
        let plain = immutable.binary_search(&file.to_string()).is_err();
        let mut end = 0;
        while let Some(i) = file[end..].find('/') {
            end += i + 1;
            *mixed.entry(&file[..end]).or_default() |= plain;
        }
    }
    let mut pure: Vec<String> = Vec::new();
    for (folder, is_mixed) in mixed {
        let inside_pure = pure.last().is_some_and(|p| folder.starts_with(p.as_str()));
        if !is_mixed && !inside_pure && crate::read::places::host_file_safe(folder) {
            pure.push(folder.to_string());
        }
    }
    pure
}

/// The most rules a `_headers` file may hold (Cloudflare Pages' limit; its
/// first rule is the one for every file).
pub const HEADERS_RULES: usize = 100;

/// The `_headers` rules that keep loa's fingerprinted files for a year,
/// within [`HEADERS_RULES`] with the rule for every file: one rule per
/// file while they fit, else one `folder/*` pattern for each folder that
/// holds only fingerprinted files, then single files while room is left.
/// Files that find no room are revalidated (slower, never wrong). Returns
/// the patterns and how many files were left without one.
pub fn immutable_rules(site: &HostSite) -> (Vec<String>, usize) {
    let room = HEADERS_RULES - 1;
    if site.immutable.len() <= room {
        return (site.immutable.iter().map(|f| format!("/{f}")).collect(), 0);
    }
    let mut rules: Vec<String> = site
        .all_immutable
        .iter()
        .take(room)
        .map(|d| format!("/{d}*"))
        .collect();
    let covered = |f: &str| {
        site.all_immutable
            .iter()
            .take(room)
            .any(|d| f.starts_with(d.as_str()))
    };
    let rest: Vec<&String> = site.immutable.iter().filter(|f| !covered(f)).collect();
    let free = room - rules.len();
    rules.extend(rest.iter().take(free).map(|f| format!("/{f}")));
    (rules, rest.len().saturating_sub(free))
}

/// The headers every answer carries, in order.
pub fn security_headers(https: bool) -> Vec<(&'static str, Cow<'static, str>)> {
    let mut headers: Vec<(&'static str, Cow<'static, str>)> = vec![
        (
            "Content-Security-Policy",
            Cow::Owned(format!("{PAGE_CSP}; frame-ancestors 'none'")),
        ),
        // For browsers older than CSP level 2 (cheap phones keep them).
        ("X-Frame-Options", Cow::Borrowed("DENY")),
        ("X-Content-Type-Options", Cow::Borrowed("nosniff")),
        ("Referrer-Policy", Cow::Borrowed("no-referrer")),
        ("Permissions-Policy", Cow::Borrowed(PERMISSIONS_POLICY)),
    ];
    if https {
        headers.push(("Strict-Transport-Security", Cow::Borrowed(HSTS)));
    }
    headers
}

/// The `Cache-Control` of a file, by its path.
pub fn cache_control(path: &str) -> &'static str {
    if is_fingerprinted(path) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// The regular expression (PCRE, as nginx and Apache read it) of a
/// fingerprinted file name.
pub const NGINX_FINGERPRINT: &str = r"\.[0-9a-f]{8}\.[A-Za-z0-9]+$";

/// The type of a file by its extension, from the `mime_guess` table; text
/// types are marked UTF-8 (loa writes nothing else), and XML is
/// `application/xml`, as RFC 7303 recommends over `text/xml`.
pub fn content_type(path: &str) -> Cow<'static, str> {
    let Some(guess) = mime_guess::from_path(path).first_raw() else {
        return Cow::Borrowed("application/octet-stream");
    };
    match guess {
        "text/xml" => Cow::Borrowed("application/xml"),
        text if text.starts_with("text/") => Cow::Owned(format!("{text}; charset=utf-8")),
        other => Cow::Borrowed(other),
    }
}

/// Is the file text that compresses well (HTML, CSS, JavaScript, JSON,
/// XML, SVG, CSV, plain text)? Pictures, PDFs and office files are
/// compressed already.
pub fn compressible(path: &str) -> bool {
    let ty = content_type(path);
    let ty = ty.split(';').next().unwrap_or_default();
    ty.starts_with("text/")
        || matches!(
            ty,
            "application/json"
                | "application/xml"
                | "application/atom+xml"
                | "application/manifest+json"
                | "image/svg+xml"
        )
}

/// The host files written into every district folder.
pub const HOST_FILES: &[&str] = &["_headers", ".htaccess"];

/// `_headers`, read by Netlify and Cloudflare Pages when the district
/// folder is the published site. Both add every matching rule's headers
/// together (joining repeated names with commas), so `Cache-Control` is
/// set only on the fingerprinted files; for every other file both hosts
/// already send `public, max-age=0, must-revalidate`, which revalidates on
/// every visit. Both serve `/404.html` for a missing page by themselves.
pub fn netlify_headers(site: &HostSite) -> String {
    let mut text = String::from(
        "# Written by loa for Netlify and Cloudflare Pages: headers for every file.\n\
         # Publish this district folder as the site; do not edit (each build rewrites it).\n/*\n",
    );
    for (name, value) in security_headers(site.https) {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    let (rules, left) = immutable_rules(site);
    if left > 0 {
        text.push_str(&format!(
            "# {left} fingerprinted files are revalidated: the host reads at most {HEADERS_RULES} rules.\n"
        ));
    }
    for rule in rules {
        text.push_str(&format!("{rule}\n  Cache-Control: {IMMUTABLE}\n"));
    }
    text
}

/// `.htaccess`, read by Apache (cPanel and most shared hosts) in the
/// district folder; needs `AllowOverride FileInfo` (cPanel allows it) and
/// `mod_headers` for the headers.
pub fn htaccess(site: &HostSite) -> String {
    let mut text = String::from(
        "# Written by loa for Apache: headers, cache policy and 404 page of this site.\n\
         # Do not edit: each build rewrites it.\n",
    );
    if let Some(path) = &site.not_found {
        text.push_str(&format!("ErrorDocument 404 {path}\n"));
    }
    text.push_str("AddDefaultCharset utf-8\n<IfModule mod_mime.c>\n");
    text.push_str("  AddType text/javascript .js\n  AddType image/svg+xml .svg\n");
    text.push_str("  AddType application/json .json\n  AddType text/csv .csv\n");
    text.push_str("  AddType image/webp .webp\n  AddType image/avif .avif\n");
    text.push_str("</IfModule>\n<IfModule mod_headers.c>\n");
    for (name, value) in security_headers(site.https) {
        text.push_str(&format!("  Header always set {name} \"{value}\"\n"));
    }
    text.push_str(&format!("  Header set Cache-Control \"{REVALIDATE}\"\n"));
    text.push_str(&format!(
        "  <FilesMatch \"{NGINX_FINGERPRINT}\">\n    Header set Cache-Control \"{IMMUTABLE}\"\n  </FilesMatch>\n"
    ));
    // Downloads whose own names only look fingerprinted, after the rule
    // above so that theirs wins.
    let mut names: Vec<String> = site.look_alikes.iter().map(|f| name_pattern(f)).collect();
    names.sort();
    names.dedup();
    for pattern in names {
        text.push_str(&format!(
            "  <FilesMatch \"{pattern}\">\n    Header set Cache-Control \"{REVALIDATE}\"\n  </FilesMatch>\n"
        ));
    }
    text.push_str("</IfModule>\n");
    text.push_str(DENY_LOA_FILES_APACHE);
    text
}

/// What Apache must never serve: loa's manifests and the temporary
/// folder of a deploy under way (`.loa-tmp/`, `.loa-deploy.json`).
const DENY_LOA_FILES_APACHE: &str =
    "<IfModule mod_alias.c>\n  RedirectMatch 404 \"/\\.loa-\"\n</IfModule>\n";

/// A regular expression (for `<FilesMatch>`, which sees the file's name
/// only) matching the name of `path` and perhaps others: every character
/// but letters, digits, `-` and `_` is matched by `.`, so nothing in it
/// is Apache's or PCRE's syntax.
fn name_pattern(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let body: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_string()
            } else if c.is_ascii() {
                ".".to_string()
            } else {
                // One character of several bytes: matched by any bytes.
                ".+".to_string()
            }
        })
        .collect();
    format!("^{body}$")
}

/// The nginx configuration of a district served at the URL path `location`
/// (ending in `/`) from `root` (the folder holding that path; for `/`, the
/// district folder itself): the README's snippet. nginx
/// forgets a block's `add_header`s in a nested block that has its own, so
/// the fingerprinted files repeat them.
pub fn nginx(location: &str, root: &str, site: &HostSite) -> String {
    let headers = |indent: &str| -> String {
        security_headers(site.https)
            .into_iter()
            .map(|(name, value)| format!("{indent}add_header {name} \"{value}\" always;\n"))
            .collect()
    };
    let mut text = format!("location {location} {{\n    root {root};\n");
    // loa's manifests and a deploy's temporary folder are never served.
    text.push_str("    location ~ \"/\\.loa-\" {\n        return 404;\n    }\n");
    text.push_str("    charset utf-8;\n    charset_types text/css text/javascript application/json text/csv application/xml text/plain;\n");
    if let Some(path) = &site.not_found {
        text.push_str(&format!("    error_page 404 {path};\n"));
    }
    // The `.gz` copies `loa deploy` writes with `compress: gzip`.
    text.push_str("    gzip_static on;\n    gzip_vary on;\n");
    text.push_str(&headers("    "));
    text.push_str(&format!(
        "    add_header Cache-Control \"{REVALIDATE}\" always;\n"
    ));
    // A name that looks fingerprinted is loa's unless the build left a
    // marker for it in `.loa-revalidate/` (a download whose own name only
    // looks hashed): checked on every request, so no reload is needed.
    let fingerprint = NGINX_FINGERPRINT.trim_start_matches(r"\.");
    text.push_str(&format!(
        "    location ~ \"^{location}(.+\\.{fingerprint})\" {{\n"
    ));
    text.push_str(&format!("        set $loa_cache \"{IMMUTABLE}\";\n"));
    text.push_str(&format!(
        "        if (-f \"$document_root{location}{REVALIDATE_DIR}/$1\") {{\n            set $loa_cache \"{REVALIDATE}\";\n        }}\n"
    ));
    text.push_str(&headers("        "));
    text.push_str("        add_header Cache-Control $loa_cache always;\n    }\n}\n");
    text
}

/// The folder of a district where the build leaves an empty marker for
/// each file whose name looks fingerprinted but that loa did not name
/// (`.loa-revalidate/skills/to-roi.20261101.pdf`), read by the nginx
/// snippet. Never served, never sent to an object store.
pub const REVALIDATE_DIR: &str = ".loa-revalidate";

/// The folder the README's nginx snippet serves.
pub const README_NGINX_ROOT: &str = "/var/www/ba-dinh";

/// The README's nginx snippet: a district with an https `base_url` at the
/// root of its domain, in [`README_NGINX_ROOT`].
pub fn readme_nginx() -> String {
    let site = HostSite {
        https: true,
        not_found: Some("/404.html".into()),
        ..HostSite::default()
    };
    nginx("/", README_NGINX_ROOT, &site)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csp_is_the_default_theme_s_policy() {
        let base = include_str!("../../themes/default/templates/base.html");
        let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{PAGE_CSP}\">");
        assert!(base.contains(&meta), "base.html and PAGE_CSP differ");
    }

    #[test]
    fn fingerprints_go_before_the_extension_and_are_recognised() {
        let name = fingerprint("loa.css", b"body{}");
        assert!(name.starts_with("loa.") && name.ends_with(".css"), "{name}");
        assert_eq!(name.len(), "loa..css".len() + HASH_LEN);
        assert!(is_fingerprinted(&name));
        assert_eq!(name, fingerprint("loa.css", b"body{}"));
        assert_ne!(name, fingerprint("loa.css", b"body{ }"));
        assert!(fingerprint("a/b/icon.svg", b"x").starts_with("a/b/icon."));
        for plain in [
            "loa.css",
            "index.html",
            "en/index.html",
            "so-do.png",
            "a.1234567.css",
            "a.123456789.css",
            "a.ABCDEF12.css",
            "12345678.css",
        ] {
            assert!(!is_fingerprinted(plain), "{plain}");
        }
        assert!(is_fingerprinted("x/favicon.0a1b2c3d.svg"));
    }

    #[test]
    fn the_readme_shows_the_nginx_snippet() {
        let readme = include_str!("../../README.md");
        let block = format!("```nginx\n{}```", readme_nginx());
        assert!(
            readme.contains(&block),
            "README.md's nginx snippet differs; it is:\n{block}"
        );
    }

    #[test]
    fn text_compresses_and_pictures_do_not() {
        for text in [
            "index.html",
            "loa.0a1b2c3d.css",
            "loa.js",
            "hotlines/hotlines.json",
            "hotlines/hotlines.csv",
            "sitemap.xml",
            "news/atom.xml",
            "favicon.svg",
            "robots.txt",
        ] {
            assert!(compressible(text), "{text}");
        }
        for binary in [
            "so-do.480.0a1b2c3d.webp",
            "anh.jpg",
            "to-roi.pdf",
            "bang.xlsx",
            "_headers",
        ] {
            assert!(!compressible(binary), "{binary}");
        }
    }

    #[test]
    fn cache_policy() {
        assert_eq!(cache_control("index.html"), REVALIDATE);
        assert_eq!(cache_control("hotlines/hotlines.json"), REVALIDATE);
        assert_eq!(cache_control("loa.0a1b2c3d.css"), IMMUTABLE);
    }

    #[test]
    fn host_site_from_base_url() {
        let files = [
            "index.html",
            "404.html",
            "loa.0a1b2c3d.css",
            "to-roi.20261101.pdf",
        ];
        let ours = ["loa.0a1b2c3d.css"];
        let url = |u: &str| SiteUrl::parse(u).unwrap();
        let s = HostSite::new(Some(&url("https://x.org/ba-dinh/")), files, ours);
        assert!(s.https);
        assert_eq!(s.not_found.as_deref(), Some("/ba-dinh/404.html"));
        assert_eq!(s.immutable, ["loa.0a1b2c3d.css"]);
        assert_eq!(s.look_alikes, ["to-roi.20261101.pdf"]);
        let s = HostSite::new(Some(&url("http://x.org")), files, ours);
        assert!(!s.https);
        assert_eq!(s.not_found.as_deref(), Some("/404.html"));
        let s = HostSite::new(None, files, ours);
        assert_eq!(s.not_found, None);
        assert!(!netlify_headers(&s).contains("Strict-Transport"));
        assert!(!htaccess(&s).contains("ErrorDocument"));
    }

    #[test]
    fn host_files_carry_every_header() {
        let s = HostSite::new(
            Some(&SiteUrl::parse("https://x.org/").unwrap()),
            ["404.html", "loa.0a1b2c3d.css"],
            ["loa.0a1b2c3d.css"],
        );
        let (n, h, x) = (netlify_headers(&s), htaccess(&s), nginx("/", "/srv/x/", &s));
        for (name, value) in security_headers(true) {
            assert!(n.contains(&format!("  {name}: {value}\n")), "{name}");
            assert!(h.contains(&format!("Header always set {name} \"{value}\"")));
            assert_eq!(x.matches(&format!("add_header {name} ")).count(), 2);
        }
        assert!(n.contains("/loa.0a1b2c3d.css\n  Cache-Control: public, max-age=31536000"));
        assert!(h.contains("ErrorDocument 404 /404.html\n"));
        assert!(x.contains("error_page 404 /404.html;"));
        assert!(PAGE_CSP.contains("default-src 'none'"));
    }

    #[test]
    fn nginx_at_a_sub_path_reads_the_markers_there() {
        let base = SiteUrl::parse("https://x.org/ba-dinh/").unwrap();
        let s = HostSite::new(Some(&base), ["404.html"], []);
        let x = nginx("/ba-dinh/", "/var/www", &s);
        assert!(x.starts_with("location /ba-dinh/ {\n    root /var/www;\n"));
        assert!(x.contains("location ~ \"^/ba-dinh/(.+\\.[0-9a-f]{8}\\.[A-Za-z0-9]+$)\" {"));
        assert!(x.contains("if (-f \"$document_root/ba-dinh/.loa-revalidate/$1\")"));
        assert!(x.contains("error_page 404 /ba-dinh/404.html;"));
    }

    #[test]
    fn look_alike_names_are_matched_without_server_syntax() {
        assert_eq!(
            name_pattern("a/to-roi.20261101.pdf"),
            "^to-roi.20261101.pdf$"
        );
        assert_eq!(
            name_pattern("t\u{e0}i $x{.12345678.pdf"),
            "^t.+i..x..12345678.pdf$"
        );
    }

    #[test]
    fn headers_rules_stay_within_the_host_s_limit() {
        // 300 pictures in a folder of their own, 300 beside pages.
        let mut files: Vec<String> = (0..300)
            .map(|i| format!("anh/a{i}.0a1b2c3d.webp"))
            .collect();
        files.extend((0..300).map(|i| format!("tin/p{i}/b.0a1b2c3d.webp")));
        files.extend((0..300).map(|i| format!("tin/p{i}/index.html")));
        let ours: Vec<&str> = files
            .iter()
            .filter(|f| f.ends_with(".webp"))
            .map(String::as_str)
            .collect();
        let s = HostSite::new(None, files.iter().map(String::as_str), ours.clone());
        assert_eq!(s.all_immutable, ["anh/"]);
        let (rules, left) = immutable_rules(&s);
        assert_eq!(rules.len(), HEADERS_RULES - 1);
        assert_eq!(rules[0], "/anh/*");
        assert_eq!(left, 300 - (HEADERS_RULES - 2));
        let text = netlify_headers(&s);
        let count = text.lines().filter(|l| l.starts_with('/')).count();
        assert_eq!(count, HEADERS_RULES);
        // Few files: one rule each.
        let s = HostSite::new(None, ours[..3].iter().copied(), ours[..3].iter().copied());
        assert_eq!(
            immutable_rules(&s),
            (ours[..3].iter().map(|f| format!("/{f}")).collect(), 0)
        );
    }
}
