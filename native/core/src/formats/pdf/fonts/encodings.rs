//! The base encodings of simple fonts (ISO 32000-2, Annex D): code → glyph name. StandardEncoding
//! and the Symbol and ZapfDingbats built-in encodings come from the standard 14 tables;
//! WinAnsiEncoding and MacRomanEncoding are their code pages by the glyph names of the Adobe
//! Glyph List, with the PDF specification's differences.

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
            BaseEncoding::WinAnsi => &WIN_ANSI,
            BaseEncoding::MacRoman => &MAC_ROMAN,
            // MacExpertEncoding names small capitals and old-style figures; their base letters
            // read the same, so StandardEncoding stands in (the text of such fonts is rare).
            BaseEncoding::MacExpert => &STANDARD_ENCODING,
            BaseEncoding::Symbol => &SYMBOL_ENCODING,
            BaseEncoding::ZapfDingbats => &DINGBATS_ENCODING,
        }
    }
}

/// WinAnsiEncoding (Annex D.2): Windows-1252 by the Adobe Glyph List's names, where the codes
/// Windows-1252 leaves undefined show a bullet (note 6), 0xA0 is a space and 0xAD a hyphen.
/// Written out (the test below derives it again) because deriving it walks the whole glyph
/// list for each character, which took 2% of the time of extracting the corpus PDFs.
#[rustfmt::skip]
const WIN_ANSI: NameTable = [
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand", "quotesingle",
    "parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash",
    "zero", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "colon", "semicolon", "less", "equal", "greater", "question",
    "at", "A", "B", "C", "D", "E", "F", "G",
    "H", "I", "J", "K", "L", "M", "N", "O",
    "P", "Q", "R", "S", "T", "U", "V", "W",
    "X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum", "underscore",
    "grave", "", "b", "c", "d", "e", "f", "g",
    "h", "i", "j", "k", "l", "m", "n", "o",
    "p", "q", "r", "s", "t", "u", "v", "w",
    "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde", "bullet",
    "Euro", "bullet", "quotesinglbase", "florin", "quotedblbase", "ellipsis", "dagger", "daggerdbl",
    "circumflex", "perthousand", "Scaron", "guilsinglleft", "OE", "bullet", "Zcaron", "bullet",
    "bullet", "quoteleft", "quoteright", "quotedblleft", "quotedblright", "bullet", "endash", "emdash",
    "ilde", "trademark", "scaron", "guilsinglright", "oe", "bullet", "zcaron", "Ydieresis",
    "space", "exclamdown", "cent", "sterling", "currency", "yen", "brokenbar", "section",
    "dieresis", "copyright", "ordfeminine", "guillemotleft", "logicalnot", "hyphen", "registered", "macron",
    "degree", "plusminus", "twosuperior", "threesuperior", "acute", "mu", "paragraph", "middot",
    "cedilla", "onesuperior", "ordmasculine", "guillemotright", "onequarter", "onehalf", "threequarters", "questiondown",
    "Agrave", "Aacute", "Acircumflex", "Atilde", "Adieresis", "Aring", "AE", "Ccedilla",
    "Egrave", "Eacute", "Ecircumflex", "Edieresis", "Igrave", "Iacute", "Icircumflex", "Idieresis",
    "Eth", "Ntilde", "Ograve", "Oacute", "Ocircumflex", "Otilde", "Odieresis", "multiply",
    "Oslash", "Ugrave", "Uacute", "Ucircumflex", "Udieresis", "Yacute", "Thorn", "germandbls",
    "agrave", "aacute", "acircumflex", "atilde", "adieresis", "aring", "ae", "ccedilla",
    "egrave", "eacute", "ecircumflex", "edieresis", "igrave", "iacute", "icircumflex", "idieresis",
    "eth", "ntilde", "ograve", "oacute", "ocircumflex", "otilde", "odieresis", "divide",
    "oslash", "ugrave", "uacute", "ucircumflex", "udieresis", "yacute", "thorn", "ydieresis",
];

