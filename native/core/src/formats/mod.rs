//! The format extractors, one module per format family, and what they all return.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod table;
pub mod xml;

use crate::detect::Format;
use crate::document::{ErrorKind, ExtractionError, Metadata, Table};
use crate::limits::Context;

/// What an extractor produces for one document.
#[derive(Debug, Default)]
pub struct Extracted {
    /// Plain text or Markdown, as the configuration asks.
    pub content: String,
    pub metadata: Metadata,
    /// Filled only with `extractTables`.
    pub tables: Vec<Table>,
    /// One entry per page, slide or sheet, for formats that have them (numbered from 1 in
    /// order). Empty means the whole `content` is one page.
    pub pages: Vec<String>,
}

impl Extracted {
    pub fn with_encoding(content: String, encoding: &'static str) -> Self {
        let mut extracted = Extracted {
            content,
            ..Extracted::default()
        };
        extracted.set_encoding(encoding);
        extracted
    }

    pub fn set_encoding(&mut self, encoding: &'static str) {
        self.metadata
            .extra
            .insert("encoding".to_owned(), encoding.to_owned());
    }
}

/// The extractor for a binary format detected by its magic bytes (see `detect`). Every binary
/// MIME type that has an extractor is routed here, in one place.
pub fn binary_format(mime_type: &str) -> Format {
    match mime_type {
        "application/pdf" => Format::Pdf,
        _ => Format::Unsupported,
    }
}

/// Runs the extractor for `format` on `bytes`.
pub fn extract(
    format: Format,
    mime_type: &str,
    bytes: &[u8],
    ctx: &Context<'_>,
) -> Result<Extracted, ExtractionError> {
    let extracted = match format {
        Format::Text => {
            let (content, encoding) = crate::text::extract(bytes);
            Extracted::with_encoding(content, encoding)
        }
        Format::Markdown => markdown::extract(bytes, ctx)?,
        Format::Csv(delimiter) => csv::extract(bytes, delimiter, ctx)?,
        Format::Json => json::extract(bytes, ctx)?,
        Format::Ndjson => json::extract_lines(bytes, ctx)?,
        Format::Xml => xml::extract(bytes, ctx)?,
        Format::Html => html::extract(bytes, ctx)?,
        Format::Pdf | Format::Unsupported => {
            return Err(ExtractionError::new(
                ErrorKind::Unsupported,
                format!(
                    "{}: no extractor for {mime_type} in this version; the file is listed with \
                     its MIME type only",
                    ctx.path
                ),
            ))
        }
    };
    ctx.limits.check_output(ctx.path, extracted.content.len())?;
    Ok(extracted)
}
