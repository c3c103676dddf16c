//! Publishing a built district folder to its target (`deploy:` in the
//! district file) through the `object_store` crate: S3 and S3-compatible
//! services, Google Cloud Storage, Azure Blob Storage, or a folder (a
//! mounted web root).
//!
//! Incremental: a manifest kept beside the site (`.loa-deploy.json`: every
//! file loa put there, with its SHA-256) says what is there; only changed
//! files are sent. The order keeps the remote site whole at every moment:
//! the manifest first grows to name everything that may be there, then
//! assets go up before the pages that use them, then what the site no
//! longer has is deleted, and last the manifest is made exact. A deploy
//! killed at any point leaves old or new pages, each with its assets, and
//! the next deploy converges. Only files loa put there are ever deleted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::{StreamExt, TryStreamExt};
use object_store::path::Path as ObjectPath;
use object_store::prefix::PrefixStore;
use object_store::{
    Attribute, Attributes, BackoffConfig, ObjectStore, ObjectStoreExt, PutOptions, PutPayload,
    RetryConfig,
};
use serde::{Deserialize, Serialize};

use crate::config::Deploy;
use crate::hosting;

/// The manifest's name, under the target's prefix.
pub const MANIFEST: &str = ".loa-deploy.json";

/// Files sent at the same time.
const PARALLEL: usize = 8;

/// A place to publish to.
pub struct Target {
    store: Arc<dyn ObjectStore>,
    /// An object store that keeps headers with each file (not a folder).
    cloud: bool,
    /// The target as written, for messages.
    pub name: String,
}

/// What a deploy of one district found and did.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Files sent (or that would be, in a dry run).
    pub uploaded: Vec<String>,
    /// Files already there with the same content.
    pub unchanged: usize,
    /// Files deleted (or that would be).
    pub deleted: Vec<String>,
    /// Bytes sent (or that would be).
    pub bytes: u64,
    /// Wall time.
    pub elapsed: Duration,
}

/// What is in the manifest.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    /// Path -> SHA-256 hex; empty when the content is not known (a deploy
    /// was under way).
    files: BTreeMap<String, String>,
}

/// Where credentials come from: the environment, and the files each cloud's
/// own tools write.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

