//! Writing the output atomically: everything goes into a staging folder next
//! to the output folder and is swapped in only when the whole build
//! succeeded, so a failed build never leaves a half-written or emptied
//! `public/`. Every error names the path.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A staging folder that is removed unless it is committed.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder beside `out`.
    pub fn new(out: &Path) -> Result<Staging> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        let name = out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.loa-staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            committed: false,
        })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Replaces the whole output folder with the staging folder.
    pub fn commit_all(mut self) -> Result<()> {
        let old = self.sibling("old");
        if self.out.exists() {
            fs::rename(&self.out, &old).map_err(|e| Error::write(&self.out, e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            // Put the previous output back before reporting.
            let _ = fs::rename(&old, &self.out);
            return Err(Error::write(&self.out, e));
        }
        self.committed = true;
        remove_quietly(&old);
        Ok(())
    }

    /// Replaces only the given top-level entries of the output folder (the
    /// districts built and the portal), leaving the others as they were.
    pub fn commit_entries(mut self, entries: &[String]) -> Result<()> {
        fs::create_dir_all(&self.out).map_err(|e| Error::write(&self.out, e))?;
        let old = self.sibling("old");
        fs::create_dir_all(&old).map_err(|e| Error::write(&old, e))?;
        for name in entries {
            let from = self.dir.join(name);
            let to = self.out.join(name);
            if !from.exists() {
                continue;
            }
            if to.is_dir() {
                fs::rename(&to, old.join(name)).map_err(|e| Error::write(&to, e))?;
            }
            fs::rename(&from, &to).map_err(|e| Error::write(&to, e))?;
        }
        self.committed = true;
        remove_quietly(&old);
        remove_quietly(&self.dir);
        Ok(())
    }

    fn sibling(&self, what: &str) -> PathBuf {
        let name = self
            .out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = self.dir.parent().unwrap_or(Path::new("."));
        parent.join(format!(".{name}.loa-{what}-{}", std::process::id()))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            remove_quietly(&self.dir);
        }
    }
}

fn remove_quietly(path: &Path) {
    if path.is_dir() {
        let _ = fs::remove_dir_all(path);
    }
}

/// Writes `bytes` to `dir/rel`, creating folders as needed.
pub fn write(dir: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    fs::write(&path, bytes).map_err(|e| Error::write(&path, e))
}

/// Copies `from` to `dir/rel`, creating folders as needed.
pub fn copy(from: &Path, dir: &Path, rel: &str) -> Result<()> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    fs::copy(from, &path)
        .map(|_| ())
        .map_err(|e| Error::read(from, e))
}

/// Refuses output folders that would destroy the campaign: the campaign
/// folder itself, a folder holding it, or a folder inside `content/` or
/// `themes/`.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<()> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalise(&p)
    };
    let root = abs(root);
    let out = abs(out);
    let dangerous = root.starts_with(&out)
        || out.starts_with(root.join("content"))
        || out.starts_with(root.join("themes"));
    if dangerous {
        return Err(Error::Usage(format!(
            "--out {} would overwrite the campaign itself; choose a separate folder such as {}",
            out.display(),
            root.join("public").display()
        )));
    }
    Ok(())
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_the_campaign() {
        let root = Path::new("/tmp/campaign");
        assert!(check_out_dir(root, Path::new("/tmp/campaign")).is_err());
        assert!(check_out_dir(root, Path::new("/tmp")).is_err());
        assert!(check_out_dir(root, Path::new("/tmp/campaign/content/x")).is_err());
        assert!(check_out_dir(root, Path::new("/tmp/campaign/public/../content")).is_err());
        assert!(check_out_dir(root, Path::new("/tmp/campaign/public")).is_ok());
        assert!(check_out_dir(root, Path::new("/srv/www")).is_ok());
    }
}
