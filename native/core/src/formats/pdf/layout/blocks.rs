//! Lines → blocks → reading order. Lines stacked closely one under another, overlapping
//! horizontally and of a similar size, form a block (a paragraph, a heading, a table column);
//! blocks are then ordered by recursive XY cuts: a vertical gap that runs through the whole
//! region splits it into columns, read left to right; else the topmost horizontal gap splits
//! off what is above it; what cannot be cut is read top to bottom.

use super::lines::Line;

/// The widest baseline distance, in font sizes, between two lines of one block.
const LINE_SPACING: f32 = 1.7;

/// The longest text (characters) of a line that counts as a table cell when it shares its
/// baseline with another line.
const CELL_CHARS: usize = 40;

/// A block of lines, in one reading direction.
#[derive(Debug, Clone)]
pub struct Block {
    pub lines: Vec<Line>,
    /// A table cell: a short line beside others on the same baseline. Cells stay blocks of
    /// their own, so a table reads row by row.
    pub cell: bool,
    pub u0: f32,
    pub u1: f32,
    /// Top and bottom of the block (baseline-relative extents of its first and last line).
    pub top: f32,
    pub bottom: f32,
}

impl Block {
    fn new(line: Line, cell: bool) -> Block {
        Block {
            cell,
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
    fn takes(&self, line: &Line, cell: bool) -> bool {
        if cell || self.cell {
            return false;
        }
        let last = self.last();
        let size = last.size.max(line.size);
        let drop = last.v - line.v;
        let similar = line.size <= last.size * 1.15 && last.size <= line.size * 1.15;
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
    let cells = cells(&lines);
    let mut blocks: Vec<Block> = Vec::new();
    for (line, cell) in lines.into_iter().zip(cells) {
        // The nearest block above that takes the line; blocks far above are done.
        let target = blocks
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, b)| b.takes(&line, cell))
            .min_by(|(_, a), (_, b)| {
                (a.last().v - line.v)
                    .total_cmp(&(b.last().v - line.v))
                    .then(distance(a, &line).total_cmp(&distance(b, &line)))
            })
            .map(|(i, _)| i);
        match target {
            Some(i) => blocks[i].push(line),
            None => blocks.push(Block::new(line, cell)),
        }
    }
    let mut order = Vec::with_capacity(blocks.len());
    let indices: Vec<usize> = (0..blocks.len()).collect();
    xy_cut(&blocks, indices, &mut order, 0);
    let mut slots: Vec<Option<Block>> = blocks.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Which lines (sorted top to bottom) are table cells: lines of rows with three or more short
/// pieces on one baseline (a table's cells), or two or more with a very short one (a table of
/// contents' numbers and titles), when the row above or below is such a row too. Two columns of
/// running text share baselines as well, but their lines are long.
fn cells(lines: &[Line]) -> Vec<bool> {
    let short = |l: &Line| l.text.chars().count() <= CELL_CHARS / 2;
    let all_short = |row: &[Line]| row.iter().all(|l| l.text.chars().count() <= CELL_CHARS);
    let mut rows: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        let mut end = start + 1;
        while end < lines.len()
            && (lines[start].v - lines[end].v).abs()
                <= 0.25 * lines[start].size.max(lines[end].size)
        {
            end += 1;
        }
        let row = &lines[start..end];
        let table_row =
            (row.len() >= 3 && all_short(row)) || (row.len() >= 2 && row.iter().any(short));
        rows.push((start, end, table_row));
        start = end;
    }
    let mut out = vec![false; lines.len()];
    for (k, &(start, end, table_row)) in rows.iter().enumerate() {
        let neighbour = (k > 0 && rows[k - 1].2) || rows.get(k + 1).is_some_and(|r| r.2);
        if table_row && neighbour {
            out[start..end].iter_mut().for_each(|c| *c = true);
        }
    }
    out
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
    let (horizontal, widest) = horizontal_cuts(blocks, &region);
    let vertical = vertical_cut(blocks, &region, size)
        .filter(|&(cut, _)| columns(blocks, &region, cut))
        // Columns that both run most of the region's height are read one after the other; else
        // a wider gap across the whole region than between the columns splits it first (from
        // the top: a table's rows above its notes, a title above two columns).
        .filter(|&(cut, gap)| widest < gap || tall_columns(blocks, &region, cut))
        .map(|(cut, _)| cut);
    if let Some(cut) = vertical {
        let (left, right): (Vec<usize>, Vec<usize>) =
            region.into_iter().partition(|&i| blocks[i].u1 <= cut);
        xy_cut(blocks, left, out, depth + 1);
        xy_cut(blocks, right, out, depth + 1);
        return;
    }
    if let Some((cut, _)) = horizontal {
        let (upper, lower): (Vec<usize>, Vec<usize>) =
            region.into_iter().partition(|&i| blocks[i].bottom >= cut);
        xy_cut(blocks, upper, out, depth + 1);
        xy_cut(blocks, lower, out, depth + 1);
        return;
    }
    xy_cut(blocks, region, out, MAX_CUT_DEPTH);
}

/// Whether a vertical cut separates columns to read one after the other: both sides reach over
/// the same heights (else the page reads top to bottom across the gap), and they are not the
/// columns of a table (most of the text on both sides in cells, which read row by row).
fn columns(blocks: &[Block], region: &[usize], cut: f32) -> bool {
    let span = |left: bool| {
        region
            .iter()
            .filter(|&&i| (blocks[i].u1 <= cut) == left)
            .fold(
                (f32::INFINITY, f32::NEG_INFINITY, 0usize, 0usize),
                |acc, &i| {
                    let chars: usize = blocks[i].lines.iter().map(|l| l.text.len()).sum();
                    (
                        acc.0.min(blocks[i].bottom),
                        acc.1.max(blocks[i].top),
                        acc.2 + chars,
                        acc.3 + if blocks[i].cell { chars } else { 0 },
                    )
                },
            )
    };
    let (left, right) = (span(true), span(false));
    let overlap = left.1.min(right.1) - left.0.max(right.0);
    let shorter = (left.1 - left.0).min(right.1 - right.0);
    if overlap < 0.5 * shorter {
        return false;
    }
    let mostly_cells = |side: (f32, f32, usize, usize)| side.3 * 10 >= side.2 * 6;
    !(mostly_cells(left) && mostly_cells(right))
}

/// Whether both sides of a vertical cut reach over most of the region's height.
fn tall_columns(blocks: &[Block], region: &[usize], cut: f32) -> bool {
    let extent = |pick: &dyn Fn(&Block) -> bool| {
        region
            .iter()
            .map(|&i| &blocks[i])
            .filter(|b| pick(b))
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), b| {
                (lo.min(b.bottom), hi.max(b.top))
            })
    };
    let all = extent(&|_| true);
    let left = extent(&|b| b.u1 <= cut);
    let right = extent(&|b| b.u1 > cut);
    let height = (all.1 - all.0).max(1.0);
    (left.1 - left.0) >= 0.6 * height && (right.1 - right.0) >= 0.6 * height
}

