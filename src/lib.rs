//! loa: a static site generator for bilingual awareness campaigns, one
//! accessible site per district.
//!
//! The folders are the pipeline, in this order; each imports only from the
//! ones before it:
//!
//! 1. [`read`]: the campaign's files into checked values: `site.yaml` and the
//!    district files (`read::config::load`), every page and data file
//!    ([`read::content::load`]), the hotline directory, the pictures.
//! 2. [`model`]: the site model ([`model::build`]): pages, sections, each
//!    district's view, URLs and links. Pure, no I/O.
//! 3. [`render`]: Markdown and raw HTML into safe HTML, the theme's templates
//!    into Tera, each page's context, the words of each page for search.
//! 4. [`project`]: runs 1–3 once ([`project::load`]): the loaded campaign
//!    every command starts from.
//! 5. [`output`]: the engine, the one place that knows every file a district
//!    produces and how each is made, and writing them atomically; zips,
//!    feeds, printed material, host files.
//! 6. [`check`]: the reviewer, over the loaded campaign and the engine's files.
//! 7. [`serve`]: the live preview and the editor's desk, over the same engine.
//! 8. [`publish`]: uploading a built district to its deploy target.
//! 9. [`cmd`]: the commands, orchestration only.
//!
//! [`error`] and `codes` (errors, findings and their codes) are used by
//! every stage. Unit tests may use any stage.

#![warn(missing_docs)]

pub(crate) mod codes;
pub mod error;
pub mod i18n;

pub mod read;

pub mod model;

pub mod render;

pub mod project;

pub mod output;

pub mod check;

pub mod serve;

pub mod publish;

pub mod cmd;

pub use error::{Diagnostic, Error, Result, Severity};
