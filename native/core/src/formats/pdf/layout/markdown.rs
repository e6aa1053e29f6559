//! Markdown from laid-out blocks: a block in a font clearly larger than the page's body text
//! is a heading (the largest size `#`, the next `##`, …); a short block set entirely in bold at
//! body size is a heading one level below those; a line that starts with a bullet is a list
//! item; the lines of other blocks are joined into paragraphs, words broken by a hyphen at a
//! line's end joined again.

use super::blocks::Block;
use super::lines::Line;
use crate::formats::pdf::content::PageContent;

/// How much larger than body text a heading's font must be.
const HEADING_RATIO: f32 = 1.2;

/// The most lines a heading may have.
const HEADING_LINES: usize = 3;

const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '‣', '●', '○', '■', '□', '–', '-', '*', '\u{F0B7}', '·',
];

pub fn render(blocks: &[Block], page: &PageContent<'_>) -> String {
    let body = body_size(blocks);
    let mut sizes: Vec<f32> = blocks
        .iter()
        .filter(|b| b.lines.len() <= HEADING_LINES)
        .map(block_size)
        .filter(|s| *s >= body * HEADING_RATIO)
        .map(|s| (s * 2.0).round() / 2.0)
        .collect();
    sizes.sort_by(|a, b| b.total_cmp(a));
    sizes.dedup();
    let mut out = String::new();
    for block in blocks {
        let size = (block_size(block) * 2.0).round() / 2.0;
        let level = if block.lines.len() <= HEADING_LINES && size >= body * HEADING_RATIO {
            sizes.iter().position(|s| *s == size).map(|p| p + 1)
        } else if is_bold_heading(block, page, body) {
            Some(sizes.len() + 1)
        } else {
            None
        };
        if !out.is_empty() {
            out.push('\n');
        }
        match level {
            Some(level) => {
                let text = join(block.lines.iter().map(|l| l.text.as_str()));
                out.push_str(&"#".repeat(level.min(6)));
                out.push(' ');
                out.push_str(&text);
                out.push('\n');
            }
            None => paragraphs(&block.lines, &mut out),
        }
    }
    out
}

/// The font size most of the page's text is set in.
fn body_size(blocks: &[Block]) -> f32 {
    let mut weights: Vec<(f32, usize)> = Vec::new();
    for line in blocks.iter().flat_map(|b| &b.lines) {
        let size = (line.size * 2.0).round() / 2.0;
        match weights.iter_mut().find(|(s, _)| *s == size) {
            Some((_, n)) => *n += line.text.len(),
            None => weights.push((size, line.text.len())),
        }
    }
    weights
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or(10.0, |(s, _)| s)
}

fn block_size(block: &Block) -> f32 {
    block.lines.iter().map(|l| l.size).fold(0.0, f32::max)
}

fn is_bold_heading(block: &Block, page: &PageContent<'_>, body: f32) -> bool {
    let text_len: usize = block.lines.iter().map(|l| l.text.len()).sum();
    if block.lines.len() > 2 || text_len > 120 || block_size(block) < body * 0.95 {
        return false;
    }
    let last = block.lines.last().map(|l| l.text.trim_end()).unwrap_or("");
    if last.ends_with(['.', ',', ';', ':']) {
        return false;
    }
    let glyphs = block.lines.iter().flat_map(|l| &l.glyphs);
    let (mut bold, mut all) = (0usize, 0usize);
    for &g in glyphs {
        let glyph = &page.glyphs[g as usize];
        all += 1;
        if page
            .fonts
            .get(usize::from(glyph.font))
            .is_some_and(|f| f.bold)
        {
            bold += 1;
        }
    }
    all > 0 && bold * 10 >= all * 9
}

/// Writes a block's lines as list items and paragraphs.
fn paragraphs(lines: &[Line], out: &mut String) {
    let mut paragraph: Vec<&str> = Vec::new();
    let mut item = false;
    let flush = |paragraph: &mut Vec<&str>, item: bool, out: &mut String| {
        if paragraph.is_empty() {
            return;
        }
        if item {
            out.push_str("- ");
        }
        out.push_str(&join(paragraph.drain(..)));
        out.push('\n');
    };
    for line in lines {
        let text = line.text.trim();
        if let Some(rest) = bullet(text) {
            flush(&mut paragraph, item, out);
            item = true;
            paragraph.push(rest);
        } else {
            paragraph.push(text);
        }
    }
    flush(&mut paragraph, item, out);
}

/// The text after a leading bullet, if the line starts with one.
fn bullet(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    (BULLETS.contains(&first) && rest.starts_with(' ')).then(|| rest.trim_start())
}

/// Joins lines with spaces; a line ending in a hyphen after a letter joins the next without a
/// space, and without the hyphen when the next line starts with a lower-case letter.
fn join<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        let hyphen_after_letter = out.ends_with('-')
            && out[..out.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
        if hyphen_after_letter {
            if line.chars().next().is_some_and(char::is_lowercase) {
                out.pop();
            }
        } else {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_join_into_paragraphs_and_hyphenated_words_are_mended() {
        assert_eq!(
            join(["an exam-", "ple of text"].into_iter()),
            "an example of text"
        );
        assert_eq!(join(["Smith-", "Jones"].into_iter()), "Smith-Jones");
    }

    #[test]
    fn bullets_start_list_items() {
        assert_eq!(bullet("• first item"), Some("first item"));
        assert_eq!(bullet("-5 degrees"), None);
        assert_eq!(bullet("plain"), None);
    }
}