fn median_size(blocks: &[Block], region: &[usize]) -> f32 {
    let mut sizes: Vec<f32> = region.iter().map(|&i| blocks[i].lines[0].size).collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(10.0)
}

/// The middle of the widest vertical gap no block crosses, if it is at least a gutter wide
/// and has blocks on both sides, and the gap's width.
fn vertical_cut(blocks: &[Block], region: &[usize], size: f32) -> Option<(f32, f32)> {
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
    best.map(|(width, at)| (at, width))
}

/// The topmost horizontal gap no block crosses (a value between the lowest bottom of the
/// blocks above and the top of the blocks below, and the gap's height), and the height of the
/// widest such gap (0 when there is none).
fn horizontal_cuts(blocks: &[Block], region: &[usize]) -> (Option<(f32, f32)>, f32) {
    let mut spans: Vec<(f32, f32)> = region
        .iter()
        .map(|&i| (blocks[i].top, blocks[i].bottom))
        .collect();
    spans.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut floor = spans[0].1;
    let (mut topmost, mut widest) = (None, 0.0f32);
    for &(top, bottom) in &spans[1..] {
        if top <= floor {
            topmost.get_or_insert(((top + floor) / 2.0, floor - top));
            widest = widest.max(floor - top);
        }
        floor = floor.min(bottom);
    }
    (topmost, widest)
}
