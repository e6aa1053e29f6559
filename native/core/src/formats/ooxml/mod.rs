//! Office Open XML (ECMA-376): Word documents and PowerPoint presentations, from their ZIP
//! package or, when encrypted, from the OLE container that holds the encrypted package.

pub mod chart;
pub mod diagram;
pub mod docx;
pub mod encryption;
pub mod graphics;
pub mod objects;
pub mod package;
pub mod pptx;
pub mod properties;
pub mod render;
pub mod styles;

use crate::container::ZipContainer;
use crate::document::ExtractionError;
use crate::formats::Extracted;
use crate::limits::Context;

use package::Relationships;

/// Which OOXML application a package belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Presentation,
}

/// Extracts a Word or PowerPoint package held in `bytes`.
pub fn extract(bytes: &[u8], kind: Kind, ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let zip = ZipContainer::open(bytes, ctx)?;
    extract_package(&zip, kind, ctx)
}

/// Extracts an opened package.
pub fn extract_package(
    zip: &ZipContainer<'_>,
    kind: Kind,
    ctx: &Context<'_>,
) -> Result<Extracted, ExtractionError> {
    let fallbacks: &[&str] = match kind {
        Kind::Word => &["word/document.xml"],
        Kind::Presentation => &["ppt/presentation.xml"],
    };
    let main = package::main_part(zip, ctx, fallbacks)?.ok_or_else(|| {
        ctx.parse_error(format_args!(
            "the package has no main {} part (no officeDocument relationship and no {})",
            match kind {
                Kind::Word => "document",
                Kind::Presentation => "presentation",
            },
            fallbacks.join(", ")
        ))
    })?;
    // The relationship decides: a .docx whose main part is a presentation is read as one.
    let kind = if main.starts_with("ppt/") {
        Kind::Presentation
    } else if main.starts_with("word/") {
        Kind::Word
    } else {
        kind
    };
    let mut extracted = match kind {
        Kind::Word => docx::extract(zip, &main, ctx)?,
        Kind::Presentation => pptx::extract(zip, &main, ctx)?,
    };
    let package_rels = Relationships::read(zip, "", ctx).unwrap_or_default();
    properties::read(zip, &package_rels, &mut extracted.metadata, ctx)?;
    Ok(extracted)
}

/// Extracts an encrypted OOXML package (an OLE file holding EncryptionInfo and
/// EncryptedPackage), decrypted with the `officePassword` option; Word and PowerPoint packages
/// are read here, workbooks by the spreadsheet extractor.
pub fn extract_encrypted(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let package = encryption::decrypt(bytes, ctx)?;
    let zip = ZipContainer::open(&package, ctx)
        .map_err(|e| ExtractionError::new(e.kind, format!("{} (after decryption)", e.message)))?;
    let main = package::main_part(&zip, ctx, &[])?.unwrap_or_default();
    let mut extracted = if main.starts_with("xl/") {
        drop(zip);
        crate::formats::spreadsheet::extract_ooxml(&package, ctx)?
    } else {
        let kind = if main.starts_with("ppt/") {
            Kind::Presentation
        } else {
            Kind::Word
        };
        extract_package(&zip, kind, ctx)?
    };
    extracted.metadata.encrypted = Some(true);
    Ok(extracted)
}
