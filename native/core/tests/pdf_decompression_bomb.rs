//! Hazard: a decompression bomb: a few kilobytes of Flate that inflate to gigabytes, in a page's
//! content stream or in an object stream the object layer would inflate by itself. Either is
//! refused with a `limit` error, fast and without allocating the inflated size.

mod common;

use common::pdf::{deflate, page_contents, PdfBuilder};
use vellum_core::{ErrorKind, ExtractionConfig};

const INFLATED: usize = 64 * 1024 * 1024;

fn small_limit() -> ExtractionConfig {
    ExtractionConfig {
        max_decompressed_size: 16 * 1024 * 1024,
        ..ExtractionConfig::default()
    }
}

#[test]
fn a_content_stream_bomb_is_a_limit_error() {
    let bomb = deflate(&vec![b' '; INFLATED]);
    assert!(bomb.len() < INFLATED / 500);
    let mut builder = PdfBuilder::one_page(&bomb);
    builder.objects[3] =
        common::pdf::replace(&builder.objects[3], b"<<", b"<< /Filter /FlateDecode");
    let started = std::time::Instant::now();
    let error = page_contents(&builder.build(), &small_limit()).expect_err("a limit error");
    assert_eq!(error.kind, ErrorKind::Limit);
    assert!(
        error.message.contains("decompression bomb"),
        "{}",
        error.message
    );
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn a_bomb_in_an_object_stream_is_refused_before_the_object_layer_inflates_it() {
    let bomb = deflate(&vec![b' '; INFLATED]);
    let mut builder = PdfBuilder::one_page(b"");
    builder.stream(b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &bomb);
    let document = common::extract_bytes(small_limit(), "bomb.pdf", &builder.build());
    let error = document.error.expect("an error row");
    assert_eq!(error.kind, ErrorKind::Limit);
    assert!(
        error.message.starts_with("bomb.pdf: an object stream"),
        "{}",
        error.message
    );
}

#[test]
fn many_streams_under_the_stream_limit_still_meet_the_document_limit() {
    let chunk = deflate(&vec![b' '; 6 * 1024 * 1024]);
    let mut builder = PdfBuilder::default();
    builder.object(b"<< /Type /Catalog /Pages 2 0 R >>");
    builder.object(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    builder.object(b"<< /Type /Page /Parent 2 0 R /Contents [4 0 R 4 0 R 4 0 R 4 0 R] >>");
    builder.stream(b"/Filter /FlateDecode", &chunk);
    let error = page_contents(&builder.build(), &small_limit()).expect_err("a limit error");
    assert_eq!(error.kind, ErrorKind::Limit);
    assert!(
        error.message.contains("the whole document"),
        "{}",
        error.message
    );
}
