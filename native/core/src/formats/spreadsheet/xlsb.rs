//! XLSB workbooks ([MS-XLSB]): the same package as XLSX, with its workbook, shared strings,
//! styles, worksheets and comments as binary record streams (drawings and charts stay XML). A record is a type and a size (each a
//! variable-length integer of 7-bit groups) and `size` bytes of data; every read is bounds
//! checked and a truncated stream ends where it breaks.

use std::collections::HashMap;

use crate::container::ZipContainer;
use crate::document::ExtractionError;
use crate::limits::Context;

use super::drawing::drawing_text;
use super::xlsx::{header_footer_text, read_part, relationships, Styles};
use super::{Cell, CellBudget, Sheet, Workbook};
use crate::formats::ooxml::render::comment_note;

// Record types ([MS-XLSB] 2.3.2).
const ROW_HDR: u32 = 0x0000;
const CELL_RK: u32 = 0x0002;
const CELL_ERROR: u32 = 0x0003;
const CELL_BOOL: u32 = 0x0004;
const CELL_REAL: u32 = 0x0005;
const CELL_ST: u32 = 0x0006;
const CELL_ISST: u32 = 0x0007;
const FMLA_STRING: u32 = 0x0008;
const FMLA_NUM: u32 = 0x0009;
const FMLA_BOOL: u32 = 0x000A;
const FMLA_ERROR: u32 = 0x000B;
const SST_ITEM: u32 = 0x0013;
const FMT: u32 = 0x002C;
const XF: u32 = 0x002F;
const WB_PROP: u32 = 0x0099;
const BUNDLE_SH: u32 = 0x009C;
const BEGIN_HEADER_FOOTER: u32 = 0x01DF;
const BEGIN_CELL_XFS: u32 = 0x0269;
const END_CELL_XFS: u32 = 0x026A;
const COMMENT_AUTHOR: u32 = 0x0278;
const BEGIN_COMMENT: u32 = 0x027B;
const COMMENT_TEXT: u32 = 0x027D;

/// One record: its type and data.
struct Record<'a> {
    kind: u32,
    data: &'a [u8],
}

/// The records of a stream, in order, until its end or the first truncated record.
struct Records<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Records<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Records { bytes, pos: 0 }
    }

    fn varint(&mut self, max_bytes: usize) -> Option<u32> {
        let mut value: u32 = 0;
        for i in 0..max_bytes {
            let byte = *self.bytes.get(self.pos)?;
            self.pos += 1;
            value |= u32::from(byte & 0x7F) << (7 * i);
            if byte & 0x80 == 0 {
                break;
            }
        }
        Some(value)
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Record<'a>> {
        let kind = self.varint(2)?;
        let size = usize::try_from(self.varint(4)?).ok()?;
        let end = self.pos.checked_add(size)?;
        let data = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(Record { kind, data })
    }
}

fn u8_at(data: &[u8], at: usize) -> Option<u8> {
    data.get(at).copied()
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

fn f64_at(data: &[u8], at: usize) -> Option<f64> {
    Some(f64::from_le_bytes(data.get(at..at + 8)?.try_into().ok()?))
}

/// An XLWideString at `at`: a count of UTF-16 code units, then the units. Returns the string
/// and the offset after it.
fn wide_string(data: &[u8], at: usize) -> Option<(String, usize)> {
    let count = usize::try_from(u32_at(data, at)?).ok()?;
    let start = at + 4;
    let end = start.checked_add(count.checked_mul(2)?)?;
    let bytes = data.get(start..end)?;
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    Some((String::from_utf16_lossy(&units), end))
}

/// An RkNumber ([MS-XLSB] 2.5.122): a 30-bit integer or the high bits of a double, either
/// possibly divided by 100.
pub(super) fn rk_number(rk: u32) -> f64 {
    let value = if rk & 0x02 != 0 {
        f64::from((rk as i32) >> 2)
    } else {
        f64::from_bits(u64::from(rk & 0xFFFF_FFFC) << 32)
    };
    if rk & 0x01 != 0 {
        value / 100.0
    } else {
        value
    }
}

/// The text of a BErr error code.
pub(super) fn error_text(code: u8) -> &'static str {
    match code {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        0x2A => "#N/A",
        0x2B => "#GETTING_DATA",
        _ => "#ERR!",
    }
}

