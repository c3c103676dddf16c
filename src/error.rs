//! Errors and diagnostics: what went wrong, where (file, line, column), and
//! what the person editing the campaign should do about it.
//!
//! Content problems are collected as [`Diagnostic`]s so one run reports all of
//! them; [`Error`] is what stops a command.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::codes::Code;
use crate::i18n::Msg;
use crate::msg;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The campaign cannot be published as it is.
    Error,
    /// Worth fixing; becomes an error under `check --strict`.
    Warning,
}

/// One finding about the campaign, pointing at the source that caused it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code such as `yaml/syntax` or `link/broken`.
    pub code: Code,
    /// The file, relative to the campaign root, with `/` separators.
    pub file: Option<String>,
    /// 1-based line in `file`.
    pub line: Option<usize>,
    /// 1-based column in `file`.
    pub column: Option<usize>,
    /// What is wrong, in plain words (formatted in the staff's language
    /// when shown).
    pub message: Msg,
    /// What to do about it.
    pub help: Option<Msg>,
    /// The line of the file it is about, with a caret under the place (and
    /// for a YAML syntax error, the reader's own words), when shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

impl Severity {
    /// "error" or "warning" in the staff's language.
    pub fn word(self) -> String {
        match self {
            Severity::Error => crate::i18n::text("word-error"),
            Severity::Warning => crate::i18n::text("word-warning"),
        }
    }
}

impl Diagnostic {
    /// A new error with a code and a message.
    pub fn error(code: Code, message: Msg) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A new warning with a code and a message.
    pub fn warning(code: Code, message: Msg) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: Code, message: Msg) -> Self {
        Diagnostic {
            severity,
            code,
            file: None,
            line: None,
            column: None,
            message,
            help: None,
            excerpt: None,
        }
    }

    /// Names the file (a path relative to the campaign root).
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(display_path(file.as_ref()));
        self
    }

    /// Sets the 1-based line.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Sets the position when one is known.
    pub fn at_opt(mut self, position: Option<(usize, usize)>) -> Self {
        if let Some((line, column)) = position {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }

    /// Adds advice on what to do.
    pub fn help(mut self, help: Msg) -> Self {
        self.help = Some(help);
        self
    }

    /// Shows the line it is about (see [`excerpt`]).
    pub fn excerpt(mut self, excerpt: String) -> Self {
        self.excerpt = Some(excerpt);
        self
    }

    /// Is this an error (not a warning)?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, as much of it as is known.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        Some(match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file.clone(),
        })
    }

    /// The order diagnostics are reported in: by file, then line, then text.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            self.file.as_deref().unwrap_or(""),
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.severity,
            self.code.as_str(),
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = self.severity.word();
        if let Some(location) = self.location() {
            write!(f, "{location}: ")?;
        }
        write!(f, "{level}[{}]: {}", self.code, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  {}: {help}", crate::i18n::text("word-help"))?;
        }
        if let Some(excerpt) = &self.excerpt {
            for line in excerpt.lines() {
                write!(f, "\n  {line}")?;
            }
        }
        Ok(())
    }
}

/// `text`, line `line` of a file, shown with a caret under `column` (in
/// characters; a tab shown as `→`, so the caret stays under it), and
/// `reader`'s words under them:
///
/// ```text
///    5 | →cost: paid
///      | ^
/// (the YAML reader said: found a tab)
/// ```
pub fn excerpt(text: &str, line: usize, column: usize, reader: Option<&str>) -> String {
    let shown: String = printable(&text.replace('\t', "→"), false);
    let number = line.to_string();
    let gutter = " ".repeat(number.len());
    let caret = " ".repeat(column.saturating_sub(1));
    let mut out = format!("{number} | {shown}\n{gutter} | {caret}^");
    if let Some(reader) = reader {
        out.push('\n');
        out.push_str(&msg!("yaml-reader-said", words = reader).text());
    }
    out
}

/// Sorts diagnostics into reporting order and drops exact duplicates.
pub fn tidy(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// A path shown to people: `/` separators whatever the platform.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let text = if std::path::MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    };
    // A control character in a hostile name (an escape sequence) must not
    // reach the terminal: show it as `\u{1b}`.
    printable(&text, false)
}

/// `text` fit for a terminal: control characters (escape sequences that
/// would move the cursor, retitle the window or clear the screen) are
/// shown as `\u{1b}`; line breaks are kept when `lines` is true.
pub fn printable(text: &str, lines: bool) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && !(lines && c == '\n') {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Why a command stopped.
#[derive(Debug)]
pub enum Error {
    /// A file or folder could not be read.
    Read {
        /// What we tried to read.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// The output could not be written.
    Write {
        /// What we tried to write.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// The campaign has errors; every one found is listed.
    Content(Vec<Diagnostic>),
    /// The command line asked for something that cannot be done.
    Usage(String),
    /// Publishing a district failed; its remote site is whole (old or new
    /// pages, each with its assets).
    Publish {
        /// The district's slug.
        district: String,
        /// The target.
        target: String,
        /// What went wrong.
        message: String,
        /// The districts still to publish: this one and those after it.
        rerun: Vec<String>,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Error::Read { path, .. } => msg!("error-read", path = path),
            Error::Write { path, .. } => msg!("error-write", path = path),
            Error::Content(found) => msg!(
                "error-content",
                errors = found.iter().filter(|d| d.is_error()).count()
            ),
            Error::Usage(message) => return f.write_str(message),
            Error::Publish {
                district,
                target,
                message,
                rerun,
            } => msg!(
                "error-publish",
                district = district,
                target = target,
                reason = message,
                command = format!(
                    "loa deploy{}",
                    rerun
                        .iter()
                        .map(|d| format!(" --district {d}"))
                        .collect::<String>()
                )
            ),
        };
        f.write_str(&text.text())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Error {
    /// Shorthand for a read error.
    pub fn read(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Read {
            path: path.into(),
            source,
        }
    }

    /// Shorthand for a write error.
    pub fn write(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Write {
            path: path.into(),
            source,
        }
    }
}

/// Result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Turns a byte offset in `text` into a 1-based (line, column), counting
/// columns in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Suggests the closest of `candidates` to `word`, when one is close enough
/// to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "tiêu đề\nđường dây nóng: x";
        let offset = text.find(':').unwrap();
        assert_eq!(line_col(text, offset), (2, 15));
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, text.len()), (2, 18));
    }

    #[test]
    fn suggests_close_words_only() {
        let keys = ["title", "description", "weight"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("Weigth", keys), Some("weight"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }

    #[test]
    fn printable_text_keeps_line_breaks_and_shows_escapes() {
        assert_eq!(printable("a\nb", true), "a\nb");
        assert_eq!(printable("a\nb", false), "a\\u{a}b");
        assert_eq!(printable("\x1b[2Jx\r", true), "\\u{1b}[2Jx\\u{d}");
        assert_eq!(printable("Đường dây nóng", true), "Đường dây nóng");
    }

    #[test]
    fn display_names_location_code_and_help() {
        let d = Diagnostic::error(Code::ConfigTheme, msg!("config-theme", theme = "x y"))
            .in_file("content/site.yaml")
            .at(3, 5)
            .help(msg!("config-theme-help"));
        assert_eq!(
            d.to_string(),
            "content/site.yaml:3:5: error[config/theme]: `x y` is not a theme folder name\n  help: write the name of a folder under themes/, such as `default`"
        );
    }
}
