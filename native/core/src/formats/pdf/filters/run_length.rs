//! RunLengthDecode (ISO 32000-2, 7.4.5): a length byte, then literal bytes or one repeated byte.

use super::Output;
use crate::document::ExtractionError;

/// Decodes `data`; `Ok(false)` when it ends inside a run (the bytes before are kept).
pub fn decode(data: &[u8], out: &mut Output<'_, '_>) -> Result<bool, ExtractionError> {
    let mut i = 0;
    while let Some(&length) = data.get(i) {
        i += 1;
        match length {
            128 => return Ok(true),
            0..=127 => {
                let end = i + usize::from(length) + 1;
                let Some(literal) = data.get(i..end) else {
                    out.extend(&data[i..])?;
                    return Ok(false);
                };
                out.extend(literal)?;
                i = end;
            }
            _ => {
                let Some(&byte) = data.get(i) else {
                    return Ok(false);
                };
                i += 1;
                let count = 257 - usize::from(length);
                out.reserve(count)?;
                out.data.resize(out.data.len() + count, byte);
            }
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::super::tests::with_ctx;
    use super::super::{decode, Filter};

    fn run(data: &[u8]) -> (Vec<u8>, bool) {
        with_ctx(1 << 20, |ctx, budget| {
            let d = decode(data, &[(Filter::RunLength, None)], ctx, budget).unwrap();
            (d.data, d.damaged)
        })
    }

    #[test]
    fn literals_and_repeats_decode_until_the_end_marker() {
        assert_eq!(run(b"\x02abc\xFEz\x80ignored"), (b"abczzz".to_vec(), false));
    }

    #[test]
    fn a_cut_run_keeps_the_bytes_before() {
        assert_eq!(run(b"\x05ab"), (b"ab".to_vec(), true));
        assert_eq!(run(b"\x00a\xFE"), (b"a".to_vec(), true));
    }
}
