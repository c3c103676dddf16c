//! Pictures made safe and light. Every raster picture loa publishes is
//! decoded and encoded again, which drops every metadata block (EXIF with
//! its GPS position, camera serial and time, XMP, IPTC, comments,
//! thumbnails); the EXIF orientation is applied to the pixels first.
//! Pictures shown in pages are resized to a few widths (never upscaled) as
//! WebP plus a JPEG or PNG fallback.
//!
//! Processed files live in a cache folder outside `content/` and the output
//! (`.loa-cache/images/` in the campaign), named by the picture's content
//! hash, the settings and this computer's key ([`machine_key`]: a folder
//! sent with the campaign is never used), so a rebuild of an unchanged
//! campaign decodes nothing. A cache entry is never trusted: before use it must parse as
//! the expected format with the expected size, and its container may hold
//! nothing but pixels ([`metadata_free`]). Anything else is made again.

use std::collections::HashMap;
use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, LazyLock, Mutex, OnceLock};

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

use crate::i18n::Msg;
use crate::msg;
use crate::read::config::ImageSettings;

/// Bump when the encoding changes, so old cache entries are not used.
const ENCODING_VERSION: &str = "loa-images-1";
/// JPEG quality of resized pictures and originals.
const JPEG_QUALITY: u8 = 78;
/// WebP quality of resized photos.
const WEBP_QUALITY: f32 = 72.0;
/// Width of the share-card picture (Open Graph).
pub const SHARE_WIDTH: u32 = 1200;
/// Pictures bigger than this many pixels are refused (a decompression bomb
/// would exhaust memory).
const MAX_PIXELS: u64 = 80_000_000;

/// The raster formats loa reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
    /// GIF (its first frame).
    Gif,
    /// WebP.
    Webp,
}

impl Kind {
    /// The kind of a file name's extension, for raster pictures.
    pub fn of_name(name: &str) -> Option<RasterName> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "jpg" | "jpeg" => RasterName::Readable(Kind::Jpeg),
            "png" => RasterName::Readable(Kind::Png),
            "gif" => RasterName::Readable(Kind::Gif),
            "webp" => RasterName::Readable(Kind::Webp),
            "avif" => RasterName::Unreadable,
            _ => return None,
        })
    }

    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::Gif => "gif",
            Kind::Webp => "webp",
        }
    }

    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Gif => "image/gif",
            Kind::Webp => "image/webp",
        }
    }

    fn format(self) -> ImageFormat {
        match self {
            Kind::Jpeg => ImageFormat::Jpeg,
            Kind::Png => ImageFormat::Png,
            Kind::Gif => ImageFormat::Gif,
            Kind::Webp => ImageFormat::WebP,
        }
    }
}

/// What a raster file name says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RasterName {
    /// A format loa decodes.
    Readable(Kind),
    /// AVIF: loa has no decoder for it, so it cannot remove its metadata.
    Unreadable,
}

/// What loa knows of a picture after reading it once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFacts {
    /// Its format.
    pub kind: Kind,
    /// Width as shown (orientation applied).
    pub width: u32,
    /// Height as shown.
    pub height: u32,
    /// Whether it has transparency.
    pub alpha: bool,
    /// Hash of its bytes (hex): the cache key and part of output names.
    pub hash: String,
    /// Its size in bytes.
    pub len: u64,
}

impl ImageFacts {
    /// The widths it is published at: each configured width it is wider
    /// than, and its own width when it is narrower than the largest.
    pub fn widths(&self, settings: &ImageSettings) -> Vec<u32> {
        let mut widths: Vec<u32> = settings
            .widths
            .iter()
            .copied()
            .filter(|&w| w <= self.width)
            .collect();
        let largest = settings.widths.last().copied().unwrap_or(self.width);
        if self.width < largest && !widths.contains(&self.width) {
            widths.push(self.width);
        }
        widths
    }

    /// The height at `width`, keeping the proportions.
    pub fn height_at(&self, width: u32) -> u32 {
        let h = u64::from(self.height) * u64::from(width) / u64::from(self.width.max(1));
        u32::try_from(h).unwrap_or(u32::MAX).max(1)
    }

    /// The fallback format for browsers without WebP: JPEG for photos, PNG
    /// for pictures with transparency or drawn ones (PNG, GIF).
    pub fn fallback(&self) -> Kind {
        match self.kind {
            Kind::Jpeg => Kind::Jpeg,
            Kind::Webp if !self.alpha => Kind::Jpeg,
            _ => Kind::Png,
        }
    }
}

/// Why a picture cannot be published: a sentence for a person, and for a
/// picture over the pixel limit the largest size (same shape) loa reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// What is wrong, in plain words.
    pub why: Msg,
    /// For a picture with too many pixels: at most this width × height.
    pub fit: Option<(u32, u32)>,
}

impl Unreadable {
    /// A picture loa cannot read, for the reason `why`.
    pub fn new(why: Msg) -> Self {
        Unreadable { why, fit: None }
    }
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.why.text())
    }
}

/// The largest size of the shape `width` × `height` within the pixel
/// limit loa reads.
pub fn fit_pixel_limit(width: u32, height: u32) -> (u32, u32) {
    let (w, h) = (f64::from(width.max(1)), f64::from(height.max(1)));
    let scale = (MAX_PIXELS as f64 / (w * h)).sqrt().min(1.0);
    // Rounded down, so the product stays within the limit.
    let fit = |side: f64| ((side * scale).floor() as u32).max(1);
    (fit(w), fit(h))
}

