//! Hazard: a wrong or missing cross-reference table. The object layer rebuilds it by scanning
//! the file for `N G obj`, so the document still opens with the right page count.

mod common;

use common::pdf::{find, rfind, PdfBuilder};
use vellum_core::{ExtractionConfig, Metadata};

fn metadata_of(bytes: &[u8]) -> Metadata {
    let document = common::extract_bytes(ExtractionConfig::default(), "broken.pdf", bytes);
    assert_eq!(document.error, None);
    document.metadata.expect("metadata")
}

fn two_pages() -> Vec<u8> {
    let mut pdf = PdfBuilder::default();
    pdf.object(b"<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object(b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>");
    pdf.object(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>");
    pdf.object(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>");
    pdf.build()
}

#[test]
fn a_sound_file_opens_with_its_page_count() {
    assert_eq!(metadata_of(&two_pages()).page_count, Some(2));
}

#[test]
fn offsets_that_point_to_the_wrong_place_are_repaired_by_scanning() {
    let bytes = two_pages();
    let xref = find(&bytes, b"xref\n");
    let mut damaged = bytes[..xref].to_vec();
    let table = String::from_utf8(bytes[xref..].to_vec()).unwrap();
    for line in table.split_inclusive('\n') {
        match line.strip_suffix(" 00000 n \n") {
            // Every in-use entry points 7 bytes too far.
            Some(offset) => {
                let shifted = offset.parse::<usize>().unwrap() + 7;
                damaged.extend_from_slice(format!("{shifted:010} 00000 n \n").as_bytes());
            }
            None => damaged.extend_from_slice(line.as_bytes()),
        }
    }
    assert_eq!(metadata_of(&damaged).page_count, Some(2));
}

#[test]
fn a_file_without_startxref_or_table_is_repaired_by_scanning() {
    let bytes = two_pages();
    let xref = find(&bytes, b"xref\n");
    let mut damaged = bytes[..xref].to_vec();
    damaged.extend_from_slice(b"trailer\n<< /Root 1 0 R >>\n%%EOF\n");
    assert_eq!(metadata_of(&damaged).page_count, Some(2));
    let body_only = &bytes[..xref];
    assert_eq!(metadata_of(body_only).page_count, Some(2));
}

#[test]
fn a_startxref_past_the_end_of_the_file_is_repaired_by_scanning() {
    let bytes = two_pages();
    let at = rfind(&bytes, b"startxref\n") + b"startxref\n".len();
    let end = at + find(&bytes[at..], b"\n");
    let mut damaged = bytes[..at].to_vec();
    damaged.extend_from_slice(b"99999999");
    damaged.extend_from_slice(&bytes[end..]);
    assert_eq!(metadata_of(&damaged).page_count, Some(2));
}

#[test]
fn a_file_cut_in_the_middle_still_gives_the_pages_it_holds() {
    let bytes = two_pages();
    let cut = find(&bytes, b"4 0 obj");
    let document = common::extract_bytes(ExtractionConfig::default(), "cut.pdf", &bytes[..cut]);
    // The page tree names two pages but only one page object survives.
    if let Some(error) = document.error {
        assert!(error.message.starts_with("cut.pdf: "), "{}", error.message);
    } else {
        let pages = document.metadata.unwrap().page_count.unwrap();
        assert!((1..=2).contains(&pages), "{pages} pages");
    }
}

#[test]
fn bytes_that_are_no_pdf_at_all_are_a_parse_error_naming_the_file() {
    let document = common::extract_bytes(
        ExtractionConfig::default(),
        "x/fake.pdf",
        b"%PDF-1.4\nthis is not a PDF body at all\n%%EOF\n",
    );
    let error = document.error.expect("an error row");
    assert_eq!(error.kind, vellum_core::ErrorKind::Parse);
    assert!(
        error.message.starts_with("x/fake.pdf: not a readable PDF"),
        "{}",
        error.message
    );
}
