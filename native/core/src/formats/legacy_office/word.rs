//! Word 97 to 2003 documents ([MS-DOC]): the text of every story (the body, then text boxes,
//! footnotes, endnotes, comments, headers and footers), read through the piece table, then
//! the text of its embedded objects, each headed by its name.
//!
//! The File Information Block at the start of the `WordDocument` stream gives each story's
//! length in characters and where the piece table (the `Clx`) lies in the table stream. Each
//! piece maps a run of character positions to bytes of the `WordDocument` stream: 8-bit
//! Windows-1252 text or UTF-16. Fields keep their shown result and drop their instructions;
//! table cells become tab-separated lines. Word 6 and Word 95 files, which have no piece table
//! in this form, give the text between their `fcMin` and `fcMac`.

use crate::document::{ErrorKind, ExtractionError};
use crate::formats::Extracted;
use crate::limits::Context;

use super::{join_blocks, u16_at, u32_at, Storage};

/// `wIdent` of a Word document's FIB: Word 97 and later, Word 6 and 95.
const WORD_IDENTS: [u16; 2] = [0xA5EC, 0xA5DC];
/// The first `nFib` of Word 97, whose FIB has the `FibRgFcLcb97` with the piece table.
const NFIB_WORD97: u16 = 0x00C1;
/// `fEncrypted` and `fWhichTblStm` of `FibBase`'s flags.
const F_ENCRYPTED: u16 = 0x0100;
const F_WHICH_TABLE_STREAM: u16 = 0x0200;
/// `chse` of a Word 6 or 95 FIB whose text is in the Macintosh character set.
const CHSE_MACINTOSH: u16 = 0x0100;
/// Index of `fcClx` among the `FibRgFcLcb97` pairs.
const FC_CLX_PAIR: usize = 33;

/// Special characters of the text stream ([MS-DOC] 2.8.25 and Word's field marks).
const CELL_MARK: u16 = 0x07;
const FIELD_BEGIN: u16 = 0x13;
const FIELD_SEPARATOR: u16 = 0x14;
const FIELD_END: u16 = 0x15;

pub fn extract(storage: &mut Storage<'_>, ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let Some(stream) = storage.read("/WordDocument") else {
        return Err(ctx.parse_error("the WordDocument stream cannot be read"));
    };
    let ident = u16_at(&stream, 0).unwrap_or(0);
    if !WORD_IDENTS.contains(&ident) {
        return Err(ctx.parse_error(format!(
            "the WordDocument stream has no Word file information block (it starts with \
             {ident:#06x})"
        )));
    }
    let n_fib = u16_at(&stream, 2).unwrap_or(0);
    let flags = u16_at(&stream, 0x0A).unwrap_or(0);
    if flags & F_ENCRYPTED != 0 {
        return Err(ExtractionError::new(
            ErrorKind::Encrypted,
            format!(
                "{}: the Word document is encrypted with a password; legacy Word encryption \
                 is not supported",
                ctx.path
            ),
        ));
    }
    let stories = if n_fib < NFIB_WORD97 {
        word95_stories(&stream)
    } else {
        let table_name = if flags & F_WHICH_TABLE_STREAM != 0 {
            "/1Table"
        } else {
            "/0Table"
        };
        let table = storage.read(table_name).unwrap_or_default();
        word97_stories(&stream, &table)
            .ok_or_else(|| ctx.parse_error("the Word document's piece table is damaged"))?
    };
    ctx.tick()?;
    let objects = super::objects::storage_objects(storage, "/ObjectPool", "", ctx)?;
    let blocks = stories
        .into_iter()
        .chain(objects.iter().map(super::object_block))
        .collect::<Vec<_>>();
    let content = join_blocks(blocks.iter().map(String::as_str));
    let mut extracted = Extracted {
        content,
        ..Extracted::default()
    };
    extracted
        .metadata
        .extra
        .insert("wordVersion".to_owned(), version_name(n_fib).to_owned());
    Ok(extracted)
}

fn version_name(n_fib: u16) -> &'static str {
    match n_fib {
        0..=0x0064 => "Word 6",
        0x0065..=0x00C0 => "Word 95",
        0x00C1..=0x00D8 => "Word 97",
        0x00D9 => "Word 2000",
        0x0101 => "Word 2002",
        0x010C => "Word 2003",
        _ => "Word 2007 or later",
    }
}

