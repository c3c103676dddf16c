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
    assert_eq!(avif[0]["severity"], "error");
    // The page would lose its picture: the build refuses, at the line.
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/news/avif.md:6: error[image/unreadable]"),
        "{}",
        run.stderr
    );
    assert!(!c.out().exists());
}

/// The findings of `loa check` with a code, as (file, message, help).
fn findings(c: &Campaign, code: &str) -> Vec<(String, String, String)> {
    let run = c.loa(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (text("file"), text("message"), text("help"))
        })
        .collect()
}

/// Pictures of every format a browser shows or a phone makes, as their
/// first bytes (loa tells them apart by these alone): the fixture's phone
/// photo, with its GPS position, and pictures made here.
fn pictures_in_disguise(photo: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let drawing = image::DynamicImage::ImageRgb8(image::RgbImage::new(16, 16));
    let encoded = |format| {
        let mut out = Vec::new();
        drawing
            .write_to(&mut std::io::Cursor::new(&mut out), format)
            .unwrap();
        out
    };
    let png = encoded(image::ImageFormat::Png);
    // An ICO directory with one entry holding that PNG.
    let mut ico = vec![0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0];
    ico.extend_from_slice(&(png.len() as u32).to_le_bytes());
    ico.extend_from_slice(&22u32.to_le_bytes());
    ico.extend_from_slice(&png);
    let mut cur = ico.clone();
    cur[2] = 2;
    let mut bmp = b"BM".to_vec();
    bmp.extend_from_slice(&[
        0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0, 4, 0, 0, 0,
    ]);
    bmp.resize(70, 0);
    let ftyp = |major: &[u8], compatible: &[u8]| {
        let mut b = ((16 + compatible.len()) as u32).to_be_bytes().to_vec();
        b.extend_from_slice(b"ftyp");
        b.extend_from_slice(major);
        b.extend_from_slice(&[0, 0, 0, 0]);
        b.extend_from_slice(compatible);
        b.extend_from_slice(&[0; 40]);
        b
    };
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    tiff.extend_from_slice(&[0; 40]);
    vec![
        ("anh.pdf", photo.to_vec()),
        ("anh.txt", photo.to_vec()),
        ("anh.docx", photo.to_vec()),
        ("anh.mp4", photo.to_vec()),
        ("anh.vtt", photo.to_vec()),
        ("ve.csv", png.clone()),
        ("ve.pdf", png),
        ("ve.odt", encoded(image::ImageFormat::Gif)),
        ("ve.mp3", encoded(image::ImageFormat::WebP)),
        ("bieu-tuong.doc", ico),
        ("con-tro.txt", cur),
        ("may-anh.pdf", tiff),
        (
            "tiff-mm.ogg",
            b"MM\0*\0\0\0\x08rest of a raw photo".to_vec(),
        ),
        ("ban-ve.xls", bmp),
        ("iphone.mp4", ftyp(b"heic", b"mif1heic")),
        ("iphone.m4a", ftyp(b"mif1", b"heicmiaf")),
        ("moi.webm", ftyp(b"avif", b"avifmif1miafMA1B")),
        ("moi.ogv", b"\xff\x0a\xfa\x7f\x01\x90\x08rest".to_vec()),
        (
            "moi.wav",
            b"\0\0\0\x0cJXL \r\n\x87\n\0\0\0\x14ftypjxl ".to_vec(),
        ),
    ]
}

