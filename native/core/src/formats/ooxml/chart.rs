//! The text of a DrawingML chart part (`c:chartSpace`, ECMA-376 Part 1, 21.2), shared by Word,
//! PowerPoint and Excel: the chart's title and its axes' titles, then its data as the chart
//! caches it (21.2.2.{33,21,224}: `c:tx`, `c:cat`, `c:val` of each `c:ser`, or `c:xVal` and
//! `c:yVal` of a scatter chart) as a table, one row per series under a row of categories.
//! Numbers are shown through the cache's format code. The formulas (`c:f`) that point into the
//! workbook, and extensions, are not text.

use crate::container::{XmlEvent, XmlReader};
use crate::document::ExtractionError;
use crate::formats::spreadsheet::number_format;
use crate::limits::Context;

/// Points read per series: a chart plots far fewer, more is a broken or hostile cache.
const MAX_POINTS: usize = 100_000;

/// What a chart part says.
#[derive(Debug, Default, PartialEq)]
pub struct ChartText {
    /// The chart's and its axes' titles, in order.
    pub titles: Vec<String>,
    /// A header row (empty first cell, then the categories) when there are categories, and one
    /// row per series: its name, then its values.
    pub rows: Vec<Vec<String>>,
}

#[derive(Default)]
struct Series {
    name: String,
    categories: Vec<String>,
    values: Vec<String>,
}

/// Which part of a series the reader is in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Name,
    Categories,
    Values,
}

/// Reads the chart part `text`, named `part`.
pub fn read(text: &str, part: &str, ctx: &Context<'_>) -> Result<ChartText, ExtractionError> {
    let mut xml = XmlReader::new(text, part, ctx);
    let mut chart = ChartText::default();
    let mut series: Vec<Series> = Vec::new();
    let mut title: Option<String> = None;
    let mut section = Section::None;
    // The point being read, and whether its cache holds numbers, with their format code.
    let mut point: Option<usize> = None;
    let mut numeric = false;
    let mut format_code: Option<String> = None;
    // Of a multi-level category cache only the first (innermost) level is read.
    let mut first_level_read = false;
    while let Some(event) = xml.next()? {
        let XmlEvent::Start(e) = event else {
            if let XmlEvent::End(end) = event {
                match end.local() {
                    b"title" => {
                        if let Some(done) = title.take().filter(|t| !t.trim().is_empty()) {
                            chart.titles.push(done.trim().to_owned());
                        }
                    }
                    b"p" => {
                        if let Some(title) = title.as_mut() {
                            title.push(' ');
                        }
                    }
                    b"tx" | b"cat" | b"val" | b"xVal" | b"yVal" => section = Section::None,
                    b"pt" => point = None,
                    _ => {}
                }
            }
            continue;
        };
        match e.local() {
            b"extLst" | b"f" | b"txPr" => xml.skip_element()?,
            b"title" if series.is_empty() || section == Section::None => {
                title = Some(String::new());
            }
            b"t" if title.is_some() => {
                let text = xml.element_text()?;
                if let Some(title) = title.as_mut() {
                    title.push_str(&text);
                }
            }
            b"ser" => series.push(Series::default()),
            b"tx" if !series.is_empty() && title.is_none() => section = Section::Name,
            b"cat" | b"xVal" if !series.is_empty() => section = Section::Categories,
            b"val" | b"yVal" if !series.is_empty() => section = Section::Values,
            b"numCache" | b"numLit" => {
                numeric = true;
                format_code = None;
            }
            b"strCache" | b"strLit" => numeric = false,
            b"multiLvlStrCache" => {
                numeric = false;
                first_level_read = false;
            }
            b"lvl" if first_level_read => xml.skip_element()?,
            b"lvl" => first_level_read = true,
            b"formatCode" => format_code = Some(xml.element_text()?),
            b"pt" => {
                point = e
                    .attr(b"idx")
                    .and_then(|i| i.trim().parse().ok())
                    .filter(|&i| i < MAX_POINTS);
            }
            b"v" => {
                let value = xml.element_text()?;
                let Some(current) = series.last_mut() else {
                    continue;
                };
                match section {
                    Section::Name => {
                        if !current.name.is_empty() {
                            current.name.push(' ');
                        }
                        current.name.push_str(value.trim());
                    }
                    Section::Categories | Section::Values => {
                        let Some(i) = point else {
                            continue;
                        };
                        let value = if numeric {
                            shown(&value, format_code.as_deref())
                        } else {
                            value.trim().to_owned()
                        };
                        let cells = if section == Section::Values {
                            &mut current.values
                        } else {
                            &mut current.categories
                        };
                        place(cells, i, value);
                    }
                    Section::None => {}
                }
            }
            _ => {}
        }
    }
    chart.rows = rows(series);
    Ok(chart)
}

