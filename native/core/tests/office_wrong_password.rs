//! Hazard: encrypted OOXML (an OLE container holding an `EncryptedPackage`, ECMA-376 part 2 /
//! MS-OFFCRYPTO) without the right password. Without `officePassword`, or with wrong ones, the
//! row is an `encrypted` error that asks for the option and never shows a password; the right
//! one, alone or among others, opens the document.

mod common;

use vellum_core::{Document, ErrorKind, ExtractionConfig, Extractor};

fn extract(path: &str, passwords: &[&str]) -> Document {
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig {
        office_passwords: passwords.iter().map(|p| (*p).to_owned()).collect(),
        ..ExtractionConfig::default()
    })
    .unwrap();
    common::extract_corpus_file(&extractor, &corpus, &corpus.join(path))
}

const DOCX: &str = "poi/document/bug53475-password-is-pass.docx";

#[test]
fn without_a_password_an_encrypted_docx_is_an_encrypted_row_that_asks_for_one() {
    let error = extract(DOCX, &[]).error.expect("an error row");
    assert_eq!(error.kind, ErrorKind::Encrypted, "{}", error.message);
    assert!(error.message.starts_with(DOCX), "{}", error.message);
    assert!(
        error.message.contains("officePassword"),
        "{}",
        error.message
    );
}

#[test]
fn wrong_passwords_are_an_encrypted_row_that_shows_none_of_them() {
    let error = extract(DOCX, &["guess-one", "guess-two"])
        .error
        .expect("an error row");
    assert_eq!(error.kind, ErrorKind::Encrypted, "{}", error.message);
    assert!(!error.message.contains("guess-"), "{}", error.message);
}

#[test]
fn the_right_password_among_wrong_ones_opens_the_document() {
    let document = extract(DOCX, &["wrong", "pass"]);
    assert_eq!(document.error, None);
    assert!(!document.content.unwrap_or_default().trim().is_empty());
    let document = extract(
        "poi/document/bug53475-password-is-solrcell.docx",
        &["pass", "solrcell"],
    );
    assert_eq!(document.error, None);
    assert!(!document.content.unwrap_or_default().trim().is_empty());
}