/// A picture under a document's, a recording's or a text file's name
/// would be published byte for byte, GPS position and all, and a browser
/// shows it in `<img>` by its bytes: each is refused by name, with what to
/// do, and the build stops.
#[test]
fn a_picture_under_another_name_is_never_published() {
    let c = Campaign::fixture("images", "news");
    let photo = std::fs::read(c.root().join("content/news/anh-tap-huan.jpg")).unwrap();
    let disguised = pictures_in_disguise(&photo);
    for (name, bytes) in &disguised {
        c.write(&format!("content/news/{name}"), bytes);
    }
    let found = findings(&c, "image/unreadable");
    for (name, _) in &disguised {
        let file = format!("content/news/{name}");
        let Some((_, message, help)) = found.iter().find(|(f, _, _)| *f == file) else {
            panic!("{file} was not refused: {found:?}");
        };
        assert!(message.contains("picture named"), "{file}: {message}");
        assert!(
            help.contains("name it `.") || help.contains("export it as JPEG"),
            "{help}"
        );
    }
    assert_eq!(found.len(), disguised.len(), "{found:?}");
    let (_, message, help) = &found.iter().find(|f| f.0.ends_with("anh.pdf")).unwrap();
    assert!(message.contains("JPEG picture named `.pdf`"), "{message}");
    assert!(help.contains("name it `.jpg`"), "{help}");
    let (_, message, _) = &found.iter().find(|f| f.0.ends_with("iphone.mp4")).unwrap();
    assert!(message.contains("HEIC"), "{message}");

    let run = c.loa(&["build"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/news/anh.pdf"),
        "{}",
        run.stderr
    );
    for (name, _) in &disguised {
        assert!(!c.out().join("quan-a/news").join(name).exists(), "{name}");
    }
}

/// Documents, recordings and text files that are not pictures are still
/// published as they are, even when their first bytes look a little like
/// one (a CSV starting with `BM`, an MP4 video, an MP3 with its tag).
#[test]
fn files_that_only_resemble_pictures_are_published() {
    let c = Campaign::fixture("images", "news");
    let mut mp4 = 24u32.to_be_bytes().to_vec();
    mp4.extend_from_slice(b"ftypisom\0\0\x02\0isomiso2avc1mp41\0\0\0\x08free");
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("to-roi.pdf", b"%PDF-1.4\n% to roi\n%%EOF\n".to_vec()),
        ("chi-so.csv", b"BMI,tuoi\n22,30\n".to_vec()),
        ("ghi-chu.txt", b"II bai hoc\n".to_vec()),
        ("video.mp4", mp4),
        (
            "bai-hat.mp3",
            b"ID3\x04\0\0\0\0\0\0\xff\xfb\x90\x64".to_vec(),
        ),
        ("am-thanh.wav", b"RIFF\x24\0\0\0WAVEfmt ".to_vec()),
        (
            "phim.webm",
            b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01".to_vec(),
        ),
    ];
    for (name, bytes) in &files {
        c.write(&format!("content/news/{name}"), bytes);
    }
    assert_eq!(findings(&c, "image/unreadable"), Vec::new());
    c.build();
    for (name, bytes) in &files {
        let published = std::fs::read(c.out().join("quan-a/news").join(name)).unwrap();
        assert_eq!(&published, bytes, "{name}");
    }
}

/// An `.ico` file is published byte for byte by other tools, and a phone
/// photo renamed `.ico` keeps its GPS position: loa never publishes one
/// from `content/` (the site's icon comes from the theme), and says so.
#[test]
fn icon_files_are_not_published_from_content() {
    let c = Campaign::fixture("images", "news");
    let photo = std::fs::read(c.root().join("content/news/anh-tap-huan.jpg")).unwrap();
    let icon = pictures_in_disguise(&photo)
        .into_iter()
        .find(|(name, _)| *name == "bieu-tuong.doc")
        .unwrap()
        .1;
    c.write("content/news/t.ico", &photo);
    c.write("content/news/favicon.ico", &icon);
    c.write("content/districts/quan-a/Logo.ICO", &icon);
    c.write(
        "content/news/anh.md",
        "---\ntitle: \"Ảnh\"\ndate: 2024-03-03\n---\nTin.\n\n![Ảnh](t.ico)\n",
    );
    let found = findings(&c, "content/ignored-file");
    for file in [
        "content/news/t.ico",
        "content/news/favicon.ico",
        "content/districts/quan-a/Logo.ICO",
    ] {
        let Some((_, message, help)) = found.iter().find(|(f, _, _)| f == file) else {
            panic!("{file}: {found:?}");
        };
        assert!(message.contains("does not publish .ico"), "{message}");
        assert!(help.contains("theme"), "{help}");
    }
    // The page that shows it is told its picture is missing, which stops
    // the build: nothing is published.
    let broken = findings(&c, "link/broken");
    assert!(
        broken.iter().any(|(f, _, _)| f == "content/news/anh.md"),
        "{broken:?}"
    );
    assert_eq!(c.loa(&["build"]).code, 1);
    assert!(!c.out().exists());
    // Without the picture in a page, the build goes on and publishes no
    // icon file either.
    c.write(
        "content/news/anh.md",
        "---\ntitle: \"Ảnh\"\ndate: 2024-03-03\n---\nTin.\n",
    );
    c.build();
    let published: Vec<String> = walkdir(&c.out())
        .into_iter()
        .map(|p| p.to_string_lossy().to_lowercase())
        .filter(|p| p.ends_with(".ico"))
        .collect();
    assert_eq!(published, Vec::<String>::new());
}

