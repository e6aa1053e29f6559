//! OpenDocument spreadsheets (OpenDocument 1.3 Part 3, 9.1): the `table:table` elements of
//! `office:spreadsheet`, in `content.xml` or in a flat `.fods` document. A cell shows the text of
//! its paragraphs (already formatted by the application that wrote it), or its typed value when
//! it has none. Repeated rows and cells repeat only when they hold something, so the million
//! empty rows office suites write cost nothing.

use crate::container::{XmlEvent, XmlReader};
use crate::document::ExtractionError;
use crate::formats::odf::{OFFICE, TABLE, TEXT};
use crate::limits::Context;

use super::number_format::general;
use super::{Cell, CellBudget, Sheet};

/// The most spaces one `text:s` element writes.
const MAX_SPACES: usize = 1024;

#[derive(Default)]
struct CellState {
    repeat: u32,
    text: String,
    paragraphs: usize,
    value: Option<String>,
}

/// What the reader is inside of, besides the current cell.
#[derive(Default)]
struct State {
    sheet: Option<Sheet>,
    /// Depth of the sheet's `table:table`, to tell nested tables apart.
    table_depth: usize,
    row: u32,
    row_repeat: u32,
    col: u32,
    row_cells: Vec<(u32, String, u32)>,
    cell: Option<CellState>,
    /// Depth of an open `office:annotation`, and its text.
    annotation: Option<(usize, String)>,
    /// Depth of an element whose text is skipped (an annotation's author and date).
    skip: Option<usize>,
}

fn repeat_attr(element: &crate::container::Element<'_, '_>, local: &[u8]) -> u32 {
    element
        .attr(local)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .max(1)
}

