//! `loa init --ci github|gitlab`: the forge workflow that checks every
//! change to a campaign (`loa check --strict`), attaches each ward's zips to
//! a proposed change, and publishes the main branch with `loa deploy`. The
//! workflow downloads this version of loa from its release and checks it
//! against a SHA-256 written into the file, so what runs is pinned.

use std::path::Path;

use crate::error::{Error, Result};

/// The forges `--ci` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forge {
    /// GitHub Actions: `.github/workflows/loa.yml`.
    GitHub,
    /// GitLab CI/CD: `.gitlab-ci.yml`.
    GitLab,
}

impl Forge {
    /// The workflow file's path in the campaign.
    pub fn path(self) -> &'static str {
        match self {
            Forge::GitHub => ".github/workflows/loa.yml",
            Forge::GitLab => ".gitlab-ci.yml",
        }
    }

    fn template(self) -> &'static str {
        match self {
            Forge::GitHub => include_str!("ci/github.yml"),
            Forge::GitLab => include_str!("ci/gitlab.yml"),
        }
    }
}

/// Where releases are downloaded from: set by the release workflow when it
/// builds loa (`LOA_RELEASES`), else the repository's GitHub releases.
const RELEASES: &str = match option_env!("LOA_RELEASES") {
    Some(url) => url,
    None => concat!(env!("CARGO_PKG_REPOSITORY"), "/releases/download"),
};

/// The SHA-256 of this version's Linux program for CI, which the release
/// workflow builds first and passes to the builds of every download
/// (`LOA_CI_SHA256`); a build from source does not know it.
const CI_SHA256: Option<&str> = option_env!("LOA_CI_SHA256");

/// The name of the release's Linux x86_64 program that CI downloads.
pub fn ci_asset(version: &str) -> String {
    format!("loa-{version}-linux-x86_64")
}

/// The workflow for `forge`, pinned to this loa and `sha256` (or the
/// checksum this loa was built with).
pub fn workflow(forge: Forge, sha256: Option<&str>) -> Result<String> {
    let version = env!("CARGO_PKG_VERSION");
    let sha256 = match sha256.or(CI_SHA256) {
        Some(hex) => checked_sha256(hex)?,
        None => {
            return Err(Error::Usage(crate::msg!(
                "usage-ci-checksum",
                asset = ci_asset(version),
                version = version,
                url = format!("{RELEASES}/v{version}/SHA256SUMS")
            )));
        }
    };
    let url = format!("{RELEASES}/v{version}/{}", ci_asset(version));
    Ok(forge
        .template()
        .replace("@LOA_VERSION@", version)
        .replace("@LOA_URL@", &url)
        .replace("@LOA_SHA256@", &sha256))
}

/// A SHA-256 in hexadecimal, in lowercase: anything else is refused (it is
/// written into the workflow).
fn checked_sha256(hex: &str) -> Result<String> {
    if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(hex.to_ascii_lowercase())
    } else {
        Err(Error::Usage(crate::msg!("usage-ci-sha256")))
    }
}

/// Adds the workflow to the campaign in `dir`; a file already there (even
/// a link) is refused and left as it is, and a failed write leaves nothing.
pub fn add_to_campaign(dir: &Path, forge: Forge, workflow: &str) -> Result<String> {
    use std::io::Write;
    let rel = forge.path();
    let path = dir.join(rel);
    let parent = path.parent().unwrap_or(dir);
    std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Usage(crate::msg!("usage-ci-exists", file = &path)));
        }
        Err(e) => return Err(Error::write(&path, e)),
    };
    if let Err(e) = file
        .write_all(workflow.as_bytes())
        .and_then(|()| file.sync_all())
    {
        drop(file);
        let _ = std::fs::remove_file(&path);
        return Err(Error::write(&path, e));
    }
    Ok(rel.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_plain_checksum_reaches_the_workflow() {
        let good = "AB".repeat(32);
        assert_eq!(checked_sha256(&good).unwrap(), "ab".repeat(32));
        for bad in [
            String::new(),
            "ab".repeat(31),
            "ab".repeat(33),
            format!("{}\"\nx: 1", "a".repeat(58)),
            "g".repeat(64),
            format!("{} ", "a".repeat(63)),
        ] {
            assert!(checked_sha256(&bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn every_placeholder_is_filled() {
        for forge in [Forge::GitHub, Forge::GitLab] {
            let text = workflow(forge, Some(&"0".repeat(64))).unwrap();
            assert!(!text.contains("@LOA_"), "{forge:?}");
            assert!(text.contains(&ci_asset(env!("CARGO_PKG_VERSION"))));
        }
    }
}
