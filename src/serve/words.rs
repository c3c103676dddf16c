//! The desk's words come from the staff-language catalogue
//! (`src/i18n/<lang>/desk.ftl`), in the language of the desk being shown
//! (`/?lang=en`), not the terminal's: Vietnamese for `vi`, English for any
//! other language of the campaign.

use crate::i18n::{Lang, Msg};

/// The catalogue's language for a desk language code.
pub fn staff(lang: &str) -> Lang {
    if lang == "vi" { Lang::Vi } else { Lang::En }
}

/// `message` in the desk language `lang`.
pub fn word(lang: &str, message: Msg) -> String {
    message.text_in(staff(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_speaks_its_page_s_language() {
        assert_eq!(word("vi", Msg::new("desk-back")), "Về bàn biên tập");
        assert_eq!(word("en", Msg::new("desk-back")), "Back to the desk");
        assert_eq!(word("fr", Msg::new("desk-back")), "Back to the desk");
        assert_eq!(
            word("en", crate::msg!("desk-check-failed", n = 3usize)),
            "3 errors to fix before publishing."
        );
        assert_eq!(
            word("en", crate::msg!("desk-check-failed", n = 1usize)),
            "1 error to fix before publishing."
        );
    }
}
