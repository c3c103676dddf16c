//! Publishing a built district folder to its target (`deploy:` in the
//! district file) through the `object_store` crate: S3 and S3-compatible
//! services, Google Cloud Storage, Azure Blob Storage; or into a folder (a
//! mounted web root, `folder`).
//!
//! Every request goes to a host the target allows (its endpoint, or the
//! provider's own domain) and follows no redirect: a district file cannot
//! send the operator's signed requests and tokens anywhere else.
//!
//! The target may hold files loa did not put there (a host verification
//! file, the operator's own `index.html`): a deploy that would replace one
//! is refused, naming them, unless `--adopt` says to take them over. Only
//! files in the manifest are ever replaced or deleted.
//!
//! Incremental: a manifest kept beside the site (`.loa-deploy.json`: every
//! file loa put there, with its SHA-256) says what is there; only changed
//! files are sent. The order keeps the remote site whole at every moment:
//! the manifest first grows to name everything that may be there, then
//! assets go up before the pages that use them, then what the site no
//! longer has is deleted, and last the manifest is made exact. A deploy
//! killed at any point leaves old or new pages, each with its assets, and
//! the next deploy converges. Only files loa put there are ever deleted.
//!
//! With `compress: gzip`, text files go to an object store compressed with
//! `Content-Encoding: gzip`, and into a folder with a `.gz` copy beside
//! them (nginx `gzip_static`). Transient failures are retried by
//! object_store with backoff; a wrapper around its HTTP client counts
//! them for the summary. The manifest also keeps the addresses a CDN purge
//! has not yet emptied (`crate::publish::purge`), so a failed purge is sent again.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use futures::{StreamExt, TryStreamExt};
use object_store::client::{
    HttpClient, HttpConnector, HttpError, HttpRequest, HttpResponse, HttpService,
};
use object_store::path::Path as ObjectPath;
use object_store::prefix::PrefixStore;
use object_store::{
    Attribute, Attributes, BackoffConfig, ClientOptions, ObjectStore, ObjectStoreExt, PutOptions,
    PutPayload, RetryConfig,
};
use serde::{Deserialize, Serialize};

use crate::i18n::Reporter;
use crate::output::hosting;
use crate::read::config::Deploy;
use crate::read::places::local_path;
use crate::read::target::{Endpoint, Location, Service, SiteUrl};

pub(crate) mod folder;
pub(crate) mod hosts;
pub(crate) mod purge;

use folder::Folder;
use hosts::Hosts;

/// The manifest's name, under the target's prefix.
pub const MANIFEST: &str = ".loa-deploy.json";

/// Files sent at the same time.
const PARALLEL: usize = 8;

/// Makes `ring` the TLS library of every HTTPS connection (object stores,
/// CDN purges). Called before any client is made; more calls do nothing.
pub fn install_tls() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // An error means a provider is installed already: keep it.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// Where the files go.
enum Place {
    /// An object store, which keeps headers with each file.
    Store(Arc<dyn ObjectStore>),
    /// A folder.
    Folder(Folder),
}

/// A place to publish to.
pub struct DeployTarget {
    place: Place,
    /// An object store that keeps headers with each file (not a folder).
    cloud: bool,
    /// Text files go gzip-compressed: with `Content-Encoding: gzip` to an
    /// object store, as `.gz` files beside them to a folder.
    gzip: bool,
    /// Requests that failed for a moment and were tried again.
    failures: Arc<Failures>,
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
    /// Bytes of the built files sent (or that would be).
    pub bytes: u64,
    /// Addresses whose cached copies are out of date (to purge), when the
    /// district has a `base_url` and a cache to purge.
    pub purge: Vec<String>,
    /// Requests that failed for a moment (a 5xx answer, a dropped
    /// connection) and were sent again, and the last reason.
    pub retried: usize,
    /// Why the last retried request failed.
    pub retry_reason: Option<String>,
    /// Wall time.
    pub elapsed: Duration,
}

