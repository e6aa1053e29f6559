//! Prints the glyphs the PDF interpreter records on each page (text, reading-frame position,
//! size, direction, font, flags) and the fonts, for looking into a document's layout:
//! `cargo run --release --example pdf_glyphs -- FILE [PAGE]` (PAGE is 1-based; all pages
//! without it).

use vellum_core::formats::pdf::content::{interpret_page, Collect, FormCache};
use vellum_core::formats::pdf::fonts::FontCache;
use vellum_core::formats::pdf::{Budget, PdfDocument};
use vellum_core::limits::Context;
use vellum_core::ExtractionConfig;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a PDF file");
    let only: Option<usize> = args.next().map(|p| p.parse().expect("a page number"));
    let bytes = std::fs::read(&path).expect("a readable file");
    let config = ExtractionConfig::default();
    let ctx = Context::new(&path, &config);
    let document = PdfDocument::open(&bytes, &[], &ctx).expect("an openable PDF");
    let budget = Budget::for_document(&ctx);
    let mut fonts = FontCache::default();
    let mut forms = FormCache::default();
    for (index, page) in document.pdf().pages().iter().enumerate() {
        if only.is_some_and(|p| p != index + 1) {
            continue;
        }
        let content = document
            .page_content(index, &ctx, &budget)
            .expect("content");
        let collect = Collect {
            images: true,
            rulings: true,
        };
        let page_content = interpret_page(
            page, &content, &mut fonts, &mut forms, collect, &ctx, &budget,
        )
        .expect("interpretable");
        println!(
            "== page {} ({} x {} pt): {} glyphs, {} images, {} rulings, {:?}",
            index + 1,
            page_content.width,
            page_content.height,
            page_content.glyphs.len(),
            page_content.images.len(),
            page_content.rulings.len(),
            page_content.stats
        );
        for (i, font) in page_content.fonts.iter().enumerate() {
            println!("font {i}: {font:?}");
        }
        for glyph in &page_content.glyphs {
            let text = &page_content.text[glyph.start as usize..(glyph.start + glyph.len) as usize];
            println!(
                "{:?}\tu {:.2}..{:.2}\tv {:.2}\tsize {:.2}\tspace {:.2}\tdir {}\tfont {}\tflags {}",
                text,
                glyph.u0,
                glyph.u1,
                glyph.v,
                glyph.size,
                glyph.space,
                glyph.dir,
                glyph.font,
                glyph.flags
            );
        }
    }
}
