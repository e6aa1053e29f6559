//! Tables on a page (with `extractTables`): ruled tables, whose grid the page draws with lines
//! or thin rectangles, and whitespace tables, whose rows are text pieces that line up in three or
//! more columns over three or more consecutive lines. Cells get the text of the glyphs inside
//! them, words spaced as in the page's text. Only upright text takes part.

use super::lines::{self, Line};
use crate::formats::pdf::content::{Glyph, PageContent, Ruling};

/// Coordinates closer than this (points) are the same grid line.
const SNAP: f32 = 2.0;
/// The most rulings considered on one page (the rest are ignored).
const MAX_RULINGS: usize = 5_000;
/// The most cells one table may have.
const MAX_CELLS: usize = 10_000;

/// A table found on a page: its rows of cells, and where it is (upright frame, points).
#[derive(Debug, Clone, PartialEq)]
pub struct PageTable {
    pub cells: Vec<Vec<String>>,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl PageTable {
    /// Whether the point lies inside the table.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x0 - SNAP && x <= self.x1 + SNAP && y >= self.y0 - SNAP && y <= self.y1 + SNAP
    }
}

/// The tables of a page: ruled ones first, then whitespace tables outside them, each in
/// reading order (top to bottom).
pub fn tables(page: &PageContent<'_>, page_lines: &[Line]) -> Vec<PageTable> {
    let mut found = ruled(page);
    let mut aligned = whitespace(page_lines, &found);
    found.append(&mut aligned);
    found.sort_by(|a, b| b.y1.total_cmp(&a.y1));
    found
}

/// Ruled tables: groups of horizontal and vertical rulings that cross one another, as a grid.
fn ruled(page: &PageContent<'_>) -> Vec<PageTable> {
    let rulings: Vec<Ruling> = page.rulings.iter().take(MAX_RULINGS).copied().collect();
    let (horizontal, vertical): (Vec<Ruling>, Vec<Ruling>) =
        rulings.into_iter().partition(Ruling::horizontal);
    let horizontal = merge(horizontal, true);
    let vertical = merge(vertical, false);
    if horizontal.len() < 2 || vertical.len() < 2 {
        return Vec::new();
    }
    // Connected groups of crossing lines: union-find over horizontal (0..h) and vertical (h..).
    let h = horizontal.len();
    let mut parent: Vec<usize> = (0..h + vertical.len()).collect();
    for (i, a) in horizontal.iter().enumerate() {
        for (j, b) in vertical.iter().enumerate() {
            if crosses(a, b) {
                union(&mut parent, i, h + j);
            }
        }
    }
    let mut groups: Vec<(Vec<Ruling>, Vec<Ruling>)> = Vec::new();
    let mut index_of: Vec<Option<usize>> = vec![None; parent.len()];
    for i in 0..parent.len() {
        let root = find(&mut parent, i);
        let group = *index_of[root].get_or_insert_with(|| {
            groups.push((Vec::new(), Vec::new()));
            groups.len() - 1
        });
        if i < h {
            groups[group].0.push(horizontal[i]);
        } else {
            groups[group].1.push(vertical[i - h]);
        }
    }
    groups
        .into_iter()
        .filter_map(|(hs, vs)| grid(page, &hs, &vs))
        .collect()
}

