//! Printed material: a district's A4 poster and folded A5 leaflet in each
//! language (only for districts with a `base_url`, never with example
//! hotline data; the leaflet with the pages marked `leaflet:`, in order,
//! as much as fits), and in Chromium: one A4 page for the poster, two A4
//! landscape sides for the leaflet, each with a QR code that reads back as
//! the site's address. The call sheet of the desk is never built.

use std::path::Path;
use std::process::Command;

use crate::support::*;

#[test]
fn districts_with_a_base_url_get_a_poster_in_each_language() {
    let c = Campaign::fixture("build", "basic");
    c.build();
    for (file, url) in [
        (
            "quan-a/print/poster/index.html",
            "https://quan-a.example.org/",
        ),
        (
            "quan-a/en/print/poster/index.html",
            "https://quan-a.example.org/en/",
        ),
    ] {
        let html = c.html(file);
        assert_eq!(texts(&html, ".sheet-url"), [url], "{file}");
        assert_eq!(texts(&html, ".sheet-number"), ["111"], "{file}");
        assert_eq!(texts(&html, "h1").len(), 1);
        assert_eq!(attrs(&html, "svg.qr", "role"), ["img"]);
    }
    assert!(
        c.read("public/quan-a/en/print/poster/index.html")
            .contains("Test campaign")
    );
    // No address, no QR code: no poster (and `loa check` says why).
    assert!(!c.out().join("quan-b/print").exists());
    // Not in the readers' menu.
    assert!(!c.read("public/quan-a/index.html").contains("print/poster"));
}

/// The leaflet: the pinned hotlines, the QR code and the address in plain
/// text, and the pages marked `leaflet: N` in that order (a district's own
/// version of a page in its place), as text without links.
#[test]
fn districts_with_a_base_url_get_a_leaflet_of_the_marked_pages_in_order() {
    let c = Campaign::fixture("build", "basic");
    c.build();
    for (file, url, titles, texts_in_order) in [
        (
            "quan-a/print/leaflet/index.html",
            "https://quan-a.example.org/",
            ["Gọi 111 ở quận A", "Tự bảo vệ"],
            [
                "Ở quận A, gọi 111 hoặc công an quận.",
                "Các cách viết liên kết:",
            ],
        ),
        (
            "quan-a/en/print/leaflet/index.html",
            "https://quan-a.example.org/en/",
            ["Calling 111 in District A", "Protecting yourself"],
            [
                "In District A, call 111 or the district police.",
                "the Vietnamese page",
            ],
        ),
    ] {
        let html = c.html(file);
        assert_eq!(texts(&html, ".sheet-url"), [url], "{file}");
        assert_eq!(texts(&html, ".sheet-number"), ["111"], "{file}");
        assert_eq!(texts(&html, "h1").len(), 1, "{file}");
        assert_eq!(attrs(&html, "svg.qr", "role"), ["img"], "{file}");
        assert_eq!(texts(&html, ".leaflet-page > h2"), titles, "{file}");
        // Paper has no links: their text stays.
        assert!(
            html.select(&sel(".leaflet-page a")).next().is_none(),
            "{file}"
        );
        let text: String = html
            .select(&sel(".leaflet-sheets"))
            .flat_map(|e| e.text())
            .collect();
        let at: Vec<usize> = texts_in_order
            .iter()
            .map(|t| text.find(t).unwrap_or_else(|| panic!("{file} lacks {t:?}")))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{file}: {at:?}");
    }
    // No address, no leaflet; not in the readers' menu.
    assert!(!c.out().join("quan-b/print").exists());
    assert!(!c.read("public/quan-a/index.html").contains("print/leaflet"));
}

