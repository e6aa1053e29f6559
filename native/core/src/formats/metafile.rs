//! The text drawn by a Windows metafile (EMF, [MS-EMF]; WMF, [MS-WMF]): the strings of its
//! text-output records, in drawing order, a new line wherever the baseline moves. Office keeps
//! such a picture as the preview of every embedded object, so when the object itself cannot be
//! read its preview's text is what the reader saw. Reading is one pass over the records, each
//! bounded by the input; nothing is rendered.

use encoding_rs::Encoding;

use crate::document::ExtractionError;
use crate::limits::Context;

/// `ETO_GLYPH_INDEX` ([MS-WMF] 2.1.2.11): the string holds glyph indices, not characters.
const GLYPH_INDEX: u32 = 0x0010;
/// `ETO_NO_RECT` ([MS-EMF] 2.2.5): the text record has no clipping rectangle.
const NO_RECT: u32 = 0x0100;
/// `SYMBOL_CHARSET`: a font of pictographs whose bytes are no text.
const SYMBOL_CHARSET: u8 = 2;

/// Whether `bytes` look like an EMF (its header record and signature) or a WMF (placeable or
/// plain header).
pub fn is_metafile(bytes: &[u8]) -> bool {
    is_emf(bytes) || wmf_records_start(bytes).is_some()
}

/// The text of an EMF or WMF picture; empty when it draws none or is neither.
pub fn text(bytes: &[u8], ctx: &Context<'_>) -> Result<String, ExtractionError> {
    let mut lines = Lines::default();
    if is_emf(bytes) {
        emf_text(bytes, &mut lines, ctx)?;
    } else if let Some(start) = wmf_records_start(bytes) {
        wmf_text(bytes, start, &mut lines, ctx)?;
    }
    Ok(lines.finish())
}

fn is_emf(bytes: &[u8]) -> bool {
    // EMR_HEADER first, with the " EMF" signature at offset 40 ([MS-EMF] 2.3.4.2).
    u32_at(bytes, 0) == Some(1) && bytes.get(40..44) == Some(b" EMF")
}

/// Where a WMF's records start: after the placeable header (key 0x9AC6CDD7, 22 bytes) if any,
/// and the 18-byte META_HEADER ([MS-WMF] 2.3.2).
fn wmf_records_start(bytes: &[u8]) -> Option<usize> {
    let header = if u32_at(bytes, 0) == Some(0x9AC6_CDD7) {
        22
    } else {
        0
    };
    let kind = u16_at(bytes, header)?;
    let header_words = u16_at(bytes, header + 2)?;
    (matches!(kind, 1 | 2) && header_words == 9).then_some(header + 18)
}

fn emf_text(bytes: &[u8], lines: &mut Lines, ctx: &Context<'_>) -> Result<(), ExtractionError> {
    let mut at = 0usize;
    while let (Some(kind), Some(size)) = (u32_at(bytes, at), u32_at(bytes, at + 4)) {
        ctx.tick()?;
        let size = size as usize;
        let Some(record) = bytes.get(at..at.saturating_add(size)) else {
            break;
        };
        if size < 8 || kind == 14 {
            // A malformed record, or EMR_EOF.
            break;
        }
        // EMR_EXTTEXTOUTA (83) and EMR_EXTTEXTOUTW (84), [MS-EMF] 2.3.5.7 and 2.3.5.8: the
        // EmrText object follows the bounds, graphics mode and scales, at offset 36.
        if kind == 83 || kind == 84 {
            emf_text_record(record, kind == 84, lines);
        }
        at += size;
    }
    Ok(())
}

fn emf_text_record(record: &[u8], wide: bool, lines: &mut Lines) {
    let (Some(x), Some(y), Some(chars), Some(offset), Some(options)) = (
        i32_at(record, 36),
        i32_at(record, 40),
        u32_at(record, 44),
        u32_at(record, 48),
        u32_at(record, 52),
    ) else {
        return;
    };
    if options & GLYPH_INDEX != 0 {
        return;
    }
    let chars = chars as usize;
    let offset = offset as usize;
    let unit = if wide { 2 } else { 1 };
    let Some(raw) = record.get(offset..offset.saturating_add(chars.saturating_mul(unit))) else {
        return;
    };
    let text = if wide {
        let units: Vec<u16> = raw
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        encoding_rs::WINDOWS_1252.decode(raw).0.into_owned()
    };
    // The advances of the characters (offDx), after the optional clipping rectangle.
    let dx_at = if options & NO_RECT != 0 { 56 } else { 72 };
    let advance = u32_at(record, dx_at)
        .and_then(|off| record.get(off as usize..(off as usize).saturating_add(chars * 4)))
        .filter(|dx| dx.len() == chars * 4)
        .map(|dx| {
            dx.chunks_exact(4)
                .map(|c| i64::from(i32::from_le_bytes([c[0], c[1], c[2], c[3]])))
                .sum::<i64>()
        });
    lines.run(&text, i64::from(x), i64::from(y), advance);
}

