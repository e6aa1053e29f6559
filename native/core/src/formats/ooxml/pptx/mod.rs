//! PresentationML (PPTX, PPTM, PPSX): the slides in presentation order, each with its shapes'
//! text (titles as headings, body placeholders as bullet lists), tables, speaker notes and
//! comments; one `pages` entry per slide.

use crate::container::{Element, XmlEvent, XmlReader, ZipContainer};
use crate::document::{ErrorKind, ExtractionError, Table};
use crate::formats::{table, Extracted};
use crate::limits::Context;

use super::package::{Ns, Relationships};
use super::render::{ListItem, Output, Paragraph, RunStyle};

/// Extracts the presentation whose main part is `main`.
pub fn extract(
    zip: &ZipContainer<'_>,
    main: &str,
    ctx: &Context<'_>,
) -> Result<Extracted, ExtractionError> {
    let rels = Relationships::read(zip, main, ctx)?;
    let slides = slide_order(zip, main, &rels, ctx)?;
    let markdown = ctx.config.output_format == crate::config::OutputFormat::Markdown;
    let mut deck = Deck {
        zip,
        ctx,
        markdown,
        tables: Vec::new(),
        cells: 0,
    };
    let mut content = String::new();
    let mut pages = Vec::with_capacity(slides.len());
    for (index, slide) in slides.iter().enumerate() {
        ctx.deadline.check(ctx.path)?;
        let number = i32::try_from(index + 1).unwrap_or(i32::MAX);
        let text = deck.slide(slide, number)?;
        if !text.is_empty() {
            if !content.is_empty() && markdown {
                content.push('\n');
            }
            content.push_str(&text);
        }
        pages.push(text);
        ctx.limits.check_output(ctx.path, content.len())?;
    }
    let mut extracted = Extracted {
        content,
        tables: deck.tables,
        pages,
        ..Extracted::default()
    };
    extracted.metadata.page_count = i32::try_from(slides.len()).ok();
    Ok(extracted)
}

/// The slide parts in presentation order: `p:sldIdLst` of the presentation part, or the slide
/// relationships in the order of their numbers when the list is missing.
fn slide_order(
    zip: &ZipContainer<'_>,
    main: &str,
    rels: &Relationships,
    ctx: &Context<'_>,
) -> Result<Vec<String>, ExtractionError> {
    let mut order = Vec::new();
    if let Some(bytes) = zip.read(main)? {
        let text = crate::container::xml::decode(&bytes);
        let mut xml = XmlReader::new(&text, main, ctx);
        while let Some(event) = xml.next()? {
            if let XmlEvent::Start(e) = event {
                if Ns::of(e.ns) == Ns::Presentation && e.local() == b"sldId" {
                    let id = e.attr_q(b"r:id").or_else(|| e.attr(b"id"));
                    if let Some(rel) = id.and_then(|id| rels.get(&id)) {
                        if !order.contains(&rel.target) {
                            order.push(rel.target.clone());
                        }
                    }
                }
            }
        }
    }
    if order.is_empty() {
        let mut slides: Vec<&str> = rels.all("slide").map(|r| r.target.as_str()).collect();
        slides.sort_by_key(|name| (trailing_number(name), name.to_string()));
        slides.dedup();
        order = slides.into_iter().map(str::to_owned).collect();
    }
    Ok(order)
}

fn trailing_number(name: &str) -> u64 {
    let stem = name.rsplit('/').next().unwrap_or(name);
    let stem = stem.split('.').next().unwrap_or(stem);
    let digits: String = stem
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().unwrap_or(u64::MAX)
}

struct Deck<'d, 'z> {
    zip: &'d ZipContainer<'z>,
    ctx: &'d Context<'d>,
    markdown: bool,
    tables: Vec<Table>,
    cells: usize,
}

/// Which shapes of a part are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartKind {
    Slide,
    /// Speaker notes: only the body placeholder (not the slide image, number or header).
    Notes,
}

