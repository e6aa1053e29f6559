//! Markdown (CommonMark with GFM tables) with pulldown-cmark. Plain output is the readable text
//! without markup; Markdown output is the source itself. GFM tables go into `tables`; YAML front
//! matter gives the title and author, the first level-1 heading the title otherwise.

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use crate::config::OutputFormat;
use crate::document::{ExtractionError, Metadata, Table};
use crate::formats::{table, Extracted};
use crate::limits::Context;

/// Text with lazily placed line and paragraph breaks.
#[derive(Default)]
struct Plain {
    out: String,
    pending_break: usize,
    in_code: bool,
}

impl Plain {
    fn push(&mut self, text: &str) {
        let line_start = self.pending_break > 0 || self.out.is_empty() || self.out.ends_with('\n');
        let text = if line_start && !self.in_code {
            text.trim_start_matches([' ', '\t'])
        } else {
            text
        };
        if text.is_empty() {
            return;
        }
        if self.pending_break > 0 && !self.out.is_empty() {
            let len = self.out.trim_end().len();
            self.out.truncate(len);
            for _ in 0..self.pending_break {
                self.out.push('\n');
            }
        }
        self.pending_break = 0;
        self.out.push_str(text);
    }

    fn block(&mut self, lines: usize) {
        self.pending_break = self.pending_break.max(lines);
    }
}

/// Drops the tags of raw HTML, keeping its text.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn front_matter(yaml: &str, metadata: &mut Metadata) {
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => metadata.title = Some(value.to_owned()),
            "author" => metadata.authors.push(value.to_owned()),
            "description" => metadata.subject = Some(value.to_owned()),
            "lang" | "language" => metadata.language = Some(value.to_owned()),
            _ => {}
        }
    }
}

