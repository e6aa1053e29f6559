//! The standard 14 fonts (ISO 32000-2, 9.6.2.2): which one a `/BaseFont` names (with the usual
//! aliases: Arial is Helvetica, Times New Roman is Times, Courier New is Courier), their glyph
//! widths when a PDF gives none, and their built-in encodings.

use super::encodings::BaseEncoding;
use super::standard14_data::{DINGBATS_WIDTHS, LATIN_NAMES, LATIN_WIDTHS, SYMBOL_WIDTHS};

/// One of the standard 14 fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard14 {
    /// A Latin font: its row in the width table (Courier 0–3, Helvetica 4–7, Times 8–11).
    Latin(usize),
    Symbol,
    ZapfDingbats,
}

impl Standard14 {
    /// The standard font a base font name stands for, if any. Subset prefixes (`ABCDEF+`) and
    /// style suffixes (`,Bold`, `-BoldItalic`, `MT`, `PS`) are understood.
    pub fn from_base_font(name: &str) -> Option<Standard14> {
        let name = strip_subset_prefix(name);
        let lower = name.to_ascii_lowercase();
        let compact: String = lower
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        if compact.starts_with("symbol") {
            return Some(Standard14::Symbol);
        }
        if compact.starts_with("zapfdingbats") || compact.starts_with("itczapfdingbats") {
            return Some(Standard14::ZapfDingbats);
        }
        let family = if compact.starts_with("courier") {
            0
        } else if compact.starts_with("helvetica") || compact.starts_with("arial") {
            4
        } else if compact.starts_with("times") {
            8
        } else {
            return None;
        };
        let bold = compact.contains("bold") || compact.contains("black");
        let italic = compact.contains("italic") || compact.contains("oblique");
        let style = match (bold, italic) {
            (false, false) => 0,
            (true, false) => 1,
            (false, true) => 2,
            (true, true) => 3,
        };
        Some(Standard14::Latin(family + style))
    }

    /// The font's built-in encoding.
    pub fn encoding(self) -> BaseEncoding {
        match self {
            Standard14::Latin(_) => BaseEncoding::Standard,
            Standard14::Symbol => BaseEncoding::Symbol,
            Standard14::ZapfDingbats => BaseEncoding::ZapfDingbats,
        }
    }

    /// Whether the font is a symbol font (its built-in encoding is its own, not Latin).
    pub fn is_symbolic(self) -> bool {
        !matches!(self, Standard14::Latin(_))
    }

    /// The width (glyph space, 1000 per em) of the glyph `name`, or of `code` in the built-in
    /// encoding for the symbol fonts.
    pub fn width(self, name: &str, code: u8) -> Option<f32> {
        let width = match self {
            Standard14::Latin(row) => {
                let index = LATIN_NAMES.binary_search(&name).ok()?;
                LATIN_WIDTHS[row][index]
            }
            Standard14::Symbol => SYMBOL_WIDTHS[usize::from(code)],
            Standard14::ZapfDingbats => DINGBATS_WIDTHS[usize::from(code)],
        };
        (width > 0).then_some(f32::from(width))
    }
}

/// `name` without a subset tag: six capital letters and a `+` (ISO 32000-2, 9.9.2).
pub fn strip_subset_prefix(name: &str) -> &str {
    match name.as_bytes() {
        [a, b, c, d, e, f, b'+', ..]
            if [a, b, c, d, e, f].iter().all(|x| x.is_ascii_uppercase()) =>
        {
            &name[7..]
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_font_names_and_their_aliases_find_the_standard_font() {
        assert_eq!(
            Standard14::from_base_font("Helvetica"),
            Some(Standard14::Latin(4))
        );
        assert_eq!(
            Standard14::from_base_font("ABCDEF+Arial,BoldItalic"),
            Some(Standard14::Latin(7))
        );
        assert_eq!(
            Standard14::from_base_font("TimesNewRomanPSMT"),
            Some(Standard14::Latin(8))
        );
        assert_eq!(
            Standard14::from_base_font("Courier-Oblique"),
            Some(Standard14::Latin(2))
        );
        assert_eq!(
            Standard14::from_base_font("Symbol"),
            Some(Standard14::Symbol)
        );
        assert_eq!(Standard14::from_base_font("Calibri"), None);
    }

    #[test]
    fn widths_come_from_the_published_metrics() {
        let helvetica = Standard14::Latin(4);
        assert_eq!(helvetica.width("space", 32), Some(278.0));
        assert_eq!(helvetica.width("A", 65), Some(667.0));
        assert_eq!(Standard14::Latin(0).width("W", 87), Some(600.0));
        assert_eq!(Standard14::Latin(8).width("a", 97), Some(444.0));
        assert_eq!(helvetica.width("nosuchglyph", 0), None);
    }
}
