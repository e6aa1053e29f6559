//! Graphics a drawing shows by reference from its `a:graphicData` (ECMA-376 Part 1, 20.1.2.2.17):
//! a chart (`c:chart`, 21.2.2.27) or a SmartArt diagram (`dgm:relIds`, 21.4.2.4), each in a
//! part of its own. Word, PowerPoint and Excel drawings name them alike; their text is written
//! where the drawing stands.

use crate::container::{Element, ZipContainer};
use crate::document::{ErrorKind, ExtractionError};
use crate::limits::Context;

use super::package::{Ns, Relationships};
use super::render::Output;
use super::{chart, diagram};

/// A graphic named by a relationship id of the part that shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphicRef {
    Chart(String),
    Diagram(String),
}

/// The graphic element `e` names, if it is a chart or diagram reference.
pub fn graphic_ref(e: &Element<'_, '_>) -> Option<GraphicRef> {
    match (Ns::of(e.ns), e.local()) {
        (Ns::Chart, b"chart") => rel_attr(e, b"id").map(GraphicRef::Chart),
        // The data model holds the text; layout, style and colors parts do not.
        (Ns::Diagram, b"relIds") => rel_attr(e, b"dm").map(GraphicRef::Diagram),
        _ => None,
    }
}

/// Writes the text of `graphic`, a graphic of the part whose relationships are `rels`; a part
/// that is missing or damaged writes nothing.
pub fn write_graphic(
    zip: &ZipContainer<'_>,
    rels: &Relationships,
    graphic: &GraphicRef,
    out: &mut Output,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    let id = match graphic {
        GraphicRef::Chart(id) | GraphicRef::Diagram(id) => id,
    };
    let Some(rel) = rels.get(id).filter(|r| !r.external) else {
        return Ok(());
    };
    let bytes = match zip.read(&rel.target) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Ok(()),
        Err(e) if matches!(e.kind, ErrorKind::Parse | ErrorKind::Unsupported) => return Ok(()),
        Err(e) => return Err(e),
    };
    let text = crate::container::xml::decode(&bytes);
    let result = match graphic {
        GraphicRef::Chart(_) => chart::read(&text, &rel.target, ctx).map(|chart| {
            for title in &chart.titles {
                out.line(title);
            }
            out.table(&chart.rows);
        }),
        GraphicRef::Diagram(_) => diagram::read(&text, &rel.target, ctx).map(|paragraphs| {
            for paragraph in &paragraphs {
                out.line(paragraph);
            }
        }),
    };
    match result {
        Err(e) if e.kind == ErrorKind::Parse => Ok(()),
        other => other,
    }
}

/// An attribute in the relationships namespace, whatever its prefix (`r:id`, `r:dm`).
fn rel_attr(e: &Element<'_, '_>, local: &[u8]) -> Option<String> {
    e.tag
        .attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .find(|a| a.key.local_name().as_ref() == local && a.key.prefix().is_some())
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}
