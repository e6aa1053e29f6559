//! Renders an HTML DOM as text: block structure kept (paragraphs, line breaks, list items, table
//! rows), script, style and other non-content elements dropped. In Markdown mode: `#` headings,
//! nested lists, `[links](href)`, emphasis, code, blockquotes and GFM tables. The walk is
//! iterative, so deeply nested documents cannot overflow the stack.

use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};

use super::tables;
use crate::document::{ExtractionError, Metadata, Table};
use crate::formats::table;
use crate::limits::Context;

/// What rendering produced.
#[derive(Debug, Default)]
pub struct Rendered {
    pub content: String,
    pub metadata: Metadata,
    pub tables: Vec<Table>,
}

/// Elements whose content is never text of the document.
const DROPPED: [&str; 14] = [
    "script", "style", "template", "head", "iframe", "object", "embed", "svg", "canvas", "audio",
    "video", "select", "map", "frameset",
];

/// Elements that end a line.
const LINE_BLOCKS: [&str; 17] = [
    "div",
    "li",
    "tr",
    "dt",
    "dd",
    "caption",
    "figcaption",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "section",
    "article",
    "form",
    "fieldset",
    "legend",
];

/// Elements that end a paragraph.
const PARAGRAPH_BLOCKS: [&str; 16] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "table",
    "blockquote",
    "pre",
    "hr",
    "address",
    "figure",
];

struct Writer {
    markdown: bool,
    out: String,
    /// Newlines owed before the next text (1 = line, 2 = paragraph).
    pending_break: usize,
    /// How many prefixes the blank lines of the owed break carry.
    break_prefixes: usize,
    pending_space: bool,
    /// Opening markup owed before the next text (`**`, `[`, a list marker...).
    pending_open: String,
    /// Per nesting level, what starts each line (blockquote `> `, list indentation).
    prefixes: Vec<&'static str>,
    /// A list item's marker, owed at the start of its first line.
    marker: Option<String>,
    pre: usize,
    /// Nothing written yet in the current `<pre>`: its leading newlines are dropped.
    pre_start: bool,
    /// Per open emphasis element, its marker, or `None` when an outer one already applies it.
    emphasis: Vec<Option<&'static str>>,
}

impl Writer {
    fn block(&mut self, lines: usize) {
        if !self.out.is_empty() {
            if self.pending_break == 0 {
                self.break_prefixes = self.prefixes.len();
            }
            self.break_prefixes = self.break_prefixes.min(self.prefixes.len());
            self.pending_break = self.pending_break.max(lines);
        }
        self.pending_space = false;
    }

    fn start_line(&mut self) {
        if self.pending_break > 0 {
            for i in 0..self.pending_break {
                self.out.push('\n');
                if i + 1 < self.pending_break {
                    let n = self.break_prefixes.min(self.prefixes.len());
                    let prefix: String = self.prefixes[..n].concat();
                    self.out.push_str(prefix.trim_end());
                }
            }
            self.pending_break = 0;
            self.pending_space = false;
            self.write_prefix();
        } else if self.out.is_empty() || self.out.ends_with('\n') {
            self.write_prefix();
        }
    }