/// What is in the manifest.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    /// Path -> what was stored: the SHA-256 (hex) of the built file, with
    /// `gzip:` before it when stored compressed; empty when the content is
    /// not known (a deploy was under way).
    files: BTreeMap<String, String>,
    /// Addresses still to purge from the CDN (a purge failed or has not
    /// run yet).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    purge: Vec<String>,
    /// The files whose names loa fingerprinted: immutable, never purged.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    immutable: BTreeSet<String>,
}

/// Where credentials come from: the environment, and the files each cloud's
/// own tools write.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Requests that failed for a moment, counted by [`Counting`].
#[derive(Debug, Default)]
struct Failures {
    count: AtomicUsize,
    last: Mutex<Option<String>>,
}

/// The HTTP client of an object store: it sends only to the target's
/// [`Hosts`], follows no redirect, and counts the failures its retries
/// hide (object_store tries again by itself, with backoff).
#[derive(Debug)]
struct Counting {
    failures: Arc<Failures>,
    hosts: Hosts,
}

impl HttpConnector for Counting {
    fn connect(&self, _options: &ClientOptions) -> object_store::Result<HttpClient> {
        let inner =
            hosts::client(self.hosts.allow_http()).map_err(|e| object_store::Error::Generic {
                store: "loa",
                source: e.into(),
            })?;
        Ok(HttpClient::new(CountingService {
            inner,
            failures: Arc::clone(&self.failures),
            hosts: self.hosts.clone(),
        }))
    }
}

#[derive(Debug)]
struct CountingService {
    inner: HttpClient,
    failures: Arc<Failures>,
    hosts: Hosts,
}

#[async_trait::async_trait]
impl HttpService for CountingService {
    async fn call(&self, req: HttpRequest) -> Result<HttpResponse, HttpError> {
        hosts::check(&self.hosts, &req)?;
        let result = self.inner.execute(req).await;
        let reason = match &result {
            Ok(r) if r.status().is_server_error() || r.status().as_u16() == 429 => {
                Some(r.status().to_string())
            }
            Ok(_) => None,
            Err(e) => Some(e.to_string()),
        };
        if let Some(reason) = reason {
            self.failures.count.fetch_add(1, Ordering::Relaxed);
            *self.failures.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(reason);
        }
        result
    }
}

/// How often and how long a request is tried again.
fn retry_config() -> RetryConfig {
    RetryConfig {
        backoff: BackoffConfig {
            init_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            base: 2.0,
        },
        max_retries: 6,
        retry_timeout: Duration::from_secs(120),
    }
}

impl DeployTarget {
    /// Opens the target of `deploy`; a missing credential is an error
    /// here, before anything is sent.
    pub fn open(deploy: &Deploy, env: Env<'_>) -> Result<DeployTarget, String> {
        install_tls();
        let failures = Arc::new(Failures::default());
        let (service, bucket, prefix) = match deploy.target.location() {
            Location::Store {
                service,
                bucket,
                prefix,
            } => (*service, bucket.as_str(), prefix),
            Location::Folder(path) => {
                // Nothing is created until the first file is written.
                return Ok(DeployTarget {
                    place: Place::Folder(Folder::new(local_path(path, cfg!(windows)))),
                    cloud: false,
                    gzip: deploy.gzip,
                    failures,
                    name: deploy.target.to_string(),
                });
            }
        };
        let counting = |endpoint: Option<&Endpoint>, domain| Counting {
            failures: Arc::clone(&failures),
            hosts: Hosts::new(endpoint, domain),
        };
        let endpoint = deploy.endpoint.as_deref();
        let store: Arc<dyn ObjectStore> = match service {
            Service::S3 => {
                let from_env = env("AWS_ENDPOINT_URL")
                    .map(|e| Endpoint::parse(&e))
                    .transpose()
                    .map_err(|problem| problem.text())?;
                let endpoint = endpoint.or(from_env.as_ref());
                s3_store(
                    deploy,
                    endpoint,
                    bucket,
                    env,
                    counting(endpoint, hosts::AWS),
                )?
            }
            Service::Google => gcs_store(deploy, bucket, env, counting(endpoint, hosts::GOOGLE))?,
            Service::Azure => azure_store(deploy, bucket, env, counting(endpoint, hosts::AZURE))?,
        };
        let store: Arc<dyn ObjectStore> = if prefix.as_ref().is_empty() {
            store
        } else {
            Arc::new(PrefixStore::new(store, prefix.clone()))
        };
        Ok(DeployTarget {
            place: Place::Store(store),
            cloud: true,
            gzip: deploy.gzip,
            failures,
            name: deploy.target.to_string(),
        })
    }

