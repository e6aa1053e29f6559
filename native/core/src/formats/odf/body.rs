//! The body of an OpenDocument text, presentation or drawing, in document order: headings,
//! paragraphs, lists and tables (as Markdown with `outputFormat=markdown`), text boxes,
//! footnotes, comments, and for presentations one page per slide with its speaker notes.
//! Deleted text of tracked changes (`text:tracked-changes`) is left out; inserted text stays.
//! Headers and footers of master pages frame a text document; a presentation master's own
//! shapes follow the first slide that uses it; embedded objects follow their paragraph.
//!
//! The reader keeps an explicit stack of what is open, so nesting costs heap, never call stack.

use crate::config::OutputFormat;
use crate::container::{Element, XmlEvent, XmlReader};
use crate::document::{ExtractionError, Table};
use crate::formats::table::{to_markdown, to_plain};
use crate::formats::Extracted;
use crate::limits::Context;

use std::collections::HashSet;

use super::masters::MasterText;
use super::styles::Styles;
use super::{BodyKind, ObjectText, CHART, DC, DRAW, OFFICE, PRESENTATION, TABLE, TEXT};

/// The most spaces one `text:s` writes, and the most times a repeated table cell is written.
const MAX_REPEAT: usize = 256;

/// A paragraph being built.
#[derive(Debug, Default)]
struct Para {
    text: String,
    heading: Option<usize>,
    prefix: String,
    title: bool,
}

/// Where blocks go: the document (or slide), a table cell, a note, a comment, speaker notes.
#[derive(Debug, Default)]
struct Sink {
    /// Rendered blocks, and whether each is a list item (list items join with one newline).
    blocks: Vec<(String, bool)>,
    para: Option<Para>,
}

impl Sink {
    fn joined(&self, markdown: bool) -> String {
        let mut out = String::new();
        for (i, (block, item)) in self.blocks.iter().enumerate() {
            if i > 0 {
                let previous_item = self.blocks.get(i - 1).is_some_and(|b| b.1);
                out.push_str(if markdown && !(previous_item && *item) {
                    "\n\n"
                } else {
                    "\n"
                });
            }
            out.push_str(block);
        }
        out
    }
}

#[derive(Debug)]
enum Open {
    Para,
    Span { start: usize, marker: &'static str },
    Link { start: usize, href: String },
    List,
    Item,
    Table { rows: Vec<Vec<String>> },
    Row,
    Cell { repeat: usize },
    Note { citation: String },
    NoteBody,
    Annotation,
    Frame { title: bool },
    TextBox,
    Page { master: Option<String> },
    SpeakerNotes,
    Styles,
}

struct ListState {
    numbered: bool,
    counter: usize,
    /// The next paragraph of the current item is its first (gets the bullet).
    fresh_item: bool,
}

struct BodyReader<'c> {
    ctx: &'c Context<'c>,
    masters: &'c MasterText,
    objects: &'c ObjectText<'c>,
    /// Embedded objects' text, written once the paragraph that holds them ends.
    pending_objects: Vec<String>,
    /// The presentation masters whose shapes were written.
    masters_written: HashSet<String>,
    markdown: bool,
    kind: BodyKind,
    styles: Styles,
    open: Vec<(usize, Open)>,
    sinks: Vec<Sink>,
    lists: Vec<ListState>,
    notes: Vec<String>,
    pending_note: Option<String>,
    comments: Vec<String>,
    speaker_notes: Vec<String>,
    pages: Vec<String>,
    tables: Vec<Table>,
    in_body: bool,
    title_frames: usize,
    output: usize,
}

/// Reads the body of `bytes` (a content part or a flat document).
pub fn read<'c>(
    bytes: &[u8],
    part: &str,
    kind: BodyKind,
    masters: &'c MasterText,
    objects: &'c ObjectText<'c>,
    ctx: &'c Context<'c>,
) -> Result<Extracted, ExtractionError> {
    let text = crate::container::xml::decode(bytes);
    let mut reader = XmlReader::new(&text, part, ctx);
    let mut body = BodyReader {
        ctx,
        masters,
        objects,
        pending_objects: Vec::new(),
        masters_written: HashSet::new(),
        markdown: ctx.config.output_format == OutputFormat::Markdown,
        kind,
        styles: Styles::default(),
        open: Vec::new(),
        sinks: vec![Sink::default()],
        lists: Vec::new(),
        notes: Vec::new(),
        pending_note: None,
        comments: Vec::new(),
        speaker_notes: Vec::new(),
        pages: Vec::new(),
        tables: Vec::new(),
        in_body: false,
        title_frames: 0,
        output: 0,
    };
    // The reader's depth, kept here because an event borrows the reader.
    let mut depth = 0usize;
    while let Some(event) = reader.next()? {
        match event {
            XmlEvent::Start(element) => {
                depth += 1;
                if body.skips(&element) {
                    reader.skip_element()?;
                    depth -= 1;
                    continue;
                }
                body.start(&element, depth)?;
            }
            XmlEvent::End(_) => {
                depth = depth.saturating_sub(1);
                body.close_to(depth)?;
            }
            XmlEvent::Text(text) => body.text(&text),
        }
    }
    body.close_to(0)?;
    body.finish()
}

