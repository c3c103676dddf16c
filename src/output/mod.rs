//! Writing the output atomically: everything goes into a staging folder next
//! to the output folder and is swapped in only when the whole build
//! succeeded, so a failed build never leaves a half-written or emptied
//! `public/`. Every error names the path. The files themselves are made by
//! [`engine`]; [`bundle`] zips a district, `feed` and `print` make the
//! feeds and the printed material, [`hosting`] the host files and headers.

pub mod bundle;
pub mod engine;
pub(crate) mod feed;
pub mod hosting;
pub(crate) mod print;

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A staging folder that is removed unless it is committed. While it
/// exists, its build holds the output's lock.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
    _lock: fs::File,
}

/// What a commit did besides swapping the site in.
#[derive(Debug, Default)]
pub struct Committed {
    /// Files and folders loa did not write (a `.git` checkout, `CNAME`),
    /// carried over into the new output; relative to it.
    pub kept: Vec<String>,
    /// Files loa did not write that the new build replaced, because it
    /// writes a file of the same name.
    pub replaced: Vec<String>,
}

impl Staging {
    /// Takes the output's lock (telling `reporter` first when another build
    /// holds it, then waiting for it), removes what killed builds left, and
    /// creates an empty staging folder beside `out`.
    pub fn new(out: &Path, reporter: &dyn crate::i18n::Reporter) -> Result<Staging> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        let name = out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let lock = lock(parent, || {
            reporter.status(crate::msg!("build-waiting", folder = out));
        })?;
        // With the lock held, no other build is using a staging folder.
        remove_leftovers(parent, &name);
        let dir = parent.join(format!(".{name}.loa-staging-{}", std::process::id()));
        fs::create_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            committed: false,
            _lock: lock,
        })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Replaces the whole output folder with the staging folder in one
    /// step, carrying over what loa did not write. `written` lists every
    /// file the build wrote into the staging folder (`/`-separated), which
    /// becomes the output's list of files loa wrote.
    pub fn commit_all(mut self, mut written: Vec<String>) -> Result<Committed> {
        written.sort_unstable();
        written.dedup();
        let previous = read_manifest(&self.out);
        let mut committed = Committed::default();
        if self.out.is_dir() {
            carry_over(&self.out, &self.dir, "", &previous, &mut committed)?;
        }
        write_manifest(&self.dir, &written)?;
        if self.out.exists() {
            exchange(&self.dir, &self.out).map_err(|e| Error::write(&self.out, e))?;
            // The staging folder now holds the previous output.
            remove_quietly(&self.dir);
        } else {
            fs::rename(&self.dir, &self.out).map_err(|e| Error::write(&self.out, e))?;
        }
        self.committed = true;
        Ok(committed)
    }

    /// Replaces only the given top-level entries of the output folder (the
    /// districts built and the portal), each in one step, leaving the
    /// others as they were. `written` lists every file the build wrote
    /// into the staging folder.
    pub fn commit_entries(mut self, entries: &[String], written: &[String]) -> Result<Committed> {
        fs::create_dir_all(&self.out).map_err(|e| Error::write(&self.out, e))?;
        let previous = read_manifest(&self.out);
        let mut committed = Committed::default();
        let mut manifest: Vec<String> = previous
            .iter()
            .filter(|path| !entries.iter().any(|e| under(path, e)))
            .cloned()
            .collect();
        for name in entries {
            let from = self.dir.join(name);
            let to = self.out.join(name);
            if !from.exists() {
                continue;
            }
            manifest.extend(written.iter().filter(|p| under(p, name)).cloned());
            if to.is_dir() && from.is_dir() {
                carry_over(&to, &from, name, &previous, &mut committed)?;
            }
            if fs::symlink_metadata(&to).is_ok() {
                exchange(&from, &to).map_err(|e| Error::write(&to, e))?;
            } else {
                fs::rename(&from, &to).map_err(|e| Error::write(&to, e))?;
            }
        }
        manifest.sort();
        manifest.dedup();
        write_manifest(&self.dir, &manifest)?;
        let marker = self.out.join(MARKER);
        fs::rename(self.dir.join(MARKER), &marker).map_err(|e| Error::write(&marker, e))?;
        self.committed = true;
        remove_quietly(&self.dir);
        Ok(committed)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            remove_quietly(&self.dir);
        }
    }
}

/// Takes the exclusive lock on `path`, the folder holding the output,
/// waiting for a build that holds it; the lock goes with the returned
/// handle.
fn lock(path: &Path, waiting: impl FnOnce()) -> Result<fs::File> {
    let file = lock_handle(path)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            waiting();
            file.lock().map_err(|e| Error::write(path, e))?;
        }
        Err(fs::TryLockError::Error(e)) => return Err(Error::write(path, e)),
    }
    Ok(file)
}

