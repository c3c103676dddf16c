//! Content is hostile: whatever a page's Markdown or raw HTML says, the
//! built pages and the printed leaflet have no event handler, no `style`,
//! no focus trick (`tabindex`, `autofocus`, `accesskey`), none of the
//! theme's classes and no attribute that loads a file from another website,
//! even where the address hides a tab, a newline or a control character
//! that browsers delete. The page's Content-Security-Policy is a second
//! layer; old and proxy phone browsers ignore it. Every removal is reported
//! at its line.

use scraper::{ElementRef, Html};

use crate::support::*;

/// Classes loa's own Markdown output writes; content keeps no other.
const OWN_CLASSES: &[&str] = &[
    "table-scroll",
    "footnotes",
    "footnote",
    "footnote-label",
    "footnote-back",
    "footnote-ref",
];

/// Attributes that make a browser fetch a file while the page loads.
const FETCHING: &[&str] = &[
    "src",
    "srcset",
    "poster",
    "background",
    "data",
    "lowsrc",
    "dynsrc",
    "xlink:href",
];

/// A page whose body is `items` separated by blank lines, and the line of
/// each item in the file.
fn page(title: &str, leaflet: usize, items: &[&str]) -> (String, Vec<usize>) {
    let mut text = format!("---\ntitle: \"{title}\"\nleaflet: {leaflet}\n---\n");
    let mut lines = Vec::new();
    for item in items {
        lines.push(text.matches('\n').count() + 1);
        text.push_str(item);
        text.push_str("\n\n");
    }
    (text, lines)
}

/// `url` as the WHATWG URL parser reads it: tab, LF and CR deleted, C0
/// controls and spaces trimmed.
fn whatwg(url: &str) -> String {
    let joined: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    joined.trim_matches(|c: char| c <= ' ').to_string()
}

/// Whether a fetching attribute's value would load from another website.
fn loads_elsewhere(attribute: &str, value: &str) -> bool {
    if attribute == "srcset" {
        let joined: String = value.chars().filter(|c| !c.is_whitespace()).collect();
        return joined.contains("//") || joined.contains(':') || joined.contains('\\');
    }
    let url = whatwg(value).to_ascii_lowercase();
    url.starts_with("//") || url.contains('\\') || url.contains(':')
}

/// What is wrong with one element of content: an event handler, a style,
/// a focus trick, a theme class, a fetch from elsewhere.
fn faults(element: ElementRef<'_>) -> Vec<String> {
    let e = element.value();
    let own_table = e.name() == "div"
        && e.attr("class") == Some("table-scroll")
        && e.attr("role") == Some("region")
        && element
            .children()
            .filter_map(ElementRef::wrap)
            .any(|c| c.value().name() == "table");
    let mut found = Vec::new();
    for (name, value) in e.attrs() {
        let bad = name.starts_with("on")
            || matches!(name, "style" | "autofocus" | "accesskey")
            || (name == "tabindex" && !(own_table && value == "0"))
            || (name == "class" && value.split_whitespace().any(|c| !OWN_CLASSES.contains(&c)))
            || (FETCHING.contains(&name) && loads_elsewhere(name, value))
            || (name == "href" && value.contains(['\t', '\n', '\r', '\\']));
        if bad {
            found.push(format!("<{} {name}={value:?}>", e.name()));
        }
    }
    found
}

/// Every fault of the content under `scope` (`.prose`, `.leaflet-page`).
fn content_faults(html: &Html, scope: &str) -> Vec<String> {
    html.select(&sel(scope))
        .flat_map(|s| s.descendants().skip(1).filter_map(ElementRef::wrap))
        .flat_map(faults)
        .collect()
}

