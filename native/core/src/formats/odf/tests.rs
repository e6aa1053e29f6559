use super::*;
use crate::config::ExtractionConfig;
use crate::container::zip::tests::build_zip;

const NS: &str = "xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0' \
    xmlns:style='urn:oasis:names:tc:opendocument:xmlns:style:1.0' \
    xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0' \
    xmlns:table='urn:oasis:names:tc:opendocument:xmlns:table:1.0' \
    xmlns:draw='urn:oasis:names:tc:opendocument:xmlns:drawing:1.0' \
    xmlns:chart='urn:oasis:names:tc:opendocument:xmlns:chart:1.0' \
    xmlns:xlink='http://www.w3.org/1999/xlink' \
    xmlns:presentation='urn:oasis:names:tc:opendocument:xmlns:presentation:1.0'";

fn content(body: &str) -> String {
    format!("<office:document-content {NS}><office:automatic-styles/><office:body>{body}</office:body></office:document-content>")
}

fn styles(masters: &str) -> String {
    format!("<office:document-styles {NS}><office:styles/><office:master-styles>{masters}</office:master-styles></office:document-styles>")
}

fn extract_package(entries: &[(&str, &[u8])]) -> Extracted {
    let entries: Vec<(&str, &[u8], bool)> = entries.iter().map(|(n, b)| (*n, *b, true)).collect();
    let zip = build_zip(&entries);
    let config = ExtractionConfig::default();
    let ctx = Context::new("t.odt", &config);
    extract(&zip, &ctx).unwrap()
}

#[test]
fn headers_and_footers_frame_a_text_document_and_charts_follow_their_paragraph() {
    let text = content(
        "<office:text><text:p>Sales grew.<draw:frame><draw:object xlink:href='./Object 1'/></draw:frame></text:p>\
         <text:p>The end.</text:p></office:text>",
    );
    let chart = content(
        "<office:chart><chart:chart><chart:title><text:p>Growth</text:p></chart:title>\
         <table:table><table:table-rows><table:table-row><table:table-cell/><table:table-cell><text:p>2024</text:p></table:table-cell></table:table-row>\
         <table:table-row><table:table-cell><text:p>Q1</text:p></table:table-cell><table:table-cell><text:p>3.5</text:p></table:table-cell></table:table-row>\
         </table:table-rows></table:table></chart:chart></office:chart>",
    );
    let masters = styles(
        "<style:master-page style:name='Standard'><style:header><text:p>ACME report</text:p></style:header>\
         <style:footer><text:p>Page <text:page-number>1</text:page-number></text:p></style:footer></style:master-page>",
    );
    let extracted = extract_package(&[
        ("content.xml", text.as_bytes()),
        ("styles.xml", masters.as_bytes()),
        ("Object 1/content.xml", chart.as_bytes()),
    ]);
    assert_eq!(
        extracted.content,
        "ACME report\nSales grew.\nGrowth\n\t2024\nQ1\t3.5\nThe end.\n"
    );
}

#[test]
fn a_presentation_master_adds_its_own_shapes_once_and_not_its_prompts() {
    let slides = content(
        "<office:presentation>\
         <draw:page draw:master-page-name='Default'><draw:frame><draw:text-box><text:p>One</text:p></draw:text-box></draw:frame></draw:page>\
         <draw:page draw:master-page-name='Default'><draw:frame><draw:text-box><text:p>Two</text:p></draw:text-box></draw:frame></draw:page>\
         </office:presentation>",
    );
    let masters = styles(
        "<style:master-page style:name='Default'>\
         <draw:frame presentation:class='outline' presentation:placeholder='true'><draw:text-box><text:p>Click to edit the outline text format</text:p></draw:text-box></draw:frame>\
         <draw:frame presentation:class='footer'><draw:text-box><text:p>Company confidential</text:p></draw:text-box></draw:frame>\
         </style:master-page>",
    );
    let extracted = extract_package(&[
        ("content.xml", slides.as_bytes()),
        ("styles.xml", masters.as_bytes()),
    ]);
    assert_eq!(extracted.pages, ["One\nCompany confidential\n", "Two\n"]);
}
