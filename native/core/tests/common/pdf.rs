//! Builds small PDF files from bytes, for the PDF hazard tests: objects in order, a classic
//! cross-reference table with the right offsets, a trailer, `startxref` and `%%EOF`; the tests
//! then damage the result in the ways the hazards need.
#![allow(dead_code)]

use std::io::Write;

/// A PDF under construction: `objects[i]` is the body of object `i + 1`.
#[derive(Default, Clone)]
pub struct PdfBuilder {
    pub objects: Vec<Vec<u8>>,
    /// Extra trailer entries, e.g. `/Info 5 0 R`.
    pub trailer: String,
}

impl PdfBuilder {
    /// A one-page document whose page shows `content` (object 4 is the content stream).
    pub fn one_page(content: &[u8]) -> Self {
        let mut pdf = PdfBuilder::default();
        pdf.object(b"<< /Type /Catalog /Pages 2 0 R >>");
        pdf.object(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.object(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>");
        pdf.stream(b"", content);
        pdf
    }

    /// Appends an object; returns its number.
    pub fn object(&mut self, body: &[u8]) -> usize {
        self.objects.push(body.to_vec());
        self.objects.len()
    }

    /// Appends a stream object with `extra` dictionary entries and a correct `/Length`.
    pub fn stream(&mut self, extra: &[u8], data: &[u8]) -> usize {
        let mut body = format!("<< /Length {} ", data.len()).into_bytes();
        body.extend_from_slice(extra);
        body.extend_from_slice(b" >>\nstream\n");
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.object(&body)
    }

    /// The file, with a classic cross-reference table.
    pub fn build(&self) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            writeln!(out, "{} 0 obj", i + 1).unwrap();
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        write!(
            out,
            "xref\n0 {}\n0000000000 65535 f \n",
            self.objects.len() + 1
        )
        .unwrap();
        for offset in offsets {
            writeln!(out, "{offset:010} 00000 n ").unwrap();
        }
        write!(
            out,
            "trailer\n<< /Size {} /Root 1 0 R {} >>\nstartxref\n{xref}\n%%EOF\n",
            self.objects.len() + 1,
            self.trailer
        )
        .unwrap();
        out
    }
}

/// zlib-compresses `data` (FlateDecode).
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

/// Replaces the first occurrence of `from` with `to` (same length or not).
pub fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .unwrap_or_else(|| panic!("{} not found", String::from_utf8_lossy(from)));
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(to);
    out.extend_from_slice(&bytes[at + from.len()..]);
    out
}

/// The byte offset of the first `needle` in `bytes`.
pub fn find(bytes: &[u8], needle: &[u8]) -> usize {
    bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap_or_else(|| panic!("{} not found", String::from_utf8_lossy(needle)))
}

/// The byte offset of the last `needle` in `bytes`.
pub fn rfind(bytes: &[u8], needle: &[u8]) -> usize {
    bytes
        .windows(needle.len())
        .rposition(|w| w == needle)
        .unwrap_or_else(|| panic!("{} not found", String::from_utf8_lossy(needle)))
}

/// Opens `bytes` as `path` and decodes every page's content, as the text engine will.
pub fn page_contents(
    bytes: &[u8],
    config: &vellum_core::ExtractionConfig,
) -> Result<Vec<Vec<u8>>, vellum_core::ExtractionError> {
    use vellum_core::formats::pdf::{Budget, PdfDocument};
    let ctx = vellum_core::limits::Context::new("test.pdf", config);
    let document = PdfDocument::open(bytes, &config.pdf_passwords, &ctx)?;
    let budget = Budget::for_document(&ctx);
    (0..document.page_count())
        .map(|page| document.page_content(page, &ctx, &budget))
        .collect()
}
