//! Integration tests: fixture campaigns under `tests/testsuite/<feature>/`,
//! the real `loa` binary run as a user would, and the built HTML parsed and
//! inspected.

#![allow(
    clippy::disallowed_macros,
    reason = "tests print what they saw when they fail"
)]

mod browser;
mod build;
mod campaign;
mod check;
mod corpus;
mod deploy;
mod deploy_safety;
mod desk;
mod editor;
mod engine;
mod errors;
mod forge;
#[path = "../../benches/gen.rs"]
#[allow(dead_code)]
mod generator;
mod hardening;
mod hostile;
mod hotlines;
mod images;
mod init;
mod model;
mod new;
mod news;
mod pathological;
mod print;
mod publish;
mod release;
mod search;
mod serve;
mod staff_language;
mod support;
mod xss;
