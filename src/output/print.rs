//! Printed material: what a district's poster and folded leaflet show
//! (its pinned hotlines that are not example data, as many as fit whole,
//! the address of its site in one language), which of the campaign's
//! pages go on the leaflet and how much of them fits, and the QR code
//! leading to the site, drawn as inline SVG. Pure, no I/O.

use qrcode::{Color, EcLevel, QrCode};

use crate::model::{DistrictView, Entry, Site, SourceId};
use crate::read::config::Config;
use crate::read::hotlines::{Hotline, Hotlines};
use crate::render::context::HotlineCtx;
use crate::render::markdown::{TextBlock, sections, text_blocks};

/// The pinned hotlines a poster of `district` may print (the campaign's,
/// then the district's own): example data never goes on paper, where
/// nobody can correct it.
pub fn poster_hotlines<'a>(
    hotlines: &'a Hotlines,
    config: &Config,
    district: &str,
) -> Vec<&'a Hotline> {
    hotlines
        .pinned_in(config, district)
        .into_iter()
        .filter(|h| !h.example)
        .collect()
}

/// A printed sheet that shows the pinned numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// The A4 poster, one page.
    Poster,
    /// The leaflet's cover, half of an A4 landscape side.
    Leaflet,
}

/// How the default theme's print styles (`loa.css`, `@media print`) lay
/// out a sheet's title, numbers, advice and QR code, in CSS pixels as
/// Chromium prints them (measured with `tests/browser/print.js`); widths
/// of characters as fractions of the font size, on the side of too wide.
struct Layout {
    /// Height and width of the page or panel inside its margins.
    room: f64,
    width: f64,
    /// The title: font size, line height, and the space under it.
    title: (f64, f64, f64),
    /// The district's line: font size, line height, and the space under it.
    district: (f64, f64, f64),
    /// The advice: font size, line height, the space around it, and the
    /// width its border and padding take.
    advice: (f64, f64, f64, f64),
    /// The QR code and the address beside it.
    qr: f64,
    /// What the list's own margin adds under the last number's (the
    /// poster's collapses into the advice's).
    after_list: f64,
    /// A number's box: border and padding (height, width), and the space
    /// under it.
    boxed: (f64, f64, f64),
    /// A number: font size and line height.
    number: (f64, f64),
    /// The text beside or under the number: font size, line height.
    text: (f64, f64),
}

const POSTER_LAYOUT: Layout = Layout {
    room: 1031.8,
    width: 703.0,
    title: (45.3, 57.0, 5.3),
    district: (26.7, 35.0, 13.3),
    advice: (26.7, 34.5, 37.3, 20.0),
    qr: 227.0,
    after_list: 0.0,
    boxed: (24.0, 34.7, 10.7),
    number: (80.0, 88.0),
    text: (20.0, 29.0),
};

const LEAFLET_LAYOUT: Layout = Layout {
    room: 718.1,
    width: 485.8,
    title: (32.0, 37.0, 5.3),
    district: (20.0, 26.0, 10.7),
    advice: (20.0, 26.0, 24.0, 18.7),
    qr: 159.0,
    after_list: 8.0,
    boxed: (17.3, 28.0, 8.0),
    number: (53.3, 58.7),
    text: (17.3, 27.0),
};

/// The numbers of a number's box, as a sheet shows it.
pub struct SheetNumber<'a> {
    /// The number as written.
    pub phone: &'a str,
    /// The name, with the cost label and hours that follow it.
    pub name: String,
    /// The description (the poster shows it under the name).
    pub description: &'a str,
}

/// Lines `text` takes at `size` px in `width` px, each character taken at
/// `em` of the size.
fn lines(text: &str, size: f64, em: f64, width: f64) -> f64 {
    let chars = text.chars().count() as f64;
    (chars * size * em / width).ceil().max(1.0)
}

/// The gap between a number and its text beside it (1rem), the least
/// width of that text (14rem), and the gap under a number when its text
/// goes under it (0.25rem), in CSS pixels (`.sheet-hotlines li`).
const GAP: f64 = 16.0;
const TEXT_MIN: f64 = 224.0;
const ROW_GAP: f64 = 4.0;

