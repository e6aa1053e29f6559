//! Objects embedded in Word, Excel and PowerPoint 97 files: each object's storage is copied out
//! as a compound file of its own and read by [`embedded::object_text`], as objects of OOXML and
//! RTF files are. Word keeps its objects as storages under `ObjectPool`, Excel as `MBD…`
//! storages at the root; PowerPoint keeps each in an `ExOleObjStg` record, zlib-compressed when
//! its instance is 1.

use std::io::{Cursor, Read, Write};

use crate::document::ExtractionError;
use crate::formats::embedded::{self, ObjectText};
use crate::limits::Context;

use super::{u32_at, Storage};

/// Objects read at most per document.
pub const MAX_OBJECTS: usize = 64;

impl Storage<'_> {
    /// The storage at `path` (such as `/ObjectPool/_1310388058`) as a compound file of its own,
    /// with every storage and stream under it; `None` when it cannot be read.
    pub fn storage_file(&mut self, path: &str) -> Option<Vec<u8>> {
        let entries: Vec<(String, bool)> = self
            .file
            .walk_storage(path)
            .ok()?
            .map(|entry| {
                (
                    entry.path().to_string_lossy().into_owned(),
                    entry.is_storage(),
                )
            })
            .collect();
        let mut out = cfb::CompoundFile::create(Cursor::new(Vec::new())).ok()?;
        for (entry, is_storage) in entries {
            let Some(inner) = entry.strip_prefix(path).filter(|p| !p.is_empty()) else {
                continue;
            };
            if is_storage {
                out.create_storage(inner).ok()?;
            } else {
                let data = self.read(&entry)?;
                out.create_stream(inner).ok()?.write_all(&data).ok()?;
            }
        }
        out.flush().ok()?;
        Some(out.into_inner().into_inner())
    }

    /// The paths of the storages directly under `path`.
    pub fn storages_under(&self, path: &str) -> Vec<String> {
        match self.file.read_storage(path) {
            Ok(entries) => entries
                .filter(|entry| entry.is_storage())
                .map(|entry| entry.path().to_string_lossy().into_owned())
                .collect(),
            Err(_) => Vec::new(),
        }
    }
}

/// The text of the objects stored as storages under `path` whose names start with `prefix`:
/// a Word document's `/ObjectPool` (every storage), an Excel workbook's root (`MBD` storages).
pub fn storage_objects(
    storage: &mut Storage<'_>,
    path: &str,
    prefix: &str,
    ctx: &Context<'_>,
) -> Result<Vec<ObjectText>, ExtractionError> {
    let mut found = Vec::new();
    let paths = storage
        .storages_under(path)
        .into_iter()
        .filter(|p| {
            p.rsplit('/')
                .next()
                .is_some_and(|name| name.starts_with(prefix))
        })
        .take(MAX_OBJECTS)
        .collect::<Vec<_>>();
    for path in paths {
        ctx.tick()?;
        let Some(file) = storage.storage_file(&path) else {
            continue;
        };
        let name = path.trim_start_matches('/');
        if let Some(object) = embedded::object_text(name, &file, ctx)? {
            found.push(object);
        }
    }
    Ok(found)
}

/// The text of one PowerPoint `ExOleObjStg` record's object: `data` is the record's data,
/// `compressed` whether its instance says it is zlib-compressed (a 32-bit decompressed size,
/// then the zlib stream).
pub fn powerpoint_object(
    name: &str,
    data: &[u8],
    compressed: bool,
    ctx: &Context<'_>,
) -> Result<Option<ObjectText>, ExtractionError> {
    let file = if compressed {
        let Some(size) = u32_at(data, 0) else {
            return Ok(None);
        };
        let cap = u64::from(size).min(ctx.limits.max_output_bytes as u64);
        let mut out = Vec::new();
        let read = flate2::read::ZlibDecoder::new(&data[4..])
            .take(cap)
            .read_to_end(&mut out);
        if read.is_err() && out.is_empty() {
            return Ok(None);
        }
        out
    } else {
        data.to_vec()
    };
    embedded::object_text(name, &file, ctx)
}
