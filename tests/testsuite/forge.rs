//! `loa init --ci github|gitlab`: the workflow is pinned to this loa by
//! version and SHA-256, its shell steps really download, verify and run loa
//! (here from a `file://` address) and leave each ward's zips for review,
//! a wrong checksum stops it before loa runs, an existing campaign gets the
//! workflow and nothing else, and bad checksums are refused untouched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml::Value;
use sha2::{Digest, Sha256};

use crate::support::*;

/// The SHA-256 of the loa under test, in hexadecimal.
fn loa_sha256() -> String {
    let bytes = std::fs::read(env!("CARGO_BIN_EXE_loa")).unwrap();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new campaign whose example number was called: it passes `--strict`.
fn campaign_ready_to_publish(tmp: &Path, forge: &str, sha: &str) -> PathBuf {
    loa_in(tmp, &["init", "c", "--ci", forge, "--loa-sha256", sha]).ok();
    let dir = tmp.join("c");
    let national = std::fs::read_to_string(dir.join("content/hotlines/quoc-gia.yaml")).unwrap();
    let verified = national
        .lines()
        .find_map(|l| l.trim().strip_prefix("verified: "))
        .unwrap()
        .to_string();
    let district = dir.join("content/districts/phuong-mau.yaml");
    let text = std::fs::read_to_string(&district).unwrap().replace(
        "    example: true\n",
        &format!("    verified: {verified}\n"),
    );
    std::fs::write(&district, text).unwrap();
    dir
}

fn yaml(path: &Path) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn runs(steps: &Value) -> Vec<String> {
    steps
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect()
}

/// Runs shell steps as the forge would, in `dir`, with `loa` downloaded
/// from `url`: each step in its own `bash -e`, `$GITHUB_PATH` read between
/// steps. Returns the index of the first step that failed, if any.
fn run_steps(dir: &Path, steps: &[String], env: &BTreeMap<&str, String>) -> Option<usize> {
    let temp = tempfile::tempdir().unwrap();
    let github_path = temp.path().join("github_path");
    std::fs::write(&github_path, "").unwrap();
    for (i, step) in steps.iter().enumerate() {
        let extra = std::fs::read_to_string(&github_path).unwrap();
        let mut path: Vec<String> = extra.lines().map(str::to_string).collect();
        path.push(std::env::var("PATH").unwrap());
        let output = Command::new("bash")
            .args(["-e", "-c", step])
            .current_dir(dir)
            .env_clear()
            .env("PATH", path.join(":"))
            .env("HOME", temp.path())
            .env("RUNNER_TEMP", temp.path())
            .env("GITHUB_PATH", &github_path)
            .env("SOURCE_DATE_EPOCH", "1795910400")
            .envs(env)
            .output()
            .unwrap();
        if !output.status.success() {
            eprintln!(
                "step {i} failed:\n{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            return Some(i);
        }
    }
    None
}

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "runs the workflow's Linux shell steps"
)]
fn the_github_workflow_checks_zips_and_publishes_with_this_loa() {
    let tmp = tempfile::tempdir().unwrap();
    let sha = loa_sha256();
    let dir = campaign_ready_to_publish(tmp.path(), "github", &sha);
    let file = dir.join(".github/workflows/loa.yml");
    let flow = yaml(&file);
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(flow["env"]["LOA_VERSION"].as_str(), Some(version));
    assert_eq!(flow["env"]["LOA_SHA256"].as_str(), Some(sha.as_str()));
    let url = flow["env"]["LOA_URL"].as_str().unwrap();
    assert!(
        url.starts_with("https://")
            && url.ends_with(&format!("/v{version}/loa-{version}-linux-x86_64")),
        "{url}"
    );
    // Proposed changes and pushes are checked; only main publishes, after
    // the check, with the repository's secrets.
    assert!(flow["on"]["pull_request"].is_null() || flow["on"]["pull_request"].is_mapping());
    assert_eq!(flow["on"]["push"]["branches"][0].as_str(), Some("main"));
    assert_eq!(flow["permissions"]["contents"].as_str(), Some("read"));
    let check = &flow["jobs"]["check"];
    let deploy = &flow["jobs"]["deploy"];
    assert_eq!(deploy["needs"].as_str(), Some("check"));
    let condition = deploy["if"].as_str().unwrap();
    assert!(condition.contains("refs/heads/main") && condition.contains("'push'"));
    let deploy_env = deploy["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find_map(|s| s["env"].as_mapping())
        .unwrap();
    for key in [
        "AWS_ACCESS_KEY_ID",
        "AZURE_STORAGE_ACCOUNT_KEY",
        "CLOUDFLARE_API_TOKEN",
    ] {
        let value = deploy_env[key].as_str().unwrap();
        assert_eq!(value, format!("${{{{ secrets.{key} }}}}"));
    }
    assert!(
        runs(&deploy["steps"])
            .last()
            .unwrap()
            .ends_with("loa deploy --strict\n")
    );
    assert!(check["env"].is_null(), "the check job gets no secret");
    let upload = check["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-artifact@"))
        })
        .unwrap();
    assert_eq!(upload["with"]["path"].as_str(), Some("ward-zips/"));

    // The check job's steps, run for real with loa from a file:// address.
    let steps = runs(&check["steps"]);
    let url = format!("file://{}", env!("CARGO_BIN_EXE_loa"));
    let env = BTreeMap::from([("LOA_URL", url.clone()), ("LOA_SHA256", sha.clone())]);
    assert_eq!(run_steps(&dir, &steps, &env), None);
    for kind in ["hosting", "offline"] {
        let zips = dir.join("ward-zips").join(kind);
        assert!(zips.join("phuong-mau.zip").is_file(), "{kind}");
        let check = Command::new("sha256sum")
            .args(["--check", "phuong-mau.zip.sha256"])
            .current_dir(&zips)
            .status()
            .unwrap();
        assert!(check.success(), "{kind}");
    }
    // A download that is not the pinned program stops the job before loa
    // runs: nothing is checked, built or attached.
    std::fs::remove_dir_all(dir.join("ward-zips")).unwrap();
    let env = BTreeMap::from([("LOA_URL", url), ("LOA_SHA256", "0".repeat(64))]);
    assert_eq!(run_steps(&dir, &steps, &env), Some(0));
    assert!(!dir.join("ward-zips").exists());
}

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "runs the pipeline's Linux shell steps"
)]
fn the_gitlab_pipeline_has_the_keys_gitlab_needs_and_its_check_job_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let sha = loa_sha256();
    let dir = campaign_ready_to_publish(tmp.path(), "gitlab", &sha);
    let ci = yaml(&dir.join(".gitlab-ci.yml"));
    assert_eq!(ci["variables"]["LOA_SHA256"].as_str(), Some(sha.as_str()));
    let stages: Vec<&str> = ci["stages"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(stages, ["check", "publish"]);
    // Every job: a stage that exists and a script of plain lines.
    let reserved = ["variables", "stages", "default", "workflow", "include"];
    let jobs: Vec<(&str, &Value)> = ci
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str().unwrap(), v))
        .filter(|(k, _)| !reserved.contains(k))
        .collect();
    assert_eq!(
        jobs.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
        ["check", "publish"]
    );
    for (name, job) in &jobs {
        assert!(stages.contains(&job["stage"].as_str().unwrap()), "{name}");
        let script = job["script"].as_sequence().unwrap();
        assert!(
            !script.is_empty() && script.iter().all(Value::is_string),
            "{name}"
        );
    }
    let before: Vec<&str> = ci["default"]["before_script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(before.iter().any(|l| l.contains("sha256sum --check")));
    let publish = &ci["publish"];
    assert_eq!(
        publish["rules"][0]["if"].as_str(),
        Some("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
    );
    assert_eq!(publish["script"][0].as_str(), Some("loa deploy --strict"));
    assert_eq!(
        ci["check"]["artifacts"]["paths"][0].as_str(),
        Some("ward-zips/")
    );
    assert!(ci["check"]["artifacts"]["expose_as"].is_string());

    // The check job's script, with loa on PATH as before_script leaves it.
    let loa_dir = Path::new(env!("CARGO_BIN_EXE_loa")).parent().unwrap();
    let script = ci["check"]["script"].as_sequence().unwrap();
    let lines: Vec<String> = script
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    let hosting = tmp.path().join("hosting");
    let offline = tmp.path().join("offline");
    let lines: Vec<String> = lines
        .iter()
        .map(|l| {
            l.replace("/tmp/hosting", &hosting.display().to_string())
                .replace("/tmp/offline", &offline.display().to_string())
        })
        .collect();
    let env = BTreeMap::from([(
        "PATH",
        format!("{}:{}", loa_dir.display(), std::env::var("PATH").unwrap()),
    )]);
    assert_eq!(run_steps(&dir, &[lines.join("\n")], &env), None);
    assert!(dir.join("ward-zips/hosting/phuong-mau.zip").is_file());
    assert!(
        dir.join("ward-zips/offline/phuong-mau.zip.sha256")
            .is_file()
    );
}

#[test]
fn an_existing_campaign_gets_the_workflow_and_nothing_else() {
    let c = Campaign::bundled();
    let before = snapshot_tree(c.root());
    let sha = "ab".repeat(32);
    let run = c
        .loa(&["init", ".", "--ci", "gitlab", "--loa-sha256", &sha])
        .ok();
    assert!(run.stdout.contains(".gitlab-ci.yml"), "{}", run.stdout);
    let mut after = snapshot_tree(c.root());
    let added = after.remove(".gitlab-ci.yml").unwrap();
    assert_eq!(after, before);
    assert!(String::from_utf8(added).unwrap().contains(&sha));
    // Asked again, the file is refused, left as it is.
    let again = snapshot_tree(c.root());
    let run = c.loa(&[
        "init",
        ".",
        "--ci",
        "gitlab",
        "--loa-sha256",
        &"cd".repeat(32),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("exists already"), "{}", run.stderr);
    assert_eq!(snapshot_tree(c.root()), again);
}

#[test]
fn a_checksum_that_is_not_one_is_refused_before_anything_is_written() {
    let c = Campaign::bundled();
    let before = snapshot_tree(c.root());
    let tmp = tempfile::tempdir().unwrap();
    for bad in [
        "",
        "abc",
        &"g".repeat(64),
        &format!("{}\"\n  x: y", "a".repeat(56)),
        &format!("{}${{{{ secrets.X }}}}", "a".repeat(50)),
    ] {
        for forge in ["github", "gitlab"] {
            let run = c.loa(&["init", ".", "--ci", forge, "--loa-sha256", bad]);
            assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
            assert!(run.stderr.contains("--loa-sha256"), "{}", run.stderr);
            let run = loa_in(
                tmp.path(),
                &["init", "x", "--ci", forge, "--loa-sha256", bad],
            );
            assert_eq!(run.code, 2, "{bad:?}");
        }
    }
    assert_eq!(snapshot_tree(c.root()), before);
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    // A loa built from source knows no checksum: it says where to find one.
    if option_env!("LOA_CI_SHA256").is_none() {
        let run = loa_in(tmp.path(), &["init", "x", "--ci", "github"]);
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains("SHA256SUMS") && run.stderr.contains("--loa-sha256"));
        assert!(!tmp.path().join("x").exists());
    }
}

/// actionlint, the linter GitHub workflows are checked with in CI.
#[test]
#[ignore = "needs actionlint (.ci/run installs it from PyPI)"]
fn actionlint_finds_nothing_in_the_github_workflow() {
    let tmp = tempfile::tempdir().unwrap();
    loa_in(
        tmp.path(),
        &[
            "init",
            "c",
            "--ci",
            "github",
            "--loa-sha256",
            &"ab".repeat(32),
        ],
    )
    .ok();
    let file = tmp.path().join("c/.github/workflows/loa.yml");
    let out = Command::new("actionlint")
        .arg(&file)
        .output()
        .expect("actionlint is on PATH (.ci/run installs it)");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