/// The stories of a Word 97 document, in reading order: body, text boxes, footnotes,
/// endnotes, comments, headers and footers, header text boxes.
fn word97_stories(stream: &[u8], table: &[u8]) -> Option<Vec<String>> {
    // FibBase (32 bytes), then csw and FibRgW97, cslw and FibRgLw97, cbRgFcLcb and the pairs.
    let csw = usize::from(u16_at(stream, 0x20)?);
    let rg_lw = 0x22 + csw * 2 + 2;
    let cslw = usize::from(u16_at(stream, rg_lw - 2)?);
    let lw = |i: usize| -> usize {
        if i < cslw {
            u32_at(stream, rg_lw + i * 4).map_or(0, |v| v as usize)
        } else {
            0
        }
    };
    // The stories' lengths in characters, in the order their positions follow each other:
    // ccpText, ccpFtn, ccpHdd, ccpMcr (unused), ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx.
    let lengths: Vec<usize> = (3..=10).map(lw).collect();
    let pairs = rg_lw + cslw * 4 + 2;
    let count = usize::from(u16_at(stream, pairs - 2)?);
    if count <= FC_CLX_PAIR {
        return None;
    }
    let fc_clx = u32_at(stream, pairs + FC_CLX_PAIR * 8)? as usize;
    let lcb_clx = u32_at(stream, pairs + FC_CLX_PAIR * 8 + 4)? as usize;
    let clx = table.get(fc_clx..fc_clx.checked_add(lcb_clx)?)?;
    let text = piece_text(stream, clx)?;
    let mut stories = Vec::with_capacity(lengths.len());
    let mut start = 0usize;
    for len in &lengths {
        let from = start.min(text.len());
        let to = start.saturating_add(*len).min(text.len());
        stories.push(clean(&text[from..to]));
        start = start.saturating_add(*len);
    }
    // Reading order: body, text boxes, footnotes, endnotes, comments, headers and footers,
    // header text boxes.
    Some(
        [0, 6, 1, 5, 4, 2, 7]
            .into_iter()
            .map(|i| std::mem::take(&mut stories[i]))
            .collect(),
    )
}

/// The document's characters in position order, from the `Clx`: its `Prc` entries skipped,
/// then the `Pcdt` with the piece table (`PlcPcd`).
fn piece_text(stream: &[u8], clx: &[u8]) -> Option<Vec<u16>> {
    let mut at = 0usize;
    let plc = loop {
        match clx.get(at)? {
            0x01 => {
                let size = usize::from(u16_at(clx, at + 1)?);
                at = at.checked_add(3 + size)?;
            }
            0x02 => {
                let size = u32_at(clx, at + 1)? as usize;
                break clx.get(at + 5..(at + 5).checked_add(size)?)?;
            }
            _ => return None,
        }
    };
    if plc.len() < 4 {
        return None;
    }
    let pieces = (plc.len() - 4) / 12;
    let mut text: Vec<u16> = Vec::new();
    for i in 0..pieces {
        // Every character takes at least a byte of the stream: pieces that claim more (the
        // same bytes over and over) are a damaged or hostile table.
        if text.len() >= stream.len() {
            break;
        }
        let cp_start = u32_at(plc, i * 4)? as usize;
        let cp_end = u32_at(plc, (i + 1) * 4)? as usize;
        let descriptor = (pieces + 1) * 4 + i * 8;
        let fc = u32_at(plc, descriptor + 2)?;
        let chars = cp_end
            .saturating_sub(cp_start)
            .min(stream.len() - text.len());
        let compressed = fc & 0x4000_0000 != 0;
        let fc = (fc & 0x3FFF_FFFF) as usize;
        if compressed {
            let start = fc / 2;
            let end = start.saturating_add(chars).min(stream.len());
            let bytes = stream.get(start.min(end)..end).unwrap_or_default();
            text.extend(bytes.iter().map(|&b| windows_1252(b)));
        } else {
            let end = fc.saturating_add(chars.saturating_mul(2)).min(stream.len());
            let bytes = stream.get(fc.min(end)..end).unwrap_or_default();
            text.extend(
                bytes
                    .chunks_exact(2)
                    .map(|pair| u16::from_le_bytes([pair[0], pair[1]])),
            );
        }
    }
    Some(text)
}

