//! Where the text of an RTF document goes: the body, the table being built from `\cell` and
//! `\row`, or a field of the `\info` group; and the metadata built from those fields.

use std::collections::BTreeMap;

use crate::document::{ExtractionError, Metadata, Table};
use crate::formats::table;
use crate::limits::Context;

/// A text field of the `\info` group (RTF 1.9.1, "Information Group").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum InfoField {
    Title,
    Subject,
    Author,
    Manager,
    Company,
    Operator,
    Category,
    Keywords,
    Comment,
}

impl InfoField {
    pub fn from_word(name: &[u8]) -> Option<Self> {
        Some(match name {
            b"title" => InfoField::Title,
            b"subject" => InfoField::Subject,
            b"author" => InfoField::Author,
            b"manager" => InfoField::Manager,
            b"company" => InfoField::Company,
            b"operator" => InfoField::Operator,
            b"category" => InfoField::Category,
            b"keywords" => InfoField::Keywords,
            b"doccomm" | b"comment" => InfoField::Comment,
            _ => return None,
        })
    }
}

/// A date of the `\info` group: `\creatim` or `\revtim`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InfoTime {
    Created,
    Revised,
}

/// The parts of an `\info` date: year, month, day, hour, minute, second.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateParts([i64; 6]);

impl DateParts {
    /// Sets the part a control word (`\yr`, `\mo`, `\dy`, `\hr`, `\min`, `\sec`) names.
    pub fn set(&mut self, name: &[u8], value: i32) {
        let index = match name {
            b"yr" => 0,
            b"mo" => 1,
            b"dy" => 2,
            b"hr" => 3,
            b"min" => 4,
            b"sec" => 5,
            _ => return,
        };
        self.0[index] = i64::from(value);
    }

    /// Microseconds since the epoch (UTC), when the date is plausible.
    pub fn micros(&self) -> Option<i64> {
        crate::formats::calendar::civil_micros(self.0)
    }
}

/// The rows of the table being read, and the cell being filled.
#[derive(Debug, Default)]
struct TableBuilder {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: String,
}

impl TableBuilder {
    fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.row.is_empty() && self.cell.trim().is_empty()
    }
}

/// Collects the text of one RTF document.
#[derive(Debug)]
pub struct Output {
    markdown: bool,
    body: String,
    table: TableBuilder,
    tables: Vec<Table>,
    cells: usize,
    info: BTreeMap<InfoField, String>,
    /// Comments, written after the body.
    notes: String,
    /// An embedded object's text was the last thing written.
    after_block: bool,
    pub created: DateParts,
    pub revised: DateParts,
}

impl Output {
    pub fn new(markdown: bool) -> Self {
        Output {
            markdown,
            body: String::new(),
            table: TableBuilder::default(),
            tables: Vec::new(),
            cells: 0,
            info: BTreeMap::new(),
            notes: String::new(),
            after_block: false,
            created: DateParts::default(),
            revised: DateParts::default(),
        }
    }

    /// Text of the body; `in_table` when the paragraph is inside a table (`\intbl`).
    pub fn text(
        &mut self,
        text: &str,
        in_table: bool,
        ctx: &Context<'_>,
    ) -> Result<(), ExtractionError> {
        if in_table {
            self.table.cell.push_str(text);
        } else {
            if !self.table.is_empty() && !text.trim().is_empty() {
                self.finish_table(ctx)?;
            }
            if std::mem::take(&mut self.after_block) {
                self.body.push('\n');
            }
            self.body.push_str(text);
        }
        Ok(())
    }

    /// The end of a paragraph (`\par`).
    pub fn paragraph(&mut self, in_table: bool, ctx: &Context<'_>) -> Result<(), ExtractionError> {
        self.after_block = false;
        if in_table {
            self.table.cell.push(' ');
            return Ok(());
        }
        if !self.table.is_empty() {
            self.finish_table(ctx)?;
        }
        self.body
            .push_str(if self.markdown { "\n\n" } else { "\n" });
        Ok(())
    }

