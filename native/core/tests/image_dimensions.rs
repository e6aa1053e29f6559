//! Images of every supported format are recognised by their bytes and described without OCR;
//! images whose headers claim huge dimensions are refused before a pixel is decoded.

mod common;

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, RgbImage};
use vellum_core::{ErrorKind, ExtractionConfig, OcrMode};

fn without_ocr() -> ExtractionConfig {
    ExtractionConfig {
        ocr: OcrMode::Off,
        ..ExtractionConfig::default()
    }
}

#[test]
fn every_supported_format_gives_its_type_and_dimensions_without_ocr() {
    let picture = DynamicImage::ImageRgb8(RgbImage::from_fn(40, 30, |x, y| {
        image::Rgb([(x * 6) as u8, (y * 8) as u8, 90])
    }));
    let formats = [
        (ImageFormat::Png, "image/png"),
        (ImageFormat::Jpeg, "image/jpeg"),
        (ImageFormat::Gif, "image/gif"),
        (ImageFormat::Bmp, "image/bmp"),
        (ImageFormat::Tiff, "image/tiff"),
        (ImageFormat::WebP, "image/webp"),
    ];
    for (format, mime) in formats {
        let mut bytes = Vec::new();
        picture
            .write_to(&mut Cursor::new(&mut bytes), format)
            .unwrap();
        // No extension: the type comes from the bytes.
        let document = common::extract_bytes(without_ocr(), "picture", &bytes);
        assert_eq!(document.error, None, "{mime}");
        assert_eq!(document.mime_type.as_deref(), Some(mime));
        assert_eq!(document.content.as_deref(), Some(""));
        let metadata = document.metadata.unwrap();
        assert_eq!(metadata.extra["image_width"], "40", "{mime}");
        assert_eq!(metadata.extra["image_height"], "30", "{mime}");
    }
}

#[test]
fn a_bmp_claiming_three_billion_pixels_is_refused_as_a_limit() {
    let mut bmp = b"BM".to_vec();
    bmp.extend_from_slice(&[0x36, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0]);
    bmp.extend_from_slice(&60_000i32.to_le_bytes());
    bmp.extend_from_slice(&60_000i32.to_le_bytes());
    bmp.extend_from_slice(&[1, 0, 24, 0]);
    bmp.resize(54 + 64, 0);
    for config in [without_ocr(), ExtractionConfig::default()] {
        let document = common::extract_bytes(config, "bomb.bmp", &bmp);
        let error = document.error.expect("a limit error");
        assert_eq!(error.kind, ErrorKind::Limit, "{}", error.message);
        assert!(error.message.starts_with("bomb.bmp: "));
    }
}

#[test]
fn a_tiff_page_claiming_huge_dimensions_is_refused_as_a_limit() {
    // Little-endian TIFF, one IFD: 200,000 x 200,000, 8-bit grey, one tiny strip.
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    let entries: [(u16, u16, u32); 7] = [
        (256, 4, 200_000),
        (257, 4, 200_000),
        (258, 3, 8),
        (259, 3, 1),
        (262, 3, 1),
        (273, 4, 8 + 2 + 7 * 12 + 4),
        (279, 4, 4),
    ];
    tiff.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for (tag, kind, value) in entries {
        tiff.extend_from_slice(&tag.to_le_bytes());
        tiff.extend_from_slice(&kind.to_le_bytes());
        tiff.extend_from_slice(&1u32.to_le_bytes());
        if kind == 3 {
            tiff.extend_from_slice(&(value as u16).to_le_bytes());
            tiff.extend_from_slice(&[0, 0]);
        } else {
            tiff.extend_from_slice(&value.to_le_bytes());
        }
    }
    tiff.extend_from_slice(&[0; 4 + 4]);
    let document = common::extract_bytes(ExtractionConfig::default(), "huge.tif", &tiff);
    let error = document.error.expect("a limit error");
    assert_eq!(error.kind, ErrorKind::Limit, "{}", error.message);
}

#[test]
fn a_truncated_image_is_a_parse_error_naming_the_file() {
    let document = common::extract_bytes(without_ocr(), "cut.gif", b"GIF89a\x01");
    let error = document.error.expect("a parse error");
    assert_eq!(error.kind, ErrorKind::Parse, "{}", error.message);
    assert!(error.message.starts_with("cut.gif: "));
}
