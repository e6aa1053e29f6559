//! PDF fonts for text extraction (ISO 32000-2, 9.5–9.10): how a font's strings split into codes,
//! each code's width, and the text it stands for. The text comes, in the order the best readers
//! use, from the ToUnicode CMap; the encoding and its `/Differences` through glyph names; the
//! predefined CJK CMaps; the embedded font program's own `cmap` or built-in encoding; and last,
//! for simple fonts, the code itself read as Latin-1 (as PDFBox does).

mod cmap;
mod composite;
mod embedded;
mod encodings;
pub mod glyph_names;
mod simple;
mod standard14;
#[rustfmt::skip]
mod standard14_data;

use rustc_hash::FxHashMap as HashMap;
use std::cell::{Cell, RefCell};

use hayro_syntax::object::{Dict, Name, Stream};

use crate::formats::pdf::filters::{decode_stream, Budget};
use crate::limits::Context;
use composite::CompositeFont;
use simple::SimpleFont;
pub use standard14::strip_subset_prefix;

/// Where a glyph's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextSource {
    /// A mapping the document or the font defines.
    Mapped,
    /// The code itself, read as Latin-1, for lack of any mapping (simple fonts only).
    Code,
    /// Nothing maps the glyph: no text.
    Unmapped,
}

/// One code of a string shown with a font.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Code {
    pub code: u32,
    /// The CID (composite fonts) or the code (simple fonts).
    pub cid: u32,
    /// Bytes the code takes in the string.
    pub len: usize,
    /// Whether the code is the single byte 32, to which word spacing applies (9.3.3).
    pub word_space: bool,
}

/// The text of a code and where it came from.
type CachedText = (Option<Box<str>>, TextSource);

/// A loaded font.
#[derive(Debug)]
pub struct Font {
    /// The base font name without a subset prefix.
    pub name: String,
    kind: Kind,
    /// Glyph space → text space: 1/1000 for all fonts but Type3, whose `/FontMatrix` it is.
    pub matrix: [f32; 6],
    /// The em height per unit of font size: 1, except for Type3 fonts, whose glyph space may
    /// be of any scale (their `/FontBBox` height through the font matrix).
    pub em_scale: f32,
    pub bold: bool,
    pub italic: bool,
    /// Text space units above and below the baseline per unit of font size.
    pub ascent: f32,
    pub descent: f32,
    /// The width of the font's space glyph, in text space units per unit of font size.
    pub space_width: f32,
    to_unicode: Option<hayro_cmap::CMap>,
    /// Text of codes already looked up.
    cache: RefCell<TextCache>,
    /// Advances of one-byte codes already computed (NaN: not yet): looking one up may take a
    /// glyph-name search in a standard font's metrics.
    widths: [Cell<f32>; 256],
}

/// The text of codes already looked up: one-byte codes (all codes of simple fonts, and most
/// strings are of those) by index, the others by hash.
#[derive(Debug, Default)]
struct TextCache {
    one_byte: Vec<Option<CachedText>>,
    others: HashMap<u32, CachedText>,
}

#[derive(Debug)]
enum Kind {
    Simple(SimpleFont),
    Composite(CompositeFont),
}

