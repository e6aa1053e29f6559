//! ASCII85Decode and ASCIIHexDecode (ISO 32000-2, 7.4.2 and 7.4.3). White space is ignored; a
//! stream without its end marker keeps everything it decoded.

use super::Output;
use crate::document::ExtractionError;

/// Decodes ASCII base-85; `Ok(false)` when invalid characters were met (the bytes before are kept).
pub fn decode_85(data: &[u8], out: &mut Output<'_, '_>) -> Result<bool, ExtractionError> {
    let data = data.strip_prefix(b"<~").unwrap_or(data);
    let mut group = [0u8; 5];
    let mut filled = 0;
    for &byte in data {
        match byte {
            b'~' => break,
            b'z' if filled == 0 => out.extend(&[0; 4])?,
            b'!'..=b'u' => {
                group[filled] = byte - b'!';
                filled += 1;
                if filled == 5 {
                    out.extend(&base85_word(&group).to_be_bytes())?;
                    filled = 0;
                }
            }
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0C' | b'\0' => {}
            _ => return Ok(false),
        }
    }
    if filled > 1 {
        // A final partial group of n characters holds n - 1 bytes, padded with 'u'.
        group[filled..].fill(b'u' - b'!');
        out.extend(&base85_word(&group).to_be_bytes()[..filled - 1])?;
    }
    Ok(filled != 1)
}

fn base85_word(group: &[u8; 5]) -> u32 {
    group.iter().fold(0u32, |acc, &d| {
        acc.wrapping_mul(85).wrapping_add(u32::from(d))
    })
}

/// Decodes hexadecimal pairs; `Ok(false)` when invalid characters were met.
pub fn decode_hex(data: &[u8], out: &mut Output<'_, '_>) -> Result<bool, ExtractionError> {
    let mut high: Option<u8> = None;
    let mut clean = true;
    for &byte in data {
        let nibble = match byte {
            b'0'..=b'9' => byte - b'0',
            b'a'..=b'f' => byte - b'a' + 10,
            b'A'..=b'F' => byte - b'A' + 10,
            b'>' => break,
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0C' | b'\0' => continue,
            _ => {
                clean = false;
                break;
            }
        };
        match high.take() {
            Some(h) => out.push(h << 4 | nibble)?,
            None => high = Some(nibble),
        }
    }
    if let Some(h) = high {
        out.push(h << 4)?;
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::super::tests::with_ctx;
    use super::super::{decode, Filter};

    fn run(filter: Filter, data: &[u8]) -> (Vec<u8>, bool) {
        with_ctx(1 << 20, |ctx, budget| {
            let d = decode(data, &[(filter, None)], ctx, budget).unwrap();
            (d.data, d.damaged)
        })
    }

    #[test]
    fn ascii85_decodes_full_and_partial_groups_and_z() {
        assert_eq!(run(Filter::Ascii85, b"87cURD]i,\"Ebo7~>").0, b"Hello World");
        assert_eq!(run(Filter::Ascii85, b"<~z 87cUR~>").0, b"\0\0\0\0Hell");
        assert_eq!(run(Filter::Ascii85, b"87cURD]i").0, b"Hello ");
    }

    #[test]
    fn ascii85_stops_at_an_invalid_character() {
        assert_eq!(run(Filter::Ascii85, b"87cUR{D]i"), (b"Hell".to_vec(), true));
    }

    #[test]
    fn hex_pairs_decode_with_white_space_and_an_odd_final_digit() {
        assert_eq!(
            run(Filter::AsciiHex, b"48 65\n6c6C 6f7>"),
            (b"Hellop".to_vec(), false)
        );
        assert_eq!(run(Filter::AsciiHex, b"48zz"), (b"H".to_vec(), true));
    }
}
