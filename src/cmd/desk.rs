//! `loa` with no command (a double-click on the program): the preview of
//! the campaign in this folder (or beside the program) on a free loopback
//! port, its desk opened in the default browser, one line on the terminal
//! saying what is happening and how to stop. In a folder without a
//! campaign the desk offers to make one. Nothing listens beyond this
//! computer: the desk's actions need a loopback address.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc;

use crate::cmd::serve::run_until_stopped;
use crate::error::{Error, Result};
use crate::i18n::Reporter;
use crate::project::LoadOptions;
use crate::serve::Live;
use crate::serve::actions::holds_campaign;
use crate::serve::http::{self, Shared};
use crate::serve::watch;

/// The port tried first; when it is taken, the system picks a free one.
pub const PORT: u16 = 1111;

/// What `loa` with no command was asked to do.
#[derive(Debug, Clone)]
pub struct DeskArgs {
    /// The folder it was started in.
    pub here: PathBuf,
    /// Do not open the browser (`--no-open`, `LOA_NO_BROWSER=1`).
    pub no_open: bool,
}

/// Whether the environment asks not to open a browser (`LOA_NO_BROWSER`
/// set to anything but empty or `0`).
pub fn browser_refused() -> bool {
    std::env::var("LOA_NO_BROWSER").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// The campaign to open: the one in `here`, else the only one in a folder
/// inside it, else the same beside the program (a release folder holds
/// the program beside `chien-dich/`); `None` when there is none.
pub fn campaign_folder(here: &Path) -> Option<PathBuf> {
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf));
    std::iter::once(here.to_path_buf())
        .chain(beside)
        .find_map(|dir| campaign_in(&dir))
}

/// `dir` when it holds a campaign, else its only folder that does.
fn campaign_in(dir: &Path) -> Option<PathBuf> {
    if holds_campaign(dir) {
        return Some(dir.to_path_buf());
    }
    let inside: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| holds_campaign(p))
        .collect();
    match inside.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// Serves the desk until Ctrl-C, telling `reporter` where and what the
/// desk does.
pub fn run(args: &DeskArgs, reporter: Arc<dyn Reporter>) -> Result<()> {
    let here = args
        .here
        .canonicalize()
        .map_err(|e| Error::read(&args.here, e))?;
    let live = match campaign_folder(&here) {
        Some(root) => {
            let root = root.canonicalize().map_err(|e| Error::read(&root, e))?;
            crate::i18n::choose_for_campaign(&root);
            // Its findings are on the desk: the terminal says one line.
            Live::start(&root, LoadOptions::default(), Arc::clone(&reporter))?.0
        }
        None => Live::setup(&here, Arc::clone(&reporter)),
    };
    let reporter = &*reporter;
    let root = (!live.in_setup()).then(|| live.root().to_path_buf());
    let shared = Shared::new(live);
    {
        let shared = Arc::clone(&shared);
        ctrlc::set_handler(move || shared.stopping.store(true, Ordering::SeqCst))
            .map_err(|e| Error::Usage(crate::msg!("usage-ctrl-c", reason = e.to_string())))?;
    }
    let server = bind()?;
    let (changes_tx, changes_rx) = mpsc::channel();
    let watched = match root {
        Some(root) => {
            let watcher = watch::watch(&root, changes_tx.clone())
                .map_err(|e| Error::read(&root, std::io::Error::other(e)))?;
            Some((root, watcher))
        }
        None => None,
    };
    let url = format!("http://{}/", server.addr());
    // In the staff language (`LOA_LANG`, the campaign's, the system's).
    reporter.note(crate::msg!("desk-terminal-line", url = &url));
    if !args.no_open
        && !browser_refused()
        && let Err(e) = open_browser(&url)
    {
        reporter.note(crate::msg!(
            "desk-terminal-no-browser",
            url = &url,
            why = &e.to_string()
        ));
    }
    run_until_stopped(
        &server,
        &shared,
        watched,
        (changes_tx, changes_rx),
        reporter,
    );
    Ok(())
}

/// Listens on 127.0.0.1, port [`PORT`] when free, else any free port.
fn bind() -> Result<http::Server> {
    let at = |port| SocketAddr::new(Ipv4Addr::LOCALHOST.into(), port);
    http::Server::bind(at(PORT))
        .or_else(|_| http::Server::bind(at(0)))
        .map_err(|e| Error::Usage(crate::msg!("usage-listen-desk", reason = e.to_string())))
}

/// Opens `url`, the preview's own loopback address, in the default
/// browser: `open` on macOS, `start` through `cmd` on Windows (which reads
/// the line, so only loa's own address is ever passed), `xdg-open`
/// elsewhere. When it fails, the caller prints the address to open.
pub fn open_browser(url: &str) -> std::io::Result<()> {
    #[cfg(target_os = "macos")]
    let mut command = {
        let mut c = Command::new("open");
        c.arg(url);
        c
    };
    #[cfg(windows)]
    let mut command = {
        let mut c = Command::new("cmd");
        c.args(["/c", "start", "", url]);
        c
    };
    #[cfg(not(any(target_os = "macos", windows)))]
    let mut command = {
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(())
}