impl Deck<'_, '_> {
    /// The text of one slide: its shapes, its notes and its comments.
    fn slide(&mut self, part: &str, number: i32) -> Result<String, ExtractionError> {
        let mut out = Output::new(self.markdown);
        let rels = Relationships::read(self.zip, part, self.ctx).unwrap_or_default();
        self.part(part, PartKind::Slide, number, &mut out)?;
        for notes in rels.all("notesSlide") {
            self.part(&notes.target, PartKind::Notes, number, &mut out)?;
        }
        for comments in rels.all("comments") {
            self.comments(&comments.target, &mut out)?;
        }
        Ok(out.finish())
    }

    fn read_part(&self, name: &str) -> Result<Option<String>, ExtractionError> {
        match self.zip.read(name) {
            Ok(Some(bytes)) => Ok(Some(crate::container::xml::decode(&bytes).into_owned())),
            Ok(None) => Ok(None),
            Err(e) if matches!(e.kind, ErrorKind::Parse | ErrorKind::Unsupported) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn part(
        &mut self,
        name: &str,
        kind: PartKind,
        number: i32,
        out: &mut Output,
    ) -> Result<(), ExtractionError> {
        let Some(text) = self.read_part(name)? else {
            return Ok(());
        };
        match self.walk(&text, name, kind, number, out) {
            Err(e) if e.kind == ErrorKind::Parse => Ok(()),
            other => other,
        }
    }

    fn walk(
        &mut self,
        text: &str,
        name: &str,
        kind: PartKind,
        number: i32,
        out: &mut Output,
    ) -> Result<(), ExtractionError> {
        let mut xml = XmlReader::new(text, name, self.ctx);
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
                    (Ns::Compatibility, b"Fallback") => skip = true,
                    (Ns::Presentation, b"sp" | b"graphicFrame" | b"cxnSp") => {
                        shapes.push(Shape::default())
                    }
                    (Ns::Presentation, b"ph") => {
                        if let Some(shape) = shapes.last_mut() {
                            shape.placeholder = Some(placeholder(&e));
                        }
                    }
                    (Ns::Presentation, b"txBody") | (Ns::Drawing, b"txBody")
                        if kind == PartKind::Notes
                            && !shapes
                                .last()
                                .is_some_and(|s| s.placeholder == Some(Placeholder::Body)) =>
                    {
                        skip = true;
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
                    (Ns::Presentation, b"sp" | b"graphicFrame" | b"cxnSp") => {
                        shapes.pop();
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

    fn finish_table(
        &mut self,
        rows: Vec<Vec<String>>,
        number: i32,
        out: &mut Output,
    ) -> Result<(), ExtractionError> {
        if rows.is_empty() {
            return Ok(());
        }
        self.cells = self
            .cells
            .saturating_add(rows.iter().map(Vec::len).sum::<usize>());
        self.ctx.limits.check_cells(self.ctx.path, self.cells)?;
        out.table(&rows);
        if self.ctx.config.extract_tables {
            let markdown = table::to_markdown(&rows);
            self.tables.push(Table {
                page: Some(number),
                cells: rows,
                markdown,
            });
        }
        Ok(())
    }

    /// The comments on a slide (`p:cm` with `p:text`, or the modern `p188:cm` with paragraphs).
    fn comments(&mut self, name: &str, out: &mut Output) -> Result<(), ExtractionError> {
        let Some(text) = self.read_part(name)? else {
            return Ok(());
        };
        let mut xml = XmlReader::new(&text, name, self.ctx);
        loop {
            let event = match xml.next() {
                Ok(Some(event)) => event,
                Ok(None) => break,
                Err(e) if e.kind == ErrorKind::Parse => break,
                Err(e) => return Err(e),
            };
            let is_text =
                matches!(&event, XmlEvent::Start(e) if e.local() == b"text" || e.local() == b"t");
            if is_text {
                let text = xml.element_text()?;
                out.line(&text);
            }
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ExtractionConfig, OutputFormat};
    use crate::container::zip::tests::build_zip;

    const NS: &str = "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" \
        xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
        xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
    const RELS: &str = "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"";

    fn shape(ph: &str, paragraphs: &str) -> String {
        format!("<p:sp><p:nvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:txBody>{paragraphs}</p:txBody></p:sp>")
    }

    fn para(text: &str) -> String {
        format!("<a:p><a:r><a:rPr lang='en'/><a:t>{text}</a:t></a:r></a:p>")
    }

    fn deck(markdown: bool) -> Extracted {
        let presentation = format!(
            "<p:presentation {NS}><p:sldIdLst><p:sldId id='257' r:id='rId3'/><p:sldId id='256' r:id='rId2'/></p:sldIdLst></p:presentation>"
        );
        let pres_rels = format!(
            "<Relationships {RELS}><Relationship Id='rId2' Type='http://x/slide' Target='slides/slide1.xml'/>\
             <Relationship Id='rId3' Type='http://x/slide' Target='slides/slide2.xml'/></Relationships>"
        );
        let slide1 = format!(
            "<p:sld {NS}><p:cSld><p:spTree>{}{}\
             <p:graphicFrame><a:graphic><a:graphicData><a:tbl><a:tr><a:tc><a:txBody>{}</a:txBody></a:tc><a:tc><a:txBody>{}</a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>\
             </p:spTree></p:cSld></p:sld>",
            shape("<p:ph type='title'/>", &para("First title")),
            shape("<p:ph idx='1'/>", &format!("{}<a:p><a:pPr lvl='1'/><a:r><a:rPr b='1'/><a:t>Sub</a:t></a:r></a:p>", para("Point"))),
            para("c1"),
            para("c2"),
        );
        let slide1_rels = format!(
            "<Relationships {RELS}><Relationship Id='rId1' Type='http://x/notesSlide' Target='../notesSlides/notesSlide1.xml'/></Relationships>"
        );
        let notes = format!(
            "<p:notes {NS}><p:cSld><p:spTree>{}{}</p:spTree></p:cSld></p:notes>",
            shape("<p:ph type='sldNum'/>", &para("99")),
            shape("<p:ph type='body' idx='1'/>", &para("Speaker notes")),
        );
        let slide2 = format!(
            "<p:sld {NS}><p:cSld><p:spTree>{}</p:spTree></p:cSld></p:sld>",
            shape("<p:ph type='ctrTitle'/>", &para("Opening")),
        );
        let zip = build_zip(&[
            ("ppt/presentation.xml", presentation.as_bytes(), true),
            (
                "ppt/_rels/presentation.xml.rels",
                pres_rels.as_bytes(),
                true,
            ),
            ("ppt/slides/slide1.xml", slide1.as_bytes(), true),
            (
                "ppt/slides/_rels/slide1.xml.rels",
                slide1_rels.as_bytes(),
                true,
            ),
            ("ppt/notesSlides/notesSlide1.xml", notes.as_bytes(), true),
            ("ppt/slides/slide2.xml", slide2.as_bytes(), true),
        ]);
        let config = ExtractionConfig {
            output_format: if markdown {
                OutputFormat::Markdown
            } else {
                OutputFormat::Plain
            },
            extract_tables: true,
            ..ExtractionConfig::default()
        };
        let ctx = Context::new("t.pptx", &config);
        let container = ZipContainer::open(&zip, &ctx).unwrap();
        extract(&container, "ppt/presentation.xml", &ctx).unwrap()
    }

    #[test]
    fn slides_come_in_presentation_order_with_notes_and_tables() {
        let extracted = deck(false);
        assert_eq!(
            extracted.content,
            "Opening\nFirst title\nPoint\nSub\nc1\tc2\nSpeaker notes\n"
        );
        assert_eq!(
            extracted.pages,
            [
                "Opening\n",
                "First title\nPoint\nSub\nc1\tc2\nSpeaker notes\n"
            ]
        );
        assert_eq!(extracted.tables[0].page, Some(2));
        assert_eq!(extracted.metadata.page_count, Some(2));
    }

    #[test]
    fn markdown_has_titles_as_headings_and_bullets() {
        assert_eq!(
            deck(true).content,
            "## Opening\n\n## First title\n\n- Point\n  - **Sub**\n\n| c1 | c2 |\n| --- | --- |\n\nSpeaker notes\n"
        );
    }

    #[test]
    fn slides_without_a_list_are_ordered_by_number() {
        assert_eq!(trailing_number("ppt/slides/slide12.xml"), 12);
        assert_eq!(trailing_number("x.xml"), u64::MAX);
    }
}