    /// Publishes the folder `site`, telling `reporter` of each file sent
    /// (files and bytes sent of all). With `dry_run`, only reads.
    pub async fn publish(
        &self,
        site: &Path,
        options: &Options,
        reporter: &dyn Reporter,
    ) -> Result<Summary, String> {
        let start = Instant::now();
        let local = local_files(site, self.cloud, self.gzip, &options.immutable)?;
        let manifest = self.read_manifest().await?;
        let (upload, delete) = changes(&local, &manifest, options.force);
        self.refuse_foreign(&upload, &manifest, options.adopt)
            .await?;
        let mut summary = Summary {
            uploaded: upload.iter().map(|(p, _)| p.to_string()).collect(),
            unchanged: local.len() - upload.len(),
            deleted: delete.clone(),
            bytes: upload.iter().map(|(_, f)| f.size).sum(),
            ..Summary::default()
        };
        if let Some(base) = &options.purge_base {
            let immutable =
                |p: &str| options.immutable.contains(p) || manifest.immutable.contains(p);
            summary.purge = purge_urls(base, &manifest.purge, &summary, &immutable);
        }
        if options.dry_run {
            summary.elapsed = start.elapsed();
            return Ok(summary);
        }
        if let Place::Folder(folder) = &self.place {
            let known = |p: &str| local.contains_key(p) || manifest.files.contains_key(p);
            folder.remove_leftovers(&known).map_err(|e| {
                crate::msg!(
                    "publish-leftovers",
                    target = &self.name,
                    reason = e.to_string()
                )
                .text()
            })?;
        }
        if upload.is_empty() && delete.is_empty() {
            summary.elapsed = start.elapsed();
            return Ok(summary);
        }
        // Name everything that may be there while the deploy runs.
        let mut pending = Manifest {
            version: 1,
            files: manifest.files.clone(),
            purge: manifest.purge.clone(),
            immutable: manifest.immutable.clone(),
        };
        for (path, _) in &upload {
            pending.files.insert(path.to_string(), String::new());
        }
        self.write_manifest(&pending).await?;
        self.send(upload, summary.bytes, &options.district, reporter)
            .await?;
        futures::stream::iter(delete.iter().map(|path| self.delete(path)))
            .buffer_unordered(PARALLEL)
            .try_collect::<Vec<()>>()
            .await?;
        let exact = Manifest {
            version: 1,
            files: local
                .iter()
                .map(|(p, f)| (p.clone(), f.stored.clone()))
                .collect(),
            purge: summary.purge.clone(),
            immutable: options
                .immutable
                .iter()
                .filter(|p| local.contains_key(*p))
                .cloned()
                .collect(),
        };
        self.write_manifest(&exact).await?;
        if let Place::Folder(folder) = &self.place {
            // Empty now: every file was renamed into place.
            let _ = std::fs::remove_dir(folder.root().join(folder::TMP));
        }
        summary.retried = self.failures.count.load(Ordering::Relaxed);
        summary.retry_reason = self
            .failures
            .last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        summary.elapsed = start.elapsed();
        Ok(summary)
    }

