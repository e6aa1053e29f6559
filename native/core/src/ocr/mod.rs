//! OCR with Tesseract, loaded at run time (see `tesseract`), one engine per thread and language
//! (see `engines`). Images call [`recognize_image`]; scanned PDF pages call [`recognize_page`]
//! with their decoded, placed images (contract in the issue-7 notes, `OCR_API.md`).
//!
//! OCR runs on the calling (task) thread: Tesseract's own parallel sections are limited to
//! `ocrThreads` (default 1, so none), and no other threads are started.

mod compose;
pub mod engines;
#[allow(unsafe_code)]
mod tesseract;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use image::DynamicImage;

use crate::config::{ExtractionConfig, OcrMode};
use crate::document::{ErrorKind, ExtractionError};
use crate::error::ConfigError;
use crate::limits::Context;
use engines::Unavailable;
use tesseract::Pixels;

/// Most pixels one OCRed page may have (a full A4 page at 600 dpi has 35 million).
pub const MAX_OCR_PIXELS: u64 = 64 * 1024 * 1024;

/// How to install Tesseract, for error messages.
pub const INSTALL_HINT: &str = "install Tesseract 5 and its English data (Debian/Ubuntu: \
    apt-get install tesseract-ocr tesseract-ocr-eng; on Databricks use the init script in the \
    README's OCR section), or set ocr=off";

/// One decoded image as placed on a page: `rect` is `[x0, y0, x1, y1]` in points, origin at the
/// page's bottom-left (PDF user space), `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone)]
pub struct PlacedImage {
    pub image: DynamicImage,
    pub rect: [f32; 4],
}

/// A page's size in points and its `/Rotate` (0, 90, 180 or 270, clockwise).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
    pub rotate: u16,
}

/// The text OCR found on one page or image.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OcrPage {
    /// Reading order, paragraphs separated by a blank line, ending with a newline; empty when
    /// nothing was recognised.
    pub text: String,
    /// Tesseract's mean word confidence, 0 to 100; `None` without text.
    pub mean_confidence: Option<i32>,
}

/// OCRs a page from its images, composited at their placed size and their own resolution.
/// With `ocr=off` it returns an empty page without touching Tesseract.
pub fn recognize_page(
    images: &[PlacedImage],
    page: PageSize,
    ctx: &Context<'_>,
) -> Result<OcrPage, ExtractionError> {
    if ctx.config.ocr == OcrMode::Off || images.is_empty() {
        return Ok(OcrPage::default());
    }
    let composite = compose::compose(images, page, ctx)?;
    recognize_image(&composite.image, composite.dpi, ctx)
}

/// Below this mean confidence a reading may be of text upside down. Tesseract's orientation
/// detection (page segmentation mode 1) turns sideways text upright, but it keeps horizontal
/// Latin text as it lies unless it is very sure (a few lines give it little evidence), and
/// upside-down text reads as nonsense at a confidence of about 35.
const UPSIDE_DOWN_SUSPECT: i32 = 60;

/// The orientation confidence from which a suspect reading is tried again turned upside down.
const UPSIDE_DOWN_EVIDENCE: f32 = 2.0;

/// How many points of mean confidence the half-turned reading must gain to be kept.
const UPSIDE_DOWN_GAIN: i32 = 20;

