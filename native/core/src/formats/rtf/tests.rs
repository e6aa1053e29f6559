use super::*;
use crate::config::ExtractionConfig;
use crate::document::ErrorKind;

fn extract_with(rtf: &[u8], config: &ExtractionConfig) -> Extracted {
    let ctx = Context::new("t.rtf", config);
    extract(rtf, &ctx).unwrap()
}

fn text(rtf: &[u8]) -> String {
    extract_with(rtf, &ExtractionConfig::default()).content
}

#[test]
fn paragraphs_special_characters_and_escaped_braces_are_text() {
    assert_eq!(
        text(b"{\\rtf1\\ansi Hello\\par {\\b bold} \\{x\\}\\tab y\\emdash z\\line w}"),
        "Hello\nbold {x}\ty\u{2014}z\nw\n"
    );
}

#[test]
fn unicode_escapes_skip_their_ansi_stand_ins() {
    assert_eq!(
        text(b"{\\rtf1\\uc1 caf\\u233\\'e9 \\uc2\\u8364\\'80\\'80!\\uc1\\u-10179?\\u-8694?}"),
        "caf\u{e9} \u{20ac}!\u{1F60A}\n"
    );
}

#[test]
fn hex_escapes_follow_the_code_page_and_the_font_charset() {
    let rtf =
        b"{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0 Arial;}{\\f1\\fcharset128 MS Mincho;}}\
        \\'cf\\'f0\\'e8 {\\f1\\'82\\'a0}}";
    assert_eq!(text(rtf), "При \u{3042}\n");
}

#[test]
fn skipped_destinations_pictures_and_field_instructions_give_no_text() {
    let rtf = b"{\\rtf1{\\colortbl;\\red0;}{\\stylesheet{\\s0 Normal;}}{\\*\\unknown secret}\
        {\\pict\\pngblip 89504e47}{\\field{\\*\\fldinst HYPERLINK \"http://x\"}{\\fldrslt link}}\
        {\\v hidden}\\bin4 {}}} end}";
    assert_eq!(text(rtf), "link end\n");
}

#[test]
fn the_info_group_becomes_metadata() {
    let rtf = b"{\\rtf1{\\info{\\title The Title}{\\author Ann Author}{\\subject Subj}\
        {\\keywords one, two}{\\creatim\\yr2004\\mo4\\dy1\\hr12\\min30}{\\revtim\\yr2005\\mo1\\dy2}\
        {\\company Acme}{\\version3}}Body}";
    let extracted = extract_with(rtf, &ExtractionConfig::default());
    assert_eq!(extracted.content, "Body\n");
    let metadata = extracted.metadata;
    assert_eq!(metadata.title.as_deref(), Some("The Title"));
    assert_eq!(metadata.authors, vec!["Ann Author"]);
    assert_eq!(metadata.subject.as_deref(), Some("Subj"));
    assert_eq!(metadata.keywords, vec!["one", "two"]);
    assert_eq!(metadata.created, Some(1_080_822_600_000_000));
    assert!(metadata.modified.is_some());
    assert_eq!(metadata.extra["company"], "Acme");
}

#[test]
fn tables_are_rows_of_cells_in_text_and_markdown() {
    let rtf = b"{\\rtf1 Before\\par\\trowd\\cellx100\\cellx200\\pard\\intbl A\\cell B\\cell\\row\
        \\trowd\\pard\\intbl 1\\cell 2\\cell\\row\\pard After\\par}";
    assert_eq!(text(rtf), "Before\nA\tB\n1\t2\nAfter\n");
    let config = ExtractionConfig {
        output_format: OutputFormat::Markdown,
        extract_tables: true,
        ..ExtractionConfig::default()
    };
    let extracted = extract_with(rtf, &config);
    assert_eq!(
        extracted.content,
        "Before\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\nAfter\n"
    );
    assert_eq!(extracted.tables.len(), 1);
    assert_eq!(
        extracted.tables[0].cells,
        vec![vec!["A", "B"], vec!["1", "2"]]
    );
}