/// Reads an XLSB workbook whose workbook part is `workbook_part`.
pub fn read(
    zip: &ZipContainer<'_>,
    workbook_part: &str,
    ctx: &Context<'_>,
) -> Result<Workbook, ExtractionError> {
    let rels = relationships(zip, workbook_part, ctx)?;
    let part_of = |kind: &str, fallback: &str| {
        rels.iter()
            .find(|r| r.kind == kind)
            .map_or_else(|| fallback.to_owned(), |r| r.target.clone())
    };
    let bytes = zip
        .read(workbook_part)?
        .ok_or_else(|| ctx.parse_error("the workbook part cannot be read"))?;
    let mut sheets = Vec::new();
    let mut date1904 = false;
    for record in Records::new(&bytes) {
        ctx.tick()?;
        match record.kind {
            WB_PROP => date1904 = u32_at(record.data, 0).is_some_and(|flags| flags & 1 != 0),
            BUNDLE_SH => {
                // hsState, iTabID, then the relationship id and the name ([MS-XLSB] 2.4.304).
                // Excel 2007 beta files have four more bytes before the id: the offset where an
                // id of the workbook's relationships is found wins.
                let mut parsed = [8, 12].into_iter().filter_map(|at| {
                    let (id, after) = wide_string(record.data, at)?;
                    let name = wide_string(record.data, after).map_or_else(String::new, |n| n.0);
                    Some((name, id))
                });
                let first = parsed.next();
                let known = |sheet: &(String, String)| rels.iter().any(|r| r.id == sheet.1);
                let sheet = match first {
                    Some(sheet) if !known(&sheet) => parsed.find(known).or(Some(sheet)),
                    other => other,
                };
                sheets.extend(sheet);
            }
            _ => {}
        }
    }
    let strings = match read_part(zip, &part_of("sharedStrings", "xl/sharedStrings.bin"))? {
        Some(bytes) => read_shared_strings(&bytes, ctx)?,
        None => Vec::new(),
    };
    let styles = match read_part(zip, &part_of("styles", "xl/styles.bin"))? {
        Some(bytes) => read_styles(&bytes, ctx)?,
        None => Styles::default(),
    };
    let mut budget = CellBudget::new(ctx);
    let mut workbook = Workbook::default();
    for (name, id) in sheets {
        ctx.deadline.check(ctx.path)?;
        let mut sheet = Sheet {
            name,
            ..Sheet::default()
        };
        if let Some(rel) = rels.iter().find(|r| r.id == id && r.kind == "worksheet") {
            if let Some(bytes) = read_part(zip, &rel.target)? {
                read_sheet(
                    &bytes,
                    &strings,
                    &styles,
                    date1904,
                    &mut sheet,
                    &mut budget,
                    ctx,
                )?;
            }
            for sheet_rel in relationships(zip, &rel.target, ctx)? {
                match sheet_rel.kind.as_str() {
                    "comments" => {
                        if let Some(bytes) = read_part(zip, &sheet_rel.target)? {
                            read_comments(&bytes, &mut sheet, ctx)?;
                        }
                    }
                    "drawing" => {
                        if let Some(text) = drawing_text(zip, &sheet_rel.target, ctx)? {
                            sheet.notes.push(text.trim_end().to_owned());
                        }
                    }
                    _ => {}
                }
            }
        }
        workbook.sheets.push(sheet);
    }
    Ok(workbook)
}

fn read_shared_strings(bytes: &[u8], ctx: &Context<'_>) -> Result<Vec<String>, ExtractionError> {
    let mut strings = Vec::new();
    let mut total = 0usize;
    for record in Records::new(bytes) {
        ctx.tick()?;
        if record.kind == SST_ITEM {
            // RichStr: flags (rich text, phonetic), then the string.
            let text = wide_string(record.data, 1).map_or_else(String::new, |s| s.0);
            total += text.len();
            ctx.limits.check_output(ctx.path, total)?;
            strings.push(text);
        }
    }
    Ok(strings)
}

fn read_styles(bytes: &[u8], ctx: &Context<'_>) -> Result<Styles, ExtractionError> {
    let mut custom = HashMap::new();
    let mut xf_ids = Vec::new();
    let mut in_cell_xfs = false;
    for record in Records::new(bytes) {
        ctx.tick()?;
        match record.kind {
            FMT => {
                if let (Some(id), Some((code, _))) =
                    (u16_at(record.data, 0), wide_string(record.data, 2))
                {
                    custom.insert(u32::from(id), code);
                }
            }
            BEGIN_CELL_XFS => in_cell_xfs = true,
            END_CELL_XFS => in_cell_xfs = false,
            XF if in_cell_xfs => xf_ids.push(u32::from(u16_at(record.data, 2).unwrap_or(0))),
            _ => {}
        }
    }
    let mut styles = Styles::default();
    for id in xf_ids {
        styles.push(id, &custom);
    }
    Ok(styles)
}

