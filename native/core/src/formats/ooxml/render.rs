//! Paragraphs of formatted runs rendered as plain text or Markdown, shared by the Word and
//! PowerPoint extractors.

use crate::formats::table;

/// The character formatting of a run that Markdown can show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunStyle {
    pub bold: bool,
    pub italic: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    text: String,
    style: RunStyle,
    link: Option<String>,
}

/// A list item's place: its nesting level (0 first) and whether it is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListItem {
    pub level: usize,
    pub ordered: bool,
}

/// One paragraph being built from runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    segments: Vec<Segment>,
    /// Heading level 1 to 6, when the paragraph is a heading.
    pub heading: Option<u8>,
    pub list: Option<ListItem>,
    /// The number a numbered paragraph shows before its text ("2.1"), in plain text (Markdown
    /// numbers its lists itself).
    pub label: Option<String>,
}

impl Paragraph {
    /// Appends text with a style and, inside a hyperlink, its target.
    pub fn push(&mut self, text: &str, style: RunStyle, link: Option<&str>) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.segments.last_mut() {
            if last.style == style && last.link.as_deref() == link {
                last.text.push_str(text);
                return;
            }
        }
        self.segments.push(Segment {
            text: text.to_owned(),
            style,
            link: link.map(str::to_owned),
        });
    }

    /// Whether the paragraph holds no visible text.
    pub fn is_blank(&self) -> bool {
        self.segments.iter().all(|s| s.text.trim().is_empty())
    }

    /// The text without markup, after its label.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        if let Some(label) = self.label.as_deref().filter(|_| !self.is_blank()) {
            out.push_str(label);
            out.push(' ');
        }
        for segment in &self.segments {
            out.push_str(&segment.text);
        }
        out
    }

    /// The text as Markdown inline markup (no block prefix).
    pub fn inline_markdown(&self) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            let marker = match (segment.style.bold, segment.style.italic) {
                (true, true) => "***",
                (true, false) => "**",
                (false, true) => "*",
                (false, false) => "",
            };
            let text = segment.text.as_str();
            let core = text.trim();
            let is_link = segment.link.as_deref().is_some_and(is_web_link);
            if core.is_empty() || (marker.is_empty() && !is_link) {
                out.push_str(text);
                continue;
            }
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            out.push_str(lead);
            if is_link {
                out.push('[');
            }
            out.push_str(marker);
            out.push_str(core);
            out.push_str(marker);
            if let (true, Some(link)) = (is_link, segment.link.as_deref()) {
                out.push_str("](");
                out.push_str(&link.replace(' ', "%20").replace(')', "%29"));
                out.push(')');
            }
            out.push_str(trail);
        }
        out
    }

    /// The whole block as Markdown: heading or list prefix, inline markup, one line per line.
    pub fn markdown(&self) -> String {
        let inline = self.inline_markdown();
        let inline = inline.trim();
        if let Some(level) = self.heading {
            let hashes = "#".repeat(usize::from(level.clamp(1, 6)));
            return format!("{hashes} {}", inline.replace('\n', " "));
        }
        if let Some(item) = self.list {
            let indent = "  ".repeat(item.level.min(8));
            let bullet = if item.ordered { "1." } else { "-" };
            return format!("{indent}{bullet} {}", inline.replace('\n', " "));
        }
        inline.to_owned()
    }
}

