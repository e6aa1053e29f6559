//! The package's properties into `metadata`: core (Dublin Core: title, creator, dates...),
//! extended (`docProps/app.xml`: application, page and slide counts) and custom properties.

use crate::container::{XmlEvent, XmlReader, ZipContainer};
use crate::document::{ExtractionError, Metadata};
use crate::limits::Context;

use super::package::Relationships;

/// Fills `metadata` from the property parts the package relationships name (or the usual
/// `docProps/` names). Missing or unreadable property parts are skipped: they are not text.
pub fn read(
    zip: &ZipContainer<'_>,
    package: &Relationships,
    metadata: &mut Metadata,
    ctx: &Context<'_>,
) -> Result<(), ExtractionError> {
    let part = |suffix: &str, default: &str| {
        package
            .first(suffix)
            .map(|r| r.target.clone())
            .unwrap_or_else(|| default.to_owned())
    };
    for (name, reader) in [
        (
            part("core-properties", "docProps/core.xml"),
            core as PartReader,
        ),
        (part("extended-properties", "docProps/app.xml"), app),
        (part("custom-properties", "docProps/custom.xml"), custom),
    ] {
        let bytes = match zip.read(&name) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => continue,
            Err(e) if e.kind == crate::document::ErrorKind::Limit => return Err(e),
            Err(e) if e.kind == crate::document::ErrorKind::Timeout => return Err(e),
            Err(_) => continue,
        };
        let text = crate::container::xml::decode(&bytes);
        let mut xml = XmlReader::new(&text, &name, ctx);
        match reader(&mut xml, metadata) {
            Ok(()) => {}
            Err(e) if e.kind == crate::document::ErrorKind::Parse => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

type PartReader = fn(&mut XmlReader<'_, '_>, &mut Metadata) -> Result<(), ExtractionError>;

/// The leaf elements of a flat property part: `(local name, text)` pairs at depth 2.
fn leaves(
    xml: &mut XmlReader<'_, '_>,
    mut each: impl FnMut(&[u8], String),
) -> Result<(), ExtractionError> {
    while let Some(event) = xml.next()? {
        let name = match event {
            XmlEvent::Start(element) => element.local().to_vec(),
            _ => continue,
        };
        {
            if xml.depth() == 2 {
                let text = xml.element_text()?;
                each(&name, text.trim().to_owned());
            }
        }
    }
    Ok(())
}

fn core(xml: &mut XmlReader<'_, '_>, metadata: &mut Metadata) -> Result<(), ExtractionError> {
    leaves(xml, |name, text| {
        if text.is_empty() {
            return;
        }
        match name {
            b"title" => metadata.title = Some(text),
            b"subject" => metadata.subject = Some(text),
            b"creator" => metadata.authors.extend(split_list(&text)),
            b"keywords" => metadata.keywords.extend(split_list(&text)),
            b"language" => metadata.language = Some(text),
            b"created" => metadata.created = parse_w3c_datetime(&text),
            b"modified" => metadata.modified = parse_w3c_datetime(&text),
            b"description" => put(metadata, "description", text),
            b"lastModifiedBy" => put(metadata, "lastModifiedBy", text),
            b"category" => put(metadata, "category", text),
            b"contentStatus" => put(metadata, "contentStatus", text),
            b"revision" => put(metadata, "revision", text),
            b"identifier" => put(metadata, "identifier", text),
            b"lastPrinted" => put(metadata, "lastPrinted", text),
            _ => {}
        }
    })
}

fn app(xml: &mut XmlReader<'_, '_>, metadata: &mut Metadata) -> Result<(), ExtractionError> {
    let mut application = None;
    let mut version = None;
    leaves(xml, |name, text| {
        if text.is_empty() {
            return;
        }
        match name {
            b"Application" => application = Some(text),
            b"AppVersion" => version = Some(text),
            b"Pages" | b"Slides" => {
                if metadata.page_count.is_none() {
                    metadata.page_count = text.parse().ok();
                }
                put(metadata, &String::from_utf8_lossy(name), text);
            }
            b"Company"
            | b"Manager"
            | b"Template"
            | b"Words"
            | b"Characters"
            | b"Lines"
            | b"Paragraphs"
            | b"Notes"
            | b"HiddenSlides"
            | b"TotalTime"
            | b"PresentationFormat" => put(metadata, &String::from_utf8_lossy(name), text),
            _ => {}
        }
    })?;
    if let Some(application) = application {
        put(metadata, "Application", application.clone());
        metadata.creator = Some(match version {
            Some(version) => format!("{application} {version}"),
            None => application,
        });
    }
    Ok(())
}

fn custom(xml: &mut XmlReader<'_, '_>, metadata: &mut Metadata) -> Result<(), ExtractionError> {
    while let Some(event) = xml.next()? {
        if let XmlEvent::Start(element) = event {
            if element.local() == b"property" {
                let name = element.attr(b"name").unwrap_or_default();
                let value = xml.element_text()?;
                if !name.is_empty() {
                    put(metadata, &format!("custom:{name}"), value.trim().to_owned());
                }
            }
        }
    }
    Ok(())
}

fn put(metadata: &mut Metadata, key: &str, value: String) {
    metadata.extra.insert(key.to_owned(), value);
}

fn split_list(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split([';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// A W3C date-time (`2024-01-31T12:00:00Z`, offsets and fractions allowed, a date alone too) as
/// microseconds since the epoch, UTC.
pub fn parse_w3c_datetime(text: &str) -> Option<i64> {
    let text = text.trim();
    let number = |s: &str| -> Option<i64> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (date, time) = match text.find(['T', 't', ' ']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    let mut parts = date.split('-');
    let year = number(parts.next()?)?;
    let month = parts.next().map_or(Some(1), number)?;
    let day = parts.next().map_or(Some(1), number)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let (clock, offset_seconds) = if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        (clock, 0)
    } else if let Some(at) = time.rfind(['+', '-']) {
        let (clock, zone) = time.split_at(at);
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let mut zone = zone[1..].split(':');
        let hours = number(zone.next()?)?;
        let minutes = zone.next().map_or(Some(0), number)?;
        (clock, sign * (hours * 3600 + minutes * 60))
    } else {
        (time, 0)
    };
    let mut clock_parts = clock.split(':');
    let hour = clock_parts
        .next()
        .filter(|s| !s.is_empty())
        .map_or(Some(0), number)?;
    let minute = clock_parts.next().map_or(Some(0), number)?;
    let (second, micros) = match clock_parts.next() {
        Some(seconds) => {
            let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, ""));
            let digits: String = fraction.chars().chain("000000".chars()).take(6).collect();
            (
                number(whole)?,
                if fraction.is_empty() {
                    0
                } else {
                    number(&digits)?
                },
            )
        }
        None => (0, 0),
    };
    if hour > 24 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_seconds;
    seconds.checked_mul(1_000_000)?.checked_add(micros)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;
    use crate::container::zip::tests::build_zip;

    #[test]
    fn w3c_dates_become_microseconds() {
        assert_eq!(parse_w3c_datetime("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_w3c_datetime("2000-03-01T00:00:01.5Z"),
            Some(951_868_801_500_000)
        );
        assert_eq!(
            parse_w3c_datetime("2000-03-01T01:00:00+01:00"),
            Some(951_868_800_000_000)
        );
        assert_eq!(parse_w3c_datetime("2000-03-01"), Some(951_868_800_000_000));
        assert_eq!(parse_w3c_datetime("yesterday"), None);
        assert_eq!(parse_w3c_datetime("2000-13-01"), None);
    }

    #[test]
    fn core_app_and_custom_properties_fill_metadata() {
        let core = br#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
            <dc:title>The Title</dc:title><dc:creator>Ann; Bob</dc:creator><cp:keywords>a, b</cp:keywords>
            <dcterms:created>1970-01-01T00:00:10Z</dcterms:created><cp:lastModifiedBy>Cy</cp:lastModifiedBy></cp:coreProperties>"#;
        let app = b"<Properties><Application>Microsoft Office Word</Application><AppVersion>16.0</AppVersion><Pages>3</Pages><Company>ACME</Company></Properties>";
        let custom = br#"<Properties><property fmtid="x" pid="2" name="Client"><vt:lpwstr xmlns:vt="v">Big Co</vt:lpwstr></property></Properties>"#;
        let zip = build_zip(&[
            ("docProps/core.xml", core, true),
            ("docProps/app.xml", app, true),
            ("docProps/custom.xml", custom, true),
        ]);
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.docx", &config);
        let container = ZipContainer::open(&zip, &ctx).unwrap();
        let mut metadata = Metadata::default();
        read(&container, &Relationships::default(), &mut metadata, &ctx).unwrap();
        assert_eq!(metadata.title.as_deref(), Some("The Title"));
        assert_eq!(metadata.authors, ["Ann", "Bob"]);
        assert_eq!(metadata.keywords, ["a", "b"]);
        assert_eq!(metadata.created, Some(10_000_000));
        assert_eq!(metadata.page_count, Some(3));
        assert_eq!(
            metadata.creator.as_deref(),
            Some("Microsoft Office Word 16.0")
        );
        assert_eq!(metadata.extra["Company"], "ACME");
        assert_eq!(metadata.extra["lastModifiedBy"], "Cy");
        assert_eq!(metadata.extra["custom:Client"], "Big Co");
    }
}
