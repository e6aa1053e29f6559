//! Excel 97 to 2003 workbooks (BIFF8, [MS-XLS]) and Excel 5 and 95 workbooks (BIFF5 and 7):
//! the `Workbook` (or `Book`) stream of an OLE compound file, a sequence of records (a 16-bit
//! type, a 16-bit length, the data).
//!
//! The workbook globals come first: the shared string table (`SST`, continued in `CONTINUE`
//! records, where a string cut between two records starts again with its own option byte),
//! number formats (`FORMAT`), cell formats (`XF`), the date system (`DATEMODE`) and the sheets
//! (`BOUNDSHEET`, with the stream offset of each sheet's records). Each worksheet then gives its
//! cells: strings (`LABELSST`, `LABEL`, `RSTRING`), numbers (`NUMBER`, `RK`, `MULRK`, shown
//! through their formats), formulas by their cached values (`FORMULA`, and `STRING` for a text
//! result), booleans and errors (`BOOLERR`), its text boxes and comments (`TXO` text, with the
//! author the `NOTE` of the same object names), and its header and footer. An encrypted
//! workbook (`FILEPASS`) is an `encrypted` error.

use std::collections::HashMap;

use crate::document::{ErrorKind, ExtractionError};
use crate::formats::Extracted;
use crate::limits::Context;

use super::xlsb::{error_text, rk_number};
use super::xlsx::{header_footer_text, Styles};
use super::{Cell, CellBudget, Sheet, Workbook};
use crate::formats::ooxml::render::comment_note;

const FORMULA: u16 = 0x0006;
const EOF: u16 = 0x000A;
const HEADER: u16 = 0x0014;
const NOTE: u16 = 0x001C;
const FOOTER: u16 = 0x0015;
const DATEMODE: u16 = 0x0022;
const FILEPASS: u16 = 0x002F;
const CONTINUE: u16 = 0x003C;
const CODEPAGE: u16 = 0x0042;
const BOUNDSHEET: u16 = 0x0085;
const MULRK: u16 = 0x00BD;
const RSTRING: u16 = 0x00D6;
const XF: u16 = 0x00E0;
const SST: u16 = 0x00FC;
const LABELSST: u16 = 0x00FD;
const NUMBER: u16 = 0x0203;
const LABEL: u16 = 0x0204;
const OBJ: u16 = 0x005D;
const TXO: u16 = 0x01B6;
const BOOLERR: u16 = 0x0205;
const STRING: u16 = 0x0207;
const RK: u16 = 0x027E;
const FORMAT: u16 = 0x041E;
const BOF: u16 = 0x0809;
/// `ftCmo`, the common data that starts an `OBJ` record (its id follows the object type).
const FT_CMO: u16 = 0x0015;
/// `BOF` version of BIFF8.
const BIFF8: u16 = 0x0600;

/// One record: its type and data, and the data of the `CONTINUE` records that follow it.
struct Record<'s> {
    kind: u16,
    data: &'s [u8],
    continued: Vec<&'s [u8]>,
}

/// The records from `at` to the end of `stream` (or the first cut-short one).
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = Record<'_>> {
    std::iter::from_fn(move || {
        let kind = u16_at(stream, at)?;
        let len = usize::from(u16_at(stream, at + 2)?);
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        let mut continued = Vec::new();
        while u16_at(stream, at) == Some(CONTINUE) {
            let len = usize::from(u16_at(stream, at + 2).unwrap_or(0));
            let Some(more) = stream.get(at + 4..at + 4 + len) else {
                break;
            };
            continued.push(more);
            at += 4 + len;
        }
        Some(Record {
            kind,
            data,
            continued,
        })
    })
}

/// How a workbook stores 8-bit text: BIFF8 as the low bytes of UTF-16 units, BIFF5 in its
/// code page.
#[derive(Clone, Copy)]
struct Text {
    biff8: bool,
    code_page: &'static encoding_rs::Encoding,
}

impl Text {
    /// A string of `count` characters at the start of `data` after its length field: BIFF8's
    /// option byte (bit 0: two bytes per character) and characters, or BIFF5's bytes.
    fn chars(&self, data: &[u8], count: usize) -> String {
        if !self.biff8 {
            let bytes = &data[..count.min(data.len())];
            return self
                .code_page
                .decode_without_bom_handling(bytes)
                .0
                .into_owned();
        }
        let Some((&options, rest)) = data.split_first() else {
            return String::new();
        };
        let mut cursor = Segments::new(vec![rest]);
        cursor.chars(count, options & 0x01 != 0)
    }

