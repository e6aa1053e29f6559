//! Every text-family file of the shared corpus (.html .htm .xml .nxml .md .markdown .txt .csv
//! .tsv .json .ndjson) is extracted without an error row, in plain and Markdown output, except
//! the JSONTestSuite's `n_` files (invalid on purpose) and the defects listed below.

mod common;

use std::collections::BTreeMap;

use vellum_core::{ExtractionConfig, Extractor, OutputFormat};

const EXTENSIONS: [&str; 11] = [
    "html", "htm", "xml", "nxml", "md", "markdown", "txt", "csv", "tsv", "json", "ndjson",
];

/// Files that are genuinely defective, with the reason; they must give an error row.
const KNOWN_DEFECTS: [(&str, &str); 2] = [
    (
        "docling/json_dots/sources/dots_list.json",
        "truncated: the top-level array is never closed (the file ends after its last object)",
    ),
    (
        "docling/json_dots/sources/dots_simple.json",
        "truncated: the top-level array is never closed (the file ends after its last object)",
    ),
];

fn check(output_format: OutputFormat) -> BTreeMap<String, usize> {
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig {
        output_format,
        extract_tables: true,
        extract_pages: true,
        chunk_size: 1000,
        chunk_overlap: 100,
        ..ExtractionConfig::default()
    })
    .expect("config");
    let mut counts = BTreeMap::new();
    let mut failures = Vec::new();
    for file in common::files_under(&corpus) {
        let relative = file
            .strip_prefix(&corpus)
            .unwrap_or(&file)
            .to_string_lossy()
            .into_owned();
        let extension = vellum_core::detect::extension(&relative);
        if !EXTENSIONS.contains(&extension.as_str()) {
            continue;
        }
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if relative.starts_with("jsontestsuite/") && name.starts_with("n_") {
            continue;
        }
        *counts.entry(extension).or_insert(0) += 1;
        let document = common::extract_corpus_file(&extractor, &corpus, &file);
        let defect = KNOWN_DEFECTS.iter().any(|(path, _)| *path == relative);
        match (&document.error, defect) {
            (None, false) => assert!(document.content.is_some(), "{relative}: no content"),
            (Some(_), true) => {}
            (Some(error), false) => failures.push(format!(
                "{relative} [{}]: {}",
                document.mime_type.unwrap_or_default(),
                error.message
            )),
            (None, true) => failures.push(format!("{relative}: listed as defective but extracted")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} error rows:\n{}",
        failures.len(),
        failures.join("\n")
    );
    counts
}

#[test]
fn every_text_format_file_of_the_corpus_is_extracted_as_plain_text() {
    let counts = check(OutputFormat::Plain);
    println!("files per extension: {counts:?}");
    assert!(
        counts.values().sum::<usize>() > 300,
        "too few corpus files: {counts:?}"
    );
}

#[test]
fn every_text_format_file_of_the_corpus_is_extracted_as_markdown() {
    check(OutputFormat::Markdown);
}
