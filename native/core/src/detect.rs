//! Format detection: content first (magic bytes, byte-order marks, the first markup), the file
//! extension second. Reads at most the first few KiB, so a query that selects only `mime_type`
//! stays cheap.

/// How many leading bytes detection looks at.
const SNIFF_LEN: usize = 8 * 1024;

/// Which extractor handles a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    /// CSV or TSV; `Some(delimiter)` when the extension fixes it.
    Csv(Option<u8>),
    Json,
    Ndjson,
    Xml,
    Html,
    Pdf,
    /// PNG, JPEG, TIFF, BMP, GIF or WebP: metadata, and text by OCR.
    Image,
    /// Rich Text Format.
    Rtf,
    /// EPUB 2 or 3 publication.
    Epub,
    /// A ZIP archive of other documents.
    Archive,
    /// OOXML word processing (DOCX, DOCM, DOTX, DOTM).
    Word,
    /// OOXML presentation (PPTX, PPTM, PPSX, PPSM, POTX).
    Presentation,
    /// OOXML encrypted with a password: an OLE file holding EncryptionInfo and EncryptedPackage.
    EncryptedOoxml,
    /// OOXML spreadsheet (XLSX, XLSM, XLTX, XLTM, XLSB).
    Spreadsheet,
    /// Zipped OpenDocument (ODT, ODS, ODP, ODG and their templates).
    OpenDocument,
    /// Flat OpenDocument: one XML document (FODT, FODS, FODP).
    FlatOpenDocument,
    /// An OLE compound file: Word 97 or PowerPoint 97 (by its streams), or another storage.
    LegacyOffice,
    /// Detected, but no extractor in this version.
    Unsupported,
}

/// The result of detection: a MIME type and the extractor for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detection {
    pub mime_type: &'static str,
    pub format: Format,
}

impl Detection {
    const fn new(mime_type: &'static str, format: Format) -> Self {
        Detection { mime_type, format }
    }

    const fn unsupported(mime_type: &'static str) -> Self {
        Detection::new(mime_type, Format::Unsupported)
    }
}

pub const OCTET_STREAM: &str = "application/octet-stream";

