//! OpenDocument metadata (OpenDocument 1.3 Part 3, 4.3): the children of `office:meta`, in
//! `meta.xml` or a flat document, into the row's metadata.

use crate::container::{XmlEvent, XmlReader};
use crate::document::{ExtractionError, Metadata};
use crate::formats::spreadsheet::dates::iso8601_micros;
use crate::limits::Context;

use super::{DC, META, OFFICE};

/// Fills `metadata` from the `office:meta` element of `bytes`.
pub fn read(
    bytes: &[u8],
    metadata: &mut Metadata,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    let text = crate::container::xml::decode(bytes);
    let mut reader = XmlReader::new(&text, "meta.xml", ctx);
    let mut meta_depth: Option<usize> = None;
    let mut initial_creator: Option<String> = None;
    let mut creator: Option<String> = None;
    while let Some(event) = reader.next()? {
        match event {
            XmlEvent::Start(element) => {
                if element.is(OFFICE, b"meta") {
                    meta_depth = Some(reader.depth());
                    continue;
                }
                if element.is(OFFICE, b"body") {
                    break;
                }
                if meta_depth.is_none() {
                    continue;
                }
                if element.is(META, b"document-statistic") {
                    for (attr, key) in [
                        (&b"page-count"[..], "page_count"),
                        (b"word-count", "word_count"),
                        (b"character-count", "character_count"),
                        (b"table-count", "table_count"),
                        (b"image-count", "image_count"),
                        (b"paragraph-count", "paragraph_count"),
                    ] {
                        if let Some(value) = element.attr(attr) {
                            if key == "page_count" {
                                metadata.page_count = value.trim().parse().ok();
                            } else {
                                metadata.extra.insert(key.to_owned(), value);
                            }
                        }
                    }
                    continue;
                }
                let user_name = element
                    .is(META, b"user-defined")
                    .then(|| element.attr(b"name"))
                    .flatten();
                let is_dc = element.ns == DC;
                let is_meta = element.ns == META;
                let local = element.local().to_vec();
                let value = reader.element_text()?;
                let value = value.trim().to_owned();
                if value.is_empty() {
                    continue;
                }
                if let Some(name) = user_name {
                    metadata.extra.insert(format!("custom:{name}"), value);
                    continue;
                }
                match (is_dc, is_meta, local.as_slice()) {
                    (true, _, b"title") => metadata.title = Some(value),
                    (true, _, b"subject") => metadata.subject = Some(value),
                    (true, _, b"description") => {
                        metadata.extra.insert("description".to_owned(), value);
                    }
                    (true, _, b"language") => metadata.language = Some(value),
                    (true, _, b"creator") => creator = Some(value),
                    (true, _, b"date") => metadata.modified = iso8601_micros(&value),
                    (_, true, b"initial-creator") => initial_creator = Some(value),
                    (_, true, b"creation-date") => metadata.created = iso8601_micros(&value),
                    (_, true, b"generator") => metadata.creator = Some(value),
                    (_, true, b"keyword") => metadata.keywords.extend(
                        value
                            .split([',', ';'])
                            .map(str::trim)
                            .filter(|k| !k.is_empty())
                            .map(str::to_owned),
                    ),
                    (_, true, b"editing-cycles") => {
                        metadata.extra.insert("revision".to_owned(), value);
                    }
                    _ => {}
                }
            }
            XmlEvent::End(_) => {
                if meta_depth.is_some_and(|d| reader.depth() < d) {
                    break;
                }
            }
            XmlEvent::Text(_) => {}
        }
    }
    if let Some(last) = &creator {
        metadata
            .extra
            .insert("last_modified_by".to_owned(), last.clone());
    }
    if let Some(author) = initial_creator.or(creator) {
        metadata.authors = vec![author];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    #[test]
    fn meta_elements_fill_the_metadata() {
        let xml = r#"<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
            xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
            xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>
            <meta:generator>LibreOffice/7.0</meta:generator><dc:title>Report &amp; more</dc:title>
            <meta:initial-creator>Ann</meta:initial-creator><dc:creator>Bob</dc:creator>
            <meta:creation-date>1970-01-01T00:00:02</meta:creation-date><dc:date>1970-01-01T00:00:03Z</dc:date>
            <dc:language>en-GB</dc:language><meta:keyword>alpha</meta:keyword><meta:keyword>beta</meta:keyword>
            <meta:document-statistic meta:page-count="4" meta:word-count="100"/>
            <meta:user-defined meta:name="Project">Vellum</meta:user-defined>
            </office:meta></office:document-meta>"#;
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.odt", &config);
        let mut metadata = Metadata::default();
        read(xml.as_bytes(), &mut metadata, &ctx).unwrap();
        assert_eq!(metadata.title.as_deref(), Some("Report & more"));
        assert_eq!(metadata.authors, vec!["Ann"]);
        assert_eq!(metadata.extra["last_modified_by"], "Bob");
        assert_eq!(metadata.created, Some(2_000_000));
        assert_eq!(metadata.modified, Some(3_000_000));
        assert_eq!(metadata.language.as_deref(), Some("en-GB"));
        assert_eq!(metadata.keywords, vec!["alpha", "beta"]);
        assert_eq!(metadata.page_count, Some(4));
        assert_eq!(metadata.creator.as_deref(), Some("LibreOffice/7.0"));
        assert_eq!(metadata.extra["custom:Project"], "Vellum");
        assert_eq!(metadata.extra["word_count"], "100");
    }
}
