//! SpreadsheetML workbooks (ECMA-376 Part 1, chapter 18): the workbook part and its
//! relationships, shared strings, cell formats, and each worksheet's cells, comments, headers
//! and footers. An XLSB package (its workbook part a `.bin`) goes to `xlsb`.

use std::collections::HashMap;

use crate::container::{XmlEvent, XmlReader, ZipContainer};
use crate::document::{ErrorKind, ExtractionError};
use crate::limits::Context;

use crate::formats::ooxml::objects::ObjectRef;
use crate::formats::ooxml::render::comment_note;

use super::drawing::{drawing_text, objects_text};
use super::number_format::{builtin_code, format, general};
use super::{parse_reference, unescape_ooxml, Cell, CellBudget, Sheet, Workbook};

/// One relationship of a part: its type (the last segment of the type URI) and its target
/// resolved to a part name.
#[derive(Debug, Clone)]
pub struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
}

/// Reads the part `name`, also when the package writes its paths with backslashes.
pub fn read_part(zip: &ZipContainer<'_>, name: &str) -> Result<Option<Vec<u8>>, ExtractionError> {
    match zip.read(name)? {
        Some(bytes) => Ok(Some(bytes)),
        None if name.contains('/') => zip.read(&name.replace('/', "\\")),
        None => Ok(None),
    }
}

/// Whether the package has the part `name` (paths with slashes or backslashes).
pub fn has_part(zip: &ZipContainer<'_>, name: &str) -> bool {
    zip.contains(name) || zip.contains(&name.replace('/', "\\"))
}

/// The relationships of `part` (from `dir/_rels/name.rels`), targets resolved against `part`.
pub fn relationships(
    zip: &ZipContainer<'_>,
    part: &str,
    ctx: &Context<'_>,
) -> Result<Vec<Relationship>, ExtractionError> {
    let (dir, name) = part.rsplit_once('/').unwrap_or(("", part));
    let rels_name = if dir.is_empty() {
        format!("_rels/{name}.rels")
    } else {
        format!("{dir}/_rels/{name}.rels")
    };
    // A damaged relationships part is read as none: the default part names stand in.
    let bytes = match read_part(zip, &rels_name) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Ok(Vec::new()),
        Err(error) if error.kind == ErrorKind::Parse => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let text = crate::container::xml::decode(&bytes);
    let mut reader = XmlReader::new(&text, &rels_name, ctx);
    let mut found = Vec::new();
    while let Some(event) = reader.next()? {
        if let XmlEvent::Start(element) = event {
            if element.local() != b"Relationship" {
                continue;
            }
            if element.attr(b"TargetMode").as_deref() == Some("External") {
                continue;
            }
            let (Some(id), Some(kind), Some(target)) = (
                element.attr(b"Id"),
                element.attr(b"Type"),
                element.attr(b"Target"),
            ) else {
                continue;
            };
            let kind = kind.rsplit('/').next().unwrap_or("").to_owned();
            found.push(Relationship {
                id,
                kind,
                target: resolve_target(dir, &target),
            });
        }
    }
    Ok(found)
}

