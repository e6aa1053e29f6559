//! An EPUB whose content documents are encrypted (DRM) is an error row of kind `encrypted` that
//! says so; an EPUB that only obfuscates its fonts (OCF's font obfuscation) is read as usual.

mod common;

use vellum_core::{ErrorKind, ExtractionConfig};

const CONTAINER: &[u8] = br#"<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OPS/book.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"#;

const OPF: &[u8] = br#"<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Locked</dc:title></metadata>
<manifest><item id="c" href="chapter.xhtml" media-type="application/xhtml+xml"/>
<item id="f" href="font.ttf" media-type="application/x-font-ttf"/></manifest>
<spine><itemref idref="c"/></spine></package>"#;

const CHAPTER: &[u8] =
    b"<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Readable chapter.</p></body></html>";

fn encryption(algorithm: &str, uri: &str) -> Vec<u8> {
    format!(
        r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
        xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>
        <enc:EncryptionMethod Algorithm="{algorithm}"/>
        <enc:CipherData><enc:CipherReference URI="{uri}"/></enc:CipherData>
        </enc:EncryptedData></encryption>"#
    )
    .into_bytes()
}

fn book(encryption_xml: &[u8], chapter: &[u8]) -> Vec<u8> {
    common::zip::build(&[
        ("mimetype", b"application/epub+zip", false),
        ("META-INF/container.xml", CONTAINER, true),
        ("META-INF/encryption.xml", encryption_xml, true),
        ("OPS/book.opf", OPF, true),
        ("OPS/chapter.xhtml", chapter, true),
        ("OPS/font.ttf", b"\x8f\x12obfuscated font bytes", true),
    ])
}

#[test]
fn an_epub_with_encrypted_content_documents_is_an_encrypted_error_row() {
    let xml = encryption(
        "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
        "OPS/chapter.xhtml",
    );
    let bytes = book(&xml, b"\x13\x99 ciphertext \xff\xfe");
    let document = common::extract_bytes(ExtractionConfig::default(), "locked.epub", &bytes);
    assert_eq!(document.mime_type.as_deref(), Some("application/epub+zip"));
    let error = document.error.expect("an encrypted error");
    assert_eq!(error.kind, ErrorKind::Encrypted);
    assert!(
        error.message.starts_with("locked.epub: "),
        "{}",
        error.message
    );
    assert!(error.message.contains("DRM"), "{}", error.message);
}

#[test]
fn an_epub_with_obfuscated_fonts_only_is_read() {
    let xml = encryption("http://www.idpf.org/2008/embedding", "OPS/font.ttf");
    let document = common::extract_bytes(
        ExtractionConfig::default(),
        "fonts.epub",
        &book(&xml, CHAPTER),
    );
    assert_eq!(document.error, None);
    assert_eq!(document.content.as_deref(), Some("Readable chapter.\n"));
    assert_eq!(document.metadata.unwrap().title.as_deref(), Some("Locked"));
}