    /// Refuses to replace files that are at the target but not in loa's
    /// manifest (the operator's own), unless `adopt`.
    async fn refuse_foreign(
        &self,
        upload: &[(&String, &LocalFile)],
        manifest: &Manifest,
        adopt: bool,
    ) -> Result<(), String> {
        let new: Vec<&str> = upload
            .iter()
            .map(|(p, _)| p.as_str())
            .filter(|p| !manifest.files.contains_key(*p))
            .collect();
        if new.is_empty() || adopt {
            return Ok(());
        }
        let foreign = self.existing(&new).await?;
        if foreign.is_empty() {
            return Ok(());
        }
        let shown: Vec<&str> = foreign.iter().take(20).copied().collect();
        let more = foreign.len() - shown.len();
        let mut files = shown.join(", ");
        if more > 0 {
            files = crate::msg!("publish-foreign-more", shown = files, more = more).text();
        }
        Err(crate::msg!(
            "publish-foreign",
            count = foreign.len(),
            target = &self.name,
            files = files
        )
        .text())
    }

    /// Which of `paths` are at the target: from one listing, or, where
    /// the key may not list the bucket, asked one by one.
    async fn existing<'p>(&self, paths: &[&'p str]) -> Result<Vec<&'p str>, String> {
        let listed = self.list().await;
        let (Err(_), Place::Store(store)) = (&listed, &self.place) else {
            let there = listed?;
            return Ok(paths
                .iter()
                .copied()
                .filter(|p| there.contains(*p))
                .collect());
        };
        let found = futures::stream::iter(paths.iter().map(|&path| async move {
            match store.head(&ObjectPath::from(path)).await {
                Ok(_) => Ok(Some(path)),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(crate::msg!(
                    "publish-looking",
                    path = path,
                    target = &self.name,
                    reason = e.to_string()
                )
                .text()),
            }
        }))
        .buffered(PARALLEL)
        .try_collect::<Vec<Option<&str>>>()
        .await?;
        Ok(found.into_iter().flatten().collect())
    }

    /// Every file at the target.
    async fn list(&self) -> Result<BTreeSet<String>, String> {
        match &self.place {
            Place::Folder(folder) => folder.files().map_err(|e| self.listing(e.to_string())),
            Place::Store(store) => store
                .list(None)
                .map_ok(|meta| meta.location.to_string())
                .try_collect()
                .await
                .map_err(|e| self.listing(e.to_string())),
        }
    }

    async fn delete(&self, path: &str) -> Result<(), String> {
        let result = match &self.place {
            Place::Folder(folder) => folder.delete(path).map_err(|e| e.to_string()),
            Place::Store(store) => match store.delete(&ObjectPath::from(path)).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(e.to_string()),
            },
        };
        result.map_err(|e| {
            crate::msg!(
                "publish-deleting",
                path = path,
                target = &self.name,
                reason = e
            )
            .text()
        })
    }

    /// Sends `upload`: every asset, then the pages, telling `reporter` of
    /// each file sent (`district`: whose files they are).
    async fn send(
        &self,
        upload: Vec<(&String, &LocalFile)>,
        total_bytes: u64,
        district: &str,
        reporter: &dyn Reporter,
    ) -> Result<(), String> {
        let total = upload.len();
        let done = AtomicUsize::new(0);
        let done_bytes = AtomicU64::new(0);
        let (assets, pages): (Vec<_>, Vec<_>) = upload.into_iter().partition(|(p, _)| !is_page(p));
        for batch in [assets, pages] {
            futures::stream::iter(batch.into_iter().map(|(path, file)| {
                let (done, done_bytes) = (&done, &done_bytes);
                async move {
                    self.put(path, file).await?;
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    let b = done_bytes.fetch_add(file.size, Ordering::Relaxed) + file.size;
                    let line = crate::msg!(
                        "deploy-progress",
                        district = district,
                        done = n,
                        total = total,
                        sent = size(b),
                        size = size(total_bytes)
                    );
                    reporter.progress(line, n, total);
                    Ok::<(), String>(())
                }
            }))
            .buffer_unordered(PARALLEL)
            .try_collect::<Vec<()>>()
            .await?;
        }
        Ok(())
    }

    /// The manifest's list of addresses still to purge is emptied: the CDN
    /// has forgotten them.
    pub async fn purged(&self) -> Result<(), String> {
        let mut manifest = self.read_manifest().await?;
        if !manifest.purge.is_empty() {
            manifest.purge.clear();
            self.write_manifest(&manifest).await?;
        }
        Ok(())
    }

    async fn put(&self, path: &str, file: &LocalFile) -> Result<(), String> {
        let mut bytes = std::fs::read(&file.disk).map_err(|e| reading(&file.disk, &e))?;
        if file.gzip {
            bytes = gzip(&bytes);
        }
        let mut attributes = Attributes::new();
        attributes.insert(
            Attribute::ContentType,
            hosting::content_type(path).into_owned().into(),
        );
        attributes.insert(Attribute::CacheControl, file.cache.into());
        if file.gzip {
            attributes.insert(Attribute::ContentEncoding, "gzip".into());
        }
        self.write(path, bytes, attributes).await.map_err(|e| {
            crate::msg!(
                "publish-sending",
                path = path,
                target = &self.name,
                reason = e
            )
            .text()
        })
    }

    /// Writes one file: to an object store with its headers, into a
    /// folder through its temporary folder.
    async fn write(
        &self,
        path: &str,
        bytes: Vec<u8>,
        attributes: Attributes,
    ) -> Result<(), String> {
        match &self.place {
            Place::Folder(folder) => folder.write(path, &bytes).map_err(|e| e.to_string()),
            Place::Store(store) => {
                let options = PutOptions {
                    attributes,
                    ..PutOptions::default()
                };
                store
                    .put_opts(&ObjectPath::from(path), PutPayload::from(bytes), options)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }
    }

    async fn read_manifest(&self) -> Result<Manifest, String> {
        let bytes = match &self.place {
            Place::Folder(folder) => folder
                .read(MANIFEST)
                .map_err(|e| self.manifest_error("publish-manifest-reading", e.to_string()))?,
            Place::Store(store) => match store.get(&ObjectPath::from(MANIFEST)).await {
                Ok(got) => Some(
                    got.bytes()
                        .await
                        .map_err(|e| {
                            self.manifest_error("publish-manifest-reading", e.to_string())
                        })?
                        .to_vec(),
                ),
                Err(object_store::Error::NotFound { .. }) => None,
                Err(e) => {
                    return Err(self.manifest_error("publish-manifest-reading", e.to_string()));
                }
            },
        };
        let Some(bytes) = bytes else {
            return Ok(Manifest::default());
        };
        serde_json::from_slice(&bytes)
            .map_err(|e| self.manifest_error("publish-manifest-foreign", e.to_string()))
    }

    /// Why listing the target failed, in the staff's language.
    fn listing(&self, reason: String) -> String {
        crate::msg!("publish-listing", target = &self.name, reason = reason).text()
    }

    /// The message `id` about the target's manifest, with the library's
    /// `reason`.
    fn manifest_error(&self, id: &'static str, reason: String) -> String {
        let (file, target) = (MANIFEST, &self.name);
        match id {
            "publish-manifest-writing" => crate::msg!(
                "publish-manifest-writing",
                file = file,
                target = target,
                reason = reason
            ),
            "publish-manifest-foreign" => crate::msg!(
                "publish-manifest-foreign",
                file = file,
                target = target,
                reason = reason
            ),
            _ => crate::msg!(
                "publish-manifest-reading",
                file = file,
                target = target,
                reason = reason
            ),
        }
        .text()
    }

    async fn write_manifest(&self, manifest: &Manifest) -> Result<(), String> {
        let json = serde_json::to_vec_pretty(manifest).expect("a manifest serialises");
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::ContentType, "application/json".into());
        attributes.insert(Attribute::CacheControl, "no-store".into());
        self.write(MANIFEST, json, attributes)
            .await
            .map_err(|e| self.manifest_error("publish-manifest-writing", e))
    }
}

