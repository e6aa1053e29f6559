//! PowerPoint 97 to 2003 presentations ([MS-PPT]): the slides in presentation order, each with
//! its text and its speaker notes; one `pages` entry per slide; then the text of its embedded
//! objects, each headed by its name.
//!
//! The `PowerPoint Document` stream is a tree of records (a type, an instance and a length,
//! containers holding records). The `Current User` stream points at the last edit; each edit
//! (`UserEditAtom`) has a persist directory mapping object ids to stream offsets, and newer
//! edits override older ones. The document container lists the slides in order
//! (`SlideListWithText`), holding the text of their placeholders; each slide's own container
//! holds the text of its other shapes (text boxes, tables), and its notes container the notes.
//! Masters are not read: their placeholders hold prompts ("Click to edit Master title style").
//! A file whose edit chain cannot be followed is read record by record instead.

use std::collections::{HashMap, HashSet};

use crate::document::{ErrorKind, ExtractionError};
use crate::formats::Extracted;
use crate::limits::Context;

use super::{join_blocks, join_lines, u16_at, u32_at, Storage};

const DOCUMENT: u16 = 0x03E8;
const SLIDE: u16 = 0x03EE;
const SLIDE_ATOM: u16 = 0x03EF;
const NOTES: u16 = 0x03F0;
const SLIDE_PERSIST_ATOM: u16 = 0x03F3;
const MAIN_MASTER: u16 = 0x03F8;
const TEXT_CHARS_ATOM: u16 = 0x0FA0;
const TEXT_BYTES_ATOM: u16 = 0x0FA8;
const SLIDE_LIST_WITH_TEXT: u16 = 0x0FF0;
const USER_EDIT_ATOM: u16 = 0x0FF5;
const PERSIST_DIRECTORY_ATOM: u16 = 0x1772;
const EX_OLE_OBJ_STG: u16 = 0x1011;
/// `SlideListWithText` instances: the slides' list and the notes' list.
const SLIDES_LIST: u16 = 0;
const NOTES_LIST: u16 = 2;
/// `headerToken` of a `CurrentUserAtom` whose document is encrypted.
const ENCRYPTED_TOKEN: u32 = 0xF3D1_C4DF;
/// Containers followed at most this deep.
const MAX_DEPTH: usize = 24;
/// Edits followed at most this many back.
const MAX_EDITS: usize = 4096;

/// One record: where its data lies in the stream.
#[derive(Debug, Clone, Copy)]
struct Record {
    kind: u16,
    instance: u16,
    container: bool,
    start: usize,
    end: usize,
}

/// The record whose header is at `at`, its length cut to `limit`.
fn record_at(stream: &[u8], at: usize, limit: usize) -> Option<Record> {
    let ver_instance = u16_at(stream, at)?;
    let kind = u16_at(stream, at + 2)?;
    let len = u32_at(stream, at + 4)? as usize;
    let start = at.checked_add(8)?;
    if start > limit {
        return None;
    }
    Some(Record {
        kind,
        instance: ver_instance >> 4,
        container: ver_instance & 0x000F == 0x000F,
        start,
        end: start.saturating_add(len).min(limit),
    })
}

/// The records directly inside `parent`.
fn children(stream: &[u8], parent: Record) -> Vec<Record> {
    let mut out = Vec::new();
    let mut at = parent.start;
    while at + 8 <= parent.end {
        let Some(child) = record_at(stream, at, parent.end) else {
            break;
        };
        out.push(child);
        at = child.end;
    }
    out
}

