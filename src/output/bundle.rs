//! One district's site as a single deterministic zip, for drag-and-drop
//! hosts and for handing a ward its site on a USB stick: entries sorted by
//! path, every timestamp 1980-01-01 00:00, the same permissions, so the same
//! site gives the same bytes. With its SHA-256 in `sha256sum` format.

use std::io::{Cursor, Write};

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Zips `files` (path relative to the site, bytes). Paths are sorted here,
/// whatever order they come in.
pub fn zip<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> std::io::Result<Vec<u8>> {
    let mut files: Vec<(&str, &[u8])> = files.into_iter().collect();
    files.sort_by(|a, b| a.0.cmp(b.0));
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (path, bytes) in files {
        let options = SimpleFileOptions::default()
            .compression_method(if compresses(path) {
                CompressionMethod::Deflated
            } else {
                CompressionMethod::Stored
            })
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        writer
            .start_file(path, options)
            .map_err(std::io::Error::other)?;
        writer.write_all(bytes)?;
    }
    let cursor = writer.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}

/// Pictures, audio, video and PDF are compressed already.
fn compresses(path: &str) -> bool {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    !matches!(
        ext.to_ascii_lowercase().as_str(),
        "png"
            | "jpg"
            | "jpeg"
            | "gif"
            | "webp"
            | "avif"
            | "mp3"
            | "mp4"
            | "m4a"
            | "ogg"
            | "webm"
            | "zip"
            | "pdf"
            | "woff2"
    )
}

/// The SHA-256 of `bytes` in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The line `sha256sum -c` reads: `<hex>  <name>`.
pub fn checksum_line(name: &str, bytes: &[u8]) -> String {
    format!("{}  {name}\n", sha256_hex(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_files_in_any_order_give_the_same_zip() {
        let a = zip([("index.html", &b"<p>x</p>"[..]), ("en/index.html", b"y")]).unwrap();
        let b = zip([("en/index.html", &b"y"[..]), ("index.html", b"<p>x</p>")]).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, zip([("index.html", &b"<p>z</p>"[..])]).unwrap());
        assert_eq!(&a[..2], b"PK");
    }

    #[test]
    fn checksum_format() {
        assert_eq!(
            checksum_line("a.zip", b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.zip\n"
        );
    }
}
