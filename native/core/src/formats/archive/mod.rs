//! ZIP archives: every entry is detected and extracted by the same extractors as a file would
//! be, archives inside archives recursively, into one section of `content` per entry (headed by
//! the entry's path) and one page per entry. An entry that cannot be extracted is noted in its
//! section and in `metadata.extra["errors"]`; the archive fails only for limits on the archive
//! itself (entries, inflated bytes, compression ratio, all counted across nested archives) or the
//! deadline. Nesting deeper than [`MAX_NESTING`] is noted, not followed, so a ZIP that contains
//! itself (`droste.zip`) ends after a few levels.

mod names;

use std::cell::Cell;

use crate::config::OutputFormat;
use crate::container::{ZipContainer, ZipLimits};
use crate::detect::{detect, Format};
use crate::document::{ErrorKind, ExtractionError, Table};
use crate::formats::Extracted;
use crate::limits::Context;

/// Archives inside archives followed at most this deep (the outer archive is level 0).
pub const MAX_NESTING: usize = 8;
/// Entries read in one archive, nested archives' entries included.
pub const MAX_ENTRIES: usize = 10_000;
/// Highest ratio of all inflated bytes (nested archives included) to the archive's size, once
/// more than [`RATIO_GRACE_BYTES`] were inflated: catches bombs made of nested archives, whose
/// ratios multiply while each entry's stays modest.
pub const MAX_TOTAL_RATIO: u64 = 1_000;
const RATIO_GRACE_BYTES: u64 = 16 * 1024 * 1024;

/// What the whole archive, nested archives included, has used so far.
struct Budget {
    archive_len: u64,
    max_bytes: u64,
    inflated: Cell<u64>,
    entries: Cell<usize>,
}

/// The text, tables and notes collected from the entries.
struct Collected {
    markdown: bool,
    content: String,
    pages: Vec<String>,
    tables: Vec<Table>,
    entries: Vec<String>,
    errors: Vec<String>,
}

impl Collected {
    fn section(&mut self, path: &str, text: &str) {
        if !self.content.is_empty() {
            self.content.push('\n');
        }
        if self.markdown {
            self.content.push_str("## ");
        }
        self.content.push_str(path);
        self.content
            .push_str(if self.markdown { "\n\n" } else { "\n" });
        let text = text.trim_end();
        if !text.is_empty() {
            self.content.push_str(text);
            self.content.push('\n');
        }
        self.pages.push(text.to_owned());
    }

    /// An entry that could not be extracted: a short note in its section, the whole error in
    /// `extra["errors"]`.
    fn failure(&mut self, path: &str, error: &ExtractionError) {
        let kind = error.kind.code();
        self.section(path, &format!("[not extracted: {kind}]"));
        self.errors
            .push(format!("{path}: {kind}: {}", error.message));
    }
}

/// Extracts a ZIP archive.
pub fn extract(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let budget = Budget {
        archive_len: bytes.len() as u64,
        max_bytes: u64::try_from(ctx.config.max_decompressed_size).unwrap_or(u64::MAX),
        inflated: Cell::new(0),
        entries: Cell::new(0),
    };
    let mut collected = Collected {
        markdown: ctx.config.output_format == OutputFormat::Markdown,
        content: String::new(),
        pages: Vec::new(),
        tables: Vec::new(),
        entries: Vec::new(),
        errors: Vec::new(),
    };
    read_archive(bytes, "", 0, &budget, &mut collected, ctx)?;
    let mut extracted = Extracted {
        content: collected.content,
        pages: collected.pages,
        ..Extracted::default()
    };
    if ctx.config.extract_tables {
        extracted.tables = collected.tables;
    }
    let extra = &mut extracted.metadata.extra;
    extra.insert("entryCount".to_owned(), collected.entries.len().to_string());
    extra.insert("entries".to_owned(), collected.entries.join("\n"));
    if !collected.errors.is_empty() {
        extra.insert("errors".to_owned(), collected.errors.join("\n"));
    }
    Ok(extracted)
}

