//! OpenDocument (OpenDocument 1.3): text documents (ODT), presentations (ODP), drawings (ODG)
//! and spreadsheets (ODS, through `formats::spreadsheet`), zipped or flat (FODT, FODP, FODS: one
//! XML document holding the same elements). `meta.xml` (or the flat document's `office:meta`)
//! fills the metadata; the body is read by `body`.

mod body;
pub mod meta;
mod styles;

use crate::container::{XmlEvent, XmlReader, ZipContainer};
use crate::document::{ErrorKind, ExtractionError};
use crate::formats::spreadsheet;
use crate::formats::Extracted;
use crate::limits::Context;

pub const OFFICE: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:office:1.0";
pub const TEXT: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:text:1.0";
pub const TABLE: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:table:1.0";
pub const DRAW: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
pub const PRESENTATION: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:presentation:1.0";
pub const STYLE: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:style:1.0";
pub const FO: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
pub const META: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
pub const DC: &[u8] = b"http://purl.org/dc/elements/1.1/";

/// The kind of body a document has (the first child of `office:body`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Text,
    Spreadsheet,
    Presentation,
    Drawing,
}

/// The body kind of a content part or flat document; `None` when it has no known body.
fn body_kind(
    bytes: &[u8],
    part: &str,
    ctx: &Context<'_>,
) -> Result<Option<BodyKind>, ExtractionError> {
    let text = crate::container::xml::decode(bytes);
    let mut reader = XmlReader::new(&text, part, ctx);
    let mut in_body = false;
    while let Some(event) = reader.next()? {
        match event {
            XmlEvent::Start(element) if element.is(OFFICE, b"body") => in_body = true,
            XmlEvent::Start(element) if in_body && element.ns == OFFICE => {
                return Ok(match element.local() {
                    b"text" => Some(BodyKind::Text),
                    b"spreadsheet" => Some(BodyKind::Spreadsheet),
                    b"presentation" => Some(BodyKind::Presentation),
                    b"drawing" => Some(BodyKind::Drawing),
                    _ => None,
                });
            }
            XmlEvent::Start(element) if !in_body && element.is(OFFICE, b"automatic-styles") => {
                reader.skip_element()?;
            }
            _ => {}
        }
    }
    Ok(None)
}

/// Fails with an `encrypted` error when the package's manifest says its parts are encrypted
/// (OpenDocument 1.3 Part 2, 4.8: `manifest:encryption-data`).
pub fn check_not_encrypted(
    zip: &ZipContainer<'_>,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    let Some(manifest) = zip.read("META-INF/manifest.xml")? else {
        return Ok(());
    };
    let needle = b"encryption-data";
    if manifest.windows(needle.len()).any(|w| w == needle) {
        return Err(ExtractionError::new(
            ErrorKind::Encrypted,
            format!(
                "{}: the OpenDocument package is encrypted with a password; its text cannot \
                 be read",
                ctx.path
            ),
        ));
    }
    Ok(())
}

/// Extracts a zipped OpenDocument file.
pub fn extract(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let zip = ZipContainer::open(bytes, ctx)?;
    check_not_encrypted(&zip, ctx)?;
    let content = zip
        .read("content.xml")?
        .ok_or_else(|| ctx.parse_error("the OpenDocument package has no content.xml part"))?;
    let kind = body_kind(&content, "content.xml", ctx)?;
    let mut metadata = crate::document::Metadata::default();
    if let Some(meta_bytes) = zip.read("meta.xml")? {
        meta::read(&meta_bytes, &mut metadata, ctx)?;
    }
    extract_body(kind, &content, "content.xml", metadata, ctx)
}

/// Extracts a flat OpenDocument file (one XML document).
pub fn extract_flat(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let kind = body_kind(bytes, "flat document", ctx)?;
    let mut metadata = crate::document::Metadata::default();
    meta::read(bytes, &mut metadata, ctx)?;
    extract_body(kind, bytes, "flat document", metadata, ctx)
}

fn extract_body(
    kind: Option<BodyKind>,
    content: &[u8],
    part: &str,
    metadata: crate::document::Metadata,
    ctx: &Context<'_>,
) -> Result<Extracted, ExtractionError> {
    match kind {
        Some(BodyKind::Spreadsheet) => {
            let workbook = spreadsheet::Workbook {
                sheets: spreadsheet::ods::read_sheets(content, part, ctx)?,
                metadata,
            };
            spreadsheet::finish(workbook, ctx)
        }
        Some(kind) => {
            let mut extracted = body::read(content, part, kind, ctx)?;
            let page_count = extracted.metadata.page_count;
            extracted.metadata = metadata;
            if kind != BodyKind::Text {
                extracted.metadata.page_count = page_count;
            }
            Ok(extracted)
        }
        None => Ok(Extracted {
            metadata,
            ..Extracted::default()
        }),
    }
}
