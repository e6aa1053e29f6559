//! Hazard: bytes before `%PDF-` (a mail header, a BOM, a web server's junk) and after `%%EOF`
//! (padding, a second file, zeros). The document opens as if they were not there.

mod common;

use common::pdf::PdfBuilder;
use vellum_core::ExtractionConfig;

fn two_pages() -> Vec<u8> {
    let mut pdf = PdfBuilder::default();
    pdf.object(b"<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object(b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>");
    pdf.object(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>");
    pdf.object(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>");
    pdf.build()
}

fn page_count(bytes: &[u8]) -> Option<i32> {
    let document = common::extract_bytes(ExtractionConfig::default(), "garbage.pdf", bytes);
    assert_eq!(document.error, None);
    assert_eq!(document.mime_type.as_deref(), Some("application/pdf"));
    document.metadata.unwrap().page_count
}

#[test]
fn junk_before_the_header_is_skipped() {
    let mut bytes = b"Content-Type: application/pdf\r\n\r\n".repeat(20);
    bytes.extend(two_pages());
    assert_eq!(page_count(&bytes), Some(2));
}

#[test]
fn junk_after_the_end_of_file_marker_is_ignored() {
    let mut bytes = two_pages();
    bytes.extend(vec![0u8; 4096]);
    bytes.extend(b"<html>trailing junk</html>\n".repeat(10));
    assert_eq!(page_count(&bytes), Some(2));
}

#[test]
fn junk_on_both_sides_at_once_is_survived() {
    let mut bytes = b"\xEF\xBB\xBF garbage \x00\x01\x02\n".to_vec();
    bytes.extend(two_pages());
    bytes.extend(b"%%EOF\n%%EOF\ngarbage");
    assert_eq!(page_count(&bytes), Some(2));
}