/// Reads a picture's header and hashes its bytes: its size as shown, its
/// format, whether it has transparency. An error is a sentence for a person.
pub fn probe(bytes: &[u8], kind: Kind) -> Result<ImageFacts, Unreadable> {
    let hash = blake3::hash(bytes).to_hex().to_string();
    let mut decoder = open(bytes, kind).map_err(|e| {
        Unreadable::new(match e {
            Opening::Cannot(reason) => {
                msg!("image-cannot-read-as", kind = kind.mime(), reason = reason)
            }
            Opening::Header(m) => m,
        })
    })?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(Unreadable::new(msg!("image-empty", width = w, height = h)));
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Unreadable {
            why: msg!(
                "image-too-many-pixels",
                width = w,
                height = h,
                megapixels = (u64::from(w) * u64::from(h)).div_ceil(1_000_000),
                limit = MAX_PIXELS / 1_000_000
            ),
            fit: Some(fit_pixel_limit(w, h)),
        });
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let turned = matches!(
        orientation,
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    );
    let (width, height) = if turned { (h, w) } else { (w, h) };
    Ok(ImageFacts {
        kind,
        width,
        height,
        alpha: decoder.color_type().has_alpha(),
        hash,
        len: bytes.len() as u64,
    })
}

/// The bytes [`sniff`] needs from the start of a file.
pub const SNIFF_LEN: usize = 256;

/// A picture found by its first bytes: its format's name, and the kind
/// loa decodes when it is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    /// The format, as people call it: `JPEG`, `HEIC`.
    pub format: &'static str,
    /// The kind loa reads, if it reads this format.
    pub kind: Option<Kind>,
}

/// Whether a file's first bytes (up to [`SNIFF_LEN`]) are a picture,
/// whatever its name: JPEG, PNG, GIF, WebP, TIFF (and camera raw files
/// built on it), BMP, ICO and CUR, HEIC and AVIF, JPEG XL, JPEG 2000 and
/// Photoshop. A browser shows such a file in `<img>` by its bytes, and it
/// keeps every metadata block (GPS position, camera, time).
pub fn sniff(head: &[u8]) -> Option<Sniffed> {
    let found = |format, kind| Some(Sniffed { format, kind });
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return found("JPEG", Some(Kind::Jpeg));
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return found("PNG", Some(Kind::Png));
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return found("GIF", Some(Kind::Gif));
    }
    if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return found("WebP", Some(Kind::Webp));
    }
    if starts(b"II*\0") || starts(b"MM\0*") || starts(b"II+\0") || starts(b"MM\0+") {
        return found("TIFF", None);
    }
    if starts(&[0xFF, 0x0A]) || starts(b"\0\0\0\x0cJXL \r\n\x87\n") {
        return found("JPEG XL", None);
    }
    if starts(b"\0\0\0\x0cjP  \r\n\x87\n") || starts(&[0xFF, 0x4F, 0xFF, 0x51]) {
        return found("JPEG 2000", None);
    }
    if starts(b"8BPS") {
        return found("Photoshop", None);
    }
    if is_bmp(head) {
        return found("BMP", None);
    }
    if is_icon(head) {
        return found("ICO", None);
    }
    heif_brand(head).and_then(|format| found(format, None))
}

/// A BMP file header, followed by one of the known DIB header sizes.
fn is_bmp(head: &[u8]) -> bool {
    let dib = head
        .get(14..18)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    head.starts_with(b"BM") && matches!(dib, Some(12 | 16 | 40 | 52 | 56 | 64 | 108 | 124))
}

/// An ICO or CUR directory: reserved zero, type 1 or 2, at least one
/// entry, and the first entry's reserved byte zero.
fn is_icon(head: &[u8]) -> bool {
    let count = head.get(4..6).map(|b| u16::from_le_bytes([b[0], b[1]]));
    (head.starts_with(&[0, 0, 1, 0]) || head.starts_with(&[0, 0, 2, 0]))
        && count.is_some_and(|n| n > 0)
        && head.get(9) == Some(&0)
}

/// HEIF pictures (HEIC from phones, AVIF) are ISO media files like MP4
/// videos: told apart by the brands of their `ftyp` box.
fn heif_brand(head: &[u8]) -> Option<&'static str> {
    if head.get(4..8) != Some(b"ftyp") {
        return None;
    }
    let size = head
        .get(0..4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))?;
    let end = usize::try_from(size).ok()?.clamp(8, head.len());
    let brands = head.get(8..end)?;
    // The major brand, then (after the minor version) the compatible ones.
    let mut listed = brands.chunks_exact(4).enumerate().filter(|(i, _)| *i != 1);
    listed.find_map(|(_, brand)| match brand {
        b"avif" | b"avis" => Some("AVIF"),
        b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"hevm" | b"hevs" => {
            Some("HEIC")
        }
        b"mif1" | b"mif2" | b"msf1" | b"miaf" => Some("HEIF"),
        _ => None,
    })
}

/// One published file made from a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Variant {
    /// The whole picture, in its own format, at the original's path
    /// (published only when a page links to it as a download: its address
    /// and saved name stay the ones the writer chose).
    Original,
    /// The whole picture, in its own format, under a name with its
    /// content hash (`logo.3f2a9c1e.png`): a picture every page shows as
    /// it is (the logo), cached for a year.
    Whole,
    /// Resized to a width, in a format.
    Width(u32, VariantKind),
}

/// The format of a resized file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VariantKind {
    /// WebP.
    Webp,
    /// The fallback (JPEG or PNG, see [`ImageFacts::fallback`]).
    Fallback,
}

impl Variant {
    /// The kind of file it is.
    pub fn kind(self, facts: &ImageFacts) -> Kind {
        match self {
            Variant::Original | Variant::Whole => facts.kind,
            Variant::Width(_, VariantKind::Webp) => Kind::Webp,
            Variant::Width(_, VariantKind::Fallback) => facts.fallback(),
        }
    }

    /// Its size in pixels.
    pub fn size(self, facts: &ImageFacts) -> (u32, u32) {
        match self {
            Variant::Original | Variant::Whole => (facts.width, facts.height),
            Variant::Width(w, _) => (w, facts.height_at(w)),
        }
    }

