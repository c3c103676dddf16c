//! Printed material: what a district's poster shows (its pinned hotlines
//! that are not example data, the address of its site in one language) and
//! the QR code leading there, drawn as inline SVG. Pure, no I/O.

use qrcode::{Color, EcLevel, QrCode};

use crate::config::Config;
use crate::hotlines::{Hotline, Hotlines};

/// The pinned hotlines a poster may print: example data never goes on
/// paper, where nobody can correct it.
pub fn poster_hotlines<'a>(hotlines: &'a Hotlines, config: &Config) -> Vec<&'a Hotline> {
    hotlines
        .pinned(config)
        .into_iter()
        .filter(|h| !h.example)
        .collect()
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

/// A QR code for `text` as an SVG element: error correction level Q (a
/// quarter of the code may be smudged, folded or badly printed on cheap
/// paper and it still reads), a quiet zone of four modules, black on white
/// whatever the page's colours. `label` is its text alternative.
pub fn qr_svg(text: &str, label: &str) -> String {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::Q)
        .or_else(|_| QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L))
        .expect("a web address fits in a QR code");
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
    format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>",
        crate::markdown::escape(label)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qr_code_has_its_quiet_zone_and_a_text_alternative() {
        let svg = qr_svg("https://quan-a.example.org/en/", "QR <code>");
        assert!(svg.starts_with("<svg class=\"qr\""));
        assert!(svg.contains("aria-label=\"QR &lt;code&gt;\""));
        // These 30 bytes at level Q need version 3: 29 modules, plus 4 on
        // each side.
        assert!(svg.contains("viewBox=\"0 0 37 37\""), "{svg}");
        // Nothing is drawn in the quiet zone.
        assert!(!svg.contains("M0 ") && !svg.contains("M1 ") && !svg.contains("M3 "));
    }
}
