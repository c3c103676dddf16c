//! The desk's words come from the staff-language catalogue
//! (`src/i18n/<lang>/desk.ftl`), in the language of the desk being shown
//! (`/?lang=en`), not the terminal's: Vietnamese for `vi`, English for any
//! other language of the campaign. The catalogue (and the theme's desk
//! strings) mark names to type with backticks (`loa check`), as a terminal
//! shows them; on a desk page they are `<code>` ([`marked`]).

use crate::i18n::{Lang, Msg};
use crate::render::markdown::escape;

/// The catalogue's language for a desk language code.
pub fn staff(lang: &str) -> Lang {
    if lang == "vi" { Lang::Vi } else { Lang::En }
}

/// `message` in the desk language `lang`.
pub fn word(lang: &str, message: Msg) -> String {
    message.text_in(staff(lang))
}

/// A catalogue text as HTML for an element's content: escaped, and each
/// `code` span the catalogue marks with backticks (`loa check`,
/// `draft: true`) shown as `<code>`, never as literal backticks. Spans are
/// paired within a line; a lone backtick (one a person wrote) stays.
pub fn marked(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            html.push('\n');
        }
        let pieces: Vec<&str> = line.split('`').collect();
        // An even number of backticks makes an odd number of pieces; an
        // odd number leaves the last one unpaired.
        let paired = if pieces.len() % 2 == 1 {
            pieces.len()
        } else {
            pieces.len() - 1
        };
        for (j, piece) in pieces.iter().enumerate() {
            if j >= paired {
                html.push('`');
                html.push_str(&escape(piece));
            } else if j % 2 == 1 {
                html.push_str("<code>");
                html.push_str(&escape(piece));
                html.push_str("</code>");
            } else {
                html.push_str(&escape(piece));
            }
        }
    }
    html
}

/// A catalogue text for an attribute or a `<title>`, where no element
/// can stand: escaped, its backticks dropped.
pub fn unmarked(text: &str) -> String {
    escape(&text.replace('`', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks_become_code_and_everything_is_escaped() {
        assert_eq!(
            marked("run `loa check` & <b>"),
            "run <code>loa check</code> &amp; &lt;b&gt;"
        );
        assert_eq!(
            marked("`a<` and `b`"),
            "<code>a&lt;</code> and <code>b</code>"
        );
        // Pairs never span lines; a lone backtick stays.
        assert_eq!(marked("a ` b\nc `d` e"), "a ` b\nc <code>d</code> e");
        assert_eq!(marked("x `y` z`"), "x <code>y</code> z`");
        assert_eq!(
            unmarked("set `verified:` \"now\""),
            "set verified: &quot;now&quot;"
        );
    }

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
