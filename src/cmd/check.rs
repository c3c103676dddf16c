//! `loa check`: load and render the campaign in memory, run every check,
//! and print the report. Writes nothing.

use std::path::PathBuf;

use crate::check::{self, Report};
use crate::error::Result;
use crate::i18n::Reporter;

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

/// Runs the checks, telling `reporter` of long work. A campaign that
/// cannot even be loaded gives a report of its loading errors.
pub fn run(args: &CheckArgs, reporter: &dyn Reporter) -> Result<Report> {
    check::campaign(&args.root, &args.districts, args.strict, reporter)
}
