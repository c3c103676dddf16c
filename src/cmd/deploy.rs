//! `loa deploy`: build the campaign as `loa build` does (refusing one that
//! fails, and with `--strict` one that fails `loa check --strict`), then
//! publish each district's folder to the target in its district file, and
//! purge the CDN of what changed.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::check::{self, CheckOptions};
use crate::cmd::build::{self, BuildArgs};
use crate::error::{Error, Result};
use crate::i18n::{Arg, Msg, Reporter};
use crate::publish::purge::Purger;
use crate::publish::{self, DeployTarget, Summary};
use crate::read::config::{self, Deploy};
use crate::read::target::SiteUrl;
use crate::read::yaml::Spanned;

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
    base_url: Option<SiteUrl>,
}

/// Builds, then publishes, telling `reporter` what was built, each file
/// sent and each district's summary. Returns each district's summary.
pub fn run(args: &DeployArgs, reporter: &dyn Reporter) -> Result<Vec<(String, Summary)>> {
    let targets = targets(args)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(crate::msg!("usage-runtime", reason = e.to_string())))?;
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    // Every target and cache opens (credentials present) before anything
    // is sent.
    let mut opened = Vec::new();
    for (slug, deploy, base_url) in &targets {
        let refuse = |message: String| {
            Error::Usage(crate::msg!(
                "usage-deploy-refused",
                district = slug,
                target = deploy.target.as_str(),
                reason = message
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
    let build_args = BuildArgs {
        root: args.root.clone(),
        out: args.out.clone(),
        districts: targets.iter().map(|(slug, ..)| slug.clone()).collect(),
        offline: false,
        zip: false,
    };
    // One load: checked (with --strict), then built.
    let loaded =
        build::load(&build_args, args.strict, reporter).map_err(|e| strict_error(args, e))?;
    // With --strict, each page is checked as it is written: rendered once.
    let strict = args.strict.then_some(CheckOptions { strict: true });
    let report = build::write_checked(&build_args, loaded, strict, reporter)?.report;
    reporter.note(crate::msg!(
        "deploy-built",
        districts = report.districts,
        files = report.files
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
            .block_on(publish_one(args, district, immutable, reporter))
            .map_err(|message| Error::Publish {
                district: district.slug.to_string(),
                target: district.target.name.clone(),
                message,
                rerun: rerun(),
            })?;
        describe(district, &summary, args.dry_run, reporter);
        summaries.push((district.slug.to_string(), summary));
    }
    Ok(summaries)
}

/// With `--strict`, the findings of a campaign that cannot even be loaded
/// are all errors, as `loa check --strict` reports them.
fn strict_error(args: &DeployArgs, err: Error) -> Error {
    match err {
        Error::Content(mut findings) if args.strict => {
            check::strictly(&mut findings);
            Error::Content(findings)
        }
        other => other,
    }
}

/// Publishes one district's folder, then purges its caches of what
/// changed (and of what an earlier deploy could not purge).
async fn publish_one(
    args: &DeployArgs,
    district: &Opened<'_>,
    immutable: BTreeSet<String>,
    reporter: &dyn Reporter,
) -> std::result::Result<Summary, String> {
    let options = publish::Options {
        district: district.slug.to_string(),
        dry_run: args.dry_run,
        force: args.force,
        purge_base: district.base_url.clone(),
        adopt: args.adopt,
        immutable,
    };
    let slug = district.slug;
    let site = args.out.join(slug);
    let summary = district.target.publish(&site, &options, reporter).await?;
    if let Some(purger) = &district.purger
        && !args.dry_run
        && !summary.purge.is_empty()
    {
        purger
            .purge(slug, &summary.purge)
            .await
            .map_err(|e| crate::msg!("deploy-purge-failed", reason = e.to_string()).text())?;
        district.target.purged().await?;
    }
    Ok(summary)
}

/// The districts to publish: slug, target and `base_url`.
fn targets(args: &DeployArgs) -> Result<Vec<(String, Deploy, Option<SiteUrl>)>> {
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
            (Some(d), true) => targets.push((
                district.slug.clone(),
                d.clone(),
                district.base_url.clone().map(Spanned::into_inner),
            )),
            (None, true) if !args.districts.is_empty() => {
                return Err(Error::Usage(crate::msg!(
                    "usage-deploy-no-target",
                    district = &district.slug,
                    file = &district.source.file
                )));
            }
            _ => {}
        }
    }
    for slug in &args.districts {
        if !config.districts.iter().any(|d| &d.slug == slug) {
            return Err(Error::Usage(crate::msg!("usage-no-district", slug = slug)));
        }
    }
    if targets.is_empty() {
        return Err(Error::Usage(crate::msg!("usage-deploy-no-targets")));
    }
    Ok(targets)
}

/// Tells a district's summary, and with a dry run each path it would
/// send, delete or purge on a line of its own under it.
fn describe(district: &Opened<'_>, s: &Summary, dry_run: bool, reporter: &dyn Reporter) {
    let seconds = crate::i18n::decimal(s.elapsed.as_secs_f64(), 2);
    let (uploaded, deleted) = (s.uploaded.len(), s.deleted.len());
    // What the CDN and the retries add to the line, when there is any.
    let purge: Arg = match (&district.purger, dry_run) {
        (None, _) => "".into(),
        (Some(_), true) => crate::msg!("deploy-purge-dry", count = s.purge.len()).into(),
        (Some(_), false) => crate::msg!("deploy-purged", count = s.purge.len()).into(),
    };
    let retried: Arg = if s.retried > 0 {
        let last: Arg = match s.retry_reason.as_deref() {
            Some(reason) => reason.into(),
            None => Msg::new("deploy-no-answer").into(),
        };
        crate::msg!("deploy-retried", count = s.retried, last = last).into()
    } else {
        "".into()
    };
    let (target, size) = (&district.target.name, publish::size(s.bytes));
    reporter.note(if dry_run {
        crate::msg!(
            "deploy-summary-dry",
            district = district.slug,
            target = target,
            uploaded = uploaded,
            size = size,
            unchanged = s.unchanged,
            deleted = deleted,
            seconds = seconds,
            purge = purge,
            retried = retried
        )
    } else {
        crate::msg!(
            "deploy-summary",
            district = district.slug,
            target = target,
            uploaded = uploaded,
            size = size,
            unchanged = s.unchanged,
            deleted = deleted,
            seconds = seconds,
            purge = purge,
            retried = retried
        )
    });
    if dry_run {
        for path in &s.uploaded {
            reporter.detail(crate::msg!("deploy-would-upload", path = path));
        }
        for path in &s.deleted {
            reporter.detail(crate::msg!("deploy-would-delete", path = path));
        }
        for url in &s.purge {
            reporter.detail(crate::msg!("deploy-would-purge", url = url));
        }
    }
}
