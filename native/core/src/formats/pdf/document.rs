//! Opening a PDF: the object layer (hayro-syntax: lexer, objects, cross-reference tables and
//! streams with `/Prev` chains, object streams, repair by scanning for `N G obj`, the standard
//! security handler), with Vellum's bounds around it, its passwords and its errors.

use std::sync::Arc;

use hayro_syntax::object::{Array, Dict, Name, Stream};
use hayro_syntax::{DecryptionError, LoadPdfError, Pdf, PdfVersion};
use memchr::memmem;

use super::filters::{decode_stream, Budget};
use super::guard;
use crate::document::{ErrorKind, ExtractionError};
use crate::limits::Context;

/// The most indirect objects a document may hold.
const MAX_OBJECTS: usize = 10_000_000;

/// The most content streams one page may concatenate.
const MAX_CONTENT_STREAMS: usize = 10_000;

/// An opened PDF.
pub struct PdfDocument {
    pdf: Pdf,
    /// Whether the file uses the standard security handler (opened with the empty user password
    /// or a given one).
    encrypted: bool,
}

impl std::fmt::Debug for PdfDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfDocument")
            .field("objects", &self.pdf.len())
            .field("pages", &self.pdf.pages().len())
            .field("encrypted", &self.encrypted)
            .finish()
    }
}

impl PdfDocument {
    /// Opens `bytes`, trying the empty user password, then each of `passwords` in turn.
    pub fn open(
        bytes: &[u8],
        passwords: &[String],
        ctx: &Context<'_>,
    ) -> Result<PdfDocument, ExtractionError> {
        guard::check_internal_streams(bytes, ctx)?;
        // hayro-syntax needs data it can share ('static): one copy of the file per document.
        let data = Arc::new(bytes.to_vec());
        let encrypted = mentions(bytes, b"/Encrypt");
        let first = Pdf::new(data.clone());
        ctx.deadline.check(ctx.path)?;
        let pdf = match first {
            Ok(pdf) => pdf,
            Err(LoadPdfError::Invalid) => match later_document(bytes) {
                Some(later) => return PdfDocument::open(later, passwords, ctx),
                // hayro-syntax reports a wrong password found while rebuilding the
                // cross-reference table as an invalid file, not as a locked one.
                None if encrypted && !public_key_security(bytes) => {
                    open_locked_or_damaged(&data, passwords, ctx)?
                }
                None => return Err(not_a_pdf(ctx)),
            },
            Err(LoadPdfError::Decryption(DecryptionError::PasswordProtected)) => {
                open_with_passwords(&data, passwords, ctx)?
            }
            Err(LoadPdfError::Decryption(DecryptionError::UnsupportedAlgorithm)) => {
                return Err(unsupported_security(bytes, ctx))
            }
            Err(LoadPdfError::Decryption(
                DecryptionError::MissingIDEntry | DecryptionError::InvalidEncryption,
            )) => {
                if public_key_security(bytes) {
                    return Err(unsupported_security(bytes, ctx));
                }
                return Err(ctx.parse_error(
                    "the PDF's encryption dictionary (or its /ID) is damaged, so it cannot be \
                     decrypted",
                ));
            }
        };
        if pdf.len() > MAX_OBJECTS {
            return Err(ExtractionError::new(
                ErrorKind::Limit,
                format!(
                    "{}: the PDF declares {} objects, more than the limit of {MAX_OBJECTS}",
                    ctx.path,
                    pdf.len()
                ),
            ));
        }
        Ok(PdfDocument { pdf, encrypted })
    }

    pub fn pdf(&self) -> &Pdf {
        &self.pdf
    }

    pub fn encrypted(&self) -> bool {
        self.encrypted
    }

    /// The number of pages, from the page tree, without decoding any content.
    pub fn page_count(&self) -> usize {
        self.pdf.pages().len()
    }