/// A relationship target as a part name: absolute targets from the root, others from `dir`.
fn resolve_target(dir: &str, target: &str) -> String {
    let mut segments: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// How a cell's number is shown: by its format code, the General format, or as a date.
#[derive(Debug, Clone)]
pub enum NumberStyle {
    General,
    Code(String),
}

/// Number formats by cell-format (xf) index.
#[derive(Debug, Default)]
pub struct Styles {
    pub by_xf: Vec<NumberStyle>,
}

impl Styles {
    /// The style of xf `index` from its number format id and the workbook's custom codes.
    pub fn push(&mut self, id: u32, custom: &HashMap<u32, String>) {
        let code = custom
            .get(&id)
            .map(String::as_str)
            .or_else(|| builtin_code(id));
        self.by_xf.push(match code {
            None | Some("General") | Some("general") => NumberStyle::General,
            Some(code) => NumberStyle::Code(code.to_owned()),
        });
    }

    /// `value` shown with the number format of xf `index`.
    pub fn show(&self, value: f64, index: usize, date1904: bool) -> String {
        match self.by_xf.get(index) {
            Some(NumberStyle::Code(code)) => format(value, code, date1904),
            _ => general(value),
        }
    }
}

/// Reads the workbook whose package is `zip` (XLSX family, or XLSB).
pub fn read(zip: &ZipContainer<'_>, ctx: &Context<'_>) -> Result<Workbook, ExtractionError> {
    let package = relationships(zip, "", ctx)?;
    let workbook_part = package
        .iter()
        .find(|r| r.kind == "officeDocument")
        .map(|r| r.target.clone())
        .filter(|t| has_part(zip, t))
        .or_else(|| {
            ["xl/workbook.xml", "xl/workbook.bin"]
                .into_iter()
                .find(|p| has_part(zip, p))
                .map(str::to_owned)
        })
        .ok_or_else(|| ctx.parse_error("the package has no workbook part"))?;
    if workbook_part.ends_with(".bin") {
        return super::xlsb::read(zip, &workbook_part, ctx);
    }
    let rels = relationships(zip, &workbook_part, ctx)?;
    let part_of = |kind: &str, fallback: &str| {
        rels.iter()
            .find(|r| r.kind == kind)
            .map_or_else(|| fallback.to_owned(), |r| r.target.clone())
    };
    let bytes = zip
        .read(&workbook_part)?
        .ok_or_else(|| ctx.parse_error("the workbook part cannot be read"))?;
    let (sheets, date1904) = read_workbook(&bytes, &workbook_part, ctx)?;
    let strings = match read_part(zip, &part_of("sharedStrings", "xl/sharedStrings.xml"))? {
        Some(bytes) => read_shared_strings(&bytes, ctx)?,
        None => Vec::new(),
    };
    let styles = match read_part(zip, &part_of("styles", "xl/styles.xml"))? {
        Some(bytes) => read_styles(&bytes, ctx)?,
        None => Styles::default(),
    };
    let mut budget = CellBudget::new(ctx);
    let mut workbook = Workbook::default();
    for (name, id) in sheets {
        ctx.deadline.check(ctx.path)?;
        let mut sheet = Sheet {
            name,
            ..Sheet::default()
        };
        // Without relationships, worksheets are found by the names Excel gives them.
        let fallback = Relationship {
            id: id.clone(),
            kind: "worksheet".to_owned(),
            target: format!("xl/worksheets/sheet{}.xml", workbook.sheets.len() + 1),
        };
        let rel = rels.iter().find(|r| r.id == id).unwrap_or(&fallback);
        let mut objects = Vec::new();
        if rel.kind == "worksheet" {
            if let Some(bytes) = read_part(zip, &rel.target)? {
                let reader = SheetReader {
                    strings: &strings,
                    styles: &styles,
                    date1904,
                    ctx,
                };
                objects = reader.read(&bytes, &rel.target, &mut sheet, &mut budget)?;
            }
        }
        if rel.kind == "worksheet" || rel.kind == "chartsheet" {
            for sheet_rel in relationships(zip, &rel.target, ctx)? {
                match sheet_rel.kind.as_str() {
                    "comments" => {
                        if let Some(bytes) = read_part(zip, &sheet_rel.target)? {
                            read_comments(&bytes, &sheet_rel.target, &mut sheet, ctx)?;
                        }
                    }
                    "drawing" => {
                        if let Some(text) = drawing_text(zip, &sheet_rel.target, ctx)? {
                            sheet.notes.push(text.trim_end().to_owned());
                        }
                    }
                    _ => {}
                }
            }
            for text in objects_text(zip, &rel.target, &objects, ctx)? {
                sheet.notes.push(text.trim_end().to_owned());
            }
        }
        workbook.sheets.push(sheet);
    }
    Ok(workbook)
}

/// The sheets (name, relationship id) in order, and whether dates use the 1904 system.
fn read_workbook(
    bytes: &[u8],
    part: &str,
    ctx: &Context<'_>,
) -> Result<(Vec<(String, String)>, bool), ExtractionError> {
    let text = crate::container::xml::decode(bytes);
    let mut reader = XmlReader::new(&text, part, ctx);
    let mut sheets = Vec::new();
    let mut date1904 = false;
    while let Some(event) = reader.next()? {
        if let XmlEvent::Start(element) = event {
            match element.local() {
                b"workbookPr" => {
                    date1904 = matches!(element.attr(b"date1904").as_deref(), Some("1" | "true"));
                }
                b"sheet" => {
                    let name = element.attr(b"name").unwrap_or_default();
                    let id = element.attr(b"id").unwrap_or_default();
                    sheets.push((unescape_ooxml(&name).into_owned(), id));
                }
                _ => {}
            }
        }
    }
    Ok((sheets, date1904))
}

/// The text of a rich-text container (`si`, `is`, `text`): its `t` elements, phonetic runs
/// (`rPh`) left out. The reader has just read the container's start.
fn rich_text(reader: &mut XmlReader<'_, '_>) -> Result<String, ExtractionError> {
    // Depth below the container's start, kept here because an event borrows the reader.
    let mut depth = 1usize;
    let mut out = String::new();
    let mut in_t = false;
    let mut skip_below: Option<usize> = None;
    while let Some(event) = reader.next()? {
        match event {
            XmlEvent::Start(element) => {
                depth += 1;
                if skip_below.is_none() && matches!(element.local(), b"rPh" | b"phoneticPr") {
                    skip_below = Some(depth);
                }
                in_t = element.local() == b"t";
            }
            XmlEvent::End(end) => {
                depth -= 1;
                if skip_below.is_some_and(|d| depth < d) {
                    skip_below = None;
                }
                if end.local() == b"t" {
                    in_t = false;
                }
                if depth == 0 {
                    break;
                }
            }
            XmlEvent::Text(text) => {
                if in_t && skip_below.is_none() {
                    out.push_str(&text);
                }
            }
        }
    }
    Ok(unescape_ooxml(&out).into_owned())
}

fn read_shared_strings(bytes: &[u8], ctx: &Context<'_>) -> Result<Vec<String>, ExtractionError> {
    let text = crate::container::xml::decode(bytes);
    let mut reader = XmlReader::new(&text, "sharedStrings", ctx);
    let mut strings = Vec::new();
    let mut total = 0usize;
    while let Some(event) = reader.next()? {
        if let XmlEvent::Start(element) = event {
            if element.local() == b"si" {
                let s = rich_text(&mut reader)?;
                total += s.len();
                ctx.limits.check_output(ctx.path, total)?;
                strings.push(s);
            }
        }
    }
    Ok(strings)
}

fn read_styles(bytes: &[u8], ctx: &Context<'_>) -> Result<Styles, ExtractionError> {
    let text = crate::container::xml::decode(bytes);
    let mut reader = XmlReader::new(&text, "styles", ctx);
    let mut custom = HashMap::new();
    let mut xf_ids = Vec::new();
    let mut in_cell_xfs = false;
    while let Some(event) = reader.next()? {
        match event {
            XmlEvent::Start(element) => match element.local() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) =
                        (element.attr(b"numFmtId"), element.attr(b"formatCode"))
                    {
                        if let Ok(id) = id.trim().parse::<u32>() {
                            custom.insert(id, code);
                        }
                    }
                }
                b"cellXfs" => in_cell_xfs = true,
                b"xf" if in_cell_xfs => {
                    let id = element
                        .attr(b"numFmtId")
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(0);
                    xf_ids.push(id);
                }
                _ => {}
            },
            XmlEvent::End(end) => {
                if end.local() == b"cellXfs" {
                    in_cell_xfs = false;
                }
            }
            XmlEvent::Text(_) => {}
        }
    }
    let mut styles = Styles::default();
    for id in xf_ids {
        styles.push(id, &custom);
    }
    Ok(styles)
}

