//! The one way the library tells people what it is doing: a [`Reporter`]
//! the command passes in, told [`Report`]s of catalogue messages, which it
//! formats in the staff language only when it shows them. The terminal
//! ([`Terminal`]: results on standard output, work under way, warnings and
//! errors on standard error), the desk's streamed page and the tests
//! ([`Collect`]) are reporters. Nothing else in the library prints (the
//! `disallowed-macros` and `disallowed-methods` of `clippy.toml`).

use std::io::{IsTerminal as _, Write as _};
use std::sync::Mutex;

use super::Msg;
use crate::error::{Diagnostic, printable};

/// One thing to tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// What was done or is happening, the command's own log: standard
    /// output.
    Note(Msg),
    /// A line under the last note, indented (a dry run's list of files):
    /// standard output.
    Detail(Msg),
    /// A finding met on the way (the preview's rebuilds): standard output.
    Finding(Diagnostic),
    /// What loa is busy with or waiting for: standard error.
    Status(Msg),
    /// How far work counted in steps has come (`done` of `total`): each
    /// step is told; a reporter shows as many as suit it.
    Progress {
        /// The line that says it.
        line: Msg,
        /// Steps done.
        done: usize,
        /// Steps in all.
        total: usize,
    },
    /// Something to look at: standard error after "warning:".
    Warning(Msg),
    /// Something went wrong and work goes on: standard error after
    /// "error:".
    Error(Msg),
}

/// Where the library's reports go. Commands pass one in; the library
/// never prints.
pub trait Reporter: Send + Sync {
    /// Shows (or keeps) one report.
    fn report(&self, report: Report);

    /// Tells what was done or is happening.
    fn note(&self, message: Msg) {
        self.report(Report::Note(message));
    }

    /// Adds a line under the last note.
    fn detail(&self, message: Msg) {
        self.report(Report::Detail(message));
    }

    /// Tells what loa is busy with.
    fn status(&self, message: Msg) {
        self.report(Report::Status(message));
    }

    /// Tells how far counted work has come.
    fn progress(&self, line: Msg, done: usize, total: usize) {
        self.report(Report::Progress { line, done, total });
    }

    /// Warns.
    fn warn(&self, message: Msg) {
        self.report(Report::Warning(message));
    }

    /// Tells of an error that does not stop the work.
    fn error(&self, message: Msg) {
        self.report(Report::Error(message));
    }

    /// Tells of a finding.
    fn finding(&self, finding: &Diagnostic) {
        self.report(Report::Finding(finding.clone()));
    }
}

/// The terminal: notes and findings on standard output, the rest on
/// standard error, in the staff language; control characters (from file
/// names, a server's answer) shown as escapes, never sent to the terminal.
#[derive(Debug)]
pub struct Terminal {
    /// Standard error is a terminal: progress rewrites one line.
    live: bool,
}

impl Terminal {
    /// The terminal of this process.
    #[allow(
        clippy::disallowed_methods,
        reason = "the terminal reporter is the one place that prints"
    )]
    pub fn new() -> Terminal {
        Terminal {
            live: std::io::stderr().is_terminal(),
        }
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Terminal::new()
    }
}

/// Where a report goes on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Out,
    /// Standard error.
    Err,
}

/// What the terminal writes for `report`, and where: `None` when it
/// skips it (progress not at a round step, when standard error is not a
/// terminal). `live`: standard error is a terminal, where progress
/// rewrites its line (`\r`) and ends it at the last step.
pub fn terminal_text(report: &Report, live: bool) -> Option<(Stream, String)> {
    let shown = |text: String| printable(&text, true);
    Some(match report {
        Report::Note(m) => (Stream::Out, format!("{}\n", shown(m.text()))),
        Report::Detail(m) => (Stream::Out, format!("  {}\n", shown(m.text()))),
        Report::Finding(d) => (Stream::Out, format!("{}\n", shown(d.to_string()))),
        Report::Status(m) => (Stream::Err, format!("{}\n", shown(m.text()))),
        Report::Warning(m) => (Stream::Err, labelled("word-warning", m)),
        Report::Error(m) => (Stream::Err, labelled("word-error", m)),
        Report::Progress { line, done, total } => {
            let line = shown(line.text());
            let last = done == total;
            if live {
                let end = if last { "\n" } else { "" };
                (Stream::Err, format!("\r{line}   {end}"))
            } else if last || done.is_multiple_of(100) {
                (Stream::Err, format!("{line}\n"))
            } else {
                return None;
            }
        }
    })
}

/// `error: …`, `warning: …` in the staff language.
fn labelled(word: &'static str, message: &Msg) -> String {
    format!(
        "{}: {}\n",
        super::text(word),
        printable(&message.text(), true)
    )
}

impl Reporter for Terminal {
    #[allow(
        clippy::disallowed_methods,
        reason = "the terminal reporter is the one place that prints"
    )]
    fn report(&self, report: Report) {
        let Some((stream, text)) = terminal_text(&report, self.live) else {
            return;
        };
        // A line at once, even when the output is a pipe (the tests and a
        // desk's window read it as it comes).
        let _ = match stream {
            Stream::Out => {
                let mut out = std::io::stdout().lock();
                out.write_all(text.as_bytes()).and_then(|()| out.flush())
            }
            Stream::Err => std::io::stderr().lock().write_all(text.as_bytes()),
        };
    }
}