/// Height of one number's box and the space under it, with its
/// description under its name or without.
fn number_height(layout: &Layout, n: &SheetNumber<'_>, descriptions: bool) -> f64 {
    let (box_h, box_w, gap) = layout.boxed;
    let inner = layout.width - box_w;
    let (number_size, number_line) = layout.number;
    let (text_size, text_line) = layout.text;
    // Digits and spaces of the heavy face measure 0.52 em, with 0.03 em
    // of spacing: taken at 0.65.
    let number_w = n.phone.chars().count() as f64 * number_size * 0.65;
    let beside = number_w + GAP + TEXT_MIN <= inner;
    let text_w = if beside {
        inner - number_w - GAP
    } else {
        inner
    };
    let mut text_lines = lines(&n.name, text_size, 0.56, text_w);
    if descriptions && !n.description.is_empty() {
        text_lines += lines(n.description, text_size, 0.52, text_w);
    }
    let text_h = text_lines * text_line;
    let content = if beside {
        number_line.max(text_h)
    } else {
        number_line + ROW_GAP + text_h
    };
    box_h + content + gap
}

/// How many of `numbers`, first to last, fit whole on `sheet` with its
/// title, district name, advice and QR code, with their descriptions or
/// without: the rest would be cut off (the leaflet's cover) or pushed
/// onto a second page (the poster), so they are left off, the line `more`
/// (that more numbers are on the site) put in their place, and `loa
/// check` says so.
pub fn numbers_that_fit(
    sheet: Sheet,
    texts: [&str; 4],
    numbers: &[SheetNumber<'_>],
    descriptions: bool,
) -> usize {
    let [title, district, advice, more] = texts;
    let layout = match sheet {
        Sheet::Poster => &POSTER_LAYOUT,
        Sheet::Leaflet => &LEAFLET_LAYOUT,
    };
    let (size, line, after) = layout.title;
    let mut used = lines(title, size, 0.6, layout.width) * line + after;
    let (size, line, after) = layout.district;
    used += lines(district, size, 0.6, layout.width) * line + after;
    let (size, line, around, side) = layout.advice;
    used += lines(advice, size, 0.56, layout.width - side) * line + around;
    used += layout.qr + layout.after_list;
    let heights: Vec<f64> = numbers
        .iter()
        .map(|n| number_height(layout, n, descriptions))
        .collect();
    if used + heights.iter().sum::<f64>() <= layout.room {
        return numbers.len();
    }
    let (size, line) = layout.text;
    used += lines(more, size, 0.56, layout.width) * line + layout.boxed.2;
    heights
        .iter()
        .scan(used, |used, h| {
            *used += h;
            Some(*used)
        })
        .take_while(|&u| u <= layout.room)
        .count()
}

/// The pinned numbers of a sheet, fit for paper (see [`poster_hotlines`]).
pub struct OnPaper<'h> {
    /// Those that fit on it whole, first to last.
    pub shown: Vec<HotlineCtx<'h>>,
    /// Those left off.
    pub left: Vec<HotlineCtx<'h>>,
    /// Whether the poster shows their descriptions: not when the numbers
    /// fit only without them (a number matters more than what it is for).
    pub descriptions: bool,
}

/// The pinned numbers a sheet of the district `slug` shows in `lang`.
pub fn sheet_numbers<'h>(
    site: &'h Site,
    renderer: &crate::render::Renderer,
    slug: &str,
    lang: &str,
    sheet: Sheet,
) -> OnPaper<'h> {
    let config = &site.config;
    let default = config.default_lang();
    let mut all: Vec<HotlineCtx<'h>> = poster_hotlines(&site.hotlines, config, slug)
        .into_iter()
        .map(|h| renderer.hotline_ctx(h, lang, default))
        .collect();
    let numbers: Vec<SheetNumber<'_>> = all
        .iter()
        .map(|h| SheetNumber {
            phone: h.phone,
            name: format!(
                "{} {} · {}",
                h.name,
                h.cost.as_ref().map_or("", |c| c.label.as_str()),
                h.hours
            ),
            description: h.description,
        })
        .collect();
    let name = config
        .districts
        .iter()
        .find(|d| d.slug == slug)
        .map_or("", |d| crate::read::values::pick(&d.name, lang, default));
    let district = format!(
        "{}: {name}",
        crate::read::values::pick(&config.unit_label, lang, default)
    );
    let t = &renderer.strings[lang];
    let texts = [
        crate::read::values::pick(&config.title, lang, default),
        &district,
        t.get("poster_advice"),
        t.get("sheet_more_numbers"),
    ];
    let with =
        sheet == Sheet::Poster && numbers_that_fit(sheet, texts, &numbers, true) == numbers.len();
    let fit = numbers_that_fit(sheet, texts, &numbers, with);
    let left = all.split_off(fit.min(all.len()));
    OnPaper {
        shown: all,
        left,
        descriptions: with,
    }
}

