//! Column pruning: a configuration that requests only path, length and mime_type runs detection
//! and no extraction, so even a malformed or huge document costs only a look at its first bytes.

mod common;

use std::time::Instant;

use vellum_core::{Column, ExtractionConfig};

fn detection_only() -> ExtractionConfig {
    ExtractionConfig {
        columns: vec![Column::Path, Column::Length, Column::MimeType],
        ..ExtractionConfig::default()
    }
}

#[test]
fn mime_only_config_detects_without_extracting() {
    let config = detection_only();
    assert!(!config.needs_extraction());
    // Invalid JSON: extraction would make a parse error; detection alone does not.
    let document = common::extract_bytes(config, "broken.json", b"[1, 2,");
    assert_eq!(document.mime_type.as_deref(), Some("application/json"));
    assert_eq!(document.error, None);
    assert_eq!(document.content, None);
    assert_eq!(document.metadata, None);
    assert_eq!(document.languages, None);
}

#[test]
fn mime_only_config_does_not_parse_a_large_document() {
    let big = format!(
        "<html><body>{}</body></html>",
        "<p>text</p>".repeat(2_000_000)
    );
    let started = Instant::now();
    let document = common::extract_bytes(detection_only(), "big.html", big.as_bytes());
    let detect_only = started.elapsed();
    assert_eq!(document.mime_type.as_deref(), Some("text/html"));
    assert_eq!(document.content, None);
    let started = Instant::now();
    let full = common::extract_bytes(ExtractionConfig::default(), "big.html", big.as_bytes());
    assert!(full.content.is_some());
    assert!(
        detect_only * 20 < started.elapsed(),
        "{detect_only:?} vs {:?}",
        started.elapsed()
    );
}

#[test]
fn unsupported_formats_get_their_mime_type_with_detection_only() {
    let document = common::extract_bytes(detection_only(), "a.pdf", b"%PDF-1.7\n...");
    assert_eq!(document.mime_type.as_deref(), Some("application/pdf"));
    assert_eq!(document.error, None);
}

#[test]
fn requesting_content_runs_extraction() {
    let config = ExtractionConfig {
        columns: vec![Column::Path, Column::Content],
        ..ExtractionConfig::default()
    };
    let document = common::extract_bytes(config, "a.json", b"{\"k\": \"v\"}");
    assert_eq!(document.content.as_deref(), Some("k: v\n"));
    assert_eq!(document.languages, None, "languages were not requested");
}
