//! Helpers shared by the integration tests: the shared corpus and one-call extraction.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use vellum_core::{Document, DocumentInput, ExtractionConfig, Extractor};

/// The shared corpus (`../shared/corpus` beside the repository). Fails, never skips, when absent.
pub fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    assert!(
        dir.join("MANIFEST.tsv").is_file(),
        "the shared test corpus is missing: expected {} with MANIFEST.tsv; check out shared/ \
         beside the repository",
        dir.display()
    );
    dir
}

/// Fails with what to install when this machine's Tesseract cannot be loaded: the OCR tests
/// need Tesseract 5 and its English data (`.ci/run` installs them); the rest of the suite passes
/// without them.
pub fn require_tesseract() {
    if let Err(why) = vellum_core::ocr::engines::library() {
        panic!(
            "this OCR test needs Tesseract 5 with English data, which did not load ({why:?}); \
             install the Debian packages tesseract-ocr and tesseract-ocr-eng"
        );
    }
}

/// Every file under `dir`, recursively, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Extracts `bytes` named `path` with `config`.
pub fn extract_bytes(config: ExtractionConfig, path: &str, bytes: &[u8]) -> Document {
    let extractor = Extractor::new(config).expect("valid configuration");
    extractor.extract(&DocumentInput {
        path,
        content: Some(bytes),
        length: bytes.len() as i64,
        modification_time: None,
        read_error: None,
    })
}

/// Extracts a corpus file; the row's path is relative to the corpus.
pub fn extract_corpus_file(extractor: &Extractor, corpus: &Path, file: &Path) -> Document {
    let bytes =
        std::fs::read(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let relative = file.strip_prefix(corpus).unwrap_or(file).to_string_lossy();
    extractor.extract(&DocumentInput {
        path: &relative,
        content: Some(&bytes),
        length: bytes.len() as i64,
        modification_time: None,
        read_error: None,
    })
}

pub mod pdf;
pub mod zip;