fn read_sheet(
    bytes: &[u8],
    strings: &[String],
    styles: &Styles,
    date1904: bool,
    sheet: &mut Sheet,
    budget: &mut CellBudget,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    let mut row: u32 = 0;
    for record in Records::new(bytes) {
        ctx.tick()?;
        let data = record.data;
        if record.kind == ROW_HDR {
            row = u32_at(data, 0).unwrap_or(row);
            continue;
        }
        if record.kind == BEGIN_HEADER_FOOTER {
            header_footer(data, sheet);
            continue;
        }
        if !matches!(
            record.kind,
            CELL_RK
                | CELL_ERROR
                | CELL_BOOL
                | CELL_REAL
                | CELL_ST
                | CELL_ISST
                | FMLA_STRING
                | FMLA_NUM
                | FMLA_BOOL
                | FMLA_ERROR
        ) {
            continue;
        }
        // Cell: column, then the style index in the low 24 bits of the next four bytes.
        let (Some(col), Some(style)) = (u32_at(data, 0), u32_at(data, 4)) else {
            continue;
        };
        let style = (style & 0x00FF_FFFF) as usize;
        let number = |value: f64| styles.show(value, style, date1904);
        let text = match record.kind {
            CELL_RK => u32_at(data, 8).map(|rk| number(rk_number(rk))),
            CELL_REAL | FMLA_NUM => f64_at(data, 8).map(number),
            CELL_ERROR | FMLA_ERROR => u8_at(data, 8).map(|e| error_text(e).to_owned()),
            CELL_BOOL | FMLA_BOOL => u8_at(data, 8).map(|b| {
                if b != 0 {
                    "TRUE".to_owned()
                } else {
                    "FALSE".to_owned()
                }
            }),
            CELL_ST | FMLA_STRING => wide_string(data, 8).map(|s| s.0),
            CELL_ISST => u32_at(data, 8)
                .and_then(|i| strings.get(usize::try_from(i).ok()?))
                .cloned(),
            _ => None,
        };
        let Some(text) = text.filter(|t| !t.is_empty()) else {
            continue;
        };
        budget.take(1, ctx)?;
        sheet.cells.push(Cell { row, col, text });
    }
    Ok(())
}

/// The six headers and footers of BrtBeginHeaderFooter ([MS-XLSB] 2.4.90): flags, then
/// odd, even and first page header and footer as nullable wide strings (0xFFFFFFFF: none),
/// coded as in SpreadsheetML.
fn header_footer(data: &[u8], sheet: &mut Sheet) {
    let mut at = 2;
    for _ in 0..6 {
        if u32_at(data, at) == Some(u32::MAX) {
            at += 4;
            continue;
        }
        let Some((code, next)) = wide_string(data, at) else {
            return;
        };
        at = next;
        let text = header_footer_text(&code);
        if !text.is_empty() && !sheet.notes.contains(&text) {
            sheet.notes.push(text);
        }
    }
}

