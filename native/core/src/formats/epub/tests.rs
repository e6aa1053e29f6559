use super::*;
use crate::config::ExtractionConfig;
use crate::container::zip::tests::build_zip;

const CONTAINER: &[u8] = br#"<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"#;

const OPF: &[u8] = br#"<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:isbn:123</dc:identifier><dc:title>The Book</dc:title>
    <dc:creator>Jane Writer</dc:creator><dc:language>en</dc:language><dc:subject>Fiction</dc:subject>
    <dc:publisher>Press</dc:publisher><dc:date>2011-05-01</dc:date>
    <meta property="dcterms:modified">2012-01-02T03:04:05Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c2" href="text/two.xhtml" media-type="application/xhtml+xml"/>
    <item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/>
    <item id="font" href="font.otf" media-type="font/otf"/>
  </manifest>
  <spine><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>"#;

fn chapter(text: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title>\
         </head><body><p>{text}</p></body></html>"
    )
    .into_bytes()
}

fn book(encryption: Option<&[u8]>) -> Vec<u8> {
    let one = chapter("Chapter one.");
    let two = chapter("Chapter two.");
    let nav = chapter("Table of contents");
    let mut entries: Vec<(&str, &[u8], bool)> = vec![
        ("mimetype", b"application/epub+zip", false),
        ("META-INF/container.xml", CONTAINER, true),
        ("OEBPS/content.opf", OPF, true),
        ("OEBPS/nav.xhtml", &nav, true),
        ("OEBPS/text/two.xhtml", &two, true),
        ("OEBPS/text/one.xhtml", &one, true),
        ("OEBPS/font.otf", b"\x00\x01obfuscated", true),
    ];
    if let Some(xml) = encryption {
        entries.push(("META-INF/encryption.xml", xml, true));
    }
    build_zip(&entries)
}

fn run(bytes: &[u8], config: &ExtractionConfig) -> Result<Extracted, ExtractionError> {
    let ctx = Context::new("b.epub", config);
    extract(bytes, &ctx)
}

#[test]
fn the_spine_is_read_in_order_with_one_page_per_document_and_the_package_metadata() {
    let extracted = run(&book(None), &ExtractionConfig::default()).unwrap();
    assert_eq!(extracted.content, "Chapter one.\nChapter two.\n");
    assert_eq!(extracted.pages.len(), 2);
    let metadata = extracted.metadata;
    assert_eq!(metadata.title.as_deref(), Some("The Book"));
    assert_eq!(metadata.authors, vec!["Jane Writer"]);
    assert_eq!(metadata.language.as_deref(), Some("en"));
    assert_eq!(metadata.keywords, vec!["Fiction"]);
    assert_eq!(metadata.page_count, Some(2));
    assert_eq!(metadata.created, w3c_date_micros("2011-05-01"));
    assert_eq!(metadata.modified, w3c_date_micros("2012-01-02T03:04:05Z"));
    assert_eq!(metadata.extra["publisher"], "Press");
    assert_eq!(metadata.extra["identifier"], "urn:isbn:123");
}

#[test]
fn obfuscated_fonts_are_not_encryption_but_ciphered_chapters_are() {
    let fonts = br#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
        xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>
        <enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>
        <enc:CipherData><enc:CipherReference URI="OEBPS/font.otf"/></enc:CipherData>
        </enc:EncryptedData></encryption>"#;
    let extracted = run(&book(Some(fonts)), &ExtractionConfig::default()).unwrap();
    assert!(extracted.content.contains("Chapter two."));
    let drm = br#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
        xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>
        <enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
        <enc:CipherData><enc:CipherReference URI="OEBPS/text/two.xhtml"/></enc:CipherData>
        </enc:EncryptedData></encryption>"#;
    let error = run(&book(Some(drm)), &ExtractionConfig::default()).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Encrypted);
    assert!(error.message.starts_with("b.epub: "));
    assert!(error.message.contains("OEBPS/text/two.xhtml"));
}

#[test]
fn a_zip_without_a_package_document_is_a_parse_error() {
    let bytes = build_zip(&[("mimetype", b"application/epub+zip", false)]);
    let error = run(&bytes, &ExtractionConfig::default()).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Parse);
    let error = run(b"PK\x03\x04 truncated", &ExtractionConfig::default()).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Parse);
}

#[test]
fn markdown_separates_documents_by_blank_lines() {
    let config = ExtractionConfig {
        output_format: OutputFormat::Markdown,
        ..ExtractionConfig::default()
    };
    let extracted = run(&book(None), &config).unwrap();
    assert_eq!(extracted.content, "Chapter one.\n\nChapter two.\n");
}
