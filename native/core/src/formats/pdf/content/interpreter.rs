//! Runs content streams: the graphics state (`q`/`Q`, `cm`), the text state and text-showing
//! operators (ISO 32000-2, 9.3 and 9.4), Form XObjects (8.10, recursively, cycle-safe), marked
//! content, and, when asked, images and paths. Glyph positions follow 9.4.4: the text rendering
//! matrix places each glyph, and its advance moves the text matrix.

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use hayro_syntax::content::UntypedIter;
use hayro_syntax::object::{Array, Dict, Name, Object, ObjectIdentifier, Stream};
use hayro_syntax::page::{Page, Rotation};

use super::marked::{self, MarkedContent};
use super::matrix::Matrix;
use super::paths::PathBuilder;
use super::{Collect, FontStyle, Glyph, ImagePlacement, PageContent};
use crate::document::{ErrorKind, ExtractionError};
use crate::formats::pdf::filters::{decode_stream, Budget};
use crate::formats::pdf::fonts::{Font, FontCache, TextSource};
use crate::limits::Context;

/// The most glyphs one page may show.
const MAX_GLYPHS: usize = 2_000_000;
/// The deepest Form XObject nesting followed.
const MAX_FORM_DEPTH: usize = 32;
/// The deepest `q` nesting kept (deeper saves are counted, not stored).
const MAX_SAVE_DEPTH: usize = 4096;
/// The most images recorded for OCR on one page.
const MAX_IMAGES: usize = 4096;

/// The graphics and text state that `q`/`Q` save and restore (8.4, 9.3).
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<(Rc<Font>, u16)>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    /// Horizontal scaling as a factor (`Tz` / 100).
    scale: f64,
    leading: f64,
    rise: f64,
    render_mode: i64,
}

/// The resources a content stream names fonts, XObjects and marked-content properties from.
#[derive(Clone, Default)]
struct Resources<'a> {
    fonts: Dict<'a>,
    x_objects: Dict<'a>,
    properties: Dict<'a>,
}

impl<'a> Resources<'a> {
    fn from_dict(dict: &Dict<'a>) -> Self {
        Resources {
            fonts: dict.get::<Dict<'a>>(b"Font").unwrap_or_default(),
            x_objects: dict.get::<Dict<'a>>(b"XObject").unwrap_or_default(),
            properties: dict.get::<Dict<'a>>(b"Properties").unwrap_or_default(),
        }
    }

    /// A page's resources, inherited from the page tree where the page has none (7.7.3.4).
    fn from_page(page: &Page<'a>) -> Self {
        let inherited = page.resources();
        Resources {
            fonts: inherited.fonts.clone(),
            x_objects: inherited.x_objects.clone(),
            properties: inherited.properties.clone(),
        }
    }
}

/// The XObjects of one document, resolved once each (by the reference that names them), and
/// the decoded content of its Form XObjects, shared by every use of a form.
#[derive(Default)]
pub struct FormCache<'a> {
    forms: HashMap<ObjectIdentifier, Rc<Vec<u8>>>,
    x_objects: HashMap<ObjectIdentifier, XObject<'a>>,
}

/// A resolved XObject.
#[derive(Clone)]
enum XObject<'a> {
    Image(Stream<'a>),
    Form(Rc<Form<'a>>),
    /// Not a stream, or of another subtype.
    Other,
}

/// A Form XObject's stream, `/Matrix` and own `/Resources` (8.10).
struct Form<'a> {
    stream: Stream<'a>,
    matrix: Matrix,
    resources: Option<Resources<'a>>,
}

