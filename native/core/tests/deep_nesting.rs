//! Deeply nested documents neither overflow the stack nor hang: moderate depth is extracted,
//! extreme depth is an error row of kind `limit`.

mod common;

use std::time::{Duration, Instant};

use vellum_core::{ErrorKind, ExtractionConfig};

fn kind(path: &str, bytes: &[u8]) -> Option<ErrorKind> {
    common::extract_bytes(ExtractionConfig::default(), path, bytes)
        .error
        .map(|e| e.kind)
}

#[test]
fn json_nested_five_thousand_deep_is_extracted() {
    let json = format!("{}\"deep\"{}", "[".repeat(5_000), "]".repeat(5_000));
    let document = common::extract_bytes(ExtractionConfig::default(), "deep.json", json.as_bytes());
    assert_eq!(document.error, None);
    assert_eq!(document.content.as_deref(), Some("deep\n"));
}

#[test]
fn json_nested_a_million_deep_is_a_limit_error() {
    let json = "[".repeat(1_000_000);
    assert_eq!(kind("deep.json", json.as_bytes()), Some(ErrorKind::Limit));
    let objects = "{\"a\":".repeat(1_000_000);
    assert_eq!(
        kind("deep.json", objects.as_bytes()),
        Some(ErrorKind::Limit)
    );
}

#[test]
fn xml_nested_a_hundred_thousand_deep_is_a_limit_error() {
    let xml = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
    assert_eq!(kind("deep.xml", xml.as_bytes()), Some(ErrorKind::Limit));
    let ok = format!("{}x{}", "<a>".repeat(1_000), "</a>".repeat(1_000));
    assert_eq!(kind("ok.xml", ok.as_bytes()), None);
}

#[test]
fn html_nested_deeply_finishes_with_a_row() {
    let html = format!(
        "<html><body>{}deep{}</body></html>",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let started = Instant::now();
    let error = kind("deep.html", html.as_bytes());
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        matches!(error, None | Some(ErrorKind::Limit | ErrorKind::Timeout)),
        "{error:?}"
    );
    let spans = format!("<p>{}x", "<span>".repeat(50_000));
    let error = kind("spans.html", spans.as_bytes());
    assert!(
        matches!(error, None | Some(ErrorKind::Limit | ErrorKind::Timeout)),
        "{error:?}"
    );
}

#[test]
fn markdown_nested_deeply_finishes() {
    let quotes = format!("{} deep\n", ">".repeat(50_000));
    let started = Instant::now();
    let error = kind("deep.md", quotes.as_bytes());
    assert!(
        matches!(error, None | Some(ErrorKind::Limit | ErrorKind::Timeout)),
        "{error:?}"
    );
    let lists = (0..5_000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect::<String>();
    let error = kind("lists.md", lists.as_bytes());
    assert!(
        matches!(error, None | Some(ErrorKind::Limit | ErrorKind::Timeout)),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
}