/// An S3 or S3-compatible bucket; credentials from the environment or
/// `~/.aws/credentials`.
fn s3_store(
    deploy: &Deploy,
    endpoint: Option<&Endpoint>,
    bucket: &str,
    env: Env<'_>,
    http: Counting,
) -> Result<Arc<dyn ObjectStore>, String> {
    let (key, secret, token) =
        aws_credentials(env).ok_or_else(|| crate::msg!("publish-no-aws").text())?;
    let mut b = object_store::aws::AmazonS3Builder::new()
        .with_bucket_name(bucket)
        .with_retry(retry_config())
        .with_http_connector(http)
        .with_access_key_id(key)
        .with_secret_access_key(secret);
    if let Some(token) = token {
        b = b.with_token(token);
    }
    let region = deploy
        .region
        .as_ref()
        .map(|r| r.as_str().to_string())
        .or_else(|| env("AWS_REGION"))
        .or_else(|| env("AWS_DEFAULT_REGION"))
        .unwrap_or_else(|| "us-east-1".into());
    b = b.with_region(region);
    if let Some(endpoint) = endpoint {
        b = b
            .with_allow_http(endpoint.is_http())
            .with_endpoint(endpoint.as_str());
    }
    Ok(Arc::new(b.build().map_err(|e| store_settings(deploy, e))?))
}

