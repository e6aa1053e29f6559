//! The base encodings of simple fonts (ISO 32000-2, Annex D): code → glyph name. StandardEncoding
//! and the Symbol and ZapfDingbats built-in encodings come from the standard 14 tables;
//! WinAnsiEncoding and MacRomanEncoding are built once from their code pages, with the PDF
//! specification's differences, and the glyph names of the Adobe Glyph List.

use std::sync::OnceLock;

use read_fonts::ps::agl;

use super::standard14_data::{DINGBATS_ENCODING, STANDARD_ENCODING, SYMBOL_ENCODING};

/// A base encoding: the glyph name of each code, `""` where the encoding leaves it undefined.
pub type NameTable = [&'static str; 256];

/// The base encodings a font dictionary can name, and the built-in ones of the standard fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    MacExpert,
    Symbol,
    ZapfDingbats,
}

impl BaseEncoding {
    /// The encoding a `/Encoding` or `/BaseEncoding` name stands for.
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        Some(match name {
            b"StandardEncoding" => BaseEncoding::Standard,
            b"WinAnsiEncoding" => BaseEncoding::WinAnsi,
            b"MacRomanEncoding" => BaseEncoding::MacRoman,
            b"MacExpertEncoding" => BaseEncoding::MacExpert,
            _ => return None,
        })
    }

    /// The glyph names of the encoding.
    pub fn names(self) -> &'static NameTable {
        match self {
            BaseEncoding::Standard => &STANDARD_ENCODING,
            BaseEncoding::WinAnsi => win_ansi(),
            BaseEncoding::MacRoman => mac_roman(),
            // MacExpertEncoding names small capitals and old-style figures; their base letters
            // read the same, so StandardEncoding stands in (the text of such fonts is rare).
            BaseEncoding::MacExpert => &STANDARD_ENCODING,
            BaseEncoding::Symbol => &SYMBOL_ENCODING,
            BaseEncoding::ZapfDingbats => &DINGBATS_ENCODING,
        }
    }
}

fn win_ansi() -> &'static NameTable {
    static TABLE: OnceLock<NameTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = from_code_page(encoding_rs::WINDOWS_1252);
        // Annex D.2, note 6: the codes Windows-1252 leaves undefined show a bullet; 0xA0 is a
        // space and 0xAD a hyphen in PDF.
        for code in [0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            table[code] = "bullet";
        }
        table[0xA0] = "space";
        table[0xAD] = "hyphen";
        table
    })
}

fn mac_roman() -> &'static NameTable {
    static TABLE: OnceLock<NameTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = from_code_page(encoding_rs::MACINTOSH);
        // Annex D.2 has the currency sign where later Mac OS versions put the euro.
        table[0xDB] = "currency";
        table
    })
}

/// The glyph names of a single-byte code page, by the Adobe Glyph List's name of each character.
fn from_code_page(encoding: &'static encoding_rs::Encoding) -> NameTable {
    let mut table: NameTable = [""; 256];
    for code in 0x20..=0xFFu8 {
        let bytes = [code];
        let (text, _, malformed) = encoding.decode(&bytes);
        let Some(ch) = text.chars().next().filter(|_| !malformed) else {
            continue;
        };
        table[usize::from(code)] = static_name(ch).unwrap_or("");
    }
    table
}

/// The AGL name of `ch`, as a `'static` string: the standard names come from StandardEncoding
/// and the standard Latin width table where possible, else are leaked once (a bounded set: the
/// characters of two code pages, built once per process).
fn static_name(ch: char) -> Option<&'static str> {
    let mut buffer = [0u8; 64];
    let name = agl::char_to_name(ch, &mut buffer)?;
    // char_to_name returns the first name in byte order; the AGL lists a few characters under
    // a Zapf Dingbats "aNN" name first, which is not the name PDF writers use.
    if name.starts_with('a') && name[1..].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(known) = STANDARD_ENCODING.iter().find(|n| **n == name) {
        return Some(known);
    }
    if let Ok(index) = super::standard14_data::LATIN_NAMES.binary_search(&name) {
        return Some(super::standard14_data::LATIN_NAMES[index]);
    }
    Some(Box::leak(name.to_owned().into_boxed_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn win_ansi_has_the_windows_names_and_the_pdf_differences() {
        let names = BaseEncoding::WinAnsi.names();
        assert_eq!(names[usize::from(b'A')], "A");
        assert_eq!(names[0x80], "Euro");
        assert_eq!(names[0x93], "quotedblleft");
        assert_eq!(names[0xE9], "eacute");
        assert_eq!(names[0x81], "bullet");
        assert_eq!(names[0xA0], "space");
    }

    #[test]
    fn standard_and_mac_roman_differ_where_the_specification_says() {
        assert_eq!(BaseEncoding::Standard.names()[0x27], "quoteright");
        assert_eq!(BaseEncoding::Standard.names()[0xAE], "fi");
        assert_eq!(BaseEncoding::MacRoman.names()[0x8E], "eacute");
        assert_eq!(BaseEncoding::MacRoman.names()[0xDB], "currency");
        assert_eq!(BaseEncoding::Symbol.names()[usize::from(b'a')], "alpha");
    }
}