fn is_web_link(target: &str) -> bool {
    let lower = target.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "ftp://"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// The text of a document being written block by block.
#[derive(Debug)]
pub struct Output {
    pub text: String,
    markdown: bool,
    last_was_list: bool,
}

impl Output {
    pub fn new(markdown: bool) -> Self {
        Output {
            text: String::new(),
            markdown,
            last_was_list: false,
        }
    }

    pub fn is_markdown(&self) -> bool {
        self.markdown
    }

    /// Writes a paragraph as one block; blank paragraphs are dropped.
    pub fn paragraph(&mut self, paragraph: &Paragraph) {
        if paragraph.is_blank() {
            return;
        }
        if self.markdown {
            let is_list = paragraph.list.is_some();
            self.separate(is_list && self.last_was_list);
            self.text.push_str(&paragraph.markdown());
            self.last_was_list = is_list;
        } else {
            let plain = paragraph.plain();
            self.separate(true);
            self.text.push_str(plain.trim_matches([' ', '\n']));
        }
    }

    /// Writes a line of text as its own block.
    pub fn line(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.separate(!self.markdown);
        self.text.push_str(text);
        self.last_was_list = false;
    }

    /// Writes text rendered elsewhere (an embedded document's) as a block of its own.
    pub fn block(&mut self, text: &str) {
        let text = text.trim_matches(['\n', '\r']).trim_end();
        if text.trim().is_empty() {
            return;
        }
        self.separate(!self.markdown);
        self.text.push_str(text);
        self.last_was_list = false;
    }

    /// Writes a table: a Markdown table, or tab-separated lines.
    pub fn table(&mut self, rows: &[Vec<String>]) {
        if rows
            .iter()
            .all(|row| row.iter().all(|c| c.trim().is_empty()))
        {
            return;
        }
        self.separate(!self.markdown);
        if self.markdown {
            self.text.push_str(table::to_markdown(rows).trim_end());
        } else {
            let mut plain = String::new();
            table::to_plain(rows, &mut plain);
            self.text.push_str(plain.trim_end());
        }
        self.last_was_list = false;
    }

    /// A Markdown heading line (or a plain line), for section titles such as "Notes".
    pub fn heading(&mut self, level: u8, text: &str) {
        let mut paragraph = Paragraph {
            heading: Some(level),
            ..Paragraph::default()
        };
        paragraph.push(text, RunStyle::default(), None);
        self.paragraph(&paragraph);
    }

    fn separate(&mut self, tight: bool) {
        if self.text.is_empty() {
            return;
        }
        self.text.push_str(if tight { "\n" } else { "\n\n" });
    }

    /// The finished text, ending with a line break when not empty.
    pub fn finish(mut self) -> String {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text
    }
}

/// A comment as a line of notes (a sheet's, a slide's): its author, unless the text starts with the
/// name as Excel writes it, then its text.
pub fn comment_note(author: Option<&str>, body: &str) -> String {
    let by = author
        .map(str::trim)
        .filter(|a| !a.is_empty() && !body.starts_with(a));
    match by {
        Some(by) => format!("Comment by {by}: {body}"),
        None => format!("Comment: {body}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(bold: bool, italic: bool) -> RunStyle {
        RunStyle { bold, italic }
    }

    #[test]
    fn runs_merge_and_emphasis_keeps_spaces_outside_the_markers() {
        let mut p = Paragraph::default();
        p.push("Hello ", styled(false, false), None);
        p.push("big ", styled(true, false), None);
        p.push("world", styled(true, true), None);
        p.push(" and ", styled(false, false), None);
        p.push(
            "link",
            styled(false, false),
            Some("https://example.com/a b"),
        );
        assert_eq!(p.plain(), "Hello big world and link");
        assert_eq!(
            p.markdown(),
            "Hello **big** ***world*** and [link](https://example.com/a%20b)"
        );
    }

    #[test]
    fn headings_lists_and_tables_render_as_markdown_blocks() {
        let mut out = Output::new(true);
        out.heading(2, "Title");
        for level in [0, 1] {
            let mut item = Paragraph {
                list: Some(ListItem {
                    level,
                    ordered: level == 1,
                }),
                ..Paragraph::default()
            };
            item.push("item", RunStyle::default(), None);
            out.paragraph(&item);
        }
        out.paragraph(&Paragraph::default());
        out.table(&[vec!["a".into(), "b".into()], vec!["1".into(), "2".into()]]);
        assert_eq!(
            out.finish(),
            "## Title\n\n- item\n  1. item\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n"
        );
    }

    #[test]
    fn plain_output_is_one_line_per_paragraph_and_tab_separated_tables() {
        let mut out = Output::new(false);
        let mut p = Paragraph {
            heading: Some(1),
            ..Paragraph::default()
        };
        p.push(" Title ", styled(true, false), None);
        out.paragraph(&p);
        out.table(&[vec!["a".into(), "b".into()]]);
        out.line("  end ");
        assert_eq!(out.finish(), "Title\na\tb\nend\n");
    }
}
