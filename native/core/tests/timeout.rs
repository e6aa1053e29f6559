//! The per-document deadline: a document that takes longer than `timeoutMillis` becomes an error
//! row of kind `timeout`, in every extractor, and the next document is extracted as usual.

mod common;

use vellum_core::{DocumentInput, ErrorKind, ExtractionConfig, Extractor};

fn large_documents() -> Vec<(&'static str, String)> {
    let n = 300_000;
    vec![
        (
            "big.json",
            format!("[{}\"end\"]", "\"some words here\",".repeat(n)),
        ),
        ("big.ndjson", "{\"a\": \"some words\"}\n".repeat(n)),
        (
            "big.xml",
            format!("<r>{}</r>", "<p>some words here</p>".repeat(n)),
        ),
        (
            "big.html",
            format!(
                "<html><body>{}</body></html>",
                "<p>some <b>words</b></p>".repeat(n)
            ),
        ),
        ("big.csv", "a,b,c,\"quoted, cell\"\n".repeat(n)),
        (
            "big.md",
            "Some *words* in a paragraph.\n\n- item\n\n".repeat(n),
        ),
    ]
}

#[test]
fn a_document_slower_than_the_timeout_is_a_timeout_row_in_every_format() {
    let extractor = Extractor::new(ExtractionConfig {
        timeout_millis: 1,
        ..ExtractionConfig::default()
    })
    .expect("config");
    for (path, text) in large_documents() {
        let document = extractor.extract(&DocumentInput {
            path,
            content: Some(text.as_bytes()),
            length: text.len() as i64,
            modification_time: None,
            read_error: None,
        });
        let error = document
            .error
            .unwrap_or_else(|| panic!("{path}: no timeout"));
        assert_eq!(error.kind, ErrorKind::Timeout, "{path}: {}", error.message);
        assert!(error.message.starts_with(path), "{}", error.message);
        assert!(error.message.contains("1 ms"), "{}", error.message);
        assert_eq!(document.content, None);
    }
}

#[test]
fn the_same_documents_finish_within_a_generous_timeout() {
    for (path, text) in large_documents() {
        let document = common::extract_bytes(ExtractionConfig::default(), path, text.as_bytes());
        assert_eq!(document.error, None, "{path}");
    }
}
