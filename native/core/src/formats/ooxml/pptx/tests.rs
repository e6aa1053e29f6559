use super::*;
use crate::config::{ExtractionConfig, OutputFormat};
use crate::container::zip::tests::build_zip;

const NS: &str = "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" \
    xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
const RELS: &str = "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"";

fn shape(ph: &str, paragraphs: &str) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:txBody>{paragraphs}</p:txBody></p:sp>"
    )
}

fn para(text: &str) -> String {
    format!("<a:p><a:r><a:rPr lang='en'/><a:t>{text}</a:t></a:r></a:p>")
}

fn deck(markdown: bool) -> Extracted {
    let presentation = format!(
        "<p:presentation {NS}><p:sldIdLst><p:sldId id='257' r:id='rId3'/><p:sldId id='256' r:id='rId2'/></p:sldIdLst></p:presentation>"
    );
    let pres_rels = format!(
        "<Relationships {RELS}><Relationship Id='rId2' Type='http://x/slide' Target='slides/slide1.xml'/>\
         <Relationship Id='rId3' Type='http://x/slide' Target='slides/slide2.xml'/></Relationships>"
    );
    let slide1 = format!(
        "<p:sld {NS}><p:cSld><p:spTree>{}{}\
         <p:graphicFrame><a:graphic><a:graphicData><a:tbl><a:tr><a:tc><a:txBody>{}</a:txBody></a:tc><a:tc><a:txBody>{}</a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>\
         </p:spTree></p:cSld></p:sld>",
        shape("<p:ph type='title'/>", &para("First title")),
        shape("<p:ph idx='1'/>", &format!("{}<a:p><a:pPr lvl='1'/><a:r><a:rPr b='1'/><a:t>Sub</a:t></a:r></a:p>", para("Point"))),
        para("c1"),
        para("c2"),
    );
    let slide1_rels = format!(
        "<Relationships {RELS}><Relationship Id='rId1' Type='http://x/notesSlide' Target='../notesSlides/notesSlide1.xml'/></Relationships>"
    );
    let notes = format!(
        "<p:notes {NS}><p:cSld><p:spTree>{}{}</p:spTree></p:cSld></p:notes>",
        shape("<p:ph type='sldNum'/>", &para("99")),
        shape("<p:ph type='body' idx='1'/>", &para("Speaker notes")),
    );
    let slide2 = format!(
        "<p:sld {NS}><p:cSld><p:spTree>{}</p:spTree></p:cSld></p:sld>",
        shape("<p:ph type='ctrTitle'/>", &para("Opening")),
    );
    let zip = build_zip(&[
        ("ppt/presentation.xml", presentation.as_bytes(), true),
        (
            "ppt/_rels/presentation.xml.rels",
            pres_rels.as_bytes(),
            true,
        ),
        ("ppt/slides/slide1.xml", slide1.as_bytes(), true),
        (
            "ppt/slides/_rels/slide1.xml.rels",
            slide1_rels.as_bytes(),
            true,
        ),
        ("ppt/notesSlides/notesSlide1.xml", notes.as_bytes(), true),
        ("ppt/slides/slide2.xml", slide2.as_bytes(), true),
    ]);
    let config = ExtractionConfig {
        output_format: if markdown {
            OutputFormat::Markdown
        } else {
            OutputFormat::Plain
        },
        extract_tables: true,
        ..ExtractionConfig::default()
    };
    let ctx = Context::new("t.pptx", &config);
    let container = ZipContainer::open(&zip, &ctx).unwrap();
    extract(&container, "ppt/presentation.xml", &ctx).unwrap()
}

#[test]
fn slides_come_in_presentation_order_with_notes_and_tables() {
    let extracted = deck(false);
    assert_eq!(
        extracted.content,
        "Opening\nFirst title\nPoint\nSub\nc1\tc2\nSpeaker notes\n"
    );
    assert_eq!(
        extracted.pages,
        [
            "Opening\n",
            "First title\nPoint\nSub\nc1\tc2\nSpeaker notes\n"
        ]
    );
    assert_eq!(extracted.tables[0].page, Some(2));
    assert_eq!(extracted.metadata.page_count, Some(2));
}

#[test]
fn markdown_has_titles_as_headings_and_bullets() {
    assert_eq!(
        deck(true).content,
        "## Opening\n\n## First title\n\n- Point\n  - **Sub**\n\n| c1 | c2 |\n| --- | --- |\n\nSpeaker notes\n"
    );
}

#[test]
fn slides_without_a_list_are_ordered_by_number() {
    assert_eq!(trailing_number("ppt/slides/slide12.xml"), 12);
    assert_eq!(trailing_number("x.xml"), u64::MAX);
}

