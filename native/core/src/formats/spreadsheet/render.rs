//! A workbook's sheets as text: each sheet a heading and a table (Markdown, or tab-separated
//! lines in plain text), one page and one `tables` entry per sheet.
//!
//! Only the rows and columns that hold a value are laid out, so a sheet that claims a billion
//! rows or puts two cells at opposite corners costs what its cells cost. A sheet whose used rows
//! times used columns would still exceed the table cell limit is written row by row without
//! padding.

use crate::config::OutputFormat;
use crate::document::{ExtractionError, Table};
use crate::formats::table::{to_markdown, to_plain};
use crate::formats::Extracted;
use crate::limits::Context;

use super::Workbook;

/// Lays out `workbook` as the configuration asks.
pub fn render(workbook: Workbook, ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let markdown = ctx.config.output_format == OutputFormat::Markdown;
    let mut extracted = Extracted {
        metadata: workbook.metadata,
        ..Extracted::default()
    };
    let names: Vec<&str> = workbook.sheets.iter().map(|s| s.name.as_str()).collect();
    extracted.metadata.extra.insert(
        "sheet_names".to_owned(),
        serde_json::to_string(&names).unwrap_or_default(),
    );
    extracted
        .metadata
        .extra
        .insert("sheet_count".to_owned(), names.len().to_string());
    let mut total = 0usize;
    for (number, sheet) in (1..).zip(workbook.sheets) {
        let rows = layout(sheet.cells, ctx)?;
        let mut page = String::new();
        if markdown {
            page.push_str("## ");
            page.push_str(sheet.name.trim());
            page.push_str("\n\n");
        } else {
            page.push_str(sheet.name.trim());
            page.push_str("\n\n");
        }
        let table_markdown = to_markdown(&rows);
        if markdown {
            page.push_str(&table_markdown);
        } else {
            to_plain(&rows, &mut page);
        }
        for extra in &sheet.notes {
            page.push('\n');
            page.push_str(extra);
        }
        total += page.len() + 1;
        ctx.limits.check_output(ctx.path, total)?;
        if ctx.config.extract_tables && !rows.is_empty() {
            extracted.tables.push(Table {
                page: Some(number),
                cells: rows,
                markdown: table_markdown,
            });
        }
        extracted.pages.push(page);
    }
    extracted.content = extracted.pages.join("\u{c}");
    Ok(extracted)
}

/// The sheet's values as rows of cells: empty rows dropped, the used columns kept in order.
fn layout(
    mut cells: Vec<super::Cell>,
    ctx: &Context<'_>,
) -> Result<Vec<Vec<String>>, ExtractionError> {
    cells.retain(|c| !c.text.trim().is_empty());
    cells.sort_by_key(|c| (c.row, c.col));
    // A later cell at the same position wins, as the last write does in the file.
    cells.dedup_by(|later, earlier| {
        if later.row == earlier.row && later.col == earlier.col {
            std::mem::swap(&mut earlier.text, &mut later.text);
            true
        } else {
            false
        }
    });
    let mut columns: Vec<u32> = cells.iter().map(|c| c.col).collect();
    columns.sort_unstable();
    columns.dedup();
    let mut row_count = 0usize;
    let mut last_row = None;
    for cell in &cells {
        if last_row != Some(cell.row) {
            row_count += 1;
            last_row = Some(cell.row);
        }
    }
    let dense = row_count
        .checked_mul(columns.len())
        .is_some_and(|area| area <= ctx.limits.max_table_cells);
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(row_count);
    let mut last_row = None;
    for cell in cells {
        ctx.tick()?;
        if last_row != Some(cell.row) {
            rows.push(if dense {
                vec![String::new(); columns.len()]
            } else {
                Vec::new()
            });
            last_row = Some(cell.row);
        }
        let Some(row) = rows.last_mut() else {
            continue;
        };
        if dense {
            if let Some(slot) = columns
                .binary_search(&cell.col)
                .ok()
                .and_then(|index| row.get_mut(index))
            {
                *slot = cell.text;
            }
        } else {
            row.push(cell.text);
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::super::{Cell, Sheet};
    use super::*;
    use crate::config::ExtractionConfig;

    fn cell(row: u32, col: u32, text: &str) -> Cell {
        Cell {
            row,
            col,
            text: text.to_owned(),
        }
    }

    fn sheet(name: &str, cells: Vec<Cell>) -> Sheet {
        Sheet {
            name: name.to_owned(),
            cells,
            notes: Vec::new(),
        }
    }

    #[test]
    fn sheets_become_headed_tables_pages_and_tables() {
        let config = ExtractionConfig {
            output_format: OutputFormat::Markdown,
            extract_tables: true,
            ..ExtractionConfig::default()
        };
        let ctx = Context::new("t.xlsx", &config);
        let workbook = Workbook {
            sheets: vec![
                sheet(
                    "One",
                    vec![
                        cell(5, 3, "b"),
                        cell(0, 0, "a"),
                        cell(0, 3, "h"),
                        cell(9, 0, " "),
                    ],
                ),
                sheet("Two", vec![]),
            ],
            ..Workbook::default()
        };
        let extracted = render(workbook, &ctx).unwrap();
        assert_eq!(extracted.pages.len(), 2);
        assert_eq!(
            extracted.pages[0],
            "## One\n\n| a | h |\n| --- | --- |\n|  | b |\n"
        );
        assert_eq!(extracted.pages[1], "## Two\n\n");
        assert_eq!(extracted.tables.len(), 1);
        assert_eq!(
            extracted.tables[0].cells,
            vec![vec!["a", "h"], vec!["", "b"]]
        );
        assert_eq!(extracted.metadata.extra["sheet_names"], "[\"One\",\"Two\"]");
        assert!(extracted.content.contains("\u{c}## Two"));
    }

    #[test]
    fn plain_text_is_tab_separated_and_far_corners_stay_small() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.xlsx", &config);
        let workbook = Workbook {
            sheets: vec![sheet(
                "S",
                vec![cell(0, 0, "x"), cell(1_048_575, 16_383, "y")],
            )],
            ..Workbook::default()
        };
        let extracted = render(workbook, &ctx).unwrap();
        assert_eq!(extracted.content, "S\n\nx\t\n\ty\n");
    }

    #[test]
    fn a_diagonal_too_large_to_pad_is_written_row_by_row() {
        let config = ExtractionConfig {
            max_decompressed_size: 1 << 30,
            ..ExtractionConfig::default()
        };
        let mut ctx = Context::new("t.xlsx", &config);
        ctx.limits.max_table_cells = 3;
        let cells = (0..3).map(|i| cell(i, i, "v")).collect();
        let rows = layout(cells, &ctx).unwrap();
        assert_eq!(rows, vec![vec!["v"], vec!["v"], vec!["v"]]);
    }
}
