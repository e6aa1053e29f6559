//! The `languages` column: the languages of the content, detected with whatlang on a few samples
//! spread over the text, as ISO 639-1 codes where one exists (639-3 otherwise). Only reliable
//! detections count; the most frequent language comes first.

/// whatlang's ISO 639-3 codes with an ISO 639-1 equivalent.
const ISO_639_1: [(&str, &str); 69] = [
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// Characters per sample.
const SAMPLE_CHARS: usize = 2_000;
/// Most samples taken from one document.
const MAX_SAMPLES: usize = 8;

/// The ISO 639-1 code for a whatlang language, or its ISO 639-3 code when there is none.
pub fn iso_code(lang: whatlang::Lang) -> &'static str {
    let code = lang.code();
    ISO_639_1
        .binary_search_by(|(three, _)| three.cmp(&code))
        .map_or(code, |i| ISO_639_1[i].1)
}

/// The reliably detected languages of `content`, most frequent first.
pub fn detect(content: &str) -> Vec<String> {
    let total = content.len();
    if content.trim().is_empty() {
        return Vec::new();
    }
    let samples = (total / (SAMPLE_CHARS * 4)).clamp(1, MAX_SAMPLES);
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for i in 0..samples {
        let mut start = total * i / samples;
        while !content.is_char_boundary(start) {
            start += 1;
        }
        let sample = &content[start..];
        let end = sample
            .char_indices()
            .nth(SAMPLE_CHARS)
            .map_or(sample.len(), |(at, _)| at);
        let Some(info) = whatlang::detect(&sample[..end]) else {
            continue;
        };
        if !info.is_reliable() {
            continue;
        }
        let code = iso_code(info.lang());
        match counts.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => counts.push((code, 1)),
        }
    }
    // With several samples, a language seen once only is more likely noise than content.
    let min = if samples >= 4 { 2 } else { 1 };
    counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    counts
        .into_iter()
        .filter(|&(_, n)| n >= min)
        .map(|(code, _)| code.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_table_is_sorted_for_binary_search() {
        assert!(ISO_639_1.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(iso_code(whatlang::Lang::Eng), "en");
        assert_eq!(iso_code(whatlang::Lang::Cmn), "zh");
    }

    #[test]
    fn clear_text_is_detected_and_noise_is_not() {
        let english = "The quick brown fox jumps over the lazy dog. This is a sentence written \
            in plain English so that the detector has enough words to be confident about it.";
        assert_eq!(detect(english), ["en"]);
        let german = "Dies ist ein deutscher Text, der lang genug ist, damit die Erkennung der \
            Sprache zuverlässig funktioniert und ein eindeutiges Ergebnis liefert.";
        assert_eq!(detect(german), ["de"]);
        assert!(detect("").is_empty());
        assert!(detect("12 34 56 ### !!!").is_empty());
    }
}
