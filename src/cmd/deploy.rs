//! `loa deploy`: build the campaign as `loa build` does (refusing one that
//! fails, and with `--strict` one that fails `loa check --strict`), then
//! publish each district's folder to the target in its district file, and
//! purge the CDN of what changed.

use std::collections::BTreeSet;
use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;

use crate::cmd::build::{self, BuildArgs};
use crate::cmd::check::{self, CheckArgs};
use crate::error::{Error, Result};
use crate::publish::purge::Purger;
use crate::publish::{self, DeployTarget, Summary};
use crate::read::config::{self, Deploy};

/// What `loa deploy` was asked to do.
#[derive(Debug, Clone)]
pub struct DeployArgs {
    /// The campaign folder.
    pub root: PathBuf,
    /// The output folder the build writes and the deploy reads.
    pub out: PathBuf,
    /// Only these districts (every district with a `deploy:` when empty).
    pub districts: Vec<String>,
    /// Only say what would change.
    pub dry_run: bool,
    /// Send every file, whatever is there.
    pub force: bool,
    /// Replace files at the target that loa did not put there.
    pub adopt: bool,
    /// Refuse a campaign that fails `loa check --strict`.
    pub strict: bool,
}

/// A district ready to publish: its target and the caches to purge, both
/// opened (credentials found).
struct Opened<'a> {
    slug: &'a str,
    target: DeployTarget,
    purger: Option<Purger>,
    base_url: Option<String>,
}

/// Told of each file sent: district, files sent, files in all, bytes
/// sent, bytes in all.
pub type Progress<'a> = &'a (dyn Fn(&str, usize, usize, u64, u64) + Sync);

/// Builds, then publishes; `say` prints progress and each summary. Returns
/// each district's summary.
pub fn run(args: &DeployArgs, say: &(dyn Fn(&str) + Sync)) -> Result<Vec<(String, Summary)>> {
    run_with(args, say, None)
}

/// [`run`], also telling `progress` of each file sent (the desk shows it).
pub fn run_with(
    args: &DeployArgs,
    say: &(dyn Fn(&str) + Sync),
    progress: Option<Progress<'_>>,
) -> Result<Vec<(String, Summary)>> {
    let targets = targets(args)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the network runtime: {e}")))?;
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    // Every target and cache opens (credentials present) before anything
    // is sent.
    let mut opened = Vec::new();
    for (slug, deploy, base_url) in &targets {
        let refuse = |message: String| {
            Error::Usage(format!(
                "cannot publish {slug} to {}: {message}; nothing was built or sent",
                deploy.target
            ))
        };
        let target = DeployTarget::open(deploy, &env).map_err(refuse)?;
        let purger = Purger::open(&deploy.purge, &env).map_err(refuse)?;
        let base_url = purger.as_ref().and(base_url.clone());
        opened.push(Opened {
            slug,
            target,
            purger,
            base_url,
        });
    }
    refuse_failing(args)?;
    let report = build::run(&BuildArgs {
        root: args.root.clone(),
        out: args.out.clone(),
        districts: targets.iter().map(|(slug, ..)| slug.clone()).collect(),
        offline: false,
        zip: false,
    })?;
    say(&format!(
        "Built {} district{} ({} files).",
        report.districts,
        if report.districts == 1 { "" } else { "s" },
        report.files
    ));
    let mut summaries = Vec::new();
    for (i, district) in opened.iter().enumerate() {
        let rerun = || opened[i..].iter().map(|o| o.slug.to_string()).collect();
        let prefix = format!("{}/", district.slug);
        let immutable = report
            .immutable
            .iter()
            .filter_map(|p| p.strip_prefix(&prefix).map(str::to_string))
            .collect();
        let summary = runtime
            .block_on(publish_one(args, district, immutable, progress))
            .map_err(|message| Error::Publish {
                district: district.slug.to_string(),
                target: district.target.name.clone(),
                message,
                rerun: rerun(),
            })?;
        say(&describe(district, &summary, args.dry_run));
        summaries.push((district.slug.to_string(), summary));
    }
    Ok(summaries)
}

/// With `--strict`, a campaign that fails `loa check --strict` is refused.
fn refuse_failing(args: &DeployArgs) -> Result<()> {
    if !args.strict {
        return Ok(());
    }
    let report = check::run(&CheckArgs {
        root: args.root.clone(),
        districts: args.districts.clone(),
        strict: true,
    })?;
    if report.errors() > 0 {
        let mut findings = report.findings;
        findings.retain(|d| d.is_error());
        return Err(Error::Content(findings));
    }
    Ok(())
}

