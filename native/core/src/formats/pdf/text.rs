//! A PDF's text, page by page: each page's content is interpreted (see `content`), laid out
//! (see `layout`) and written as plain text or Markdown, followed by its annotations' text;
//! fonts and forms are loaded once per document. The form fields, the outline and the embedded
//! files follow the pages (see `interactive` and `attachments`). A page without a usable text
//! layer (a scan) is OCRed from its images with `ocr=auto`, every page with `ocr=force`. Counts
//! of glyphs that map to no text, or only to their code, go to `metadata.extra`, so a document
//! whose fonts hide their text says so; so do the pages OCRed and their confidences.

use super::attachments;
use super::content::{interpret_page, Collect, GlyphStats};
use super::document::PdfDocument;
use super::filters::Budget;
use super::fonts::FontCache;
use super::images;
use super::interactive;
use super::layout;
use crate::config::{OcrMode, OutputFormat};
use crate::document::{ExtractionError, Metadata, Table};
use crate::limits::Context;
use crate::ocr::{self, OcrPage, PageSize};

/// A document's text.
#[derive(Debug, Default)]
pub struct PdfText {
    /// Every page's text, in page order.
    pub pages: Vec<String>,
    /// The form fields, then the outline: text of the whole document, not of a page.
    pub document: String,
    /// With `extractTables`: every page's tables.
    pub tables: Vec<Table>,
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
    let ocr_mode = ctx.config.ocr;
    let collect = Collect {
        images: ocr_mode != OcrMode::Off,
        rulings: ctx.config.extract_tables,
    };
    let mut ocred: Vec<(usize, OcrPage)> = Vec::new();
    let mut unreadable_scans: Vec<String> = Vec::new();
    let mut tables = Vec::new();
    let markdown = ctx.config.output_format == OutputFormat::Markdown;
    let mut stats = GlyphStats::default();
    let mut pages = Vec::with_capacity(document.page_count());
    let mut total = 0usize;
    let mut cells = 0usize;
    for (index, page) in document.pdf().pages().iter().enumerate() {
        ctx.deadline.check(ctx.path)?;
        let content = document.page_content(index, ctx, budget)?;
        let page_content =
            interpret_page(page, &content, &mut fonts, &mut forms, collect, ctx, budget)?;
        stats.add(&page_content.stats);
        let blocks = layout::lay_out(&page_content);
        if ctx.config.extract_tables {
            let lines: Vec<layout::Line> = blocks.iter().flat_map(|b| b.lines.clone()).collect();
            let number = i32::try_from(index + 1).ok();
            for table in layout::tables::tables(&page_content, &lines) {
                cells += table.cells.iter().map(Vec::len).sum::<usize>();
                ctx.limits.check_cells(ctx.path, cells)?;
                tables.push(Table {
                    page: number,
                    markdown: crate::formats::table::to_markdown(&table.cells),
                    cells: table.cells,
                });
            }
        }
        let mut text = if markdown {
            layout::markdown(&blocks, &page_content)
        } else {
            layout::plain(&blocks)
        };
        let size = PageSize {
            width: page_content.page_width,
            height: page_content.page_height,
            rotate: page_content.rotate,
        };
        if ocr_mode != OcrMode::Off
            && !page_content.images.is_empty()
            && ocr::page_needs_ocr(ocr_mode, &text, size)
        {
            let images = images::decode(&page_content.images, &page_content.to_page, ctx, budget)?;
            if images.placed.is_empty() {
                unreadable_scans.push((index + 1).to_string());
            } else {
                let recognized = ocr::recognize_page(&images.placed, size, ctx)?;
                // A page whose text layer is unusable reads as its OCR text; with ocr=force, a
                // page that has text keeps it and gets its images' text after it.
                let keep_layer = ocr_mode == OcrMode::Force && !text.trim().is_empty();
                if keep_layer && !recognized.text.is_empty() {
                    text.push('\n');
                    text.push_str(&recognized.text);
                } else if !recognized.text.is_empty() {
                    text = recognized.text.clone();
                }
                ocred.push((index + 1, recognized));
            }
        }
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
    let pages_ocred: Vec<(usize, &OcrPage)> = ocred.iter().map(|(n, p)| (*n, p)).collect();
    ocr::record_ocr_metadata(&mut metadata.extra, &pages_ocred, &ctx.config.ocr_language);
    if !unreadable_scans.is_empty() {
        // Pages that needed OCR but whose images could not be decoded (an image codec or
        // colour space Vellum does not read, or images too large for OCR).
        metadata.extra.insert(
            "ocr_unsupported_pages".to_owned(),
            unreadable_scans.join(","),
        );
    }
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
        tables,
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
