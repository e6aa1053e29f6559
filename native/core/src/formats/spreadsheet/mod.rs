//! Spreadsheets: SpreadsheetML (XLSX, XLSM, XLTX, XLTM), the binary record format (XLSB), Excel
//! 97 to 2003 workbooks (XLS, BIFF8, and Excel 5 and 95) and OpenDocument spreadsheets (ODS,
//! and flat FODS through `formats::odf`).
//!
//! Every sheet in order, each cell as the cell shows it: shared and inline strings, numbers
//! through their number formats (dates in the 1900 and the 1904 systems), formulas by their
//! cached values; a merged range's value stays in its first cell. Each sheet is one page, one
//! `tables` entry and, in `content`, a heading and a Markdown table (or tab-separated lines).
//!
//! Cells are kept sparse until layout: nothing is ever allocated from a dimension a file claims,
//! and the cells a workbook may hold are bounded by `Limits::max_table_cells`.

pub mod dates;
mod drawing;
pub mod number_format;
pub mod ods;
mod properties;
mod render;
mod xls;
mod xlsb;
mod xlsx;

use crate::container::ZipContainer;
use crate::document::{ErrorKind, ExtractionError, Metadata};
use crate::formats::Extracted;
use crate::limits::Context;

/// One non-empty cell: zero-based row and column, and its text as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub row: u32,
    pub col: u32,
    pub text: String,
}

/// One sheet: its name, its cells in any order, and text attached to it (comments, headers and
/// footers) that follows its table.
#[derive(Debug, Default)]
pub struct Sheet {
    pub name: String,
    pub cells: Vec<Cell>,
    pub notes: Vec<String>,
}

/// A whole workbook, ready to render.
#[derive(Debug, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
    pub metadata: Metadata,
}

/// Counts the cells a workbook holds against `Limits::max_table_cells`.
#[derive(Debug)]
pub struct CellBudget {
    left: usize,
}

impl CellBudget {
    pub fn new(ctx: &Context<'_>) -> Self {
        CellBudget {
            left: ctx.limits.max_table_cells,
        }
    }

    /// Takes `n` cells from the budget, or fails with a `limit` error.
    pub fn take(&mut self, n: usize, ctx: &Context<'_>) -> Result<(), ExtractionError> {
        match self.left.checked_sub(n) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => Err(ExtractionError::new(
                ErrorKind::Limit,
                format!(
                    "{}: the workbook holds more than {} cells; the document is refused as a \
                     likely attack or defect",
                    ctx.path, ctx.limits.max_table_cells
                ),
            )),
        }
    }
}

/// Extracts an XLSX, XLSM, XLTX, XLTM or XLSB workbook (an OOXML package).
pub fn extract_ooxml(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let zip = ZipContainer::open(bytes, ctx)?;
    let mut workbook = xlsx::read(&zip, ctx)?;
    properties::read(&zip, &mut workbook.metadata, ctx)?;
    finish(workbook, ctx)
}

/// Extracts an Excel 97 to 2003 (or Excel 5 and 95) workbook from its `Workbook` (or `Book`)
/// stream.
pub fn extract_xls(stream: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    xls::extract(stream, ctx)
}

/// Renders a workbook read elsewhere (an ODS or flat ODS document, from `formats::odf`).
pub fn finish(mut workbook: Workbook, ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    workbook.metadata.page_count = i32::try_from(workbook.sheets.len()).ok();
    render::render(workbook, ctx)
}

/// Zero-based (row, column) of an A1-style reference (`B12`, `$B$12`); `None` when malformed.
pub fn parse_reference(reference: &str) -> Option<(u32, u32)> {
    let reference = reference.trim();
    let mut col: u32 = 0;
    let mut letters = 0;
    let mut rest = reference;
    for (i, c) in reference.char_indices() {
        match c {
            '$' => continue,
            'A'..='Z' | 'a'..='z' => {
                letters += 1;
                if letters > 3 {
                    return None;
                }
                col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
            }
            _ => {
                rest = &reference[i..];
                break;
            }
        }
    }
    if letters == 0 {
        return None;
    }
    let row: u32 = rest.trim_start_matches('$').parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// Decodes the `_xHHHH_` escapes SpreadsheetML uses for characters XML cannot hold.
pub fn unescape_ooxml(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("_x") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("_x") {
        out.push_str(&rest[..start]);
        let candidate = &rest[start..];
        let hex = candidate.get(2..6);
        let decoded = match (hex, candidate.get(6..7)) {
            (Some(hex), Some("_")) if hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            }
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &candidate[7..];
            }
            None => {
                out.push_str("_x");
                rest = &candidate[2..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse_to_zero_based_positions() {
        assert_eq!(parse_reference("A1"), Some((0, 0)));
        assert_eq!(parse_reference("$AB$12"), Some((11, 27)));
        assert_eq!(parse_reference("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_reference("A0"), None);
        assert_eq!(parse_reference("12"), None);
        assert_eq!(parse_reference("ABCD1"), None);
        assert_eq!(parse_reference("A99999999999"), None);
    }

    #[test]
    fn ooxml_escapes_are_decoded() {
        assert_eq!(unescape_ooxml("a_x000D_b"), "a\rb");
        assert_eq!(unescape_ooxml("_x_x0041_"), "_xA");
        assert_eq!(unescape_ooxml("plain"), "plain");
        assert_eq!(unescape_ooxml("_xZZZZ_"), "_xZZZZ_");
    }

    #[test]
    fn the_cell_budget_refuses_past_its_limit() {
        let config = crate::config::ExtractionConfig::default();
        let mut ctx = Context::new("t.xlsx", &config);
        ctx.limits.max_table_cells = 3;
        let mut budget = CellBudget::new(&ctx);
        assert!(budget.take(2, &ctx).is_ok());
        assert!(budget.take(1, &ctx).is_ok());
        assert_eq!(budget.take(1, &ctx).unwrap_err().kind, ErrorKind::Limit);
    }
}
