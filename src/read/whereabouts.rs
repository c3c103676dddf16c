//! Text that says where a place is: a street address (`số 12 ngõ 34`,
//! `5 phố Huế`, `12 Hang Bac Street`), map coordinates (`21.0285,
//! 105.8542`) or a link to a map. A shelter is never published with its
//! whereabouts: if the person who hurt someone learns where the shelter
//! is, everyone in it is in danger. The patterns look for a number next to
//! a street word, so "địa chỉ tin cậy" (a trusted address, a kind of
//! community helper) and "đường dây nóng" (a hotline) are not addresses.
//! Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

/// Each pattern, read case-insensitively on the text in NFC.
static PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // "Địa chỉ: 12 …", "địa chỉ số 5"; "address: 12 …".
        r"(?i)\b(địa chỉ|address)\s*(:|là|is)?\s*(số\s*)?\d",
        // "số nhà 12", "nhà số 12".
        r"(?i)\b(số nhà|nhà số)\s*\d",
        // "ngõ 34", "ngách 12", "hẻm 5", "kiệt 7", "ngõ số 3", "hẻm 5/2".
        r"(?i)\b(ngõ|ngách|hẻm|kiệt)\s*(số\s*)?\d",
        // "12 phố Huế", "số 12A/3 đường Láng": a street's name starts
        // with a capital ("111, đường dây nóng" is not a street).
        r"(?i:\b\d+[a-z]?(/\d+[a-z]?)*,?\s+(phố|đường))\s+\p{Lu}",
        // "12 Hang Bac Street", "5 Ly Thuong Kiet St.", "Lane 12".
        r"\b\d+[A-Za-z]?\s+(\p{Lu}\p{L}*\s+){1,4}(?i:(street|road|avenue|lane|alley|boulevard)\b|(st|rd|ave)\.)",
        r"(?i)\b(lane|alley)\s+\d",
        // Map coordinates: "21.0285, 105.8542" (four decimals or more:
        // prices group thousands by three, "50.000, 100.000 đồng"),
        // "21°01'N".
        r"-?\b\d{1,3}\.\d{4,}\s*[,;]\s*-?\d{1,3}\.\d{4,}\b",
        r"\d{1,3}\s*°\s*\d{1,2}\s*['′]",
        // Links to maps (and `geo:` addresses).
        r"(?i)(maps\.google\.|google\.[a-z.]+/maps|goo\.gl/maps|maps\.app\.goo\.gl|openstreetmap\.org|\bosm\.org|maps\.apple\.com|bing\.com/maps|\bw3w\.co|what3words\.com|\bgeo:\s*-?\d)",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("the patterns are valid"))
    .collect()
});

/// At most this many characters after what was found are shown with it.
const SHOWN_AFTER: usize = 40;

/// What in `text` gives a place's whereabouts, as written, if anything:
/// what was found and the rest of its phrase (`ngõ 34 phố Huế`).
pub fn whereabouts(text: &str) -> Option<&str> {
    let found = PATTERNS
        .iter()
        .filter_map(|p| p.find(text))
        .min_by_key(|m| m.start())?;
    let rest = &text[found.end()..];
    let mut end = found.end();
    let mut chars = rest.char_indices().peekable();
    let mut count = 0;
    while let Some((i, c)) = chars.next() {
        let sentence_end = c == '.' && chars.peek().is_none_or(|(_, next)| next.is_whitespace());
        if sentence_end || ";()[]<>\"\n".contains(c) || count == SHOWN_AFTER {
            break;
        }
        end = found.end() + i + c.len_utf8();
        count += 1;
    }
    Some(
        text[found.start()..end]
            .trim_end_matches([' ', ',', ':'])
            .trim(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_coordinates_and_maps_are_found() {
        for text in [
            "Địa chỉ: 12 Hàng Bạc, Hoàn Kiếm",
            "Nhà tạm lánh ở số 5 ngõ 34 phố Huế",
            "ngõ 102 Trường Chinh",
            "Hẻm 5/2 Lê Lợi",
            "cuối ngách 12",
            "12 phố Huế",
            "số 12A/3 đường Láng",
            "The shelter is at 12 Hang Bac Street.",
            "5 Ly Thuong Kiet St., Hanoi",
            "Address: 3 Lane 12",
            "21.0285, 105.8542",
            "21°01'N 105°51'E",
            "https://maps.app.goo.gl/abc",
            "https://www.google.com/maps/place/x",
            "https://www.openstreetmap.org/#map=18/21.02/105.85",
            "geo:21.02,105.85",
        ] {
            assert!(whereabouts(text).is_some(), "{text}");
        }
    }

    #[test]
    fn the_rest_of_the_phrase_is_shown() {
        assert_eq!(
            whereabouts("Nhà ở số 5 ngõ 34 phố Huế. Gọi 111."),
            Some("ngõ 34 phố Huế")
        );
        assert_eq!(
            whereabouts("At 21.0285, 105.8542 (the old school)"),
            Some("21.0285, 105.8542")
        );
    }

    #[test]
    fn words_that_are_not_whereabouts_are_not_found() {
        for text in [
            "Địa chỉ tin cậy là một người, một gia đình hay một cơ quan.",
            "Vì sao chúng tôi không đăng địa chỉ?",
            "Gọi đường dây nóng 111, 24/7.",
            "Thành phố Hà Nội có 126 phường, xã.",
            "Tính đến tháng 12/2026, chúng tôi chưa kiểm tra được.",
            "Luật Phòng, chống bạo lực gia đình 2022",
            "Call 111 any time, 24/7, free of charge.",
            "mở cửa từ năm 2007",
            "Điều 3.2, khoản 1.5",
            "Gọi số 113 Công an khi nguy hiểm.",
            "Gọi 111, đường dây nóng miễn phí.",
            "Phí 50.000, 100.000 đồng",
            "Call 111 on the road home.",
        ] {
            assert_eq!(whereabouts(text), None, "{text}");
        }
    }
}