/// Documents and recordings keep their metadata (loa cannot clean them):
/// each one published gets a warning saying what it may tell and how to
/// remove it; plain text files, which have none, do not.
#[test]
fn documents_and_recordings_are_published_with_a_warning_about_their_metadata() {
    let c = Campaign::fixture("images", "news");
    let documents = [
        ("news/to-roi.pdf", "PDF"),
        ("news/don.docx", "document"),
        ("news/bang.ODS", "document"),
        ("districts/quan-a/slide.pptx", "document"),
        ("news/loi-ke.mp3", "recording"),
        ("news/video.mp4", "recording"),
        ("news/phim.webm", "recording"),
        ("news/ghi-am.m4a", "recording"),
    ];
    for (name, _) in documents {
        c.write(&format!("content/{name}"), "not a picture");
    }
    for plain in ["news/so.csv", "news/doc.txt", "news/phu-de.vtt"] {
        c.write(&format!("content/{plain}"), "1,2\n");
    }
    let found = findings(&c, "asset/metadata");
    for (name, what) in documents {
        let file = format!("content/{name}");
        let Some((_, message, help)) = found.iter().find(|(f, _, _)| *f == file) else {
            panic!("{file}: {found:?}");
        };
        assert!(message.contains(what), "{message}");
        assert!(message.contains("as it is"), "{message}");
        assert!(help.contains("before adding it"), "{help}");
    }
    assert_eq!(found.len(), documents.len(), "{found:?}");
    let (_, _, help) = found.iter().find(|f| f.0.ends_with(".pdf")).unwrap();
    assert!(help.contains("export the PDF again"), "{help}");
    let (_, _, help) = found.iter().find(|f| f.0.ends_with(".mp4")).unwrap();
    assert!(help.contains("exiftool -all="), "{help}");
    // Still published: the warning is what loa can do.
    c.build();
    assert_eq!(c.read("public/quan-a/news/to-roi.pdf"), "not a picture");
    assert_eq!(c.read("public/quan-a/slide.pptx"), "not a picture");
}

/// The red-team reproduction: a phone photo with its GPS position renamed
/// `.ico` (shown in a page), and a picture inside an ICO: no published
/// file tells where a photo was taken.
#[test]
#[ignore = "needs exiftool (apt-get install libimage-exiftool-perl); .ci/run runs it with --ignored"]
fn exiftool_finds_no_gps_in_any_published_file() {
    assert!(
        Command::new("exiftool").arg("-ver").output().is_ok(),
        "exiftool is required here: apt-get install libimage-exiftool-perl"
    );
    let c = Campaign::fixture("images", "news");
    let photo = c.root().join("content/news/anh-tap-huan.jpg");
    // An icon file holding the photo lies in content/ (a page showing it
    // would be a broken picture, an error: see
    // icon_files_are_not_published_from_content).
    std::fs::copy(&photo, c.root().join("content/news/t.ico")).unwrap();
    assert!(exiftool(&[photo])[0].get("GPS:GPSLatitude").is_some());
    c.build();
    let files = walkdir(&c.out());
    let report = exiftool(&files);
    for file in report.as_array().unwrap() {
        let gps: Vec<&String> = file
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| k.contains("GPS"))
            .collect();
        assert!(gps.is_empty(), "{}: {gps:?}", file["SourceFile"]);
    }
}