impl Target {
    /// Opens the target of `deploy`; a missing credential is an error
    /// here, before anything is sent.
    pub fn open(deploy: &Deploy, env: Env<'_>) -> Result<Target, String> {
        let (scheme, rest) = deploy
            .target
            .split_once("://")
            .ok_or_else(|| format!("`{}` has no scheme", deploy.target))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let retry = RetryConfig {
            backoff: BackoffConfig {
                init_backoff: Duration::from_millis(200),
                max_backoff: Duration::from_secs(10),
                base: 2.0,
            },
            max_retries: 6,
            retry_timeout: Duration::from_secs(120),
        };
        let store: Arc<dyn ObjectStore> = match scheme {
            "s3" => {
                let mut b = object_store::aws::AmazonS3Builder::new()
                    .with_bucket_name(bucket)
                    .with_retry(retry);
                let (key, secret, token) = aws_credentials(env).ok_or_else(|| {
                    "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws/credentials (AWS_PROFILE picks one)".to_string()
                })?;
                b = b.with_access_key_id(key).with_secret_access_key(secret);
                if let Some(token) = token {
                    b = b.with_token(token);
                }
                let region = deploy
                    .region
                    .clone()
                    .or_else(|| env("AWS_REGION"))
                    .or_else(|| env("AWS_DEFAULT_REGION"))
                    .unwrap_or_else(|| "us-east-1".into());
                b = b.with_region(region);
                if let Some(endpoint) = deploy.endpoint.clone().or_else(|| env("AWS_ENDPOINT_URL"))
                {
                    b = b
                        .with_allow_http(endpoint.starts_with("http://"))
                        .with_endpoint(endpoint);
                }
                Arc::new(b.build().map_err(|e| e.to_string())?)
            }
            "gs" => {
                let file = env("GOOGLE_SERVICE_ACCOUNT")
                    .or_else(|| env("GOOGLE_SERVICE_ACCOUNT_PATH"))
                    .or_else(|| env("GOOGLE_APPLICATION_CREDENTIALS"));
                let adc = env("HOME").map(|h| {
                    PathBuf::from(h).join(".config/gcloud/application_default_credentials.json")
                });
                let mut b = object_store::gcp::GoogleCloudStorageBuilder::new()
                    .with_bucket_name(bucket)
                    .with_retry(retry);
                if let Some(key) = env("GOOGLE_SERVICE_ACCOUNT_KEY") {
                    b = b.with_service_account_key(key);
                } else if let Some(file) = file {
                    b = b.with_service_account_path(file);
                } else if let Some(adc) = adc.filter(|p| p.is_file()) {
                    b = b.with_application_credentials(adc.to_string_lossy());
                } else {
                    return Err("no Google Cloud credentials: set GOOGLE_APPLICATION_CREDENTIALS to a service account key file, or run `gcloud auth application-default login`".into());
                }
                Arc::new(b.build().map_err(|e| e.to_string())?)
            }
            "az" => {
                let Some(account) = env("AZURE_STORAGE_ACCOUNT_NAME") else {
                    return Err("no Azure storage account: set AZURE_STORAGE_ACCOUNT_NAME and AZURE_STORAGE_ACCOUNT_KEY (or AZURE_STORAGE_SAS_KEY)".into());
                };
                let mut b = object_store::azure::MicrosoftAzureBuilder::new()
                    .with_account(account)
                    .with_container_name(bucket)
                    .with_retry(retry);
                if let Some(key) = env("AZURE_STORAGE_ACCOUNT_KEY") {
                    b = b.with_access_key(key);
                } else if let Some(sas) = env("AZURE_STORAGE_SAS_KEY") {
                    b = b.with_config(object_store::azure::AzureConfigKey::SasKey, sas);
                } else {
                    return Err("no Azure credentials: set AZURE_STORAGE_ACCOUNT_KEY or AZURE_STORAGE_SAS_KEY".into());
                }
                if let Some(endpoint) = &deploy.endpoint {
                    b = b
                        .with_allow_http(endpoint.starts_with("http://"))
                        .with_endpoint(endpoint.clone());
                }
                Arc::new(b.build().map_err(|e| e.to_string())?)
            }
            "file" => {
                let dir = PathBuf::from(rest);
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                let store = object_store::local::LocalFileSystem::new_with_prefix(&dir)
                    .map_err(|e| e.to_string())?;
                return Ok(Target {
                    store: Arc::new(store),
                    cloud: false,
                    name: deploy.target.clone(),
                });
            }
            other => return Err(format!("loa cannot publish to `{other}://`")),
        };
        let store: Arc<dyn ObjectStore> = if prefix.trim_matches('/').is_empty() {
            store
        } else {
            Arc::new(PrefixStore::new(store, prefix.trim_matches('/')))
        };
        Ok(Target {
            store,
            cloud: true,
            name: deploy.target.clone(),
        })
    }

