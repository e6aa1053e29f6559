//! Word, Excel and PowerPoint 97 files of the corpus: each gives its text, or a typed error that
//! names the file (an encrypted file, a Word 2 or Excel 2 to 4 file without an OLE storage, a
//! damaged piece table); none panics, hangs or is an `internal` error.

mod common;

use vellum_core::{ErrorKind, ExtractionConfig, Extractor};

#[test]
fn word_excel_and_powerpoint_97_files_of_the_corpus_give_their_text_or_a_typed_error() {
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig::default()).expect("config");
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    let (mut files, mut with_text) = (0, 0);
    let mut errors = Vec::new();
    for line in manifest.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(path), Some(format)) = (fields.first(), fields.get(4)) else {
            continue;
        };
        let expected = match *format {
            "doc" => "application/msword",
            "ppt" => "application/vnd.ms-powerpoint",
            "xls" => "application/vnd.ms-excel",
            _ => continue,
        };
        let document = common::extract_corpus_file(&extractor, &corpus, &corpus.join(path));
        if document.mime_type.as_deref() != Some(expected) {
            continue; // a misnamed file (for example an RTF file called .doc) is detected by content
        }
        files += 1;
        match &document.error {
            None => {
                let content = document.content.as_deref().unwrap_or_default();
                if content.split_whitespace().next().is_some() {
                    with_text += 1;
                } else {
                    eprintln!("  no text: {path}");
                }
            }
            Some(error) => {
                assert!(
                    matches!(
                        error.kind,
                        ErrorKind::Encrypted | ErrorKind::Unsupported | ErrorKind::Parse
                    ),
                    "{}",
                    error.message
                );
                assert!(error.message.starts_with(*path), "{}", error.message);
                errors.push(format!("{:?}: {}", error.kind, error.message));
            }
        }
    }
    eprintln!(
        "{files} Word, Excel and PowerPoint 97 files: {with_text} with text, {} errors",
        errors.len()
    );
    for error in &errors {
        eprintln!("  {error}");
    }
    assert!(files > 300, "only {files} files");
    // Some files have no text of their own: pictures only, empty table cells, text only on
    // the masters, objects whose fields show no result.
    let read = files - errors.len();
    assert!(
        with_text * 100 >= read * 85,
        "only {with_text} of the {read} files read give text"
    );
}

#[test]
fn objects_embedded_in_word_excel_and_powerpoint_97_files_are_read() {
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig::default()).expect("config");
    // Each file embeds the same nine objects: a text, PDF and XML file, and a document of each
    // Office format old and new, each holding its format's name and "_content".
    for name in ["doc", "xls", "ppt"] {
        let path = corpus.join(format!(
            "tika/tika-parser-microsoft-module/testWPSAttachment.{name}"
        ));
        let document = common::extract_corpus_file(&extractor, &corpus, &path);
        assert_eq!(document.error, None, "{name}");
        let content = document.content.unwrap_or_default();
        for inside in [
            "txt", "pdf", "xml", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
        ] {
            assert!(
                content.contains(&format!("\n{inside}_content")),
                "{name}: no {inside}_content in {content}"
            );
        }
    }
}
