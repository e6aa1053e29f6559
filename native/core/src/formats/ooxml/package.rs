//! The Open Packaging Conventions layer of OOXML (ECMA-376 part 2): relationship parts, part
//! names resolved against their source, and the namespaces of the transitional and strict
//! vocabularies.

use std::collections::HashMap;

use crate::container::{XmlEvent, XmlReader, ZipContainer};
use crate::document::ExtractionError;
use crate::limits::Context;

/// The OOXML vocabularies an extractor tells apart, transitional and strict alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML (`w:`).
    Word,
    /// DrawingML (`a:`).
    Drawing,
    /// PresentationML (`p:`).
    Presentation,
    /// Relationship references in attributes (`r:`).
    Relationships,
    /// Markup compatibility (`mc:`).
    Compatibility,
    /// DrawingML charts (`c:`).
    Chart,
    /// DrawingML diagrams, SmartArt (`dgm:`).
    Diagram,
    Other,
}

impl Ns {
    pub fn of(uri: &[u8]) -> Ns {
        match uri {
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::Word,
            b"http://schemas.openxmlformats.org/drawingml/2006/main"
            | b"http://purl.oclc.org/ooxml/drawingml/main" => Ns::Drawing,
            b"http://schemas.openxmlformats.org/presentationml/2006/main"
            | b"http://purl.oclc.org/ooxml/presentationml/main" => Ns::Presentation,
            b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
            | b"http://purl.oclc.org/ooxml/officeDocument/relationships" => Ns::Relationships,
            b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Compatibility,
            b"http://schemas.openxmlformats.org/drawingml/2006/chart"
            | b"http://purl.oclc.org/ooxml/drawingml/chart" => Ns::Chart,
            b"http://schemas.openxmlformats.org/drawingml/2006/diagram"
            | b"http://purl.oclc.org/ooxml/drawingml/diagram" => Ns::Diagram,
            _ => Ns::Other,
        }
    }
}

/// One relationship of a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    pub id: String,
    /// The relationship type URI.
    pub kind: String,
    /// The target: a part name (no leading `/`) for internal targets, the URI as written for
    /// external ones.
    pub target: String,
    pub external: bool,
}

impl Relationship {
    /// Whether the type URI ends with `/suffix` (`officeDocument`, `header`, `slide`...), which
    /// matches the transitional and the strict URIs alike.
    pub fn is(&self, suffix: &str) -> bool {
        self.kind
            .rsplit('/')
            .next()
            .is_some_and(|last| last.eq_ignore_ascii_case(suffix))
    }
}

/// The relationships of one part, in document order.
#[derive(Debug, Default)]
pub struct Relationships {
    pub list: Vec<Relationship>,
    by_id: HashMap<String, usize>,
}

impl Relationships {
    /// The relationships of `part` (`word/document.xml`), read from its `_rels/*.rels` part;
    /// empty when there is none. Pass `""` for the package's own relationships.
    pub fn read(
        zip: &ZipContainer<'_>,
        part: &str,
        ctx: &Context<'_>,
    ) -> Result<Relationships, ExtractionError> {
        let rels_name = rels_part_name(part);
        let Some(bytes) = zip.read(&rels_name)? else {
            return Ok(Relationships::default());
        };
        let text = crate::container::xml::decode(&bytes);
        let mut reader = XmlReader::new(&text, &rels_name, ctx);
        let mut rels = Relationships::default();
        while let Some(event) = reader.next()? {
            let XmlEvent::Start(element) = event else {
                continue;
            };
            if element.local() != b"Relationship" {
                continue;
            }
            let (Some(id), Some(kind), Some(target)) = (
                element.attr(b"Id"),
                element.attr(b"Type"),
                element.attr(b"Target"),
            ) else {
                continue;
            };
            let external = element
                .attr(b"TargetMode")
                .is_some_and(|mode| mode.eq_ignore_ascii_case("External"));
            let target = if external {
                target
            } else {
                resolve_target(part, &target)
            };
            rels.by_id.insert(id.clone(), rels.list.len());
            rels.list.push(Relationship {
                id,
                kind,
                target,
                external,
            });
        }
        Ok(rels)
    }

