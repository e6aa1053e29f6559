//! Page layout: the interpreter's glyphs become lines (words separated by inferred spaces),
//! blocks in reading order (columns left to right), and text: plain, with a line per line and a
//! blank line between blocks, or Markdown, with headings (by font size and weight), list items
//! and paragraphs. Text turned on the page (rotated pages, vertical labels) is read in its own
//! upright frame, after the page's main text.

mod blocks;
mod lines;
mod markdown;
mod normalize;
pub mod tables;

pub use blocks::Block;
pub use lines::Line;

use crate::formats::pdf::content::PageContent;

/// The blocks of a page in reading order, each line's text cleaned and in logical order.
pub fn lay_out(page: &PageContent<'_>) -> Vec<Block> {
    let mut by_direction: [Vec<Line>; 4] = Default::default();
    for mut line in lines::lines(page) {
        normalize::clean_line(&mut line.text);
        if !line.text.trim().is_empty() {
            by_direction[usize::from(line.dir.min(3))].push(line);
        }
    }
    // Upright text first, then the other directions by how much text they hold.
    let mut order: Vec<usize> = (0..4).collect();
    order.sort_by_key(|&d| {
        (
            d != 0,
            std::cmp::Reverse(by_direction[d].iter().map(|l| l.text.len()).sum::<usize>()),
        )
    });
    let mut out = Vec::new();
    for d in order {
        let lines = std::mem::take(&mut by_direction[d]);
        if !lines.is_empty() {
            out.extend(blocks::blocks(lines));
        }
    }
    out
}

/// Plain text: a line per line, a blank line between blocks, ending with a newline when there
/// is any text.
pub fn plain(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        for line in &block.lines {
            out.push_str(line.text.trim_end());
            out.push('\n');
        }
    }
    out
}

/// Markdown: headings, list items and paragraphs (see `markdown`).
pub fn markdown(blocks: &[Block], page: &PageContent<'_>) -> String {
    markdown::render(blocks, page)
}
