//! The grammar of every value that a district file sends somewhere: the
//! parts of a deploy target (bucket, folder), the region and endpoint that
//! become host names, URLs and signatures, and the text written into host
//! files (`.htaccess`, `_headers`, the nginx snippet). District files come
//! from ward staff while the operator deploys with the city's credentials,
//! so each value is held to a whitelist, never to a list of bad characters.
//! Also the folder a `file://` target names. Pure: no I/O.

use std::path::PathBuf;

use crate::i18n::Msg;
use crate::msg;

/// The longest region name accepted.
pub const MAX_REGION: usize = 32;

/// What is wrong with a region name (`ap-southeast-1`, `hn-1`): 1 to 32
/// lowercase letters, digits and hyphens. It becomes part of a host name
/// and of every request's signature.
pub fn region_problem(region: &str) -> Option<Msg> {
    let ok = (1..=MAX_REGION).contains(&region.len())
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    (!ok).then(|| msg!("place-region", region = region, limit = MAX_REGION))
}

/// What is wrong with a bucket (S3, Google Cloud Storage) or container
/// (Azure) name: 3 to 63 lowercase letters, digits, `-`, `.` and `_`,
/// starting and ending with a letter or digit, no `..`, not written like
/// an IP address (S3 and Google Cloud Storage refuse `192.168.5.4`). It
/// becomes part of a host name or a URL.
pub fn bucket_problem(bucket: &str) -> Option<Msg> {
    let bytes = bucket.as_bytes();
    let edge = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let ok = (3..=63).contains(&bytes.len())
        && bytes.iter().all(|&b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'_')
        })
        && edge(bytes.first())
        && edge(bytes.last())
        && !bucket.contains("..")
        && bucket.parse::<std::net::Ipv4Addr>().is_err();
    (!ok).then(|| msg!("place-bucket", bucket = bucket))
}

/// What is wrong with an Azure container name, which Azure holds to a
/// narrower grammar than buckets: 3 to 63 lowercase letters, digits and
/// single `-`, starting and ending with a letter or digit (no `.` or `_`,
/// which Azure would refuse only when the deploy is under way).
pub fn container_problem(container: &str) -> Option<Msg> {
    let bytes = container.as_bytes();
    let edge = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let ok = (3..=63).contains(&bytes.len())
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && edge(bytes.first())
        && edge(bytes.last())
        && !container.contains("--");
    (!ok).then(|| msg!("place-container", container = container))
}

/// What is wrong with the folder part of an object store target
/// (`ba-dinh/site`): steps of letters, digits, `-`, `_`, `.` and `~`, none
/// of them `.` or `..`.
pub fn prefix_problem(prefix: &str) -> Option<Msg> {
    let bad = prefix.trim_end_matches('/').split('/').any(|step| {
        step.is_empty()
            || step == "."
            || step == ".."
            || !step
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
    });
    (!prefix.is_empty() && bad).then(|| msg!("place-prefix", prefix = prefix))
}

/// An endpoint (`https://s3.example.vn`, `http://127.0.0.1:9000/`): a web
/// address with a host, no user or password, query or fragment, and a path
/// of plain characters only. The host requests go to is the host written
/// right after `://` (not `path` for `https:///path`, nor `127.0.0.1` for
/// `http://0x7f.1`). Returns its host and port (the port its scheme
/// implies when none is written), or what is wrong.
pub fn endpoint_host(endpoint: &str) -> Result<(String, u16), Msg> {
    let plain = endpoint
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'/' | b'.' | b'-' | b'_' | b'~'));
    let problem = || msg!("place-endpoint", endpoint = endpoint);
    if !plain || !(endpoint.starts_with("https://") || endpoint.starts_with("http://")) {
        return Err(problem());
    }
    let url = url::Url::parse(endpoint).map_err(|_| problem())?;
    let written = endpoint.split_once("://").map_or("", |(_, rest)| rest);
    match (url.host_str(), url.port_or_known_default()) {
        (Some(host), Some(port))
            if written
                .get(..host.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(host))
                && url.username().is_empty()
                && url.password().is_none()
                && url.query().is_none()
                && url.fragment().is_none() =>
        {
            Ok((host.to_ascii_lowercase(), port))
        }
        _ => Err(problem()),
    }
}

