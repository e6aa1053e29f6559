//! WordprocessingML (DOCX, DOCM, DOTX): the body in order, then headers, footers, footnotes,
//! endnotes and comments. Headings and lists come from the paragraph styles and numbering, bold
//! and italic runs become Markdown emphasis, tables go to `tables` and into the text. Tracked
//! insertions are kept and deletions dropped; of a compatibility block (`mc:AlternateContent`)
//! only the first choice is read, so text boxes are not doubled by their fallback.

use crate::container::{Element, XmlEvent, XmlReader, ZipContainer};
use crate::document::{ErrorKind, ExtractionError, Table};
use crate::formats::{table, Extracted};
use crate::limits::Context;

use super::package::{Ns, Relationships};
use super::render::{ListItem, Output, Paragraph, RunStyle};
use super::styles::{Numbering, Styles};

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
            _ => return Action::Continue,
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
mod tests {
    use super::*;
    use crate::config::{ExtractionConfig, OutputFormat};
    use crate::container::zip::tests::build_zip;

    pub(crate) const W: &str =
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
         xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";

    fn run(body: &str, extra: &[(&str, &str)], markdown: bool) -> Extracted {
        let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
        let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
            <Relationship Id=\"rId1\" Type=\"http://x/styles\" Target=\"styles.xml\"/>\
            <Relationship Id=\"rId2\" Type=\"http://x/numbering\" Target=\"numbering.xml\"/>\
            <Relationship Id=\"rId3\" Type=\"http://x/hyperlink\" Target=\"https://example.com/\" TargetMode=\"External\"/>\
            <Relationship Id=\"rId4\" Type=\"http://x/header\" Target=\"header1.xml\"/>\
            <Relationship Id=\"rId5\" Type=\"http://x/footnotes\" Target=\"footnotes.xml\"/>\
            </Relationships>";
        let mut entries: Vec<(&str, &[u8], bool)> = vec![
            ("word/document.xml", document.as_bytes(), true),
            ("word/_rels/document.xml.rels", rels.as_bytes(), true),
        ];
        for (name, text) in extra {
            entries.push((name, text.as_bytes(), true));
        }
        let zip = build_zip(&entries);
        let config = ExtractionConfig {
            output_format: if markdown {
                OutputFormat::Markdown
            } else {
                OutputFormat::Plain
            },
            extract_tables: true,
            ..ExtractionConfig::default()
        };
        let ctx = Context::new("t.docx", &config);
        let container = ZipContainer::open(&zip, &ctx).unwrap();
        extract(&container, "word/document.xml", &ctx).unwrap()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn paragraphs_runs_tabs_and_breaks_in_order() {
        let body = format!(
            "{}<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>{}",
            p("First"),
            p("Last")
        );
        assert_eq!(run(&body, &[], false).content, "First\na\tb\nc\nLast\n");
    }

    #[test]
    fn tracked_insertions_are_kept_and_deletions_dropped() {
        let body = "<w:p><w:r><w:t xml:space='preserve'>keep </w:t></w:r>\
            <w:ins><w:r><w:t>inserted</w:t></w:r></w:ins>\
            <w:del><w:r><w:delText>deleted</w:delText></w:r></w:del>\
            <w:r><w:instrText>HYPERLINK x</w:instrText></w:r></w:p>";
        assert_eq!(run(body, &[], false).content, "keep inserted\n");
    }

    #[test]
    fn headings_lists_emphasis_and_links_become_markdown() {
        let styles = format!(
            "<w:styles {W}><w:style w:styleId='H'><w:name w:val='heading 2'/></w:style></w:styles>"
        );
        let numbering = format!(
            "<w:numbering {W}><w:abstractNum w:abstractNumId='1'><w:lvl w:ilvl='0'><w:numFmt w:val='decimal'/></w:lvl></w:abstractNum>\
             <w:num w:numId='5'><w:abstractNumId w:val='1'/></w:num></w:numbering>"
        );
        let body = "<w:p><w:pPr><w:pStyle w:val='H'/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>Title</w:t></w:r></w:p>\
            <w:p><w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='5'/></w:numPr></w:pPr><w:r><w:t>one</w:t></w:r></w:p>\
            <w:p><w:pPr><w:numPr><w:ilvl w:val='1'/><w:numId w:val='5'/></w:numPr></w:pPr><w:r><w:t>sub</w:t></w:r></w:p>\
            <w:p><w:r><w:t xml:space='preserve'>plain </w:t></w:r><w:r><w:rPr><w:b/><w:i w:val='0'/></w:rPr><w:t>bold</w:t></w:r>\
            <w:r><w:t xml:space='preserve'> </w:t></w:r><w:hyperlink r:id='rId3'><w:r><w:t>site</w:t></w:r></w:hyperlink></w:p>";
        let extracted = run(
            body,
            &[
                ("word/styles.xml", &styles),
                ("word/numbering.xml", &numbering),
            ],
            true,
        );
        assert_eq!(
            extracted.content,
            "## Title\n\n1. one\n  - sub\n\nplain **bold** [site](https://example.com/)\n"
        );
    }

    #[test]
    fn tables_go_to_tables_and_text_with_nested_tables_flattened() {
        let body = format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}{}</w:tc><w:tc>\
             <w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>{}",
            p("h1"),
            p("h2"),
            p("x"),
            p("y"),
            p("n1"),
            p("n2"),
            p("after")
        );
        let extracted = run(&body, &[], true);
        assert_eq!(
            extracted.content,
            "| h1 | h2 |\n| --- | --- |\n| x<br>y | n1 n2 |\n\nafter\n"
        );
        assert_eq!(extracted.tables.len(), 2);
        assert_eq!(
            extracted.tables[1].cells,
            [["h1", "h2"], ["x\ny", "n1\tn2"]]
        );
        assert_eq!(
            run(&body, &[], false).content,
            "h1\th2\nx y\tn1 n2\nafter\n"
        );
    }

    #[test]
    fn text_boxes_are_read_once_and_headers_and_footnotes_are_included() {
        let body = format!(
            "<w:p><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><w:txbxContent>{}</w:txbxContent></w:drawing></mc:Choice>\
             <mc:Fallback><w:pict><w:txbxContent>{}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>\
             <w:r><w:t>outer</w:t></w:r></w:p>",
            p("boxed"),
            p("boxed")
        );
        let header = format!("<w:hdr {W}>{}</w:hdr>", p("Header text"));
        let footnotes = format!(
            "<w:footnotes {W}><w:footnote w:type='separator' w:id='-1'>{}</w:footnote>\
             <w:footnote w:id='1'>{}</w:footnote></w:footnotes>",
            p("----"),
            p("A note")
        );
        let extracted = run(
            &body,
            &[
                ("word/header1.xml", &header),
                ("word/footnotes.xml", &footnotes),
            ],
            false,
        );
        assert_eq!(extracted.content, "Header text\nboxed\nouter\nA note\n");
    }
}
