//! What master pages add to every page (OpenDocument 1.3 Part 3, 16.9 `style:master-page`):
//! the headers and footers of text documents and spreadsheets (16.11, regions included), and
//! the shapes of presentation masters that are not placeholders, such as a footer typed on the
//! master or a company name. Placeholder frames of masters hold prompts ("Click to edit the
//! title text format"), and fields filled per page or per print (page number and count, date,
//! time, sheet and file name) are no content; a line that only numbers pages is dropped.

use std::collections::HashMap;

use crate::container::{XmlEvent, XmlReader};
use crate::document::ExtractionError;
use crate::limits::Context;

use super::{DRAW, OFFICE, PRESENTATION, STYLE, TEXT};

/// The text master pages add.
#[derive(Debug, Default, PartialEq)]
pub struct MasterText {
    /// Header paragraphs of all master pages, each once, in order.
    pub headers: Vec<String>,
    pub footers: Vec<String>,
    /// The text of each presentation master's own shapes, by master page name.
    pub shapes: HashMap<String, Vec<String>>,
}

/// Where the paragraphs being read go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Header,
    Footer,
    Shape,
}

/// One paragraph being read, and whether it holds a page number.
#[derive(Default)]
struct Line {
    text: String,
    numbers_pages: bool,
}

/// Reads the master pages of `bytes` (a styles part, or a flat document), stopping at their
/// end.
pub fn read(bytes: &[u8], part: &str, ctx: &Context<'_>) -> Result<MasterText, ExtractionError> {
    let Some(section) = master_section(bytes) else {
        return Ok(MasterText::default());
    };
    let text = crate::container::xml::decode(&section);
    let mut xml = XmlReader::new(&text, part, ctx);
    let mut masters = MasterText::default();
    let mut in_masters = false;
    let mut master: Option<String> = None;
    // What the open header, footer or shape collects, and the depth where it started.
    let mut target: Option<(Target, usize)> = None;
    let mut line: Option<Line> = None;
    // The reader's depth, kept here because an event borrows the reader.
    let mut depth = 0usize;
    while let Some(event) = xml.next()? {
        match event {
            XmlEvent::Start(e) => {
                depth += 1;
                if e.is(OFFICE, b"master-styles") {
                    in_masters = true;
                    continue;
                }
                if !in_masters {
                    if e.is(OFFICE, b"body") {
                        break;
                    }
                    continue;
                }
                let (ns, local) = (e.ns, e.local());
                if ns == STYLE && local == b"master-page" {
                    master = e.attr(b"name");
                } else if ns == STYLE && local == b"handout-master" {
                    // The layout of printed handouts, not of the slides.
                    xml.skip_element()?;
                    depth -= 1;
                } else if target.is_none() && ns == STYLE && is_header_or_footer(local) {
                    if e.attr(b"display").as_deref() == Some("false") {
                        xml.skip_element()?;
                        depth -= 1;
                        continue;
                    }
                    let kind = if local.starts_with(b"header") {
                        Target::Header
                    } else {
                        Target::Footer
                    };
                    target = Some((kind, depth));
                } else if target.is_none() && ns == DRAW && is_shape(local) {
                    let class = e.attr(b"class");
                    if class
                        .as_deref()
                        .is_some_and(|c| !matches!(c, "header" | "footer"))
                    {
                        xml.skip_element()?;
                        depth -= 1;
                        continue;
                    }
                    target = Some((Target::Shape, depth));
                } else if ns == PRESENTATION && local == b"notes" {
                    xml.skip_element()?;
                    depth -= 1;
                } else if ns == TEXT && matches!(local, b"p" | b"h") && target.is_some() {
                    line = Some(Line::default());
                } else if ns == TEXT && is_per_page_field(local) {
                    if let Some(line) = line.as_mut() {
                        line.numbers_pages |= matches!(local, b"page-number" | b"page-count");
                        line.text.push(' ');
                    }
                    xml.skip_element()?;
                    depth -= 1;
                } else if ns == TEXT && matches!(local, b"s" | b"tab" | b"line-break") {
                    if let Some(line) = line.as_mut() {
                        line.text.push(' ');
                    }
                }
            }
            XmlEvent::Text(text) => {
                if let Some(line) = line.as_mut() {
                    line.text.push_str(&text);
                }
            }
            XmlEvent::End(e) => {
                depth = depth.saturating_sub(1);
                if e.is(OFFICE, b"master-styles") {
                    break;
                }
                if e.ns == TEXT && matches!(e.local(), b"p" | b"h") {
                    if let (Some(done), Some((kind, _))) = (line.take(), target) {
                        keep(&mut masters, kind, master.as_deref(), done);
                    }
                }
                if target.is_some_and(|(_, d)| depth < d) {
                    target = None;
                }
            }
        }
    }
    Ok(masters)
}

/// The master pages' section alone, after the root element's start tag (which declares the
/// namespaces): a styles part is mostly style definitions, which need not be parsed. `None`
/// when there is no such section.
fn master_section(bytes: &[u8]) -> Option<std::borrow::Cow<'_, [u8]>> {
    let marker = memchr::memmem::find(bytes, b":master-styles")?;
    let start = bytes[..marker].iter().rposition(|&b| b == b'<')?;
    let root_end = root_start_tag_end(bytes)?;
    if root_end > start {
        return Some(std::borrow::Cow::Borrowed(bytes));
    }
    let mut section = Vec::with_capacity(root_end + bytes.len() - start);
    section.extend_from_slice(&bytes[..root_end]);
    section.extend_from_slice(&bytes[start..]);
    Some(std::borrow::Cow::Owned(section))
}

