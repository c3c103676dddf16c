//! Deterministic synthetic campaigns for the benchmark: bilingual pages of
//! 600–900 words with headings, lists, a table and links written in every
//! supported form; district files with local hotlines; district-only pages
//! and overrides. The same size always gives the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// How big a campaign is.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// Districts.
    pub districts: usize,
    /// Shared pages per language.
    pub pages: usize,
    /// District-only pages per district (per language).
    pub own_pages: usize,
    /// Shared pages each district replaces.
    pub overrides: usize,
    /// Local hotlines per district.
    pub hotlines: usize,
}

const SECTIONS: [&str; 5] = ["skills", "models", "news", "pages", "guides"];

/// A small, fast, deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

const VI: &[&str] = &[
    "bạo",
    "lực",
    "gia",
    "đình",
    "trẻ",
    "em",
    "phụ",
    "nữ",
    "an",
    "toàn",
    "người",
    "lớn",
    "tin",
    "cậy",
    "gọi",
    "ngay",
    "số",
    "điện",
    "thoại",
    "giúp",
    "đỡ",
    "hàng",
    "xóm",
    "cộng",
    "đồng",
    "phường",
    "xã",
    "công",
    "an",
    "bảo",
    "vệ",
    "cơ",
    "thể",
    "nói",
    "không",
    "kể",
    "lại",
    "lắng",
    "nghe",
    "bình",
    "tĩnh",
    "ghi",
    "nhớ",
    "tổ",
    "dân",
    "phố",
    "làng",
    "quê",
    "nhà",
    "tạm",
    "lánh",
    "hỗ",
    "trợ",
    "tư",
    "vấn",
    "miễn",
    "phí",
    "cả",
    "ngày",
    "lẫn",
    "đêm",
    "khi",
    "nào",
    "ở",
    "đâu",
    "cần",
    "làm",
    "gì",
    "đầu",
    "tiên",
    "sau",
    "đó",
    "luôn",
    "có",
    "quyền",
    "được",
    "tôn",
    "trọng",
    "và",
    "của",
    "những",
    "với",
    "cho",
    "trong",
    "một",
    "các",
    "là",
    "để",
];
const EN: &[&str] = &[
    "violence",
    "home",
    "child",
    "children",
    "woman",
    "women",
    "safe",
    "safety",
    "trusted",
    "adult",
    "call",
    "now",
    "number",
    "phone",
    "help",
    "support",
    "neighbour",
    "community",
    "ward",
    "commune",
    "police",
    "protect",
    "body",
    "say",
    "no",
    "tell",
    "again",
    "listen",
    "calm",
    "remember",
    "residential",
    "group",
    "village",
    "shelter",
    "temporary",
    "advice",
    "free",
    "day",
    "night",
    "when",
    "where",
    "need",
    "do",
    "first",
    "then",
    "always",
    "right",
    "to",
    "be",
    "respected",
    "and",
    "of",
    "the",
    "with",
    "for",
    "in",
    "a",
    "is",
    "can",
    "you",
    "your",
    "someone",
    "who",
    "what",
    "if",
    "not",
    "alone",
    "ask",
    "keep",
    "going",
];

