//! The entry point: an [`Extractor`] holds a validated configuration and turns inputs into rows.
//! It is `Send + Sync`: one extractor may serve several threads at once.

use crate::config::ExtractionConfig;
use crate::document::{Document, DocumentInput};
use crate::error::ConfigError;

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

    /// Extracts one document. Never panics on hostile input; every failure is a row with `error`.
    pub fn extract(&self, input: &DocumentInput<'_>) -> Document {
        // Filled in by the format work: detection, the format extractors, limits and processing.
        Document {
            path: input.path.to_owned(),
            modification_time: input.modification_time,
            length: input.length,
            ..Document::default()
        }
    }
}
