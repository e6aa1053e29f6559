//! Text clean-up after layout: ligatures expanded (ﬁ → fi), Arabic presentation forms back to
//! their letters, soft hyphens and control characters dropped, and right-to-left runs, which a
//! PDF draws in visual order, put back into logical order (Unicode bidirectional algorithm).

use unicode_bidi::{BidiInfo, Level};

use super::lines::is_right_to_left;
use unicode_normalization::UnicodeNormalization;

/// Cleans one line's text (in the visual order the page shows it). Right-to-left runs are
/// reordered before presentation forms are expanded, so a ligature's letters keep their order.
pub fn line(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter_map(|c| match c {
            '\u{AD}' => None,
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let ordered = if cleaned.chars().any(is_right_to_left) {
        logical_order(&cleaned)
    } else {
        cleaned
    };
    if ordered.chars().any(needs_folding) {
        fold(&ordered)
    } else {
        ordered
    }
}

/// [`line`] in place: a line of printable ASCII only (most lines) is clean already.
pub fn clean_line(text: &mut String) {
    if !text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        *text = line(text);
    }
}

/// Ligatures, Arabic presentation forms, Kangxi radicals and CJK compatibility ideographs as
/// the letters and ideographs they stand for.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FEFF}' => {}
            c if needs_folding(c) => out.extend(c.to_string().nfkc()),
            c => out.push(c),
        }
    }
    out
}

fn needs_folding(c: char) -> bool {
    matches!(c,
        '\u{FB00}'..='\u{FB06}' | '\u{FB13}'..='\u{FB17}' | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' | '\u{2F00}'..='\u{2FDF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{2F800}'..='\u{2FA1F}')
}

/// A line drawn left to right on the page, read in logical order: the bidirectional algorithm,
/// run on the visual text, reverses the right-to-left runs and keeps numbers and embedded
/// left-to-right words readable; characters of reversed runs take their mirrored form (a `(`
/// drawn at a run's left end is its closing parenthesis). The line reads right to left when most
/// of its letters do. A combining mark stays after its letter.
fn logical_order(visual: &str) -> String {
    let (rtl, ltr) = visual.chars().fold((0, 0), |(r, l), c| {
        if is_right_to_left(c) && c.is_alphabetic() {
            (r + 1, l)
        } else if c.is_alphabetic() {
            (r, l + 1)
        } else {
            (r, l)
        }
    });
    let level = if rtl >= ltr {
        Level::rtl()
    } else {
        Level::ltr()
    };
    let visual = marks_before_letters(visual);
    let info = BidiInfo::new(&visual, Some(level));
    let mut out = String::with_capacity(visual.len());
    for paragraph in &info.paragraphs {
        let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let text = &visual[run.clone()];
            if levels[run.start].is_rtl() {
                out.extend(text.chars().rev().map(mirror));
            } else {
                out.push_str(text);
            }
        }
    }
    out
}

/// In right-to-left script, moves each letter's combining marks in front of it, so that the
/// reversal of the run leaves them after it.
fn marks_before_letters(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut j = i + 1;
        while j < chars.len() && is_combining_mark(chars[j]) {
            j += 1;
        }
        if j > i + 1 && is_right_to_left(c) {
            out.extend(&chars[i + 1..j]);
            out.push(c);
        } else {
            out.extend(&chars[i..j]);
        }
        i = j;
    }
    out
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0591}'..='\u{05C7}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}'
        | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0300}'..='\u{036F}' | '\u{FB1E}')
}

/// The mirrored form of a bracket or similar character (Unicode's Bidi_Mirroring_Glyph for the
/// characters text uses).
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        '\u{2264}' => '\u{2265}',
        '\u{2265}' => '\u{2264}',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_is_left_as_it_is_and_other_text_is_cleaned_in_place() {
        let mut ascii = "Plain (ASCII) text ~ 42".to_owned();
        clean_line(&mut ascii);
        assert_eq!(ascii, line("Plain (ASCII) text ~ 42"));
        let mut other = "\u{FB01}nal\ttab".to_owned();
        clean_line(&mut other);
        assert_eq!(other, "final tab");
    }

    #[test]
    fn ligatures_soft_hyphens_and_controls_are_cleaned() {
        assert_eq!(line("\u{FB01}nal e\u{AD}ffect\u{1}"), "final effect");
        assert_eq!(line("a\tb"), "a b");
    }

    #[test]
    fn right_to_left_text_drawn_visually_comes_out_in_logical_order() {
        // "שלום" (shalom) drawn left to right as the page shows it: ם ו ל ש.
        assert_eq!(line("םולש"), "שלום");
        // Arabic presentation forms become letters: ﻻ (lam-alef) → لا.
        assert_eq!(line("\u{FEFB}"), "\u{644}\u{627}");
        // Numbers inside right-to-left text keep their own order.
        assert_eq!(line("2024 םולש"), "שלום 2024");
        // Brackets at a reversed run's ends swap: the page shows "(רגנ)".
        assert_eq!(line("(רגנ)"), "(נגר)");
        // A mark drawn after its letter stays after it: אּ (alef with dagesh).
        assert_eq!(line("\u{5D0}\u{5BC}"), "\u{5D0}\u{5BC}");
    }

    #[test]
    fn a_left_to_right_line_with_an_embedded_right_to_left_word_keeps_its_order() {
        assert_eq!(
            line("A line with an םולש word."),
            "A line with an שלום word."
        );
    }

    #[test]
    fn kangxi_radicals_and_compatibility_ideographs_fold_to_unified_ideographs() {
        assert_eq!(line("\u{2F00}\u{F900}"), "\u{4E00}\u{8C48}");
    }
}