fn sentence(rng: &mut Rng, words: &[&str]) -> String {
    let n = 8 + rng.below(9);
    let mut s = String::new();
    for i in 0..n {
        let w = rng.pick(words);
        if i == 0 {
            let mut c = w.chars();
            let first = c.next().unwrap();
            s.extend(first.to_uppercase());
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn title(rng: &mut Rng, words: &[&str], i: usize) -> String {
    let mut t = String::new();
    for k in 0..(3 + rng.below(3)) {
        if k > 0 {
            t.push(' ');
        }
        t.push_str(rng.pick(words));
    }
    format!("{} {i}", capitalise(&t))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The page's section and slug.
fn place(i: usize) -> (&'static str, String) {
    (SECTIONS[i % SECTIONS.len()], format!("trang-{i}"))
}

fn body(rng: &mut Rng, words: &[&str], i: usize, pages: usize, lang: &str) -> String {
    let mut out = String::with_capacity(6000);
    let mut count = 0;
    let target = 600 + rng.below(300);
    let (section, _) = place(i);
    let other = |k: usize| place((i + k) % pages);
    let mut part = 0;
    while count < target {
        if part > 0 {
            let _ = writeln!(out, "## {}\n", title(rng, words, part));
        }
        for _ in 0..(2 + rng.below(3)) {
            let mut para = String::new();
            for _ in 0..(3 + rng.below(3)) {
                let s = sentence(rng, words);
                count += s.split(' ').count();
                para.push_str(&s);
                para.push(' ');
            }
            let _ = writeln!(out, "{}\n", para.trim_end());
        }
        match part % 4 {
            1 => {
                for _ in 0..4 {
                    let s = sentence(rng, words);
                    count += s.split(' ').count();
                    let _ = writeln!(out, "- {s}");
                }
                out.push('\n');
            }
            2 => {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |\n|---|---|---|",
                    rng.pick(words),
                    rng.pick(words),
                    rng.pick(words)
                );
                for r in 0..3 {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} |",
                        rng.pick(words),
                        111 + r,
                        rng.pick(words)
                    );
                }
                out.push('\n');
                count += 12;
            }
            3 => {
                // A link in every supported form.
                let (s1, p1) = other(1);
                let (s2, p2) = other(2);
                let (s3, p3) = other(3);
                let (s4, p4) = other(4);
                let relative = if s1 == section {
                    format!("../{p1}/")
                } else {
                    format!("../../{s1}/{p1}/")
                };
                let _ = writeln!(out, "- [{}]({relative})", rng.pick(words));
                let _ = writeln!(out, "- [{}](/{s2}/{p2}/)", rng.pick(words));
                let _ = writeln!(out, "- [{}](/en/{s3}/{p3}/)", rng.pick(words));
                let _ = writeln!(out, "- [{}](../{s4}/{p4}.md)\n", rng.pick(words));
                let _ = lang;
                count += 8;
            }
            _ => {}
        }
        part += 1;
    }
    out
}

fn page(rng: &mut Rng, i: usize, pages: usize, lang: &str, note: &str) -> String {
    let words = if lang == "vi" { VI } else { EN };
    let t = title(rng, words, i);
    let mut text = format!(
        "---\ntitle: \"{t}{note}\"\ndescription: \"{}\"\nweight: {}\n",
        sentence(rng, words),
        i % 97
    );
    if place(i).0 == "news" {
        let _ = writeln!(
            text,
            "date: 20{:02}-{:02}-{:02}",
            20 + i % 6,
            1 + i % 12,
            1 + i % 28
        );
    }
    text.push_str("---\n\n");
    text.push_str(&body(rng, words, i, pages, lang));
    text
}

/// Writes a campaign of `shape` under `root` (which must not exist).
pub fn generate(root: &Path, shape: Shape) -> std::io::Result<()> {
    let content = root.join("content");
    fs::create_dir_all(content.join("districts"))?;
    fs::create_dir_all(content.join("hotlines"))?;
    fs::write(
        content.join("site.yaml"),
        "title: { vi: \"Chiến dịch thử nghiệm\", en: \"Benchmark campaign\" }\nlanguages: [vi, en]\n\
         quick_exit_url: \"https://nchmf.gov.vn/\"\npinned_hotlines: [child-protection-111, police-113]\n\
         deploy_allowed:\n  - \"https://example.org/\"\n",
    )?;
    fs::write(
        content.join("hotlines/national.yaml"),
        "- { id: child-protection-111, name: { vi: \"Tổng đài 111\", en: \"Hotline 111\" }, phone: \"111\", category: emergency, cost: free, verified: 2026-11-01 }\n\
         - { id: police-113, name: { vi: \"Công an 113\", en: \"Police 113\" }, phone: \"113\", category: emergency, cost: free, verified: 2026-11-01 }\n\
         - { id: fire-114, name: { vi: \"Cứu hỏa 114\", en: \"Fire 114\" }, phone: \"114\", category: emergency, cost: free, verified: 2026-11-01 }\n\
         - { id: ambulance-115, name: { vi: \"Cấp cứu 115\", en: \"Ambulance 115\" }, phone: \"115\", category: emergency, cost: free, verified: 2026-11-01 }\n",
    )?;
    for (lang, suffix, name) in [("vi", "", "Trang chủ"), ("en", ".en", "Home")] {
        fs::write(
            content.join(format!("_index{suffix}.md")),
            format!("---\ntitle: \"{name}\"\n---\n\n{name}.\n"),
        )?;
        for (k, section) in SECTIONS.iter().chain(["hotlines"].iter()).enumerate() {
            fs::create_dir_all(content.join(section))?;
            fs::write(
                content.join(format!("{section}/_index{suffix}.md")),
                format!("---\ntitle: \"{section} ({lang})\"\nweight: {k}\n---\n\n{section}.\n"),
            )?;
        }
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..shape.pages {
        let (section, slug) = place(i);
        for (lang, suffix) in [("vi", ""), ("en", ".en")] {
            fs::write(
                content.join(format!("{section}/{slug}{suffix}.md")),
                page(&mut rng, i, shape.pages, lang, ""),
            )?;
        }
    }
    for d in 0..shape.districts {
        let slug = format!("phuong-{d}");
        let mut yaml = format!("name: {{ vi: \"Phường {d}\", en: \"Ward {d}\" }}\n");
        if d % 2 == 0 {
            let _ = writeln!(yaml, "base_url: \"https://phuong-{d}.example.org/\"");
        }
        if shape.hotlines > 0 {
            yaml.push_str("hotlines:\n");
        }
        for h in 0..shape.hotlines {
            let _ = writeln!(
                yaml,
                "  - {{ id: {slug}-so-{h}, name: {{ vi: \"Số {h} phường {d}\", en: \"Number {h} of ward {d}\" }}, phone: \"024 0000 {:04}\", category: police, cost: paid, example: true }}",
                (d * 10 + h) % 10_000
            );
        }
        fs::write(content.join(format!("districts/{slug}.yaml")), yaml)?;
        let own = content.join(format!("districts/{slug}"));
        for p in 0..shape.own_pages {
            fs::create_dir_all(own.join("news"))?;
            for (lang, suffix) in [("vi", ""), ("en", ".en")] {
                fs::write(
                    own.join(format!("news/rieng-{p}{suffix}.md")),
                    page(&mut rng, p * 5 + 2, shape.pages.max(5), lang, " (riêng)"),
                )?;
            }
        }
        for o in 0..shape.overrides.min(shape.pages) {
            let (section, page_slug) = place(o * 7 % shape.pages.max(1));
            fs::create_dir_all(own.join(section))?;
            fs::write(
                own.join(format!("{section}/{page_slug}.md")),
                page(&mut rng, o, shape.pages, "vi", " (địa phương)"),
            )?;
        }
    }
    Ok(())
}

/// Adds `count` news items, each in both languages with its own generated
/// photo (1600 × 1000 JPEG: a gradient and shapes, different in each).
pub fn photo_news(root: &Path, count: usize) -> std::io::Result<()> {
    photo_news_sized(root, count, (1600, 1000))
}

/// [`photo_news`] with photos of `width` × `height` (at least 500 × 400).
pub fn photo_news_sized(
    root: &Path,
    count: usize,
    (width, height): (u32, u32),
) -> std::io::Result<()> {
    let news = root.join("content/news");
    fs::create_dir_all(&news)?;
    fs::write(news.join("_index.md"), "---\ntitle: \"Tin tức\"\n---\n")?;
    fs::write(news.join("_index.en.md"), "---\ntitle: \"News\"\n---\n")?;
    for i in 0..count {
        let seed = i as u32;
        let photo = image::RgbImage::from_fn(width, height, |x, y| {
            let (cx, cy) = (
                width / 4 + (seed * 97) % (width / 2),
                height * 3 / 10 + (seed * 53) % (height * 2 / 5),
            );
            let d = (x as i64 - cx as i64).pow(2) + (y as i64 - cy as i64).pow(2);
            let r = i64::from(height / 4);
            if d < r * r {
                image::Rgb([240, (seed * 7 % 200) as u8, 60])
            } else {
                image::Rgb([
                    (x * 255 / width) as u8,
                    ((y * 255 / height + seed) % 256) as u8,
                    ((seed * 31) % 256) as u8,
                ])
            }
        });
        let name = format!("anh-{i:03}");
        let file = fs::File::create(news.join(format!("{name}.jpg")))?;
        let mut encoder =
            image::codecs::jpeg::JpegEncoder::new_with_quality(std::io::BufWriter::new(file), 80);
        encoder
            .encode_image(&photo)
            .map_err(std::io::Error::other)?;
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let year = 2020 + i / (28 * 12);
        for (suffix, title, alt) in [
            ("", "Tin ảnh", "Hình tròn trên nền nhiều màu"),
            (".en", "Photo news", "A circle on a coloured background"),
        ] {
            fs::write(
                news.join(format!("tin-{i:03}{suffix}.md")),
                format!(
                    "---\ntitle: \"{title} {i}\"\ndate: {year}-{month:02}-{day:02}\n---\n\n![{alt}]({name}.jpg)\n\n{title} {i}.\n"
                ),
            )?;
        }
    }
    Ok(())
}
