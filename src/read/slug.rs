//! Slugs: the ASCII names in URLs, made from Vietnamese (or any) text.
//! `Kỹ năng đường dây nóng` becomes `ky-nang-duong-day-nong`.

/// Makes a URL slug: lowercase ASCII letters and digits joined by single
/// hyphens. Vietnamese tone marks are dropped and `đ` becomes `d`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        let ascii = match c {
            'đ' | 'Đ' => "d",
            c if c.is_ascii() => {
                if c.is_ascii_alphanumeric() {
                    push(&mut out, &mut pending_hyphen, c.to_ascii_lowercase());
                } else {
                    pending_hyphen = true;
                }
                continue;
            }
            c => deunicode::deunicode_char(c).unwrap_or(" "),
        };
        for a in ascii.chars() {
            if a.is_ascii_alphanumeric() {
                push(&mut out, &mut pending_hyphen, a.to_ascii_lowercase());
            } else {
                pending_hyphen = true;
            }
        }
    }
    out
}

fn push(out: &mut String, pending_hyphen: &mut bool, c: char) {
    if *pending_hyphen && !out.is_empty() {
        out.push('-');
    }
    *pending_hyphen = false;
    out.push(c);
}

/// Is `text` already a valid slug (what [`slugify`] could produce)?
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slugify(text) == text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_titles() {
        assert_eq!(slugify("Kỹ năng đường dây nóng"), "ky-nang-duong-day-nong");
        assert_eq!(slugify("Đề án 2022–2026"), "de-an-2022-2026");
        assert_eq!(slugify("  Làng quê an toàn!  "), "lang-que-an-toan");
        assert_eq!(slugify("Tổ dân phố \"an toàn\""), "to-dan-pho-an-toan");
    }

    #[test]
    fn every_tone_mark_on_every_vowel() {
        let vowels = [
            ("a", "aàáảãạ"),
            ("a", "ăằắẳẵặ"),
            ("a", "âầấẩẫậ"),
            ("e", "eèéẻẽẹ"),
            ("e", "êềếểễệ"),
            ("i", "iìíỉĩị"),
            ("o", "oòóỏõọ"),
            ("o", "ôồốổỗộ"),
            ("o", "ơờớởỡợ"),
            ("u", "uùúủũụ"),
            ("u", "ưừứửữự"),
            ("y", "yỳýỷỹỵ"),
        ];
        for (base, forms) in vowels {
            for c in forms.chars() {
                assert_eq!(slugify(&c.to_string()), base, "lowercase {c}");
                let upper: String = c.to_uppercase().collect();
                assert_eq!(slugify(&upper), base, "uppercase {upper}");
            }
        }
        assert_eq!(slugify("đĐ"), "dd");
    }

    #[test]
    fn decomposed_input_gives_the_same_slug() {
        // "ệ" written as e + circumflex + dot below (NFD).
        assert_eq!(
            slugify("Be\u{0302}\u{0323}nh vie\u{0302}\u{0323}n"),
            "benh-vien"
        );
    }

    #[test]
    fn is_slug_accepts_only_clean_slugs() {
        assert!(is_slug("ba-dinh"));
        assert!(is_slug("soc-son-2"));
        assert!(!is_slug("Ba-Dinh"));
        assert!(!is_slug("ba--dinh"));
        assert!(!is_slug("-ba"));
        assert!(!is_slug(""));
    }
}