impl Font {
    /// Loads the font dictionary `dict`. Never fails: what cannot be read falls back to defaults,
    /// so a damaged font still yields positions (and, where possible, text).
    pub fn load(dict: &Dict<'_>, ctx: &Context<'_>, budget: &Budget) -> Font {
        let subtype = dict.get::<Name<'_>>(b"Subtype");
        let subtype = subtype.as_ref().map(|n| n.as_ref()).unwrap_or(b"Type1");
        let base_font = dict
            .get::<Name<'_>>(b"BaseFont")
            .map(|n| n.as_str().to_owned())
            .unwrap_or_default();
        let to_unicode = dict
            .get::<Stream<'_>>(b"ToUnicode")
            .and_then(|s| read_to_unicode(&s, ctx, budget));
        let (kind, descriptor) = if subtype == b"Type0" {
            let (font, descriptor) = CompositeFont::load(dict, to_unicode.is_some(), ctx, budget);
            (Kind::Composite(font), descriptor)
        } else {
            let descriptor = dict.get::<Dict<'_>>(b"FontDescriptor");
            let font = SimpleFont::load(
                dict,
                subtype,
                &base_font,
                descriptor.as_ref(),
                to_unicode.is_some(),
                ctx,
                budget,
            );
            (Kind::Simple(font), descriptor)
        };
        let (matrix, em_scale) = match &kind {
            Kind::Simple(simple) => (simple.matrix, simple.em_scale),
            Kind::Composite(_) => ([0.001, 0.0, 0.0, 0.001, 0.0, 0.0], 1.0),
        };
        let name = strip_subset_prefix(&base_font).to_owned();
        let style = Style::read(&name, descriptor.as_ref());
        let mut font = Font {
            name,
            kind,
            matrix,
            em_scale,
            bold: style.bold,
            italic: style.italic,
            ascent: style.ascent,
            descent: style.descent,
            space_width: 0.0,
            to_unicode,
            cache: RefCell::new(TextCache::default()),
            widths: std::array::from_fn(|_| Cell::new(f32::NAN)),
        };
        font.space_width = font.find_space_width();
        font
    }

    /// Whether the font writes vertically (composite fonts with a vertical CMap).
    pub fn vertical(&self) -> bool {
        match &self.kind {
            Kind::Simple(_) => false,
            Kind::Composite(c) => c.code_map.vertical(),
        }
    }

    /// The next code of `bytes` (which is not empty).
    pub fn next_code(&self, bytes: &[u8]) -> Code {
        match &self.kind {
            Kind::Simple(_) => Code {
                code: u32::from(bytes[0]),
                cid: u32::from(bytes[0]),
                len: 1,
                word_space: bytes[0] == b' ',
            },
            Kind::Composite(c) => {
                let (code, len, cid) = c.code_map.next(bytes);
                Code {
                    code,
                    cid,
                    len,
                    word_space: len == 1 && code == 32,
                }
            }
        }
    }

    /// The horizontal advance of `code`, in text space units per unit of font size.
    pub fn width(&self, code: &Code) -> f32 {
        match &self.kind {
            Kind::Simple(s) => match self.widths.get(code.code as usize) {
                Some(known) if !known.get().is_nan() => known.get(),
                Some(slot) => {
                    let width = s.width(code.code) * self.matrix[0];
                    slot.set(width);
                    width
                }
                None => s.width(code.code) * self.matrix[0],
            },
            Kind::Composite(c) => c.width(code.cid) / 1000.0,
        }
    }

    /// Appends the text of `code` to `out` and says where it came from.
    pub fn append_text(&self, code: &Code, out: &mut String) -> TextSource {
        let mut cache = self.cache.borrow_mut();
        let cache = &mut *cache;
        let look_up = || {
            let (text, source) = self.lookup_text(code);
            (text.map(String::into_boxed_str), source)
        };
        let (text, source) = if code.code < 256 {
            if cache.one_byte.is_empty() {
                cache.one_byte.resize(256, None);
            }
            cache.one_byte[code.code as usize].get_or_insert_with(look_up)
        } else {
            cache.others.entry(code.code).or_insert_with(look_up)
        };
        if let Some(text) = text {
            out.push_str(text);
        }
        *source
    }

    fn lookup_text(&self, code: &Code) -> (Option<String>, TextSource) {
        if let Some(text) = self
            .to_unicode
            .as_ref()
            .and_then(|m| cmap::lookup_text(m, code.code))
        {
            return (Some(text), TextSource::Mapped);
        }
        match &self.kind {
            Kind::Simple(s) => s.text(code.code),
            Kind::Composite(c) => match c.text(code.code, code.cid) {
                Some(text) => (Some(text), TextSource::Mapped),
                None => (None, TextSource::Unmapped),
            },
        }
    }

    fn find_space_width(&self) -> f32 {
        let from_font = match &self.kind {
            Kind::Simple(s) => s.space_width().map(|w| w * self.matrix[0]),
            Kind::Composite(c) => c.space_width(self.to_unicode.as_ref()).map(|w| w / 1000.0),
        };
        from_font.filter(|w| *w > 0.0).unwrap_or(0.25)
    }
}

