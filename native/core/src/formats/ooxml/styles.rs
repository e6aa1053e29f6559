//! What the Word extractor needs from `styles.xml` and `numbering.xml`: which paragraph styles
//! are headings (by name, "heading 1" or "Title", or by outline level) or lists, which
//! numbering definitions are bullets rather than numbers, and the labels numbered paragraphs
//! show ("1.", "2.3", "iv)").

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

/// How one level of a numbering definition labels its paragraphs (ECMA-376 Part 1, 17.9.6).
#[derive(Debug, Default, Clone)]
struct Level {
    /// `numFmt`: decimal, lowerLetter, upperRoman, bullet...
    format: String,
    /// `lvlText`: the label, `%1` to `%9` standing for the levels' numbers.
    text: Option<String>,
    start: u32,
}

/// The numbering definitions: which (`numId`, level) pairs are numbered rather than bulleted,
/// and the labels of numbered paragraphs.
#[derive(Debug, Default)]
pub struct Numbering {
    /// abstractNumId -> level -> definition
    abstract_levels: HashMap<String, HashMap<usize, Level>>,
    /// numId -> abstractNumId
    nums: HashMap<String, String>,
    /// numId -> level -> start override (17.9.27 `startOverride`)
    start_overrides: HashMap<String, HashMap<usize, u32>>,
    /// numId -> the current number of each level, 0 before the level's first paragraph.
    counters: HashMap<String, [u32; MAX_LEVELS]>,
}

/// Levels a numbering definition has (`ilvl` 0 to 8).
const MAX_LEVELS: usize = 9;

