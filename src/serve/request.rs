//! Reading the head of an HTTP/1.x request (request line and headers) with
//! limits, so a client cannot make the preview hold megabytes per
//! connection: a request line over [`MAX_LINE`] bytes is refused with 414,
//! headers over [`MAX_HEADERS`] bytes or [`MAX_HEADER_COUNT`] lines with
//! 431. The preview only answers GET and HEAD, so bodies are never read.

use std::io::{BufRead, Read};

/// The longest request line read.
pub const MAX_LINE: usize = 8 * 1024;
/// The most bytes of headers read.
pub const MAX_HEADERS: usize = 32 * 1024;
/// The most header lines read.
pub const MAX_HEADER_COUNT: usize = 100;

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
}

/// Why a head was not read: the status to answer with and a plain reason,
/// or `None` for a connection closed or timed out before a full head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// HTTP status.
    pub status: u16,
    /// A short plain explanation.
    pub reason: &'static str,
}

const fn refused(status: u16, reason: &'static str) -> Option<Refused> {
    Some(Refused { status, reason })
}

/// Reads a request head. `Err(None)`: the client went away or was too slow.
pub fn read_head(reader: &mut impl BufRead) -> Result<Head, Option<Refused>> {
    let line = match read_line(reader, MAX_LINE)? {
        Line::Full(line) => line,
        Line::TooLong => return Err(refused(414, "The request line is too long.")),
    };
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(refused(400, "The request line is malformed."));
    };
    if !matches!(version, "HTTP/1.1" | "HTTP/1.0") {
        return Err(refused(505, "Only HTTP/1.0 and HTTP/1.1 are spoken here."));
    }
    if method.is_empty() || target.is_empty() {
        return Err(refused(400, "The request line is malformed."));
    }
    let mut headers = Vec::new();
    let mut budget = MAX_HEADERS;
    loop {
        let line = match read_line(reader, budget)? {
            Line::Full(line) => line,
            Line::TooLong => return Err(refused(431, "The request headers are too large.")),
        };
        budget = budget.saturating_sub(line.len() + 2);
        if line.is_empty() {
            break;
        }
        if headers.len() == MAX_HEADER_COUNT {
            return Err(refused(431, "The request has too many headers."));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(refused(400, "A request header is malformed."));
        };
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(refused(400, "A request header is malformed."));
        }
        headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
    }
    Ok(Head {
        method: method.to_string(),
        target: target.to_string(),
        version: version.to_string(),
        headers,
    })
}

enum Line {
    Full(String),
    TooLong,
}

/// One line without its CRLF (a bare LF is accepted), at most `limit` bytes
/// before the line break.
fn read_line(reader: &mut impl BufRead, limit: usize) -> Result<Line, Option<Refused>> {
    let mut line = Vec::new();
    let mut limited = reader.by_ref().take(limit as u64 + 2);
    match limited.read_until(b'\n', &mut line) {
        Ok(_) => {}
        Err(_) => return Err(None),
    }
    if line.last() != Some(&b'\n') {
        return if line.len() >= limit + 2 {
            Ok(Line::TooLong)
        } else {
            Err(None)
        };
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    if line.len() > limit {
        return Ok(Line::TooLong);
    }
    match String::from_utf8(line) {
        Ok(text) if !text.contains(['\r', '\0']) => Ok(Line::Full(text)),
        _ => Err(refused(400, "The request head is not valid text.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &[u8]) -> Result<Head, Option<Refused>> {
        read_head(&mut std::io::BufReader::new(raw))
    }

    fn status(raw: &[u8]) -> u16 {
        read(raw).unwrap_err().unwrap().status
    }

    #[test]
    fn a_plain_request_is_read() {
        let head =
            read(b"GET /quan-a/?x=1 HTTP/1.1\r\nHost: localhost:4000\r\nX-A:  b \r\n\r\n").unwrap();
        assert_eq!(head.method, "GET");
        assert_eq!(head.target, "/quan-a/?x=1");
        assert_eq!(head.all("host").collect::<Vec<_>>(), ["localhost:4000"]);
        assert_eq!(head.all("x-a").collect::<Vec<_>>(), ["b"]);
    }

    #[test]
    fn oversized_heads_are_refused_without_reading_them_whole() {
        let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_LINE));
        assert_eq!(status(long_line.as_bytes()), 414);
        let big = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(10 << 20));
        assert_eq!(status(big.as_bytes()), 431);
        let many: String = (0..=MAX_HEADER_COUNT)
            .map(|i| format!("X-{i}: 1\r\n"))
            .collect();
        assert_eq!(
            status(format!("GET / HTTP/1.1\r\n{many}\r\n").as_bytes()),
            431
        );
        let spread: String = (0..40)
            .map(|i| format!("X-{i}: {}\r\n", "a".repeat(1000)))
            .collect();
        assert_eq!(
            status(format!("GET / HTTP/1.1\r\n{spread}\r\n").as_bytes()),
            431
        );
        let fits: String = (0..MAX_HEADER_COUNT)
            .map(|i| format!("X-{i}: 1\r\n"))
            .collect();
        assert!(read(format!("GET / HTTP/1.1\r\n{fits}\r\n").as_bytes()).is_ok());
    }

    #[test]
    fn malformed_and_cut_heads() {
        assert_eq!(status(b"GET /\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/2.0\r\n\r\n"), 505);
        assert_eq!(status(b"GET / HTTP/1.1\r\nno colon\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/1.1\r\nHost : x\r\n\r\n"), 400);
        assert_eq!(read(b"GET / HTTP/1.1\r\nHost: x\r\n"), Err(None));
        assert_eq!(read(b""), Err(None));
    }
}
