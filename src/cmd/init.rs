//! `loa init`: starts a new campaign that builds and passes `loa check` at
//! once, for another province or organisation: `site.yaml`, one district
//! with a marked example number, the sections with their index pages in
//! every language, the four national numbers, the cover-your-tracks page,
//! and a README for the campaign's editors. The starter text exists in
//! Vietnamese and English (`src/cmd/init/{vi,en}/`); other languages get the
//! English text with a note to translate it. Everything is written into a
//! staging folder first and moved into place in one step, so a failure
//! leaves nothing behind; a folder that is not empty is refused.
//! With `--ci`, the forge's workflow comes too (`init/ci.rs`); a folder
//! that holds a campaign already gets only that.

pub mod ci;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::read::values::Date;
use crate::read::yaml::quote;

/// The starter text, in Vietnamese and English.
#[derive(rust_embed::RustEmbed)]
#[folder = "src/cmd/init/"]
#[exclude = "*.rs"]
#[exclude = "ci/*"]
struct Starter;

/// What `loa init` was asked to do.
#[derive(Debug, Clone)]
pub struct InitArgs {
    /// The new campaign's folder (created if missing; must be empty).
    pub dir: PathBuf,
    /// Language codes; the first is the default.
    pub languages: Vec<String>,
    /// The campaign's name in the first language (and, until translated,
    /// in the others), when given.
    pub name: Option<String>,
    /// The forge whose workflow to add (`--ci`), if any.
    pub ci: Option<ci::Forge>,
    /// The SHA-256 of the release's program for CI (`--loa-sha256`), for a
    /// loa that was not built by the release workflow.
    pub loa_sha256: Option<String>,
    /// The campaign's name in English, when given.
    pub name_en: Option<String>,
}

impl InitArgs {
    /// The sites' title in `lang`: `--name-en` in English, `--name` in
    /// any language, else the starter title.
    fn name(&self, lang: &str) -> String {
        match (&self.name, &self.name_en) {
            (_, Some(en)) if lang == "en" => en.clone(),
            (Some(name), _) => name.clone(),
            _ => text(
                lang,
                "Phòng chống bạo lực với phụ nữ và trẻ em",
                "Preventing violence against women and children",
            )
            .into(),
        }
    }

    /// The languages whose title is a copy of `--name`, still to translate.
    pub fn untranslated_name(&self) -> Vec<&str> {
        let Some(first) = self.languages.first() else {
            return Vec::new();
        };
        self.languages
            .iter()
            .filter(|l| *l != first && self.name.is_some() && self.name(l) == self.name(first))
            .map(String::as_str)
            .collect()
    }
}

/// The district every new campaign starts with.
const DISTRICT: &str = "phuong-mau";

/// Creates the campaign; returns the files written, relative to `dir`.
pub fn run(args: &InitArgs) -> Result<Vec<String>> {
    check_languages(&args.languages)?;
    for (flag, name) in [("--name", &args.name), ("--name-en", &args.name_en)] {
        if let Some(name) = name
            && (name.trim().is_empty() || name.chars().any(char::is_control))
        {
            return Err(Error::Usage(format!(
                "{flag} must be a campaign name in plain text, without control characters"
            )));
        }
    }
    let workflow = match args.ci {
        Some(forge) => Some((forge, ci::workflow(forge, args.loa_sha256.as_deref())?)),
        None => None,
    };
    if let Some((forge, text)) = &workflow
        && args.dir.join("content/site.yaml").is_file()
    {
        return Ok(vec![ci::add_to_campaign(&args.dir, *forge, text)?]);
    }
    check_folder(&args.dir)?;
    let today = Date::today().unwrap_or_else(|today| today);
    let mut files = campaign_files(args, today);
    if let Some((forge, text)) = workflow {
        files.insert(forge.path().into(), text);
    }
    write_all(&args.dir, &files)?;
    Ok(files.into_keys().collect())
}

fn check_languages(languages: &[String]) -> Result<()> {
    if languages.is_empty() {
        return Err(Error::Usage(
            "--lang needs at least one language code, such as vi,en".into(),
        ));
    }
    for (i, code) in languages.iter().enumerate() {
        let plain = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
        if !plain {
            return Err(Error::Usage(format!(
                "--lang: `{code}` is not a language code; use two or three lowercase letters, such as vi, en or fr"
            )));
        }
        if languages[..i].contains(code) {
            return Err(Error::Usage(format!("--lang names `{code}` twice")));
        }
    }
    Ok(())
}

/// A new or empty folder: anything else is refused before writing.
fn check_folder(dir: &Path) -> Result<()> {
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Error::Usage(format!(
                    "{} is not empty; loa init starts a campaign only in a new or empty folder, so nothing was written. Choose another folder, e.g. `loa init my-campaign`",
                    dir.display()
                )));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if dir.is_file() => Err(Error::Usage(format!(
            "{} is a file; give loa init a folder name",
            dir.display()
        ))),
        Err(e) => Err(Error::read(dir, e)),
    }
}

