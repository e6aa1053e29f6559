//! Predictors of FlateDecode and LZWDecode (ISO 32000-2, 7.4.4.4): TIFF predictor 2 (horizontal
//! differencing) and the PNG predictors 10 to 15 (a filter-type byte per row).

use hayro_syntax::object::Dict;

use super::{Budget, Output};
use crate::document::ExtractionError;
use crate::limits::Context;

/// The `DecodeParms` that shape a predictor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PredictorParams {
    pub predictor: i32,
    pub colors: usize,
    pub bits_per_component: usize,
    pub columns: usize,
}

impl PredictorParams {
    pub fn from_dict(dict: &Dict<'_>) -> Self {
        let positive = |key: &[u8], default: usize, max: usize| {
            dict.get::<i32>(key)
                .and_then(|v| usize::try_from(v).ok())
                .filter(|&v| v > 0 && v <= max)
                .unwrap_or(default)
        };
        PredictorParams {
            predictor: dict.get::<i32>(b"Predictor").unwrap_or(1),
            colors: positive(b"Colors", 1, 32),
            bits_per_component: positive(b"BitsPerComponent", 8, 16),
            columns: positive(b"Columns", 1, 1 << 24),
        }
    }

    fn bytes_per_pixel(&self) -> usize {
        (self.colors * self.bits_per_component).div_ceil(8).max(1)
    }

    fn row_bytes(&self) -> usize {
        (self.colors * self.bits_per_component * self.columns).div_ceil(8)
    }
}

/// Undoes the predictor on `data`. A last row cut short is kept as far as it goes.
pub fn apply(
    data: &[u8],
    params: &PredictorParams,
    ctx: &Context<'_>,
    budget: &Budget,
) -> Result<Vec<u8>, ExtractionError> {
    let row = params.row_bytes();
    let bpp = params.bytes_per_pixel();
    let mut out = Output::new(ctx, budget, data.len());
    if params.predictor == 2 {
        out.extend(data)?;
        for line in out.data.chunks_mut(row) {
            ctx.tick()?;
            tiff_row(line, params);
        }
        return out.finish();
    }
    let mut previous = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        ctx.tick()?;
        let (&kind, bytes) = chunk.split_first().unwrap_or((&0, &[]));
        let mut current = bytes.to_vec();
        for i in 0..current.len() {
            let left = if i >= bpp { current[i - bpp] } else { 0 };
            let up = previous[i];
            let up_left = if i >= bpp { previous[i - bpp] } else { 0 };
            current[i] = current[i].wrapping_add(match kind {
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => 0,
            });
        }
        out.extend(&current)?;
        previous[..current.len()].copy_from_slice(&current);
    }
    out.finish()
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Horizontal differencing: each component adds the same component of the pixel to its left.
fn tiff_row(line: &mut [u8], params: &PredictorParams) {
    let colors = params.colors;
    match params.bits_per_component {
        8 => {
            for i in colors..line.len() {
                line[i] = line[i].wrapping_add(line[i - colors]);
            }
        }
        16 => {
            let stride = colors * 2;
            for i in (stride..line.len().saturating_sub(1)).step_by(2) {
                let left = u16::from_be_bytes([line[i - stride], line[i - stride + 1]]);
                let value = u16::from_be_bytes([line[i], line[i + 1]]).wrapping_add(left);
                line[i..i + 2].copy_from_slice(&value.to_be_bytes());
            }
        }
        bits @ (1 | 2 | 4) => {
            let mask = (1u16 << bits) - 1;
            let count = line.len() * 8 / bits;
            let get = |line: &[u8], n: usize| {
                let bit = n * bits;
                (u16::from(line[bit / 8]) >> (8 - bits - bit % 8)) & mask
            };
            for n in colors..count {
                let value = (get(line, n) + get(line, n - colors)) & mask;
                let bit = n * bits;
                let shift = 8 - bits - bit % 8;
                let byte = &mut line[bit / 8];
                *byte = (*byte & !((mask as u8) << shift)) | ((value as u8) << shift);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::with_ctx;
    use super::*;

    fn params(predictor: i32, colors: usize, bits: usize, columns: usize) -> PredictorParams {
        PredictorParams {
            predictor,
            colors,
            bits_per_component: bits,
            columns,
        }
    }

    #[test]
    fn png_up_and_sub_rows_are_undone() {
        // Two rows of 3 bytes: "None" then "Up".
        let data = [0, 1, 2, 3, 2, 1, 1, 1];
        let out = with_ctx(1 << 20, |ctx, b| apply(&data, &params(12, 1, 8, 3), ctx, b));
        assert_eq!(out.unwrap(), [1, 2, 3, 2, 3, 4]);
        let sub = [1, 5, 1, 1];
        let out = with_ctx(1 << 20, |ctx, b| apply(&sub, &params(11, 1, 8, 3), ctx, b));
        assert_eq!(out.unwrap(), [5, 6, 7]);
    }

    #[test]
    fn png_average_and_paeth_use_their_neighbours() {
        let data = [0, 10, 20, 3, 1, 1, 4, 1, 1];
        let out = with_ctx(1 << 20, |ctx, b| apply(&data, &params(15, 1, 8, 2), ctx, b));
        assert_eq!(out.unwrap(), [10, 20, 6, 14, 7, 15]);
    }

    #[test]
    fn tiff_differencing_works_for_bytes_words_and_bits() {
        let out = with_ctx(1 << 20, |ctx, b| {
            apply(&[1, 1, 1, 1], &params(2, 1, 8, 4), ctx, b)
        });
        assert_eq!(out.unwrap(), [1, 2, 3, 4]);
        let out = with_ctx(1 << 20, |ctx, b| {
            apply(&[0, 1, 0, 2], &params(2, 1, 16, 2), ctx, b)
        });
        assert_eq!(out.unwrap(), [0, 1, 0, 3]);
        // 1-bit samples 1,0,0,0 -> running parity 1,1,1,1.
        let out = with_ctx(1 << 20, |ctx, b| {
            apply(&[0b1000_0000], &params(2, 1, 1, 8), ctx, b)
        });
        assert_eq!(out.unwrap(), [0b1111_1111]);
    }
}
