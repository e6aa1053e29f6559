//! The corpus's 1,147 PDFs: one row each, with a page count or a typed error, never an internal
//! error; the encrypted files with a known password (TAGS.tsv) open with it, and those encrypted
//! with an empty user password open without one.

mod common;

use vellum_core::{ErrorKind, ExtractionConfig, Extractor, OcrMode};

/// The TAGS.tsv rows: (path, tags, password).
fn tags() -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(common::corpus().join("TAGS.tsv")).expect("TAGS.tsv");
    text.lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let field = |i: usize| fields.get(i).copied().unwrap_or_default().to_owned();
            (field(0), field(1), field(4))
        })
        .collect()
}

#[test]
fn every_corpus_pdf_gives_one_row_with_pages_or_a_typed_error() {
    let corpus = common::corpus();
    // The object layer is under test: OCR off, so that scans give their (empty) pages on a
    // machine without Tesseract too.
    let extractor = Extractor::new(ExtractionConfig {
        extract_pages: true,
        ocr: OcrMode::Off,
        ..ExtractionConfig::default()
    })
    .unwrap();
    let (mut opened, mut other, mut failed) = (0, 0, Vec::new());
    for file in common::files_under(&corpus) {
        if vellum_core::detect::extension(&file.to_string_lossy()) != "pdf" {
            continue;
        }
        let document = common::extract_corpus_file(&extractor, &corpus, &file);
        match &document.error {
            // A `.pdf` that is something else (the corpus keeps a few Git symlinks as text).
            None if document.mime_type.as_deref() != Some("application/pdf") => other += 1,
            None => {
                opened += 1;
                let metadata = document.metadata.as_ref().expect("metadata");
                let pages = metadata
                    .page_count
                    .unwrap_or_else(|| panic!("{}: no page count", document.path));
                // A document without pages still has its (empty) text as one page.
                let expected = (pages as usize).max(1);
                assert_eq!(
                    document.pages.as_ref().map(Vec::len),
                    Some(expected),
                    "{}",
                    document.path
                );
            }
            Some(error) => {
                assert_ne!(error.kind, ErrorKind::Internal, "{}", error.message);
                assert!(
                    error.message.starts_with(&document.path),
                    "{}",
                    error.message
                );
                failed.push(format!("{:?} {}", error.kind, error.message));
            }
        }
    }
    assert!(
        opened + other + failed.len() >= 1_147,
        "{opened} opened, {other} not PDFs"
    );
    assert!(other < 5, "{other} .pdf files are not detected as PDFs");
    // The files that stay locked need a password; the rest are damaged beyond repair.
    assert!(
        failed.len() < 40,
        "{} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn encrypted_corpus_pdfs_with_a_known_password_open_with_it() {
    let corpus = common::corpus();
    let mut checked = 0;
    for (path, _, password) in tags() {
        if password.is_empty() || !path.ends_with(".pdf") {
            continue;
        }
        let user = password
            .split(" (owner:")
            .next()
            .unwrap_or_default()
            .to_owned();
        let extractor = Extractor::new(ExtractionConfig {
            pdf_passwords: vec![user],
            ocr: OcrMode::Off,
            ..ExtractionConfig::default()
        })
        .unwrap();
        let document = common::extract_corpus_file(&extractor, &corpus, &corpus.join(&path));
        assert_eq!(document.error, None, "{path}");
        assert_eq!(document.metadata.unwrap().encrypted, Some(true), "{path}");
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} files have a known password");
}

#[test]
fn corpus_pdfs_encrypted_with_an_empty_user_password_open_without_one() {
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig {
        ocr: OcrMode::Off,
        ..ExtractionConfig::default()
    })
    .unwrap();
    // The encrypted files that poppler's pdfinfo also opens without a password.
    let empty_user_password = [
        "kreuzberg/pdfs/copy_protected.pdf",
        "pdfbox/pdfbox/pdmodel/documentinterchange/logicalstructure/PDFBOX-2725-878725.pdf",
        "pdfjs/bug1815476.pdf",
        "pdfjs/bug900822.pdf",
        "pdfjs/empty_protected.pdf",
        "pdfjs/issue17069.pdf",
        "pdfjs/issue17215.pdf",
        "pdfjs/issue19484_1.pdf",
        "pdfjs/issue19484_2.pdf",
        "pdfjs/issue7665.pdf",
        "pdfjs/issue9972-1.pdf",
        "pdfjs/issue9972-2.pdf",
        "pdfjs/issue9972-3.pdf",
        "pdfjs/pr6531_2.pdf",
        "pdfjs/secHandler.pdf",
        "tika/tika-parser-pdf-module/testPDF_no_extract_no_accessibility_owner_empty.pdf",
        "tika/tika-parser-pdf-module/testPDF_no_extract_yes_accessibility_owner_empty.pdf",
    ];
    for path in empty_user_password {
        let document = common::extract_corpus_file(&extractor, &corpus, &corpus.join(path));
        assert_eq!(document.error, None, "{path}");
        assert_eq!(document.metadata.unwrap().encrypted, Some(true), "{path}");
    }
}

#[test]
fn metadata_comes_from_the_info_dictionary_and_xmp() {
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig::default()).unwrap();
    let document = common::extract_corpus_file(
        &extractor,
        &corpus,
        &corpus.join("kreuzberg/pdfs/copy_protected.pdf"),
    );
    let metadata = document.metadata.unwrap();
    assert_eq!(metadata.page_count, Some(2));
    assert!(metadata
        .producer
        .as_deref()
        .is_some_and(|p| p.starts_with("macOS Version 12.5")));
    assert!(metadata.created.is_some_and(|c| c > 1_600_000_000_000_000));
    assert_eq!(metadata.extra["pdf_version"].len(), 3);
}