/// Puts `value` at index `i`, padding with empty cells.
fn place(cells: &mut Vec<String>, i: usize, value: String) {
    if cells.len() <= i {
        cells.resize(i + 1, String::new());
    }
    cells[i] = value;
}

/// A cached number shown through its format code (General when there is none).
fn shown(value: &str, code: Option<&str>) -> String {
    let Ok(number) = value.trim().parse::<f64>() else {
        return value.trim().to_owned();
    };
    match code {
        Some(code) if !code.eq_ignore_ascii_case("general") => {
            number_format::format(number, code, false)
        }
        _ => number_format::general(number),
    }
}

/// The table of the series: categories once (those of the first series that has any), then
/// one row per series.
fn rows(series: Vec<Series>) -> Vec<Vec<String>> {
    let categories = series
        .iter()
        .find(|s| s.categories.iter().any(|c| !c.is_empty()))
        .map(|s| s.categories.clone());
    let mut rows = Vec::with_capacity(series.len() + 1);
    if let Some(categories) = categories {
        let mut header = vec![String::new()];
        header.extend(categories);
        rows.push(header);
    }
    for s in series {
        if s.name.is_empty() && s.values.iter().all(String::is_empty) {
            continue;
        }
        let mut row = vec![s.name];
        row.extend(s.values);
        rows.push(row);
    }
    if rows.len() == 1 {
        // Categories and no series: a header alone says nothing.
        rows.clear();
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    const C: &str = "xmlns:c='http://schemas.openxmlformats.org/drawingml/2006/chart' \
        xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main'";

    fn series(name: &str, values: &[&str]) -> String {
        let points: String = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("<c:pt idx='{i}'><c:v>{v}</c:v></c:pt>"))
            .collect();
        format!(
            "<c:ser><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:pt idx='0'><c:v>{name}</c:v></c:pt></c:strCache></c:strRef></c:tx>\
             <c:cat><c:strRef><c:f>Sheet1!$A$2:$A$3</c:f><c:strCache><c:pt idx='0'><c:v>North</c:v></c:pt><c:pt idx='1'><c:v>South</c:v></c:pt></c:strCache></c:strRef></c:cat>\
             <c:val><c:numRef><c:numCache><c:formatCode>0%</c:formatCode>{points}</c:numCache></c:numRef></c:val></c:ser>"
        )
    }

    #[test]
    fn titles_and_series_become_a_table_under_the_categories() {
        let xml = format!(
            "<c:chartSpace {C}><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>Share by region</a:t></a:r></a:p></c:rich></c:tx></c:title>\
             <c:plotArea><c:barChart>{}{}</c:barChart>\
             <c:valAx><c:title><c:tx><c:rich><a:p><a:r><a:t>Share</a:t></a:r></a:p></c:rich></c:tx></c:title></c:valAx></c:plotArea></c:chart></c:chartSpace>",
            series("2023", &["0.25", "0.75"]),
            series("2024", &["0.5", "0.5"]),
        );
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.pptx", &config);
        let chart = read(&xml, "chart1.xml", &ctx).unwrap();
        assert_eq!(chart.titles, ["Share by region", "Share"]);
        assert_eq!(
            chart.rows,
            [
                vec!["", "North", "South"],
                vec!["2023", "25%", "75%"],
                vec!["2024", "50%", "50%"]
            ]
        );
    }

    #[test]
    fn a_chart_without_data_or_titles_says_nothing() {
        let xml = format!("<c:chartSpace {C}><c:chart><c:plotArea/></c:chart></c:chartSpace>");
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.docx", &config);
        assert_eq!(read(&xml, "c.xml", &ctx).unwrap(), ChartText::default());
    }
}