/// The lower-cased extension of `path` (after the last dot of the last segment), or "".
pub fn extension(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match name.rfind('.') {
        Some(dot) if dot > 0 => name[dot + 1..].to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Detects the format of `bytes`, named `path`.
pub fn detect(path: &str, bytes: &[u8]) -> Detection {
    let ext = extension(path);
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if let Some(binary) = detect_binary(head, &ext) {
        return binary;
    }
    let by_extension = text_by_extension(&ext);
    let json_extension = matches!(
        by_extension.map(|d| d.format),
        Some(Format::Json | Format::Ndjson)
    );
    let text = sniff_text(head).or_else(|| damaged_markup(head, by_extension));
    let Some(text) = text else {
        // JSON may hold escaped control characters; its parser reports stray NUL bytes itself.
        return match by_extension {
            Some(json) if json_extension => json,
            _ => Detection::unsupported(OCTET_STREAM),
        };
    };
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if let Some(markup) = detect_markup(text, &ext, by_extension) {
        return markup;
    }
    if let Some(known) = by_extension {
        return known;
    }
    match ext.as_str() {
        "eml" => return Detection::unsupported("message/rfc822"),
        "mbox" => return Detection::unsupported("application/mbox"),
        _ => {}
    }
    if looks_like_email(text) {
        return Detection::unsupported("message/rfc822");
    }
    if text.starts_with("From ") && text.contains("\nFrom:") {
        return Detection::unsupported("application/mbox");
    }
    if text.starts_with('{') || text.starts_with('[') {
        return if looks_like_ndjson(text) {
            Detection::new("application/x-ndjson", Format::Ndjson)
        } else {
            Detection::new("application/json", Format::Json)
        };
    }
    Detection::new("text/plain", Format::Text)
}

fn detect_binary(head: &[u8], ext: &str) -> Option<Detection> {
    let starts = |magic: &[u8]| head.starts_with(magic);
    let contains = |needle: &[u8]| {
        let window = &head[..head.len().min(1024)];
        window.windows(needle.len()).any(|w| w == needle)
    };
    // Readers accept a BOM, or junk within the first KiB, before the header.
    let pdf = starts(b"%PDF")
        || starts(b"\xEF\xBB\xBF%PDF")
        || (ext == "pdf" && (contains(b"%PDF-") || contains(b" obj")));
    let found = if pdf {
        "application/pdf"
    } else if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
        zip_mime(head, ext)
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        ole_mime(head, ext)
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        "image/gif"
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        "image/tiff"
    } else if starts(b"BM") && head.len() >= 26 && head[6..10] == [0, 0, 0, 0] {
        "image/bmp"
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        "image/webp"
    } else if starts(b"{\\rtf") || (ext == "rtf" && starts(b"{\\")) {
        "application/rtf"
    } else if head.len() >= 4 && head[0] == 0x09 && matches!(head[1], 0x02 | 0x04) && head[3] == 0 {
        // BIFF2 to BIFF4 worksheets (Excel 2 to 4) have no OLE container.
        "application/vnd.ms-excel"
    } else if starts(&[0xDB, 0xA5, 0x2D, 0x00]) {
        "application/msword"
    } else if starts(&[0x1F, 0x8B]) {
        "application/gzip"
    } else if starts(b"7z\xBC\xAF\x27\x1C") {
        "application/x-7z-compressed"
    } else if starts(b"Rar!\x1A\x07") {
        "application/vnd.rar"
    } else if starts(&[0x00, 0x00, 0x01, 0x00]) && ext == "ico" {
        "image/vnd.microsoft.icon"
    } else {
        return None;
    };
    Some(Detection::new(found, crate::formats::binary_format(found)))
}

fn zip_mime(head: &[u8], ext: &str) -> &'static str {
    let by_ext = match ext {
        "docx" => Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "docm" => Some("application/vnd.ms-word.document.macroEnabled.12"),
        "dotx" => Some("application/vnd.openxmlformats-officedocument.wordprocessingml.template"),
        "dotm" => Some("application/vnd.ms-word.template.macroEnabled.12"),
        "xlsx" => Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "xlsm" => Some("application/vnd.ms-excel.sheet.macroEnabled.12"),
        "xlsb" => Some("application/vnd.ms-excel.sheet.binary.macroEnabled.12"),
        "xltx" => Some("application/vnd.openxmlformats-officedocument.spreadsheetml.template"),
        "xltm" => Some("application/vnd.ms-excel.template.macroEnabled.12"),
        "pptx" => Some("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        "pptm" => Some("application/vnd.ms-powerpoint.presentation.macroEnabled.12"),
        "ppsx" => Some("application/vnd.openxmlformats-officedocument.presentationml.slideshow"),
        "ppsm" => Some("application/vnd.ms-powerpoint.slideshow.macroEnabled.12"),
        "potx" => Some("application/vnd.openxmlformats-officedocument.presentationml.template"),
        "odt" => Some("application/vnd.oasis.opendocument.text"),
        "ods" => Some("application/vnd.oasis.opendocument.spreadsheet"),
        "odp" => Some("application/vnd.oasis.opendocument.presentation"),
        "odg" => Some("application/vnd.oasis.opendocument.graphics"),
        "epub" => Some("application/epub+zip"),
        _ => None,
    };
    if let Some(mime) = by_ext {
        return mime;
    }
    // The OpenDocument and EPUB containers store their MIME type uncompressed first (ODF 1.2
    // part 3, section 3.3; OCF 3.0 section 4.2.1), so it sits at offset 38 of the file.
    if head.get(30..38) == Some(b"mimetype") {
        let rest = &head[38..];
        for mime in [
            "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation",
            "application/epub+zip",
        ] {
            if rest.starts_with(mime.as_bytes()) {
                return mime;
            }
        }
    }
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if contains(b"word/") {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    } else if contains(b"xl/") {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    } else if contains(b"ppt/") {
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    } else {
        "application/zip"
    }
}

fn ole_mime(head: &[u8], ext: &str) -> &'static str {
    // Encrypted OOXML keeps its extension but is an OLE file holding the encrypted package
    // (MS-OFFCRYPTO 2.3.4); its directory names it, usually within the first sectors.
    const ENCRYPTED_PACKAGE: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    if head
        .windows(ENCRYPTED_PACKAGE.len())
        .any(|w| w == ENCRYPTED_PACKAGE)
    {
        return "application/x-tika-ooxml-protected";
    }
    match ext {
        "docx" | "docm" | "dotx" | "dotm" | "xlsx" | "xlsm" | "xlsb" | "xltx" | "xltm" | "pptx"
        | "pptm" | "ppsx" | "ppsm" | "potx" => "application/x-tika-ooxml-protected",
        "doc" | "dot" => "application/msword",
        "xls" | "xlt" => "application/vnd.ms-excel",
        "ppt" | "pps" | "pot" => "application/vnd.ms-powerpoint",
        "msg" => "application/vnd.ms-outlook",
        _ => "application/x-tika-msoffice",
    }
}