/// No element anywhere in the document fetches from another website.
fn fetches_elsewhere(html: &Html) -> Vec<String> {
    html.select(&sel("*"))
        .flat_map(|e| {
            e.value()
                .attrs()
                .filter(|(n, v)| FETCHING.contains(n) && loads_elsewhere(n, v))
                .map(|(n, v)| format!("<{} {n}={v:?}>", e.value().name()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The lines where the build reported `code` in `file`.
fn lines_of(run: &Run, file: &str, code: &str) -> Vec<usize> {
    let output = format!("{}{}", run.stdout, run.stderr);
    let mut lines: Vec<usize> = output
        .lines()
        .filter_map(|l| l.strip_prefix(file)?.strip_prefix(':'))
        .filter_map(|l| {
            let (line, rest) = l.split_once(':')?;
            rest.starts_with(&format!(" warning[{code}]"))
                .then(|| line.parse().ok())?
        })
        .collect();
    lines.sort_unstable();
    lines
}

/// Builds `pages` (path under `content/`, text) into the fixture campaign;
/// every page is on the leaflet of `quan-a`. `pages/ok.png` is a picture
/// the pages may show.
fn build(pages: &[(&str, &str)]) -> (Campaign, Run) {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/pages/ok.png",
        std::fs::read(c.root().join("content/skills/so-do.png")).unwrap(),
    );
    for (path, text) in pages {
        c.write(&format!("content/{path}"), text);
    }
    let run = c.build();
    (c, run)
}

/// Asserts that a built page and the leaflet are clean, and that the page
/// is on the leaflet.
fn assert_clean(c: &Campaign, page: &str, title: &str) {
    let html = c.html(&format!("quan-a/{page}/index.html"));
    assert!(!texts(&html, ".prose").is_empty(), "{page}: no body");
    assert_eq!(
        content_faults(&html, ".prose"),
        Vec::<String>::new(),
        "{page}"
    );
    assert_eq!(fetches_elsewhere(&html), Vec::<String>::new(), "{page}");
    let leaflet = c.html("quan-a/print/leaflet/index.html");
    assert!(
        texts(&leaflet, ".leaflet-page > h2")
            .iter()
            .any(|t| t == title),
        "{title} is not on the leaflet"
    );
    assert_eq!(
        content_faults(&leaflet, ".leaflet-page"),
        Vec::<String>::new()
    );
    assert_eq!(fetches_elsewhere(&leaflet), Vec::<String>::new());
}

/// Heading attributes (`## T {#id .class onclick=…}`) in a page of plain
/// Markdown, which no sanitiser sees: only a plain id the page frame does
/// not use is kept; the rest is reported at the heading's line.
#[test]
fn heading_attributes_keep_only_a_safe_id_and_are_reported() {
    let headings = [
        "## Dấu hiệu {#dau-hieu .exit-button onmouseover=alert(document.domain) style=position:fixed;inset:0;z-index:9999}",
        "## Hai {tabindex=1 autofocus onfocus=alert(1)}",
        "## Ba {.quick-exit data-press-1=x}",
        "## Bốn {#main}",
        "### Năm {#quick-exit .visually-hidden}",
        "## Sáu {ONCLICK=alert(1) accesskey=q}",
        "#### Bảy {#x\"onmouseover=alert(1)}",
        "## Tám {#fn-1}",
        "## Chín {#giu-nguyen}",
    ];
    let mut items = vec!["Mở đầu."];
    items.extend(headings);
    items.push("| a | b |\n|---|---|\n| 1 | 2 |");
    let (text, lines) = page("Tiêu đề lạ", 1, &items);
    let (c, run) = build(&[("skills/tieu-de.md", &text)]);
    assert_clean(&c, "skills/tieu-de", "Tiêu đề lạ");
    let html = c.html("quan-a/skills/tieu-de/index.html");
    let ids: Vec<String> = html
        .select(&sel(".prose h2, .prose h3, .prose h4"))
        .map(|h| {
            let attrs: Vec<&str> = h.value().attrs().map(|(n, _)| n).collect();
            assert_eq!(attrs, ["id"], "{}", h.html());
            h.value().attr("id").unwrap().to_string()
        })
        .collect();
    assert_eq!(
        ids,
        [
            "dau-hieu",
            "hai",
            "ba",
            "bon",
            "nam",
            "sau",
            "bay",
            "tam",
            "giu-nguyen"
        ]
    );
    // loa's own scrollable table keeps its tab stop.
    assert_eq!(attrs(&html, ".prose div.table-scroll", "tabindex"), ["0"]);
    // Every heading but the last is reported, at its line.
    assert_eq!(
        lines_of(&run, "content/skills/tieu-de.md", "content/unsafe-html"),
        lines[1..lines.len() - 2]
    );
}

/// Raw HTML pictures from other websites, in every attribute that fetches:
/// left out, each reported as `link/external-image` at its line (or, for
/// elements not allowed at all, as `content/unsafe-html`).
#[test]
fn raw_html_never_loads_another_websites_picture() {
    let images = [
        r#"<img src="https://evil.example/a.png" alt="a">"#,
        r#"<img src="HTTP://evil.example/b.png" alt="b">"#,
        r#"<img src="//evil.example/c.png" alt="c">"#,
        r#"<img src="ok.png" srcset="//evil.example/d.png 2x" alt="d">"#,
        r#"<img src="ok.png" srcset="ok.png 1x, https://evil.example/e.png 2x" alt="e">"#,
        r#"<picture><source srcset="//evil.example/f.png" type="image/webp"><img src="ok.png" alt="f"></picture>"#,
        r#"<img src="/\evil.example/g.png" alt="g">"#,
        r#"<p>Chữ <img src="https:evil.example/h.png" alt="h"> giữa dòng.</p>"#,
    ];
    let others = [
        r#"<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png"></video>"#,
        r#"<input type="image" src="https://evil.example/i.png">"#,
        r#"<table background="https://evil.example/bg.png"><tr><td>x</td></tr></table>"#,
        r#"<object data="https://evil.example/o.png"></object>"#,
        r#"<img src="ok.png" lowsrc="//evil.example/l.png" dynsrc="//evil.example/m.png" alt="l">"#,
        r#"<svg><image href="https://evil.example/s.png"/></svg>"#,
        r#"<link rel="stylesheet" href="https://evil.example/s.css">"#,
    ];
    let mut items = vec!["Đối tác của chúng tôi."];
    items.extend(images);
    items.extend(others);
    let (text, lines) = page("Đối tác", 1, &items);
    let (c, run) = build(&[("pages/doi-tac.md", &text)]);
    assert_clean(&c, "pages/doi-tac", "Đối tác");
    let page = c.read("public/quan-a/pages/doi-tac/index.html");
    let leaflet = c.read("public/quan-a/print/leaflet/index.html");
    assert!(!page.contains("evil.example"), "{page}");
    assert!(!leaflet.contains("evil.example"));
    // The alt text stays.
    assert_eq!(
        attrs(
            &c.html("quan-a/pages/doi-tac/index.html"),
            ".prose img[alt=a]",
            "alt"
        ),
        ["a"]
    );
    let file = "content/pages/doi-tac.md";
    assert_eq!(
        lines_of(&run, file, "link/external-image"),
        lines[1..=images.len()]
    );
    assert!(!lines_of(&run, file, "content/unsafe-html").is_empty());
}

/// Browsers delete tab, LF and CR anywhere in a URL and trim controls and
/// spaces: `/&#9;/host` is `//host`. Markdown images and links, reference
/// links, and raw `src`, `srcset` and `href` are judged (and written) as
/// the browser reads them.
#[test]
fn an_address_hiding_a_tab_or_newline_is_read_as_a_browser_reads_it() {
    let markdown = [
        "![t1](/&#9;/evil.example/1.png)",
        "![t2](/&#10;/evil.example/2.png)",
        "![t3](/&#13;/evil.example/3.png)",
        "![t4](<\t//evil.example/4.png>)",
        "![t5](<&#9;https://evil.example/5.png>)",
        "![t6](&#1;//evil.example/6.png)",
        "![t7](/&#x9;&#xA;/evil.example/7.png)",
        "![t8][anh]\n\n[anh]: /&#9;/evil.example/8.png",
        "![t9](ht&#9;tps://evil.example/9.png)",
    ];
    let raw = [
        r#"<img src="/&#9;/evil.example/r1.png" alt="r1">"#,
        r#"<img src="/&#10;/evil.example/r2.png" alt="r2">"#,
        r#"<img src=" &#1;//evil.example/r3.png" alt="r3">"#,
        r#"<img src="/&Tab;/evil.example/r4.png" alt="r4">"#,
        r#"<img srcset="/&#9;/evil.example/r5.png 1x" alt="r5">"#,
        "<img srcset=\"ok.png 1x, /\n/evil.example/r6.png 2x\" alt=\"r6\">",
        r#"<picture><source srcset="/&#10;/evil.example/r7.png"><img src="ok.png" alt="r7"></picture>"#,
    ];
    let links = [
        "[l1](/&#9;/evil.example/l1)",
        "[l2][ref]\n\n[ref]: /&#10;/evil.example/l2",
        r#"<a href="/&#9;/evil.example/l3">l3</a>"#,
        r#"<a href=" &#13;/&NewLine;/evil.example/l4">l4</a>"#,
        "[l5](java&#9;script:alert(1))",
        r#"<a href="java&#9;script:alert(1)">l6</a>"#,
    ];
    let mut items = vec!["Xem sơ đồ."];
    items.extend(markdown);
    let (md_text, md_lines) = page("Ảnh ẩn", 1, &items);
    let mut items = vec!["Xem sơ đồ."];
    items.extend(raw);
    let (raw_text, raw_lines) = page("Ảnh HTML", 2, &items);
    let mut items = vec!["Liên kết."];
    items.extend(links);
    let (link_text, _) = page("Liên kết lạ", 3, &items);
    let (c, run) = build(&[
        ("pages/anh.md", &md_text),
        ("pages/anh-html.md", &raw_text),
        ("pages/lien-ket.md", &link_text),
    ]);
    assert_clean(&c, "pages/anh", "Ảnh ẩn");
    assert_clean(&c, "pages/anh-html", "Ảnh HTML");
    assert_clean(&c, "pages/lien-ket", "Liên kết lạ");
    for page in ["anh", "anh-html"] {
        let text = c.read(&format!("public/quan-a/pages/{page}/index.html"));
        assert!(!text.contains("evil.example"), "{page}: {text}");
    }
    assert_eq!(
        lines_of(&run, "content/pages/anh.md", "link/external-image"),
        md_lines[1..]
    );
    assert_eq!(
        lines_of(&run, "content/pages/anh-html.md", "link/external-image"),
        raw_lines[1..]
    );
    // Links to another website stay links, written as the browser reads
    // them; the script links go.
    let html = c.html("quan-a/pages/lien-ket/index.html");
    assert_eq!(
        attrs(&html, ".prose a", "href"),
        [
            "//evil.example/l1",
            "//evil.example/l2",
            "//evil.example/l3",
            "//evil.example/l4"
        ]
    );
    let text = c.read("public/quan-a/pages/lien-ket/index.html");
    assert!(!text.to_lowercase().contains("script:"));
    assert_eq!(
        lines_of(&run, "content/pages/lien-ket.md", "link/unsafe").len(),
        1
    );
}

/// Raw HTML cannot reorder the Tab key or take the focus: a positive
/// `tabindex` would put a fake "quick exit" before the real one.
#[test]
fn raw_html_cannot_take_the_focus_or_reorder_the_tab_key() {
    let items = [
        "Xin chào.",
        r#"<a href="https://evil.example/" tabindex="1" role="button" aria-label="Thoát nhanh">.</a>"#,
        r#"<div tabindex="-1" autofocus>a</div>"#,
        r#"<p><span TABINDEX=0 AUTOFOCUS accesskey="q">b</span></p>"#,
        r#"<div class="table-scroll" role="region" tabindex="0"><table><tr><td>c</td></tr></table></div>"#,
        r#"<div data-loa-own="0123456789abcdef0123456789abcdef">d</div>"#,
        r#"<button autofocus onfocus="alert(1)">e</button>"#,
        r#"<a href="/" class="exit-button quick-exit" style="position:fixed" id="quick-exit">f</a>"#,
        "| a | b |\n|---|---|\n| 1 | 2 |",
    ];
    let (text, lines) = page("Tab", 1, &items);
    let (c, run) = build(&[("pages/tab.md", &text)]);
    assert_clean(&c, "pages/tab", "Tab");
    let html = c.html("quan-a/pages/tab/index.html");
    // Only loa's own table wrapper, around the Markdown table, is a tab stop.
    assert_eq!(html.select(&sel(".prose [tabindex]")).count(), 1);
    assert_eq!(html.select(&sel(".prose [data-loa-own]")).count(), 0);
    let page = c.read("public/quan-a/pages/tab/index.html");
    assert!(!page.contains("data-loa-own"));
    let output = format!("{}{}", run.stdout, run.stderr);
    let finding = output
        .lines()
        .find(|l| {
            l.starts_with(&format!(
                "content/pages/tab.md:{}: warning[content/unsafe-html]",
                lines[1]
            ))
        })
        .unwrap_or_else(|| panic!("{output}"));
    for removed in ["tabindex", "autofocus", "accesskey", "onfocus", "style"] {
        assert!(finding.contains(removed), "{removed}: {finding}");
    }
}

/// The fixture campaign with `content/skills/anh.jpg`, a photo that
/// carries EXIF metadata.
fn with_photo() -> Campaign {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/skills/anh.jpg",
        std::fs::read(fixtures("images").join("news/content/news/anh-tap-huan.jpg")).unwrap(),
    );
    c
}

/// Asserts that the picture `file` was published, without its EXIF.
fn assert_published_without_exif(file: &std::path::Path) {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    assert!(
        exif::Reader::new()
            .read_from_container(&mut std::io::Cursor::new(&bytes))
            .is_err(),
        "{} keeps its EXIF",
        file.display()
    );
}

/// Regression: links and pictures written in raw HTML were published as
/// written, never resolved or checked: `<a href="../skills/goi-111.md">`
/// led to a `.md` file that is not published, `<a href="/khong-co/">` to
/// nothing, `<img src="anh.jpg">` to a photo that was never published,
/// and `<a href="tel:+1 900 …">` called a foreign number, all with no
/// finding and "ready to publish". Now they go through the same resolver
/// as Markdown's: the page link leads to the page in each language, the
/// picture is published without its metadata, a foreign number is removed
/// and a broken link is an error, each at its line.
#[test]
fn raw_html_links_and_pictures_are_resolved_and_checked_like_markdown() {
    let c = with_photo();
    let page = "---\ntitle: \"Trang HTML\"\n---\n\nMở đầu.\n\n\
                <a href=\"goi-111.md\">Gọi 111</a>\n\n\
                <img src=\"anh.jpg\" alt=\"Buổi tập huấn\">\n\n\
                <a href=\"tel:0912 345 678\">Số lạ</a>\n\n\
                <a href=\"tel:&#43;1&#32;900&#32;555&#32;0100\">Số nước ngoài</a>\n";
    c.write("content/skills/html.md", page);
    c.write(
        "content/skills/html.en.md",
        page.replace("Trang HTML", "HTML page"),
    );
    let run = c.build();
    for (code, line) in [("link/unlisted-phone", 11), ("link/bad-phone", 13)] {
        assert!(
            run.stderr
                .contains(&format!("content/skills/html.md:{line}: warning[{code}]")),
            "{code} at {line}: {}",
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("content/unsafe-html"),
        "{}",
        run.stderr
    );
    assert_eq!(broken_links(&c.out()), Vec::<String>::new());
    for (lang, goi) in [("", "goi-111"), ("en/", "goi-111")] {
        let html = c.html(&format!("quan-b/{lang}skills/html/index.html"));
        let hrefs = attrs(&html, ".prose a[href]", "href");
        assert_eq!(
            hrefs,
            [format!("../{goi}/"), "tel:0912345678".to_string()],
            "{lang}"
        );
        let src = attrs(&html, ".prose img", "src");
        assert_eq!(src.len(), 1);
        assert_published_without_exif(
            &c.out()
                .join(format!("quan-b/{lang}skills/html"))
                .join(&src[0]),
        );
    }
    // A broken one stops the build, at its line.
    c.write(
        "content/skills/html.md",
        format!("{page}\n<a href=\"/khong-co/\">Trang cũ</a>\n"),
    );
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/skills/html.md:15: error[link/broken]"),
        "{}",
        run.stderr
    );
}

/// Regression: a raw `srcset` (on `<img>` or a `<picture>`'s `<source>`)
/// naming pictures of the site was published as written, never resolved
/// or checked: `srcset="khong-co.png 2x"` asked phones for a picture that
/// does not exist with no finding and "ready to publish", and a photo
/// named only there was never published, so a phone that chose it showed
/// nothing. Now each address goes through the resolver as `src` does: the
/// photo is published without its metadata, and a missing one is
/// `link/broken` at its line. A `srcset` naming another website is still
/// left out whole (`raw_html_never_loads_another_websites_picture`).
#[test]
fn raw_html_srcset_pictures_are_resolved_and_checked_like_src() {
    let c = with_photo();
    let good = "---\ntitle: \"Ảnh srcset\"\n---\n\nMở đầu.\n\n\
                <img src=\"so-do.png\" srcset=\"so-do.png 1x, anh.jpg 2x\" alt=\"Sơ đồ\">\n\n\
                <picture><source srcset=\"anh.jpg\" type=\"image/jpeg\">\
                <img src=\"so-do.png\" alt=\"Buổi tập huấn\"></picture>\n";
    c.write("content/skills/srcset.md", good);
    let run = c.build();
    assert!(!run.stderr.contains("srcset.md"), "{}", run.stderr);
    assert_eq!(broken_links(&c.out()), Vec::<String>::new());
    let html = c.html("quan-b/skills/srcset/index.html");
    let mut addresses = Vec::new();
    for srcset in attrs(&html, ".prose img[srcset], .prose source[srcset]", "srcset") {
        for candidate in srcset.split(',') {
            addresses.push(candidate.split_whitespace().next().unwrap().to_string());
        }
    }
    assert_eq!(addresses.len(), 3, "{addresses:?}");
    for address in &addresses {
        assert_published_without_exif(&c.out().join("quan-b/skills/srcset").join(address));
    }
    // A picture that is not there stops the build, at its line, in `<img>`
    // and in `<source>`.
    c.write(
        "content/skills/srcset.md",
        format!(
            "{good}\n<img src=\"so-do.png\" srcset=\"khong-co.png 2x\" alt=\"Thiếu\">\n\n\
             <picture><source srcset=\"anh.jpg 1x,cung-khong-co.webp 2x\">\
             <img src=\"so-do.png\" alt=\"Cũng thiếu\"></picture>\n"
        ),
    );
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for line in [11, 13] {
        assert!(
            run.stderr.contains(&format!(
                "content/skills/srcset.md:{line}: error[link/broken]"
            )),
            "{line}: {}",
            run.stderr
        );
    }
}

/// Raw HTML in a heading is cleaned and checked as in a paragraph: no
/// script or handler reaches the page, a page link leads to the page, a
/// picture of another website is left out and a foreign number removed,
/// each at the heading's line, and a broken link stops the build there.
/// Regression: the text inside a raw `<script>` or `<style>` (removed from
/// the page) became the heading's id and text, and so the page's search
/// terms (`## <script>alert(1)</script> Ba` had the id `alert-1-ba`);
/// in a first paragraph it became the page's description, shown in the
/// section's list and in the `description` of the page's head.
#[test]
fn raw_html_in_headings_is_cleaned_and_checked_as_in_paragraphs() {
    let items = [
        "Mở đầu <script>zzkichban(1)</script> và <style>zzkieu{}</style> hết.",
        "## Ảnh <img src=\"ok.png\" onerror=\"zzloi(1)\" alt=\"Sơ đồ\">",
        "## <a href=\"https://example.org/x\" onclick=\"zzbam(1)\">Trang khác</a>",
        "## Xa <img src=\"https://evil.example/p.png\" alt=\"b\">",
        "## Trang <a href=\"../skills/goi-111.md\">gọi 111</a>",
        "## Gọi <a href=\"tel:+1 900 555 0100\">số lạ</a>",
        "### <script>zzkichban(2)</script> Ba <style>zzkieu{}</style>",
        "Chữ.",
    ];
    let (text, lines) = page("Tiêu đề HTML", 1, &items);
    let (c, run) = build(&[("pages/tieu-de-html.md", &text)]);
    assert_clean(&c, "pages/tieu-de-html", "Tiêu đề HTML");
    let file = "content/pages/tieu-de-html.md";
    assert_eq!(lines_of(&run, file, "link/external-image"), [lines[3]]);
    assert_eq!(lines_of(&run, file, "link/bad-phone"), [lines[5]]);
    let html = c.html("quan-a/pages/tieu-de-html/index.html");
    // Each heading's id is made of its own words only.
    let ids = [
        "anh",
        "trang-khac",
        "xa",
        "trang-goi-111",
        "goi-so-la",
        "ba",
    ];
    assert_eq!(attrs(&html, ".prose h2, .prose h3", "id"), ids);
    assert_eq!(
        attrs(&html, ".prose h2 a[href]", "href"),
        ["https://example.org/x", "../../skills/goi-111/"]
    );
    assert_eq!(attrs(&html, ".prose h2 img", "alt"), ["Sơ đồ", "b"]);
    assert_eq!(broken_links(&c.out()), Vec::<String>::new());
    // Nothing of the scripts, styles and handlers is anywhere in the site:
    // pages, lists, leaflets, search index.
    let mut leaks = Vec::new();
    for (path, bytes) in snapshot_tree(&c.out()) {
        let text = String::from_utf8_lossy(&bytes);
        for word in ["zzkichban", "zzkieu", "zzloi", "zzbam"] {
            if text.contains(word) {
                leaks.push(format!("{word} in {path}"));
            }
        }
    }
    assert_eq!(leaks, Vec::<String>::new());
    // A broken link or picture in a heading stops the build at its line.
    let broken = text
        .replace("../skills/goi-111.md", "/khong-co/")
        .replace("src=\"ok.png\" onerror", "src=\"khong-co.png\" onerror");
    c.write(file, &broken);
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for line in [lines[1], lines[4]] {
        assert!(
            run.stderr
                .contains(&format!("{file}:{line}: error[link/broken]")),
            "{line}: {}",
            run.stderr
        );
    }
}

/// Links to other websites carry `rel="noreferrer"`, in Markdown and in
/// raw HTML (with or without a title, around formatted text), so even a
/// browser that ignores the page's referrer policy (old iOS Safari reads
/// only `never`) tells that website nothing of the page a reader came
/// from: which page about violence they were reading. Before, only the
/// quick exit had it.
#[test]
fn links_to_other_websites_send_no_referrer() {
    let page = "---\ntitle: \"Liên kết\"\n---\n\nXem [trang](https://example.org/a?x=1&y=2 \"Tiêu đề\"), \
                [**đậm**](//example.org/c), <https://example.org/d> và [Gọi 111](../skills/goi-111.md).\n";
    let raw = format!("{page}\n<a href=\"https://example.org/b\" rel=\"opener\">b</a>\n");
    let (c, _) = build(&[("pages/md.md", page), ("pages/raw.md", &raw)]);
    for (name, external) in [("md", 3), ("raw", 4)] {
        let html = c.html(&format!("quan-a/pages/{name}/index.html"));
        let links: Vec<(String, String)> = html
            .select(&sel(".prose a[href]"))
            .map(|a| {
                let v = a.value();
                (
                    v.attr("href").unwrap().to_string(),
                    v.attr("rel").unwrap_or_default().to_string(),
                )
            })
            .collect();
        let outside: Vec<&(String, String)> = links
            .iter()
            .filter(|(href, _)| href.starts_with("https:") || href.starts_with("//"))
            .collect();
        assert_eq!(outside.len(), external, "{name}: {links:?}");
        for (href, rel) in outside {
            assert!(
                rel.split_ascii_whitespace().any(|w| w == "noreferrer") && !rel.contains("opener"),
                "{name}: {href} has rel `{rel}`"
            );
        }
    }
}