/// A comments part: authors (BrtCommentAuthor), then each comment (BrtBeginComment: the cell
/// range and the author's index) and its text (BrtCommentText: a RichStr).
fn read_comments(
    bytes: &[u8],
    sheet: &mut Sheet,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    let mut authors = Vec::new();
    let mut author: Option<usize> = None;
    for record in Records::new(bytes) {
        ctx.tick()?;
        match record.kind {
            COMMENT_AUTHOR => {
                authors.push(wide_string(record.data, 0).map_or_else(String::new, |s| s.0));
            }
            BEGIN_COMMENT => {
                author = u32_at(record.data, 16).and_then(|a| usize::try_from(a).ok());
            }
            COMMENT_TEXT => {
                let Some((body, _)) = wide_string(record.data, 1) else {
                    continue;
                };
                let body = body.trim();
                if !body.is_empty() {
                    let by = author.and_then(|a| authors.get(a)).map(String::as_str);
                    sheet.notes.push(comment_note(by, body));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u32, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut k = kind;
        loop {
            let byte = (k & 0x7F) as u8;
            k >>= 7;
            if k == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
        let mut size = data.len() as u32;
        loop {
            let byte = (size & 0x7F) as u8;
            size >>= 7;
            if size == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
        out.extend_from_slice(data);
        out
    }

    fn wide(s: &str) -> Vec<u8> {
        let units: Vec<u16> = s.encode_utf16().collect();
        let mut out = (units.len() as u32).to_le_bytes().to_vec();
        for u in units {
            out.extend_from_slice(&u.to_le_bytes());
        }
        out
    }

    fn cell(col: u32, style: u32, value: &[u8]) -> Vec<u8> {
        let mut out = col.to_le_bytes().to_vec();
        out.extend_from_slice(&style.to_le_bytes());
        out.extend_from_slice(value);
        out
    }

    #[test]
    fn rk_numbers_decode_integers_doubles_and_hundredths() {
        assert_eq!(rk_number((5 << 2) | 0x02), 5.0);
        assert_eq!(rk_number((1234 << 2) | 0x03), 12.34);
        assert_eq!(rk_number((1.5f64.to_bits() >> 32) as u32), 1.5);
        assert_eq!(rk_number(((-7i32) << 2) as u32 | 0x02), -7.0);
    }

    #[test]
    fn records_give_cells_and_stop_at_truncation() {
        let config = crate::config::ExtractionConfig::default();
        let ctx = Context::new("t.xlsb", &config);
        let mut stream = Vec::new();
        stream.extend(record(ROW_HDR, &2u32.to_le_bytes()));
        stream.extend(record(CELL_ISST, &cell(0, 0, &1u32.to_le_bytes())));
        stream.extend(record(CELL_REAL, &cell(1, 1, &0.25f64.to_le_bytes())));
        stream.extend(record(CELL_ST, &cell(2, 0, &wide("inline"))));
        stream.extend(record(FMLA_BOOL, &cell(3, 0, &[1, 0, 0])));
        stream.extend(record(CELL_ERROR, &cell(4, 0, &[0x07])));
        stream.extend(record(CELL_REAL, &cell(5, 0, &[1, 2])));
        stream.extend([0x05, 0x7F, 0x00]);
        let strings = vec!["zero".to_owned(), "one".to_owned()];
        let mut styles = Styles::default();
        styles.push(0, &HashMap::new());
        styles.push(9, &HashMap::new());
        let mut sheet = Sheet::default();
        let mut budget = CellBudget::new(&ctx);
        read_sheet(
            &stream,
            &strings,
            &styles,
            false,
            &mut sheet,
            &mut budget,
            &ctx,
        )
        .unwrap();
        let texts: Vec<(u32, u32, &str)> = sheet
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (2, 0, "one"),
                (2, 1, "25%"),
                (2, 2, "inline"),
                (2, 3, "TRUE"),
                (2, 4, "#DIV/0!")
            ]
        );
    }

    #[test]
    fn wide_strings_with_absurd_counts_are_refused() {
        let mut data = u32::MAX.to_le_bytes().to_vec();
        data.extend_from_slice(&[0x41, 0x00]);
        assert!(wide_string(&data, 0).is_none());
        assert_eq!(wide_string(&wide("ok"), 0).unwrap().0, "ok");
    }

    #[test]
    fn comments_and_headers_become_notes() {
        let config = crate::config::ExtractionConfig::default();
        let ctx = Context::new("t.xlsb", &config);
        let mut comments = Vec::new();
        comments.extend(record(COMMENT_AUTHOR, &wide("Ann")));
        let mut begin = vec![0u8; 36];
        begin[16..20].copy_from_slice(&0u32.to_le_bytes());
        comments.extend(record(BEGIN_COMMENT, &begin));
        let mut text = vec![1u8];
        text.extend(wide("Ann:\nCheck this"));
        comments.extend(record(COMMENT_TEXT, &text));
        let mut text = vec![0u8];
        text.extend(wide("No author"));
        comments.extend(record(COMMENT_TEXT, &text));
        let mut sheet = Sheet::default();
        read_comments(&comments, &mut sheet, &ctx).unwrap();
        let mut hf = vec![0x0F, 0x00];
        hf.extend(wide("&LLeft&RRight"));
        hf.extend(u32::MAX.to_le_bytes());
        hf.extend(wide("&CPage &P"));
        header_footer(&hf, &mut sheet);
        assert_eq!(
            sheet.notes,
            [
                "Comment: Ann:\nCheck this",
                "Comment by Ann: No author",
                "Left Right"
            ]
        );
    }
}
