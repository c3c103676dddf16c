//! Integration tests: fixture campaigns under `tests/testsuite/<feature>/`,
//! the real `loa` binary run as a user would, and the built HTML parsed and
//! inspected.

mod browser;
mod build;
mod campaign;
mod check;
mod deploy;
mod engine;
mod errors;
mod hardening;
mod hostile;
mod hotlines;
mod images;
mod init;
mod model;
mod new;
mod news;
mod print;
mod publish;
mod search;
mod serve;
mod support;
mod xss;
