//! The bottom layer: reading what district staff send. Decoding text
//! (UTF-8, byte-order mark, Unicode NFC), checking every file and folder
//! name before it becomes part of a path (`crate::read::names`), and the one
//! rule for links in the campaign tree: followed while they stay inside it,
//! refused when they lead out, checked again when a file is opened to be
//! published.

use std::path::Path;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::codes::Code;
use crate::error::{Diagnostic, line_col};
use crate::msg;

/// Decodes a text file: UTF-8 (an error names the line and column of the
/// first bad byte), without a byte-order mark, normalised to Unicode NFC so
/// the same Vietnamese letter is always the same bytes.
pub fn decode_text(bytes: Vec<u8>, file: &str) -> Result<String, Diagnostic> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(&err.as_bytes()[..valid]).unwrap_or("");
            let (line, column) = line_col(prefix, prefix.len());
            return Err(
                Diagnostic::error(Code::ContentNotUtf8, msg!("content-not-utf8"))
                    .in_file(file)
                    .at(line, column)
                    .help(msg!("content-not-utf8-help")),
            );
        }
    };
    if surely_nfc(&text) {
        return Ok(text);
    }
    Ok(match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    })
}

/// A fast answer for the usual text, on the UTF-8 bytes: ASCII, Latin-1
/// and the other letters below U+0300, the precomposed Vietnamese letters
/// (U+1E00–U+1EFF) and general punctuation (U+2000–U+207F) are already NFC.
/// Anything else (combining marks first of all) gets the full check.
fn surely_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            // ASCII, continuation bytes, and lead bytes of U+0080–U+02FF.
            0x00..=0xCB => i += 1,
            0xE1 if matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) => i += 3,
            0xE2 if matches!(bytes.get(i + 1), Some(0x80 | 0x81)) => i += 3,
            _ => return false,
        }
    }
    true
}

/// The problem with a file or folder name that cannot become part of an
/// output path (see `crate::read::names`), as an error with `code`.
pub fn bad_name(entry: &walkdir::DirEntry, code: Code) -> Option<Diagnostic> {
    let Some(name) = entry.file_name().to_str() else {
        return Some(
            Diagnostic::error(code, msg!("name-not-utf8")).help(msg!("name-not-utf8-help")),
        );
    };
    let problem = crate::read::names::problem(name)?;
    Some(Diagnostic::error(code, problem).help(msg!(
        "name-rename-help",
        name = crate::read::names::suggestion(name)
    )))
}

/// The largest YAML file loa reads (`site.yaml`, a district's file, a
/// hotline list): a district's file is a few kilobytes, a city's whole
/// directory of numbers well under this. A ward file of 15 MB (100k
/// hotlines) took half a minute and 2 GB to check.
pub const MAX_YAML_BYTES: usize = 1_048_576;

/// A YAML file's bytes, read up to one byte more than [`MAX_YAML_BYTES`]
/// (never whole); a larger file is an error for `file` (its path from the
/// campaign folder) saying what to do.
pub fn read_yaml(path: &Path, file: &str) -> std::io::Result<Result<Vec<u8>, Diagnostic>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_YAML_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() <= MAX_YAML_BYTES {
        return Ok(Ok(bytes));
    }
    Ok(Err(Diagnostic::error(
        Code::ContentYamlTooLarge,
        msg!("content-yaml-too-large", limit = MAX_YAML_BYTES / 1_048_576),
    )
    .in_file(file)
    .help(msg!("content-yaml-too-large-help"))))
}

/// Whether `entry` is a symbolic link leading outside `root` (a
/// canonical path): such links are never followed.
pub fn leads_outside(entry: &walkdir::DirEntry, root: &Path) -> bool {
    entry.path_is_symlink() && !resolves_inside(entry.path(), root)
}

/// Whether `path`, with every link in it followed, is inside `root` (a
/// canonical path). The one rule for links, for reading and publishing.
pub fn resolves_inside(path: &Path, root: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|target| target.starts_with(root))
}

/// Opens a file found in `content/` to publish it, with the walk's rule
/// checked again now: the file may have been replaced by a link leading
/// out since it was found (`serve` keeps what it found for hours). The
/// path is resolved; it must be inside `root`; the resolved path is opened
/// without following a link in its last part, and (on Linux) the file
/// actually opened must be inside `root` too, so a folder swapped for a
/// link in between is caught. Only regular files are opened.
pub fn open_inside(path: &Path, root: &Path) -> std::io::Result<std::fs::File> {
    let root = root.canonicalize()?;
    let target = path.canonicalize()?;
    if !target.starts_with(&root) {
        return Err(outside());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    no_follow(&mut options);
    let file = options.open(&target)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "this is not a regular file",
        ));
    }
    if !opened_inside(&file, &root) {
        return Err(outside());
    }
    Ok(file)
}

/// Creates the new file `path`, and the folders it needs, only inside
/// `root`: a folder on the way that is a link leading out (a ward can send
/// `news/` as a link to anywhere) is refused, folders are made one at a
/// time and checked, the file is created without following a link at its
/// place and never over an existing file, and (on Linux) the file actually
/// created must be inside `root`.
pub fn create_new_inside(path: &Path, root: &Path) -> std::io::Result<std::fs::File> {
    let root = root.canonicalize()?;
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "this is not a file name",
        ));
    };
    let parent = folders_inside(parent, &root)?;
    let target = parent.join(name);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    no_follow(&mut options);
    let file = options.open(&target)?;
    if !opened_inside(&file, &root) {
        let _ = std::fs::remove_file(&target);
        return Err(outside());
    }
    Ok(file)
}

