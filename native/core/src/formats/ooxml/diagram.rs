//! The text of a SmartArt diagram, read from its data model part (`dgm:dataModel`, ECMA-376
//! Part 1, 21.4.3.8) rather than from the drawing PowerPoint caches beside it: every point
//! (`dgm:pt`, 21.4.3.16) that is content (type `node`, the default, or `asst`) gives the
//! paragraphs of its text body (`dgm:t`), in the order of the point list. Presentation and
//! connection points carry no text of the user.

use crate::container::{XmlEvent, XmlReader};
use crate::document::ExtractionError;
use crate::limits::Context;

/// The paragraphs of the diagram whose data model part is `text`, named `part`.
pub fn read(text: &str, part: &str, ctx: &Context<'_>) -> Result<Vec<String>, ExtractionError> {
    let mut xml = XmlReader::new(text, part, ctx);
    let mut paragraphs = Vec::new();
    let mut in_text = false;
    let mut paragraph = String::new();
    while let Some(event) = xml.next()? {
        match event {
            XmlEvent::Start(e) => match e.local() {
                b"pt" => {
                    let content = e
                        .attr(b"type")
                        .is_none_or(|kind| kind == "node" || kind == "asst");
                    if !content {
                        xml.skip_element()?;
                    }
                }
                b"t" if !in_text => in_text = true,
                b"t" => {
                    let run = xml.element_text()?;
                    paragraph.push_str(&run);
                }
                b"br" if in_text => paragraph.push('\n'),
                _ => {}
            },
            XmlEvent::End(end) => match end.local() {
                b"p" if in_text => {
                    let done = std::mem::take(&mut paragraph);
                    if !done.trim().is_empty() {
                        paragraphs.push(done.trim().to_owned());
                    }
                }
                b"t" => in_text = false,
                _ => {}
            },
            XmlEvent::Text(_) => {}
        }
    }
    Ok(paragraphs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    #[test]
    fn content_points_give_their_paragraphs_and_transitions_nothing() {
        let xml = "<dgm:dataModel xmlns:dgm='http://schemas.openxmlformats.org/drawingml/2006/diagram' \
            xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main'><dgm:ptLst>\
            <dgm:pt modelId='0' type='doc'><dgm:t><a:bodyPr/><a:p><a:endParaRPr/></a:p></dgm:t></dgm:pt>\
            <dgm:pt modelId='1'><dgm:t><a:p><a:r><a:t>Plan</a:t></a:r></a:p></dgm:t></dgm:pt>\
            <dgm:pt modelId='2' type='parTrans'><dgm:t><a:p><a:r><a:t>hidden</a:t></a:r></a:p></dgm:t></dgm:pt>\
            <dgm:pt modelId='3' type='node'><dgm:t><a:p><a:r><a:t>Build </a:t></a:r><a:r><a:t>it</a:t></a:r></a:p>\
            <a:p><a:r><a:t>then ship</a:t></a:r></a:p></dgm:t></dgm:pt>\
            </dgm:ptLst></dgm:dataModel>";
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.pptx", &config);
        assert_eq!(
            read(xml, "data1.xml", &ctx).unwrap(),
            ["Plan", "Build it", "then ship"]
        );
    }
}
