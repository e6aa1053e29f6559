//! PDF. The object layer: opening with passwords under Vellum's bounds, the page tree, stream
//! filters, and metadata from the Info dictionary and XMP. The text engine on top of it: fonts
//! and their Unicode mappings (`fonts`), the content-stream interpreter (`content`), and page
//! layout (`layout`). `content` has the pages joined by a form feed, then, after one more, the
//! form fields, the outline and the embedded files' text when the document has them.

mod attachments;
pub mod content;
pub mod document;
pub mod filters;
pub mod fonts;
mod guard;
mod images;
mod interactive;
pub mod layout;
mod metadata;
pub mod strings;
mod text;
mod xmp;

pub use document::PdfDocument;
pub use filters::Budget;

use super::Extracted;
use crate::document::ExtractionError;
use crate::limits::Context;

/// Extracts a PDF.
pub fn extract(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let document = PdfDocument::open(bytes, &ctx.config.pdf_passwords, ctx)?;
    let budget = Budget::for_document(ctx);
    let mut metadata = metadata::read(&document, ctx, &budget);
    ctx.deadline.check(ctx.path)?;
    if !ctx.config.needs_text() {
        return Ok(Extracted {
            metadata,
            pages: vec![String::new(); document.page_count()],
            ..Extracted::default()
        });
    }
    let text = text::extract(&document, &mut metadata, ctx, &budget)?;
    let mut content = text.pages.join("\u{c}");
    if !text.document.is_empty() {
        content.push('\u{c}');
        content.push_str(&text.document);
    }
    Ok(Extracted {
        content,
        metadata,
        tables: text.tables,
        pages: text.pages,
    })
}
