//! The entry point: an [`Extractor`] holds a validated configuration and turns inputs into rows.
//! It is `Send + Sync`: one extractor may serve several threads at once.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::config::{Column, ExtractionConfig};
use crate::detect::detect;
use crate::document::{Document, DocumentInput, ErrorKind, ExtractionError, Page};
use crate::error::ConfigError;
use crate::limits::Context;

#[derive(Debug)]
pub struct Extractor {
    config: ExtractionConfig,
}

impl Extractor {
    pub fn new(config: ExtractionConfig) -> Result<Self, ConfigError> {
        config.validate()?;
        Ok(Extractor { config })
    }

    pub fn from_json(json: &[u8]) -> Result<Self, ConfigError> {
        Ok(Extractor {
            config: ExtractionConfig::from_json(json)?,
        })
    }

    pub fn config(&self) -> &ExtractionConfig {
        &self.config
    }

    fn wants(&self, column: Column) -> bool {
        self.config.columns.contains(&column)
    }

    /// Extracts one document. Never panics on hostile input; every failure is a row with `error`.
    /// A panic inside an extractor is contained here and becomes an error of kind `internal`.
    pub fn extract(&self, input: &DocumentInput<'_>) -> Document {
        let mut document = Document {
            path: input.path.to_owned(),
            modification_time: input.modification_time,
            length: input.length,
            ..Document::default()
        };
        let outcome = contained(input.path, || self.fill(input, &mut document));
        if let Err(error) = outcome {
            document.content = None;
            document.metadata = None;
            document.pages = None;
            document.tables = None;
            document.chunks = None;
            document.languages = None;
            document.error = Some(error);
        }
        document
    }

    fn fill(
        &self,
        input: &DocumentInput<'_>,
        document: &mut Document,
    ) -> Result<(), ExtractionError> {
        let path = input.path;
        let config = &self.config;
        if let Some(reason) = input.read_error {
            return Err(ExtractionError::new(
                ErrorKind::Io,
                format!("{path}: the file could not be read: {reason}"),
            ));
        }
        let too_large = |size: i64| {
            ExtractionError::new(
                ErrorKind::Limit,
                format!(
                    "{path}: file is {size} bytes, larger than maxFileSize {}; raise maxFileSize \
                     to extract it",
                    config.max_file_size
                ),
            )
        };
        let Some(bytes) = input.content else {
            return Err(if input.length > config.max_file_size {
                too_large(input.length)
            } else {
                ExtractionError::new(
                    ErrorKind::Io,
                    format!("{path}: the file's content was not read, so it cannot be extracted"),
                )
            });
        };
        let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
        if size > config.max_file_size {
            return Err(too_large(size));
        }
        let detection = detect(path, bytes);
        document.mime_type = Some(detection.mime_type.to_owned());
        if !config.needs_extraction() {
            return Ok(());
        }
        let ctx = Context::new(path, config);
        let extracted =
            crate::formats::extract(detection.format, detection.mime_type, bytes, &ctx)?;
        ctx.deadline.check(path)?;
        let content = extracted.content;
        if config.extract_pages && self.wants(Column::Pages) {
            document.pages = Some(if extracted.pages.is_empty() {
                vec![Page {
                    number: 1,
                    content: content.clone(),
                }]
            } else {
                (1..)
                    .zip(extracted.pages)
                    .map(|(number, content)| Page { number, content })
                    .collect()
            });
        }
        if config.extract_tables {
            document.tables = Some(extracted.tables);
        }
        if config.chunk_size > 0 && self.wants(Column::Chunks) {
            let size = usize::try_from(config.chunk_size).unwrap_or(0);
            let overlap = usize::try_from(config.chunk_overlap).unwrap_or(0);
            document.chunks = Some(crate::chunk::chunk(&content, size, overlap, &[0], &ctx)?);
        }
        if self.wants(Column::Languages) {
            document.languages = Some(crate::language::detect(&content));
        }
        ctx.deadline.check(path)?;
        document.metadata = Some(extracted.metadata);
        document.content = Some(content);
        Ok(())
    }
}

/// Runs `work`, turning a panic into an `internal` error that names its cause.
fn contained(
    path: &str,
    work: impl FnOnce() -> Result<(), ExtractionError>,
) -> Result<(), ExtractionError> {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(payload) => {
            let cause = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".to_owned());
            Err(ExtractionError::new(
                ErrorKind::Internal,
                format!(
                    "{path}: internal error in Vellum's extractor ({cause}); the other documents \
                     are not affected; please report this file"
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(content: Option<&[u8]>) -> DocumentInput<'_> {
        DocumentInput {
            path: "dir/a.txt",
            content,
            length: content.map_or(10, |c| c.len() as i64),
            modification_time: Some(7),
            read_error: None,
        }
    }

    #[test]
    fn a_panic_becomes_an_internal_error_naming_the_cause() {
        let error = contained("x.html", || panic!("boom")).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Internal);
        assert!(error.message.contains("x.html") && error.message.contains("boom"));
        let error = contained("x", || std::panic::panic_any(5u8)).unwrap_err();
        assert!(error.message.contains("unknown cause"));
    }

    #[test]
    fn text_is_extracted_with_metadata_pages_chunks_and_languages() {
        let config = ExtractionConfig {
            extract_pages: true,
            chunk_size: 20,
            ..ExtractionConfig::default()
        };
        let extractor = Extractor::new(config).unwrap();
        let text = b"This text is written in English, and it is long enough for the language \
            detector to be sure about which language it is written in.";
        let document = extractor.extract(&input(Some(text)));
        assert_eq!(document.error, None);
        assert_eq!(document.mime_type.as_deref(), Some("text/plain"));
        assert_eq!(document.modification_time, Some(7));
        assert_eq!(
            document.content.as_deref().map(str::as_bytes),
            Some(&text[..])
        );
        assert_eq!(document.pages.as_ref().map(Vec::len), Some(1));
        assert!(document.chunks.as_ref().is_some_and(|c| c.len() > 2));
        assert_eq!(document.languages, Some(vec!["en".to_owned()]));
        assert_eq!(document.metadata.unwrap().extra["encoding"], "UTF-8");
        assert_eq!(document.tables, None);
    }

    #[test]
    fn read_errors_missing_content_and_size_limits_are_error_rows() {
        let extractor = Extractor::new(ExtractionConfig {
            max_file_size: 5,
            ..ExtractionConfig::default()
        })
        .unwrap();
        let mut unreadable = input(None);
        unreadable.read_error = Some("permission denied");
        let error = extractor.extract(&unreadable).error.unwrap();
        assert_eq!(error.kind, ErrorKind::Io);
        assert!(error.message.contains("permission denied"));
        let error = extractor.extract(&input(None)).error.unwrap();
        assert_eq!(error.kind, ErrorKind::Limit);
        assert!(error
            .message
            .contains("file is 10 bytes, larger than maxFileSize 5"));
        let mut small = input(None);
        small.length = 3;
        assert_eq!(extractor.extract(&small).error.unwrap().kind, ErrorKind::Io);
        let document = extractor.extract(&input(Some(b"123456")));
        assert_eq!(document.error.unwrap().kind, ErrorKind::Limit);
        assert_eq!(document.content, None);
    }
}