impl BodyReader<'_> {
    fn sink(&mut self) -> &mut Sink {
        if self.sinks.is_empty() {
            self.sinks.push(Sink::default());
        }
        let last = self.sinks.len() - 1;
        &mut self.sinks[last]
    }

    /// Elements whose content never shows: deleted text, declarations, settings, sources of
    /// generated indexes, image descriptions.
    fn skips(&self, element: &Element<'_, '_>) -> bool {
        let local = element.local();
        (element.ns == TEXT
            && (matches!(
                local,
                b"tracked-changes"
                    | b"sequence-decls"
                    | b"variable-decls"
                    | b"user-field-decls"
                    | b"note-citation-placeholder"
            ) || local.ends_with(b"-source")))
            || (element.ns == OFFICE
                && matches!(
                    local,
                    b"meta"
                        | b"settings"
                        | b"scripts"
                        | b"font-face-decls"
                        | b"forms"
                        | b"event-listeners"
                        | b"master-styles"
                ))
            || matches!(local, b"title" | b"desc")
                && element.ns != TEXT
                && element.ns != DC
                && element.ns != CHART
            || (element.ns == DRAW && matches!(local, b"page-thumbnail" | b"image"))
    }

    fn start(&mut self, element: &Element<'_, '_>, depth: usize) -> Result<(), ExtractionError> {
        let ns = element.ns;
        let local = element.local();
        if self.in_styles() {
            self.styles.start(element);
            return Ok(());
        }
        if ns == OFFICE {
            match local {
                b"automatic-styles" | b"styles" => self.push(depth, Open::Styles),
                b"body" => self.in_body = true,
                b"annotation" => {
                    self.sinks.push(Sink::default());
                    self.push(depth, Open::Annotation);
                }
                _ => {}
            }
            return Ok(());
        }
        if !self.in_body {
            return Ok(());
        }
        if ns == TEXT {
            match local {
                b"p" | b"h" => {
                    self.flush_para();
                    let heading = (local == b"h").then(|| {
                        element
                            .attr(b"outline-level")
                            .and_then(|l| l.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, 6)
                    });
                    let prefix = self.list_prefix(heading.is_some());
                    let title = self.title_frames > 0;
                    self.sink().para = Some(Para {
                        heading,
                        prefix,
                        title,
                        ..Para::default()
                    });
                    self.push(depth, Open::Para);
                }
                b"span" => {
                    let emphasis = element
                        .attr(b"style-name")
                        .map(|name| self.styles.emphasis(&name))
                        .unwrap_or_default();
                    let marker = match (self.markdown, emphasis.bold, emphasis.italic) {
                        (false, ..) => "",
                        (true, true, true) => "***",
                        (true, true, false) => "**",
                        (true, false, true) => "*",
                        _ => "",
                    };
                    let start = self.para_len();
                    self.para_push(marker);
                    self.push(depth, Open::Span { start, marker });
                }
                b"a" => {
                    let href = element.attr(b"href").unwrap_or_default();
                    let start = self.para_len();
                    self.push(depth, Open::Link { start, href });
                }
                b"s" => {
                    let count = element
                        .attr(b"c")
                        .and_then(|c| c.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(MAX_REPEAT);
                    self.para_push(&" ".repeat(count));
                }
                b"tab" => self.para_push("\t"),
                b"line-break" => self.para_push("\n"),
                b"list" => {
                    let numbered = element
                        .attr(b"style-name")
                        .is_some_and(|name| self.styles.is_numbered(&name))
                        || self
                            .lists
                            .last()
                            .is_some_and(|l| l.numbered && element.attr(b"style-name").is_none());
                    self.lists.push(ListState {
                        numbered,
                        counter: 0,
                        fresh_item: false,
                    });
                    self.push(depth, Open::List);
                }
                b"list-item" | b"list-header" => {
                    if let Some(list) = self.lists.last_mut() {
                        list.fresh_item = local == b"list-item";
                        if list.fresh_item {
                            list.counter += 1;
                        }
                    }
                    self.push(depth, Open::Item);
                }
                b"note" => self.push(
                    depth,
                    Open::Note {
                        citation: String::new(),
                    },
                ),
                b"note-citation" => {
                    // Its text is taken by `text()` into the open note.
                }
                b"note-body" => {
                    self.sinks.push(Sink::default());
                    self.push(depth, Open::NoteBody);
                }
                _ => {}
            }
            return Ok(());
        }
        if ns == TABLE {
            match local {
                b"table" => {
                    self.flush_para();
                    self.push(depth, Open::Table { rows: Vec::new() });
                }
                b"table-row" => {
                    if let Some(rows) = self.table_rows() {
                        rows.push(Vec::new());
                    }
                    self.push(depth, Open::Row);
                }
                b"table-cell" | b"covered-table-cell" => {
                    let repeat = element
                        .attr(b"number-columns-repeated")
                        .and_then(|r| r.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_REPEAT);
                    self.sinks.push(Sink::default());
                    self.push(depth, Open::Cell { repeat });
                }
                _ => {}
            }
            return Ok(());
        }
        if ns == DRAW {
            match local {
                b"page" if self.kind != BodyKind::Text => {
                    self.sinks.push(Sink::default());
                    let master = element.attr(b"master-page-name");
                    self.push(depth, Open::Page { master });
                }
                b"object" | b"object-ole" => {
                    if let Some(href) = element.attr(b"href") {
                        if let Some(text) = (self.objects)(&href)? {
                            if !text.trim().is_empty() {
                                self.pending_objects.push(text.trim_end().to_owned());
                            }
                        }
                    }
                }
                b"text-box" => {
                    self.sinks.push(Sink::default());
                    self.push(depth, Open::TextBox);
                }
                b"frame" | b"custom-shape" => {
                    let class = element.attr(b"class").unwrap_or_default();
                    let title = class == "title";
                    if title {
                        self.title_frames += 1;
                    }
                    self.push(depth, Open::Frame { title });
                }
                _ => {}
            }
            return Ok(());
        }
        if ns == PRESENTATION && local == b"notes" {
            self.sinks.push(Sink::default());
            self.push(depth, Open::SpeakerNotes);
        }
        Ok(())
    }

    fn in_styles(&self) -> bool {
        self.open.iter().any(|(_, o)| matches!(o, Open::Styles))
    }

    fn push(&mut self, depth: usize, open: Open) {
        self.open.push((depth, open));
    }

    fn para_len(&mut self) -> usize {
        self.sink().para.as_ref().map_or(0, |p| p.text.len())
    }

    fn para_push(&mut self, s: &str) {
        if let Some(para) = self.sink().para.as_mut() {
            para.text.push_str(s);
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_styles() || !self.in_body {
            return;
        }
        // A footnote's citation belongs to the note, not to the paragraph.
        if let Some((_, Open::Note { citation })) = self
            .open
            .iter_mut()
            .rev()
            .find(|(_, o)| matches!(o, Open::Note { .. } | Open::NoteBody))
        {
            citation.push_str(text.trim());
            return;
        }
        let Some(para) = self.sink().para.as_mut() else {
            return;
        };
        // Whitespace in ODF text collapses like HTML's; `text:s` carries real spaces.
        for c in text.chars() {
            if c.is_whitespace() {
                if !para.text.is_empty() && !para.text.ends_with([' ', '\n', '\t']) {
                    para.text.push(' ');
                }
            } else {
                para.text.push(c);
            }
        }
    }

    /// The bullet or number of the first paragraph of a list item, or the indent of a later
    /// one.
    fn list_prefix(&mut self, heading: bool) -> String {
        let level = self.lists.len();
        let markdown = self.markdown;
        let Some(list) = self.lists.last_mut() else {
            return String::new();
        };
        if heading || !markdown {
            list.fresh_item = false;
            return String::new();
        }
        let indent = "  ".repeat(level.saturating_sub(1));
        if list.fresh_item {
            list.fresh_item = false;
            if list.numbered {
                format!("{indent}{}. ", list.counter)
            } else {
                format!("{indent}- ")
            }
        } else {
            format!("{indent}  ")
        }
    }

    fn table_rows(&mut self) -> Option<&mut Vec<Vec<String>>> {
        self.open.iter_mut().rev().find_map(|(_, o)| match o {
            Open::Table { rows } => Some(rows),
            _ => None,
        })
    }

    /// Ends the current sink's paragraph, turning it into a block.
    fn flush_para(&mut self) {
        let markdown = self.markdown;
        let Some(para) = self.sink().para.take() else {
            return;
        };
        let text = para.text.trim();
        if text.is_empty() {
            return;
        }
        let block = match (markdown, para.heading, para.title) {
            (true, _, true) => format!("## {text}"),
            (true, Some(level), _) => format!("{} {text}", "#".repeat(level)),
            _ => format!("{}{text}", para.prefix),
        };
        let item = !para.prefix.is_empty();
        self.output += block.len() + 2;
        self.sink().blocks.push((block, item));
    }

    /// Closes everything opened deeper than `depth`.
    fn close_to(&mut self, depth: usize) -> Result<(), ExtractionError> {
        while self.open.last().is_some_and(|(d, _)| *d > depth) {
            let Some((_, open)) = self.open.pop() else {
                break;
            };
            self.close(open)?;
        }
        self.ctx.limits.check_output(self.ctx.path, self.output)
    }

    /// Writes the embedded objects read so far, once no paragraph of the sink is open.
    fn flush_objects(&mut self) {
        if self.pending_objects.is_empty() || self.sink().para.is_some() {
            return;
        }
        for text in std::mem::take(&mut self.pending_objects) {
            self.output += text.len() + 2;
            self.sink().blocks.push((text, false));
        }
    }

    fn close(&mut self, open: Open) -> Result<(), ExtractionError> {
        match open {
            Open::Para => {
                self.flush_para();
                self.flush_objects();
            }
            Open::Span { start, marker } => {
                if !marker.is_empty() {
                    if let Some(para) = self.sink().para.as_mut() {
                        if para.text.len() == start + marker.len() {
                            para.text.truncate(start);
                        } else {
                            // Markdown emphasis may not end in a space.
                            let trailing = para.text.len() - para.text.trim_end().len();
                            let cut = para.text.len() - trailing;
                            para.text.insert_str(cut, marker);
                        }
                    }
                }
            }
            Open::Link { start, href } => {
                let markdown = self.markdown;
                if let Some(para) = self.sink().para.as_mut() {
                    let has_text = para.text.len() > start && para.text.is_char_boundary(start);
                    if markdown && has_text && !href.is_empty() && !href.starts_with('#') {
                        para.text.insert(start, '[');
                        para.text.push_str("](");
                        para.text.push_str(&href.replace(' ', "%20"));
                        para.text.push(')');
                    }
                }
            }
            Open::List => {
                self.flush_para();
                self.lists.pop();
            }
            Open::Item => self.flush_para(),
            Open::Table { rows } => self.close_table(rows),
            Open::Row => {}
            Open::Cell { repeat } => {
                self.flush_para();
                let sink = self.sinks.pop().unwrap_or_default();
                let text = sink.joined(false);
                if let Some(row) = self.table_rows().and_then(|rows| rows.last_mut()) {
                    for _ in 0..repeat {
                        row.push(text.clone());
                    }
                }
            }
            Open::Note { citation } => {
                if let Some(text) = self.pending_note.take() {
                    let citation = if citation.is_empty() {
                        (self.notes.len() + 1).to_string()
                    } else {
                        citation
                    };
                    if self.markdown {
                        self.para_push(&format!("[^{citation}]"));
                        self.notes.push(format!("[^{citation}]: {text}"));
                    } else {
                        self.notes.push(format!("{citation} {text}"));
                    }
                }
            }
            Open::NoteBody => {
                self.flush_para();
                let sink = self.sinks.pop().unwrap_or_default();
                self.pending_note = Some(sink.joined(false).replace('\n', " "));
            }
            Open::Annotation => {
                self.flush_para();
                let sink = self.sinks.pop().unwrap_or_default();
                let text = sink.joined(false);
                if !text.trim().is_empty() {
                    self.comments.push(format!("Comment: {}", text.trim()));
                }
            }
            Open::Frame { title } => {
                if title {
                    self.title_frames = self.title_frames.saturating_sub(1);
                }
                self.flush_objects();
            }
            Open::TextBox => {
                self.flush_para();
                let sink = self.sinks.pop().unwrap_or_default();
                self.sink().blocks.extend(sink.blocks);
            }
            Open::SpeakerNotes => {
                self.flush_para();
                let sink = self.sinks.pop().unwrap_or_default();
                let text = sink.joined(self.markdown);
                if !text.trim().is_empty() {
                    self.speaker_notes.push(text);
                }
            }
            Open::Page { master } => self.close_page(master),
            Open::Styles => {}
        }
        Ok(())
    }

    fn close_table(&mut self, mut rows: Vec<Vec<String>>) {
        for row in &mut rows {
            while row.last().is_some_and(|c| c.trim().is_empty()) {
                row.pop();
            }
        }
        rows.retain(|row| !row.is_empty());
        if rows.is_empty() {
            return;
        }
        let nested = self
            .open
            .iter()
            .any(|(_, o)| matches!(o, Open::Table { .. }));
        let markdown_table = to_markdown(&rows);
        let block = if self.markdown && !nested {
            markdown_table.trim_end().to_owned()
        } else {
            let mut plain = String::new();
            to_plain(&rows, &mut plain);
            plain.trim_end().to_owned()
        };
        self.output += block.len() + 2;
        self.sink().blocks.push((block, false));
        if self.ctx.config.extract_tables && !nested {
            let page = match self.kind {
                BodyKind::Text => None,
                _ => i32::try_from(self.pages.len() + 1).ok(),
            };
            self.tables.push(Table {
                page,
                cells: rows,
                markdown: markdown_table,
            });
        }
    }

    fn close_page(&mut self, master: Option<String>) {
        self.flush_para();
        self.flush_objects();
        // What the page's master shows on it, with the first page that uses the master.
        let master_text = master
            .filter(|m| self.masters_written.insert(m.clone()))
            .and_then(|m| self.masters.shapes.get(&m));
        if let Some(lines) = master_text {
            for line in lines {
                self.output += line.len() + 2;
                self.sink().blocks.push((line.clone(), false));
            }
        }
        let sink = self.sinks.pop().unwrap_or_default();
        let mut page = sink.joined(self.markdown);
        let notes = std::mem::take(&mut self.speaker_notes);
        if !notes.is_empty() {
            if !page.is_empty() {
                page.push_str("\n\n");
            }
            if self.markdown {
                page.push_str("### Notes\n\n");
            }
            page.push_str(&notes.join("\n\n"));
        }
        let comments = std::mem::take(&mut self.comments);
        if !comments.is_empty() {
            if !page.is_empty() {
                page.push_str("\n\n");
            }
            page.push_str(&comments.join("\n"));
        }
        if !page.is_empty() {
            page.push('\n');
        }
        self.pages.push(page);
    }

    fn finish(mut self) -> Result<Extracted, ExtractionError> {
        self.flush_para();
        self.flush_objects();
        if self.kind == BodyKind::Text {
            // Headers before the body and footers after it, as Word documents are read.
            let root = self.sinks.first_mut();
            if let Some(root) = root {
                let headers = self.masters.headers.iter().map(|h| (h.clone(), false));
                let body = std::mem::take(&mut root.blocks);
                root.blocks = headers.chain(body).collect();
                root.blocks
                    .extend(self.masters.footers.iter().map(|f| (f.clone(), false)));
            }
        }
        let mut root = self
            .sinks
            .first()
            .map(|s| s.joined(self.markdown))
            .unwrap_or_default();
        let tail: Vec<String> = self
            .notes
            .drain(..)
            .chain(self.comments.drain(..))
            .collect();
        if !tail.is_empty() {
            if !root.is_empty() {
                root.push_str("\n\n");
            }
            root.push_str(&tail.join(if self.markdown { "\n\n" } else { "\n" }));
        }
        let mut extracted = Extracted {
            tables: self.tables,
            ..Extracted::default()
        };
        if self.kind == BodyKind::Text || self.pages.is_empty() {
            if !root.is_empty() {
                root.push('\n');
            }
            extracted.content = root;
        } else {
            extracted.metadata.page_count = i32::try_from(self.pages.len()).ok();
            extracted.content = self.pages.join("\u{c}");
            extracted.pages = self.pages;
        }
        self.ctx
            .limits
            .check_output(self.ctx.path, extracted.content.len())?;
        Ok(extracted)
    }
}