/// What the extension alone says about a text document.
fn text_by_extension(ext: &str) -> Option<Detection> {
    Some(match ext {
        "txt" | "text" | "log" | "asc" => Detection::new("text/plain", Format::Text),
        "md" | "markdown" | "mdown" | "mkd" | "mkdn" => {
            Detection::new("text/markdown", Format::Markdown)
        }
        "csv" => Detection::new("text/csv", Format::Csv(None)),
        "tsv" | "tab" => Detection::new("text/tab-separated-values", Format::Csv(Some(b'\t'))),
        "json" => Detection::new("application/json", Format::Json),
        "jsonl" | "ndjson" => Detection::new("application/x-ndjson", Format::Ndjson),
        "xml" | "nxml" | "xsd" | "xsl" | "xslt" | "rdf" | "opf" | "ncx" | "kml" | "gpx" => {
            Detection::new("application/xml", Format::Xml)
        }
        "svg" => Detection::new("image/svg+xml", Format::Xml),
        "fodt" => Detection::new(
            "application/vnd.oasis.opendocument.flat.text",
            Format::FlatOpenDocument,
        ),
        "fods" => Detection::new(
            "application/vnd.oasis.opendocument.flat.spreadsheet",
            Format::FlatOpenDocument,
        ),
        "fodp" => Detection::new(
            "application/vnd.oasis.opendocument.flat.presentation",
            Format::FlatOpenDocument,
        ),
        "rss" => Detection::new("application/rss+xml", Format::Xml),
        "atom" => Detection::new("application/atom+xml", Format::Xml),
        "html" | "htm" | "shtml" => Detection::new("text/html", Format::Html),
        "xhtml" | "xht" => Detection::new("application/xhtml+xml", Format::Html),
        _ => return None,
    })
}

/// Decodes the head for sniffing, or `None` when it is binary.
fn sniff_text(head: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(head) {
        let (text, _) = encoding.decode_without_bom_handling(&head[bom_len..]);
        return Some(text);
    }
    if let Some(encoding) = crate::text::utf16_without_bom(head) {
        let (text, _) = encoding.decode_without_bom_handling(head);
        return Some(text);
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    if head.contains(&0) || controls * 20 > head.len() {
        return None;
    }
    // A multi-byte character may be cut at the end of the head: lossy decoding is fine here.
    Some(String::from_utf8_lossy(head))
}

/// A file named as HTML or XML that starts with markup stays markup even with a few stray NUL
/// or control bytes (damaged attribute values are common in mail-saved pages).
fn damaged_markup(
    head: &[u8],
    by_extension: Option<Detection>,
) -> Option<std::borrow::Cow<'_, str>> {
    let markup = matches!(
        by_extension.map(|d| d.format),
        Some(Format::Html | Format::Xml)
    );
    let start = head.trim_ascii_start();
    let nuls = head.iter().filter(|&&b| b == 0).count();
    (markup && start.starts_with(b"<") && nuls * 20 < head.len())
        .then(|| String::from_utf8_lossy(head))
}

