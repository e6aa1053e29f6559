//! The errors of a broken call across the boundary, and the one place that maps each to the Java
//! exception class the caller sees. The mapping goes by variant, never by message text.

use thiserror::Error;
use vellum_core::ConfigError;

/// Why a native call failed (a document that fails is a row with `error`, not one of these).
#[derive(Debug, Error)]
pub enum BridgeError {
    /// The configuration JSON was refused by the engine.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The handle is 0, already closed, or was never created by `createExtractor`.
    #[error("{0}")]
    InvalidHandle(String),
    /// The Arrow input (or an output struct address) is unusable.
    #[error("{0}")]
    Arrow(String),
    /// A Rust panic, contained before it could unwind into the JVM.
    #[error("{0}")]
    Panic(String),
    /// A JNI call failed; when it left a Java exception pending, that one is what the caller sees
    /// (`throw` never throws over a pending exception).
    #[error("JNI call failed: {0}")]
    Jni(#[from] jni::errors::Error),
}

impl BridgeError {
    /// The JNI name of the Java exception class thrown for this error.
    pub fn java_class(&self) -> &'static str {
        match self {
            BridgeError::Config(_) => "dev/vellum/VellumConfigException",
            BridgeError::InvalidHandle(_) => "java/lang/IllegalStateException",
            BridgeError::Arrow(_) => "dev/vellum/VellumArrowException",
            BridgeError::Panic(_) | BridgeError::Jni(_) => "dev/vellum/VellumNativeException",
        }
    }
}

impl From<arrow_schema::ArrowError> for BridgeError {
    fn from(error: arrow_schema::ArrowError) -> Self {
        BridgeError::Arrow(error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_maps_to_its_fixed_java_class() {
        let config = BridgeError::Config(ConfigError::Malformed("x".into()));
        assert_eq!(config.java_class(), "dev/vellum/VellumConfigException");
        let handle = BridgeError::InvalidHandle("closed".into());
        assert_eq!(handle.java_class(), "java/lang/IllegalStateException");
        let arrow = BridgeError::Arrow("bad".into());
        assert_eq!(arrow.java_class(), "dev/vellum/VellumArrowException");
        let panic = BridgeError::Panic("boom".into());
        assert_eq!(panic.java_class(), "dev/vellum/VellumNativeException");
        let jni = BridgeError::Jni(jni::errors::Error::NullPtr("env"));
        assert_eq!(jni.java_class(), "dev/vellum/VellumNativeException");
    }

    #[test]
    fn config_errors_keep_the_engine_message() {
        let error = BridgeError::from(ConfigError::InvalidValue {
            option: "chunkOverlap",
            reason: "must be smaller".into(),
        });
        assert!(error.to_string().contains("chunkOverlap"));
    }
}