/// Makes the folder `dir` and those above it that are missing, each
/// checked to be inside `root` (canonical); returns `dir` resolved.
fn folders_inside(dir: &Path, root: &Path) -> std::io::Result<std::path::PathBuf> {
    let mut missing = Vec::new();
    let mut existing = dir;
    while std::fs::symlink_metadata(existing).is_err() {
        missing.push(existing);
        existing = match existing.parent() {
            Some(up) if !up.as_os_str().is_empty() => up,
            _ => Path::new("."),
        };
    }
    let mut real = existing.canonicalize()?;
    if !real.starts_with(root) {
        return Err(outside());
    }
    for folder in missing.into_iter().rev() {
        let Some(name) = folder.file_name() else {
            return Err(outside());
        };
        let next = real.join(name);
        match std::fs::create_dir(&next) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        real = next.canonicalize()?;
        if !real.starts_with(root) {
            return Err(outside());
        }
    }
    Ok(real)
}

/// The error for a path that leads out of the campaign.
fn outside() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::PermissionDenied,
        "this is a link to a place outside the campaign; loa does not follow it",
    )
}

/// Opens without following a link in the last part of the path (where the
/// system offers it; elsewhere the checks around it must do).
fn no_follow(options: &mut std::fs::OpenOptions) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    {
        let _ = options;
    }
}

/// Whether the file actually opened is inside `root` (canonical), so a
/// folder swapped for a link between a check and the opening is caught.
/// Linux tells through `/proc`; elsewhere, the checks before must do.
fn opened_inside(file: &std::fs::File, root: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let opened = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd()));
        !opened.is_ok_and(|real| !real.starts_with(root))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (file, root);
        true
    }
}

/// Where the first control character other than tab, line feed and
/// carriage return is in `text` (a byte offset): C0 controls and DEL are one
/// byte each, C1 controls (U+0080–U+009F) the two bytes `C2 80`–`C2 9F`.
/// The bidirectional overrides, embeddings and isolates (U+202A–U+202E,
/// U+2066–U+2069: `E2 80 AA`–`AE`, `E2 81 A6`–`A9`) count too: they show
/// text in another order than it is stored, so a phone number or an address
/// could read as another. So do U+FFFE and U+FFFF (`EF BF BE`/`BF`), which
/// XML forbids: one in a title would break every news feed. Read byte by
/// byte, so checking every page costs next to nothing.
pub fn first_control(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().position(|(i, &b)| {
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0x7f
            || (b == 0xc2 && (0x80..=0x9f).contains(&next(1)))
            || (b == 0xe2 && next(1) == 0x80 && (0xaa..=0xae).contains(&next(2)))
            || (b == 0xe2 && next(1) == 0x81 && (0xa6..=0xa9).contains(&next(2)))
            || (b == 0xef && next(1) == 0xbf && matches!(next(2), 0xbe | 0xbf))
    })
}

/// Whether `text` shows nothing: only spaces and characters that take no
/// room (zero-width spaces and joiners, the soft hyphen, fillers, the
/// braille blank), so a title made of them reads as no title.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(c, '\u{00AD}' | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
                | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{2800}'
                | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_nfc_check_agrees_with_the_full_one() {
        for text in [
            "Việt Nam ơi",
            "Đ đ Ư ư Ơ ơ ả ẫ ự ỹ",
            "plain",
            "“quotes” – dash…",
            "Vie\u{0323}\u{0302}t",
            "e\u{301}",
        ] {
            if surely_nfc(text) {
                assert_eq!(is_nfc_quick(text.chars()), IsNormalized::Yes, "{text}");
            }
        }
        assert!(!surely_nfc("e\u{301}"));
    }

    #[test]
    fn control_characters_are_found_by_their_bytes() {
        for (text, at) in [
            ("ok\tok\r\n", None),
            ("a\u{0}b", Some(1)),
            ("đ\u{1b}[2J", Some(2)),
            ("x\u{7f}", Some(1)),
            ("Việt\u{85}", Some(6)),
            ("\u{a0}\u{100}", None),
        ] {
            assert_eq!(first_control(text), at, "{text:?}");
            let by_chars = text.find(|c: char| c.is_control() && !matches!(c, '\n' | '\t' | '\r'));
            assert_eq!(first_control(text), by_chars, "{text:?}");
        }
        // Bidirectional overrides and isolates, and their neighbours that
        // are ordinary punctuation.
        for (text, at) in [
            ("113\u{202E}111", Some(3)),
            ("a\u{202A}", Some(1)),
            ("đ\u{2066}x\u{2069}", Some(2)),
            ("\u{2069}", Some(0)),
            ("a\u{2029}b\u{2030}\u{2065}\u{206A}c", None),
            ("“x” – y…", None),
            ("tin\u{FFFE}", Some(3)),
            ("\u{FFFF}", Some(0)),
            ("\u{FFFD}\u{FEFF}\u{FFBE}", None),
        ] {
            assert_eq!(first_control(text), at, "{text:?}");
        }
    }

    #[test]
    fn blank_texts_show_nothing() {
        for text in [
            "",
            " ",
            "\u{200B}",
            "\u{3164}",
            "\u{A0}\u{FEFF}\u{200D}",
            "\u{2800}",
        ] {
            assert!(is_blank(text), "{text:?}");
        }
        for text in ["a", "\u{200B}x", "·", "111"] {
            assert!(!is_blank(text), "{text:?}");
        }
    }

    #[test]
    fn decoding_reports_bad_bytes_and_normalises() {
        let mut bytes = b"title: ok\nna\xFFme".to_vec();
        let err = decode_text(bytes.clone(), "content/a.md").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)));
        bytes = "\u{feff}Vie\u{0323}\u{0302}t".as_bytes().to_vec();
        assert_eq!(decode_text(bytes, "x").unwrap(), "Việt");
    }
}