    /// Its output path, next to the original's: `news/anh.jpg` at 480 px
    /// as WebP is `news/anh.480.3f2a9c1e.webp`. The content hash in the
    /// name keeps a district's own picture of the same name apart.
    pub fn path(self, original: &str, facts: &ImageFacts) -> String {
        match self {
            Variant::Original => original.to_string(),
            Variant::Whole => {
                let stem = original.rsplit_once('.').map_or(original, |(stem, _)| stem);
                format!("{stem}.{}.{}", &facts.hash[..8], self.kind(facts).ext())
            }
            Variant::Width(w, _) => {
                let stem = original.rsplit_once('.').map_or(original, |(stem, _)| stem);
                format!("{stem}.{w}.{}.{}", &facts.hash[..8], self.kind(facts).ext())
            }
        }
    }

    fn cache_name(self, facts: &ImageFacts) -> String {
        match self {
            // The same bytes under either name.
            Variant::Original | Variant::Whole => format!("original.{}", facts.kind.ext()),
            Variant::Width(w, _) => format!("{w}.{}", self.kind(facts).ext()),
        }
    }
}

/// Every file one picture gives: the original, and each width in WebP and
/// the fallback format. `share` adds the share-card width.
pub fn variants(facts: &ImageFacts, settings: &ImageSettings, share: bool) -> Vec<Variant> {
    let mut widths = facts.widths(settings);
    if share {
        widths.push(SHARE_WIDTH.min(facts.width));
    }
    widths.sort_unstable();
    widths.dedup();
    let mut out = vec![Variant::Original];
    for w in widths {
        out.push(Variant::Width(w, VariantKind::Webp));
        out.push(Variant::Width(w, VariantKind::Fallback));
    }
    out
}

/// Processed pictures, shared by every district of a build: each picture
/// is made at most once, by whichever district needs it first, or found in
/// the cache.
pub struct Store {
    dir: PathBuf,
    content: PathBuf,
    settings: ImageSettings,
    /// Pictures whose source a build checked ahead of time.
    prepared: Mutex<std::collections::HashSet<String>>,
    cells: Mutex<HashMap<String, Arc<Making>>>,
    /// Pictures decoded and encoded by this store.
    pub processed: AtomicUsize,
    /// Pictures found complete in the cache.
    pub reused: AtomicUsize,
}

/// One picture being made: done once, its outcome shared.
type Making = OnceLock<Result<(), String>>;

/// This computer's own part of every cache entry's name: random bytes
/// kept in the user's cache folder (`~/.cache/loa/cache-key`,
/// `%LOCALAPPDATA%\loa\cache-key`), outside every campaign. A cache entry
/// is checked for its format and size, not its pixels, so without this a
/// ward could send `.loa-cache/images/…` with a change (or a copied
/// campaign folder) holding another picture under the name of a picture it
/// knows (any shared one), and every site would publish it instead. A
/// folder made on another computer is only missed, never used. When the
/// key cannot be kept, a key for this run alone (nothing is reused).
fn machine_key() -> &'static [u8] {
    static KEY: LazyLock<Vec<u8>> = LazyLock::new(|| {
        let fresh = fresh_key();
        key_file()
            .and_then(|path| kept_key(&path, &fresh))
            .unwrap_or(fresh)
    });
    &KEY
}

/// Where this computer's cache key is kept.
fn key_file() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let dir = if cfg!(windows) {
        var("LOCALAPPDATA")?
    } else {
        var("XDG_CACHE_HOME").or_else(|| var("HOME").map(|home| home.join(".cache")))?
    };
    Some(dir.join("loa").join("cache-key"))
}

/// The key kept at `path`, or `fresh` kept there now: written beside it
/// and linked into place, so two builds starting together agree on one.
fn kept_key(path: &Path, fresh: &[u8]) -> Option<Vec<u8>> {
    let read = || fs::read(path).ok().filter(|k| k.len() >= 16);
    if let Some(key) = read() {
        return Some(key);
    }
    fs::create_dir_all(path.parent()?).ok()?;
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    fs::write(&tmp, fresh).ok()?;
    let _ = fs::hard_link(&tmp, path);
    let _ = fs::remove_file(&tmp);
    read()
}

/// 32 random bytes from the system's source of randomness (`getrandom`);
/// if it fails, a hash of the time and process, which still differs
/// between computers and runs.
fn fresh_key() -> Vec<u8> {
    let mut key = [0u8; 32];
    if getrandom::fill(&mut key).is_ok() {
        return key.to_vec();
    }
    let mut hasher = blake3::Hasher::new();
    hasher.update(&std::process::id().to_le_bytes());
    if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.update(&now.as_nanos().to_le_bytes());
    }
    hasher.finalize().as_bytes().to_vec()
}

/// The default cache folder of a campaign.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(".loa-cache").join("images")
}

impl Store {
    /// A store keeping its files in `dir`, for pictures in the campaign's
    /// `content` folder.
    pub fn new(dir: PathBuf, content: PathBuf, settings: ImageSettings) -> Store {
        Store {
            dir,
            content,
            settings,
            prepared: Mutex::new(std::collections::HashSet::new()),
            cells: Mutex::new(HashMap::new()),
            processed: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
        }
    }

    /// The settings.
    pub fn settings(&self) -> &ImageSettings {
        &self.settings
    }

    /// The cache folder of one picture: its hash and the settings.
    fn entry_dir(&self, facts: &ImageFacts) -> PathBuf {
        let mut key = blake3::Hasher::new();
        key.update(ENCODING_VERSION.as_bytes());
        for w in &self.settings.widths {
            key.update(&w.to_le_bytes());
        }
        key.update(&SHARE_WIDTH.to_le_bytes());
        key.update(machine_key());
        let settings = key.finalize().to_hex();
        self.dir
            .join(&facts.hash[..2])
            .join(format!("{}-{}", facts.hash, &settings[..12]))
    }

