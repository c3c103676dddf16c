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
        remove_leftovers(parent, &name);
        let dir = parent.join(format!(".{name}.loa-staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
        fs::write(
            dir.join(MARKER),
            "This folder was written by loa; each build replaces it.\n",
        )
        .map_err(|e| Error::write(dir.join(MARKER), e))?;
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
        let marker = self.out.join(MARKER);
        if !marker.exists() {
            fs::copy(self.dir.join(MARKER), &marker).map_err(|e| Error::write(&marker, e))?;
        }
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

/// Staging and old folders left by a build that was killed (its process is
/// gone) are removed.
fn remove_leftovers(parent: &Path, name: &str) {
    let proc = Path::new("/proc");
    if !proc.is_dir() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = [".loa-staging-", ".loa-old-"]
            .iter()
            .find_map(|kind| file.strip_prefix(&format!(".{name}{kind}")));
        if let Some(pid) = pid.and_then(|p| p.parse::<u32>().ok())
            && pid != std::process::id()
            && !proc.join(pid.to_string()).exists()
        {
            remove_quietly(&entry.path());
        }
    }
}

/// Removes a folder tree, its files in parallel (a city's previous output
/// is tens of thousands of files). Failures are ignored: it is an old copy.
fn remove_quietly(path: &Path) {
    use rayon::prelude::*;
    if !path.is_dir() {
        return;
    }
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(path).into_iter().flatten() {
        if entry.file_type().is_dir() {
            dirs.push((entry.depth(), entry.into_path()));
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().for_each(|f| {
        let _ = fs::remove_file(f);
    });
    // Deepest folders first, each level in parallel.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
    for level in dirs.chunk_by(|a, b| a.0 == b.0) {
        level.par_iter().for_each(|(_, dir)| {
            let _ = fs::remove_dir(dir);
        });
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

/// Copies the opened file `from` (read from `source`) to `dir/rel`,
/// creating folders as needed.
pub fn copy(mut from: fs::File, source: &Path, dir: &Path, rel: &str) -> Result<()> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    let mut to = fs::File::create(&path).map_err(|e| Error::write(&path, e))?;
    std::io::copy(&mut from, &mut to)
        .map(|_| ())
        .map_err(|e| Error::read(source, e))
}

/// The file that marks a folder as loa's output, which a build may replace.
pub const MARKER: &str = ".loa-output";

/// Decides where the output goes, refusing folders a build would destroy:
/// the campaign itself, a folder holding it, a folder inside `content/` or
/// `themes/`, a file, or a folder with files loa did not write. A symbolic
/// link to a folder (a web root) is followed, so the link stays.
pub fn prepare_out(root: &Path, out: &Path) -> Result<PathBuf> {
    check_out_dir(root, out)?;
    let meta = fs::symlink_metadata(out);
    let out = match meta {
        Ok(m) if m.file_type().is_symlink() => {
            let target = fs::canonicalize(out).map_err(|e| Error::read(out, e))?;
            check_out_dir(root, &target)?;
            target
        }
        _ => out.to_path_buf(),
    };
    match fs::metadata(&out) {
        Ok(m) if !m.is_dir() => Err(Error::Usage(format!(
            "--out {} is a file, not a folder; choose a folder for the websites",
            out.display()
        ))),
        Ok(_) => {
            let mut entries = fs::read_dir(&out).map_err(|e| Error::read(&out, e))?;
            let empty = entries.next().is_none();
            if empty || out.join(MARKER).is_file() {
                Ok(out)
            } else {
                Err(Error::Usage(format!(
                    "{} already holds files that loa did not write, and a build replaces the whole folder; \
                     choose an empty or new folder with --out, or move those files away first",
                    out.display()
                )))
            }
        }
        Err(_) => Ok(out),
    }
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
    fn refuses_folders_loa_did_not_write_and_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("campaign");
        fs::create_dir_all(&root).unwrap();
        let docs = dir.path().join("docs");
        fs::create_dir_all(&docs).unwrap();
        fs::write(docs.join("thesis.docx"), "x").unwrap();
        assert!(matches!(prepare_out(&root, &docs), Err(Error::Usage(_))));
        fs::write(docs.join(MARKER), "").unwrap();
        assert_eq!(prepare_out(&root, &docs).unwrap(), docs);
        let file = dir.path().join("file");
        fs::write(&file, "x").unwrap();
        assert!(matches!(prepare_out(&root, &file), Err(Error::Usage(_))));
        let empty = dir.path().join("empty");
        fs::create_dir_all(&empty).unwrap();
        assert!(prepare_out(&root, &empty).is_ok());
        assert!(prepare_out(&root, &dir.path().join("new")).is_ok());
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&empty, &link).unwrap();
            assert_eq!(
                prepare_out(&root, &link).unwrap(),
                empty.canonicalize().unwrap()
            );
        }
    }

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
