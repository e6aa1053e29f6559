use super::*;
use crate::config::ExtractionConfig;
use crate::container::zip::tests::build_zip;

fn run(bytes: &[u8], config: &ExtractionConfig) -> Result<Extracted, ExtractionError> {
    let ctx = Context::new("a.zip", config);
    extract(bytes, &ctx)
}

#[test]
fn every_entry_is_a_section_named_by_its_path_and_listed_in_extra() {
    let zip = build_zip(&[
        ("docs/", b"", false),
        ("docs/a.txt", b"alpha text", true),
        ("b.html", b"<p>beta <b>html</b></p>", false),
        ("c.csv", b"x,y\n1,2\n", true),
    ]);
    let config = ExtractionConfig {
        extract_tables: true,
        ..ExtractionConfig::default()
    };
    let extracted = run(&zip, &config).unwrap();
    assert_eq!(
        extracted.content,
        "docs/a.txt\nalpha text\n\nb.html\nbeta html\n\nc.csv\nx\ty\n1\t2\n"
    );
    assert_eq!(
        extracted.pages,
        vec!["alpha text", "beta html", "x\ty\n1\t2"]
    );
    assert_eq!(extracted.tables.len(), 1);
    assert_eq!(extracted.tables[0].page, Some(3));
    let extra = &extracted.metadata.extra;
    assert_eq!(extra["entries"], "docs/a.txt\nb.html\nc.csv");
    assert_eq!(extra["entryCount"], "3");
    assert!(!extra.contains_key("errors"));
}

#[test]
fn markdown_heads_each_section_with_the_entry_path() {
    let zip = build_zip(&[("a.txt", b"alpha", true)]);
    let config = ExtractionConfig {
        output_format: OutputFormat::Markdown,
        ..ExtractionConfig::default()
    };
    assert_eq!(run(&zip, &config).unwrap().content, "## a.txt\n\nalpha\n");
}

#[test]
fn nested_archives_are_read_recursively_with_their_paths() {
    let inner = build_zip(&[("deep.txt", b"deep text", true)]);
    let outer = build_zip(&[("inner.zip", &inner, false), ("top.txt", b"top", true)]);
    let extracted = run(&outer, &ExtractionConfig::default()).unwrap();
    assert_eq!(
        extracted.content,
        "inner.zip\n\ninner.zip!/deep.txt\ndeep text\n\ntop.txt\ntop\n"
    );
    assert_eq!(
        extracted.metadata.extra["entries"],
        "inner.zip\ninner.zip!/deep.txt\ntop.txt"
    );
}

#[test]
fn a_failing_entry_is_noted_without_failing_the_archive() {
    let zip = build_zip(&[
        ("bad.json", b"{\"open\": ", true),
        ("good.txt", b"fine", true),
    ]);
    let extracted = run(&zip, &ExtractionConfig::default()).unwrap();
    assert!(extracted.content.contains("good.txt\nfine\n"));
    assert!(extracted
        .content
        .contains("bad.json\n[not extracted: parse]\n"));
    assert!(extracted.metadata.extra["errors"].starts_with("bad.json: parse: a.zip!/bad.json: "));
}

#[test]
fn archives_nested_too_deep_are_noted_and_not_followed() {
    let mut zip = build_zip(&[("core.txt", b"core", true)]);
    for level in 0..MAX_NESTING + 2 {
        zip = build_zip(&[(&format!("level{level}.zip"), &zip, false)]);
    }
    let extracted = run(&zip, &ExtractionConfig::default()).unwrap();
    assert!(!extracted.content.contains("core\n"));
    assert!(extracted.metadata.extra["errors"].contains("nested deeper than"));
}

#[test]
fn the_archive_total_inflated_size_is_a_limit_on_the_archive() {
    let big = vec![b'a'; 4096];
    let zip = build_zip(&[("one.txt", &big, true), ("two.txt", &big, true)]);
    let config = ExtractionConfig {
        max_decompressed_size: 6000,
        ..ExtractionConfig::default()
    };
    let error = run(&zip, &config).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Limit);
    assert!(error.message.starts_with("a.zip"));
}
