//! Template errors as diagnostics: the template file and line (not Tera's
//! internal name), the page being rendered, and the whole chain of causes.

use std::collections::HashMap;
use std::error::Error as _;

use crate::codes::Code;
use crate::error::Diagnostic;

/// Turns a Tera error into a diagnostic naming the template file and line;
/// `what` names the page being rendered, if any.
pub fn template_diagnostic(
    err: &tera::Error,
    origins: &HashMap<String, String>,
    what: Option<&str>,
) -> Diagnostic {
    let during = what.map_or(String::new(), |w| format!(" (while rendering {w})"));
    match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let name = report.filename();
            let file = origins
                .get(name)
                .cloned()
                .unwrap_or_else(|| format!("template {name}"));
            let span = report.span();
            Diagnostic::error(Code::TemplateError, format!("{}{during}", report.message()))
                .in_file(file)
                .at(span.start_line, span.start_col + 1)
                .help("fix the template; if you did not change templates, report this to the theme's maintainers")
        }
        _ => {
            let mut message = err.to_string();
            let mut source = err.source();
            while let Some(cause) = source {
                message.push_str(": ");
                message.push_str(&cause.to_string());
                source = cause.source();
            }
            let file = origins
                .iter()
                .find(|(name, _)| message.contains(name.as_str()))
                .map(|(_, f)| f.clone());
            let d = Diagnostic::error(Code::TemplateError, format!("{message}{during}"));
            match file {
                Some(f) => d.in_file(f),
                None => d,
            }
        }
    }
}