/// The text of a text atom, its paragraph and line breaks as line breaks.
fn atom_text(stream: &[u8], record: Record) -> Option<String> {
    let data = stream.get(record.start..record.end)?;
    let text = match record.kind {
        TEXT_CHARS_ATOM => {
            let units: Vec<u16> = data
                .chunks_exact(2)
                .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        // Each byte is the low byte of a UTF-16 unit whose high byte is zero.
        TEXT_BYTES_ATOM => data.iter().map(|&b| char::from(b)).collect(),
        _ => return None,
    };
    Some(
        text.chars()
            .map(|c| {
                if matches!(c, '\r' | '\u{0B}') {
                    '\n'
                } else {
                    c
                }
            })
            .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
            .collect(),
    )
}

/// Every text atom inside `record`, in order, skipping master slides and the masters' text
/// list.
fn texts_within(stream: &[u8], record: Record, depth: usize, out: &mut Vec<String>) {
    if let Some(text) = atom_text(stream, record) {
        out.push(text);
        return;
    }
    if !record.container || depth >= MAX_DEPTH || record.kind == MAIN_MASTER {
        return;
    }
    if record.kind == SLIDE_LIST_WITH_TEXT && record.instance != SLIDES_LIST {
        return;
    }
    for child in children(stream, record) {
        texts_within(stream, child, depth + 1, out);
    }
}

/// A slide listed in a `SlideListWithText`: its persist id, its id, and the text listed with it.
#[derive(Debug, Default)]
struct Listed {
    persist_id: u32,
    slide_id: u32,
    texts: Vec<String>,
}

pub fn extract(storage: &mut Storage<'_>, ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let Some(stream) = storage.read("/PowerPoint Document") else {
        return Err(ctx.parse_error("the PowerPoint Document stream cannot be read"));
    };
    let current_user = storage.read("/Current User").unwrap_or_default();
    if u32_at(&current_user, 12) == Some(ENCRYPTED_TOKEN) {
        return Err(ExtractionError::new(
            ErrorKind::Encrypted,
            format!(
                "{}: the PowerPoint presentation is encrypted with a password; legacy \
                 PowerPoint encryption is not supported",
                ctx.path
            ),
        ));
    }
    let last_edit = u32_at(&current_user, 16).map(|v| v as usize);
    let slides = match last_edit.and_then(|at| persisted_slides(&stream, at, ctx)) {
        Some(slides) if !slides.is_empty() => slides,
        _ => vec![every_text(&stream)],
    };
    ctx.tick()?;
    let objects = embedded_objects(&stream, ctx)?;
    let content = join_blocks(
        slides
            .iter()
            .map(String::as_str)
            .chain(objects.iter().map(String::as_str)),
    );
    let mut extracted = Extracted {
        content,
        ..Extracted::default()
    };
    extracted.metadata.page_count = i32::try_from(slides.len()).ok();
    extracted.pages = slides;
    Ok(extracted)
}

/// Each slide's text with its notes, through the persist directory of the edit at
/// `last_edit`; `None` when the edit chain or the document container cannot be read.
fn persisted_slides(stream: &[u8], last_edit: usize, ctx: &Context<'_>) -> Option<Vec<String>> {
    let (directory, document_ref) = persist_directory(stream, last_edit)?;
    let document = record_at(stream, *directory.get(&document_ref)?, stream.len())?;
    if document.kind != DOCUMENT {
        return None;
    }
    let mut slides = Vec::new();
    let mut notes = Vec::new();
    for child in children(stream, document) {
        if child.kind == SLIDE_LIST_WITH_TEXT {
            match child.instance {
                SLIDES_LIST => slides = listed(stream, child),
                NOTES_LIST => notes = listed(stream, child),
                _ => {}
            }
        }
    }
    let notes_by_id: HashMap<u32, u32> = notes.iter().map(|n| (n.slide_id, n.persist_id)).collect();
    let mut out = Vec::with_capacity(slides.len());
    // Containers read so far: a damaged or hostile list may name one container many times.
    let mut read = HashSet::new();
    for slide in slides {
        if ctx.deadline.expired() {
            break;
        }
        let mut texts = slide.texts;
        let container = directory
            .get(&slide.persist_id)
            .filter(|&&at| read.insert(at))
            .and_then(|&at| record_at(stream, at, stream.len()))
            .filter(|r| r.kind == SLIDE);
        if let Some(container) = container {
            texts_within(stream, container, 0, &mut texts);
            let notes_ref = children(stream, container)
                .into_iter()
                .find(|r| r.kind == SLIDE_ATOM)
                .and_then(|atom| u32_at(stream, atom.start + 16));
            let notes = notes_ref
                .and_then(|id| notes_by_id.get(&id))
                .and_then(|persist| directory.get(persist))
                .filter(|&&at| read.insert(at))
                .and_then(|&at| record_at(stream, at, stream.len()))
                .filter(|r| r.kind == NOTES);
            if let Some(notes) = notes {
                texts_within(stream, notes, 0, &mut texts);
            }
        }
        out.push(join_lines(texts.iter().map(String::as_str)));
    }
    Some(out)
}

/// The slides a `SlideListWithText` lists, with the text atoms that follow each.
fn listed(stream: &[u8], list: Record) -> Vec<Listed> {
    let mut out: Vec<Listed> = Vec::new();
    for child in children(stream, list) {
        if child.kind == SLIDE_PERSIST_ATOM {
            out.push(Listed {
                persist_id: u32_at(stream, child.start).unwrap_or(u32::MAX),
                slide_id: u32_at(stream, child.start + 12).unwrap_or(u32::MAX),
                texts: Vec::new(),
            });
        } else if let (Some(text), Some(slide)) = (atom_text(stream, child), out.last_mut()) {
            slide.texts.push(text);
        }
    }
    out
}