/// Reads the archive `bytes`, whose entries are named `prefix` + their path, `depth` levels
/// below the outer archive.
fn read_archive(
    bytes: &[u8],
    prefix: &str,
    depth: usize,
    budget: &Budget,
    collected: &mut Collected,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    let left = budget.max_bytes.saturating_sub(budget.inflated.get());
    let limits = ZipLimits {
        max_entries: MAX_ENTRIES,
        max_entry_bytes: left,
        max_total_bytes: left,
        ..ZipLimits::for_context(ctx)
    };
    let zip = ZipContainer::open_with_limits(bytes, ctx, limits)?;
    let entries = zip.entries();
    let stored_names: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
    let encoding = names::legacy_encoding(&stored_names);
    for entry in entries {
        ctx.deadline.check(ctx.path)?;
        if entry.is_dir {
            continue;
        }
        let entries = budget.entries.get() + 1;
        budget.entries.set(entries);
        if entries > MAX_ENTRIES {
            return Err(ExtractionError::new(
                ErrorKind::Limit,
                format!(
                    "{}: the archive holds more than {MAX_ENTRIES} entries (nested archives \
                     included); it is refused as a likely ZIP bomb",
                    ctx.path
                ),
            ));
        }
        let path = format!("{prefix}{}", names::display_name(&entry.name, encoding));
        collected.entries.push(path.clone());
        let data = match zip.read(&entry.name) {
            Ok(Some(data)) => data,
            Ok(None) => continue,
            // A bomb, or the archive's budget spent: the archive itself is refused.
            Err(error) if matches!(error.kind, ErrorKind::Limit | ErrorKind::Timeout) => {
                return Err(error)
            }
            Err(error) => {
                collected.failure(&path, &error);
                continue;
            }
        };
        spend(budget, data.len() as u64, ctx)?;
        read_entry(&data, &path, depth, budget, collected, ctx)?;
        ctx.limits.check_output(ctx.path, collected.content.len())?;
    }
    Ok(())
}

/// Counts `inflated` bytes against the archive's budget and total compression ratio.
fn spend(budget: &Budget, inflated: u64, ctx: &Context<'_>) -> Result<(), ExtractionError> {
    let total = budget.inflated.get().saturating_add(inflated);
    budget.inflated.set(total);
    if total > RATIO_GRACE_BYTES && total / budget.archive_len.max(1) > MAX_TOTAL_RATIO {
        return Err(ExtractionError::new(
            ErrorKind::Limit,
            format!(
                "{}: the archive's entries, nested archives included, inflate to more than \
                 {MAX_TOTAL_RATIO} times its size; it is refused as a likely ZIP bomb",
                ctx.path
            ),
        ));
    }
    Ok(())
}

/// Extracts one entry's `data` into its section; nested archives are read in place.
fn read_entry(
    data: &[u8],
    path: &str,
    depth: usize,
    budget: &Budget,
    collected: &mut Collected,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    let part_path = format!("{}!/{path}", ctx.path);
    let part_ctx = ctx.for_part(&part_path);
    let detection = detect(path, data);
    if detection.format == Format::Archive {
        if depth + 1 > MAX_NESTING {
            let error = ExtractionError::new(
                ErrorKind::Limit,
                format!(
                    "{part_path}: archive nested deeper than {MAX_NESTING} levels (perhaps an \
                     archive that contains itself); not followed"
                ),
            );
            collected.failure(path, &error);
            return Ok(());
        }
        collected.section(path, "");
        let prefix = format!("{path}!/");
        return match read_archive(data, &prefix, depth + 1, budget, collected, &part_ctx) {
            Err(error) if !matches!(error.kind, ErrorKind::Limit | ErrorKind::Timeout) => {
                collected.failure(path, &error);
                Ok(())
            }
            other => other,
        };
    }
    match crate::formats::extract(detection.format, detection.mime_type, data, &part_ctx) {
        Ok(extracted) => {
            let page = i32::try_from(collected.pages.len() + 1).ok();
            collected.section(path, &extracted.content);
            collected.tables.extend(
                extracted
                    .tables
                    .into_iter()
                    .map(|table| Table { page, ..table }),
            );
            spend(budget, extracted.content.len() as u64, ctx)
        }
        Err(error) if error.kind == ErrorKind::Timeout => Err(error),
        Err(error) => {
            collected.failure(path, &error);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests;
