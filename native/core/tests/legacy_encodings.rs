//! Text in legacy encodings and UTF-16/32 is decoded, and the encoding is reported in
//! metadata.extra["encoding"], for every text format.

mod common;

use vellum_core::{Document, ExtractionConfig};

fn extract(path: &str, bytes: &[u8]) -> Document {
    let document = common::extract_bytes(ExtractionConfig::default(), path, bytes);
    assert_eq!(document.error, None, "{path}");
    document
}

fn encoding(document: &Document) -> String {
    document.metadata.as_ref().expect("metadata").extra["encoding"].clone()
}

fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    encoding.encode(text).0.into_owned()
}

#[test]
fn windows_1252_text_is_decoded() {
    let text = "Ein schöner Tag: Grüße aus Köln, Café crème à la française.";
    let document = extract("de.txt", &encode(encoding_rs::WINDOWS_1252, text));
    assert_eq!(document.content.as_deref(), Some(text));
    assert_eq!(encoding(&document), "windows-1252");
}

#[test]
fn shift_jis_and_windows_1251_text_are_guessed() {
    let japanese = "日本語の文章です。これは文字コードの判定のためのテストです。";
    let document = extract("ja.txt", &encode(encoding_rs::SHIFT_JIS, japanese));
    assert_eq!(document.content.as_deref(), Some(japanese));
    assert_eq!(encoding(&document), "Shift_JIS");
    let russian = "Съешь же ещё этих мягких французских булок, да выпей чаю.";
    let document = extract("ru.txt", &encode(encoding_rs::WINDOWS_1251, russian));
    assert_eq!(document.content.as_deref(), Some(russian));
    assert_eq!(encoding(&document), "windows-1251");
}

#[test]
fn utf16_and_utf32_with_byte_order_marks_are_decoded() {
    let text = "naïve façade";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let document = extract("le.txt", &le);
    assert_eq!(
        (document.content.as_deref(), encoding(&document).as_str()),
        (Some(text), "UTF-16LE")
    );
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(extract("be.txt", &be).content.as_deref(), Some(text));
    let mut utf32 = vec![0xFF, 0xFE, 0, 0];
    utf32.extend(text.chars().flat_map(|c| u32::from(c).to_le_bytes()));
    let document = extract("32.txt", &utf32);
    assert_eq!(
        (document.content.as_deref(), encoding(&document).as_str()),
        (Some(text), "UTF-32LE")
    );
    let no_bom: Vec<u8> = "plain ASCII text in UTF-16"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(
        extract("nobom.txt", &no_bom).content.as_deref(),
        Some("plain ASCII text in UTF-16")
    );
}

#[test]
fn html_meta_charset_and_xml_declaration_are_honoured() {
    let mut html =
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">\
        <title>"
            .to_vec();
    html.extend(encode(encoding_rs::KOI8_R, "Привет"));
    html.extend(b"</title></head><body><p>");
    html.extend(encode(encoding_rs::KOI8_R, "мир"));
    html.extend(b"</p></body></html>");
    let document = extract("ru.html", &html);
    assert_eq!(document.content.as_deref(), Some("мир\n"));
    assert_eq!(
        document.metadata.as_ref().and_then(|m| m.title.as_deref()),
        Some("Привет")
    );
    assert_eq!(encoding(&document), "KOI8-R");
    let mut xml = b"<?xml version='1.0' encoding='ISO-8859-15'?><r>".to_vec();
    xml.extend(encode(encoding_rs::ISO_8859_15, "prix: 5 €"));
    xml.extend(b"</r>");
    let document = extract("euro.xml", &xml);
    assert_eq!(document.content.as_deref(), Some("prix: 5 €\n"));
    assert_eq!(encoding(&document), "ISO-8859-15");
}

#[test]
fn legacy_csv_markdown_and_json_are_decoded() {
    let csv = encode(encoding_rs::WINDOWS_1252, "name;city\nJürgen;Düsseldorf\n");
    let document = extract("people.csv", &csv);
    assert_eq!(
        document.content.as_deref(),
        Some("name\tcity\nJürgen\tDüsseldorf\n")
    );
    let md = encode(encoding_rs::WINDOWS_1252, "# Überschrift\n\nGrüße\n");
    assert_eq!(
        extract("a.md", &md).content.as_deref(),
        Some("Überschrift\n\nGrüße\n")
    );
    let mut json = vec![0xFF, 0xFE];
    json.extend(
        "{\"ключ\": \"значение\"}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    assert_eq!(
        extract("a.json", &json).content.as_deref(),
        Some("ключ: значение\n")
    );
}

#[test]
fn legacy_encoded_corpus_files_are_decoded() {
    let corpus = common::corpus();
    let cases = [
        ("tika/tika-parser-text-module/russian.cp866.txt", "IBM866"),
        ("unstructured/umlauts-non-utf8.md", "windows-1252"),
        ("unstructured/fake-text-utf-16.txt", "UTF-16LE"),
        ("unstructured/fake-text-utf-32.txt", "UTF-32LE"),
        ("unstructured/fake-html-cp1252.html", "windows-1252"),
        (
            "tika/tika-parser-html-module/testHTML_charset_utf16le.html",
            "UTF-16LE",
        ),
    ];
    for (path, expected) in cases {
        let bytes = std::fs::read(corpus.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        let document = extract(path, &bytes);
        assert_eq!(encoding(&document), expected, "{path}");
        let content = document.content.unwrap_or_default();
        assert!(
            !content.contains('\u{FFFD}'),
            "{path}: replacement characters in {content}"
        );
        assert!(!content.contains('\0'), "{path}: NUL characters");
    }
}
