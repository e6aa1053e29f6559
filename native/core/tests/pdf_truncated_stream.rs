//! Hazard: a content stream cut short (a truncated download, a damaged file). The Flate decoder
//! keeps what the stream still holds; a file cut inside a stream still opens.

mod common;

use common::pdf::{deflate, page_contents, PdfBuilder};
use vellum_core::ExtractionConfig;

fn content() -> Vec<u8> {
    (0..2_000)
        .map(|i| format!("BT /F1 12 Tf 72 {i} Td (line {i}) Tj ET\n"))
        .collect::<String>()
        .into_bytes()
}

#[test]
fn a_truncated_flate_stream_gives_the_text_before_the_cut() {
    let compressed = deflate(&content());
    let half = &compressed[..compressed.len() / 2];
    let bytes = PdfBuilder::one_page(half).build();
    let bytes = common::pdf::replace(&bytes, b"/Length", b"/Filter /FlateDecode /Length");
    let pages = page_contents(&bytes, &ExtractionConfig::default()).expect("opens");
    let page = &pages[0];
    assert!(page.len() > 1_000, "only {} bytes recovered", page.len());
    assert!(
        content().starts_with(page),
        "the recovered bytes are a prefix of the content"
    );
}

#[test]
fn a_file_cut_inside_a_stream_still_opens() {
    let compressed = deflate(&content());
    let mut builder = PdfBuilder::one_page(&compressed);
    builder.objects[3] =
        common::pdf::replace(&builder.objects[3], b"<<", b"<< /Filter /FlateDecode");
    let bytes = builder.build();
    let cut = common::pdf::find(&bytes, b"stream\n") + 7 + compressed.len() / 3;
    let document = common::extract_bytes(ExtractionConfig::default(), "cut.pdf", &bytes[..cut]);
    assert_eq!(document.error, None);
    assert_eq!(document.metadata.unwrap().page_count, Some(1));
    let pages = page_contents(&bytes[..cut], &ExtractionConfig::default()).expect("opens");
    assert!(content().starts_with(&pages[0]));
}
