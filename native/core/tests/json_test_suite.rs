//! Every file of the JSONTestSuite sample in the shared corpus: `n_` files are `parse` errors,
//! `y_` and `i_` (implementation-defined, which Vellum accepts) files are extracted.

mod common;

use vellum_core::{ErrorKind, ExtractionConfig, Extractor};

#[test]
fn json_test_suite_rejects_every_n_file_and_accepts_every_y_and_i_file() {
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig::default()).expect("config");
    let files = common::files_under(&corpus.join("jsontestsuite"));
    assert!(
        files.len() >= 30,
        "expected the JSONTestSuite files, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for file in &files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let document = common::extract_corpus_file(&extractor, &corpus, file);
        let kind = document.error.as_ref().map(|e| e.kind);
        let ok = if name.starts_with("n_") {
            kind == Some(ErrorKind::Parse)
        } else {
            kind.is_none() && document.content.is_some()
        };
        if !ok {
            failures.push(format!("{name}: {:?}", document.error));
        }
        assert_eq!(
            document.mime_type.as_deref(),
            Some("application/json"),
            "{name}"
        );
    }
    assert!(
        failures.is_empty(),
        "wrong results:\n{}",
        failures.join("\n")
    );
}

#[test]
fn json_parse_errors_name_the_file_line_and_column() {
    let document = common::extract_bytes(
        ExtractionConfig::default(),
        "data/x.json",
        b"{\n  \"a\": [1,\n 2,]}",
    );
    let error = document.error.expect("a parse error");
    assert_eq!(error.kind, ErrorKind::Parse);
    assert_eq!(
        error.message,
        "data/x.json: invalid JSON at line 3, column 4: expected a value (object, array, string, \
         number, true, false or null)"
    );
}
