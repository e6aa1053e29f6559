//! Where Tesseract comes from and how engines are kept: the library is loaded once per process,
//! on the first document that needs OCR; each thread initialises one engine per language the
//! first time it needs it and reuses it for every later page and document (initialising
//! Tesseract per page is the slow path this avoids).

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use super::tesseract::{Pixels, Recognition, TessApi, Tesseract, DEFAULT_LIBRARY};

/// Overrides the library Vellum loads (a soname or a path). Read once, on first use. Tests use
/// it to stand for a machine without Tesseract.
pub const LIBRARY_ENV: &str = "VELLUM_TESSERACT_LIBRARY";

/// Engines kept per thread; the least recently used one goes beyond that (each holds its
/// language model, tens of MB).
const ENGINES_PER_THREAD: usize = 4;

static LIBRARY: OnceLock<Result<Tesseract, String>> = OnceLock::new();

/// The language data of Tesseract's orientation and script detection.
const OSD_LANGUAGE: &str = "osd";

thread_local! {
    static ENGINES: RefCell<Vec<(String, TessApi<'static>)>> = const { RefCell::new(Vec::new()) };
    static INITIALISATIONS: Cell<usize> = const { Cell::new(0) };
    /// This thread's orientation engine: not tried yet, or made (`None` when the `osd` data is
    /// missing, which is not tried again).
    static OSD: RefCell<Option<Option<TessApi<'static>>>> = const { RefCell::new(None) };
}

/// Why OCR cannot run here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// The library did not load (not installed); the loader's message.
    Library(String),
    /// The library loaded but the language data did not.
    Language(String),
}

/// The process's Tesseract, loaded on first call.
pub fn library() -> Result<&'static Tesseract, Unavailable> {
    LIBRARY
        .get_or_init(|| {
            let path = std::env::var(LIBRARY_ENV).unwrap_or_else(|_| DEFAULT_LIBRARY.to_owned());
            Tesseract::load(&path).map_err(|cause| format!("{path}: {cause}"))
        })
        .as_ref()
        .map_err(|cause| Unavailable::Library(cause.clone()))
}

/// How many Tesseract engines this thread has initialised so far (for tests and metrics).
pub fn initialisations_on_this_thread() -> usize {
    INITIALISATIONS.with(Cell::get)
}

/// Recognises `pixels` with this thread's engine for `language`, creating it on first use.
pub fn recognize(
    language: &str,
    pixels: Pixels<'_>,
    dpi: Option<u32>,
    deadline_millis: u32,
    threads: u32,
) -> Result<Result<Recognition, String>, Unavailable> {
    let tesseract = library()?;
    ENGINES.with(|engines| {
        let mut engines = engines.borrow_mut();
        let position = engines.iter().position(|(lang, _)| lang == language);
        let index = match position {
            Some(index) => index,
            None => {
                let engine = tesseract.engine(language).map_err(Unavailable::Language)?;
                INITIALISATIONS.with(|n| n.set(n.get() + 1));
                if engines.len() >= ENGINES_PER_THREAD {
                    engines.remove(0);
                }
                engines.push((language.to_owned(), engine));
                engines.len() - 1
            }
        };
        // Most recently used last, so eviction takes the oldest.
        let entry = engines.remove(index);
        engines.push(entry);
        let Some((_, engine)) = engines.last_mut() else {
            return Err(Unavailable::Language(language.to_owned()));
        };
        Ok(engine.recognize(pixels, dpi, deadline_millis, threads))
    })
}

/// The clockwise turn of the text in `pixels` and its confidence (see
/// [`TessApi::orientation`]), with this thread's orientation engine, made on first use and not
/// counted among the recognition engines. `Ok(None)` when there is too little text to tell or no
/// `osd` language data.
pub fn orientation(
    pixels: Pixels<'_>,
    dpi: Option<u32>,
    threads: u32,
) -> Result<Option<(i32, f32)>, Unavailable> {
    let tesseract = library()?;
    OSD.with(|osd| {
        let mut osd = osd.borrow_mut();
        let engine = osd.get_or_insert_with(|| tesseract.engine(OSD_LANGUAGE).ok());
        Ok(engine
            .as_mut()
            .and_then(|engine| engine.orientation(pixels, dpi, threads).ok().flatten()))
    })
}
