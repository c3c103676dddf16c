//! `loa build`: load the campaign, render every district and language in
//! parallel into a staging folder, and swap it in only when all went well.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::CheckOptions;
use crate::check::pages::Checker;
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::Reporter;
use crate::model::DistrictView;
use crate::output::engine::{self, Produced};
use crate::output::{self, Staging};
use crate::project::{self, LoadOptions, Project};
use crate::render::RenderOptions;

/// What `loa build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildArgs {
    /// The campaign folder.
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Only these districts (all when empty).
    pub districts: Vec<String>,
    /// Links end in `index.html`, for opening from disk.
    pub offline: bool,
    /// Also write `<slug>.zip` and `<slug>.zip.sha256` beside each
    /// district folder.
    pub zip: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Districts written.
    pub districts: usize,
    /// Languages per district.
    pub languages: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Files written in all.
    pub files: usize,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
    /// What loa did not write in the output, kept or replaced.
    pub committed: output::Committed,
    /// Wall time.
    pub elapsed: Duration,
    /// Wall time of each phase.
    pub timings: Vec<(&'static str, Duration)>,
    /// Pictures decoded and encoded by this build.
    pub images_processed: usize,
    /// Pictures found ready in the cache.
    pub images_cached: usize,
    /// The files whose names loa fingerprinted (`slug/path`): the only
    /// ones hosts may keep for a year.
    pub immutable: BTreeSet<String>,
    /// The drafts held back, in a sentence, when there are any.
    pub drafts_note: Option<String>,
}

/// What ends the name of the zip of a district's offline form
/// (`ba-dinh-offline.zip`), beside its hosting zip (`ba-dinh.zip`).
pub const OFFLINE_ZIP: &str = "-offline";

/// One zip per district of the sites in `from`, written in `to` as
/// `<slug><suffix>.zip` with its SHA-256, in parallel: the files written.
fn write_zips(from: &Path, to: &Path, slugs: &[&str], suffix: &str) -> Result<Vec<String>> {
    let zips = slugs
        .par_iter()
        .map(|slug| write_zip(from, to, slug, suffix))
        .collect::<Result<Vec<[String; 2]>>>()?;
    Ok(zips.into_iter().flatten().collect())
}

/// Both zips of every district: the form just built and the other one
/// (links ending in `/` for hosting, or in `index.html` for opening from a
/// folder), rendered again from the same load (`inputs`, `project`: no
/// file is read twice) into a scratch folder inside `staging` that is
/// removed once zipped.
fn write_both_zips(
    args: &BuildArgs,
    (inputs, project): (&project::Inputs, &Project),
    staging: &Path,
    slugs: &[&str],
) -> Result<Vec<String>> {
    let (built, other) = if args.offline {
        (OFFLINE_ZIP, "")
    } else {
        ("", OFFLINE_ZIP)
    };
    let mut files = write_zips(staging, staging, slugs, built)?;
    let options = LoadOptions {
        districts: args.districts.clone(),
        drafts: false,
        keep_going: false,
        render: RenderOptions {
            offline: !args.offline,
        },
    };
    let project = project::reform(inputs, &options, project)?;
    let scratch = staging.join(".loa-other-form");
    write_all(&project, &scratch)?;
    files.extend(write_zips(&scratch, staging, slugs, other)?);
    std::fs::remove_dir_all(&scratch).map_err(|e| Error::write(&scratch, e))?;
    Ok(files)
}

/// Two districts whose zips would have one name (`x-offline` and the
/// offline zip of `x`): a usage error before anything is built.
fn check_zip_names(root: &Path) -> Result<()> {
    let (Some(config), _) = crate::read::config::load(root)? else {
        return Ok(());
    };
    for d in &config.districts {
        if let Some(base) = d.slug.strip_suffix(OFFLINE_ZIP)
            && config.district(base).is_some()
        {
            return Err(Error::Usage(crate::msg!(
                "usage-zip-clash",
                first = base,
                second = &d.slug
            )));
        }
    }
    Ok(())
}

