//! `loa serve`: load the campaign (drafts included), serve it on
//! 127.0.0.1, watch `content/` and `themes/`, rebuild what an edit touches
//! and tell open pages to reload. Ctrl-C stops it.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc;

use crate::error::{Error, Result};
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

/// Serves until Ctrl-C. Messages for people go to `say`.
pub fn run(args: &ServeArgs, say: &(dyn Fn(&str) + Sync)) -> Result<()> {
    let options = LoadOptions {
        districts: args.district.iter().cloned().collect(),
        ..LoadOptions::default()
    };
    let root = args
        .root
        .canonicalize()
        .map_err(|e| Error::read(&args.root, e))?;
    let (mut live, first) = Live::start(&root, options)?;
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
        .map_err(|e| Error::Usage(format!("cannot handle Ctrl-C: {e}")))?;
    }
    let addr = SocketAddr::new(args.bind, args.port);
    let server = http::Server::bind(addr).map_err(|e| {
        Error::Usage(format!(
            "cannot listen on {addr}: {e}; choose another --port"
        ))
    })?;
    let actual = server.addr();
    if !crate::serve::private_allowed(args.bind) {
        say(&format!(
            "Warning: listening on {} makes the preview, drafts included, visible to other computers on the network. \
             So this preview has no editor links, opens no files and shows no call sheets; \
             to edit, run loa serve without --bind.",
            args.bind
        ));
    }
    // Watch before saying where to look: an edit made right away counts.
    let (changes_tx, changes_rx) = mpsc::channel();
    let watcher = watch::watch(&root, changes_tx.clone())
        .map_err(|e| Error::read(&root, std::io::Error::other(e)))?;
    report(say, &first, "Loaded the campaign");
    say(&format!(
        "Serving on http://{actual}/ (drafts included). Press Ctrl-C to stop."
    ));
    for slug in &districts {
        say(&format!("  http://{actual}/{slug}/"));
    }
    say("Watching content/ and themes/ for changes.");
    let watched = Some((root, watcher));
    run_until_stopped(&server, &shared, watched, (changes_tx, changes_rx), say);
    say("Stopped.");
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
    say: &(dyn Fn(&str) + Sync),
) {
    std::thread::scope(|scope| {
        scope.spawn(|| server.run(shared, say));
        rebuild_on_changes(shared, watched, &changes, say);
    });
}

/// Rebuilds after each batch of changes, one at a time, on this thread,
/// and tells open pages, until Ctrl-C.
fn rebuild_on_changes(
    shared: &Shared,
    mut watched: Option<(PathBuf, watch::Watcher)>,
    (changes_tx, changes_rx): &Changes,
    say: &(dyn Fn(&str) + Sync),
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
                Err(e) => say(&format!("error: cannot watch {}: {e}", root.display())),
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
                report(say, &rebuild, "Rebuilt");
                shared.broadcast(if rebuild.errors.is_empty() {
                    "reload"
                } else {
                    "failed"
                });
            }
            Err(err) => say(&format!("error: {err}")),
        }
    }
}

/// Prints what a rebuild did.
pub fn report(say: &(dyn Fn(&str) + Sync), rebuild: &Rebuild, what: &str) {
    for d in rebuild.warnings.iter().chain(&rebuild.errors) {
        say(&d.to_string());
    }
    if !rebuild.errors.is_empty() {
        say(&format!(
            "{} error(s): still serving the last good pages; fix the file and save again.",
            rebuild.errors.len()
        ));
        return;
    }
    let files = if rebuild.full {
        "re-read everything".to_string()
    } else {
        let n = rebuild.reparsed.len();
        format!(
            "re-parsed {n} file{} ({})",
            if n == 1 { "" } else { "s" },
            rebuild.reparsed.join(", ")
        )
    };
    say(&format!(
        "{what} in {:.1} ms: {files}, rendered {} page bod{}; pages render when opened.",
        rebuild.elapsed.as_secs_f64() * 1000.0,
        rebuild.bodies,
        if rebuild.bodies == 1 { "y" } else { "ies" }
    ));
}