/// OCRs one decoded image; `dpi` is its resolution when known (Tesseract estimates it
/// otherwise). A reading of low confidence whose text Tesseract's orientation detection finds
/// upside down is read again turned a half turn, and the clearly better reading is kept. With
/// `ocr=off` it returns an empty page without touching Tesseract.
pub fn recognize_image(
    image: &DynamicImage,
    dpi: Option<u32>,
    ctx: &Context<'_>,
) -> Result<OcrPage, ExtractionError> {
    if ctx.config.ocr == OcrMode::Off {
        return Ok(OcrPage::default());
    }
    let pixels = u64::from(image.width()) * u64::from(image.height());
    if pixels > MAX_OCR_PIXELS {
        return Err(ExtractionError::new(
            ErrorKind::Limit,
            format!(
                "{}: an image of {}x{} pixels is larger than the {MAX_OCR_PIXELS} pixels OCR \
                 accepts",
                ctx.path,
                image.width(),
                image.height()
            ),
        ));
    }
    let (data, bytes_per_pixel) = tesseract_pixels(image);
    let pixels = Pixels {
        data: &data,
        width: image.width(),
        height: image.height(),
        bytes_per_pixel,
    };
    let dpi = dpi.filter(|&d| d > 0);
    let page = recognize_pixels(pixels, dpi, ctx)?;
    let Some(confidence) = page.mean_confidence.filter(|&c| c < UPSIDE_DOWN_SUSPECT) else {
        return Ok(page);
    };
    let threads = u32::try_from(ctx.config.ocr_threads).unwrap_or(1);
    let upside_down = engines::orientation(pixels, dpi, threads)
        .ok()
        .flatten()
        .is_some_and(|(degrees, evidence)| degrees == 180 && evidence >= UPSIDE_DOWN_EVIDENCE);
    if !upside_down {
        return Ok(page);
    }
    let turned_data = turned_half(&data, bytes_per_pixel);
    let turned = recognize_pixels(
        Pixels {
            data: &turned_data,
            ..pixels
        },
        dpi,
        ctx,
    )?;
    let gain = turned.mean_confidence.unwrap_or(0) - confidence;
    Ok(if gain >= UPSIDE_DOWN_GAIN {
        turned
    } else {
        page
    })
}

/// Packed pixels turned a half turn: the same pixels in reverse order.
fn turned_half(data: &[u8], bytes_per_pixel: u32) -> Vec<u8> {
    let size = usize::try_from(bytes_per_pixel).unwrap_or(1).max(1);
    data.chunks_exact(size).rev().flatten().copied().collect()
}

/// One Tesseract reading of `pixels` as they lie.
fn recognize_pixels(
    pixels: Pixels<'_>,
    dpi: Option<u32>,
    ctx: &Context<'_>,
) -> Result<OcrPage, ExtractionError> {
    ctx.deadline.check(ctx.path)?;
    let remaining = ctx.deadline.remaining_millis().unwrap_or(u64::MAX);
    let deadline = u32::try_from(remaining).unwrap_or(u32::MAX);
    let threads = u32::try_from(ctx.config.ocr_threads).unwrap_or(1);
    let language = ctx.config.ocr_language.as_str();
    let recognition = engines::recognize(language, pixels, dpi, deadline, threads)
        .map_err(|cause| unavailable(ctx.path, language, cause))?
        .map_err(|cause| {
            ExtractionError::new(
                ErrorKind::Internal,
                format!("{}: Tesseract refused the image: {cause}", ctx.path),
            )
        })?;
    if recognition.cancelled {
        ctx.deadline.check(ctx.path)?;
    }
    let text = tidy(&recognition.text);
    let mean_confidence = (!text.is_empty()).then_some(recognition.confidence.clamp(0, 100));
    Ok(OcrPage {
        text,
        mean_confidence,
    })
}

/// 8-bit grey stays grey; anything else becomes RGB, with transparency laid on white (how a
/// transparent scan looks on screen and on paper).
fn tesseract_pixels(image: &DynamicImage) -> (Vec<u8>, u32) {
    let color = image.color();
    if !color.has_color() && !color.has_alpha() {
        return (image.to_luma8().into_raw(), 1);
    }
    if !color.has_alpha() {
        return (image.to_rgb8().into_raw(), 3);
    }
    let rgba = image.to_rgba8();
    let mut rgb = Vec::with_capacity(rgba.as_raw().len() / 4 * 3);
    for pixel in rgba.as_raw().chunks_exact(4) {
        let alpha = u16::from(pixel[3]);
        for &channel in &pixel[..3] {
            let blended = (u16::from(channel) * alpha + 255 * (255 - alpha)) / 255;
            rgb.push(u8::try_from(blended).unwrap_or(u8::MAX));
        }
    }
    (rgb, 3)
}