/// A Google Cloud Storage bucket; a service account key (its file or its
/// text) or the application default credentials of `gcloud`. An
/// `endpoint` is the storage API's address (an emulator).
fn gcs_store(
    deploy: &Deploy,
    bucket: &str,
    env: Env<'_>,
    http: Counting,
) -> Result<Arc<dyn ObjectStore>, String> {
    let file = env("GOOGLE_SERVICE_ACCOUNT")
        .or_else(|| env("GOOGLE_SERVICE_ACCOUNT_PATH"))
        .or_else(|| env("GOOGLE_APPLICATION_CREDENTIALS"));
    let adc = env("HOME")
        .map(|h| PathBuf::from(h).join(".config/gcloud/application_default_credentials.json"));
    let mut b = object_store::gcp::GoogleCloudStorageBuilder::new()
        .with_bucket_name(bucket)
        .with_retry(retry_config())
        .with_http_connector(http);
    if let Some(key) = env("GOOGLE_SERVICE_ACCOUNT_KEY") {
        b = b.with_service_account_key(key);
    } else if let Some(file) = file {
        b = b.with_service_account_path(file);
    } else if let Some(adc) = adc.filter(|p| p.is_file()) {
        b = b.with_application_credentials(adc.to_string_lossy());
    } else {
        return Err(crate::msg!("publish-no-google").text());
    }
    if let Some(endpoint) = &deploy.endpoint {
        b = b
            .with_base_url(endpoint.base())
            .with_client_options(ClientOptions::new().with_allow_http(endpoint.is_http()));
    }
    Ok(Arc::new(b.build().map_err(|e| store_settings(deploy, e))?))
}

/// An Azure Blob Storage container; the account and its key or a SAS
/// token from the environment. An `endpoint` is the account's address
/// (Azurite, Azure Stack).
fn azure_store(
    deploy: &Deploy,
    container: &str,
    env: Env<'_>,
    http: Counting,
) -> Result<Arc<dyn ObjectStore>, String> {
    let Some(account) = env("AZURE_STORAGE_ACCOUNT_NAME") else {
        return Err(crate::msg!("publish-no-azure-account").text());
    };
    let mut b = object_store::azure::MicrosoftAzureBuilder::new()
        .with_account(account)
        .with_container_name(container)
        .with_retry(retry_config())
        .with_http_connector(http);
    if let Some(key) = env("AZURE_STORAGE_ACCOUNT_KEY") {
        b = b.with_access_key(key);
    } else if let Some(sas) = env("AZURE_STORAGE_SAS_KEY") {
        b = b.with_config(object_store::azure::AzureConfigKey::SasKey, sas);
    } else {
        return Err(crate::msg!("publish-no-azure-key").text());
    }
    if let Some(endpoint) = &deploy.endpoint {
        b = b
            .with_allow_http(endpoint.is_http())
            .with_endpoint(endpoint.base().to_string());
    }
    Ok(Arc::new(b.build().map_err(|e| store_settings(deploy, e))?))
}