impl<'a> XObject<'a> {
    fn read(stream: Option<Stream<'a>>) -> XObject<'a> {
        let Some(stream) = stream else {
            return XObject::Other;
        };
        let dict = stream.dict();
        let subtype = dict.get::<Name<'_>>(b"Subtype");
        match subtype.as_ref().map(|n| n.as_ref()) {
            Some(b"Image") => XObject::Image(stream),
            Some(b"Form") | None => {
                let matrix = dict
                    .get::<Array<'_>>(b"Matrix")
                    .map(|a| a.iter::<f64>().take(6).collect::<Vec<_>>())
                    .and_then(|v| Matrix::from_slice(&v))
                    .unwrap_or(Matrix::IDENTITY);
                let resources = dict
                    .get::<Dict<'a>>(b"Resources")
                    .map(|r| Resources::from_dict(&r));
                XObject::Form(Rc::new(Form {
                    stream,
                    matrix,
                    resources,
                }))
            }
            _ => XObject::Other,
        }
    }
}

impl<'a> FormCache<'a> {
    /// The XObject that entry `name` of an `/XObject` resource dictionary names.
    fn get(&mut self, x_objects: &Dict<'a>, name: &[u8]) -> XObject<'a> {
        match x_objects.get_ref(name) {
            Some(reference) => self
                .x_objects
                .entry(reference.into())
                .or_insert_with(|| XObject::read(x_objects.get::<Stream<'a>>(name)))
                .clone(),
            None => XObject::read(x_objects.get::<Stream<'a>>(name)),
        }
    }
}

/// Interprets page `page` and returns its glyphs and, as `collect` asks, images and rulings.
pub fn interpret_page<'a>(
    page: &Page<'a>,
    content: &[u8],
    fonts: &mut FontCache,
    forms: &mut FormCache<'a>,
    collect: Collect,
    ctx: &Context<'_>,
    budget: &Budget,
) -> Result<PageContent<'a>, ExtractionError> {
    let crop = page.crop_box();
    let (x0, y0) = (crop.x0.min(crop.x1), crop.y0.min(crop.y1));
    let (x1, y1) = (crop.x0.max(crop.x1), crop.y0.max(crop.y1));
    let (display, width, height) = match page.rotation() {
        Rotation::None => (Matrix::new(1.0, 0.0, 0.0, 1.0, -x0, -y0), x1 - x0, y1 - y0),
        Rotation::Horizontal => (Matrix::new(0.0, -1.0, 1.0, 0.0, -y0, x1), y1 - y0, x1 - x0),
        Rotation::Flipped => (Matrix::new(-1.0, 0.0, 0.0, -1.0, x1, y1), x1 - x0, y1 - y0),
        Rotation::FlippedHorizontal => {
            (Matrix::new(0.0, 1.0, -1.0, 0.0, y1, -x0), y1 - y0, x1 - x0)
        }
    };
    let rotate = match page.rotation() {
        Rotation::None => 0,
        Rotation::Horizontal => 90,
        Rotation::Flipped => 180,
        Rotation::FlippedHorizontal => 270,
    };
    let to_page = crate::formats::pdf::images::invert(&display).then(&Matrix::translate(-x0, -y0));
    let mut run = Interpreter {
        out: PageContent {
            width: width as f32,
            height: height as f32,
            to_page,
            page_width: (x1 - x0) as f32,
            page_height: (y1 - y0) as f32,
            rotate,
            ..PageContent::default()
        },
        fonts,
        forms,
        font_index: HashMap::default(),
        collect,
        marked: MarkedContent::default(),
        path: PathBuilder::default(),
        form_stack: Vec::new(),
        ctx,
        budget,
    };
    let state = State {
        ctm: display,
        font: None,
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
        render_mode: 0,
    };
    let resources = Resources::from_page(page);
    run.stream(content, &resources, state)?;
    Ok(run.out)
}

struct Interpreter<'a, 'r> {
    out: PageContent<'a>,
    fonts: &'r mut FontCache,
    forms: &'r mut FormCache<'a>,
    /// Font identity → its index in `out.fonts`.
    font_index: HashMap<*const Font, u16>,
    collect: Collect,
    marked: MarkedContent,
    path: PathBuilder,
    form_stack: Vec<ObjectIdentifier>,
    ctx: &'r Context<'r>,
    budget: &'r Budget,
}

impl<'a> Interpreter<'a, '_> {
    /// Runs one content stream with `resources`, starting from `state`.
    fn stream(
        &mut self,
        content: &[u8],
        resources: &Resources<'a>,
        mut state: State,
    ) -> Result<(), ExtractionError> {
        let mut saved: Vec<State> = Vec::new();
        let mut unsaved_depth = 0usize;
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut numbers: Vec<f64> = Vec::with_capacity(8);
        let mut iter = UntypedIter::new(content);
        while let Some(instruction) = iter.next() {
            self.ctx.tick()?;
            numbers.clear();
            numbers.extend(instruction.operands().filter_map(|o| match o {
                Object::Number(n) => Some(n.as_f64()),
                _ => None,
            }));
            let operator: &[u8] = instruction.operator;
            match operator {
                b"q" => {
                    if saved.len() < MAX_SAVE_DEPTH {
                        saved.push(state.clone());
                    } else {
                        unsaved_depth += 1;
                    }
                }
                b"Q" => {
                    if unsaved_depth > 0 {
                        unsaved_depth -= 1;
                    } else if let Some(previous) = saved.pop() {
                        state = previous;
                    }
                }
                b"cm" => {
                    if let Some(m) = Matrix::from_slice(&numbers) {
                        let ctm = m.then(&state.ctm);
                        if ctm.is_finite() {
                            state.ctm = ctm;
                        }
                    }
                }
                b"BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"ET" => {}
                b"Tf" => {
                    let name = instruction.operands().find_map(|o| match o {
                        Object::Name(n) => Some(n.clone()),
                        _ => None,
                    });
                    if let Some(size) = numbers.last() {
                        state.size = *size;
                    }
                    state.font = name.and_then(|n| self.font(resources, &n));
                }
                b"Tc" => set(&numbers, &mut state.char_spacing),
                b"Tw" => set(&numbers, &mut state.word_spacing),
                b"Tz" => {
                    if let Some(z) = numbers.first() {
                        state.scale = z / 100.0;
                    }
                }
                b"TL" => set(&numbers, &mut state.leading),
                b"Ts" => set(&numbers, &mut state.rise),
                b"Tr" => {
                    if let Some(mode) = numbers.first() {
                        state.render_mode = *mode as i64;
                    }
                }
                b"Td" | b"TD" => {
                    if let [tx, ty] = numbers[..] {
                        if operator == b"TD" {
                            state.leading = -ty;
                        }
                        tlm = Matrix::translate(tx, ty).then(&tlm);
                        tm = tlm;
                    }
                }
                b"Tm" => {
                    if let Some(m) = Matrix::from_slice(&numbers) {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = Matrix::translate(0.0, -state.leading).then(&tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if operator == b"\"" {
                        if let [aw, ac] = numbers[..] {
                            state.word_spacing = aw;
                            state.char_spacing = ac;
                        }
                    }
                    if operator != b"Tj" {
                        tlm = Matrix::translate(0.0, -state.leading).then(&tlm);
                        tm = tlm;
                    }
                    let string = instruction.operands().find_map(|o| match o {
                        Object::String(s) => Some(s.clone()),
                        _ => None,
                    });
                    if let Some(string) = string {
                        self.show(string.as_bytes(), &state, &mut tm)?;
                    }
                }
                b"TJ" => {
                    let array = instruction.operands().find_map(|o| match o {
                        Object::Array(a) => Some(a.clone()),
                        _ => None,
                    });
                    if let Some(array) = array {
                        self.show_array(&array, &state, &mut tm)?;
                    }
                }
                b"Do" => {
                    let name = instruction.operands().find_map(|o| match o {
                        Object::Name(n) => Some(n.clone()),
                        _ => None,
                    });
                    if let Some(name) = name {
                        self.x_object(resources, &name, &state)?;
                    }
                }
                b"BMC" | b"BDC" => {
                    let mut operands = instruction.operands();
                    let tag = operands.next();
                    let actual_text = marked::actual_text(operands.next(), &resources.properties);
                    self.marked.begin(
                        marked::tag(tag),
                        actual_text,
                        self.out.glyphs.len(),
                        self.out.text.len(),
                    );
                }
                b"EMC" => {
                    if let Some(section) = self.marked.end() {
                        if let Some(text) = section.actual_text {
                            self.replace_with_actual_text(
                                section.first_glyph,
                                section.text_start,
                                &text,
                            );
                        }
                    }
                }
                _ if self.collect.rulings => self.path_operator(operator, &numbers, &state),
                _ => {}
            }
        }
        Ok(())
    }

    /// The font a `Tf` names, loaded once per document, and its index on this page.
    fn font(&mut self, resources: &Resources<'a>, name: &Name<'_>) -> Option<(Rc<Font>, u16)> {
        let font = self
            .fonts
            .get(&resources.fonts, name.as_ref(), self.ctx, self.budget)?;
        let key = Rc::as_ptr(&font);
        let index = match self.font_index.get(&key) {
            Some(index) => *index,
            None => {
                let index = u16::try_from(self.out.fonts.len()).unwrap_or(u16::MAX);
                self.out.fonts.push(FontStyle {
                    name: font.name.clone(),
                    bold: font.bold,
                    italic: font.italic,
                });
                self.font_index.insert(key, index);
                index
            }
        };
        Some((font, index))
    }

    fn show_array(
        &mut self,
        array: &Array<'_>,
        state: &State,
        tm: &mut Matrix,
    ) -> Result<(), ExtractionError> {
        let vertical = state.font.as_ref().is_some_and(|(f, _)| f.vertical());
        for item in array.iter::<Object<'_>>() {
            match item {
                Object::String(s) => self.show(s.as_bytes(), state, tm)?,
                Object::Number(n) => {
                    let adjust = -n.as_f64() / 1000.0 * state.size;
                    *tm = if vertical {
                        Matrix::translate(0.0, adjust).then(tm)
                    } else {
                        Matrix::translate(adjust * state.scale, 0.0).then(tm)
                    };
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Shows `bytes` with the current font: one glyph per code, each advancing the text matrix.
    fn show(
        &mut self,
        bytes: &[u8],
        state: &State,
        tm: &mut Matrix,
    ) -> Result<(), ExtractionError> {
        let Some((font, font_index)) = state.font.clone() else {
            return Ok(());
        };
        let vertical = font.vertical();
        let invisible = matches!(state.render_mode, 3 | 7);
        let mut axes = Axes::default();
        let mut rest = bytes;
        while !rest.is_empty() {
            let code = font.next_code(rest);
            rest = &rest[code.len.max(1).min(rest.len())..];
            let width = f64::from(font.width(&code));
            let trm = Matrix::new(
                state.size * state.scale,
                0.0,
                0.0,
                state.size,
                0.0,
                state.rise,
            )
            .then(tm)
            .then(&state.ctm);
            let spacing = state.char_spacing
                + if code.word_space {
                    state.word_spacing
                } else {
                    0.0
                };
            let advance = if vertical {
                -(state.size) + spacing
            } else {
                (width * state.size + spacing) * state.scale
            };
            // In vertical writing the current point is the glyph's position vector, by default
            // half its width right of and 0.88 em above its horizontal origin (ISO 32000-2,
            // 9.7.4.3, DW2 [880 -1000]): the glyph is drawn centred on the point, below it.
            let trm = if vertical {
                Matrix::translate(-width / 2.0, -0.88).then(&trm)
            } else {
                trm
            };
            // The glyph's box is its width; character spacing is part of the gap to the next
            // glyph, as PDFBox measures text positions.
            self.glyph(&font, font_index, &code, &trm, &mut axes, width, invisible)?;
            *tm = if vertical {
                Matrix::translate(0.0, advance).then(tm)
            } else {
                Matrix::translate(advance, 0.0).then(tm)
            };
        }
        Ok(())
    }

    /// Records one glyph drawn with the text rendering matrix `trm`.
    #[allow(clippy::too_many_arguments)]
    fn glyph(
        &mut self,
        font: &Font,
        font_index: u16,
        code: &crate::formats::pdf::fonts::Code,
        trm: &Matrix,
        axes: &mut Axes,
        width: f64,
        invisible: bool,
    ) -> Result<(), ExtractionError> {
        if !trm.is_finite() {
            return Ok(());
        }
        if self.out.glyphs.len() >= MAX_GLYPHS {
            return Err(ExtractionError::new(
                ErrorKind::Limit,
                format!(
                    "{}: a page shows more than {MAX_GLYPHS} glyphs; the document is refused as \
                     a likely attack or defect",
                    self.ctx.path
                ),
            ));
        }
        let start = self.out.text.len();
        let source = font.append_text(code, &mut self.out.text);
        match source {
            TextSource::Mapped => self.out.stats.mapped += 1,
            TextSource::Code => self.out.stats.by_code += 1,
            TextSource::Unmapped => self.out.stats.unmapped += 1,
        }
        let len = self.out.text.len() - start;
        let Axes {
            dx,
            dy,
            em,
            unit,
            dir,
            ..
        } = axes.of(trm, font.em_scale);
        if unit == 0.0 || em == 0.0 {
            self.out.text.truncate(start);
            return Ok(());
        }
        let (u, v) = frame(dir, trm.e, trm.f);
        // The glyph's end along its advance, in the same frame.
        let extent = width;
        let (u_end, v_end) = frame(dir, trm.e + dx * extent, trm.f + dy * extent);
        let mut flags = 0;
        if invisible {
            flags |= Glyph::INVISIBLE;
        }
        if self.marked.in_artifact() {
            flags |= Glyph::ARTIFACT;
        }
        // A glyph that maps to nothing but takes room separates words, as a space would.
        let blank = len == 0 && extent * unit > 0.15 * em;
        if blank || (len > 0 && self.out.text[start..].chars().all(char::is_whitespace)) {
            flags |= Glyph::SPACE;
        }
        self.out.glyphs.push(Glyph {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            len: u32::try_from(len).unwrap_or(0),
            u0: u as f32,
            u1: u_end.max(u) as f32,
            v: v as f32,
            v1: v_end as f32,
            size: em as f32,
            space: (f64::from(font.space_width) * unit) as f32,
            dir,
            font: font_index,
            flags,
        });
        Ok(())
    }

    /// `EMC` of a section with `/ActualText`: its glyphs become one glyph with that text.
    fn replace_with_actual_text(&mut self, first: usize, text_start: usize, text: &str) {
        let replaced = &self.out.glyphs[first.min(self.out.glyphs.len())..];
        let Some(head) = replaced.first().copied() else {
            return;
        };
        let u0 = replaced.iter().map(|g| g.u0).fold(f32::INFINITY, f32::min);
        let u1 = replaced
            .iter()
            .map(|g| g.u1)
            .fold(f32::NEG_INFINITY, f32::max);
        let size = replaced.iter().map(|g| g.size).fold(0.0, f32::max);
        let v1 = replaced.last().map_or(head.v, |g| g.v1);
        self.out.stats.replaced += replaced.len() as u64;
        self.out.glyphs.truncate(first);
        self.out.text.truncate(text_start);
        if text.is_empty() {
            return;
        }
        self.out.text.push_str(text);
        let mut flags = (head.flags & (Glyph::INVISIBLE | Glyph::ARTIFACT)) | Glyph::ACTUAL_TEXT;
        if text.chars().all(char::is_whitespace) {
            flags |= Glyph::SPACE;
        }
        self.out.glyphs.push(Glyph {
            start: u32::try_from(text_start).unwrap_or(u32::MAX),
            len: u32::try_from(text.len()).unwrap_or(0),
            u0,
            u1,
            v1,
            size,
            flags,
            ..head
        });
    }

    /// `Do`: runs a Form XObject, or records where an image is placed.
    fn x_object(
        &mut self,
        resources: &Resources<'a>,
        name: &Name<'_>,
        state: &State,
    ) -> Result<(), ExtractionError> {
        match self.forms.get(&resources.x_objects, name.as_ref()) {
            XObject::Image(stream) => {
                if self.collect.images {
                    self.image(stream, state);
                }
                Ok(())
            }
            XObject::Form(form) => self.form(&form, resources, state),
            XObject::Other => Ok(()),
        }
    }

    fn form(
        &mut self,
        form: &Form<'a>,
        parent: &Resources<'a>,
        state: &State,
    ) -> Result<(), ExtractionError> {
        let id = form.stream.obj_id();
        if self.form_stack.len() >= MAX_FORM_DEPTH || self.form_stack.contains(&id) {
            return Ok(());
        }
        let content = match self.forms.forms.get(&id) {
            Some(content) => content.clone(),
            None => {
                let decoded = Rc::new(
                    decode_stream(&form.stream, self.ctx, self.budget)
                        .map(|d| d.data)
                        .unwrap_or_default(),
                );
                self.forms.forms.insert(id, decoded.clone());
                decoded
            }
        };
        let resources = form.resources.as_ref().unwrap_or(parent);
        let mut inner = state.clone();
        inner.ctm = form.matrix.then(&state.ctm);
        self.form_stack.push(id);
        let result = self.stream(&content, resources, inner);
        self.form_stack.pop();
        result
    }

    fn image(&mut self, stream: Stream<'a>, state: &State) {
        if self.out.images.len() < MAX_IMAGES {
            self.out.images.push(ImagePlacement {
                stream,
                ctm: state.ctm,
            });
        }
    }

    fn path_operator(&mut self, operator: &[u8], numbers: &[f64], state: &State) {
        let ctm = &state.ctm;
        match (operator, numbers) {
            (b"m", [x, y]) => self.path.move_to(ctm, *x, *y),
            (b"l", [x, y]) => self.path.line_to(ctm, *x, *y),
            (b"c", [_, _, _, _, x, y]) | (b"v" | b"y", [_, _, x, y]) => {
                self.path.curve_to(ctm, *x, *y)
            }
            (b"re", [x, y, w, h]) => self.path.rect(ctm, *x, *y, *w, *h),
            (b"h", _) => self.path.close(),
            (b"S" | b"s", _) => {
                if operator == b"s" {
                    self.path.close();
                }
                self.path.finish(true, false, &mut self.out.rulings);
            }
            (b"f" | b"F" | b"f*", _) => self.path.finish(false, true, &mut self.out.rulings),
            (b"B" | b"B*" | b"b" | b"b*", _) => self.path.finish(true, true, &mut self.out.rulings),
            (b"n", _) => self.path.finish(false, false, &mut self.out.rulings),
            _ => {}
        }
    }
}

/// A text rendering matrix's baseline direction and em height on the upright page, kept while
/// the glyphs of a string share them (they differ only in their position). A glyph of a
/// vertical font is laid out by its upright box too: writers often place such glyphs side by
/// side with `TD`, and stacked ones still read in order as lines.
#[derive(Clone, Copy, Default)]
struct Axes {
    /// The linear part of the matrix these are of, bit by bit.
    key: Option<[u64; 4]>,
    /// The baseline's unit vector through the matrix.
    dx: f64,
    dy: f64,
    em: f64,
    unit: f64,
    dir: u8,
}

impl Axes {
    fn of(&mut self, trm: &Matrix, em_scale: f32) -> Axes {
        let key = [trm.a, trm.b, trm.c, trm.d].map(f64::to_bits);
        if self.key != Some(key) {
            let (dx, dy) = trm.apply_vector(1.0, 0.0);
            let (ex, ey) = trm.apply_vector(0.0, 1.0);
            let angle = dy.atan2(dx);
            *self = Axes {
                key: Some(key),
                dx,
                dy,
                em: (ex * ex + ey * ey).sqrt() * f64::from(em_scale),
                unit: (dx * dx + dy * dy).sqrt(),
                dir: ((angle / std::f64::consts::FRAC_PI_2).round() as i64).rem_euclid(4) as u8,
            };
        }
        *self
    }
}

/// The reading-frame coordinates of the page point `(x, y)` for text in direction `dir`.
pub fn frame(dir: u8, x: f64, y: f64) -> (f64, f64) {
    match dir {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}

fn set(numbers: &[f64], target: &mut f64) {
    if let Some(value) = numbers.first().filter(|v| v.is_finite()) {
        *target = *value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_frames_turn_text_upright() {
        // Text running up the page (dir 1) reads along +y.
        assert_eq!(frame(1, 10.0, 20.0), (20.0, -10.0));
        assert_eq!(frame(3, 10.0, 20.0), (-20.0, 10.0));
        assert_eq!(frame(0, 10.0, 20.0), (10.0, 20.0));
    }
}