/// A campaign loaded for a build: its files read, its model made, its
/// bodies rendered and its pictures ready. Loaded once per command:
/// `deploy --strict` checks it, then builds it.
pub struct Loaded {
    /// The campaign.
    pub project: Project,
    /// What was read from disk, kept as long as the campaign made from it.
    inputs: project::Inputs,
    /// The output folder, checked.
    out: PathBuf,
    start: Instant,
    timings: Vec<(&'static str, Duration)>,
}

/// A finished build: its report and the campaign it built, for the caller
/// to drop when it suits it (`deploy` before uploading; the binary lets
/// the process end without freeing every page one by one).
pub struct Built {
    /// What the build did.
    pub report: BuildReport,
    /// The campaign built.
    pub loaded: Loaded,
}

/// Runs the build, telling `reporter` of long work.
pub fn run(args: &BuildArgs, reporter: &dyn Reporter) -> Result<Built> {
    let loaded = load(args, false, reporter)?;
    write(args, loaded, reporter)
}

/// Checks where the build goes and loads the campaign for it. With
/// `keep_going`, errors that leave the model whole stay in
/// `project.diagnostics` (as `loa check` loads it), so a check can run on
/// the campaign before it is written.
pub fn load(args: &BuildArgs, keep_going: bool, reporter: &dyn Reporter) -> Result<Loaded> {
    let start = Instant::now();
    if args.zip {
        check_zip_names(&args.root)?;
    }
    let out = output::prepare_out(&args.root, &args.out)?;
    output::remove_dead_leftovers(&out);
    let options = LoadOptions {
        districts: args.districts.clone(),
        drafts: false,
        keep_going,
        render: RenderOptions {
            offline: args.offline,
        },
    };
    let mut timings = Vec::new();
    let mut lap = Instant::now();
    let mut mark = |what: &'static str| {
        timings.push((what, lap.elapsed()));
        lap = Instant::now();
    };
    let inputs = project::read(&args.root, &options)?;
    mark("read and parse every file");
    let mut project = project::assemble(&inputs, &options, None)?;
    mark("model and Markdown bodies");
    let mut budget = engine::prepare_images(&project, reporter)?;
    project.diagnostics.append(&mut budget);
    mark("pictures");
    Ok(Loaded {
        project,
        inputs,
        out,
        start,
        timings,
    })
}

/// Writes a loaded campaign into a staging folder (with its zips, with
/// `args.zip`) and swaps it in, telling `reporter` when it waits for
/// another build.
pub fn write(args: &BuildArgs, loaded: Loaded, reporter: &dyn Reporter) -> Result<Built> {
    write_checked(args, loaded, None, reporter)
}

/// [`write`], and with `check` each page checked as it is written (as
/// `loa check` checks it, each page rendered once for both): a campaign
/// whose check finds errors is not swapped in, and its errors come back
/// as [`Error::Content`]. `deploy --strict` builds so.
pub fn write_checked(
    args: &BuildArgs,
    loaded: Loaded,
    check: Option<CheckOptions>,
    reporter: &dyn Reporter,
) -> Result<Built> {
    let Loaded {
        project,
        inputs,
        out,
        start,
        mut timings,
    } = loaded;
    let mut lap = Instant::now();
    let mut mark = |what: &'static str| {
        timings.push((what, lap.elapsed()));
        lap = Instant::now();
    };
    let staging = Staging::new(&out, reporter)?;
    let checker = check.map(|_| crate::check::pages::Checker::new(&project));
    let Written {
        mut files,
        pages,
        immutable,
        checked,
    } = write_all_checked(&project, staging.dir(), checker.as_ref())?;
    drop(checker);
    mark("render templates and write files");
    if let Some(options) = check {
        let report = crate::check::report(&project, options, checked);
        if report.errors() > 0 {
            let mut findings = report.findings;
            findings.retain(Diagnostic::is_error);
            return Err(Error::Content(findings));
        }
        mark("check");
    }
    let slugs: Vec<&str> = project
        .site
        .districts
        .iter()
        .map(|v| project.site.district(v).slug.as_str())
        .collect();
    let file_count = files.len();
    if args.zip {
        files.extend(write_both_zips(
            args,
            (&inputs, &project),
            staging.dir(),
            &slugs,
        )?);
        mark("zip every district");
    }
    let committed = commit(staging, args, files)?;
    mark("swap the output in");
    let report = BuildReport {
        districts: project.site.districts.len(),
        languages: project.site.config.languages.len(),
        pages,
        files: file_count,
        warnings: project.diagnostics.clone(),
        committed,
        elapsed: start.elapsed(),
        timings,
        images_processed: project.images.processed.load(Ordering::Relaxed),
        images_cached: project.images.reused.load(Ordering::Relaxed),
        immutable,
        drafts_note: project.site.drafts_note(),
    };
    let loaded = Loaded {
        project,
        inputs,
        out,
        start,
        timings: Vec::new(),
    };
    Ok(Built { report, loaded })
}