fn wmf_text(
    bytes: &[u8],
    start: usize,
    lines: &mut Lines,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    let mut objects = WmfObjects::default();
    let mut at = start;
    while let (Some(words), Some(function)) = (u32_at(bytes, at), u16_at(bytes, at + 4)) {
        ctx.tick()?;
        let size = (words as usize).saturating_mul(2);
        let Some(record) = bytes.get(at..at.saturating_add(size)) else {
            break;
        };
        if size < 6 || function == 0 {
            // A malformed record, or META_EOF.
            break;
        }
        let params = &record[6..];
        match function {
            // META_TEXTOUT ([MS-WMF] 2.3.3.20): length, string (padded to even), y, x.
            0x0521 => {
                if let Some(len) = u16_at(params, 0).map(usize::from) {
                    let padded = len + len % 2;
                    if let (Some(raw), Some(y), Some(x)) = (
                        params.get(2..2 + len),
                        i16_at(params, 2 + padded),
                        i16_at(params, 4 + padded),
                    ) {
                        objects.run(raw, x, y, None, lines);
                    }
                }
            }
            // META_EXTTEXTOUT ([MS-WMF] 2.3.3.5): y, x, length, options, an optional
            // rectangle (with ETO_OPAQUE or ETO_CLIPPED), the string, optional advances.
            0x0A32 => {
                if let (Some(y), Some(x), Some(len), Some(options)) = (
                    i16_at(params, 0),
                    i16_at(params, 2),
                    u16_at(params, 4).map(usize::from),
                    u16_at(params, 6),
                ) {
                    let text_at = if options & 0x0006 != 0 { 16 } else { 8 };
                    let dx_at = text_at + len + len % 2;
                    let advance = params.get(dx_at..dx_at + len * 2).map(|dx| {
                        dx.chunks_exact(2)
                            .map(|c| i64::from(i16::from_le_bytes([c[0], c[1]])))
                            .sum()
                    });
                    if u32::from(options) & GLYPH_INDEX == 0 {
                        if let Some(raw) = params.get(text_at..text_at + len) {
                            objects.run(raw, x, y, advance, lines);
                        }
                    }
                }
            }
            0x02FB => objects.create(params.get(13).copied()),
            // The other records that create an object take a slot of the table too.
            0x02FA | 0x02FC | 0x00F7 | 0x01F9 | 0x0142 | 0x06FF => objects.create(None),
            0x012D => objects.select(u16_at(params, 0)),
            0x01F0 => objects.delete(u16_at(params, 0)),
            _ => {}
        }
        at += size;
    }
    Ok(())
}

/// The WMF object table ([MS-WMF] 3.1.4.1): a created object takes the lowest free index; only
/// fonts matter here, for the character set their text is in.
#[derive(Default)]
struct WmfObjects {
    /// Per slot: free (`None`), or an object with its font charset if it is a font.
    slots: Vec<Option<Option<u8>>>,
    charset: u8,
}

impl WmfObjects {
    /// The most slots kept: a metafile declares far fewer; more is a broken or hostile file.
    const MAX_SLOTS: usize = 65_536;

    fn create(&mut self, charset: Option<u8>) {
        match self.slots.iter().position(Option::is_none) {
            Some(free) => self.slots[free] = Some(charset),
            None if self.slots.len() < Self::MAX_SLOTS => self.slots.push(Some(charset)),
            None => {}
        }
    }

    fn select(&mut self, index: Option<u16>) {
        if let Some(Some(Some(charset))) = index.and_then(|i| self.slots.get(usize::from(i))) {
            self.charset = *charset;
        }
    }

    fn delete(&mut self, index: Option<u16>) {
        if let Some(slot) = index.and_then(|i| self.slots.get_mut(usize::from(i))) {
            *slot = None;
        }
    }