/// The stories of a Word 6 or Word 95 document: the 8-bit text between `fcMin` and `fcMac`,
/// one block. Its code page is the Macintosh one when `chse` says so; otherwise the FIB does
/// not tell it reliably (a Russian document may say English), so it is guessed from the text,
/// Windows-1252 when nothing points elsewhere.
fn word95_stories(stream: &[u8]) -> Vec<String> {
    let start = u32_at(stream, 0x18).map_or(0, |v| v as usize);
    let end = u32_at(stream, 0x1C).map_or(0, |v| v as usize);
    let end = end.min(stream.len());
    let bytes = stream.get(start.min(end)..end).unwrap_or_default();
    let encoding = if u16_at(stream, 0x14) == Some(CHSE_MACINTOSH) {
        encoding_rs::MACINTOSH
    } else {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        detector.guess(None, false)
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let units: Vec<u16> = text.encode_utf16().collect();
    vec![clean(&units)]
}

/// A Windows-1252 byte as a UTF-16 unit ([MS-DOC] 2.4.1 maps compressed text this way).
fn windows_1252(byte: u8) -> u16 {
    const HIGH: [u16; 32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => u16::from(byte),
    }
}

/// A story's characters as text: paragraph, line and page marks as line breaks, cells as tabs
/// and rows as lines, fields as their shown result, and Word's other marks (pictures, note
/// references, drawn objects) dropped.
fn clean(units: &[u16]) -> String {
    let mut out: Vec<u16> = Vec::with_capacity(units.len());
    // For each open field, whether its instructions are over (its result is showing).
    let mut fields: Vec<bool> = Vec::new();
    // How many open fields are still in their instructions: counted, not searched for, so a
    // hostile run of nested field marks costs no more than one pass.
    let mut hidden = 0usize;
    let mut last_was_cell = false;
    for &unit in units {
        match unit {
            FIELD_BEGIN => {
                fields.push(false);
                hidden += 1;
                continue;
            }
            FIELD_SEPARATOR => {
                if let Some(top) = fields.last_mut() {
                    if !*top {
                        *top = true;
                        hidden -= 1;
                    }
                }
                continue;
            }
            FIELD_END => {
                if fields.pop() == Some(false) {
                    hidden -= 1;
                }
                continue;
            }
            _ => {}
        }
        if hidden > 0 {
            continue;
        }
        let is_cell = unit == CELL_MARK;
        match unit {
            CELL_MARK if last_was_cell => {
                // A row's end mark follows its last cell's mark.
                if out.last() == Some(&u16::from(b'\t')) {
                    out.pop();
                }
                out.push(u16::from(b'\n'));
            }
            CELL_MARK => out.push(u16::from(b'\t')),
            0x0B..=0x0E => out.push(u16::from(b'\n')),
            0x09 => out.push(unit),
            0x1E => out.push(u16::from(b'-')),
            0xA0 => out.push(u16::from(b' ')),
            0x00..=0x1F => {}
            _ => out.push(unit),
        }
        last_was_cell = is_cell;
    }
    String::from_utf16_lossy(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    #[test]
    fn fields_show_their_result_and_hide_their_instructions() {
        let text = units("See \u{13} HYPERLINK \"http://x\" \u{14}the site\u{15} now\r");
        assert_eq!(clean(&text), "See the site now\n");
        let nested = units("\u{13}IF \u{13}PAGE\u{14}3\u{15} > 1 \u{14}many\u{15} pages");
        assert_eq!(clean(&nested), "many pages");
    }

    #[test]
    fn a_million_nested_field_marks_are_read_in_one_pass() {
        let mut text = vec![FIELD_BEGIN; 1_000_000];
        text.extend(vec![u16::from(b'x'); 100_000]);
        text.extend(vec![FIELD_END; 1_000_000]);
        text.extend(units("shown"));
        assert_eq!(clean(&text), "shown");
    }

    #[test]
    fn cells_become_tabs_and_rows_lines() {
        let text = units("a\u{7}b\u{7}\u{7}c\u{7}d\u{7}\u{7}after\r");
        assert_eq!(clean(&text), "a\tb\nc\td\nafter\n");
    }

    #[test]
    fn compressed_bytes_are_windows_1252() {
        assert_eq!(windows_1252(0x93), 0x201C);
        assert_eq!(windows_1252(b'A'), 0x41);
        assert_eq!(windows_1252(0xE9), 0xE9);
    }
}
