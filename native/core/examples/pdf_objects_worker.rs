//! The benchmark worker for Vellum's PDF object layer alone (`benchmarks/run`, engine
//! `vellum-objects`): for each PDF, open it (cross-reference, repair, decryption with the empty
//! password), count its pages from the page tree, and decode every page's content streams, with
//! no text interpretation. `pdfbox-objects` does the same with PDFBox, so that the two layers are
//! compared on the same work.
//!
//! It speaks the line protocol of the JVM worker (`dev.vellum.benchmarks.Worker`):
//! in `RUN listFile threads textDir|-`, `MEM`, `QUIT`; out `READY version`, `S index`,
//! `F index status nanos chars detail message`, `DONE wallNanos tainted`, `MEM vmHwmKb -1 -1`.
//! Usage: `pdf_objects_worker vellum-objects TIMEOUT_MILLIS`. The timeout is the per-document
//! deadline of the core; a file past it is an `error` of kind timeout.

use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use vellum_core::formats::pdf::{Budget, PdfDocument};
use vellum_core::limits::Context;
use vellum_core::{ExtractionConfig, ExtractionError};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let timeout_millis: i64 = args.get(2).and_then(|t| t.parse().ok()).unwrap_or(30_000);
    let config = ExtractionConfig {
        timeout_millis,
        ..ExtractionConfig::default()
    };
    let out = Mutex::new(std::io::stdout());
    send(
        &out,
        &format!("READY\tvellum-core {}", env!("CARGO_PKG_VERSION")),
    );
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let command: Vec<&str> = line.split('\t').collect();
        match command[0] {
            "RUN" if command.len() >= 3 => {
                let threads = command[2].parse::<usize>().unwrap_or(1).max(1);
                run(&out, &config, command[1], threads);
            }
            "MEM" => send(&out, &format!("MEM\t{}\t-1\t-1", vm_hwm_kb())),
            "QUIT" => break,
            other => send(&out, &format!("ERR\tunknown command {other}")),
        }
    }
}

/// One pass over a list file of `index TAB path` lines with `threads` threads.
fn run(out: &Mutex<std::io::Stdout>, config: &ExtractionConfig, list: &str, threads: usize) {
    let text = std::fs::read_to_string(list).unwrap_or_default();
    let files: Vec<(&str, &str)> = text
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .collect();
    let next = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(index, path)) = files.get(i) else {
                    return;
                };
                send(out, &format!("S\t{index}"));
                let begin = Instant::now();
                let outcome = open_count_decode(config, path);
                let nanos = begin.elapsed().as_nanos();
                let line = match outcome {
                    Ok(work) => format!(
                        "F\t{index}\tok\t{nanos}\t0\tpages={} contents={} decoded={}\t",
                        work.pages, work.contents, work.bytes
                    ),
                    Err(message) => format!("F\t{index}\terror\t{nanos}\t0\t\t{}", clean(&message)),
                };
                send(out, &line);
            });
        }
    });
    send(out, &format!("DONE\t{}\t0", start.elapsed().as_nanos()));
}

/// What one document came to.
struct Work {
    pages: usize,
    /// Pages whose content (all their content streams, joined) was decoded.
    contents: usize,
    bytes: usize,
}

/// Reads the file, opens it, counts its pages and decodes every page's content streams.
fn open_count_decode(config: &ExtractionConfig, path: &str) -> Result<Work, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("io: {e}"))?;
    let ctx = Context::new(path, config);
    let budget = Budget::for_document(&ctx);
    let document = PdfDocument::open(&bytes, &[], &ctx).map_err(described)?;
    let pages = document.page_count();
    let mut work = Work {
        pages,
        contents: 0,
        bytes: 0,
    };
    for index in 0..pages {
        let content = document
            .page_content(index, &ctx, &budget)
            .map_err(described)?;
        work.contents += 1;
        work.bytes += content.len();
    }
    Ok(work)
}

fn send(out: &Mutex<std::io::Stdout>, line: &str) {
    let mut out = out.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

fn clean(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\r' | '\n') {
                ' '
            } else {
                c
            }
        })
        .collect();
    flat.chars().take(300).collect()
}

fn vm_hwm_kb() -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(-1)
}

/// An error as the Java engines report theirs, "kind: message", so that the report counts the
/// failures by kind.
fn described(error: ExtractionError) -> String {
    format!("{}: {}", error.kind.code(), error.message)
}
