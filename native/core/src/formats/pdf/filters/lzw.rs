//! LZWDecode (ISO 32000-2, 7.4.4): 9- to 12-bit codes, 256 clears the table, 257 ends the data;
//! `EarlyChange` (default 1) widens codes one entry early, as most writers do. The table stores
//! each entry as (prefix code, last byte), so memory stays fixed whatever the input.

use super::Output;
use crate::document::ExtractionError;

const CLEAR: u16 = 256;
const END: u16 = 257;
const MAX_ENTRIES: usize = 4096;

/// Decodes `data`; `Ok(false)` when an invalid code was met (the bytes before are kept).
pub fn decode(
    data: &[u8],
    early_change: bool,
    out: &mut Output<'_, '_>,
) -> Result<bool, ExtractionError> {
    let mut prefix = [0u16; MAX_ENTRIES];
    let mut last = [0u8; MAX_ENTRIES];
    let mut first = [0u8; MAX_ENTRIES];
    for code in 0..256u16 {
        last[usize::from(code)] = code as u8;
        first[usize::from(code)] = code as u8;
    }
    let mut next = 258usize;
    let mut width = 9u32;
    let mut previous: Option<u16> = None;
    let mut bits = 0u32;
    let mut held = 0u32;
    let mut scratch = Vec::with_capacity(MAX_ENTRIES);
    let mut bytes = data.iter();
    loop {
        while held < width {
            let Some(&byte) = bytes.next() else {
                return Ok(true);
            };
            bits = bits << 8 | u32::from(byte);
            held += 8;
        }
        held -= width;
        let code = ((bits >> held) & ((1 << width) - 1)) as u16;
        bits &= (1 << held) - 1;
        match code {
            CLEAR => {
                next = 258;
                width = 9;
                previous = None;
                continue;
            }
            END => return Ok(true),
            _ => {}
        }
        let index = usize::from(code);
        let known = index < next && index != usize::from(CLEAR) && index != usize::from(END);
        let head = match (known, previous) {
            (true, _) => first[index],
            (false, Some(p)) if index == next => first[usize::from(p)],
            _ => return Ok(false),
        };
        if let Some(p) = previous {
            if next < MAX_ENTRIES {
                prefix[next] = p;
                last[next] = head;
                first[next] = first[usize::from(p)];
                next += 1;
            }
        }
        // Walk the entry back to its first byte, then write it forwards.
        scratch.clear();
        let mut walk = index;
        while walk >= 258 {
            scratch.push(last[walk]);
            walk = usize::from(prefix[walk]);
        }
        scratch.push(last[walk]);
        out.reserve(scratch.len())?;
        out.data.extend(scratch.iter().rev());
        previous = Some(code);
        let threshold = next + usize::from(early_change);
        width = match threshold {
            0..=511 => 9,
            512..=1023 => 10,
            1024..=2047 => 11,
            _ => 12,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::with_ctx;
    use super::super::Output;

    fn lzw(data: &[u8], early: bool) -> (Vec<u8>, bool) {
        with_ctx(1 << 20, |ctx, budget| {
            let mut out = Output::new(ctx, budget, 0);
            let clean = super::decode(data, early, &mut out).unwrap();
            (out.data, clean)
        })
    }

    /// Packs 9-bit codes MSB first.
    fn pack(codes: &[u16]) -> Vec<u8> {
        let mut out = Vec::new();
        let (mut bits, mut held) = (0u32, 0u32);
        for &code in codes {
            bits = bits << 9 | u32::from(code);
            held += 9;
            while held >= 8 {
                held -= 8;
                out.push((bits >> held) as u8);
            }
        }
        if held > 0 {
            out.push((bits << (8 - held)) as u8);
        }
        out
    }

    #[test]
    fn the_specification_example_decodes() {
        // ISO 32000-2, 7.4.4.2: "-----A---B" encodes to these codes.
        let codes = [256, 45, 258, 258, 65, 259, 66, 257];
        assert_eq!(lzw(&pack(&codes), true), (b"-----A---B".to_vec(), true));
    }

    #[test]
    fn a_code_not_yet_in_the_table_is_an_error_that_keeps_the_bytes_before() {
        let codes = [65, 300];
        assert_eq!(lzw(&pack(&codes), true), (b"A".to_vec(), false));
    }

    #[test]
    fn data_without_an_end_code_keeps_everything() {
        assert_eq!(lzw(&pack(&[72, 105]), false).0, b"Hi");
    }
}