/// A one-slide deck: the slide's shapes, its relationships and extra parts.
fn one_slide(shapes: &str, slide_rels: &str, parts: &[(&str, &[u8])]) -> String {
    let presentation = format!(
        "<p:presentation {NS}><p:sldIdLst><p:sldId id='256' r:id='rId1'/></p:sldIdLst></p:presentation>"
    );
    let pres_rels = format!(
        "<Relationships {RELS}><Relationship Id='rId1' Type='http://x/slide' Target='slides/slide1.xml'/></Relationships>"
    );
    let slide = format!("<p:sld {NS}><p:cSld><p:spTree>{shapes}</p:spTree></p:cSld></p:sld>");
    let rels = format!("<Relationships {RELS}>{slide_rels}</Relationships>");
    let mut entries: Vec<(&str, &[u8], bool)> = vec![
        ("ppt/presentation.xml", presentation.as_bytes(), true),
        (
            "ppt/_rels/presentation.xml.rels",
            pres_rels.as_bytes(),
            true,
        ),
        ("ppt/slides/slide1.xml", slide.as_bytes(), true),
        ("ppt/slides/_rels/slide1.xml.rels", rels.as_bytes(), true),
    ];
    for (name, bytes) in parts {
        entries.push((name, bytes, true));
    }
    let zip = build_zip(&entries);
    let config = ExtractionConfig::default();
    let ctx = Context::new("t.pptx", &config);
    let container = ZipContainer::open(&zip, &ctx).unwrap();
    extract(&container, "ppt/presentation.xml", &ctx)
        .unwrap()
        .content
}

#[test]
fn layout_and_master_text_boxes_are_read_once_and_their_prompts_never() {
    let layout = format!(
        "<p:sldLayout {NS}><p:cSld><p:spTree>{}{}</p:spTree></p:cSld></p:sldLayout>",
        shape(
            "<p:ph type='title'/>",
            &para("Click to edit Master title style")
        ),
        shape("", &para("Company confidential")),
    );
    let layout_rels = format!(
        "<Relationships {RELS}><Relationship Id='rId1' Type='http://x/slideMaster' Target='../slideMasters/slideMaster1.xml'/></Relationships>"
    );
    let master = format!(
        "<p:sldMaster {NS}><p:cSld><p:spTree>{}</p:spTree></p:cSld></p:sldMaster>",
        shape("", &para("Master banner")),
    );
    let content = one_slide(
        &shape("<p:ph type='title'/>", &para("Results")),
        "<Relationship Id='rId1' Type='http://x/slideLayout' Target='../slideLayouts/slideLayout1.xml'/>",
        &[
            ("ppt/slideLayouts/slideLayout1.xml", layout.as_bytes()),
            (
                "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
                layout_rels.as_bytes(),
            ),
            ("ppt/slideMasters/slideMaster1.xml", master.as_bytes()),
        ],
    );
    assert_eq!(content, "Results\nCompany confidential\nMaster banner\n");
}

