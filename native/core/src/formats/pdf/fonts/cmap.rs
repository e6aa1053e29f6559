//! CMaps (ISO 32000-2, 9.7.5 and 9.10.3): the encodings of composite fonts (code → CID, with
//! the codes' byte lengths) and ToUnicode maps (code → text), parsed with hayro-cmap. The
//! predefined CMaps (Identity-H/V, the CJK encodings, and the Adobe-GB1, Japan1, CNS1 and Korea1
//! UCS2 maps) are the data hayro-cmap embeds compressed, parsed once per process.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use hayro_cmap::{BfString, CMap, CMapName, CidFamily, WritingMode};

/// Parses an embedded CMap (a ToUnicode stream or an `/Encoding` stream); `usecmap` may refer to
/// a predefined CMap.
pub fn parse(data: &[u8]) -> Option<CMap> {
    CMap::parse(data, hayro_cmap::load_embedded)
}

/// Predefined CMaps by name, `None` for names that are not predefined.
type PredefinedCache = Mutex<HashMap<Vec<u8>, Option<Arc<CMap>>>>;

/// A predefined CMap by name, parsed once per process and shared.
pub fn predefined(name: &[u8]) -> Option<Arc<CMap>> {
    static CACHE: OnceLock<PredefinedCache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(found) = cache.lock().ok()?.get(name) {
        return found.clone();
    }
    let parsed = match name {
        b"Identity-H" => Some(CMap::identity_h()),
        b"Identity-V" => Some(CMap::identity_v()),
        _ => hayro_cmap::load_embedded(CMapName::from_bytes(name)).and_then(parse),
    }
    .map(Arc::new);
    cache.lock().ok()?.insert(name.to_vec(), parsed.clone());
    parsed
}

/// The predefined UCS2 map of a character collection (CID → Unicode), if it has one.
pub fn collection_to_unicode(registry: &[u8], ordering: &[u8]) -> Option<Arc<CMap>> {
    let family = CidFamily::from_registry_ordering(registry, ordering);
    let name = family.ucs2_cmap()?;
    predefined(name.to_bytes())
}

/// The text a ToUnicode map gives for `code`, if any: empty strings, U+0000 and U+FFFD (what
/// broken writers map unknown glyphs to) count as no mapping.
pub fn lookup_text(map: &CMap, code: u32) -> Option<String> {
    let text = match map.lookup_bf_string(code)? {
        BfString::Char(c) => c.to_string(),
        BfString::String(s) => s,
    };
    let useless = text.is_empty() || text.chars().all(|c| c == '\0' || c == '\u{FFFD}');
    (!useless).then_some(text)
}

/// How a composite font's strings split into codes, and which CID each code selects.
#[derive(Debug, Clone)]
pub enum CodeMap {
    /// Identity-H or Identity-V: two-byte codes that are their own CIDs.
    Identity { vertical: bool },
    /// Any other CMap.
    Map { map: Arc<CMap>, vertical: bool },
}

impl CodeMap {
    /// The code map a font's `/Encoding` names or holds.
    pub fn from_cmap(map: Arc<CMap>) -> CodeMap {
        let vertical = map.metadata().writing_mode == Some(WritingMode::Vertical);
        let identity = map
            .metadata()
            .name
            .as_deref()
            .is_some_and(|n| n == b"Identity-H" || n == b"Identity-V");
        if identity {
            CodeMap::Identity { vertical }
        } else {
            CodeMap::Map { map, vertical }
        }
    }

    pub fn vertical(&self) -> bool {
        match self {
            CodeMap::Identity { vertical } | CodeMap::Map { vertical, .. } => *vertical,
        }
    }

    /// The next code of `bytes`: `(code, length in bytes, CID)`. A code no range of the CMap
    /// covers is one byte long and selects CID 0 (`.notdef`), so a damaged string still moves on.
    pub fn next(&self, bytes: &[u8]) -> (u32, usize, u32) {
        match self {
            CodeMap::Identity { .. } => {
                let code = match bytes {
                    [a, b, ..] => u32::from(*a) << 8 | u32::from(*b),
                    [a] => u32::from(*a),
                    [] => 0,
                };
                (code, bytes.len().min(2), code)
            }
            CodeMap::Map { map, .. } => {
                let mut code = 0u32;
                for len in 1..=bytes.len().min(4) {
                    code = code << 8 | u32::from(bytes[len - 1]);
                    let byte_len = u8::try_from(len).unwrap_or(4);
                    if let Some(cid) = map.lookup_cid_code(code, byte_len) {
                        return (code, len, cid);
                    }
                }
                (u32::from(bytes.first().copied().unwrap_or(0)), 1, 0)
            }
        }
    }

