//! The content-stream interpreter for text (ISO 32000-2, 8 and 9): it runs a page's operators
//! with the graphics and text state, and records what text extraction and OCR need: every glyph
//! with its text, position, size and font; where images are placed; and, for table detection,
//! the ruling lines the page draws.

mod interpreter;
mod marked;
pub mod matrix;
mod paths;

use hayro_syntax::object::Stream;

pub use interpreter::{interpret_page, FormCache};
pub use matrix::Matrix;
pub use paths::Ruling;

/// A glyph as the page shows it, in its reading frame: `u` runs along the baseline in the
/// writing direction, `v` across it (up), both in points. `dir` says how the frame is turned
/// against the upright page: 0 for normal text, 1, 2 or 3 for text turned 90°, 180° or 270°
/// counter-clockwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The glyph's text: `text[start..start + len]` of its page.
    pub start: u32,
    pub len: u32,
    pub u0: f32,
    pub u1: f32,
    /// The baseline at the glyph's origin.
    pub v: f32,
    /// The baseline at the glyph's end: the same as `v` but for text set at a slant.
    pub v1: f32,
    /// The font size as shown (the em height, in points).
    pub size: f32,
    /// The width of a space in this font at this size, in points.
    pub space: f32,
    pub dir: u8,
    /// Index of the glyph's font in [`PageContent::fonts`].
    pub font: u16,
    pub flags: u8,
}

impl Glyph {
    /// Text render mode 3 or 7: the glyph is not painted (the text layer of a scan).
    pub const INVISIBLE: u8 = 1;
    /// Inside marked content tagged `/Artifact` (page headers, footers, decoration).
    pub const ARTIFACT: u8 = 2;
    /// The glyph's text is white space.
    pub const SPACE: u8 = 4;
    /// The glyph replaces others by their `/ActualText`.
    pub const ACTUAL_TEXT: u8 = 8;

    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    pub fn width(&self) -> f32 {
        self.u1 - self.u0
    }
}

/// The style of a font a page uses, for Markdown (headings) and statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct FontStyle {
    pub name: String,
    pub bold: bool,
    pub italic: bool,
}

/// An image drawn on a page: the unit square through `ctm` is where it lands (in the page's
/// upright frame, points, origin bottom-left).
#[derive(Debug, Clone)]
pub struct ImagePlacement<'a> {
    pub stream: Stream<'a>,
    pub ctm: Matrix,
}

/// What the interpreter records for one page.
#[derive(Debug)]
pub struct PageContent<'a> {
    pub glyphs: Vec<Glyph>,
    /// The glyphs' text, one after the other.
    pub text: String,
    pub fonts: Vec<FontStyle>,
    pub images: Vec<ImagePlacement<'a>>,
    pub rulings: Vec<Ruling>,
    /// The page's upright size in points.
    pub width: f32,
    pub height: f32,
    /// The upright frame → the unrotated page (user space, from the crop box's corner).
    pub to_page: Matrix,
    /// The unrotated page's size, and its `/Rotate` (clockwise degrees).
    pub page_width: f32,
    pub page_height: f32,
    pub rotate: u16,
    pub stats: GlyphStats,
}

impl Default for PageContent<'_> {
    fn default() -> Self {
        PageContent {
            glyphs: Vec::new(),
            text: String::new(),
            fonts: Vec::new(),
            images: Vec::new(),
            rulings: Vec::new(),
            width: 0.0,
            height: 0.0,
            to_page: Matrix::IDENTITY,
            page_width: 0.0,
            page_height: 0.0,
            rotate: 0,
            stats: GlyphStats::default(),
        }
    }
}

/// Counts of glyphs by how their text was found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct GlyphStats {
    /// Glyphs whose text the document or the font defines.
    pub mapped: u64,
    /// Glyphs read as their code, for lack of a mapping.
    pub by_code: u64,
    /// Glyphs that map to no text at all.
    pub unmapped: u64,
    /// Glyphs replaced by an `/ActualText`.
    pub replaced: u64,
}

impl GlyphStats {
    pub fn add(&mut self, other: &GlyphStats) {
        self.mapped += other.mapped;
        self.by_code += other.by_code;
        self.unmapped += other.unmapped;
        self.replaced += other.replaced;
    }
}

/// What the interpreter should collect besides glyphs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Collect {
    pub images: bool,
    pub rulings: bool,
}
