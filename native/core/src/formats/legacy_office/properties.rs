//! The summary properties of a compound file (`\x05SummaryInformation`, [MS-OLEPS]) into
//! `metadata`: title, subject, authors, keywords, comments, last author, creation and save
//! times, page count and application.
//!
//! A property set stream has a header, then the offset of its first section; the section
//! lists (property id, offset) pairs, each offset leading to a typed value. Strings are 8-bit
//! in the code page the set names (property 1), or UTF-16.

use crate::document::Metadata;

use super::{u16_at, u32_at};

const VT_I2: u32 = 0x0002;
const VT_I4: u32 = 0x0003;
const VT_LPSTR: u32 = 0x001E;
const VT_LPWSTR: u32 = 0x001F;
const VT_FILETIME: u32 = 0x0040;
/// Properties read at most per section.
const MAX_PROPERTIES: usize = 256;

/// A property's value, as far as `metadata` needs it.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Number(i64),
    Text(String),
    /// Microseconds since 1970.
    Time(i64),
}

/// Fills what `metadata` does not have yet from the summary information stream `stream`.
pub fn read(stream: &[u8], metadata: &mut Metadata) {
    for (id, value) in properties(stream) {
        match (id, value) {
            (2, Value::Text(t)) => fill(&mut metadata.title, t),
            (3, Value::Text(t)) => fill(&mut metadata.subject, t),
            (4, Value::Text(t)) if metadata.authors.is_empty() => {
                metadata.authors = split_list(&t);
            }
            (5, Value::Text(t)) if metadata.keywords.is_empty() => {
                metadata.keywords = split_list(&t);
            }
            (6, Value::Text(t)) => put(metadata, "description", t),
            (8, Value::Text(t)) => put(metadata, "lastModifiedBy", t),
            (12, Value::Time(t)) => {
                metadata.created.get_or_insert(t);
            }
            (13, Value::Time(t)) => {
                metadata.modified.get_or_insert(t);
            }
            (14, Value::Number(n)) if n > 0 && metadata.page_count.is_none() => {
                metadata.page_count = i32::try_from(n).ok();
            }
            (18, Value::Text(t)) => fill(&mut metadata.creator, t),
            _ => {}
        }
    }
}

fn fill(field: &mut Option<String>, text: String) {
    if field.is_none() {
        *field = Some(text);
    }
}

fn put(metadata: &mut Metadata, key: &str, text: String) {
    metadata.extra.entry(key.to_owned()).or_insert(text);
}

fn split_list(text: &str) -> Vec<String> {
    text.split([';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The first section's properties with a value of a known type, text ones non-empty.
fn properties(stream: &[u8]) -> Vec<(u32, Value)> {
    if u16_at(stream, 0) != Some(0xFFFE) {
        return Vec::new();
    }
    let Some(section) = u32_at(stream, 44).map(|v| v as usize) else {
        return Vec::new();
    };
    let count = u32_at(stream, section + 4).map_or(0, |v| v as usize);
    let entries: Vec<(u32, usize)> = (0..count.min(MAX_PROPERTIES))
        .filter_map(|i| {
            let at = section + 8 + i * 8;
            Some((
                u32_at(stream, at)?,
                section + u32_at(stream, at + 4)? as usize,
            ))
        })
        .collect();
    let code_page = entries
        .iter()
        .find(|(id, _)| *id == 1)
        .and_then(|&(_, at)| u16_at(stream, at + 4))
        .unwrap_or(1252);
    entries
        .into_iter()
        .filter_map(|(id, at)| Some((id, value(stream, at, code_page)?)))
        .collect()
}

fn value(stream: &[u8], at: usize, code_page: u16) -> Option<Value> {
    let kind = u32_at(stream, at)? & 0xFFFF;
    let data = at + 4;
    match kind {
        VT_I2 => Some(Value::Number(i64::from(u16_at(stream, data)? as i16))),
        VT_I4 => Some(Value::Number(i64::from(u32_at(stream, data)? as i32))),
        VT_LPSTR => {
            let len = u32_at(stream, data)? as usize;
            let bytes = stream.get(data + 4..(data + 4).checked_add(len)?)?;
            let text = if code_page == 1200 {
                utf16(bytes)
            } else {
                let encoding = crate::formats::rtf::charset::code_page(i32::from(code_page))
                    .unwrap_or(encoding_rs::WINDOWS_1252);
                encoding.decode_without_bom_handling(bytes).0.into_owned()
            };
            text_value(text)
        }
        VT_LPWSTR => {
            let chars = u32_at(stream, data)? as usize;
            let bytes = stream.get(data + 4..(data + 4).checked_add(chars.checked_mul(2)?)?)?;
            text_value(utf16(bytes))
        }
        VT_FILETIME => {
            let low = u64::from(u32_at(stream, data)?);
            let high = u64::from(u32_at(stream, data + 4)?);
            let ticks = (high << 32) | low;
            // 100 ns ticks since 1601; 0 is "never".
            const UNIX_EPOCH_MICROS_SINCE_1601: i64 = 11_644_473_600_000_000;
            let micros = i64::try_from(ticks / 10).ok()? - UNIX_EPOCH_MICROS_SINCE_1601;
            (ticks != 0).then_some(Value::Time(micros))
        }
        _ => None,
    }
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]))
        .collect();
    String::from_utf16_lossy(&units)
}