/// MacRomanEncoding (Annex D.2): Mac OS Roman by the Adobe Glyph List's names, with the
/// currency sign at 0xDB where later Mac OS versions put the euro (see the test below).
#[rustfmt::skip]
const MAC_ROMAN: NameTable = [
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand", "quotesingle",
    "parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash",
    "zero", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "colon", "semicolon", "less", "equal", "greater", "question",
    "at", "A", "B", "C", "D", "E", "F", "G",
    "H", "I", "J", "K", "L", "M", "N", "O",
    "P", "Q", "R", "S", "T", "U", "V", "W",
    "X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum", "underscore",
    "grave", "", "b", "c", "d", "e", "f", "g",
    "h", "i", "j", "k", "l", "m", "n", "o",
    "p", "q", "r", "s", "t", "u", "v", "w",
    "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde", "controlDEL",
    "Adieresis", "Aring", "Ccedilla", "Eacute", "Ntilde", "Odieresis", "Udieresis", "aacute",
    "agrave", "acircumflex", "adieresis", "atilde", "aring", "ccedilla", "eacute", "egrave",
    "ecircumflex", "edieresis", "iacute", "igrave", "icircumflex", "idieresis", "ntilde", "oacute",
    "ograve", "ocircumflex", "odieresis", "otilde", "uacute", "ugrave", "ucircumflex", "udieresis",
    "dagger", "degree", "cent", "sterling", "section", "bullet", "paragraph", "germandbls",
    "registered", "copyright", "trademark", "acute", "dieresis", "notequal", "AE", "Oslash",
    "infinity", "plusminus", "lessequal", "greaterequal", "yen", "mu", "partialdiff", "summation",
    "product", "pi", "integral", "ordfeminine", "ordmasculine", "Omegagreek", "ae", "oslash",
    "questiondown", "exclamdown", "logicalnot", "radical", "florin", "approxequal", "Delta", "guillemotleft",
    "guillemotright", "ellipsis", "nbspace", "Agrave", "Atilde", "Otilde", "OE", "oe",
    "endash", "emdash", "quotedblleft", "quotedblright", "quoteleft", "quoteright", "divide", "lozenge",
    "ydieresis", "Ydieresis", "fraction", "currency", "guilsinglleft", "guilsinglright", "fi", "fl",
    "daggerdbl", "middot", "quotesinglbase", "quotedblbase", "perthousand", "Acircumflex", "Ecircumflex", "Aacute",
    "Edieresis", "Egrave", "Iacute", "Icircumflex", "Idieresis", "Igrave", "Oacute", "Ocircumflex",
    "apple", "Ograve", "Uacute", "Ucircumflex", "Ugrave", "dotlessi", "circumflex", "ilde",
    "macron", "breve", "dotaccent", "ring", "cedilla", "hungarumlaut", "ogonek", "caron",
];

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

    /// The glyph names of a single-byte code page, by the Adobe Glyph List's name of each
    /// character.
    fn from_code_page(encoding: &'static encoding_rs::Encoding) -> Vec<String> {
        (0..=255u8)
            .map(|code| {
                let bytes = [code];
                let (text, _, malformed) = encoding.decode(&bytes);
                match text.chars().next().filter(|_| !malformed && code >= 0x20) {
                    Some(ch) => glyph_list_name(ch).unwrap_or_default(),
                    None => String::new(),
                }
            })
            .collect()
    }

    /// The AGL name of `ch`: the first in byte order, unless that is one of the Zapf Dingbats
    /// "aNN" names the glyph list gives a few characters first, which PDF writers do not use.
    fn glyph_list_name(ch: char) -> Option<String> {
        let mut buffer = [0u8; 64];
        let name = read_fonts::ps::agl::char_to_name(ch, &mut buffer)?;
        if name.starts_with('a') && name[1..].bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(name.to_owned())
    }

    #[test]
    fn win_ansi_and_mac_roman_are_their_code_pages_by_glyph_list_names() {
        let mut win_ansi = from_code_page(encoding_rs::WINDOWS_1252);
        for code in [0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            win_ansi[code] = "bullet".to_owned();
        }
        win_ansi[0xA0] = "space".to_owned();
        win_ansi[0xAD] = "hyphen".to_owned();
        assert_eq!(win_ansi, WIN_ANSI.map(str::to_owned));
        let mut mac_roman = from_code_page(encoding_rs::MACINTOSH);
        mac_roman[0xDB] = "currency".to_owned();
        assert_eq!(mac_roman, MAC_ROMAN.map(str::to_owned));
    }
}