/// A ToUnicode CMap. A stream compressed without saying so (no `/Filter`, zlib data) is
/// inflated, as some writers forget the filter.
fn read_to_unicode(
    stream: &Stream<'_>,
    ctx: &Context<'_>,
    budget: &Budget,
) -> Option<hayro_cmap::CMap> {
    let decoded = decode_stream(stream, ctx, budget).ok()?;
    if let Some(map) = cmap::parse(&decoded.data) {
        return Some(map);
    }
    let zlib = matches!(
        decoded.data.as_slice(),
        [0x78, 0x01 | 0x5E | 0x9C | 0xDA, ..]
    );
    if zlib && !stream.dict().contains_key(b"Filter") {
        let filters = [(crate::formats::pdf::filters::Filter::Flate, None)];
        let inflated =
            crate::formats::pdf::filters::decode(&decoded.data, &filters, ctx, budget).ok()?;
        return cmap::parse(&inflated.data);
    }
    None
}

/// What a font descriptor and a font name tell about a font's style and vertical metrics.
struct Style {
    bold: bool,
    italic: bool,
    ascent: f32,
    descent: f32,
}

impl Style {
    fn read(name: &str, descriptor: Option<&Dict<'_>>) -> Style {
        let lower = name.to_ascii_lowercase();
        let flags = descriptor.and_then(|d| d.get::<i64>(b"Flags")).unwrap_or(0);
        let weight = descriptor
            .and_then(|d| d.get::<f32>(b"FontWeight"))
            .unwrap_or(0.0);
        let italic_angle = descriptor
            .and_then(|d| d.get::<f32>(b"ItalicAngle"))
            .unwrap_or(0.0);
        let bold = weight >= 600.0
            || flags & (1 << 18) != 0
            || ["bold", "black", "heavy", "semibold", "demi"]
                .iter()
                .any(|w| lower.contains(w));
        let italic = flags & (1 << 6) != 0
            || italic_angle.abs() > 0.5
            || lower.contains("italic")
            || lower.contains("oblique");
        let metric = |key: &[u8]| {
            descriptor
                .and_then(|d| d.get::<f32>(key))
                .filter(|v| v.is_finite() && v.abs() > 1.0 && v.abs() < 3000.0)
                .map(|v| v / 1000.0)
        };
        let ascent = metric(b"Ascent")
            .filter(|a| *a > 0.0)
            .unwrap_or(0.8)
            .min(1.2);
        let descent = metric(b"Descent")
            .filter(|d| *d < 0.0)
            .unwrap_or(-0.2)
            .max(-0.6);
        Style {
            bold,
            italic,
            ascent,
            descent,
        }
    }
}

/// Fonts of one document, loaded once each (by object identity).
#[derive(Debug, Default)]
pub struct FontCache {
    /// `None`: the entry names no readable font dictionary.
    fonts: HashMap<FontKey, Option<std::rc::Rc<Font>>>,
}

/// A font dictionary's identity: the object a resource entry refers to, or for a direct
/// dictionary where its bytes start in the file (a direct dictionary has no object number of its
/// own: hayro-syntax gives it the one of the object it sits in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Object(u32, i32),
    Direct(usize, usize),
}

impl FontCache {
    /// The font that entry `name` of a `/Font` resource dictionary names, loading it on first
    /// use. An indirect font is found by its reference, without resolving it again.
    pub fn get(
        &mut self,
        fonts: &Dict<'_>,
        name: &[u8],
        ctx: &Context<'_>,
        budget: &Budget,
    ) -> Option<std::rc::Rc<Font>> {
        let (key, dict) = match fonts.get_ref(name) {
            Some(reference) => (
                FontKey::Object(reference.obj_number, reference.gen_number),
                None,
            ),
            None => {
                let dict = fonts.get::<Dict<'_>>(name)?;
                let key = FontKey::Direct(dict.data().as_ptr() as usize, dict.data().len());
                (key, Some(dict))
            }
        };
        self.fonts
            .entry(key)
            .or_insert_with(|| {
                let dict = dict.or_else(|| fonts.get::<Dict<'_>>(name))?;
                Some(std::rc::Rc::new(Font::load(&dict, ctx, budget)))
            })
            .clone()
    }
}
