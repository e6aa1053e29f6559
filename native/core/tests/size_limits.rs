//! Size limits: a file larger than maxFileSize (read or not) and text larger than
//! maxDecompressedSize are error rows of kind `limit` that say which option to raise.

mod common;

use vellum_core::{DocumentInput, ErrorKind, ExtractionConfig, Extractor};

#[test]
fn an_unread_file_larger_than_max_file_size_is_a_limit_row() {
    let extractor = Extractor::new(ExtractionConfig {
        max_file_size: 1000,
        ..ExtractionConfig::default()
    })
    .expect("config");
    let document = extractor.extract(&DocumentInput {
        path: "big/video.mp4",
        content: None,
        length: 5_000,
        modification_time: Some(1),
        read_error: None,
    });
    let error = document.error.expect("a limit row");
    assert_eq!(error.kind, ErrorKind::Limit);
    assert_eq!(
        error.message,
        "big/video.mp4: file is 5000 bytes, larger than maxFileSize 1000; raise maxFileSize to \
         extract it"
    );
    assert_eq!(document.length, 5_000);
    assert_eq!(document.modification_time, Some(1));
}

#[test]
fn read_content_larger_than_max_file_size_is_a_limit_row() {
    let config = ExtractionConfig {
        max_file_size: 10,
        ..ExtractionConfig::default()
    };
    let document = common::extract_bytes(config, "a.txt", b"more than ten bytes");
    assert_eq!(document.error.map(|e| e.kind), Some(ErrorKind::Limit));
}

#[test]
fn text_larger_than_max_decompressed_size_is_a_limit_row() {
    let config = ExtractionConfig {
        max_decompressed_size: 100,
        ..ExtractionConfig::default()
    };
    let text = "word ".repeat(100);
    for path in ["a.txt", "a.md", "a.html", "a.xml", "a.csv"] {
        let bytes = match path {
            "a.xml" => format!("<r>{text}</r>"),
            "a.html" => format!("<p>{text}</p>"),
            _ => text.clone(),
        };
        let document = common::extract_bytes(config.clone(), path, bytes.as_bytes());
        let error = document
            .error
            .unwrap_or_else(|| panic!("{path}: no limit error"));
        assert_eq!(error.kind, ErrorKind::Limit, "{path}");
        assert!(
            error.message.contains("maxDecompressedSize"),
            "{}",
            error.message
        );
    }
}

#[test]
fn an_unreadable_file_is_an_io_row_with_the_reason() {
    let extractor = Extractor::new(ExtractionConfig::default()).expect("config");
    let document = extractor.extract(&DocumentInput {
        path: "s3a://bucket/gone.pdf",
        content: None,
        length: 10,
        modification_time: None,
        read_error: Some("java.io.FileNotFoundException: gone.pdf"),
    });
    let error = document.error.expect("an io row");
    assert_eq!(error.kind, ErrorKind::Io);
    assert!(error.message.starts_with("s3a://bucket/gone.pdf: "));
    assert!(error.message.contains("FileNotFoundException"));
}