/// Publishes one district's folder, then purges its caches of what
/// changed (and of what an earlier deploy could not purge).
async fn publish_one(
    args: &DeployArgs,
    district: &Opened<'_>,
    immutable: BTreeSet<String>,
    told: Option<Progress<'_>>,
) -> std::result::Result<Summary, String> {
    let options = publish::Options {
        dry_run: args.dry_run,
        force: args.force,
        purge_base: district.base_url.clone(),
        adopt: args.adopt,
        immutable,
    };
    let terminal = std::io::stderr().is_terminal();
    let slug = district.slug;
    let progress = |n: usize, total: usize, b: u64, total_b: u64| {
        if let Some(told) = told {
            told(slug, n, total, b, total_b);
        }
        let mut err = std::io::stderr().lock();
        let line = format!(
            "{slug}: {n}/{total} files, {} / {}",
            bytes(b),
            bytes(total_b)
        );
        if terminal {
            let _ = write!(err, "\r{line}   ");
            if n == total {
                let _ = writeln!(err);
            }
        } else if n == total || n.is_multiple_of(100) {
            let _ = writeln!(err, "{line}");
        }
    };
    let site = args.out.join(slug);
    let summary = district.target.publish(&site, &options, &progress).await?;
    if let Some(purger) = &district.purger
        && !args.dry_run
        && !summary.purge.is_empty()
    {
        purger.purge(slug, &summary.purge).await.map_err(|e| {
            format!("the files are published, but the CDN's cache was not purged: {e}")
        })?;
        district.target.purged().await?;
    }
    Ok(summary)
}

/// The districts to publish: slug, target and `base_url`.
fn targets(args: &DeployArgs) -> Result<Vec<(String, Deploy, Option<String>)>> {
    let (config, mut diagnostics) = config::load(&args.root)?;
    let config = match config {
        Some(config) if !diagnostics.iter().any(|d| d.is_error()) => config,
        _ => {
            diagnostics.retain(|d| d.is_error());
            return Err(Error::Content(diagnostics));
        }
    };
    let mut targets = Vec::new();
    for district in &config.districts {
        let wanted = args.districts.is_empty() || args.districts.contains(&district.slug);
        match (&district.deploy, wanted) {
            (Some(d), true) => {
                targets.push((district.slug.clone(), d.clone(), district.base_url.clone()))
            }
            (None, true) if !args.districts.is_empty() => {
                return Err(Error::Usage(format!(
                    "district `{}` has no `deploy:` target; add one to {} (see README, Hosting)",
                    district.slug, district.source.file
                )));
            }
            _ => {}
        }
    }
    for slug in &args.districts {
        if !config.districts.iter().any(|d| &d.slug == slug) {
            return Err(Error::Usage(format!("there is no district `{slug}`")));
        }
    }
    if targets.is_empty() {
        return Err(Error::Usage(
            "no district has a `deploy:` target yet; add one to a district file (see README, Hosting)"
                .into(),
        ));
    }
    Ok(targets)
}

fn describe(district: &Opened<'_>, s: &Summary, dry_run: bool) -> String {
    let mut text = format!(
        "{} → {}: {} {} ({}), {} unchanged, {} {} in {:.2} s",
        district.slug,
        district.target.name,
        if dry_run { "would upload" } else { "uploaded" },
        s.uploaded.len(),
        bytes(s.bytes),
        s.unchanged,
        if dry_run { "would delete" } else { "deleted" },
        s.deleted.len(),
        s.elapsed.as_secs_f64()
    );
    if district.purger.is_some() {
        let verb = if dry_run { "would purge" } else { "purged" };
        text.push_str(&format!(
            ", {verb} {} addresses from the CDN",
            s.purge.len()
        ));
    }
    if s.retried > 0 {
        text.push_str(&format!(
            "; {} request{} failed for a moment and {} sent again (last: {})",
            s.retried,
            if s.retried == 1 { "" } else { "s" },
            if s.retried == 1 { "was" } else { "were" },
            s.retry_reason.as_deref().unwrap_or("no answer")
        ));
    }
    if dry_run {
        for path in &s.uploaded {
            text.push_str(&format!("\n  upload {path}"));
        }
        for path in &s.deleted {
            text.push_str(&format!("\n  delete {path}"));
        }
        for url in &s.purge {
            text.push_str(&format!("\n  purge {url}"));
        }
    }
    text
}

/// A size for people: `512 B`, `1.5 KiB`, `3.2 MiB`.
pub fn bytes(n: u64) -> String {
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", n as f64 / 1024.0 / 1024.0)
    }
}