    /// The CID a whole code selects (the code itself where the CMap has no range for it).
    pub fn cid_of(&self, code: u32) -> u32 {
        match self {
            CodeMap::Identity { .. } => code,
            CodeMap::Map { map, .. } => {
                let len = if code > 0xFFFF {
                    3
                } else if code > 0xFF {
                    2
                } else {
                    1
                };
                map.lookup_cid_code(code, len).unwrap_or(code)
            }
        }
    }

    /// Whether the codes are Unicode themselves (the `Uni…-UCS2-…` and `Uni…-UTF16-…` CMaps), so
    /// a code reads as its UTF-16 value.
    pub fn codes_are_unicode(&self) -> bool {
        match self {
            CodeMap::Identity { .. } => false,
            CodeMap::Map { map, .. } => map.metadata().name.as_deref().is_some_and(|name| {
                name.starts_with(b"Uni") && (contains(name, b"UCS2") || contains(name, b"UTF16"))
            }),
        }
    }

    /// The character collection's registry and ordering, when the CMap names one.
    pub fn collection(&self) -> Option<CidFamily> {
        match self {
            CodeMap::Identity { .. } => None,
            CodeMap::Map { map, .. } => map
                .metadata()
                .character_collection
                .as_ref()
                .map(|c| c.family.clone()),
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The text of a UTF-16 code (one unit, or a surrogate pair in a four-byte code).
pub fn utf16_code(code: u32) -> Option<String> {
    let units: Vec<u16> = if code > 0xFFFF {
        vec![
            u16::try_from(code >> 16).ok()?,
            u16::try_from(code & 0xFFFF).ok()?,
        ]
    } else {
        vec![u16::try_from(code).ok()?]
    };
    let text = String::from_utf16(&units).ok()?;
    (!text.starts_with('\0')).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
        1 begincodespacerange <0000> <FFFF> endcodespacerange \
        2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar \
        1 beginbfrange <0024> <0026> <0041> endbfrange \
        1 beginbfrange <0030> <0031> [<0061> <0062>] endbfrange \
        endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn to_unicode_maps_chars_ranges_arrays_and_ligatures() {
        let map = parse(TO_UNICODE).unwrap();
        assert_eq!(lookup_text(&map, 3).as_deref(), Some(" "));
        assert_eq!(lookup_text(&map, 0x11).as_deref(), Some("fi"));
        assert_eq!(lookup_text(&map, 0x25).as_deref(), Some("B"));
        assert_eq!(lookup_text(&map, 0x31).as_deref(), Some("b"));
        assert_eq!(lookup_text(&map, 0x99), None);
    }

    #[test]
    fn identity_codes_are_two_bytes_and_their_own_cids() {
        let map = CodeMap::from_cmap(predefined(b"Identity-H").unwrap());
        assert_eq!(map.next(&[0x01, 0x02, 0x03]), (0x0102, 2, 0x0102));
        assert!(!map.vertical());
        assert!(CodeMap::from_cmap(predefined(b"Identity-V").unwrap()).vertical());
    }

    #[test]
    fn predefined_cjk_cmaps_split_mixed_length_codes() {
        let map = CodeMap::from_cmap(predefined(b"90ms-RKSJ-H").unwrap());
        // ASCII selects the half-width CIDs of Adobe-Japan1 (231 onwards) in this CMap.
        let (_, len, cid) = map.next(b"A");
        assert_eq!((len, cid), (1, 264));
        let (_, len, _) = map.next(&[0x82, 0xA0]);
        assert_eq!(len, 2);
        let ucs2 = CodeMap::from_cmap(predefined(b"UniGB-UCS2-H").unwrap());
        assert!(ucs2.codes_are_unicode());
        assert_eq!(utf16_code(0x4E2D).as_deref(), Some("中"));
    }

    #[test]
    fn collections_map_cids_to_unicode() {
        let japan = collection_to_unicode(b"Adobe", b"Japan1").unwrap();
        // CID 34 is "A" in Adobe-Japan1.
        assert_eq!(lookup_text(&japan, 34).as_deref(), Some("A"));
        assert!(collection_to_unicode(b"Adobe", b"Identity").is_none());
    }
}
