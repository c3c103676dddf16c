//! The places and addresses a campaign's settings name, parsed once where
//! the settings are read into types that the rest of loa takes: a deploy
//! [`DeployTarget`] (an object store's bucket and folder, or a folder on this
//! machine), an [`Endpoint`] (an object store's address, a purge webhook),
//! a [`Region`], a district's [`SiteUrl`] (`base_url`) and the quick exit's
//! [`ExitUrl`]. A value that does not parse is a finding at its line when
//! the settings are read; publishing, checking and serving never see it
//! as text to split again. The grammar of each part is in
//! [`crate::read::places`]. Pure: no I/O.

use std::fmt;
use std::ops::Deref;

use object_store::ObjectStoreScheme;
use object_store::path::Path as ObjectPath;

use crate::i18n::Msg;
use crate::read::places;

/// The target schemes `loa deploy` knows. Each place has one spelling:
/// object_store's other names for the same stores (`s3a://`, `azure://`,
/// `abfs://`, `https://account.blob.core.windows.net/…`) are refused, so
/// that no target passes `deploy_allowed` written another way.
pub const DEPLOY_SCHEMES: &[&str] = &["s3", "gs", "az", "file"];

/// The longest deploy target: longer than any folder or key prefix a
/// store or a file system takes (an S3 key is at most 1024 bytes).
pub const MAX_TARGET: usize = 1024;

/// Where `loa deploy` publishes a district: `s3://bucket/prefix`,
/// `gs://bucket/prefix`, `az://container/prefix` or `file:///web/root`,
/// parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployTarget {
    /// As written, for messages and for comparing with `deploy_allowed`.
    text: String,
    location: Location,
}

/// What a [`DeployTarget`] names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A bucket (or container) of an object store, and a folder in it.
    Store {
        /// Which service.
        service: Service,
        /// The bucket or container: 3 to 63 of `a-z 0-9 - . _`.
        bucket: String,
        /// The folder in it (empty for the whole bucket).
        prefix: ObjectPath,
    },
    /// A folder on this machine: what follows `file://`, as written (see
    /// [`places::local_path`]).
    Folder(String),
}

/// The object stores `loa deploy` publishes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// Amazon S3 and S3-compatible services (`s3://`).
    S3,
    /// Google Cloud Storage (`gs://`).
    Google,
    /// Azure Blob Storage (`az://`).
    Azure,
}

/// Why a deploy target does not parse.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetProblem {
    /// An object store's bucket or folder breaks its service's grammar:
    /// why.
    Cloud(Msg),
    /// Not a target: an unknown or missing scheme, nothing after it, a
    /// character (control, bidirectional override, space, `?`, `#`, `%`,
    /// `@` that would read as a login, `\`) or a step (`..`, `.`, `//`) that would name another place.
    Syntax,
    /// Longer than [`MAX_TARGET`]: this many characters.
    Long(usize),
}

impl DeployTarget {
    /// Parses `text`. The bucket and folder of an object store are held to
    /// their services' grammar before `object_store`'s own scheme parser
    /// names the service and the folder; a `file://` folder keeps what is
    /// written (a Windows drive, a relative folder).
    pub fn parse(text: &str) -> Result<DeployTarget, TargetProblem> {
        let length = text.chars().count();
        if length > MAX_TARGET {
            return Err(TargetProblem::Long(length));
        }
        let (scheme, rest) = match text.split_once("://") {
            Some((scheme, rest)) => (Some(scheme), rest),
            None => (None, ""),
        };
        if matches!(scheme, Some("s3" | "gs" | "az")) {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            let name_problem = if scheme == Some("az") {
                places::container_problem(bucket)
            } else {
                places::bucket_problem(bucket)
            };
            if let Some(problem) = name_problem.or_else(|| places::prefix_problem(prefix)) {
                return Err(TargetProblem::Cloud(problem));
            }
        }
        // A bidirectional override would show the folder as another, and
        // `file://user@host/` reads as a login to another machine.
        let bad_char = crate::read::source::first_control(text).is_some()
            || text
                .chars()
                .any(|c| c.is_control() || matches!(c, ' ' | '?' | '#' | '%' | '@' | '\\'));
        // `..` would climb out of an allowed folder, and `//` names the same
        // folder as `/` in other words (so it would pass for another place).
        let steps: Vec<&str> = rest.split('/').collect();
        let last = steps.len() - 1;
        let bad_step = steps.iter().enumerate().any(|(i, &step)| {
            step == ".."
                || step == "."
                || (step.is_empty() && !(i == last || (i == 0 && scheme == Some("file"))))
        });
        let Some(scheme) = scheme.filter(|s| DEPLOY_SCHEMES.contains(s)) else {
            return Err(TargetProblem::Syntax);
        };
        if rest.is_empty() || bad_char || bad_step {
            return Err(TargetProblem::Syntax);
        }
        let location = if scheme == "file" {
            Location::Folder(rest.to_string())
        } else {
            store_location(text).ok_or(TargetProblem::Syntax)?
        };
        Ok(DeployTarget {
            text: text.to_string(),
            location,
        })
    }

