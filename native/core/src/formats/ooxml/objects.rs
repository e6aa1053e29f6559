//! Objects embedded in an OOXML part: an OLE object (`p:oleObj`, ECMA-376 Part 1 19.3.2.4;
//! `o:OLEObject` inside `w:object`, 17.3.3.19; a worksheet's `oleObject`, 18.3.1.59) names its
//! data with a relationship (an `oleObject` part, an embedded `package`, or an external link)
//! and shows a preview picture named by another. The data is read when an extractor knows it;
//! otherwise the preview's text stands in (see `formats::embedded`). A picture drawn with a
//! metafile (EMF, WMF) outside any object gives its text too: a pasted chart or page keeps its
//! words as text records.

use crate::container::ZipContainer;
use crate::document::{ErrorKind, ExtractionError};
use crate::formats::embedded::{self, ObjectText};
use crate::limits::Context;

use super::package::Relationships;
use super::render::Output;

/// The relationship ids of one object: its data and its preview picture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectRef {
    pub data: Option<String>,
    pub preview: Option<String>,
}

impl ObjectRef {
    pub fn is_empty(&self) -> bool {
        self.data.is_none() && self.preview.is_none()
    }
}

/// The text of the object `reference` names in a part with relationships `rels`: its data's, or
/// else its preview's; `None` when neither gives any.
pub fn read_object(
    zip: &ZipContainer<'_>,
    rels: &Relationships,
    reference: &ObjectRef,
    ctx: &Context<'_>,
) -> Result<Option<ObjectText>, ExtractionError> {
    let data = reference.data.as_deref().and_then(|id| rels.get(id));
    let name = data.map(|rel| {
        let target = rel.target.trim_end_matches(['/', '\\']);
        target
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(target)
            .to_owned()
    });
    if let Some(rel) = data.filter(|rel| !rel.external) {
        if let Some(bytes) = read_part(zip, &rel.target)? {
            if let Some(found) = embedded::object_text(&rel.target, &bytes, ctx)? {
                return Ok(Some(found));
            }
        }
    }
    let preview = reference
        .preview
        .as_deref()
        .and_then(|id| rels.get(id))
        .filter(|rel| !rel.external);
    let Some(preview) = preview else {
        return Ok(None);
    };
    let Some(bytes) = read_part(zip, &preview.target)? else {
        return Ok(None);
    };
    Ok(embedded::preview_text(&bytes, ctx)?.map(|text| ObjectText {
        name: name.unwrap_or_else(|| preview.target.clone()),
        text,
    }))
}

/// The text a picture (relationship `id`) draws, when it is a metafile. Other pictures are
/// not read at all: their names tell them apart.
pub fn read_picture(
    zip: &ZipContainer<'_>,
    rels: &Relationships,
    id: &str,
    ctx: &Context<'_>,
) -> Result<Option<String>, ExtractionError> {
    let Some(rel) = rels.get(id).filter(|rel| !rel.external) else {
        return Ok(None);
    };
    let target = rel.target.to_ascii_lowercase();
    if !(target.ends_with(".emf") || target.ends_with(".wmf")) {
        return Ok(None);
    }
    match read_part(zip, &rel.target)? {
        Some(bytes) => embedded::preview_text(&bytes, ctx),
        None => Ok(None),
    }
}

/// Writes an object's text as blocks of its own: its name, then its text.
pub fn write(out: &mut Output, object: &ObjectText) {
    out.line(&object.name);
    out.block(&object.text);
}

/// A part's bytes; a part that is missing or damaged is none.
fn read_part(zip: &ZipContainer<'_>, name: &str) -> Result<Option<Vec<u8>>, ExtractionError> {
    match zip.read(name) {
        Ok(bytes) => Ok(bytes),
        Err(e) if matches!(e.kind, ErrorKind::Parse | ErrorKind::Unsupported) => Ok(None),
        Err(e) => Err(e),
    }
}
