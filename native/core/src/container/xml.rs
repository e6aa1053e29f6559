//! Namespace-aware streaming XML for the parts of containers (OOXML, OpenDocument, EPUB), over
//! quick-xml's `NsReader`. The DTD is never processed: only the five predefined entities and
//! character references are resolved, nothing external is ever loaded, so XXE and billion-laughs
//! parts are harmless. Empty elements come as a start and an end, the depth is bounded by
//! `ctx.limits.max_depth`, and every event ticks the document's deadline.

use std::borrow::Cow;

use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::NsReader;

use crate::document::ExtractionError;
use crate::limits::{line_column, Context};

/// The text of an XML part: its declared encoding or BOM honoured, UTF-8 by default.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    crate::text::decode(bytes, crate::formats::xml::declared_encoding(bytes)).text
}

/// An element's start: its namespace URI (empty when unbound) and its tag.
#[derive(Debug)]
pub struct Element<'i, 'r> {
    pub ns: &'r [u8],
    pub tag: BytesStart<'i>,
}

impl Element<'_, '_> {
    /// The local name (without prefix).
    pub fn local(&self) -> &[u8] {
        self.tag.local_name().into_inner()
    }

    /// Whether the element is `local` in namespace `ns`.
    pub fn is(&self, ns: &[u8], local: &[u8]) -> bool {
        self.ns == ns && self.local() == local
    }

    /// The value of the first attribute whose local name is `local` (any prefix), unescaped.
    pub fn attr(&self, local: &[u8]) -> Option<String> {
        self.find_attr(|name| name.local_name().into_inner() == local)
    }

    /// The value of the attribute whose qualified name is exactly `qname` (`r:id`), unescaped.
    pub fn attr_q(&self, qname: &[u8]) -> Option<String> {
        self.find_attr(|name| name.into_inner() == qname)
    }

    fn find_attr(&self, matches: impl Fn(QName<'_>) -> bool) -> Option<String> {
        self.tag
            .attributes()
            .with_checks(false)
            .filter_map(Result::ok)
            .find(|a| matches(a.key))
            .map(|a| match a.unescape_value() {
                Ok(value) => value.into_owned(),
                Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
            })
    }
}

/// An element's end: its namespace URI and tag.
#[derive(Debug)]
pub struct EndTag<'i, 'r> {
    pub ns: &'r [u8],
    pub tag: BytesEnd<'i>,
}

impl EndTag<'_, '_> {
    /// The local name (without prefix).
    pub fn local(&self) -> &[u8] {
        self.tag.local_name().into_inner()
    }

    /// Whether the element is `local` in namespace `ns`.
    pub fn is(&self, ns: &[u8], local: &[u8]) -> bool {
        self.ns == ns && self.local() == local
    }
}

/// One event of the stream.
#[derive(Debug)]
pub enum XmlEvent<'i, 'r> {
    Start(Element<'i, 'r>),
    End(EndTag<'i, 'r>),
    /// Character data (text, CDATA, a resolved reference), possibly in several pieces.
    Text(Cow<'i, str>),
}

/// A pull reader over one XML part of a container.
pub struct XmlReader<'i, 'c> {
    reader: NsReader<&'i [u8]>,
    text: &'i str,
    part: &'c str,
    ctx: &'c Context<'c>,
    depth: usize,
}

impl<'i, 'c> XmlReader<'i, 'c> {
    /// A reader over `text`, the decoded part named `part` (used in error messages).
    pub fn new(text: &'i str, part: &'c str, ctx: &'c Context<'c>) -> Self {
        let mut reader = NsReader::from_str(text);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        config.trim_text(false);
        XmlReader {
            reader,
            text,
            part,
            ctx,
            depth: 0,
        }
    }

    /// The current nesting depth (elements open).
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The next event, `None` at the end of the part. A part cut off inside open elements ends
    /// there without an error: containers are read leniently, like word processors do.
    #[allow(clippy::should_implement_trait)] // it lends events borrowing the reader: no Iterator
    pub fn next(&mut self) -> Result<Option<XmlEvent<'i, '_>>, ExtractionError> {
        let event = loop {
            self.ctx.tick()?;
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(error) => {
                    let offset = usize::try_from(self.reader.error_position()).unwrap_or(0);
                    let (line, column) = line_column(self.text.as_bytes(), offset);
                    return Err(self.ctx.parse_error(format_args!(
                        "invalid XML in part {} at line {line}, column {column}: {error}",
                        self.part
                    )));
                }
            };
            match event {
                Event::Start(_) | Event::End(_) | Event::Text(_) | Event::CData(_) => break event,
                Event::GeneralRef(reference) => {
                    if let Some(c) = resolve_reference(&reference) {
                        return Ok(Some(XmlEvent::Text(Cow::Owned(c.to_string()))));
                    }
                }
                Event::Eof => return Ok(None),
                Event::Empty(_)
                | Event::Decl(_)
                | Event::PI(_)
                | Event::Comment(_)
                | Event::DocType(_) => {}
            }
        };
        Ok(Some(match event {
            Event::Start(tag) => {
                self.depth += 1;
                if self.depth > self.ctx.limits.max_depth {
                    return Err(self.ctx.limits.depth_error(self.ctx.path, "XML elements"));
                }
                let ns = namespace(self.reader.resolve_element(tag.name()).0);
                XmlEvent::Start(Element { ns, tag })
            }
            Event::End(end) => {
                self.depth = self.depth.saturating_sub(1);
                let ns = namespace(self.reader.resolve_element(end.name()).0);
                XmlEvent::End(EndTag { ns, tag: end })
            }
            Event::Text(text) => XmlEvent::Text(normalize_line_ends(lossy(text.into_inner()))),
            Event::CData(data) => XmlEvent::Text(lossy(data.into_inner())),
            _ => return Ok(None),
        }))
    }

