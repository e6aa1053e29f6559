//! Hazard: a truncated ZIP (an Office document, an OpenDocument file, an EPUB or an archive cut
//! short in transit). The central directory at the end is gone, so the container cannot be
//! listed: every cut gives one row, with a typed error that names the file (or what could still
//! be read), never a panic, an `internal` error or a hang.

mod common;

use std::time::{Duration, Instant};

use vellum_core::{ErrorKind, ExtractionConfig};

const FILES: [&str; 6] = [
    "kreuzberg/documents/word_sample.docx",
    "poi/slideshow/45545_Comment.pptx",
    "calamine/any_sheets.ods",
    "poi/spreadsheet/sheetProtection_not_protected.xlsx",
    "tika/tika-parser-pkg-module/test-documents.zip",
    "epubcheck/epub3/00-minimal/files/minimal.epub",
];

#[test]
fn every_cut_of_a_zip_container_is_one_row_with_a_typed_error_or_text() {
    let corpus = common::corpus();
    let mut checked = 0;
    for relative in FILES {
        let Ok(bytes) = std::fs::read(corpus.join(relative)) else {
            continue;
        };
        let name = relative.rsplit('/').next().unwrap_or(relative);
        for cut in [
            22,
            bytes.len() / 4,
            bytes.len() / 2,
            bytes.len() - 23,
            bytes.len() - 1,
        ] {
            let started = Instant::now();
            let document = common::extract_bytes(ExtractionConfig::default(), name, &bytes[..cut]);
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{relative} cut at {cut} took {:?}",
                started.elapsed()
            );
            if let Some(error) = document.error {
                assert_ne!(
                    error.kind,
                    ErrorKind::Internal,
                    "{relative} cut at {cut}: {}",
                    error.message
                );
                assert!(
                    error.message.starts_with(name),
                    "{relative} cut at {cut}: {}",
                    error.message
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} cuts checked");
}

#[test]
fn a_docx_cut_in_half_is_a_parse_error_that_says_the_container_is_damaged() {
    let corpus = common::corpus();
    let bytes = std::fs::read(corpus.join("kreuzberg/documents/word_sample.docx")).unwrap();
    let document = common::extract_bytes(
        ExtractionConfig::default(),
        "word_sample.docx",
        &bytes[..bytes.len() / 2],
    );
    let error = document.error.expect("an error row");
    assert_eq!(error.kind, ErrorKind::Parse, "{}", error.message);
    assert!(
        error.message.starts_with("word_sample.docx: "),
        "{}",
        error.message
    );
}
