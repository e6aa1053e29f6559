//! What floats over a sheet: its drawing part (SpreadsheetML drawing, ECMA-376 Part 1, 20.5,
//! `xdr:wsDr`, the same in XLSX and XLSB) gives the text of its shapes (text boxes, callouts,
//! WordArt), of its metafile pictures and of the charts and SmartArt its graphic frames show;
//! the sheet's OLE objects
//! (`oleObject`, 18.3.1.59) give their files' text. Each follows the sheet's table.

use crate::container::{XmlEvent, XmlReader, ZipContainer};
use crate::document::{ErrorKind, ExtractionError};
use crate::formats::ooxml::graphics::{graphic_ref, write_graphic};
use crate::formats::ooxml::objects::{self, ObjectRef};
use crate::formats::ooxml::package::{Ns, Relationships};
use crate::formats::ooxml::render::Output;
use crate::limits::Context;

/// The text of the drawing part `part`, in the order of its anchors; `None` when it has none,
/// is missing or is damaged.
pub fn drawing_text(
    zip: &ZipContainer<'_>,
    part: &str,
    ctx: &Context<'_>,
) -> Result<Option<String>, ExtractionError> {
    let bytes = match zip.read(part) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Ok(None),
        Err(e) if matches!(e.kind, ErrorKind::Parse | ErrorKind::Unsupported) => return Ok(None),
        Err(e) => return Err(e),
    };
    let text = crate::container::xml::decode(&bytes);
    let mut out = Output::new(ctx.config.output_format == crate::config::OutputFormat::Markdown);
    match walk(zip, &text, part, &mut out, ctx) {
        Err(e) if e.kind == ErrorKind::Parse => {}
        other => other?,
    }
    let text = out.finish();
    Ok((!text.trim().is_empty()).then_some(text))
}

fn walk(
    zip: &ZipContainer<'_>,
    text: &str,
    part: &str,
    out: &mut Output,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    let mut xml = XmlReader::new(text, part, ctx);
    let mut rels: Option<Relationships> = None;
    let mut paragraph: Option<String> = None;
    while let Some(event) = xml.next()? {
        match event {
            XmlEvent::Start(e) => match (Ns::of(e.ns), e.local()) {
                (Ns::Compatibility, b"Fallback") => xml.skip_element()?,
                (Ns::Drawing, b"p") => paragraph = Some(String::new()),
                (Ns::Drawing, b"t") => {
                    let run = xml.element_text()?;
                    if let Some(paragraph) = paragraph.as_mut() {
                        paragraph.push_str(&run);
                    }
                }
                (Ns::Drawing, b"blip") => {
                    if let Some(id) = e.attr_q(b"r:embed").or_else(|| e.attr(b"embed")) {
                        let rels = rels.get_or_insert_with(|| {
                            Relationships::read(zip, part, ctx).unwrap_or_default()
                        });
                        if let Some(text) = objects::read_picture(zip, rels, &id, ctx)? {
                            out.block(&text);
                        }
                    }
                }
                (Ns::Drawing, b"br") => {
                    if let Some(paragraph) = paragraph.as_mut() {
                        paragraph.push('\n');
                    }
                }
                (Ns::Chart | Ns::Diagram, _) => {
                    if let Some(graphic) = graphic_ref(&e) {
                        let rels = rels.get_or_insert_with(|| {
                            Relationships::read(zip, part, ctx).unwrap_or_default()
                        });
                        write_graphic(zip, rels, &graphic, out, ctx)?;
                    }
                }
                _ => {}
            },
            XmlEvent::End(e) => {
                if Ns::of(e.ns) == Ns::Drawing && e.local() == b"p" {
                    if let Some(done) = paragraph.take() {
                        out.line(&done);
                    }
                }
            }
            XmlEvent::Text(_) => {}
        }
    }
    Ok(())
}

/// The text of a sheet's OLE objects, each headed by its name.
pub fn objects_text(
    zip: &ZipContainer<'_>,
    sheet_part: &str,
    found: &[ObjectRef],
    ctx: &Context<'_>,
) -> Result<Vec<String>, ExtractionError> {
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let rels = Relationships::read(zip, sheet_part, ctx).unwrap_or_default();
    let mut texts = Vec::new();
    for reference in found {
        ctx.deadline.check(ctx.path)?;
        if let Some(object) = objects::read_object(zip, &rels, reference, ctx)? {
            let mut out =
                Output::new(ctx.config.output_format == crate::config::OutputFormat::Markdown);
            objects::write(&mut out, &object);
            texts.push(out.finish());
        }
    }
    Ok(texts)
}