/// A PNG chunk: length, type, data, CRC.
fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

/// A zlib stream that inflates to `mib` MiB of zeros, about 1 KB for
/// each MiB: one block of a MiB of zeros, compressed with its own
/// dictionary (a full flush), written `mib` times, then an empty last
/// block and the checksum.
fn zeros_inflating_to(mib: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let mut block = Vec::with_capacity(64 << 10);
    let mut deflate = Compress::new(Compression::best(), false);
    deflate
        .compress_vec(&vec![0u8; 1 << 20], &mut block, FlushCompress::Full)
        .unwrap();
    assert_eq!(deflate.total_in(), 1 << 20);
    let mut stream = vec![0x78, 0xDA];
    for _ in 0..mib {
        stream.extend_from_slice(&block);
    }
    // The last block: stored, empty.
    stream.extend_from_slice(&[0x01, 0x00, 0x00, 0xFF, 0xFF]);
    // Adler-32 of zeros: a stays 1, b is the count.
    let b = ((mib as u64) << 20) % 65_521;
    stream.extend_from_slice(&((b as u32) << 16 | 1).to_be_bytes());
    stream
}

/// A 16 × 16 grey PNG whose colour profile (iCCP) inflates to `mib` MiB.
fn icc_bomb(mib: usize) -> Vec<u8> {
    use std::io::Write as _;
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&16u32.to_be_bytes());
    header.extend_from_slice(&16u32.to_be_bytes());
    header.extend_from_slice(&[8, 0, 0, 0, 0]);
    png_chunk(&mut png, b"IHDR", &header);
    let mut profile = b"bomb\0\0".to_vec();
    profile.extend_from_slice(&zeros_inflating_to(mib));
    png_chunk(&mut png, b"iCCP", &profile);
    let mut rows = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    for _ in 0..16 {
        rows.write_all(&[0; 17]).unwrap();
    }
    png_chunk(&mut png, b"IDAT", &rows.finish().unwrap());
    png_chunk(&mut png, b"IEND", &[]);
    png
}

/// Runs `loa` in `dir`; its exit code and peak memory (maximum resident
/// set, in MiB), from wait4.
#[cfg(target_os = "linux")]
#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its peak memory"
)]
fn loa_peak_mib(dir: &Path, args: &[&str]) -> (i32, u64) {
    let child = Command::new(env!("CARGO_BIN_EXE_loa"))
        .env("LOA_LANG", "en")
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795910400")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for our own child, with valid pointers to locals.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert!(pid > 0 && libc::WIFEXITED(status));
    (libc::WEXITSTATUS(status), usage.ru_maxrss as u64 / 1024)
}