/// Swaps the staged output in: all of it, or for `--district` what this
/// build wrote (those districts' folders and zips, the portal, the city
/// feeds, the theme files), keeping the other districts as they were.
fn commit(staging: Staging, args: &BuildArgs, written: Vec<String>) -> Result<output::Committed> {
    if args.districts.is_empty() {
        return staging.commit_all(written);
    }
    let mut entries: Vec<String> = written
        .iter()
        .map(|path| path.split('/').next().unwrap_or(path).to_string())
        .collect();
    entries.sort();
    entries.dedup();
    staging.commit_entries(&entries, &written)
}

/// Zips the district folder `from/slug` as it was written into
/// `to/<slug><suffix>.zip`, with its checksum in `….zip.sha256`.
fn write_zip(from: &Path, to: &Path, slug: &str, suffix: &str) -> Result<[String; 2]> {
    let dir = to;
    let site = from.join(slug);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in walkdir::WalkDir::new(&site).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&site).to_path_buf();
            Error::read(&path, e.into())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&site).unwrap_or(entry.path());
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::read(entry.path(), e))?;
        files.push((crate::error::display_path(rel), bytes));
    }
    let name = format!("{slug}{suffix}.zip");
    let zip = crate::output::bundle::zip(files.iter().map(|(p, b)| (p.as_str(), b.as_slice())))
        .map_err(|e| Error::write(dir.join(&name), e))?;
    output::write(dir, &name, &zip)?;
    let sum = format!("{name}.sha256");
    output::write(
        dir,
        &sum,
        crate::output::bundle::checksum_line(&name, &zip).as_bytes(),
    )?;
    Ok([name, sum])
}

/// What a build wrote.
pub struct Written {
    /// Every file, relative to the output, `/`-separated.
    pub files: Vec<String>,
    /// How many of them are pages.
    pub pages: usize,
    /// The files whose names loa fingerprinted, relative to the output.
    pub immutable: BTreeSet<String>,
    /// The findings of the pages, when they were checked as written.
    pub checked: Vec<Diagnostic>,
}

/// Writes every district and the portal under `dir`.
pub fn write_all(project: &Project, dir: &Path) -> Result<Written> {
    write_all_checked(project, dir, None)
}

/// [`write_all`], each page checked by `checker` as it is written.
fn write_all_checked(
    project: &Project,
    dir: &Path,
    checker: Option<&Checker<'_>>,
) -> Result<Written> {
    let results: Vec<std::result::Result<Written, Vec<Diagnostic>>> = project
        .site
        .districts
        .par_iter()
        .map(|view| write_district(project, view, dir, checker))
        .collect::<Result<Vec<_>>>()?;
    let mut written = Written {
        files: Vec::new(),
        pages: 0,
        immutable: BTreeSet::new(),
        checked: Vec::new(),
    };
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for r in results {
        match r {
            Ok(district) => {
                written.files.extend(district.files);
                written.immutable.extend(district.immutable);
                written.pages += district.pages;
                checked.push(district.checked);
            }
            Err(mut d) => problems.append(&mut d),
        }
    }
    match engine::city_files(project) {
        Ok(city) => {
            for (path, content) in &city {
                write_content(project, dir, path, content)?;
                written.files.push(path.clone());
            }
            if let Some(checker) = checker
                && let Some((_, Produced::Bytes(portal))) =
                    city.iter().find(|(path, _)| path == engine::PORTAL)
            {
                let files: std::collections::HashSet<&str> =
                    written.files.iter().map(String::as_str).collect();
                let exists = |path: &str| {
                    files.contains(path) || crate::check::pages::not_built(project, path)
                };
                checked.push(checker.portal(portal, exists));
            }
        }
        Err(d) => problems.push(d),
    }
    written.checked = crate::check::pages::told_once(checked);
    if !problems.is_empty() {
        let mut all = project.diagnostics.clone();
        all.extend(dedup_template_errors(problems));
        crate::error::tidy(&mut all);
        return Err(Error::Content(all));
    }
    Ok(written)
}

