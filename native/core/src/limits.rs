//! Per-document bounds: a deadline checked inside every loop that can run long, and the size,
//! depth and count limits every parser obeys. Hitting one gives an error row of kind `timeout`
//! or `limit` instead of a hung or exhausted executor.

use std::cell::Cell;
use std::time::{Duration, Instant};

use crate::document::{ErrorKind, ExtractionError};

/// How many [`Deadline::tick`] calls pass between two reads of the clock.
const TICKS_PER_CHECK: u32 = 256;

/// The moment a document's extraction must be over. Not `Sync`: one per document and thread.
#[derive(Debug)]
pub struct Deadline {
    end: Option<Instant>,
    millis: i64,
    ticks: Cell<u32>,
}

impl Deadline {
    /// A deadline `millis` milliseconds from now (at least 1 ms).
    pub fn after_millis(millis: i64) -> Self {
        let millis = millis.max(1);
        let end = u64::try_from(millis)
            .ok()
            .and_then(|m| Instant::now().checked_add(Duration::from_millis(m)));
        Deadline {
            end,
            millis,
            ticks: Cell::new(0),
        }
    }

    /// Milliseconds left before the deadline (0 once passed); `None` when there is none.
    pub fn remaining_millis(&self) -> Option<u64> {
        let left = self.end?.saturating_duration_since(Instant::now());
        Some(u64::try_from(left.as_millis()).unwrap_or(u64::MAX))
    }

    /// Whether the deadline has passed.
    pub fn expired(&self) -> bool {
        self.end.is_some_and(|end| Instant::now() >= end)
    }

    /// Fails with a `timeout` error when the deadline has passed. Reads the clock every time.
    pub fn check(&self, path: &str) -> Result<(), ExtractionError> {
        if self.expired() {
            Err(self.error(path))
        } else {
            Ok(())
        }
    }

    /// Like [`Deadline::check`], but reads the clock only every few hundred calls: cheap enough
    /// for a parser's innermost loop.
    #[inline]
    pub fn tick(&self, path: &str) -> Result<(), ExtractionError> {
        let ticks = self.ticks.get().wrapping_add(1);
        self.ticks.set(ticks);
        if ticks.is_multiple_of(TICKS_PER_CHECK) {
            self.check(path)
        } else {
            Ok(())
        }
    }

    /// The `timeout` error for `path`.
    pub fn error(&self, path: &str) -> ExtractionError {
        ExtractionError::new(
            ErrorKind::Timeout,
            format!(
                "{path}: extraction took longer than the timeout of {} ms; raise the timeout \
                 option if the document is expected to be this slow",
                self.millis
            ),
        )
    }
}

/// Structural limits shared by the parsers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of elements, arrays or objects.
    pub max_depth: usize,
    /// Most characters of text a document may produce.
    pub max_output_bytes: usize,
    /// Most cells a document's tables may hold together.
    pub max_table_cells: usize,
}

impl Limits {
    /// The default limits, with the output bounded by `max_decompressed_size`.
    pub fn new(max_decompressed_size: i64) -> Self {
        Limits {
            max_depth: 10_000,
            max_output_bytes: usize::try_from(max_decompressed_size).unwrap_or(usize::MAX),
            max_table_cells: 10_000_000,
        }
    }

    /// The `limit` error for nesting deeper than [`Limits::max_depth`].
    pub fn depth_error(&self, path: &str, what: &str) -> ExtractionError {
        ExtractionError::new(
            ErrorKind::Limit,
            format!(
                "{path}: {what} nested deeper than {} levels; the document is refused as a \
                 likely attack or defect",
                self.max_depth
            ),
        )
    }

    /// Fails when `len` bytes of output exceed [`Limits::max_output_bytes`].
    pub fn check_output(&self, path: &str, len: usize) -> Result<(), ExtractionError> {
        if len > self.max_output_bytes {
            Err(ExtractionError::new(
                ErrorKind::Limit,
                format!(
                    "{path}: extracted text is larger than maxDecompressedSize ({} bytes); \
                     raise maxDecompressedSize to extract it",
                    self.max_output_bytes
                ),
            ))
        } else {
            Ok(())
        }
    }

