//! The only `unsafe` code in `vellum-core`: Tesseract's C API (`capi.h`), loaded at run time with
//! `dlopen`, so that the engine loads on machines without Tesseract and `ocr=off` never touches
//! it. Everything outside this file sees the safe [`Tesseract`] library and [`TessApi`] engine.

use std::ffi::{c_char, c_int, c_void, CStr, CString};

use libloading::Library;

/// The soname of Tesseract 5's shared library.
pub const DEFAULT_LIBRARY: &str = "libtesseract.so.5";

/// `PSM_AUTO_OSD` of `TessPageSegMode`: automatic page segmentation after orientation and script
/// detection, so that a scan placed sideways or upside down is read upright. It needs the `osd`
/// language data (Debian's `tesseract-ocr` depends on `tesseract-ocr-osd`); without it Tesseract
/// segments as `PSM_AUTO` (3) does and reads the page as it lies.
const PSM_AUTO_OSD: c_int = 1;

type Handle = *mut c_void;

/// The C functions Vellum calls, copied out of the library (valid while `_library` is loaded).
struct Functions {
    create: unsafe extern "C" fn() -> Handle,
    delete: unsafe extern "C" fn(Handle),
    init3: unsafe extern "C" fn(Handle, *const c_char, *const c_char) -> c_int,
    set_variable: unsafe extern "C" fn(Handle, *const c_char, *const c_char) -> c_int,
    set_image: unsafe extern "C" fn(Handle, *const u8, c_int, c_int, c_int, c_int),
    set_source_resolution: unsafe extern "C" fn(Handle, c_int),
    set_page_seg_mode: unsafe extern "C" fn(Handle, c_int),
    recognize: unsafe extern "C" fn(Handle, Handle) -> c_int,
    get_utf8_text: unsafe extern "C" fn(Handle) -> *mut c_char,
    delete_text: unsafe extern "C" fn(*const c_char),
    mean_text_conf: unsafe extern "C" fn(Handle) -> c_int,
    detect_orientation_script:
        unsafe extern "C" fn(Handle, *mut c_int, *mut f32, *mut *const c_char, *mut f32) -> c_int,
    clear: unsafe extern "C" fn(Handle),
    end: unsafe extern "C" fn(Handle),
    monitor_create: unsafe extern "C" fn() -> Handle,
    monitor_delete: unsafe extern "C" fn(Handle),
    monitor_set_deadline: unsafe extern "C" fn(Handle, c_int),
    version: unsafe extern "C" fn() -> *const c_char,
}

/// OpenMP's per-thread switches (libgomp, which Debian's Tesseract is built with), used to keep
/// Tesseract's parallel sections on the calling thread.
struct OpenMp {
    _library: Library,
    set_max_active_levels: unsafe extern "C" fn(c_int),
    set_num_threads: unsafe extern "C" fn(c_int),
}

/// A loaded `libtesseract`. Lives for the rest of the process once loaded (see `engines`).
pub struct Tesseract {
    functions: Functions,
    openmp: Option<OpenMp>,
    _library: Library,
}

impl std::fmt::Debug for Tesseract {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tesseract")
            .field("version", &self.version())
            .finish()
    }
}

/// Copies the function pointer named `name` (NUL-terminated) out of `library`.
///
/// # Safety
/// `T` must be the function pointer type of the C declaration of `name`.
unsafe fn symbol<T: Copy>(library: &Library, name: &[u8]) -> Result<T, String> {
    // SAFETY: the caller guarantees that `T` matches the symbol's C type; the copied pointer is
    // only used while `library` stays loaded (both live in the same `Tesseract`/`OpenMp`).
    unsafe { library.get::<T>(name) }
        .map(|symbol| *symbol)
        .map_err(|e| e.to_string())
}