/// Writes every file into a staging folder beside `dir`, then moves it
/// into place in one step (over `dir` itself when it is an empty folder).
fn write_all(dir: &Path, files: &BTreeMap<String, String>) -> Result<()> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    let name = dir
        .file_name()
        .map_or_else(|| "campaign".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.loa-init-{}", std::process::id()));
    let result = (|| {
        for (rel, text) in files {
            crate::output::write(&staging, rel, text.as_bytes())?;
        }
        if dir.is_dir() {
            fs::remove_dir(dir).map_err(|e| Error::write(dir, e))?;
        }
        fs::rename(&staging, dir).map_err(|e| Error::write(dir, e))
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// Every file of the new campaign, by path.
fn campaign_files(args: &InitArgs, today: Date) -> BTreeMap<String, String> {
    let languages = &args.languages;
    let mut files = BTreeMap::new();
    let name = |lang: &str| args.name(lang);
    files.insert(
        "content/site.yaml".into(),
        site_yaml(languages, &name, &args.untranslated_name()),
    );
    files.insert(
        format!("content/districts/{DISTRICT}.yaml"),
        district_yaml(languages),
    );
    files.insert(
        "content/hotlines/quoc-gia.yaml".into(),
        national_yaml(languages, today),
    );
    for path in Starter::iter().filter(|p| p.starts_with("en/") && p.ends_with(".md")) {
        let page = &path["en/".len()..];
        if page == "README.md" {
            continue;
        }
        for (i, lang) in languages.iter().enumerate() {
            let target = match (i, page.strip_suffix(".md")) {
                (0, _) | (_, None) => format!("content/{page}"),
                (_, Some(stem)) => format!("content/{stem}.{lang}.md"),
            };
            files.insert(target, starter_page(page, lang));
        }
    }
    let readme = starter(&languages[0], "README.md").replace("{{name}}", &name(&languages[0]));
    files.insert("README.md".into(), readme);
    files.insert(
        ".gitignore".into(),
        "/public/\n/.public.loa-*\n/.loa-cache/\n".into(),
    );
    for lang in languages
        .iter()
        .filter(|l| !matches!(l.as_str(), "vi" | "en"))
    {
        files.insert(
            format!("themes/default/i18n/{lang}.yaml"),
            strings_to_translate(lang),
        );
    }
    files
}

/// The Vietnamese text for `vi`, the English text for any other language.
fn text<'a>(lang: &str, vi: &'a str, en: &'a str) -> &'a str {
    if lang == "vi" { vi } else { en }
}

/// A starter file in `lang`, or in English when there is none in `lang`.
fn starter(lang: &str, path: &str) -> String {
    let file = Starter::get(&format!("{lang}/{path}"))
        .or_else(|| Starter::get(&format!("en/{path}")))
        .expect("every starter page exists in English");
    String::from_utf8_lossy(&file.data).into_owned()
}

/// A page in `lang`; in a language without starter text, the English page
/// opens with a note to translate it.
fn starter_page(path: &str, lang: &str) -> String {
    let page = starter(lang, path);
    if matches!(lang, "vi" | "en") {
        return page;
    }
    match crate::read::content::split_front_matter(&page) {
        Ok(split) => format!(
            "---\n{}---\n\n> **Translate this page into `{lang}`.** It is still in English.\n\n{}",
            split.yaml,
            split.body.trim_start()
        ),
        Err(_) => page,
    }
}

/// `{ vi: "…", en: "…" }` for every language.
fn localized(languages: &[String], value: impl Fn(&str) -> String) -> String {
    let pairs: Vec<String> = languages
        .iter()
        .map(|l| format!("{l}: {}", quote(&value(l))))
        .collect();
    format!("{{ {} }}", pairs.join(", "))
}

/// `staff_language:` for a new campaign: its first language when loa
/// speaks it, else the first of the others it speaks, else English.
fn staff_language(languages: &[String]) -> &'static str {
    languages
        .iter()
        .find_map(|l| crate::i18n::Lang::parse(l))
        .unwrap_or(crate::i18n::Lang::En)
        .code()
}

fn site_yaml(languages: &[String], name: &dyn Fn(&str) -> String, copied: &[&str]) -> String {
    let description = localized(languages, |l| {
        text(
            l,
            "Số điện thoại trợ giúp, kỹ năng tự bảo vệ và các mô hình an toàn cho phụ nữ, trẻ em và mọi người.",
            "Helplines, self-protection skills and safe-community models for women, children and everyone.",
        )
        .into()
    });
    let unit = localized(languages, |l| text(l, "Phường/Xã", "Ward/Commune").into());
    let note = if copied.is_empty() {
        String::new()
    } else {
        format!(
            "# Translate the title: its `{}` text is still the `{}` name (loa check reminds you).\n",
            copied.join("`, `"),
            languages[0]
        )
    };
    format!(
        "# The campaign's settings: see the README of loa for every key.\n\
         {note}title: {}\n\
         description: {description}\n\
         languages: [{}]\n\
         # The language loa speaks to the people who run the campaign (vi or en).\n\
         staff_language: {}\n\
         theme: default\n\
         unit_label: {unit}\n\
         # A neutral page (the weather service) that the quick-exit button opens.\n\
         quick_exit_url: \"https://nchmf.gov.vn/\"\n\
         pinned_hotlines: [police-113, child-protection-111]\n\
         hotline_max_age_days: 180\n\
         cover_tracks: pages/xoa-dau-vet.md\n",
        localized(languages, name),
        languages.join(", "),
        staff_language(languages),
    )
}

fn district_yaml(languages: &[String]) -> String {
    format!(
        "# One district (ward, commune): rename this file to the district's name\n\
         # in lowercase letters without accents, and add one file per district.\n\
         name: {}\n\
         hotlines:\n  \
           - id: {DISTRICT}-police\n    \
             name: {}\n    \
             phone: \"024 0000 0101\"\n    \
             category: police\n    \
             cost: paid\n    \
             audience: [all]\n    \
             source: \"Example data: a placeholder that cannot connect. Call the ward police, write their real number here, add `verified:` with the date you called, and remove `example: true`.\"\n    \
             example: true\n",
        localized(languages, |l| text(l, "Phường Mẫu", "Sample Ward").into()),
        localized(languages, |l| text(l, "Công an phường", "Ward police")
            .into()),
    )
}

/// The four national numbers every district shows.
fn national_yaml(languages: &[String], today: Date) -> String {
    const NUMBERS: [(&str, &str, &str, &str, &str, &str); 4] = [
        (
            "police-113",
            "113",
            "Công an 113",
            "Police 113",
            "Gọi ngay khi có người đang đánh, đe dọa hay làm hại bạn hoặc người khác, kể cả trẻ em.",
            "Call straight away when someone is hitting, threatening or hurting you or someone else, a child included.",
        ),
        (
            "child-protection-111",
            "111",
            "Tổng đài quốc gia bảo vệ trẻ em 111",
            "National Child Protection Hotline 111",
            "Gọi khi một trẻ em bị bạo lực, xâm hại hay có nguy cơ bị hại. Nếu trẻ đang gặp nguy hiểm ngay lúc này, gọi 113 trước.",
            "Call when a child faces violence or abuse or is at risk. If the child is in danger right now, call 113 first.",
        ),
        (
            "fire-rescue-114",
            "114",
            "Cứu hỏa, cứu nạn cứu hộ 114",
            "Fire and rescue 114",
            "Gọi khi có cháy, nổ, hoặc có người bị mắc kẹt cần cứu ra.",
            "Call for a fire or explosion, or when someone is trapped and needs rescuing.",
        ),
        (
            "ambulance-115",
            "115",
            "Cấp cứu 115",
            "Ambulance 115",
            "Gọi khi có người bị thương nặng hay cần cấp cứu.",
            "Call when someone is badly hurt or needs emergency care.",
        ),
    ];
    let mut yaml = String::from(
        "# The numbers every district shows. National numbers, free and answered\n# day and night; check them again before `verified` is 180 days old.\n",
    );
    for (id, phone, vi, en, what_vi, what_en) in NUMBERS {
        yaml.push_str(&format!(
            "- id: {id}\n  name: {}\n  description: {}\n  phone: \"{phone}\"\n  category: emergency\n  hours: {}\n  cost: free\n  audience: [all]\n  districts: all\n  verified: {today}\n  source: \"National emergency number, checked against public sources when the campaign was created; call it to confirm.\"\n",
            localized(languages, |l| text(l, vi, en).into()),
            localized(languages, |l| text(l, what_vi, what_en).into()),
            localized(languages, |_| "24/7".into()),
        ));
    }
    yaml
}

/// The theme's English interface strings, for a language loa has none in.
fn strings_to_translate(lang: &str) -> String {
    let english = crate::render::theme::builtin()
        .i18n("en")
        .and_then(|f| f.text().ok())
        .unwrap_or_default();
    let mut out = format!(
        "# Interface strings for `{lang}`: still in English. Translate every value\n# (keep the keys on the left as they are).\n"
    );
    for line in english.lines() {
        if line.starts_with("language_name:") {
            out.push_str(&format!("language_name: {}\n", quote(lang)));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_starter_page_exists_in_both_languages() {
        let pages = |lang: &str| -> Vec<String> {
            Starter::iter()
                .filter_map(|p| p.strip_prefix(&format!("{lang}/")).map(str::to_string))
                .collect()
        };
        assert_eq!(pages("vi"), pages("en"));
        assert!(pages("en").contains(&"pages/xoa-dau-vet.md".to_string()));
    }

    #[test]
    fn languages_are_plain_codes() {
        assert!(check_languages(&["vi".into(), "en".into()]).is_ok());
        for bad in [
            vec![],
            vec!["VI".into()],
            vec!["../x".into()],
            vec!["vi".into(), "vi".into()],
        ] {
            assert!(check_languages(&bad).is_err(), "{bad:?}");
        }
    }
}
