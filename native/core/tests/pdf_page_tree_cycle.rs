//! Hazard: a page tree that refers back to itself (a `Kids` entry naming an ancestor), or that
//! nests absurdly deep. The walk visits each node once and never recurses on the stack.

mod common;

use common::pdf::PdfBuilder;
use vellum_core::ExtractionConfig;

fn page_count(bytes: &[u8]) -> Option<i32> {
    let document = common::extract_bytes(ExtractionConfig::default(), "cycle.pdf", bytes);
    assert_eq!(document.error, None);
    document.metadata.unwrap().page_count
}

#[test]
fn a_kids_entry_naming_its_own_node_is_visited_once() {
    let mut pdf = PdfBuilder::default();
    pdf.object(b"<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object(b"<< /Type /Pages /Kids [3 0 R 2 0 R 4 0 R] /Count 2 >>");
    pdf.object(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>");
    pdf.object(b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 5 0 R] /Count 1 >>");
    pdf.object(b"<< /Type /Page /Parent 4 0 R >>");
    assert_eq!(page_count(&pdf.build()), Some(2));
}

#[test]
fn two_nodes_naming_each_other_end_the_walk() {
    let mut pdf = PdfBuilder::default();
    pdf.object(b"<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    pdf.object(b"<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 1 >>");
    pdf.object(b"<< /Type /Page /MediaBox [0 0 10 10] >>");
    assert_eq!(page_count(&pdf.build()), Some(1));
}

#[test]
fn a_page_tree_a_hundred_thousand_levels_deep_does_not_overflow_the_stack() {
    let depth = 100_000;
    let mut pdf = PdfBuilder::default();
    pdf.object(b"<< /Type /Catalog /Pages 2 0 R >>");
    for level in 0..depth {
        let kid = level + 3;
        pdf.object(format!("<< /Type /Pages /Kids [{kid} 0 R] /Count 1 >>").as_bytes());
    }
    pdf.object(b"<< /Type /Page /MediaBox [0 0 10 10] >>");
    assert_eq!(page_count(&pdf.build()), Some(1));
}

#[test]
fn inherited_attributes_reach_the_pages_below() {
    let mut pdf = PdfBuilder::default();
    pdf.object(b"<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object(b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 300 400] /Rotate 90 >>");
    pdf.object(b"<< /Type /Page /Parent 2 0 R >>");
    let bytes = pdf.build();
    let config = ExtractionConfig::default();
    let ctx = vellum_core::limits::Context::new("inherit.pdf", &config);
    let document = vellum_core::formats::pdf::PdfDocument::open(&bytes, &[], &ctx).unwrap();
    let page = &document.pdf().pages()[0];
    assert_eq!(page.base_dimensions(), (300.0, 400.0));
    assert!(matches!(
        page.rotation(),
        hayro_syntax::page::Rotation::Horizontal
    ));
}
