//! Golden text for corpus PDFs across producers and scripts. Each `tests/golden/pdf/*.txt` was
//! written by reading one rendered page by eye (not copied from any extractor's output):
//!
//! ```text
//! # <corpus-relative path> page <N>
//! # options: markdown          (optional: the golden is for Markdown output)
//! snippet                      (every further line, even one starting with `#`, is a snippet)
//! ```
//!
//! Each snippet must appear in page N's text, in the order given, after runs of whitespace are
//! made one space on both sides and both are put in Unicode NFC (canonically equivalent spellings,
//! such as U+FB30 and U+05D0 U+05BC, are the same text to a reader; compatibility forms such as the
//! `ﬁ` ligature are not folded, since a search for "fi" would not find them).
//!
//! `tests/golden/pdf_known_defects.tsv` lists the goldens Vellum does not meet yet, each with the
//! cause: those must still fail (a listed golden that passes fails the test until it is taken off
//! the list), every other golden must pass.

mod common;

use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;
use vellum_core::config::OutputFormat;
use vellum_core::{ExtractionConfig, Extractor};

/// How much of a page's actual text a failure report shows.
const REPORTED_PREFIX_CHARS: usize = 400;

/// One golden file, parsed.
struct Golden {
    file: PathBuf,
    pdf: String,
    page: i32,
    markdown: bool,
    snippets: Vec<String>,
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/pdf")
}

fn parse_golden(file: &Path) -> Golden {
    let text = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let (pdf, page) = header
        .strip_prefix("# ")
        .and_then(|rest| rest.rsplit_once(" page "))
        .unwrap_or_else(|| {
            panic!(
                "{}: the first line must be `# <corpus path> page <N>`, not {header:?}",
                file.display()
            )
        });
    let page: i32 = page
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("{}: page {page:?} is not a number", file.display()));
    let mut lines = lines.peekable();
    let markdown = match lines.peek().and_then(|l| l.strip_prefix("# options:")) {
        Some(options) => {
            let options = options.trim();
            assert_eq!(
                options,
                "markdown",
                "{}: the only option is `markdown`",
                file.display()
            );
            lines.next();
            true
        }
        None => false,
    };
    let snippets: Vec<String> = lines
        .map(normalize)
        .filter(|snippet| !snippet.is_empty())
        .collect();
    assert!(!snippets.is_empty(), "{}: no snippets", file.display());
    Golden {
        file: file.to_path_buf(),
        pdf: pdf.to_owned(),
        page,
        markdown,
        snippets,
    }
}

/// Runs of whitespace become one space; the text is put in NFC.
fn normalize(text: &str) -> String {
    let spaced = text.split_whitespace().collect::<Vec<_>>().join(" ");
    spaced.nfc().collect()
}

/// Checks the golden's snippets in order on its page; `Err` says what is missing and shows the
/// start of what the page does say.
fn check(golden: &Golden, extractor: &Extractor, corpus: &Path) -> Result<(), String> {
    let document = common::extract_corpus_file(extractor, corpus, &corpus.join(&golden.pdf));
    if let Some(error) = &document.error {
        return Err(format!("extraction failed: {error:?}"));
    }
    let pages = document.pages.unwrap_or_default();
    let Some(page) = pages.iter().find(|p| p.number == golden.page) else {
        return Err(format!(
            "no page {} (the document has {} pages)",
            golden.page,
            pages.len()
        ));
    };
    let actual = normalize(&page.content);
    let mut from = 0;
    for snippet in &golden.snippets {
        match actual[from..].find(snippet.as_str()) {
            Some(at) => from += at + snippet.len(),
            None => {
                let where_ = if actual.contains(snippet.as_str()) {
                    "appears only before the previous snippet"
                } else {
                    "is missing"
                };
                let start: String = actual.chars().take(REPORTED_PREFIX_CHARS).collect();
                return Err(format!(
                    "snippet {where_}:\n    expected: {snippet}\n    page starts: {start}"
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn every_golden_pdf_shows_the_text_read_off_its_rendered_page() {
    let corpus = common::corpus();
    let mut goldens: Vec<PathBuf> = common::files_under(&golden_dir())
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "txt"))
        .collect();
    goldens.sort();
    assert!(
        goldens.len() >= 30,
        "expected the golden files in {}",
        golden_dir().display()
    );
    let extractor_for = |markdown: bool| {
        Extractor::new(ExtractionConfig {
            extract_pages: true,
            output_format: if markdown {
                OutputFormat::Markdown
            } else {
                OutputFormat::Plain
            },
            ..ExtractionConfig::default()
        })
        .expect("valid configuration")
    };
    let (plain, markdown) = (extractor_for(false), extractor_for(true));
    let mut failures = Vec::new();
    for file in &goldens {
        let golden = parse_golden(file);
        let extractor = if golden.markdown { &markdown } else { &plain };
        if let Err(why) = check(&golden, extractor, &corpus) {
            let name = golden
                .file
                .file_name()
                .unwrap_or_default()
                .to_string_lossy();
            failures.push(format!(
                "{name} ({} page {}{}): {why}",
                golden.pdf,
                golden.page,
                if golden.markdown { ", markdown" } else { "" }
            ));
        }
    }
    let known = known_defects();
    let unexpected: Vec<&String> = failures
        .iter()
        .filter(|f| !known.iter().any(|k| f.starts_with(&format!("{k} ("))))
        .collect();
    let fixed: Vec<&String> = known
        .iter()
        .filter(|k| !failures.iter().any(|f| f.starts_with(&format!("{k} ("))))
        .collect();
    assert!(
        unexpected.is_empty() && fixed.is_empty(),
        "{} of {} golden PDFs differ from their rendered page and are not known defects:\n\n{}\n\n\
         known defects that now pass (take them off tests/golden/pdf_known_defects.tsv): {:?}",
        unexpected.len(),
        goldens.len(),
        unexpected
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n\n"),
        fixed
    );
}

/// The goldens listed in `pdf_known_defects.tsv`, which must name existing golden files.
fn known_defects() -> Vec<String> {
    let file = golden_dir().join("../pdf_known_defects.tsv");
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    text.lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .filter(|name| !name.is_empty())
        .map(|name| {
            assert!(
                golden_dir().join(name).is_file(),
                "pdf_known_defects.tsv names {name}, which is not a golden file"
            );
            name.to_owned()
        })
        .collect()
}
