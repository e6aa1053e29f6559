//! Simple fonts: Type1, MMType1, TrueType and Type3 (ISO 32000-2, 9.6): one byte per code,
//! `/Widths` from `/FirstChar`, an encoding (a base encoding with `/Differences`, else the font's
//! built-in one), and for Type3 a `/FontMatrix`.

use hayro_syntax::object::{Array, Dict, Name, Object};

use super::embedded::EmbeddedFont;
use super::encodings::BaseEncoding;
use super::glyph_names;
use super::standard14::Standard14;
use super::TextSource;
use crate::formats::pdf::filters::Budget;
use crate::limits::Context;

/// Flag bits of a font descriptor (ISO 32000-2, table 121).
const SYMBOLIC: i64 = 1 << 2;
const NONSYMBOLIC: i64 = 1 << 5;

#[derive(Debug)]
pub struct SimpleFont {
    /// Glyph space → text space.
    pub matrix: [f32; 6],
    /// The em height per unit of font size (see `Font::em_scale`).
    pub em_scale: f32,
    first_char: u32,
    widths: Vec<f32>,
    missing_width: Option<f32>,
    /// The glyph name of each code, after `/Differences`.
    names: Vec<Option<String>>,
    standard: Option<Standard14>,
    embedded: Option<EmbeddedFont>,
    /// Whether glyph names are Zapf Dingbats names (the ZapfDingbats font and its kin).
    dingbats: bool,
}

impl SimpleFont {
    pub fn load(
        dict: &Dict<'_>,
        subtype: &[u8],
        base_font: &str,
        descriptor: Option<&Dict<'_>>,
        has_to_unicode: bool,
        ctx: &Context<'_>,
        budget: &Budget,
    ) -> SimpleFont {
        let type3 = subtype == b"Type3";
        let truetype = subtype == b"TrueType";
        let flags = descriptor.and_then(|d| d.get::<i64>(b"Flags")).unwrap_or(0);
        let embedded_program = descriptor.is_some_and(|d| {
            d.contains_key(b"FontFile")
                || d.contains_key(b"FontFile2")
                || d.contains_key(b"FontFile3")
        });
        let standard = (!type3)
            .then(|| Standard14::from_base_font(base_font))
            .flatten();
        let (base, differences) = read_encoding(dict);
        // The font program is read only when the PDF's own mappings may not be enough.
        let needs_program = !has_to_unicode
            && (base.is_none()
                || differences
                    .iter()
                    .any(|(_, n)| glyph_names::is_meaningless(n)));
        let embedded = (needs_program && embedded_program)
            .then(|| descriptor.and_then(|d| EmbeddedFont::load(d, ctx, budget)))
            .flatten();
        let symbolic = flags & SYMBOLIC != 0 && flags & NONSYMBOLIC == 0;
        let default_names: Option<Vec<Option<String>>> = match base {
            Some(base) => Some(table(base)),
            None if type3 => None,
            None => match (&embedded, standard) {
                (Some(e), _) if !e.builtin_names.is_empty() => Some(
                    (0..=255u8)
                        .map(|c| e.builtin_names.get(&c).cloned())
                        .collect(),
                ),
                (_, Some(s)) if !embedded_program || s.is_symbolic() => Some(table(s.encoding())),
                _ if truetype && symbolic => None,
                _ if truetype => Some(table(BaseEncoding::WinAnsi)),
                _ if symbolic && embedded_program => None,
                _ => Some(table(BaseEncoding::Standard)),
            },
        };
        let mut names = default_names.unwrap_or_else(|| vec![None; 256]);
        for (code, name) in differences {
            if let Some(slot) = names.get_mut(usize::from(code)) {
                *slot = Some(name);
            }
        }
        let first_char = dict.get::<u32>(b"FirstChar").unwrap_or(0).min(255);
        let widths = dict
            .get::<Array<'_>>(b"Widths")
            .map(|a| a.iter::<f32>().take(256).collect())
            .unwrap_or_default();
        let missing_width = descriptor
            .and_then(|d| d.get::<f32>(b"MissingWidth"))
            .filter(|w| *w > 0.0);
        let matrix = if type3 {
            font_matrix(dict)
        } else {
            [0.001, 0.0, 0.0, 0.001, 0.0, 0.0]
        };
        let em_scale = if type3 { type3_em(dict, &matrix) } else { 1.0 };
        let dingbats = standard == Some(Standard14::ZapfDingbats)
            || base_font.to_ascii_lowercase().contains("dingbat");
        SimpleFont {
            dingbats,
            matrix,
            em_scale,
            first_char,
            widths,
            missing_width,
            names,
            standard,
            embedded,
        }
    }

    /// The width of `code` in glyph space.
    pub fn width(&self, code: u32) -> f32 {
        let index = code.checked_sub(self.first_char).map(|i| i as usize);
        let given = index.and_then(|i| self.widths.get(i)).copied();
        if let Some(width) = given.filter(|w| w.is_finite() && *w >= 0.0) {
            if width > 0.0 || self.standard.is_none() {
                return width;
            }
        }
        if let Some(width) = self.standard.and_then(|s| {
            let name = self.name(code).unwrap_or("");
            s.width(name, u8::try_from(code).unwrap_or(0))
        }) {
            return width;
        }
        self.missing_width
            .unwrap_or(if self.widths.is_empty() { 500.0 } else { 0.0 })
    }

