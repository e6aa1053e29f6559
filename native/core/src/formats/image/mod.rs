//! Images: PNG, JPEG, TIFF (every page, CCITT fax included), BMP, GIF (first frame) and WebP.
//! Their text comes from OCR (`ocr=auto` or `force`); with `ocr=off` an image gives its metadata
//! and empty content without its pixels ever being decoded. Dimensions are checked against the
//! limits before any pixel is decoded.

mod fax;
mod properties;
mod tiff_pages;

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

use crate::config::OcrMode;
use crate::document::{ErrorKind, ExtractionError};
use crate::formats::Extracted;
use crate::limits::Context;
use crate::ocr::{self, OcrPage};

/// Most pixels one image (or TIFF page) may have: 20,000 x 10,000, far beyond any scanner.
pub const MAX_IMAGE_PIXELS: u64 = 200_000_000;

/// Most bytes of decoded pixels one image may take (before `maxDecompressedSize`).
pub const MAX_IMAGE_BYTES: usize = 1024 * 1024 * 1024;

/// One image or page: its size and resolution, and its pixels when they were decoded.
#[derive(Debug)]
pub struct PageImage {
    pub width: u32,
    pub height: u32,
    pub dpi: Option<u32>,
    pub image: Option<DynamicImage>,
}

/// Extracts an image of type `mime_type`.
pub fn extract(
    bytes: &[u8],
    mime_type: &str,
    ctx: &Context<'_>,
) -> Result<Extracted, ExtractionError> {
    let ocr = ctx.config.ocr != OcrMode::Off;
    let properties = properties::read(bytes, mime_type);
    let mut extracted = Extracted::default();
    let mut texts: Vec<OcrPage> = Vec::new();
    let mut first: Option<(u32, u32, Option<u32>)> = None;
    let mut recognise = |page: PageImage| -> Result<(), ExtractionError> {
        first.get_or_insert((page.width, page.height, page.dpi.or(properties.dpi)));
        if let Some(image) = page.image {
            let dpi = page.dpi.or(properties.dpi);
            texts.push(recognize(&image, dpi, ctx)?);
        }
        Ok(())
    };
    let mut page_count = 1;
    if mime_type == "image/tiff" {
        let (pages, stopped) = tiff_pages::for_each_page(bytes, ocr, ctx, &mut recognise)?;
        page_count = pages;
        if let Some(reason) = stopped {
            extracted
                .metadata
                .extra
                .insert("pages_unreadable".to_owned(), reason);
        }
    } else {
        recognise(decode_single(bytes, mime_type, ocr, ctx)?)?;
    }
    let extra = &mut extracted.metadata.extra;
    if let Some((width, height, dpi)) = first {
        extra.insert("image_width".to_owned(), width.to_string());
        extra.insert("image_height".to_owned(), height.to_string());
        if let Some(dpi) = dpi {
            extra.insert("image_dpi".to_owned(), dpi.to_string());
        }
    }
    extra.extend(properties.exif);
    extracted.metadata.page_count = i32::try_from(page_count).ok();
    if ocr {
        let numbered: Vec<(usize, &OcrPage)> = (1..).zip(texts.iter()).collect();
        ocr::record_ocr_metadata(extra, &numbered, &ctx.config.ocr_language);
        extracted.pages = texts.iter().map(|page| page.text.clone()).collect();
        extracted.content = extracted.pages.join("\u{c}");
        if extracted.pages.len() <= 1 {
            extracted.pages.clear();
        }
    }
    Ok(extracted)
}

/// OCRs one decoded image, scaled down first when it has more pixels than OCR accepts.
fn recognize(
    image: &DynamicImage,
    dpi: Option<u32>,
    ctx: &Context<'_>,
) -> Result<OcrPage, ExtractionError> {
    let pixels = u64::from(image.width()) * u64::from(image.height());
    if pixels <= ocr::MAX_OCR_PIXELS {
        return ocr::recognize_image(image, dpi, ctx);
    }
    let factor = (ocr::MAX_OCR_PIXELS as f64 / pixels as f64).sqrt();
    let width = ((f64::from(image.width()) * factor).floor() as u32).max(1);
    let height = ((f64::from(image.height()) * factor).floor() as u32).max(1);
    let smaller = image.resize_exact(width, height, image::imageops::FilterType::Triangle);
    let dpi = dpi.map(|d| ((f64::from(d) * factor).round() as u32).max(1));
    ocr::recognize_image(&smaller, dpi, ctx)
}

