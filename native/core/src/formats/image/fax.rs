//! CCITT Group 3 fax TIFF pages (compression 3), which the `tiff` crate does not decode:
//! each strip is decoded with `hayro-ccitt` (T.4 one- or two-dimensional, per `T4Options`).

use std::io::Cursor;

use hayro_ccitt::{DecodeSettings, DecoderContext, EncodingMode};
use image::GrayImage;
use tiff::decoder::Decoder;
use tiff::tags::Tag;

/// `T4Options` (TIFF 6.0 section 11) is tag 292: bit 0 two-dimensional, bit 2 byte-aligned EOLs.
/// TIFF's `Compression` value for CCITT T.4 (Group 3) fax.
pub const COMPRESSION_FAX3: u16 = 3;

/// Writes decoded rows into 8-bit grey: each row starts white, colour changes alternate.
struct Rows {
    pixels: Vec<u8>,
    width: usize,
    rows_left: usize,
}

impl hayro_ccitt::Decoder for Rows {
    fn push_row(&mut self, changes: &[u32]) {
        if self.rows_left == 0 {
            return;
        }
        self.rows_left -= 1;
        let start = self.pixels.len();
        self.pixels.resize(start + self.width, 255);
        let row = &mut self.pixels[start..];
        for pair in changes.chunks(2) {
            let from = usize::try_from(pair[0])
                .unwrap_or(usize::MAX)
                .min(self.width);
            let to = pair
                .get(1)
                .and_then(|&end| usize::try_from(end).ok())
                .unwrap_or(self.width)
                .min(self.width);
            if from < to {
                row[from..to].fill(0);
            }
        }
    }
}

/// Decodes the current page of `decoder` (a Group 3 fax page of `width` x `height`) from `bytes`.
pub fn decode_page(
    decoder: &mut Decoder<Cursor<&[u8]>>,
    bytes: &[u8],
    width: u32,
    height: u32,
) -> Result<GrayImage, String> {
    let mut number = |tag: Tag| decoder.find_tag_unsigned::<u64>(tag).ok().flatten();
    let options = number(Tag::Unknown(292)).unwrap_or(0);
    let reversed = number(Tag::FillOrder) == Some(2);
    let rows_per_strip = number(Tag::RowsPerStrip).unwrap_or(u64::from(height));
    let offsets: Vec<u64> = decoder
        .find_tag_unsigned_vec(Tag::StripOffsets)
        .ok()
        .flatten()
        .ok_or("no strip offsets")?;
    let counts: Vec<u64> = decoder
        .find_tag_unsigned_vec(Tag::StripByteCounts)
        .ok()
        .flatten()
        .ok_or("no strip byte counts")?;
    let w = usize::try_from(width).map_err(|_| "too wide")?;
    let h = usize::try_from(height).map_err(|_| "too tall")?;
    let mut rows = Rows {
        pixels: Vec::with_capacity(w.checked_mul(h).ok_or("too large")?),
        width: w,
        rows_left: h,
    };
    for (&offset, &count) in offsets.iter().zip(&counts) {
        if rows.rows_left == 0 {
            break;
        }
        let start = usize::try_from(offset).map_err(|_| "bad strip offset")?;
        let end = start
            .checked_add(usize::try_from(count).map_err(|_| "bad strip length")?)
            .ok_or("bad strip length")?;
        let strip = bytes
            .get(start..end.min(bytes.len()))
            .ok_or("strip outside the file")?;
        let strip: Vec<u8> = if reversed {
            strip.iter().map(|b| b.reverse_bits()).collect()
        } else {
            strip.to_vec()
        };
        let strip_rows = u32::try_from(rows_per_strip.min(rows.rows_left as u64)).unwrap_or(0);
        let settings = DecodeSettings {
            columns: width,
            rows: strip_rows,
            end_of_block: true,
            end_of_line: true,
            rows_are_byte_aligned: options & 4 != 0,
            encoding: if options & 1 != 0 {
                EncodingMode::Group3_2D
            } else {
                EncodingMode::Group3_1D
            },
            strict: false,
        };
        let before = rows.rows_left;
        // A damaged strip keeps the rows decoded before the damage.
        let _ = hayro_ccitt::decode(&strip, &mut rows, &mut DecoderContext::new(settings));
        let missing = usize::try_from(strip_rows)
            .unwrap_or(0)
            .saturating_sub(before - rows.rows_left);
        for _ in 0..missing.min(rows.rows_left) {
            hayro_ccitt::Decoder::push_row(&mut rows, &[]);
        }
    }
    rows.pixels.resize(w * h, 255);
    GrayImage::from_raw(width, height, rows.pixels).ok_or_else(|| "bad dimensions".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_changes_paint_black_runs_on_white() {
        let mut rows = Rows {
            pixels: Vec::new(),
            width: 6,
            rows_left: 2,
        };
        hayro_ccitt::Decoder::push_row(&mut rows, &[1, 3, 5]);
        hayro_ccitt::Decoder::push_row(&mut rows, &[]);
        hayro_ccitt::Decoder::push_row(&mut rows, &[0]);
        assert_eq!(
            rows.pixels,
            vec![255, 0, 0, 255, 255, 0, 255, 255, 255, 255, 255, 255]
        );
    }
}
