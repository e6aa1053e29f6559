//! The binary Office formats of 1997 to 2003, read from their OLE compound files: Word 97
//! documents ([MS-DOC]) and PowerPoint 97 presentations ([MS-PPT]), their text only, and Excel
//! 97 workbooks (read by `formats::spreadsheet`). The storage says which it is, whatever the
//! file's name: a `WordDocument`, `PowerPoint Document` or `Workbook` stream. Other storages
//! (Outlook messages) are detected and reported as unsupported.
//!
//! These readers exist first for the objects embedded in newer documents (a Word 97 document
//! inside a PPTX or an RTF file), and serve `.doc`, `.ppt` and `.xls` files as well.

pub mod objects;
pub mod powerpoint;
pub mod properties;
pub mod word;

use std::borrow::Cow;
use std::io::{Cursor, Read};

use crate::document::{ErrorKind, ExtractionError};
use crate::formats::Extracted;
use crate::limits::Context;

/// The streams of one compound file, read on demand.
pub struct Storage<'b> {
    file: cfb::CompoundFile<Cursor<Cow<'b, [u8]>>>,
    /// No stream is longer than the file that holds it.
    cap: u64,
}

impl<'b> Storage<'b> {
    /// Opens the compound file `bytes`, or says why it cannot. A file cut short (its FAT
    /// counts sectors past its end) is read as if the missing sectors were zeros, as long as
    /// the file grows to at most four times its length or 1 MiB.
    pub fn open(bytes: &'b [u8]) -> Result<Self, std::io::Error> {
        let cap = bytes.len() as u64;
        match cfb::CompoundFile::open(Cursor::new(Cow::Borrowed(bytes))) {
            Ok(file) => Ok(Storage { file, cap }),
            Err(error) => {
                let Some(full) = full_length(bytes).filter(|&n| n > bytes.len()) else {
                    return Err(error);
                };
                let mut padded = bytes.to_vec();
                padded.resize(full, 0);
                let file = cfb::CompoundFile::open(Cursor::new(Cow::Owned(padded)))?;
                Ok(Storage { file, cap })
            }
        }
    }

    /// Whether the root storage has the stream `name` (a path such as `/WordDocument`).
    pub fn has(&self, name: &str) -> bool {
        self.file.is_stream(name)
    }

    /// The whole stream `name`, or `None` when it is missing or cannot be read.
    pub fn read(&mut self, name: &str) -> Option<Vec<u8>> {
        if !self.file.is_stream(name) {
            return None;
        }
        let mut out = Vec::new();
        self.file
            .open_stream(name)
            .ok()?
            .take(self.cap)
            .read_to_end(&mut out)
            .ok()?;
        Some(out)
    }
}

/// The length a compound file has when it holds every sector its FAT counts ([MS-CFB] 2.2:
/// the header's sector shift and number of FAT sectors), when that is at most four times its
/// length or 1 MiB.
fn full_length(bytes: &[u8]) -> Option<usize> {
    let shift = u16_at(bytes, 0x1E)?;
    if !(9..=12).contains(&shift) {
        return None;
    }
    let sector = 1usize << shift;
    let fat_sectors = u32_at(bytes, 0x2C)? as usize;
    let sectors = fat_sectors.checked_mul(sector / 4)?;
    let full = sectors.checked_add(1)?.checked_mul(sector)?;
    (full <= bytes.len().saturating_mul(4).max(1 << 20)).then_some(full)
}

/// What an OLE compound file holds, by its streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    PowerPoint,
    Excel,
    Outlook,
    Other,
}

/// What the storage `bytes` holds, or `None` when it is no compound file.
pub fn kind(bytes: &[u8]) -> Option<Kind> {
    Storage::open(bytes).ok().map(|storage| kind_of(&storage))
}

fn kind_of(storage: &Storage<'_>) -> Kind {
    if storage.has("/WordDocument") {
        Kind::Word
    } else if storage.has("/PowerPoint Document") {
        Kind::PowerPoint
    } else if storage.has("/Workbook") || storage.has("/Book") {
        Kind::Excel
    } else if storage.has("/__properties_version1.0") {
        Kind::Outlook
    } else {
        Kind::Other
    }
}

