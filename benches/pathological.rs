//! Pathological Markdown: one page of each construct at the page size
//! limit (just under 2 MiB), generated, never committed. Each page is the
//! worst a ward could send of one kind (100k footnote references, 100k
//! unbalanced emphasis marks, a table whose header has thousands of
//! columns and whose rows have one…), so a build of each shows whether
//! any path of loa is worse than linear in the size of a page.
//!
//! Used by `benches/build.rs` (`cargo bench --bench build --
//! pathological`) and by the test suite, which builds small versions.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// The size every page is made to: a little under the 2 MiB a page may be.
pub const PAGE_BYTES: usize = 2 * 1_048_576 - 4096;

/// Makes a page body of about the given size in bytes.
pub type Make = fn(usize) -> String;

/// Every case: its name and the body it makes of about `size` bytes.
pub const CASES: &[(&str, Make)] = &[
    ("footnotes-distinct", footnotes_distinct),
    ("footnotes-same", footnotes_same),
    ("references", references),
    ("emphasis", emphasis),
    ("emphasis-nested", emphasis_nested),
    ("table-rows", table_rows),
    ("table-wide-header", table_wide_header),
    ("tables-many-wide", tables_many_wide),
    ("lists", lists),
    ("lists-nested", lists_nested),
    ("links", links),
    ("links-unclosed", links_unclosed),
    ("headings-same", headings_same),
    ("headings-ids", headings_ids),
    ("entities", entities),
    ("raw-html-block", raw_html_block),
    ("raw-html-inline", raw_html_inline),
    ("raw-html-images", raw_html_images),
    ("raw-html-nested", raw_html_nested),
    ("raw-html-attributes", raw_html_attributes),
    ("raw-html-links-escaped", raw_html_links_escaped),
];

/// Repeats `unit(i)` until the text reaches `size` bytes.
fn fill(size: usize, mut unit: impl FnMut(usize, &mut String)) -> String {
    let mut out = String::with_capacity(size + 256);
    let mut i = 0;
    while out.len() < size {
        unit(i, &mut out);
        i += 1;
    }
    out
}

/// `[^n]` references to distinct notes, then every note's definition.
pub fn footnotes_distinct(size: usize) -> String {
    let half = size / 2;
    let mut n = 0;
    let mut text = fill(half, |i, out| {
        n = i + 1;
        let _ = write!(out, "x[^{i}] ");
    });
    text.push_str("\n\n");
    for i in 0..n {
        if text.len() >= size {
            break;
        }
        let _ = writeln!(text, "[^{i}]: n{i}\n");
    }
    text
}

/// The report's case: 100k references to one note.
pub fn footnotes_same(size: usize) -> String {
    let mut text = fill(size - 32, |_, out| out.push_str("a[^n] "));
    text.push_str("\n\n[^n]: the note\n");
    text
}

/// Reference-style links: many uses, each with its definition (to another
/// website: a link to a missing page, or a use without a definition, is
/// an error of its own).
pub fn references(size: usize) -> String {
    let (mut uses, mut definitions) = (String::new(), String::new());
    for i in 0.. {
        let used = format!("[t][r{i}] ");
        let defined = format!("[r{i}]: https://example.org/p{i}\n");
        if uses.len() + definitions.len() + used.len() + defined.len() + 2 > size {
            break;
        }
        uses.push_str(&used);
        definitions.push_str(&defined);
    }
    format!("{uses}\n\n{definitions}")
}

/// Unbalanced emphasis delimiters of every kind, the classic quadratic
/// case of CommonMark parsers.
pub fn emphasis(size: usize) -> String {
    fill(size, |i, out| {
        out.push_str(match i % 4 {
            0 => "*a ",
            1 => "_b ",
            2 => "**c ",
            _ => "~~d ",
        })
    })
}

/// Openers first, then closers: deep nesting of emphasis.
pub fn emphasis_nested(size: usize) -> String {
    let half = size / 2;
    let mut text = fill(half, |i, out| {
        out.push_str(if i % 2 == 0 { "*a " } else { "_b " })
    });
    let opened = text.len() / 3;
    for i in 0..opened {
        text.push_str(if (opened - 1 - i) % 2 == 0 {
            " a*"
        } else {
            " b_"
        });
    }
    text
}

/// A table of many short rows.
pub fn table_rows(size: usize) -> String {
    let mut text = String::from("| a | b | c |\n|---|---|---|\n");
    text.push_str(&fill(size, |i, out| {
        let _ = writeln!(out, "| {i} | x | y |");
    }));
    text
}

/// A header of thousands of columns and rows of one cell each: a parser
/// that pads every row to the header's width writes columns × rows cells.
pub fn table_wide_header(size: usize) -> String {
    let columns = (size / 8).min(5_000);
    let mut text = String::new();
    text.push_str(&"|a".repeat(columns));
    text.push_str("|\n");
    text.push_str(&"|-".repeat(columns));
    text.push_str("|\n");
    let rows = fill(size.saturating_sub(text.len()), |_, out| {
        out.push_str("|x\n")
    });
    text.push_str(&rows);
    text
}

