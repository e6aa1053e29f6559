//! What the Word extractor needs from `styles.xml` and `numbering.xml`: which paragraph styles
//! are headings (by name, "heading 1" or "Title", or by outline level) or lists, and which
//! numbering definitions are bullets rather than numbers.

use std::collections::HashMap;

use crate::container::{XmlEvent, XmlReader};
use crate::document::ExtractionError;
use crate::limits::Context;

use super::package::Ns;

/// How deep `basedOn` chains are followed.
const MAX_STYLE_CHAIN: usize = 16;

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline_level: Option<u8>,
    numbering: Option<(String, usize)>,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
}

impl Styles {
    /// Parses `styles.xml`.
    pub fn parse(text: &str, part: &str, ctx: &Context<'_>) -> Result<Styles, ExtractionError> {
        let mut xml = XmlReader::new(text, part, ctx);
        let mut styles = HashMap::new();
        let mut current: Option<(String, Style)> = None;
        let mut num_id: Option<String> = None;
        let mut level = 0usize;
        while let Some(event) = xml.next()? {
            match event {
                XmlEvent::Start(e) if Ns::of(e.ns) == Ns::Word => match e.local() {
                    b"style" => {
                        current = e.attr(b"styleId").map(|id| (id, Style::default()));
                        num_id = None;
                        level = 0;
                    }
                    b"name" => {
                        if let Some((_, style)) = current.as_mut() {
                            style.name = e.attr(b"val").unwrap_or_default();
                        }
                    }
                    b"basedOn" => {
                        if let Some((_, style)) = current.as_mut() {
                            style.based_on = e.attr(b"val");
                        }
                    }
                    b"outlineLvl" => {
                        if let Some((_, style)) = current.as_mut() {
                            style.outline_level = e.attr(b"val").and_then(|v| v.parse().ok());
                        }
                    }
                    b"numId" => num_id = e.attr(b"val"),
                    b"ilvl" => level = e.attr(b"val").and_then(|v| v.parse().ok()).unwrap_or(0),
                    _ => {}
                },
                XmlEvent::End(e) if Ns::of(e.ns) == Ns::Word && e.local() == b"style" => {
                    if let Some((id, mut style)) = current.take() {
                        style.numbering = num_id.take().map(|n| (n, level));
                        styles.insert(id, style);
                    }
                }
                _ => {}
            }
        }
        Ok(Styles { styles })
    }

    /// The heading level (1 to 6) of paragraph style `id`, following `basedOn`.
    pub fn heading_level(&self, id: &str) -> Option<u8> {
        let mut id = id;
        for _ in 0..MAX_STYLE_CHAIN {
            let Some(style) = self.styles.get(id) else {
                return heading_by_name(id);
            };
            if let Some(level) = heading_by_name(&style.name) {
                return Some(level);
            }
            if let Some(level) = style.outline_level.filter(|l| *l < 9) {
                return Some((level + 1).min(6));
            }
            id = style.based_on.as_deref()?;
        }
        None
    }

    /// The numbering (`numId`, level) paragraph style `id` carries, following `basedOn`.
    pub fn numbering(&self, id: &str) -> Option<(String, usize)> {
        let mut id = id;
        for _ in 0..MAX_STYLE_CHAIN {
            let style = self.styles.get(id)?;
            if let Some(numbering) = &style.numbering {
                return Some(numbering.clone());
            }
            id = style.based_on.as_deref()?;
        }
        None
    }
}

/// "heading 2" (any case, with or without the space) is level 2; "Title" is level 1.
fn heading_by_name(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    if lower == "title" {
        return Some(1);
    }
    let rest = lower.strip_prefix("heading")?.trim_start();
    let level: u8 = rest.parse().ok()?;
    (1..=9).contains(&level).then_some(level.min(6))
}

/// The numbering definitions: which (`numId`, level) pairs are numbered rather than bulleted.
#[derive(Debug, Default)]
pub struct Numbering {
    /// abstractNumId -> level -> numFmt
    abstract_formats: HashMap<String, HashMap<usize, String>>,
    /// numId -> abstractNumId
    nums: HashMap<String, String>,
}

