//! Where a deploy's requests may go: the endpoint the district file names
//! (which `site.yaml`'s `deploy_allowed` lists), or the provider's own
//! domain. Every request of an object store is checked here before it is
//! sent, and none follows a redirect, so no region, bucket or answer can
//! send the operator's signed requests, access key id or session token to
//! another host.

use std::time::Duration;

use object_store::client::{HttpClient, HttpError, HttpErrorKind, HttpRequest};

use crate::read::target::Endpoint;

/// The hosts one target's requests may go to.
#[derive(Debug, Clone)]
pub struct Hosts {
    /// An endpoint's host and port (from the district file or the
    /// operator's environment).
    endpoint: Option<(String, u16)>,
    /// The provider's own domain, over https only.
    domain: &'static str,
    /// Plain http is allowed (an endpoint written with `http://`).
    allow_http: bool,
}

/// Amazon S3's domain.
pub const AWS: &str = "amazonaws.com";
/// Google Cloud Storage's (and its token service's) domain.
pub const GOOGLE: &str = "googleapis.com";
/// Azure Blob Storage's domain.
pub const AZURE: &str = "blob.core.windows.net";

impl Hosts {
    /// Requests go to `endpoint` when there is one, and to `domain` over
    /// https (a token service there serves an emulator's credentials too).
    pub fn new(endpoint: Option<&Endpoint>, domain: &'static str) -> Hosts {
        Hosts {
            endpoint: endpoint.map(|e| (e.host().to_string(), e.port())),
            domain,
            allow_http: endpoint.is_some_and(Endpoint::is_http),
        }
    }

    /// May a request go to this address? Says why not.
    pub fn check(&self, uri: &http::Uri) -> Result<(), String> {
        let host = uri.host().unwrap_or_default().to_ascii_lowercase();
        let https = uri.scheme_str() == Some("https");
        let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
        let endpoint = self
            .endpoint
            .as_ref()
            .is_some_and(|(h, p)| *h == host && *p == port && (https || self.allow_http));
        let ok = endpoint || (https && crate::read::places::under_domain(&host, self.domain));
        if ok {
            Ok(())
        } else {
            Err(crate::msg!(
                "publish-host-refused",
                host = format!("{host}:{port}"),
                allowed = self.describe()
            )
            .text())
        }
    }

    fn describe(&self) -> String {
        match &self.endpoint {
            Some((h, p)) => format!("{h}:{p} and https://*.{}", self.domain),
            None => format!("https://*.{}", self.domain),
        }
    }

    /// May plain http be used?
    pub fn allow_http(&self) -> bool {
        self.allow_http
    }
}

/// The error of a refused request: never retried.
pub fn refused(reason: String) -> HttpError {
    HttpError::new(HttpErrorKind::Unknown, std::io::Error::other(reason))
}

/// An HTTP client that follows no redirect (a redirect would carry the
/// request's headers, a session token among them, to wherever it points),
/// with object_store's usual timeouts.
pub fn client(allow_http: bool) -> Result<HttpClient, String> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .https_only(!allow_http)
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(30))
        .user_agent(concat!("loa/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| crate::msg!("publish-http-client", reason = e.to_string()).text())?;
    Ok(HttpClient::new(client))
}

/// Checks a request before it is sent.
pub fn check(hosts: &Hosts, req: &HttpRequest) -> Result<(), HttpError> {
    hosts.check(req.uri()).map_err(refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> http::Uri {
        s.parse().unwrap()
    }

    #[test]
    fn only_the_endpoint_or_the_provider_s_domain() {
        let aws = Hosts::new(None, AWS);
        assert!(
            aws.check(&uri("https://s3.us-east-1.amazonaws.com/b/k"))
                .is_ok()
        );
        assert!(aws.check(&uri("https://b.s3.hn-1.amazonaws.com/k")).is_ok());
        for bad in [
            "https://evil.example/.amazonaws.com/b",
            "https://amazonaws.com.evil.example/",
            "http://s3.us-east-1.amazonaws.com/b",
            "https://evilamazonaws.com/",
        ] {
            assert!(aws.check(&uri(bad)).is_err(), "{bad}");
        }
        let endpoint = Endpoint::parse("http://127.0.0.1:9000").unwrap();
        let local = Hosts::new(Some(&endpoint), AWS);
        assert!(local.check(&uri("http://127.0.0.1:9000/sites/x")).is_ok());
        assert!(local.check(&uri("http://127.0.0.1:9001/sites/x")).is_err());
        assert!(local.check(&uri("https://evil.example/x")).is_err());
        assert!(local.check(&uri("https://127.0.0.1:9000/sites/x")).is_ok());
        let tls = Hosts::new(
            Some(&Endpoint::parse("https://s3.example.vn").unwrap()),
            AWS,
        );
        assert!(tls.check(&uri("https://s3.example.vn/sites/x")).is_ok());
        assert!(tls.check(&uri("http://s3.example.vn:443/sites/x")).is_err());
    }
}
