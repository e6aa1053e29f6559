//! A bounded view of a ZIP container (OOXML, OpenDocument, EPUB, plain archives) over the `zip`
//! crate. Every read is capped: the number of entries, the bytes one entry and all entries of the
//! document may inflate to, and the compression ratio. Reads go through a capped `Read::take`, so a
//! header that lies about an entry's size cannot make us allocate more than the caps allow.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use crate::document::{ErrorKind, ExtractionError};
use crate::limits::Context;

/// Most entries a container may list.
pub const MAX_ENTRIES: usize = 50_000;
/// Output an entry may produce before its compression ratio is checked.
const RATIO_GRACE_BYTES: u64 = 1024 * 1024;
/// Highest ratio of inflated to compressed bytes accepted past the grace size.
pub const MAX_RATIO: u64 = 200;
/// Bytes inflated between two deadline checks and ratio checks.
const CHUNK: usize = 64 * 1024;

/// One entry of the container's central directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryInfo {
    /// The entry's path inside the container, as stored (`word/document.xml`).
    pub name: String,
    /// The uncompressed size the header declares (not trusted for allocation).
    pub size: u64,
    pub compressed_size: u64,
    pub is_dir: bool,
}

/// The caps on what reading a container's entries may inflate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    pub max_entries: usize,
    /// Most bytes one entry may inflate to.
    pub max_entry_bytes: u64,
    /// Most bytes all entries read from this container may inflate to together.
    pub max_total_bytes: u64,
    /// Highest inflated-to-compressed ratio once an entry has produced 1 MiB.
    pub max_ratio: u64,
}

impl ZipLimits {
    /// The caps for a document: entries and ratio fixed, sizes from `maxDecompressedSize`.
    pub fn for_context(ctx: &Context<'_>) -> Self {
        let total = u64::try_from(ctx.config.max_decompressed_size).unwrap_or(u64::MAX);
        ZipLimits {
            max_entries: MAX_ENTRIES,
            max_entry_bytes: total,
            max_total_bytes: total,
            max_ratio: MAX_RATIO,
        }
    }
}

/// An opened ZIP container. Reading takes `&self`: the archive sits behind a `RefCell`.
pub struct ZipContainer<'a> {
    archive: RefCell<ZipArchive<Cursor<&'a [u8]>>>,
    ctx: &'a Context<'a>,
    limits: ZipLimits,
    inflated: Cell<u64>,
}

impl std::fmt::Debug for ZipContainer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZipContainer")
            .field("path", &self.ctx.path)
            .field("entries", &self.len())
            .field("limits", &self.limits)
            .field("inflated", &self.inflated.get())
            .finish()
    }
}

impl<'a> ZipContainer<'a> {
    /// Opens `bytes` as a ZIP container with the caps of [`ZipLimits::for_context`].
    pub fn open(bytes: &'a [u8], ctx: &'a Context<'a>) -> Result<Self, ExtractionError> {
        Self::open_with_limits(bytes, ctx, ZipLimits::for_context(ctx))
    }