/// Where the root element's start tag ends (after its `>`): past the declaration, comments and
/// processing instructions, outside quoted attribute values.
fn root_start_tag_end(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    loop {
        let open = at + memchr::memchr(b'<', bytes.get(at..)?)?;
        match bytes.get(open + 1) {
            Some(b'?' | b'!') => at = open + 2,
            Some(_) => {
                let mut quote: Option<u8> = None;
                for (i, &b) in bytes.iter().enumerate().skip(open + 1) {
                    match (quote, b) {
                        (Some(q), b) if b == q => quote = None,
                        (Some(_), _) => {}
                        (None, b'"' | b'\'') => quote = Some(b),
                        (None, b'>') => return Some(i + 1),
                        (None, _) => {}
                    }
                }
                return None;
            }
            None => return None,
        }
    }
}

/// Adds a finished paragraph where it belongs, unless it says nothing or only numbers pages.
fn keep(masters: &mut MasterText, kind: Target, master: Option<&str>, line: Line) {
    let text = line.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    if words == 0 || (line.numbers_pages && words <= 2) {
        return;
    }
    let list = match kind {
        Target::Header => &mut masters.headers,
        Target::Footer => &mut masters.footers,
        Target::Shape => masters
            .shapes
            .entry(master.unwrap_or_default().to_owned())
            .or_default(),
    };
    if !list.contains(&text) {
        list.push(text);
    }
}

fn is_header_or_footer(local: &[u8]) -> bool {
    matches!(
        local,
        b"header" | b"header-left" | b"header-first" | b"footer" | b"footer-left" | b"footer-first"
    )
}

fn is_shape(local: &[u8]) -> bool {
    matches!(local, b"frame" | b"custom-shape" | b"rect" | b"ellipse")
}

/// Fields whose value changes with the page or the print (OpenDocument 1.3 Part 3, 7.3 and 7.5).
fn is_per_page_field(local: &[u8]) -> bool {
    matches!(
        local,
        b"page-number"
            | b"page-count"
            | b"page-continuation"
            | b"date"
            | b"time"
            | b"sheet-name"
            | b"file-name"
            | b"title"
            | b"subject"
            | b"chapter"
            | b"template-name"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    const NS: &str = "xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0' \
        xmlns:style='urn:oasis:names:tc:opendocument:xmlns:style:1.0' \
        xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0' \
        xmlns:draw='urn:oasis:names:tc:opendocument:xmlns:drawing:1.0' \
        xmlns:presentation='urn:oasis:names:tc:opendocument:xmlns:presentation:1.0'";

    fn read_masters(masters: &str) -> MasterText {
        let xml = format!(
            "<office:document-styles {NS}><office:styles/><office:master-styles>{masters}</office:master-styles></office:document-styles>"
        );
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.ods", &config);
        read(xml.as_bytes(), "styles.xml", &ctx).unwrap()
    }

    #[test]
    fn headers_and_footers_keep_their_words_and_drop_page_fields() {
        let masters = read_masters(
            "<style:master-page style:name='Default'>\
             <style:header><text:p><text:sheet-name>???</text:sheet-name></text:p></style:header>\
             <style:header-left style:display='false'><text:p>hidden</text:p></style:header-left>\
             <style:footer><style:region-left><text:p>Quarterly report</text:p></style:region-left>\
             <style:region-right><text:p>Page <text:page-number>1</text:page-number> / <text:page-count>9</text:page-count></text:p></style:region-right></style:footer>\
             </style:master-page>\
             <style:master-page style:name='Other'><style:footer><text:p>Quarterly report</text:p>\
             <text:p>Printed <text:date>1/2/2024</text:date> by Ann</text:p></style:footer></style:master-page>",
        );
        assert!(masters.headers.is_empty());
        assert_eq!(masters.footers, ["Quarterly report", "Printed by Ann"]);
    }

    #[test]
    fn only_the_master_section_is_parsed_after_the_roots_declarations() {
        let xml = format!(
            "<?xml version='1.0'?><!-- c --><office:document-styles {NS} note='a>b'>\
             <office:styles><broken</office:styles><office:master-styles>\
             <style:master-page style:name='S'><style:footer><text:p>Foot</text:p></style:footer></style:master-page>\
             </office:master-styles></office:document-styles>"
        );
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.odt", &config);
        assert_eq!(
            read(xml.as_bytes(), "styles.xml", &ctx).unwrap().footers,
            ["Foot"]
        );
        assert_eq!(master_section(b"<a/>"), None);
    }

    #[test]
    fn presentation_masters_give_their_own_shapes_and_not_their_prompts() {
        let masters = read_masters(
            "<style:master-page style:name='Default'>\
             <draw:frame presentation:class='title' presentation:placeholder='true'><draw:text-box><text:p>Click to edit the title</text:p></draw:text-box></draw:frame>\
             <draw:frame presentation:class='footer'><draw:text-box><text:p>Master footer</text:p></draw:text-box></draw:frame>\
             <draw:frame presentation:class='page-number'><draw:text-box><text:p><text:page-number>&lt;number&gt;</text:page-number></text:p></draw:text-box></draw:frame>\
             <draw:custom-shape><text:p>ACME Corp</text:p></draw:custom-shape>\
             <presentation:notes><draw:frame><draw:text-box><text:p>notes prompt</text:p></draw:text-box></draw:frame></presentation:notes>\
             </style:master-page>",
        );
        assert_eq!(masters.shapes["Default"], ["Master footer", "ACME Corp"]);
        assert!(masters.footers.is_empty());
    }
}
