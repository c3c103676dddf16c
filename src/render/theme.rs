//! Themes: the built-in default theme (compiled into the binary from
//! `themes/default/`) with a campaign's own `themes/<name>/` over it, file by
//! file: templates, static files and interface strings.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use crate::codes::Code;
use crate::error::{Diagnostic, Error, Result, display_path};
use crate::msg;
use crate::read::config::Config;

/// The default theme, built into the binary (in debug builds too), so a
/// campaign needs only `content/`.
#[derive(rust_embed::RustEmbed)]
#[folder = "themes/default/"]
#[exclude = ".*"]
#[exclude = "*/.*"]
struct Builtin;

/// One file of the effective theme.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Path inside the theme: `templates/page.html`, `static/loa.css`.
    pub rel: String,
    /// Its bytes.
    pub bytes: Cow<'static, [u8]>,
    /// Where it came from, for messages: `themes/hanoi/templates/page.html`,
    /// or `themes/default/templates/page.html (built into loa)`.
    pub origin: String,
}

impl ThemeFile {
    /// The file as text, or an error naming it.
    pub fn text(&self) -> std::result::Result<String, Diagnostic> {
        crate::read::source::decode_text(self.bytes.to_vec(), &self.origin)
    }
}

/// The effective theme: the campaign's files over the built-in ones.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Every file, by path inside the theme.
    pub files: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// Templates: (name inside `templates/`, file).
    pub fn templates(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.under("templates/")
    }

    /// Static files: (output path, file).
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.under("static/")
    }

    /// The interface-string file of a language.
    pub fn i18n(&self, lang: &str) -> Option<&ThemeFile> {
        self.files.get(&format!("i18n/{lang}.yaml"))
    }

    fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a ThemeFile)> {
        self.files
            .range(prefix.to_string()..)
            .take_while(move |(k, _)| k.starts_with(prefix))
            .map(move |(k, f)| (&k[prefix.len()..], f))
    }
}

/// Loads the theme named in the config.
pub fn load(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Result<Theme> {
    let mut theme = builtin();
    let dir = config.root.join("themes").join(config.theme.as_str());
    if !dir.is_dir() {
        if *config.theme != "default" {
            diagnostics.push(
                config.site_file.point_to(
                    Diagnostic::error(
                        Code::ThemeMissing,
                        msg!("theme-missing", theme = &config.theme),
                    )
                    .help(msg!("theme-missing-help")),
                    &config.theme,
                ),
            );
        }
        return Ok(theme);
    }
    for (rel, path) in theme_files(config, &dir, diagnostics)? {
        let bytes = std::fs::read(&path).map_err(|e| Error::read(&path, e))?;
        let origin = shown(config, &path);
        if rel.starts_with("static/") && crate::read::images::sniff(&bytes).is_some() {
            diagnostics.push(
                Diagnostic::error(Code::ThemePicture, msg!("theme-picture"))
                    .in_file(&origin)
                    .help(msg!("theme-picture-help")),
            );
            continue;
        }
        external_requests(&rel, &bytes, &origin, diagnostics);
        theme.files.insert(
            rel.clone(),
            ThemeFile {
                rel,
                bytes: Cow::Owned(bytes),
                origin,
            },
        );
    }
    Ok(theme)
}

/// A template, style sheet or SVG drawing of the campaign's theme that
/// would load a file from another website: `theme/external-request` at
/// each line.
fn external_requests(rel: &str, bytes: &[u8], origin: &str, diagnostics: &mut Vec<Diagnostic>) {
    let css = rel.ends_with(".css");
    if !(css || rel.ends_with(".html") || rel.ends_with(".svg")) {
        return;
    }
    let text = String::from_utf8_lossy(bytes);
    for (line, address) in crate::render::requests::external_requests(&text, css) {
        diagnostics.push(
            Diagnostic::error(
                Code::ThemeExternalRequest,
                msg!("theme-external-request", address = address),
            )
            .in_file(origin)
            .at_line(line)
            .help(msg!("theme-external-request-help")),
        );
    }
}

/// A path under the campaign, as people see it.
fn shown(config: &Config, path: &Path) -> String {
    display_path(path.strip_prefix(&config.root).unwrap_or(path))
}

/// Every file of the campaign's theme folder `dir` (relative path, disk
/// path), in name order: hidden files and folders are skipped, bad names
/// and links leading out of the theme are reported and left out.
fn theme_files(
    config: &Config,
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<(String, std::path::PathBuf)>> {
    let theme = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut refused = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| {
            // Hidden files and folders (`.git`, `.env`) are never the theme's.
            if entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            if entry.depth() > 0
                && let Some(d) = crate::read::source::bad_name(entry, Code::ThemeFileName)
            {
                refused.push(d.in_file(shown(config, entry.path())));
                return false;
            }
            // A link inside the theme is followed; one leading out of it
            // (to the campaign's `.env`, `.git` or anywhere else) is not.
            let inside = !crate::read::source::leads_outside(entry, &theme);
            if !inside {
                refused.push(
                    Diagnostic::error(Code::ThemeSymlinkOutside, msg!("theme-symlink-outside"))
                        .in_file(shown(config, entry.path()))
                        .help(msg!("theme-symlink-outside-help")),
                );
            }
            inside
        });
    let mut files = Vec::new();
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
            Error::read(
                path,
                e.into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("unreadable")),
            )
        })?;
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let rel = display_path(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
        files.push((rel, entry.into_path()));
    }
    diagnostics.append(&mut refused);
    Ok(files)
}

