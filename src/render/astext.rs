//! Markdown that looks like a link or a picture but that CommonMark reads
//! as plain text, so the page would show the brackets and lose the link or
//! the photo without a word: an address with spaces (`![Ngày hội](Ảnh ngày
//! hội.jpg)`, the way Windows names photos), a `(` never closed, brackets
//! that do not pair, a reference (`[text][ref]`) with no definition. Pure:
//! it reads the text and the parser's events.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag};

/// What went wrong with one link or picture written in Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lost {
    /// The address has spaces: `written` is the address, `picture` whether
    /// it was a picture (`![…]`).
    Spaces {
        /// The address as written.
        written: String,
        /// `![…](…)` rather than `[…](…)`.
        picture: bool,
    },
    /// The `(` after `[…]` is never closed on its line.
    Unclosed {
        /// `![…]` rather than `[…]`.
        picture: bool,
    },
    /// `](` outside any link: brackets that do not pair.
    Unpaired,
    /// `[text][ref]` with no line `[ref]: address`.
    NoDefinition {
        /// The reference's name.
        reference: String,
    },
}

/// One place where Markdown meant as a link is published as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsText {
    /// Byte offset in the text.
    pub offset: usize,
    /// What went wrong.
    pub lost: Lost,
}

/// A reference the parser found no definition for: its span, kind and
/// name (from pulldown-cmark's broken-link callback).
pub type Broken = (Range<usize>, LinkType, String);

/// Every place in `text` where a link or picture is published as text,
/// in order. `events` are the parser's events with their ranges, `broken`
/// the references it could not resolve.
pub fn find(text: &str, events: &[(Event<'_>, Range<usize>)], broken: &[Broken]) -> Vec<AsText> {
    let mut found: Vec<AsText> = Vec::new();
    for (span, kind, reference) in broken {
        // `[text][ref]` and `[text][]` promise a definition; a lone
        // `[word]` is ordinary text (the `](` search below finds a lone
        // `[word]` followed by an address).
        if matches!(kind, LinkType::Reference | LinkType::Collapsed) && !reference.starts_with('^')
        {
            found.push(AsText {
                offset: span.start,
                lost: Lost::NoDefinition {
                    reference: reference.clone(),
                },
            });
        }
    }
    let covered = read_ranges(events);
    for (at, _) in text.match_indices("](") {
        if covered.iter().any(|r| r.contains(&at)) || text[..at].ends_with('\\') {
            continue;
        }
        found.push(AsText {
            offset: at,
            lost: classify(text, at),
        });
    }
    found.sort_by_key(|f| f.offset);
    found
}

/// The ranges the parser read as something else than text: links and
/// pictures, code, raw HTML.
fn read_ranges(events: &[(Event<'_>, Range<usize>)]) -> Vec<Range<usize>> {
    events
        .iter()
        .filter(|(e, _)| {
            matches!(
                e,
                Event::Start(
                    Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock
                ) | Event::Code(_)
                    | Event::Html(_)
                    | Event::InlineHtml(_)
            )
        })
        .map(|(_, r)| r.clone())
        .collect()
}

/// What is wrong with the `](` at `at`.
fn classify(text: &str, at: usize) -> Lost {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let before = &text[line_start..at];
    let Some(open) = before.rfind('[') else {
        return Lost::Unpaired;
    };
    if before[open + 1..].contains(']') {
        return Lost::Unpaired;
    }
    let picture = before[..open].ends_with('!');
    let after = &text[at + 2..line_end];
    match after.find(')') {
        None => Lost::Unclosed { picture },
        Some(close) => {
            let written = after[..close].trim();
            if written.chars().any(char::is_whitespace) {
                Lost::Spaces {
                    written: written.to_string(),
                    picture,
                }
            } else {
                Lost::Unpaired
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{BrokenLink, Options, Parser};

    fn lost(text: &str) -> Vec<Lost> {
        let mut broken = Vec::new();
        let events: Vec<_> = Parser::new_with_broken_link_callback(
            text,
            Options::ENABLE_FOOTNOTES,
            Some(|link: BrokenLink<'_>| {
                broken.push((
                    link.span.clone(),
                    link.link_type,
                    link.reference.to_string(),
                ));
                None
            }),
        )
        .into_offset_iter()
        .collect();
        find(text, &events, &broken)
            .into_iter()
            .map(|f| f.lost)
            .collect()
    }

    #[test]
    fn an_address_with_spaces_is_found() {
        assert_eq!(
            lost("Ảnh:\n\n![Ngày hội](Ảnh ngày hội.jpg)\n"),
            [Lost::Spaces {
                written: "Ảnh ngày hội.jpg".into(),
                picture: true
            }]
        );
        assert_eq!(
            lost("[Tờ rơi](to roi.pdf)"),
            [Lost::Spaces {
                written: "to roi.pdf".into(),
                picture: false
            }]
        );
    }

    #[test]
    fn what_commonmark_reads_is_not_reported() {
        for text in [
            "![Ngày hội](<Ảnh ngày hội.jpg>)",
            "[Gọi 111](../goi-111.md \"title\")",
            "[Gọi 111][goi]\n\n[goi]: ../goi-111.md",
            "`[a](b c)` and\n\n    [x](y z)\n",
            "a [note] in brackets, [^1] a footnote\n\n[^1]: note",
            "escaped \\](x y)",
        ] {
            assert_eq!(lost(text), [], "{text}");
        }
    }

    #[test]
    fn unpaired_brackets_unclosed_parentheses_and_missing_definitions() {
        assert_eq!(lost("[Gọi 111]](goi.md)"), [Lost::Unpaired]);
        assert_eq!(
            lost("[Gọi 111](goi.md\n"),
            [Lost::Unclosed { picture: false }]
        );
        assert_eq!(
            lost("[Gọi 111][goi]"),
            [Lost::NoDefinition {
                reference: "goi".into()
            }]
        );
    }
}
