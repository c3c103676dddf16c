//! loa speaks the staff's language (issue 23): every command run with
//! `LOA_LANG=vi` on a campaign with findings prints no English sentence
//! (common English words outside what is quoted: keys, files, codes,
//! commands, titles), and with `LOA_LANG=en` no Vietnamese word; the
//! campaign's `staff_language:` and the locale choose when `LOA_LANG` is
//! not set.

use std::path::Path;

use crate::publish::{deploy_to, fixture};
use crate::support::*;

fn lang(code: &str) -> Vec<(String, String)> {
    vec![("LOA_LANG".into(), code.into())]
}

/// What a run printed, both streams.
fn said(run: &Run) -> String {
    format!("{}{}", run.stdout, run.stderr)
}

/// The campaign: the basic fixture with findings of many kinds (missing
/// translations, example data, a broken link, a page without text) and a
/// `file://` deploy target.
fn campaign() -> (Campaign, tempfile::TempDir) {
    let c = fixture();
    let www = tempfile::tempdir().unwrap();
    let target = www.path().join("quan-a");
    deploy_to(&c, &format!("  target: \"file://{}\"\n", target.display()));
    c.write(
        "content/pages/lien-ket.md",
        "---\ntitle: \"Liên kết hỏng\"\n---\nXem [trang này](khong-co.md).\n",
    );
    c.write(
        "content/pages/trong.md",
        "---\ntitle: \"Trang trống\"\n---\n",
    );
    (c, www)
}

/// Every command a person runs, with what it printed.
fn runs(root: &Path, env: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut run = |args: &[&str]| {
        let r = loa_env(root, args, env);
        out.push((args.join(" "), said(&r)));
    };
    run(&["--help"]);
    for command in ["build", "check", "new", "init", "serve", "deploy"] {
        run(&[command, "--help"]);
    }
    run(&["check"]);
    run(&["check", "--strict", "--list-external"]);
    run(&["check", "--explain"]);
    run(&["check", "--explain", "link/broken"]);
    run(&["check", "--explain", "link/brokn"]);
    run(&["check", "--district", "quan-z"]);
    run(&["build", "--root", "khong-co"]);
    run(&["new", "skill", "Kỹ năng mới"]);
    run(&["new", "skill", "Kỹ năng mới"]);
    run(&["init", "chien-dich"]);
    run(&["init", "chien-dich"]);
    out
}

/// `loa check` on a page whose front matter has an unknown key (which
/// stops the check there), the page taken away again.
fn yaml_error(c: &Campaign, env: &[(String, String)]) -> Run {
    let page = "content/pages/hong.md";
    c.write(
        page,
        "---\ntitle: \"Trang hỏng\"\ntitel: x\n---\nMột trang.\n",
    );
    let run = loa_env(c.root(), &["check"], env);
    c.remove(page);
    run
}

/// Replaces district `quan-a`'s `deploy:` lines.
fn redeploy(c: &Campaign, deploy: &str) {
    let file = "content/districts/quan-a.yaml";
    let text = c.read(file);
    let before = text.split("deploy:\n").next().unwrap().to_string();
    c.write(file, before);
    deploy_to(c, deploy);
}

/// `loa deploy` failing in each way a target can fail (files loa did not
/// put there, a manifest that is not loa's, no credentials, nothing
/// listening at the endpoint), with what it printed; each run must fail.
fn failing_deploys(c: &Campaign, env: &[(String, String)]) -> Vec<(String, String)> {
    let www = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    let mut deploy = |name: &str, deploy: &str, extra: &[(&str, &str)]| {
        redeploy(c, deploy);
        let mut env = env.to_vec();
        env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let r = loa_env(c.root(), &["deploy"], &env);
        assert_ne!(r.code, 0, "{name}: {}", said(&r));
        out.push((format!("deploy ({name})"), said(&r)));
    };
    let foreign = www.path().join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("index.html"), "the office's own page").unwrap();
    let target = format!("  target: \"file://{}\"\n", foreign.display());
    deploy("files loa did not put there", &target, &[]);
    let strange = www.path().join("strange");
    std::fs::create_dir_all(&strange).unwrap();
    std::fs::write(strange.join(".loa-deploy.json"), "not a manifest").unwrap();
    let target = format!("  target: \"file://{}\"\n", strange.display());
    deploy("a manifest that is not loa's", &target, &[]);
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let s3 = format!("  target: \"s3://sites/quan-a\"\n  endpoint: \"http://127.0.0.1:{port}\"\n");
    let home = www.path().display().to_string();
    let none = [
        ("HOME", home.as_str()),
        ("AWS_ACCESS_KEY_ID", ""),
        ("AWS_SECRET_ACCESS_KEY", ""),
    ];
    deploy("no credentials", &s3, &none);
    let keys = [
        ("HOME", home.as_str()),
        ("AWS_ACCESS_KEY_ID", "k"),
        ("AWS_SECRET_ACCESS_KEY", "s"),
    ];
    deploy("nothing listening", &s3, &keys);
    out
}