    fn write_prefix(&mut self) {
        match self.marker.take() {
            Some(marker) => {
                let n = self.prefixes.len().saturating_sub(1);
                for prefix in &self.prefixes[..n] {
                    self.out.push_str(prefix);
                }
                self.out.push_str(&marker);
            }
            None => {
                for prefix in &self.prefixes {
                    self.out.push_str(prefix);
                }
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            let text = if self.pre_start {
                text.trim_start_matches(['\n', '\r'])
            } else {
                text
            };
            if text.is_empty() {
                return;
            }
            self.pre_start = false;
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.out.push('\n');
                    self.write_prefix();
                } else if !line.is_empty() || self.pending_break > 0 {
                    self.start_line();
                }
                self.out.push_str(line);
            }
            return;
        }
        // Word by word: what is owed before visible text is settled once per word.
        let mut rest = text;
        while !rest.is_empty() {
            let spaces = rest.len() - rest.trim_start().len();
            if spaces > 0 {
                self.pending_space = true;
                rest = &rest[spaces..];
                continue;
            }
            let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
            self.before_visible();
            self.out.push_str(&rest[..word]);
            rest = &rest[word..];
        }
    }

    /// Settles the line break, space and opening markup owed before visible text.
    fn before_visible(&mut self) {
        if self.pending_break > 0 || self.out.is_empty() {
            self.start_line();
        } else if self.pending_space && !self.out.ends_with([' ', '\n']) {
            self.out.push(' ');
        }
        self.pending_space = false;
        if !self.pending_open.is_empty() {
            self.out.push_str(&self.pending_open);
            self.pending_open.clear();
        }
    }

    /// Writes `text` as one visible unit, as it is.
    fn literal(&mut self, text: &str) {
        self.before_visible();
        self.out.push_str(text);
    }

    fn open_inline(&mut self, markup: &str) {
        if self.markdown {
            self.pending_open.push_str(markup);
        }
    }

    /// Closes inline markup; when nothing was written since it opened, the opening is dropped.
    fn close_inline(&mut self, open: &str, close: &str) {
        if !self.markdown {
            return;
        }
        if self.pending_open.ends_with(open) {
            let len = self.pending_open.len() - open.len();
            self.pending_open.truncate(len);
        } else {
            self.out.push_str(close);
        }
    }

    /// Writes whole lines (a table) as a block of their own.
    fn lines(&mut self, text: &str) {
        self.block(2);
        for line in text.lines() {
            self.start_line();
            self.out.push_str(line);
            self.pending_break = 1;
        }
        self.block(2);
    }

    fn finish(mut self) -> String {
        let len = self.out.trim_end().len();
        self.out.truncate(len);
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

fn emphasis(name: &str) -> Option<&'static str> {
    Some(match name {
        "strong" | "b" => "**",
        "em" | "i" => "*",
        "code" | "kbd" | "samp" | "tt" => "`",
        "del" | "s" | "strike" => "~~",
        _ => return None,
    })
}

fn link_target(element: &Element) -> Option<&str> {
    element
        .attr("href")
        .map(str::trim)
        .filter(|h| !h.is_empty() && !h.starts_with('#') && !h.starts_with("javascript:"))
}

fn collect_meta(element: &Element, metadata: &mut Metadata) {
    let (Some(name), Some(content)) = (
        element.attr("name").or_else(|| element.attr("property")),
        element.attr("content"),
    ) else {
        return;
    };
    let content = content.trim();
    if content.is_empty() {
        return;
    }
    match name.to_ascii_lowercase().as_str() {
        "author" | "dc.creator" | "dcterms.creator" => metadata.authors.push(content.to_owned()),
        "description" | "dc.description" | "dcterms.description" => {
            metadata.subject.get_or_insert_with(|| content.to_owned());
        }
        "keywords" | "dc.subject" => metadata.keywords.extend(
            content
                .split([',', ';'])
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_owned),
        ),
        "generator" => {
            metadata.creator.get_or_insert_with(|| content.to_owned());
        }
        "dc.title" | "dcterms.title" | "og:title" => {
            metadata.title.get_or_insert_with(|| content.to_owned());
        }
        _ => {}
    }
}

