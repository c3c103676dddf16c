//! Bad input: each gives a clear error naming file and line, every error of
//! a run is reported at once, the exit code is 1, and the previous output
//! is left exactly as it was.

use crate::support::*;

/// Builds the fixture once (the "previous output"), applies `break_it`,
/// builds again and checks that it failed without touching `public/`.
fn broken(break_it: impl FnOnce(&Campaign)) -> Run {
    let c = Campaign::fixture("build", "basic");
    c.build();
    let before = snapshot_tree(&c.out());
    assert!(!before.is_empty());
    break_it(&c);
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "expected a content error:\n{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(
        snapshot_tree(&c.out()) == before,
        "the previous output changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(c.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("loa-") && n != ".loa-cache")
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
    run
}

fn page(title_line: &str) -> String {
    format!("---\n{title_line}\nweight: 20\n---\nBody.\n")
}

#[test]
fn broken_yaml_in_front_matter() {
    let run = broken(|c| {
        c.write(
            "content/skills/goi-111.md",
            "---\ntitle: \"Gọi 111\nweight: 20\n---\nBody.\n",
        )
    });
    assert!(
        run.stderr.contains(
            "content/skills/goi-111.md:2:8: error[yaml/syntax]: a quote is opened here but never closed"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: close the text with the same quote mark"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_title() {
    let run = broken(|c| c.write("content/skills/goi-111.md", "---\nweight: 20\n---\nBody.\n"));
    assert!(
        run.stderr.contains("content/skills/goi-111.md:2:1: error[yaml/missing-key]: the required key `title` is missing"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    let run = broken(|c| {
        c.write(
            "content/skills/goi-111.md",
            "---\ntitle: \"Gọi 111\"\nwieght: 20\n---\nBody.\n",
        )
    });
    assert!(
        run.stderr.contains(
            "content/skills/goi-111.md:3:1: error[yaml/unknown-key]: unknown key `wieght`"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `weight`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_district_slug() {
    let run = broken(|c| {
        c.write(
            "content/skills/goi-111.md",
            "---\ntitle: \"Gọi 111\"\nmodel: safe-village\ndistricts: [quan-a, quan-c]\n---\nBody.\n",
        );
        c.write("content/districts/quan-z/news/x.md", page("title: X"));
    });
    assert!(
        run.stderr.contains(
            "content/skills/goi-111.md:4:21: error[district/unknown]: there is no district `quan-c`"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/districts/quan-z/news/x.md: error[district/unknown]"),
        "{}",
        run.stderr
    );
}

#[test]
fn template_error_names_the_template_file_and_line() {
    let run = broken(|c| {
        c.write(
            "themes/default/templates/page.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.titel }}</h1>\n{% endblock content %}\n",
        )
    });
    assert!(
        run.stderr.contains("themes/default/templates/page.html:3:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error[template/error]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("titel"), "{}", run.stderr);
    assert!(
        run.stderr.contains("more pages"),
        "reported once: {}",
        run.stderr
    );
}

#[test]
fn template_syntax_error() {
    let run = broken(|c| {
        c.write(
            "themes/default/templates/page.html",
            "{% extends \"base.html\" %}\n{% block content %\n",
        )
    });
    assert!(
        run.stderr.contains("themes/default/templates/page.html:2:"),
        "{}",
        run.stderr
    );
}

#[test]
fn invalid_utf8() {
    let run = broken(|c| {
        c.write(
            "content/skills/goi-111.md",
            b"---\ntitle: \"G\xF4i 111\"\n---\n".as_slice(),
        )
    });
    assert!(
        run.stderr
            .contains("content/skills/goi-111.md:2:10: error[content/not-utf8]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("UTF-8"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn symlink_leading_outside_the_campaign() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), page("title: Secret")).unwrap();
    let run = broken(|c| {
        std::os::unix::fs::symlink(
            outside.path().join("secret.md"),
            c.root().join("content/skills/secret.md"),
        )
        .unwrap();
    });
    assert!(
        run.stderr
            .contains("content/skills/secret.md: error[content/symlink-outside]"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_files_for_the_same_page() {
    let run = broken(|c| c.write("content/skills/goi-111/index.md", page("title: \"Hai\"")));
    assert!(
        run.stderr.contains("error[page/duplicate-language]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/skills/goi-111.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/skills/goi-111/index.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_slug_taking_another_pages_address() {
    let run = broken(|c| {
        c.write(
            "content/skills/khac.md",
            "---\ntitle: \"Khác\"\nslug: goi-111\n---\n",
        )
    });
    assert!(
        run.stderr.contains("error[page/same-address]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("/skills/goi-111/"), "{}", run.stderr);
}

#[test]
fn missing_interface_string_names_key_and_file() {
    // A campaign adds a string in English only, and a template uses it and
    // a misspelt one.
    let run = broken(|c| {
        c.write(
            "themes/default/i18n/en.yaml",
            "hotline_note: \"Calls are free\"\n",
        );
        c.write(
            "themes/default/templates/page.html",
            "{% extends \"base.html\" %}\n{% block content %}<h1>{{ page.title }}</h1><p>{{ t.hotline_note }} {{ t.hotlin_note }}</p>{% endblock content %}\n",
        );
    });
    assert!(
        run.stderr.contains("themes/default/i18n/vi.yaml: error[i18n/missing-key]: the interface string `hotline_note` is missing for `vi`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("(in another language: \"Calls are free\")"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("themes/default/templates/page.html: error[i18n/missing-key]: this template uses the interface string `t.hotlin_note`, which no language has"),
        "{}",
        run.stderr
    );
}

#[test]
fn one_interface_string_can_be_changed_alone() {
    let c = Campaign::fixture("build", "basic");
    c.write("themes/default/i18n/en.yaml", "quick_exit: \"Leave now\"\n");
    c.build();
    let page = c.html("quan-a/en/skills/goi-111/index.html");
    assert!(texts(&page, "#quick-exit")[0].starts_with("Leave now"));
    assert!(
        texts(&page, ".skip-link")[0].contains("Skip to main content"),
        "the other strings are the built-in ones"
    );
}

#[test]
fn broken_site_yaml() {
    let run = broken(|c| {
        let site = c
            .read("content/site.yaml")
            .replace("languages: [vi, en]", "languages: [vi, en");
        c.write("content/site.yaml", site);
    });
    assert!(run.stderr.contains("content/site.yaml:"), "{}", run.stderr);
}

/// A language code Windows keeps for a device (`con`, `nul`) names the
/// folder of that language's pages: it is refused where site.yaml writes
/// it, not later by the file system or with the theme's files.
#[test]
fn a_language_code_windows_keeps_is_refused_where_it_is_written() {
    for code in ["con", "nul", "aux", "prn"] {
        let run = broken(|c| {
            let site = c.read("content/site.yaml").replace(
                "languages: [vi, en]",
                &format!("languages: [vi, en, {code}]"),
            );
            c.write("content/site.yaml", site);
        });
        assert!(
            run.stderr.contains("error[config/language]")
                && run.stderr.contains(&format!("`{code}`")),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn bad_hotline_phone() {
    let run = broken(|c| {
        let data = c
            .read("content/hotlines/quoc-gia.yaml")
            .replace("phone: \"113\"", "phone: \"1133\"");
        c.write("content/hotlines/quoc-gia.yaml", data);
    });
    assert!(
        run.stderr
            .contains("content/hotlines/quoc-gia.yaml:10:10: error[hotline/bad-phone]"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_error_of_a_run_is_reported_at_once() {
    let run = broken(|c| {
        c.write(
            "content/skills/goi-111.md",
            "---\ntitle: \"Gọi 111\"\nwieght: 20\n---\n",
        );
        c.write(
            "content/news/tin-moi.md",
            "---\ndate: 2024-13-01\ntitle: X\n---\n",
        );
        c.write(
            "content/pages/gioi-thieu.md",
            b"---\ntitle: \xFF\n---\n".as_slice(),
        );
        let data = c
            .read("content/hotlines/quoc-gia.yaml")
            .replace("phone: \"113\"", "phone: \"abc\"");
        c.write("content/hotlines/quoc-gia.yaml", data);
        c.write(
            "content/districts/quan-b.yaml",
            "name: { vi: \"Quận B\" }\n",
        );
    });
    insta::assert_snapshot!(run.stderr);
}

/// A link that leads nowhere is an error (issue 22): on a site read in a
/// crisis, "Ready to publish" never goes with a dead end.
#[test]
fn a_broken_link_is_an_error_with_file_and_line() {
    let c = Campaign::fixture("build", "basic");
    c.write("content/pages/gioi-thieu.md", "---\ntitle: \"Giới thiệu\"\n---\n\nXem [trang cũ](../khong-co.md) và [khác](/khong/co/).\n");
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/pages/gioi-thieu.md:5: error[link/broken]: the link `../khong-co.md` goes to no page or file"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`/khong/co/`"), "{}", run.stderr);
    assert!(!c.out().exists(), "nothing written");
    let check = c.loa(&["check"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stdout.contains("Not ready to publish: 2 errors"),
        "{}",
        check.stdout
    );
}

#[test]
fn no_campaign_here() {
    let dir = tempfile::tempdir().unwrap();
    let run = loa_in(dir.path(), &["build"]);
    assert_eq!(run.code, 2, "a wrong folder is a usage mistake");
    assert!(
        run.stderr.contains("there is no campaign here"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("public").exists());
    let inside = Campaign::fixture("build", "basic");
    let run = loa_in(&inside.root().join("content"), &["build"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--root is the folder that holds `content/`"),
        "{}",
        run.stderr
    );
    let run = loa_in(dir.path(), &["build", "--root", "khong-co"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("there is no such folder"),
        "{}",
        run.stderr
    );
}

/// Regression (issue 22): a YAML mistake in a hotline file is said in
/// people's words with the line shown and a caret under the place, and it
/// no longer hides the rest: the page checks and every wrong value of the
/// other files are reported in the same run.
#[test]
fn a_yaml_mistake_is_shown_with_its_line_and_hides_nothing_else() {
    let c = Campaign::fixture("build", "basic");
    c.write(
        "content/hotlines/phuong.yaml",
        "- id: ward-union\n  name: { vi: \"Hội phụ nữ\", en: \"Women's Union\" }\n  phone: \"024 3825 1234\"\n  category: counselling\n\tcost: paid\n",
    );
    c.write(
        "content/hotlines/sai.yaml",
        "- id: ward-police\n  name: { vi: \"Công an\", en: \"Police\" }\n  phone: \"024 3825 5678\"\n  category: cong an\n  cost: miễn phí\n",
    );
    c.write(
        "content/pages/gioi-thieu.md",
        "---\ntitle: \"Giới thiệu\"\n---\nGọi [ngay](tel:12).\n",
    );
    let run = c.loa(&["check"]);
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    let expected = "\
content/hotlines/phuong.yaml
  5:1     error   yaml/syntax  a tab character at column 1: YAML needs spaces here
                  help: replace it with two spaces (and set your editor to put spaces for the Tab key)
                  5 | →cost: paid
                    | ^
                  (the YAML reader said: ";
    assert!(out.contains(expected), "{out}");
    for found in [
        "  4:13    error   yaml/unknown-value  `cong an` is not an allowed value for `category`",
        "  5:9     error   yaml/unknown-value  `miễn phí` is not an allowed value for `cost`",
        "  4       warning link/bad-phone  `tel:12` is not a Vietnamese phone number",
    ] {
        assert!(out.contains(found), "{found}\n{out}");
    }
    assert!(out.contains("Not ready to publish: 3 errors"), "{out}");
    // The build refuses, and lists all of it in the same one pass.
    let build = c.loa(&["build"]);
    assert_eq!(build.code, 1);
    for found in [
        "content/hotlines/phuong.yaml:5:1: error[yaml/syntax]",
        "content/hotlines/sai.yaml:4:13: error[yaml/unknown-value]",
        "content/hotlines/sai.yaml:5:9: error[yaml/unknown-value]",
        "content/pages/gioi-thieu.md:4: warning[link/bad-phone]",
        "  5 | →cost: paid",
    ] {
        assert!(build.stderr.contains(found), "{found}\n{}", build.stderr);
    }
    assert!(!c.out().exists());
}

/// Regression: a page saved as `Goi-Ngay.MD` or `huong-dan.markdown` (as
/// some editors and other site generators name them) got only a warning
/// and was left out of the site: a build went on and published the site
/// without it. Now it is an error at the file, naming the page's new name,
/// in both staff languages; nothing is written.
#[test]
fn a_page_named_with_another_markdown_extension_is_an_error_saying_what_to_rename_it() {
    let text = page("title: \"Gọi ngay\"");
    let c = Campaign::fixture("build", "basic");
    c.build();
    let before = snapshot_tree(&c.out());
    for (file, renamed) in [
        ("skills/Goi-Ngay.MD", "Goi-Ngay.md"),
        ("skills/huong-dan.markdown", "huong-dan.md"),
        ("skills/huong-dan.en.Md", "huong-dan.en.md"),
        ("pages/mot.mkd", "mot.md"),
    ] {
        c.write(&format!("content/{file}"), &text);
        for (lang, words) in [
            ("en", "will not be published"),
            ("vi", "sẽ không được xuất bản"),
        ] {
            let run = loa_env(
                c.root(),
                &["build"],
                &[("LOA_LANG".to_string(), lang.to_string())],
            );
            assert_eq!(run.code, 1, "{file} {lang}: {}", run.stderr);
            let line = run
                .stderr
                .lines()
                .find(|l| {
                    l.starts_with(&format!("content/{file}: "))
                        && l.contains("[content/markdown-name]")
                })
                .unwrap_or_else(|| panic!("{file} {lang}: {}", run.stderr));
            assert!(line.contains(words), "{lang}: {line}");
            assert!(
                run.stderr.contains(&format!("`{renamed}`")),
                "{file} {lang}: {}",
                run.stderr
            );
        }
        assert!(snapshot_tree(&c.out()) == before, "{file}: output changed");
        c.remove(&format!("content/{file}"));
    }
}
