//! The XMP metadata packet of a PDF (ISO 16684-1): the Dublin Core, PDF and XMP basic properties
//! Vellum reports, whether written as elements (`<dc:title><rdf:Alt><rdf:li>`) or as attributes
//! of `rdf:Description`. No DTD or entity is ever expanded.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

const DC: &[u8] = b"http://purl.org/dc/elements/1.1/";
const PDF: &[u8] = b"http://ns.adobe.com/pdf/1.3/";
const XMP: &[u8] = b"http://ns.adobe.com/xap/1.0/";

/// The most elements read from one packet: XMP packets are small; this bounds a hostile one.
const MAX_EVENTS: usize = 200_000;

/// The properties read from an XMP packet; lists keep the packet's order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Xmp {
    pub title: Option<String>,
    pub creators: Vec<String>,
    pub description: Option<String>,
    pub subjects: Vec<String>,
    pub keywords: Option<String>,
    pub producer: Option<String>,
    pub creator_tool: Option<String>,
    pub create_date: Option<String>,
    pub modify_date: Option<String>,
}

#[derive(Clone, Copy)]
enum Property {
    Title,
    Creator,
    Description,
    Subject,
    Keywords,
    Producer,
    CreatorTool,
    CreateDate,
    ModifyDate,
}

fn property(namespace: &[u8], local: &[u8]) -> Option<Property> {
    Some(match (namespace, local) {
        (DC, b"title") => Property::Title,
        (DC, b"creator") => Property::Creator,
        (DC, b"description") => Property::Description,
        (DC, b"subject") => Property::Subject,
        (PDF, b"Keywords") => Property::Keywords,
        (PDF, b"Producer") => Property::Producer,
        (XMP, b"CreatorTool") => Property::CreatorTool,
        (XMP, b"CreateDate") => Property::CreateDate,
        (XMP, b"ModifyDate") => Property::ModifyDate,
        _ => return None,
    })
}

impl Xmp {
    fn set(&mut self, property: Property, value: String) {
        let value = value.trim().to_owned();
        if value.is_empty() {
            return;
        }
        let first = |slot: &mut Option<String>| {
            slot.get_or_insert(value.clone());
        };
        match property {
            Property::Title => first(&mut self.title),
            Property::Description => first(&mut self.description),
            Property::Keywords => first(&mut self.keywords),
            Property::Producer => first(&mut self.producer),
            Property::CreatorTool => first(&mut self.creator_tool),
            Property::CreateDate => first(&mut self.create_date),
            Property::ModifyDate => first(&mut self.modify_date),
            Property::Creator => self.creators.push(value),
            Property::Subject => self.subjects.push(value),
        }
    }

    /// Parses `packet`; a malformed packet gives what was read before the damage.
    pub fn parse(packet: &[u8]) -> Xmp {
        let mut xmp = Xmp::default();
        let mut reader = NsReader::from_reader(packet);
        reader.config_mut().trim_text(false);
        let mut open: Option<Property> = None;
        let mut depth_in_property = 0usize;
        let mut text = String::new();
        let mut buffer = Vec::new();
        for _ in 0..MAX_EVENTS {
            buffer.clear();
            let Ok((namespace, event)) = reader.read_resolved_event_into(&mut buffer) else {
                break;
            };
            let namespace = match namespace {
                ResolveResult::Bound(ns) => ns.0.to_vec(),
                _ => Vec::new(),
            };
            match event {
                Event::Start(start) => {
                    if open.is_some() {
                        depth_in_property += 1;
                        if start.local_name().as_ref() == b"li" {
                            text.clear();
                        }
                    } else if let Some(p) = property(&namespace, start.local_name().as_ref()) {
                        open = Some(p);
                        depth_in_property = 0;
                        text.clear();
                    } else {
                        read_attributes(&reader, &start, &mut xmp);
                    }
                }
                Event::Empty(empty) if open.is_none() => {
                    read_attributes(&reader, &empty, &mut xmp);
                }
                Event::Text(t) if open.is_some() => {
                    if let Ok(t) = t.decode() {
                        text.push_str(&t);
                    }
                }
                Event::GeneralRef(r) if open.is_some() => {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        text.push(c);
                    } else if let Ok(name) = r.decode() {
                        text.push_str(predefined_entity(&name));
                    }
                }
                Event::CData(c) if open.is_some() => {
                    text.push_str(&String::from_utf8_lossy(&c));
                }
                Event::End(end) => {
                    if let Some(p) = open {
                        if depth_in_property == 0 {
                            xmp.set(p, std::mem::take(&mut text));
                            open = None;
                        } else {
                            depth_in_property -= 1;
                            if end.local_name().as_ref() == b"li" {
                                xmp.set(p, std::mem::take(&mut text));
                            }
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        xmp
    }
}

fn predefined_entity(name: &str) -> &'static str {
    match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
}

/// Properties written as attributes, e.g. `<rdf:Description pdf:Producer="...">`.
fn read_attributes(reader: &NsReader<&[u8]>, start: &BytesStart<'_>, xmp: &mut Xmp) {
    for attribute in start.attributes().flatten() {
        let (namespace, local) = reader.resolve_attribute(attribute.key);
        let ResolveResult::Bound(namespace) = namespace else {
            continue;
        };
        if let Some(p) = property(namespace.0, local.as_ref()) {
            if let Ok(value) = attribute.unescape_value() {
                xmp.set(p, value.into_owned());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKET: &str = r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
  pdf:Producer="Acme PDF 1.0" xmp:CreateDate="2001-09-09T01:46:40Z">
 <xmp:CreatorTool>Writer &amp; Co</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
 <dc:title><rdf:Alt><rdf:li xml:lang="x-default">A Title</rdf:li></rdf:Alt></dc:title>
 <dc:creator><rdf:Seq><rdf:li>Ann</rdf:li><rdf:li>Bob</rdf:li></rdf:Seq></dc:creator>
 <dc:subject><rdf:Bag><rdf:li>pdf</rdf:li><rdf:li>xmp</rdf:li></rdf:Bag></dc:subject>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#;

    #[test]
    fn elements_and_attributes_are_both_read() {
        let xmp = Xmp::parse(PACKET.as_bytes());
        assert_eq!(xmp.title.as_deref(), Some("A Title"));
        assert_eq!(xmp.creators, ["Ann", "Bob"]);
        assert_eq!(xmp.subjects, ["pdf", "xmp"]);
        assert_eq!(xmp.producer.as_deref(), Some("Acme PDF 1.0"));
        assert_eq!(xmp.creator_tool.as_deref(), Some("Writer & Co"));
        assert_eq!(xmp.create_date.as_deref(), Some("2001-09-09T01:46:40Z"));
        assert_eq!(xmp.modify_date, None);
    }

    #[test]
    fn a_broken_packet_keeps_what_came_before_the_damage() {
        let cut = &PACKET[..PACKET.find("<dc:creator>").unwrap() + 20];
        let xmp = Xmp::parse(cut.as_bytes());
        assert_eq!(xmp.title.as_deref(), Some("A Title"));
        assert_eq!(Xmp::parse(b"\xFF\xFEnot xml <<<"), Xmp::default());
    }
}
