//! Images of a page decoded for OCR (ISO 32000-2, 8.9): the image XObjects the interpreter saw
//! placed, as pixels, each with the rectangle it covers in user space and turned the way it is
//! shown. Flate, LZW and the other general filters go through Vellum's bounded decoders; the
//! image codecs (DCT, JPX, JBIG2, CCITT fax) through hayro-syntax's. Grey, RGB, CMYK, indexed,
//! ICC-based and 1-bit (stencil masks included) samples are understood; other colour spaces are
//! read as grey. An image larger than OCR takes, or one that does not decode, is counted, not
//! fatal.

use hayro_syntax::object::stream::ImageDecodeParams;
use hayro_syntax::object::{Array, Dict, Object, Stream};
use image::{DynamicImage, GrayImage, RgbImage};

use super::content::{ImagePlacement, Matrix};
use super::filters::{chain, decode_stream, Budget, Filter};
use crate::document::ExtractionError;
use crate::limits::Context;
use crate::ocr::{PlacedImage, MAX_OCR_PIXELS};

/// The images of a page, decoded, and how many could not be.
#[derive(Debug, Default)]
pub struct PageImages {
    pub placed: Vec<PlacedImage>,
    pub undecodable: usize,
}

/// Decodes the placed images; `to_user` maps the interpreter's upright frame back to the
/// unrotated page (user space, from the crop box's corner), where the OCR compositor wants them.
pub fn decode(
    placements: &[ImagePlacement<'_>],
    to_user: &Matrix,
    ctx: &Context<'_>,
    budget: &Budget,
) -> Result<PageImages, ExtractionError> {
    let mut out = PageImages::default();
    for placement in placements {
        ctx.deadline.check(ctx.path)?;
        let ctm = placement.ctm.then(to_user);
        match decode_image(&placement.stream, ctx, budget)? {
            Some(image) => {
                let (image, rect) = orient(image, &ctm);
                if rect[2] - rect[0] >= 1.0 && rect[3] - rect[1] >= 1.0 {
                    out.placed.push(PlacedImage { image, rect });
                }
            }
            None => out.undecodable += 1,
        }
    }
    Ok(out)
}

/// The pixels of one image XObject, or `None` when it is too large, empty or undecodable.
fn decode_image(
    stream: &Stream<'_>,
    ctx: &Context<'_>,
    budget: &Budget,
) -> Result<Option<DynamicImage>, ExtractionError> {
    let dict = stream.dict();
    let width = dict.get::<u32>(b"Width").unwrap_or(0);
    let height = dict.get::<u32>(b"Height").unwrap_or(0);
    if width == 0 || height == 0 || u64::from(width) * u64::from(height) > MAX_OCR_PIXELS {
        return Ok(None);
    }
    let mask = dict.get::<bool>(b"ImageMask").unwrap_or(false);
    let space = if mask {
        Space::Gray
    } else {
        Space::of(dict.get::<Object<'_>>(b"ColorSpace"), ctx, budget)
    };
    let bpc = if mask {
        1
    } else {
        dict.get::<u8>(b"BitsPerComponent").unwrap_or(8)
    };
    let codec = chain(dict)
        .ok()
        .and_then(|filters| filters.last().map(|(f, _)| *f))
        .is_some_and(|f| matches!(f, Filter::Image(_)));
    let (samples, bpc, components) = if codec {
        let params = ImageDecodeParams {
            is_indexed: matches!(space, Space::Indexed { .. }),
            bpc: Some(bpc),
            num_components: Some(space.components()),
            target_dimension: None,
            width,
            height,
        };
        let Ok(result) = stream.decoded_image(&params) else {
            return Ok(None);
        };
        let (bpc, components) = match &result.image_data {
            Some(data) => (
                data.bits_per_component,
                match data.color_space {
                    Some(hayro_syntax::object::stream::ImageColorSpace::Rgb) => 3,
                    Some(hayro_syntax::object::stream::ImageColorSpace::Cmyk) => 4,
                    Some(hayro_syntax::object::stream::ImageColorSpace::Gray) => 1,
                    _ => space.components(),
                },
            ),
            None => (bpc, space.components()),
        };
        (result.data.into_owned(), bpc, components)
    } else {
        let decoded = decode_stream(stream, ctx, budget)?;
        (decoded.data, bpc, space.components())
    };
    let invert = mask && !decode_inverted(dict) || !mask && decode_inverted(dict);
    let Some(image) = to_image(
        &samples, width, height, bpc, components, &space, invert, mask,
    ) else {
        return Ok(None);
    };
    // A soft mask (ISO 32000-2, 11.6.5.3) makes parts of the image transparent; the colour
    // under a transparent pixel is often black, which hides the text OCR should see, so the
    // image is composited over a white page.
    let alpha = match dict.get::<Stream<'_>>(b"SMask") {
        Some(smask) if !mask => decode_image(&smask, ctx, budget)?,
        _ => None,
    };
    Ok(Some(match alpha {
        Some(alpha) => over_white(image, &alpha),
        None => image,
    }))
}

/// `image` composited over white with `alpha` (scaled to the image's size when it differs).
fn over_white(image: DynamicImage, alpha: &DynamicImage) -> DynamicImage {
    let (width, height) = (image.width(), image.height());
    let alpha = if alpha.width() == width && alpha.height() == height {
        alpha.to_luma8()
    } else {
        image::imageops::resize(
            &alpha.to_luma8(),
            width,
            height,
            image::imageops::FilterType::Nearest,
        )
    };
    let blend = |value: u8, a: u8| -> u8 {
        let (value, a) = (u32::from(value), u32::from(a));
        u8::try_from((value * a + 255 * (255 - a)) / 255).unwrap_or(u8::MAX)
    };
    match image {
        DynamicImage::ImageLuma8(mut gray) => {
            for (pixel, a) in gray.pixels_mut().zip(alpha.pixels()) {
                pixel.0 = [blend(pixel.0[0], a.0[0])];
            }
            DynamicImage::ImageLuma8(gray)
        }
        other => {
            let mut rgb = other.to_rgb8();
            for (pixel, a) in rgb.pixels_mut().zip(alpha.pixels()) {
                pixel.0 = pixel.0.map(|c| blend(c, a.0[0]));
            }
            DynamicImage::ImageRgb8(rgb)
        }
    }
}

/// Whether `/Decode` swaps the first component's range (`[1 0]`).
fn decode_inverted(dict: &Dict<'_>) -> bool {
    let values: Vec<f32> = dict
        .get::<Array<'_>>(b"Decode")
        .map(|a| a.iter::<f32>().take(2).collect())
        .unwrap_or_default();
    matches!(values.as_slice(), [a, b] if a > b)
}

/// The colour spaces OCR cares about.
#[derive(Debug, Clone)]
enum Space {
    Gray,
    Rgb,
    Cmyk,
    /// A palette of RGB entries.
    Indexed {
        palette: Vec<[u8; 3]>,
    },
    /// Anything else, with this many components, read as grey from its first.
    Other(u8),
}

impl Space {
    fn of(object: Option<Object<'_>>, ctx: &Context<'_>, budget: &Budget) -> Space {
        match object {
            Some(Object::Name(name)) => Space::named(name.as_ref()),
            Some(Object::Array(array)) => Space::from_array(&array, ctx, budget),
            _ => Space::Gray,
        }
    }

    fn named(name: &[u8]) -> Space {
        match name {
            b"DeviceRGB" | b"RGB" | b"CalRGB" => Space::Rgb,
            b"DeviceCMYK" | b"CMYK" => Space::Cmyk,
            _ => Space::Gray,
        }
    }

    fn from_array(array: &Array<'_>, ctx: &Context<'_>, budget: &Budget) -> Space {
        let mut items = array.iter::<Object<'_>>();
        let Some(Object::Name(family)) = items.next() else {
            return Space::Gray;
        };
        match family.as_ref() {
            b"ICCBased" => {
                let n = items
                    .next()
                    .and_then(|o| o.into_stream())
                    .and_then(|s| s.dict().get::<u8>(b"N"))
                    .unwrap_or(3);
                match n {
                    1 => Space::Gray,
                    4 => Space::Cmyk,
                    _ => Space::Rgb,
                }
            }
            b"CalRGB" | b"Lab" => Space::Rgb,
            b"CalGray" => Space::Gray,
            b"Indexed" | b"I" => {
                let base = Space::of(items.next(), ctx, budget);
                let _high = items.next();
                let lookup: Vec<u8> = match items.next() {
                    Some(Object::String(s)) => s.as_bytes().to_vec(),
                    Some(Object::Stream(s)) => decode_stream(&s, ctx, budget)
                        .map(|d| d.data)
                        .unwrap_or_default(),
                    _ => Vec::new(),
                };
                let n = usize::from(base.components()).max(1);
                let palette = lookup
                    .chunks_exact(n)
                    .take(256)
                    .map(|entry| base.rgb(entry))
                    .collect();
                Space::Indexed { palette }
            }
            b"Separation" | b"DeviceN" => Space::Other(1),
            _ => Space::Gray,
        }
    }

    fn components(&self) -> u8 {
        match self {
            Space::Gray | Space::Indexed { .. } => 1,
            Space::Rgb => 3,
            Space::Cmyk => 4,
            Space::Other(n) => *n,
        }
    }

    /// An 8-bit sample of this space as RGB.
    fn rgb(&self, sample: &[u8]) -> [u8; 3] {
        match (self, sample) {
            (Space::Rgb, [r, g, b, ..]) => [*r, *g, *b],
            (Space::Cmyk, [c, m, y, k, ..]) => cmyk_to_rgb(*c, *m, *y, *k),
            (_, [v, ..]) => [*v, *v, *v],
            _ => [255, 255, 255],
        }
    }
}

fn cmyk_to_rgb(c: u8, m: u8, y: u8, k: u8) -> [u8; 3] {
    let channel = |v: u8| {
        let value = (255 - u16::from(v)) * (255 - u16::from(k)) / 255;
        u8::try_from(value).unwrap_or(u8::MAX)
    };
    [channel(c), channel(m), channel(y)]
}

/// Builds an image from packed samples of `bpc` bits and `components` per pixel.
#[allow(clippy::too_many_arguments)]
fn to_image(
    samples: &[u8],
    width: u32,
    height: u32,
    bpc: u8,
    components: u8,
    space: &Space,
    invert: bool,
    mask: bool,
) -> Option<DynamicImage> {
    let (w, h) = (width as usize, height as usize);
    let n = usize::from(components.max(1));
    let row_bits = w * n * usize::from(bpc);
    let stride = row_bits.div_ceil(8);
    if bpc == 0 || bpc > 16 || samples.len() < stride * h.saturating_sub(1) + 1 {
        return None;
    }
    let max = (1u32 << bpc.min(16)) - 1;
    let sample = |row: usize, index: usize| -> u8 {
        let bit = index * usize::from(bpc);
        let byte = row * stride + bit / 8;
        let raw = match bpc {
            8 => u32::from(*samples.get(byte).unwrap_or(&0)),
            16 => u32::from(*samples.get(byte).unwrap_or(&0)),
            _ => {
                let value = u32::from(*samples.get(byte).unwrap_or(&0));
                let shift = 8 - (bit % 8) - usize::from(bpc);
                (value >> shift) & max
            }
        };
        let scaled = if bpc == 16 || bpc == 8 {
            raw
        } else {
            raw * 255 / max
        };
        u8::try_from(scaled).unwrap_or(u8::MAX)
    };
    match space {
        Space::Indexed { palette } if !mask => {
            let mut image = RgbImage::new(width, height);
            for (y, row) in image.rows_mut().enumerate() {
                for (x, pixel) in row.enumerate() {
                    let bit = x * usize::from(bpc);
                    let byte = y * stride + bit / 8;
                    let value = u32::from(*samples.get(byte).unwrap_or(&0));
                    let index = if bpc >= 8 {
                        value
                    } else {
                        (value >> (8 - (bit % 8) - usize::from(bpc))) & max
                    };
                    pixel.0 = palette.get(index as usize).copied().unwrap_or([255; 3]);
                }
            }
            Some(DynamicImage::ImageRgb8(image))
        }
        _ if n >= 3 && !mask => {
            let mut image = RgbImage::new(width, height);
            for (y, row) in image.rows_mut().enumerate() {
                for (x, pixel) in row.enumerate() {
                    let mut values = [0u8; 4];
                    for (c, value) in values.iter_mut().enumerate().take(n.min(4)) {
                        *value = sample(y, x * n + c);
                    }
                    pixel.0 = space.rgb(&values[..n.min(4)]);
                }
            }
            Some(DynamicImage::ImageRgb8(image))
        }
        _ => {
            let mut image = GrayImage::new(width, height);
            for (y, row) in image.rows_mut().enumerate() {
                for (x, pixel) in row.enumerate() {
                    let value = sample(y, x * n);
                    // A stencil mask paints (black) where its sample is 0.
                    let value = if invert { 255 - value } else { value };
                    pixel.0 = [value];
                }
            }
            Some(DynamicImage::ImageLuma8(image))
        }
    }
}

/// The image as it is shown under `ctm` (its unit square's image), turned or mirrored so its
/// top-left pixel is where the page shows it, and the rectangle it covers in user space.
fn orient(image: DynamicImage, ctm: &Matrix) -> (DynamicImage, [f32; 4]) {
    let corners = [
        ctm.apply(0.0, 0.0),
        ctm.apply(1.0, 0.0),
        ctm.apply(0.0, 1.0),
        ctm.apply(1.0, 1.0),
    ];
    let xs = corners.iter().map(|c| c.0);
    let ys = corners.iter().map(|c| c.1);
    let rect = [
        xs.clone().fold(f64::INFINITY, f64::min) as f32,
        ys.clone().fold(f64::INFINITY, f64::min) as f32,
        xs.fold(f64::NEG_INFINITY, f64::max) as f32,
        ys.fold(f64::NEG_INFINITY, f64::max) as f32,
    ];
    // Image space puts row 0 at the top: (0, 1) of the unit square. Where the image's x axis
    // (a, b) and its downward axis (-c, -d) point on the page says how to turn it upright.
    let turned = if ctm.a.abs() >= ctm.b.abs() {
        let mirrored_x = ctm.a < 0.0;
        let mirrored_y = ctm.d < 0.0;
        match (mirrored_x, mirrored_y) {
            (false, false) => image,
            (true, false) => image.fliph(),
            (false, true) => image.flipv(),
            (true, true) => image.rotate180(),
        }
    } else if ctm.b > 0.0 {
        // The image's x axis points up the page: it is shown turned a quarter counter-clockwise.
        let turned = image.rotate270();
        if ctm.c > 0.0 {
            turned.fliph()
        } else {
            turned
        }
    } else {
        let turned = image.rotate90();
        if ctm.c < 0.0 {
            turned.fliph()
        } else {
            turned
        }
    };
    (turned, rect)
}

/// The inverse of an upright-frame matrix made of a quarter turn and a translation.
pub fn invert(matrix: &Matrix) -> Matrix {
    let det = matrix.a * matrix.d - matrix.b * matrix.c;
    if det == 0.0 {
        return Matrix::IDENTITY;
    }
    let (a, b, c, d) = (
        matrix.d / det,
        -matrix.b / det,
        -matrix.c / det,
        matrix.a / det,
    );
    let e = -(matrix.e * a + matrix.f * c);
    let f = -(matrix.e * b + matrix.f * d);
    Matrix::new(a, b, c, d, e, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bit_samples_unpack_and_stencil_masks_paint_black() {
        // Two rows of 4 pixels: 1010, 0101.
        let samples = [0b1010_0000, 0b0101_0000];
        let image = to_image(&samples, 4, 2, 1, 1, &Space::Gray, false, false).unwrap();
        let luma = image.to_luma8();
        assert_eq!(luma.get_pixel(0, 0).0, [255]);
        assert_eq!(luma.get_pixel(1, 0).0, [0]);
        let mask = to_image(&samples, 4, 2, 1, 1, &Space::Gray, true, true).unwrap();
        assert_eq!(mask.to_luma8().get_pixel(0, 0).0, [0]);
    }

    #[test]
    fn inverting_an_upright_frame_matrix_gives_user_space_back() {
        let display = Matrix::new(0.0, -1.0, 1.0, 0.0, 0.0, 612.0);
        let back = invert(&display);
        let (x, y) = display.apply(100.0, 200.0);
        let (ux, uy) = back.apply(x, y);
        assert!((ux - 100.0).abs() < 1e-9 && (uy - 200.0).abs() < 1e-9);
    }

    #[test]
    fn images_placed_upside_down_are_turned_upright() {
        let mut image = GrayImage::new(2, 1);
        image.put_pixel(0, 0, image::Luma([0]));
        image.put_pixel(1, 0, image::Luma([255]));
        // Flipped vertically and horizontally: [-w 0 0 -h x y].
        let ctm = Matrix::new(-100.0, 0.0, 0.0, -50.0, 200.0, 100.0);
        let (turned, rect) = orient(DynamicImage::ImageLuma8(image), &ctm);
        assert_eq!(rect, [100.0, 50.0, 200.0, 100.0]);
        assert_eq!(turned.to_luma8().get_pixel(0, 0).0, [255]);
    }

    #[test]
    fn a_soft_mask_composites_the_image_over_white() {
        let black = DynamicImage::ImageRgb8(RgbImage::from_pixel(2, 1, image::Rgb([0, 0, 0])));
        // Transparent on the left, opaque on the right, at half the image's resolution above.
        let alpha = DynamicImage::ImageLuma8(GrayImage::from_raw(2, 1, vec![0, 255]).unwrap());
        let shown = over_white(black, &alpha).to_rgb8();
        assert_eq!(shown.get_pixel(0, 0).0, [255, 255, 255]);
        assert_eq!(shown.get_pixel(1, 0).0, [0, 0, 0]);
        let small = DynamicImage::ImageLuma8(GrayImage::from_raw(1, 1, vec![128]).unwrap());
        let gray = DynamicImage::ImageLuma8(GrayImage::from_raw(2, 2, vec![0; 4]).unwrap());
        assert!(over_white(gray, &small)
            .to_luma8()
            .pixels()
            .all(|p| p.0 == [127]));
    }
}
