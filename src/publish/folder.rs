//! A folder target (`file://`, a mounted web root). Each file is written
//! under a temporary name in `.loa-tmp/` inside the target (a folder only
//! its owner may open, and that the host files refuse to serve), then
//! renamed into place in one step: a reader sees the old file or the new
//! one, never a half-written one, and a deploy killed at any moment leaves
//! nothing under a public name. The next deploy removes what a killed one
//! left in `.loa-tmp/`, and the `name#N` copies that loa 0.1 left beside
//! the files. Nothing is created before the first write: a dry run leaves
//! the target as it was, even when it does not exist.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The folder, inside the target, where files are written before they are
/// renamed into place. Its name starts with `.loa-`, which the host files
/// refuse to serve.
pub const TMP: &str = ".loa-tmp";

/// A folder that files are published into.
#[derive(Debug)]
pub struct Folder {
    root: PathBuf,
    next: AtomicU64,
}

impl Folder {
    /// The folder `root` (it may not exist yet).
    pub fn new(root: PathBuf) -> Folder {
        Folder {
            root,
            next: AtomicU64::new(0),
        }
    }

    /// The path of `rel` in the folder; a path that would leave it (a
    /// manifest edited by hand, or by someone else) is refused.
    fn path(&self, rel: &str) -> io::Result<PathBuf> {
        let plain = !rel.is_empty()
            && !rel.contains('\\')
            && rel
                .split('/')
                .all(|step| !step.is_empty() && step != "." && step != "..");
        if !plain {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                crate::msg!("publish-outside", path = rel).text(),
            ));
        }
        Ok(self.root.join(rel))
    }

    /// The bytes of `rel`, or `None` when there is no such file.
    pub fn read(&self, rel: &str) -> io::Result<Option<Vec<u8>>> {
        match std::fs::read(self.path(rel)?) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Refuses a folder of `rel` (or `.loa-tmp/`) that is a link: someone
    /// with write access to the web root (another site on a shared host)
    /// could otherwise make `skills` lead to any folder the operator may
    /// write, and the deploy would write the district's files there. Only
    /// the target itself is judged after links, when it is checked.
    fn no_link_on_the_way(&self, rel: &str) -> io::Result<()> {
        let mut at = self.root.clone();
        let steps: Vec<&str> = rel.split('/').collect();
        for step in &steps[..steps.len().saturating_sub(1)] {
            at.push(step);
            match std::fs::symlink_metadata(&at) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        crate::msg!(
                            "publish-link-inside",
                            path = crate::error::display_path(&at)
                        )
                        .text(),
                    ));
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Writes `bytes` as `rel`: into `.loa-tmp/`, then renamed into place.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let dest = self.path(rel)?;
        self.no_link_on_the_way(&format!("{TMP}/file"))?;
        self.no_link_on_the_way(rel)?;
        let tmp_dir = self.root.join(TMP);
        std::fs::create_dir_all(&self.root)?;
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        match builder.create(&tmp_dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let tmp = tmp_dir.join(format!("{}-{n}", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::rename(&tmp, &dest).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }

    /// Deletes `rel` (done when it is not there), then the folders it
    /// leaves empty.
    pub fn delete(&self, rel: &str) -> io::Result<()> {
        let path = self.path(rel)?;
        self.no_link_on_the_way(rel)?;
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != self.root && d.starts_with(&self.root)) {
            // Fails, and stops, at the first folder that is not empty.
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        Ok(())
    }

    /// Every file in the folder (`/`-separated), without what is in
    /// `.loa-tmp/`; empty when the folder does not exist.
    pub fn files(&self) -> io::Result<BTreeSet<String>> {
        let mut files = BTreeSet::new();
        if !self.root.is_dir() {
            return Ok(files);
        }
        let walk = walkdir::WalkDir::new(&self.root)
            .into_iter()
            .filter_entry(|e| e.depth() != 1 || e.file_name() != TMP);
        for entry in walk {
            let entry = entry.map_err(io::Error::other)?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(&self.root)
                .unwrap_or(entry.path());
            files.insert(crate::error::display_path(rel));
        }
        Ok(files)
    }

    /// Removes what killed deploys left: `.loa-tmp/` and every `name#N`
    /// beside a file `name` that loa publishes (`known`). Returns the
    /// leftovers removed beside the files.
    pub fn remove_leftovers(&self, known: &dyn Fn(&str) -> bool) -> io::Result<Vec<String>> {
        match std::fs::remove_dir_all(self.root.join(TMP)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        let mut removed = Vec::new();
        for rel in self.files()? {
            if is_leftover(&rel, known) {
                self.delete(&rel)?;
                removed.push(rel);
            }
        }
        Ok(removed)
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// Is `rel` a copy an older loa left while writing a file `known` names
/// (`pages/f43.pdf#1`: the name, `#` and digits)?
fn is_leftover(rel: &str, known: &dyn Fn(&str) -> bool) -> bool {
    rel.rsplit_once('#').is_some_and(|(name, n)| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && known(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside() {
        let f = Folder::new(PathBuf::from("/srv/site"));
        for bad in [
            "",
            "../x",
            "a/../../x",
            "/etc/passwd",
            "a//b",
            "a\\..\\b",
            "./a",
        ] {
            assert!(f.path(bad).is_err(), "{bad}");
        }
        assert_eq!(f.path("a/b.html").unwrap(), Path::new("/srv/site/a/b.html"));
    }

    #[test]
    fn leftovers_are_recognised() {
        let known = |p: &str| p == "pages/f43.pdf";
        assert!(is_leftover("pages/f43.pdf#1", &known));
        assert!(is_leftover("pages/f43.pdf#12", &known));
        assert!(!is_leftover("pages/f43.pdf#", &known));
        assert!(!is_leftover("pages/f43.pdf#a", &known));
        assert!(!is_leftover("pages/other.pdf#1", &known));
        assert!(!is_leftover("pages/f43.pdf", &known));
    }

    #[test]
    fn writes_go_through_the_temporary_folder_and_leave_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let f = Folder::new(dir.path().join("site"));
        assert!(f.files().unwrap().is_empty());
        assert!(!f.root().exists(), "listing creates nothing");
        f.write("a/b.html", b"x").unwrap();
        assert_eq!(f.read("a/b.html").unwrap().as_deref(), Some(&b"x"[..]));
        assert_eq!(f.files().unwrap(), BTreeSet::from(["a/b.html".to_string()]));
        std::fs::write(dir.path().join("site/a/b.html#3"), "old").unwrap();
        std::fs::write(dir.path().join("site/.loa-tmp/9-9"), "killed").unwrap();
        let removed = f.remove_leftovers(&|p| p == "a/b.html").unwrap();
        assert_eq!(removed, ["a/b.html#3"]);
        assert!(!dir.path().join("site/.loa-tmp").exists());
        f.delete("a/b.html").unwrap();
        assert!(!dir.path().join("site/a").exists());
        assert!(dir.path().join("site").exists());
    }
}
