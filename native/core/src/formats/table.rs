//! Tables as GFM Markdown, shared by the CSV, HTML and Markdown extractors.

/// A cell's text made safe for one Markdown table cell.
fn escape_cell(cell: &str, out: &mut String) {
    let mut last_space = false;
    for c in cell.trim().chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c if c.is_whitespace() => {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
                continue;
            }
            c => out.push(c),
        }
        last_space = false;
    }
}

/// Renders `rows` as a GFM table; the first row is the header. Short rows are padded.
pub fn to_markdown(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let mut out = String::new();
    let write_row = |row: &[String], out: &mut String| {
        out.push('|');
        for i in 0..columns {
            out.push(' ');
            if let Some(cell) = row.get(i) {
                escape_cell(cell, out);
            }
            out.push_str(" |");
        }
        out.push('\n');
    };
    write_row(&rows[0], &mut out);
    out.push('|');
    for _ in 0..columns {
        out.push_str(" --- |");
    }
    out.push('\n');
    for row in &rows[1..] {
        write_row(row, &mut out);
    }
    out
}

/// Renders `rows` as plain text: cells separated by tabs, one row a line.
pub fn to_plain(rows: &[Vec<String>], out: &mut String) {
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            let cell = cell.trim();
            if cell.contains(['\t', '\n', '\r']) {
                out.extend(
                    cell.chars()
                        .map(|c| if c.is_whitespace() { ' ' } else { c }),
                );
            } else {
                out.push_str(cell);
            }
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(data: &[&[&str]]) -> Vec<Vec<String>> {
        data.iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    }

    #[test]
    fn markdown_tables_pad_short_rows_and_escape_pipes() {
        let md = to_markdown(&rows(&[&["a", "b"], &["1|2"], &["x\ny", "  z  "]]));
        assert_eq!(
            md,
            "| a | b |\n| --- | --- |\n| 1\\|2 |  |\n| x<br>y | z |\n"
        );
        assert_eq!(to_markdown(&[]), "");
    }

    #[test]
    fn plain_tables_are_tab_separated_lines() {
        let mut out = String::new();
        to_plain(&rows(&[&["a", "b"], &["c\td", "e"]]), &mut out);
        assert_eq!(out, "a\tb\nc d\te\n");
    }
}
