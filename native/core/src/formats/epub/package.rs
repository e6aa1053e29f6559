//! The EPUB package: `META-INF/container.xml` names the package document (OPF), whose
//! `metadata`, `manifest` and `spine` (EPUB 3.3 section 5; OPF 2.0.1 section 2) say what the
//! publication is and in which order its content documents are read.

use std::collections::HashMap;

use crate::container::{XmlEvent, XmlReader};
use crate::document::ExtractionError;
use crate::limits::Context;

/// Where the package document sits in the container.
pub fn rootfile_path(
    container_xml: &str,
    ctx: &Context<'_>,
) -> Result<Option<String>, ExtractionError> {
    let mut reader = XmlReader::new(container_xml, "META-INF/container.xml", ctx);
    let mut first = None;
    while let Some(event) = reader.next()? {
        if let XmlEvent::Start(element) = event {
            if element.local() != b"rootfile" {
                continue;
            }
            let Some(path) = element.attr(b"full-path") else {
                continue;
            };
            let media_type = element.attr(b"media-type").unwrap_or_default();
            if media_type == "application/oebps-package+xml" {
                return Ok(Some(path));
            }
            first.get_or_insert(path);
        }
    }
    Ok(first)
}

/// One `manifest` item.
#[derive(Debug, Clone)]
pub struct ManifestItem {
    pub href: String,
    pub media_type: String,
}

/// The parts of the package document the extractor uses.
#[derive(Debug, Default)]
pub struct Package {
    pub version: Option<String>,
    pub titles: Vec<String>,
    pub creators: Vec<String>,
    pub contributors: Vec<String>,
    pub languages: Vec<String>,
    pub subjects: Vec<String>,
    pub publisher: Option<String>,
    pub description: Option<String>,
    pub identifier: Option<String>,
    pub rights: Option<String>,
    /// `dc:date` values with their `opf:event` (EPUB 2), if any.
    pub dates: Vec<(Option<String>, String)>,
    /// `meta property="dcterms:modified"` (EPUB 3).
    pub modified: Option<String>,
    /// Manifest items by id, in manifest order.
    pub manifest: Vec<(String, ManifestItem)>,
    /// The `idref`s of the spine, in reading order.
    pub spine: Vec<String>,
}

impl Package {
    /// Reads the package document `opf`, named `part`.
    pub fn parse(opf: &str, part: &str, ctx: &Context<'_>) -> Result<Package, ExtractionError> {
        let mut package = Package::default();
        let mut reader = XmlReader::new(opf, part, ctx);
        let mut in_metadata = false;
        while let Some(event) = reader.next()? {
            let element = match event {
                XmlEvent::Start(element) => element,
                XmlEvent::End(end) => {
                    if end.local() == b"metadata" {
                        in_metadata = false;
                    }
                    continue;
                }
                XmlEvent::Text(_) => continue,
            };
            match element.local() {
                b"package" => package.version = element.attr(b"version"),
                b"metadata" => in_metadata = true,
                b"item" => {
                    let (Some(id), Some(href)) = (element.attr(b"id"), element.attr(b"href"))
                    else {
                        continue;
                    };
                    let media_type = element.attr(b"media-type").unwrap_or_default();
                    package
                        .manifest
                        .push((id, ManifestItem { href, media_type }));
                }
                b"itemref" => {
                    if let Some(idref) = element.attr(b"idref") {
                        package.spine.push(idref);
                    }
                }
                _ if in_metadata => {
                    let local = element.local().to_vec();
                    let event = element.attr(b"event");
                    let property = element.attr(b"property");
                    let text = reader.element_text()?;
                    package.metadata_element(&local, event, property, text);
                }
                _ => {}
            }
        }
        Ok(package)
    }

