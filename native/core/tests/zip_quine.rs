//! A ZIP that contains itself (`droste.zip`, whose entry `droste.zip` is the file's own bytes)
//! finishes promptly: nested archives are followed only a few levels deep, and the depth reached
//! is noted in the entry's section instead of failing the archive.

mod common;

use std::time::{Duration, Instant};

use vellum_core::detect::extension;
use vellum_core::{ExtractionConfig, Extractor};

#[test]
fn droste_zip_that_contains_itself_finishes_promptly_with_the_depth_noted() {
    let corpus = common::corpus();
    let file = corpus.join("tika/tika-parser-pkg-module/droste.zip");
    let bytes = std::fs::read(&file).expect("droste.zip in the corpus");
    assert_eq!(extension(&file.to_string_lossy()), "zip");
    let extractor = Extractor::new(ExtractionConfig::default()).unwrap();
    let started = Instant::now();
    let document = common::extract_corpus_file(&extractor, &corpus, &file);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(document.error, None);
    assert_eq!(document.mime_type.as_deref(), Some("application/zip"));
    // The archive holds its own bytes as an entry: that is what makes it a quine.
    let listing = document.metadata.as_ref().unwrap().extra["entries"].clone();
    assert!(
        listing.starts_with("droste.jpg\ndroste.zip\ndroste.zip!/droste.jpg\n"),
        "{listing}"
    );
    let errors = &document.metadata.as_ref().unwrap().extra["errors"];
    assert!(errors.contains("nested deeper than"), "{errors}");
    let content = document.content.unwrap();
    assert!(content.contains("droste.zip!/droste.zip!/droste.jpg"));
    assert!(bytes.len() < 100_000);
}

#[test]
fn an_archive_that_repeats_itself_at_every_level_ends_at_the_depth_limit() {
    // The same two entries at every level, as a quine unrolled: a text and the archive below.
    let mut zip = common::zip::build(&[("leaf.txt", b"leaf", true)]);
    for _ in 0..40 {
        zip = common::zip::build(&[("self.txt", b"again", true), ("self.zip", &zip, false)]);
    }
    let started = Instant::now();
    let document = common::extract_bytes(ExtractionConfig::default(), "self.zip", &zip);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(document.error, None);
    let content = document.content.unwrap();
    assert!(!content.contains("leaf"));
    assert!(content.contains("[not extracted: limit]"));
}