    /// The bytes of one file of the picture at `source`, made (with all its
    /// other files) if the cache does not hold it. Every byte returned has
    /// passed [`metadata_free`].
    pub fn get(
        &self,
        source: &Path,
        facts: &ImageFacts,
        variant: Variant,
    ) -> Result<Vec<u8>, String> {
        // The preview keeps a model for hours: the picture must still be
        // there, inside the campaign, as it was read.
        let checked = self
            .prepared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&facts.hash);
        if !checked {
            self.check_source(source, facts)?;
        }
        let dir = self.entry_dir(facts);
        let path = dir.join(variant.cache_name(facts));
        if let Some(bytes) = self.read_checked(&path, facts, variant) {
            return Ok(bytes);
        }
        // Not there, or not to be trusted: make the picture's files once.
        let cell = {
            let mut cells = self.cells.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(cells.entry(facts.hash.clone()).or_default())
        };
        let mut made_here = false;
        cell.get_or_init(|| {
            made_here = true;
            self.make(source, facts, &dir)
        })
        .clone()?;
        match self.read_checked(&path, facts, variant) {
            Some(bytes) => Ok(bytes),
            // Made by another district before this file was needed (a
            // share-card width): make it now.
            None if !made_here => {
                self.make(source, facts, &dir)?;
                self.read_checked(&path, facts, variant)
                    .ok_or_else(|| "the processed picture could not be read back".to_string())
            }
            None => Err("the processed picture could not be read back".to_string()),
        }
    }

    /// Makes every file of a picture ahead of time (a build does this for
    /// every picture in parallel); `true` when it had to be processed.
    pub fn prepare(&self, source: &Path, facts: &ImageFacts, share: bool) -> Result<bool, String> {
        self.check_source(source, facts)?;
        let made = self.prepare_checked(source, facts, share)?;
        self.prepared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(facts.hash.clone());
        Ok(made)
    }

    /// The picture is still a regular file inside the campaign, of the
    /// size it had when read (it was not swapped for a link since).
    fn check_source(&self, source: &Path, facts: &ImageFacts) -> Result<(), String> {
        let file = crate::read::source::open_inside(source, &self.content)
            .map_err(|e| format!("it cannot be read: {e}"))?;
        let len = file
            .metadata()
            .map_err(|e| format!("it cannot be read: {e}"))?
            .len();
        if len != facts.len {
            return Err("it changed while loa was building; build again".to_string());
        }
        Ok(())
    }

    fn prepare_checked(
        &self,
        source: &Path,
        facts: &ImageFacts,
        share: bool,
    ) -> Result<bool, String> {
        let dir = self.entry_dir(facts);
        let all_there = variants(facts, &self.settings, share).into_iter().all(|v| {
            self.read_checked(&dir.join(v.cache_name(facts)), facts, v)
                .is_some()
        });
        if all_there {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(false);
        }
        let cell = {
            let mut cells = self.cells.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(cells.entry(facts.hash.clone()).or_default())
        };
        cell.get_or_init(|| self.make(source, facts, &dir))
            .clone()?;
        Ok(true)
    }

    /// The largest WebP file pages show of a picture (what nearly every
    /// browser loads): its width and size in bytes.
    pub fn largest_shown(&self, facts: &ImageFacts) -> Option<(u32, u64)> {
        let dir = self.entry_dir(facts);
        facts
            .widths(&self.settings)
            .into_iter()
            .filter_map(|w| {
                let v = Variant::Width(w, VariantKind::Webp);
                let size = fs::metadata(dir.join(v.cache_name(facts))).ok()?.len();
                Some((w, size))
            })
            .max_by_key(|&(_, size)| size)
    }

    /// A cache file, only if it is what it claims to be.
    fn read_checked(&self, path: &Path, facts: &ImageFacts, variant: Variant) -> Option<Vec<u8>> {
        let bytes = fs::read(path).ok()?;
        let kind = variant.kind(facts);
        if !metadata_free(&bytes, kind) {
            return None;
        }
        let size = ImageReader::with_format(Cursor::new(&bytes), kind.format())
            .into_dimensions()
            .ok()?;
        (size == variant.size(facts)).then_some(bytes)
    }

    /// Decodes the picture once, applies its orientation, and writes every
    /// file it gives (with the share width) to `dir`. The decoding waits
    /// for its share of the memory budget ([`DECODING`]) and holds it until
    /// every file is written.
    fn make(&self, source: &Path, facts: &ImageFacts, dir: &Path) -> Result<(), String> {
        self.processed.fetch_add(1, Ordering::Relaxed);
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut crate::read::source::open_inside(source, &self.content)
                .map_err(|e| format!("it cannot be read: {e}"))?,
            &mut bytes,
        )
        .map_err(|e| format!("it cannot be read: {e}"))?;
        if blake3::hash(&bytes).to_hex().as_str() != facts.hash {
            return Err("it changed while loa was building; build again".to_string());
        }
        let decoder = open(&bytes, facts.kind).map_err(Opening::text)?;
        let (w, h) = decoder.dimensions();
        let largest = self.settings.widths.iter().copied().max().unwrap_or(0);
        let cost = decode_cost(w, h, decoder.color_type(), largest.max(SHARE_WIDTH));
        let _permit = DECODING.admit(cost + HEADER_BUDGET);
        let image = decode_with(decoder, cost)?;
        fs::create_dir_all(dir).map_err(|e| cache_error(dir, &e))?;
        let all = variants(facts, &self.settings, true);
        let sized = sizes(image, &all, facts);
        encode_all(&all, &sized, facts, dir)
    }
}

