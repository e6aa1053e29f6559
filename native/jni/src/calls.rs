//! The work of each native method, as plain `Result`-returning functions that know nothing of
//! JNI types beyond `jlong`: the exports in `lib.rs` only convert arguments and results.

use std::sync::atomic::{AtomicU64, Ordering};

use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use jni::sys::jlong;
use vellum_core::{Document, Extractor};

use crate::error::BridgeError;
use crate::{arrow_input, arrow_output, handles};

/// How many times `JNI_OnLoad` ran in this process: 1 when the library is loaded once per JVM.
static INITIALIZATIONS: AtomicU64 = AtomicU64::new(0);

/// Records one initialisation of the native library.
pub fn record_initialization() {
    INITIALIZATIONS.fetch_add(1, Ordering::SeqCst);
}

pub fn initialization_count() -> u64 {
    INITIALIZATIONS.load(Ordering::SeqCst)
}

/// The version of this library, as Cargo knows it.
pub fn native_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Creates an extractor from the JSON configuration and returns its handle.
pub fn create_extractor(config_json: &[u8]) -> Result<jlong, BridgeError> {
    Ok(handles::register(Extractor::from_json(config_json)?))
}

/// Extracts one input batch into the output structs.
///
/// The input structs are consumed first, whatever happens next (a closed handle, a bad schema),
/// so the Java buffers they hold are always released: the caller never frees them itself.
///
/// # Safety
///
/// Each address must be 0 or the address of a properly aligned C Data Interface struct: the
/// input ones initialised and given up by the caller, the output ones released or zeroed
/// (`ArrowArray.allocateNew`), writable, and not read by anyone until this function returns.
/// An output schema address of 0 asks for the array only.
pub unsafe fn extract(
    handle: jlong,
    input_array: jlong,
    input_schema: jlong,
    output_array: jlong,
    output_schema: jlong,
) -> Result<(), BridgeError> {
    // SAFETY: forwarded from this function's contract on the input addresses.
    let input = unsafe {
        arrow_input::import(
            input_array as usize as *mut FFI_ArrowArray,
            input_schema as usize as *mut FFI_ArrowSchema,
        )
    };
    handles::with_extractor(handle, |extractor| {
        let input = input?;
        let documents: Vec<Document> = input
            .documents()?
            .iter()
            .map(|document| extractor.extract(document))
            .collect();
        let batch = arrow_output::build(&extractor.config().columns, &documents)?;
        // The output holds owned strings: the input may be released before Java reads it.
        drop(input);
        // SAFETY: forwarded from this function's contract on the output addresses.
        unsafe {
            arrow_output::export(
                batch,
                output_array as usize as *mut FFI_ArrowArray,
                output_schema as usize as *mut FFI_ArrowSchema,
            )
        }
    })
}

/// Frees the extractor behind `handle`.
pub fn close_extractor(handle: jlong) -> Result<(), BridgeError> {
    handles::close(handle)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow_array::cast::AsArray;
    use arrow_array::ffi::from_ffi;
    use arrow_array::{
        Array, ArrayRef, BinaryArray, Int64Array, StringArray, StructArray,
        TimestampMicrosecondArray,
    };
    use arrow_schema::{DataType, Field, TimeUnit};

    use super::*;

    fn input(paths: &[&str]) -> StructArray {
        let n = paths.len();
        let columns: Vec<(Arc<Field>, ArrayRef)> = vec![
            (
                Arc::new(Field::new("path", DataType::Utf8, false)),
                Arc::new(StringArray::from(paths.to_vec())),
            ),
            (
                Arc::new(Field::new("content", DataType::Binary, true)),
                Arc::new(BinaryArray::from(vec![Some(&b"text"[..]); n])),
            ),
            (
                Arc::new(Field::new("length", DataType::Int64, true)),
                Arc::new(Int64Array::from(vec![4_i64; n])),
            ),
            (
                Arc::new(Field::new(
                    "modification_time",
                    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
                    true,
                )),
                Arc::new(TimestampMicrosecondArray::from(vec![Some(7); n]).with_timezone("UTC")),
            ),
            (
                Arc::new(Field::new("read_error", DataType::Utf8, true)),
                Arc::new(StringArray::from(vec![None::<&str>; n])),
            ),
        ];
        StructArray::from(columns)
    }

    fn run(handle: jlong, batch: &StructArray) -> Result<StructArray, BridgeError> {
        let data = batch.to_data();
        let mut in_array = FFI_ArrowArray::new(&data);
        let mut in_schema = FFI_ArrowSchema::try_from(data.data_type()).expect("exports");
        let mut out_array = FFI_ArrowArray::empty();
        let mut out_schema = FFI_ArrowSchema::empty();
        // SAFETY: every struct lives on this frame for the call; the outputs are empty.
        unsafe {
            extract(
                handle,
                &mut in_array as *mut _ as jlong,
                &mut in_schema as *mut _ as jlong,
                &mut out_array as *mut _ as jlong,
                &mut out_schema as *mut _ as jlong,
            )?;
        }
        assert!(in_array.is_released(), "the input is always consumed");
        // SAFETY: `extract` wrote initialised structs that we now own.
        let data = unsafe { from_ffi(out_array, &out_schema) }?;
        Ok(StructArray::from(data))
    }

    #[test]
    fn an_extract_returns_the_configured_columns_in_order() {
        let handle = create_extractor(br#"{"columns":["length","path"]}"#).expect("valid config");
        let output = run(handle, &input(&["/a.txt", "/b.txt"])).expect("extracts");
        assert_eq!(output.len(), 2);
        assert_eq!(output.fields()[0].name(), "length");
        assert_eq!(output.fields()[1].name(), "path");
        assert_eq!(output.column(1).as_string::<i32>().value(1), "/b.txt");
        assert!(close_extractor(handle).is_ok());
    }

    #[test]
    fn a_closed_handle_still_consumes_the_input() {
        let handle = create_extractor(b"{}").expect("valid config");
        assert!(close_extractor(handle).is_ok());
        let error = run(handle, &input(&["/a.txt"])).expect_err("closed");
        assert!(matches!(error, BridgeError::InvalidHandle(_)));
    }

    #[test]
    fn a_bad_configuration_is_a_config_error() {
        let error = create_extractor(br#"{"chunkSize":10,"chunkOverlap":10}"#).expect_err("bad");
        assert!(matches!(error, BridgeError::Config(_)));
        assert!(error.to_string().contains("chunkOverlap"));
        let error = create_extractor(b"not json").expect_err("malformed");
        assert!(matches!(error, BridgeError::Config(_)));
    }

    #[test]
    fn null_output_addresses_are_an_arrow_error() {
        let handle = create_extractor(br#"{"columns":["path"]}"#).expect("valid config");
        let data = input(&["/a"]).to_data();
        let mut in_array = FFI_ArrowArray::new(&data);
        let mut in_schema = FFI_ArrowSchema::try_from(data.data_type()).expect("exports");
        // SAFETY: the input structs live for the call; null outputs are allowed by the contract.
        let result = unsafe {
            extract(
                handle,
                &mut in_array as *mut _ as jlong,
                &mut in_schema as *mut _ as jlong,
                0,
                0,
            )
        };
        assert!(matches!(result, Err(BridgeError::Arrow(_))));
        assert!(close_extractor(handle).is_ok());
    }

    #[test]
    fn the_version_and_counter_are_readable() {
        assert!(!native_version().is_empty());
        let before = initialization_count();
        record_initialization();
        assert!(initialization_count() > before);
    }
}