const HTML_TAGS: [&str; 24] = [
    "html", "head", "body", "title", "meta", "link", "script", "style", "div", "p", "table", "h1",
    "h2", "h3", "br", "span", "a", "ul", "ol", "img", "form", "header", "nav", "center",
];

/// HTML or XML by the first markup, after comments and processing instructions.
fn detect_markup(text: &str, ext: &str, by_extension: Option<Detection>) -> Option<Detection> {
    let mut rest = text;
    let mut xml_declaration = false;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
        } else if rest.starts_with("<?") {
            xml_declaration |= rest.starts_with("<?xml");
            rest = rest.find("?>").map_or("", |end| &rest[end + 2..]);
        } else {
            break;
        }
    }
    let is_html_ext = matches!(by_extension.map(|d| d.format), Some(Format::Html));
    let lower_start: String = rest
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    let root: String = lower_start
        .strip_prefix('<')
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
        .collect();
    let xhtml = (root == "html" || root.ends_with(":html"))
        && lower_start.contains("http://www.w3.org/1999/xhtml");
    if lower_start.starts_with("<!doctype html") {
        return Some(if xml_declaration || xhtml || ext == "xhtml" {
            Detection::new("application/xhtml+xml", Format::Html)
        } else {
            Detection::new("text/html", Format::Html)
        });
    }
    if lower_start.starts_with("<html") {
        return Some(if xml_declaration && xhtml || ext == "xhtml" {
            Detection::new("application/xhtml+xml", Format::Html)
        } else {
            Detection::new("text/html", Format::Html)
        });
    }
    if let Some(flat) = flat_open_document(rest, &root) {
        return Some(flat);
    }
    if xml_declaration || lower_start.starts_with("<!doctype") {
        if xhtml {
            return Some(Detection::new("application/xhtml+xml", Format::Html));
        }
        if is_html_ext {
            return by_extension;
        }
        return Some(match by_extension {
            Some(d) if matches!(d.format, Format::Xml | Format::FlatOpenDocument) => d,
            _ => Detection::new("application/xml", Format::Xml),
        });
    }
    // Weaker signs decide only when the extension names no text format.
    if by_extension.is_some() || !rest.starts_with('<') {
        return None;
    }
    let name = root;
    if name.is_empty() {
        return None;
    }
    if HTML_TAGS.contains(&name.as_str()) {
        return Some(Detection::new("text/html", Format::Html));
    }
    Some(match name.as_str() {
        "rss" => Detection::new("application/rss+xml", Format::Xml),
        "feed" => Detection::new("application/atom+xml", Format::Xml),
        "svg" => Detection::new("image/svg+xml", Format::Xml),
        "fodt" => Detection::new(
            "application/vnd.oasis.opendocument.flat.text",
            Format::FlatOpenDocument,
        ),
        "fods" => Detection::new(
            "application/vnd.oasis.opendocument.flat.spreadsheet",
            Format::FlatOpenDocument,
        ),
        "fodp" => Detection::new(
            "application/vnd.oasis.opendocument.flat.presentation",
            Format::FlatOpenDocument,
        ),
        _ => Detection::new("application/xml", Format::Xml),
    })
}

