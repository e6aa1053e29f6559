//! Glyphs → lines: overprinted duplicates removed, glyphs gathered into runs along their
//! baseline (superscripts and subscripts stay on their line), runs on one baseline joined when
//! they touch, and the words of a line separated by the spaces the gaps imply, whether or not
//! the PDF draws space glyphs.

use std::hash::Hasher;

use crate::formats::pdf::content::{Glyph, PageContent};

/// A line (or a piece of one, where a wide gap splits it): glyphs on one baseline in reading
/// order.
#[derive(Debug, Clone)]
pub struct Line {
    /// Indices into the page's glyphs.
    pub glyphs: Vec<u32>,
    pub dir: u8,
    pub u0: f32,
    pub u1: f32,
    /// The baseline of the line's main text (its first full-size glyph).
    pub v: f32,
    /// The largest font size on the line.
    pub size: f32,
    /// The line's text with its inferred spaces, filled by [`text`].
    pub text: String,
}

impl Line {
    fn new(index: u32, glyph: &Glyph) -> Line {
        Line {
            glyphs: vec![index],
            dir: glyph.dir,
            u0: glyph.u0,
            u1: glyph.u1,
            v: glyph.v,
            size: glyph.size,
            text: String::new(),
        }
    }

    fn push(&mut self, index: u32, glyph: &Glyph) {
        self.glyphs.push(index);
        self.u0 = self.u0.min(glyph.u0);
        self.u1 = self.u1.max(glyph.u1);
        if glyph.size > self.size * 1.05 {
            // A larger glyph carries the line's baseline (the rest may be superscripts).
            self.v = glyph.v;
        }
        self.size = self.size.max(glyph.size);
    }

    /// Whether `glyph` sits on this line's baseline, allowing for super- and subscripts.
    fn on_baseline(&self, glyph: &Glyph) -> bool {
        glyph.dir == self.dir && (glyph.v - self.v).abs() <= 0.5 * self.size.max(glyph.size)
    }
}

/// How far past a run's end (in font sizes) the next glyph may start and still continue it, at
/// most; a gap of more than [`RUN_SPACES`] spaces (but never less than one font size) also ends
/// it, so two columns a narrow gutter apart stay apart.
const RUN_GAP: f32 = 1.5;
const RUN_SPACES: f32 = 3.5;

/// Whether `text` is a list bullet.
pub fn is_bullet(text: &str) -> bool {
    matches!(
        text,
        "•" | "●"
            | "○"
            | "◦"
            | "▪"
            | "▫"
            | "■"
            | "□"
            | "‣"
            | "–"
            | "-"
            | "*"
            | "·"
            | "\u{F0B7}"
            | "\u{F0A7}"
    )
}

/// The widest gap that continues a run of glyphs of `size` whose space is `space` wide.
fn run_gap(size: f32, space: f32) -> f32 {
    (RUN_GAP * size).min((RUN_SPACES * space).max(size))
}

/// The page's lines, each in reading order along its baseline, unordered among themselves.
pub fn lines(page: &PageContent<'_>) -> Vec<Line> {
    let keep = without_duplicates(page);
    let mut runs: Vec<Line> = Vec::new();
    let mut current: Option<Line> = None;
    for (index, glyph) in page.glyphs.iter().enumerate() {
        if !keep[index] || glyph.size.is_nan() || glyph.size <= 0.0 {
            continue;
        }
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        if let Some(line) = current.as_mut() {
            let gap = glyph.u0 - line.u1;
            let size = line.size.max(glyph.size);
            let last = &page.glyphs[*line.glyphs.last().unwrap_or(&0) as usize];
            // Text set at a slant continues where the last glyph ended.
            let follows = glyph.dir == line.dir
                && (glyph.v - last.v1).abs() <= 0.3 * size
                && (glyph.u0 - last.u1).abs() <= 0.3 * size;
            // A list item's bullet stands a tab away from its text, and belongs to it.
            let bullet = line.glyphs.len() == 1
                && is_bullet(&page.text[last.start as usize..(last.start + last.len) as usize]);
            let reach = if bullet {
                4.0 * size
            } else {
                run_gap(size, last.space.max(glyph.space))
            };
            if follows || (line.on_baseline(glyph) && gap <= reach && gap >= -0.5 * size) {
                line.push(index, glyph);
                continue;
            }
        }
        if let Some(done) = current.replace(Line::new(index, glyph)) {
            runs.push(done);
        }
    }
    runs.extend(current);
    let mut lines = join_runs(runs, &page.glyphs);
    for line in &mut lines {
        line.text = text(line, page);
    }
    lines.retain(|l| !l.text.trim().is_empty());
    lines
}