    /// Opens `bytes` with explicit caps (an archive nested in another passes what is left).
    pub fn open_with_limits(
        bytes: &'a [u8],
        ctx: &'a Context<'a>,
        limits: ZipLimits,
    ) -> Result<Self, ExtractionError> {
        if let Some(declared) = declared_entry_count(bytes) {
            if declared > limits.max_entries as u64 {
                return Err(too_many_entries(ctx, declared, limits.max_entries));
            }
        }
        ctx.deadline.check(ctx.path)?;
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
            ZipError::UnsupportedArchive(what) => ExtractionError::new(
                ErrorKind::Unsupported,
                format!("{}: unsupported ZIP container: {what}", ctx.path),
            ),
            other => ctx.parse_error(format_args!("not a readable ZIP container: {other}")),
        })?;
        if archive.len() > limits.max_entries {
            return Err(too_many_entries(
                ctx,
                archive.len() as u64,
                limits.max_entries,
            ));
        }
        Ok(ZipContainer {
            archive: RefCell::new(archive),
            ctx,
            limits,
            inflated: Cell::new(0),
        })
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.archive.borrow().len()
    }

    /// Whether the container has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes inflated so far by reads from this container.
    pub fn inflated(&self) -> u64 {
        self.inflated.get()
    }

    /// The caps this container reads under.
    pub fn limits(&self) -> ZipLimits {
        self.limits
    }

    /// Every entry, in central-directory order.
    pub fn entries(&self) -> Vec<EntryInfo> {
        let mut archive = self.archive.borrow_mut();
        let mut entries = Vec::with_capacity(archive.len());
        for index in 0..archive.len() {
            if let Ok(file) = archive.by_index_raw(index) {
                entries.push(EntryInfo {
                    name: file.name().map(Cow::into_owned).unwrap_or_default(),
                    size: file.size(),
                    compressed_size: file.compressed_size(),
                    is_dir: file.is_dir(),
                });
            }
        }
        entries
    }

    /// The entry names, in central-directory order.
    pub fn names(&self) -> Vec<String> {
        self.archive
            .borrow()
            .file_names()
            .filter_map(Result::ok)
            .map(Cow::into_owned)
            .collect()
    }

    /// The stored name of the entry `name` refers to: an exact match, or else one that differs
    /// only in ASCII case or a leading `/` (OPC part names are case-insensitive).
    pub fn resolve(&self, name: &str) -> Option<String> {
        let name = name.trim_start_matches('/');
        let archive = self.archive.borrow();
        if archive.index_for_name(name).is_some() {
            return Some(name.to_owned());
        }
        let found = archive
            .file_names()
            .filter_map(Result::ok)
            .find(|stored| stored.trim_start_matches('/').eq_ignore_ascii_case(name))
            .map(Cow::into_owned);
        found
    }

    /// Whether an entry `name` exists (see [`ZipContainer::resolve`]).
    pub fn contains(&self, name: &str) -> bool {
        self.resolve(name).is_some()
    }

    /// The inflated bytes of entry `name`, `None` when there is no such entry. Fails with a
    /// `limit` error when a cap is reached and a `parse` error when the entry is corrupt.
    pub fn read(&self, name: &str) -> Result<Option<Vec<u8>>, ExtractionError> {
        let Some(stored) = self.resolve(name) else {
            return Ok(None);
        };
        let mut archive = self.archive.borrow_mut();
        let Some(index) = archive.index_for_name(&stored) else {
            return Ok(None);
        };
        let file = archive
            .by_index(index)
            .map_err(|e| self.entry_error(&stored, e))?;
        if file.is_dir() {
            return Ok(None);
        }
        let compressed = file.compressed_size();
        let declared = file.size();
        let left = self
            .limits
            .max_total_bytes
            .saturating_sub(self.inflated.get());
        let cap = self.limits.max_entry_bytes.min(left);
        // Allocate from the declared size only up to a modest bound: it may lie.
        let initial = declared.min(cap).min(4 * 1024 * 1024);
        let mut out = Vec::with_capacity(usize::try_from(initial).unwrap_or(0));
        let mut capped = file.take(cap.saturating_add(1));
        let mut buffer = vec![0u8; CHUNK];
        loop {
            self.ctx.deadline.check(self.ctx.path)?;
            let read = match capped.read(&mut buffer) {
                Ok(0) => break,
                Ok(read) => read,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(self
                        .ctx
                        .parse_error(format_args!("ZIP entry {stored} is corrupt: {e}")))
                }
            };
            out.extend_from_slice(buffer.get(..read).unwrap_or_default());
            let produced = out.len() as u64;
            if produced > cap {
                return Err(
                    self.size_error(&stored, cap == left && left < self.limits.max_entry_bytes)
                );
            }
            if produced > RATIO_GRACE_BYTES && produced / compressed.max(1) > self.limits.max_ratio
            {
                return Err(ExtractionError::new(
                    ErrorKind::Limit,
                    format!(
                        "{}: ZIP entry {stored} inflates more than {} times its compressed size \
                         ({compressed} bytes); the document is refused as a likely ZIP bomb",
                        self.ctx.path, self.limits.max_ratio
                    ),
                ));
            }
        }
        self.inflated
            .set(self.inflated.get().saturating_add(out.len() as u64));
        Ok(Some(out))
    }

    /// Entry `name` as text: UTF-8 (a BOM is dropped), or UTF-16 with a BOM; other bytes are
    /// replaced. XML parts should rather go through [`crate::container::xml::decode`].
    pub fn read_to_string(&self, name: &str) -> Result<Option<String>, ExtractionError> {
        Ok(self
            .read(name)?
            .map(|bytes| crate::text::decode(&bytes, None).text.into_owned()))
    }

    fn entry_error(&self, name: &str, error: ZipError) -> ExtractionError {
        let path = self.ctx.path;
        match error {
            ZipError::UnsupportedArchive(what) if what.contains("assword") => ExtractionError::new(
                ErrorKind::Encrypted,
                format!("{path}: ZIP entry {name} is encrypted; encrypted ZIP entries are not supported"),
            ),
            ZipError::UnsupportedArchive(what) => ExtractionError::new(
                ErrorKind::Unsupported,
                format!("{path}: ZIP entry {name} cannot be read: {what}"),
            ),
            ZipError::CompressionMethodNotSupported(method) => ExtractionError::new(
                ErrorKind::Unsupported,
                format!(
                    "{path}: ZIP entry {name} uses compression method {method}, which is not \
                     supported (only stored and deflate)"
                ),
            ),
            other => self
                .ctx
                .parse_error(format_args!("ZIP entry {name} is corrupt: {other}")),
        }
    }

    fn size_error(&self, name: &str, total: bool) -> ExtractionError {
        let message = if total {
            format!(
                "{}: the entries read from the ZIP container inflate to more than \
                 maxDecompressedSize ({} bytes) together (stopped at entry {name}); raise \
                 maxDecompressedSize to extract it",
                self.ctx.path, self.limits.max_total_bytes
            )
        } else {
            format!(
                "{}: ZIP entry {name} inflates to more than {} bytes (maxDecompressedSize); \
                 raise maxDecompressedSize to extract it",
                self.ctx.path, self.limits.max_entry_bytes
            )
        };
        ExtractionError::new(ErrorKind::Limit, message)
    }
}