/// A flat OpenDocument file by its root (`office:document`) and the MIME type it declares.
fn flat_open_document(rest: &str, root: &str) -> Option<Detection> {
    if root != "office:document" {
        return None;
    }
    let head: String = rest
        .chars()
        .take(SNIFF_LEN)
        .collect::<String>()
        .to_ascii_lowercase();
    let declared = head
        .split("office:mimetype=")
        .nth(1)?
        .trim_start_matches(['"', '\''])
        .to_owned();
    for (kind, mime) in [
        ("text", "application/vnd.oasis.opendocument.flat.text"),
        (
            "spreadsheet",
            "application/vnd.oasis.opendocument.flat.spreadsheet",
        ),
        (
            "presentation",
            "application/vnd.oasis.opendocument.flat.presentation",
        ),
    ] {
        if declared.starts_with(&format!("application/vnd.oasis.opendocument.{kind}")) {
            return Some(Detection::new(mime, Format::FlatOpenDocument));
        }
    }
    None
}

const EMAIL_HEADERS: [&str; 10] = [
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "received",
    "return-path",
    "mime-version",
    "delivered-to",
    "content-type",
];

/// A header block of at least three known RFC 5322 fields, every line a field or continuation.
fn looks_like_email(text: &str) -> bool {
    let mut known = 0;
    for line in text.lines().take(200) {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic()) {
            return false;
        }
        if EMAIL_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            known += 1;
        }
    }
    known >= 3
}

