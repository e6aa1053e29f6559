//! Text decoding shared by every text format: byte-order marks (UTF-8, UTF-16LE/BE), UTF-8
//! validation, and legacy encodings through encoding_rs, guessed with chardetng when the bytes are
//! not UTF-8. Also the plain-text extractor itself.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// How many bytes the legacy-encoding guess looks at.
const GUESS_LEN: usize = 64 * 1024;

/// Decoded text and the name of the encoding it was decoded from.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub name: &'static str,
}

/// UTF-32, which encoding_rs leaves out (the WHATWG standard does), recognised by its BOM.
fn decode_utf32(bytes: &[u8]) -> Option<Decoded<'_>> {
    let (little, name) = if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        (true, "UTF-32LE")
    } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        (false, "UTF-32BE")
    } else {
        return None;
    };
    let text = bytes[4..]
        .chunks(4)
        .map(|unit| {
            let unit: [u8; 4] = unit.try_into().unwrap_or([0xFF; 4]);
            let value = if little {
                u32::from_le_bytes(unit)
            } else {
                u32::from_be_bytes(unit)
            };
            char::from_u32(value).unwrap_or('\u{FFFD}')
        })
        .collect::<String>();
    Some(Decoded {
        text: Cow::Owned(text),
        name,
    })
}

/// Decodes `bytes`: a BOM wins, then `declared` (an encoding the document names itself), then
/// UTF-16 without BOM, then UTF-8 when the bytes are valid (or nearly so), then a guess.
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&'static Encoding>) -> Decoded<'a> {
    if let Some(decoded) = decode_utf32(bytes) {
        return decoded;
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(&bytes[bom_len..], encoding);
    }
    if let Some(encoding) = declared {
        return decode_with(bytes, encoding);
    }
    // Before the UTF-8 check: ASCII in UTF-16 is valid UTF-8 (full of NULs).
    if let Some(encoding) = utf16_without_bom(bytes) {
        return decode_with(bytes, encoding);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: Cow::Borrowed(text),
            name: UTF_8.name(),
        };
    }
    if mostly_utf8(bytes) {
        return decode_with(bytes, UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new();
    let sample = &bytes[..bytes.len().min(GUESS_LEN)];
    detector.feed(sample, sample.len() == bytes.len());
    decode_with(bytes, detector.guess(None, false))
}

/// Decodes with a known encoding; malformed sequences become U+FFFD.
pub fn decode_with<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> Decoded<'a> {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text,
        name: encoding.name(),
    }
}

/// UTF-16 without a BOM: ASCII-range text has a NUL in every other byte.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut zero_even, mut zero_odd) = (0, 0);
    for pair in sample.chunks_exact(2) {
        zero_even += usize::from(pair[0] == 0 && pair[1] != 0);
        zero_odd += usize::from(pair[1] == 0 && pair[0] != 0);
    }
    if zero_odd * 10 >= pairs * 9 {
        Some(UTF_16LE)
    } else if zero_even * 10 >= pairs * 9 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// UTF-8 with a few broken sequences (a cut file, one stray byte) rather than a legacy encoding:
/// many valid multi-byte characters per invalid one.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte >= 8 && multibyte >= invalid * 8
}

/// Replaces CR LF and lone CR line ends by LF, copying only when there is a CR.
pub fn normalize_newlines(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The encoding named by an HTML `charset` or XML `encoding` label, per the WHATWG rules
/// (a UTF-16 label in an ASCII-compatible document means UTF-8).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    Some(if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else {
        encoding.output_encoding()
    })
}

/// The plain-text extractor: the decoded text, line ends normalised.
pub fn extract(bytes: &[u8]) -> (String, &'static str) {
    let decoded = decode(bytes, None);
    let name = decoded.name;
    let text = normalize_newlines(decoded.text).into_owned();
    (text, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_is_borrowed_not_copied() {
        let decoded = decode("héllo".as_bytes(), None);
        assert!(matches!(decoded.text, Cow::Borrowed("héllo")));
        assert_eq!(decoded.name, "UTF-8");
    }

    #[test]
    fn byte_order_marks_select_the_encoding_and_are_removed() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc", None).text, "abc");
        let le = decode(b"\xFF\xFEa\0b\0", None);
        assert_eq!((le.text.as_ref(), le.name), ("ab", "UTF-16LE"));
        let be = decode(b"\xFE\xFF\0a\0b", None);
        assert_eq!((be.text.as_ref(), be.name), ("ab", "UTF-16BE"));
        let utf32 = decode(b"\xFF\xFE\0\0a\0\0\0\xE9\0\0\0", None);
        assert_eq!((utf32.text.as_ref(), utf32.name), ("aé", "UTF-32LE"));
        let utf32 = decode(b"\0\0\xFE\xFF\0\0\0a\0\0\xD8\0", None);
        assert_eq!((utf32.text.as_ref(), utf32.name), ("a\u{FFFD}", "UTF-32BE"));
    }

    #[test]
    fn legacy_encodings_are_guessed() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Café crème brûlée à la française");
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.text, "Café crème brûlée à la française");
        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("日本語のテキストです。これはテストです。");
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.name, "Shift_JIS");
        assert_eq!(decoded.text, "日本語のテキストです。これはテストです。");
    }

    #[test]
    fn a_declared_encoding_is_used_unless_a_bom_says_otherwise() {
        let decoded = decode(b"caf\xE9", Some(encoding_rs::WINDOWS_1252));
        assert_eq!(decoded.text, "café");
        let decoded = decode(b"\xEF\xBB\xBFcaf\xC3\xA9", Some(encoding_rs::WINDOWS_1252));
        assert_eq!(decoded.text, "café");
    }

    #[test]
    fn nearly_valid_utf8_stays_utf8() {
        let mut bytes = "ÄÖÜ äöü ß éèê ".repeat(4).into_bytes();
        bytes.push(0xFF);
        let decoded = decode(&bytes, None);
        assert_eq!(decoded.name, "UTF-8");
        assert!(decoded.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn newlines_are_normalised() {
        assert_eq!(
            normalize_newlines(Cow::Borrowed("a\r\nb\rc\n")),
            "a\nb\nc\n"
        );
        assert!(matches!(
            normalize_newlines(Cow::Borrowed("a\n")),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn labels_follow_whatwg() {
        assert_eq!(
            encoding_for_label("latin1"),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(encoding_for_label("utf-16"), Some(UTF_8));
        assert_eq!(encoding_for_label("nonsense"), None);
    }
}
