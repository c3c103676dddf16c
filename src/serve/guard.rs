//! The guard in front of the desk's actions (`POST /__loa/action/<name>`:
//! make a page, check, build a zip, publish, start a campaign). A local
//! server that writes files and publishes with the city's credentials is
//! a target for any web page the editor visits, so an action is done only
//! when every one of these holds, and otherwise refused with nothing done:
//! - the preview listens on a loopback address (on a network address the
//!   actions are off entirely);
//! - the request is a POST (never a link, an image or an address typed in);
//! - the peer is this computer (a loopback address);
//! - `Host` names the preview itself: `127.0.0.1:PORT`, `localhost:PORT`
//!   or `[::1]:PORT` (a DNS-rebinding page sends its own name);
//! - `Origin` is the desk's own origin, and `Sec-Fetch-Site`, when sent,
//!   is `same-origin` (a form on another site says so);
//! - the body is a plain form (`application/x-www-form-urlencoded`) of at
//!   most [`MAX_BODY`] bytes, with a length given up front;
//! - the form carries this run's secret token, which only the desk's own
//!   pages hold (never in an address, so never in history or logs).

use std::net::IpAddr;

use super::request::Head;
use crate::i18n::Msg;

/// The most bytes a desk form may send.
pub const MAX_BODY: usize = 16 * 1024;

/// Where the actions are: `/__loa/action/<name>`.
pub const PREFIX: &str = "/__loa/action/";

/// Why an action was refused: the status and a plain reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// HTTP status.
    pub status: u16,
    /// A short plain explanation.
    pub reason: Msg,
}

fn refuse(status: u16, reason: Msg) -> Refusal {
    Refusal { status, reason }
}

/// Whether a request target is an action (judged on the path only).
pub fn is_action(target: &str) -> bool {
    target
        .split(['?', '#'])
        .next()
        .is_some_and(|path| path.starts_with(PREFIX))
}

/// The action's name in a target (`/__loa/action/new-page` -> `new-page`).
pub fn action_name(target: &str) -> &str {
    target
        .split(['?', '#'])
        .next()
        .and_then(|path| path.strip_prefix(PREFIX))
        .unwrap_or("")
}

/// Checks everything but the token, before a byte of the body is read;
/// returns the body's length. `enabled`: whether the preview listens on a
/// loopback address; `port`: the port it listens on.
pub fn admit(
    head: &Head,
    peer: Option<IpAddr>,
    port: u16,
    enabled: bool,
) -> Result<usize, Refusal> {
    if !enabled {
        return Err(refuse(403, Msg::new("guard-off")));
    }
    if head.method != "POST" {
        return Err(refuse(405, Msg::new("guard-not-post")));
    }
    if !peer.is_some_and(|ip| ip.to_canonical().is_loopback()) {
        return Err(refuse(403, Msg::new("guard-not-loopback")));
    }
    let host = one(head, "host").map(str::to_ascii_lowercase);
    let own = [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ];
    let Some(host) = host.filter(|h| own.contains(h)) else {
        return Err(refuse(403, Msg::new("guard-host")));
    };
    if one(head, "origin") != Some(format!("http://{host}").as_str()) {
        return Err(refuse(403, Msg::new("guard-origin")));
    }
    if head.all("sec-fetch-site").any(|site| site != "same-origin") {
        return Err(refuse(403, Msg::new("guard-cross-site")));
    }
    if head.all("transfer-encoding").next().is_some() {
        return Err(refuse(411, Msg::new("guard-length")));
    }
    let form = one(head, "content-type").is_some_and(|t| {
        t.split(';').next().is_some_and(|t| {
            t.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        }) || (super::editor::handles(action_name(&head.target))
            && super::multipart::boundary(t).is_some())
    });
    if !form {
        return Err(refuse(415, Msg::new("guard-not-form")));
    }
    let length = one(head, "content-length")
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<usize>().ok());
    match length {
        None => Err(refuse(411, Msg::new("guard-length"))),
        Some(n) if n > limit(&head.target) => Err(refuse(413, Msg::new("guard-too-large"))),
        Some(n) => Ok(n),
    }
}

