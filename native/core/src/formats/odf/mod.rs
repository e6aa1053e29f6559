//! OpenDocument (OpenDocument 1.3): text documents (ODT), presentations (ODP), drawings (ODG)
//! and spreadsheets (ODS, through `formats::spreadsheet`), zipped or flat (FODT, FODP, FODS: one
//! XML document holding the same elements). `meta.xml` (or the flat document's `office:meta`)
//! fills the metadata; the body is read by `body`, what master pages add by `masters`.
//! Embedded objects (`draw:object`, `draw:object-ole`: a chart, a table, another document, an
//! OLE object) are sub-documents of the package, read where they stand.

mod body;
mod masters;
pub mod meta;
mod styles;

use masters::MasterText;

use crate::container::{XmlEvent, XmlReader, ZipContainer};
use crate::document::{ErrorKind, ExtractionError};
use crate::formats::spreadsheet;
use crate::formats::Extracted;
use crate::limits::Context;

pub const OFFICE: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:office:1.0";
pub const TEXT: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:text:1.0";
pub const TABLE: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:table:1.0";
pub const DRAW: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
pub const CHART: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:chart:1.0";
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
    /// A chart, as embedded objects are: its titles and its data table.
    Chart,
}

/// The text of the embedded object an `xlink:href` names, when it can be read.
pub type ObjectText<'a> = dyn Fn(&str) -> Result<Option<String>, ExtractionError> + 'a;

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
                    b"chart" => Some(BodyKind::Chart),
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
    let masters = match zip.read("styles.xml") {
        Ok(Some(styles)) => read_masters(&styles, "styles.xml", ctx)?,
        Ok(None) => MasterText::default(),
        Err(e) if e.kind == ErrorKind::Parse => MasterText::default(),
        Err(e) => return Err(e),
    };
    let objects = |href: &str| object_text(&zip, href, ctx);
    let body = Body {
        content: &content,
        part: "content.xml",
        masters: &masters,
        objects: &objects,
    };
    extract_body(kind, body, metadata, ctx)
}

/// Extracts a flat OpenDocument file (one XML document). Its embedded objects are inline.
pub fn extract_flat(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let kind = body_kind(bytes, "flat document", ctx)?;
    let mut metadata = crate::document::Metadata::default();
    meta::read(bytes, &mut metadata, ctx)?;
    let masters = read_masters(bytes, "flat document", ctx)?;
    let body = Body {
        content: bytes,
        part: "flat document",
        masters: &masters,
        objects: &|_| Ok(None),
    };
    extract_body(kind, body, metadata, ctx)
}

/// The master pages of a styles part; a damaged one adds nothing.
fn read_masters(
    bytes: &[u8],
    part: &str,
    ctx: &Context<'_>,
) -> Result<MasterText, ExtractionError> {
    match masters::read(bytes, part, ctx) {
        Err(e) if e.kind == ErrorKind::Parse => Ok(MasterText::default()),
        other => other,
    }
}

/// The text of the object `href` names in the package: a sub-document (its `content.xml`), or
/// a file of its own (an OLE object). Objects inside objects are not followed.
fn object_text(
    zip: &ZipContainer<'_>,
    href: &str,
    ctx: &Context<'_>,
) -> Result<Option<String>, ExtractionError> {
    let dir = href.trim_start_matches("./").trim_end_matches('/');
    if dir.is_empty() || dir.contains(':') || dir.starts_with('/') || dir.contains("..") {
        return Ok(None);
    }
    let part = format!("{dir}/content.xml");
    let read = |name: &str| match zip.read(name) {
        Err(e) if matches!(e.kind, ErrorKind::Parse | ErrorKind::Unsupported) => Ok(None),
        other => other,
    };
    if let Some(content) = read(&part)? {
        let body = Body {
            content: &content,
            part: &part,
            masters: &MasterText::default(),
            objects: &|_| Ok(None),
        };
        let kind = match body_kind(&content, &part, ctx) {
            Ok(Some(kind)) => kind,
            Ok(None) => return Ok(None),
            Err(e) if e.kind == ErrorKind::Parse => return Ok(None),
            Err(e) => return Err(e),
        };
        return match extract_body(Some(kind), body, Default::default(), ctx) {
            Ok(extracted) => Ok(Some(extracted.content)),
            Err(e) if e.kind == ErrorKind::Parse => Ok(None),
            Err(e) => Err(e),
        };
    }
    let Some(bytes) = read(dir)? else {
        return Ok(None);
    };
    Ok(
        crate::formats::embedded::object_text(dir, &bytes, ctx)?.map(|object| {
            if object.text.is_empty() {
                object.name
            } else {
                format!("{}\n{}", object.name, object.text)
            }
        }),
    )
}

/// A document's body part and what its reading needs besides.
struct Body<'b> {
    content: &'b [u8],
    part: &'b str,
    masters: &'b MasterText,
    objects: &'b ObjectText<'b>,
}

fn extract_body(
    kind: Option<BodyKind>,
    body: Body<'_>,
    metadata: crate::document::Metadata,
    ctx: &Context<'_>,
) -> Result<Extracted, ExtractionError> {
    let Body {
        content,
        part,
        masters,
        objects,
    } = body;
    match kind {
        Some(BodyKind::Spreadsheet) => {
            let mut sheets = spreadsheet::ods::read_sheets(content, part, ctx)?;
            // Headers and footers print on every sheet: they are written once, with the first.
            if let Some(first) = sheets.first_mut() {
                first
                    .notes
                    .extend(masters.headers.iter().chain(&masters.footers).cloned());
            }
            let workbook = spreadsheet::Workbook { sheets, metadata };
            spreadsheet::finish(workbook, ctx)
        }
        Some(kind) => {
            let mut extracted = body::read(content, part, kind, masters, objects, ctx)?;
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

#[cfg(test)]
mod tests;
