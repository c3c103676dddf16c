//! `loa check`: load and render the campaign in memory, run every check,
//! and print the report. Writes nothing.

use std::path::PathBuf;

use crate::check::{self, CheckOptions, Report};
use crate::error::{Error, Result};
use crate::project::{self, LoadOptions};

/// What `loa check` was asked to do.
#[derive(Debug, Clone)]
pub struct CheckArgs {
    /// The campaign folder.
    pub root: PathBuf,
    /// Only these districts (all when empty).
    pub districts: Vec<String>,
    /// Warnings count as errors.
    pub strict: bool,
}

/// Runs the checks. A campaign that cannot even be loaded gives a report
/// of its loading errors.
pub fn run(args: &CheckArgs) -> Result<Report> {
    let options = LoadOptions {
        districts: args.districts.clone(),
        ..LoadOptions::default()
    };
    let check_options = CheckOptions {
        strict: args.strict,
    };
    match project::load(&args.root, &options) {
        Ok(mut project) => {
            // Pictures are made (or found in the cache) as a build would,
            // so their size budget is checked too.
            match crate::engine::prepare_images(&project) {
                Ok(mut found) => project.diagnostics.append(&mut found),
                Err(Error::Content(findings)) => project.diagnostics = findings,
                Err(other) => return Err(other),
            }
            Ok(check::run(&project, check_options))
        }
        Err(Error::Content(mut findings)) => {
            if args.strict {
                check::strictly(&mut findings);
            }
            Ok(Report {
                findings,
                translations: Vec::new(),
                external: Vec::new(),
                strict: args.strict,
            })
        }
        Err(other) => Err(other),
    }
}
