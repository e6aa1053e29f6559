//! Ruling lines for table detection: the horizontal and vertical strokes a page draws, and the
//! thin filled rectangles writers use for them (ISO 32000-2, 8.5). Curves and slanted lines are
//! of no use to tables and are dropped.

use super::matrix::Matrix;

/// The most ruling lines one page may record.
const MAX_RULINGS: usize = 50_000;

/// A filled rectangle thinner than this (points) is a line.
const THIN: f64 = 3.0;

/// A horizontal (`y0 == y1`) or vertical (`x0 == x1`) line in the upright page frame, with
/// `x0 <= x1` and `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ruling {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Ruling {
    pub fn horizontal(&self) -> bool {
        self.y0 == self.y1
    }
}

/// The path under construction.
#[derive(Debug, Default)]
pub struct PathBuilder {
    segments: Vec<[(f64, f64); 2]>,
    rects: Vec<[(f64, f64); 4]>,
    start: Option<(f64, f64)>,
    current: Option<(f64, f64)>,
}

impl PathBuilder {
    pub fn move_to(&mut self, ctm: &Matrix, x: f64, y: f64) {
        let p = ctm.apply(x, y);
        self.start = Some(p);
        self.current = Some(p);
    }

    pub fn line_to(&mut self, ctm: &Matrix, x: f64, y: f64) {
        let p = ctm.apply(x, y);
        if let Some(from) = self.current {
            self.push(from, p);
        }
        self.current = Some(p);
    }

    /// A curve's end point becomes the current point; the curve is no ruling.
    pub fn curve_to(&mut self, ctm: &Matrix, x: f64, y: f64) {
        self.current = Some(ctm.apply(x, y));
    }

    pub fn close(&mut self) {
        if let (Some(from), Some(to)) = (self.current, self.start) {
            self.push(from, to);
            self.current = Some(to);
        }
    }

    pub fn rect(&mut self, ctm: &Matrix, x: f64, y: f64, w: f64, h: f64) {
        let corners = [
            ctm.apply(x, y),
            ctm.apply(x + w, y),
            ctm.apply(x + w, y + h),
            ctm.apply(x, y + h),
        ];
        if self.rects.len() < MAX_RULINGS {
            self.rects.push(corners);
        }
        self.start = Some(corners[0]);
        self.current = Some(corners[0]);
    }

    fn push(&mut self, from: (f64, f64), to: (f64, f64)) {
        if self.segments.len() < MAX_RULINGS {
            self.segments.push([from, to]);
        }
    }

    /// Ends the path: stroked, its segments and rectangle edges are rulings; filled, its thin
    /// rectangles are.
    pub fn finish(&mut self, stroke: bool, fill: bool, out: &mut Vec<Ruling>) {
        if stroke {
            for [a, b] in self.segments.drain(..) {
                push_axis_aligned(a, b, out);
            }
            for r in &self.rects {
                for i in 0..4 {
                    push_axis_aligned(r[i], r[(i + 1) % 4], out);
                }
            }
        } else if fill {
            for r in &self.rects {
                let (x0, x1, y0, y1) = bounds(r);
                if y1 - y0 <= THIN && x1 - x0 > y1 - y0 {
                    let y = (y0 + y1) / 2.0;
                    push_axis_aligned((x0, y), (x1, y), out);
                } else if x1 - x0 <= THIN && y1 - y0 > x1 - x0 {
                    let x = (x0 + x1) / 2.0;
                    push_axis_aligned((x, y0), (x, y1), out);
                }
            }
        }
        self.segments.clear();
        self.rects.clear();
        self.start = None;
        self.current = None;
    }
}

fn bounds(r: &[(f64, f64); 4]) -> (f64, f64, f64, f64) {
    let xs = r.iter().map(|p| p.0);
    let ys = r.iter().map(|p| p.1);
    (
        xs.clone().fold(f64::INFINITY, f64::min),
        xs.fold(f64::NEG_INFINITY, f64::max),
        ys.clone().fold(f64::INFINITY, f64::min),
        ys.fold(f64::NEG_INFINITY, f64::max),
    )
}

fn push_axis_aligned(a: (f64, f64), b: (f64, f64), out: &mut Vec<Ruling>) {
    if out.len() >= MAX_RULINGS || ![a.0, a.1, b.0, b.1].iter().all(|v| v.is_finite()) {
        return;
    }
    let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
    if dy < 0.5 && dx >= 1.0 {
        let y = ((a.1 + b.1) / 2.0) as f32;
        out.push(Ruling {
            x0: a.0.min(b.0) as f32,
            y0: y,
            x1: a.0.max(b.0) as f32,
            y1: y,
        });
    } else if dx < 0.5 && dy >= 1.0 {
        let x = ((a.0 + b.0) / 2.0) as f32;
        out.push(Ruling {
            x0: x,
            y0: a.1.min(b.1) as f32,
            x1: x,
            y1: a.1.max(b.1) as f32,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strokes_and_thin_fills_become_rulings_and_slants_do_not() {
        let mut path = PathBuilder::default();
        let mut out = Vec::new();
        path.move_to(&Matrix::IDENTITY, 0.0, 0.0);
        path.line_to(&Matrix::IDENTITY, 100.0, 0.0);
        path.line_to(&Matrix::IDENTITY, 150.0, 50.0);
        path.finish(true, false, &mut out);
        assert_eq!(out.len(), 1);
        assert!(out[0].horizontal());
        path.rect(&Matrix::IDENTITY, 10.0, 10.0, 0.5, 80.0);
        path.finish(false, true, &mut out);
        assert_eq!(out.len(), 2);
        assert!(!out[1].horizontal());
        assert_eq!((out[1].y0, out[1].y1), (10.0, 90.0));
    }
}