    /// A string with a 16-bit character count (`XLUnicodeString`, BIFF5's byte string).
    fn long(&self, data: &[u8]) -> String {
        let count = usize::from(u16_at(data, 0).unwrap_or(0));
        self.chars(data.get(2..).unwrap_or_default(), count)
    }

    /// A string with an 8-bit character count (`ShortXLUnicodeString`).
    fn short(&self, data: &[u8]) -> String {
        let count = usize::from(data.first().copied().unwrap_or(0));
        self.chars(data.get(1..).unwrap_or_default(), count)
    }
}

/// A reader over a record's data and its `CONTINUE` records.
struct Segments<'s> {
    segments: Vec<&'s [u8]>,
    index: usize,
    at: usize,
}

impl<'s> Segments<'s> {
    fn new(segments: Vec<&'s [u8]>) -> Self {
        Segments {
            segments,
            index: 0,
            at: 0,
        }
    }

    /// Moves to the next segment when this one is used up; `false` at the end.
    fn ready(&mut self) -> bool {
        while self.index < self.segments.len() && self.at >= self.segments[self.index].len() {
            self.index += 1;
            self.at = 0;
        }
        self.index < self.segments.len()
    }

    fn byte(&mut self) -> Option<u8> {
        if !self.ready() {
            return None;
        }
        let b = self.segments[self.index][self.at];
        self.at += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }

    fn skip(&mut self, mut n: usize) {
        while n > 0 && self.ready() {
            let here = (self.segments[self.index].len() - self.at).min(n);
            self.at += here;
            n -= here;
        }
    }

    /// `count` characters; a string cut at a segment's end goes on after a new option byte.
    fn chars(&mut self, count: usize, mut wide: bool) -> String {
        let mut units: Vec<u16> = Vec::with_capacity(count.min(8192));
        while units.len() < count {
            if self.index < self.segments.len() && self.at >= self.segments[self.index].len() {
                if !self.ready() {
                    break;
                }
                match self.byte() {
                    Some(options) => wide = options & 0x01 != 0,
                    None => break,
                }
            }
            if !self.ready() {
                break;
            }
            let segment = self.segments[self.index];
            let left = count - units.len();
            if wide {
                let n = ((segment.len() - self.at) / 2).min(left);
                if n == 0 {
                    self.at = segment.len();
                    continue;
                }
                let bytes = &segment[self.at..self.at + n * 2];
                units.extend(
                    bytes
                        .chunks_exact(2)
                        .map(|p| u16::from_le_bytes([p[0], p[1]])),
                );
                self.at += n * 2;
            } else {
                let n = (segment.len() - self.at).min(left);
                units.extend(segment[self.at..self.at + n].iter().map(|&b| u16::from(b)));
                self.at += n;
            }
        }
        String::from_utf16_lossy(&units)
    }
}

/// The shared string table: `SST`'s unique strings (`XLUnicodeRichExtendedString`).
fn shared_strings(record: &Record<'_>) -> Vec<String> {
    let mut segments = vec![record.data];
    segments.extend(record.continued.iter().copied());
    let mut cursor = Segments::new(segments);
    cursor.skip(4);
    let unique = cursor.u32().unwrap_or(0) as usize;
    let mut out = Vec::with_capacity(unique.min(65_536));
    for _ in 0..unique {
        let (Some(count), Some(options)) = (cursor.u16(), cursor.byte()) else {
            break;
        };
        let runs = if options & 0x08 != 0 {
            cursor.u16().unwrap_or(0) as usize
        } else {
            0
        };
        let ext = if options & 0x04 != 0 {
            cursor.u32().unwrap_or(0) as usize
        } else {
            0
        };
        out.push(cursor.chars(usize::from(count), options & 0x01 != 0));
        cursor.skip(runs * 4);
        cursor.skip(ext);
    }
    out
}

/// What the workbook globals say.
struct Globals {
    text: Text,
    strings: Vec<String>,
    styles: Styles,
    date1904: bool,
    /// Each worksheet's name and the stream offset of its `BOF`.
    sheets: Vec<(String, usize)>,
}