/// `leaflet_sections: N` prints a page's text up to its (N+1)th section;
/// pages with the same number follow their addresses; a page too long for
/// the room left is left off whole, the others stay.
#[test]
fn leaflet_sections_cut_a_page_and_a_page_too_long_is_left_off() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/skills/dau-hieu.md",
        "---\ntitle: \"Dấu hiệu\"\nleaflet: 1\nleaflet_sections: 2\n---\nMở đầu.\n\n## Một\n\nChữ một.\n\n### Nhỏ\n\nChữ nhỏ.\n\n## Hai\n\nChữ hai.\n\n## Ba\n\nChữ ba.\n",
    );
    let long: String = (1..=40)
        .map(|i| format!("## Đoạn {i}\n\nMột đoạn văn khá dài để lấp đầy tờ gấp, nói về những việc hàng xóm có thể làm khi nghe thấy bạo lực.\n\n"))
        .collect();
    c.write(
        "content/skills/rat-dai.md",
        format!("---\ntitle: \"Rất dài\"\nleaflet: 3\n---\n{long}"),
    );
    c.build();
    let html = c.html("quan-a/print/leaflet/index.html");
    assert_eq!(
        texts(&html, ".leaflet-page > h2"),
        ["Dấu hiệu", "Gọi 111 ở quận A", "Tự bảo vệ"]
    );
    let text: String = html
        .select(&sel(".leaflet-sheets"))
        .flat_map(|e| e.text())
        .collect();
    for kept in ["Mở đầu.", "Chữ một.", "Chữ nhỏ.", "Chữ hai."] {
        assert!(text.contains(kept), "{kept}");
    }
    assert!(!text.contains("Chữ ba."));
    assert!(!text.contains("Đoạn 1"));
    // Headings stay in order under the page's title (h2).
    assert_eq!(
        texts(&html, ".leaflet-page h3"),
        ["Một", "Hai", "Khi nào gọi", "Dấu hiệu"]
    );
    let run = c.loa(&["check"]);
    let at = run
        .stdout
        .find("content/skills/rat-dai.md\n")
        .expect("findings for rat-dai.md");
    assert!(
        run.stdout[at..].contains("3:10    warning print/leaflet-too-long"),
        "{}",
        run.stdout
    );
}

/// `leaflet:` is read like every front-matter key: a wrong type, zero or a
/// typo is an error that names the file and the line.
#[test]
fn a_wrong_leaflet_key_is_an_error_with_file_and_line() {
    for (value, says) in [
        ("leaflet: true", "leaflet"),
        ("leaflet: 0", "leaflet"),
        ("leaflet: [1]", "leaflet"),
        ("leaflett: 1", "did you mean `leaflet`"),
    ] {
        let c = Campaign::fixture("build", "basic");
        let text = c
            .read("content/skills/goi-111.md")
            .replace("leaflet: 1", value);
        c.write("content/skills/goi-111.md", text);
        let run = c.loa(&["build"]);
        assert_eq!(run.code, 1, "{value}: {}{}", run.stdout, run.stderr);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(
            all.contains("content/skills/goi-111.md:4"),
            "{value}: {all}"
        );
        assert!(all.contains(says), "{value}: {all}");
    }
}

/// The call sheet of the desk lists which numbers are unchecked: it is
/// never part of a built site.
#[test]
fn call_sheets_are_never_built() {
    let c = Campaign::fixture("print", "calls");
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let mut files = 0;
    for entry in walkdir::WalkDir::new(c.out()) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(c.out())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(!rel.contains("__loa") && !rel.contains("calls"), "{rel}");
        if entry.file_type().is_file() {
            files += 1;
            let bytes = std::fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            for marker in [
                "calls-",
                "Call sheet",
                "Phiếu gọi kiểm tra",
                "data-loa-desk",
            ] {
                assert!(!text.contains(marker), "{rel} contains {marker}");
            }
        }
    }
    assert!(files > 10);
}