/// Many tables, each with a header of 256 columns and rows of one cell:
/// the most cells filled in for each byte written.
pub fn tables_many_wide(size: usize) -> String {
    let table = format!(
        "{}|\n{}|\n{}\n",
        "|a".repeat(256),
        "|-".repeat(256),
        "|x\n".repeat(341)
    );
    fill(size, |_, out| out.push_str(&table))
}

/// Many list items.
pub fn lists(size: usize) -> String {
    fill(size, |i, out| {
        let _ = writeln!(out, "- item {i}");
    })
}

/// Lists nested far deeper than a page may (the page is refused, quickly).
pub fn lists_nested(size: usize) -> String {
    let mut depth = 0;
    fill(size, |_, out| {
        out.push_str(&"  ".repeat(depth % 400));
        out.push_str("- x\n");
        depth += 1;
    })
}

/// Many inline links.
pub fn links(size: usize) -> String {
    // Every other one to a page of the campaign (the page itself), the
    // others to distinct addresses of another website: a link to a
    // missing page is an error of its own.
    fill(size, |i, out| {
        let _ = match i % 2 {
            0 => write!(out, "[l{i}](lon.md) "),
            _ => write!(out, "[l{i}](https://example.org/p{i}) "),
        };
    })
}

/// Brackets and link starts never closed.
pub fn links_unclosed(size: usize) -> String {
    fill(size, |i, out| {
        out.push_str(match i % 3 {
            0 => "[a](",
            1 => "[",
            _ => "![b](<",
        })
    })
}

/// One heading text many times: `a`, `a-2`, `a-3`…
pub fn headings_same(size: usize) -> String {
    fill(size, |_, out| out.push_str("## a\n\n"))
}

/// Headings with written ids, many the same.
pub fn headings_ids(size: usize) -> String {
    fill(size, |i, out| {
        let _ = write!(out, "## h {{#id-{}}}\n\n", i % 50);
    })
}

/// Named, numeric and broken character references.
pub fn entities(size: usize) -> String {
    fill(size, |i, out| {
        out.push_str(match i % 4 {
            0 => "&amp; ",
            1 => "&#x1F600; ",
            2 => "&notanentity ",
            _ => "&#99999999; ",
        })
    })
}

/// One HTML block of many lines and tags.
pub fn raw_html_block(size: usize) -> String {
    let mut text = String::from("<div>\n");
    text.push_str(&fill(size - 16, |i, out| {
        let _ = writeln!(out, "<span title=\"t{i}\">x</span>");
    }));
    text.push_str("</div>\n");
    text
}

/// Inline HTML tags in one paragraph, with unsafe attributes.
pub fn raw_html_inline(size: usize) -> String {
    fill(size, |i, out| {
        let _ = write!(out, "<b onclick=\"x{i}\">b</b> ");
    })
}

/// Pictures of another website in raw HTML, each left out and placed.
pub fn raw_html_images(size: usize) -> String {
    fill(size, |i, out| {
        let _ = writeln!(
            out,
            "<img src=\"https://elsewhere.example/{i}.png\" alt=\"p\">"
        );
    })
}

/// HTML elements nested far deeper than a page may.
pub fn raw_html_nested(size: usize) -> String {
    let half = size / 2;
    let mut text = fill(half, |_, out| out.push_str("<div>"));
    let opened = text.len() / 5;
    text.push_str(&"</div>".repeat(opened.min((size - half) / 6)));
    text
}

/// One HTML tag with as many different attributes as fit.
pub fn raw_html_attributes(size: usize) -> String {
    let mut text = String::from("<p");
    text.push_str(&fill(size - 16, |i, out| {
        let _ = write!(out, " data-a{i}=\"x\"");
    }));
    text.push_str(">x</p>\n");
    text
}

/// Raw HTML links whose addresses hold a character reference, each
/// decoded as a browser decodes it before it is resolved.
pub fn raw_html_links_escaped(size: usize) -> String {
    fill(size, |i, out| {
        let _ = write!(out, "<a href=\"trang-{i}&amp;x\">a</a> ");
    })
}

/// A one-district campaign at `root` whose one page is `body`.
pub fn campaign(root: &Path, body: &str) -> std::io::Result<()> {
    let content = root.join("content");
    fs::create_dir_all(content.join("districts"))?;
    fs::create_dir_all(content.join("pages"))?;
    fs::write(
        content.join("site.yaml"),
        "title: { vi: \"Thử\", en: \"Test\" }\nlanguages: [vi, en]\nquick_exit_url: \"https://nchmf.gov.vn/\"\n",
    )?;
    fs::write(
        content.join("districts/quan-a.yaml"),
        "name: { vi: \"Quận A\", en: \"District A\" }\n",
    )?;
    fs::write(
        content.join("_index.md"),
        "---\ntitle: \"Trang chủ\"\n---\n\nChào.\n",
    )?;
    fs::write(
        content.join("pages/_index.md"),
        "---\ntitle: \"Trang\"\n---\n\nCác trang.\n",
    )?;
    fs::write(
        content.join("pages/lon.md"),
        format!("---\ntitle: \"Trang lớn\"\n---\n\n{body}\n"),
    )
}