    /// Skips the rest of the element whose start was just read (its content and its end).
    pub fn skip_element(&mut self) -> Result<(), ExtractionError> {
        let target = self.depth.saturating_sub(1);
        while self.depth > target {
            if self.next()?.is_none() {
                break;
            }
        }
        Ok(())
    }

    /// The text inside the element whose start was just read, up to and including its end.
    pub fn element_text(&mut self) -> Result<String, ExtractionError> {
        let target = self.depth.saturating_sub(1);
        let mut out = String::new();
        while self.depth > target {
            match self.next()? {
                Some(XmlEvent::Text(text)) => out.push_str(&text),
                Some(_) => {}
                None => break,
            }
        }
        Ok(out)
    }
}

fn namespace(resolved: ResolveResult<'_>) -> &[u8] {
    match resolved {
        ResolveResult::Bound(ns) => ns.into_inner(),
        _ => b"",
    }
}

fn lossy(bytes: Cow<'_, [u8]>) -> Cow<'_, str> {
    match bytes {
        Cow::Borrowed(b) => String::from_utf8_lossy(b),
        Cow::Owned(b) => Cow::Owned(String::from_utf8_lossy(&b).into_owned()),
    }
}

/// A character reference or one of the five predefined entities; `None` for anything a DTD
/// would have to declare (never expanded).
fn resolve_reference(reference: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    match reference.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        Ok(None) => match &**reference {
            b"amp" => Some('&'),
            b"lt" => Some('<'),
            b"gt" => Some('>'),
            b"quot" => Some('"'),
            b"apos" => Some('\''),
            _ => None,
        },
        Err(_) => None,
    }
}

/// XML parsers turn `\r\n` and lone `\r` into `\n` (XML 1.0, section 2.11).
fn normalize_line_ends(text: Cow<'_, str>) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;
    use crate::document::ErrorKind;

    const W: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn events(xml: &str) -> Result<Vec<String>, ExtractionError> {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.docx", &config);
        let mut reader = XmlReader::new(xml, "word/document.xml", &ctx);
        let mut out = Vec::new();
        while let Some(event) = reader.next()? {
            out.push(match event {
                XmlEvent::Start(e) => format!(
                    "<{}{}{}>",
                    if e.ns == W { "w:" } else { "" },
                    String::from_utf8_lossy(e.local()),
                    e.attr(b"val").map(|v| format!(" {v}")).unwrap_or_default()
                ),
                XmlEvent::End(e) => format!("</{}>", String::from_utf8_lossy(e.local())),
                XmlEvent::Text(t) => t.into_owned(),
            });
        }
        Ok(out)
    }

    #[test]
    fn namespaces_resolve_whatever_the_prefix() {
        let xml =
            "<x:document xmlns:x='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>\
                   <x:p><x:pStyle x:val='H&amp;1'/>a &lt; b&#33;</x:p><plain/></x:document>";
        assert_eq!(
            events(xml).unwrap().join(""),
            "<w:document><w:p><w:pStyle H&1></pStyle>a < b!</p><plain></plain></document>"
        );
    }

    #[test]
    fn dtd_entities_are_never_expanded_and_nothing_external_is_read() {
        let xml = "<!DOCTYPE a [<!ENTITY e \"boom\"><!ENTITY x SYSTEM \"file:///etc/passwd\">]>\
                   <a>1&e;2&x;3</a>";
        assert_eq!(events(xml).unwrap().join(""), "<a>123</a>");
    }

    #[test]
    fn malformed_xml_names_the_part_and_depth_is_bounded() {
        let error = events("<a><b></a>").unwrap_err();
        assert_eq!(error.kind, ErrorKind::Parse);
        assert!(
            error.message.contains("part word/document.xml at line 1"),
            "{}",
            error.message
        );
        let deep = "<a>".repeat(20_000);
        assert_eq!(events(&deep).unwrap_err().kind, ErrorKind::Limit);
    }

    #[test]
    fn element_text_and_skip_consume_the_element() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.docx", &config);
        let mut reader = XmlReader::new("<r><t>a<i>b</i>c</t><s>x</s><u/>z</r>", "p", &ctx);
        reader.next().unwrap();
        reader.next().unwrap();
        assert_eq!(reader.element_text().unwrap(), "abc");
        reader.next().unwrap();
        reader.skip_element().unwrap();
        reader.next().unwrap();
        assert_eq!(reader.depth(), 2);
        reader.skip_element().unwrap();
        assert!(matches!(reader.next().unwrap(), Some(XmlEvent::Text(t)) if t == "z"));
        assert_eq!(decode(b"\xEF\xBB\xBF<a/>"), "<a/>");
    }
}
