//! Composite (Type0) fonts (ISO 32000-2, 9.7): a CMap splits strings into codes and selects
//! CIDs; the descendant CIDFont gives widths (`/W`, `/DW`), its character collection, and for
//! CIDFontType2 the CID → glyph map of its TrueType program.

use std::sync::Arc;

use hayro_syntax::object::{Array, Dict, Object, Stream};

use super::cmap::{self, CodeMap};
use super::embedded::EmbeddedFont;
use crate::formats::pdf::filters::{decode_stream, Budget};
use crate::limits::Context;

/// The most CID ranges a `/W` array may define.
const MAX_WIDTH_RANGES: usize = 100_000;

#[derive(Debug)]
pub struct CompositeFont {
    pub code_map: CodeMap,
    default_width: f32,
    /// `(first CID, last CID, width)`, sorted by first CID.
    widths: Vec<(u32, u32, f32)>,
    /// CID → glyph for CIDFontType2 (`None`: identity).
    cid_to_gid: Option<Vec<u16>>,
    /// The character collection's CID → Unicode map (Adobe-GB1, Japan1, CNS1, Korea1).
    collection: Option<Arc<hayro_cmap::CMap>>,
    embedded: Option<EmbeddedFont>,
}

impl CompositeFont {
    /// Loads a Type0 font; also returns its descendant's font descriptor.
    pub fn load<'a>(
        dict: &Dict<'a>,
        has_to_unicode: bool,
        ctx: &Context<'_>,
        budget: &Budget,
    ) -> (CompositeFont, Option<Dict<'a>>) {
        let code_map = match dict.get::<Object<'_>>(b"Encoding") {
            Some(Object::Name(name)) => cmap::predefined(name.as_ref()),
            Some(Object::Stream(stream)) => decode_stream(&stream, ctx, budget)
                .ok()
                .and_then(|d| cmap::parse(&d.data))
                .map(Arc::new),
            _ => None,
        }
        .map(CodeMap::from_cmap)
        .unwrap_or(CodeMap::Identity { vertical: false });
        let descendant: Dict<'a> = dict
            .get::<Array<'a>>(b"DescendantFonts")
            .and_then(|a| a.iter::<Dict<'a>>().next())
            .unwrap_or_default();
        let descriptor = descendant.get::<Dict<'a>>(b"FontDescriptor");
        let collection = descendant
            .get::<Dict<'_>>(b"CIDSystemInfo")
            .and_then(|info| {
                let registry = info.get::<hayro_syntax::object::String<'_>>(b"Registry")?;
                let ordering = info.get::<hayro_syntax::object::String<'_>>(b"Ordering")?;
                cmap::collection_to_unicode(registry.as_bytes(), ordering.as_bytes())
            })
            .or_else(|| {
                let family = code_map.collection()?;
                let name = family.ucs2_cmap()?;
                cmap::predefined(name.to_bytes())
            });
        let needs_program =
            !has_to_unicode && collection.is_none() && !code_map.codes_are_unicode();
        let embedded = if needs_program {
            descriptor
                .as_ref()
                .and_then(|d| EmbeddedFont::load(d, ctx, budget))
        } else {
            None
        };
        let cid_to_gid = descendant
            .get::<Stream<'_>>(b"CIDToGIDMap")
            .and_then(|s| decode_stream(&s, ctx, budget).ok())
            .map(|d| {
                d.data
                    .chunks_exact(2)
                    .map(|p| u16::from_be_bytes([p[0], p[1]]))
                    .collect()
            });
        let font = CompositeFont {
            code_map,
            default_width: descendant
                .get::<f32>(b"DW")
                .filter(|w| w.is_finite() && *w >= 0.0)
                .unwrap_or(1000.0),
            widths: descendant
                .get::<Array<'_>>(b"W")
                .map(|w| cid_widths(&w))
                .unwrap_or_default(),
            cid_to_gid,
            collection,
            embedded,
        };
        (font, descriptor)
    }

    /// The width of `cid` in glyph space (1000 per em).
    pub fn width(&self, cid: u32) -> f32 {
        let index = self.widths.partition_point(|(first, _, _)| *first <= cid);
        match index.checked_sub(1).map(|i| self.widths[i]) {
            Some((_, last, width)) if cid <= last => width,
            _ => self.default_width,
        }
    }

    /// The width of the space glyph in glyph space, when the ToUnicode map shows which it is.
    pub fn space_width(&self, to_unicode: Option<&hayro_cmap::CMap>) -> Option<f32> {
        let map = to_unicode?;
        [3u32, 32, 1, 0x20]
            .into_iter()
            .find(|code| cmap::lookup_text(map, *code).as_deref() == Some(" "))
            .map(|code| self.width(self.code_map.cid_of(code)))
    }

    /// The text of a code without a ToUnicode entry.
    pub fn text(&self, code: u32, cid: u32) -> Option<String> {
        if self.code_map.codes_are_unicode() {
            if let Some(text) = cmap::utf16_code(code) {
                return Some(text);
            }
        }
        if let Some(text) = self
            .collection
            .as_ref()
            .and_then(|m| cmap::lookup_text(m, cid))
        {
            return Some(text);
        }
        let embedded = self.embedded.as_ref()?;
        if embedded.cid_keyed {
            return None;
        }
        let gid = match &self.cid_to_gid {
            Some(map) => u32::from(*map.get(cid as usize)?),
            None => cid,
        };
        embedded.glyph_text.get(&gid).cloned()
    }
}

/// `/W`: `c [w1 w2 …]` gives consecutive CIDs from `c` their widths; `c1 c2 w` gives all CIDs
/// from `c1` to `c2` one width (9.7.4.3).
fn cid_widths(array: &Array<'_>) -> Vec<(u32, u32, f32)> {
    let mut ranges = Vec::new();
    let mut pending: Vec<f32> = Vec::new();
    for item in array.iter::<Object<'_>>() {
        if ranges.len() >= MAX_WIDTH_RANGES {
            break;
        }
        match item {
            Object::Number(n) => {
                pending.push(n.as_f32());
                if let [first, last, width] = pending[..] {
                    if let (Some(first), Some(last)) = (to_cid(first), to_cid(last)) {
                        if first <= last && width.is_finite() {
                            ranges.push((first, last, width));
                        }
                    }
                    pending.clear();
                }
            }
            Object::Array(list) => {
                if let [first] = pending[..] {
                    if let Some(mut cid) = to_cid(first) {
                        for width in list.iter::<f32>().take(MAX_WIDTH_RANGES) {
                            if width.is_finite() {
                                ranges.push((cid, cid, width));
                            }
                            cid = cid.saturating_add(1);
                        }
                    }
                }
                pending.clear();
            }
            _ => pending.clear(),
        }
    }
    ranges.sort_by_key(|(first, _, _)| *first);
    ranges
}

fn to_cid(value: f32) -> Option<u32> {
    (0.0..4_294_967_040.0)
        .contains(&value)
        .then_some(value as u32)
}