/// Writes one district's files under `dir/<slug>/`, or says what kept it
/// from being written.
fn write_district(
    project: &Project,
    view: &DistrictView,
    dir: &Path,
    checker: Option<&Checker<'_>>,
) -> Result<std::result::Result<Written, Vec<Diagnostic>>> {
    let district = engine::DistrictFiles::new(project, view);
    let plan = district.plan();
    if !plan.problems.is_empty() {
        return Ok(Err(plan.problems));
    }
    let slug = &project.site.district(view).slug;
    let pages_checker = checker.map(|c| c.district(view, &district, &plan.files));
    let outcomes: Vec<Result<FileOutcome<'_>>> = plan
        .files
        .par_iter()
        .map(|(path, job)| match district.produce(job) {
            Ok(content) => {
                write_content(project, dir, &format!("{slug}/{path}"), &content)?;
                Ok(Ok(pages_checker
                    .as_ref()
                    .map(|c| c.page(path, job, &content))))
            }
            Err(d) => Ok(Err(d)),
        })
        .collect();
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for outcome in outcomes {
        match outcome? {
            Ok(page) => checked.extend(page),
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let checked = pages_checker.map_or_else(Vec::new, |c| c.finish(checked));
    let pages = plan
        .files
        .values()
        .filter(|j| matches!(j, engine::Job::Page { .. }))
        .count();
    let immutable = engine::fingerprinted(&plan)
        .map(|p| format!("{slug}/{p}"))
        .collect();
    let files = plan
        .files
        .into_keys()
        .map(|p| format!("{slug}/{p}"))
        .collect();
    Ok(Ok(Written {
        files,
        pages,
        immutable,
        checked,
    }))
}

/// One file written: what checking it found, when it was checked; or the
/// problem that kept it from being made.
type FileOutcome<'p> = std::result::Result<Option<crate::check::pages::Checked<'p>>, Diagnostic>;

/// Writes one file of the engine's stream at `rel` under `dir`.
fn write_content(project: &Project, dir: &Path, rel: &str, content: &Produced<'_>) -> Result<()> {
    match content {
        Produced::Bytes(bytes) => output::write(dir, rel, bytes),
        Produced::Copy(from) => {
            let file = crate::read::source::open_inside(from, &project.site.config.content_dir())
                .map_err(|e| Error::read(from, e))?;
            output::copy(file, from, dir, rel)
        }
    }
}

/// A broken template fails on every page: report each problem once, with
/// how many pages it hit.
fn dedup_template_errors(problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen: Vec<(Diagnostic, usize)> = Vec::new();
    for d in problems {
        // One template location fails the same way on every page.
        let key = |x: &Diagnostic| (x.file.clone(), x.line, x.column, x.code);
        match seen.iter_mut().find(|(s, _)| key(s) == key(&d)) {
            Some((_, n)) => *n += 1,
            None => seen.push((d, 1)),
        }
    }
    seen.into_iter()
        .map(|(mut d, n)| {
            if n > 1 {
                d.message = crate::msg!(
                    "template-error-more-pages",
                    message = d.message.text(),
                    count = n - 1
                );
            }
            d
        })
        .collect()
}