/// The sheets of an OpenDocument spreadsheet's content (or of a flat document).
pub fn read_sheets(
    bytes: &[u8],
    part: &str,
    ctx: &Context<'_>,
) -> Result<Vec<Sheet>, ExtractionError> {
    let text = crate::container::xml::decode(bytes);
    let mut reader = XmlReader::new(&text, part, ctx);
    let mut sheets = Vec::new();
    let mut budget = CellBudget::new(ctx);
    let mut state = State::default();
    let mut in_spreadsheet = false;
    // The reader's depth, kept here because an event borrows the reader.
    let mut depth = 0usize;
    while let Some(event) = reader.next()? {
        match event {
            XmlEvent::Start(element) => {
                depth += 1;
                if element.is(OFFICE, b"spreadsheet") {
                    in_spreadsheet = true;
                    continue;
                }
                if !in_spreadsheet {
                    continue;
                }
                if let Some((_, note)) = state.annotation.as_mut() {
                    if element.local() == b"creator" || element.local() == b"date" {
                        state.skip.get_or_insert(depth);
                    } else if element.is(TEXT, b"p") && !note.is_empty() {
                        note.push('\n');
                    }
                    continue;
                }
                if element.is(TABLE, b"table") {
                    if state.sheet.is_none() {
                        state.sheet = Some(Sheet {
                            name: element.attr(b"name").unwrap_or_default(),
                            ..Sheet::default()
                        });
                        state.table_depth = depth;
                        state.row = 0;
                    }
                } else if element.is(TABLE, b"table-row") && state.cell.is_none() {
                    state.row_repeat = repeat_attr(&element, b"number-rows-repeated");
                    state.col = 0;
                    state.row_cells.clear();
                } else if (element.is(TABLE, b"table-cell")
                    || element.is(TABLE, b"covered-table-cell"))
                    && state.cell.is_none()
                {
                    let value = element
                        .attr(b"value")
                        .and_then(|v| v.trim().parse::<f64>().ok())
                        .map(general)
                        .or_else(|| element.attr(b"date-value"))
                        .or_else(|| element.attr(b"time-value"))
                        .or_else(|| element.attr(b"string-value"))
                        .or_else(|| element.attr(b"boolean-value").map(|b| b.to_uppercase()));
                    state.cell = Some(CellState {
                        repeat: repeat_attr(&element, b"number-columns-repeated"),
                        value,
                        ..CellState::default()
                    });
                } else if let Some(cell) = state.cell.as_mut() {
                    match element.local() {
                        b"p" | b"h" if element.ns == TEXT => {
                            if cell.paragraphs > 0 {
                                cell.text.push('\n');
                            }
                            cell.paragraphs += 1;
                        }
                        b"s" if element.ns == TEXT => {
                            let count = element
                                .attr(b"c")
                                .and_then(|c| c.trim().parse::<usize>().ok())
                                .unwrap_or(1);
                            cell.text
                                .extend(std::iter::repeat_n(' ', count.min(MAX_SPACES)));
                        }
                        b"tab" if element.ns == TEXT => cell.text.push('\t'),
                        b"line-break" if element.ns == TEXT => cell.text.push('\n'),
                        b"annotation" if element.ns == OFFICE => {
                            state.annotation = Some((depth, String::new()));
                        }
                        _ => {}
                    }
                }
            }
            XmlEvent::Text(text) => {
                if state.skip.is_some() {
                    continue;
                }
                if let Some((_, note)) = state.annotation.as_mut() {
                    note.push_str(&text);
                } else if let Some(cell) = state.cell.as_mut() {
                    if cell.paragraphs > 0 {
                        cell.text.push_str(&text);
                    }
                }
            }
            XmlEvent::End(end) => {
                depth = depth.saturating_sub(1);
                if state.skip.is_some_and(|d| depth < d) {
                    state.skip = None;
                }
                if let Some((start, _)) = state.annotation {
                    if depth < start {
                        if let (Some((_, note)), Some(sheet)) =
                            (state.annotation.take(), state.sheet.as_mut())
                        {
                            let note = note.trim();
                            if !note.is_empty() {
                                sheet.notes.push(format!("Comment: {note}"));
                            }
                        }
                    }
                    continue;
                }
                if !in_spreadsheet {
                    continue;
                }
                if end.is(OFFICE, b"spreadsheet") {
                    in_spreadsheet = false;
                } else if end.is(TABLE, b"table-cell") || end.is(TABLE, b"covered-table-cell") {
                    if let Some(cell) = state.cell.take() {
                        let text = if cell.paragraphs > 0 {
                            cell.text
                        } else {
                            cell.value.unwrap_or_default()
                        };
                        if !text.trim().is_empty() {
                            state.row_cells.push((state.col, text, cell.repeat));
                        }
                        state.col = state.col.saturating_add(cell.repeat);
                    }
                } else if end.is(TABLE, b"table-row") && state.cell.is_none() {
                    if let Some(sheet) = state.sheet.as_mut() {
                        flush_row(
                            &mut state.row_cells,
                            state.row,
                            state.row_repeat,
                            sheet,
                            &mut budget,
                            ctx,
                        )?;
                    }
                    state.row = state.row.saturating_add(state.row_repeat);
                } else if end.is(TABLE, b"table") && depth < state.table_depth {
                    if let Some(sheet) = state.sheet.take() {
                        sheets.push(sheet);
                    }
                }
            }
        }
    }
    if let Some(sheet) = state.sheet.take() {
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// Writes a row's cells, `repeat` times over, into `sheet`.
fn flush_row(
    cells: &mut Vec<(u32, String, u32)>,
    row: u32,
    repeat: u32,
    sheet: &mut Sheet,
    budget: &mut CellBudget,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    for r in 0..repeat {
        if cells.is_empty() {
            break;
        }
        for (col, text, times) in cells.iter() {
            budget.take(*times as usize, ctx)?;
            for c in 0..*times {
                ctx.tick()?;
                sheet.cells.push(Cell {
                    row: row.saturating_add(r),
                    col: col.saturating_add(c),
                    text: text.clone(),
                });
            }
        }
    }
    cells.clear();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;
    use crate::document::ErrorKind;

    fn doc(body: &str) -> String {
        format!(
            "<office:document-content xmlns:office=\"{}\" xmlns:table=\"{}\" xmlns:text=\"{}\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:body><office:spreadsheet>{body}\
             </office:spreadsheet></office:body></office:document-content>",
            std::str::from_utf8(OFFICE).unwrap(),
            std::str::from_utf8(TABLE).unwrap(),
            std::str::from_utf8(TEXT).unwrap()
        )
    }

    #[test]
    fn cells_show_their_paragraphs_or_values_and_repeat_when_filled() {
        let xml = doc(
            "<table:table table:name=\"First\"><table:table-row>\
             <table:table-cell office:value-type=\"float\" office:value=\"3\"><text:p>3.00</text:p></table:table-cell>\
             <table:table-cell table:number-columns-repeated=\"2\"><text:p>a<text:s text:c=\"2\"/>b</text:p></table:table-cell>\
             <table:table-cell office:value-type=\"float\" office:value=\"0.5\"/>\
             <table:table-cell><office:annotation><dc:creator>Me</dc:creator><text:p>note</text:p></office:annotation><text:p>x</text:p></table:table-cell>\
             </table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>\
             <table:table-row><table:table-cell><text:p>last</text:p></table:table-cell></table:table-row>\
             </table:table><table:table table:name=\"Second\"/>",
        );
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.ods", &config);
        let sheets = read_sheets(xml.as_bytes(), "content.xml", &ctx).unwrap();
        assert_eq!(sheets.len(), 2);
        assert_eq!(sheets[0].name, "First");
        assert_eq!(sheets[1].name, "Second");
        let cells: Vec<(u32, u32, &str)> = sheets[0]
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.text.as_str()))
            .collect();
        assert_eq!(
            cells,
            vec![
                (0, 0, "3.00"),
                (0, 1, "a  b"),
                (0, 2, "a  b"),
                (0, 3, "0.5"),
                (0, 4, "x"),
                (1_048_571, 0, "last")
            ]
        );
        assert_eq!(sheets[0].notes, vec!["Comment: note"]);
    }

    #[test]
    fn repeated_filled_cells_are_bounded_by_the_cell_limit() {
        let xml = doc(
            "<table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"1000000\">\
             <table:table-cell table:number-columns-repeated=\"1000\"><text:p>x</text:p></table:table-cell>\
             </table:table-row></table:table>",
        );
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.ods", &config);
        let error = read_sheets(xml.as_bytes(), "content.xml", &ctx).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Limit);
    }
}