/// Is `host` (lowercase) `domain` or a name under it?
pub fn under_domain(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// Can `value` be written into a host file (`.htaccess`, `_headers`, the
/// nginx snippet) as it is: letters, digits, `/`, `-`, `_`, `.`, `~`, `:`
/// and `%` followed by two hex digits. No quote, space, `#`, `$`, `{`,
/// `%{…}`, line break or other character that a server reads as its own
/// syntax.
pub fn host_file_safe(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~' | b':')) {
            return false;
        }
        i += 1;
    }
    true
}

/// The folder a `file://` target names. On Windows, `file:///C:/inetpub/`
/// names `C:/inetpub/` (the drive follows the third slash), which taken
/// as it is would be a folder `C:` at the top of the current drive.
pub fn local_path(rest: &str, windows: bool) -> PathBuf {
    let bytes = rest.as_bytes();
    let drive = bytes.len() >= 3
        && bytes[0] == b'/'
        && bytes[1].is_ascii_alphabetic()
        && bytes[2] == b':'
        && (bytes.len() == 3 || bytes[3] == b'/');
    if windows && drive {
        PathBuf::from(&rest[1..])
    } else {
        PathBuf::from(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions() {
        for ok in ["us-east-1", "hn-1", "auto", "a"] {
            assert_eq!(region_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "x@evil.example/",
            "evil.example",
            "us-east-1.evil",
            "US-EAST-1",
            "a b",
            "a/b",
            "a:1",
            "a%2f",
            "ạ",
            &"a".repeat(33),
        ] {
            assert!(region_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn azure_containers() {
        for ok in ["sites", "ward-sites-2", "abc", &"a".repeat(63)] {
            assert_eq!(container_problem(ok), None, "{ok}");
        }
        for bad in [
            "ab",
            &"a".repeat(64),
            "a.b.c",
            "a_b",
            "a--b",
            "-ab",
            "ab-",
            "Sites",
            "x@evil.example",
            "sítes",
        ] {
            assert!(container_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn buckets_and_prefixes() {
        for ok in ["ward-sites", "sites", "a.b_c-1"] {
            assert_eq!(bucket_problem(ok), None, "{ok}");
        }
        for bad in [
            "ab",
            "Sites",
            "x@evil.example",
            "a..b",
            "-ab",
            "ab-",
            "a:b",
            "a%2e",
            "192.168.5.4",
            "127.0.0.1",
        ] {
            assert!(bucket_problem(bad).is_some(), "{bad}");
        }
        for ok in ["", "ba-dinh", "ba-dinh/", "a/b.c/d_e~f"] {
            assert_eq!(prefix_problem(ok), None, "{ok}");
        }
        for bad in [
            "a//b", "a/../b", ".", "a b", "a?b", "a%2fb", "ạ", "a\\b", "a@b",
        ] {
            assert!(prefix_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn endpoints() {
        assert_eq!(
            endpoint_host("https://S3.example.vn"),
            Ok(("s3.example.vn".into(), 443))
        );
        assert_eq!(
            endpoint_host("http://127.0.0.1:9000/"),
            Ok(("127.0.0.1".into(), 9000))
        );
        for bad in [
            "https://s3.example.vn@evil.example/",
            "https://user:pass@s3.example.vn/",
            "https://s3.example.vn/?x",
            "https://s3.example.vn/#x",
            "https://s3.example.vn/%2e",
            "https://s3.example.vn\\@evil.example/",
            "ftp://s3.example.vn/",
            "https://",
            "https://s3.example.vn/ a",
            "https:///path",
            "https:////s3.example.vn/",
            "http://0x7f.1:9000/",
            "http://2130706433/",
            "http://127.1/",
        ] {
            assert!(endpoint_host(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn domains() {
        assert!(under_domain("s3.us-east-1.amazonaws.com", "amazonaws.com"));
        assert!(under_domain("amazonaws.com", "amazonaws.com"));
        assert!(!under_domain("evilamazonaws.com", "amazonaws.com"));
        assert!(!under_domain("amazonaws.com.evil.example", "amazonaws.com"));
    }

    #[test]
    fn host_file_values() {
        for ok in [
            "/",
            "/ba-dinh/404.html",
            "/t%C3%A0i/",
            "https://x.example/a_b~c/",
        ] {
            assert!(host_file_safe(ok), "{ok}");
        }
        for bad in [
            "/%{/",
            "/%{HTTP_HOST}/",
            "/%zz/",
            "/%4",
            "/a b/",
            "/a\"b/",
            "/a'b/",
            "/a#b/",
            "/a$b/",
            "/a{b/",
            "/a\nb/",
            "/a;b/",
            "/à/",
        ] {
            assert!(!host_file_safe(bad), "{bad:?}");
        }
    }
}