/// Trims trailing spaces, keeps at most one blank line between paragraphs, ends with '\n'.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn unavailable(path: &str, language: &str, cause: Unavailable) -> ExtractionError {
    let message = match cause {
        Unavailable::Library(cause) => format!(
            "{path}: OCR is needed but Tesseract is not installed on this machine ({cause}); \
             {INSTALL_HINT}"
        ),
        Unavailable::Language(cause) => format!(
            "{path}: OCR is needed but Tesseract has no language data for ocrLanguage \
             '{language}' ({cause}); install the language packages (Debian/Ubuntu: \
             apt-get install {}), or set TESSDATA_PREFIX to a folder holding the .traineddata \
             files",
            language_packages(language)
        ),
    };
    ExtractionError::new(ErrorKind::OcrUnavailable, message)
}

/// The Debian packages of a `+`-joined language list: `tesseract-ocr-eng tesseract-ocr-deu`.
fn language_packages(language: &str) -> String {
    language
        .split('+')
        .map(|lang| {
            format!(
                "tesseract-ocr-{}",
                lang.to_ascii_lowercase().replace('_', "-")
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `ocr=auto` rule for a page with a text layer: OCR when forced, or when the text layer is
/// empty or unusable: less than one visible character per two square inches of page, or mostly
/// characters that map to nothing (U+FFFD, private use, controls).
pub fn page_needs_ocr(mode: OcrMode, text_layer: &str, page: PageSize) -> bool {
    match mode {
        OcrMode::Off => false,
        OcrMode::Force => true,
        OcrMode::Auto => {
            let mut visible = 0usize;
            let mut junk = 0usize;
            for c in text_layer.chars().filter(|c| !c.is_whitespace()) {
                visible += 1;
                let private = ('\u{E000}'..='\u{F8FF}').contains(&c);
                if c == '\u{FFFD}' || private || c.is_control() {
                    junk += 1;
                }
            }
            let square_inches = f64::from(page.width.abs()) * f64::from(page.height.abs()) / 5184.0;
            let sparse = (visible as f64) < square_inches / 2.0;
            sparse || junk * 2 > visible
        }
    }
}

/// Records which pages were OCRed (1-based), their mean confidences and the language in
/// `metadata.extra`, the same way for images and PDFs.
pub fn record_ocr_metadata(
    extra: &mut BTreeMap<String, String>,
    pages: &[(usize, &OcrPage)],
    language: &str,
) {
    if pages.is_empty() {
        return;
    }
    let numbers: Vec<String> = pages.iter().map(|(n, _)| n.to_string()).collect();
    extra.insert("ocr_pages".to_owned(), numbers.join(","));
    extra.insert("ocr_language".to_owned(), language.to_owned());
    let confidences: Vec<i32> = pages
        .iter()
        .filter_map(|(_, p)| p.mean_confidence)
        .collect();
    for (number, page) in pages {
        if let Some(confidence) = page.mean_confidence {
            extra.insert(
                format!("ocr_confidence_page_{number}"),
                confidence.to_string(),
            );
        }
    }
    if !confidences.is_empty() {
        let sum: i64 = confidences.iter().map(|&c| i64::from(c)).sum();
        let mean = sum as f64 / confidences.len() as f64;
        extra.insert("ocr_confidence".to_owned(), format!("{mean:.1}"));
    }
}

/// Checks `ocrLanguage` when an extractor is created: its syntax always, and that each
/// language's `.traineddata` exists when Tesseract's data folder can be found here (on a
/// machine without Tesseract, such as a driver, rows say `ocr_unavailable` instead).
pub fn check_languages(config: &ExtractionConfig) -> Result<(), ConfigError> {
    let language = config.ocr_language.as_str();
    let well_formed = !language.is_empty()
        && language.split('+').all(|part| {
            !part.is_empty()
                && part.len() <= 64
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        });
    if !well_formed {
        return Err(ConfigError::InvalidValue {
            option: "ocrLanguage",
            reason: "must be Tesseract language codes joined by '+', such as eng or eng+deu"
                .to_owned(),
        });
    }
    if config.ocr == OcrMode::Off {
        return Ok(());
    }
    let Some(folder) = tessdata_folders().into_iter().find(|dir| dir.is_dir()) else {
        return Ok(());
    };
    let missing: Vec<&str> = language
        .split('+')
        .filter(|lang| !folder.join(format!("{lang}.traineddata")).is_file())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(ConfigError::InvalidValue {
        option: "ocrLanguage",
        reason: format!(
            "Tesseract has no language data for {} in {} (install {}, or set TESSDATA_PREFIX)",
            missing.join(", "),
            folder.display(),
            language_packages(&missing.join("+"))
        ),
    })
}

/// Where Tesseract looks for language data: `TESSDATA_PREFIX` (itself or its `tessdata`),
/// then the folders of the Debian, Fedora and source installs.
fn tessdata_folders() -> Vec<PathBuf> {
    if let Some(prefix) = std::env::var_os("TESSDATA_PREFIX") {
        let prefix = PathBuf::from(prefix);
        let nested = prefix.join("tessdata");
        return vec![if nested.is_dir() { nested } else { prefix }];
    }
    [
        "/usr/share/tesseract-ocr/5/tessdata",
        "/usr/share/tesseract-ocr/4.00/tessdata",
        "/usr/share/tessdata",
        "/usr/local/share/tessdata",
    ]
    .iter()
    .map(|dir| Path::new(dir).to_path_buf())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_half_turn_reverses_the_pixels_and_keeps_each_pixels_channels() {
        assert_eq!(turned_half(&[1, 2, 3, 4], 1), [4, 3, 2, 1]);
        assert_eq!(turned_half(&[1, 2, 3, 4, 5, 6], 3), [4, 5, 6, 1, 2, 3]);
    }

    #[test]
    fn tidy_keeps_one_blank_line_between_paragraphs() {
        assert_eq!(tidy("a  \nb\n\n\n\nc\n \n"), "a\nb\n\nc\n");
        assert_eq!(tidy("\n\n \n"), "");
    }

    #[test]
    fn empty_or_junk_text_layers_need_ocr_and_real_text_does_not() {
        let a4 = PageSize {
            width: 595.0,
            height: 842.0,
            rotate: 0,
        };
        assert!(page_needs_ocr(OcrMode::Auto, "", a4));
        assert!(page_needs_ocr(OcrMode::Auto, "12", a4));
        assert!(page_needs_ocr(OcrMode::Auto, &"\u{FFFD}".repeat(500), a4));
        let text = "This page has a real text layer with words. ".repeat(10);
        assert!(!page_needs_ocr(OcrMode::Auto, &text, a4));
        assert!(page_needs_ocr(OcrMode::Force, &text, a4));
        assert!(!page_needs_ocr(OcrMode::Off, "", a4));
    }

    #[test]
    fn metadata_lists_pages_and_confidences() {
        let page = OcrPage {
            text: "x\n".to_owned(),
            mean_confidence: Some(90),
        };
        let other = OcrPage {
            text: "y\n".to_owned(),
            mean_confidence: Some(81),
        };
        let mut extra = BTreeMap::new();
        record_ocr_metadata(&mut extra, &[(1, &page), (3, &other)], "eng");
        assert_eq!(extra["ocr_pages"], "1,3");
        assert_eq!(extra["ocr_confidence"], "85.5");
        assert_eq!(extra["ocr_confidence_page_3"], "81");
        assert_eq!(extra["ocr_language"], "eng");
    }

    #[test]
    fn malformed_languages_are_refused_and_packages_are_named() {
        let config = |lang: &str| ExtractionConfig {
            ocr_language: lang.to_owned(),
            ocr: OcrMode::Off,
            ..ExtractionConfig::default()
        };
        assert!(check_languages(&config("eng+deu")).is_ok());
        assert!(check_languages(&config("eng+")).is_err());
        assert!(check_languages(&config("../etc")).is_err());
        assert_eq!(
            language_packages("eng+chi_sim"),
            "tesseract-ocr-eng tesseract-ocr-chi-sim"
        );
    }

    #[test]
    fn transparent_pixels_are_laid_on_white() {
        let image =
            DynamicImage::ImageRgba8(image::RgbaImage::from_raw(1, 1, vec![0, 0, 0, 0]).unwrap());
        assert_eq!(tesseract_pixels(&image), (vec![255, 255, 255], 3));
        let grey = DynamicImage::ImageLuma8(image::GrayImage::from_raw(1, 1, vec![7]).unwrap());
        assert_eq!(tesseract_pixels(&grey), (vec![7], 1));
    }
}
