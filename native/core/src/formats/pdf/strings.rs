//! PDF text strings and dates (ISO 32000-2, 7.9.2 and 7.9.4): PDFDocEncoding, UTF-16BE/LE and
//! UTF-8 with their byte-order marks; `D:YYYYMMDDHHmmSSOHH'mm` dates and the ISO 8601 dates of
//! XMP, both into microseconds since the epoch, UTC.

/// PDFDocEncoding bytes 0x18..=0x1F and 0x80..=0xA0 where they differ from Latin-1
/// (ISO 32000-2, annex D.3). `None` marks an undefined code.
const PDF_DOC_LOW: [char; 8] = [
    '\u{02D8}', '\u{02C7}', '\u{02C6}', '\u{02D9}', '\u{02DD}', '\u{02DB}', '\u{02DA}', '\u{02DC}',
];
const PDF_DOC_HIGH: [Option<char>; 33] = [
    Some('\u{2022}'),
    Some('\u{2020}'),
    Some('\u{2021}'),
    Some('\u{2026}'),
    Some('\u{2014}'),
    Some('\u{2013}'),
    Some('\u{0192}'),
    Some('\u{2044}'),
    Some('\u{2039}'),
    Some('\u{203A}'),
    Some('\u{2212}'),
    Some('\u{2030}'),
    Some('\u{201E}'),
    Some('\u{201C}'),
    Some('\u{201D}'),
    Some('\u{2018}'),
    Some('\u{2019}'),
    Some('\u{201A}'),
    Some('\u{2122}'),
    Some('\u{FB01}'),
    Some('\u{FB02}'),
    Some('\u{0141}'),
    Some('\u{0152}'),
    Some('\u{0160}'),
    Some('\u{0178}'),
    Some('\u{017D}'),
    Some('\u{0131}'),
    Some('\u{0142}'),
    Some('\u{0153}'),
    Some('\u{0161}'),
    Some('\u{017E}'),
    None,
    Some('\u{20AC}'),
];