fn globals(stream: &[u8], ctx: &Context<'_>) -> Result<Globals, ExtractionError> {
    let mut records = records(stream, 0);
    let first = records
        .next()
        .filter(|r| r.kind == BOF)
        .ok_or_else(|| ctx.parse_error("the Excel workbook stream does not start with BOF"))?;
    let mut text = Text {
        biff8: u16_at(first.data, 0) == Some(BIFF8),
        code_page: encoding_rs::WINDOWS_1252,
    };
    let mut formats: HashMap<u32, String> = HashMap::new();
    let mut format_ids: Vec<u32> = Vec::new();
    let mut out = Globals {
        text,
        strings: Vec::new(),
        styles: Styles::default(),
        date1904: false,
        sheets: Vec::new(),
    };
    for record in records {
        match record.kind {
            EOF => break,
            FILEPASS => {
                return Err(ExtractionError::new(
                    ErrorKind::Encrypted,
                    format!(
                        "{}: the Excel workbook is encrypted with a password; legacy Excel \
                         encryption is not supported",
                        ctx.path
                    ),
                ))
            }
            CODEPAGE => {
                let page = u16_at(record.data, 0).unwrap_or(1252);
                if let Some(encoding) = crate::formats::rtf::charset::code_page(i32::from(page)) {
                    text.code_page = encoding;
                }
            }
            DATEMODE => out.date1904 = u16_at(record.data, 0) == Some(1),
            SST => out.strings = shared_strings(&record),
            FORMAT => {
                let id = u32::from(u16_at(record.data, 0).unwrap_or(0));
                let rest = record.data.get(2..).unwrap_or_default();
                let code = if text.biff8 {
                    text.long(rest)
                } else {
                    text.short(rest)
                };
                formats.insert(id, code);
            }
            XF => format_ids.push(u32::from(u16_at(record.data, 2).unwrap_or(0))),
            BOUNDSHEET => {
                let offset = u32_at(record.data, 0).unwrap_or(0) as usize;
                // hsState, then dt: 0 is a worksheet (charts, macro and VBA sheets have no cells).
                if record.data.get(5) == Some(&0) {
                    let name = text.short(record.data.get(6..).unwrap_or_default());
                    out.sheets.push((name, offset));
                }
            }
            _ => {}
        }
    }
    for id in format_ids {
        out.styles.push(id, &formats);
    }
    out.text = text;
    Ok(out)
}

/// Reads the workbook in `stream`.
pub fn read(stream: &[u8], ctx: &Context<'_>) -> Result<Workbook, ExtractionError> {
    let globals = globals(stream, ctx)?;
    let mut budget = CellBudget::new(ctx);
    let mut workbook = Workbook::default();
    // Each sheet's records are read once, however many entries name them.
    let mut read_at = std::collections::HashSet::new();
    // The cells' text so far, against the output limit (shared strings are copied per cell).
    let mut text = 0usize;
    for (name, offset) in &globals.sheets {
        ctx.tick()?;
        if !read_at.insert(*offset) {
            continue;
        }
        let mut sheet = Sheet {
            name: name.clone(),
            ..Sheet::default()
        };
        read_sheet(stream, *offset, &globals, &mut sheet, &mut budget, ctx)?;
        text += sheet
            .cells
            .iter()
            .map(|cell| cell.text.len())
            .sum::<usize>();
        ctx.limits.check_output(ctx.path, text)?;
        workbook.sheets.push(sheet);
    }
    Ok(workbook)
}

