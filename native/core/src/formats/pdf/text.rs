//! A PDF's text, page by page: each page's content is interpreted (see `content`), laid out
//! (see `layout`) and written as plain text or Markdown, followed by its annotations' text;
//! fonts and forms are loaded once per document. The form fields, the outline and the embedded
//! files follow the pages (see `interactive` and `attachments`). Counts of glyphs that map to no text, or only to their code, go to
//! `metadata.extra`, so a document whose fonts hide their text says so.

use super::attachments;
use super::content::{interpret_page, Collect, GlyphStats};
use super::document::PdfDocument;
use super::filters::Budget;
use super::fonts::FontCache;
use super::interactive;
use super::layout;
use crate::config::OutputFormat;
use crate::document::{ExtractionError, Metadata};
use crate::limits::Context;

/// A document's text.
#[derive(Debug, Default)]
pub struct PdfText {
    /// Every page's text, in page order.
    pub pages: Vec<String>,
    /// The form fields, then the outline: text of the whole document, not of a page.
    pub document: String,
}

/// The text of every page, in page order, and of the document's form and outline.
pub fn extract(
    document: &PdfDocument,
    metadata: &mut Metadata,
    ctx: &Context<'_>,
    budget: &Budget,
) -> Result<PdfText, ExtractionError> {
    let mut fonts = FontCache::default();
    let mut forms = super::content::FormCache::default();
    let collect = Collect {
        images: false,
        rulings: false,
    };
    let markdown = ctx.config.output_format == OutputFormat::Markdown;
    let mut stats = GlyphStats::default();
    let mut pages = Vec::with_capacity(document.page_count());
    let mut total = 0usize;
    for (index, page) in document.pdf().pages().iter().enumerate() {
        ctx.deadline.check(ctx.path)?;
        let content = document.page_content(index, ctx, budget)?;
        let page_content =
            interpret_page(page, &content, &mut fonts, &mut forms, collect, ctx, budget)?;
        stats.add(&page_content.stats);
        let blocks = layout::lay_out(&page_content);
        let mut text = if markdown {
            layout::markdown(&blocks, &page_content)
        } else {
            layout::plain(&blocks)
        };
        let notes = interactive::annotations(page, ctx)?;
        if !notes.is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&notes);
        }
        total += text.len();
        ctx.limits.check_output(ctx.path, total)?;
        pages.push(text);
    }
    record(&stats, metadata);
    let fields = interactive::form_fields(document, ctx, budget)?;
    let outline = interactive::outline(document, ctx)?;
    let (embedded, names) = attachments::extract(document, ctx, budget)?;
    if !names.is_empty() {
        metadata
            .extra
            .insert("attachments".to_owned(), names.join("\n"));
    }
    let document_text = [fields, outline, embedded]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    ctx.limits
        .check_output(ctx.path, total + document_text.len())?;
    Ok(PdfText {
        pages,
        document: document_text,
    })
}

fn record(stats: &GlyphStats, metadata: &mut Metadata) {
    let extra = &mut metadata.extra;
    if stats.unmapped > 0 {
        extra.insert("unmapped_glyphs".to_owned(), stats.unmapped.to_string());
    }
    if stats.by_code > 0 {
        extra.insert("glyphs_read_as_codes".to_owned(), stats.by_code.to_string());
    }
    if stats.replaced > 0 {
        extra.insert(
            "glyphs_replaced_by_actual_text".to_owned(),
            stats.replaced.to_string(),
        );
    }
}
