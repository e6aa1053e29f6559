//! HTML tables: whether a `<table>` holds data (rendered as a table) or only lays out the page
//! (rendered as ordinary blocks), and the rows and cells of a data table.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::Node;

use crate::document::ExtractionError;
use crate::limits::Context;

/// The widest `colspan` honoured (the HTML standard's own limit).
const MAX_COLSPAN: usize = 1000;

/// Whether `table` is a data table: no nested table and at least two columns in some row.
pub fn is_data_table(table: NodeRef<'_, Node>, ctx: &Context<'_>) -> Result<bool, ExtractionError> {
    let mut widest = 0usize;
    let mut cells = 0usize;
    for edge in table.traverse() {
        ctx.tick()?;
        match edge {
            Edge::Open(node) if node.id() != table.id() => match element_name(node) {
                Some("table") => return Ok(false),
                Some("tr") => cells = 0,
                Some("td" | "th") => {
                    cells += 1;
                    widest = widest.max(cells);
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(widest >= 2)
}

pub fn element_name(node: NodeRef<'_, Node>) -> Option<&str> {
    node.value().as_element().map(|e| e.name())
}

/// The rows of a data table (one without nested tables), cells as collapsed text; a cell with a
/// `colspan` is followed by empty cells so the columns stay aligned.
pub fn rows(
    table: NodeRef<'_, Node>,
    ctx: &Context<'_>,
) -> Result<Vec<Vec<String>>, ExtractionError> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<(String, usize)> = None;
    let mut skip = 0usize;
    for edge in table.traverse() {
        ctx.tick()?;
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => match element.name() {
                    "script" | "style" | "template" => skip += 1,
                    "tr" => row = Some(Vec::new()),
                    "td" | "th" => {
                        let span = element
                            .attr("colspan")
                            .and_then(|s| s.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, MAX_COLSPAN);
                        cell = Some((String::new(), span));
                    }
                    "br" | "p" | "div" | "li" => {
                        if let Some((text, _)) = cell.as_mut() {
                            text.push(' ');
                        }
                    }
                    _ => {}
                },
                Node::Text(text) if skip == 0 => {
                    if let Some((cell_text, _)) = cell.as_mut() {
                        cell_text.push_str(text);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => match element_name(node) {
                Some("script" | "style" | "template") => skip = skip.saturating_sub(1),
                Some("td" | "th") => {
                    if let Some((text, span)) = cell.take() {
                        let row = row.get_or_insert_with(Vec::new);
                        row.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
                        row.extend(std::iter::repeat_n(String::new(), span - 1));
                    }
                }
                Some("tr") => {
                    if let Some(row) = row.take().filter(|r| !r.is_empty()) {
                        rows.push(row);
                    }
                }
                _ => {}
            },
        }
    }
    if let Some(row) = row.filter(|r| !r.is_empty()) {
        rows.push(row);
    }
    Ok(rows)
}
