//! Every file of the shared corpus gives exactly one row with a MIME type and never an
//! `internal` error; formats without an extractor yet are `unsupported` rows naming their MIME
//! type; truncated text documents are rows too (no panic, no hang).

mod common;

use vellum_core::{Column, ErrorKind, ExtractionConfig, Extractor};

#[test]
fn every_corpus_file_gives_a_row_with_a_mime_type_and_no_internal_error() {
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig {
        extract_tables: true,
        extract_pages: true,
        chunk_size: 500,
        ..ExtractionConfig::default()
    })
    .expect("config");
    let mut files = 0;
    let mut unsupported = 0;
    for file in common::files_under(&corpus) {
        files += 1;
        let document = common::extract_corpus_file(&extractor, &corpus, &file);
        let mime = document
            .mime_type
            .clone()
            .unwrap_or_else(|| panic!("{}: no MIME type", document.path));
        if let Some(error) = &document.error {
            assert_ne!(error.kind, ErrorKind::Internal, "{}", error.message);
            assert!(
                error.message.starts_with(&document.path),
                "{}",
                error.message
            );
            if error.kind == ErrorKind::Unsupported {
                unsupported += 1;
                // Either no extractor exists for the type, or the extractor names what it
                // does not support (e.g. a PDF with public-key security).
                let expected = format!("no extractor for {mime} in this version");
                assert!(
                    error.message.contains(&expected) || !error.message.contains("no extractor"),
                    "{}",
                    error.message
                );
            }
        }
    }
    assert!(files > 2_000, "only {files} corpus files");
    assert!(unsupported < files, "every file is unsupported");
}

#[test]
fn email_files_are_unsupported_rows_that_name_the_detected_type() {
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig::default()).expect("config");
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    let mut checked = 0;
    for line in manifest.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(path), Some(format)) = (fields.first(), fields.get(4)) else {
            continue;
        };
        let expected = match *format {
            "eml" => "message/rfc822",
            _ => continue,
        };
        let document = common::extract_corpus_file(&extractor, &corpus, &corpus.join(path));
        if document.mime_type.as_deref() != Some(expected) {
            continue; // a misnamed file (for example a text file called .doc) is detected by content
        }
        let error = document.error.expect("an unsupported row");
        assert_eq!(error.kind, ErrorKind::Unsupported);
        assert_eq!(
            error.message,
            format!(
                "{path}: no extractor for {expected} in this version; the file is listed with \
                 its MIME type only"
            )
        );
        checked += 1;
    }
    assert!(checked > 80, "only {checked} files checked");
}

#[test]
fn truncated_text_documents_of_the_corpus_never_panic() {
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig {
        columns: Column::ALL.to_vec(),
        extract_tables: true,
        ..ExtractionConfig::default()
    })
    .expect("config");
    let text_formats = [
        "html", "htm", "xml", "md", "csv", "tsv", "json", "ndjson", "txt",
    ];
    for file in common::files_under(&corpus) {
        let relative = file
            .strip_prefix(&corpus)
            .unwrap_or(&file)
            .to_string_lossy()
            .into_owned();
        if !text_formats.contains(&vellum_core::detect::extension(&relative).as_str()) {
            continue;
        }
        let bytes = std::fs::read(&file).expect("read");
        for cut in [
            1,
            7,
            bytes.len() / 3,
            bytes.len() / 2,
            bytes.len().saturating_sub(1),
        ] {
            let cut = cut.min(bytes.len());
            let document = extractor.extract(&vellum_core::DocumentInput {
                path: &relative,
                content: Some(&bytes[..cut]),
                length: cut as i64,
                modification_time: None,
                read_error: None,
            });
            if let Some(error) = document.error {
                assert_ne!(
                    error.kind,
                    ErrorKind::Internal,
                    "{relative} cut at {cut}: {}",
                    error.message
                );
            }
        }
    }
}
