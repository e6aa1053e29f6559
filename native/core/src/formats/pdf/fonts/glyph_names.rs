//! Unicode from glyph names: the Adobe Glyph List and the ITC Zapf Dingbats list (through
//! read-fonts), `uniXXXX` and `uXXXX[XX]` names, ligatures written with underscores (`f_f_i`) and
//! variants (`a.sc`), as the AGL specification describes; then the spellings the list does not
//! know but writers use.

use read_fonts::ps::agl;

/// The text a glyph name stands for, or `None` when the name says nothing about it (`g12`,
/// `cid1234`, `.notdef`). The ITC Zapf Dingbats names (`a1` … `a191`) count only in
/// [`dingbat_unicode`]: elsewhere writers use such names for plain codes (`a65` for code 65).
pub fn unicode(name: &str) -> Option<String> {
    if is_zapf_name(name) {
        return None;
    }
    dingbat_unicode(name)
}

/// [`unicode`] for the ZapfDingbats font, whose glyphs the Zapf Dingbats names stand for.
pub fn dingbat_unicode(name: &str) -> Option<String> {
    if name.is_empty() || name == ".notdef" {
        return None;
    }
    let text: String = agl::name_to_chars(name).collect();
    // The AGL gives some names (small capitals, old-style figures) Adobe's private-use code
    // points; the letter they stand for reads better.
    let private = text.chars().all(|c| ('\u{E000}'..='\u{F8FF}').contains(&c));
    if text.is_empty() || private {
        if let Some(c) = fallback(name) {
            return Some(c.to_string());
        }
    }
    (!text.is_empty()).then_some(text)
}

/// Names outside the AGL that writers commonly use for ordinary characters: TeX's math and
/// typewriter fonts above all (the names of TeX's own glyph list), and a few spellings.
fn fallback(name: &str) -> Option<char> {
    let base = name.split('.').next().unwrap_or(name);
    if let Some(c) = tex_name(base) {
        return Some(c);
    }
    match base {
        "nbspace" | "nonbreakingspace" => return Some(' '),
        "sfthyphen" | "softhyphen" => return Some('\u{AD}'),
        "Cdot" => return Some('\u{10A}'),
        "cdot" => return Some('\u{10B}'),
        "Gdot" => return Some('\u{120}'),
        "gdot" => return Some('\u{121}'),
        "Zdot" => return Some('\u{17B}'),
        "zdot" => return Some('\u{17C}'),
        "dotlessj" => return Some('\u{237}'),
        _ => {}
    }
    // A single ASCII letter or digit with a suffix the AGL does not know (`Asmall`, `onesuperior`
    // is in the list): `Asmall` → `A`, as small capitals read like their capitals.
    if let Some(stem) = base.strip_suffix("small") {
        let mut chars = stem.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Some(c.to_ascii_lowercase());
        }
    }
    None
}

/// The character of a glyph name TeX's fonts use that the AGL lacks.
fn tex_name(name: &str) -> Option<char> {
    Some(match name {
        "prime" => '\u{2032}',
        "turnstileleft" => '\u{22A2}',
        "turnstileright" => '\u{22A3}',
        "unionsq" => '\u{2294}',
        "intersectionsq" => '\u{2293}',
        "negationslash" => '\u{0338}',
        "bardbl" => '\u{2225}',
        "greatermuch" => '\u{226B}',
        "lessmuch" => '\u{226A}',
        "angbracketleft" => '\u{27E8}',
        "angbracketright" => '\u{27E9}',
        "floorleft" => '\u{230A}',
        "floorright" => '\u{230B}',
        "ceilingleft" => '\u{2308}',
        "ceilingright" => '\u{2309}',
        "precedes" => '\u{227A}',
        "follows" => '\u{227B}',
        "precedesequal" => '\u{2AAF}',
        "followsequal" => '\u{2AB0}',
        "mapsto" => '\u{21A6}',
        "owner" => '\u{220B}',
        "latticetop" => '\u{22A4}',
        "equivasymptotic" => '\u{224D}',
        "similarequal" => '\u{2243}',
        "lessequalslant" => '\u{2A7D}',
        "greaterequalslant" => '\u{2A7E}',
        "square" => '\u{25A1}',
        "diamondmath" => '\u{22C4}',
        "triangleinv" => '\u{25BD}',
        "star" => '\u{22C6}',
        "circledivide" => '\u{2298}',
        "circleminus" => '\u{2296}',
        "circledot" => '\u{2299}',
        "visiblespace" => '\u{2423}',
        "arrownortheast" => '\u{2197}',
        "arrowsoutheast" => '\u{2198}',
        "arrownorthwest" => '\u{2196}',
        "arrowsouthwest" => '\u{2199}',
        "harpoonleftbarbup" => '\u{21BC}',
        "harpoonrightbarbup" => '\u{21C0}',
        "triangleleft" => '\u{25C1}',
        "triangleright" => '\u{25B7}',
        "backslash" => '\\',
        _ => return None,
    })
}

/// Whether `name` is `a` and a number, the form of the Zapf Dingbats names.
fn is_zapf_name(name: &str) -> bool {
    name.strip_prefix('a')
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a glyph name is of the kind subsetters and converters invent, which carries no
/// meaning (`g42`, `glyph42`, `cid42`, `index42`, `a42`).
pub fn is_meaningless(name: &str) -> bool {
    let digits_after = |prefix: &str| {
        name.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
    };
    digits_after("g")
        || digits_after("glyph")
        || digits_after("cid")
        || digits_after("index")
        || digits_after("c")
        || digits_after("G")
        || is_zapf_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agl_names_uni_names_ligatures_and_variants_map_to_their_text() {
        assert_eq!(unicode("eacute").as_deref(), Some("é"));
        assert_eq!(unicode("uni20AC").as_deref(), Some("€"));
        assert_eq!(unicode("uni00660069").as_deref(), Some("fi"));
        assert_eq!(unicode("u1F600").as_deref(), Some("😀"));
        assert_eq!(unicode("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(unicode("a.sc").as_deref(), Some("a"));
        assert_eq!(unicode("afii10017").as_deref(), Some("А"));
        assert_eq!(unicode("a20"), None);
        assert_eq!(dingbat_unicode("a20").as_deref(), Some("\u{2714}"));
    }

    #[test]
    fn invented_names_map_to_nothing() {
        assert_eq!(unicode("g42"), None);
        assert_eq!(unicode(".notdef"), None);
        assert!(is_meaningless("g42"));
        assert!(is_meaningless("cid1234"));
        assert!(!is_meaningless("germandbls"));
        assert_eq!(unicode("Asmall").as_deref(), Some("a"));
        assert_eq!(unicode("prime").as_deref(), Some("\u{2032}"));
    }
}
