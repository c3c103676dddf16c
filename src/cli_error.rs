//! clap's parse errors (an unknown option, a missing or wrong value, an
//! unknown command) said in the staff language: what was wrong, with the
//! argument named, and what to type (`loa <command> --help`), instead of
//! clap's own English lines and "tip:"s.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use loa::i18n::Msg;
use loa::msg;

/// The message of `err`, a parse error of `command` (`loa build`), and the
/// line that says where to read more.
pub fn message(err: &clap::Error, command: &str) -> (Msg, Msg) {
    let arg = context(err, ContextKind::InvalidArg);
    let value = context(err, ContextKind::InvalidValue);
    let valid = context(err, ContextKind::ValidValue);
    let help = format!("{command} --help");
    let what = match err.kind() {
        ErrorKind::InvalidSubcommand => {
            let wrong = context(err, ContextKind::InvalidSubcommand);
            // Quoted by the message already.
            let like = context(err, ContextKind::SuggestedSubcommand)
                .map(|like| like.trim_matches('`').to_string());
            match like {
                Some(like) => msg!(
                    "parse-error-command-like",
                    arg = wrong_or(wrong),
                    like = like
                ),
                None => msg!("parse-error-command", arg = wrong_or(wrong)),
            }
        }
        ErrorKind::UnknownArgument => match context(err, ContextKind::SuggestedArg) {
            Some(like) => msg!(
                "parse-error-unknown-like",
                arg = wrong_or(arg),
                command = command,
                like = like
            ),
            None => msg!(
                "parse-error-unknown",
                arg = wrong_or(arg),
                command = command
            ),
        },
        ErrorKind::InvalidValue if value.as_deref().is_none_or(str::is_empty) => {
            msg!("parse-error-no-value", arg = wrong_or(arg))
        }
        ErrorKind::InvalidValue => match valid {
            Some(valid) => msg!(
                "parse-error-value-one-of",
                arg = wrong_or(arg),
                value = wrong_or(value),
                values = valid
            ),
            None => msg!(
                "parse-error-value",
                arg = wrong_or(arg),
                value = wrong_or(value)
            ),
        },
        ErrorKind::ValueValidation => msg!(
            "parse-error-value-reason",
            arg = wrong_or(arg),
            value = wrong_or(value),
            reason = reason(err)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            msg!("parse-error-values", arg = wrong_or(arg))
        }
        ErrorKind::ArgumentConflict => {
            let prior = context(err, ContextKind::PriorArg);
            if prior.is_none() || prior == arg {
                msg!("parse-error-twice", arg = wrong_or(arg))
            } else {
                msg!(
                    "parse-error-conflict",
                    arg = wrong_or(arg),
                    other = wrong_or(prior)
                )
            }
        }
        ErrorKind::MissingRequiredArgument => {
            msg!(
                "parse-error-missing",
                args = wrong_or(arg),
                command = command
            )
        }
        ErrorKind::MissingSubcommand => msg!("parse-error-no-command", command = command),
        ErrorKind::NoEquals => msg!("parse-error-equals", arg = wrong_or(arg)),
        ErrorKind::InvalidUtf8 => msg!("parse-error-utf8"),
        _ => msg!("parse-error-other", command = command),
    };
    (what, msg!("parse-error-help", help = help))
}

/// The context `kind` of `err` as text (several values joined by `, `).
fn context(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(
            list.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The named value, or `?` when clap did not say it.
fn wrong_or(value: Option<String>) -> String {
    value.unwrap_or_else(|| "?".into())
}

/// The parser's own reason (a number's "invalid digit"), quoted as a
/// detail.
fn reason(err: &clap::Error) -> String {
    std::error::Error::source(err).map_or_else(String::new, |e| e.to_string())
}

/// The command a person typed (`loa build`), from the words before the
/// first option that name one of `commands`.
pub fn command_of(args: &[String], commands: &[String]) -> String {
    args.iter()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .filter(|a| commands.contains(a))
        .map_or_else(|| "loa".to_string(), |c| format!("loa {c}"))
}