    /// The width of the space glyph in glyph space, if the font has one.
    pub fn space_width(&self) -> Option<f32> {
        let code = self
            .names
            .iter()
            .position(|n| n.as_deref() == Some("space"))
            .unwrap_or(32);
        let width = self.width(u32::try_from(code).unwrap_or(32));
        (width > 0.0).then_some(width)
    }

    fn name(&self, code: u32) -> Option<&str> {
        self.names.get(code as usize)?.as_deref()
    }

    /// The text of `code` when the ToUnicode map has none.
    pub fn text(&self, code: u32) -> (Option<String>, TextSource) {
        let name = self.name(code);
        let by_name = if self.dingbats {
            glyph_names::dingbat_unicode
        } else {
            glyph_names::unicode
        };
        if let Some(text) = name.and_then(by_name) {
            return (Some(text), TextSource::Mapped);
        }
        if let Some(text) = self.embedded.as_ref().and_then(|e| {
            let byte = u8::try_from(code).ok()?;
            if let Some(gid) = e.truetype_glyph(byte) {
                return e.glyph_text.get(&gid).cloned();
            }
            e.builtin_names
                .get(&byte)
                .and_then(|n| glyph_names::unicode(n))
        }) {
            return (Some(text), TextSource::Mapped);
        }
        // PDFBox reads such a code as the character of the same number; so does Vellum, for
        // printable codes, and counts it.
        match char::from_u32(code) {
            Some(c) if (0x20..0x7F).contains(&code) || (0xA0..=0xFF).contains(&code) => {
                (Some(c.to_string()), TextSource::Code)
            }
            _ => (None, TextSource::Unmapped),
        }
    }
}

/// A base encoding's names as owned strings, one per code.
fn table(base: BaseEncoding) -> Vec<Option<String>> {
    base.names()
        .iter()
        .map(|n| (!n.is_empty()).then(|| (*n).to_owned()))
        .collect()
}

/// The `/Encoding` of a simple font: its base encoding, if named, and its `/Differences`.
fn read_encoding(dict: &Dict<'_>) -> (Option<BaseEncoding>, Vec<(u8, String)>) {
    match dict.get::<Object<'_>>(b"Encoding") {
        Some(Object::Name(name)) => (BaseEncoding::from_name(name.as_ref()), Vec::new()),
        Some(Object::Dict(encoding)) => {
            let base = encoding
                .get::<Name<'_>>(b"BaseEncoding")
                .and_then(|n| BaseEncoding::from_name(n.as_ref()));
            let differences = encoding
                .get::<Array<'_>>(b"Differences")
                .map(|a| differences(&a))
                .unwrap_or_default();
            (base, differences)
        }
        _ => (None, Vec::new()),
    }
}

/// `/Differences`: a code, then the names of it and the codes after it, and so on (9.6.5.1).
fn differences(array: &Array<'_>) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut code: Option<u32> = None;
    for item in array.iter::<Object<'_>>().take(4096) {
        match item {
            Object::Number(n) => code = u32::try_from(n.as_i64()).ok(),
            Object::Name(name) => {
                if let Some(c) = code.and_then(|c| u8::try_from(c).ok()) {
                    out.push((c, name.as_str().to_owned()));
                }
                code = code.map(|c| c + 1);
            }
            _ => {}
        }
    }
    out
}

/// The em height of a Type3 font per unit of font size: its `/FontBBox` height through the
/// font matrix, within sane bounds; 1 when the box is missing or empty.
fn type3_em(dict: &Dict<'_>, matrix: &[f32; 6]) -> f32 {
    let bbox: Vec<f32> = dict
        .get::<Array<'_>>(b"FontBBox")
        .map(|a| a.iter::<f32>().take(4).collect())
        .unwrap_or_default();
    let height = match bbox.as_slice() {
        [_, y0, _, y1] => (y1 - y0).abs() * matrix[3].abs(),
        _ => 0.0,
    };
    if height.is_finite() && height > 0.05 {
        height.min(20.0)
    } else {
        1.0
    }
}

/// A Type3 font's `/FontMatrix`, or the usual 1/1000 when it is missing or degenerate.
fn font_matrix(dict: &Dict<'_>) -> [f32; 6] {
    let values: Vec<f32> = dict
        .get::<Array<'_>>(b"FontMatrix")
        .map(|a| a.iter::<f32>().take(6).collect())
        .unwrap_or_default();
    match values.as_slice() {
        [a, b, c, d, e, f] if a.is_finite() && d.is_finite() && *a != 0.0 && *d != 0.0 => {
            [*a, *b, *c, *d, *e, *f]
        }
        _ => [0.001, 0.0, 0.0, 0.001, 0.0, 0.0],
    }
}
