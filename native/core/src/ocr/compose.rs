//! Lays a page's images out as they are placed, on one white canvas, at the images' own
//! resolution (so a 300 dpi scan is OCRed at 300 dpi), turned upright by the page's `/Rotate`.

use image::imageops::{self, FilterType};
use image::{DynamicImage, GrayImage, Luma, Rgb, RgbImage};

use super::{PageSize, PlacedImage, MAX_OCR_PIXELS};
use crate::document::{ErrorKind, ExtractionError};
use crate::limits::Context;

/// Resolutions a composite is made at: below the lower bound Tesseract reads poorly; above the
/// upper one it gains nothing and costs memory.
const MIN_DPI: f32 = 150.0;
const MAX_DPI: f32 = 400.0;

/// A page image ready for OCR and its resolution.
#[derive(Debug)]
pub struct Composite {
    pub image: DynamicImage,
    pub dpi: Option<u32>,
}

/// The composite of `images` on a page of size `page`.
pub fn compose(
    images: &[PlacedImage],
    page: PageSize,
    ctx: &Context<'_>,
) -> Result<Composite, ExtractionError> {
    let (page_w, page_h) = (page.width.abs().max(1.0), page.height.abs().max(1.0));
    // A scan: one image covering the page is used as it is, without resampling.
    if let [only] = images {
        let [x0, y0, x1, y1] = only.rect;
        if (x1 - x0) >= page_w * 0.9 && (y1 - y0) >= page_h * 0.9 {
            let dpi = only.image.width() as f32 * 72.0 / (x1 - x0).max(1.0);
            let image = upright(only.image.clone(), page.rotate);
            return Ok(Composite {
                image,
                dpi: dpi_of(dpi),
            });
        }
    }
    let mut dpi = images
        .iter()
        .map(|placed| {
            let width = (placed.rect[2] - placed.rect[0]).abs().max(1.0);
            placed.image.width() as f32 * 72.0 / width
        })
        .fold(MIN_DPI, f32::max)
        .min(MAX_DPI);
    let pixels_at = |dpi: f32| f64::from(page_w * dpi / 72.0) * f64::from(page_h * dpi / 72.0);
    if pixels_at(dpi) > MAX_OCR_PIXELS as f64 {
        dpi *= (MAX_OCR_PIXELS as f64 / pixels_at(dpi)).sqrt() as f32;
    }
    let scale = dpi / 72.0;
    let canvas_w = ((page_w * scale).round() as u32).max(1);
    let canvas_h = ((page_h * scale).round() as u32).max(1);
    if u64::from(canvas_w) * u64::from(canvas_h) > MAX_OCR_PIXELS {
        return Err(ExtractionError::new(
            ErrorKind::Limit,
            format!(
                "{}: a page of {page_w}x{page_h} points is too large to OCR",
                ctx.path
            ),
        ));
    }
    let color = images.iter().any(|placed| placed.image.color().has_color());
    let mut canvas = if color {
        DynamicImage::ImageRgb8(RgbImage::from_pixel(canvas_w, canvas_h, Rgb([255; 3])))
    } else {
        DynamicImage::ImageLuma8(GrayImage::from_pixel(canvas_w, canvas_h, Luma([255])))
    };
    for placed in images {
        ctx.deadline.check(ctx.path)?;
        let [x0, y0, x1, y1] = placed.rect;
        let width = ((x1 - x0).abs() * scale).round();
        let height = ((y1 - y0).abs() * scale).round();
        if width < 1.0 || height < 1.0 || width > canvas_w as f32 * 2.0 {
            continue;
        }
        if height > canvas_h as f32 * 2.0 {
            continue;
        }
        let resized = placed
            .image
            .resize_exact(width as u32, height as u32, FilterType::Triangle);
        let left = (x0.min(x1) * scale).round() as i64;
        let top = ((page_h - y0.max(y1)) * scale).round() as i64;
        match &mut canvas {
            DynamicImage::ImageRgb8(rgb) => imageops::overlay(rgb, &resized.to_rgb8(), left, top),
            DynamicImage::ImageLuma8(grey) => {
                imageops::overlay(grey, &resized.to_luma8(), left, top)
            }
            _ => {}
        }
    }
    Ok(Composite {
        image: upright(canvas, page.rotate),
        dpi: dpi_of(dpi),
    })
}

fn dpi_of(dpi: f32) -> Option<u32> {
    (dpi.is_finite() && dpi >= 1.0).then(|| dpi.round() as u32)
}

/// Turns a page image by its clockwise `/Rotate`.
fn upright(image: DynamicImage, rotate: u16) -> DynamicImage {
    match rotate % 360 {
        90 => image.rotate90(),
        180 => image.rotate180(),
        270 => image.rotate270(),
        _ => image,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    fn grey(width: u32, height: u32, value: u8) -> DynamicImage {
        DynamicImage::ImageLuma8(GrayImage::from_pixel(width, height, Luma([value])))
    }

    #[test]
    fn a_full_page_scan_is_used_as_it_is_at_its_own_resolution() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("scan.pdf", &config);
        let page = PageSize {
            width: 612.0,
            height: 792.0,
            rotate: 90,
        };
        let scan = PlacedImage {
            image: grey(2550, 3300, 0),
            rect: [0.0, 0.0, 612.0, 792.0],
        };
        let composite = compose(&[scan], page, &ctx).unwrap();
        assert_eq!(composite.dpi, Some(300));
        assert_eq!(
            (composite.image.width(), composite.image.height()),
            (3300, 2550)
        );
    }

    #[test]
    fn small_images_are_placed_where_the_page_puts_them() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("p.pdf", &config);
        let page = PageSize {
            width: 144.0,
            height: 144.0,
            rotate: 0,
        };
        // A black square in the top-left inch, at 150 dpi.
        let square = PlacedImage {
            image: grey(150, 150, 0),
            rect: [0.0, 72.0, 72.0, 144.0],
        };
        let composite = compose(&[square], page, &ctx).unwrap();
        assert_eq!(composite.dpi, Some(150));
        let image = composite.image.to_luma8();
        assert_eq!(image.dimensions(), (300, 300));
        assert_eq!(image.get_pixel(10, 10).0, [0]);
        assert_eq!(image.get_pixel(290, 290).0, [255]);
    }
}
