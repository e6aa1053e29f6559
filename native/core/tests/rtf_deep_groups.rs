//! RTF nested groups are kept on the heap, not the stack: moderate nesting is extracted and
//! absurd nesting is an error row of kind `limit`, never a stack overflow or a hang.

mod common;

use std::time::{Duration, Instant};

use vellum_core::{ErrorKind, ExtractionConfig};

#[test]
fn rtf_groups_nested_five_thousand_deep_are_extracted() {
    let rtf = format!(
        "{{\\rtf1 {}deep text{}}}",
        "{\\b ".repeat(5_000),
        "}".repeat(5_000)
    );
    let document = common::extract_bytes(ExtractionConfig::default(), "deep.rtf", rtf.as_bytes());
    assert_eq!(document.error, None);
    assert_eq!(document.content.as_deref(), Some("deep text\n"));
}

#[test]
fn rtf_groups_nested_a_million_deep_are_a_limit_error_quickly() {
    let rtf = format!("{{\\rtf1 {}", "{".repeat(1_000_000));
    let started = Instant::now();
    let document = common::extract_bytes(ExtractionConfig::default(), "deep.rtf", rtf.as_bytes());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    let error = document.error.expect("a limit error");
    assert_eq!(error.kind, ErrorKind::Limit);
    assert!(error.message.starts_with("deep.rtf: "), "{}", error.message);
    assert!(error.message.contains("RTF groups"), "{}", error.message);
}

#[test]
fn rtf_with_a_million_unbalanced_closing_braces_is_read() {
    let rtf = format!("{{\\rtf1 before{}after", "}".repeat(1_000_000));
    let document =
        common::extract_bytes(ExtractionConfig::default(), "closing.rtf", rtf.as_bytes());
    assert_eq!(document.error, None);
    assert_eq!(document.content.as_deref(), Some("beforeafter\n"));
}