    fn metadata_element(
        &mut self,
        local: &[u8],
        event: Option<String>,
        property: Option<String>,
        text: String,
    ) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        match local {
            b"title" => self.titles.push(text),
            b"creator" => self.creators.push(text),
            b"contributor" => self.contributors.push(text),
            b"language" => self.languages.push(text),
            b"subject" => self.subjects.push(text),
            b"publisher" => _ = self.publisher.get_or_insert(text),
            b"description" => _ = self.description.get_or_insert(text),
            b"identifier" => _ = self.identifier.get_or_insert(text),
            b"rights" => _ = self.rights.get_or_insert(text),
            b"date" => self.dates.push((event, text)),
            b"meta" if property.as_deref() == Some("dcterms:modified") => {
                self.modified.get_or_insert(text);
            }
            _ => {}
        }
    }

    /// The manifest items of the spine, in reading order; items the manifest lacks are left out.
    pub fn spine_items(&self) -> Vec<&ManifestItem> {
        let by_id: HashMap<&str, &ManifestItem> = self
            .manifest
            .iter()
            .map(|(id, item)| (id.as_str(), item))
            .collect();
        self.spine
            .iter()
            .filter_map(|idref| by_id.get(idref.as_str()).copied())
            .collect()
    }

    /// The date the publication was created: `opf:event="creation"`, else `publication`, else
    /// the first date without an event.
    pub fn created(&self) -> Option<&str> {
        let with_event = |wanted: &str| {
            self.dates
                .iter()
                .find(|(event, _)| event.as_deref() == Some(wanted))
                .map(|(_, date)| date.as_str())
        };
        with_event("creation")
            .or_else(|| with_event("publication"))
            .or_else(|| {
                self.dates
                    .iter()
                    .find(|(event, _)| event.is_none())
                    .map(|(_, date)| date.as_str())
            })
    }

    /// The date of the last modification: `dcterms:modified`, else `opf:event="modification"`.
    pub fn modified(&self) -> Option<&str> {
        self.modified.as_deref().or_else(|| {
            self.dates
                .iter()
                .find(|(event, _)| event.as_deref() == Some("modification"))
                .map(|(_, date)| date.as_str())
        })
    }
}

/// The container path of `href`, relative to the package document at `base` (percent-escapes
/// decoded, a fragment dropped, `.` and `..` segments resolved).
pub fn resolve_href(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or_default();
    let href = percent_decode(href);
    let mut segments: Vec<&str> = if href.starts_with('/') {
        Vec::new()
    } else {
        base.rsplit_once('/')
            .map(|(dir, _)| dir.split('/').collect())
            .unwrap_or_default()
    };
    for segment in href.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    segments.join("/")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    #[test]
    fn hrefs_resolve_against_the_package_folder() {
        assert_eq!(
            resolve_href("OEBPS/content.opf", "text/ch%201.xhtml#x"),
            "OEBPS/text/ch 1.xhtml"
        );
        assert_eq!(resolve_href("OEBPS/content.opf", "../a.xhtml"), "a.xhtml");
        assert_eq!(resolve_href("content.opf", "./b.html"), "b.html");
    }

    #[test]
    fn the_package_gives_metadata_manifest_and_spine() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("b.epub", &config);
        let opf = r#"<package xmlns="http://www.idpf.org/2007/opf" version="2.0"
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
          <metadata><dc:title>A  Book</dc:title><dc:creator>Ann</dc:creator><dc:creator>Bob</dc:creator>
            <dc:date opf:event="modification">2020-01-01</dc:date><dc:date opf:event="publication">2019</dc:date>
            <dc:language>en</dc:language></metadata>
          <manifest><item id="c2" href="c2.xhtml" media-type="application/xhtml+xml"/>
            <item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>
          <spine><itemref idref="c1"/><itemref idref="missing"/><itemref idref="c2"/></spine></package>"#;
        let package = Package::parse(opf, "content.opf", &ctx).unwrap();
        assert_eq!(package.titles, vec!["A Book"]);
        assert_eq!(package.creators, vec!["Ann", "Bob"]);
        assert_eq!(package.created(), Some("2019"));
        assert_eq!(package.modified(), Some("2020-01-01"));
        let hrefs: Vec<_> = package
            .spine_items()
            .iter()
            .map(|i| i.href.as_str())
            .collect();
        assert_eq!(hrefs, vec!["c1.xhtml", "c2.xhtml"]);
        let container = r#"<container><rootfiles><rootfile full-path="OEBPS/p.opf"
            media-type="application/oebps-package+xml"/></rootfiles></container>"#;
        assert_eq!(
            rootfile_path(container, &ctx).unwrap().as_deref(),
            Some("OEBPS/p.opf")
        );
    }
}
