//! WordprocessingML (DOCX, DOCM, DOTX): the body in order, then headers, footers, footnotes,
//! endnotes and comments. Headings and lists come from the paragraph styles and numbering, bold
//! and italic runs become Markdown emphasis, tables go to `tables` and into the text. Tracked
//! insertions are kept and deletions dropped; of a compatibility block (`mc:AlternateContent`)
//! only the first choice is read, so text boxes are not doubled by their fallback. Charts,
//! SmartArt, embedded objects and imported chunks (`w:altChunk`) follow the paragraph or table
//! that holds them.

use crate::container::{Element, XmlEvent, XmlReader, ZipContainer};
use crate::document::{ErrorKind, ExtractionError, Table};
use crate::formats::{table, Extracted};
use crate::limits::Context;

use super::graphics::{graphic_ref, write_graphic, GraphicRef};
use super::objects::{self, ObjectRef};
use super::package::{Ns, Relationships};
use super::render::{ListItem, Output, Paragraph, RunStyle};
use super::styles::{Numbering, Styles};

/// VML (`v:`), where a Word object's preview picture is named.
const VML: &[u8] = b"urn:schemas-microsoft-com:vml";
/// Office's VML extensions (`o:`), where a Word object's data is named.
const OFFICE_VML: &[u8] = b"urn:schemas-microsoft-com:office:office";

/// Everything shared by the parts of one document.
struct Word<'d, 'z> {
    zip: &'d ZipContainer<'z>,
    ctx: &'d Context<'d>,
    styles: Styles,
    numbering: Numbering,
    out: Output,
    tables: Vec<Table>,
    cells: usize,
}

/// Extracts the Word document whose main part is `main`.
pub fn extract(
    zip: &ZipContainer<'_>,
    main: &str,
    ctx: &Context<'_>,
) -> Result<Extracted, ExtractionError> {
    let rels = Relationships::read(zip, main, ctx)?;
    let styles = match optional_part(zip, rels.first("styles").map(|r| r.target.as_str()))? {
        Some((name, text)) => Styles::parse(&text, &name, ctx).unwrap_or_default(),
        None => Styles::default(),
    };
    let numbering = match optional_part(zip, rels.first("numbering").map(|r| r.target.as_str()))? {
        Some((name, text)) => Numbering::parse(&text, &name, ctx).unwrap_or_default(),
        None => Numbering::default(),
    };
    let markdown = ctx.config.output_format == crate::config::OutputFormat::Markdown;
    let mut word = Word {
        zip,
        ctx,
        styles,
        numbering,
        out: Output::new(markdown),
        tables: Vec::new(),
        cells: 0,
    };
    let mut seen = std::collections::HashSet::new();
    let targets =
        |kind: &str| -> Vec<String> { rels.all(kind).map(|r| r.target.clone()).collect() };
    for header in targets("header") {
        if seen.insert(header.clone()) {
            word.part(&header, false)?;
        }
    }
    let text = zip
        .read(main)?
        .ok_or_else(|| ctx.parse_error(format_args!("the main part {main} is missing")))?;
    let text = crate::container::xml::decode(&text);
    word.walk(&text, main, &rels)?;
    for kind in ["footer", "footnotes", "endnotes", "comments"] {
        for part in targets(kind) {
            if seen.insert(part.clone()) {
                word.part(&part, false)?;
            }
        }
    }
    let mut extracted = Extracted {
        content: word.out.finish(),
        tables: word.tables,
        ..Extracted::default()
    };
    extracted
        .metadata
        .extra
        .insert("ooxml.main".to_owned(), main.to_owned());
    Ok(extracted)
}

