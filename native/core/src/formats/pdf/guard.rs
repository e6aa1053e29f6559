//! Bounds on what the object layer decodes by itself. hayro-syntax inflates object streams and
//! cross-reference streams internally, without a size limit; before it opens a file, this guard
//! finds those streams by their `/Type` and inflates each once into a counting sink, so a
//! decompression bomb hidden in one is refused before anything large is allocated.

use flate2::{Decompress, FlushDecompress, Status};
use memchr::memmem;

use crate::document::{ErrorKind, ExtractionError};
use crate::limits::Context;

/// How far after `/Type /ObjStm` the `stream` keyword may start (the rest of the dictionary).
const DICT_WINDOW: usize = 4096;

/// The most bytes an object or cross-reference stream may inflate to.
const MAX_INTERNAL_STREAM: u64 = 256 * 1024 * 1024;

/// Refuses `bytes` when one of its object or cross-reference streams inflates past the limit.
pub fn check_internal_streams(bytes: &[u8], ctx: &Context<'_>) -> Result<(), ExtractionError> {
    let limit = MAX_INTERNAL_STREAM.min(u64::try_from(ctx.limits.max_output_bytes).unwrap_or(0));
    // One sink for all the streams of the file, allocated at the first (zeroing a sink per
    // stream cost more than inflating the streams).
    let mut sink = Vec::new();
    for kind in [&b"/ObjStm"[..], b"/XRef"] {
        for at in memmem::find_iter(bytes, kind) {
            ctx.tick()?;
            let window = &bytes[at..bytes.len().min(at + DICT_WINDOW)];
            let Some(keyword) = memmem::find(window, b"stream") else {
                continue;
            };
            let mut start = at + keyword + b"stream".len();
            if bytes.get(start) == Some(&b'\r') {
                start += 1;
            }
            if bytes.get(start) == Some(&b'\n') {
                start += 1;
            }
            let data = &bytes[start.min(bytes.len())..];
            if sink.is_empty() {
                sink = vec![0u8; 64 * 1024];
            }
            if inflated_size(data, limit, &mut sink, ctx)? > limit {
                return Err(ExtractionError::new(
                    ErrorKind::Limit,
                    format!(
                        "{}: an object stream at byte {at} decompresses to more than {limit} \
                         bytes (a likely decompression bomb); raise maxDecompressedSize if the \
                         document is genuine",
                        ctx.path
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// How many bytes `data` inflates to, counting no further than just past `limit`; what it
/// inflates to goes through `sink` (which is not empty).
fn inflated_size(
    data: &[u8],
    limit: u64,
    sink: &mut [u8],
    ctx: &Context<'_>,
) -> Result<u64, ExtractionError> {
    let mut inflater = Decompress::new(true);
    loop {
        ctx.tick()?;
        let consumed = usize::try_from(inflater.total_in()).unwrap_or(usize::MAX);
        let input = data.get(consumed..).unwrap_or_default();
        let (before_in, before_out) = (inflater.total_in(), inflater.total_out());
        let status = inflater.decompress(input, sink, FlushDecompress::None);
        let progressed = inflater.total_in() != before_in || inflater.total_out() != before_out;
        match status {
            Ok(Status::Ok | Status::BufError) if progressed && inflater.total_out() <= limit => {}
            _ => return Ok(inflater.total_out()),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::write::ZlibEncoder;
    use flate2::Compression;

    use super::*;
    use crate::config::ExtractionConfig;

    fn object_stream(payload: &[u8]) -> Vec<u8> {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(payload).unwrap();
        let data = encoder.finish().unwrap();
        let mut pdf = b"%PDF-1.5\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode \
            >>\nstream\n"
            .to_vec();
        pdf.extend(data);
        pdf.extend(b"\nendstream\nendobj\n");
        pdf
    }

    #[test]
    fn a_bomb_in_an_object_stream_is_refused_before_opening() {
        let config = ExtractionConfig {
            max_decompressed_size: 10 * 1024 * 1024,
            ..ExtractionConfig::default()
        };
        let ctx = Context::new("bomb.pdf", &config);
        let error =
            check_internal_streams(&object_stream(&vec![b' '; 20 << 20]), &ctx).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Limit);
        assert!(error
            .message
            .starts_with("bomb.pdf: an object stream at byte 26"));
        assert!(check_internal_streams(&object_stream(b"1 0 << >>"), &ctx).is_ok());
    }
}