#[test]
fn charts_diagrams_and_objects_of_graphic_frames_are_read_where_they_stand() {
    let chart = "<c:chartSpace xmlns:c='http://schemas.openxmlformats.org/drawingml/2006/chart' \
        xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main'><c:chart>\
        <c:title><c:tx><c:rich><a:p><a:r><a:t>Revenue</a:t></a:r></a:p></c:rich></c:tx></c:title>\
        <c:plotArea><c:barChart><c:ser><c:tx><c:v>2024</c:v></c:tx>\
        <c:cat><c:strRef><c:strCache><c:pt idx='0'><c:v>Q1</c:v></c:pt></c:strCache></c:strRef></c:cat>\
        <c:val><c:numRef><c:numCache><c:pt idx='0'><c:v>12.5</c:v></c:pt></c:numCache></c:numRef></c:val>\
        </c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>";
    let diagram =
        "<dgm:dataModel xmlns:dgm='http://schemas.openxmlformats.org/drawingml/2006/diagram' \
        xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main'><dgm:ptLst>\
        <dgm:pt modelId='1'><dgm:t><a:p><a:r><a:t>Step one</a:t></a:r></a:p></dgm:t></dgm:pt>\
        </dgm:ptLst></dgm:dataModel>";
    let preview = crate::formats::metafile::tests::emf(&[("Linked", 0, 0), ("workbook", 70, 0)]);
    let frames = "<p:graphicFrame><a:graphic><a:graphicData>\
        <c:chart xmlns:c='http://schemas.openxmlformats.org/drawingml/2006/chart' r:id='rId2'/>\
        </a:graphicData></a:graphic></p:graphicFrame>\
        <p:graphicFrame><a:graphic><a:graphicData>\
        <dgm:relIds xmlns:dgm='http://schemas.openxmlformats.org/drawingml/2006/diagram' r:dm='rId3' r:lo='rId9'/>\
        </a:graphicData></a:graphic></p:graphicFrame>\
        <p:graphicFrame><a:graphic><a:graphicData>\
        <mc:AlternateContent xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006'>\
        <mc:Choice Requires='v'><p:oleObj r:id='rId4' progId='Excel.Sheet.12'><p:link/></p:oleObj></mc:Choice>\
        <mc:Fallback><p:oleObj r:id='rId4'><p:link/><p:pic><p:blipFill><a:blip r:embed='rId5'/></p:blipFill></p:pic></p:oleObj></mc:Fallback>\
        </mc:AlternateContent></a:graphicData></a:graphic></p:graphicFrame>";
    let rels = "<Relationship Id='rId2' Type='http://x/chart' Target='../charts/chart1.xml'/>\
        <Relationship Id='rId3' Type='http://x/diagramData' Target='../diagrams/data1.xml'/>\
        <Relationship Id='rId4' Type='http://x/oleObject' Target='file:///C:\\data\\sales.xlsx' TargetMode='External'/>\
        <Relationship Id='rId5' Type='http://x/image' Target='../media/image1.emf'/>";
    let content = one_slide(
        frames,
        rels,
        &[
            ("ppt/charts/chart1.xml", chart.as_bytes()),
            ("ppt/diagrams/data1.xml", diagram.as_bytes()),
            ("ppt/media/image1.emf", &preview),
        ],
    );
    assert_eq!(
        content,
        "Revenue\n\tQ1\n2024\t12.5\nStep one\nsales.xlsx\nLinked workbook\n"
    );
}

#[test]
fn notes_keep_their_tables_but_not_their_page_numbers() {
    let notes = format!(
        "<p:notes {NS}><p:cSld><p:spTree>{}{}\
         <p:graphicFrame><a:graphic><a:graphicData><a:tbl><a:tr><a:tc><a:txBody>{}</a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>\
         </p:spTree></p:cSld></p:notes>",
        shape("<p:ph type='sldNum'/>", &para("7")),
        shape("<p:ph type='body' idx='1'/>", &para("Say hello")),
        para("Cue"),
    );
    let content = one_slide(
        &shape("", &para("Slide text")),
        "<Relationship Id='rId1' Type='http://x/notesSlide' Target='../notesSlides/notesSlide1.xml'/>",
        &[("ppt/notesSlides/notesSlide1.xml", notes.as_bytes())],
    );
    assert_eq!(content, "Slide text\nSay hello\nCue\n");
}

#[test]
fn metafile_pictures_give_their_text_and_other_pictures_nothing() {
    let chart_picture = crate::formats::metafile::tests::emf(&[("Pasted", 0, 0), ("chart", 70, 0)]);
    let pictures = "<p:pic><p:blipFill><a:blip r:embed='rId1'/></p:blipFill></p:pic>\
        <p:pic><p:blipFill><a:blip r:embed='rId2'/></p:blipFill></p:pic>";
    let rels = "<Relationship Id='rId1' Type='http://x/image' Target='../media/image1.emf'/>\
        <Relationship Id='rId2' Type='http://x/image' Target='../media/image2.png'/>";
    let content = one_slide(
        pictures,
        rels,
        &[
            ("ppt/media/image1.emf", &chart_picture),
            ("ppt/media/image2.png", b"\x89PNG\r\n\x1a\n"),
        ],
    );
    assert_eq!(content, "Pasted chart\n");
}

#[test]
fn a_powerpoint_2007_object_finds_its_preview_through_the_legacy_vml_drawing() {
    let preview = crate::formats::metafile::tests::emf(&[("Old", 0, 0), ("slide", 50, 0)]);
    let frame = "<p:graphicFrame><a:graphic><a:graphicData>\
        <p:oleObj spid='_x0000_s2050' r:id='rId2' progId='PowerPoint.Slide.8'><p:embed/></p:oleObj>\
        </a:graphicData></a:graphic></p:graphicFrame>";
    let rels =
        "<Relationship Id='rId1' Type='http://x/vmlDrawing' Target='../drawings/vmlDrawing1.vml'/>\
        <Relationship Id='rId2' Type='http://x/oleObject' Target='../embeddings/oleObject1.bin'/>";
    let vml = "<xml xmlns:v='urn:schemas-microsoft-com:vml' xmlns:o='urn:schemas-microsoft-com:office:office'>\
        <v:shape id='_x0000_s2049'><v:imagedata o:relid='rId9'/></v:shape>\
        <v:shape id='_x0000_s2050'><v:imagedata o:relid='rId1'/></v:shape></xml>";
    let vml_rels = format!(
        "<Relationships {RELS}><Relationship Id='rId1' Type='http://x/image' Target='../media/image1.emf'/></Relationships>"
    );
    let legacy_slide =
        crate::container::ole::tests::compound_file(&[("/PowerPoint Document", b"binary")]);
    let content = one_slide(
        frame,
        rels,
        &[
            ("ppt/drawings/vmlDrawing1.vml", vml.as_bytes()),
            (
                "ppt/drawings/_rels/vmlDrawing1.vml.rels",
                vml_rels.as_bytes(),
            ),
            ("ppt/embeddings/oleObject1.bin", &legacy_slide),
            ("ppt/media/image1.emf", &preview),
        ],
    );
    assert_eq!(content, "oleObject1.bin\nOld slide\n");
}

