//! FlateDecode (RFC 1950 zlib, or a bare RFC 1951 deflate stream as some writers emit), through
//! flate2's zlib-rs backend, into a bounded [`Output`]. A stream cut short or damaged keeps the
//! bytes decoded before the damage.

use flate2::{Decompress, FlushDecompress, Status};

use super::Output;
use crate::document::ExtractionError;

/// Output is produced in pieces of this size, so limits and the deadline are checked between.
const PIECE: usize = 64 * 1024;

/// Decodes `data`; `Ok(false)` when the stream was damaged and `out` holds what came before.
pub fn decode(data: &[u8], out: &mut Output<'_, '_>) -> Result<bool, ExtractionError> {
    let zlib = looks_like_zlib(data);
    let clean = inflate(data, zlib, out)?;
    if clean || !out.data.is_empty() {
        return Ok(clean);
    }
    // Nothing came out: the header may lie about the format; try the other one.
    inflate(data, !zlib, out)
}

/// Whether `data` starts with a valid zlib header (deflate method, window ≤ 32K, check bits).
fn looks_like_zlib(data: &[u8]) -> bool {
    match data {
        [cmf, flg, ..] => {
            cmf & 0x0F == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0
        }
        _ => false,
    }
}

fn inflate(data: &[u8], zlib: bool, out: &mut Output<'_, '_>) -> Result<bool, ExtractionError> {
    let mut inflater = Decompress::new(zlib);
    loop {
        let consumed = usize::try_from(inflater.total_in()).unwrap_or(usize::MAX);
        let input = data.get(consumed..).unwrap_or_default();
        if out.data.capacity() - out.data.len() < PIECE {
            out.reserve(PIECE)?;
        }
        let before_out = inflater.total_out();
        let before_in = inflater.total_in();
        match inflater.decompress_vec(input, &mut out.data, FlushDecompress::None) {
            Ok(Status::StreamEnd) => return Ok(true),
            Ok(Status::Ok | Status::BufError) => {
                let progressed =
                    inflater.total_out() != before_out || inflater.total_in() != before_in;
                if !progressed {
                    // No more input and no more output: the stream was cut short. Keep what
                    // came out, and say it is incomplete.
                    return Ok(false);
                }
            }
            Err(_) => return Ok(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::write::{DeflateEncoder, ZlibEncoder};
    use flate2::Compression;

    use super::super::tests::with_ctx;
    use super::super::{decode as decode_chain, Filter};
    use crate::document::ErrorKind;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    fn flate(data: &[u8], max: i64) -> Result<(Vec<u8>, bool), crate::ExtractionError> {
        with_ctx(max, |ctx, budget| {
            decode_chain(data, &[(Filter::Flate, None)], ctx, budget).map(|d| (d.data, d.damaged))
        })
    }

    #[test]
    fn zlib_and_bare_deflate_streams_both_decode() {
        let text = b"BT /F1 12 Tf (Hello) Tj ET ".repeat(100);
        assert_eq!(flate(&zlib(&text), 1 << 20).unwrap(), (text.clone(), false));
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(&text).unwrap();
        assert_eq!(flate(&encoder.finish().unwrap(), 1 << 20).unwrap().0, text);
    }

    #[test]
    fn a_truncated_stream_keeps_what_it_still_holds() {
        let text: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let compressed = zlib(&text);
        let (data, damaged) = flate(&compressed[..compressed.len() / 2], 1 << 30).unwrap();
        assert!(damaged);
        assert!(data.len() > 100_000 && text.starts_with(&data));
    }

    #[test]
    fn garbage_decodes_to_nothing_and_is_marked_damaged() {
        let (data, damaged) = flate(b"\x00\x01garbage that is not deflate", 1 << 20).unwrap();
        assert!(damaged && data.len() < 30);
    }

    #[test]
    fn a_decompression_bomb_stops_at_the_limit() {
        let bomb = zlib(&vec![0u8; 50 * 1024 * 1024]);
        assert!(bomb.len() < 100_000);
        let error = flate(&bomb, 10 * 1024 * 1024).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Limit);
        assert!(error.message.contains("decompression bomb"));
    }
}