/// What the lock is taken on: on Unix the folder itself (so no lock file is
/// left beside the output); Windows cannot open a folder as a file, so there
/// it is a file `.loa-lock` in the folder, which stays.
fn lock_handle(path: &Path) -> Result<fs::File> {
    #[cfg(unix)]
    let file = fs::File::open(path).map_err(|e| Error::read(path, e));
    #[cfg(not(unix))]
    let file = {
        let lock = path.join(".loa-lock");
        fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock)
            .map_err(|e| Error::write(lock, e))
    };
    file
}

/// Swaps two paths in one step, so a reader of either always finds a whole
/// folder. Linux has `renameat2(RENAME_EXCHANGE)`; where it is missing (other
/// systems, some network file systems) two renames follow each other, and
/// between them, for a moment, `b` does not exist.
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    let aside = a.with_extension("loa-aside");
    fs::rename(b, &aside)?;
    if let Err(e) = fs::rename(a, b) {
        let _ = fs::rename(&aside, b);
        return Err(e);
    }
    fs::rename(&aside, a)
}

/// Is `path` the entry `entry` or inside it?
fn under(path: &str, entry: &str) -> bool {
    path == entry
        || path
            .strip_prefix(entry)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The header of the marker file; the files loa wrote follow, one a line.
const MANIFEST_HEADER: &str = "This folder was written by loa; each build replaces it.\n\
    Files below were written by loa; anything else here is kept by the next build.\n";

fn write_manifest(dir: &Path, files: &[String]) -> Result<()> {
    let mut text = String::from(MANIFEST_HEADER);
    for file in files {
        text.push_str(file);
        text.push('\n');
    }
    let path = dir.join(MARKER);
    fs::write(&path, text).map_err(|e| Error::write(path, e))
}

/// What the previous build wrote. `None` for an output written by an older
/// loa, whose marker lists nothing.
fn read_manifest(out: &Path) -> Manifest {
    let Ok(text) = fs::read_to_string(out.join(MARKER)) else {
        return Manifest::default();
    };
    let Some(list) = text.strip_prefix(MANIFEST_HEADER) else {
        return Manifest::default();
    };
    let files: std::collections::BTreeSet<String> = list.lines().map(str::to_string).collect();
    let mut folders = std::collections::BTreeSet::new();
    for file in &files {
        let mut at = file.as_str();
        while let Some((parent, _)) = at.rsplit_once('/') {
            if !folders.insert(parent.to_string()) {
                break;
            }
            at = parent;
        }
    }
    Manifest {
        known: true,
        files,
        folders,
    }
}

/// The files (and so the folders) a previous build wrote.
#[derive(Debug, Default)]
struct Manifest {
    known: bool,
    files: std::collections::BTreeSet<String>,
    folders: std::collections::BTreeSet<String>,
}

impl Manifest {
    fn iter(&self) -> impl Iterator<Item = &String> {
        self.files.iter()
    }

    /// Whether loa wrote this entry (a file, or a folder holding one).
    /// Without a list (an older loa) only hidden entries and `CNAME` count
    /// as someone else's.
    fn wrote(&self, rel: &str, is_dir: bool) -> bool {
        if self.known {
            return if is_dir {
                self.folders.contains(rel)
            } else {
                self.files.contains(rel)
            };
        }
        let name = rel.rsplit('/').next().unwrap_or(rel);
        !(name.starts_with('.') || name == "CNAME")
    }
}

/// Links every entry of `old` (the output, or one of its folders at
/// `prefix`) that loa did not write into `new` at the same place: hard
/// links, so nothing is copied and the old output stays whole until the
/// swap; a folder of someone else's is linked file by file.
fn carry_over(
    old: &Path,
    new: &Path,
    prefix: &str,
    previous: &Manifest,
    committed: &mut Committed,
) -> Result<()> {
    let mut walker = walkdir::WalkDir::new(old)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let Ok(entry) = entry else { continue };
        let Ok(rel) = entry.path().strip_prefix(old) else {
            continue;
        };
        let rel = crate::error::display_path(rel);
        let full = if prefix.is_empty() {
            rel.clone()
        } else {
            format!("{prefix}/{rel}")
        };
        let is_dir = entry.file_type().is_dir();
        if full == MARKER || previous.wrote(&full, is_dir) {
            continue;
        }
        if is_dir {
            walker.skip_current_dir();
        }
        let target = new.join(&rel);
        if fs::symlink_metadata(&target).is_ok() {
            committed.replaced.push(full);
            continue;
        }
        link_tree(entry.path(), &target)?;
        committed.kept.push(full);
    }
    Ok(())
}

/// Recreates `from` (a file, link or folder) at `to` with hard links.
fn link_tree(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    let meta = fs::symlink_metadata(from).map_err(|e| Error::read(from, e))?;
    if meta.file_type().is_symlink() {
        #[cfg(unix)]
        {
            let target = fs::read_link(from).map_err(|e| Error::read(from, e))?;
            std::os::unix::fs::symlink(target, to).map_err(|e| Error::write(to, e))?;
        }
        return Ok(());
    }
    if meta.is_dir() {
        fs::create_dir_all(to).map_err(|e| Error::write(to, e))?;
        let entries = fs::read_dir(from).map_err(|e| Error::read(from, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::read(from, e))?;
            link_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        return Ok(());
    }
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to).map_err(|e| Error::write(to, e))?;
    }
    Ok(())
}

