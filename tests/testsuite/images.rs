//! Pictures made safe and light, over the `images/news` fixture: a phone
//! photo (`anh-tap-huan.jpg`, made for these tests: plain shapes, with GPS
//! position, camera serial, time, XMP, IPTC, a comment, an EXIF thumbnail
//! and "rotate 90°" orientation) and a transparent PNG drawing. Every
//! published picture is read back with independent readers (kamadak-exif,
//! and Debian's `exiftool` where it is installed; CI installs it).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// Every picture file under `dir`.
fn pictures(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in walkdir(dir) {
        let ext = entry
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if ["jpg", "jpeg", "png", "webp", "gif", "avif"].contains(&ext.as_str()) {
            out.push(entry);
        }
    }
    out.sort();
    out
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Words of the fixture's metadata that must never be published.
const SECRETS: &[&str] = &[
    "LoaTestCam",
    "SN-0042-SECRET",
    "Nguyen Van Test",
    "Fixture Photographer",
    "taken at the shelter",
    "Exif\0\0",
    "http://ns.adobe.com/xap",
    "Photoshop 3.0",
];

fn assert_no_metadata(out: &Path) {
    let files = pictures(out);
    assert!(files.len() > 10, "{files:?}");
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        for secret in SECRETS {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{} holds `{secret}`",
                file.display()
            );
        }
        // An independent EXIF reader finds nothing.
        let exif = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&bytes));
        assert!(
            exif.is_err(),
            "{} has EXIF: {:?}",
            file.display(),
            exif.map(|e| e.fields().count())
        );
    }
}

#[test]
fn every_published_picture_has_no_metadata_and_is_turned_upright() {
    let c = Campaign::fixture("images", "news");
    c.build();
    assert_no_metadata(&c.out());

    // The photo was stored 2000 × 1000 with "rotate 90°": it is published
    // upright, 1000 × 2000, and the red block stored top-left is now
    // top-right.
    let html = c.html("quan-a/news/tap-huan/index.html");
    let src = attrs(&html, ".prose picture img", "src");
    let photo = c.out().join("quan-a/news/tap-huan").join(&src[0]);
    let image = image::open(&photo).unwrap().to_rgb8();
    assert_eq!(image.dimensions(), (960, 1920), "{}", photo.display());
    let top_right = image.get_pixel(950, 10);
    assert!(
        top_right[0] > 180 && top_right[1] < 80,
        "not turned: {top_right:?}"
    );
    let top_left = image.get_pixel(10, 10);
    assert!(top_left[0] < 100, "not turned: {top_left:?}");
}

#[test]
fn pictures_are_resized_with_srcset_sizes_and_dimensions() {
    let c = Campaign::fixture("images", "news");
    c.build();
    let page = "quan-a/news/tap-huan/index.html";
    let html = c.html(page);
    let dir = c.out().join("quan-a/news/tap-huan");
    let webp = attrs(
        &html,
        ".prose picture source[type=\"image/webp\"]",
        "srcset",
    );
    let fallback = attrs(&html, ".prose picture img", "srcset");
    assert_eq!(webp.len(), 2, "two pictures: {webp:?}");
    let check = |srcset: &str, ext: &str, height_ratio: f64| {
        let mut widths = Vec::new();
        for candidate in srcset.split(", ") {
            let (url, w) = candidate.split_once(' ').unwrap();
            let w: u32 = w.strip_suffix('w').unwrap().parse().unwrap();
            assert!(url.ends_with(ext), "{url}");
            assert!(!url.starts_with('/'), "relative: {url}");
            let (iw, ih) = image::image_dimensions(dir.join(url)).unwrap();
            assert_eq!(iw, w, "{url}");
            assert_eq!(ih, (f64::from(w) * height_ratio) as u32, "{url}");
            widths.push(w);
        }
        widths
    };
    // Never upscaled: the photo is 1000 px wide, the drawing 600.
    assert_eq!(check(&webp[0], ".webp", 2.0), [480, 960, 1000]);
    assert_eq!(check(&fallback[0], ".jpg", 2.0), [480, 960, 1000]);
    assert_eq!(check(&webp[1], ".webp", 0.5), [480, 600]);
    // Transparent: the fallback stays PNG.
    assert_eq!(check(&fallback[1], ".png", 0.5), [480, 600]);
    assert_eq!(attrs(&html, ".prose picture img", "width"), ["960", "480"]);
    assert_eq!(
        attrs(&html, ".prose picture img", "height"),
        ["1920", "240"]
    );
    // The photo after the one-sentence lead is the lead picture.
    assert_eq!(
        attrs(&html, ".prose picture img", "loading"),
        ["eager", "lazy"]
    );
    for sizes in attrs(&html, ".prose picture img, .prose picture source", "sizes") {
        assert_eq!(sizes, "(min-width: 46rem) 44rem, 100vw");
    }
    assert_eq!(
        attrs(&html, ".prose picture img", "alt"),
        ["Hình tròn vàng trên nền xanh", "Sơ đồ hai hình"]
    );
    // The photo is linked as a download, so its whole (cleaned) original
    // is published; the drawing is not.
    assert!(c.out().join("quan-a/news/anh-tap-huan.jpg").is_file());
    assert!(!c.out().join("quan-a/news/so-do.png").exists());
    let (w, h) = image::image_dimensions(c.out().join("quan-a/news/anh-tap-huan.jpg")).unwrap();
    assert_eq!((w, h), (1000, 2000));
    assert!(
        broken_links(&c.out()).is_empty(),
        "{:?}",
        broken_links(&c.out())
    );
}

