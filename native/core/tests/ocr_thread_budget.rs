//! OCR stays inside the task's thread budget: with the default `ocrThreads` of 1, recognising
//! pages starts no thread (Tesseract's OpenMP sections run on the calling thread).

mod common;

use vellum_core::{ExtractionConfig, Extractor};

fn threads_of_this_process() -> usize {
    std::fs::read_dir("/proc/self/task").unwrap().count()
}

#[test]
fn ocr_with_one_thread_starts_no_thread() {
    common::require_tesseract();
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig::default()).unwrap();
    assert_eq!(extractor.config().ocr_threads, 1);
    let files = [
        "tika/tika-parser-ocr-module/testTIFF_multipage.tif",
        "kreuzberg/images/ocr_image.jpg",
        "tika/tika-parsers-extended-integration-tests/testOCR.png",
    ];
    let before = threads_of_this_process();
    for file in files {
        let document = common::extract_corpus_file(&extractor, &corpus, &corpus.join(file));
        assert_eq!(document.error, None);
        assert!(!document.content.unwrap().trim().is_empty(), "{file}");
    }
    assert_eq!(threads_of_this_process(), before);
}