/// The table a group of crossing rulings draws, if it has at least two rows and two columns
/// and text in at least three cells.
fn grid(page: &PageContent<'_>, hs: &[Ruling], vs: &[Ruling]) -> Option<PageTable> {
    let rows = edges(hs.iter().map(|r| r.y0));
    let columns = edges(vs.iter().map(|r| r.x0));
    if rows.len() < 3 || columns.len() < 3 || (rows.len() - 1) * (columns.len() - 1) > MAX_CELLS {
        return None;
    }
    // Rows top to bottom.
    let ys: Vec<f32> = rows.iter().rev().copied().collect();
    let mut cells: Vec<Vec<Vec<u32>>> = vec![vec![Vec::new(); columns.len() - 1]; ys.len() - 1];
    for (index, glyph) in page.glyphs.iter().enumerate() {
        if glyph.dir != 0 || glyph.has(Glyph::SPACE) {
            continue;
        }
        let x = (glyph.u0 + glyph.u1) / 2.0;
        let y = glyph.v + 0.3 * glyph.size;
        let Some(column) = columns.windows(2).position(|w| x >= w[0] && x < w[1]) else {
            continue;
        };
        let Some(row) = ys.windows(2).position(|w| y <= w[0] && y > w[1]) else {
            continue;
        };
        cells[row][column].push(u32::try_from(index).unwrap_or(u32::MAX));
    }
    let text: Vec<Vec<String>> = cells
        .into_iter()
        .map(|row| row.into_iter().map(|g| cell_text(page, g)).collect())
        .collect();
    let filled = text.iter().flatten().filter(|c| !c.is_empty()).count();
    if filled < 3 {
        return None;
    }
    Some(PageTable {
        cells: text,
        x0: columns[0],
        x1: *columns.last()?,
        y0: rows[0],
        y1: *rows.last()?,
    })
}

/// Sorted, distinct grid positions: values closer than [`SNAP`] are one.
fn edges(values: impl Iterator<Item = f32>) -> Vec<f32> {
    let mut all: Vec<f32> = values.filter(|v| v.is_finite()).collect();
    all.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for v in all {
        match out.last() {
            Some(last) if v - last < SNAP => {}
            _ => out.push(v),
        }
    }
    out
}

/// Collinear rulings that overlap or touch, joined.
fn merge(mut rulings: Vec<Ruling>, horizontal: bool) -> Vec<Ruling> {
    let key = |r: &Ruling| {
        if horizontal {
            (r.y0, r.x0)
        } else {
            (r.x0, r.y0)
        }
    };
    rulings.sort_by(|a, b| {
        let (a, b) = (key(a), key(b));
        a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1))
    });
    let mut out: Vec<Ruling> = Vec::new();
    for r in rulings {
        if let Some(last) = out.last_mut() {
            let joined = if horizontal {
                (r.y0 - last.y0).abs() < SNAP && r.x0 <= last.x1 + SNAP
            } else {
                (r.x0 - last.x0).abs() < SNAP && r.y0 <= last.y1 + SNAP
            };
            if joined {
                last.x1 = last.x1.max(r.x1);
                last.y1 = last.y1.max(r.y1);
                continue;
            }
        }
        out.push(r);
    }
    out
}

fn crosses(h: &Ruling, v: &Ruling) -> bool {
    v.x0 >= h.x0 - SNAP && v.x0 <= h.x1 + SNAP && h.y0 >= v.y0 - SNAP && h.y0 <= v.y1 + SNAP
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra] = rb;
    }
}

/// The text of a cell's glyphs: their lines top to bottom, joined by spaces.
fn cell_text(page: &PageContent<'_>, mut glyphs: Vec<u32>) -> String {
    if glyphs.is_empty() {
        return String::new();
    }
    glyphs.sort_by(|&a, &b| {
        let (a, b) = (&page.glyphs[a as usize], &page.glyphs[b as usize]);
        b.v.total_cmp(&a.v).then(a.u0.total_cmp(&b.u0))
    });
    let mut rows: Vec<Vec<u32>> = Vec::new();
    for g in glyphs {
        let glyph = &page.glyphs[g as usize];
        match rows.last_mut() {
            Some(row)
                if (page.glyphs[row[0] as usize].v - glyph.v).abs()
                    <= 0.5 * glyph.size.max(page.glyphs[row[0] as usize].size) =>
            {
                row.push(g)
            }
            _ => rows.push(vec![g]),
        }
    }
    let texts: Vec<String> = rows
        .into_iter()
        .map(|mut row| {
            row.sort_by(|&a, &b| {
                page.glyphs[a as usize]
                    .u0
                    .total_cmp(&page.glyphs[b as usize].u0)
            });
            lines::text_of(&row, page)
        })
        .filter(|t| !t.trim().is_empty())
        .collect();
    texts.join(" ")
}