/// Every size the variants need, largest first, each made from the one
/// before (fast and sharp); the decoded picture itself is the first, so
/// the whole picture is never made from a smaller one.
fn sizes(image: DynamicImage, all: &[Variant], facts: &ImageFacts) -> Vec<Sized> {
    let mut wanted: Vec<(u32, u32)> = all.iter().map(|v| v.size(facts)).collect();
    wanted.sort_unstable_by(|a, b| b.cmp(a));
    wanted.dedup();
    let mut sized: Vec<Sized> = vec![((image.width(), image.height()), image)];
    for (w, h) in wanted {
        let Some((size, current)) = sized.last() else {
            break;
        };
        if *size == (w, h) {
            continue;
        }
        let filter = if current.width() > w * 3 {
            FilterType::Triangle
        } else {
            FilterType::CatmullRom
        };
        let smaller = current.resize_exact(w, h, filter);
        sized.push(((w, h), smaller));
    }
    sized
}

/// A picture at one size.
type Sized = ((u32, u32), DynamicImage);

/// Encodes every file of a picture and writes it to `dir`, in parallel (the
/// encoders are single-threaded), so one picture alone, as in a preview or
/// a build with one new photo, keeps every core busy too.
///
/// Plain threads, not rayon: a rayon worker waiting for its tasks steals
/// other work, and could start another picture that waits for the memory
/// this one holds, which would never be given back.
fn encode_all(
    all: &[Variant],
    sized: &[Sized],
    facts: &ImageFacts,
    dir: &Path,
) -> Result<(), String> {
    let next = AtomicUsize::new(0);
    let one = |variant: &Variant| -> Result<(), String> {
        let size = variant.size(facts);
        let Some((_, pixels)) = sized.iter().find(|(s, _)| *s == size) else {
            return Err("a size of the picture was not made (a bug in loa)".to_string());
        };
        let kind = variant.kind(facts);
        let encoded = encode(pixels, kind, facts.kind)?;
        if !metadata_free(&encoded, kind) {
            return Err("the encoder wrote metadata (a bug in loa)".to_string());
        }
        write_atomic(&dir.join(variant.cache_name(facts)), &encoded)
    };
    let work = || -> Result<(), String> {
        while let Some(variant) = all.get(next.fetch_add(1, Ordering::Relaxed)) {
            one(variant)?;
        }
        Ok(())
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(all.len())
        .max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err("the encoder failed (a bug in loa)".to_string()))
            })
            .collect::<Result<Vec<()>, String>>()
    })?;
    Ok(())
}

/// The memory pictures being made may hold at once. Pictures are made in
/// parallel only while the sum of their [`decode_cost`] stays under it; a
/// picture larger than the budget is made alone. A 12-megapixel photo
/// costs about 200 MB, an 8000 × 8000 one over 600 MB.
const MEMORY_BUDGET: u64 = 512 << 20;

/// The admission of every picture decoded in this process.
static DECODING: Admission = Admission::new(MEMORY_BUDGET);

/// The most bytes making one picture holds: its decoded pixels, an 8-bit
/// copy of them and one more full-size copy while the whole picture is
/// encoded (a byte a channel), and the first resize's working rows (four
/// channels of four bytes, at the height of the picture and the largest
/// width made).
pub fn decode_cost(width: u32, height: u32, color: image::ColorType, largest: u32) -> u64 {
    let pixels = u64::from(width) * u64::from(height);
    let decoded = u64::from(color.bytes_per_pixel());
    let channels = u64::from(color.channel_count());
    let resize_rows = u64::from(height) * u64::from(width.min(largest)) * 16;
    pixels * (decoded + 2 * channels) + resize_rows
}

/// A counting semaphore over bytes: admits work while the bytes in flight
/// stay under a budget, or when nothing else is in flight.
pub struct Admission {
    budget: u64,
    in_flight: Mutex<u64>,
    freed: Condvar,
}

/// Bytes admitted: given back when dropped.
pub struct Permit<'a> {
    admission: &'a Admission,
    cost: u64,
}

impl Admission {
    /// An admission with nothing in flight.
    pub const fn new(budget: u64) -> Admission {
        Admission {
            budget,
            in_flight: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// Waits until `cost` bytes fit (or nothing else is in flight), and
    /// holds them until the permit is dropped.
    pub fn admit(&self, cost: u64) -> Permit<'_> {
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        while !fits(*in_flight, cost, self.budget) {
            in_flight = self
                .freed
                .wait(in_flight)
                .unwrap_or_else(|e| e.into_inner());
        }
        *in_flight += cost;
        Permit {
            admission: self,
            cost,
        }
    }

    /// The bytes in flight now.
    #[cfg(test)]
    pub fn in_flight(&self) -> u64 {
        *self.in_flight.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut in_flight = self
            .admission
            .in_flight
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        *in_flight -= self.cost;
        self.admission.freed.notify_all();
    }
}

/// Whether `cost` more bytes may start: alone always, else within budget.
fn fits(in_flight: u64, cost: u64, budget: u64) -> bool {
    in_flight == 0 || in_flight.saturating_add(cost) <= budget
}

fn cache_error(path: &Path, e: &std::io::Error) -> String {
    format!(
        "loa could not write its picture cache at {} ({e}); check that the campaign folder is writable",
        path.display()
    )
}

/// Writes through a temporary file and a rename, so a killed build never
/// leaves half a picture in the cache.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(
        ".tmp-{}-{:?}-{}",
        std::process::id(),
        std::thread::current().id(),
        name.unwrap_or_default()
    ));
    fs::write(&tmp, bytes).map_err(|e| cache_error(&tmp, &e))?;
    fs::rename(&tmp, path).map_err(|e| cache_error(path, &e))
}

/// The most memory a picture's decoder may take for what comes before the
/// pixels: the header and the metadata a PNG packs compressed (a colour
/// profile, text). A real colour profile is under a megabyte; a 4 MB PNG
/// whose profile inflates to 4 GiB took 520 MB, outside the budget of
/// [`MEMORY_BUDGET`], for every build. Counted in that budget.
pub const HEADER_BUDGET: u64 = 8 << 20;

/// Decoder limits: at most `max_alloc` bytes allocated.
fn limits(max_alloc: u64) -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(max_alloc);
    limits
}

