//! The guard against table bombs, run on a page's text before any parser
//! sees it.

/// The table cells a page may make beyond one for each byte of it: a
/// table whose rows are short of cells gets them filled in, so a header of
/// 256 columns over rows of one cell makes 256 cells for every 3 bytes (a
/// 2 MB page of such tables took 23 GB). A real table writes every cell
/// (at least a `|` each), so it stays far below.
pub const SPARE_TABLE_CELLS: usize = 10_000;

/// The line (from 1, in `text`) of the table that makes the cells of the
/// page's tables exceed its size plus [`SPARE_TABLE_CELLS`], counted
/// before any parser sees the page: each table's columns (from its
/// delimiter row, `|---|:-:|`) times its lines up to the next blank line.
/// An upper bound, read in one pass over the lines.
pub fn too_many_table_cells(text: &str) -> Option<usize> {
    let budget = text.len() + SPARE_TABLE_CELLS;
    let lines: Vec<&str> = text.lines().collect();
    let mut cells = 0usize;
    let mut i = 1;
    while i < lines.len() {
        let Some(columns) = delimiter_row(lines[i]) else {
            i += 1;
            continue;
        };
        let rows = 1 + lines[i + 1..]
            .iter()
            .take_while(|l| !l.trim().is_empty())
            .count();
        cells = cells.saturating_add(columns.saturating_mul(rows));
        if cells > budget {
            return Some(i);
        }
        i += rows;
    }
    None
}

/// The number of columns of a table's delimiter row (`| --- | :-: |`),
/// quote and list markers before it ignored; `None` for any other line.
fn delimiter_row(line: &str) -> Option<usize> {
    let mut row = line;
    loop {
        let rest = row.trim_start_matches([' ', '\t', '>']);
        let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        let rest = ["- ", "* ", "+ "]
            .iter()
            .find_map(|m| rest.strip_prefix(m))
            .or_else(|| {
                (digits.len() < rest.len())
                    .then(|| {
                        digits
                            .strip_prefix(". ")
                            .or_else(|| digits.strip_prefix(") "))
                    })
                    .flatten()
            })
            .unwrap_or(rest);
        if rest.len() == row.len() {
            break;
        }
        row = rest;
    }
    let row = row.trim_end();
    if !row.contains('|') || !row.contains('-') {
        return None;
    }
    let inner = row.strip_prefix('|').unwrap_or(row);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut columns = 0;
    for cell in inner.split('|') {
        let cell = cell.trim();
        let dashes = cell.trim_start_matches(':').trim_end_matches(':');
        if dashes.is_empty() || !dashes.bytes().all(|b| b == b'-') {
            return None;
        }
        columns += 1;
    }
    Some(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_that_would_fill_in_too_many_cells_are_found_first() {
        assert_eq!(delimiter_row("|---|:-:|--:|"), Some(3));
        assert_eq!(delimiter_row("---|---"), Some(2));
        assert_eq!(delimiter_row("> | - | - | - |"), Some(3));
        assert_eq!(delimiter_row("> - | - | - |"), Some(2));
        assert_eq!(delimiter_row("1. |-|-|"), Some(2));
        assert_eq!(delimiter_row("---"), None);
        assert_eq!(delimiter_row("| a | - |"), None);
        let wide = format!("{}|\n{}|\n", "|a".repeat(256), "|-".repeat(256));
        let bomb = format!("{wide}{}\n", "|x\n".repeat(341)).repeat(40);
        assert_eq!(too_many_table_cells(&bomb), Some(345));
        // A real table, however long, writes its cells.
        let real = format!("| a | b |\n|---|---|\n{}", "| 1 | 2 |\n".repeat(100_000));
        assert_eq!(too_many_table_cells(&real), None);
        assert_eq!(too_many_table_cells(&format!("{wide}|x\n")), None);
    }
}
