//! Errors of the engine's own API. A document that fails is not an error here: it is a
//! [`crate::Document`] whose `error` is set.

use thiserror::Error;

/// The configuration handed to [`crate::Extractor::new`] is unusable.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("configuration is not valid JSON for Vellum: {0}")]
    Malformed(String),
    #[error("option '{option}' has an invalid value: {reason}")]
    InvalidValue {
        option: &'static str,
        reason: String,
    },
}
