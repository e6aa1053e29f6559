//! The text a PDF holds outside its page content (ISO 32000-2, 12): annotations (the notes of
//! markup annotations with their authors, and the targets of links), interactive form fields
//! (name and value), and the document outline (bookmarks). Pages get their annotations; the
//! form fields and the outline belong to the whole document. Trees and chains are walked with
//! cycle and size bounds.

use std::collections::HashSet;

use hayro_syntax::object::{Array, Dict, Name, Object, ObjectIdentifier, String as PdfString};
use hayro_syntax::page::Page;

use super::document::PdfDocument;
use super::filters::{decode_stream, Budget};
use super::strings::text_string;
use crate::document::ExtractionError;
use crate::limits::Context;

/// The most annotations read from one page, fields from one form, or outline entries.
const MAX_ITEMS: usize = 10_000;
/// The deepest field or outline nesting followed.
const MAX_DEPTH: usize = 32;

/// The annotations' text of a page: for each markup annotation its title (author) and contents,
/// for each link to a URI the URI in angle brackets; one per line, in the page's order.
pub fn annotations(page: &Page<'_>, ctx: &Context<'_>) -> Result<String, ExtractionError> {
    let mut out = String::new();
    let Some(annots) = page.raw().get::<Array<'_>>(b"Annots") else {
        return Ok(out);
    };
    for annotation in annots.iter::<Dict<'_>>().take(MAX_ITEMS) {
        ctx.tick()?;
        let subtype = annotation.get::<Name<'_>>(b"Subtype");
        match subtype.as_ref().map(|n| n.as_ref()) {
            // Form fields are read from the form; pop-ups repeat their parent's text.
            Some(b"Widget" | b"Popup") | None => {}
            Some(b"Link") => {
                let uri = annotation
                    .get::<Dict<'_>>(b"A")
                    .filter(|a| {
                        a.get::<Name<'_>>(b"S")
                            .is_some_and(|s| s.as_ref() == b"URI")
                    })
                    .and_then(|a| a.get::<PdfString<'_>>(b"URI"))
                    .map(|u| String::from_utf8_lossy(u.as_bytes()).trim().to_owned());
                if let Some(uri) = uri.filter(|u| !u.is_empty()) {
                    push_line(&mut out, &format!("<{uri}>"));
                }
            }
            Some(_) => {
                for key in [&b"T"[..], b"Contents"] {
                    if let Some(text) = string(&annotation, key) {
                        push_line(&mut out, &text);
                    }
                }
            }
        }
    }
    Ok(out)
}

/// The interactive form's fields, one per line as `name: value`, the kids of a field indented
/// below it, in the form's order.
pub fn form_fields(
    document: &PdfDocument,
    ctx: &Context<'_>,
    budget: &Budget,
) -> Result<String, ExtractionError> {
    let mut out = String::new();
    let Some(fields) = document
        .catalog()
        .and_then(|c| c.get::<Dict<'_>>(b"AcroForm"))
        .and_then(|f| f.get::<Array<'_>>(b"Fields"))
    else {
        return Ok(out);
    };
    let mut walk = Walk::default();
    for field in fields.iter::<Dict<'_>>() {
        walk.field(&field, 0, &mut out, ctx, budget)?;
    }
    Ok(out)
}

/// The outline's titles, one per line, indented by their level.
pub fn outline(document: &PdfDocument, ctx: &Context<'_>) -> Result<String, ExtractionError> {
    let mut out = String::new();
    let Some(first) = document
        .catalog()
        .and_then(|c| c.get::<Dict<'_>>(b"Outlines"))
        .and_then(|o| o.get::<Dict<'_>>(b"First"))
    else {
        return Ok(out);
    };
    let mut walk = Walk::default();
    walk.outline(first, 0, &mut out, ctx)?;
    Ok(out)
}

/// Bounds shared by a walk over a tree of dictionaries.
#[derive(Default)]
struct Walk {
    seen: HashSet<ObjectIdentifier>,
    items: usize,
}

impl Walk {
    /// Whether `dict` may be visited: not seen before, and the walk within its bounds.
    fn enter(&mut self, dict: &Dict<'_>) -> bool {
        self.items += 1;
        if self.items > MAX_ITEMS {
            return false;
        }
        dict.obj_id().is_none_or(|id| self.seen.insert(id))
    }

    fn field(
        &mut self,
        field: &Dict<'_>,
        depth: usize,
        out: &mut String,
        ctx: &Context<'_>,
        budget: &Budget,
    ) -> Result<(), ExtractionError> {
        ctx.tick()?;
        if depth > MAX_DEPTH || !self.enter(field) {
            return Ok(());
        }
        let kids: Vec<Dict<'_>> = field
            .get::<Array<'_>>(b"Kids")
            .map(|k| k.iter::<Dict<'_>>().collect())
            .unwrap_or_default();
        // Kids without a name are the field's widgets, not fields of their own.
        let named_kids: Vec<&Dict<'_>> = kids.iter().filter(|k| k.contains_key(b"T")).collect();
        if let Some(name) = string(field, b"T") {
            let value = field_value(field, ctx, budget).unwrap_or_default();
            let line = format!("{}{name}: {value}", "\t".repeat(depth));
            push_line(out, line.trim_end());
        }
        for kid in named_kids {
            self.field(kid, depth + 1, out, ctx, budget)?;
        }
        Ok(())
    }

    fn outline(
        &mut self,
        first: Dict<'_>,
        depth: usize,
        out: &mut String,
        ctx: &Context<'_>,
    ) -> Result<(), ExtractionError> {
        let mut item = Some(first);
        while let Some(entry) = item {
            ctx.tick()?;
            if depth > MAX_DEPTH || !self.enter(&entry) {
                break;
            }
            if let Some(title) = string(&entry, b"Title") {
                push_line(out, &format!("{}{title}", "\t".repeat(depth)));
            }
            if let Some(child) = entry.get::<Dict<'_>>(b"First") {
                self.outline(child, depth + 1, out, ctx)?;
            }
            item = entry.get::<Dict<'_>>(b"Next");
        }
        Ok(())
    }
}

/// A field's value (`/V`): text (a string, or a stream for long text), a name (check boxes,
/// radio buttons) or a list of choices.
fn field_value(field: &Dict<'_>, ctx: &Context<'_>, budget: &Budget) -> Option<String> {
    match field.get::<Object<'_>>(b"V")? {
        Object::String(s) => Some(clean(&text_string(s.as_bytes()))),
        Object::Stream(s) => {
            let decoded = decode_stream(&s, ctx, budget).ok()?;
            Some(clean(&text_string(&decoded.data)))
        }
        Object::Name(n) => Some(n.as_str().to_owned()),
        Object::Array(a) => {
            let items: Vec<String> = a
                .iter::<Object<'_>>()
                .take(MAX_ITEMS)
                .filter_map(|o| match o {
                    Object::String(s) => Some(clean(&text_string(s.as_bytes()))),
                    Object::Name(n) => Some(n.as_str().to_owned()),
                    _ => None,
                })
                .collect();
            Some(format!("[{}]", items.join(", ")))
        }
        _ => None,
    }
}

/// A text string entry of `dict`, cleaned; `None` when missing or blank.
fn string(dict: &Dict<'_>, key: &[u8]) -> Option<String> {
    let text = clean(&text_string(dict.get::<PdfString<'_>>(key)?.as_bytes()));
    (!text.trim().is_empty()).then_some(text)
}

/// Line breaks of any kind become `\n`; other control characters are dropped.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' => Some('\n'),
            '\n' | '\t' => Some(c),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}