/// The built-in default theme alone.
pub fn builtin() -> Theme {
    let files = Builtin::iter()
        .filter_map(|rel| {
            let file = Builtin::get(&rel)?;
            Some((
                rel.to_string(),
                ThemeFile {
                    rel: rel.to_string(),
                    bytes: file.data,
                    origin: msg!(
                        "output-what-built-in",
                        file = format!("themes/default/{rel}")
                    )
                    .text(),
                },
            ))
        })
        .collect();
    Theme { files }
}

/// Interface strings of one language.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    /// Key -> text.
    pub map: BTreeMap<String, String>,
    /// The file they came from.
    pub file: String,
}

impl Strings {
    /// The text of `key` (empty when missing; missing keys are reported
    /// before rendering).
    pub fn get(&self, key: &str) -> &str {
        self.map.get(key).map_or("", String::as_str)
    }
}

/// An interface string the templates or loa need, and the template that
/// uses it (none for the generator's own).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Needed {
    /// The key.
    pub key: String,
    /// The template file using it, if a template does.
    pub used_in: Option<String>,
}

fn read_strings(
    file: &ThemeFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<BTreeMap<String, String>> {
    let text = file.text().map_err(|d| diagnostics.push(d)).ok()?;
    crate::read::yaml::parse(&text, Path::new(&file.origin), 1)
        .map_err(|mut found| diagnostics.append(&mut found))
        .ok()
}

/// Reads the interface strings of every language: the built-in theme's
/// `i18n/<lang>.yaml` with the campaign's file of the same name over it,
/// key by key (so a campaign changes one string by writing only that
/// line). Reports every needed key that no file gives.
pub fn strings(
    config: &Config,
    theme: &Theme,
    needed: &[Needed],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Strings> {
    let all = merged_strings(config, theme, diagnostics);
    for need in needed {
        check_needed(config, &all, need, diagnostics);
    }
    all
}

/// `themes/<theme>/i18n/<lang>.yaml`.
fn own_file(config: &Config, lang: &str) -> String {
    format!("themes/{}/i18n/{lang}.yaml", config.theme)
}

/// Each language's strings: the built-in ones, with the campaign theme's
/// laid over them key by key.
fn merged_strings(
    config: &Config,
    theme: &Theme,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Strings> {
    let builtin = builtin();
    let own_file = |lang: &str| own_file(config, lang);
    let mut all: BTreeMap<String, Strings> = BTreeMap::new();
    for lang in &config.languages {
        let base = builtin.i18n(lang);
        let over = theme
            .i18n(lang)
            .filter(|f| base.is_none_or(|b| b.origin != f.origin));
        if base.is_none() && over.is_none() {
            diagnostics.push(
                Diagnostic::error(
                    Code::I18nMissingFile,
                    msg!("i18n-missing-file", lang = lang),
                )
                .in_file(own_file(lang))
                .help(msg!("i18n-missing-file-help", file = own_file(lang))),
            );
            continue;
        }
        let mut map = BTreeMap::new();
        for file in base.into_iter().chain(over) {
            if let Some(strings) = read_strings(file, diagnostics) {
                map.extend(strings);
            }
        }
        let file = over.or(base).map(|f| f.origin.clone()).unwrap_or_default();
        all.insert(lang.clone(), Strings { map, file });
    }
    all
}

/// A string a template or loa needs: in no language, it names the
/// template; missing in some, it names each language's file.
fn check_needed(
    config: &Config,
    all: &BTreeMap<String, Strings>,
    need: &Needed,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let own_file = |lang: &str| own_file(config, lang);
    {
        let have: Vec<&String> = all
            .iter()
            .filter(|(_, s)| s.map.contains_key(&need.key))
            .map(|(l, _)| l)
            .collect();
        if have.is_empty()
            && let Some(template) = &need.used_in
        {
            diagnostics.push(
                Diagnostic::error(
                    Code::I18nMissingKey,
                    msg!("i18n-missing-key-all", key = &need.key),
                )
                .in_file(template)
                .help(msg!(
                    "i18n-missing-key-all-help",
                    key = &need.key,
                    file = own_file("<lang>")
                )),
            );
            return;
        }
        for (lang, strings) in all {
            if strings.map.contains_key(&need.key) {
                continue;
            }
            let help = match all.values().find_map(|s| s.map.get(&need.key)) {
                Some(text) => msg!(
                    "i18n-missing-key-example-help",
                    key = &need.key,
                    text = text
                ),
                None => msg!("i18n-missing-key-help", key = &need.key),
            };
            diagnostics.push(
                Diagnostic::error(
                    Code::I18nMissingKey,
                    msg!("i18n-missing-key", key = &need.key, lang = lang),
                )
                .in_file(own_file(lang))
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_theme_file_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk: Vec<String> = WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.')
            })
            .map(|e| display_path(e.path().strip_prefix(&dir).unwrap()))
            .collect();
        let built_in: Vec<String> = builtin().files.keys().cloned().collect();
        assert_eq!(on_disk, built_in);
        assert!(built_in.iter().any(|f| f == "templates/base.html"));
    }
}
