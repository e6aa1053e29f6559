//! Embedded font programs (ISO 32000-2, 9.9): what text extraction can learn from them when the
//! PDF's own mappings run out. Parsed with read-fonts: a Type1 or CFF font's built-in encoding
//! (code → glyph name), a TrueType font's `cmap` (code → glyph) and the Unicode of its glyphs (its
//! Unicode `cmap` reversed, else its `post` glyph names).

use rustc_hash::FxHashMap as HashMap;

use hayro_syntax::object::{Dict, Name, Stream};
use read_fonts::ps::cff::CffFontRef;
use read_fonts::ps::type1::Type1Font;
use read_fonts::tables::cmap::{CmapSubtable, PlatformId};
use read_fonts::types::GlyphId;
use read_fonts::{FontRef, TableProvider};

use super::glyph_names;
use crate::formats::pdf::filters::{decode_stream, Budget};
use crate::limits::Context;

/// The most glyphs whose Unicode is collected from one font.
const MAX_GLYPHS: usize = 65_536;

/// What an embedded font program tells about its glyphs.
#[derive(Debug, Default)]
pub struct EmbeddedFont {
    /// Code → glyph name, from a Type1 or CFF font's built-in encoding.
    pub builtin_names: HashMap<u8, String>,
    /// Glyph → text, from a TrueType or OpenType font's Unicode `cmap` or glyph names, and from a
    /// CFF font's glyph names.
    pub glyph_text: HashMap<u32, String>,
    /// Code → glyph, from a TrueType font's symbolic (3,0) or Mac Roman (1,0) `cmap`.
    pub code_glyphs: HashMap<u32, u32>,
    /// Whether a CFF font is CID-keyed (its glyphs are known by CID, not by name).
    pub cid_keyed: bool,
}

impl EmbeddedFont {
    /// Reads the font program of `descriptor`, if any and if it parses.
    pub fn load(descriptor: &Dict<'_>, ctx: &Context<'_>, budget: &Budget) -> Option<Self> {
        let (stream, kind) = if let Some(s) = descriptor.get::<Stream<'_>>(b"FontFile2") {
            (s, Kind::TrueType)
        } else if let Some(s) = descriptor.get::<Stream<'_>>(b"FontFile3") {
            let subtype = s.dict().get::<Name<'_>>(b"Subtype");
            let kind = match subtype.as_ref().map(|n| n.as_ref()) {
                Some(b"OpenType") => Kind::TrueType,
                _ => Kind::Cff,
            };
            (s, kind)
        } else if let Some(s) = descriptor.get::<Stream<'_>>(b"FontFile") {
            (s, Kind::Type1)
        } else {
            return None;
        };
        let decoded = decode_stream(&stream, ctx, budget).ok()?;
        let data = decoded.data;
        match kind {
            Kind::TrueType => Self::from_open_type(&data),
            Kind::Cff => Self::from_cff(&data),
            Kind::Type1 => Self::from_type1(&data),
        }
    }

    fn from_type1(data: &[u8]) -> Option<Self> {
        let font = Type1Font::new(data).ok()?;
        let mut embedded = EmbeddedFont::default();
        if let Some(encoding) = font.encoding() {
            for code in 0..=255u8 {
                let Some(name) = encoding.map(code).and_then(|gid| font.glyph_name(gid)) else {
                    continue;
                };
                if name != ".notdef" {
                    embedded.builtin_names.insert(code, name.to_owned());
                }
            }
        }
        Some(embedded)
    }

    fn from_cff(data: &[u8]) -> Option<Self> {
        let font = CffFontRef::new(data, 0, None).ok()?;
        let mut embedded = EmbeddedFont {
            cid_keyed: font.is_cid(),
            ..EmbeddedFont::default()
        };
        if embedded.cid_keyed {
            return Some(embedded);
        }
        let name_of = |gid: GlyphId| -> Option<String> {
            let sid = font.charset()?.string_id(gid)?;
            let name = std::str::from_utf8(font.string(sid)?).ok()?;
            Some(name.to_owned())
        };
        if let Some(encoding) = font.encoding() {
            for code in 0..=255u8 {
                let Some(name) = encoding.map(code).and_then(name_of) else {
                    continue;
                };
                if name != ".notdef" {
                    embedded.builtin_names.insert(code, name);
                }
            }
        }
        let glyphs = usize::try_from(font.num_glyphs())
            .unwrap_or(0)
            .min(MAX_GLYPHS);
        for gid in 1..glyphs {
            let gid = u32::try_from(gid).unwrap_or(0);
            if let Some(text) = name_of(GlyphId::new(gid)).and_then(|n| glyph_names::unicode(&n)) {
                embedded.glyph_text.insert(gid, text);
            }
        }
        Some(embedded)
    }

    fn from_open_type(data: &[u8]) -> Option<Self> {
        let font = FontRef::new(data).ok()?;
        let mut embedded = EmbeddedFont::default();
        if let Ok(cmap) = font.cmap() {
            for record in cmap.encoding_records() {
                let Ok(subtable) = record.subtable(cmap.offset_data()) else {
                    continue;
                };
                match (record.platform_id(), record.encoding_id()) {
                    (PlatformId::Windows, 1 | 10) | (PlatformId::Unicode, _) => {
                        collect_unicode(&subtable, &mut embedded.glyph_text);
                    }
                    (PlatformId::Windows, 0) | (PlatformId::Macintosh, 0) => {
                        for (code, gid) in subtable.iter().take(MAX_GLYPHS) {
                            embedded.code_glyphs.entry(code).or_insert(gid.to_u32());
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Ok(post) = font.post() {
            let glyphs = usize::from(font.maxp().map(|m| m.num_glyphs()).unwrap_or(0));
            for gid in 1..glyphs.min(MAX_GLYPHS) {
                let gid16 = read_fonts::types::GlyphId16::new(u16::try_from(gid).unwrap_or(0));
                let key = u32::from(gid16.to_u16());
                if embedded.glyph_text.contains_key(&key) {
                    continue;
                }
                let Some(name) = post.glyph_name(gid16) else {
                    continue;
                };
                if let Some(text) = glyph_names::unicode(name) {
                    embedded.glyph_text.insert(key, text);
                }
            }
        }
        Some(embedded)
    }

    /// The glyph of single-byte `code` in a symbolic TrueType font (ISO 32000-2, 9.6.5.4): the
    /// (3,0) subtable at `0xF000 + code` or at `code`, else the (1,0) subtable.
    pub fn truetype_glyph(&self, code: u8) -> Option<u32> {
        let code = u32::from(code);
        self.code_glyphs
            .get(&(0xF000 + code))
            .or_else(|| self.code_glyphs.get(&code))
            .copied()
    }
}

enum Kind {
    TrueType,
    Cff,
    Type1,
}

/// Records the first character each glyph of a Unicode subtable stands for, preferring the
/// lowest code point (a glyph shared by `A` and `Α` reads as `A`).
fn collect_unicode(subtable: &CmapSubtable<'_>, glyph_text: &mut HashMap<u32, String>) {
    for (code_point, gid) in subtable.iter().take(MAX_GLYPHS * 2) {
        let Some(ch) = char::from_u32(code_point) else {
            continue;
        };
        // Private-use code points are what subsetters assign to glyphs without a character.
        if ('\u{E000}'..='\u{F8FF}').contains(&ch) {
            continue;
        }
        glyph_text
            .entry(gid.to_u32())
            .or_insert_with(|| ch.to_string());
    }
}
