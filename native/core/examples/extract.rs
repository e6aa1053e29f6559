//! Extracts files with the core alone (no JVM), for looking at what the engine does while
//! working on it: `cargo run --release --example extract -- [--markdown] [--out DIR] FILE...`.
//! Without `--out` it prints each file's text after a `==> path <==` line; with `--out` it
//! writes `DIR/N.txt` for the N-th file (0-based) and prints one line per file: N, milliseconds,
//! the error kind or `ok`, and the path. `--list FILE` reads `N<TAB>path` lines instead.
//! `--markdown`, `--pages` and `--tables` set those options; tables are printed after the text;
//! `--no-ocr` turns OCR off.

use std::io::Write;
use std::time::Instant;

use vellum_core::config::OutputFormat;
use vellum_core::{DocumentInput, ExtractionConfig, Extractor};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut config = ExtractionConfig::default();
    let mut out_dir: Option<String> = None;
    let mut files: Vec<(usize, String)> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--markdown" => config.output_format = OutputFormat::Markdown,
            "--pages" => config.extract_pages = true,
            "--tables" => config.extract_tables = true,
            "--no-ocr" => config.ocr = vellum_core::OcrMode::Off,
            "--out" => out_dir = args.next(),
            "--list" => {
                let list = std::fs::read_to_string(args.next().expect("--list FILE"))
                    .expect("readable list");
                for line in list.lines() {
                    if let Some((n, path)) = line.split_once('\t') {
                        files.push((n.parse().expect("a number"), path.to_owned()));
                    }
                }
            }
            _ => files.push((files.len(), arg)),
        }
    }
    let extractor = Extractor::new(config).expect("a valid configuration");
    let stdout = std::io::stdout();
    let mut stdout = stdout.lock();
    for (index, path) in files {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let start = Instant::now();
        let document = extractor.extract(&DocumentInput {
            path: &path,
            content: Some(&bytes),
            length: bytes.len() as i64,
            modification_time: None,
            read_error: None,
        });
        let millis = start.elapsed().as_secs_f64() * 1000.0;
        let text = document.content.unwrap_or_default();
        let tables = document.tables.unwrap_or_default();
        let status = document
            .error
            .as_ref()
            .map_or("ok".to_owned(), |e| format!("{:?}", e.kind));
        match &out_dir {
            Some(dir) => {
                std::fs::write(format!("{dir}/{index}.txt"), &text).expect("writable --out");
                writeln!(stdout, "{index}\t{millis:.2}\t{status}\t{path}").unwrap();
            }
            None => {
                writeln!(stdout, "==> {path} ({status}, {millis:.1} ms) <==\n{text}").unwrap();
                for table in &tables {
                    writeln!(
                        stdout,
                        "--- table on page {:?}\n{}",
                        table.page, table.markdown
                    )
                    .unwrap();
                }
                if let Some(error) = document.error {
                    writeln!(stdout, "error: {}", error.message).unwrap();
                }
            }
        }
    }
}
