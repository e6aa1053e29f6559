//! Text clean-up after layout: ligatures expanded (ﬁ → fi), Arabic presentation forms back to
//! their letters, soft hyphens and control characters dropped, and right-to-left runs, which a
//! PDF draws in visual order, put back into logical order (Unicode bidirectional algorithm).

use unicode_bidi::{BidiInfo, Level};
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
    let ordered = if cleaned.chars().any(is_strong_rtl) {
        logical_order(&cleaned)
    } else {
        cleaned
    };
    if ordered.chars().any(is_presentation_form) {
        expand(&ordered)
    } else {
        ordered
    }
}

/// Ligatures and Arabic presentation forms as the letters they stand for.
fn expand(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FEFF}' => {}
            c if is_presentation_form(c) => out.extend(c.to_string().nfkc()),
            c => out.push(c),
        }
    }
    out
}

fn is_presentation_form(c: char) -> bool {
    matches!(c,
        '\u{FB00}'..='\u{FB06}' | '\u{FB13}'..='\u{FB17}' | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

fn is_strong_rtl(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

/// A line drawn left to right on the page, read in logical order: the bidirectional algorithm,
/// run on the visual text with a right-to-left paragraph level, reverses the right-to-left runs
/// and keeps numbers and embedded left-to-right words readable.
fn logical_order(visual: &str) -> String {
    let info = BidiInfo::new(visual, Some(Level::rtl()));
    let mut out = String::with_capacity(visual.len());
    for paragraph in &info.paragraphs {
        out.push_str(&info.reorder_line(paragraph, paragraph.range.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
