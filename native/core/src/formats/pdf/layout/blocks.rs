//! Lines → blocks → reading order. Lines stacked closely one under another, overlapping
//! horizontally and of a similar size, form a block (a paragraph, a heading, a table column);
//! blocks are then ordered by recursive XY cuts: a vertical gap that runs through the whole
//! region splits it into columns, read left to right; else the topmost horizontal gap splits
//! off what is above it; what cannot be cut is read top to bottom.

use super::lines::Line;

/// The widest baseline distance, in font sizes, between two lines of one block.
const LINE_SPACING: f32 = 1.7;

/// A block of lines, in one reading direction.
#[derive(Debug, Clone)]
pub struct Block {
    pub lines: Vec<Line>,
    pub u0: f32,
    pub u1: f32,
    /// Top and bottom of the block (baseline-relative extents of its first and last line).
    pub top: f32,
    pub bottom: f32,
}

impl Block {
    fn new(line: Line) -> Block {
        Block {
            u0: line.u0,
            u1: line.u1,
            top: line.v + 0.8 * line.size,
            bottom: line.v - 0.25 * line.size,
            lines: vec![line],
        }
    }

    fn last(&self) -> &Line {
        &self.lines[self.lines.len() - 1]
    }

    /// Whether `line` continues this block: just below its last line, overlapping it
    /// horizontally, and of a similar size.
    fn takes(&self, line: &Line) -> bool {
        let last = self.last();
        let size = last.size.max(line.size);
        let drop = last.v - line.v;
        let similar = line.size <= last.size * 1.3 && last.size <= line.size * 1.3;
        let overlap = line.u0.max(last.u0) < line.u1.min(last.u1);
        drop > 0.3 * size && drop <= LINE_SPACING * size && similar && overlap
    }

    fn push(&mut self, line: Line) {
        self.u0 = self.u0.min(line.u0);
        self.u1 = self.u1.max(line.u1);
        self.bottom = self.bottom.min(line.v - 0.25 * line.size);
        self.top = self.top.max(line.v + 0.8 * line.size);
        self.lines.push(line);
    }
}

/// Groups the lines of one direction into blocks, in reading order.
pub fn blocks(mut lines: Vec<Line>) -> Vec<Block> {
    lines.sort_by(|a, b| b.v.total_cmp(&a.v).then(a.u0.total_cmp(&b.u0)));
    let mut blocks: Vec<Block> = Vec::new();
    for line in lines {
        // The nearest block above that takes the line; blocks far above are done.
        let target = blocks
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, b)| b.takes(&line))
            .min_by(|(_, a), (_, b)| {
                (a.last().v - line.v)
                    .total_cmp(&(b.last().v - line.v))
                    .then(distance(a, &line).total_cmp(&distance(b, &line)))
            })
            .map(|(i, _)| i);
        match target {
            Some(i) => blocks[i].push(line),
            None => blocks.push(Block::new(line)),
        }
    }
    let mut order = Vec::with_capacity(blocks.len());
    let indices: Vec<usize> = (0..blocks.len()).collect();
    xy_cut(&blocks, indices, &mut order, 0);
    let mut slots: Vec<Option<Block>> = blocks.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

fn distance(block: &Block, line: &Line) -> f32 {
    (block.last().u0 - line.u0).abs()
}

/// The deepest recursion of the cuts (pathological layouts fall back to top to bottom).
const MAX_CUT_DEPTH: usize = 64;

/// Appends the blocks `region` in reading order to `out`.
fn xy_cut(blocks: &[Block], mut region: Vec<usize>, out: &mut Vec<usize>, depth: usize) {
    if region.len() <= 1 || depth >= MAX_CUT_DEPTH {
        region.sort_by(|&a, &b| {
            blocks[b]
                .top
                .total_cmp(&blocks[a].top)
                .then(blocks[a].u0.total_cmp(&blocks[b].u0))
        });
        out.extend(region);
        return;
    }
    let size = median_size(blocks, &region);
    if let Some(cut) = vertical_cut(blocks, &region, size) {
        let (left, right): (Vec<usize>, Vec<usize>) =
            region.into_iter().partition(|&i| blocks[i].u1 <= cut);
        xy_cut(blocks, left, out, depth + 1);
        xy_cut(blocks, right, out, depth + 1);
        return;
    }
    if let Some(cut) = top_horizontal_cut(blocks, &region) {
        let (upper, lower): (Vec<usize>, Vec<usize>) =
            region.into_iter().partition(|&i| blocks[i].bottom >= cut);
        xy_cut(blocks, upper, out, depth + 1);
        xy_cut(blocks, lower, out, depth + 1);
        return;
    }
    xy_cut(blocks, region, out, MAX_CUT_DEPTH);
}

fn median_size(blocks: &[Block], region: &[usize]) -> f32 {
    let mut sizes: Vec<f32> = region.iter().map(|&i| blocks[i].lines[0].size).collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(10.0)
}

/// The middle of the widest vertical gap no block crosses, if it is at least a gutter wide
/// and has blocks on both sides.
fn vertical_cut(blocks: &[Block], region: &[usize], size: f32) -> Option<f32> {
    let mut spans: Vec<(f32, f32)> = region
        .iter()
        .map(|&i| (blocks[i].u0, blocks[i].u1))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut best: Option<(f32, f32)> = None;
    let mut reach = spans[0].1;
    for &(start, end) in &spans[1..] {
        let gap = start - reach;
        if gap >= 0.5 * size && best.is_none_or(|(width, _)| gap > width) {
            best = Some((gap, reach + gap / 2.0));
        }
        reach = reach.max(end);
    }
    best.map(|(_, at)| at)
}

/// The topmost horizontal gap no block crosses: a value between the lowest bottom of the
/// blocks above and the top of the blocks below.
fn top_horizontal_cut(blocks: &[Block], region: &[usize]) -> Option<f32> {
    let mut spans: Vec<(f32, f32)> = region
        .iter()
        .map(|&i| (blocks[i].top, blocks[i].bottom))
        .collect();
    spans.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut floor = spans[0].1;
    for &(top, bottom) in &spans[1..] {
        if top <= floor {
            return Some((top + floor) / 2.0);
        }
        floor = floor.min(bottom);
    }
    None
}
