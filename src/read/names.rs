//! Names from the campaign tree that become parts of output paths. District
//! staff send files from their own machines, so every file and folder name
//! is checked before it is used: nothing may climb out of the output, and a
//! site must still copy to a Windows machine or a USB stick. Pure: no I/O.

use crate::i18n::Msg;
use crate::msg;

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

/// Names Windows reserves for devices, whatever extension follows them.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "conin$", "conout$", "com0", "com1", "com2", "com3", "com4",
    "com5", "com6", "com7", "com8", "com9", "com¹", "com²", "com³", "lpt0", "lpt1", "lpt2", "lpt3",
    "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³",
];

/// Characters Windows and USB sticks (FAT, exFAT) refuse in names.
const WINDOWS_FORBIDDEN: &[char] = &['<', '>', ':', '"', '|', '?', '*'];

/// The longest name (in bytes of UTF-8, as Linux and macOS count) used as
/// part of an output path. File systems keep at most 255, and a picture's
/// published files add its width, a code and another extension to its name
/// (`anh.1600.3f2a9c1e.webp`): a longer name passed `loa check` and then
/// stopped `loa build` with "File name too long" and no file to fix.
pub const MAX_NAME_BYTES: usize = 200;

/// What is wrong with one file or folder name, in plain words; `None` when
/// it is safe to use as part of an output path.
pub fn problem(name: &str) -> Option<Msg> {
    if name.is_empty() || name == "." || name == ".." {
        return Some(msg!("name-unusable"));
    }
    if name.len() > MAX_NAME_BYTES {
        return Some(msg!(
            "name-too-long",
            length = name.len(),
            limit = MAX_NAME_BYTES
        ));
    }
    if name.contains('\\') || name.contains('/') {
        return Some(msg!("name-backslash"));
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Some(msg!(
            "name-control",
            character = format!("U+{:04X}", u32::from(c))
        ));
    }
    if let Some(c) = name.chars().find(|&c| is_invisible_format(c)) {
        return Some(msg!(
            "name-invisible",
            character = format!("U+{:04X}", u32::from(c))
        ));
    }
    if let Some(c) = name.chars().find(|c| WINDOWS_FORBIDDEN.contains(c)) {
        return Some(msg!("name-forbidden", character = c));
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some(msg!("name-trailing"));
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    // The reserved names' letters are ASCII, and no other letter lowercases
    // to one of them, so no allocation is needed for this check on every
    // part of every path written.
    if is_reserved(stem) {
        return Some(msg!("name-reserved", name = stem));
    }
    None
}

/// Is `name` one Windows keeps for a device (`con`, `nul`, `com1`…), in
/// any case: no file or folder can have it.
pub fn is_reserved(name: &str) -> bool {
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(name))
}

/// Right-to-left overrides, zero-width characters and the like: they make a
/// name look like another (`gpj.exe` shown as `exe.jpg`).
pub fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// A safe name to suggest instead of `name`: lowercase letters without
/// accents, digits and hyphens, keeping a short extension.
pub fn suggestion(name: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (stem, Some(ext.to_ascii_lowercase()))
        }
        _ => (name, None),
    };
    let mut slug = crate::read::slug::slugify(stem);
    // Slugs are ASCII: 60 bytes are 60 letters.
    if slug.len() > 60 {
        slug.truncate(60);
        slug = slug.trim_end_matches('-').to_string();
    }
    if slug.is_empty() {
        slug = "tep".into();
    }
    if RESERVED.contains(&slug.as_str()) {
        slug.push_str("-1");
    }
    match ext {
        Some(ext) => format!("{slug}.{ext}"),
        None => slug,
    }
}

/// The key two names share when they would be one file on a machine that
/// ignores case (Windows, macOS, USB sticks): lowercase NFC.
pub fn fold(path: &str) -> String {
    path.nfc().flat_map(char::to_lowercase).collect()
}

/// Pairs of paths (relative, `/`-separated) that differ only by upper and
/// lower case or by how their accents are encoded: (first, second), in the
/// order given.
pub fn clashes<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<(String, String)> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let mut found = Vec::new();
    for path in paths {
        match seen.get(&fold(path)) {
            Some(first) if *first != path => found.push((first.to_string(), path.to_string())),
            Some(_) => {}
            None => {
                seen.insert(fold(path), path);
            }
        }
    }
    found
}

/// Whether `rel` is a relative, `/`-separated path whose every part is a
/// safe name: the last check before a file is written.
pub fn is_safe_relative(rel: &str) -> bool {
    !rel.is_empty() && !rel.starts_with('/') && rel.split('/').all(|part| problem(part).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_pass() {
        for name in [
            "ky-nang.md",
            "so-do.png",
            "Tiếng Việt.md",
            "a.en.md",
            "_index.md",
            "console.md",
            "nullable.txt",
        ] {
            assert_eq!(problem(name), None, "{name}");
        }
    }

    #[test]
    fn every_dangerous_class_is_refused() {
        for name in [
            "x\\..\\..\\owned.md",
            "a\u{0}b.md",
            "a\nb.md",
            "tab\t.md",
            "a\u{7f}.md",
            "a\u{85}.md",
            "con",
            "CON.md",
            "nul.tar.gz",
            "Com1.png",
            "lpt9.md",
            "com¹.md",
            "aux .md",
            "trailing.",
            "trailing ",
            "what?.md",
            "a:b.md",
            "a*b.md",
            "\"q\".md",
            "a<b>.md",
            "a|b.md",
            "gpj\u{202E}.exe",
            "zero\u{200B}width.md",
            "..",
            ".",
            "",
        ] {
            assert!(problem(name).is_some(), "{name:?} passed");
        }
    }

    #[test]
    fn suggestions_are_safe() {
        assert_eq!(suggestion("x\\..\\..\\owned.md"), "x-owned.md");
        assert_eq!(suggestion("CON.md"), "con-1.md");
        assert_eq!(suggestion("Kỹ năng?.md"), "ky-nang.md");
        for name in ["x\\..\\a.md", "nul", "a\u{0}.png", "...", "trailing. "] {
            assert_eq!(problem(&suggestion(name)), None, "{name:?}");
        }
    }

    #[test]
    fn case_and_accent_encodings_clash() {
        let found = clashes([
            "skills/A.md",
            "skills/b.md",
            "skills/a.md",
            "Việt.md",
            "Vie\u{0323}\u{0302}t.md",
        ]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0], ("skills/A.md".into(), "skills/a.md".into()));
    }

    #[test]
    fn output_paths() {
        assert!(is_safe_relative("ba-dinh/en/skills/index.html"));
        assert!(is_safe_relative(".htaccess"));
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a\\..\\x",
            "a//b",
            "a/./b",
            "nul/x",
        ] {
            assert!(!is_safe_relative(bad), "{bad:?}");
        }
    }
}