/// Opens a picture's decoder (its header read, no pixels yet), within
/// [`HEADER_BUDGET`].
fn open(bytes: &[u8], kind: Kind) -> Result<impl ImageDecoder + '_, Opening> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
    reader.limits(limits(HEADER_BUDGET));
    reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => {
            Opening::Header(msg!("image-header-too-large", limit = HEADER_BUDGET >> 20))
        }
        e => Opening::Cannot(e.to_string()),
    })
}

/// Why a picture's header could not be read.
enum Opening {
    /// The decoder's own words.
    Cannot(String),
    /// What it says about itself is too large to read.
    Header(Msg),
}

impl Opening {
    fn text(self) -> String {
        match self {
            Opening::Cannot(reason) => msg!("image-cannot-read", reason = reason).text(),
            Opening::Header(m) => m.text(),
        }
    }
}

/// Decodes a picture (the first frame of a GIF) with its orientation
/// applied, at 8 bits a channel.
#[cfg(test)]
pub fn decode(bytes: &[u8], kind: Kind) -> Result<DynamicImage, String> {
    let decoder = open(bytes, kind).map_err(Opening::text)?;
    let (w, h) = decoder.dimensions();
    let cost = decode_cost(w, h, decoder.color_type(), w);
    decode_with(decoder, cost)
}

/// Decodes, allocating at most `cost` bytes (see [`decode_cost`]).
fn decode_with(mut decoder: impl ImageDecoder, cost: u64) -> Result<DynamicImage, String> {
    decoder
        .set_limits(limits(cost.max(HEADER_BUDGET)))
        .map_err(|e| format!("it cannot be read: {e}"))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let image =
        DynamicImage::from_decoder(decoder).map_err(|e| format!("it cannot be read: {e}"))?;
    let mut image = eight_bit(image);
    image.apply_orientation(orientation);
    Ok(image)
}

/// The picture at 8 bits a channel, which is all a screen shows: a 16-bit
/// picture is converted right after decoding, so its copies and resizes
/// take half the memory.
fn eight_bit(image: DynamicImage) -> DynamicImage {
    match image {
        DynamicImage::ImageLuma8(_)
        | DynamicImage::ImageLumaA8(_)
        | DynamicImage::ImageRgb8(_)
        | DynamicImage::ImageRgba8(_) => image,
        DynamicImage::ImageLuma16(_) => DynamicImage::ImageLuma8(image.to_luma8()),
        DynamicImage::ImageLumaA16(_) => DynamicImage::ImageLumaA8(image.to_luma_alpha8()),
        DynamicImage::ImageRgb16(_) | DynamicImage::ImageRgb32F(_) => {
            DynamicImage::ImageRgb8(image.to_rgb8())
        }
        _ => DynamicImage::ImageRgba8(image.to_rgba8()),
    }
}

/// Encodes pixels, with no metadata at all.
fn encode(image: &DynamicImage, kind: Kind, source: Kind) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let fail = |e: image::ImageError| format!("it could not be encoded: {e}");
    match kind {
        Kind::Jpeg => {
            let rgb = image.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .encode_image(&rgb)
                .map_err(fail)?;
        }
        Kind::Png => {
            let encoder = image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            );
            image.write_with_encoder(encoder).map_err(fail)?;
        }
        Kind::Gif => {
            let rgba = image.to_rgba8();
            let mut encoder = image::codecs::gif::GifEncoder::new(&mut out);
            encoder
                .encode_frame(image::Frame::new(rgba))
                .map_err(fail)?;
        }
        Kind::Webp => {
            let (w, h) = (image.width(), image.height());
            let pixels;
            let encoder = if image.color().has_alpha() {
                pixels = image.to_rgba8().into_raw();
                webp::Encoder::from_rgba(&pixels, w, h)
            } else {
                pixels = image.to_rgb8().into_raw();
                webp::Encoder::from_rgb(&pixels, w, h)
            };
            // Drawings (PNG, GIF) stay sharp; photos are made light.
            let memory = if matches!(source, Kind::Png | Kind::Gif) {
                encoder.encode_lossless()
            } else {
                encoder.encode(WEBP_QUALITY)
            };
            out.extend_from_slice(&memory);
        }
    }
    Ok(out)
}

/// Whether a file's container holds nothing but what its pixels need: no
/// EXIF, XMP, IPTC, ICC profile, comment, text or thumbnail. A strict list
/// of allowed blocks, checked on every picture loa publishes.
pub fn metadata_free(bytes: &[u8], kind: Kind) -> bool {
    match kind {
        Kind::Jpeg => jpeg_clean(bytes),
        Kind::Png => png_clean(bytes),
        Kind::Webp => webp_clean(bytes),
        Kind::Gif => gif_clean(bytes),
    }
}

fn jpeg_clean(b: &[u8]) -> bool {
    if !b.starts_with(&[0xFF, 0xD8]) {
        return false;
    }
    let mut i = 2;
    loop {
        // Segment markers, possibly padded with 0xFF.
        if i + 1 >= b.len() || b[i] != 0xFF {
            return false;
        }
        while i < b.len() && b[i] == 0xFF {
            i += 1;
        }
        let Some(&marker) = b.get(i) else {
            return false;
        };
        i += 1;
        match marker {
            0xD9 => return i == b.len() || b[i..].iter().all(|&x| x == 0),
            0xD0..=0xD7 | 0x01 => continue,
            _ => {}
        }
        let Some(len) = b
            .get(i..i + 2)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
        else {
            return false;
        };
        if len < 2 || i + len > b.len() {
            return false;
        }
        let segment = &b[i + 2..i + len];
        let allowed = match marker {
            // JFIF header only (no thumbnail: its size bytes are zero).
            0xE0 => segment.starts_with(b"JFIF\0") && segment.get(12..14) == Some(&[0, 0]),
            // Frames, tables, restart interval, scan.
            0xC0..=0xCF | 0xDB | 0xDD | 0xDA => true,
            // APP1–APP15 (EXIF, XMP, ICC, IPTC…), COM, anything else.
            _ => false,
        };
        if !allowed {
            return false;
        }
        i += len;
        if marker == 0xDA {
            // Entropy-coded data up to the next marker that is not a
            // stuffed byte or a restart.
            while i + 1 < b.len() {
                if b[i] == 0xFF && b[i + 1] != 0x00 && !(0xD0..=0xD7).contains(&b[i + 1]) {
                    break;
                }
                i += 1;
            }
        }
    }
}

