//! PDF. The object layer (this part): opening with passwords under Vellum's bounds, the page
//! tree, stream filters, and metadata from the Info dictionary and XMP. Text comes from the
//! content-stream interpreter (PDF engine part 2); until it lands a PDF row carries its
//! metadata, page count and one empty entry per page.

pub mod document;
pub mod filters;
mod guard;
mod metadata;
pub mod strings;
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
    let metadata = metadata::read(&document, ctx, &budget);
    ctx.deadline.check(ctx.path)?;
    let pages = vec![String::new(); document.page_count()];
    Ok(Extracted {
        content: String::new(),
        metadata,
        tables: Vec::new(),
        pages,
    })
}