struct SheetReader<'a, 'c> {
    strings: &'a [String],
    styles: &'a Styles,
    date1904: bool,
    ctx: &'a Context<'c>,
}

/// What a `c` element holds while it is read.
#[derive(Default)]
struct PendingCell {
    row: u32,
    col: u32,
    kind: String,
    style: usize,
    value: Option<String>,
    inline: Option<String>,
}

impl SheetReader<'_, '_> {
    fn read(
        &self,
        bytes: &[u8],
        part: &str,
        sheet: &mut Sheet,
        budget: &mut CellBudget,
    ) -> Result<Vec<ObjectRef>, ExtractionError> {
        let ctx = self.ctx;
        let mut objects: Vec<ObjectRef> = Vec::new();
        let text = crate::container::xml::decode(bytes);
        let mut reader = XmlReader::new(&text, part, ctx);
        let mut row: u32 = 0;
        let mut next_row: u32 = 0;
        let mut next_col: u32 = 0;
        let mut cell: Option<PendingCell> = None;
        let mut in_v = false;
        let mut header_footer: Option<String> = None;
        while let Some(event) = reader.next()? {
            match event {
                XmlEvent::Start(element) => match element.local() {
                    b"row" => {
                        row = element
                            .attr(b"r")
                            .and_then(|r| r.trim().parse::<u32>().ok())
                            .and_then(|r| r.checked_sub(1))
                            .unwrap_or(next_row);
                        next_row = row.saturating_add(1);
                        next_col = 0;
                    }
                    b"c" => {
                        let (r, c) = element
                            .attr(b"r")
                            .and_then(|r| parse_reference(&r))
                            .unwrap_or((row, next_col));
                        next_col = c.saturating_add(1);
                        cell = Some(PendingCell {
                            row: r,
                            col: c,
                            kind: element.attr(b"t").unwrap_or_default(),
                            style: element
                                .attr(b"s")
                                .and_then(|s| s.trim().parse().ok())
                                .unwrap_or(0),
                            ..PendingCell::default()
                        });
                    }
                    b"v" => in_v = cell.is_some(),
                    b"is" => {
                        let text = rich_text(&mut reader)?;
                        if let Some(cell) = cell.as_mut() {
                            cell.inline = Some(text);
                        }
                    }
                    b"oddHeader" | b"oddFooter" | b"evenHeader" | b"evenFooter"
                    | b"firstHeader" | b"firstFooter" => header_footer = Some(String::new()),
                    // An OLE object, named again in a compatibility fallback: read once.
                    b"oleObject" => {
                        let data = element.attr(b"id");
                        if data.is_some() && !objects.iter().any(|o| o.data == data) {
                            // The legacy VML shape that shows it: `_x0000_s` and its id.
                            let vml_shape = element
                                .attr(b"shapeId")
                                .map(|id| format!("_x0000_s{}", id.trim()));
                            objects.push(ObjectRef {
                                data,
                                preview: None,
                                vml_shape,
                            });
                        }
                    }
                    b"objectPr" => {
                        if let Some(object) = objects.last_mut() {
                            object.preview = object.preview.take().or_else(|| element.attr(b"id"));
                        }
                    }
                    _ => {}
                },
                XmlEvent::Text(text) => {
                    if in_v {
                        if let Some(cell) = cell.as_mut() {
                            cell.value.get_or_insert_with(String::new).push_str(&text);
                        }
                    } else if let Some(hf) = header_footer.as_mut() {
                        hf.push_str(&text);
                    }
                }
                XmlEvent::End(end) => match end.local() {
                    b"v" => in_v = false,
                    b"c" => {
                        if let Some(pending) = cell.take() {
                            if let Some(text) = self.cell_text(pending.kind.as_str(), &pending) {
                                budget.take(1, ctx)?;
                                sheet.cells.push(Cell {
                                    row: pending.row,
                                    col: pending.col,
                                    text,
                                });
                            }
                        }
                    }
                    b"oddHeader" | b"oddFooter" | b"evenHeader" | b"evenFooter"
                    | b"firstHeader" | b"firstFooter" => {
                        if let Some(hf) = header_footer.take() {
                            let text = header_footer_text(&hf);
                            if !text.is_empty() && !sheet.notes.contains(&text) {
                                sheet.notes.push(text);
                            }
                        }
                    }
                    _ => {}
                },
            }
        }
        Ok(objects)
    }