/// Example data never goes on paper (posters, leaflets); check warns
/// about pinning it.
#[test]
fn a_pinned_example_hotline_is_left_off_the_posters() {
    let c = Campaign::fixture("build", "basic");
    let district = c
        .read("content/districts/quan-a.yaml")
        .replace("hotlines:", "pinned_hotlines: [quan-a-police]\nhotlines:");
    c.write("content/districts/quan-a.yaml", district);
    c.build();
    for file in [
        "public/quan-a/print/poster/index.html",
        "public/quan-a/en/print/poster/index.html",
        "public/quan-a/print/leaflet/index.html",
        "public/quan-a/en/print/leaflet/index.html",
    ] {
        let text = c.read(file);
        assert!(
            !text.contains("0000 0001"),
            "{file} shows the example number"
        );
        assert!(text.contains(">111<"), "{file}");
    }
    let run = c.loa(&["check"]);
    assert!(
        run.stdout
            .contains("  3:19    warning hotline/example-pinned"),
        "{}",
        run.stdout
    );
}

/// Prints `rel` of the built site at `root` with `tests/browser/print.js`
/// (PDF and pictures in `tests/browser/artifacts/NAME*`); returns what it
/// says (`pages N SIZE`, `overflow …` lines) and checks that the QR code,
/// photographed from the printed sheets in colour and in black and white,
/// reads as `url`.
fn print_sheet(root: &Path, rel: &str, name: &str, url: &str) -> String {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let zbar = Command::new("zbarimg").arg("--version").output();
    assert!(
        zbar.is_ok(),
        "zbarimg is missing (apt-get install zbar-tools)"
    );
    let artifacts = repo.join("tests/browser/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let output = Command::new("node")
        .arg(repo.join("tests/browser/print.js"))
        .arg(root)
        .arg(rel)
        .arg(artifacts.join(name))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{rel}: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for png in [format!("{name}.png"), format!("{name}-bw.png")] {
        let read = Command::new("zbarimg")
            .args(["--quiet", "--raw"])
            .arg(artifacts.join(&png))
            .output()
            .expect("run zbarimg");
        let text = String::from_utf8_lossy(&read.stdout);
        assert_eq!(text.trim(), url, "{png}: the QR code reads as {text:?}");
    }
    stdout
}

/// In Chromium: each poster prints on exactly one A4 page, and its QR
/// code, photographed from the printed page, reads as the district's
/// address in that language.
#[test]
#[ignore = "needs Chromium, node, `npm ci --prefix tests/browser` and zbarimg (zbar-tools); .ci/run runs it with --ignored"]
fn posters_print_on_one_a4_page_with_a_qr_code_that_reads() {
    let c = Campaign::fixture("build", "basic");
    c.build();
    for (rel, url, name) in [
        (
            "quan-a/print/poster/index.html",
            "https://quan-a.example.org/",
            "poster-vi",
        ),
        (
            "quan-a/en/print/poster/index.html",
            "https://quan-a.example.org/en/",
            "poster-en",
        ),
    ] {
        let said = print_sheet(&c.out(), rel, name, url);
        assert_eq!(said.trim(), "pages 1 A4", "{rel}");
    }
}

/// In Chromium: each leaflet, of the fixture and of the bundled campaign,
/// prints on two A4 landscape sides with nothing cut off (no part of a
/// sheet overflows), and its QR code reads as the district's address.
#[test]
#[ignore = "needs Chromium, node, `npm ci --prefix tests/browser` and zbarimg (zbar-tools); .ci/run runs it with --ignored"]
fn leaflets_print_on_two_a4_landscape_sides_with_a_qr_code_that_reads() {
    let fixture = Campaign::fixture("build", "basic");
    fixture.build();
    let bundled = Campaign::bundled();
    bundled.build();
    let mut sheets = vec![(
        fixture.out(),
        "quan-a".to_string(),
        "https://quan-a.example.org/".to_string(),
        "leaflet-fixture",
    )];
    for district in ["ba-dinh", "hoan-kiem", "soc-son"] {
        sheets.push((
            bundled.out(),
            district.into(),
            format!("https://{district}.example.org/"),
            "leaflet-hanoi",
        ));
    }
    for (root, district, base, name) in sheets {
        for lang in ["vi", "en"] {
            let prefix = if lang == "vi" { "" } else { "en/" };
            let rel = format!("{district}/{prefix}print/leaflet/index.html");
            let url = format!("{base}{prefix}");
            let said = print_sheet(&root, &rel, &format!("{name}-{district}-{lang}"), &url);
            assert_eq!(said.trim(), "pages 2 A4-landscape", "{rel}");
        }
    }
}

/// A ward that pins more numbers than its poster or its leaflet's cover
/// holds: loa prints those that fit, whole, and leaves the rest off
/// (`print/numbers-left-off`, at the first one left off in the ward's
/// `pinned_hotlines:`). In Chromium the poster is still one page and the
/// cover cuts nothing off, for numbers with long descriptions and for
/// short ones; and the estimate leaves room for the national number and
/// at least two of the ward's own.
#[test]
#[ignore = "needs Chromium, node, `npm ci --prefix tests/browser` and zbarimg (zbar-tools); .ci/run runs it with --ignored"]
fn numbers_a_sheet_has_no_room_for_are_left_off_whole() {
    let c = Campaign::fixture("build", "basic");
    // One checked number of the ward's own: all on paper, nothing said.
    let file = "content/districts/quan-a.yaml";
    let text = c
        .read(file)
        .replace("    example: true\n", "    verified: 2026-11-01\n")
        .replace("hotlines:", "pinned_hotlines: [quan-a-police]\nhotlines:");
    c.write(file, text);
    let run = c.loa(&["check"]);
    assert!(!run.stdout.contains("numbers-left-off"), "{}", run.stdout);
    c.build();
    for sheet in ["poster", "leaflet"] {
        let html = c.read(&format!("public/quan-a/print/{sheet}/index.html"));
        assert!(html.contains("024 0000 0001") && !html.contains("sheet-more"));
    }
    // Two with long descriptions: the poster has room for both numbers
    // only without what they are for, so it prints them so, on one page,
    // and nothing is left off.
    let long = "Tư vấn miễn phí, bí mật cho phụ nữ và trẻ em bị bạo lực gia đình hoặc bị xâm hại, cả ngày lẫn đêm, mọi ngày trong tuần, kể cả ngày lễ";
    let mut file = String::from(
        "name: { vi: \"Quận A\", en: \"District A\" }\nbase_url: \"https://quan-a.example.org/\"\npinned_hotlines: [quan-a-0, quan-a-1]\nhotlines:\n",
    );
    for i in 0..2 {
        file += &format!(
            "  - id: quan-a-{i}\n    name: {{ vi: \"Hỗ trợ {i}\", en: \"Help {i}\" }}\n    description: {{ vi: \"{long}\", en: \"{long}\" }}\n    phone: \"024 0000 00{i:02}\"\n    category: police\n    cost: free\n    verified: 2026-11-01\n"
        );
    }
    c.write("content/districts/quan-a.yaml", file);
    let run = c.loa(&["check"]);
    assert!(!run.stdout.contains("numbers-left-off"), "{}", run.stdout);
    c.build();
    let html = c.read("public/quan-a/print/poster/index.html");
    assert!(html.contains("024 0000 0000") && html.contains("024 0000 0001"));
    assert!(!html.contains(long) && !html.contains("sheet-more"));
    let said = print_sheet(
        &c.out(),
        "quan-a/print/poster/index.html",
        "numbers-described-poster-vi",
        "https://quan-a.example.org/",
    );
    assert_eq!(said.trim(), "pages 1 A4");
    for (shape, description, name) in [
        (
            "long",
            "    description: { vi: \"Tư vấn miễn phí cho phụ nữ và trẻ em bị bạo lực, mọi ngày\", en: \"Free advice for women and children facing violence, every day\" }\n",
            "Hỗ trợ quận A",
        ),
        ("short", "", "Công an"),
    ] {
        let mut file = String::from(
            "name: { vi: \"Quận A\", en: \"District A\" }\nbase_url: \"https://quan-a.example.org/\"\n",
        );
        file += &format!(
            "pinned_hotlines: [{}]\nhotlines:\n",
            (0..8)
                .map(|i| format!("quan-a-{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for i in 0..8 {
            file += &format!(
                "  - id: quan-a-{i}\n    name: {{ vi: \"{name} {i}\", en: \"{name} {i}\" }}\n{description}    phone: \"024 0000 00{i:02}\"\n    category: police\n    cost: free\n    hours: {{ vi: \"24/7\", en: \"24/7\" }}\n    verified: 2026-11-01\n"
            );
        }
        c.write("content/districts/quan-a.yaml", file);
        let report: serde_json::Value =
            serde_json::from_str(&c.loa(&["check", "--format", "json"]).stdout).unwrap();
        let left: Vec<&serde_json::Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "print/numbers-left-off")
            .collect();
        assert_eq!(left.len(), 4, "{shape}: {report:#}");
        assert!(
            left.iter()
                .all(|f| f["file"] == "content/districts/quan-a.yaml" && f["line"] == 3),
            "{shape}: {left:#?}"
        );
        c.build();
        for (sheet, prefix, pages) in [
            ("poster", "", "pages 1 A4"),
            ("poster", "en/", "pages 1 A4"),
            ("leaflet", "", "pages 2 A4-landscape"),
            ("leaflet", "en/", "pages 2 A4-landscape"),
        ] {
            let rel = format!("quan-a/{prefix}print/{sheet}/index.html");
            let html = c.read(&format!("public/{rel}"));
            let on_sheet: Vec<&str> = html
                .split("class=\"sheet-number\">")
                .skip(1)
                .map(|rest| rest.split('<').next().unwrap_or_default())
                .collect();
            // 111, then the ward's own, first to last, as many as fit.
            let shown = on_sheet.len();
            assert!(shown >= 3, "{shape} {rel}: {on_sheet:?}");
            let expected: Vec<String> = std::iter::once("111".to_string())
                .chain((0..shown - 1).map(|i| format!("024 0000 00{i:02}")))
                .collect();
            assert_eq!(on_sheet, expected, "{shape} {rel}");
            // In their place, a line: more numbers are on the site.
            assert_eq!(html.matches("class=\"sheet-more\"").count(), 1, "{rel}");
            let said = print_sheet(
                &c.out(),
                &rel,
                &format!(
                    "numbers-{shape}-{sheet}-{}",
                    if prefix.is_empty() { "vi" } else { "en" }
                ),
                &format!("https://quan-a.example.org/{prefix}"),
            );
            assert_eq!(said.trim(), pages, "{shape} {rel} with {shown} numbers");
        }
    }
}

/// In Chromium: a leaflet filled as far as loa's estimate allows still
/// fits. A page of paragraphs, lists and headings grows a section at a
/// time while loa keeps it on the leaflet; the largest one kept prints
/// with nothing cut off, in both languages.
#[test]
#[ignore = "needs Chromium, node, `npm ci --prefix tests/browser` and zbarimg (zbar-tools); .ci/run runs it with --ignored"]
fn a_leaflet_filled_up_to_the_estimate_still_fits() {
    let c = Campaign::fixture("build", "basic");
    for file in ["content/skills/goi-111.md", "content/skills/tu-bao-ve.md"] {
        let text = c
            .read(file)
            .replace("leaflet: 1\n", "")
            .replace("leaflet: 2\n", "");
        c.write(file, text);
    }
    let section = |i: usize, lang: &str| match lang {
        "vi" => format!(
            "## Phần {i}: khi nghe thấy bạo lực\n\nKhi nghe tiếng la hét và đồ vật đổ vỡ ở nhà bên, nhiều người nghĩ đó là chuyện riêng nhà người ta. Nhưng một cuộc gọi của bạn có thể cứu một người.\n\n- Gọi 113, nói địa chỉ trước.\n- Nếu có trẻ em bị đánh, gọi cả 111, miễn phí và mở cả ngày lẫn đêm.\n- Ghi lại ngày, giờ, những gì bạn nghe và thấy.\n\n"
        ),
        _ => format!(
            "## Part {i}: when you hear violence\n\nWhen you hear shouting and things breaking next door, many people think it is none of their business. But one call from you can save someone.\n\n- Call 113 and give the address first.\n- If a child is being hit, also call 111: it is free and open day and night.\n- Write down the date, the time, and what you heard and saw.\n\n"
        ),
    };
    let write = |n: usize| {
        for (lang, suffix, title) in [("vi", "", "Trang đầy"), ("en", ".en", "A full page")] {
            let body: String = (1..=n).map(|i| section(i, lang)).collect();
            c.write(
                &format!("content/skills/day{suffix}.md"),
                format!("---\ntitle: \"{title}\"\nleaflet: 1\n---\n{body}"),
            );
        }
    };
    let on_leaflet = |c: &Campaign| {
        [
            "quan-a/print/leaflet/index.html",
            "quan-a/en/print/leaflet/index.html",
        ]
        .iter()
        .all(|rel| c.out().join(rel).is_file())
    };
    let mut n = 1;
    loop {
        write(n + 1);
        c.build();
        if !on_leaflet(&c) {
            break;
        }
        n += 1;
    }
    assert!(n >= 5, "only {n} sections fit");
    write(n);
    c.build();
    assert!(on_leaflet(&c));
    for (lang, prefix) in [("vi", ""), ("en", "en/")] {
        let rel = format!("quan-a/{prefix}print/leaflet/index.html");
        let said = print_sheet(
            &c.out(),
            &rel,
            &format!("leaflet-full-{lang}"),
            &format!("https://quan-a.example.org/{prefix}"),
        );
        assert_eq!(
            said.trim(),
            "pages 2 A4-landscape",
            "{rel} with {n} sections"
        );
    }
}

/// Regression (issue 22): a ward pinned its police number in `site.yaml`
/// and every other ward's header and poster showed it. A district pins its
/// own numbers in its own file: they follow the campaign's on that ward's
/// header, home, poster and leaflet, and on no other ward's; its example
/// entries never do.
#[test]
fn a_ward_pins_its_own_numbers_on_its_own_paper_only() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/districts/quan-a.yaml",
        "name: { vi: \"Quận A\", en: \"District A\" }
base_url: \"https://quan-a.example.org/\"
pinned_hotlines: [quan-a-police, quan-a-example]
hotlines:
  - id: quan-a-police
    name: { vi: \"Công an quận A\", en: \"District A police\" }
    phone: \"024 3825 1111\"
    category: police
    cost: paid
    verified: 2026-11-01
  - id: quan-a-example
    name: { vi: \"Hội phụ nữ quận A\", en: \"District A women's union\" }
    phone: \"024 0000 0002\"
    category: counselling
    cost: paid
    example: true
",
    );
    c.write(
        "content/districts/quan-b.yaml",
        "name: { vi: \"Quận B\", en: \"District B\" }
base_url: \"https://quan-b.example.org/\"
pinned_hotlines: [quan-b-police]
hotlines:
  - id: quan-b-police
    name: { vi: \"Công an quận B\", en: \"District B police\" }
    phone: \"024 3825 2222\"
    category: police
    cost: paid
    verified: 2026-11-01
",
    );
    c.build();
    for (ward, own) in [("quan-a", "024 3825 1111"), ("quan-b", "024 3825 2222")] {
        for lang in ["", "en/"] {
            let want = ["111", own];
            for (file, css) in [
                (format!("{ward}/{lang}index.html"), ".pinned .call-number"),
                (
                    format!("{ward}/{lang}hotlines/index.html"),
                    ".pinned .call-number",
                ),
                (
                    format!("{ward}/{lang}print/poster/index.html"),
                    ".sheet-number",
                ),
                (
                    format!("{ward}/{lang}print/leaflet/index.html"),
                    ".sheet-number",
                ),
            ] {
                assert_eq!(texts(&c.html(&file), css), want, "{file}");
            }
        }
    }
    // The example entry is in the ward's directory, never pinned.
    let html = c.read("public/quan-a/index.html");
    assert_eq!(html.matches("0000 0002").count(), 0, "{html}");
    let run = c.loa(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let pinned: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "hotline/example-pinned")
        .map(|f| (f["file"].as_str().unwrap(), f["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(pinned, [("content/districts/quan-a.yaml", 3)]);
}