fn too_many_entries(ctx: &Context<'_>, count: u64, max: usize) -> ExtractionError {
    ExtractionError::new(
        ErrorKind::Limit,
        format!(
            "{}: the ZIP container lists {count} entries, more than the limit of {max}; the \
             document is refused as a likely attack or defect",
            ctx.path
        ),
    )
}

fn le_u16(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u64::from(u16::from_le_bytes([b[0], b[1]])))
}

fn le_u64(bytes: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

/// The entry count the end-of-central-directory record declares (ZIP64 aware), read before the
/// central directory is parsed so that a huge directory is refused without being loaded.
fn declared_entry_count(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let tail = bytes.get(search_from..)?;
    let at = search_from + memchr::memmem::rfind(tail, EOCD)?;
    let count = le_u16(bytes, at + 10)?;
    if count != 0xFFFF {
        return Some(count);
    }
    // ZIP64: the locator sits just before the record and points at the ZIP64 record.
    let locator = at.checked_sub(20)?;
    if bytes.get(locator..locator + 4)? != b"PK\x06\x07" {
        return Some(count);
    }
    let record = usize::try_from(le_u64(bytes, locator + 8)?).ok()?;
    if bytes.get(record..record.checked_add(4)?)? != b"PK\x06\x06" {
        return Some(count);
    }
    le_u64(bytes, record + 32)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::config::ExtractionConfig;
    use std::io::Write;

    /// A ZIP of `(name, bytes, deflate?)` entries.
    pub(crate) fn build_zip(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data, deflate) in entries {
            let method = if *deflate {
                zip::CompressionMethod::Deflated
            } else {
                zip::CompressionMethod::Stored
            };
            let options = zip::write::SimpleFileOptions::default().compression_method(method);
            writer.start_file(*name, options).unwrap();
            writer.write_all(data).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn with_container<T>(
        bytes: &[u8],
        config: &ExtractionConfig,
        f: impl FnOnce(Result<ZipContainer<'_>, ExtractionError>) -> T,
    ) -> T {
        let ctx = Context::new("t.docx", config);
        f(ZipContainer::open(bytes, &ctx))
    }

    #[test]
    fn entries_are_listed_and_read_by_exact_or_case_insensitive_name() {
        let zip = build_zip(&[
            ("word/document.xml", b"<w:document/>", true),
            ("[Content_Types].xml", b"<Types/>", false),
        ]);
        with_container(&zip, &ExtractionConfig::default(), |c| {
            let c = c.unwrap();
            assert_eq!(c.len(), 2);
            let entries = c.entries();
            assert_eq!(entries[0].name, "word/document.xml");
            assert_eq!(entries[0].size, 13);
            assert_eq!(c.names()[1], "[Content_Types].xml");
            assert_eq!(
                c.read("word/document.xml").unwrap().unwrap(),
                b"<w:document/>"
            );
            assert_eq!(
                c.read_to_string("/WORD/Document.xml").unwrap().as_deref(),
                Some("<w:document/>")
            );
            assert_eq!(c.read("missing.xml").unwrap(), None);
            assert_eq!(c.inflated(), 26);
        });
    }

    #[test]
    fn a_highly_compressed_entry_is_refused_as_a_bomb() {
        let zeros = vec![0u8; 8 * 1024 * 1024];
        let zip = build_zip(&[("word/document.xml", &zeros, true)]);
        with_container(&zip, &ExtractionConfig::default(), |c| {
            let error = c.unwrap().read("word/document.xml").unwrap_err();
            assert_eq!(error.kind, ErrorKind::Limit);
            assert!(error
                .message
                .starts_with("t.docx: ZIP entry word/document.xml"));
        });
    }

    #[test]
    fn entry_and_total_sizes_are_capped_by_max_decompressed_size() {
        let data = [b'x'; 600];
        let zip = build_zip(&[("a", &data, false), ("b", &data, false)]);
        let config = ExtractionConfig {
            max_decompressed_size: 1000,
            ..ExtractionConfig::default()
        };
        with_container(&zip, &config, |c| {
            let c = c.unwrap();
            assert_eq!(c.read("a").unwrap().unwrap().len(), 600);
            let error = c.read("b").unwrap_err();
            assert_eq!(error.kind, ErrorKind::Limit);
            assert!(error.message.contains("together"), "{}", error.message);
        });
        let config = ExtractionConfig {
            max_decompressed_size: 500,
            ..ExtractionConfig::default()
        };
        with_container(&zip, &config, |c| {
            let error = c.unwrap().read("a").unwrap_err();
            assert_eq!(error.kind, ErrorKind::Limit);
            assert!(
                error.message.contains("ZIP entry a inflates"),
                "{}",
                error.message
            );
        });
    }

    #[test]
    fn a_header_that_understates_the_size_does_not_bypass_the_cap() {
        let data = [b'y'; 5000];
        let mut zip = build_zip(&[("a", &data, true)]);
        // Rewrite both declared sizes to 10 bytes.
        for sig in [&b"PK\x03\x04"[..], b"PK\x01\x02"] {
            let at = memchr::memmem::find(&zip, sig).unwrap();
            let size_at = at + if sig[2] == 3 { 22 } else { 24 };
            zip[size_at..size_at + 4].copy_from_slice(&10u32.to_le_bytes());
        }
        let config = ExtractionConfig {
            max_decompressed_size: 1000,
            ..ExtractionConfig::default()
        };
        with_container(&zip, &config, |c| match c.unwrap().read("a") {
            Err(error) => assert!(matches!(error.kind, ErrorKind::Limit | ErrorKind::Parse)),
            Ok(bytes) => assert!(bytes.unwrap().len() <= 1000),
        });
    }

    #[test]
    fn garbage_and_truncated_containers_are_parse_errors() {
        let zip = build_zip(&[("a", b"hello", false)]);
        for bad in [&b"PK\x03\x04garbage"[..], &zip[..zip.len() / 2], b""] {
            with_container(bad, &ExtractionConfig::default(), |c| {
                let error = c.unwrap_err();
                assert_eq!(error.kind, ErrorKind::Parse);
                assert!(error.message.starts_with("t.docx: "), "{}", error.message);
            });
        }
    }

    #[test]
    fn a_declared_entry_count_above_the_limit_is_refused_before_parsing() {
        let mut zip = build_zip(&[("a", b"x", false)]);
        let at = zip.len() - 22;
        zip[at + 8..at + 12].copy_from_slice(&[0xFE, 0xFF, 0xFE, 0xFF]);
        with_container(&zip, &ExtractionConfig::default(), |c| {
            assert_eq!(c.unwrap_err().kind, ErrorKind::Limit);
        });
        assert_eq!(declared_entry_count(&zip), Some(0xFFFE));
        assert_eq!(declared_entry_count(b"no zip"), None);
    }
}
