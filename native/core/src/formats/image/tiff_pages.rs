//! TIFF, page by page, with the `tiff` crate (which decodes CCITT G3/G4 fax, LZW, Deflate,
//! PackBits and JPEG strips): each page's size and resolution, and its pixels only when OCR
//! needs them, one page in memory at a time.

use std::io::Cursor;

use image::{DynamicImage, GrayImage, ImageBuffer, Luma, LumaA, Rgb, RgbImage, Rgba};
use tiff::decoder::{Decoder, DecodingResult, Limits};
use tiff::tags::Tag;
use tiff::ColorType;

use super::{check_dimensions, PageImage};
use crate::document::{ErrorKind, ExtractionError};
use crate::limits::Context;

/// Most pages a TIFF may have.
const MAX_PAGES: usize = 10_000;

/// Visits the pages of a TIFF in order; `decode` says whether pixels are needed. Returns how many
/// pages were read and, when a later page is damaged, why reading stopped there.
pub fn for_each_page(
    bytes: &[u8],
    decode: bool,
    ctx: &Context<'_>,
    mut visit: impl FnMut(PageImage) -> Result<(), ExtractionError>,
) -> Result<(usize, Option<String>), ExtractionError> {
    let mut limits = Limits::default();
    limits.decoding_buffer_size = ctx.limits.max_output_bytes.min(super::MAX_IMAGE_BYTES);
    let mut decoder = Decoder::new(Cursor::new(bytes))
        .map_err(|e| ctx.parse_error(format_args!("not a readable TIFF: {e}")))?
        .with_limits(limits);
    let mut pages = 0usize;
    loop {
        ctx.deadline.check(ctx.path)?;
        match read_page(&mut decoder, bytes, decode, ctx) {
            Ok(page) => visit(page)?,
            Err(error) if pages == 0 || error.kind != ErrorKind::Parse => return Err(error),
            Err(error) => return Ok((pages, Some(error.message))),
        }
        pages += 1;
        if !decoder.more_images() {
            return Ok((pages, None));
        }
        if pages >= MAX_PAGES {
            return Err(ExtractionError::new(
                ErrorKind::Limit,
                format!("{}: the TIFF has more than {MAX_PAGES} pages", ctx.path),
            ));
        }
        if let Err(e) = decoder.next_image() {
            return Ok((
                pages,
                Some(format!("page {} is unreadable: {e}", pages + 1)),
            ));
        }
    }
}

fn read_page(
    decoder: &mut Decoder<Cursor<&[u8]>>,
    bytes: &[u8],
    decode: bool,
    ctx: &Context<'_>,
) -> Result<PageImage, ExtractionError> {
    let parse = |e: tiff::TiffError| ctx.parse_error(format_args!("unreadable TIFF page: {e}"));
    let (width, height) = decoder.dimensions().map_err(parse)?;
    check_dimensions(width, height, ctx)?;
    let dpi = resolution(decoder);
    let image = if decode {
        let color = decoder.colortype().map_err(parse)?;
        let colormap = match color {
            ColorType::Palette(_) => decoder.get_tag_u16_vec(Tag::ColorMap).ok(),
            _ => None,
        };
        let compression = decoder
            .find_tag_unsigned::<u16>(Tag::Compression)
            .ok()
            .flatten();
        if compression == Some(super::fax::COMPRESSION_FAX3) {
            let image = super::fax::decode_page(decoder, bytes, width, height)
                .map_err(|cause| ctx.parse_error(format_args!("unreadable fax page: {cause}")))?;
            return Ok(PageImage {
                width,
                height,
                dpi,
                image: Some(DynamicImage::ImageLuma8(image)),
            });
        }
        let pixels = decoder.read_image().map_err(|e| match e {
            tiff::TiffError::LimitsExceeded => ExtractionError::new(
                ErrorKind::Limit,
                format!(
                    "{}: a TIFF page of {width}x{height} pixels needs more memory than the \
                     limits allow",
                    ctx.path
                ),
            ),
            other => parse(other),
        })?;
        Some(
            to_image(color, pixels, width, height, colormap.as_deref()).ok_or_else(|| {
                ExtractionError::new(
                    ErrorKind::Unsupported,
                    format!(
                        "{}: TIFF pages of colour type {color:?} are not supported",
                        ctx.path
                    ),
                )
            })?,
        )
    } else {
        None
    };
    Ok(PageImage {
        width,
        height,
        dpi,
        image,
    })
}

/// The page's `XResolution` in dots per inch (`ResolutionUnit` 3 is centimetres).
fn resolution(decoder: &mut Decoder<Cursor<&[u8]>>) -> Option<u32> {
    let value = match decoder.find_tag(Tag::XResolution).ok()?? {
        tiff::decoder::ifd::Value::Rational(n, d) if d != 0 => f64::from(n) / f64::from(d),
        _ => return None,
    };
    let unit: u16 = decoder
        .find_tag_unsigned(Tag::ResolutionUnit)
        .ok()
        .flatten()
        .unwrap_or(2);
    let dpi = if unit == 3 { value * 2.54 } else { value };
    (70.0..=2400.0).contains(&dpi).then(|| dpi.round() as u32)
}