fn read_sheet(
    stream: &[u8],
    offset: usize,
    globals: &Globals,
    sheet: &mut Sheet,
    budget: &mut CellBudget,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    let mut records = records(stream, offset);
    if records.next().map(|r| r.kind) != Some(BOF) {
        return Ok(());
    }
    // Charts inside the sheet are substreams of their own, from `BOF` to `EOF`.
    let mut nested = 0usize;
    let number = |value: f64, xf: u16| {
        globals
            .styles
            .show(value, usize::from(xf), globals.date1904)
    };
    // A formula with a text result: its position, until the `STRING` record that holds it.
    let mut pending: Option<(u32, u32)> = None;
    // Text boxes and comments (`TXO`), by the id of the `OBJ` before each, and the authors the
    // comments' `NOTE` records give those ids.
    let mut object_id: Option<u16> = None;
    let mut texts: Vec<(Option<u16>, String)> = Vec::new();
    let mut authors: HashMap<u16, String> = HashMap::new();
    let mut cells: Vec<Cell> = Vec::new();
    for record in records {
        let d = record.data;
        let row = u32::from(u16_at(d, 0).unwrap_or(0));
        let col = u32::from(u16_at(d, 2).unwrap_or(0));
        let xf = u16_at(d, 4).unwrap_or(0);
        match record.kind {
            BOF => nested += 1,
            EOF if nested > 0 => nested -= 1,
            EOF => break,
            _ => {}
        }
        if nested > 0 {
            continue;
        }
        let text = match record.kind {
            LABELSST => u32_at(d, 6).and_then(|i| globals.strings.get(i as usize).cloned()),
            LABEL | RSTRING => Some(globals.text.long(d.get(6..).unwrap_or_default())),
            NUMBER => f64_at(d, 6).map(|v| number(v, xf)),
            RK => u32_at(d, 6).map(|rk| number(rk_number(rk), xf)),
            MULRK => {
                let pairs = d.get(4..d.len().saturating_sub(2)).unwrap_or_default();
                for (i, pair) in pairs.chunks_exact(6).enumerate() {
                    let xf = u16::from_le_bytes([pair[0], pair[1]]);
                    let rk = u32::from_le_bytes([pair[2], pair[3], pair[4], pair[5]]);
                    let text = number(rk_number(rk), xf);
                    cells.push(Cell {
                        row,
                        col: col + i as u32,
                        text,
                    });
                }
                None
            }
            FORMULA => formula_value(d, xf, &number).or_else(|| {
                if d.get(6) == Some(&0) && d.get(12..14) == Some(&[0xFF, 0xFF]) {
                    pending = Some((row, col));
                }
                None
            }),
            STRING => {
                if let Some((row, col)) = pending.take() {
                    let text = globals.text.long(d);
                    cells.push(Cell { row, col, text });
                }
                None
            }
            BOOLERR => match (d.get(6), d.get(7)) {
                (Some(&value), Some(&0)) => {
                    Some(if value != 0 { "TRUE" } else { "FALSE" }.to_owned())
                }
                (Some(&code), Some(_)) => Some(error_text(code).to_owned()),
                _ => None,
            },
            OBJ => {
                object_id = (u16_at(d, 0) == Some(FT_CMO))
                    .then(|| u16_at(d, 6))
                    .flatten();
                None
            }
            TXO if globals.text.biff8 => {
                let count = usize::from(u16_at(d, 10).unwrap_or(0));
                if let Some(first) = record.continued.first() {
                    let mut cursor = Segments::new(vec![first]);
                    let wide = cursor.byte().is_some_and(|options| options & 0x01 != 0);
                    let text = cursor.chars(count, wide);
                    if !text.trim().is_empty() {
                        texts.push((object_id.take(), text));
                    }
                }
                None
            }
            NOTE if globals.text.biff8 => {
                if let Some(id) = u16_at(d, 6) {
                    authors.insert(id, globals.text.long(d.get(8..).unwrap_or_default()));
                }
                None
            }
            HEADER | FOOTER if !d.is_empty() => {
                let code = if globals.text.biff8 {
                    globals.text.long(d)
                } else {
                    globals.text.short(d)
                };
                let text = header_footer_text(&code);
                if !text.is_empty() {
                    sheet.notes.push(text);
                }
                None
            }
            _ => None,
        };
        if let Some(text) = text {
            cells.push(Cell { row, col, text });
        }
    }
    for (id, text) in texts {
        let text = text.replace('\r', "\n");
        let author = id.and_then(|id| authors.get(&id));
        sheet.notes.push(match author {
            Some(author) => comment_note(Some(author), text.trim()),
            None => text.trim().to_owned(),
        });
    }
    cells.retain(|cell| !cell.text.is_empty());
    budget.take(cells.len(), ctx)?;
    sheet.cells = cells;
    Ok(())
}

/// A formula's cached value, unless it is text (which follows in a `STRING` record).
fn formula_value(d: &[u8], xf: u16, number: &impl Fn(f64, u16) -> String) -> Option<String> {
    let result = d.get(6..14)?;
    if result[6..8] != [0xFF, 0xFF] {
        return f64_at(d, 6).map(|v| number(v, xf));
    }
    match result[0] {
        1 => Some(if result[2] != 0 { "TRUE" } else { "FALSE" }.to_owned()),
        2 => Some(error_text(result[2]).to_owned()),
        _ => None,
    }
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let two = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([two[0], two[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let four = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([four[0], four[1], four[2], four[3]]))
}

fn f64_at(bytes: &[u8], at: usize) -> Option<f64> {
    let eight: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(f64::from_le_bytes(eight))
}

/// Extracts the workbook whose `Workbook` or `Book` stream is `stream`.
pub fn extract(stream: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let workbook = read(stream, ctx)?;
    super::finish(workbook, ctx)
}

#[cfg(test)]
mod tests;