/// The address of a district's site in `lang`, from its `base_url`.
pub fn site_url(config: &Config, base_url: &str, lang: &str) -> String {
    let base = if base_url.ends_with('/') {
        base_url.to_string()
    } else {
        format!("{base_url}/")
    };
    format!("{base}{}", config.lang_prefix(lang))
}

/// Characters of body text in one line of a leaflet column (12 pt type in
/// a column 128.5 mm wide), a little under what Chromium fits, so the
/// estimate errs towards room to spare.
pub const LEAFLET_LINE_CHARS: usize = 60;

/// Lines of body text, as [`leaflet_lines`] estimates them, the inside of
/// the leaflet holds: two columns of 190 mm at 12 pt with a line height of
/// 1.3 hold 2 × 34.5 lines, less three for the breaks between columns. The
/// estimate came out 5 to 13 % over what Chromium takes for each of the 22
/// bundled skill pages in both languages, so 66 estimated lines are at
/// most 63 real ones.
pub const LEAFLET_LINES: usize = 66;

/// A page printed on a leaflet: which of a district's entries, the file
/// shown in the leaflet's language, and how much of its Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeafletPart {
    /// Index in the district's entries.
    pub entry: usize,
    /// The file shown (the translation, or the original in its place).
    pub source: SourceId,
    /// The file whose front matter put it on the leaflet.
    pub marked_in: SourceId,
    /// The end (in bytes) of the part of its body printed.
    pub end: usize,
    /// The lines it takes, estimated.
    pub lines: usize,
}

/// Lines of body text, estimated as for [`LEAFLET_LINES`], the back of the
/// leaflet holds: one column of 190 mm, less four lines for the note at
/// its foot and one for the break.
pub const LEAFLET_BACK_LINES: usize = 29;

/// What goes on a district's leaflet in one language: the marked pages
/// that fit, in their order, inside and then on the back, and those left
/// off for want of room (whole: a leaflet never stops in the middle of a
/// page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Leaflet {
    /// The pages printed inside, in order.
    pub parts: Vec<LeafletPart>,
    /// The pages printed on the back, in order: those that no longer fit
    /// inside but fit there.
    pub back: Vec<LeafletPart>,
    /// The marked pages that did not fit, with the lines left for them
    /// (the larger room of the two).
    pub left_off: Vec<(LeafletPart, usize)>,
}

impl Leaflet {
    /// Whether nothing is printed (no page marked, or none fits).
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty() && self.back.is_empty()
    }
}

/// Where a page is put on the leaflet: the first of its files that says
/// `leaflet:`, in this order: the file shown in `lang`, the page in the
/// campaign's first language, and, for a district's own version of a page,
/// the shared page in `lang` and in the first language.
pub fn leaflet_mark(site: &Site, entry: &Entry, lang: &str) -> Option<SourceId> {
    let default = site.config.default_lang();
    let shown = site.variant(entry, lang).map(|(s, _)| s);
    let original = site.variant(entry, default).map(|(s, _)| s);
    let page = &site.pages[entry.page];
    let shared = [page.variants.get(lang), page.variants.get(default)];
    [shown, original]
        .into_iter()
        .chain(shared.into_iter().map(|s| s.copied()))
        .flatten()
        .find(|&s| site.sources[s].front.leaflet.is_some())
}