/// Why a local file could not be read, in the staff's language.
fn reading(path: &Path, e: &std::io::Error) -> String {
    crate::msg!("publish-reading", path = path, reason = e.to_string()).text()
}

/// Why the object store's settings of `deploy` cannot be used.
fn store_settings(deploy: &Deploy, e: object_store::Error) -> String {
    crate::msg!(
        "publish-store-settings",
        target = deploy.target.as_str(),
        reason = e.to_string()
    )
    .text()
}

/// What `publish` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The district whose folder is published, as the progress lines name
    /// it.
    pub district: String,
    /// Only say what would change.
    pub dry_run: bool,
    /// Send every file, whatever the manifest says.
    pub force: bool,
    /// The district's `base_url`, when a cache is to be purged of the
    /// changed files.
    pub purge_base: Option<SiteUrl>,
    /// Replace files that are at the target but not in loa's manifest.
    pub adopt: bool,
    /// The files whose names loa fingerprinted (from the build's plan),
    /// relative to the district folder: the only ones sent as immutable
    /// and never purged.
    pub immutable: BTreeSet<String>,
}

/// A size for people: `512 B`, `1.5 KiB`, `3.2 MiB` (`1,5 KiB` in
/// Vietnamese).
pub fn size(n: u64) -> String {
    let text = if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", n as f64 / 1024.0 / 1024.0)
    };
    match crate::i18n::lang() {
        crate::i18n::Lang::Vi => text.replace('.', ","),
        crate::i18n::Lang::En => text,
    }
}

struct LocalFile {
    disk: PathBuf,
    /// What the manifest records of it (see [`Manifest::files`]).
    stored: String,
    /// Its size as built.
    size: u64,
    /// Sent gzip-compressed.
    gzip: bool,
    /// Its `Cache-Control` in an object store.
    cache: &'static str,
}

/// What to send (assets first, then pages) and what to delete, from the
/// built files and what the manifest says is there.
fn changes<'a>(
    local: &'a BTreeMap<String, LocalFile>,
    manifest: &Manifest,
    force: bool,
) -> (Vec<(&'a String, &'a LocalFile)>, Vec<String>) {
    let mut upload: Vec<(&String, &LocalFile)> = local
        .iter()
        .filter(|(path, file)| force || manifest.files.get(*path) != Some(&file.stored))
        .collect();
    // Assets before the pages that use them.
    upload.sort_by_key(|(path, _)| (is_page(path), path.to_string()));
    let delete: Vec<String> = manifest
        .files
        .keys()
        .filter(|p| !local.contains_key(*p))
        .cloned()
        .collect();
    (upload, delete)
}

/// A page, or a page's compressed copy: sent after every other file.
fn is_page(path: &str) -> bool {
    path.ends_with(".html") || path.ends_with(".html.gz")
}