/// Whitespace tables: runs of three or more consecutive text rows, each cut by wide gaps into
/// pieces that fall into the same three or more columns.
fn whitespace(page_lines: &[Line], ruled: &[PageTable]) -> Vec<PageTable> {
    // Rows: the upright line pieces outside ruled tables, grouped by baseline, top to bottom.
    let mut pieces: Vec<&Line> = page_lines
        .iter()
        .filter(|l| l.dir == 0)
        .filter(|l| !ruled.iter().any(|t| t.contains((l.u0 + l.u1) / 2.0, l.v)))
        .collect();
    pieces.sort_by(|a, b| b.v.total_cmp(&a.v).then(a.u0.total_cmp(&b.u0)));
    let mut rows: Vec<Vec<&Line>> = Vec::new();
    for piece in pieces {
        match rows.last_mut() {
            Some(row) if (row[0].v - piece.v).abs() <= 0.3 * piece.size.max(row[0].size) => {
                row.push(piece)
            }
            _ => rows.push(vec![piece]),
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let mut end = start;
        // Extend the run while rows have three or more pieces and line up with the first.
        while end < rows.len() && rows[end].len() >= 3 && aligned(&rows[start], &rows[end]) {
            end += 1;
        }
        if end - start >= 3 {
            out.push(aligned_table(&rows[start..end]));
            start = end;
        } else {
            start += 1;
        }
    }
    out
}

/// Whether `row` has its pieces in the columns of `first`: each piece starts or ends where a
/// piece of `first` does (left- or right-aligned columns), or overlaps one.
fn aligned(first: &[&Line], row: &[&Line]) -> bool {
    if row.len() < first.len().saturating_sub(1) || row.len() > first.len() + 1 {
        return false;
    }
    let matched = row
        .iter()
        .filter(|p| {
            first.iter().any(|c| {
                let tolerance = 0.5 * c.size;
                (p.u0 - c.u0).abs() <= tolerance
                    || (p.u1 - c.u1).abs() <= tolerance
                    || (p.u0 < c.u1 && c.u0 < p.u1)
            })
        })
        .count();
    matched * 10 >= row.len() * 9
}

/// The table of aligned rows: columns from the first row's pieces, each piece in the column it
/// overlaps most.
fn aligned_table(rows: &[Vec<&Line>]) -> PageTable {
    let columns: Vec<(f32, f32)> = rows[0].iter().map(|p| (p.u0, p.u1)).collect();
    let mut cells = Vec::with_capacity(rows.len());
    let (mut x0, mut x1) = (f32::INFINITY, f32::NEG_INFINITY);
    for row in rows {
        let mut cell_row = vec![String::new(); columns.len()];
        for piece in row {
            x0 = x0.min(piece.u0);
            x1 = x1.max(piece.u1);
            let column = columns
                .iter()
                .enumerate()
                .min_by(|(_, a), (_, b)| distance(piece, **a).total_cmp(&distance(piece, **b)))
                .map_or(0, |(i, _)| i);
            let cell = &mut cell_row[column];
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(piece.text.trim());
        }
        cells.push(cell_row);
    }
    let top = &rows[0][0];
    let bottom = &rows[rows.len() - 1][0];
    PageTable {
        cells,
        x0,
        x1,
        y0: bottom.v - 0.25 * bottom.size,
        y1: top.v + 0.8 * top.size,
    }
}

/// How far a piece is from a column: 0 when they overlap, else the gap between them.
fn distance(piece: &Line, column: (f32, f32)) -> f32 {
    if piece.u0 < column.1 && column.0 < piece.u1 {
        0.0
    } else {
        (piece.u0 - column.1).max(column.0 - piece.u1)
    }
}
