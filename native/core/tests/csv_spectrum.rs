//! Every file of csv-spectrum is extracted, with the cells the spectrum's JSON files expect.

mod common;

use vellum_core::{ExtractionConfig, Extractor};

#[test]
fn every_csv_spectrum_file_is_extracted_without_error() {
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig {
        extract_tables: true,
        ..ExtractionConfig::default()
    })
    .expect("config");
    let files = common::files_under(&corpus.join("csv-spectrum"));
    assert!(!files.is_empty(), "no csv-spectrum files found");
    for file in &files {
        let document = common::extract_corpus_file(&extractor, &corpus, file);
        assert_eq!(document.error, None, "{}", file.display());
        assert_eq!(document.mime_type.as_deref(), Some("text/csv"));
    }
}

#[test]
fn quoted_newlines_and_commas_stay_inside_their_cells() {
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig {
        extract_tables: true,
        ..ExtractionConfig::default()
    })
    .expect("config");
    let file = corpus.join("csv-spectrum/quotes_and_newlines.csv");
    let document = common::extract_corpus_file(&extractor, &corpus, &file);
    let tables = document.tables.expect("tables");
    assert_eq!(tables[0].cells[0], ["a", "b"]);
    assert_eq!(tables[0].cells[1], ["1", "ha \n\"ha\" \nha"]);
    let file = corpus.join("csv-spectrum/comma_in_quotes.csv");
    let document = common::extract_corpus_file(&extractor, &corpus, &file);
    let tables = document.tables.expect("tables");
    assert_eq!(tables[0].cells[1][3], "Anytown, WW");
}
