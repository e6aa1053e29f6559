//! Marked content (ISO 32000-2, 14.6): `BMC`/`BDC` … `EMC` sections. Two kinds matter to text:
//! `/ActualText` (14.9.4), whose string replaces the glyphs the section shows, and `/Artifact`
//! (14.8.2.2), which marks page furniture such as running heads and page numbers.

use hayro_syntax::object::{Dict, Name, Object};

use crate::formats::pdf::strings::text_string;

/// The most marked-content sections that may be open at once.
const MAX_OPEN: usize = 256;

/// An open section.
#[derive(Debug)]
pub struct Section {
    artifact: bool,
    /// The replacement text, when the section has one.
    pub actual_text: Option<String>,
    /// The number of glyphs of the page before the section began.
    pub first_glyph: usize,
    /// The length of the page's text before the section began.
    pub text_start: usize,
}

/// The stack of open sections.
#[derive(Debug, Default)]
pub struct MarkedContent {
    open: Vec<Section>,
    /// Sections past [`MAX_OPEN`], counted so their `EMC`s still balance.
    overflow: usize,
    artifacts: usize,
}

impl MarkedContent {
    /// `BMC` or `BDC`: opens a section tagged `tag` with `properties` (inline or resolved).
    pub fn begin(
        &mut self,
        tag: &[u8],
        actual_text: Option<String>,
        first_glyph: usize,
        text_start: usize,
    ) {
        if self.open.len() >= MAX_OPEN {
            self.overflow += 1;
            return;
        }
        let artifact = tag == b"Artifact";
        if artifact {
            self.artifacts += 1;
        }
        self.open.push(Section {
            artifact,
            actual_text,
            first_glyph,
            text_start,
        });
    }

    /// `EMC`: closes the innermost section and returns it.
    pub fn end(&mut self) -> Option<Section> {
        if self.overflow > 0 {
            self.overflow -= 1;
            return None;
        }
        let section = self.open.pop()?;
        if section.artifact {
            self.artifacts -= 1;
        }
        Some(section)
    }

    /// Whether the glyphs shown now are part of an artifact.
    pub fn in_artifact(&self) -> bool {
        self.artifacts > 0
    }
}

/// The `/ActualText` of a `BDC`'s properties: an inline dictionary, or a name looked up in the
/// resources' `/Properties` dictionary `named`.
pub fn actual_text(operand: Option<&Object<'_>>, named: &Dict<'_>) -> Option<String> {
    let read = |dict: &Dict<'_>| {
        dict.get::<hayro_syntax::object::String<'_>>(b"ActualText")
            .map(|s| text_string(s.as_bytes()).replace('\0', ""))
    };
    match operand? {
        Object::Dict(dict) => read(dict),
        Object::Name(name) => read(&named.get::<Dict<'_>>(name.as_ref())?),
        _ => None,
    }
}

/// The tag of a `BMC`/`BDC`.
pub fn tag<'b>(operand: Option<&'b Object<'_>>) -> &'b [u8] {
    match operand {
        Some(Object::Name(name)) => name_bytes(name),
        _ => b"",
    }
}

fn name_bytes<'b>(name: &'b Name<'_>) -> &'b [u8] {
    name.as_ref()
}