/// The decoded text of an optional part; a part that is missing or corrupt is skipped.
fn optional_part(
    zip: &ZipContainer<'_>,
    name: Option<&str>,
) -> Result<Option<(String, String)>, ExtractionError> {
    let Some(name) = name else {
        return Ok(None);
    };
    match zip.read(name) {
        Ok(Some(bytes)) => Ok(Some((
            name.to_owned(),
            crate::container::xml::decode(&bytes).into_owned(),
        ))),
        Ok(None) => Ok(None),
        Err(e) if matches!(e.kind, ErrorKind::Parse | ErrorKind::Unsupported) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The state of one table being read.
#[derive(Default)]
struct TableState {
    rows: Vec<Vec<String>>,
    row: Option<Vec<String>>,
    cell: Option<String>,
}

/// The state of one part being walked.
struct Walk<'r> {
    rels: &'r Relationships,
    paragraphs: Vec<Paragraph>,
    tables: Vec<TableState>,
    links: Vec<Option<String>>,
    style: RunStyle,
    in_run_properties: bool,
    in_paragraph_properties: bool,
    list_num: Option<String>,
    list_level: usize,
    /// The OLE object (`w:object`) being read.
    object: Option<ObjectRef>,
    /// What the current block refers to, written after it.
    pending: Vec<Reference>,
}

/// Content a block refers to rather than holds.
enum Reference {
    Graphic(GraphicRef),
    Object(ObjectRef),
    /// A picture, read when it is a metafile.
    Picture(String),
    /// An imported part (ECMA-376 Part 1, 17.17.2.1: HTML, RTF, text or another document)
    /// whose content stands where the `w:altChunk` does.
    Chunk(String),
}

impl Word<'_, '_> {
    /// Walks a secondary part (header, footer, notes, comments); a corrupt one is skipped.
    fn part(&mut self, name: &str, _strict: bool) -> Result<(), ExtractionError> {
        let Some((name, text)) = optional_part(self.zip, Some(name))? else {
            return Ok(());
        };
        let rels = Relationships::read(self.zip, &name, self.ctx).unwrap_or_default();
        match self.walk(&text, &name, &rels) {
            Err(e) if e.kind == ErrorKind::Parse => Ok(()),
            other => other,
        }
    }

    fn walk(
        &mut self,
        text: &str,
        part: &str,
        rels: &Relationships,
    ) -> Result<(), ExtractionError> {
        let ctx = self.ctx;
        let mut xml = XmlReader::new(text, part, ctx);
        let mut walk = Walk {
            rels,
            paragraphs: Vec::new(),
            tables: Vec::new(),
            links: Vec::new(),
            style: RunStyle::default(),
            in_run_properties: false,
            in_paragraph_properties: false,
            list_num: None,
            list_level: 0,
            object: None,
            pending: Vec::new(),
        };
        while let Some(event) = xml.next()? {
            let action = match event {
                XmlEvent::Start(e) => self.start(&mut walk, &e),
                XmlEvent::End(e) => {
                    self.end(&mut walk, Ns::of(e.ns), e.local())?;
                    Action::Continue
                }
                XmlEvent::Text(_) => Action::Continue,
            };
            match action {
                Action::Continue => {}
                Action::Skip => xml.skip_element()?,
                Action::Text => {
                    let text = xml.element_text()?;
                    walk.push(&text);
                }
            }
        }
        // A part cut short: flush what was read.
        while !walk.paragraphs.is_empty() {
            self.end(&mut walk, Ns::Word, b"p")?;
        }
        while !walk.tables.is_empty() {
            self.end(&mut walk, Ns::Word, b"tbl")?;
        }
        self.write_references(&mut walk)
    }

    /// Writes what the blocks just ended refer to, once no paragraph or table is open.
    fn write_references(&mut self, walk: &mut Walk<'_>) -> Result<(), ExtractionError> {
        if !walk.paragraphs.is_empty() || !walk.tables.is_empty() {
            return Ok(());
        }
        for reference in std::mem::take(&mut walk.pending) {
            match reference {
                Reference::Graphic(graphic) => {
                    write_graphic(self.zip, walk.rels, &graphic, &mut self.out, self.ctx)?;
                }
                Reference::Object(object) => {
                    if let Some(found) =
                        objects::read_object(self.zip, walk.rels, &object, self.ctx)?
                    {
                        objects::write(&mut self.out, &found);
                    }
                }
                Reference::Picture(id) => {
                    if let Some(text) = objects::read_picture(self.zip, walk.rels, &id, self.ctx)? {
                        self.out.block(&text);
                    }
                }
                Reference::Chunk(id) => self.write_chunk(walk.rels, &id)?,
            }
        }
        Ok(())
    }

    /// Writes the text of the imported part `id` names.
    fn write_chunk(&mut self, rels: &Relationships, id: &str) -> Result<(), ExtractionError> {
        let Some(rel) = rels.get(id).filter(|r| !r.external) else {
            return Ok(());
        };
        let bytes = match self.zip.read(&rel.target) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Ok(()),
            Err(e) if matches!(e.kind, ErrorKind::Parse | ErrorKind::Unsupported) => return Ok(()),
            Err(e) => return Err(e),
        };
        if let Some(chunk) = crate::formats::embedded::object_text(&rel.target, &bytes, self.ctx)? {
            self.out.block(&chunk.text);
        }
        Ok(())
    }

    fn start(&mut self, walk: &mut Walk<'_>, e: &Element<'_, '_>) -> Action {
        let ns = Ns::of(e.ns);
        let local = e.local();
        match ns {
            Ns::Compatibility => {
                return if local == b"Fallback" {
                    Action::Skip
                } else {
                    Action::Continue
                };
            }
            Ns::Word => {}
            Ns::Chart | Ns::Diagram => {
                if let Some(graphic) = graphic_ref(e) {
                    walk.pending.push(Reference::Graphic(graphic));
                }
                return Action::Continue;
            }
            _ => {
                let picture = match (ns, local) {
                    (Ns::Drawing, b"blip") => e.attr_q(b"r:embed").or_else(|| e.attr(b"embed")),
                    _ if e.ns == VML && local == b"imagedata" => rel_id(e),
                    _ => None,
                };
                match walk.object.as_mut() {
                    Some(object) if e.ns == OFFICE_VML && local == b"OLEObject" => {
                        object.data = object.data.take().or_else(|| rel_id(e));
                    }
                    Some(object) => object.preview = object.preview.take().or(picture),
                    None => {
                        if let Some(picture) = picture {
                            walk.pending.push(Reference::Picture(picture));
                        }
                    }
                }
                return Action::Continue;
            }
        }
        match local {
            b"p" => {
                walk.paragraphs.push(Paragraph::default());
                walk.list_num = None;
                walk.list_level = 0;
            }
            b"pPr" => walk.in_paragraph_properties = true,
            b"rPr" if !walk.in_paragraph_properties => walk.in_run_properties = true,
            b"r" => walk.style = RunStyle::default(),
            b"b" if walk.in_run_properties => walk.style.bold = is_on(e),
            b"i" if walk.in_run_properties => walk.style.italic = is_on(e),
            b"pStyle" if walk.in_paragraph_properties => {
                if let (Some(id), Some(paragraph)) = (e.attr(b"val"), walk.paragraphs.last_mut()) {
                    paragraph.heading = self.styles.heading_level(&id);
                    if let Some((num, level)) = self.styles.numbering(&id) {
                        walk.list_num = Some(num);
                        walk.list_level = level;
                    }
                }
            }
            b"ilvl" if walk.in_paragraph_properties => {
                walk.list_level = e.attr(b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
            }
            b"numId" if walk.in_paragraph_properties => walk.list_num = e.attr(b"val"),
            b"t" if !walk.in_paragraph_properties => return Action::Text,
            b"tab" if !walk.in_paragraph_properties => walk.push("\t"),
            b"br" | b"cr" => walk.push("\n"),
            b"noBreakHyphen" => walk.push("-"),
            b"hyperlink" => {
                let target = e
                    .attr_q(b"r:id")
                    .or_else(|| rel_id(e))
                    .and_then(|id| walk.rels.get(&id))
                    .filter(|r| r.external)
                    .map(|r| r.target.clone());
                walk.links.push(target);
            }
            b"object" => walk.object = Some(ObjectRef::default()),
            b"altChunk" => {
                if let Some(id) = rel_id(e) {
                    walk.pending.push(Reference::Chunk(id));
                }
            }
            b"tbl" => walk.tables.push(TableState::default()),
            b"tr" => {
                if let Some(table) = walk.tables.last_mut() {
                    table.row = Some(Vec::new());
                }
            }
            b"tc" => {
                if let Some(table) = walk.tables.last_mut() {
                    table.cell = Some(String::new());
                }
            }
            // Deleted and moved-away text is dropped; field instructions are not text.
            b"del" | b"moveFrom" | b"delText" | b"instrText" | b"delInstrText" => {
                return Action::Skip
            }
            b"footnote" | b"endnote"
                if e.attr(b"type").is_some_and(|t| {
                    t == "separator" || t == "continuationSeparator" || t == "continuationNotice"
                }) =>
            {
                return Action::Skip;
            }
            _ => {}
        }
        Action::Continue
    }

    fn end(&mut self, walk: &mut Walk<'_>, ns: Ns, local: &[u8]) -> Result<(), ExtractionError> {
        if ns != Ns::Word {
            return Ok(());
        }
        match local {
            b"object" => {
                if let Some(object) = walk.object.take().filter(|o| !o.is_empty()) {
                    walk.pending.push(Reference::Object(object));
                }
            }
            b"altChunk" => self.write_references(walk)?,
            b"pPr" => walk.in_paragraph_properties = false,
            b"rPr" => walk.in_run_properties = false,
            b"hyperlink" => {
                walk.links.pop();
            }
            b"p" => {
                let Some(mut paragraph) = walk.paragraphs.pop() else {
                    return Ok(());
                };
                if let Some(num) = walk.list_num.take().filter(|n| n != "0") {
                    paragraph.list = Some(ListItem {
                        level: walk.list_level,
                        ordered: self.numbering.is_ordered(&num, walk.list_level),
                    });
                    paragraph.label = self.numbering.next_label(&num, walk.list_level);
                    paragraph.heading = None;
                }
                match walk.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    Some(cell) => {
                        let text = paragraph.plain();
                        let text = text.trim();
                        if !text.is_empty() {
                            if !cell.is_empty() {
                                cell.push('\n');
                            }
                            cell.push_str(text);
                        }
                    }
                    None => self.out.paragraph(&paragraph),
                }
                self.write_references(walk)?;
            }
            b"tc" => {
                if let Some(table) = walk.tables.last_mut() {
                    let cell = table.cell.take().unwrap_or_default();
                    table.row.get_or_insert_with(Vec::new).push(cell);
                }
            }
            b"tr" => {
                if let Some(table) = walk.tables.last_mut() {
                    if let Some(row) = table.row.take() {
                        table.rows.push(row);
                    }
                }
            }
            b"tbl" => {
                let Some(table) = walk.tables.pop() else {
                    return Ok(());
                };
                self.finish_table(walk, table.rows)?;
                self.write_references(walk)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn finish_table(
        &mut self,
        walk: &mut Walk<'_>,
        rows: Vec<Vec<String>>,
    ) -> Result<(), ExtractionError> {
        if rows.is_empty() {
            return Ok(());
        }
        self.cells = self
            .cells
            .saturating_add(rows.iter().map(Vec::len).sum::<usize>());
        self.ctx.limits.check_cells(self.ctx.path, self.cells)?;
        // A table nested in a cell becomes lines of that cell.
        if let Some(cell) = walk.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            let mut plain = String::new();
            table::to_plain(&rows, &mut plain);
            if !cell.is_empty() {
                cell.push('\n');
            }
            cell.push_str(plain.trim_end());
        } else {
            self.out.table(&rows);
        }
        if self.ctx.config.extract_tables {
            let markdown = table::to_markdown(&rows);
            self.tables.push(Table {
                page: None,
                cells: rows,
                markdown,
            });
        }
        Ok(())
    }
}

enum Action {
    Continue,
    /// Skip the element and everything in it.
    Skip,
    /// The element's text is run text.
    Text,
}

impl Walk<'_> {
    fn push(&mut self, text: &str) {
        let link = self.links.iter().rev().find_map(|l| l.as_deref());
        if let Some(paragraph) = self.paragraphs.last_mut() {
            paragraph.push(text, self.style, link);
        }
    }
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`) is on unless its value says off.
fn is_on(e: &Element<'_, '_>) -> bool {
    !matches!(
        e.attr(b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// An `id` attribute in the relationships namespace, whatever its prefix.
fn rel_id(e: &Element<'_, '_>) -> Option<String> {
    e.tag
        .attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .find(|a| {
            a.key.local_name().as_ref() == b"id"
                && a.key.prefix().is_some_and(|p| p.as_ref() != b"w")
        })
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

#[cfg(test)]
mod tests;