/// Drops glyphs drawn again over themselves (the fake-bold trick, shadows, text drawn twice):
/// the same text, direction and size as an earlier glyph, and nearly the same place.
fn without_duplicates(page: &PageContent<'_>) -> Vec<bool> {
    const NONE: u32 = u32::MAX;
    let count = page.glyphs.len();
    let mut keep = vec![true; count];
    // The glyphs kept so far, by a hash of their text, direction and the grid cell (of a third
    // of their size) their origin is in: a table of at least twice as many slots as glyphs
    // holds the last one kept in each slot, and each glyph the one kept in its slot before it.
    // A chain is checked glyph by glyph, so a slot shared by other texts or cells only costs a
    // comparison.
    let slots = (count.max(1) * 2).next_power_of_two();
    let mut last_kept = vec![NONE; slots];
    let slot = |key: u64| (key as usize) & (slots - 1);
    let mut earlier_kept = vec![NONE; count];
    let mut cells = vec![(0i64, 0i64); count];
    let text_of = |g: &Glyph| &page.text[g.start as usize..(g.start + g.len) as usize];
    let key = |text_hash: u64, dir: u8, cell: (i64, i64)| {
        let mut hasher = rustc_hash::FxHasher::default();
        hasher.write_u64(text_hash);
        hasher.write_u8(dir);
        hasher.write_i64(cell.0);
        hasher.write_i64(cell.1);
        hasher.finish()
    };
    for (index, glyph) in page.glyphs.iter().enumerate() {
        if glyph.has(Glyph::SPACE) || glyph.len == 0 {
            continue;
        }
        let text = text_of(glyph);
        let text_hash = {
            let mut hasher = rustc_hash::FxHasher::default();
            hasher.write(text.as_bytes());
            hasher.finish()
        };
        let cell = (glyph.size * 0.3).max(0.5);
        let (fu, fv) = (glyph.u0 / cell, glyph.v / cell);
        let (cu, cv) = (fu.floor() as i64, fv.floor() as i64);
        // A duplicate lies within a tenth of the size (a third of a cell) in both directions, so
        // only the neighbouring cells on the sides the glyph is near can hold one.
        let near = |fraction: f32| -> (i64, i64) {
            (
                if fraction < 0.34 { -1 } else { 0 },
                if fraction > 0.66 { 1 } else { 0 },
            )
        };
        let (u_from, u_to) = near(fu - fu.floor());
        let (v_from, v_to) = near(fv - fv.floor());
        // Within a third of the glyph's width (as PDFBox judges overlap) and a tenth of its
        // size: narrow letters next to each other, as in "ll", are not duplicates.
        let reach = (glyph.width() / 3.0).min(0.1 * glyph.size);
        let duplicate = (u_from..=u_to).any(|du| {
            (v_from..=v_to).any(|dv| {
                let probed = (cu + du, cv + dv);
                let mut e = last_kept[slot(key(text_hash, glyph.dir, probed))];
                while let Some(other) = page.glyphs.get(e as usize) {
                    if cells[e as usize] == probed
                        && other.dir == glyph.dir
                        && (other.u0 - glyph.u0).abs() < reach
                        && (other.v - glyph.v).abs() < 0.1 * glyph.size
                        && (other.size - glyph.size).abs() < 0.1 * glyph.size
                        && text_of(other) == text
                    {
                        return true;
                    }
                    e = earlier_kept[e as usize];
                }
                false
            })
        });
        if duplicate {
            keep[index] = false;
        } else {
            cells[index] = (cu, cv);
            let last = &mut last_kept[slot(key(text_hash, glyph.dir, (cu, cv)))];
            earlier_kept[index] = *last;
            *last = u32::try_from(index).unwrap_or(NONE);
        }
    }
    keep
}

/// Joins runs that continue one another on the same baseline (text drawn out of order, or
/// a line shown in several pieces), and orders each line's glyphs along it.
fn join_runs(mut runs: Vec<Line>, glyphs: &[Glyph]) -> Vec<Line> {
    runs.sort_by(|a, b| {
        a.dir
            .cmp(&b.dir)
            .then(b.v.total_cmp(&a.v))
            .then(a.u0.total_cmp(&b.u0))
    });
    let mut lines: Vec<Line> = Vec::with_capacity(runs.len());
    // Lines still open for joining, per direction: indices into `lines`, most recent last.
    let mut open: Vec<usize> = Vec::new();
    for run in runs {
        // Only lines whose baseline is near can take the run; the sort makes them recent.
        open.retain(|&i| {
            let line = &lines[i];
            line.dir == run.dir && line.v - run.v <= 0.5 * line.size.max(run.size)
        });
        let target = open.iter().copied().find(|&i| {
            let line = &lines[i];
            let size = line.size.max(run.size);
            (line.v - run.v).abs() <= 0.3 * size
                && run.u0 - line.u1 <= run_gap(size, space_of(line, glyphs))
                && run.u0 >= line.u1 - 0.5 * size
        });
        match target {
            Some(i) => {
                let line = &mut lines[i];
                for &g in &run.glyphs {
                    line.push(g, &glyphs[g as usize]);
                }
            }
            None => {
                open.push(lines.len());
                lines.push(run);
            }
        }
    }
    for line in &mut lines {
        let ordered = line
            .glyphs
            .windows(2)
            .all(|w| glyphs[w[0] as usize].u0 <= glyphs[w[1] as usize].u0 + 0.01);
        if !ordered {
            line.glyphs
                .sort_by(|&a, &b| glyphs[a as usize].u0.total_cmp(&glyphs[b as usize].u0));
        }
    }
    lines
}

