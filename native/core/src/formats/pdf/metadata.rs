//! A PDF's metadata: the Info dictionary first, XMP for what it lacks; the rest (version,
//! tagged, linearized, form fields) into `extra`.

use super::document::PdfDocument;
use super::filters::Budget;
use super::strings::{clean, pdf_date, text_string, xmp_date};
use super::xmp::Xmp;
use crate::document::Metadata;
use crate::limits::Context;

/// Reads the metadata of an opened document. Never fails: what cannot be read stays empty.
pub fn read(document: &PdfDocument, ctx: &Context<'_>, budget: &Budget) -> Metadata {
    let info = document.pdf().metadata();
    let text =
        |value: &Option<Box<[u8]>>| value.as_deref().map(text_string).and_then(|t| clean(&t));
    let xmp = document
        .xmp_packet(ctx, budget)
        .map(|packet| Xmp::parse(&packet))
        .unwrap_or_default();
    let mut metadata = Metadata {
        title: text(&info.title).or(xmp.title),
        subject: text(&info.subject).or(xmp.description),
        creator: text(&info.creator).or(xmp.creator_tool),
        producer: text(&info.producer).or(xmp.producer),
        language: document.language(),
        page_count: i32::try_from(document.page_count()).ok(),
        encrypted: Some(document.encrypted()),
        ..Metadata::default()
    };
    metadata.authors = match text(&info.author) {
        Some(author) => vec![author],
        None => xmp.creators,
    };
    metadata.keywords = match text(&info.keywords).or(xmp.keywords) {
        Some(keywords) => split_keywords(&keywords),
        None => xmp.subjects,
    };
    metadata.created = info
        .creation_date
        .and_then(|d| hayro_date(&d))
        .or_else(|| xmp.create_date.as_deref().and_then(xmp_date));
    metadata.modified = info
        .modification_date
        .and_then(|d| hayro_date(&d))
        .or_else(|| xmp.modify_date.as_deref().and_then(xmp_date));
    let extra = &mut metadata.extra;
    extra.insert("pdf_version".to_owned(), document.version().to_owned());
    extra.insert("tagged".to_owned(), document.tagged().to_string());
    extra.insert("linearized".to_owned(), linearized(document).to_string());
    extra.insert(
        "form_fields".to_owned(),
        document.has_form_fields().to_string(),
    );
    metadata
}

/// Keywords split on `,` or `;`, as writers separate them.
fn split_keywords(keywords: &str) -> Vec<String> {
    keywords.split([',', ';']).filter_map(clean).collect()
}

fn hayro_date(date: &hayro_syntax::object::DateTime) -> Option<i64> {
    let sign = if date.utc_offset_hour < 0 { '-' } else { '+' };
    pdf_date(&format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}{sign}{:02}'{:02}",
        date.year,
        date.month,
        date.day,
        date.hour,
        date.minute,
        date.second,
        date.utc_offset_hour.unsigned_abs(),
        date.utc_offset_minute
    ))
}

/// Whether the first object of the file is a linearization dictionary.
fn linearized(document: &PdfDocument) -> bool {
    let data = document.pdf().data().as_ref();
    let head = &data[..data.len().min(1024)];
    memchr::memmem::find(head, b"/Linearized").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_split_on_commas_and_semicolons() {
        assert_eq!(
            split_keywords("pdf, text;  search ;"),
            ["pdf", "text", "search"]
        );
    }

    #[test]
    fn hayro_dates_keep_their_offset() {
        let date = hayro_syntax::object::DateTime {
            year: 2001,
            month: 9,
            day: 8,
            hour: 23,
            minute: 46,
            second: 40,
            utc_offset_hour: -2,
            utc_offset_minute: 0,
        };
        assert_eq!(hayro_date(&date), Some(1_000_000_000_000_000));
    }
}
