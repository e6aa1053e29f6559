//! CSV and TSV with the `csv` crate: flexible row lengths, RFC 4180 quoting, the delimiter fixed
//! by the extension (TSV) or sniffed from the first lines. Plain output is one tab-separated line
//! per row; Markdown output is a GFM table whose header is the first row.

use crate::config::OutputFormat;
use crate::document::{ExtractionError, Table};
use crate::formats::{table, Extracted};
use crate::limits::Context;

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The delimiter that occurs the same non-zero number of times, outside quotes, in the most of
/// the first lines; a comma when none does.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).take(20).collect();
    let mut best = (b',', 0usize);
    for delimiter in CANDIDATES {
        let counts: Vec<usize> = lines
            .iter()
            .map(|line| {
                let mut quoted = false;
                line.bytes()
                    .filter(|&b| {
                        if b == b'"' {
                            quoted = !quoted;
                        }
                        b == delimiter && !quoted
                    })
                    .count()
            })
            .collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first == 0 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == first).count();
        if consistent > best.1 {
            best = (delimiter, consistent);
        }
    }
    best.0
}

/// Extracts a CSV or TSV document.
pub fn extract(
    bytes: &[u8],
    delimiter: Option<u8>,
    ctx: &Context<'_>,
) -> Result<Extracted, ExtractionError> {
    let decoded = crate::text::decode(bytes, None);
    let text = decoded.text.as_ref();
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(text));
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cells = 0usize;
    let mut record = ::csv::StringRecord::new();
    loop {
        ctx.tick()?;
        match reader.read_record(&mut record) {
            Ok(true) => {
                cells += record.len();
                ctx.limits.check_cells(ctx.path, cells)?;
                rows.push(record.iter().map(str::to_owned).collect());
            }
            Ok(false) => break,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                return Err(ctx.parse_error(format_args!("invalid CSV near line {line}: {error}")));
            }
        }
    }
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let markdown = if rows.is_empty() {
        String::new()
    } else {
        table::to_markdown(&rows)
    };
    let content = match ctx.config.output_format {
        OutputFormat::Markdown => markdown.clone(),
        OutputFormat::Plain => {
            let mut plain = String::with_capacity(text.len());
            table::to_plain(&rows, &mut plain);
            plain
        }
    };
    let mut extracted = Extracted::with_encoding(content, decoded.name);
    let extra = &mut extracted.metadata.extra;
    extra.insert("rows".to_owned(), rows.len().to_string());
    extra.insert("columns".to_owned(), columns.to_string());
    extra.insert(
        "delimiter".to_owned(),
        char::from(delimiter).escape_default().to_string(),
    );
    if ctx.config.extract_tables && !rows.is_empty() {
        extracted.tables.push(Table {
            page: Some(1),
            cells: rows,
            markdown,
        });
    }
    Ok(extracted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    #[test]
    fn the_delimiter_is_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
        assert_eq!(sniff_delimiter("\"x;y\",b\n1,2\n"), b',');
        assert_eq!(sniff_delimiter("just text\n"), b',');
    }

    #[test]
    fn quoted_cells_ragged_rows_and_tables() {
        let config = ExtractionConfig {
            extract_tables: true,
            ..ExtractionConfig::default()
        };
        let ctx = Context::new("t.csv", &config);
        let csv = b"name,note\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\nsolo\n";
        let extracted = extract(csv, None, &ctx).unwrap();
        assert_eq!(
            extracted.content,
            "name\tnote\nSmith, J\tsaid \"hi\" then left\nsolo\n"
        );
        assert_eq!(extracted.metadata.extra["rows"], "3");
        assert_eq!(extracted.metadata.extra["columns"], "2");
        assert_eq!(extracted.tables[0].cells[1][1], "said \"hi\"\nthen left");
        assert!(extracted.tables[0]
            .markdown
            .starts_with("| name | note |\n| --- | --- |\n"));
    }

    #[test]
    fn markdown_output_is_a_table_and_empty_input_is_fine() {
        let config = ExtractionConfig {
            output_format: OutputFormat::Markdown,
            ..ExtractionConfig::default()
        };
        let ctx = Context::new("t.tsv", &config);
        let extracted = extract(b"a\tb\n1\t2\n", Some(b'\t'), &ctx).unwrap();
        assert_eq!(extracted.content, "| a | b |\n| --- | --- |\n| 1 | 2 |\n");
        assert!(extracted.tables.is_empty());
        assert_eq!(extract(b"", None, &ctx).unwrap().content, "");
    }
}
