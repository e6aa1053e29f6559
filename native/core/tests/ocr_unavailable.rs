//! A machine without Tesseract: the loader is pointed at a library that does not exist (as if
//! `libtesseract.so.5` were not installed). Rows that need OCR carry `ocr_unavailable` with a
//! message that says how to install it; every other row is extracted as usual.

mod common;

use vellum_core::ocr::engines::LIBRARY_ENV;
use vellum_core::{ErrorKind, ExtractionConfig, OcrMode};

fn without_tesseract() {
    // Every test in this file sets the same value before any OCR: the first load reads it.
    std::env::set_var(LIBRARY_ENV, "/nonexistent/libtesseract.so.5");
}

fn image_bytes() -> Vec<u8> {
    std::fs::read(common::corpus().join("tika/tika-parsers-extended-integration-tests/testOCR.png"))
        .unwrap()
}

#[test]
fn images_that_need_ocr_carry_ocr_unavailable_with_install_instructions() {
    without_tesseract();
    for mode in [OcrMode::Auto, OcrMode::Force] {
        let config = ExtractionConfig {
            ocr: mode,
            ..ExtractionConfig::default()
        };
        let document = common::extract_bytes(config, "scan.png", &image_bytes());
        let error = document.error.expect("an error row");
        assert_eq!(error.kind, ErrorKind::OcrUnavailable);
        assert_eq!(error.kind.code(), "ocr_unavailable");
        assert!(error.message.starts_with("scan.png: "), "{}", error.message);
        assert!(
            error
                .message
                .contains("apt-get install tesseract-ocr tesseract-ocr-eng"),
            "{}",
            error.message
        );
        assert!(error.message.contains("README"), "{}", error.message);
        assert_eq!(document.mime_type.as_deref(), Some("image/png"));
    }
}

#[test]
fn scanned_pdfs_carry_ocr_unavailable_and_pdfs_with_text_do_not() {
    without_tesseract();
    let corpus = common::corpus();
    let scan = std::fs::read(corpus.join("kreuzberg/pdfs/non_searchable.pdf")).unwrap();
    let document = common::extract_bytes(ExtractionConfig::default(), "scan.pdf", &scan);
    let error = document.error.expect("an error row");
    assert_eq!(error.kind, ErrorKind::OcrUnavailable);
    assert!(error.message.starts_with("scan.pdf: "), "{}", error.message);
    let article = std::fs::read(corpus.join("kreuzberg/pdfs/test_article.pdf")).unwrap();
    let document = common::extract_bytes(ExtractionConfig::default(), "article.pdf", &article);
    assert_eq!(document.error, None);
    assert!(!document.content.unwrap().trim().is_empty());
}

#[test]
fn every_other_row_is_unaffected() {
    without_tesseract();
    let text = common::extract_bytes(ExtractionConfig::default(), "a.txt", b"plain words\n");
    assert_eq!(text.error, None);
    assert_eq!(text.content.as_deref(), Some("plain words\n"));
    let html = common::extract_bytes(
        ExtractionConfig::default(),
        "a.html",
        b"<html><body><p>Hello</p></body></html>",
    );
    assert_eq!(html.error, None);
    let off = ExtractionConfig {
        ocr: OcrMode::Off,
        ..ExtractionConfig::default()
    };
    let image = common::extract_bytes(off, "scan.png", &image_bytes());
    assert_eq!(image.error, None);
    assert_eq!(image.content.as_deref(), Some(""));
    assert_eq!(image.metadata.unwrap().extra["image_width"], "982");
}
