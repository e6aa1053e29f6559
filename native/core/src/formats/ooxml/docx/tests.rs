use super::*;
use crate::config::{ExtractionConfig, OutputFormat};
use crate::container::zip::tests::build_zip;

pub(crate) const W: &str =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
     xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
     xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";

fn run(body: &str, extra: &[(&str, &str)], markdown: bool) -> Extracted {
    let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" Type=\"http://x/styles\" Target=\"styles.xml\"/>\
        <Relationship Id=\"rId2\" Type=\"http://x/numbering\" Target=\"numbering.xml\"/>\
        <Relationship Id=\"rId3\" Type=\"http://x/hyperlink\" Target=\"https://example.com/\" TargetMode=\"External\"/>\
        <Relationship Id=\"rId4\" Type=\"http://x/header\" Target=\"header1.xml\"/>\
        <Relationship Id=\"rId5\" Type=\"http://x/footnotes\" Target=\"footnotes.xml\"/>\
        </Relationships>";
    let mut entries: Vec<(&str, &[u8], bool)> = vec![
        ("word/document.xml", document.as_bytes(), true),
        ("word/_rels/document.xml.rels", rels.as_bytes(), true),
    ];
    for (name, text) in extra {
        entries.push((name, text.as_bytes(), true));
    }
    let zip = build_zip(&entries);
    let config = ExtractionConfig {
        output_format: if markdown {
            OutputFormat::Markdown
        } else {
            OutputFormat::Plain
        },
        extract_tables: true,
        ..ExtractionConfig::default()
    };
    let ctx = Context::new("t.docx", &config);
    let container = ZipContainer::open(&zip, &ctx).unwrap();
    extract(&container, "word/document.xml", &ctx).unwrap()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>")
}

#[test]
fn paragraphs_runs_tabs_and_breaks_in_order() {
    let body = format!(
        "{}<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>{}",
        p("First"),
        p("Last")
    );
    assert_eq!(run(&body, &[], false).content, "First\na\tb\nc\nLast\n");
}

#[test]
fn tracked_insertions_are_kept_and_deletions_dropped() {
    let body = "<w:p><w:r><w:t xml:space='preserve'>keep </w:t></w:r>\
        <w:ins><w:r><w:t>inserted</w:t></w:r></w:ins>\
        <w:del><w:r><w:delText>deleted</w:delText></w:r></w:del>\
        <w:r><w:instrText>HYPERLINK x</w:instrText></w:r></w:p>";
    assert_eq!(run(body, &[], false).content, "keep inserted\n");
}

#[test]
fn headings_lists_emphasis_and_links_become_markdown() {
    let styles = format!(
        "<w:styles {W}><w:style w:styleId='H'><w:name w:val='heading 2'/></w:style></w:styles>"
    );
    let numbering = format!(
        "<w:numbering {W}><w:abstractNum w:abstractNumId='1'><w:lvl w:ilvl='0'><w:numFmt w:val='decimal'/></w:lvl></w:abstractNum>\
         <w:num w:numId='5'><w:abstractNumId w:val='1'/></w:num></w:numbering>"
    );
    let body = "<w:p><w:pPr><w:pStyle w:val='H'/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>Title</w:t></w:r></w:p>\
        <w:p><w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='5'/></w:numPr></w:pPr><w:r><w:t>one</w:t></w:r></w:p>\
        <w:p><w:pPr><w:numPr><w:ilvl w:val='1'/><w:numId w:val='5'/></w:numPr></w:pPr><w:r><w:t>sub</w:t></w:r></w:p>\
        <w:p><w:r><w:t xml:space='preserve'>plain </w:t></w:r><w:r><w:rPr><w:b/><w:i w:val='0'/></w:rPr><w:t>bold</w:t></w:r>\
        <w:r><w:t xml:space='preserve'> </w:t></w:r><w:hyperlink r:id='rId3'><w:r><w:t>site</w:t></w:r></w:hyperlink></w:p>";
    let extracted = run(
        body,
        &[
            ("word/styles.xml", &styles),
            ("word/numbering.xml", &numbering),
        ],
        true,
    );
    assert_eq!(
        extracted.content,
        "## Title\n\n1. one\n  - sub\n\nplain **bold** [site](https://example.com/)\n"
    );
}