    pub fn get(&self, id: &str) -> Option<&Relationship> {
        self.by_id.get(id).and_then(|&i| self.list.get(i))
    }

    /// The first relationship of type `suffix` (see [`Relationship::is`]).
    pub fn first(&self, suffix: &str) -> Option<&Relationship> {
        self.list.iter().find(|r| r.is(suffix) && !r.external)
    }

    /// Every internal relationship of type `suffix`, in order.
    pub fn all<'s>(&'s self, suffix: &'s str) -> impl Iterator<Item = &'s Relationship> + 's {
        self.list
            .iter()
            .filter(move |r| r.is(suffix) && !r.external)
    }
}

/// `dir/_rels/name.rels` for part `dir/name`; `_rels/.rels` for the package.
pub fn rels_part_name(part: &str) -> String {
    let part = part.trim_start_matches('/');
    match part.rfind('/') {
        Some(slash) => format!("{}/_rels/{}.rels", &part[..slash], &part[slash + 1..]),
        None => format!("_rels/{part}.rels"),
    }
}

/// The part name `target` refers to from `source`: relative to the source's folder, or absolute
/// with a leading `/`; `.` and `..` segments resolved, a fragment or query dropped.
pub fn resolve_target(source: &str, target: &str) -> String {
    let target = target.split(['#', '?']).next().unwrap_or_default();
    let target = percent_decode(target.replace('\\', "/").as_str());
    let mut segments: Vec<&str> = Vec::new();
    let relative = !target.starts_with('/');
    if relative {
        let source = source.trim_start_matches('/');
        if let Some(slash) = source.rfind('/') {
            segments.extend(source[..slash].split('/').filter(|s| !s.is_empty()));
        }
    }
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

/// `%XX` escapes of a part name decoded (part names are IRIs).
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The main part of the package (the target of its `officeDocument` relationship), or the first
/// of `fallbacks` that exists.
pub fn main_part(
    zip: &ZipContainer<'_>,
    ctx: &Context<'_>,
    fallbacks: &[&str],
) -> Result<Option<String>, ExtractionError> {
    let rels = Relationships::read(zip, "", ctx)?;
    if let Some(rel) = rels.first("officeDocument") {
        if let Some(stored) = zip.resolve(&rel.target) {
            return Ok(Some(stored));
        }
    }
    Ok(fallbacks.iter().find_map(|name| zip.resolve(name)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;
    use crate::container::zip::tests::build_zip;

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(
            resolve_target("word/document.xml", "header1.xml"),
            "word/header1.xml"
        );
        assert_eq!(
            resolve_target("ppt/slides/slide1.xml", "../notesSlides/n1.xml"),
            "ppt/notesSlides/n1.xml"
        );
        assert_eq!(
            resolve_target("word/document.xml", "/customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            resolve_target("a/b.xml", "../../../x%20y.xml#frag"),
            "x y.xml"
        );
        assert_eq!(
            rels_part_name("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
        assert_eq!(rels_part_name(""), "_rels/.rels");
    }

    #[test]
    fn relationships_are_read_and_the_main_part_found() {
        let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/word/main.xml"/>
            <Relationship Id="rId2" Type="http://x/hyperlink" Target="http://example.com/?a=1&amp;b=2" TargetMode="External"/>
            </Relationships>"#;
        let zip = build_zip(&[
            ("_rels/.rels", rels, true),
            ("word/main.xml", b"<a/>", false),
        ]);
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.docx", &config);
        let container = ZipContainer::open(&zip, &ctx).unwrap();
        let read = Relationships::read(&container, "", &ctx).unwrap();
        assert_eq!(read.list.len(), 2);
        assert!(read.get("rId1").unwrap().is("officeDocument"));
        assert_eq!(
            read.get("rId2").unwrap().target,
            "http://example.com/?a=1&b=2"
        );
        assert!(read.first("hyperlink").is_none());
        assert_eq!(
            main_part(&container, &ctx, &[]).unwrap().as_deref(),
            Some("word/main.xml")
        );
        assert_eq!(
            Ns::of(b"http://purl.oclc.org/ooxml/wordprocessingml/main"),
            Ns::Word
        );
    }
}