/// The space width of a line's last glyph.
fn space_of(line: &Line, glyphs: &[Glyph]) -> f32 {
    line.glyphs
        .last()
        .map_or(0.0, |&g| glyphs[g as usize].space)
}

/// The text of a line: its glyphs' text, with a space wherever the gap between two glyphs is
/// wider than the font's space allows for letters of one word (as PDFBox judges it: half a
/// space, or under a third of an average letter).
pub fn text(line: &Line, page: &PageContent<'_>) -> String {
    text_of(&line.glyphs, page)
}

/// The text of glyphs in reading order along one baseline, spaced as in [`text`]. A spacing
/// accent drawn over a letter (as TeX sets `ğ`: a `g` and a breve) becomes the combining accent
/// of that letter. A glyph that stands for several right-to-left letters (a lam-alef ligature)
/// has them in logical order; they are written reversed, as the rest of the visual line is,
/// so that putting the line into logical order puts them back.
pub fn text_of(glyphs: &[u32], page: &PageContent<'_>) -> String {
    let mut out = String::with_capacity(glyphs.len() + 8);
    let mut previous: Option<&Glyph> = None;
    let mut pending_accent: Option<char> = None;
    let mut combined = false;
    for (position, &index) in glyphs.iter().enumerate() {
        let glyph = &page.glyphs[index as usize];
        let text = &page.text[glyph.start as usize..(glyph.start + glyph.len) as usize];
        if let Some(mark) = single_char(text).and_then(combining_accent) {
            let centre = (glyph.u0 + glyph.u1) / 2.0;
            let over = |g: &Glyph| !g.has(Glyph::SPACE) && centre >= g.u0 && centre <= g.u1;
            if previous.is_some_and(over) && !out.ends_with(' ') {
                out.push(mark);
                combined = true;
                continue;
            }
            let next = glyphs.get(position + 1).map(|&n| &page.glyphs[n as usize]);
            if next.is_some_and(over) {
                pending_accent = Some(mark);
                continue;
            }
        }
        if let Some(prev) = previous {
            if !prev.has(Glyph::SPACE) && !glyph.has(Glyph::SPACE) && !out.ends_with(' ') {
                let gap = glyph.u0 - prev.u1;
                if gap > space_threshold(prev, glyph, page) {
                    out.push(' ');
                }
            }
        }
        if glyph.has(Glyph::SPACE) {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if text.chars().nth(1).is_some() && text.chars().any(is_right_to_left) {
            out.extend(text.chars().rev());
        } else {
            out.push_str(text);
        }
        if let Some(mark) = pending_accent.take() {
            out.push(mark);
            combined = true;
        }
        previous = Some(glyph);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if combined {
        use unicode_normalization::UnicodeNormalization;
        out = out.nfc().collect();
    }
    out
}

fn single_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// The combining form of a spacing accent.
fn combining_accent(c: char) -> Option<char> {
    Some(match c {
        '`' | '\u{2CB}' => '\u{300}',
        '\u{B4}' | '\u{2CA}' => '\u{301}',
        '\u{2C6}' | '^' => '\u{302}',
        '\u{2DC}' | '~' => '\u{303}',
        '\u{AF}' | '\u{2C9}' => '\u{304}',
        '\u{2D8}' => '\u{306}',
        '\u{2D9}' => '\u{307}',
        '\u{A8}' => '\u{308}',
        '\u{2DA}' => '\u{30A}',
        '\u{2DD}' => '\u{30B}',
        '\u{2C7}' => '\u{30C}',
        '\u{B8}' => '\u{327}',
        '\u{2DB}' => '\u{328}',
        _ => return None,
    })
}

/// Whether `c` belongs to a right-to-left script (Hebrew, Arabic, Syriac, Thaana, NKo, …).
pub fn is_right_to_left(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

/// The gap above which two glyphs belong to different words.
fn space_threshold(prev: &Glyph, next: &Glyph, page: &PageContent<'_>) -> f32 {
    let chars = |g: &Glyph| {
        page.text[g.start as usize..(g.start + g.len) as usize]
            .chars()
            .count()
            .max(1) as f32
    };
    let average = (prev.width() / chars(prev) + next.width() / chars(next)) / 2.0;
    let space = if prev.space > 0.0 {
        prev.space
    } else {
        0.25 * prev.size
    };
    let threshold = (0.5 * space).min(0.3 * average.max(0.0));
    threshold.max(0.06 * prev.size.min(next.size))
}