/// Refuses images whose pixel count or decoded size is beyond the limits.
pub fn check_dimensions(width: u32, height: u32, ctx: &Context<'_>) -> Result<(), ExtractionError> {
    let pixels = u64::from(width) * u64::from(height);
    let bytes = pixels.saturating_mul(4);
    let max_bytes = ctx.limits.max_output_bytes.min(MAX_IMAGE_BYTES) as u64;
    if pixels > MAX_IMAGE_PIXELS || bytes > max_bytes {
        return Err(ExtractionError::new(
            ErrorKind::Limit,
            format!(
                "{}: an image of {width}x{height} pixels is beyond the limits ({MAX_IMAGE_PIXELS} \
                 pixels, maxDecompressedSize {} bytes); the file is refused before decoding",
                ctx.path, ctx.limits.max_output_bytes
            ),
        ));
    }
    if width == 0 || height == 0 {
        return Err(ctx.parse_error("the image has no pixels (width or height 0)"));
    }
    Ok(())
}

/// Reads a single-image format: header first, pixels (turned upright by EXIF orientation) only
/// when `decode`.
fn decode_single(
    bytes: &[u8],
    mime_type: &str,
    decode: bool,
    ctx: &Context<'_>,
) -> Result<PageImage, ExtractionError> {
    let format = match mime_type {
        "image/png" => ImageFormat::Png,
        "image/jpeg" => ImageFormat::Jpeg,
        "image/gif" => ImageFormat::Gif,
        "image/bmp" => ImageFormat::Bmp,
        "image/webp" => ImageFormat::WebP,
        other => {
            return Err(ExtractionError::new(
                ErrorKind::Unsupported,
                format!("{}: no image decoder for {other}", ctx.path),
            ))
        }
    };
    let unreadable = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => ExtractionError::new(
            ErrorKind::Limit,
            format!(
                "{}: the image needs more memory than the limits allow: {e}",
                ctx.path
            ),
        ),
        image::ImageError::Unsupported(_) => ExtractionError::new(
            ErrorKind::Unsupported,
            format!("{}: unsupported image: {e}", ctx.path),
        ),
        other => ctx.parse_error(format_args!("not a readable image: {other}")),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(ctx.limits.max_output_bytes.min(MAX_IMAGE_BYTES) as u64);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height, ctx)?;
    let image = if decode {
        let orientation = decoder.orientation().ok();
        let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
        if let Some(orientation) = orientation {
            image.apply_orientation(orientation);
        }
        Some(image)
    } else {
        None
    };
    Ok(PageImage {
        width,
        height,
        dpi: None,
        image,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::ImageLuma8(image::GrayImage::new(width, height));
        let mut bytes = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap();
        bytes
    }

    #[test]
    fn without_ocr_an_image_gives_metadata_and_no_text() {
        let config = ExtractionConfig {
            ocr: OcrMode::Off,
            ..ExtractionConfig::default()
        };
        let ctx = Context::new("a.png", &config);
        let extracted = extract(&png(30, 20), "image/png", &ctx).unwrap();
        assert_eq!(extracted.content, "");
        assert_eq!(extracted.metadata.extra["image_width"], "30");
        assert_eq!(extracted.metadata.extra["image_height"], "20");
        assert_eq!(extracted.metadata.page_count, Some(1));
        assert!(!extracted.metadata.extra.contains_key("ocr_pages"));
    }

    #[test]
    fn huge_dimensions_are_refused_before_decoding() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("huge.png", &config);
        let error = check_dimensions(100_000, 100_000, &ctx).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Limit);
        assert!(error.message.starts_with("huge.png: "));
        let broken = extract(b"\x89PNG\r\n\x1a\nbroken", "image/png", &ctx).unwrap_err();
        assert_eq!(broken.kind, ErrorKind::Parse);
    }
}
