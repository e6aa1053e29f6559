//! Files embedded in a PDF (ISO 32000-2, 7.11.4: the `/EmbeddedFiles` name tree of the catalog's
//! `/Names`): each is detected and extracted with the same extractors as a file would be, and
//! its text follows the document's, headed by its name, as archive entries are. Embedding is
//! followed a few levels deep at most, counting every kind of container on the way.

use std::collections::HashSet;

use hayro_syntax::object::{Array, Dict, ObjectIdentifier, Stream, String as PdfString};

use super::document::PdfDocument;
use super::filters::{decode_stream, Budget};
use super::strings::text_string;
use crate::detect::detect;
use crate::document::{ErrorKind, ExtractionError};
use crate::limits::Context;

/// The most files read from one document.
const MAX_FILES: usize = 256;
/// The deepest name-tree nesting followed.
const MAX_TREE_DEPTH: usize = 16;
/// Containers (archives, PDFs with attachments) inside each other followed at most this deep.
const MAX_NESTING: usize = 4;

/// The embedded files' text, each headed by its name, and their names.
pub fn extract(
    document: &PdfDocument,
    ctx: &Context<'_>,
    budget: &Budget,
) -> Result<(String, Vec<String>), ExtractionError> {
    let mut files = Vec::new();
    if let Some(tree) = document
        .catalog()
        .and_then(|c| c.get::<Dict<'_>>(b"Names"))
        .and_then(|n| n.get::<Dict<'_>>(b"EmbeddedFiles"))
    {
        collect(&tree, 0, &mut files, &mut HashSet::new(), ctx)?;
    }
    let mut text = String::new();
    let mut names = Vec::new();
    if files.is_empty() {
        return Ok((text, names));
    }
    let nesting = ctx.path.matches("!/").count();
    for (name, spec) in files {
        ctx.deadline.check(ctx.path)?;
        let Some(stream) = spec.get::<Dict<'_>>(b"EF").and_then(|ef| {
            ef.get::<Stream<'_>>(b"UF")
                .or_else(|| ef.get::<Stream<'_>>(b"F"))
        }) else {
            continue;
        };
        names.push(name.clone());
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&name);
        text.push('\n');
        if nesting >= MAX_NESTING {
            text.push_str("[not extracted: embedded too deep]\n");
            continue;
        }
        let data = decode_stream(&stream, ctx, budget)?.data;
        let part_path = format!("{}!/{name}", ctx.path);
        let part_ctx = ctx.for_part(&part_path);
        let detection = detect(&name, &data);
        match crate::formats::extract(detection.format, detection.mime_type, &data, &part_ctx) {
            Ok(extracted) => {
                let body = extracted.content.trim_end();
                if !body.is_empty() {
                    text.push_str(body);
                    text.push('\n');
                }
            }
            Err(error) if error.kind == ErrorKind::Timeout => return Err(error),
            Err(error) => {
                text.push_str(&format!("[not extracted: {}]\n", error.kind.code()));
            }
        }
    }
    Ok((text, names))
}

/// The `(name, file specification)` pairs of a name tree node and its kids, in order.
fn collect<'a>(
    node: &Dict<'a>,
    depth: usize,
    out: &mut Vec<(String, Dict<'a>)>,
    seen: &mut HashSet<ObjectIdentifier>,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    ctx.tick()?;
    let repeated = node.obj_id().is_some_and(|id| !seen.insert(id));
    if depth > MAX_TREE_DEPTH || out.len() >= MAX_FILES || repeated {
        return Ok(());
    }
    if let Some(names) = node.get::<Array<'a>>(b"Names") {
        let mut iter = names.flex_iter();
        while out.len() < MAX_FILES {
            let Some(key) = iter.next::<PdfString<'_>>() else {
                break;
            };
            let Some(spec) = iter.next::<Dict<'a>>() else {
                break;
            };
            let name = spec
                .get::<PdfString<'_>>(b"UF")
                .or_else(|| spec.get::<PdfString<'_>>(b"F"))
                .map(|s| text_string(s.as_bytes()))
                .unwrap_or_else(|| text_string(key.as_bytes()));
            out.push((name.replace(['\0', '\n', '\r'], ""), spec));
        }
    }
    if let Some(kids) = node.get::<Array<'a>>(b"Kids") {
        for kid in kids.iter::<Dict<'a>>() {
            collect(&kid, depth + 1, out, seen, ctx)?;
        }
    }
    Ok(())
}
