//! `loa serve`: load the campaign (drafts included), serve it on
//! 127.0.0.1, watch `content/` and `themes/`, rebuild what an edit touches
//! and tell open pages to reload. Ctrl-C stops it.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc;

use crate::error::{Error, Result};
use crate::i18n::{Msg, Reporter};
use crate::project::LoadOptions;
use crate::serve::http::{self, Shared};
use crate::serve::watch::{self, Change};
use crate::serve::{Live, Rebuild};

/// What `loa serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeArgs {
    /// The campaign folder.
    pub root: PathBuf,
    /// Only this district.
    pub district: Option<String>,
    /// Address to listen on.
    pub bind: IpAddr,
    /// Port (0: any free port).
    pub port: u16,
}

/// Serves until Ctrl-C, telling `reporter` where, each rebuild and what
/// the desk does.
pub fn run(args: &ServeArgs, reporter: Arc<dyn Reporter>) -> Result<()> {
    let options = LoadOptions {
        districts: args.district.iter().cloned().collect(),
        ..LoadOptions::default()
    };
    let root = args
        .root
        .canonicalize()
        .map_err(|e| Error::read(&args.root, e))?;
    let (mut live, first) = Live::start(&root, options, Arc::clone(&reporter))?;
    let reporter = &*reporter;
    live.listen_on(args.bind);
    let districts = live.districts();
    let shared = Shared::new(live);

    // Handle Ctrl-C before saying where to look: a Ctrl-C right after the
    // address is printed must stop the server cleanly.
    {
        let shared = Arc::clone(&shared);
        ctrlc::set_handler(move || {
            shared.stopping.store(true, Ordering::SeqCst);
        })
        .map_err(|e| Error::Usage(crate::msg!("usage-ctrl-c", reason = e.to_string())))?;
    }
    let addr = SocketAddr::new(args.bind, args.port);
    let server = http::Server::bind(addr).map_err(|e| {
        Error::Usage(crate::msg!(
            "usage-listen",
            address = addr.to_string(),
            reason = e.to_string()
        ))
    })?;
    let actual = server.addr();
    if !crate::serve::private_allowed(args.bind) {
        reporter.note(crate::msg!(
            "serve-public-warning",
            address = args.bind.to_string()
        ));
    }
    // Watch before saying where to look: an edit made right away counts.
    let (changes_tx, changes_rx) = mpsc::channel();
    let watcher = watch::watch(&root, changes_tx.clone())
        .map_err(|e| Error::read(&root, std::io::Error::other(e)))?;
    report(reporter, &first, Stage::Loaded);
    reporter.note(crate::msg!(
        "serve-serving",
        address = format!("http://{actual}/")
    ));
    for slug in &districts {
        reporter.detail(crate::msg!(
            "serve-address",
            address = format!("http://{actual}/{slug}/")
        ));
    }
    reporter.note(Msg::new("serve-watching"));
    let watched = Some((root, watcher));
    run_until_stopped(
        &server,
        &shared,
        watched,
        (changes_tx, changes_rx),
        reporter,
    );
    reporter.note(Msg::new("serve-stopped"));
    Ok(())
}

/// Changes seen by the watcher, and where the watcher sends them.
pub type Changes = (
    mpsc::Sender<Vec<std::path::PathBuf>>,
    mpsc::Receiver<Vec<std::path::PathBuf>>,
);

/// Answers requests on `server` and rebuilds after edits until Ctrl-C.
/// `watched`: the campaign folder and its watcher, when there is a
/// campaign; when the preview's campaign changes (one was made from the
/// desk) the new folder is watched.
pub fn run_until_stopped(
    server: &http::Server,
    shared: &Arc<Shared>,
    watched: Option<(PathBuf, watch::Watcher)>,
    changes: Changes,
    reporter: &dyn Reporter,
) {
    std::thread::scope(|scope| {
        scope.spawn(|| server.run(shared, reporter));
        rebuild_on_changes(shared, watched, &changes, reporter);
    });
}

/// Rebuilds after each batch of changes, one at a time, on this thread,
/// and tells open pages, until Ctrl-C.
fn rebuild_on_changes(
    shared: &Shared,
    mut watched: Option<(PathBuf, watch::Watcher)>,
    (changes_tx, changes_rx): &Changes,
    reporter: &dyn Reporter,
) {
    while !shared.stopping.load(Ordering::SeqCst) {
        let root = {
            let live = shared.live.read().expect("live lock");
            (!live.in_setup()).then(|| live.root().to_path_buf())
        };
        if let Some(root) = root
            && watched.as_ref().is_none_or(|(r, _)| *r != root)
        {
            match watch::watch(&root, changes_tx.clone()) {
                Ok(watcher) => watched = Some((root, watcher)),
                Err(e) => reporter.error(crate::msg!(
                    "serve-cannot-watch",
                    folder = &root,
                    reason = e.to_string()
                )),
            }
        }
        let Ok(mut paths) = changes_rx.recv_timeout(std::time::Duration::from_millis(200)) else {
            continue;
        };
        let Some((root, watcher)) = watched.as_mut() else {
            continue;
        };
        // Take every change that arrived meanwhile: one rebuild.
        while let Ok(more) = changes_rx.try_recv() {
            paths.extend(more);
        }
        watch::rewatch(root, watcher, &paths);
        let change = watch::classify(root, &paths);
        if change == Change::Nothing {
            continue;
        }
        let outcome = shared.live.write().expect("live lock").apply(&change);
        match outcome {
            Ok(rebuild) => {
                report(reporter, &rebuild, Stage::Rebuilt);
                shared.broadcast(if rebuild.errors.is_empty() {
                    "reload"
                } else {
                    "failed"
                });
            }
            Err(err) => reporter.error(crate::msg!("serve-not-reread", reason = err.to_string())),
        }
    }
}

/// What a report line tells: the first load or a rebuild.
#[derive(Clone, Copy)]
pub(crate) enum Stage {
    /// The campaign was read for the first time.
    Loaded,
    /// A change was read.
    Rebuilt,
}

pub(crate) fn report(reporter: &dyn Reporter, rebuild: &Rebuild, stage: Stage) {
    for d in rebuild.warnings.iter().chain(&rebuild.errors) {
        reporter.finding(d);
    }
    if !rebuild.errors.is_empty() {
        reporter.note(crate::msg!("serve-errors", count = rebuild.errors.len()));
        return;
    }
    let files = if rebuild.full {
        Msg::new("serve-reread-all")
    } else {
        crate::msg!(
            "serve-reparsed",
            count = rebuild.reparsed.len(),
            files = rebuild.reparsed.join(", ")
        )
    };
    let ms = crate::i18n::decimal(rebuild.elapsed.as_secs_f64() * 1000.0, 1);
    let line = match stage {
        Stage::Loaded => crate::msg!(
            "serve-loaded",
            ms = ms,
            files = files,
            bodies = rebuild.bodies
        ),
        Stage::Rebuilt => crate::msg!(
            "serve-rebuilt",
            ms = ms,
            files = files,
            bodies = rebuild.bodies
        ),
    };
    reporter.note(line);
}