impl Tesseract {
    /// Loads Tesseract from `path` (a soname or a file) and resolves its C API.
    pub fn load(path: &str) -> Result<Tesseract, String> {
        // SAFETY: loading libtesseract runs its static initialisers, which only set up C++
        // globals; it is loaded once per process and never unloaded.
        let library = unsafe { Library::new(path) }.map_err(|e| e.to_string())?;
        // SAFETY: each type below is the exact signature of the function in tesseract/capi.h
        // (Tesseract 5): handles are opaque pointers, BOOL and enums are C ints.
        let functions = unsafe {
            Functions {
                create: symbol(&library, b"TessBaseAPICreate\0")?,
                delete: symbol(&library, b"TessBaseAPIDelete\0")?,
                init3: symbol(&library, b"TessBaseAPIInit3\0")?,
                set_variable: symbol(&library, b"TessBaseAPISetVariable\0")?,
                set_image: symbol(&library, b"TessBaseAPISetImage\0")?,
                set_source_resolution: symbol(&library, b"TessBaseAPISetSourceResolution\0")?,
                set_page_seg_mode: symbol(&library, b"TessBaseAPISetPageSegMode\0")?,
                recognize: symbol(&library, b"TessBaseAPIRecognize\0")?,
                get_utf8_text: symbol(&library, b"TessBaseAPIGetUTF8Text\0")?,
                delete_text: symbol(&library, b"TessDeleteText\0")?,
                mean_text_conf: symbol(&library, b"TessBaseAPIMeanTextConf\0")?,
                detect_orientation_script: symbol(
                    &library,
                    b"TessBaseAPIDetectOrientationScript\0",
                )?,
                clear: symbol(&library, b"TessBaseAPIClear\0")?,
                end: symbol(&library, b"TessBaseAPIEnd\0")?,
                monitor_create: symbol(&library, b"TessMonitorCreate\0")?,
                monitor_delete: symbol(&library, b"TessMonitorDelete\0")?,
                monitor_set_deadline: symbol(&library, b"TessMonitorSetDeadlineMSecs\0")?,
                version: symbol(&library, b"TessVersion\0")?,
            }
        };
        Ok(Tesseract {
            functions,
            openmp: OpenMp::load(),
            _library: library,
        })
    }

    /// Tesseract's version string, e.g. "5.3.0".
    pub fn version(&self) -> String {
        // SAFETY: TessVersion returns a pointer to a static NUL-terminated string.
        let version = unsafe { (self.functions.version)() };
        if version.is_null() {
            return String::new();
        }
        // SAFETY: non-null, NUL-terminated and static (checked above).
        unsafe { CStr::from_ptr(version) }
            .to_string_lossy()
            .into_owned()
    }

    /// A new engine initialised for `language` (`eng`, `eng+deu`) from the default language
    /// data folder (`TESSDATA_PREFIX` or the packaged one). Slow (tens to hundreds of ms):
    /// callers keep engines (see `engines`).
    pub fn engine(&self, language: &str) -> Result<TessApi<'_>, String> {
        let language = CString::new(language).map_err(|_| "a NUL in the language".to_owned())?;
        // SAFETY: TessBaseAPICreate has no preconditions; it returns an owned handle (or null).
        let handle = unsafe { (self.functions.create)() };
        if handle.is_null() {
            return Err("TessBaseAPICreate returned no engine".to_owned());
        }
        let api = TessApi {
            tesseract: self,
            handle,
        };
        // SAFETY: `handle` is a live engine; a null datapath means the default folder and
        // `language` is a NUL-terminated string that outlives the call.
        let status = unsafe { (self.functions.init3)(handle, std::ptr::null(), language.as_ptr()) };
        if status != 0 {
            return Err(format!(
                "Tesseract could not load language data for {language:?}"
            ));
        }
        api.set_variable("debug_file", "/dev/null");
        // SAFETY: `handle` is a live, initialised engine; PSM_AUTO_OSD is a valid TessPageSegMode.
        unsafe { (self.functions.set_page_seg_mode)(handle, PSM_AUTO_OSD) };
        Ok(api)
    }

    /// Keeps Tesseract's OpenMP sections on the calling thread (`threads` 1), or lets them use up
    /// to `threads` threads. Per calling thread; a no-op for a Tesseract built without OpenMP.
    fn limit_threads(&self, threads: u32) {
        let Some(openmp) = &self.openmp else {
            return;
        };
        let threads = c_int::try_from(threads.max(1)).unwrap_or(1);
        // SAFETY: both are plain setters of the calling thread's OpenMP control variables.
        unsafe {
            (openmp.set_max_active_levels)(if threads == 1 { 0 } else { 1 });
            (openmp.set_num_threads)(threads);
        }
    }
}