impl Numbering {
    /// Parses `numbering.xml`.
    pub fn parse(text: &str, part: &str, ctx: &Context<'_>) -> Result<Numbering, ExtractionError> {
        let mut xml = XmlReader::new(text, part, ctx);
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level = 0usize;
        let number = |e: &crate::container::Element<'_, '_>| {
            e.attr(b"val").and_then(|v| v.trim().parse::<u32>().ok())
        };
        while let Some(event) = xml.next()? {
            match event {
                XmlEvent::Start(e) if Ns::of(e.ns) == Ns::Word => match e.local() {
                    b"abstractNum" => abstract_id = e.attr(b"abstractNumId"),
                    b"num" => num_id = e.attr(b"numId"),
                    b"lvl" | b"lvlOverride" => {
                        level = e.attr(b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    }
                    b"numFmt" | b"lvlText" | b"start" if num_id.is_none() => {
                        let Some(id) = &abstract_id else {
                            continue;
                        };
                        let definition = numbering
                            .abstract_levels
                            .entry(id.clone())
                            .or_default()
                            .entry(level)
                            .or_insert_with(|| Level {
                                start: 1,
                                ..Level::default()
                            });
                        match e.local() {
                            b"numFmt" => definition.format = e.attr(b"val").unwrap_or_default(),
                            b"lvlText" => definition.text = e.attr(b"val"),
                            _ => definition.start = number(&e).unwrap_or(1),
                        }
                    }
                    b"startOverride" => {
                        if let (Some(num), Some(start)) = (&num_id, number(&e)) {
                            numbering
                                .start_overrides
                                .entry(num.clone())
                                .or_default()
                                .insert(level, start);
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

    fn level(&self, num_id: &str, level: usize) -> Option<&Level> {
        self.nums
            .get(num_id)
            .and_then(|abstract_id| self.abstract_levels.get(abstract_id))
            .and_then(|levels| levels.get(&level))
    }

    /// Whether list `num_id` at `level` is numbered (decimal, letters, roman...), not bulleted.
    pub fn is_ordered(&self, num_id: &str, level: usize) -> bool {
        self.level(num_id, level)
            .is_some_and(|l| l.format != "bullet" && l.format != "none")
    }

    /// The label of the next paragraph of list `num_id` at `level` ("2.", "1.3", "(b)"), in
    /// document order: the level's number goes up, deeper levels start again (17.9.10). `None`
    /// for bullets and for levels without a definition.
    pub fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        let level = level.min(MAX_LEVELS - 1);
        if !self.is_ordered(num_id, level) {
            return None;
        }
        let mut counters = self
            .counters
            .get(num_id)
            .copied()
            .unwrap_or([0; MAX_LEVELS]);
        counters[level] = match counters[level] {
            0 => self.start(num_id, level),
            n => n.saturating_add(1),
        };
        for deeper in &mut counters[level + 1..] {
            *deeper = 0;
        }
        self.counters.insert(num_id.to_owned(), counters);
        let template = self.level(num_id, level)?.text.clone()?;
        let mut label = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let at = d as usize - 1;
                    let value = match counters[at] {
                        0 => self.start(num_id, at),
                        n => n,
                    };
                    let format = self.level(num_id, at).map_or("decimal", |l| &l.format);
                    label.push_str(&format_number(value, format));
                }
                _ => label.push(c),
            }
        }
        let label = label.trim().to_owned();
        (!label.is_empty()).then_some(label)
    }

    fn start(&self, num_id: &str, level: usize) -> u32 {
        self.start_overrides
            .get(num_id)
            .and_then(|levels| levels.get(&level))
            .copied()
            .or_else(|| self.level(num_id, level).map(|l| l.start))
            .unwrap_or(1)
    }
}

/// A list number in a numbering format (ECMA-376 Part 1, 17.18.59); formats without a
/// rendering here fall back to decimal.
fn format_number(value: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(value).to_ascii_lowercase(),
        "upperLetter" => letters(value),
        "lowerRoman" => roman(value).to_ascii_lowercase(),
        "upperRoman" => roman(value),
        "decimalZero" => format!("{value:02}"),
        "none" => String::new(),
        _ => value.to_string(),
    }
}

/// A, B, ... Z, AA, BB, ...: Word repeats the letter past Z.
fn letters(value: u32) -> String {
    if value == 0 {
        return String::new();
    }
    let index = (value - 1) % 26;
    let repeat = ((value - 1) / 26 + 1).min(100) as usize;
    let letter = char::from(b'A' + index as u8);
    std::iter::repeat_n(letter, repeat).collect()
}

fn roman(mut value: u32) -> String {
    if value == 0 || value > 3999 {
        return value.to_string();
    }
    let mut out = String::new();
    for (n, symbol) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while value >= n {
            out.push_str(symbol);
            value -= n;
        }
    }
    out
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

    #[test]
    fn labels_count_per_level_and_restart_deeper_levels() {
        let xml = format!(
            "<w:numbering {W}><w:abstractNum w:abstractNumId='0'>\
             <w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='decimal'/><w:lvlText w:val='%1.'/></w:lvl>\
             <w:lvl w:ilvl='1'><w:start w:val='1'/><w:numFmt w:val='lowerLetter'/><w:lvlText w:val='%1.%2)'/></w:lvl>\
             <w:lvl w:ilvl='2'><w:numFmt w:val='bullet'/><w:lvlText w:val='-'/></w:lvl></w:abstractNum>\
             <w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>\
             <w:num w:numId='2'><w:abstractNumId w:val='0'/><w:lvlOverride w:ilvl='0'><w:startOverride w:val='4'/></w:lvlOverride></w:num>\
             </w:numbering>"
        );
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.docx", &config);
        let mut numbering = Numbering::parse(&xml, "word/numbering.xml", &ctx).unwrap();
        let labels: Vec<Option<String>> = [
            ("1", 0),
            ("1", 1),
            ("1", 1),
            ("1", 2),
            ("1", 0),
            ("1", 1),
            ("2", 0),
        ]
        .iter()
        .map(|(num, level)| numbering.next_label(num, *level))
        .collect();
        let expected = [
            Some("1."),
            Some("1.a)"),
            Some("1.b)"),
            None,
            Some("2."),
            Some("2.a)"),
            Some("4."),
        ];
        assert_eq!(labels, expected.map(|l| l.map(str::to_owned)));
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
    }
}