    fn encoding(&self) -> &'static Encoding {
        super::rtf::charset::charset_code_page(i32::from(self.charset))
            .and_then(super::rtf::charset::code_page)
            .unwrap_or(encoding_rs::WINDOWS_1252)
    }

    fn run(&self, raw: &[u8], x: i16, y: i16, advance: Option<i64>, lines: &mut Lines) {
        if self.charset == SYMBOL_CHARSET {
            return;
        }
        let text = self.encoding().decode_without_bom_handling(raw).0;
        lines.run(&text, i64::from(x), i64::from(y), advance);
    }
}

/// Text runs joined into lines: a run on the baseline of the one before continues its line,
/// with a space unless it starts about where that one ended (closer than a third of a
/// character: programs that draw one character per record leave such gaps inside words).
#[derive(Default)]
struct Lines {
    out: String,
    last: Option<LastRun>,
}

/// The baseline of the last run, and, when its advances were known, where it ended and how
/// wide its characters were on average.
#[derive(Clone, Copy)]
struct LastRun {
    x: i64,
    y: i64,
    end: Option<(i64, i64)>,
}

impl Lines {
    fn run(&mut self, text: &str, x: i64, y: i64, advance: Option<i64>) {
        let text: String = text
            .chars()
            .filter(|c| !c.is_control() && !is_private_use(*c))
            .collect();
        let count = i64::try_from(text.chars().count())
            .unwrap_or(i64::MAX)
            .max(1);
        let end = advance.map(|a| (x.saturating_add(a), a.abs() / count));
        if text.trim().is_empty() {
            // A space drawn alone still ends the run before it.
            if let Some(last) = self.last.as_mut().filter(|l| l.y == y) {
                if !self.out.ends_with(' ') {
                    self.out.push(' ');
                }
                last.end = end;
            }
            return;
        }
        match self.last {
            Some(LastRun {
                x: last_x,
                y: last_y,
                end: last_end,
            }) if last_y == y => {
                // Runs that all start at one point are placed by transforms: each is a word.
                let touching = last_x != x
                    && match (last_end, end) {
                        (Some((last_end, last_width)), Some((_, width))) => {
                            let width = last_width.max(width).max(3);
                            let gap = x - last_end;
                            gap * 3 <= width && gap >= -width
                        }
                        (Some((last_end, _)), None) => (x - last_end).abs() <= 1,
                        _ => false,
                    };
                if !touching && !self.out.ends_with(' ') && !text.starts_with(' ') {
                    self.out.push(' ');
                }
            }
            Some(_) => {
                let trimmed = self.out.trim_end_matches(' ').len();
                self.out.truncate(trimmed);
                self.out.push('\n');
            }
            None => {}
        }
        self.out.push_str(&text);
        self.last = Some(LastRun { x, y, end });
    }

    fn finish(self) -> String {
        let mut out = String::with_capacity(self.out.len() + 1);
        for line in self.out.lines() {
            let line = line.trim();
            if !line.is_empty() {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }
}

/// Symbol fonts (Wingdings, Symbol) draw from the private use area.
fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let two = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([two[0], two[1]]))
}

fn i16_at(bytes: &[u8], at: usize) -> Option<i16> {
    u16_at(bytes, at).map(|v| v as i16)
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let four = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([four[0], four[1], four[2], four[3]]))
}

