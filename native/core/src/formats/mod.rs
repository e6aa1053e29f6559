//! The format extractors, one module per format family, and what they all return.

pub mod archive;
pub mod calendar;
pub mod csv;
pub mod embedded;
pub mod epub;
pub mod html;
pub mod image;
pub mod json;
pub mod legacy_office;
pub mod markdown;
pub mod metafile;
pub mod odf;
pub mod ooxml;
pub mod pdf;
pub mod rtf;
pub mod spreadsheet;
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
        "image/png" | "image/jpeg" | "image/tiff" | "image/bmp" | "image/gif" | "image/webp" => {
            Format::Image
        }
        "application/rtf" => Format::Rtf,
        "application/epub+zip" => Format::Epub,
        "application/zip" => Format::Archive,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/vnd.ms-word.document.macroEnabled.12"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.template"
        | "application/vnd.ms-word.template.macroEnabled.12" => Format::Word,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        | "application/vnd.ms-powerpoint.presentation.macroEnabled.12"
        | "application/vnd.openxmlformats-officedocument.presentationml.slideshow"
        | "application/vnd.ms-powerpoint.slideshow.macroEnabled.12"
        | "application/vnd.openxmlformats-officedocument.presentationml.template" => {
            Format::Presentation
        }
        "application/x-tika-ooxml-protected" => Format::EncryptedOoxml,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/vnd.ms-excel.sheet.macroEnabled.12"
        | "application/vnd.ms-excel.sheet.binary.macroEnabled.12"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.template"
        | "application/vnd.ms-excel.template.macroEnabled.12" => Format::Spreadsheet,
        "application/vnd.oasis.opendocument.text"
        | "application/vnd.oasis.opendocument.spreadsheet"
        | "application/vnd.oasis.opendocument.presentation"
        | "application/vnd.oasis.opendocument.graphics" => Format::OpenDocument,
        "application/msword"
        | "application/vnd.ms-powerpoint"
        | "application/vnd.ms-excel"
        | "application/x-tika-msoffice" => Format::LegacyOffice,
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
        Format::Image => image::extract(bytes, mime_type, ctx)?,
        Format::Pdf => pdf::extract(bytes, ctx)?,
        Format::Rtf => rtf::extract(bytes, ctx)?,
        Format::Word => ooxml::extract(bytes, ooxml::Kind::Word, ctx)?,
        Format::Presentation => ooxml::extract(bytes, ooxml::Kind::Presentation, ctx)?,
        Format::EncryptedOoxml => ooxml::extract_encrypted(bytes, ctx)?,
        Format::Epub => epub::extract(bytes, ctx)?,
        Format::Archive => archive::extract(bytes, ctx)?,
        Format::Spreadsheet => spreadsheet::extract_ooxml(bytes, ctx)?,
        Format::OpenDocument => odf::extract(bytes, ctx)?,
        Format::FlatOpenDocument => odf::extract_flat(bytes, ctx)?,
        Format::LegacyOffice => legacy_office::extract(bytes, mime_type, ctx)?,
        Format::Unsupported => {
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