fn text_value(text: String) -> Option<Value> {
    let text = text.trim_end_matches('\0').trim();
    (!text.is_empty()).then(|| Value::Text(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A summary information stream with the given properties (id, type, value bytes).
    fn stream(properties: &[(u32, u32, Vec<u8>)]) -> Vec<u8> {
        let mut out = vec![0xFE, 0xFF, 0, 0, 0, 0, 0, 0];
        out.extend_from_slice(&[0; 16]);
        out.extend_from_slice(&1u32.to_le_bytes());
        out.extend_from_slice(&[0; 16]);
        out.extend_from_slice(&48u32.to_le_bytes());
        let mut values = Vec::new();
        let mut offsets = Vec::new();
        let header = 8 + properties.len() * 8;
        for (_, kind, bytes) in properties {
            offsets.push(header + values.len());
            values.extend_from_slice(&kind.to_le_bytes());
            values.extend_from_slice(bytes);
            while values.len() % 4 != 0 {
                values.push(0);
            }
        }
        let mut section = ((header + values.len()) as u32).to_le_bytes().to_vec();
        section.extend_from_slice(&(properties.len() as u32).to_le_bytes());
        for ((id, _, _), offset) in properties.iter().zip(offsets) {
            section.extend_from_slice(&id.to_le_bytes());
            section.extend_from_slice(&(offset as u32).to_le_bytes());
        }
        section.extend(values);
        out.extend(section);
        out
    }

    fn lpstr(text: &[u8]) -> Vec<u8> {
        let mut out = ((text.len() + 1) as u32).to_le_bytes().to_vec();
        out.extend_from_slice(text);
        out.push(0);
        out
    }

    #[test]
    fn summary_properties_fill_the_metadata_in_their_code_page() {
        // 10 seconds after 1970 in 100 ns ticks since 1601.
        let ticks: u64 = 116_444_736_000_000_000 + 100_000_000;
        let data = stream(&[
            (1, VT_I2, 1251u16.to_le_bytes().to_vec()),
            (2, VT_LPSTR, lpstr(b"\xcf\xeb\xe0\xed")),
            (4, VT_LPSTR, lpstr(b"Ann; Bob")),
            (8, VT_LPSTR, lpstr(b"Cy")),
            (12, VT_FILETIME, ticks.to_le_bytes().to_vec()),
            (14, VT_I4, 3u32.to_le_bytes().to_vec()),
            (18, VT_LPSTR, lpstr(b"Microsoft Office Word")),
        ]);
        let mut metadata = Metadata::default();
        read(&data, &mut metadata);
        assert_eq!(
            metadata.title.as_deref(),
            Some("\u{41f}\u{43b}\u{430}\u{43d}")
        );
        assert_eq!(metadata.authors, ["Ann", "Bob"]);
        assert_eq!(metadata.extra["lastModifiedBy"], "Cy");
        assert_eq!(metadata.created, Some(10_000_000));
        assert_eq!(metadata.page_count, Some(3));
        assert_eq!(metadata.creator.as_deref(), Some("Microsoft Office Word"));
    }

    #[test]
    fn a_stream_that_is_no_property_set_gives_nothing() {
        let mut metadata = Metadata::default();
        read(b"not a property set", &mut metadata);
        read(&[0xFE, 0xFF, 0, 0], &mut metadata);
        assert_eq!(metadata, Metadata::default());
    }
}
