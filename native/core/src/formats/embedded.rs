//! Objects embedded in office documents (OOXML, RTF): the file inside each is unwrapped from its
//! OLE or Packager wrapper, detected and extracted by the same extractors as a file would be,
//! and its text follows the part that shows it, headed by its name, as PDF attachments and
//! archive entries are. An object no extractor reads (an equation, a linked file) is
//! represented by the text of its preview picture, when that is a metafile. Embedding is
//! followed a few levels deep at most, counting every kind of container on the way.

use crate::container::ole::{self, WrappedFile};
use crate::detect::detect;
use crate::document::{ErrorKind, ExtractionError};
use crate::formats::metafile;
use crate::limits::Context;

/// Containers (archives, PDFs, office documents) inside each other followed at most this deep.
pub const MAX_NESTING: usize = 4;

/// The text of one embedded object, headed by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectText {
    pub name: String,
    /// Plain text or Markdown, as the configuration asks; may be empty.
    pub text: String,
}

/// The text of the object stored as `bytes` in the part (or file) named `name`: its file
/// unwrapped and extracted. `None` when the object cannot be read (a storage no extractor
/// knows, a format without an extractor, a damaged file, or nesting too deep) or has no text. Only the
/// deadline ends the document.
pub fn object_text(
    name: &str,
    bytes: &[u8],
    ctx: &Context<'_>,
) -> Result<Option<ObjectText>, ExtractionError> {
    if ctx.path.matches("!/").count() >= MAX_NESTING {
        return Ok(None);
    }
    let file = if ole::is_compound_file(bytes) {
        match ole::unwrap_storage(bytes) {
            Some(file) => file,
            None => return Ok(None),
        }
    } else {
        WrappedFile {
            name: None,
            data: bytes.to_vec(),
        }
    };
    file_text(name, file, ctx)
}

/// The text of an OLE 1.0 object (RTF's `\objdata`), like [`object_text`].
pub fn ole1_object_text(
    name: &str,
    object: &[u8],
    ctx: &Context<'_>,
) -> Result<Option<ObjectText>, ExtractionError> {
    if ctx.path.matches("!/").count() >= MAX_NESTING {
        return Ok(None);
    }
    match ole::unwrap_ole1(object) {
        Some(file) => file_text(name, file, ctx),
        None => Ok(None),
    }
}

fn file_text(
    stored_name: &str,
    file: WrappedFile,
    ctx: &Context<'_>,
) -> Result<Option<ObjectText>, ExtractionError> {
    let name = file.name.unwrap_or_else(|| {
        stored_name
            .rsplit('/')
            .next()
            .unwrap_or(stored_name)
            .to_owned()
    });
    let part_path = format!("{}!/{name}", ctx.path);
    let part_ctx = ctx.for_part(&part_path);
    let detection = detect(&name, &file.data);
    match crate::formats::extract(detection.format, detection.mime_type, &file.data, &part_ctx) {
        // An object with no text of its own is represented by its preview, if any.
        Ok(extracted) if extracted.content.trim().is_empty() => Ok(None),
        Ok(extracted) => Ok(Some(ObjectText {
            name,
            text: extracted.content.trim_end().to_owned(),
        })),
        Err(error) if error.kind == ErrorKind::Timeout => Err(error),
        Err(_) => Ok(None),
    }
}

/// The text of an object's preview picture, when it is a metafile that draws text.
pub fn preview_text(bytes: &[u8], ctx: &Context<'_>) -> Result<Option<String>, ExtractionError> {
    if !metafile::is_metafile(bytes) {
        return Ok(None);
    }
    let text = metafile::text(bytes, ctx)?;
    Ok((!text.trim().is_empty()).then_some(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;
    use crate::container::ole::tests::{compound_file, packager};

    #[test]
    fn a_packaged_text_file_is_extracted_under_its_own_name() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("deck.pptx", &config);
        let stream = packager("notes.txt", b"hello from inside", true);
        let storage = compound_file(&[("/\u{1}Ole10Native", &stream)]);
        let found = object_text("ppt/embeddings/oleObject1.bin", &storage, &ctx).unwrap();
        assert_eq!(
            found,
            Some(ObjectText {
                name: "notes.txt".to_owned(),
                text: "hello from inside".to_owned()
            })
        );
    }

    #[test]
    fn unknown_storages_damaged_documents_and_deep_nesting_are_not_read() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("a.docx", &config);
        let workbook = compound_file(&[("/Equation Native", b"binary")]);
        assert_eq!(
            object_text("oleObject1.bin", &workbook, &ctx).unwrap(),
            None
        );
        let damaged = compound_file(&[("/WordDocument", b"binary")]);
        assert_eq!(object_text("oleObject2.bin", &damaged, &ctx).unwrap(), None);
        let deep = Context::new("a.zip!/b.docx!/c.pptx!/d.docx!/e.xlsx", &config);
        assert_eq!(object_text("x.txt", b"text", &deep).unwrap(), None);
    }

    #[test]
    fn a_metafile_preview_gives_its_text_and_other_pictures_none() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("a.docx", &config);
        let emf = metafile::tests::emf(&[("Linked", 0, 0), ("sheet", 70, 0)]);
        assert_eq!(
            preview_text(&emf, &ctx).unwrap().as_deref(),
            Some("Linked sheet\n")
        );
        assert_eq!(preview_text(b"\x89PNG\r\n\x1a\n", &ctx).unwrap(), None);
    }
}