    /// Publishes the folder `site`. `progress` is told (files done, files,
    /// bytes done, bytes) as files go up. With `dry_run`, only reads.
    pub async fn publish(
        &self,
        site: &Path,
        options: &Options,
        progress: &(dyn Fn(usize, usize, u64, u64) + Sync),
    ) -> Result<Summary, String> {
        let start = Instant::now();
        let local = local_files(site, self.cloud)?;
        let manifest = self.read_manifest().await?;
        let mut upload: Vec<(&String, &LocalFile)> = local
            .iter()
            .filter(|(path, file)| options.force || manifest.files.get(*path) != Some(&file.sha256))
            .collect();
        // Assets before the pages that use them.
        upload.sort_by_key(|(path, _)| (path.ends_with(".html"), path.to_string()));
        let delete: Vec<String> = manifest
            .files
            .keys()
            .filter(|p| !local.contains_key(*p))
            .cloned()
            .collect();
        let mut summary = Summary {
            uploaded: upload.iter().map(|(p, _)| p.to_string()).collect(),
            unchanged: local.len() - upload.len(),
            deleted: delete.clone(),
            bytes: upload.iter().map(|(_, f)| f.size).sum(),
            elapsed: Duration::ZERO,
        };
        if options.dry_run || (upload.is_empty() && delete.is_empty()) {
            summary.elapsed = start.elapsed();
            return Ok(summary);
        }
        // Name everything that may be there while the deploy runs.
        let mut pending = Manifest {
            version: 1,
            files: manifest.files.clone(),
        };
        for (path, _) in &upload {
            pending.files.insert(path.to_string(), String::new());
        }
        self.write_manifest(&pending).await?;
        let total = upload.len();
        let total_bytes = summary.bytes;
        let done = std::sync::atomic::AtomicUsize::new(0);
        let done_bytes = std::sync::atomic::AtomicU64::new(0);
        let (assets, pages): (Vec<_>, Vec<_>) =
            upload.into_iter().partition(|(p, _)| !p.ends_with(".html"));
        for batch in [assets, pages] {
            futures::stream::iter(batch.into_iter().map(|(path, file)| {
                let done = &done;
                let done_bytes = &done_bytes;
                async move {
                    self.put(path, file).await?;
                    let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    let b = done_bytes.fetch_add(file.size, std::sync::atomic::Ordering::Relaxed)
                        + file.size;
                    progress(n, total, b, total_bytes);
                    Ok::<(), String>(())
                }
            }))
            .buffer_unordered(PARALLEL)
            .try_collect::<Vec<()>>()
            .await?;
        }
        futures::stream::iter(delete.iter().map(|path| async move {
            match self.store.delete(&ObjectPath::from(path.as_str())).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(format!("deleting {path}: {e}")),
            }
        }))
        .buffer_unordered(PARALLEL)
        .try_collect::<Vec<()>>()
        .await?;
        let exact = Manifest {
            version: 1,
            files: local
                .iter()
                .map(|(p, f)| (p.clone(), f.sha256.clone()))
                .collect(),
        };
        self.write_manifest(&exact).await?;
        summary.elapsed = start.elapsed();
        Ok(summary)
    }

    async fn put(&self, path: &str, file: &LocalFile) -> Result<(), String> {
        let bytes =
            std::fs::read(&file.disk).map_err(|e| format!("{}: {e}", file.disk.display()))?;
        let mut attributes = Attributes::new();
        if self.cloud {
            attributes.insert(
                Attribute::ContentType,
                hosting::content_type(path).into_owned().into(),
            );
            attributes.insert(Attribute::CacheControl, hosting::cache_control(path).into());
        }
        let options = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        self.store
            .put_opts(&ObjectPath::from(path), PutPayload::from(bytes), options)
            .await
            .map(|_| ())
            .map_err(|e| format!("sending {path}: {e}"))
    }

    async fn read_manifest(&self) -> Result<Manifest, String> {
        match self.store.get(&ObjectPath::from(MANIFEST)).await {
            Ok(got) => {
                let bytes = got
                    .bytes()
                    .await
                    .map_err(|e| format!("reading {MANIFEST}: {e}"))?;
                serde_json::from_slice(&bytes).map_err(|e| {
                    format!("{MANIFEST} at {} is not loa's: {e}; remove it, or publish to another folder", self.name)
                })
            }
            Err(object_store::Error::NotFound { .. }) => Ok(Manifest::default()),
            Err(e) => Err(format!("reading {MANIFEST}: {e}")),
        }
    }

    async fn write_manifest(&self, manifest: &Manifest) -> Result<(), String> {
        let json = serde_json::to_vec_pretty(manifest).expect("a manifest serialises");
        let mut attributes = Attributes::new();
        if self.cloud {
            attributes.insert(Attribute::ContentType, "application/json".into());
            attributes.insert(Attribute::CacheControl, "no-store".into());
        }
        self.store
            .put_opts(
                &ObjectPath::from(MANIFEST),
                PutPayload::from(json),
                PutOptions {
                    attributes,
                    ..PutOptions::default()
                },
            )
            .await
            .map(|_| ())
            .map_err(|e| format!("writing {MANIFEST}: {e}"))
    }
}

