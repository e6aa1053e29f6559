//! Code pages of RTF text: `\ansicpg`, a font's `\cpg`, and the `\fcharset` numbers of the font
//! table (RTF 1.9.1, "Font Table"), mapped to encoding_rs encodings.

use encoding_rs::Encoding;

/// The encoding of Windows code page `page`, when encoding_rs knows it.
pub fn code_page(page: i32) -> Option<&'static Encoding> {
    let encoding = match page {
        437 | 850 | 1252 => encoding_rs::WINDOWS_1252,
        708 | 720 | 864 | 1256 => encoding_rs::WINDOWS_1256,
        737 | 869 | 1253 => encoding_rs::WINDOWS_1253,
        775 | 1257 => encoding_rs::WINDOWS_1257,
        852 | 1250 => encoding_rs::WINDOWS_1250,
        855 | 1251 => encoding_rs::WINDOWS_1251,
        857 | 1254 => encoding_rs::WINDOWS_1254,
        862 | 1255 => encoding_rs::WINDOWS_1255,
        866 => encoding_rs::IBM866,
        874 => encoding_rs::WINDOWS_874,
        932 | 10001 => encoding_rs::SHIFT_JIS,
        936 | 10008 => encoding_rs::GBK,
        949 | 1361 | 10003 => encoding_rs::EUC_KR,
        950 | 10002 => encoding_rs::BIG5,
        1258 => encoding_rs::WINDOWS_1258,
        10000 => encoding_rs::MACINTOSH,
        10007 => encoding_rs::X_MAC_CYRILLIC,
        20866 => encoding_rs::KOI8_R,
        21866 => encoding_rs::KOI8_U,
        28591 => encoding_rs::WINDOWS_1252,
        28592 => encoding_rs::ISO_8859_2,
        28595 => encoding_rs::ISO_8859_5,
        28597 => encoding_rs::ISO_8859_7,
        28605 => encoding_rs::ISO_8859_15,
        65001 => encoding_rs::UTF_8,
        _ => return None,
    };
    Some(encoding)
}

/// The code page a font's `\fcharsetN` stands for; `None` for the ANSI and default charsets,
/// which follow the document's `\ansicpg`.
pub fn charset_code_page(charset: i32) -> Option<i32> {
    let page = match charset {
        77 => 10000,
        78 => 10001,
        79 => 10003,
        80 => 10008,
        81 => 10002,
        128 => 932,
        129 => 949,
        130 => 1361,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        254 => 437,
        255 => 850,
        _ => return None,
    };
    Some(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_map_to_the_code_pages_of_their_scripts() {
        assert_eq!(
            charset_code_page(128).and_then(code_page),
            Some(encoding_rs::SHIFT_JIS)
        );
        assert_eq!(
            charset_code_page(238).and_then(code_page),
            Some(encoding_rs::WINDOWS_1250)
        );
        assert_eq!(charset_code_page(0), None);
        assert_eq!(code_page(12345), None);
    }
}