impl OpenMp {
    fn load() -> Option<OpenMp> {
        // SAFETY: libgomp is already mapped as a dependency of libtesseract when it is built
        // with OpenMP; this only takes another reference to it.
        let library = unsafe { Library::new("libgomp.so.1") }.ok()?;
        // SAFETY: the types are the signatures of omp.h's `void omp_set_*(int)`.
        let (set_max_active_levels, set_num_threads) = unsafe {
            (
                symbol(&library, b"omp_set_max_active_levels\0").ok()?,
                symbol(&library, b"omp_set_num_threads\0").ok()?,
            )
        };
        Some(OpenMp {
            _library: library,
            set_max_active_levels,
            set_num_threads,
        })
    }
}

/// One initialised Tesseract engine (`TessBaseAPI`). Not `Send`: engines stay on the thread that
/// made them.
pub struct TessApi<'t> {
    tesseract: &'t Tesseract,
    handle: Handle,
}

/// Pixels handed to Tesseract: 8-bit grey (1 byte per pixel) or RGB (3), rows packed.
#[derive(Debug, Clone, Copy)]
pub struct Pixels<'a> {
    pub data: &'a [u8],
    pub width: u32,
    pub height: u32,
    pub bytes_per_pixel: u32,
}

/// What one recognition gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognition {
    pub text: String,
    /// Mean word confidence, 0 to 100.
    pub confidence: i32,
    /// Whether Tesseract stopped at the deadline.
    pub cancelled: bool,
}