/// What `publish` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only say what would change.
    pub dry_run: bool,
    /// Send every file, whatever the manifest says.
    pub force: bool,
}

struct LocalFile {
    disk: PathBuf,
    sha256: String,
    size: u64,
}

/// The built site's files; for an object store, without the host files
/// (its headers go with each object).
fn local_files(site: &Path, cloud: bool) -> Result<BTreeMap<String, LocalFile>, String> {
    let mut files = BTreeMap::new();
    let host: BTreeSet<&str> = hosting::HOST_FILES.iter().copied().collect();
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(site).unwrap_or(entry.path());
        let rel = crate::error::display_path(rel);
        if rel == MANIFEST || (cloud && host.contains(rel.as_str())) {
            continue;
        }
        let bytes =
            std::fs::read(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
        files.insert(
            rel,
            LocalFile {
                disk: entry.path().to_path_buf(),
                sha256: crate::bundle::sha256_hex(&bytes),
                size: bytes.len() as u64,
            },
        );
    }
    Ok(files)
}

/// AWS credentials from the environment, else from the shared credentials
/// file (`AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`, profile
/// `AWS_PROFILE` or `default`): (key id, secret, session token).
fn aws_credentials(env: Env<'_>) -> Option<(String, String, Option<String>)> {
    if let (Some(key), Some(secret)) = (env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY")) {
        return Some((key, secret, env("AWS_SESSION_TOKEN")));
    }
    let file = env("AWS_SHARED_CREDENTIALS_FILE")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| PathBuf::from(h).join(".aws/credentials")))?;
    let text = std::fs::read_to_string(file).ok()?;
    let profile = env("AWS_PROFILE").unwrap_or_else(|| "default".into());
    let values = ini_section(&text, &profile);
    Some((
        values.get("aws_access_key_id")?.clone(),
        values.get("aws_secret_access_key")?.clone(),
        values.get("aws_session_token").cloned(),
    ))
}

/// The `key = value` lines of `[section]` in an INI file.
fn ini_section(text: &str, section: &str) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            inside = name.trim() == section;
        } else if inside && let Some((k, v)) = line.split_once('=') {
            values.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_credentials_from_env_then_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("credentials");
        std::fs::write(
            &file,
            "[default]\naws_access_key_id = A\naws_secret_access_key = B\n[ward]\naws_access_key_id=C\naws_secret_access_key=D\n",
        )
        .unwrap();
        let path = file.to_string_lossy().into_owned();
        let env = |k: &str| (k == "AWS_SHARED_CREDENTIALS_FILE").then(|| path.clone());
        assert_eq!(aws_credentials(&env), Some(("A".into(), "B".into(), None)));
        let env = |k: &str| match k {
            "AWS_SHARED_CREDENTIALS_FILE" => Some(path.clone()),
            "AWS_PROFILE" => Some("ward".into()),
            _ => None,
        };
        assert_eq!(aws_credentials(&env), Some(("C".into(), "D".into(), None)));
        let env = |k: &str| match k {
            "AWS_ACCESS_KEY_ID" => Some("E".into()),
            "AWS_SECRET_ACCESS_KEY" => Some("F".into()),
            _ => None,
        };
        assert_eq!(aws_credentials(&env), Some(("E".into(), "F".into(), None)));
        assert_eq!(aws_credentials(&|_| None), None);
    }

    #[test]
    fn a_missing_credential_is_an_error_before_anything_is_sent() {
        for target in ["s3://b/p", "gs://b/p", "az://c/p"] {
            let deploy = Deploy {
                target: target.into(),
                endpoint: None,
                region: None,
            };
            let err = Target::open(&deploy, &|_| None).err().unwrap();
            assert!(err.starts_with("no "), "{target}: {err}");
        }
    }
}
