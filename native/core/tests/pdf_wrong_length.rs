//! Hazard: a stream whose `/Length` is wrong (too short, too long, or an indirect reference to
//! nothing). The reader finds `endstream` instead of trusting the number.

mod common;

use common::pdf::{page_contents, replace, PdfBuilder};
use vellum_core::ExtractionConfig;

const CONTENT: &[u8] = b"BT /F1 12 Tf 72 700 Td (Hello, wrong length) Tj ET";

fn with_length(length: &[u8]) -> Vec<u8> {
    let bytes = PdfBuilder::one_page(CONTENT).build();
    replace(
        &bytes,
        format!("/Length {}", CONTENT.len()).as_bytes(),
        length,
    )
}

#[test]
fn a_length_too_short_still_gives_the_whole_stream() {
    let pages = page_contents(&with_length(b"/Length 10"), &ExtractionConfig::default()).unwrap();
    let text = String::from_utf8_lossy(&pages[0]);
    assert!(text.contains("(Hello, wrong length) Tj ET"), "{text}");
}

#[test]
fn a_length_past_the_end_of_the_file_still_gives_the_stream() {
    let pages = page_contents(
        &with_length(b"/Length 999999"),
        &ExtractionConfig::default(),
    )
    .unwrap();
    let text = String::from_utf8_lossy(&pages[0]);
    assert!(text.contains("(Hello, wrong length) Tj"), "{text}");
}

#[test]
fn a_length_that_refers_to_a_missing_object_still_gives_the_stream() {
    let pages = page_contents(
        &with_length(b"/Length 99 0 R"),
        &ExtractionConfig::default(),
    )
    .unwrap();
    let text = String::from_utf8_lossy(&pages[0]);
    assert!(text.contains("(Hello, wrong length) Tj"), "{text}");
}
