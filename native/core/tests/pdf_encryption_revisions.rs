//! Hazard: encryption, revision by revision, on real files of the corpus: RC4 40-bit (R2),
//! RC4 128-bit (R3), AES-128 (R4), AES-256 (R5 and R6, with SASLprep-normalised passwords).
//! An empty user password opens without being asked; the others open with the `pdfPassword`
//! option; a file that stays locked is an `encrypted` row whose message never shows a password.

mod common;

use vellum_core::{Document, ErrorKind, ExtractionConfig, Extractor};

fn extract(path: &str, passwords: &[&str]) -> Document {
    let corpus = common::corpus();
    let extractor = Extractor::new(ExtractionConfig {
        pdf_passwords: passwords.iter().map(|p| (*p).to_owned()).collect(),
        ..ExtractionConfig::default()
    })
    .unwrap();
    common::extract_corpus_file(&extractor, &corpus, &corpus.join(path))
}

fn opens(path: &str, passwords: &[&str], revision: &str) {
    let bytes = std::fs::read(common::corpus().join(path)).unwrap();
    let marker = format!("/R {revision}");
    assert!(
        bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
        "{path} is not revision {revision}"
    );
    let document = extract(path, passwords);
    assert_eq!(document.error, None, "{path}");
    let metadata = document.metadata.unwrap();
    assert_eq!(metadata.encrypted, Some(true), "{path}");
    assert!(metadata.page_count.unwrap_or(0) >= 1, "{path}");
}

#[test]
fn revision_2_rc4_40_bit_opens_with_the_empty_user_password_or_its_own() {
    opens("pdfjs/bug900822.pdf", &[], "2");
    opens(
        "pdfbox/pdfbox/encryption/PasswordSample-40bit.pdf",
        &["user"],
        "2",
    );
}

#[test]
fn revision_3_rc4_128_bit_opens_with_its_password() {
    opens(
        "py-pdf-sample-files/005-libreoffice-writer-password/libreoffice-writer-password.pdf",
        &["openpassword"],
        "3",
    );
}

#[test]
fn revision_4_aes_128_opens_with_its_password() {
    opens(
        "docling/pdf_password/sources/2206.01062_pg3.pdf",
        &["1234"],
        "4",
    );
}

#[test]
fn revision_5_aes_256_opens_with_a_non_ascii_password() {
    opens("pdfjs/issue21579.pdf", &["pässwört"], "5");
}

#[test]
fn revision_6_aes_256_opens_with_a_password_that_needs_saslprep() {
    opens("pdfjs/saslprep-r6.pdf", &["S\u{AA}SL\u{AD}prep"], "6");
    opens("pdfjs/issue6010_1.pdf", &["abc"], "6");
}

#[test]
fn passwords_are_tried_in_turn_until_one_opens() {
    opens(
        "docling/pdf_password/sources/2206.01062_pg3.pdf",
        &["wrong", "also wrong", "1234"],
        "4",
    );
}

#[test]
fn a_locked_file_is_an_encrypted_row_that_asks_for_a_password_without_showing_any() {
    let path = "docling/pdf_password/sources/2206.01062_pg3.pdf";
    let error = extract(path, &[]).error.expect("an error row");
    assert_eq!(error.kind, ErrorKind::Encrypted);
    assert_eq!(
        error.message,
        format!(
            "{path}: the PDF is encrypted and needs a password to open; set the pdfPassword \
             option (several passwords, separated by newlines, are tried in turn)"
        )
    );
    let error = extract(path, &["secret-guess-1", "secret-guess-2"])
        .error
        .expect("an error row");
    assert_eq!(error.kind, ErrorKind::Encrypted);
    assert!(error.message.contains("none of the 2 given passwords"));
    assert!(!error.message.contains("secret-guess"));
}

#[test]
fn a_file_locked_by_a_user_password_whose_cross_reference_must_be_rebuilt_is_an_encrypted_row() {
    // Revision 3, RC4: the table cannot be read as it stands, and the rebuilt one cannot be
    // decrypted without the user password ("user").
    for path in [
        "tika/tika-parser-pdf-module/testPDF_no_extract_no_accessibility_owner_user.pdf",
        "tika/tika-parser-pdf-module/testPDF_no_extract_yes_accessibility_owner_user.pdf",
    ] {
        let error = extract(path, &[]).error.expect("an error row");
        assert_eq!(error.kind, ErrorKind::Encrypted, "{}", error.message);
        assert!(
            error.message.contains("set the pdfPassword option"),
            "{}",
            error.message
        );
        let error = extract(path, &["wrong"]).error.expect("an error row");
        assert_eq!(error.kind, ErrorKind::Encrypted, "{}", error.message);
        opens(path, &["user"], "3");
    }
}