/// Removes the staging folders that killed builds left beside `out`, first
/// thing, so that a build which then fails (a broken `site.yaml`) does not
/// leave them there for ever. When no build holds the output's lock, every
/// leftover goes; when one does, only those whose process is gone.
pub fn remove_dead_leftovers(out: &Path) {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    if let Some(_lock) = try_lock(parent) {
        remove_leftovers(parent, &name);
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.loa-staging-");
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = file
            .strip_prefix(&prefix)
            .and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| pid != std::process::id() && process_gone(pid)) {
            remove_quietly(&entry.path());
        }
    }
}

/// The output's lock when no build holds it now (see [`lock`]).
fn try_lock(path: &Path) -> Option<fs::File> {
    let file = fs::File::open(path).ok()?;
    #[cfg(unix)]
    {
        use rustix::fs::{FlockOperation, flock};
        flock(&file, FlockOperation::NonBlockingLockExclusive).ok()?;
        Some(file)
    }
    #[cfg(not(unix))]
    {
        // No lock elsewhere: leftovers are removed by the next build that
        // gets as far as writing.
        let _ = file;
        None
    }
}

/// Whether no process `pid` runs any more. Linux lists its processes in
/// `/proc`; elsewhere a process is taken to be running.
fn process_gone(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = pid;
        false
    }
}

/// Staging folders left by builds that were killed. Called with the lock
/// held, so none of them belongs to a running build.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let leftover = [".loa-staging-", ".loa-old-"]
            .iter()
            .any(|kind| file.starts_with(&format!(".{name}{kind}")));
        if leftover {
            remove_quietly(&entry.path());
            let _ = fs::remove_file(entry.path());
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

/// Writes `bytes` to `dir/rel`, creating folders as needed. This and
/// [`copy`] are the only functions that write into the output; both refuse
/// a `rel` that could lead outside `dir` (a part that is `..`, holds a
/// backslash or a control character, …), and never write through a link.
pub fn write(dir: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let path = inside(dir, rel)?;
    create(&path)
        .and_then(|mut file| file.write_all(bytes))
        .map_err(|e| Error::write(&path, e))
}

/// Copies the opened file `from` (read from `source`) to `dir/rel`,
/// creating folders as needed.
pub fn copy(mut from: fs::File, source: &Path, dir: &Path, rel: &str) -> Result<()> {
    let path = inside(dir, rel)?;
    let mut target = create(&path).map_err(|e| Error::write(&path, e))?;
    std::io::copy(&mut from, &mut target)
        .map(|_| ())
        .map_err(|e| Error::read(source, e))
}

/// `dir/rel`, with its folders created, when `rel` stays inside `dir`.
fn inside(dir: &Path, rel: &str) -> Result<PathBuf> {
    if !crate::read::names::is_safe_relative(rel) {
        return Err(Error::write(
            dir.join(rel.replace(['/', '\\'], "_")),
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("refused to write {rel:?}: the path would lead outside the output folder"),
            ),
        ));
    }
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    Ok(path)
}

/// Creates (or truncates) a file, refusing to follow a link at its place.
fn create(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    // Elsewhere (Windows) there is no such flag: look first, then open.
    #[cfg(not(unix))]
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "a link is in the way; loa does not write through links",
        ));
    }
    options.open(path)
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
        Ok(m) if !m.is_dir() => Err(Error::Usage(crate::msg!(
            "usage-out-file",
            folder = out.as_path()
        ))),
        Ok(_) => {
            let mut entries = fs::read_dir(&out).map_err(|e| Error::read(&out, e))?;
            let empty = entries.next().is_none();
            if empty || out.join(MARKER).is_file() {
                Ok(out)
            } else {
                Err(Error::Usage(crate::msg!(
                    "usage-out-not-empty",
                    folder = out.as_path()
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
        return Err(Error::Usage(crate::msg!(
            "usage-out-campaign",
            folder = out.as_path(),
            public = &root.join("public")
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
    fn the_writer_refuses_paths_leading_outside() {
        let dir = tempfile::tempdir().unwrap();
        let staging = dir.path().join("staging");
        fs::create_dir_all(&staging).unwrap();
        for rel in [
            "../x",
            "a/../../x",
            "/etc/x",
            "a\\..\\..\\x",
            "",
            "a//b",
            "nul",
        ] {
            assert!(write(&staging, rel, b"x").is_err(), "{rel:?}");
        }
        assert!(!dir.path().join("x").exists());
        write(&staging, "quan-a/en/index.html", b"ok").unwrap();
        // Never through a link left at a file's place.
        #[cfg(unix)]
        {
            let outside = dir.path().join("outside.txt");
            fs::write(&outside, "keep").unwrap();
            std::os::unix::fs::symlink(&outside, staging.join("link.html")).unwrap();
            assert!(write(&staging, "link.html", b"owned").is_err());
            assert_eq!(fs::read_to_string(&outside).unwrap(), "keep");
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