/// Regression: a 4 MB PNG whose colour profile inflates to 4 GiB made
/// every build and check take about 520 MB for it alone, outside the
/// pictures' memory budget (the decoder's own default limit of 512 MB was
/// all that stopped it). What a decoder allocates before the pixels now
/// counts, up to 8 MB: such a profile is dropped after 8 MB (the picture is
/// re-encoded without it anyway), and a picture whose metadata alone is
/// over 8 MB is refused at the line of the page that shows it, with what
/// to do.
#[cfg(target_os = "linux")]
#[test]
fn a_picture_whose_metadata_inflates_costs_no_memory() {
    let c = Campaign::fixture("images", "news");
    let (_, base) = loa_peak_mib(c.root(), &["check"]);
    let bomb = icc_bomb(4096);
    assert!(bomb.len() < 6 << 20, "{} bytes", bomb.len());
    c.write("content/news/ho-so.png", &bomb);
    c.write("content/news/hop.png", icc_bomb(9 * 1024));
    c.write(
        "content/news/ho-so.md",
        "---\ntitle: \"Hồ sơ\"\ndate: 2026-03-11\n---\n\nẢnh:\n\n![Sơ đồ](ho-so.png)\n\n![Hộp](hop.png)\n",
    );
    for args in [&["check"][..], &["build"][..]] {
        let (_, peak) = loa_peak_mib(c.root(), args);
        assert!(
            peak < base + 64,
            "loa {args:?} took {peak} MiB ({base} without)"
        );
    }
    let found = findings(&c, "image/unreadable");
    assert_eq!(found.len(), 1, "{found:?}");
    let (file, message, help) = &found[0];
    assert_eq!(file, "content/news/ho-so.md");
    assert!(
        message.contains("hop.png") && message.contains("colour profile"),
        "{message}"
    );
    assert!(help.contains("save it again"), "{help}");
    let report: serde_json::Value =
        serde_json::from_str(&c.loa(&["check", "--format", "json"]).stdout).unwrap();
    let line = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "image/unreadable")
        .map(|f| f["line"].clone());
    assert_eq!(line, Some(serde_json::json!(10)));
    // A picture that will not be published is an error: without it, the
    // 4 GiB one is published, made safe: without its profile.
    c.write(
        "content/news/ho-so.md",
        "---\ntitle: \"Hồ sơ\"\ndate: 2026-03-11\n---\n\nẢnh:\n\n![Sơ đồ](ho-so.png)\n",
    );
    c.remove("content/news/hop.png");
    c.build();
    let published: Vec<PathBuf> = pictures(&c.out())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("ho-so"))
        .collect();
    assert!(!published.is_empty());
    for file in &published {
        let bytes = std::fs::read(file).unwrap();
        assert!(
            !bytes.windows(4).any(|w| w == b"iCCP"),
            "{}",
            file.display()
        );
        assert!(bytes.len() < 64 << 10, "{}", file.display());
    }
    assert!(
        pictures(&c.out())
            .iter()
            .all(|p| !p.to_string_lossy().contains("hop"))
    );
}

