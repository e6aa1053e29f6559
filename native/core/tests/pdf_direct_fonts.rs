//! Hazard: font dictionaries written directly into a page's `/Font` resources, several in one
//! page object (as pdfjs' bug946506.pdf and issue7403.pdf have them). They have no object number
//! of their own, so each must still be told apart from the others.

mod common;

use common::pdf::PdfBuilder;
use vellum_core::ExtractionConfig;

#[test]
fn direct_fonts_in_one_resource_dictionary_each_keep_their_own_encoding() {
    let mut pdf = PdfBuilder::default();
    pdf.object(b"<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.object(
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources \
          << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica \
          /Encoding /WinAnsiEncoding >> /F2 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica \
          /Encoding << /Differences [65 /B] >> >> >> >> >>",
    );
    pdf.stream(
        b"",
        b"BT /F1 12 Tf 72 700 Td (AAA) Tj /F2 12 Tf 0 -40 Td (AAA) Tj ET",
    );
    let document = common::extract_bytes(ExtractionConfig::default(), "fonts.pdf", &pdf.build());
    let content = document.content.expect("text");
    let lines: Vec<&str> = content.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines, ["AAA", "BBB"]);
}