    /// The target as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// What it names.
    pub fn location(&self) -> &Location {
        &self.location
    }
}

/// The service, bucket and folder of a cloud target whose parts passed
/// their grammar, as `object_store` reads the URL.
fn store_location(text: &str) -> Option<Location> {
    let url = url::Url::parse(text).ok()?;
    let (scheme, prefix) = ObjectStoreScheme::parse(&url).ok()?;
    let service = match (scheme, url.scheme()) {
        (ObjectStoreScheme::AmazonS3, "s3") => Service::S3,
        (ObjectStoreScheme::GoogleCloudStorage, "gs") => Service::Google,
        (ObjectStoreScheme::MicrosoftAzure, "az") => Service::Azure,
        _ => return None,
    };
    Some(Location::Store {
        service,
        bucket: url.host_str()?.to_string(),
        prefix,
    })
}

impl fmt::Display for DeployTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A web address requests are sent to: an object store's endpoint
/// (`https://s3.example.vn`, `http://127.0.0.1:9000/`) or a purge
/// webhook. A host, no user or password, query or fragment, and a path of
/// plain characters only (see [`places::endpoint_host`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    text: String,
    host: String,
    port: u16,
}

impl Endpoint {
    /// Parses `text`; says what is wrong.
    pub fn parse(text: &str) -> Result<Endpoint, Msg> {
        let (host, port) = places::endpoint_host(text)?;
        Ok(Endpoint {
            text: text.to_string(),
            host,
            port,
        })
    }

    /// As written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Its host, lowercase.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Its port (the one its scheme implies when none is written).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// As written without its final `/`: the base a client library adds
    /// its own paths to (`https://s3.example.vn` for `https://s3.example.vn/`).
    pub fn base(&self) -> &str {
        self.text.trim_end_matches('/')
    }

    /// Plain http (`http://`), not https.
    pub fn is_http(&self) -> bool {
        self.text.starts_with("http://")
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// An object store's region (`ap-southeast-1`, `hn-1`): see
/// [`places::region_problem`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region(String);

impl Region {
    /// Parses `text`; says what is wrong.
    pub fn parse(text: &str) -> Result<Region, Msg> {
        match places::region_problem(text) {
            Some(problem) => Err(problem),
            None => Ok(Region(text.to_string())),
        }
    }

    /// The region's name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The longest `base_url`: printed under a QR code, typed by readers.
pub const MAX_BASE_URL: usize = 200;

/// Where a district's site is read (`base_url:`): a plain web address
/// ending in `/`, at most [`MAX_BASE_URL`] characters, that can be written
/// into a host file. Reads as the text (`&str`) it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrl(String);

/// Why a `base_url` does not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteUrlProblem {
    /// Longer than [`MAX_BASE_URL`]: this many characters.
    Long(usize),
    /// A web address, but with characters a web server reads as its own
    /// syntax (see [`places::host_file_safe`]).
    ServerSyntax,
    /// Not a plain web address.
    NotAddress,
}

impl SiteUrl {
    /// Parses `text`, adding the final `/` when it is missing.
    pub fn parse(text: &str) -> Result<SiteUrl, SiteUrlProblem> {
        let length = text.chars().count();
        if length > MAX_BASE_URL {
            return Err(SiteUrlProblem::Long(length));
        }
        if !is_site_address(text) {
            return Err(SiteUrlProblem::NotAddress);
        }
        if !places::host_file_safe(text) {
            return Err(SiteUrlProblem::ServerSyntax);
        }
        Ok(SiteUrl(if text.ends_with('/') {
            text.to_string()
        } else {
            format!("{text}/")
        }))
    }

    /// The address, ending in `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Served over https.
    pub fn is_https(&self) -> bool {
        self.0.starts_with("https://")
    }

    /// Its path, ending in `/`: `/ba-dinh/` for
    /// `https://x.org/ba-dinh/`, `/` for `https://x.org/`.
    pub fn path(&self) -> &str {
        let rest = self.0.split_once("://").map_or(self.0.as_str(), |(_, r)| r);
        rest.find('/').map_or("/", |i| &rest[i..])
    }
}

/// Where a web address leads, as a browser reads it: its scheme, its host
/// (lowercased, international names in punycode, without a final `.`, an
/// IP address in its one form: `0x7f.1` is `127.0.0.1`), its port (the
/// scheme's own when none is written) and its path. Two spellings of one
/// place are equal; text that looks alike but names another host is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebPlace {
    scheme: String,
    host: url::Host<String>,
    port: u16,
    path: String,
}

impl WebPlace {
    /// `text` parsed as a browser parses it; none for anything that is not
    /// an `http(s)://` address with a host, or that carries a login (which
    /// shows one host and goes to another).
    pub fn parse(text: &str) -> Option<WebPlace> {
        let url = url::Url::parse(text).ok()?;
        if !matches!(url.scheme(), "http" | "https")
            || !url.username().is_empty()
            || url.password().is_some()
        {
            return None;
        }
        let host = match url.host()? {
            url::Host::Domain(name) => {
                let name = name.strip_suffix('.').unwrap_or(name);
                if name.is_empty() {
                    return None;
                }
                url::Host::Domain(name.to_ascii_lowercase())
            }
            url::Host::Ipv4(ip) => url::Host::Ipv4(ip),
            url::Host::Ipv6(ip) => url::Host::Ipv6(ip),
        };
        let mut path = url.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Some(WebPlace {
            scheme: url.scheme().to_string(),
            port: url.port_or_known_default()?,
            host,
            path,
        })
    }

