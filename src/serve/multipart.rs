//! A `multipart/form-data` body (RFC 7578), for the one desk form that
//! sends a file: a picture chosen in the editor. Only what a browser sends
//! is read: parts split by the boundary, each with a `Content-Disposition:
//! form-data; name="…"` and, for a file, `filename="…"`. Anything else is
//! refused, not guessed at. Written here because the maintained crates
//! (`multer`) read a body as an async stream, while the preview's server
//! reads one whole, bounded body on a plain thread.

/// A part of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The field's name.
    pub name: String,
    /// The file's name on her computer, for a file.
    pub filename: Option<String>,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The boundary of a `Content-Type: multipart/form-data; boundary=…`.
pub fn boundary(content_type: &str) -> Option<String> {
    let mut parts = content_type.split(';');
    let kind = parts.next()?.trim();
    if !kind.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    parts.find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_string())
            .filter(|b| !b.is_empty() && b.len() <= 70)
    })
}

/// The parts of `body`, or `None` when it is not a well-formed body.
pub fn parse(body: &[u8], boundary: &str) -> Option<Vec<Part>> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut rest = body.strip_prefix(delimiter)?;
    let mut parts = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Some(parts);
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let end = find(rest, &[b"\r\n", delimiter].concat())?;
        let part = &rest[..end];
        rest = &rest[end + 2 + delimiter.len()..];
        let split = find(part, b"\r\n\r\n")?;
        let head = std::str::from_utf8(&part[..split]).ok()?;
        let disposition = head.split("\r\n").find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("content-disposition")
                .then_some(v.trim())
        })?;
        let mut fields = disposition.split(';').map(str::trim);
        if !fields.next()?.eq_ignore_ascii_case("form-data") {
            return None;
        }
        let mut name = None;
        let mut filename = None;
        for field in fields {
            let (k, v) = field.split_once('=')?;
            let v = v.trim().strip_prefix('"')?.strip_suffix('"')?.to_string();
            match k.trim() {
                "name" => name = Some(v),
                "filename" => filename = Some(v),
                _ => {}
            }
        }
        parts.push(Part {
            name: name?,
            filename,
            bytes: part[split + 4..].to_vec(),
        });
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_s_body_is_read() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name=\"picture\"; filename=\"\xe1\xba\xa2nh 1.JPG\"\r\nContent-Type: image/jpeg\r\n\r\n\x00\r\n--\xff\r\n--XyZ--\r\n";
        let parts = parse(body, "XyZ").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "token");
        assert_eq!(parts[0].bytes, b"abc");
        assert_eq!(parts[1].filename.as_deref(), Some("Ảnh 1.JPG"));
        assert_eq!(parts[1].bytes, b"\x00\r\n--\xff");
        assert_eq!(
            boundary("multipart/form-data; boundary=XyZ").as_deref(),
            Some("XyZ")
        );
        assert_eq!(boundary("text/plain; boundary=XyZ"), None);
    }

    #[test]
    fn broken_bodies_are_refused() {
        for body in [
            &b""[..],
            b"--XyZ\r\nno head\r\n--XyZ--",
            b"--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--",
            b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nnever closed",
            b"--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",
        ] {
            assert_eq!(
                parse(body, "XyZ"),
                None,
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
    }
}