#[test]
fn every_command_speaks_vietnamese_with_loa_lang_vi() {
    let (c, _www) = campaign();
    // The broken page stops the build and the deploy: fixed, they run.
    let vi = lang("vi");
    let mut all = runs(c.root(), &vi);
    all.push(("check (a YAML error)".into(), said(&yaml_error(&c, &vi))));
    c.remove("content/pages/lien-ket.md");
    for args in [
        &["build"][..],
        &["build", "--zip"],
        &["deploy", "--dry-run"],
        &["deploy"],
    ] {
        let r = loa_env(c.root(), args, &vi);
        all.push((args.join(" "), said(&r)));
    }
    let failed = failing_deploys(&c, &vi);
    let failed_text: String = failed.iter().map(|(_, t)| t.as_str()).collect();
    for words in [
        "không do loa đặt vào",
        "--adopt",
        "không phải tệp của loa",
        "thiếu thông tin đăng nhập AWS",
        "không đọc được .loa-deploy.json",
    ] {
        assert!(failed_text.contains(words), "{words}: {failed_text}");
    }
    all.extend(failed);
    let mut english = Vec::new();
    for (command, text) in &all {
        assert!(!text.trim().is_empty(), "loa {command} said nothing");
        for line in text.lines() {
            let words = english_words(line);
            if !words.is_empty() {
                english.push(format!("loa {command}: {words:?} in {line}"));
            }
        }
    }
    assert!(english.is_empty(), "{}", english.join("\n"));
    // It is Vietnamese, not silence or codes only.
    let check = &all.iter().find(|(c, _)| c == "check").unwrap().1;
    assert!(check.contains("Chưa sẵn sàng xuất bản"), "{check}");
    assert!(check.contains("cách sửa:"), "{check}");
}

#[test]
fn every_command_speaks_english_with_loa_lang_en() {
    let (c, _www) = campaign();
    let en = lang("en");
    let mut all = runs(c.root(), &en);
    all.push(("check (a YAML error)".into(), said(&yaml_error(&c, &en))));
    c.remove("content/pages/lien-ket.md");
    for args in [&["build"][..], &["deploy", "--dry-run"]] {
        let r = loa_env(c.root(), args, &en);
        all.push((args.join(" "), said(&r)));
    }
    all.extend(failing_deploys(&c, &en));
    let mut vietnamese = Vec::new();
    for (command, text) in &all {
        for line in text.lines() {
            let words = vietnamese_words(line);
            if !words.is_empty() {
                vietnamese.push(format!("loa {command}: {words:?} in {line}"));
            }
        }
    }
    assert!(vietnamese.is_empty(), "{}", vietnamese.join("\n"));
    let check = &all.iter().find(|(c, _)| c == "check").unwrap().1;
    assert!(check.contains("Not ready to publish"), "{check}");
}

/// Without `LOA_LANG`: the campaign's `staff_language:` decides, then the
/// locale (`LC_ALL` before `LANG`), then English.
#[test]
fn the_campaign_then_the_locale_choose_the_language() {
    let c = fixture();
    let check = |env: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_loa"));
        cmd.arg("check")
            .current_dir(c.root())
            .env("SOURCE_DATE_EPOCH", "1795910400")
            .env("NO_COLOR", "1")
            .env_remove("LOA_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG");
        for (k, v) in env {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    let ready = |text: &str| {
        if text.contains("Sẵn sàng xuất bản") {
            "vi"
        } else if text.contains("Ready to publish") {
            "en"
        } else {
            panic!("no summary: {text}")
        }
    };
    assert_eq!(ready(&check(&[])), "en");
    assert_eq!(ready(&check(&[("LANG", "vi_VN.UTF-8")])), "vi");
    assert_eq!(
        ready(&check(&[
            ("LC_ALL", "en_US.UTF-8"),
            ("LANG", "vi_VN.UTF-8")
        ])),
        "en"
    );
    let site = "content/site.yaml";
    c.write(site, format!("staff_language: vi\n{}", c.read(site)));
    assert_eq!(ready(&check(&[("LANG", "en_GB.UTF-8")])), "vi");
    assert_eq!(ready(&check(&[("LOA_LANG", "en")])), "en");
    c.write(
        site,
        c.read(site)
            .replace("staff_language: vi", "staff_language: en"),
    );
    assert_eq!(ready(&check(&[("LANG", "vi_VN.UTF-8")])), "en");
    // Another value is a finding, at its line.
    c.write(
        site,
        c.read(site)
            .replace("staff_language: en", "staff_language: fr"),
    );
    let json = loa_env(c.root(), &["check", "--format", "json"], &[]);
    assert!(
        json.stdout.contains("\"code\": \"yaml/unknown-value\""),
        "{}",
        json.stdout
    );
}

/// The JSON report keeps its codes and field names in either language and
/// carries the message in the chosen one.
#[test]
fn the_json_report_carries_the_chosen_language() {
    let (c, _www) = campaign();
    let report = |code: &str| -> serde_json::Value {
        let r = loa_env(c.root(), &["check", "--format", "json"], &lang(code));
        serde_json::from_str(&r.stdout).unwrap()
    };
    let (vi, en) = (report("vi"), report("en"));
    let broken = |r: &serde_json::Value| {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "link/broken")
            .cloned()
            .unwrap()
    };
    let (v, e) = (broken(&vi), broken(&en));
    assert_eq!(v["file"], e["file"]);
    assert_eq!(v["line"], e["line"]);
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("không dẫn tới trang hay tệp nào"),
        "{v}"
    );
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("goes to no page or file"),
        "{e}"
    );
}