    /// Fails when `cells` table cells exceed [`Limits::max_table_cells`].
    pub fn check_cells(&self, path: &str, cells: usize) -> Result<(), ExtractionError> {
        if cells > self.max_table_cells {
            Err(ExtractionError::new(
                ErrorKind::Limit,
                format!(
                    "{path}: tables hold more than {} cells; set extractTables=false to \
                     extract the text only",
                    self.max_table_cells
                ),
            ))
        } else {
            Ok(())
        }
    }
}

/// Everything an extractor needs besides the bytes: where they come from, the options, bounds.
#[derive(Debug)]
pub struct Context<'a> {
    pub path: &'a str,
    pub config: &'a crate::config::ExtractionConfig,
    pub deadline: Deadline,
    pub limits: Limits,
}

impl<'a> Context<'a> {
    pub fn new(path: &'a str, config: &'a crate::config::ExtractionConfig) -> Self {
        Context {
            path,
            config,
            deadline: Deadline::after_millis(config.timeout_millis),
            limits: Limits::new(config.max_decompressed_size),
        }
    }

    /// A context for a part of this document (an archive's entry) named `path`: the same
    /// options, limits and deadline, so the whole document stays within one deadline.
    pub fn for_part<'b>(&self, path: &'b str) -> Context<'b>
    where
        'a: 'b,
    {
        Context {
            path,
            config: self.config,
            deadline: Deadline {
                end: self.deadline.end,
                millis: self.deadline.millis,
                ticks: Cell::new(0),
            },
            limits: self.limits,
        }
    }

    /// [`Deadline::tick`] for this document.
    #[inline]
    pub fn tick(&self) -> Result<(), ExtractionError> {
        self.deadline.tick(self.path)
    }

    /// A `parse` error naming the document.
    pub fn parse_error(&self, message: impl std::fmt::Display) -> ExtractionError {
        ExtractionError::new(ErrorKind::Parse, format!("{}: {message}", self.path))
    }
}

/// 1-based line and column (in characters) of byte `offset` in `bytes`.
pub fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(bytes.len());
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    // Count characters, not bytes: continuation bytes do not start a character.
    let column = before[line_start..]
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generous_deadline_has_not_expired() {
        let deadline = Deadline::after_millis(60_000);
        assert!(deadline.check("a").is_ok());
        for _ in 0..10_000 {
            assert!(deadline.tick("a").is_ok());
        }
    }

    #[test]
    fn a_passed_deadline_gives_a_timeout_error_naming_the_file() {
        let deadline = Deadline::after_millis(1);
        std::thread::sleep(Duration::from_millis(5));
        let error = deadline.check("x.json").unwrap_err();
        assert_eq!(error.kind, ErrorKind::Timeout);
        assert!(error.message.starts_with("x.json: "));
        assert!((0..TICKS_PER_CHECK).any(|_| deadline.tick("x").is_err()));
    }

    #[test]
    fn output_and_cell_limits_give_limit_errors() {
        let limits = Limits::new(10);
        assert!(limits.check_output("a", 10).is_ok());
        assert_eq!(
            limits.check_output("a", 11).unwrap_err().kind,
            ErrorKind::Limit
        );
        assert_eq!(
            limits.check_cells("a", usize::MAX).unwrap_err().kind,
            ErrorKind::Limit
        );
        assert!(limits.depth_error("a", "arrays").message.contains("10000"));
    }

    #[test]
    fn line_column_counts_lines_and_characters() {
        assert_eq!(line_column(b"ab\ncd", 0), (1, 1));
        assert_eq!(line_column(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_column("é\né€x".as_bytes(), 8), (2, 3));
        assert_eq!(line_column(b"a", 99), (1, 2));
    }
}
