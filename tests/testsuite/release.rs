//! The release workflow (`.github/workflows/release.yml`), read as YAML:
//! every platform the README promises is built on its own runner after the
//! whole test suite, each archive comes from `.ci/package-release`, and the
//! release carries SHA256SUMS and build provenance. (It runs only on a
//! forge; actionlint checks it in `.ci/run`.)

use std::path::Path;

use serde_yaml::Value;

fn workflow(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".github/workflows")
        .join(name);
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn runs(job: &Value) -> Vec<&str> {
    job["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect()
}

#[test]
fn every_platform_is_tested_then_built_and_published_with_checksums_and_provenance() {
    let flow = workflow("release.yml");
    assert!(
        flow["on"]["push"]["tags"][0]
            .as_str()
            .unwrap()
            .starts_with('v')
    );
    let build = &flow["jobs"]["build"];
    let mut targets: Vec<&str> = build["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    targets.sort_unstable();
    assert_eq!(
        targets,
        [
            "aarch64-apple-darwin",
            "aarch64-unknown-linux-gnu",
            "x86_64-apple-darwin",
            "x86_64-pc-windows-msvc",
            "x86_64-unknown-linux-gnu",
        ]
    );
    // On each runner: the whole suite, before the release build, then the
    // archive with the starter campaign.
    let steps = runs(build);
    let test = steps
        .iter()
        .position(|r| *r == "cargo test --locked")
        .unwrap();
    let release = steps.iter().position(|r| r.contains("--release")).unwrap();
    assert!(test < release);
    assert!(
        steps[release..]
            .iter()
            .any(|r| r.contains(".ci/package-release"))
    );
    // The Linux builds are for glibc 2.17.
    assert!(steps[release].contains("zigbuild --release --locked --target \"$TARGET.2.17\""));
    assert!(
        runs(&flow["jobs"]["ci-program"])
            .iter()
            .any(|r| r.contains(".ci/portable-linux"))
    );
    // Every build knows the checksum of the program campaigns' CI downloads.
    assert_eq!(
        build["env"]["LOA_CI_SHA256"].as_str(),
        Some("${{ needs.ci-program.outputs.sha256 }}")
    );
    let publish = &flow["jobs"]["publish"];
    let needs: Vec<&str> = publish["needs"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(needs, ["ci-program", "build"]);
    assert!(
        runs(publish)
            .iter()
            .any(|r| r.contains("sha256sum -- * > SHA256SUMS"))
    );
    let attest = publish["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/attest-build-provenance@"))
        })
        .unwrap();
    assert_eq!(attest["with"]["subject-path"].as_str(), Some("dist/*"));
    assert_eq!(publish["permissions"]["id-token"].as_str(), Some("write"));
    assert_eq!(flow["permissions"]["contents"].as_str(), Some("read"));
}

#[test]
fn ci_on_the_forge_is_ci_here() {
    let flow = workflow("ci.yml");
    let steps = runs(&flow["jobs"]["run"]);
    assert_eq!(steps.last(), Some(&"bash .ci/run"));
}

/// The Debian package's manual pages come from `loa man`, made from the
/// same definitions as `--help`: one for loa and one for each command.
#[test]
fn the_manual_pages_cover_every_command_and_option() {
    let tmp = tempfile::tempdir().unwrap();
    crate::support::loa_in(tmp.path(), &["man", "pages"]).ok();
    let pages = tmp.path().join("pages");
    let mut names: Vec<String> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "loa-build.1",
            "loa-check.1",
            "loa-deploy.1",
            "loa-init.1",
            "loa-new.1",
            "loa-serve.1",
            "loa.1"
        ]
    );
    let main = std::fs::read_to_string(pages.join("loa.1")).unwrap();
    assert!(main.contains(".TH loa 1 "), "{main}");
    assert!(main.contains("loa\\-build(1)") && main.contains("loa\\-deploy(1)"));
    assert!(
        !main.contains("loa\\-man(1)"),
        "the hidden command stays hidden"
    );
    let build = std::fs::read_to_string(pages.join("loa-build.1")).unwrap();
    assert!(build.contains(".TH loa-build 1 "));
    for option in ["\\-\\-offline", "\\-\\-zip", "\\-\\-district"] {
        assert!(build.contains(option), "{option}");
    }
    let init = std::fs::read_to_string(pages.join("loa-init.1")).unwrap();
    assert!(init.contains("\\-\\-ci") && init.contains("gitlab"));
}
