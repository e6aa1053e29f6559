//! PresentationML (PPTX, PPTM, PPSX): the slides in presentation order, each with its shapes'
//! text (titles as headings, body placeholders as bullet lists), tables, charts, SmartArt and
//! embedded objects, then the text its layout and master add to it (once per deck), its speaker
//! notes and its comments; one `pages` entry per slide.

mod shapes;

use std::collections::{HashMap, HashSet};

use crate::container::{XmlEvent, XmlReader, ZipContainer};
use crate::document::{ErrorKind, ExtractionError, Table};
use crate::formats::{table, Extracted};
use crate::limits::Context;

use super::package::{Ns, Relationships};
use super::render::{comment_note, Output};

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
        masters_read: HashSet::new(),
        authors: comment_authors(zip, &rels, ctx),
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
    /// The layouts and masters whose own text was written already.
    masters_read: HashSet<String>,
    /// Comment authors' names by id.
    authors: HashMap<String, String>,
}

/// Which shapes of a part are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartKind {
    Slide,
    /// Speaker notes: the body placeholder and the shapes the notes page adds (text boxes,
    /// tables); not the slide image, nor the header, footer, date and number placeholders,
    /// which repeat on every notes page.
    Notes,
    /// A slide layout or master: only the shapes that are not placeholders, whose text shows on
    /// every slide that uses it (ECMA-376 Part 1, 19.3.1.{39,42}); placeholders hold prompts.
    Master,
}

impl Deck<'_, '_> {
    /// The text of one slide: its shapes, what its layout and master add, its notes and its
    /// comments.
    fn slide(&mut self, part: &str, number: i32) -> Result<String, ExtractionError> {
        let mut out = Output::new(self.markdown);
        let rels = Relationships::read(self.zip, part, self.ctx).unwrap_or_default();
        self.part(part, PartKind::Slide, number, &mut out)?;
        if let Some(layout) = rels.first("slideLayout") {
            let layout = layout.target.clone();
            let layout_rels = Relationships::read(self.zip, &layout, self.ctx).unwrap_or_default();
            let master = layout_rels.first("slideMaster").map(|r| r.target.clone());
            for template in [Some(layout), master].into_iter().flatten() {
                if self.masters_read.insert(template.clone()) {
                    self.part(&template, PartKind::Master, number, &mut out)?;
                }
            }
        }
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
    /// A slide's comments, each headed by its author's name: legacy comments (`p:cm`, the
    /// author from `commentAuthors.xml`) and modern ones with their replies (`p188:cm`,
    /// `p188:reply`, the author from `authors.xml`).
    fn comments(&mut self, name: &str, out: &mut Output) -> Result<(), ExtractionError> {
        let Some(text) = self.read_part(name)? else {
            return Ok(());
        };
        let mut xml = XmlReader::new(&text, name, self.ctx);
        let mut comment: Option<(Option<String>, String)> = None;
        let write = |comment: &mut Option<(Option<String>, String)>, out: &mut Output| {
            if let Some((author, body)) = comment.take() {
                let by = author
                    .and_then(|id| self.authors.get(&id))
                    .map(String::as_str);
                if !body.trim().is_empty() {
                    out.line(&comment_note(by, body.trim()));
                }
            }
        };
        loop {
            let event = match xml.next() {
                Ok(Some(event)) => event,
                Ok(None) => break,
                Err(e) if e.kind == ErrorKind::Parse => break,
                Err(e) => return Err(e),
            };
            match event {
                XmlEvent::Start(e) if matches!(e.local(), b"cm" | b"reply") => {
                    write(&mut comment, out);
                    comment = Some((e.attr(b"authorId"), String::new()));
                }
                XmlEvent::Start(e) if matches!(e.local(), b"text" | b"t" | b"p") => {
                    let paragraph = e.local() == b"p";
                    if paragraph {
                        if let Some((_, body)) = comment.as_mut() {
                            if !body.is_empty() && !body.ends_with('\n') {
                                body.push('\n');
                            }
                        }
                        continue;
                    }
                    let text = xml.element_text()?;
                    match comment.as_mut() {
                        Some((_, body)) => body.push_str(&text),
                        None => out.line(&text),
                    }
                }
                XmlEvent::End(e) if matches!(e.local(), b"cm" | b"reply") => {
                    write(&mut comment, out);
                }
                _ => {}
            }
        }
        write(&mut comment, out);
        Ok(())
    }
}

/// The names of the presentation's comment authors by id: `p:cmAuthor` of the legacy
/// `commentAuthors` part and `p188:author` of the modern `authors` part.
fn comment_authors(
    zip: &ZipContainer<'_>,
    rels: &Relationships,
    ctx: &Context<'_>,
) -> HashMap<String, String> {
    let mut authors = HashMap::new();
    let parts = rels
        .all("commentAuthors")
        .chain(rels.all("authors"))
        .map(|r| r.target.clone())
        .collect::<Vec<_>>();
    for part in parts {
        let Ok(Some(bytes)) = zip.read(&part) else {
            continue;
        };
        let text = crate::container::xml::decode(&bytes);
        let mut xml = XmlReader::new(&text, &part, ctx);
        while let Ok(Some(event)) = xml.next() {
            if let XmlEvent::Start(e) = event {
                if matches!(e.local(), b"cmAuthor" | b"author") {
                    if let (Some(id), Some(name)) = (e.attr(b"id"), e.attr(b"name")) {
                        authors.insert(id, name);
                    }
                }
            }
        }
    }
    authors
}

#[cfg(test)]
mod tests;
