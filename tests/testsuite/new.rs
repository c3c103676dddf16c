//! `loa new`: slugs from Vietnamese titles, district and language variants,
//! never overwriting, and a scaffold that builds.

use crate::support::*;

#[test]
fn slug_from_a_vietnamese_title() {
    let c = Campaign::fixture("build", "basic");
    let run = c.loa(&["new", "skill", "Kỹ năng đường dây nóng"]).ok();
    assert!(
        run.stdout
            .contains("content/skills/ky-nang-duong-day-nong.md"),
        "{}",
        run.stdout
    );
    let text = c.read("content/skills/ky-nang-duong-day-nong.md");
    assert!(
        text.starts_with("---\ntitle: \"Kỹ năng đường dây nóng\"\n"),
        "{text}"
    );
    assert!(text.contains("draft: true"));
}

#[test]
fn every_tone_mark_and_d_bar() {
    let c = Campaign::fixture("build", "basic");
    let cases = [
        ("Ầm ĩ, ồn ào: Ửng đỏ!", "am-i-on-ao-ung-do"),
        (
            "Đề án 2022–2026 về Bình đẳng giới",
            "de-an-2022-2026-ve-binh-dang-gioi",
        ),
        (
            "Quyền của trẻ em: Được bảo vệ",
            "quyen-cua-tre-em-duoc-bao-ve",
        ),
        (
            "Tỉnh táo, bình tĩnh & gọi 113",
            "tinh-tao-binh-tinh-goi-113",
        ),
        ("Ở đâu? Ngõ nhỏ, phố nhỏ", "o-dau-ngo-nho-pho-nho"),
        ("Ỷ lại, ỹ, ỵ, ý, ỳ", "y-lai-y-y-y-y"),
    ];
    for (title, slug) in cases {
        c.loa(&["new", "news", title]).ok();
        assert!(
            c.root().join(format!("content/news/{slug}.md")).is_file(),
            "{title} -> {slug}"
        );
    }
}

#[test]
fn refuses_to_overwrite() {
    let c = Campaign::fixture("build", "basic");
    let before = c.read("content/skills/goi-111.md");
    let run = c.loa(&["new", "skill", "Gọi 111"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(c.read("content/skills/goi-111.md"), before);
}

#[test]
fn district_and_english_variants() {
    let c = Campaign::fixture("build", "basic");
    c.loa(&["new", "news", "Họp tổ dân phố", "--district", "quan-b"])
        .ok();
    assert!(
        c.root()
            .join("content/districts/quan-b/news/hop-to-dan-pho.md")
            .is_file()
    );
    // goi-111.en.md exists already: not overwritten.
    assert_eq!(c.loa(&["new", "skill", "Gọi 111", "--lang", "en"]).code, 2);
    c.loa(&["new", "skill", "Chỉ tiếng Việt", "--lang", "en"])
        .ok();
    let en = c.read("content/skills/chi-tieng-viet.en.md");
    assert!(
        en.contains("weight: 30") && en.contains("draft: true"),
        "{en}"
    );
    let unknown = c.loa(&["new", "news", "X", "--district", "quan-z"]);
    assert_eq!(unknown.code, 2);
    let lang = c.loa(&["new", "news", "X", "--lang", "fr"]);
    assert_eq!(lang.code, 2);
}

#[test]
fn a_new_page_is_a_draft_until_published() {
    let c = Campaign::fixture("build", "basic");
    c.loa(&["new", "model", "Mô hình mới"]).ok();
    c.build();
    assert!(
        !c.out().join("quan-a/models").exists(),
        "drafts are not built"
    );
    let text = c
        .read("content/models/mo-hinh-moi.md")
        .replace("draft: true  # remove this line to publish the page\n", "");
    c.write("content/models/mo-hinh-moi.md", text);
    c.build();
    assert!(
        c.out()
            .join("quan-a/models/mo-hinh-moi/index.html")
            .is_file()
    );
}

/// Regression: a ward can send a folder that is a link leading out of the
/// campaign (`news/` pointing at the operator's home); `loa new` followed
/// it and wrote there. Now it refuses, as the build does, for a section
/// folder, a district's folder, and a folder that `loa new` must create
/// below such a link; and it reads no original through such a link.
#[cfg(unix)]
#[test]
fn never_writes_through_a_link_leading_out() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str]); 3] = [
        ("content/news", &["new", "news", "Tin mới ra"]),
        (
            "content/districts/quan-a",
            &["new", "page", "Trang riêng", "--district", "quan-a"],
        ),
        (
            "content/districts/quan-b",
            &["new", "skill", "Kỹ năng riêng", "--district", "quan-b"],
        ),
    ];
    for (link, args) in cases {
        let c = Campaign::fixture("build", "basic");
        let path = c.root().join(link);
        std::fs::remove_dir_all(&path).unwrap();
        symlink(outside.path(), &path).unwrap();
        let run = c.loa(args);
        assert_ne!(run.code, 0, "{link}: {}", run.stdout);
        assert!(
            run.stderr.contains("outside the campaign"),
            "{link}: {}",
            run.stderr
        );
        let left: Vec<_> = walk(outside.path());
        assert!(
            left.is_empty(),
            "{link}: wrote {left:?} outside the campaign"
        );
    }
    // A link that stays inside the campaign is followed, as in the build.
    let c = Campaign::fixture("build", "basic");
    std::fs::create_dir_all(c.root().join("content/shared-news")).unwrap();
    std::fs::rename(
        c.root().join("content/news"),
        c.root().join("content/shared-news/news"),
    )
    .unwrap();
    symlink("shared-news/news", c.root().join("content/news")).unwrap();
    c.loa(&["new", "news", "Tin trong chiến dịch"]).ok();
    assert!(
        c.root()
            .join("content/shared-news/news/tin-trong-chien-dich.md")
            .is_file()
    );
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.file_type().unwrap().is_dir() {
            found.extend(walk(&entry.path()));
        } else {
            found.push(entry.path());
        }
    }
    found
}