fn i32_at(bytes: &[u8], at: usize) -> Option<i32> {
    u32_at(bytes, at).map(|v| v as i32)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    /// An EMF with a header and one EMR_EXTTEXTOUTW per `(text, x, y)`, advances of 10 each.
    pub(crate) fn emf(runs: &[(&str, i32, i32)]) -> Vec<u8> {
        let mut header = vec![0u8; 88];
        header[0..4].copy_from_slice(&1u32.to_le_bytes());
        header[4..8].copy_from_slice(&88u32.to_le_bytes());
        header[40..44].copy_from_slice(b" EMF");
        let mut out = header;
        for (text, x, y) in runs {
            let units: Vec<u16> = text.encode_utf16().collect();
            let string_at = 76usize;
            let dx_at = string_at + units.len() * 2 + (units.len() * 2) % 4;
            let size = dx_at + units.len() * 4;
            let mut record = vec![0u8; size];
            record[0..4].copy_from_slice(&84u32.to_le_bytes());
            record[4..8].copy_from_slice(&(size as u32).to_le_bytes());
            record[36..40].copy_from_slice(&x.to_le_bytes());
            record[40..44].copy_from_slice(&y.to_le_bytes());
            record[44..48].copy_from_slice(&(units.len() as u32).to_le_bytes());
            record[48..52].copy_from_slice(&(string_at as u32).to_le_bytes());
            record[72..76].copy_from_slice(&(dx_at as u32).to_le_bytes());
            for (i, unit) in units.iter().enumerate() {
                record[string_at + i * 2..string_at + i * 2 + 2]
                    .copy_from_slice(&unit.to_le_bytes());
                record[dx_at + i * 4..dx_at + i * 4 + 4].copy_from_slice(&10i32.to_le_bytes());
            }
            out.extend_from_slice(&record);
        }
        out.extend_from_slice(&14u32.to_le_bytes());
        out.extend_from_slice(&20u32.to_le_bytes());
        out.extend_from_slice(&[0; 12]);
        out
    }

    fn wmf_record(function: u16, params: &[u8]) -> Vec<u8> {
        let mut params = params.to_vec();
        if params.len() % 2 == 1 {
            params.push(0);
        }
        let words = (6 + params.len()) / 2;
        let mut out = (words as u32).to_le_bytes().to_vec();
        out.extend_from_slice(&function.to_le_bytes());
        out.extend_from_slice(&params);
        out
    }

    fn text_of(bytes: &[u8]) -> String {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.emf", &config);
        text(bytes, &ctx).unwrap()
    }

    #[test]
    fn emf_runs_on_one_baseline_form_a_line_and_touching_runs_join() {
        let bytes = emf(&[
            ("Sales", 0, 100),
            ("by", 60, 100),
            ("quar", 90, 100),
            ("ter", 130, 100),
            ("2024", 0, 200),
        ]);
        assert!(is_metafile(&bytes));
        assert_eq!(text_of(&bytes), "Sales by quarter\n2024\n");
    }

    #[test]
    fn emf_characters_drawn_one_by_one_form_words_and_runs_placed_by_transforms_do_not() {
        let one_by_one = emf(&[("A", 0, 0), ("p", 12, 0), ("e", 21, 0), ("x", 60, 0)]);
        assert_eq!(text_of(&one_by_one), "Ape x\n");
        let transformed = emf(&[("20", 0, 0), ("40", 0, 0), ("60", 0, 0)]);
        assert_eq!(text_of(&transformed), "20 40 60\n");
    }

    #[test]
    fn wmf_text_follows_the_selected_fonts_charset() {
        let mut bytes = vec![0u8; 18];
        bytes[0..2].copy_from_slice(&1u16.to_le_bytes());
        bytes[2..4].copy_from_slice(&9u16.to_le_bytes());
        // A Cyrillic font (charset 204) created in slot 0 and selected.
        let mut font = vec![0u8; 18];
        font[13] = 204;
        bytes.extend(wmf_record(0x02FB, &font));
        bytes.extend(wmf_record(0x012D, &0u16.to_le_bytes()));
        let mut textout = 3u16.to_le_bytes().to_vec();
        textout.extend_from_slice(&[0xcf, 0xf0, 0xe8, 0]);
        textout.extend_from_slice(&10i16.to_le_bytes());
        textout.extend_from_slice(&5i16.to_le_bytes());
        bytes.extend(wmf_record(0x0521, &textout));
        let mut ext = 40i16.to_le_bytes().to_vec();
        ext.extend_from_slice(&5i16.to_le_bytes());
        ext.extend_from_slice(&2u16.to_le_bytes());
        ext.extend_from_slice(&0u16.to_le_bytes());
        ext.extend_from_slice(b"ok");
        bytes.extend(wmf_record(0x0A32, &ext));
        bytes.extend(wmf_record(0, &[]));
        assert!(is_metafile(&bytes));
        assert_eq!(text_of(&bytes), "При\nok\n");
    }

    #[test]
    fn truncated_and_foreign_bytes_give_no_text() {
        let bytes = emf(&[("Hello", 0, 0)]);
        for len in 0..bytes.len() {
            let _ = text_of(&bytes[..len]);
        }
        assert_eq!(text_of(b"\x89PNG\r\n\x1a\n"), "");
        assert!(!is_metafile(b"\x89PNG\r\n\x1a\n"));
    }
}
