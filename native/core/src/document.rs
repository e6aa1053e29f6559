//! What goes into an extraction and what comes out: the rows of the output schema (DESIGN.md).

use std::collections::BTreeMap;

/// One document handed to the engine. `content` borrows the bytes in place (from the Arrow input
/// batch); it is `None` when the Java side did not read the file (too large, or unreadable).
#[derive(Debug, Clone, Copy)]
pub struct DocumentInput<'a> {
    pub path: &'a str,
    pub content: Option<&'a [u8]>,
    /// The file's length in bytes, as the file system reports it.
    pub length: i64,
    /// Microseconds since the epoch, UTC.
    pub modification_time: Option<i64>,
    /// Why the Java side could not read the file, if it could not.
    pub read_error: Option<&'a str>,
}

/// The kind of a document's error: a fixed vocabulary, stable for users who filter on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The bytes are not a valid document of the detected format.
    Parse,
    /// No extractor exists for the detected format.
    Unsupported,
    /// A limit (size, depth, count, ratio) was reached.
    Limit,
    /// The per-document deadline passed.
    Timeout,
    /// The document is encrypted and no given password opens it.
    Encrypted,
    /// The file could not be read.
    Io,
    /// A user validator rejected the document (set on the Java side).
    Validation,
    /// OCR was needed but Tesseract is not installed.
    OcrUnavailable,
    /// A defect of Vellum itself (for example a contained panic).
    Internal,
}

impl ErrorKind {
    /// The value of `error.kind` in the output.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Parse => "parse",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Limit => "limit",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::Io => "io",
            ErrorKind::Validation => "validation",
            ErrorKind::OcrUnavailable => "ocr_unavailable",
            ErrorKind::Internal => "internal",
        }
    }
}

/// Why a document could not be extracted; becomes the `error` struct of its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractionError {
    pub kind: ErrorKind,
    pub message: String,
}

impl ExtractionError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ExtractionError {
            kind,
            message: message.into(),
        }
    }
}

/// Document metadata. Timestamps are microseconds since the epoch, UTC.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub subject: Option<String>,
    pub keywords: Vec<String>,
    pub language: Option<String>,
    pub created: Option<i64>,
    pub modified: Option<i64>,
    pub creator: Option<String>,
    pub producer: Option<String>,
    pub page_count: Option<i32>,
    pub encrypted: Option<bool>,
    pub extra: BTreeMap<String, String>,
}

/// One page (or slide, sheet, section) of `content`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub number: i32,
    pub content: String,
}

/// A table: rows of cells, and the same table as Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub page: Option<i32>,
    pub cells: Vec<Vec<String>>,
    pub markdown: String,
}

/// A piece of `content` for retrieval; offsets are in characters (Unicode scalar values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub index: i32,
    pub content: String,
    pub char_start: i32,
    pub char_end: i32,
    pub page: Option<i32>,
}

/// One row of the output. Fields of columns that were not requested stay empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub path: String,
    pub modification_time: Option<i64>,
    pub length: i64,
    pub mime_type: Option<String>,
    pub content: Option<String>,
    pub metadata: Option<Metadata>,
    /// `Some` only with `extractPages`.
    pub pages: Option<Vec<Page>>,
    /// `Some` only with `extractTables`.
    pub tables: Option<Vec<Table>>,
    /// `Some` only when chunking is on.
    pub chunks: Option<Vec<Chunk>>,
    pub languages: Option<Vec<String>>,
    pub error: Option<ExtractionError>,
}
