//! XML with quick-xml: the text of elements and CDATA sections, a line break at the boundaries of
//! elements that are not known inline markup. Only the predefined and numeric entities are
//! resolved: the DTD is never processed and external entities are never loaded, so entity bombs
//! (billion laughs) and XXE files are harmless and finish at once.

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::document::ExtractionError;
use crate::formats::Extracted;
use crate::limits::{line_column, Context};

/// Elements that flow inside a line in the common text vocabularies (XHTML, DocBook, TEI, JATS).
const INLINE: [&[u8]; 30] = [
    b"a",
    b"abbr",
    b"b",
    b"bold",
    b"code",
    b"em",
    b"emphasis",
    b"ext-link",
    b"font",
    b"i",
    b"inline-formula",
    b"italic",
    b"link",
    b"literal",
    b"monospace",
    b"named-content",
    b"phrase",
    b"q",
    b"sc",
    b"small",
    b"span",
    b"strong",
    b"styled-content",
    b"sub",
    b"sup",
    b"tt",
    b"u",
    b"underline",
    b"uri",
    b"xref",
];

/// Collapses whitespace and places line breaks lazily, so no line starts or ends with a space.
#[derive(Debug, Default)]
pub struct TextOut {
    pub out: String,
    pending_break: bool,
    pending_space: bool,
}

impl TextOut {
    pub fn text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = !self.out.is_empty();
                continue;
            }
            if self.pending_break {
                self.out.push('\n');
            } else if self.pending_space {
                self.out.push(' ');
            }
            self.pending_break = false;
            self.pending_space = false;
            self.out.push(c);
        }
    }

    pub fn block(&mut self) {
        self.pending_break = !self.out.is_empty();
    }

    pub fn finish(mut self) -> String {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

/// The encoding an XML declaration names (`<?xml version="1.0" encoding="..."?>`).
pub(crate) fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(256)];
    let head = std::str::from_utf8(head).ok().or_else(|| {
        let valid = head.utf8_chunks().next()?.valid();
        Some(valid)
    })?;
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let after = &decl[decl.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let value = &after[1..];
    crate::text::encoding_for_label(&value[..value.find(quote)?])
}

/// Extracts an XML document.
pub fn extract(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let decoded = crate::text::decode(bytes, declared_encoding(bytes));
    let text = decoded.text.as_ref();
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut out = TextOut::default();
    let mut depth = 0usize;
    let mut title: Option<String> = None;
    let mut title_depth: Option<usize> = None;
    let mut article_title = false;
    let syntax = |reader: &Reader<&[u8]>, message: String| {
        let offset = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
        let (line, column) = line_column(text.as_bytes(), offset);
        ctx.parse_error(format_args!(
            "invalid XML at line {line}, column {column}: {message}"
        ))
    };
    loop {
        ctx.tick()?;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => return Err(syntax(&reader, error.to_string())),
        };
        match event {
            Event::Start(start) => {
                depth += 1;
                if depth > ctx.limits.max_depth {
                    return Err(ctx.limits.depth_error(ctx.path, "elements"));
                }
                let name = start.local_name();
                if !INLINE.contains(&name.as_ref()) {
                    out.block();
                }
                // RSS, Atom and DocBook titles sit near the root; JATS names its own.
                let is_title = (name.as_ref() == b"title" && depth <= 3 && title.is_none())
                    || (name.as_ref() == b"article-title" && !article_title);
                if is_title && title_depth.is_none() {
                    article_title |= name.as_ref() == b"article-title";
                    title_depth = Some(depth);
                    title = Some(String::new());
                }
            }
            Event::End(end) => {
                if title_depth == Some(depth) {
                    title_depth = None;
                }
                depth = depth.saturating_sub(1);
                if !INLINE.contains(&end.local_name().as_ref()) {
                    out.block();
                }
            }
            Event::Empty(empty) => {
                if !INLINE.contains(&empty.local_name().as_ref()) {
                    out.block();
                }
            }
            Event::Text(text) => {
                let text = text.decode().map_err(|e| syntax(&reader, e.to_string()))?;
                if let (Some(_), Some(title)) = (title_depth, title.as_mut()) {
                    title.push_str(&text);
                }
                out.text(&text);
            }
            Event::CData(cdata) => {
                let text = cdata.decode().map_err(|e| syntax(&reader, e.to_string()))?;
                out.text(&text);
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match &*reference {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        // Entities declared in a DTD are never expanded.
                        _ => None,
                    },
                    Err(_) => None,
                };
                if let Some(c) = resolved {
                    let mut buffer = [0u8; 4];
                    let s = c.encode_utf8(&mut buffer);
                    if let (Some(_), Some(title)) = (title_depth, title.as_mut()) {
                        title.push_str(s);
                    }
                    out.text(s);
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
        ctx.limits.check_output(ctx.path, out.out.len())?;
    }
    if depth > 0 {
        return Err(syntax(
            &reader,
            format!("the document ends inside {depth} unclosed element(s)"),
        ));
    }
    let mut extracted = Extracted::with_encoding(out.finish(), decoded.name);
    extracted.metadata.title = title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    Ok(extracted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;
    use crate::document::ErrorKind;

    fn run(xml: &[u8]) -> Result<Extracted, ExtractionError> {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.xml", &config);
        extract(xml, &ctx)
    }

    #[test]
    fn elements_become_lines_and_inline_markup_flows() {
        let xml = b"<?xml version='1.0'?><doc><title>T &amp; U</title>\n  <p>Hello <b>big</b> \
            world&#33;</p><p><![CDATA[<raw>]]></p><empty/><x>a</x><y>b</y></doc>";
        let extracted = run(xml).unwrap();
        assert_eq!(extracted.content, "T & U\nHello big world!\n<raw>\na\nb\n");
        assert_eq!(extracted.metadata.title.as_deref(), Some("T & U"));
    }

    #[test]
    fn the_declared_encoding_is_honoured() {
        let xml = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xE9</a>";
        let extracted = run(xml).unwrap();
        assert_eq!(extracted.content, "caf\u{e9}\n");
        assert_eq!(extracted.metadata.extra["encoding"], "windows-1252");
    }

    #[test]
    fn malformed_xml_is_a_parse_error_with_position() {
        for bad in [&b"<a><b></a>"[..], b"<a>", b"<a></b>", b"<a x='1></a>"] {
            let error = run(bad).unwrap_err();
            assert_eq!(error.kind, ErrorKind::Parse, "{bad:?}");
            assert!(
                error.message.contains("line 1, column"),
                "{}",
                error.message
            );
        }
    }

    #[test]
    fn dtd_entities_are_not_expanded() {
        let xml = b"<!DOCTYPE a [<!ENTITY e \"boom\">]><a>x&e;y</a>";
        assert_eq!(run(xml).unwrap().content, "xy\n");
    }
}