/// The lead picture (first in the body, after at most a short lead
/// paragraph) is loaded at once and first; every other picture is lazy,
/// and so is a first picture further down the page.
#[test]
fn only_the_lead_picture_is_loaded_at_once() {
    let c = Campaign::fixture("images", "news");
    let words = "Buổi tập huấn diễn ra sáng thứ Bảy ở nhà văn hóa phường. ".repeat(4);
    c.write(
        "content/news/bai-dai.md",
        format!(
            "---\ntitle: \"Bài dài\"\ndate: 2026-03-09\n---\n{words}\n\n![Sơ đồ hai hình](so-do.png)\n"
        ),
    );
    c.write(
        "content/news/anh-dau.md",
        "---\ntitle: \"Ảnh đầu\"\ndate: 2026-03-10\n---\n## Ảnh\n\n![Sơ đồ hai hình](so-do.png)\n\nChữ sau ảnh.\n",
    );
    c.build();
    let loading = |page: &str| {
        let html = c.html(page);
        html.select(&sel("main img"))
            .map(|i| {
                let v = i.value();
                (
                    v.attr("loading").unwrap_or("").to_string(),
                    v.attr("fetchpriority").unwrap_or("").to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let pair = |l: &str, f: &str| (l.to_string(), f.to_string());
    assert_eq!(
        loading("quan-a/news/tap-huan/index.html"),
        [pair("eager", "high"), pair("lazy", "")]
    );
    assert_eq!(
        loading("quan-a/en/news/tap-huan/index.html"),
        [pair("eager", "high")]
    );
    assert_eq!(
        loading("quan-a/news/anh-dau/index.html"),
        [pair("eager", "high")]
    );
    assert_eq!(
        loading("quan-a/news/bai-dai/index.html"),
        [pair("lazy", "")]
    );
}

#[test]
fn a_second_build_does_no_picture_work() {
    let c = Campaign::fixture("images", "news");
    let first = c.build();
    assert!(
        first
            .stdout
            .contains("Pictures: 2 processed, 0 from the cache"),
        "{}",
        first.stdout
    );
    let before = snapshot_tree(&c.out());
    let second = c.build();
    assert!(
        second
            .stdout
            .contains("Pictures: 0 processed, 2 from the cache"),
        "{}",
        second.stdout
    );
    assert!(snapshot_tree(&c.out()) == before, "the output changed");
    // The cache lives in the campaign, outside content/ and the output.
    assert!(c.root().join(".loa-cache/images").is_dir());
}

/// A cache entry is never trusted: one holding a picture with metadata (as
/// a hostile or broken cache could) is made again.
#[test]
fn a_hostile_cache_entry_cannot_bring_metadata_back() {
    let c = Campaign::fixture("images", "news");
    c.build();
    let original = std::fs::read(c.root().join("content/news/anh-tap-huan.jpg")).unwrap();
    let mut replaced = 0;
    for file in pictures(&c.root().join(".loa-cache")) {
        if file.extension().is_some_and(|e| e == "jpg") {
            std::fs::write(&file, &original).unwrap();
            replaced += 1;
        }
    }
    assert!(replaced >= 4, "{replaced}");
    let run = c.build();
    assert!(
        run.stdout
            .contains("Pictures: 1 processed, 1 from the cache"),
        "{}",
        run.stdout
    );
    assert_no_metadata(&c.out());
}

/// Debian's exiftool reads every metadata format there is; CI installs it
/// (`libimage-exiftool-perl`) and runs this test explicitly.
#[test]
#[ignore = "needs exiftool (apt-get install libimage-exiftool-perl); .ci/run runs it with --ignored"]
fn exiftool_finds_no_metadata_in_any_published_picture() {
    assert!(
        Command::new("exiftool").arg("-ver").output().is_ok(),
        "exiftool is required here: apt-get install libimage-exiftool-perl"
    );
    let c = Campaign::fixture("images", "news");
    c.build();
    // The fixture really has all of it.
    let source = exiftool(&[c.root().join("content/news/anh-tap-huan.jpg")]);
    let groups = |v: &serde_json::Value| -> Vec<String> {
        let mut g: Vec<String> = v
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.split(':').next().unwrap().to_string())
            .collect();
        g.sort();
        g.dedup();
        g
    };
    for group in ["GPS", "IFD0", "ExifIFD", "IFD1", "IPTC", "XMP-dc"] {
        assert!(groups(&source[0]).contains(&group.to_string()), "{group}");
    }
    let files = pictures(&c.out());
    let report = exiftool(&files);
    assert_eq!(report.as_array().unwrap().len(), files.len());
    for file in report.as_array().unwrap() {
        let found = groups(file);
        let extra: Vec<&String> = found
            .iter()
            .filter(|g| {
                ![
                    "SourceFile",
                    "ExifTool",
                    "System",
                    "File",
                    "Composite",
                    "JFIF",
                    "PNG",
                    "RIFF",
                ]
                .contains(&g.as_str())
            })
            .collect();
        assert!(extra.is_empty(), "{}: {extra:?}", file["SourceFile"]);
        assert!(file.get("File:Comment").is_none(), "{}", file["SourceFile"]);
    }
}

fn exiftool(files: &[PathBuf]) -> serde_json::Value {
    let out = Command::new("exiftool")
        .args(["-j", "-a", "-G1", "-q"])
        .args(files)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// AVIF cannot be cleaned (no AVIF decoder builds with Rust alone), so it
/// is never published; the warning names the page and line and says what
/// to do with the picture.
#[test]
fn an_avif_picture_is_left_out_with_what_to_do() {
    let c = Campaign::fixture("images", "news");
    // Only the name matters: loa does not read AVIF at all.
    c.write("content/news/anh.avif", "not really a picture");
    c.write(
        "content/news/avif.md",
        "---\ntitle: \"Ảnh AVIF\"\ndate: 2026-03-11\n---\n\n![Một bức ảnh](anh.avif)\n",
    );
    let run = c.loa(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let avif: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "image/unreadable")
        .collect();
    assert_eq!(avif.len(), 1, "{report}");
    assert_eq!(avif[0]["file"], "content/news/avif.md");
    assert_eq!(avif[0]["line"], 6);
    let message = avif[0]["message"].as_str().unwrap();
    assert!(message.contains("cannot read AVIF"), "{message}");
    let help = avif[0]["help"].as_str().unwrap();
    assert!(
        help.contains("export it as JPEG (a photo) or PNG"),
        "{help}"
    );
    c.build();
    assert!(!c.out().join("quan-a/news/anh.avif").exists());
    // No broken picture in its place: its description stays as text.
    let html = c.html("quan-a/news/avif/index.html");
    assert!(attrs(&html, "main img", "src").is_empty());
    assert!(texts(&html, "main .prose").concat().contains("Một bức ảnh"));
    assert_eq!(broken_links(&c.out()), Vec::<String>::new());
}
