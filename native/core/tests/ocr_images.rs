//! Images give their text by OCR with the machine's Tesseract (CI installs tesseract-ocr and
//! tesseract-ocr-eng): corpus scans, multi-page TIFFs, EXIF orientation, and one Tesseract
//! engine per thread however many pages and documents it reads.

mod common;

use std::io::Cursor;

use vellum_core::ocr::engines::initialisations_on_this_thread;
use vellum_core::{Document, ExtractionConfig, Extractor, OcrMode};

const OCR_PNG: &str = "tika/tika-parsers-extended-integration-tests/testOCR.png";
const OCR_JPG: &str = "tika/tika-parsers-extended-integration-tests/testOCR.jpg";
const MULTIPAGE_TIFF: &str = "tika/tika-parser-ocr-module/testTIFF_multipage.tif";

fn extractor(ocr: OcrMode) -> Extractor {
    Extractor::new(ExtractionConfig {
        extract_pages: true,
        ocr,
        ..ExtractionConfig::default()
    })
    .unwrap()
}

fn extract(extractor: &Extractor, relative: &str) -> Document {
    if extractor.config().ocr != OcrMode::Off {
        common::require_tesseract();
    }
    let corpus = common::corpus();
    common::extract_corpus_file(extractor, &corpus, &corpus.join(relative))
}

fn words(document: &Document) -> String {
    assert_eq!(document.error, None, "{}", document.path);
    document
        .content
        .as_deref()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn english_scans_in_the_corpus_give_their_words_and_a_confidence() {
    let extractor = extractor(OcrMode::Auto);
    let png = extract(&extractor, OCR_PNG);
    assert_eq!(words(&png), "This file contains some words.");
    let extra = &png.metadata.as_ref().unwrap().extra;
    assert_eq!(extra["ocr_pages"], "1");
    assert!(extra["ocr_confidence"].parse::<f64>().unwrap() > 80.0);
    assert_eq!(extra["image_width"], "982");
    let jpg = extract(&extractor, OCR_JPG);
    assert_eq!(words(&jpg), "Apache Tika OCR Testing");
    let invoice = extract(&extractor, "kreuzberg/images/ocr_image.jpg");
    assert!(words(&invoice).contains("Stocks in bold rose or fell 5% or more"));
}

#[test]
fn every_tiff_page_is_a_page_of_its_own_with_its_confidence() {
    let document = extract(&extractor(OcrMode::Auto), MULTIPAGE_TIFF);
    let pages = document.pages.clone().unwrap();
    assert_eq!(pages.len(), 2);
    assert!(pages[0].content.contains("Page 1") && pages[1].content.contains("Page 2"));
    let metadata = document.metadata.as_ref().unwrap();
    assert_eq!(metadata.page_count, Some(2));
    assert_eq!(metadata.extra["ocr_pages"], "1,2");
    assert!(metadata.extra.contains_key("ocr_confidence_page_2"));
    assert_eq!(document.content.unwrap().matches('\u{c}').count(), 1);
}

#[test]
fn group_3_and_group_4_fax_tiffs_are_decoded() {
    let extractor = extractor(OcrMode::Force);
    for fax in ["ccittg3.tif", "ccittg4.tif", "ccittg4multi.tif"] {
        let document = extract(
            &extractor,
            &format!("pdfbox/pdfbox/pdmodel/graphics/image/{fax}"),
        );
        assert_eq!(document.error, None, "{fax}");
        assert_eq!(document.metadata.unwrap().extra["image_width"], "344");
    }
}

#[test]
fn exif_orientation_turns_the_image_upright_before_ocr() {
    let corpus = common::corpus();
    let upright = image::open(corpus.join(OCR_PNG)).unwrap();
    // Stored turned a quarter to the left, with orientation 6: "turn 90 degrees clockwise".
    let stored = upright.rotate270().to_rgb8();
    let mut jpeg = Vec::new();
    stored
        .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    let exif: &[u8] = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0";
    let mut with_exif = jpeg[..2].to_vec();
    with_exif.extend_from_slice(&[0xFF, 0xE1]);
    with_exif.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
    with_exif.extend_from_slice(exif);
    with_exif.extend_from_slice(&jpeg[2..]);
    let document = common::extract_bytes(ExtractionConfig::default(), "turned.jpg", &with_exif);
    assert_eq!(words(&document), "This file contains some words.");
    assert_eq!(document.metadata.unwrap().extra["exif_orientation"], "6");
}

#[test]
fn one_tesseract_initialisation_per_thread_across_pages_and_documents() {
    let per_thread: Vec<(usize, usize)> = (0..2)
        .map(|_| {
            std::thread::spawn(|| {
                let extractor = extractor(OcrMode::Auto);
                let other = self::extractor(OcrMode::Force);
                let mut pages = 0;
                for relative in [OCR_PNG, MULTIPAGE_TIFF, OCR_JPG, MULTIPAGE_TIFF, OCR_PNG] {
                    for extractor in [&extractor, &other] {
                        let document = extract(extractor, relative);
                        assert!(!words(&document).is_empty());
                        pages += document.pages.map_or(0, |p| p.len());
                    }
                }
                (initialisations_on_this_thread(), pages)
            })
        })
        .map(|thread| thread.join().unwrap())
        .collect();
    assert_eq!(per_thread, vec![(1, 14), (1, 14)]);
}

#[test]
fn ocr_off_gives_metadata_without_touching_tesseract() {
    let document = std::thread::spawn(|| {
        let document = extract(&extractor(OcrMode::Off), MULTIPAGE_TIFF);
        assert_eq!(initialisations_on_this_thread(), 0);
        document
    })
    .join()
    .unwrap();
    assert_eq!(document.error, None);
    assert_eq!(document.content.as_deref(), Some(""));
    let metadata = document.metadata.unwrap();
    assert_eq!(metadata.page_count, Some(2));
    assert!(!metadata.extra.contains_key("ocr_pages"));
}

#[test]
fn an_ocr_language_without_language_data_is_refused_when_the_extractor_is_created() {
    let config = |ocr| ExtractionConfig {
        ocr,
        ocr_language: "eng+xyz".to_owned(),
        ..ExtractionConfig::default()
    };
    let error = Extractor::new(config(OcrMode::Auto)).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("'ocrLanguage'"), "{message}");
    assert!(
        message.contains("xyz") && !message.contains("eng,"),
        "{message}"
    );
    assert!(message.contains("tesseract-ocr-xyz"), "{message}");
    assert!(Extractor::new(config(OcrMode::Off)).is_ok());
}
