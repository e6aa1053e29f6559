//! Vellum's extraction engine: detects a document's format, extracts its text, structure and
//! metadata within limits and a deadline, and applies the built-in processing (chunks, languages).
//!
//! Nothing here knows about JNI or the JVM: `native/jni` is the only caller across that boundary.
// Only the OCR loader (`ocr::tesseract`, Tesseract's C API loaded at run time) may use `unsafe`.
#![deny(unsafe_code)]

pub mod chunk;
pub mod config;
pub mod container;
pub mod detect;
pub mod document;
pub mod engine;
pub mod error;
pub mod formats;
pub mod language;
pub mod limits;
pub mod ocr;
pub mod text;

pub use config::{Column, ExtractionConfig, OcrMode, OutputFormat};
pub use detect::{detect, Detection, Format};
pub use document::{
    Chunk, Document, DocumentInput, ErrorKind, ExtractionError, Metadata, Page, Table,
};
pub use engine::Extractor;
pub use error::ConfigError;