/// Regression (issue 22): a photo named the way Windows names them, with
/// spaces, written `![…](Ảnh ngày hội.jpg)`, was published as the literal
/// Markdown with no photo and no word. The bare form is an error at its
/// line saying how to write it; written `<…>`, as CommonMark allows, the
/// photo is published like any other.
#[test]
fn a_picture_whose_name_has_spaces_is_published_when_written_in_angle_brackets() {
    let c = Campaign::fixture("images", "news");
    let photo = std::fs::read(c.root().join("content/news/anh-tap-huan.jpg")).unwrap();
    c.write("content/news/Ảnh ngày hội.jpg", &photo);
    let page = |dest: &str| {
        format!(
            "---\ntitle: \"Ngày hội\"\ndate: 2026-03-08\n---\n\nNgày hội ở phường.\n\n![Ngày hội ở phường]({dest})\n"
        )
    };
    c.write("content/news/ngay-hoi.md", page("Ảnh ngày hội.jpg"));
    let run = c.loa(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/news/ngay-hoi.md:8: error[link/as-text]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("(<Ảnh ngày hội.jpg>)") && run.stderr.contains("`anh-ngay-hoi.jpg`"),
        "{}",
        run.stderr
    );
    assert!(!c.out().exists());

    c.write("content/news/ngay-hoi.md", page("<Ảnh ngày hội.jpg>"));
    c.build();
    let html = c.html("quan-a/news/ngay-hoi/index.html");
    let dir = c.out().join("quan-a/news/ngay-hoi");
    let srcset = attrs(
        &html,
        ".prose picture source[type=\"image/webp\"]",
        "srcset",
    );
    assert_eq!(srcset.len(), 1, "{srcset:?}");
    let mut widths = Vec::new();
    for candidate in srcset[0].split(", ") {
        let (url, w) = candidate.split_once(' ').unwrap();
        assert!(!url.contains(' '), "a srcset address has no space: {url}");
        let (file, _) = resolve("quan-a/news/ngay-hoi/index.html", url).unwrap();
        let (iw, _) =
            image::image_dimensions(c.out().join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(format!("{iw}w"), w);
        widths.push(iw);
    }
    assert_eq!(widths, [480, 960, 1000]);
    assert!(dir.is_dir());
    assert_eq!(
        attrs(&html, ".prose picture img", "alt"),
        ["Ngày hội ở phường"]
    );
    assert!(!texts(&html, ".prose").concat().contains("]("));
    assert_eq!(broken_links(&c.out()), Vec::<String>::new());
}

/// A picture over the pixel limit is refused with the size to make it,
/// not "save it again as JPEG or PNG" (it already is one), at its line in
/// each language's page that shows it.
#[test]
fn a_picture_with_too_many_pixels_says_the_size_to_make_it() {
    let c = Campaign::fixture("images", "news");
    // A header saying 12000 × 8000 is all loa reads before refusing it.
    let mut png = Vec::new();
    image::GrayImage::new(1, 1)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    // IHDR's width and height, then its CRC over type and data.
    png[16..20].copy_from_slice(&12_000u32.to_be_bytes());
    png[20..24].copy_from_slice(&8_000u32.to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(&png[12..29]);
    png[29..33].copy_from_slice(&crc.sum().to_be_bytes());
    c.write("content/news/toan-canh.png", &png);
    for (file, alt) in [("lon.md", "Toàn cảnh"), ("lon.en.md", "The whole ward")] {
        c.write(
            &format!("content/news/{file}"),
            format!("---\ntitle: \"{alt}\"\ndate: 2026-03-08\n---\n\n![{alt}](toan-canh.png)\n"),
        );
    }
    let found = findings(&c, "image/unreadable");
    let files: Vec<&str> = found.iter().map(|(f, _, _)| f.as_str()).collect();
    assert_eq!(files, ["content/news/lon.en.md", "content/news/lon.md"]);
    for (_, message, help) in &found {
        assert!(
            message.contains("12000 × 8000 pixels (96 megapixels)"),
            "{message}"
        );
        // 10954 × 7302 is the largest of that shape within 80 megapixels.
        assert!(
            help.starts_with("make it at most 10954 × 7302 pixels"),
            "{help}"
        );
        assert!(!help.contains("JPEG or PNG"), "{help}");
    }
}

/// A 10 × 10 PNG of one colour, without any metadata.
fn plain_png(rgb: [u8; 3]) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(10, 10, image::Rgb(rgb))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

/// A picture cache sent with the campaign is never used (audit 2): a
/// cache entry is checked for its format and size, not its pixels, so a
/// `.loa-cache/images/…` folder added in a ward's change, under the name
/// of a shared picture it knows, put its own picture (a red square here)
/// on every site, "0 processed, 1 from the cache". Each computer now
/// names its entries with its own key, kept outside the campaign.
#[test]
fn a_picture_cache_made_elsewhere_is_never_published() {
    let c = Campaign::fixture("build", "basic");
    let (sender_dir, operator_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let home = |dir: &tempfile::TempDir| {
        vec![(
            "XDG_CACHE_HOME".to_string(),
            dir.path().to_string_lossy().into_owned(),
        )]
    };
    let (sender, operator) = (home(&sender_dir), home(&operator_dir));
    loa_env(c.root(), &["build"], &sender).ok();
    let red = plain_png([255, 0, 0]);
    let planted: Vec<PathBuf> = walkdir(&c.root().join(".loa-cache"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    assert!(!planted.is_empty());
    for p in &planted {
        std::fs::write(p, &red).unwrap();
    }
    // The sender's own computer uses its cache, red square and all (the
    // key is what keeps it there).
    let run = loa_env(c.root(), &["build"], &sender).ok();
    assert!(
        run.stdout.contains("0 processed, 1 from the cache"),
        "{}",
        run.stdout
    );
    let run = loa_env(c.root(), &["build"], &operator).ok();
    assert!(
        run.stdout.contains("1 processed, 0 from the cache"),
        "{}",
        run.stdout
    );
    for p in pictures(&c.out()) {
        assert_ne!(std::fs::read(&p).unwrap(), red, "{}", p.display());
    }
}
