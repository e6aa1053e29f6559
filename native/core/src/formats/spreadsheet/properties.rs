//! The package properties of a workbook (ECMA-376 Part 2, 11; Part 1, 22.2): `docProps/core.xml`
//! (title, subject, creator, keywords, dates, language) and `docProps/app.xml` (application,
//! company), into the row's metadata.

use crate::container::{XmlEvent, XmlReader, ZipContainer};
use crate::document::{ExtractionError, Metadata};
use crate::limits::Context;

use super::dates::iso8601_micros;
use super::xlsx::read_part;

/// Fills `metadata` from the package's core and extended properties, when it has them.
pub fn read(
    zip: &ZipContainer<'_>,
    metadata: &mut Metadata,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    if let Some(bytes) = read_part(zip, "docProps/core.xml")? {
        let text = crate::container::xml::decode(&bytes);
        let mut reader = XmlReader::new(&text, "docProps/core.xml", ctx);
        while let Some(event) = reader.next()? {
            let XmlEvent::Start(element) = event else {
                continue;
            };
            let local = element.local().to_vec();
            if reader.depth() != 2 {
                continue;
            }
            let value = reader.element_text()?;
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            apply_core(metadata, &local, value);
        }
    }
    if let Some(bytes) = read_part(zip, "docProps/app.xml")? {
        let text = crate::container::xml::decode(&bytes);
        let mut reader = XmlReader::new(&text, "docProps/app.xml", ctx);
        while let Some(event) = reader.next()? {
            let XmlEvent::Start(element) = event else {
                continue;
            };
            let local = element.local().to_vec();
            if reader.depth() != 2 {
                continue;
            }
            let value = reader.element_text()?;
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match local.as_slice() {
                b"Application" => metadata.creator = Some(value.to_owned()),
                b"Company" => {
                    metadata
                        .extra
                        .insert("company".to_owned(), value.to_owned());
                }
                b"Manager" => {
                    metadata
                        .extra
                        .insert("manager".to_owned(), value.to_owned());
                }
                b"AppVersion" => {
                    metadata
                        .extra
                        .insert("app_version".to_owned(), value.to_owned());
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// One element of the core properties.
pub fn apply_core(metadata: &mut Metadata, local: &[u8], value: &str) {
    let owned = value.to_owned();
    match local {
        b"title" => metadata.title = Some(owned),
        b"subject" => metadata.subject = Some(owned),
        b"creator" => metadata.authors = vec![owned],
        b"keywords" => {
            metadata.keywords = value
                .split([',', ';'])
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_owned)
                .collect();
        }
        b"language" => metadata.language = Some(owned),
        b"created" => metadata.created = iso8601_micros(value),
        b"modified" => metadata.modified = iso8601_micros(value),
        b"description" => {
            metadata.extra.insert("description".to_owned(), owned);
        }
        b"lastModifiedBy" => {
            metadata.extra.insert("last_modified_by".to_owned(), owned);
        }
        b"category" => {
            metadata.extra.insert("category".to_owned(), owned);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_properties_fill_the_metadata() {
        let mut metadata = Metadata::default();
        apply_core(&mut metadata, b"title", "Budget");
        apply_core(&mut metadata, b"creator", "Ann");
        apply_core(&mut metadata, b"keywords", "a, b;c");
        apply_core(&mut metadata, b"created", "1970-01-01T00:00:01Z");
        apply_core(&mut metadata, b"lastModifiedBy", "Bob");
        assert_eq!(metadata.title.as_deref(), Some("Budget"));
        assert_eq!(metadata.authors, vec!["Ann"]);
        assert_eq!(metadata.keywords, vec!["a", "b", "c"]);
        assert_eq!(metadata.created, Some(1_000_000));
        assert_eq!(metadata.extra["last_modified_by"], "Bob");
    }
}
