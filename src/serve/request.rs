//! The head of a request as the preview judges it (method, target, headers
//! as text), taken from what hyper parsed, with the preview's own limits:
//! hyper refuses a head over [`MAX_HEAD`] bytes or [`MAX_HEADER_COUNT`]
//! headers with 431 before any of it reaches the preview; here a target
//! over [`MAX_TARGET`] bytes is refused with 414, headers over
//! [`MAX_HEADERS`] bytes with 431, and a head that is not text with 400.

use hyper::http::request::Parts;

/// The longest request target answered.
pub const MAX_TARGET: usize = 8 * 1024;
/// The most bytes of headers answered.
pub const MAX_HEADERS: usize = 32 * 1024;
/// The most header lines read (hyper's limit).
pub const MAX_HEADER_COUNT: usize = 100;
/// The most bytes of a whole head (request line and headers) hyper reads
/// before it answers 431.
pub const MAX_HEAD: usize = MAX_TARGET + MAX_HEADERS + 64;

/// The head of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// The request target as sent (`/quan-a/?x=1`).
    pub target: String,
    /// `HTTP/1.1` or `HTTP/1.0`.
    pub version: String,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// The values of a header.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The head of a request hyper has read, within the limits above.
    pub fn of(parts: &Parts) -> Result<Head, Refused> {
        let target = parts.uri.to_string();
        if target.len() > MAX_TARGET {
            return Err(Refused {
                status: 414,
                reason: "The request line is too long.",
            });
        }
        let bytes: usize = parts
            .headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len() + 4)
            .sum();
        if bytes > MAX_HEADERS {
            return Err(Refused {
                status: 431,
                reason: "The request headers are too large.",
            });
        }
        let mut headers = Vec::with_capacity(parts.headers.len());
        for (name, value) in &parts.headers {
            let Ok(value) = std::str::from_utf8(value.as_bytes()) else {
                return Err(Refused {
                    status: 400,
                    reason: "The request head is not valid text.",
                });
            };
            headers.push((name.as_str().to_string(), value.trim().to_string()));
        }
        Ok(Head {
            method: parts.method.as_str().to_string(),
            target,
            version: format!("{:?}", parts.version),
            headers,
        })
    }
}

/// Why a head is not answered: the status and a plain reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// HTTP status.
    pub status: u16,
    /// A short plain explanation.
    pub reason: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(target: &str, headers: &[(&str, &[u8])]) -> Parts {
        let mut request = hyper::Request::builder().uri(target);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.body(()).unwrap().into_parts().0
    }

    #[test]
    fn a_plain_request_is_read() {
        let head = Head::of(&parts(
            "/quan-a/?x=1",
            &[("Host", b"localhost:4000"), ("X-A", b" b ")],
        ))
        .unwrap();
        assert_eq!(head.method, "GET");
        assert_eq!(head.target, "/quan-a/?x=1");
        assert_eq!(head.version, "HTTP/1.1");
        assert_eq!(head.all("host").collect::<Vec<_>>(), ["localhost:4000"]);
        assert_eq!(head.all("x-a").collect::<Vec<_>>(), ["b"]);
        // Vietnamese in a header is text.
        let head = Head::of(&parts("/", &[("x-title", "Gọi 111".as_bytes())])).unwrap();
        assert_eq!(head.all("x-title").next(), Some("Gọi 111"));
    }

    #[test]
    fn long_targets_large_headers_and_bytes_that_are_not_text_are_refused() {
        let status = |p: Parts| Head::of(&p).unwrap_err().status;
        let long = format!("/{}", "a".repeat(MAX_TARGET));
        assert_eq!(status(parts(&long, &[])), 414);
        assert!(Head::of(&parts(&long[..MAX_TARGET], &[])).is_ok());
        let big = "a".repeat(1000);
        let spread: Vec<(String, &[u8])> = (0..40)
            .map(|i| (format!("x-{i}"), big.as_bytes()))
            .collect();
        let spread: Vec<(&str, &[u8])> = spread.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        assert_eq!(status(parts("/", &spread)), 431);
        assert!(Head::of(&parts("/", &spread[..30])).is_ok());
        assert_eq!(status(parts("/", &[("x", b"\xff\xfe")])), 400);
    }
}