#[test]
fn tables_go_to_tables_and_text_with_nested_tables_flattened() {
    let body = format!(
        "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}{}</w:tc><w:tc>\
         <w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>{}",
        p("h1"),
        p("h2"),
        p("x"),
        p("y"),
        p("n1"),
        p("n2"),
        p("after")
    );
    let extracted = run(&body, &[], true);
    assert_eq!(
        extracted.content,
        "| h1 | h2 |\n| --- | --- |\n| x<br>y | n1 n2 |\n\nafter\n"
    );
    assert_eq!(extracted.tables.len(), 2);
    assert_eq!(
        extracted.tables[1].cells,
        [["h1", "h2"], ["x\ny", "n1\tn2"]]
    );
    assert_eq!(
        run(&body, &[], false).content,
        "h1\th2\nx y\tn1 n2\nafter\n"
    );
}

#[test]
fn text_boxes_are_read_once_and_headers_and_footnotes_are_included() {
    let body = format!(
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><w:txbxContent>{}</w:txbxContent></w:drawing></mc:Choice>\
         <mc:Fallback><w:pict><w:txbxContent>{}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>\
         <w:r><w:t>outer</w:t></w:r></w:p>",
        p("boxed"),
        p("boxed")
    );
    let header = format!("<w:hdr {W}>{}</w:hdr>", p("Header text"));
    let footnotes = format!(
        "<w:footnotes {W}><w:footnote w:type='separator' w:id='-1'>{}</w:footnote>\
         <w:footnote w:id='1'>{}</w:footnote></w:footnotes>",
        p("----"),
        p("A note")
    );
    let extracted = run(
        &body,
        &[
            ("word/header1.xml", &header),
            ("word/footnotes.xml", &footnotes),
        ],
        false,
    );
    assert_eq!(extracted.content, "Header text\nboxed\nouter\nA note\n");
}

#[test]
fn imported_chunks_charts_and_objects_follow_their_block() {
    let document = format!(
        "<w:document {W} xmlns:v='urn:schemas-microsoft-com:vml' xmlns:o='urn:schemas-microsoft-com:office:office'><w:body>\
         {}<w:altChunk r:id='rId1'/>\
         <w:p><w:r><w:t>Chart:</w:t></w:r><w:r><w:drawing><a:graphic xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main'><a:graphicData>\
         <c:chart xmlns:c='http://schemas.openxmlformats.org/drawingml/2006/chart' r:id='rId2'/></a:graphicData></a:graphic></w:drawing></w:r></w:p>\
         <w:p><w:r><w:object><v:shape><v:imagedata r:id='rId3'/></v:shape><o:OLEObject ProgID='Package' r:id='rId4'/></w:object></w:r></w:p>\
         {}</w:body></w:document>",
        p("Before"),
        p("After")
    );
    let rels =
        "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>\
        <Relationship Id='rId1' Type='http://x/aFChunk' Target='afchunk.htm'/>\
        <Relationship Id='rId2' Type='http://x/chart' Target='charts/chart1.xml'/>\
        <Relationship Id='rId3' Type='http://x/image' Target='media/image1.emf'/>\
        <Relationship Id='rId4' Type='http://x/oleObject' Target='embeddings/oleObject1.bin'/>\
        </Relationships>";
    let chart = "<c:chartSpace xmlns:c='http://schemas.openxmlformats.org/drawingml/2006/chart' \
        xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main'><c:chart><c:title><c:tx><c:rich>\
        <a:p><a:r><a:t>Growth</a:t></a:r></a:p></c:rich></c:tx></c:title></c:chart></c:chartSpace>";
    let stream = crate::container::ole::tests::packager("memo.txt", b"Packaged memo", true);
    let object = crate::container::ole::tests::compound_file(&[("/\u{1}Ole10Native", &stream)]);
    let preview = crate::formats::metafile::tests::emf(&[("memo.txt", 0, 0)]);
    let zip = build_zip(&[
        ("word/document.xml", document.as_bytes(), true),
        ("word/_rels/document.xml.rels", rels.as_bytes(), true),
        (
            "word/afchunk.htm",
            b"<html><body><p>Imported paragraph</p></body></html>",
            true,
        ),
        ("word/charts/chart1.xml", chart.as_bytes(), true),
        ("word/embeddings/oleObject1.bin", &object, true),
        ("word/media/image1.emf", &preview, true),
    ]);
    let config = ExtractionConfig::default();
    let ctx = Context::new("t.docx", &config);
    let container = ZipContainer::open(&zip, &ctx).unwrap();
    let extracted = extract(&container, "word/document.xml", &ctx).unwrap();
    assert_eq!(
        extracted.content,
        "Before\nImported paragraph\nChart:\nGrowth\nmemo.txt\nPackaged memo\nAfter\n"
    );
}