impl Numbering {
    /// Parses `numbering.xml`.
    pub fn parse(text: &str, part: &str, ctx: &Context<'_>) -> Result<Numbering, ExtractionError> {
        let mut xml = XmlReader::new(text, part, ctx);
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level = 0usize;
        while let Some(event) = xml.next()? {
            match event {
                XmlEvent::Start(e) if Ns::of(e.ns) == Ns::Word => match e.local() {
                    b"abstractNum" => abstract_id = e.attr(b"abstractNumId"),
                    b"num" => num_id = e.attr(b"numId"),
                    b"lvl" => level = e.attr(b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
                    b"numFmt" => {
                        if let (Some(id), Some(format)) = (&abstract_id, e.attr(b"val")) {
                            numbering
                                .abstract_formats
                                .entry(id.clone())
                                .or_default()
                                .insert(level, format);
                        }
                    }
                    b"abstractNumId" => {
                        if let (Some(num), Some(id)) = (&num_id, e.attr(b"val")) {
                            numbering.nums.insert(num.clone(), id);
                        }
                    }
                    _ => {}
                },
                XmlEvent::End(e) if Ns::of(e.ns) == Ns::Word => match e.local() {
                    b"abstractNum" => abstract_id = None,
                    b"num" => num_id = None,
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(numbering)
    }

    /// Whether list `num_id` at `level` is numbered (decimal, letters, roman...), not bulleted.
    pub fn is_ordered(&self, num_id: &str, level: usize) -> bool {
        self.nums
            .get(num_id)
            .and_then(|abstract_id| self.abstract_formats.get(abstract_id))
            .and_then(|levels| levels.get(&level))
            .is_some_and(|format| format != "bullet" && format != "none")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    #[test]
    fn headings_come_from_names_outline_levels_and_based_on_chains() {
        let xml = format!(
            "<w:styles {W}><w:style w:styleId='berschrift1'><w:name w:val='heading 1'/></w:style>\
             <w:style w:styleId='Mine'><w:basedOn w:val='berschrift1'/></w:style>\
             <w:style w:styleId='Outline'><w:pPr><w:outlineLvl w:val='2'/></w:pPr></w:style>\
             <w:style w:styleId='Bullets'><w:pPr><w:numPr><w:ilvl w:val='1'/><w:numId w:val='7'/></w:numPr></w:pPr></w:style>\
             <w:style w:styleId='Loop'><w:basedOn w:val='Loop'/></w:style></w:styles>"
        );
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.docx", &config);
        let styles = Styles::parse(&xml, "word/styles.xml", &ctx).unwrap();
        assert_eq!(styles.heading_level("berschrift1"), Some(1));
        assert_eq!(styles.heading_level("Mine"), Some(1));
        assert_eq!(styles.heading_level("Outline"), Some(3));
        assert_eq!(styles.heading_level("Heading2"), Some(2));
        assert_eq!(styles.heading_level("Loop"), None);
        assert_eq!(styles.heading_level("Normal"), None);
        assert_eq!(styles.numbering("Bullets"), Some(("7".to_owned(), 1)));
    }

    #[test]
    fn numbering_formats_tell_numbers_from_bullets() {
        let xml = format!(
            "<w:numbering {W}><w:abstractNum w:abstractNumId='0'><w:lvl w:ilvl='0'><w:numFmt w:val='decimal'/></w:lvl>\
             <w:lvl w:ilvl='1'><w:numFmt w:val='bullet'/></w:lvl></w:abstractNum>\
             <w:num w:numId='3'><w:abstractNumId w:val='0'/></w:num></w:numbering>"
        );
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.docx", &config);
        let numbering = Numbering::parse(&xml, "word/numbering.xml", &ctx).unwrap();
        assert!(numbering.is_ordered("3", 0));
        assert!(!numbering.is_ordered("3", 1));
        assert!(!numbering.is_ordered("9", 0));
    }
}