/// The most bytes the action at `target` takes: a page sent from the
/// editor may be larger than the desk's other forms.
fn limit(target: &str) -> usize {
    if action_name(target) == "edit-picture" {
        super::editor::MAX_PICTURE_FORM
    } else if super::editor::handles(action_name(target)) {
        super::editor::MAX_FORM
    } else {
        MAX_BODY
    }
}

/// The only value of a header, when it is sent exactly once.
fn one<'a>(head: &'a Head, name: &'a str) -> Option<&'a str> {
    let mut values = head.all(name);
    let first = values.next()?;
    values.next().is_none().then_some(first)
}

/// The fields of a desk form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    fields: Vec<(String, String)>,
    /// The files it sent (the editor's picture), by field.
    pub files: Vec<super::multipart::Part>,
}

impl Form {
    /// The first value of a field, trimmed; empty when absent.
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.trim())
    }
}

impl Form {
    /// Every value of a field, trimmed, the empty ones left out.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(n, v)| n == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    /// The first value of a field as sent (not trimmed); empty when absent.
    pub fn raw(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v)
    }
}

/// Reads a form body (plain, or with files when `head` says so: the
/// editor's picture) and checks its token (exactly one, this run's).
pub fn form_of(head: &Head, body: &[u8], token: &str) -> Result<Form, Refusal> {
    let Some(boundary) = one(head, "content-type").and_then(super::multipart::boundary) else {
        return form(body, token);
    };
    let parts = super::multipart::parse(body, &boundary)
        .ok_or_else(|| refuse(400, Msg::new("guard-incomplete")))?;
    let (files, fields): (Vec<_>, Vec<_>) = parts.into_iter().partition(|p| p.filename.is_some());
    let fields = fields
        .into_iter()
        .map(|p| (p.name, String::from_utf8_lossy(&p.bytes).into_owned()))
        .collect();
    let mut form = checked(fields, token)?;
    form.files = files;
    Ok(form)
}

/// Reads a form body and checks its token (exactly one, this run's).
pub fn form(body: &[u8], token: &str) -> Result<Form, Refusal> {
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    checked(fields, token)
}

fn checked(fields: Vec<(String, String)>, token: &str) -> Result<Form, Refusal> {
    let tokens: Vec<&str> = fields
        .iter()
        .filter(|(k, _)| k == "token")
        .map(|(_, v)| v.as_str())
        .collect();
    match tokens.as_slice() {
        [sent] if same(sent.as_bytes(), token.as_bytes()) => Ok(Form {
            fields,
            files: Vec::new(),
        }),
        _ => Err(refuse(403, Msg::new("guard-token"))),
    }
}