/// `loa init` writes the campaign's first language as its staff language.
#[test]
fn init_writes_the_staff_language_of_the_first_language() {
    let dir = tempfile::tempdir().unwrap();
    loa_in(dir.path(), &["init", "vi-first"]).ok();
    loa_in(dir.path(), &["init", "en-first", "--lang", "en,vi"]).ok();
    let site = |name: &str| {
        std::fs::read_to_string(dir.path().join(name).join("content/site.yaml")).unwrap()
    };
    assert!(site("vi-first").contains("\nstaff_language: vi\n"));
    assert!(site("en-first").contains("\nstaff_language: en\n"));
}

/// clap's parse errors (an unknown option or command, a missing or wrong
/// value, a value given twice, a missing argument) name the argument and
/// what to type in the staff language, with exit code 2 and none of
/// clap's English lines ("tip:", "Usage:").
#[test]
fn command_line_mistakes_are_said_in_the_staff_language() {
    let c = fixture();
    let cases: [(&[&str], &str, &str); 9] = [
        (&["build", "--bogus"], "--bogus", "loa build --help"),
        (
            &["build", "--districs", "quan-a"],
            "--district",
            "loa build --help",
        ),
        (&["build", "--out"], "--out", "loa build --help"),
        (&["check", "--format", "xml"], "json", "loa check --help"),
        (&["bild"], "build", "loa --help"),
        (&["new"], "<TITLE>", "loa new --help"),
        (&["check", "--strict=3"], "--strict", "loa check --help"),
        (&["build", "--zip", "--zip"], "--zip", "loa build --help"),
        (&["serve", "--port", "abc"], "abc", "loa serve --help"),
    ];
    for code in ["vi", "en"] {
        for (args, named, help) in cases {
            let run = loa_env(c.root(), args, &lang(code));
            let text = said(&run);
            assert_eq!(run.code, 2, "{args:?}: {text}");
            assert!(
                text.contains(named),
                "{args:?} does not name {named}: {text}"
            );
            assert!(text.contains(&format!("`{help}`")), "{args:?}: {text}");
            assert!(!text.contains("tip:") && !text.contains("Usage:"), "{text}");
            let wrong = if code == "vi" {
                english_words(&text)
            } else {
                vietnamese_words(&text)
            };
            assert!(wrong.is_empty(), "{code} {args:?}: {wrong:?} in {text}");
        }
    }
    assert!(!c.out().exists(), "a mistaken command line built nothing");
}

/// The words of a text, lowercase, between single spaces, so that a
/// phrase is found as whole words whatever punctuation is around it, and
/// never inside a longer word (`xoá` in “Xoá dòng”, not in “xoáy”).
fn words(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!(" {} ", words.join(" "))
}

/// The Vietnamese catalogue and the built-in theme's Vietnamese interface
/// strings use none of the words src/i18n/GLOSSARY.md rules out ("Words the
/// catalogue does not use"): one thing, one word, and no word that says
/// something else (`chữ thường` is lowercase, not plain text; `nguồn tin`
/// an informant, not a feed).
#[test]
fn the_vietnamese_words_are_the_glossary_s() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let glossary = std::fs::read_to_string(repo.join("src/i18n/GLOSSARY.md")).unwrap();
    let table = glossary
        .split("## Words the catalogue does not use")
        .nth(1)
        .expect("the glossary's table of words not used");
    let avoided: Vec<String> = table
        .lines()
        .filter(|l| {
            l.starts_with("| ") && !l.starts_with("| không dùng") && !l.starts_with("| ---")
        })
        .flat_map(|l| l[2..].split(" | ").next().unwrap().split(", "))
        .map(|w| w.trim().to_string())
        .collect();
    assert!(avoided.len() >= 10, "{avoided:?}");
    let mut files: Vec<_> = std::fs::read_dir(repo.join("src/i18n/vi"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.push(repo.join("themes/default/i18n/vi.yaml"));
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let line_words = words(line);
            for word in &avoided {
                if line_words.contains(&words(word)) {
                    found.push(format!("{}:{}: `{word}` in {line}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
