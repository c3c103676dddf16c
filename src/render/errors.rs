//! Template errors as diagnostics: the template file and line (not Tera's
//! internal name), the page being rendered, and the whole chain of causes.

use std::collections::HashMap;
use std::error::Error as _;

use crate::codes::Code;
use crate::error::Diagnostic;
use crate::i18n::Msg;
use crate::msg;

/// Turns a Tera error into a diagnostic naming the template file and line;
/// `what` names the page being rendered, if any.
pub fn template_diagnostic(
    err: &tera::Error,
    origins: &HashMap<String, String>,
    what: Option<&str>,
) -> Diagnostic {
    let message = |reason: String| -> Msg {
        match what {
            Some(page) => msg!("template-error-during", reason = reason, page = page),
            None => msg!("template-error", reason = reason),
        }
    };
    match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let name = report.filename();
            let file = origins
                .get(name)
                .cloned()
                .unwrap_or_else(|| format!("template {name}"));
            let span = report.span();
            Diagnostic::error(Code::TemplateError, message(report.message().to_string()))
                .in_file(file)
                .at(span.start_line, span.start_col + 1)
                .help(msg!("template-error-help"))
        }
        _ => {
            let mut chain = err.to_string();
            let mut source = err.source();
            while let Some(cause) = source {
                chain.push_str(": ");
                chain.push_str(&cause.to_string());
                source = cause.source();
            }
            let file = origins
                .iter()
                .find(|(name, _)| chain.contains(name.as_str()))
                .map(|(_, f)| f.clone());
            let d = Diagnostic::error(Code::TemplateError, message(chain));
            match file {
                Some(f) => d.in_file(f),
                None => d,
            }
        }
    }
}