fn png_clean(b: &[u8]) -> bool {
    if !b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return false;
    }
    let mut i = 8;
    while i + 8 <= b.len() {
        let len = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
        let name = &b[i + 4..i + 8];
        if !matches!(name, b"IHDR" | b"PLTE" | b"tRNS" | b"IDAT" | b"IEND") {
            return false;
        }
        i += 12 + len;
        if name == b"IEND" {
            return i == b.len();
        }
    }
    false
}

fn webp_clean(b: &[u8]) -> bool {
    if b.len() < 12 || &b[..4] != b"RIFF" || &b[8..12] != b"WEBP" {
        return false;
    }
    let mut i = 12;
    while i + 8 <= b.len() {
        let name = &b[i..i + 4];
        let len = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
        match name {
            b"VP8 " | b"VP8L" | b"ALPH" => {}
            // Extended header: no ICC, EXIF or XMP flags, no animation.
            b"VP8X" => {
                let Some(&flags) = b.get(i + 8) else {
                    return false;
                };
                if flags & (0x20 | 0x08 | 0x04 | 0x02) != 0 {
                    return false;
                }
            }
            _ => return false,
        }
        i += 8 + len + (len & 1);
    }
    i == b.len()
}

fn gif_clean(b: &[u8]) -> bool {
    if b.len() < 13 || !(b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a")) {
        return false;
    }
    let mut i = 13;
    if b[10] & 0x80 != 0 {
        i += 3 * (1 << ((b[10] & 0x07) + 1));
    }
    let skip_blocks = |mut i: usize| -> Option<usize> {
        loop {
            let n = usize::from(*b.get(i)?);
            i += 1 + n;
            if n == 0 {
                return Some(i);
            }
        }
    };
    loop {
        match b.get(i) {
            Some(0x3B) => return i + 1 == b.len(),
            // Graphic control extension only (no comments, text or
            // application blocks such as XMP).
            Some(0x21) if b.get(i + 1) == Some(&0xF9) => match skip_blocks(i + 2) {
                Some(next) => i = next,
                None => return false,
            },
            Some(0x2C) => {
                let Some(&packed) = b.get(i + 9) else {
                    return false;
                };
                i += 10;
                if packed & 0x80 != 0 {
                    i += 3 * (1 << ((packed & 0x07) + 1));
                }
                // LZW minimum code size, then data blocks.
                match skip_blocks(i + 1) {
                    Some(next) => i = next,
                    None => return false,
                }
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(width: u32, height: u32) -> ImageFacts {
        ImageFacts {
            kind: Kind::Jpeg,
            width,
            height,
            alpha: false,
            hash: "0123456789abcdef".repeat(4),
            len: 0,
        }
    }

    #[test]
    fn widths_are_never_upscaled() {
        let settings = ImageSettings::default();
        assert_eq!(facts(4000, 3000).widths(&settings), [480, 960, 1600]);
        assert_eq!(facts(800, 600).widths(&settings), [480, 800]);
        assert_eq!(facts(300, 200).widths(&settings), [300]);
        assert_eq!(facts(1600, 900).widths(&settings), [480, 960, 1600]);
        assert_eq!(facts(800, 600).height_at(480), 360);
    }

    #[test]
    fn variant_names_carry_width_and_hash() {
        let f = facts(4000, 3000);
        assert_eq!(
            Variant::Width(480, VariantKind::Webp).path("news/anh.JPG", &f),
            "news/anh.480.01234567.webp"
        );
        assert_eq!(
            Variant::Width(960, VariantKind::Fallback).path("anh.jpeg", &f),
            "anh.960.01234567.jpg"
        );
        assert_eq!(Variant::Original.path("news/anh.JPG", &f), "news/anh.JPG");
        assert_eq!(Variant::Whole.path("logo.PNG", &f), "logo.01234567.jpg");
        assert!(crate::model::urls::is_fingerprinted(
            &Variant::Whole.path("a/logo.png", &f)
        ));
    }

    #[test]
    fn encoded_pictures_carry_no_metadata() {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_fn(40, 30, |x, y| {
            image::Rgb([x as u8 * 6, y as u8 * 8, 90])
        }));
        for kind in [Kind::Jpeg, Kind::Png, Kind::Gif, Kind::Webp] {
            let bytes = encode(&image, kind, Kind::Jpeg).unwrap();
            assert!(metadata_free(&bytes, kind), "{kind:?}");
        }
        let bytes = encode(&image, Kind::Webp, Kind::Png).unwrap();
        assert!(metadata_free(&bytes, Kind::Webp));
    }

    /// Regression: the whole picture (published when a page links to it as
    /// a download) was made last, from the smallest width scaled back up,
    /// so it came out blurred. It is made from the decoded picture itself:
    /// a PNG comes out with the very same pixels.
    #[test]
    fn the_whole_picture_is_not_made_from_a_smaller_one() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        fs::create_dir_all(&content).unwrap();
        // Two-pixel stripes: any scaling turns them grey.
        let stripes = image::RgbImage::from_fn(1000, 600, |x, _| {
            if (x / 2) % 2 == 0 {
                image::Rgb([0, 0, 0])
            } else {
                image::Rgb([255, 255, 255])
            }
        });
        let source = content.join("soc.png");
        stripes.save(&source).unwrap();
        let bytes = fs::read(&source).unwrap();
        let facts = probe(&bytes, Kind::Png).unwrap();
        let store = Store::new(
            dir.path().join("cache"),
            content.clone(),
            ImageSettings::default(),
        );
        assert!(store.prepare(&source, &facts, true).unwrap());
        let whole = store.get(&source, &facts, Variant::Original).unwrap();
        let decoded = image::load_from_memory(&whole).unwrap().to_rgb8();
        assert!(decoded == stripes, "the whole picture lost its detail");
        let small = store
            .get(&source, &facts, Variant::Width(480, VariantKind::Fallback))
            .unwrap();
        assert_eq!(image::load_from_memory(&small).unwrap().width(), 480);
    }

    #[test]
    fn pictures_start_only_within_the_memory_budget() {
        assert!(fits(0, 10, 100));
        assert!(fits(60, 40, 100));
        assert!(!fits(60, 41, 100));
        assert!(fits(0, 500, 100), "a picture over the budget runs alone");
        assert!(!fits(1, 500, 100));
        assert!(!fits(u64::MAX, 1, 100));

        let admission = Admission::new(100);
        let first = admission.admit(60);
        drop(admission.admit(40));
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::channel();
            let waiting = &admission;
            scope.spawn(move || {
                let permit = waiting.admit(50);
                tx.send(waiting.in_flight()).unwrap();
                drop(permit);
            });
            let early = rx.recv_timeout(std::time::Duration::from_millis(300));
            assert!(early.is_err(), "admitted over the budget: {early:?}");
            drop(first);
            let admitted = rx.recv_timeout(std::time::Duration::from_secs(20));
            assert_eq!(
                admitted,
                Ok(50),
                "not admitted once the memory was given back"
            );
        });
        assert_eq!(admission.in_flight(), 0);

        // Larger than the budget: admitted alone, and nothing beside it.
        let big = admission.admit(1000);
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::channel();
            let waiting = &admission;
            scope.spawn(move || {
                let permit = waiting.admit(1);
                tx.send(waiting.in_flight()).unwrap();
                drop(permit);
            });
            assert!(
                rx.recv_timeout(std::time::Duration::from_millis(300))
                    .is_err()
            );
            drop(big);
            assert_eq!(rx.recv_timeout(std::time::Duration::from_secs(20)), Ok(1));
        });
        assert_eq!(admission.in_flight(), 0);
    }

    #[test]
    fn the_cost_counts_bytes_per_pixel() {
        use image::ColorType::{Rgb8, Rgba8, Rgba16};
        let wide = 1600;
        // The report's 16-bit bomb: 634 KB on disk, alone over the budget.
        let bomb = decode_cost(8900, 8900, Rgba16, wide);
        assert!(bomb > decode_cost(8900, 8900, Rgba8, wide));
        assert!(bomb > MEMORY_BUDGET);
        assert!(bomb >= 8900 * 8900 * 8, "the decoded pixels alone");
        // Two 12-megapixel phone photos are made together.
        assert!(2 * decode_cost(4000, 3000, Rgb8, wide) <= MEMORY_BUDGET);
    }

    #[test]
    fn sixteen_bit_pictures_are_decoded_to_eight_bits() {
        let deep = image::ImageBuffer::from_fn(6, 4, |x, _| {
            image::Rgba::<u16>([0xFFFF, 0x8080, x as u16 * 0x1010, 0xFFFF])
        });
        let mut png = Vec::new();
        DynamicImage::ImageRgba16(deep)
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let decoded = decode(&png, Kind::Png).unwrap();
        assert_eq!(decoded.color(), image::ColorType::Rgba8);
        assert_eq!(decoded.to_rgba8().get_pixel(2, 1).0, [255, 128, 32, 255]);
        let grey = image::ImageBuffer::from_pixel(3, 3, image::Luma::<u16>([0x4040]));
        let mut png = Vec::new();
        DynamicImage::ImageLuma16(grey)
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let decoded = decode(&png, Kind::Png).unwrap();
        assert_eq!(decoded.color(), image::ColorType::L8);
    }

    #[test]
    fn metadata_blocks_are_refused() {
        let image = DynamicImage::ImageRgb8(image::RgbImage::new(8, 8));
        let jpeg = encode(&image, Kind::Jpeg, Kind::Jpeg).unwrap();
        // An EXIF block right after SOI.
        let mut with_exif = jpeg[..2].to_vec();
        with_exif.extend_from_slice(&[0xFF, 0xE1, 0x00, 0x08]);
        with_exif.extend_from_slice(b"Exif\0\0");
        with_exif.extend_from_slice(&jpeg[2..]);
        assert!(!metadata_free(&with_exif, Kind::Jpeg));
        let mut with_comment = jpeg[..2].to_vec();
        with_comment.extend_from_slice(&[0xFF, 0xFE, 0x00, 0x04, b'h', b'i']);
        with_comment.extend_from_slice(&jpeg[2..]);
        assert!(!metadata_free(&with_comment, Kind::Jpeg));

        let png = encode(&image, Kind::Png, Kind::Png).unwrap();
        let iend = png.len() - 12;
        let mut with_text = png[..iend].to_vec();
        with_text.extend_from_slice(&[0, 0, 0, 4]);
        with_text.extend_from_slice(b"tEXtabcd");
        with_text.extend_from_slice(&[0, 0, 0, 0]);
        with_text.extend_from_slice(&png[iend..]);
        assert!(!metadata_free(&with_text, Kind::Png));

        let webp = encode(&image, Kind::Webp, Kind::Jpeg).unwrap();
        let mut with_exif = webp.clone();
        with_exif.extend_from_slice(b"EXIF\x02\0\0\0ab");
        assert!(!metadata_free(&with_exif, Kind::Webp));
        assert!(!metadata_free(b"not a picture", Kind::Gif));
    }
}
