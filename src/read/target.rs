//! The places and addresses a campaign's settings name, parsed once where
//! the settings are read into types that the rest of loa takes: a deploy
//! [`Target`] (an object store's bucket and folder, or a folder on this
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

/// The target schemes `loa deploy` knows.
pub const DEPLOY_SCHEMES: &[&str] = &["s3", "gs", "az", "file"];

/// Where `loa deploy` publishes a district: `s3://bucket/prefix`,
/// `gs://bucket/prefix`, `az://container/prefix` or `file:///web/root`,
/// parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// As written, for messages and for comparing with `deploy_allowed`.
    text: String,
    location: Location,
}

/// What a [`Target`] names.
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
    /// character (control, space, `?`, `#`, `%`, `\`) or a step (`..`,
    /// `.`, `//`) that would name another place.
    Syntax,
}

impl Target {
    /// Parses `text`. The bucket and folder of an object store are held to
    /// their services' grammar before `object_store`'s own scheme parser
    /// names the service and the folder; a `file://` folder keeps what is
    /// written (a Windows drive, a relative folder).
    pub fn parse(text: &str) -> Result<Target, TargetProblem> {
        let (scheme, rest) = match text.split_once("://") {
            Some((scheme, rest)) => (Some(scheme), rest),
            None => (None, ""),
        };
        if matches!(scheme, Some("s3" | "gs" | "az")) {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if let Some(problem) =
                places::bucket_problem(bucket).or_else(|| places::prefix_problem(prefix))
            {
                return Err(TargetProblem::Cloud(problem));
            }
        }
        let bad_char = text
            .chars()
            .any(|c| c.is_control() || matches!(c, ' ' | '?' | '#' | '%' | '\\'));
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
        Ok(Target {
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

impl fmt::Display for Target {
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

/// Where the quick exit goes (`quick_exit_url:`): a full web address of
/// another site (see [`is_exit_address`]). Reads as the text it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitUrl(String);

impl ExitUrl {
    /// Where the quick exit goes when `site.yaml` names no usable address
    /// (already reported): a neutral page, never the text that failed.
    pub const FALLBACK: &str = "https://example.org/";

    /// Parses `text`; `None` when it is not a full web address.
    pub fn parse(text: &str) -> Option<ExitUrl> {
        is_exit_address(text).then(|| ExitUrl(text.to_string()))
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
        && !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
        })
}

/// `https://host/path/`: a plain web address (see [`is_exit_address`])
/// with nothing that would break the addresses made from it: no query,
/// fragment or `@`.
fn is_site_address(url: &str) -> bool {
    is_exit_address(url) && !url.contains(['?', '#', '@'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(text: &str) -> (Service, String, String) {
        match Target::parse(text).map(|t| t.location) {
            Ok(Location::Store {
                service,
                bucket,
                prefix,
            }) => (service, bucket, prefix.to_string()),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn object_store_targets_name_their_service_bucket_and_folder() {
        assert_eq!(
            store("s3://ward-sites/ba-dinh"),
            (Service::S3, "ward-sites".into(), "ba-dinh".into())
        );
        assert_eq!(
            store("gs://ward.sites/a/b_c~d/"),
            (Service::Google, "ward.sites".into(), "a/b_c~d".into())
        );
        assert_eq!(
            store("az://sites"),
            (Service::Azure, "sites".into(), String::new())
        );
        assert_eq!(store("s3://sites/").2, "");
        assert_eq!(
            Target::parse("s3://ward-sites/Ba-Dinh").unwrap().as_str(),
            "s3://ward-sites/Ba-Dinh"
        );
    }

    #[test]
    fn folder_targets_keep_what_is_written() {
        for (text, folder) in [
            ("file:///srv/www/ba-dinh", "/srv/www/ba-dinh"),
            ("file:///srv/www/", "/srv/www/"),
            ("file:///C:/inetpub/wwwroot", "/C:/inetpub/wwwroot"),
            ("file://public-web", "public-web"),
        ] {
            let target = Target::parse(text).unwrap();
            assert_eq!(target.location(), &Location::Folder(folder.into()));
            assert_eq!(target.to_string(), text);
        }
    }

    #[test]
    fn a_bucket_or_folder_against_its_service_s_grammar_says_why() {
        for bad in [
            "s3://ab/x",
            "s3://Ward-Sites/x",
            "gs://x@evil.example/p",
            "az://a..b/p",
            "s3://-ab/p",
            "s3://ward-sites/qu@n-a",
            "s3://ward-sites/a?x=1",
            "s3://ward-sites/a%2fb",
            "gs://ward-sites/a//b",
            "az://ward-sites/a/../b",
            "s3://ward-sites/ạ",
            "s3://ward-sites/a b",
            "s3://",
        ] {
            assert!(
                matches!(Target::parse(bad), Err(TargetProblem::Cloud(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn unknown_schemes_and_folders_that_name_another_place_are_refused() {
        for bad in [
            "",
            "ward-sites/ba-dinh",
            "/srv/www",
            "http://example.org/",
            "https://s3.example.vn/bucket",
            "ftp://x/y",
            "s3a://ward-sites/x",
            "abfs://ward-sites/x",
            "memory://x",
            "S3://ward-sites/x",
            "file://",
            "file:///srv/../etc",
            "file:///srv/./www",
            "file:///srv//www",
            "file:///srv/www?x",
            "file:///srv/www#x",
            "file:///srv/%2e%2e/etc",
            "file:///srv/www\\..\\etc",
            "file:///srv/w w",
            "file:///srv/w\nw",
            "file:///srv/w\u{0}w",
        ] {
            assert_eq!(Target::parse(bad), Err(TargetProblem::Syntax), "{bad:?}");
        }
    }

    #[test]
    fn endpoints_keep_their_host_port_and_scheme() {
        let e = Endpoint::parse("http://127.0.0.1:9000/").unwrap();
        assert_eq!((e.host(), e.port(), e.is_http()), ("127.0.0.1", 9000, true));
        assert_eq!(e.as_str(), "http://127.0.0.1:9000/");
        let e = Endpoint::parse("https://S3.example.vn").unwrap();
        assert_eq!(
            (e.host(), e.port(), e.is_http()),
            ("s3.example.vn", 443, false)
        );
        for bad in [
            "https://s3.example.vn@evil.example/",
            "https://user:pass@s3.example.vn/",
            "https://s3.example.vn/?x",
            "https://s3.example.vn/#x",
            "https://s3.example.vn/%2e",
            "ftp://s3.example.vn/",
            "s3.example.vn",
            "https://",
            "",
        ] {
            assert!(Endpoint::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn regions() {
        assert_eq!(Region::parse("hn-1").unwrap().as_str(), "hn-1");
        for bad in ["", "x@evil.example/", "us-east-1.evil", "US", "a b"] {
            assert!(Region::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn site_addresses_end_in_a_slash_and_say_what_is_wrong() {
        assert_eq!(
            SiteUrl::parse("https://ba-dinh.example.org")
                .unwrap()
                .as_str(),
            "https://ba-dinh.example.org/"
        );
        let local = SiteUrl::parse("http://localhost:8080/hanoi/").unwrap();
        assert_eq!(&*local, "http://localhost:8080/hanoi/");
        assert!(!local.is_https());
        assert!(SiteUrl::parse("https://x.example/").unwrap().is_https());
        for bad in [
            "ba-dinh.example.org",
            "https://x.example/?a=1#f",
            "https://user:pass@x.example/",
            "https://x.example/\"onload=\"",
            "https:///path",
            "javascript:alert(1)",
            "https://x.example/a b/",
        ] {
            assert_eq!(
                SiteUrl::parse(bad),
                Err(SiteUrlProblem::NotAddress),
                "{bad}"
            );
        }
        for bad in ["https://x.example/%{HTTP_HOST}/", "https://x.example/$1/"] {
            assert_eq!(
                SiteUrl::parse(bad),
                Err(SiteUrlProblem::ServerSyntax),
                "{bad}"
            );
        }
        let long = format!("https://x.example/{}/", "a".repeat(200));
        assert_eq!(
            SiteUrl::parse(&long),
            Err(SiteUrlProblem::Long(long.chars().count()))
        );
    }

    #[test]
    fn exit_addresses() {
        assert_eq!(
            ExitUrl::parse("https://nchmf.gov.vn/").as_deref(),
            Some("https://nchmf.gov.vn/")
        );
        assert!(ExitUrl::parse("https://www.google.com/search?q=weather").is_some());
        for bad in [
            "nchmf.gov.vn",
            "javascript:alert(1)",
            "https://user@evil.example/",
            "https://x.example/\"><script>",
            "https://x.example/'",
            "https://x.example/`",
            "https://",
            "https://x.example/a b",
        ] {
            assert!(ExitUrl::parse(bad).is_none(), "{bad}");
        }
        assert!(ExitUrl::parse(ExitUrl::FALLBACK).is_some());
    }
}
