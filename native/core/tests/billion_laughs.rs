//! Entity expansion bombs finish at once: DTD entities are never expanded.

mod common;

use std::time::{Duration, Instant};

use vellum_core::ExtractionConfig;

fn billion_laughs() -> String {
    let mut xml =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for level in 1..=9 {
        let previous = if level == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", level - 1)
        };
        let refs = format!("&{previous};").repeat(10);
        xml.push_str(&format!(" <!ENTITY lol{level} \"{refs}\">\n"));
    }
    xml.push_str("]>\n<lolz>before &lol9; after</lolz>\n");
    xml
}

#[test]
fn billion_laughs_xml_finishes_without_expanding_entities() {
    let xml = billion_laughs();
    let started = Instant::now();
    let document = common::extract_bytes(ExtractionConfig::default(), "bomb.xml", xml.as_bytes());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(document.error, None);
    assert_eq!(document.mime_type.as_deref(), Some("application/xml"));
    assert_eq!(document.content.as_deref(), Some("before after\n"));
}

#[test]
fn billion_laughs_inside_xhtml_is_harmless_too() {
    let xml = billion_laughs().replace(
        "<lolz>before &lol9; after</lolz>",
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>before &lol9; after</p></body></html>",
    );
    let started = Instant::now();
    let document = common::extract_bytes(ExtractionConfig::default(), "bomb.xhtml", xml.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(document.error, None);
    let content = document.content.unwrap_or_default();
    assert!(
        content.len() < 1000,
        "entities were expanded: {} bytes",
        content.len()
    );
}

#[test]
fn quadratic_blowup_entities_are_not_expanded() {
    let big = "A".repeat(100_000);
    let xml = format!(
        "<!DOCTYPE r [<!ENTITY a \"{big}\">]><r>{}</r>",
        "&a;".repeat(10_000)
    );
    let document = common::extract_bytes(ExtractionConfig::default(), "quad.xml", xml.as_bytes());
    assert_eq!(document.error, None);
    assert_eq!(document.content.as_deref(), Some(""));
}