    /// The text a cell shows, `None` when it shows nothing.
    fn cell_text(&self, kind: &str, cell: &PendingCell) -> Option<String> {
        let value = cell.value.as_deref();
        let text = match kind {
            "s" => {
                let index: usize = value?.trim().parse().ok()?;
                self.strings.get(index)?.clone()
            }
            "inlineStr" => cell
                .inline
                .clone()
                .or_else(|| value.map(|v| unescape_ooxml(v).into_owned()))?,
            "str" | "e" | "d" => unescape_ooxml(value?).into_owned(),
            "b" => match value?.trim() {
                "1" | "true" => "TRUE".to_owned(),
                _ => "FALSE".to_owned(),
            },
            _ => {
                let raw = value?.trim();
                match raw.parse::<f64>() {
                    Ok(number) => self.styles.show(number, cell.style, self.date1904),
                    Err(_) => raw.to_owned(),
                }
            }
        };
        (!text.is_empty()).then_some(text)
    }
}

/// A header or footer without its formatting codes (ECMA-376 Part 1, 18.3.1.39: `&L`,
/// `&"Arial,Bold"`, `&12`, `&KFF0000`): sections joined by spaces, fields dropped. A section
/// that numbers pages (`Page &P of &N`) is layout, not content: it is dropped when its words
/// are no more than the two around the numbers.
pub fn header_footer_text(code: &str) -> String {
    let mut sections: Vec<String> = Vec::new();
    let mut section = String::new();
    let mut numbers_pages = false;
    let mut end_section = |section: &mut String, numbers_pages: &mut bool| {
        let words = section.split_whitespace().count();
        if words > 0 && !(*numbers_pages && words <= 2) {
            sections.push(section.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        section.clear();
        *numbers_pages = false;
    };
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '&' {
            section.push(c);
            continue;
        }
        match chars.next() {
            Some('&') => section.push('&'),
            Some('"') => {
                for f in chars.by_ref() {
                    if f == '"' {
                        break;
                    }
                }
            }
            Some('L' | 'C' | 'R') => end_section(&mut section, &mut numbers_pages),
            Some('P' | 'N') => {
                numbers_pages = true;
                section.push(' ');
            }
            // A color: six characters, RRGGBB or a theme color and tint (`01+033`).
            Some('K') => {
                for _ in 0..6 {
                    chars.next_if(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-'));
                }
            }
            Some(d) if d.is_ascii_digit() => {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
            }
            Some(_) | None => {}
        }
    }
    end_section(&mut section, &mut numbers_pages);
    sections.join(" ")
}

fn read_comments(
    bytes: &[u8],
    part: &str,
    sheet: &mut Sheet,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    let text = crate::container::xml::decode(bytes);
    let mut reader = XmlReader::new(&text, part, ctx);
    let mut authors = Vec::new();
    let mut author: Option<usize> = None;
    while let Some(event) = reader.next()? {
        if let XmlEvent::Start(element) = event {
            match element.local() {
                b"author" => authors.push(reader.element_text()?),
                b"comment" => {
                    author = element.attr(b"authorId").and_then(|a| a.parse().ok());
                }
                b"text" => {
                    let body = rich_text(&mut reader)?;
                    let body = body.trim();
                    if body.is_empty() {
                        continue;
                    }
                    let by = author.and_then(|a| authors.get(a)).map(String::as_str);
                    sheet.notes.push(comment_note(by, body));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_part() {
        assert_eq!(
            resolve_target("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve_target("xl", "/xl/styles.xml"), "xl/styles.xml");
        assert_eq!(
            resolve_target("xl/worksheets", "../comments1.xml"),
            "xl/comments1.xml"
        );
        assert_eq!(resolve_target("", "xl/workbook.xml"), "xl/workbook.xml");
    }

    #[test]
    fn header_codes_are_dropped() {
        assert_eq!(
            header_footer_text("&L&\"Arial,Bold\"&12Report&CPage &P of &N&R&&Co"),
            "Report &Co"
        );
        assert_eq!(
            header_footer_text("&CConfidential draft, page &P"),
            "Confidential draft, page"
        );
        assert_eq!(
            header_footer_text("&C&KFFFFFFWhite&K01+033Tinted&R&KFF0000"),
            "WhiteTinted"
        );
    }

    #[test]
    fn styles_fall_back_to_general() {
        let mut styles = Styles::default();
        let custom: HashMap<u32, String> = [(164, "0.0".to_owned())].into();
        styles.push(0, &custom);
        styles.push(164, &custom);
        styles.push(14, &custom);
        styles.push(999, &custom);
        assert_eq!(styles.show(1.25, 0, false), "1.25");
        assert_eq!(styles.show(1.25, 1, false), "1.3");
        assert_eq!(styles.show(44_197.0, 2, false), "1/1/2021");
        assert_eq!(styles.show(2.0, 3, false), "2");
        assert_eq!(styles.show(2.0, 99, false), "2");
    }
}
