//! The commands: orchestration only; the work is in the library modules.

pub mod build;
pub mod check;
pub mod deploy;
pub mod desk;
pub mod init;
pub mod new;
pub mod serve;