    /// Does this place (an entry of `deploy_allowed`) take in `other` (a
    /// district's `base_url`)? The same scheme and port, and either the
    /// same host with a path under this one's, or, when this place is a
    /// whole site (path `/`) named by a domain with a dot, a name under
    /// that domain (`https://hanoi.gov.vn/` takes in
    /// `https://ba-dinh.hanoi.gov.vn/`).
    pub fn takes_in(&self, other: &WebPlace) -> bool {
        if self.scheme != other.scheme || self.port != other.port {
            return false;
        }
        let same_host = self.host == other.host && other.path.starts_with(&self.path);
        let under = match (&self.host, &other.host) {
            (url::Host::Domain(domain), url::Host::Domain(name)) => {
                self.path == "/" && domain.contains('.') && places::under_domain(name, domain)
            }
            _ => false,
        };
        same_host || under
    }
}

impl fmt::Display for WebPlace {
    /// `https://host` or `https://host:port`, as the browser goes there.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let default = if self.scheme == "https" { 443 } else { 80 };
        write!(f, "{}://{}", self.scheme, self.host)?;
        if self.port != default {
            write!(f, ":{}", self.port)?;
        }
        Ok(())
    }
}

impl Deref for SiteUrl {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SiteUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The longest `quick_exit_url`: it is written into every page.
pub const MAX_EXIT_URL: usize = 2000;

/// Where the quick exit goes (`quick_exit_url:`): a full web address of
/// another site (see [`is_exit_address`]), at most [`MAX_EXIT_URL`]
/// characters. Reads as the text it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitUrl(String);

/// Why a `quick_exit_url` does not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitUrlProblem {
    /// Longer than [`MAX_EXIT_URL`]: this many characters.
    Long(usize),
    /// Not a full web address.
    NotAddress,
}

impl ExitUrl {
    /// Where the quick exit goes when `site.yaml` names no usable address
    /// (already reported): a neutral page, never the text that failed.
    pub const FALLBACK: &str = "https://example.org/";

    /// Parses `text`; says what is wrong.
    pub fn parse(text: &str) -> Result<ExitUrl, ExitUrlProblem> {
        let length = text.chars().count();
        if length > MAX_EXIT_URL {
            Err(ExitUrlProblem::Long(length))
        } else if is_exit_address(text) {
            Ok(ExitUrl(text.to_string()))
        } else {
            Err(ExitUrlProblem::NotAddress)
        }
    }

    /// [`ExitUrl::FALLBACK`].
    pub fn fallback() -> ExitUrl {
        ExitUrl(Self::FALLBACK.to_string())
    }
}

impl Deref for ExitUrl {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// `http(s)://host/…`: a plain host (no login before `@`, which would show
/// one site's name and go to another), and nothing that could break out of
/// the attribute or script it is written into.
fn is_exit_address(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        && crate::read::source::first_control(url).is_none()
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
        })
}

