//! The extraction configuration, sent by the Java side as one JSON object (camelCase keys).
//! Unknown keys are refused so that a mismatch between the two sides is caught at once.

use serde::Deserialize;

use crate::error::ConfigError;

/// How `content` is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    #[default]
    Plain,
    Markdown,
}

/// When scanned pages and images are OCRed (used from the OCR issue on; validated now).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum OcrMode {
    #[default]
    Auto,
    Force,
    Off,
}

/// A top-level column of the output schema (DESIGN.md), in schema order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Path,
    ModificationTime,
    Length,
    MimeType,
    Content,
    Metadata,
    Pages,
    Tables,
    Chunks,
    Languages,
    Error,
}

impl Column {
    /// Every column, in the order of the output schema.
    pub const ALL: [Column; 11] = [
        Column::Path,
        Column::ModificationTime,
        Column::Length,
        Column::MimeType,
        Column::Content,
        Column::Metadata,
        Column::Pages,
        Column::Tables,
        Column::Chunks,
        Column::Languages,
        Column::Error,
    ];

    /// The column's name in the output schema.
    pub fn name(self) -> &'static str {
        match self {
            Column::Path => "path",
            Column::ModificationTime => "modification_time",
            Column::Length => "length",
            Column::MimeType => "mime_type",
            Column::Content => "content",
            Column::Metadata => "metadata",
            Column::Pages => "pages",
            Column::Tables => "tables",
            Column::Chunks => "chunks",
            Column::Languages => "languages",
            Column::Error => "error",
        }
    }

    /// Whether producing this column needs the document's text extracted (not only detected).
    pub fn needs_extraction(self) -> bool {
        matches!(
            self,
            Column::Content
                | Column::Metadata
                | Column::Pages
                | Column::Tables
                | Column::Chunks
                | Column::Languages
                | Column::Error
        )
    }
}

fn all_columns() -> Vec<Column> {
    Column::ALL.to_vec()
}

fn default_max_file_size() -> i64 {
    256 * 1024 * 1024
}

fn default_timeout_millis() -> i64 {
    60_000
}

fn default_max_decompressed_size() -> i64 {
    1024 * 1024 * 1024
}

fn default_ocr_language() -> String {
    "eng".to_owned()
}

fn default_ocr_threads() -> i32 {
    1
}

/// Everything that shapes one extraction. Built once per extractor handle.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExtractionConfig {
    #[serde(default)]
    pub output_format: OutputFormat,
    #[serde(default)]
    pub extract_pages: bool,
    #[serde(default)]
    pub extract_tables: bool,
    #[serde(default)]
    pub ocr: OcrMode,
    #[serde(default = "default_ocr_language")]
    pub ocr_language: String,
    /// Threads Tesseract may use for one page, within the task's own budget (1: none besides
    /// the task's thread).
    #[serde(default = "default_ocr_threads")]
    pub ocr_threads: i32,
    /// Passwords to try in turn on encrypted PDFs. Never printed (see the `Debug` impl).
    #[serde(default)]
    pub pdf_passwords: Vec<String>,
    /// Passwords to try in turn on encrypted Office (OOXML) files. Never printed.
    #[serde(default)]
    pub office_passwords: Vec<String>,
    /// Characters per chunk; 0 disables chunking.
    #[serde(default)]
    pub chunk_size: i32,
    #[serde(default)]
    pub chunk_overlap: i32,
    #[serde(default = "default_max_file_size")]
    pub max_file_size: i64,
    /// Per-document deadline in milliseconds.
    #[serde(default = "default_timeout_millis")]
    pub timeout_millis: i64,
    #[serde(default = "default_max_decompressed_size")]
    pub max_decompressed_size: i64,
    /// The output columns to produce, in output order.
    #[serde(default = "all_columns")]
    pub columns: Vec<Column>,
}

impl Default for ExtractionConfig {
    fn default() -> Self {
        ExtractionConfig {
            output_format: OutputFormat::Plain,
            extract_pages: false,
            extract_tables: false,
            ocr: OcrMode::Auto,
            ocr_language: default_ocr_language(),
            ocr_threads: default_ocr_threads(),
            pdf_passwords: Vec::new(),
            office_passwords: Vec::new(),
            chunk_size: 0,
            chunk_overlap: 0,
            max_file_size: default_max_file_size(),
            timeout_millis: default_timeout_millis(),
            max_decompressed_size: default_max_decompressed_size(),
            columns: all_columns(),
        }
    }
}

impl std::fmt::Debug for ExtractionConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExtractionConfig")
            .field("output_format", &self.output_format)
            .field("extract_pages", &self.extract_pages)
            .field("extract_tables", &self.extract_tables)
            .field("ocr", &self.ocr)
            .field("ocr_language", &self.ocr_language)
            .field("ocr_threads", &self.ocr_threads)
            .field(
                "pdf_passwords",
                &format_args!("<{} redacted>", self.pdf_passwords.len()),
            )
            .field(
                "office_passwords",
                &format_args!("<{} redacted>", self.office_passwords.len()),
            )
            .field("chunk_size", &self.chunk_size)
            .field("chunk_overlap", &self.chunk_overlap)
            .field("max_file_size", &self.max_file_size)
            .field("timeout_millis", &self.timeout_millis)
            .field("max_decompressed_size", &self.max_decompressed_size)
            .field("columns", &self.columns)
            .finish()
    }
}

impl ExtractionConfig {
    /// Parses and validates the JSON the Java side sends.
    pub fn from_json(json: &[u8]) -> Result<Self, ConfigError> {
        let config: ExtractionConfig =
            serde_json::from_slice(json).map_err(|e| ConfigError::Malformed(e.to_string()))?;
        config.validate()?;
        Ok(config)
    }

    /// Whether any requested column needs the text extracted.
    pub fn needs_extraction(&self) -> bool {
        self.columns.iter().any(|c| c.needs_extraction())
    }

    /// Whether the query needs the documents' text laid out, not only their metadata: a query
    /// of `metadata` alone reads no page content. (`error` needs it: a document may fail there.)
    pub fn needs_text(&self) -> bool {
        self.columns
            .iter()
            .any(|c| c.needs_extraction() && *c != Column::Metadata)
    }

    /// Checks the ranges the JSON types cannot express.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |option, reason: &str| {
            Err(ConfigError::InvalidValue {
                option,
                reason: reason.to_owned(),
            })
        };
        if self.chunk_size < 0 {
            return invalid(
                "chunkSize",
                "must be 0 (no chunks) or a positive number of characters",
            );
        }
        if self.chunk_overlap < 0 || (self.chunk_size > 0 && self.chunk_overlap >= self.chunk_size)
        {
            return invalid(
                "chunkOverlap",
                "must be at least 0 and smaller than chunkSize",
            );
        }
        if self.max_file_size <= 0 {
            return invalid("maxFileSize", "must be a positive number of bytes");
        }
        if self.timeout_millis <= 0 {
            return invalid("timeout", "must be a positive duration");
        }
        if self.max_decompressed_size <= 0 {
            return invalid("maxDecompressedSize", "must be a positive number of bytes");
        }
        if !(1..=64).contains(&self.ocr_threads) {
            return invalid("ocrThreads", "must be between 1 and 64 threads per task");
        }
        if self.columns.is_empty() {
            return invalid("columns", "at least one column must be requested");
        }
        crate::ocr::check_languages(self)?;
        Ok(())
    }
}