/// Extracts a Markdown document.
pub fn extract(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let decoded = crate::text::decode(bytes, None);
    let source = crate::text::normalize_newlines(decoded.text);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut plain = Plain::default();
    let mut metadata = Metadata::default();
    let mut tables: Vec<Table> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Option<String> = None;
    let mut in_table = false;
    let mut in_front_matter = false;
    let mut in_image = 0usize;
    let mut heading: Option<String> = None;
    let mut cells = 0usize;
    for event in Parser::new_ext(&source, options) {
        ctx.tick()?;
        let text: &str = match &event {
            Event::Start(tag) => {
                match tag {
                    Tag::Table(_) => {
                        in_table = true;
                        rows.clear();
                        plain.block(2);
                    }
                    Tag::TableHead | Tag::TableRow => rows.push(Vec::new()),
                    Tag::TableCell => cell = Some(String::new()),
                    Tag::Image { .. } => in_image += 1,
                    Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => in_front_matter = true,
                    Tag::Heading { level, .. } => {
                        if *level == HeadingLevel::H1 && metadata.title.is_none() {
                            heading = Some(String::new());
                        }
                        plain.block(2);
                    }
                    Tag::Item => plain.block(1),
                    Tag::CodeBlock(_) => plain.in_code = true,
                    _ => {}
                }
                ""
            }
            Event::End(tag) => {
                match tag {
                    TagEnd::Table => {
                        in_table = false;
                        cells += rows.iter().map(Vec::len).sum::<usize>();
                        ctx.limits.check_cells(ctx.path, cells)?;
                        let mut text = String::new();
                        table::to_plain(&rows, &mut text);
                        plain.push(text.trim_end());
                        plain.block(2);
                        tables.push(Table {
                            page: Some(1),
                            markdown: table::to_markdown(&rows),
                            cells: std::mem::take(&mut rows),
                        });
                    }
                    TagEnd::TableCell => {
                        if let (Some(text), Some(row)) = (cell.take(), rows.last_mut()) {
                            row.push(text.trim().to_owned());
                        }
                    }
                    TagEnd::Image => in_image = in_image.saturating_sub(1),
                    TagEnd::MetadataBlock(_) => in_front_matter = false,
                    TagEnd::Heading(_) => {
                        if let Some(title) = heading.take().filter(|t| !t.trim().is_empty()) {
                            metadata.title = Some(title.trim().to_owned());
                        }
                        plain.block(2);
                    }
                    TagEnd::Item
                    | TagEnd::DefinitionListTitle
                    | TagEnd::DefinitionListDefinition => plain.block(1),
                    TagEnd::CodeBlock => {
                        plain.in_code = false;
                        plain.block(2);
                    }
                    TagEnd::Paragraph
                    | TagEnd::BlockQuote(_)
                    | TagEnd::List(_)
                    | TagEnd::HtmlBlock
                    | TagEnd::FootnoteDefinition => plain.block(2),
                    _ => {}
                }
                ""
            }
            Event::Text(text) if in_front_matter => {
                front_matter(text, &mut metadata);
                ""
            }
            Event::Text(text) | Event::Code(text) => text,
            Event::InlineMath(text) | Event::DisplayMath(text) => text,
            Event::Html(html) => {
                let text = strip_tags(html);
                if !text.trim().is_empty() {
                    plain.push(text.trim_matches('\n'));
                }
                ""
            }
            Event::SoftBreak => " ",
            Event::HardBreak => "\n",
            Event::Rule => {
                plain.block(2);
                ""
            }
            Event::InlineHtml(_) | Event::FootnoteReference(_) | Event::TaskListMarker(_) => "",
        };
        if text.is_empty() || in_image > 0 {
            continue;
        }
        if let Some(heading) = heading.as_mut() {
            heading.push_str(text);
        }
        if in_table {
            if let Some(cell) = cell.as_mut() {
                cell.push_str(text);
            }
        } else {
            plain.push(text);
        }
        ctx.limits.check_output(ctx.path, plain.out.len())?;
    }
    let content = match ctx.config.output_format {
        OutputFormat::Markdown => source.into_owned(),
        OutputFormat::Plain => {
            let mut out = plain.out;
            let len = out.trim_end().len();
            out.truncate(len);
            if !out.is_empty() {
                out.push('\n');
            }
            out
        }
    };
    let mut extracted = Extracted::with_encoding(content, decoded.name);
    let encoding = extracted.metadata.extra.clone();
    extracted.metadata = metadata;
    extracted.metadata.extra = encoding;
    if ctx.config.extract_tables {
        extracted.tables = tables;
    }
    Ok(extracted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    const DOC: &str = "---\ntitle: \"Front\"\nauthor: Ann\n---\n# Heading\n\nSome *emphasis* and \
        `code`\nwrapped.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nfn x() {}\n```\n\
        ![badge](x.png) <b>end</b>\n";

    #[test]
    fn plain_output_is_text_without_markup() {
        let config = ExtractionConfig {
            extract_tables: true,
            ..ExtractionConfig::default()
        };
        let ctx = Context::new("t.md", &config);
        let extracted = extract(DOC.as_bytes(), &ctx).unwrap();
        assert_eq!(
            extracted.content,
            "Heading\n\nSome emphasis and code wrapped.\n\none\ntwo\n\na\tb\n1\t2\n\nfn x() {}\n\nend\n"
        );
        assert_eq!(extracted.metadata.title.as_deref(), Some("Front"));
        assert_eq!(extracted.metadata.authors, ["Ann"]);
        assert_eq!(extracted.tables[0].cells, [["a", "b"], ["1", "2"]]);
        assert_eq!(extracted.metadata.extra["encoding"], "UTF-8");
    }

    #[test]
    fn markdown_output_is_the_source_and_the_heading_is_the_title() {
        let config = ExtractionConfig {
            output_format: OutputFormat::Markdown,
            ..ExtractionConfig::default()
        };
        let ctx = Context::new("t.md", &config);
        let extracted = extract(b"# Top\r\n\r\ntext\r\n", &ctx).unwrap();
        assert_eq!(extracted.content, "# Top\n\ntext\n");
        assert_eq!(extracted.metadata.title.as_deref(), Some("Top"));
        assert!(extracted.tables.is_empty());
    }
}