/// Extracts the Word 97 document or PowerPoint 97 presentation stored in `bytes`.
pub fn extract(
    bytes: &[u8],
    mime_type: &str,
    ctx: &Context<'_>,
) -> Result<Extracted, ExtractionError> {
    let mut storage =
        match Storage::open(bytes) {
            Ok(storage) => storage,
            Err(error) if crate::container::ole::is_compound_file(bytes) => {
                return Err(ctx.parse_error(format!("the OLE compound file is damaged: {error}")))
            }
            Err(_) => return Err(unsupported(
                ctx,
                mime_type,
                "it is no OLE compound file, as Word for DOS, Word 2 and Excel 2 to 4 files are \
                 not",
            )),
        };
    let mut extracted = match kind_of(&storage) {
        Kind::Word => word::extract(&mut storage, ctx),
        Kind::PowerPoint => powerpoint::extract(&mut storage, ctx),
        Kind::Excel => {
            let stream = storage
                .read("/Workbook")
                .or_else(|| storage.read("/Book"))
                .ok_or_else(|| ctx.parse_error("the Excel workbook stream cannot be read"))?;
            let mut workbook = crate::formats::spreadsheet::extract_xls(&stream, ctx)?;
            let objects = objects::storage_objects(&mut storage, "/", "MBD", ctx)?;
            if !objects.is_empty() {
                let blocks = objects.iter().map(object_block).collect::<Vec<_>>();
                let text = join_blocks(
                    std::iter::once(workbook.content.as_str())
                        .chain(blocks.iter().map(String::as_str)),
                );
                workbook.content = text;
            }
            Ok(workbook)
        }
        Kind::Outlook => Err(unsupported(ctx, mime_type, "it is an Outlook message")),
        Kind::Other => Err(unsupported(
            ctx,
            mime_type,
            "its storage holds no Word, Excel or PowerPoint document",
        )),
    }?;
    if let Some(summary) = storage.read("/\u{5}SummaryInformation") {
        properties::read(&summary, &mut extracted.metadata);
    }
    Ok(extracted)
}

fn unsupported(ctx: &Context<'_>, mime_type: &str, why: &str) -> ExtractionError {
    ExtractionError::new(
        ErrorKind::Unsupported,
        format!(
            "{}: no extractor for {mime_type} in this version ({why}); the file is listed with \
             its MIME type only",
            ctx.path
        ),
    )
}

/// The little-endian `u16` at `at`.
fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let two = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([two[0], two[1]]))
}

/// The little-endian `u32` at `at`.
fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let four = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([four[0], four[1], four[2], four[3]]))
}

/// An embedded object's text as a block: its name, then its text.
fn object_block(object: &crate::formats::embedded::ObjectText) -> String {
    format!("{}\n{}", object.name, object.text)
}

/// Joins blocks of text with blank lines, dropping empty ones and runs of blank lines.
fn join_blocks<'a>(blocks: impl IntoIterator<Item = &'a str>) -> String {
    join(blocks, "\n\n")
}

/// Joins blocks of text with line breaks, dropping empty ones and runs of blank lines.
fn join_lines<'a>(blocks: impl IntoIterator<Item = &'a str>) -> String {
    join(blocks, "\n")
}

fn join<'a>(blocks: impl IntoIterator<Item = &'a str>, separator: &str) -> String {
    let mut out = String::new();
    for block in blocks {
        let block = block.trim_matches('\n');
        if block.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(separator);
        }
        let mut blank_lines = 0;
        for line in block.split('\n') {
            let line = line.trim_end();
            if line.is_empty() {
                blank_lines += 1;
                if blank_lines > 1 {
                    continue;
                }
            } else {
                blank_lines = 0;
            }
            out.push_str(line);
            out.push('\n');
        }
        out.truncate(out.trim_end_matches('\n').len());
    }
    out
}

#[cfg(test)]
pub mod tests;