/// Builds an image from decoded samples, or `None` for layouts Vellum does not handle.
fn to_image(
    color: ColorType,
    pixels: DecodingResult,
    width: u32,
    height: u32,
    colormap: Option<&[u16]>,
) -> Option<DynamicImage> {
    let (w, h) = (width, height);
    Some(match (color, pixels) {
        (ColorType::Gray(1), DecodingResult::U8(packed)) => {
            DynamicImage::ImageLuma8(expand_bilevel(&packed, w, h)?)
        }
        (ColorType::Gray(8), DecodingResult::U8(v)) => {
            DynamicImage::ImageLuma8(GrayImage::from_raw(w, h, v)?)
        }
        (ColorType::Gray(16), DecodingResult::U16(v)) => {
            DynamicImage::ImageLuma16(ImageBuffer::<Luma<u16>, _>::from_raw(w, h, v)?)
        }
        (ColorType::GrayA(8), DecodingResult::U8(v)) => {
            DynamicImage::ImageLumaA8(ImageBuffer::<LumaA<u8>, _>::from_raw(w, h, v)?)
        }
        (ColorType::RGB(8), DecodingResult::U8(v)) => {
            DynamicImage::ImageRgb8(RgbImage::from_raw(w, h, v)?)
        }
        (ColorType::RGB(16), DecodingResult::U16(v)) => {
            DynamicImage::ImageRgb16(ImageBuffer::<Rgb<u16>, _>::from_raw(w, h, v)?)
        }
        (ColorType::RGBA(8), DecodingResult::U8(v)) => {
            DynamicImage::ImageRgba8(ImageBuffer::<Rgba<u8>, _>::from_raw(w, h, v)?)
        }
        (ColorType::RGBA(16), DecodingResult::U16(v)) => {
            DynamicImage::ImageRgba16(ImageBuffer::<Rgba<u16>, _>::from_raw(w, h, v)?)
        }
        (ColorType::CMYK(8), DecodingResult::U8(v)) => {
            let rgb = v
                .chunks_exact(4)
                .flat_map(|p| {
                    let k = 255 - u16::from(p[3]);
                    [0, 1, 2].map(|i| ((255 - u16::from(p[i])) * k / 255) as u8)
                })
                .collect();
            DynamicImage::ImageRgb8(RgbImage::from_raw(w, h, rgb)?)
        }
        (ColorType::Palette(8), DecodingResult::U8(v)) => {
            let map = colormap?;
            let entries = map.len() / 3;
            let rgb = v
                .iter()
                .flat_map(|&index| {
                    let i = usize::from(index);
                    [0, 1, 2].map(|c| {
                        map.get(c * entries + i)
                            .map_or(0, |&value| (value >> 8) as u8)
                    })
                })
                .collect();
            DynamicImage::ImageRgb8(RgbImage::from_raw(w, h, rgb)?)
        }
        _ => return None,
    })
}

/// 1-bit rows (padded to whole bytes, 1 = white after the decoder's `WhiteIsZero` handling)
/// as 8-bit grey.
fn expand_bilevel(packed: &[u8], width: u32, height: u32) -> Option<GrayImage> {
    let stride = usize::try_from(width.div_ceil(8)).ok()?;
    let w = usize::try_from(width).ok()?;
    let rows = usize::try_from(height).ok()?;
    if packed.len() < stride.checked_mul(rows)? {
        return None;
    }
    let mut grey = Vec::with_capacity(w.checked_mul(rows)?);
    for row in packed.chunks_exact(stride).take(rows) {
        grey.extend((0..w).map(|x| {
            let bit = (row[x / 8] >> (7 - (x % 8))) & 1;
            if bit == 1 {
                255
            } else {
                0
            }
        }));
    }
    GrayImage::from_raw(width, height, grey)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_page(name: &str) -> GrayImage {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/pdfbox/pdfbox/pdmodel/graphics/image")
            .join(name);
        let bytes = std::fs::read(&path).unwrap();
        let config = crate::config::ExtractionConfig::default();
        let ctx = Context::new(name, &config);
        let mut pages = Vec::new();
        for_each_page(&bytes, true, &ctx, |page| {
            pages.push(page.image.unwrap().to_luma8());
            Ok(())
        })
        .unwrap();
        pages.remove(0)
    }

    #[test]
    fn a_group_3_fax_decodes_to_the_same_pixels_as_its_group_4_twin() {
        let g3 = first_page("ccittg3.tif");
        let g4 = first_page("ccittg4.tif");
        assert_eq!(g3.dimensions(), g4.dimensions());
        let black = g4.as_raw().iter().filter(|&&p| p == 0).count();
        let differing = g3
            .as_raw()
            .iter()
            .zip(g4.as_raw())
            .filter(|(a, b)| a != b)
            .count();
        assert!(black > 1000, "the G4 page has {black} black pixels");
        assert_eq!(differing, 0);
    }

    #[test]
    fn bilevel_rows_are_expanded_to_grey() {
        let image = expand_bilevel(&[0b1010_0000, 0b0100_0000], 3, 2).unwrap();
        assert_eq!(image.as_raw(), &vec![255, 0, 255, 0, 255, 0]);
        assert!(expand_bilevel(&[0], 3, 2).is_none());
    }

    #[test]
    fn cmyk_and_palette_pages_become_rgb() {
        let cmyk = to_image(
            ColorType::CMYK(8),
            DecodingResult::U8(vec![0, 0, 0, 255]),
            1,
            1,
            None,
        );
        assert_eq!(cmyk.unwrap().to_rgb8().as_raw(), &vec![0, 0, 0]);
        let map = [0xFFFF, 0, 0x8000, 0, 0, 0];
        let palette = to_image(
            ColorType::Palette(8),
            DecodingResult::U8(vec![0, 1]),
            2,
            1,
            Some(&map),
        );
        assert_eq!(
            palette.unwrap().to_rgb8().as_raw(),
            &vec![255, 128, 0, 0, 0, 0]
        );
        assert!(to_image(ColorType::Gray(4), DecodingResult::U8(vec![0]), 1, 1, None).is_none());
    }
}