/// Compares secrets in a time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORT: u16 = 4321;

    fn head(method: &str, headers: &[(&str, &str)]) -> Head {
        Head {
            method: method.into(),
            target: "/__loa/action/check".into(),
            version: "HTTP/1.1".into(),
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn good() -> Vec<(&'static str, &'static str)> {
        vec![
            ("host", "127.0.0.1:4321"),
            ("origin", "http://127.0.0.1:4321"),
            ("sec-fetch-site", "same-origin"),
            ("content-type", "application/x-www-form-urlencoded"),
            ("content-length", "40"),
        ]
    }

    fn local() -> Option<IpAddr> {
        Some("127.0.0.1".parse().unwrap())
    }

    fn with(replace: &str, value: Option<&'static str>) -> Head {
        let mut headers: Vec<_> = good().into_iter().filter(|(k, _)| *k != replace).collect();
        if let Some(v) = value {
            headers.push((
                Box::leak(replace.to_string().into_boxed_str()),
                Box::leak(v.to_string().into_boxed_str()),
            ));
        }
        head("POST", &headers)
    }

    #[test]
    fn a_form_from_the_desk_is_admitted() {
        assert_eq!(admit(&head("POST", &good()), local(), PORT, true), Ok(40));
        // Without Sec-Fetch-Site (older browsers) and at the other names.
        let ok = [
            with("sec-fetch-site", None),
            head(
                "POST",
                &[
                    ("host", "localhost:4321"),
                    ("origin", "http://localhost:4321"),
                    (
                        "content-type",
                        "application/x-www-form-urlencoded; charset=UTF-8",
                    ),
                    ("content-length", "0"),
                ],
            ),
            head(
                "POST",
                &[
                    ("host", "[::1]:4321"),
                    ("origin", "http://[::1]:4321"),
                    ("content-type", "application/x-www-form-urlencoded"),
                    ("content-length", "3"),
                ],
            ),
        ];
        for h in ok {
            assert!(admit(&h, local(), PORT, true).is_ok(), "{h:?}");
        }
        assert!(
            admit(
                &head("POST", &good()),
                Some("::1".parse().unwrap()),
                PORT,
                true
            )
            .is_ok()
        );
    }

    #[test]
    fn every_condition_missing_is_a_refusal() {
        let status = |h: &Head, peer: Option<IpAddr>, enabled: bool| {
            admit(h, peer, PORT, enabled).unwrap_err().status
        };
        let good = head("POST", &good());
        assert_eq!(status(&good, local(), false), 403, "network address");
        for method in ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "post"] {
            let mut h = good.clone();
            h.method = method.into();
            assert_eq!(status(&h, local(), true), 405, "{method}");
        }
        for peer in ["192.168.1.5", "10.0.0.2", "::ffff:192.168.1.5", "fe80::1"] {
            assert_eq!(
                status(&good, Some(peer.parse().unwrap()), true),
                403,
                "{peer}"
            );
        }
        assert_eq!(status(&good, None, true), 403, "unknown peer");
        for host in [
            None,
            Some("evil.example:4321"),
            Some("127.0.0.1:80"),
            Some("127.0.0.1"),
            Some("localhost.:4321"),
            Some("127.0.0.2:4321"),
            Some("192.168.1.5:4321"),
        ] {
            assert_eq!(status(&with("host", host), local(), true), 403, "{host:?}");
        }
        let mut two_hosts = good.clone();
        two_hosts
            .headers
            .push(("host".into(), "127.0.0.1:4321".into()));
        assert_eq!(status(&two_hosts, local(), true), 403);
        for origin in [
            None,
            Some("null"),
            Some("http://evil.example"),
            Some("http://evil.example:4321"),
            Some("http://localhost:4321"),
            Some("https://127.0.0.1:4321"),
            Some("http://127.0.0.1:4321/"),
        ] {
            assert_eq!(
                status(&with("origin", origin), local(), true),
                403,
                "{origin:?}"
            );
        }
        for site in ["cross-site", "same-site", "none"] {
            assert_eq!(
                status(&with("sec-fetch-site", Some(site)), local(), true),
                403,
                "{site}"
            );
        }
        for kind in [
            None,
            Some("multipart/form-data; boundary=x"),
            Some("text/plain"),
            Some("application/json"),
        ] {
            assert_eq!(
                status(&with("content-type", kind), local(), true),
                415,
                "{kind:?}"
            );
        }
        assert_eq!(status(&with("content-length", None), local(), true), 411);
        assert_eq!(
            status(&with("content-length", Some("-1")), local(), true),
            411
        );
        assert_eq!(
            status(&with("content-length", Some("16385")), local(), true),
            413
        );
        let mut chunked = good.clone();
        chunked
            .headers
            .push(("transfer-encoding".into(), "chunked".into()));
        assert_eq!(status(&chunked, local(), true), 411);
    }

    #[test]
    fn the_token_must_be_this_run_s() {
        let token = "0123456789abcdef0123456789abcdef";
        let ok = form(format!("a=1&token={token}&b=x+y").as_bytes(), token).unwrap();
        assert_eq!(ok.get("b"), "x y");
        assert_eq!(ok.get("missing"), "");
        for body in [
            "a=1".to_string(),
            "token=".to_string(),
            format!("token={}", &token[1..]),
            format!("token={token}0"),
            "token=0123456789abcdef0123456789abcdee".to_string(),
            format!("token={token}&token={token}"),
        ] {
            assert_eq!(
                form(body.as_bytes(), token).unwrap_err().status,
                403,
                "{body}"
            );
        }
    }

    #[test]
    fn action_paths() {
        assert!(is_action("/__loa/action/check"));
        assert!(is_action("/__loa/action/check?x"));
        assert!(!is_action("/__loa/actions"));
        assert_eq!(action_name("/__loa/action/new-page?x=1"), "new-page");
    }
}