impl TessApi<'_> {
    fn set_variable(&self, name: &str, value: &str) -> bool {
        let (Ok(name), Ok(value)) = (CString::new(name), CString::new(value)) else {
            return false;
        };
        let set_variable = self.tesseract.functions.set_variable;
        // SAFETY: live engine; both strings are NUL-terminated and outlive the call.
        let done = unsafe { set_variable(self.handle, name.as_ptr(), value.as_ptr()) };
        done != 0
    }

    /// Hands `pixels` (at `dpi` when known) to the engine, which copies them.
    fn set_image(&mut self, pixels: Pixels<'_>, dpi: Option<u32>) -> Result<(), String> {
        let f = &self.tesseract.functions;
        let width = c_int::try_from(pixels.width).map_err(|_| "image too wide")?;
        let height = c_int::try_from(pixels.height).map_err(|_| "image too tall")?;
        let bpp = c_int::try_from(pixels.bytes_per_pixel).map_err(|_| "bad pixel size")?;
        let stride = width.checked_mul(bpp).ok_or("image too wide")?;
        let needed = usize::try_from(stride)
            .ok()
            .zip(usize::try_from(height).ok())
            .and_then(|(s, h)| s.checked_mul(h))
            .ok_or("image too large")?;
        if width == 0 || height == 0 || !matches!(bpp, 1 | 3) || pixels.data.len() < needed {
            return Err("the pixel buffer does not match its dimensions".to_owned());
        }
        // SAFETY: live engine; `data` holds `height` rows of `stride` bytes (checked above) and
        // Tesseract copies it into its own image before returning.
        unsafe {
            (f.set_image)(
                self.handle,
                pixels.data.as_ptr(),
                width,
                height,
                bpp,
                stride,
            )
        };
        if let Some(dpi) = dpi.and_then(|d| c_int::try_from(d).ok()) {
            // SAFETY: live engine with an image set.
            unsafe { (f.set_source_resolution)(self.handle, dpi) };
        }
        Ok(())
    }

    /// The clockwise turn (0, 90, 180 or 270 degrees) that shows the text of `pixels` the way
    /// it lies, and Tesseract's confidence in it; `None` when it finds too little text to tell.
    /// Needs an engine initialised with the `osd` language.
    pub fn orientation(
        &mut self,
        pixels: Pixels<'_>,
        dpi: Option<u32>,
        threads: u32,
    ) -> Result<Option<(i32, f32)>, String> {
        self.set_image(pixels, dpi)?;
        self.tesseract.limit_threads(threads);
        let f = &self.tesseract.functions;
        let (mut degrees, mut confidence, mut script_confidence) = (0, 0.0f32, 0.0f32);
        let mut script: *const c_char = std::ptr::null();
        // SAFETY: live engine with an image set; every out-pointer points at a local that lives
        // through the call; the script name stays owned by Tesseract and is not read.
        let found = unsafe {
            (f.detect_orientation_script)(
                self.handle,
                &mut degrees,
                &mut confidence,
                &mut script,
                &mut script_confidence,
            )
        };
        // SAFETY: live engine; frees the image and results, keeps the loaded language data.
        unsafe { (f.clear)(self.handle) };
        Ok((found != 0).then_some((degrees, confidence)))
    }

    /// Recognises `pixels` (at `dpi` when known), giving up after `deadline_millis`, with at most
    /// `threads` threads.
    pub fn recognize(
        &mut self,
        pixels: Pixels<'_>,
        dpi: Option<u32>,
        deadline_millis: u32,
        threads: u32,
    ) -> Result<Recognition, String> {
        self.set_image(pixels, dpi)?;
        self.tesseract.limit_threads(threads);
        let f = &self.tesseract.functions;
        let monitor = Monitor::new(f, deadline_millis);
        // SAFETY: live engine with an image; the monitor (or null) lives until after the call.
        let status = unsafe { (f.recognize)(self.handle, monitor.handle) };
        let cancelled = status != 0;
        // SAFETY: live engine; the returned string is owned by us and freed by TessDeleteText.
        let text = unsafe { (f.get_utf8_text)(self.handle) };
        let recognised = if text.is_null() {
            String::new()
        } else {
            // SAFETY: non-null NUL-terminated string from GetUTF8Text, freed right after copying.
            let copy = unsafe { CStr::from_ptr(text) }
                .to_string_lossy()
                .into_owned();
            // SAFETY: `text` came from TessBaseAPIGetUTF8Text and is freed exactly once.
            unsafe { (f.delete_text)(text) };
            copy
        };
        // SAFETY: live engine after recognition.
        let confidence = unsafe { (f.mean_text_conf)(self.handle) };
        // SAFETY: live engine; frees the image and results, keeps the loaded language data.
        unsafe { (f.clear)(self.handle) };
        Ok(Recognition {
            text: recognised,
            confidence,
            cancelled,
        })
    }
}

impl Drop for TessApi<'_> {
    fn drop(&mut self) {
        let f = &self.tesseract.functions;
        // SAFETY: the handle came from TessBaseAPICreate and is ended and deleted exactly once.
        unsafe {
            (f.end)(self.handle);
            (f.delete)(self.handle);
        }
    }
}

/// A `ETEXT_DESC` progress monitor carrying the deadline; freed on drop.
struct Monitor<'f> {
    functions: &'f Functions,
    handle: Handle,
}

impl<'f> Monitor<'f> {
    fn new(functions: &'f Functions, deadline_millis: u32) -> Self {
        // SAFETY: TessMonitorCreate has no preconditions.
        let handle = unsafe { (functions.monitor_create)() };
        if !handle.is_null() {
            let millis = c_int::try_from(deadline_millis).unwrap_or(c_int::MAX);
            // SAFETY: `handle` is a live monitor.
            unsafe { (functions.monitor_set_deadline)(handle, millis) };
        }
        Monitor { functions, handle }
    }
}

impl Drop for Monitor<'_> {
    fn drop(&mut self) {
        if !self.handle.is_null() {
            // SAFETY: the handle came from TessMonitorCreate and is deleted exactly once.
            unsafe { (self.functions.monitor_delete)(self.handle) };
        }
    }
}
