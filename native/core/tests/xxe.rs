//! External entities (XXE) are never resolved: no file or URL is read while extracting XML.

mod common;

use vellum_core::ExtractionConfig;

fn secret_file() -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("vellum-xxe-secret-{}.txt", std::process::id()));
    std::fs::write(&path, "TOP-SECRET-CONTENT").expect("write the secret file");
    path
}

#[test]
fn external_system_entities_are_not_read() {
    let secret = secret_file();
    let xml = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file://{}\">]>\
         <foo>value: &xxe;</foo>",
        secret.display()
    );
    let document = common::extract_bytes(ExtractionConfig::default(), "xxe.xml", xml.as_bytes());
    std::fs::remove_file(&secret).ok();
    assert_eq!(document.error, None);
    let content = document.content.unwrap_or_default();
    assert!(!content.contains("TOP-SECRET"), "{content}");
    assert_eq!(content, "value:\n");
}

#[test]
fn external_parameter_entities_and_dtds_are_not_loaded() {
    let secret = secret_file();
    let xml = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE foo SYSTEM \"file://{0}\" [\
         <!ENTITY % remote SYSTEM \"file://{0}\"> %remote;]><foo>ok</foo>",
        secret.display()
    );
    let document = common::extract_bytes(ExtractionConfig::default(), "xxe2.xml", xml.as_bytes());
    std::fs::remove_file(&secret).ok();
    assert_eq!(document.error, None);
    assert_eq!(document.content.as_deref(), Some("ok\n"));
}

#[test]
fn external_entities_in_xhtml_are_not_read() {
    let secret = secret_file();
    let xml = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE html [<!ENTITY xxe SYSTEM \"file://{}\">]>\
         <html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>&xxe;</p></body></html>",
        secret.display()
    );
    let document = common::extract_bytes(ExtractionConfig::default(), "xxe.xhtml", xml.as_bytes());
    std::fs::remove_file(&secret).ok();
    assert!(!document.content.unwrap_or_default().contains("TOP-SECRET"));
}
