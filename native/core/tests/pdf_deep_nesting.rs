//! Hazard: arrays and dictionaries nested absurdly deep, in an object or in a content stream.
//! The parser's depth limit ends them; nothing recurses past the stack.

mod common;

use common::pdf::{page_contents, PdfBuilder};
use vellum_core::ExtractionConfig;

const DEPTH: usize = 200_000;

#[test]
fn an_array_nested_two_hundred_thousand_deep_in_the_catalog_is_survived() {
    let mut pdf = PdfBuilder::default();
    let deep = format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    pdf.object(format!("<< /Type /Catalog /Pages 2 0 R /Deep {deep} >>").as_bytes());
    pdf.object(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.object(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>");
    let document = common::extract_bytes(ExtractionConfig::default(), "deep.pdf", &pdf.build());
    if let Some(error) = document.error {
        assert!(error.message.starts_with("deep.pdf: "), "{}", error.message);
        assert_ne!(error.kind, vellum_core::ErrorKind::Internal);
    }
}

#[test]
fn dictionaries_nested_two_hundred_thousand_deep_in_a_page_are_survived() {
    let mut pdf = PdfBuilder::default();
    let deep = format!("{}{}", "<< /A ".repeat(DEPTH), ">>".repeat(DEPTH));
    pdf.object(b"<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.object(format!("<< /Type /Page /Parent 2 0 R /X {deep} >>").as_bytes());
    let document = common::extract_bytes(ExtractionConfig::default(), "deep.pdf", &pdf.build());
    if let Some(error) = document.error {
        assert_ne!(error.kind, vellum_core::ErrorKind::Internal);
    }
}

#[test]
fn a_content_stream_of_deeply_nested_operands_is_decoded_without_recursion() {
    let content = format!("{}{} Tj", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let bytes = PdfBuilder::one_page(content.as_bytes()).build();
    let pages = page_contents(&bytes, &ExtractionConfig::default()).unwrap();
    assert_eq!(pages[0].len(), content.len());
}