#[test]
fn comments_are_headed_by_their_authors_names_legacy_and_modern() {
    let presentation = format!(
        "<p:presentation {NS}><p:sldIdLst><p:sldId id='256' r:id='rId2'/></p:sldIdLst></p:presentation>"
    );
    let pres_rels = format!(
        "<Relationships {RELS}><Relationship Id='rId2' Type='http://x/slide' Target='slides/slide1.xml'/>\
         <Relationship Id='rId5' Type='http://x/commentAuthors' Target='commentAuthors.xml'/>\
         <Relationship Id='rId6' Type='http://x/2018/10/relationships/authors' Target='authors.xml'/></Relationships>"
    );
    let slide = format!(
        "<p:sld {NS}><p:cSld><p:spTree>{}</p:spTree></p:cSld></p:sld>",
        shape("<p:ph type='title'/>", &para("Budget"))
    );
    let slide_rels = format!(
        "<Relationships {RELS}><Relationship Id='rId1' Type='http://x/comments' Target='../comments/comment1.xml'/>\
         <Relationship Id='rId2' Type='http://x/2018/10/relationships/comments' Target='../comments/modernComment_1.xml'/></Relationships>"
    );
    let authors = format!(
        "<p:cmAuthorLst {NS}><p:cmAuthor id='0' name='Ann Lee' initials='AL' lastIdx='1' clrIdx='0'/></p:cmAuthorLst>"
    );
    let modern_authors =
        "<p188:authorLst xmlns:p188='http://schemas.microsoft.com/office/powerpoint/2018/8/main'>\
        <p188:author id='{A1}' name='Bo Chen' initials='BC'/></p188:authorLst>";
    let legacy = format!(
        "<p:cmLst {NS}><p:cm authorId='0' dt='2020-01-01T00:00:00' idx='1'><p:pos x='1' y='2'/><p:text>Check the totals</p:text></p:cm></p:cmLst>"
    );
    let modern = format!(
        "<p188:cmLst {NS} xmlns:p188='http://schemas.microsoft.com/office/powerpoint/2018/8/main'>\
         <p188:cm id='{{C1}}' authorId='{{A1}}'><p188:txBody><a:bodyPr/><a:p><a:r><a:t>Looks </a:t></a:r><a:r><a:t>right</a:t></a:r></a:p></p188:txBody>\
         <p188:replyLst><p188:reply id='{{R1}}' authorId='0'><p188:txBody><a:p><a:r><a:t>Thanks</a:t></a:r></a:p></p188:txBody></p188:reply></p188:replyLst></p188:cm></p188:cmLst>"
    );
    let zip = build_zip(&[
        ("ppt/presentation.xml", presentation.as_bytes(), true),
        (
            "ppt/_rels/presentation.xml.rels",
            pres_rels.as_bytes(),
            true,
        ),
        ("ppt/slides/slide1.xml", slide.as_bytes(), true),
        (
            "ppt/slides/_rels/slide1.xml.rels",
            slide_rels.as_bytes(),
            true,
        ),
        ("ppt/commentAuthors.xml", authors.as_bytes(), true),
        ("ppt/authors.xml", modern_authors.as_bytes(), true),
        ("ppt/comments/comment1.xml", legacy.as_bytes(), true),
        ("ppt/comments/modernComment_1.xml", modern.as_bytes(), true),
    ]);
    let config = ExtractionConfig::default();
    let ctx = Context::new("t.pptx", &config);
    let container = ZipContainer::open(&zip, &ctx).unwrap();
    let deck = extract(&container, "ppt/presentation.xml", &ctx).unwrap();
    assert_eq!(
        deck.content,
        "Budget\nComment by Ann Lee: Check the totals\nComment by Bo Chen: Looks right\nComment by Ann Lee: Thanks\n"
    );
}