/// Two or more lines, each one complete JSON-looking value.
fn looks_like_ndjson(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let complete = |line: &str| {
        let line = line.trim();
        (line.starts_with('{') && line.ends_with('}'))
            || (line.starts_with('[') && line.ends_with(']'))
    };
    match (lines.next(), lines.next()) {
        (Some(first), Some(second)) => complete(first) && complete(second),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mime(path: &str, bytes: &[u8]) -> &'static str {
        detect(path, bytes).mime_type
    }

    #[test]
    fn magic_bytes_win_over_the_extension() {
        assert_eq!(mime("a.txt", b"%PDF-1.7\n"), "application/pdf");
        assert_eq!(mime("a", b"\x89PNG\r\n\x1a\n...."), "image/png");
        assert_eq!(mime("a.pdf", b"junk first\n%PDF-1.1\n"), "application/pdf");
        assert_eq!(
            mime("a.pdf", b"%\xE2\xE3\n1 0 obj\n<<>>"),
            "application/pdf"
        );
        assert_eq!(mime("a.rtf", b"{\\pard text}"), "application/rtf");
        assert_eq!(
            mime("a.xls", b"\x09\x04\x06\x00\x00"),
            "application/vnd.ms-excel"
        );
        assert_eq!(mime("a.bin", b"PK\x05\x06\0\0"), "application/zip");
        assert_eq!(mime("a.html", b"{\\rtf1\\ansi"), "application/rtf");
        assert_eq!(mime("x.jpg", &[0xFF, 0xD8, 0xFF, 0xE0]), "image/jpeg");
        assert_eq!(mime("x", b"GIF89a...."), "image/gif");
        assert_eq!(mime("x", b"RIFF\0\0\0\0WEBPVP8 "), "image/webp");
        assert_eq!(detect("x.pdf", b"%PDF").format, Format::Pdf);
    }

    #[test]
    fn zip_and_ole_containers_are_refined_by_extension() {
        let zip = b"PK\x03\x04\x14\0\0\0\0\0";
        assert!(mime("a.docx", zip).contains("wordprocessingml"));
        assert_eq!(mime("a.epub", zip), "application/epub+zip");
        assert_eq!(mime("a.zip", zip), "application/zip");
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0];
        assert_eq!(mime("a.xls", &ole), "application/vnd.ms-excel");
        assert_eq!(mime("a.msg", &ole), "application/vnd.ms-outlook");
        let mut odt = b"PK\x03\x04".to_vec();
        odt.resize(30, 0);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(
            mime("noext", &odt),
            "application/vnd.oasis.opendocument.text"
        );
    }

    #[test]
    fn html_and_xml_are_sniffed_after_comments_and_declarations() {
        assert_eq!(
            mime("page", b"\xEF\xBB\xBF  <!DOCTYPE html><p>x"),
            "text/html"
        );
        assert_eq!(mime("page.txt", b"<!-- c --><html><body>x"), "text/html");
        assert_eq!(mime("a", b"<div>hi</div>"), "text/html");
        assert_eq!(
            mime("a", b"<?xml version='1.0'?><root/>"),
            "application/xml"
        );
        assert_eq!(mime("a", b"<catalog><book/></catalog>"), "application/xml");
        assert_eq!(mime("a", b"<rss version='2.0'>"), "application/rss+xml");
        let xhtml = b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>";
        assert_eq!(
            detect("a.xml", xhtml),
            Detection::new("application/xhtml+xml", Format::Html)
        );
        assert_eq!(mime("a.html", b"<?xml version='1.0'?><x/>"), "text/html");
        let flat = b"<?xml version='1.0'?><office:document xmlns:x='http://www.w3.org/1999/xhtml'>";
        assert_eq!(detect("a.fodt", flat).format, Format::FlatOpenDocument);
        assert_eq!(mime("a.xml", flat), "application/xml");
    }

    #[test]
    fn text_formats_follow_the_extension() {
        assert_eq!(detect("a.csv", b"a,b\n1,2\n").format, Format::Csv(None));
        assert_eq!(detect("a.tsv", b"a\tb\n").format, Format::Csv(Some(b'\t')));
        assert_eq!(mime("a.md", b"# Title\n"), "text/markdown");
        assert_eq!(mime("a.json", b"[\"a\0a\"]"), "application/json");
        assert_eq!(mime("a.ndjson", b"{}\n{}\n"), "application/x-ndjson");
        assert_eq!(mime("notes.txt", b"[1] see below"), "text/plain");
        assert_eq!(mime("notes.txt", b"{ not json"), "text/plain");
        assert_eq!(
            mime("error.json", b"<!DOCTYPE html><p>Not found"),
            "text/html"
        );
        assert_eq!(
            mime("feed.json", b"<?xml version='1.0'?><a/>"),
            "application/xml"
        );
        assert_eq!(mime("odd.json", b"<a>"), "application/json");
    }

    #[test]
    fn content_alone_recognises_json_ndjson_email_and_binary() {
        assert_eq!(mime("data", b"{\"a\": 1}"), "application/json");
        assert_eq!(
            mime("data", b"{\"a\": 1}\n{\"a\": 2}\n"),
            "application/x-ndjson"
        );
        let mail = b"From: a@b.c\nTo: d@e.f\nSubject: hi\nDate: today\n\nbody";
        assert_eq!(mime("mail", mail), "message/rfc822");
        assert_eq!(mime("m.eml", b"anything"), "message/rfc822");
        assert_eq!(mime("blob", b"\x01\x02\0\x03binary"), OCTET_STREAM);
        assert_eq!(
            mime(
                "a.html",
                b"<HTML><HEAD><META content=\"x\0\0y\">............"
            ),
            "text/html"
        );
        assert_eq!(
            mime("a.bin", b"<HTML><HEAD><META content=\"x\0\0y\">"),
            OCTET_STREAM
        );
        assert_eq!(mime("plain", b"Just words.\n"), "text/plain");
        assert_eq!(mime("empty", b""), "text/plain");
    }

    #[test]
    fn utf16_text_is_text_not_binary() {
        let utf16: Vec<u8> = "hello world, this is text"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(mime("a", &utf16), "text/plain");
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend_from_slice(&utf16);
        assert_eq!(mime("a.txt", &with_bom), "text/plain");
    }

    #[test]
    fn extension_is_lower_cased_and_taken_from_the_last_segment() {
        assert_eq!(extension("dir.x/File.HTML"), "html");
        assert_eq!(extension("dir.x/noext"), "");
        assert_eq!(extension(".bashrc"), "");
    }
}