/// Renders `document`.
pub fn render(
    document: &Html,
    markdown: bool,
    ctx: &Context<'_>,
) -> Result<Rendered, ExtractionError> {
    let mut w = Writer {
        markdown,
        out: String::new(),
        pending_break: 0,
        break_prefixes: 0,
        pending_space: false,
        pending_open: String::new(),
        prefixes: Vec::new(),
        marker: None,
        pre: 0,
        pre_start: false,
        emphasis: Vec::new(),
    };
    let mut metadata = Metadata::default();
    let mut found_tables: Vec<Table> = Vec::new();
    let mut title: Option<String> = None;
    let mut in_title = false;
    // The node whose subtree is being skipped, and the open lists (ordered, next number).
    let mut skipping: Option<ego_tree::NodeId> = None;
    let mut lists: Vec<(bool, u64)> = Vec::new();
    let mut depth = 0usize;
    let mut cells = 0usize;
    for edge in document.tree.root().traverse() {
        ctx.tick()?;
        match edge {
            Edge::Open(node) => {
                depth += 1;
                if depth > ctx.limits.max_depth {
                    return Err(ctx.limits.depth_error(ctx.path, "elements"));
                }
                if skipping.is_some() {
                    // Inside a dropped subtree only the head's metadata is read.
                    if let Node::Element(element) = node.value() {
                        match element.name() {
                            "title" if title.is_none() => in_title = true,
                            "meta" => collect_meta(element, &mut metadata),
                            _ => {}
                        }
                    } else if let (Node::Text(text), true) = (node.value(), in_title) {
                        title.get_or_insert_with(String::new).push_str(text);
                    }
                    continue;
                }
                let element = match node.value() {
                    Node::Text(text) => {
                        w.text(text);
                        continue;
                    }
                    Node::Element(element) => element,
                    _ => continue,
                };
                let name = element.name();
                if DROPPED.contains(&name) || element.attr("hidden").is_some() {
                    skipping = Some(node.id());
                    continue;
                }
                match name {
                    "html" => {
                        let lang = element.attr("lang").or_else(|| element.attr("xml:lang"));
                        metadata.language =
                            lang.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
                    }
                    "title" if title.is_none() => in_title = true,
                    "meta" => collect_meta(element, &mut metadata),
                    "table" if tables::is_data_table(node, ctx)? => {
                        let rows = tables::rows(node, ctx)?;
                        cells += rows.iter().map(Vec::len).sum::<usize>();
                        ctx.limits.check_cells(ctx.path, cells)?;
                        let markdown_table = table::to_markdown(&rows);
                        if markdown {
                            w.lines(&markdown_table);
                        } else {
                            let mut plain = String::new();
                            table::to_plain(&rows, &mut plain);
                            w.lines(&plain);
                        }
                        found_tables.push(Table {
                            page: Some(1),
                            cells: rows,
                            markdown: markdown_table,
                        });
                        skipping = Some(node.id());
                    }
                    "br" => {
                        w.block(1);
                        w.pending_break = w.pending_break.max(usize::from(!w.out.is_empty()));
                    }
                    "td" | "th" => w.pending_space = true,
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        w.block(2);
                        if markdown {
                            let level = usize::from(name.as_bytes()[1] - b'0');
                            w.pending_open = format!("{} ", "#".repeat(level));
                        }
                    }
                    "ul" | "ol" => {
                        w.block(if lists.is_empty() { 2 } else { 1 });
                        let start = element.attr("start").and_then(|s| s.trim().parse().ok());
                        lists.push((name == "ol", start.unwrap_or(1)));
                    }
                    "li" => {
                        w.block(1);
                        if markdown {
                            let marker = match lists.last_mut() {
                                Some((true, n)) => {
                                    *n += 1;
                                    format!("{}. ", *n - 1)
                                }
                                _ => "- ".to_owned(),
                            };
                            w.prefixes
                                .push(if marker.len() == 2 { "  " } else { "   " });
                            w.marker = Some(marker);
                        }
                    }
                    "blockquote" => {
                        w.block(2);
                        if markdown {
                            w.prefixes.push("> ");
                        }
                    }
                    "pre" => {
                        w.block(2);
                        if markdown {
                            w.start_line();
                            w.out.push_str("```");
                            w.pending_break = 1;
                        }
                        w.pre += 1;
                        w.pre_start = true;
                    }
                    "hr" => {
                        w.block(2);
                        if markdown {
                            w.start_line();
                            w.out.push_str("---");
                            w.block(2);
                        }
                    }
                    "a" => {
                        if link_target(element).is_some() {
                            w.open_inline("[");
                        }
                    }
                    "img" if markdown => {
                        let alt = element.attr("alt").unwrap_or("").trim();
                        if let Some(src) =
                            element.attr("src").map(str::trim).filter(|s| !s.is_empty())
                        {
                            w.literal(&format!("![{alt}]({src})"));
                        }
                    }
                    _ => {
                        if let Some(mark) = emphasis(name).filter(|_| w.pre == 0) {
                            let active = w.emphasis.contains(&Some(mark));
                            w.emphasis.push((!active).then_some(mark));
                            if !active {
                                w.open_inline(mark);
                            }
                        } else if PARAGRAPH_BLOCKS.contains(&name) {
                            w.block(2);
                        } else if LINE_BLOCKS.contains(&name) {
                            w.block(1);
                        }
                    }
                }
            }
            Edge::Close(node) => {
                depth = depth.saturating_sub(1);
                let Node::Element(element) = node.value() else {
                    continue;
                };
                let name = element.name();
                if name == "title" {
                    in_title = false;
                }
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                match name {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        w.pending_open.clear();
                        w.block(2);
                    }
                    "ul" | "ol" => {
                        lists.pop();
                        w.block(if lists.is_empty() { 2 } else { 1 });
                    }
                    "li" => {
                        if markdown {
                            w.prefixes.pop();
                            w.marker = None;
                        }
                        w.block(1);
                    }
                    "blockquote" => {
                        if markdown {
                            w.prefixes.pop();
                        }
                        w.block(2);
                    }
                    "pre" => {
                        w.pre = w.pre.saturating_sub(1);
                        if markdown {
                            w.pending_break = 1;
                            w.start_line();
                            w.out.push_str("```");
                        }
                        w.block(2);
                    }
                    "a" => {
                        if let Some(href) = link_target(element) {
                            w.close_inline("[", &format!("]({href})"));
                        }
                    }
                    "td" | "th" => w.pending_space = true,
                    _ => {
                        if emphasis(name).is_some() && w.pre == 0 {
                            if let Some(Some(mark)) = w.emphasis.pop() {
                                w.close_inline(mark, mark);
                            }
                        } else if PARAGRAPH_BLOCKS.contains(&name) {
                            w.block(2);
                        } else if LINE_BLOCKS.contains(&name) {
                            w.block(1);
                        }
                    }
                }
            }
        }
        ctx.limits.check_output(ctx.path, w.out.len())?;
    }
    metadata.title = title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .or(metadata.title);
    Ok(Rendered {
        content: w.finish(),
        metadata,
        tables: found_tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    fn run(html: &str, markdown: bool) -> Rendered {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.html", &config);
        render(&Html::parse_document(html), markdown, &ctx).unwrap()
    }

    #[test]
    fn plain_text_keeps_blocks_and_drops_scripts() {
        let html = "<html lang=en><head><title> My  Page </title><meta name=author content=Ann>\
            <meta name=keywords content='a, b'><meta name=description content=About>\
            <style>p{}</style></head><body><script>var x;</script><h1>Title</h1>\
            <p>One &amp; <b>two</b><br>three</p><ul><li>a</li><li>b</li></ul>\
            <template>t</template><div>x</div><div>y</div></body></html>";
        let rendered = run(html, false);
        assert_eq!(
            rendered.content,
            "Title\n\nOne & two\nthree\n\na\nb\n\nx\ny\n"
        );
        let m = &rendered.metadata;
        assert_eq!(m.title.as_deref(), Some("My Page"));
        assert_eq!(m.authors, ["Ann"]);
        assert_eq!(m.keywords, ["a", "b"]);
        assert_eq!(m.subject.as_deref(), Some("About"));
        assert_eq!(m.language.as_deref(), Some("en"));
    }

    #[test]
    fn markdown_has_headings_lists_links_emphasis_code_and_quotes() {
        let html = "<h2>Head</h2><p>A <a href='http://x.org'>link</a>, <em>em</em>, \
            <strong>bold</strong>, <code>c</code><b></b>, <b><strong>once</strong></b>.</p>\
            <ul><li>one<ul><li>inner</li></ul></li><li>two</li></ul>\
            <ol start=3><li>three</li></ol><blockquote><p>q1</p><p>q2</p></blockquote>\
            <pre><code>\nlet x = 1;\n  y</code></pre>";
        assert_eq!(
            run(html, true).content,
            "## Head\n\nA [link](http://x.org), *em*, **bold**, `c`, **once**.\n\n- one\n  - inner\n- two\n\n\
             3. three\n\n> q1\n>\n> q2\n\n```\nlet x = 1;\n  y\n```\n"
        );
    }

    #[test]
    fn data_tables_are_tables_and_layout_tables_are_text() {
        let html = "<table><tr><th>a</th><th>b</th></tr><tr><td colspan=2>wide</td></tr>\
            <tr><td>1</td><td>2</td></tr></table>\
            <table><tr><td><table><tr><td>x</td><td>y</td></tr></table></td></tr></table>";
        let rendered = run(html, true);
        assert_eq!(rendered.tables.len(), 2);
        assert_eq!(
            rendered.tables[0].cells,
            [["a", "b"], ["wide", ""], ["1", "2"]]
        );
        assert_eq!(
            rendered.content,
            "| a | b |\n| --- | --- |\n| wide |  |\n| 1 | 2 |\n\n| x | y |\n| --- | --- |\n"
        );
        let plain = run(html, false);
        assert_eq!(plain.content, "a\tb\nwide\t\n1\t2\n\nx\ty\n");
    }
}