/// The leaflet of `view` in `lang`: the pages marked `leaflet: N` in the
/// order of N (then of their addresses), each cut after its
/// `leaflet_sections`, each put inside while the estimate says it fits
/// there, else on the back if it fits there.
pub fn leaflet(site: &Site, view: &DistrictView, lang: &str) -> Leaflet {
    let mut marked: Vec<(u32, &str, LeafletPart)> = Vec::new();
    for (i, entry) in view.entries.iter().enumerate() {
        let (Some((source, _)), Some(marked_in)) =
            (site.variant(entry, lang), leaflet_mark(site, entry, lang))
        else {
            continue;
        };
        let front = &site.sources[marked_in].front;
        let order = front.leaflet.map_or(u32::MAX, |n| n.value.get());
        let src = &site.sources[source];
        let cut = front
            .leaflet_sections
            .and_then(|n| sections(&src.body).get(n.value.get() as usize).copied())
            .unwrap_or(src.body.len());
        let part = LeafletPart {
            entry: i,
            source,
            marked_in,
            end: cut,
            lines: leaflet_lines(&src.front.title, &src.body[..cut]),
        };
        marked.push((order, &site.pages[entry.page].path, part));
    }
    marked.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let (mut inside, mut back) = (LEAFLET_LINES, LEAFLET_BACK_LINES);
    let mut leaflet = Leaflet::default();
    for (_, _, part) in marked {
        if part.lines <= inside {
            inside -= part.lines;
            leaflet.parts.push(part);
        } else if part.lines <= back {
            back -= part.lines;
            leaflet.back.push(part);
        } else {
            leaflet.left_off.push((part, inside.max(back)));
        }
    }
    leaflet
}

/// The lines a page's title and Markdown take in a leaflet column,
/// estimated: each block whole lines of [`LEAFLET_LINE_CHARS`], headings
/// in larger type, and the space between blocks.
pub fn leaflet_lines(title: &str, markdown: &str) -> usize {
    let wrap = |chars: usize, width: usize| chars.div_ceil(width.max(1)).max(1);
    let full = LEAFLET_LINE_CHARS;
    // Tenths of a line, summed, then rounded up.
    let title_tenths = wrap(title.chars().count(), full * 2 / 3) * 14 + 6;
    let body: usize = text_blocks(markdown)
        .iter()
        .map(
            |&TextBlock {
                 heading,
                 item,
                 chars,
             }| match (heading, item) {
                (Some(_), _) => wrap(chars, full * 5 / 6) * 11 + 7,
                (None, true) => wrap(chars, full - 3) * 10 + 1,
                (None, false) => wrap(chars, full) * 10 + 4,
            },
        )
        .sum();
    (title_tenths + body).div_ceil(10)
}

/// A QR code for `text` as an SVG element: error correction level Q (a
/// quarter of the code may be smudged, folded or badly printed on cheap
/// paper and it still reads), a quiet zone of four modules, black on white
/// whatever the page's colours. `label` is its text alternative. None when
/// `text` is too long for any QR code.
pub fn qr_svg(text: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::Q)
        .or_else(|_| QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L))
        .ok()?;
    let width = code.width();
    let quiet = 4;
    let size = width + 2 * quiet;
    let colors = code.to_colors();
    let mut path = String::new();
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if colors[y * width + x] == Color::Dark {
                let start = x;
                while x < width && colors[y * width + x] == Color::Dark {
                    x += 1;
                }
                path.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + quiet,
                    y + quiet,
                    x - start,
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>",
        crate::render::markdown::escape(label)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaflet_lines_grow_with_the_text_and_its_blocks() {
        let one = leaflet_lines("Title", "A short paragraph.\n");
        let wrapped = leaflet_lines("Title", &format!("{}\n", "word ".repeat(60)));
        assert!(wrapped > one, "{wrapped} > {one}");
        let split = leaflet_lines("Title", "A.\n\nB.\n\nC.\n\nD.\n");
        assert!(split > one, "four paragraphs take more room than one");
        assert!(leaflet_lines("Title", "") >= 2, "a title takes room too");
    }

    #[test]
    fn a_qr_code_has_its_quiet_zone_and_a_text_alternative() {
        let svg = qr_svg("https://quan-a.example.org/en/", "QR <code>").expect("fits");
        assert!(svg.starts_with("<svg class=\"qr\""));
        assert!(svg.contains("aria-label=\"QR &lt;code&gt;\""));
        // These 30 bytes at level Q need version 3: 29 modules, plus 4 on
        // each side.
        assert!(svg.contains("viewBox=\"0 0 37 37\""), "{svg}");
        // Nothing is drawn in the quiet zone.
        assert!(!svg.contains("M0 ") && !svg.contains("M1 ") && !svg.contains("M3 "));
    }

    #[test]
    fn an_address_too_long_for_any_code_has_none() {
        let long = format!("https://quan-a.example.org/{}/", "x".repeat(3000));
        assert!(qr_svg(&long, "QR").is_none());
    }
}
