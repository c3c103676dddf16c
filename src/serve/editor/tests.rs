//! The editor's front matter: what loa writes reads back as what was typed.

use super::*;

#[test]
fn hostile_titles_round_trip_or_are_refused() {
    for title in [
        "Gọi 111: \"miễn phí\"",
        "---",
        "--- a",
        "# not a comment",
        "a: b: c",
        "'single' and \\ backslash",
        "- item",
        "[x, y]",
        "{a: 1}",
        "*alias",
        "&anchor",
        "!tag",
        "%percent",
        "@at `tick`",
        "null",
        "yes",
        "123",
        "...",
        "|",
        ">",
    ] {
        let fields = Fields {
            title: title.into(),
            body: "Text.\n".into(),
            ..Fields::default()
        };
        let text = compose(&fields, &[]).unwrap();
        let split = crate::read::content::split_front_matter(&text).unwrap();
        let front: crate::read::content::FrontMatter =
            crate::read::yaml::parse(split.yaml, Path::new("content/a.md"), split.yaml_line)
                .unwrap_or_else(|e| panic!("{title:?}: {e:?}\n{text}"));
        assert_eq!(front.title, title, "{text}");
        assert_eq!(split.body, "Text.\n");
    }
    for title in [
        "a\u{7}b",
        "a\tb",
        "a\nb",
        "a\rb",
        "a\u{85}b",
        "a\u{2028}b",
        "\u{0}",
    ] {
        let fields = Fields {
            title: title.into(),
            ..Fields::default()
        };
        assert_eq!(
            compose(&fields, &[]).unwrap_err().id(),
            "editor-control-characters",
            "{title:?}"
        );
    }
}

#[test]
fn keys_without_a_field_are_kept_as_written() {
    let yaml = "title: A\nslug: goi-111\nsort_by: date\naudience:\n- women\n- parents\ntemplate: \"x.html\"\n";
    let kept = kept_keys(yaml);
    let names: Vec<&str> = kept.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["slug", "sort_by", "template"]);
    assert_eq!(kept[2].1, "template: \"x.html\"\n");
}

#[test]
fn choices_outside_their_values_are_refused() {
    let bad = [
        Fields {
            date: "2026-02-30".into(),
            ..Fields::default()
        },
        Fields {
            weight: "1.5".into(),
            ..Fields::default()
        },
        Fields {
            model: "evil: x".into(),
            ..Fields::default()
        },
        Fields {
            districts: vec!["a, b]\nx: [".into()],
            ..Fields::default()
        },
        Fields {
            leaflet: "0".into(),
            ..Fields::default()
        },
    ];
    for fields in bad {
        assert!(compose(&fields, &[]).is_err(), "{fields:?}");
    }
}

#[test]
fn only_page_files_inside_content_are_targets() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("content/skills")).unwrap();
    std::fs::create_dir_all(root.join("themes/t")).unwrap();
    std::fs::write(root.join("content/skills/a.md"), "---\ntitle: A\n---\n").unwrap();
    std::fs::write(root.join("content/site.yaml"), "x: 1\n").unwrap();
    std::fs::write(root.join("secret.md"), "x").unwrap();
    std::fs::write(root.join("themes/t/x.md"), "x").unwrap();
    assert!(target(&root, "content/skills/a.md").is_ok());
    assert!(
        target(&root, "content/skills/a.en.md").is_ok(),
        "a new translation"
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("secret.md"), root.join("content/skills/l.md"))
            .unwrap();
        std::os::unix::fs::symlink(root.join("themes/t"), root.join("content/linked")).unwrap();
    }
    for file in [
        "secret.md",
        "content/../secret.md",
        "content/skills/../../secret.md",
        "/etc/passwd.md",
        "content/site.yaml",
        "content/skills/a.txt",
        "content/skills/l.md",
        "content/linked/x.md",
        "themes/t/x.md",
        "content/nowhere/a.md",
        "content\\skills\\a.md",
        "",
    ] {
        #[cfg(not(unix))]
        if file.contains("l.md") || file.contains("linked") {
            continue;
        }
        assert!(target(&root, file).is_err(), "{file}");
    }
}

#[test]
fn saving_keeps_a_bounded_history() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/a.md"), "v0").unwrap();
    let t = target(&root, "content/a.md").unwrap();
    for i in 1..=HISTORY + 5 {
        save(&root, &t, &format!("v{i}")).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&t.path).unwrap(),
        format!("v{}", HISTORY + 5)
    );
    let kept: Vec<_> = std::fs::read_dir(root.join(".loa-history/content/a.md"))
        .unwrap()
        .collect();
    assert_eq!(kept.len(), HISTORY);
    let leftovers: Vec<_> = std::fs::read_dir(root.join("content"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["a.md"], "no temporary file left beside it");
}

#[test]
fn relative_addresses_work_from_the_editor() {
    let html = r##"<img src="a.960.webp" srcset="a.480.webp 480w, a.960.webp 960w" alt="x"> <a href="../b/">b</a> <a href="/c/">c</a> <a href="tel:111">t</a> <a href="#h">h</a>"##;
    assert_eq!(
        from_page(html, "/ba-dinh/skills/a/"),
        r##"<img src="/ba-dinh/skills/a/a.960.webp" srcset="/ba-dinh/skills/a/a.480.webp 480w, /ba-dinh/skills/a/a.960.webp 960w" alt="x"> <a href="/ba-dinh/skills/b/">b</a> <a href="/c/">c</a> <a href="tel:111">t</a> <a href="#h">h</a>"##
    );
}
