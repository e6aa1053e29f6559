//! What an image file says about itself besides its pixels: resolution (PNG `pHYs`, JPEG
//! JFIF, BMP header, EXIF/TIFF `XResolution`) and EXIF facts (date, camera, orientation).

use std::collections::BTreeMap;
use std::io::Cursor;

use exif::{In, Tag, Value};

/// Resolutions outside this range are not believed (Tesseract's own bounds): the image is then
/// treated as of unknown resolution.
const CREDIBLE_DPI: std::ops::RangeInclusive<u32> = 70..=2400;

/// The facts found in an image's headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Properties {
    /// Horizontal resolution in dots per inch, when stated and credible.
    pub dpi: Option<u32>,
    /// EXIF fields for `metadata.extra` (`exif_date_time`, `camera_make`, `camera_model`, ...).
    pub exif: BTreeMap<String, String>,
}

/// Reads the resolution and EXIF facts of `bytes` of type `mime_type`.
pub fn read(bytes: &[u8], mime_type: &str) -> Properties {
    let exif = exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .ok();
    let mut properties = Properties::default();
    let mut exif_dpi = None;
    if let Some(exif) = &exif {
        let text = |tag: Tag| {
            exif.get_field(tag, In::PRIMARY)
                .and_then(|field| match &field.value {
                    Value::Ascii(parts) => parts
                        .first()
                        .map(|part| String::from_utf8_lossy(part).trim().to_owned())
                        .filter(|s| !s.is_empty()),
                    _ => None,
                })
        };
        let fields = [
            ("exif_date_time", Tag::DateTimeOriginal),
            ("exif_date_time", Tag::DateTime),
            ("camera_make", Tag::Make),
            ("camera_model", Tag::Model),
            ("software", Tag::Software),
        ];
        for (key, tag) in fields {
            if let Some(value) = text(tag) {
                properties.exif.entry(key.to_owned()).or_insert(value);
            }
        }
        if let Some(orientation) = exif
            .get_field(Tag::Orientation, In::PRIMARY)
            .and_then(|f| f.value.get_uint(0))
        {
            properties
                .exif
                .insert("exif_orientation".to_owned(), orientation.to_string());
        }
        exif_dpi = exif_resolution(exif);
    }
    let header_dpi = match mime_type {
        "image/png" => png_dpi(bytes),
        "image/jpeg" => jfif_dpi(bytes),
        "image/bmp" => bmp_dpi(bytes),
        _ => None,
    };
    properties.dpi = header_dpi
        .or(exif_dpi)
        .filter(|dpi| CREDIBLE_DPI.contains(dpi));
    properties
}

fn exif_resolution(exif: &exif::Exif) -> Option<u32> {
    let field = exif.get_field(Tag::XResolution, In::PRIMARY)?;
    let Value::Rational(values) = &field.value else {
        return None;
    };
    let value = values.first()?.to_f64();
    let unit = exif
        .get_field(Tag::ResolutionUnit, In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .unwrap_or(2);
    per_inch(value, unit == 3)
}

/// Rounds a resolution per inch (or per centimetre) to dots per inch.
fn per_inch(value: f64, per_centimetre: bool) -> Option<u32> {
    let dpi = if per_centimetre { value * 2.54 } else { value };
    (1.0..1e6).contains(&dpi).then(|| dpi.round() as u32)
}

/// PNG `pHYs`: pixels per unit, unit 1 = metre. Stops at the first `IDAT` (it must come first).
fn png_dpi(bytes: &[u8]) -> Option<u32> {
    let mut at = 8usize;
    while let Some(header) = bytes.get(at..at.checked_add(8)?) {
        let length = usize::try_from(u32::from_be_bytes(header[..4].try_into().ok()?)).ok()?;
        let kind = &header[4..8];
        let data = bytes.get(at + 8..(at + 8).checked_add(length)?)?;
        if kind == b"pHYs" && data.len() >= 9 && data[8] == 1 {
            let per_metre = u32::from_be_bytes(data[..4].try_into().ok()?);
            return per_inch(f64::from(per_metre) * 0.0254, false);
        }
        if kind == b"IDAT" || kind == b"IEND" {
            return None;
        }
        at = at.checked_add(12)?.checked_add(length)?;
    }
    None
}

/// JPEG JFIF `APP0`: units 1 = per inch, 2 = per centimetre; 0 is only an aspect ratio.
fn jfif_dpi(bytes: &[u8]) -> Option<u32> {
    let app0 = bytes.get(2..18)?;
    if app0[..2] != [0xFF, 0xE0] || &app0[4..9] != b"JFIF\0" {
        return None;
    }
    let density = f64::from(u16::from_be_bytes([app0[12], app0[13]]));
    match app0[11] {
        1 => per_inch(density, false),
        2 => per_inch(density, true),
        _ => None,
    }
}

/// BMP `BITMAPINFOHEADER` horizontal pixels per metre, at byte 38.
fn bmp_dpi(bytes: &[u8]) -> Option<u32> {
    let per_metre = i32::from_le_bytes(bytes.get(38..42)?.try_into().ok()?);
    u32::try_from(per_metre)
        .ok()
        .and_then(|ppm| per_inch(f64::from(ppm) * 0.0254, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_resolution_comes_from_phys() {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(&13u32.to_be_bytes());
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&[0; 13 + 4]);
        png.extend_from_slice(&9u32.to_be_bytes());
        png.extend_from_slice(b"pHYs");
        png.extend_from_slice(&11811u32.to_be_bytes());
        png.extend_from_slice(&11811u32.to_be_bytes());
        png.extend_from_slice(&[1, 0, 0, 0, 0]);
        assert_eq!(png_dpi(&png), Some(300));
        assert_eq!(png_dpi(&png[..40]), None);
    }

    #[test]
    fn jfif_resolution_in_inches_or_centimetres() {
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
        jpeg.extend_from_slice(b"JFIF\0\x01\x01\x01");
        jpeg.extend_from_slice(&[0x01, 0x2C, 0x01, 0x2C, 0, 0]);
        assert_eq!(jfif_dpi(&jpeg), Some(300));
        // Units at byte 13, horizontal density at 14 and 15.
        jpeg[13] = 2;
        jpeg[14..16].copy_from_slice(&118u16.to_be_bytes());
        assert_eq!(jfif_dpi(&jpeg), Some(300));
        jpeg[13] = 0;
        assert_eq!(jfif_dpi(&jpeg), None);
    }

    #[test]
    fn incredible_resolutions_are_dropped() {
        let mut bmp = vec![0u8; 54];
        bmp[38..42].copy_from_slice(&2835i32.to_le_bytes());
        assert_eq!(bmp_dpi(&bmp), Some(72));
        bmp[38..42].copy_from_slice(&100i32.to_le_bytes());
        assert_eq!(read(&bmp, "image/bmp").dpi, None);
    }
}