    /// The version as `1.7` or `2.0`.
    pub fn version(&self) -> &'static str {
        match self.pdf.version() {
            PdfVersion::Pdf10 => "1.0",
            PdfVersion::Pdf11 => "1.1",
            PdfVersion::Pdf12 => "1.2",
            PdfVersion::Pdf13 => "1.3",
            PdfVersion::Pdf14 => "1.4",
            PdfVersion::Pdf15 => "1.5",
            PdfVersion::Pdf16 => "1.6",
            PdfVersion::Pdf17 => "1.7",
            PdfVersion::Pdf20 => "2.0",
        }
    }

    /// The document catalog.
    pub fn catalog(&self) -> Option<Dict<'_>> {
        self.pdf.xref().get::<Dict<'_>>(self.pdf.xref().root_id())
    }

    /// The decoded content of page `index` (0-based): its content streams in order, joined by
    /// a newline as the specification asks (ISO 32000-2, 7.8.2). A stream that cannot be
    /// decoded contributes what it still holds.
    pub fn page_content(
        &self,
        index: usize,
        ctx: &Context<'_>,
        budget: &Budget,
    ) -> Result<Vec<u8>, ExtractionError> {
        let Some(page) = self.pdf.pages().get(index) else {
            return Ok(Vec::new());
        };
        let raw = page.raw();
        let streams: Vec<Stream<'_>> = if let Some(stream) = raw.get::<Stream<'_>>(b"Contents") {
            vec![stream]
        } else if let Some(array) = raw.get::<Array<'_>>(b"Contents") {
            array
                .iter::<Stream<'_>>()
                .take(MAX_CONTENT_STREAMS)
                .collect()
        } else {
            Vec::new()
        };
        let mut content = Vec::new();
        for stream in streams {
            ctx.tick()?;
            let decoded = decode_stream(&stream, ctx, budget)?;
            if decoded.image.is_none() {
                if !content.is_empty() {
                    content.push(b'\n');
                }
                content.extend_from_slice(&decoded.data);
            }
        }
        Ok(content)
    }

    /// Whether the catalog says the document is tagged (`/MarkInfo << /Marked true >>`).
    pub fn tagged(&self) -> bool {
        self.catalog()
            .and_then(|c| c.get::<Dict<'_>>(b"MarkInfo"))
            .and_then(|m| m.get::<bool>(b"Marked"))
            .unwrap_or(false)
    }

    /// Whether an interactive form with fields is present.
    pub fn has_form_fields(&self) -> bool {
        self.catalog()
            .and_then(|c| c.get::<Dict<'_>>(b"AcroForm"))
            .and_then(|f| f.get::<Array<'_>>(b"Fields"))
            .is_some_and(|fields| fields.raw_iter().next().is_some())
    }

    /// The document's natural language from the catalog's `/Lang`.
    pub fn language(&self) -> Option<String> {
        let lang = self
            .catalog()?
            .get::<hayro_syntax::object::String<'_>>(b"Lang")?;
        super::strings::clean(&super::strings::text_string(lang.as_bytes()))
    }

    /// The catalog's `/Metadata` stream (XMP), decoded.
    pub fn xmp_packet(&self, ctx: &Context<'_>, budget: &Budget) -> Option<Vec<u8>> {
        let stream = self.catalog()?.get::<Stream<'_>>(b"Metadata")?;
        let is_xml = stream
            .dict()
            .get::<Name<'_>>(b"Subtype")
            .is_none_or(|s| s.as_ref() == b"XML");
        if !is_xml {
            return None;
        }
        decode_stream(&stream, ctx, budget).ok().map(|d| d.data)
    }
}

fn open_with_passwords(
    data: &Arc<Vec<u8>>,
    passwords: &[String],
    ctx: &Context<'_>,
) -> Result<Pdf, ExtractionError> {
    for password in passwords {
        for candidate in password_forms(password) {
            ctx.deadline.check(ctx.path)?;
            if let Ok(pdf) = Pdf::new_with_password(data.clone(), &candidate) {
                return Ok(pdf);
            }
        }
    }
    let message = if passwords.is_empty() {
        "the PDF is encrypted and needs a password to open; set the pdfPassword option (several \
         passwords, separated by newlines, are tried in turn)"
            .to_owned()
    } else {
        format!(
            "the PDF is encrypted and none of the {} given passwords opens it; set the right one \
             in the pdfPassword option",
            passwords.len()
        )
    };
    Err(ExtractionError::new(
        ErrorKind::Encrypted,
        format!("{}: {message}", ctx.path),
    ))
}

/// An encrypted file that did not open with the empty user password and looked invalid: either
/// locked by a user password (hayro-syntax cannot tell while it rebuilds a cross-reference
/// table) or damaged. The given passwords are tried; failing them, the row says both.
fn open_locked_or_damaged(
    data: &Arc<Vec<u8>>,
    passwords: &[String],
    ctx: &Context<'_>,
) -> Result<Pdf, ExtractionError> {
    match open_with_passwords(data, passwords, ctx) {
        Err(error) if error.kind == ErrorKind::Encrypted && passwords.is_empty() => {
            Err(ExtractionError::new(
                ErrorKind::Encrypted,
                format!(
                    "{}: the PDF is encrypted and does not open without a password: it needs \
                     one (set the pdfPassword option), or its encryption is damaged",
                    ctx.path
                ),
            ))
        }
        other => other,
    }
}

/// The forms of a password to try: normalised with SASLprep (RFC 4013) as revisions 5 and 6
/// require, then as given when that differs (revisions 2 to 4 take the bytes as they are).
fn password_forms(password: &str) -> Vec<String> {
    let mut forms = Vec::with_capacity(2);
    if let Ok(prepared) = stringprep::saslprep(password) {
        forms.push(prepared.into_owned());
    }
    if forms.first().is_none_or(|p| p != password) {
        forms.push(password.to_owned());
    }
    forms
}

/// A second document appended after the first one's `%%EOF` (two PDFs concatenated, whose
/// offsets count from their own headers), when the whole file does not open: the bytes from the
/// last header that starts a line.
fn later_document(bytes: &[u8]) -> Option<&[u8]> {
    memmem::rfind_iter(bytes, b"%PDF-")
        .find(|&at| at > 0 && matches!(bytes[at - 1], b'\n' | b'\r'))
        .map(|at| &bytes[at..])
}

/// Whether `needle` occurs in `bytes`.
fn mentions(bytes: &[u8], needle: &[u8]) -> bool {
    memmem::find(bytes, needle).is_some()
}

fn public_key_security(bytes: &[u8]) -> bool {
    mentions(bytes, b"Adobe.PubSec") || mentions(bytes, b"adbe.pkcs7")
}

fn unsupported_security(bytes: &[u8], ctx: &Context<'_>) -> ExtractionError {
    let what = if public_key_security(bytes) {
        "public-key security (certificates), which Vellum does not support; decrypt it with \
         the recipient's certificate first"
    } else {
        "a security handler or encryption algorithm that Vellum does not support"
    };
    ExtractionError::new(
        ErrorKind::Unsupported,
        format!("{}: the PDF is encrypted with {what}", ctx.path),
    )
}

fn not_a_pdf(ctx: &Context<'_>) -> ExtractionError {
    ctx.parse_error(
        "not a readable PDF: no usable cross-reference table, and scanning the file for objects \
         found no document catalog with pages",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_tried_saslprepped_then_as_given() {
        assert_eq!(password_forms("abc"), ["abc"]);
        // SASLprep maps the soft hyphen to nothing and NFKC-normalises the feminine ordinal.
        assert_eq!(
            password_forms("S\u{AA}SL\u{AD}prep"),
            ["SaSLprep", "S\u{AA}SL\u{AD}prep"]
        );
    }

    #[test]
    fn public_key_security_is_recognised_by_its_filter() {
        assert!(public_key_security(
            b"<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 >>"
        ));
        assert!(!public_key_security(b"<< /Filter /Standard /V 5 /R 6 >>"));
    }
}
