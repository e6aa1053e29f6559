//! HTML and XHTML with html5ever (through scraper's DOM): the encoding from a BOM, `<meta
//! charset>` or the XML declaration; the document parsed in slices so the deadline is checked
//! while html5ever works; metadata from `<title>`, `<meta>` and `<html lang>`; the text rendered
//! by [`render`] as plain text or Markdown.

mod render;
mod tables;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::ParseOpts;
use scraper::{Html, HtmlTreeSink};

use crate::config::OutputFormat;
use crate::document::ExtractionError;
use crate::formats::Extracted;
use crate::limits::Context;

/// How many bytes html5ever gets between two deadline checks.
const SLICE_LEN: usize = 16 * 1024;

/// The encoding a `<meta charset>` or `<meta http-equiv=content-type>` in the first 1024 bytes
/// names (the HTML standard's prescan, simplified).
pub fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = find(&lower[from..], b"<meta") {
        let start = from + found + 5;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(at) = find(tag, b"charset") {
            let rest = &tag[at + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b)))
                    .unwrap_or(rest.len());
                let label = std::str::from_utf8(&rest[..len]).ok()?;
                if let Some(encoding) = crate::text::encoding_for_label(label) {
                    return Some(encoding);
                }
            }
        }
        from = end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Parses `text` with html5ever, a slice at a time, checking the deadline between slices.
fn parse(text: &str, ctx: &Context<'_>) -> Result<Html, ExtractionError> {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            // Without scripting, <noscript> content is markup to extract, not raw text.
            scripting_enabled: false,
            ..TreeBuilderOpts::default()
        },
        ..ParseOpts::default()
    };
    let mut parser = html5ever::parse_document(HtmlTreeSink::new(Html::new_document()), opts);
    let mut rest = text;
    while !rest.is_empty() {
        ctx.deadline.check(ctx.path)?;
        let mut cut = rest.len().min(SLICE_LEN);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        parser.process(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
    }
    ctx.deadline.check(ctx.path)?;
    Ok(parser.finish())
}

/// Extracts an HTML or XHTML document.
pub fn extract(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let declared = meta_charset(bytes).or_else(|| crate::formats::xml::declared_encoding(bytes));
    let decoded = crate::text::decode(bytes, declared);
    let document = parse(&decoded.text, ctx)?;
    let markdown = ctx.config.output_format == OutputFormat::Markdown;
    let rendered = render::render(&document, markdown, ctx)?;
    let name = decoded.name;
    let mut extracted = Extracted::with_encoding(rendered.content, name);
    extracted.metadata = rendered.metadata;
    extracted.set_encoding(name);
    if ctx.config.extract_tables {
        extracted.tables = rendered.tables;
    }
    Ok(extracted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    #[test]
    fn meta_charset_is_found_in_both_forms() {
        assert_eq!(
            meta_charset(b"<head><META charset=\"ISO-8859-1\">"),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(
            meta_charset(b"<meta http-equiv=Content-Type content='text/html; charset=Shift_JIS'>"),
            Some(encoding_rs::SHIFT_JIS)
        );
        assert_eq!(
            meta_charset(b"<meta name=x content=y><p>charset=koi8-r"),
            None
        );
    }

    #[test]
    fn meta_charset_decodes_legacy_bytes_but_a_bom_wins() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.html", &config);
        let html =
            b"<html><head><meta charset=windows-1251></head><body>\xCF\xF0\xE8\xE2\xE5\xF2</body>";
        let extracted = extract(html, &ctx).unwrap();
        assert_eq!(extracted.content, "Привет\n");
        assert_eq!(extracted.metadata.extra["encoding"], "windows-1251");
        let html = b"\xEF\xBB\xBF<meta charset=windows-1251><p>\xC3\xA9</p>";
        assert_eq!(extract(html, &ctx).unwrap().content, "é\n");
    }
}