/// Decodes a text string by its byte-order mark, else as PDFDocEncoding.
pub fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| pdf_doc_char(b)).collect()
    }
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> String {
    let words = bytes.chunks_exact(2).map(|pair| word([pair[0], pair[1]]));
    char::decode_utf16(words)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

fn pdf_doc_char(byte: u8) -> char {
    match byte {
        0x18..=0x1F => PDF_DOC_LOW[usize::from(byte - 0x18)],
        0x80..=0xA0 => {
            PDF_DOC_HIGH[usize::from(byte - 0x80)].unwrap_or(char::REPLACEMENT_CHARACTER)
        }
        0xAD => char::REPLACEMENT_CHARACTER,
        _ => char::from(byte),
    }
}

/// A metadata value: the decoded text without NULs and surrounding white space, or `None`.
pub fn clean(text: &str) -> Option<String> {
    let text: String = text.chars().filter(|&c| c != '\0').collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Microseconds since the epoch of a civil date and time in UTC.
fn micros(year: i64, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Option<i64> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    // Days from civil (proleptic Gregorian), after H. Hinnant's well-known algorithm.
    let (y, m) = if month <= 2 {
        (year - 1, i64::from(month) + 9)
    } else {
        (year, i64::from(month) - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400
        + i64::from(hour) * 3_600
        + i64::from(minute) * 60
        + i64::from(second.min(59));
    seconds.checked_mul(1_000_000)
}

/// Reads `n` ASCII digits at `*at`, or `None` (leaving `*at` alone).
fn digits(text: &[u8], at: &mut usize, n: usize) -> Option<u32> {
    let field = text.get(*at..*at + n)?;
    if !field.iter().all(u8::is_ascii_digit) {
        return None;
    }
    *at += n;
    Some(field.iter().fold(0, |v, d| v * 10 + u32::from(d - b'0')))
}

/// Applies a `+hh[:']mm` / `-hh` / `Z` offset at `*at` to local `micros`.
fn with_offset(text: &[u8], mut at: usize, local: i64) -> i64 {
    let sign = match text.get(at) {
        Some(b'+') => -1,
        Some(b'-') => 1,
        _ => return local,
    };
    at += 1;
    let hours = digits(text, &mut at, 2).unwrap_or(0);
    if matches!(text.get(at), Some(b'\'' | b':')) {
        at += 1;
    }
    let minutes = digits(text, &mut at, 2).unwrap_or(0);
    local + sign * (i64::from(hours.min(23)) * 3_600 + i64::from(minutes.min(59)) * 60) * 1_000_000
}

/// A PDF date (`D:` optional, every field after the year optional), in microseconds, UTC.
pub fn pdf_date(text: &str) -> Option<i64> {
    let text = text.trim().as_bytes();
    let text = text.strip_prefix(b"D:").unwrap_or(text);
    let mut at = 0;
    let year = digits(text, &mut at, 4)?;
    let mut field = |default| digits(text, &mut at, 2).unwrap_or(default);
    let (month, day, hour, minute, second) = (field(1), field(1), field(0), field(0), field(0));
    let local = micros(i64::from(year), month, day, hour, minute, second)?;
    Some(with_offset(text, at, local))
}

/// An ISO 8601 date as XMP writes it (`YYYY[-MM[-DD[Thh:mm[:ss[.s+]][TZD]]]]`), in microseconds.
pub fn xmp_date(text: &str) -> Option<i64> {
    let text = text.trim().as_bytes();
    let mut at = 0;
    let year = digits(text, &mut at, 4)?;
    let next = |at: &mut usize, separator: u8, default: u32| {
        if text.get(*at) == Some(&separator) {
            *at += 1;
            digits(text, at, 2).unwrap_or(default)
        } else {
            default
        }
    };
    let month = next(&mut at, b'-', 1);
    let day = next(&mut at, b'-', 1);
    let hour = next(&mut at, b'T', 0);
    let minute = next(&mut at, b':', 0);
    let second = next(&mut at, b':', 0);
    if text.get(at) == Some(&b'.') {
        at += 1;
        while text.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
    }
    let local = micros(i64::from(year), month, day, hour, minute, second)?;
    Some(with_offset(text, at, local))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_decode_by_their_byte_order_mark() {
        assert_eq!(text_string(b"\xFE\xFF\x00H\x00i\x04\x10"), "HiА");
        assert_eq!(text_string(b"\xFF\xFEH\x00i\x00"), "Hi");
        assert_eq!(text_string(b"\xEF\xBB\xBFcaf\xC3\xA9"), "café");
        assert_eq!(text_string(b"\x93le caf\xE9 \x80 \xA0"), "ﬁle café • €");
        assert_eq!(text_string(b"\x18\x9F"), "\u{02D8}\u{FFFD}");
    }

    #[test]
    fn clean_values_drop_nuls_and_blank_ones() {
        assert_eq!(clean(" Title\0 "), Some("Title".to_owned()));
        assert_eq!(clean(" \0 "), None);
    }

    #[test]
    fn pdf_dates_with_and_without_offsets_become_utc_micros() {
        // 2001-09-09T01:46:40Z is 1,000,000,000 s after the epoch.
        assert_eq!(pdf_date("D:20010909014640Z"), Some(1_000_000_000_000_000));
        assert_eq!(
            pdf_date("D:20010909034640+02'00'"),
            Some(1_000_000_000_000_000)
        );
        assert_eq!(
            pdf_date("20010908234640-02'00"),
            Some(1_000_000_000_000_000)
        );
        assert_eq!(pdf_date("D:2001"), micros(2001, 1, 1, 0, 0, 0));
        assert_eq!(pdf_date("D:19700101000000"), Some(0));
        assert_eq!(pdf_date("garbage"), None);
        assert_eq!(pdf_date("D:20011309"), None);
    }

    #[test]
    fn xmp_dates_in_iso_8601_become_utc_micros() {
        assert_eq!(
            xmp_date("2001-09-09T03:46:40.123+02:00"),
            Some(1_000_000_000_000_000)
        );
        assert_eq!(
            xmp_date("2001-09-09T01:46:40Z"),
            Some(1_000_000_000_000_000)
        );
        assert_eq!(xmp_date("1970-01-01"), Some(0));
        assert_eq!(xmp_date("x"), None);
    }
}