#[cfg(test)]
mod tests {
    use crate::config::ExtractionConfig;
    use crate::container::zip::tests::build_zip;
    use crate::limits::Context;

    const RELS: &str = "xmlns='http://schemas.openxmlformats.org/package/2006/relationships'";

    #[test]
    fn text_boxes_charts_and_objects_follow_the_sheets_table() {
        let package_rels = format!(
            "<Relationships {RELS}><Relationship Id='rId1' Type='http://x/officeDocument' Target='xl/workbook.xml'/></Relationships>"
        );
        let workbook =
            "<workbook xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main' \
            xmlns:r='http://schemas.openxmlformats.org/officeDocument/2006/relationships'>\
            <sheets><sheet name='Data' sheetId='1' r:id='rId1'/></sheets></workbook>";
        let workbook_rels = format!(
            "<Relationships {RELS}><Relationship Id='rId1' Type='http://x/worksheet' Target='worksheets/sheet1.xml'/></Relationships>"
        );
        let sheet = "<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main' \
            xmlns:r='http://schemas.openxmlformats.org/officeDocument/2006/relationships' \
            xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006'>\
            <sheetData><row r='1'><c r='A1' t='inlineStr'><is><t>cell</t></is></c></row></sheetData>\
            <drawing r:id='rId1'/><oleObjects><mc:AlternateContent><mc:Choice Requires='x14'>\
            <oleObject progId='Package' shapeId='1025' r:id='rId2'><objectPr r:id='rId3'/></oleObject></mc:Choice>\
            <mc:Fallback><oleObject progId='Package' shapeId='1025' r:id='rId2'/></mc:Fallback>\
            </mc:AlternateContent></oleObjects></worksheet>";
        let sheet_rels = format!(
            "<Relationships {RELS}><Relationship Id='rId1' Type='http://x/drawing' Target='../drawings/drawing1.xml'/>\
             <Relationship Id='rId2' Type='http://x/oleObject' Target='../embeddings/oleObject1.bin'/>\
             <Relationship Id='rId3' Type='http://x/image' Target='../media/image1.emf'/></Relationships>"
        );
        let drawing = "<xdr:wsDr xmlns:xdr='http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing' \
            xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main' \
            xmlns:r='http://schemas.openxmlformats.org/officeDocument/2006/relationships'>\
            <xdr:twoCellAnchor><xdr:sp><xdr:txBody><a:p><a:r><a:t>Note in a box</a:t></a:r></a:p></xdr:txBody></xdr:sp></xdr:twoCellAnchor>\
            <xdr:twoCellAnchor><xdr:graphicFrame><a:graphic><a:graphicData>\
            <c:chart xmlns:c='http://schemas.openxmlformats.org/drawingml/2006/chart' r:id='rId1'/>\
            </a:graphicData></a:graphic></xdr:graphicFrame></xdr:twoCellAnchor></xdr:wsDr>";
        let drawing_rels = format!(
            "<Relationships {RELS}><Relationship Id='rId1' Type='http://x/chart' Target='../charts/chart1.xml'/></Relationships>"
        );
        let chart = "<c:chartSpace xmlns:c='http://schemas.openxmlformats.org/drawingml/2006/chart' \
            xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main'><c:chart><c:title><c:tx><c:rich>\
            <a:p><a:r><a:t>Trend</a:t></a:r></a:p></c:rich></c:tx></c:title></c:chart></c:chartSpace>";
        let stream = crate::container::ole::tests::packager("a.txt", b"attached text", true);
        let object = crate::container::ole::tests::compound_file(&[("/\u{1}Ole10Native", &stream)]);
        let zip = build_zip(&[
            ("_rels/.rels", package_rels.as_bytes(), true),
            ("xl/workbook.xml", workbook.as_bytes(), true),
            ("xl/_rels/workbook.xml.rels", workbook_rels.as_bytes(), true),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes(), true),
            (
                "xl/worksheets/_rels/sheet1.xml.rels",
                sheet_rels.as_bytes(),
                true,
            ),
            ("xl/drawings/drawing1.xml", drawing.as_bytes(), true),
            (
                "xl/drawings/_rels/drawing1.xml.rels",
                drawing_rels.as_bytes(),
                true,
            ),
            ("xl/charts/chart1.xml", chart.as_bytes(), true),
            ("xl/embeddings/oleObject1.bin", &object, true),
        ]);
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.xlsx", &config);
        let extracted = super::super::extract_ooxml(&zip, &ctx).unwrap();
        assert_eq!(
            extracted.content,
            "Data\n\ncell\n\nNote in a box\nTrend\na.txt\nattached text"
        );
    }
}
