//! Entry names as people wrote them. A ZIP entry name without the UTF-8 flag is, by the ZIP
//! specification (APPNOTE 4.4.4, appendix D), code page 437, and the ZIP reader decodes it so; but
//! archivers on Chinese or Japanese systems store names in their local code page (GBK,
//! Shift_JIS...). Those names are turned back into their bytes and decoded with the encoding
//! `chardetng` recognises, when it is a multi-byte East Asian one that decodes them cleanly.

/// Code page 437, bytes 0x80 to 0xFF.
const CP437_HIGH: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', //
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', '¢', '£', '¥', '₧', 'ƒ', //
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '⌐', '¬', '½', '¼', '¡', '«', '»', //
    '░', '▒', '▓', '│', '┤', '╡', '╢', '╖', '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐', //
    '└', '┴', '┬', '├', '─', '┼', '╞', '╟', '╚', '╔', '╩', '╦', '╠', '═', '╬', '╧', //
    '╨', '╤', '╥', '╙', '╘', '╒', '╓', '╫', '╪', '┘', '┌', '█', '▄', '▌', '▐', '▀', //
    'α', 'ß', 'Γ', 'π', 'Σ', 'σ', 'µ', 'τ', 'Φ', 'Θ', 'Ω', 'δ', '∞', 'φ', 'ε', '∩', //
    '≡', '±', '≥', '≤', '⌠', '⌡', '÷', '≈', '°', '∙', '·', '√', 'ⁿ', '²', '■', '\u{a0}',
];

/// The bytes a name decoded as code page 437 came from; `None` when it holds a character code
/// page 437 lacks (it was then decoded as UTF-8) or only ASCII.
fn cp437_bytes(name: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(name.len());
    let mut high = false;
    for c in name.chars() {
        if c.is_ascii() {
            bytes.push(c as u8);
        } else {
            let index = CP437_HIGH.iter().position(|&h| h == c)?;
            bytes.push(0x80 + u8::try_from(index).ok()?);
            high = true;
        }
    }
    high.then_some(bytes)
}

/// The encoding the non-ASCII entry names of an archive were written in, when they look like a
/// multi-byte East Asian code page rather than code page 437.
pub fn legacy_encoding(names: &[String]) -> Option<&'static encoding_rs::Encoding> {
    let mut detector = chardetng::EncodingDetector::new();
    let mut any = false;
    for name in names {
        if let Some(bytes) = cp437_bytes(name) {
            detector.feed(&bytes, false);
            any = true;
        }
    }
    if !any {
        return None;
    }
    detector.feed(b"", true);
    let guess = detector.guess(None, true);
    let east_asian = [
        encoding_rs::GBK,
        encoding_rs::GB18030,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::EUC_KR,
        encoding_rs::BIG5,
        encoding_rs::UTF_8,
    ];
    east_asian.contains(&guess).then_some(guess)
}

/// `name` as written in `encoding` (from [`legacy_encoding`]), or unchanged when it does not
/// decode cleanly.
pub fn display_name(name: &str, encoding: Option<&'static encoding_rs::Encoding>) -> String {
    let decoded = encoding
        .zip(cp437_bytes(name))
        .and_then(|(encoding, bytes)| {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
            (!had_errors).then(|| text.into_owned())
        });
    decoded.unwrap_or_else(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_cp437(bytes: &[u8]) -> String {
        bytes
            .iter()
            .map(|&b| {
                if b < 0x80 {
                    char::from(b)
                } else {
                    CP437_HIGH[usize::from(b - 0x80)]
                }
            })
            .collect()
    }

    #[test]
    fn shift_jis_names_read_as_code_page_437_are_recovered() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("日本語のファイル名.txt");
        let names = vec![as_cp437(&bytes)];
        let encoding = legacy_encoding(&names);
        assert_eq!(display_name(&names[0], encoding), "日本語のファイル名.txt");
    }

    #[test]
    fn ascii_utf8_and_western_names_are_left_alone() {
        let names = vec![
            "plain.txt".to_owned(),
            "日本.txt".to_owned(),
            "Café.txt".to_owned(),
        ];
        let encoding = legacy_encoding(&names);
        for name in &names {
            assert_eq!(&display_name(name, encoding), name);
        }
    }
}
