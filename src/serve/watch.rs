//! Watching the campaign for `serve`: notify with a short debounce, so an
//! editor's save storm is one rebuild, and a pure function that classifies
//! what changed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// What an edit means for the loaded campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Nothing loa reads changed.
    Nothing,
    /// Only these Markdown files (relative to `content/`) changed.
    Pages(BTreeSet<String>),
    /// Settings, districts, hotlines, assets or the theme changed: reload.
    Everything,
}

/// Classifies changed paths under the campaign folder `root`.
pub fn classify(root: &Path, paths: &[PathBuf]) -> Change {
    let mut pages = BTreeSet::new();
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let Some(name) = parts.last() else { continue };
        if is_editor_noise(name) || parts.iter().any(|p| p.starts_with('.')) {
            continue;
        }
        match parts.first().map(String::as_str) {
            Some("content") if parts.len() > 1 => {
                let inner = parts[1..].join("/");
                if inner.ends_with(".md") {
                    pages.insert(inner);
                } else {
                    return Change::Everything;
                }
            }
            // `content/` itself moved, deleted or back: reload (and say so).
            Some("content") => return Change::Everything,
            Some("themes") => return Change::Everything,
            _ => {}
        }
    }
    if pages.is_empty() {
        Change::Nothing
    } else {
        Change::Pages(pages)
    }
}

/// Temporary files editors write while saving.
fn is_editor_noise(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
}

/// The watcher of a campaign: notify's, with its debouncer.
pub type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Watches `content/` and `themes/` (when present) under `root`, and `root`
/// itself for a `themes/` folder appearing, sending the changed paths of
/// each quiet moment to `changes`.
pub fn watch(root: &Path, changes: Sender<Vec<PathBuf>>) -> notify::Result<Watcher> {
    let mut debouncer = new_debouncer(
        Duration::from_millis(10),
        Some(Duration::from_millis(2)),
        move |result: DebounceEventResult| {
            if let Ok(events) = result {
                // Reading files (as a rebuild does) is not a change.
                let mut paths: Vec<PathBuf> = events
                    .iter()
                    .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
                    .flat_map(|e| e.paths.iter().cloned())
                    .collect();
                paths.sort();
                paths.dedup();
                if !paths.is_empty() {
                    let _ = changes.send(paths);
                }
            }
        },
    )?;
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    for dir in ["content", "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(debouncer)
}

/// Watches `content/` and `themes/` again after `root` saw them come or go
/// (moved away and back, deleted and re-created, created while serving): a
/// watch dies with its folder, and one on a folder moved away would follow
/// it elsewhere. Returns the folders watched now.
pub fn rewatch(root: &Path, debouncer: &mut Watcher, paths: &[PathBuf]) -> Vec<&'static str> {
    let mut watched = Vec::new();
    for dir in ["content", "themes"] {
        let path = root.join(dir);
        if !paths.contains(&path) {
            continue;
        }
        let _ = debouncer.unwatch(&path);
        if path.is_dir() && debouncer.watch(&path, RecursiveMode::Recursive).is_ok() {
            watched.push(dir);
        }
    }
    watched
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(|p| Path::new("/c").join(p)).collect()
    }

    #[test]
    fn markdown_edits_are_page_changes() {
        let change = classify(
            Path::new("/c"),
            &paths(&[
                "content/skills/a.md",
                "content/districts/ba-dinh/news/b.en.md",
            ]),
        );
        let expected: BTreeSet<String> = [
            "districts/ba-dinh/news/b.en.md".to_string(),
            "skills/a.md".to_string(),
        ]
        .into();
        assert_eq!(change, Change::Pages(expected));
    }

    #[test]
    fn settings_data_assets_and_theme_reload_everything() {
        for p in [
            "content/site.yaml",
            "content/districts/x.yaml",
            "content/hotlines/a.yaml",
            "content/img/a.png",
            "themes/default/templates/page.html",
            "themes/default/static/loa.css",
            "content",
            "themes",
        ] {
            assert_eq!(
                classify(Path::new("/c"), &paths(&[p])),
                Change::Everything,
                "{p}"
            );
        }
    }

    #[test]
    fn editor_noise_and_other_folders_are_ignored() {
        for p in [
            "content/skills/.a.md.swp",
            "content/skills/a.md~",
            "content/skills/#a.md#",
            "content/skills/4913",
            "public/index.html",
            "content/.git/x",
            "target/x",
        ] {
            assert_eq!(
                classify(Path::new("/c"), &paths(&[p])),
                Change::Nothing,
                "{p}"
            );
        }
    }
}