#[test]
fn deep_groups_are_a_limit_error_and_unbalanced_groups_are_tolerated() {
    let mut rtf = b"{\\rtf1 ".to_vec();
    rtf.extend(std::iter::repeat_n(b'{', 20_000));
    let config = ExtractionConfig::default();
    let ctx = Context::new("deep.rtf", &config);
    let error = extract(&rtf, &ctx).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Limit);
    assert!(error.message.starts_with("deep.rtf: "));
    assert_eq!(text(b"{\\rtf1 a}}}} b"), "a b\n");
    assert_eq!(text(b"{\\rtf1 {{unclosed"), "unclosed\n");
}

#[test]
fn an_asterisk_inside_a_group_does_not_hide_the_text_after_it() {
    assert_eq!(
        text(b"{\\rtf1{\\loch\\f2\\i0\\*\\cs7\\cf0 The quick fox}\\par}"),
        "The quick fox\n"
    );
}

#[test]
fn comments_follow_the_body_without_splitting_its_words() {
    assert_eq!(
        text(b"{\\rtf1 super{\\*\\atnauthor A}{\\*\\annotation{\\*\\atnref 1}A comment}}cal\\par}"),
        "supercal\nA comment\n"
    );
}

#[test]
fn cells_without_intbl_stay_apart() {
    assert_eq!(
        text(b"{\\rtf1 {Fax Station\\cell Phone\\cell }\\row after}"),
        "Fax Station\tPhone\t\nafter\n"
    );
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An OLE 1.0 object header around `native` data of class `class` (2: embedded, 1: linked).
fn ole1(format_id: u32, class: &str, native: &[u8]) -> Vec<u8> {
    let mut out = vec![1, 5, 0, 0];
    out.extend_from_slice(&format_id.to_le_bytes());
    for text in [class, "", ""] {
        let with_nul = format!("{text}\0");
        out.extend_from_slice(&(with_nul.len() as u32).to_le_bytes());
        out.extend_from_slice(with_nul.as_bytes());
    }
    out.extend_from_slice(&(native.len() as u32).to_le_bytes());
    out.extend_from_slice(native);
    out
}

#[test]
fn an_embedded_objects_file_is_extracted_where_the_object_stands() {
    let native = crate::container::ole::tests::packager("memo.txt", b"Packaged words", false);
    let rtf = format!(
        "{{\\rtf1 Before\\par {{\\object\\objemb{{\\*\\objclass Package}}{{\\*\\objdata \r\n{}}}\
         {{\\result {{\\pict\\wmetafile8 0100}}}}}}\\par After}}",
        hex(&ole1(2, "Package", &native))
    );
    assert_eq!(
        text(rtf.as_bytes()),
        "Before\nmemo.txt\nPackaged words\nAfter\n"
    );
}

#[test]
fn a_linked_object_gives_the_text_of_its_metafile_picture() {
    let preview = crate::formats::metafile::tests::emf(&[("Linked", 0, 0), ("report", 70, 0)]);
    let rtf = format!(
        "{{\\rtf1 {{\\object\\objautlink{{\\*\\objclass Word.Document.8}}{{\\*\\objdata {}}}\
         {{\\result {{\\*\\shppict {{\\pict{{\\*\\blipuid 00ff}}\\emfblip {}}}}}{{\\nonshppict {{\\pict\\wmetafile8 0100}}}}}}}}}}",
        hex(&ole1(1, "Word.Document.8", b"")),
        hex(&preview)
    );
    assert_eq!(text(rtf.as_bytes()), "Linked report\n");
}

#[test]
fn binary_junk_after_the_documents_group_is_not_text() {
    assert_eq!(text(b"{\\rtf1 Body\\par}\xef\xbf\xbd8\x11$DM"), "Body\n");
    // Without an \rtf group, every group is read.
    assert_eq!(text(b"{\\pard one\\par}{\\pard two\\par}"), "one\ntwo\n");
}
