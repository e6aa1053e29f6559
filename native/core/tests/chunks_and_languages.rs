//! Chunks cover the content with exact character offsets, and languages are detected reliably
//! on real corpus text.

mod common;

use vellum_core::ExtractionConfig;

#[test]
fn chunks_are_exact_slices_of_the_content_with_overlap() {
    let corpus = common::corpus();
    let bytes = std::fs::read(corpus.join("docling/md/sources/wiki.md")).expect("wiki.md");
    let config = ExtractionConfig {
        chunk_size: 300,
        chunk_overlap: 50,
        extract_pages: true,
        ..ExtractionConfig::default()
    };
    let document = common::extract_bytes(config, "wiki.md", &bytes);
    assert_eq!(document.error, None);
    let content: Vec<char> = document.content.expect("content").chars().collect();
    let chunks = document.chunks.expect("chunks");
    assert!(chunks.len() > 3);
    let mut previous_end = 0;
    for (i, chunk) in chunks.iter().enumerate() {
        assert_eq!(chunk.index as usize, i);
        let (start, end) = (chunk.char_start as usize, chunk.char_end as usize);
        assert!(end - start <= 300 && start < end);
        let slice: String = content[start..end].iter().collect();
        assert_eq!(chunk.content, slice);
        assert!(start <= previous_end.max(start), "gap before chunk {i}");
        previous_end = end;
        assert_eq!(chunk.page, Some(1));
    }
    assert_eq!(
        previous_end,
        content
            .iter()
            .collect::<String>()
            .trim_end()
            .chars()
            .count()
    );
    assert_eq!(document.pages.expect("pages").len(), 1);
}

#[test]
fn languages_of_corpus_documents_are_detected() {
    let corpus = common::corpus();
    for (path, language) in [
        ("kreuzberg/text/spanish_text.txt", "es"),
        ("kreuzberg/web/china_chinese.html", "zh"),
        ("kreuzberg/web/tel_aviv_hebrew.html", "he"),
        ("docling/md/sources/wiki.md", "en"),
    ] {
        let bytes = std::fs::read(corpus.join(path)).expect("read");
        let document = common::extract_bytes(ExtractionConfig::default(), path, &bytes);
        let languages = document.languages.expect("languages");
        assert_eq!(
            languages.first().map(String::as_str),
            Some(language),
            "{path}: {languages:?}"
        );
    }
    let noise = common::extract_bytes(ExtractionConfig::default(), "n.txt", b"1234 5678 ---");
    assert_eq!(noise.languages, Some(Vec::new()));
}