/// Keeps every report, for tests.
#[derive(Debug, Default)]
pub struct Collect {
    reports: Mutex<Vec<Report>>,
}

impl Collect {
    /// An empty collector.
    pub fn new() -> Collect {
        Collect::default()
    }

    /// The reports so far, in the order told.
    pub fn reports(&self) -> Vec<Report> {
        self.reports.lock().expect("reports lock").clone()
    }
}

impl Reporter for Collect {
    fn report(&self, report: Report) {
        self.reports.lock().expect("reports lock").push(report);
    }
}

/// Passes every report on to `to` with `wrap` around its message (the
/// desk's actions, `desk: …`); details under a note, progress and findings
/// unchanged.
pub struct Wrapped<'a> {
    /// Where the reports go.
    pub to: &'a dyn Reporter,
    /// Makes the shown message from the told one.
    pub wrap: fn(Msg) -> Msg,
}

impl Reporter for Wrapped<'_> {
    fn report(&self, report: Report) {
        let wrap = self.wrap;
        self.to.report(match report {
            Report::Note(m) => Report::Note(wrap(m)),
            Report::Status(m) => Report::Status(wrap(m)),
            Report::Warning(m) => Report::Warning(wrap(m)),
            Report::Error(m) => Report::Error(wrap(m)),
            other => other,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::text;

    #[test]
    fn notes_and_findings_go_to_standard_output_the_rest_to_standard_error() {
        let stopped = crate::msg!("serve-stopped");
        let note = terminal_text(&Report::Note(stopped.clone()), false);
        assert_eq!(note, Some((Stream::Out, format!("{stopped}\n"))));
        let status = Report::Status(crate::msg!("build-waiting", folder = "public"));
        assert_eq!(terminal_text(&status, false).unwrap().0, Stream::Err);
        let replaced = crate::msg!("build-replaced", files = "a.txt");
        let warning = terminal_text(&Report::Warning(replaced.clone()), false);
        let expected = format!("{}: {replaced}\n", text("word-warning"));
        assert_eq!(warning, Some((Stream::Err, expected)));
        let gone = crate::msg!("serve-stopped-answering", reason = "gone");
        let error = terminal_text(&Report::Error(gone.clone()), false);
        let expected = format!("{}: {gone}\n", text("word-error"));
        assert_eq!(error, Some((Stream::Err, expected)));
    }

    #[test]
    fn control_characters_of_a_hostile_name_never_reach_the_terminal() {
        // An escape sequence in a file name would recolour or rewrite the
        // terminal; a bell, a carriage return, a NUL and C1 controls
        // likewise.
        for hostile in ["\u{1b}[2J", "\u{7}", "a\rb", "\0", "\u{9b}31m", "\u{85}"] {
            let message = crate::msg!("new-created", file = hostile);
            for report in [
                Report::Note(message.clone()),
                Report::Status(message.clone()),
                Report::Warning(message.clone()),
                Report::Error(message.clone()),
            ] {
                let (_, text) = terminal_text(&report, true).unwrap();
                let body = text.strip_suffix('\n').unwrap();
                assert!(!body.chars().any(char::is_control), "{text:?}");
            }
            let progress = Report::Progress {
                line: message,
                done: 1,
                total: 2,
            };
            let (_, text) = terminal_text(&progress, true).unwrap();
            let body = text.strip_prefix('\r').unwrap();
            assert!(!body.chars().any(char::is_control), "{text:?}");
        }
    }

    #[test]
    fn progress_rewrites_one_line_on_a_terminal_and_prints_round_steps_elsewhere() {
        let line = |done| crate::msg!("build-pictures-progress", done = done, total = 250usize);
        let step = |done| Report::Progress {
            line: line(done),
            done,
            total: 250,
        };
        let live = terminal_text(&step(3), true).unwrap().1;
        assert_eq!(live, format!("\r{}   ", line(3)));
        assert_eq!(
            terminal_text(&step(250), true).unwrap().1,
            format!("\r{}   \n", line(250))
        );
        assert_eq!(terminal_text(&step(3), false), None);
        assert_eq!(
            terminal_text(&step(200), false).unwrap().1,
            format!("{}\n", line(200))
        );
        assert!(terminal_text(&step(250), false).is_some());
    }

    #[test]
    fn a_wrapped_reporter_wraps_messages_and_passes_progress_on() {
        let collect = Collect::new();
        let desk = Wrapped {
            to: &collect,
            wrap: |m| crate::msg!("desk-terminal-action-line", line = m),
        };
        desk.note(crate::msg!("serve-stopped"));
        desk.progress(crate::msg!("serve-stopped"), 1, 2);
        let reports = collect.reports();
        assert_eq!(
            reports[0],
            Report::Note(crate::msg!(
                "desk-terminal-action-line",
                line = crate::msg!("serve-stopped")
            ))
        );
        assert_eq!(
            reports[1],
            Report::Progress {
                line: crate::msg!("serve-stopped"),
                done: 1,
                total: 2
            }
        );
    }
}