/// The persist directory, newest edit first, and the document container's persist id.
fn persist_directory(stream: &[u8], last_edit: usize) -> Option<(HashMap<u32, usize>, u32)> {
    let mut directory = HashMap::new();
    let mut document_ref = None;
    let mut edit_at = last_edit;
    let mut seen = HashSet::new();
    while seen.insert(edit_at) && seen.len() <= MAX_EDITS {
        let edit = record_at(stream, edit_at, stream.len())?;
        if edit.kind != USER_EDIT_ATOM {
            return None;
        }
        // lastSlideIdRef, version, minor and major version, offsetLastEdit,
        // offsetPersistDirectory, docPersistIdRef.
        let previous = u32_at(stream, edit.start + 8)? as usize;
        let directory_at = u32_at(stream, edit.start + 12)? as usize;
        document_ref.get_or_insert(u32_at(stream, edit.start + 16)?);
        let atom = record_at(stream, directory_at, stream.len())?;
        if atom.kind != PERSIST_DIRECTORY_ATOM {
            return None;
        }
        let mut at = atom.start;
        while at + 4 <= atom.end {
            let entry = u32_at(stream, at)?;
            let first = entry & 0x000F_FFFF;
            let count = (entry >> 20) as usize;
            at += 4;
            for i in 0..count {
                let Some(offset) = u32_at(stream, at + i * 4) else {
                    break;
                };
                directory
                    .entry(first.saturating_add(i as u32))
                    .or_insert(offset as usize);
            }
            at = at.saturating_add(count * 4);
        }
        if previous == 0 {
            break;
        }
        edit_at = previous;
    }
    Some((directory, document_ref?))
}

/// The text of the objects the presentation embeds (`ExOleObjStg` records at the top level of
/// the stream), each as a block headed by its name.
fn embedded_objects(stream: &[u8], ctx: &Context<'_>) -> Result<Vec<String>, ExtractionError> {
    let whole = Record {
        kind: 0,
        instance: 0,
        container: true,
        start: 0,
        end: stream.len(),
    };
    let mut found = Vec::new();
    let storages = children(stream, whole)
        .into_iter()
        .filter(|r| r.kind == EX_OLE_OBJ_STG)
        .take(super::objects::MAX_OBJECTS);
    for (index, record) in storages.enumerate() {
        ctx.tick()?;
        let data = &stream[record.start..record.end];
        let name = format!("object{}", index + 1);
        if let Some(object) =
            super::objects::powerpoint_object(&name, data, record.instance == 1, ctx)?
        {
            found.push(super::object_block(&object));
        }
    }
    Ok(found)
}

/// Every text atom of the stream's records in stream order, masters left out: how a file is
/// read whose edit chain is broken.
fn every_text(stream: &[u8]) -> String {
    let whole = Record {
        kind: 0,
        instance: 0,
        container: true,
        start: 0,
        end: stream.len(),
    };
    let mut texts = Vec::new();
    texts_within(stream, whole, 0, &mut texts);
    join_lines(texts.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn record(kind: u16, instance: u16, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&(instance << 4).to_le_bytes());
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(data);
        out
    }

    pub fn container(kind: u16, instance: u16, children: &[Vec<u8>]) -> Vec<u8> {
        let data: Vec<u8> = children.concat();
        let mut out = record(kind, instance, &data);
        out[0] |= 0x0F;
        out
    }

    fn chars(text: &str) -> Vec<u8> {
        record(
            TEXT_CHARS_ATOM,
            0,
            &text
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn text_atoms_are_read_in_order_and_masters_skipped() {
        let stream = [
            container(MAIN_MASTER, 0, &[chars("Click to edit Master title style")]),
            container(
                SLIDE_LIST_WITH_TEXT,
                1,
                &[chars("Click to edit Master text styles")],
            ),
            container(
                SLIDE,
                0,
                &[container(0xF00D, 0, &[chars("Box\rsecond line")])],
            ),
            record(TEXT_BYTES_ATOM, 0, b"caf\xe9"),
        ]
        .concat();
        assert_eq!(every_text(&stream), "Box\nsecond line\ncafé");
    }

    #[test]
    fn a_record_longer_than_its_parent_is_cut_to_it() {
        let mut stream = chars("abc");
        stream[4] = 0xFF;
        let whole = Record {
            kind: 0,
            instance: 0,
            container: true,
            start: 0,
            end: stream.len(),
        };
        assert_eq!(children(&stream, whole).len(), 1);
        assert_eq!(every_text(&stream), "abc");
    }
}
