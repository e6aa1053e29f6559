//! `vellum-inflaters DIR...`: collects every `/FlateDecode` stream of the PDFs under DIR (found
//! by scanning for `stream` ... `endstream`, as the benchmark's `inflate` engine does), then
//! inflates all of them five times with the decoder this build was compiled with, one thread, and
//! prints the best pass: streams, compressed and inflated bytes, seconds, MB/s of output.
//! `benchmarks/inflaters/run` builds it once per decoder and prints a table.

use std::path::{Path, PathBuf};
use std::time::Instant;

use memchr::memmem;

fn main() {
    let dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let mut files = Vec::new();
    for dir in &dirs {
        walk(dir, &mut files);
    }
    files.sort();
    let mut streams: Vec<Vec<u8>> = Vec::new();
    for file in &files {
        if let Ok(bytes) = std::fs::read(file) {
            flate_streams(&bytes, &mut streams);
        }
    }
    let compressed: usize = streams.iter().map(Vec::len).sum();
    let mut best = f64::MAX;
    let mut inflated = 0;
    let mut failed = 0;
    for _ in 0..5 {
        let start = Instant::now();
        inflated = 0;
        failed = 0;
        for stream in &streams {
            match inflate(stream) {
                Some(n) => inflated += n,
                None => failed += 1,
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{}\t{}\t{}\t{}\t{}\t{:.3}\t{:.1}",
        decoder(),
        streams.len(),
        failed,
        compressed,
        inflated,
        best,
        inflated as f64 / 1e6 / best
    );
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        {
            files.push(path);
        }
    }
}

/// The raw data of every stream whose dictionary (the 4 KiB before `stream`) names FlateDecode.
fn flate_streams(bytes: &[u8], out: &mut Vec<Vec<u8>>) {
    let mut at = 0;
    while let Some(found) = memmem::find(&bytes[at..], b"stream") {
        let keyword = at + found;
        at = keyword + 6;
        if keyword >= 3 && &bytes[keyword - 3..keyword] == b"end" {
            continue;
        }
        let mut start = at;
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        if start == at {
            continue;
        }
        let end = memmem::find(&bytes[start..], b"endstream").map_or(bytes.len(), |e| start + e);
        let dict = &bytes[keyword.saturating_sub(4096)..keyword];
        let dict = memmem::rfind(dict, b"obj").map_or(dict, |o| &dict[o..]);
        if memmem::find(dict, b"/FlateDecode").is_some() && end > start {
            out.push(bytes[start..end].to_vec());
        }
        at = end;
    }
}

#[cfg(feature = "libdeflate")]
fn decoder() -> &'static str {
    "libdeflate (libdeflater)"
}

/// libdeflate decodes whole buffers only: the output size of a PDF stream is not known, so
/// start at four times the input and double on `InsufficientSpace`, as a PDF reader would.
#[cfg(feature = "libdeflate")]
fn inflate(data: &[u8]) -> Option<usize> {
    thread_local! {
        static STATE: std::cell::RefCell<(libdeflater::Decompressor, Vec<u8>)> =
            std::cell::RefCell::new((libdeflater::Decompressor::new(), Vec::new()));
    }
    STATE.with(|state| {
        let (decompressor, buffer) = &mut *state.borrow_mut();
        let mut size = (data.len() * 4).max(4096);
        loop {
            buffer.resize(size, 0);
            match decompressor.zlib_decompress(data, buffer) {
                Ok(n) => return Some(n),
                Err(libdeflater::DecompressionError::InsufficientSpace) if size < 1 << 30 => {
                    size *= 2
                }
                Err(_) => return None,
            }
        }
    })
}

#[cfg(not(feature = "libdeflate"))]
fn decoder() -> &'static str {
    if cfg!(feature = "zlib-ng") {
        "zlib-ng (flate2)"
    } else if cfg!(feature = "zlib-rs") {
        "zlib-rs (flate2)"
    } else {
        "miniz_oxide (flate2)"
    }
}

/// Streaming inflate into a growing buffer (flate2's reader, as a PDF reader would use it); a
/// stream that fails counts as failed, whatever it yielded before.
#[cfg(not(feature = "libdeflate"))]
fn inflate(data: &[u8]) -> Option<usize> {
    use std::io::Read;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with(|buffer| {
        let mut out = buffer.borrow_mut();
        out.clear();
        flate2::read::ZlibDecoder::new(data)
            .read_to_end(&mut out)
            .ok()
    })
}