    /// Text rendered elsewhere (an embedded object's) as paragraphs of their own.
    pub fn block(
        &mut self,
        text: &str,
        in_table: bool,
        ctx: &Context<'_>,
    ) -> Result<(), ExtractionError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(());
        }
        if in_table {
            self.table.cell.push(' ');
            self.table.cell.push_str(&text.replace('\n', " "));
            return Ok(());
        }
        if !self.table.is_empty() {
            self.finish_table(ctx)?;
        }
        if !self.body.is_empty() && !self.body.ends_with('\n') {
            self.body.push('\n');
        }
        self.body.push_str(text);
        // The paragraph that follows ends the block's last line; text that follows directly
        // starts a new one.
        self.after_block = true;
        Ok(())
    }

    /// A line break inside a paragraph (`\line`).
    pub fn line_break(&mut self, in_table: bool) {
        if in_table {
            self.table.cell.push(' ');
        } else {
            self.body.push('\n');
        }
    }

    /// The end of a table cell (`\cell`).
    pub fn end_cell(&mut self, ctx: &Context<'_>) -> Result<(), ExtractionError> {
        self.cells += 1;
        ctx.limits.check_cells(ctx.path, self.cells)?;
        let cell = std::mem::take(&mut self.table.cell);
        self.table.row.push(cell.trim().to_owned());
        Ok(())
    }

    /// Whether a table row has cells not yet ended by `\row`.
    pub fn in_table_row(&self) -> bool {
        !self.table.row.is_empty()
    }

    /// The end of a table row (`\row`).
    pub fn end_row(&mut self) {
        if !self.table.cell.trim().is_empty() {
            let cell = std::mem::take(&mut self.table.cell);
            self.table.row.push(cell.trim().to_owned());
        }
        self.table.cell.clear();
        let row = std::mem::take(&mut self.table.row);
        if !row.is_empty() {
            self.table.rows.push(row);
        }
    }

    /// Text of a comment.
    pub fn note_text(&mut self, text: &str) {
        self.notes.push_str(text);
    }

    /// Text of a field of the `\info` group.
    pub fn info_text(&mut self, field: InfoField, text: &str) {
        self.info.entry(field).or_default().push_str(text);
    }

    /// Writes the table being built into the body (Markdown or tab-separated lines) and keeps it.
    fn finish_table(&mut self, ctx: &Context<'_>) -> Result<(), ExtractionError> {
        ctx.tick()?;
        self.end_row();
        let rows = std::mem::take(&mut self.table.rows);
        self.table = TableBuilder::default();
        if rows.is_empty() {
            return Ok(());
        }
        if !self.body.is_empty() && !self.body.ends_with('\n') {
            self.body.push('\n');
        }
        let markdown = table::to_markdown(&rows);
        if self.markdown {
            if !self.body.is_empty() && !self.body.ends_with("\n\n") {
                self.body.push('\n');
            }
            self.body.push_str(&markdown);
            self.body.push('\n');
        } else {
            table::to_plain(&rows, &mut self.body);
        }
        self.tables.push(Table {
            page: None,
            cells: rows,
            markdown,
        });
        Ok(())
    }

    /// The text, tables and metadata of the document.
    pub fn finish(
        mut self,
        ctx: &Context<'_>,
    ) -> Result<(String, Vec<Table>, Metadata), ExtractionError> {
        if !self.table.is_empty() {
            self.finish_table(ctx)?;
        }
        let mut content = self.body.trim_end().to_owned();
        let notes = self.notes.trim();
        if !notes.is_empty() {
            content.push_str(if self.markdown { "\n\n" } else { "\n" });
            content.push_str(notes);
        }
        if !content.is_empty() {
            content.push('\n');
        }
        let mut metadata = Metadata {
            created: self.created.micros(),
            modified: self.revised.micros(),
            ..Metadata::default()
        };
        for (field, value) in std::mem::take(&mut self.info) {
            let value = value.trim().to_owned();
            if value.is_empty() {
                continue;
            }
            match field {
                InfoField::Title => metadata.title = Some(value),
                InfoField::Subject => metadata.subject = Some(value),
                InfoField::Author => metadata.authors.push(value),
                InfoField::Keywords => {
                    metadata.keywords = value
                        .split([',', ';'])
                        .map(str::trim)
                        .filter(|k| !k.is_empty())
                        .map(str::to_owned)
                        .collect();
                }
                InfoField::Manager => _ = metadata.extra.insert("manager".into(), value),
                InfoField::Company => _ = metadata.extra.insert("company".into(), value),
                InfoField::Operator => _ = metadata.extra.insert("lastAuthor".into(), value),
                InfoField::Category => _ = metadata.extra.insert("category".into(), value),
                InfoField::Comment => _ = metadata.extra.insert("comments".into(), value),
            }
        }
        Ok((content, self.tables, metadata))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_microseconds_since_the_epoch() {
        let mut date = DateParts::default();
        for (name, value) in [
            (&b"yr"[..], 2004),
            (b"mo", 4),
            (b"dy", 1),
            (b"hr", 12),
            (b"min", 30),
        ] {
            date.set(name, value);
        }
        assert_eq!(date.micros(), Some(1_080_822_600_000_000));
        assert_eq!(DateParts::default().micros(), None);
    }
}
