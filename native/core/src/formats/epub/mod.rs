//! EPUB 2 and 3: the [`package`] document found through `META-INF/container.xml` gives the
//! metadata and the spine; each content document of the spine, in order, goes through the HTML
//! extractor and becomes one page. Obfuscated fonts are ignored; content documents under DRM
//! ([`encryption`]) make the book an `encrypted` error.

mod encryption;
mod package;

use crate::config::OutputFormat;
use crate::container::ZipContainer;
use crate::document::{ErrorKind, ExtractionError, Metadata};
use crate::formats::calendar::w3c_date_micros;
use crate::formats::Extracted;
use crate::limits::Context;

use package::{resolve_href, ManifestItem, Package};

/// Whether a content document is (X)HTML, by media type or, failing that, by name.
fn is_html(item: &ManifestItem) -> bool {
    let media_type = item.media_type.to_ascii_lowercase();
    if !media_type.is_empty() {
        return media_type.contains("html");
    }
    let name = item.href.to_ascii_lowercase();
    [".xhtml", ".html", ".htm", ".xml"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Extracts an EPUB publication.
pub fn extract(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let zip = ZipContainer::open(bytes, ctx)?;
    let opf_path = match zip.read("META-INF/container.xml")? {
        Some(xml) => {
            let text = crate::container::xml::decode(&xml);
            package::rootfile_path(&text, ctx)?
        }
        None => None,
    };
    // A container without container.xml (a broken OCF) may still hold a package document.
    let opf_path = opf_path
        .and_then(|path| zip.resolve(&path))
        .or_else(|| {
            zip.names()
                .into_iter()
                .find(|name| name.to_ascii_lowercase().ends_with(".opf"))
        })
        .ok_or_else(|| {
            ctx.parse_error("not an EPUB: META-INF/container.xml names no package document")
        })?;
    let opf = zip.read(&opf_path)?.unwrap_or_default();
    let package = Package::parse(&crate::container::xml::decode(&opf), &opf_path, ctx)?;
    let encrypted = match zip.read("META-INF/encryption.xml")? {
        Some(xml) => encryption::encrypted_resources(&crate::container::xml::decode(&xml), ctx)?,
        None => Vec::new(),
    };
    let mut documents: Vec<String> = package
        .spine_items()
        .into_iter()
        .filter(|item| is_html(item))
        .map(|item| resolve_href(&opf_path, &item.href))
        .collect();
    if documents.is_empty() {
        // No usable spine: read the manifest's (X)HTML documents in manifest order.
        documents = package
            .manifest
            .iter()
            .filter(|(_, item)| is_html(item))
            .map(|(_, item)| resolve_href(&opf_path, &item.href))
            .collect();
    }
    if let Some(locked) = encrypted
        .iter()
        .find(|resource| documents.contains(&resource.path))
    {
        return Err(ExtractionError::new(
            ErrorKind::Encrypted,
            format!(
                "{}: the EPUB's content document {} is encrypted with {} (DRM); DRM-protected \
                 books cannot be extracted",
                ctx.path, locked.path, locked.algorithm
            ),
        ));
    }
    let mut extracted = Extracted {
        metadata: metadata(&package),
        ..Extracted::default()
    };
    let separator = match ctx.config.output_format {
        OutputFormat::Markdown => "\n\n",
        OutputFormat::Plain => "\n",
    };
    for document in &documents {
        ctx.deadline.check(ctx.path)?;
        let Some(bytes) = zip.read(document)? else {
            continue;
        };
        let part_path = format!("{}!/{document}", ctx.path);
        let part_ctx = ctx.for_part(&part_path);
        let page = crate::formats::html::extract(&bytes, &part_ctx)?;
        let number = i32::try_from(extracted.pages.len() + 1).unwrap_or(i32::MAX);
        for mut table in page.tables {
            table.page = Some(number);
            extracted.tables.push(table);
        }
        let text = page.content.trim();
        if !text.is_empty() {
            if !extracted.content.is_empty() {
                extracted.content.push_str(separator);
            }
            extracted.content.push_str(text);
        }
        extracted.pages.push(page.content);
        ctx.limits.check_output(ctx.path, extracted.content.len())?;
    }
    if !extracted.content.is_empty() {
        extracted.content.push('\n');
    }
    extracted.metadata.page_count = i32::try_from(extracted.pages.len()).ok();
    Ok(extracted)
}

/// The package's metadata in the output's fields.
fn metadata(package: &Package) -> Metadata {
    let mut metadata = Metadata {
        title: package.titles.first().cloned(),
        authors: package.creators.clone(),
        subject: package.subjects.first().cloned(),
        keywords: package.subjects.clone(),
        language: package.languages.first().cloned(),
        created: package.created().and_then(w3c_date_micros),
        modified: package.modified().and_then(w3c_date_micros),
        ..Metadata::default()
    };
    let extra = &mut metadata.extra;
    let mut put = |key: &str, value: Option<&String>| {
        if let Some(value) = value {
            extra.insert(key.to_owned(), value.clone());
        }
    };
    put("publisher", package.publisher.as_ref());
    put("description", package.description.as_ref());
    put("identifier", package.identifier.as_ref());
    put("rights", package.rights.as_ref());
    put("epubVersion", package.version.as_ref());
    if !package.contributors.is_empty() {
        extra.insert("contributors".to_owned(), package.contributors.join("; "));
    }
    metadata
}

#[cfg(test)]
mod tests;
