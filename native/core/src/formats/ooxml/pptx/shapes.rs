//! The shape tree of one slide, layout, master or notes part (ECMA-376 Part 1, 19.3.1.45
//! `p:spTree`): shapes' paragraphs, tables, and the charts, diagrams and OLE objects that
//! graphic frames show, in document order.

use crate::container::{Element, XmlEvent, XmlReader};
use crate::document::ExtractionError;

use super::super::graphics::{graphic_ref, write_graphic, GraphicRef};
use super::super::objects::{self, ObjectRef};
use super::super::package::{Ns, Relationships};
use super::super::render::{ListItem, Output, Paragraph, RunStyle};
use super::{Deck, PartKind};

impl Deck<'_, '_> {
    pub(super) fn walk(
        &mut self,
        text: &str,
        name: &str,
        kind: PartKind,
        number: i32,
        out: &mut Output,
    ) -> Result<(), ExtractionError> {
        let mut xml = XmlReader::new(text, name, self.ctx);
        // The part's relationships, read when a graphic or an object first needs them.
        let mut rels: Option<Relationships> = None;
        let mut shapes: Vec<Shape> = Vec::new();
        let mut paragraph: Option<Paragraph> = None;
        let mut bullet: Option<bool> = None;
        let mut level = 0usize;
        let mut style = RunStyle::default();
        let mut tables: Vec<TableState> = Vec::new();
        while let Some(event) = xml.next()? {
            let mut read_text = false;
            let mut skip = false;
            match event {
                XmlEvent::Start(e) => match (Ns::of(e.ns), e.local()) {
                    // Of a compatibility block only the first choice is read, except around an
                    // OLE object, whose preview picture often sits in the fallback alone.
                    (Ns::Compatibility, b"Fallback") => {
                        skip = shapes.last().is_none_or(|s| s.object.data.is_none());
                    }
                    (Ns::Presentation, b"sp" | b"graphicFrame" | b"cxnSp" | b"pic") => {
                        shapes.push(Shape::default())
                    }
                    (Ns::Presentation, b"ph") => {
                        if let Some(shape) = shapes.last_mut() {
                            shape.placeholder = Some(placeholder(&e));
                        }
                    }
                    (Ns::Presentation, b"txBody") | (Ns::Drawing, b"txBody")
                        if !reads_text_of(kind, shapes.last()) =>
                    {
                        skip = true;
                    }
                    (Ns::Presentation, b"oleObj") => {
                        if let Some(shape) = shapes.last_mut() {
                            if shape.object.data.is_none() {
                                shape.object.data = e.attr_q(b"r:id").or_else(|| e.attr(b"id"));
                                shape.object.vml_shape = e.attr(b"spid");
                            }
                        }
                    }
                    (Ns::Drawing, b"blip") => {
                        let id = e.attr_q(b"r:embed").or_else(|| e.attr(b"embed"));
                        // The picture inside an object is its preview; any other is a picture.
                        let holder = shapes
                            .iter()
                            .rposition(|s| s.object.data.is_some())
                            .or_else(|| shapes.len().checked_sub(1));
                        if let (Some(shape), Some(id)) =
                            (holder.and_then(|i| shapes.get_mut(i)), id)
                        {
                            if shape.object.data.is_some() {
                                shape.object.preview.get_or_insert(id);
                            } else {
                                shape.pictures.push(id);
                            }
                        }
                    }
                    (Ns::Chart | Ns::Diagram, _) => {
                        if let (Some(graphic), Some(shape)) = (graphic_ref(&e), shapes.last_mut()) {
                            shape.graphics.push(graphic);
                        }
                    }
                    (Ns::Drawing, b"p") => {
                        paragraph = Some(Paragraph::default());
                        bullet = None;
                        level = 0;
                    }
                    (Ns::Drawing, b"pPr") => {
                        level = e.attr(b"lvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    }
                    (Ns::Drawing, b"buNone") => bullet = Some(false),
                    (Ns::Drawing, b"buChar" | b"buBlip") => bullet = Some(true),
                    (Ns::Drawing, b"buAutoNum") => bullet = Some(true),
                    (Ns::Drawing, b"r" | b"fld") => style = RunStyle::default(),
                    (Ns::Drawing, b"rPr") => {
                        style.bold = e.attr(b"b").is_some_and(|v| v == "1" || v == "true");
                        style.italic = e.attr(b"i").is_some_and(|v| v == "1" || v == "true");
                    }
                    (Ns::Drawing, b"t") => read_text = true,
                    (Ns::Drawing, b"br") => {
                        if let Some(p) = paragraph.as_mut() {
                            p.push("\n", style, None);
                        }
                    }
                    (Ns::Drawing, b"tbl") => tables.push(TableState::default()),
                    (Ns::Drawing, b"tr") => {
                        if let Some(t) = tables.last_mut() {
                            t.row = Some(Vec::new());
                        }
                    }
                    (Ns::Drawing, b"tc") => {
                        if let Some(t) = tables.last_mut() {
                            // Cells covered by a merge repeat nothing.
                            t.cell = Some(String::new());
                        }
                    }
                    _ => {}
                },
                XmlEvent::End(e) => match (Ns::of(e.ns), e.local()) {
                    (Ns::Presentation, b"sp" | b"graphicFrame" | b"cxnSp" | b"pic") => {
                        if let Some(shape) = shapes.pop() {
                            if shape.refers_to_parts() {
                                let rels = rels.get_or_insert_with(|| {
                                    Relationships::read(self.zip, name, self.ctx)
                                        .unwrap_or_default()
                                });
                                self.write_shape_references(&shape, rels, out)?;
                            }
                        }
                    }
                    (Ns::Drawing, b"p") => {
                        let Some(mut p) = paragraph.take() else {
                            continue;
                        };
                        let placeholder = shapes.last().and_then(|s| s.placeholder);
                        if let Some(cell) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            let text = p.plain();
                            if !text.trim().is_empty() {
                                if !cell.is_empty() {
                                    cell.push('\n');
                                }
                                cell.push_str(text.trim());
                            }
                            continue;
                        }
                        match placeholder {
                            Some(Placeholder::Title) if kind == PartKind::Slide => {
                                p.heading = Some(2)
                            }
                            Some(Placeholder::Body) if kind == PartKind::Slide => {
                                if bullet != Some(false) {
                                    p.list = Some(ListItem {
                                        level,
                                        ordered: false,
                                    });
                                }
                            }
                            _ => {
                                if bullet == Some(true) {
                                    p.list = Some(ListItem {
                                        level,
                                        ordered: false,
                                    });
                                }
                            }
                        }
                        out.paragraph(&p);
                    }
                    (Ns::Drawing, b"tc") => {
                        if let Some(t) = tables.last_mut() {
                            let cell = t.cell.take().unwrap_or_default();
                            t.row.get_or_insert_with(Vec::new).push(cell);
                        }
                    }
                    (Ns::Drawing, b"tr") => {
                        if let Some(t) = tables.last_mut() {
                            if let Some(row) = t.row.take() {
                                t.rows.push(row);
                            }
                        }
                    }
                    (Ns::Drawing, b"tbl") => {
                        if let Some(t) = tables.pop() {
                            self.finish_table(t.rows, number, out)?;
                        }
                    }
                    _ => {}
                },
                XmlEvent::Text(_) => {}
            }
            if skip {
                xml.skip_element()?;
            } else if read_text {
                let text = xml.element_text()?;
                if let Some(p) = paragraph.as_mut() {
                    p.push(&text, style, None);
                }
            }
        }
        Ok(())
    }

    /// Writes the charts, diagrams and object a shape refers to.
    fn write_shape_references(
        &mut self,
        shape: &Shape,
        rels: &Relationships,
        out: &mut Output,
    ) -> Result<(), ExtractionError> {
        for graphic in &shape.graphics {
            write_graphic(self.zip, rels, graphic, out, self.ctx)?;
        }
        if !shape.object.is_empty() {
            if let Some(object) = objects::read_object(self.zip, rels, &shape.object, self.ctx)? {
                objects::write(out, &object);
            }
        }
        for picture in &shape.pictures {
            if let Some(text) = objects::read_picture(self.zip, rels, picture, self.ctx)? {
                out.block(&text);
            }
        }
        Ok(())
    }
}

/// Whether the text bodies of `shape` are read in a part of `kind`.
fn reads_text_of(kind: PartKind, shape: Option<&Shape>) -> bool {
    let placeholder = shape.and_then(|s| s.placeholder);
    match kind {
        PartKind::Slide => true,
        PartKind::Notes => matches!(placeholder, None | Some(Placeholder::Body)),
        PartKind::Master => placeholder.is_none(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placeholder {
    Title,
    Body,
    Other,
}

#[derive(Debug, Default)]
struct Shape {
    placeholder: Option<Placeholder>,
    graphics: Vec<GraphicRef>,
    object: ObjectRef,
    /// Relationship ids of the pictures it shows (not an object's preview).
    pictures: Vec<String>,
}

impl Shape {
    fn refers_to_parts(&self) -> bool {
        !self.graphics.is_empty() || !self.object.is_empty() || !self.pictures.is_empty()
    }
}

#[derive(Default)]
struct TableState {
    rows: Vec<Vec<String>>,
    row: Option<Vec<String>>,
    cell: Option<String>,
}

/// A placeholder's role: `type` defaults to `obj`, a body (content) placeholder.
fn placeholder(e: &Element<'_, '_>) -> Placeholder {
    match e.attr(b"type").as_deref() {
        Some("title" | "ctrTitle") => Placeholder::Title,
        None | Some("body" | "obj") => Placeholder::Body,
        Some(_) => Placeholder::Other,
    }
}