/// The built site's files; for an object store, without the host files
/// (its headers go with each object). With `gzip`, text files are sent
/// compressed to an object store, and get a compressed copy beside them
/// (`index.html.gz`, for nginx's `gzip_static`) in a folder.
fn local_files(
    site: &Path,
    cloud: bool,
    gzip: bool,
    immutable: &BTreeSet<String>,
) -> Result<BTreeMap<String, LocalFile>, String> {
    let mut files = BTreeMap::new();
    let host: BTreeSet<&str> = hosting::HOST_FILES.iter().copied().collect();
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(site).to_path_buf();
            crate::msg!("publish-reading", path = &path, reason = e.to_string()).text()
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(site).unwrap_or(entry.path());
        let rel = crate::error::display_path(rel);
        let host_file = host.contains(rel.as_str())
            || rel.starts_with(&format!("{}/", hosting::REVALIDATE_DIR));
        if rel == MANIFEST || (cloud && host_file) {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| reading(entry.path(), &e))?;
        let sha = crate::output::bundle::sha256_hex(&bytes);
        let compress = gzip && hosting::compressible(&rel);
        let cache = if immutable.contains(&rel) {
            hosting::IMMUTABLE
        } else {
            hosting::REVALIDATE
        };
        // A name that looks fingerprinted but is not loa's was sent as
        // immutable by loa 0.1: recorded apart, so it is sent again with
        // the right header.
        let look_alike = cloud && cache == hosting::REVALIDATE && hosting::is_fingerprinted(&rel);
        let file = |gzip: bool| LocalFile {
            disk: entry.path().to_path_buf(),
            stored: format!(
                "{}{sha}{}",
                if gzip { "gzip:" } else { "" },
                if look_alike { ";no-cache" } else { "" }
            ),
            size: bytes.len() as u64,
            gzip,
            cache,
        };
        if compress && !cloud {
            files.insert(format!("{rel}.gz"), file(true));
        }
        files.insert(rel, file(compress && cloud));
    }
    Ok(files)
}

/// `bytes` gzip-compressed, the same bytes every time (no time or name in
/// the header).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .expect("compressing in memory cannot fail")
}

/// The addresses whose cached copies a deploy made stale: every changed
/// or deleted file whose name does not change with its content (pages at
/// their folder's address and as `index.html`), plus those a previous
/// deploy could not purge. Sorted, each once.
fn purge_urls(
    base: &str,
    pending: &[String],
    summary: &Summary,
    immutable: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let mut urls: BTreeSet<String> = pending.iter().cloned().collect();
    for path in summary.uploaded.iter().chain(&summary.deleted) {
        if immutable(path)
            || path.ends_with(".gz")
            || path.starts_with(".loa-")
            || hosting::HOST_FILES.contains(&path.as_str())
        {
            continue;
        }
        let encoded = crate::model::urls::encode_path(path);
        if let Some(dir) = encoded.strip_suffix("index.html") {
            urls.insert(format!("{base}{dir}"));
        }
        urls.insert(format!("{base}{encoded}"));
    }
    urls.into_iter().collect()
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
        for target in ["s3://bucket/p", "gs://bucket/p", "az://container/p"] {
            let deploy = Deploy {
                target: crate::read::yaml::Spanned::new(
                    crate::read::target::DeployTarget::parse(target).unwrap(),
                ),
                endpoint: None,
                region: None,
                gzip: false,
                purge: Default::default(),
            };
            let err = DeployTarget::open(&deploy, &|_| None).err().unwrap();
            assert!(err.starts_with("no "), "{target}: {err}");
        }
    }

    #[test]
    fn a_windows_drive_in_a_file_target_is_the_drive() {
        let windows = |rest| local_path(rest, true);
        assert_eq!(
            windows("/C:/inetpub/wwwroot/ba-dinh"),
            PathBuf::from("C:/inetpub/wwwroot/ba-dinh")
        );
        assert_eq!(windows("/d:/web"), PathBuf::from("d:/web"));
        assert_eq!(windows("/D:"), PathBuf::from("D:"));
        // Not a drive: kept as written.
        assert_eq!(windows("/srv/web"), PathBuf::from("/srv/web"));
        assert_eq!(windows("/C:x/web"), PathBuf::from("/C:x/web"));
        assert_eq!(windows("/CD:/web"), PathBuf::from("/CD:/web"));
        // Elsewhere a folder named `C:` is only that.
        assert_eq!(local_path("/C:/web", false), PathBuf::from("/C:/web"));
    }
}
