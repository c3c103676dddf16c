//! loa: a static site generator for bilingual awareness campaigns, one
//! accessible site per district.
//!
//! The pipeline, top to bottom: [`config::load`] reads `site.yaml` and the
//! district files; [`content::load`] reads every page and data file once;
//! [`hotlines`] checks the directory data; [`model::build`] makes the site
//! model (pages, sections, each district's view); [`render`] turns it into
//! HTML with the theme's templates; [`plan`] lists every output file and
//! [`output`] writes them atomically. [`project::load`] runs the pipeline up
//! to rendering; the commands in [`cmd`] use it.

#![warn(missing_docs)]

pub mod astext;
pub mod bundle;
pub mod check;
pub mod cmd;
pub mod codes;
pub mod config;
pub mod content;
pub mod engine;
pub mod error;
pub mod feed;
pub mod hosting;
pub mod hotlines;
pub mod i18n;
pub mod images;
pub mod markdown;
pub mod model;
pub mod names;
pub mod output;
pub mod places;
pub mod print;
pub mod project;
pub mod publish;
pub mod purge;
pub mod rawhtml;
pub mod render;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
pub mod theme;
pub mod values;
pub mod watch;
pub mod weburl;
pub mod yaml;

pub use error::{Diagnostic, Error, Result, Severity};
