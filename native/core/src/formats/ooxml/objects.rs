//! Objects embedded in an OOXML part: an OLE object (`p:oleObj`, ECMA-376 Part 1 19.3.2.4;
//! `o:OLEObject` inside `w:object`, 17.3.3.19; a worksheet's `oleObject`, 18.3.1.59) names its
//! data with a relationship (an `oleObject` part, an embedded `package`, or an external link)
//! and shows a preview picture named by another. The data is read when an extractor knows it;
//! otherwise the preview's text stands in (see `formats::embedded`). A picture drawn with a
//! metafile (EMF, WMF) outside any object gives its text too: a pasted chart or page keeps its
//! words as text records.

use crate::container::{XmlEvent, XmlReader, ZipContainer};
use crate::document::{ErrorKind, ExtractionError};
use crate::formats::embedded::{self, ObjectText};
use crate::limits::Context;

use super::package::Relationships;
use super::render::Output;

/// The relationship ids of one object: its data and its preview picture, or the id of the
/// legacy VML shape that shows the preview instead (`spid` of a PowerPoint 2007 `p:oleObj`, a
/// worksheet object's `shapeId`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectRef {
    pub data: Option<String>,
    pub preview: Option<String>,
    pub vml_shape: Option<String>,
}

impl ObjectRef {
    pub fn is_empty(&self) -> bool {
        self.data.is_none() && self.preview.is_none() && self.vml_shape.is_none()
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
    let preview = match reference.preview.as_deref() {
        Some(id) => rels
            .get(id)
            .filter(|rel| !rel.external)
            .map(|rel| rel.target.clone()),
        None => match reference.vml_shape.as_deref() {
            Some(shape) => vml_preview(zip, rels, shape, ctx)?,
            None => None,
        },
    };
    let Some(preview) = preview else {
        return Ok(None);
    };
    let Some(bytes) = read_part(zip, &preview)? else {
        return Ok(None);
    };
    Ok(embedded::preview_text(&bytes, ctx)?.map(|text| ObjectText {
        name: name.unwrap_or(preview),
        text,
    }))
}

/// The picture a legacy VML drawing of the part shows for shape `shape` (its `v:imagedata`,
/// named by a relationship of the VML part). A VML part that is not well-formed gives none.
fn vml_preview(
    zip: &ZipContainer<'_>,
    rels: &Relationships,
    shape: &str,
    ctx: &Context<'_>,
) -> Result<Option<String>, ExtractionError> {
    for vml in rels.all("vmlDrawing") {
        let Some(bytes) = read_part(zip, &vml.target)? else {
            continue;
        };
        let text = crate::container::xml::decode(&bytes);
        let mut xml = XmlReader::new(&text, &vml.target, ctx);
        let mut in_shape = false;
        let found = loop {
            let event = match xml.next() {
                Ok(Some(event)) => event,
                Ok(None) => break None,
                Err(e) if e.kind == ErrorKind::Parse => break None,
                Err(e) => return Err(e),
            };
            match event {
                XmlEvent::Start(e) if e.local() == b"shape" => {
                    in_shape = e.attr(b"id").as_deref() == Some(shape)
                        || e.attr(b"spid").as_deref() == Some(shape);
                }
                XmlEvent::Start(e) if in_shape && e.local() == b"imagedata" => {
                    break e.attr(b"relid").or_else(|| e.attr_q(b"r:id"));
                }
                XmlEvent::End(e) if e.local() == b"shape" => in_shape = false,
                _ => {}
            }
        };
        if let Some(id) = found {
            let vml_rels = Relationships::read(zip, &vml.target, ctx).unwrap_or_default();
            return Ok(vml_rels
                .get(&id)
                .filter(|rel| !rel.external)
                .map(|rel| rel.target.clone()));
        }
    }
    Ok(None)
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