/// `https://host/path/`: a plain web address (see [`is_exit_address`])
/// with nothing that would break the addresses made from it: no query,
/// fragment or `@`, and a path that is the one served (see
/// [`is_plain_path`]).
fn is_site_address(url: &str) -> bool {
    is_exit_address(url) && !url.contains(['?', '#', '@']) && is_plain_path(url)
}

/// The path of `url` has no `.` or `..` segment (written so or as `%2e`),
/// which browsers and servers resolve away, and no empty segment but the
/// last (`//`): the canonical addresses, feeds, QR codes, the 404 page's
/// place in the hosting files and the addresses a CDN is asked to purge,
/// all made from it, then name the folder it names.
fn is_plain_path(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let Some(at) = rest.find('/') else {
        return true;
    };
    let segments: Vec<&str> = rest[at + 1..].split('/').collect();
    let last = segments.len() - 1;
    segments.iter().enumerate().all(|(i, segment)| {
        let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
        (i == last || !segment.is_empty()) && decoded != "." && decoded != ".."
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg;
    use crate::read::places::{MAX_REGION, local_path};

    fn store(text: &str) -> (Service, String, String) {
        match DeployTarget::parse(text).map(|t| t.location) {
            Ok(Location::Store {
                service,
                bucket,
                prefix,
            }) => (service, bucket, prefix.to_string()),
            other => panic!("{text}: {other:?}"),
        }
    }

    fn folder(text: &str) -> String {
        match DeployTarget::parse(text).map(|t| t.location) {
            Ok(Location::Folder(path)) => path,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn syntax(text: &str) {
        assert_eq!(
            DeployTarget::parse(text),
            Err(TargetProblem::Syntax),
            "{text:?}"
        );
    }

    fn bad_bucket(text: &str, bucket: &str) {
        assert_eq!(
            DeployTarget::parse(text),
            Err(TargetProblem::Cloud(msg!("place-bucket", bucket = bucket))),
            "{text:?}"
        );
    }

    fn bad_container(text: &str, container: &str) {
        assert_eq!(
            DeployTarget::parse(text),
            Err(TargetProblem::Cloud(msg!(
                "place-container",
                container = container
            ))),
            "{text:?}"
        );
    }

    fn bad_prefix(text: &str, prefix: &str) {
        assert_eq!(
            DeployTarget::parse(text),
            Err(TargetProblem::Cloud(msg!("place-prefix", prefix = prefix))),
            "{text:?}"
        );
    }

    fn bad_endpoint(text: &str) {
        assert_eq!(
            Endpoint::parse(text),
            Err(msg!("place-endpoint", endpoint = text)),
            "{text:?}"
        );
    }

    #[test]
    fn s3_gs_and_az_targets_name_their_service_bucket_and_folder() {
        for (text, service, bucket, prefix) in [
            (
                "s3://ward-sites/ba-dinh",
                Service::S3,
                "ward-sites",
                "ba-dinh",
            ),
            ("s3://ward-sites", Service::S3, "ward-sites", ""),
            ("s3://ward-sites/", Service::S3, "ward-sites", ""),
            (
                "s3://ward_sites.1/a/B-c/",
                Service::S3,
                "ward_sites.1",
                "a/B-c",
            ),
            (
                "gs://ward.sites/a/b_c~d/",
                Service::Google,
                "ward.sites",
                "a/b_c~d",
            ),
            ("gs://ward-sites", Service::Google, "ward-sites", ""),
            ("az://sites", Service::Azure, "sites", ""),
            (
                "az://ward-sites/ba-dinh/2026",
                Service::Azure,
                "ward-sites",
                "ba-dinh/2026",
            ),
        ] {
            assert_eq!(
                store(text),
                (service, bucket.to_string(), prefix.to_string()),
                "{text}"
            );
            assert_eq!(DeployTarget::parse(text).unwrap().as_str(), text);
        }
        let longest = format!("s3://{}/x", "a".repeat(63));
        assert_eq!(store(&longest).1.len(), 63);
    }

    #[test]
    fn object_store_s_other_spellings_of_a_store_are_refused() {
        // One spelling per place, so none passes deploy_allowed as another.
        for text in [
            "s3a://ward-sites/x",
            "azure://ward-sites/x",
            "adl://ward-sites/x",
            "abfs://ward-sites/x",
            "abfss://ward-sites@account.dfs.core.windows.net/x",
            "https://account.blob.core.windows.net/ward-sites/x",
            "https://s3.amazonaws.com/ward-sites/x",
            "https://storage.googleapis.com/ward-sites/x",
            "S3://ward-sites/x",
            "Gs://ward-sites/x",
            "AZ://ward-sites/x",
            "FILE:///srv/www",
        ] {
            syntax(text);
        }
    }

    #[test]
    fn folder_targets_on_unix_and_windows_keep_what_is_written() {
        for (text, path) in [
            ("file:///srv/www/ba-dinh", "/srv/www/ba-dinh"),
            ("file:///srv/www/", "/srv/www/"),
            ("file:///", "/"),
            ("file://public-web", "public-web"),
            ("file://public/ba-dinh/", "public/ba-dinh/"),
            ("file:///srv/www/quận-ba-đình", "/srv/www/quận-ba-đình"),
            ("file:///srv/a.b/.well-known", "/srv/a.b/.well-known"),
            ("file:///C:/inetpub/wwwroot", "/C:/inetpub/wwwroot"),
            ("file:///d:/", "/d:/"),
            ("file://C:/inetpub/wwwroot", "C:/inetpub/wwwroot"),
        ] {
            assert_eq!(folder(text), path, "{text}");
            assert_eq!(DeployTarget::parse(text).unwrap().to_string(), text);
        }
        // The drive after the third slash is the drive on Windows, a
        // folder `/C:` elsewhere.
        let windows = folder("file:///C:/inetpub/wwwroot");
        assert_eq!(
            local_path(&windows, true),
            std::path::PathBuf::from("C:/inetpub/wwwroot")
        );
        assert_eq!(
            local_path(&windows, false),
            std::path::PathBuf::from("/C:/inetpub/wwwroot")
        );
    }

    #[test]
    fn a_target_without_a_scheme_is_not_a_target() {
        for text in [
            "",
            "ward-sites/ba-dinh",
            "ward-sites",
            "/srv/www",
            "C:/inetpub/wwwroot",
            "s3:ward-sites/x",
            "s3:/ward-sites/x",
            "file:/srv/www",
            "://ward-sites/x",
        ] {
            syntax(text);
        }
    }

    #[test]
    fn an_unknown_scheme_is_not_a_target() {
        for text in [
            "http://example.org/",
            "https://s3.example.vn/bucket",
            "ftp://x/y",
            "sftp://host/srv/www",
            "memory://x",
            "gcs://ward-sites/x",
            "javascript://x",
            " s3://ward-sites/x",
        ] {
            syntax(text);
        }
    }

    #[test]
    fn an_empty_or_missing_bucket_says_so() {
        bad_bucket("s3://", "");
        bad_bucket("gs://", "");
        bad_container("az://", "");
        bad_bucket("s3:///ba-dinh", "");
        bad_bucket("gs:///", "");
        syntax("file://");
    }

    #[test]
    fn a_bucket_outside_its_service_s_grammar_says_which() {
        for bucket in [
            "ab",
            "Ward-Sites",
            "-ab",
            "ab-",
            "a..b",
            "ward:sites",
            "quận",
            "192.168.5.4",
            "127.0.0.1",
            "[::1]",
        ] {
            bad_bucket(&format!("s3://{bucket}/x"), bucket);
        }
        let long = "a".repeat(64);
        bad_bucket(&format!("gs://{long}"), &long);
    }

    #[test]
    fn no_step_of_a_folder_climbs_out_or_names_another_place() {
        for text in [
            "file:///srv/../etc",
            "file://../etc",
            "file://..",
            "file:///srv/www/..",
            "file:///srv/www/../",
            "file:///srv/./www",
            "file://./www",
            "file:///srv//www",
            "file:////server/share",
            "file:///srv/%2e%2e/etc",
            "file:///srv/www\\..\\etc",
            "file:///C:\\inetpub",
        ] {
            syntax(text);
        }
        for (text, prefix) in [
            ("s3://ward-sites/a/../b", "a/../b"),
            ("s3://ward-sites/..", ".."),
            ("gs://ward-sites/./a", "./a"),
            ("az://ward-sites/a//b", "a//b"),
            ("s3://ward-sites//a", "/a"),
            ("s3://ward-sites/a%2f..", "a%2f.."),
            ("s3://ward-sites/a\\..", "a\\.."),
        ] {
            bad_prefix(text, prefix);
        }
    }

    #[test]
    fn a_login_in_a_target_is_refused() {
        bad_bucket("s3://AKIA:secret@ward-sites/x", "AKIA:secret@ward-sites");
        bad_bucket("gs://x@evil.example/p", "x@evil.example");
        bad_container("az://account@ward-sites/p", "account@ward-sites");
        // Names S3 and Google take but Azure refuses.
        bad_container("az://ward.sites/p", "ward.sites");
        bad_container("az://ward_sites/p", "ward_sites");
        bad_container("az://ward--sites/p", "ward--sites");
        assert!(DeployTarget::parse("gs://ward.sites_1/p").is_ok());
        bad_prefix("s3://ward-sites/qu@n-a", "qu@n-a");
        syntax("file://user:pass@host/srv/www");
        syntax("file://user@host/srv/www");
        syntax("file:///srv/www/a@b");
    }

    #[test]
    fn a_query_or_fragment_in_a_target_is_refused() {
        bad_bucket("s3://ward-sites?x=1", "ward-sites?x=1");
        bad_bucket("s3://ward-sites#top", "ward-sites#top");
        bad_prefix("s3://ward-sites/a?x=1", "a?x=1");
        bad_prefix("gs://ward-sites/a#top", "a#top");
        syntax("file:///srv/www?x");
        syntax("file:///srv/www#x");
        syntax("file:///srv/www/?");
    }

    #[test]
    fn whitespace_and_invisible_characters_in_a_target_are_refused() {
        for c in [
            ' ', '\t', '\n', '\r', '\0', '\u{7f}', '\u{85}', '\u{202e}', '\u{2066}',
        ] {
            syntax(&format!("file:///srv/w{c}w"));
            syntax(&format!("file:///srv/www{c}"));
            bad_prefix(&format!("s3://ward-sites/a{c}b"), &format!("a{c}b"));
            bad_bucket(&format!("s3://ward{c}sites/x"), &format!("ward{c}sites"));
        }
        bad_prefix("s3://ward-sites/ạ", "ạ");
    }

    #[test]
    fn an_overlong_target_says_how_long() {
        let at_limit = format!("file:///{}", "a".repeat(MAX_TARGET - "file:///".len()));
        assert_eq!(at_limit.chars().count(), MAX_TARGET);
        assert!(DeployTarget::parse(&at_limit).is_ok());
        for text in [
            format!("{at_limit}a"),
            format!("s3://ward-sites/{}", "a/".repeat(600)),
            "đ".repeat(MAX_TARGET + 1),
        ] {
            assert_eq!(
                DeployTarget::parse(&text),
                Err(TargetProblem::Long(text.chars().count()))
            );
        }
    }

    #[test]
    fn endpoints_keep_their_host_port_and_scheme() {
        for (text, host, port, http) in [
            ("https://S3.example.vn", "s3.example.vn", 443, false),
            ("https://s3.example.vn/", "s3.example.vn", 443, false),
            ("http://s3.example.vn", "s3.example.vn", 80, true),
            (
                "https://s3.example.vn:8443/api/v1",
                "s3.example.vn",
                8443,
                false,
            ),
            // IP literals and localhost are an emulator's or a local
            // server's address: accepted, and `deploy_allowed` decides.
            ("http://127.0.0.1:9000/", "127.0.0.1", 9000, true),
            (
                "http://localhost:10000/devstoreaccount1",
                "localhost",
                10000,
                true,
            ),
            ("https://10.0.0.5", "10.0.0.5", 443, false),
        ] {
            let e = Endpoint::parse(text).unwrap();
            assert_eq!((e.host(), e.port(), e.is_http()), (host, port, http));
            assert_eq!(e.base(), text.trim_end_matches('/'));
            assert_eq!((e.as_str(), e.to_string()), (text, text.to_string()));
        }
    }

    #[test]
    fn an_endpoint_that_is_not_a_plain_web_address_says_so() {
        for text in [
            // No scheme, or another than http(s).
            "",
            "s3.example.vn",
            "//s3.example.vn/",
            "ftp://s3.example.vn/",
            "s3://ward-sites",
            "file:///srv",
            "HTTPS://s3.example.vn",
            // No host.
            "https://",
            "https:///path",
            "https:////s3.example.vn/",
            // A host other than the one written.
            "http://0x7f.1:9000/",
            "http://2130706433/",
            "http://127.1/",
            // A login.
            "https://s3.example.vn@evil.example/",
            "https://user:pass@s3.example.vn/",
            // A query or fragment.
            "https://s3.example.vn/?x",
            "https://s3.example.vn/#x",
            // Encoded or other characters.
            "https://s3.example.vn/%2e",
            "https://s3.example.vn\\@evil.example/",
            "https://s3.example.vn/ a",
            " https://s3.example.vn/",
            "https://s3.example.vn/\n",
            "https://s3.example.vn/\u{202e}",
            // An IPv6 literal (refused today: brackets are not plain).
            "http://[::1]:9000/",
        ] {
            bad_endpoint(text);
        }
    }

    #[test]
    fn regions_say_what_is_wrong() {
        assert_eq!(Region::parse("hn-1").unwrap().as_str(), "hn-1");
        let longest = "a".repeat(MAX_REGION);
        assert_eq!(Region::parse(&longest).unwrap().as_str(), longest);
        for text in [
            "",
            "x@evil.example/",
            "us-east-1.evil",
            "US",
            "a b",
            "a\n",
            &"a".repeat(MAX_REGION + 1),
        ] {
            assert_eq!(
                Region::parse(text),
                Err(msg!("place-region", region = text, limit = MAX_REGION)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn site_addresses_end_in_a_slash_and_know_their_path() {
        for (text, url, path, https) in [
            (
                "https://ba-dinh.example.org",
                "https://ba-dinh.example.org/",
                "/",
                true,
            ),
            (
                "https://x.example/hanoi",
                "https://x.example/hanoi/",
                "/hanoi/",
                true,
            ),
            (
                "https://x.example/t%C3%A0i/",
                "https://x.example/t%C3%A0i/",
                "/t%C3%A0i/",
                true,
            ),
            // localhost and IP literals are a preview's or a test's site.
            (
                "http://localhost:8080/hanoi/",
                "http://localhost:8080/hanoi/",
                "/hanoi/",
                false,
            ),
            (
                "http://127.0.0.1:1111",
                "http://127.0.0.1:1111/",
                "/",
                false,
            ),
            // Dots inside a segment are plain names.
            (
                "https://x.example/v1.2/...a/.b/",
                "https://x.example/v1.2/...a/.b/",
                "/v1.2/...a/.b/",
                true,
            ),
        ] {
            let site = SiteUrl::parse(text).unwrap();
            assert_eq!(
                (site.as_str(), site.path(), site.is_https()),
                (url, path, https)
            );
            assert_eq!(&*site, url);
        }
    }

    #[test]
    fn a_site_address_that_is_not_plain_http_or_https_is_not_an_address() {
        for text in [
            // Not http(s).
            "ba-dinh.example.org",
            "//ba-dinh.example.org/",
            "ftp://x.example/",
            "file:///srv/www/",
            "javascript:alert(1)",
            "data:text/html,x",
            "HTTPS://x.example/",
            // No host.
            "https:///path",
            "https://",
            // A login.
            "https://user:pass@x.example/",
            "https://x.example@evil.example/",
            "https://x.example/a@b/",
            // A query or fragment.
            "https://x.example/?a=1",
            "https://x.example/#top",
            // Characters that break out of an attribute or a line.
            "https://x.example/\"onload=\"",
            "https://x.example/a b/",
            "https://x.example/a\tb/",
            "https://x.example/a\nb/",
            "https://x.example/\u{202e}/",
            " https://x.example/",
            // An IPv6 literal (refused today).
            "http://[::1]:8080/",
            // A path that is not the one served.
            "https://x.example/a/../b/",
            "https://x.example/..",
            "https://x.example/../",
            "https://x.example/./a/",
            "https://x.example/a/%2e%2e/b/",
            "https://x.example/a/%2E./",
            "https://x.example/a/.%2e",
            "https://x.example//a/",
            "https://x.example/a//b/",
        ] {
            assert_eq!(
                SiteUrl::parse(text),
                Err(SiteUrlProblem::NotAddress),
                "{text:?}"
            );
        }
        for text in [
            "https://x.example/%{HTTP_HOST}/",
            "https://x.example/$1/",
            "https://x.example/%zz/",
        ] {
            assert_eq!(
                SiteUrl::parse(text),
                Err(SiteUrlProblem::ServerSyntax),
                "{text}"
            );
        }
        let longest = format!("https://x.example/{}/", "a".repeat(MAX_BASE_URL - 19));
        assert_eq!(longest.chars().count(), MAX_BASE_URL);
        assert!(SiteUrl::parse(&longest).is_ok());
        let long = format!("https://x.example/{}/", "a".repeat(MAX_BASE_URL - 18));
        assert_eq!(
            SiteUrl::parse(&long),
            Err(SiteUrlProblem::Long(MAX_BASE_URL + 1))
        );
    }

    #[test]
    fn exit_addresses() {
        for text in [
            "https://nchmf.gov.vn/",
            "https://www.google.com/search?q=weather",
            "https://vi.wikipedia.org/wiki/Th%E1%BB%9Di_ti%E1%BA%BFt#top",
            "http://127.0.0.1:9/",
            ExitUrl::FALLBACK,
        ] {
            assert_eq!(ExitUrl::parse(text).as_deref(), Ok(text));
        }
        assert_eq!(&*ExitUrl::fallback(), ExitUrl::FALLBACK);
        for text in [
            "",
            "nchmf.gov.vn",
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://x.example/",
            "https://",
            "https://user@evil.example/",
            "https://user:pass@evil.example/",
            "https://x.example/\"><script>",
            "https://x.example/'",
            "https://x.example/`",
            "https://x.example/<",
            "https://x.example/a b",
            "https://x.example/a\nb",
            "https://x.example/\u{202e}",
            "https://x.example/\\",
            "https://[::1]/",
        ] {
            assert_eq!(
                ExitUrl::parse(text),
                Err(ExitUrlProblem::NotAddress),
                "{text:?}"
            );
        }
        let longest = format!("https://x.example/?q={}", "a".repeat(MAX_EXIT_URL - 21));
        assert_eq!(longest.chars().count(), MAX_EXIT_URL);
        assert!(ExitUrl::parse(&longest).is_ok());
        let long = format!("{longest}a");
        assert_eq!(
            ExitUrl::parse(&long),
            Err(ExitUrlProblem::Long(MAX_EXIT_URL + 1))
        );
    }

    /// Does `entry` (of `deploy_allowed`) take in the `base_url` `base`?
    fn takes_in(entry: &str, base: &str) -> bool {
        let entry = WebPlace::parse(entry).unwrap();
        WebPlace::parse(base).is_some_and(|base| entry.takes_in(&base))
    }

    #[test]
    fn a_web_place_is_the_host_a_browser_goes_to_not_the_text() {
        let city = "https://hanoi.gov.vn/";
        for own in [
            "https://hanoi.gov.vn/",
            "https://HANOI.Gov.VN/ba-dinh/",
            "https://hanoi.gov.vn./",
            "https://ba-dinh.hanoi.gov.vn/",
            "https://hanoi.gov.vn:443/",
        ] {
            assert!(takes_in(city, own), "{own}");
        }
        for other in [
            "https://evil.example/",
            "https://hanoi.gov.vn.evil.example/",
            "https://evilhanoi.gov.vn/",
            "https://hanoi.gov.vn@evil.example/",
            "https://x:y@hanoi.gov.vn/",
            "https://hanoi.gov.vn:8443/",
            "http://hanoi.gov.vn/",
            "https://xn--hani-6qa.gov.vn/",
            "https://hà-nội.gov.vn/",
            "https://203.0.113.5/",
            "ftp://hanoi.gov.vn/",
        ] {
            assert!(!takes_in(city, other), "{other}");
        }
        // An international name is its punycode, written either way.
        assert!(takes_in(
            "https://xn--h-ni-0na4517b.vn/",
            "https://hà-nội.vn/"
        ));
        // An IP address in any of its spellings; no name is under it.
        let ip = "http://127.0.0.1:9000/";
        for own in ["http://2130706433:9000/", "http://0x7f.1:9000/sites/"] {
            assert!(takes_in(ip, own), "{own}");
        }
        for other in ["http://127.0.0.2:9000/", "http://1.127.0.0.1:9000/"] {
            assert!(!takes_in(ip, other), "{other}");
        }
        // An entry with a path takes in that path only, on that host only.
        let wards = "https://hanoi.gov.vn/phuong/";
        assert!(takes_in(wards, "https://hanoi.gov.vn/phuong/ba-dinh/"));
        assert!(!takes_in(wards, "https://hanoi.gov.vn/other/"));
        assert!(!takes_in(wards, "https://x.hanoi.gov.vn/phuong/"));
        // A name without a dot takes in no name under it.
        assert!(!takes_in(
            "http://localhost:8000/",
            "http://a.localhost:8000/"
        ));
        assert_eq!(
            WebPlace::parse("https://Ba-Dinh.HANOI.gov.vn.:8443/x")
                .unwrap()
                .to_string(),
            "https://ba-dinh.hanoi.gov.vn:8443"
        );
    }
}
