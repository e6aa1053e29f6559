//! Scanned PDFs: a page without a usable text layer is OCRed from its images with `ocr=auto`,
//! every page with images with `ocr=force` (keeping its text layer), none with `ocr=off`; the pages OCRed and their confidences are in
//! `metadata.extra`. Needs Tesseract 5 with English data (CI installs it).

mod common;

use vellum_core::{ExtractionConfig, Extractor, OcrMode};

fn extract(path: &str, ocr: OcrMode) -> vellum_core::Document {
    if ocr != OcrMode::Off {
        common::require_tesseract();
    }
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig {
        ocr,
        extract_pages: true,
        ..ExtractionConfig::default()
    })
    .unwrap();
    common::extract_corpus_file(&extractor, &corpus, &corpus.join(path))
}

#[test]
fn a_scanned_pdf_page_is_read_by_ocr_and_says_so() {
    let document = extract("kreuzberg/pdfs/non_searchable.pdf", OcrMode::Auto);
    assert_eq!(document.error, None);
    let content = document.content.unwrap();
    // The page image reads "Non-text-searchable PDF ... created from an image".
    assert!(content.contains("Non-text-searchable PDF"), "{content}");
    assert!(content.contains("created from"), "{content}");
    let extra = document.metadata.unwrap().extra;
    assert_eq!(extra.get("ocr_pages").map(String::as_str), Some("1"));
    assert_eq!(extra.get("ocr_language").map(String::as_str), Some("eng"));
    let confidence: f64 = extra["ocr_confidence"].parse().unwrap();
    assert!(confidence > 50.0, "{confidence}");
}

#[test]
fn ocr_off_leaves_a_scanned_page_empty_and_never_loads_tesseract() {
    let document = extract("kreuzberg/pdfs/non_searchable.pdf", OcrMode::Off);
    assert_eq!(document.error, None);
    assert!(document.content.unwrap().trim().is_empty());
    assert!(!document.metadata.unwrap().extra.contains_key("ocr_pages"));
}

#[test]
fn a_page_with_a_text_layer_is_not_ocred_unless_forced() {
    let path = "kreuzberg/pdfs/test_article.pdf";
    let auto = extract(path, OcrMode::Auto);
    assert!(!auto.metadata.unwrap().extra.contains_key("ocr_pages"));
    let forced = extract(path, OcrMode::Force);
    assert_eq!(forced.error, None);
    // Forced, the first page (a header image above the text) keeps its text layer and is OCRed.
    assert!(forced.content.unwrap().contains("INVERTED HONOR"));
    let extra = forced.metadata.unwrap().extra;
    assert!(extra["ocr_pages"].split(',').any(|p| p == "1"), "{extra:?}");
}

#[test]
fn fax_compressed_scans_are_decoded_for_ocr() {
    // A CCITT group 4 image of a handwritten page ("PDF BOX").
    let document = extract(
        "pdfbox/tools/input/ImageIOUtil/ccitt4-cib-test.pdf",
        OcrMode::Auto,
    );
    assert_eq!(document.error, None);
    let extra = document.metadata.unwrap().extra;
    assert_eq!(extra.get("ocr_pages").map(String::as_str), Some("1"));
}

#[test]
fn scans_shown_sideways_or_upside_down_are_read_upright() {
    // One scanned sentence, placed on the page turned a quarter, a half and three quarters:
    // Tesseract's orientation detection turns each upright before it reads.
    for turn in [90, 180, 270] {
        let path = format!("kreuzberg/pdfs/ocr_test_rotated_{turn}.pdf");
        let document = extract(&path, OcrMode::Auto);
        assert_eq!(document.error, None, "{path}");
        let content = document.content.unwrap();
        let words = content.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("Docling bundles PDF document conversion"),
            "{path}: {content}"
        );
    }
}
