//! The input batch (Java → Rust): a struct array exported by Java's `Data.exportVectorSchemaRoot`
//! with the columns `path` utf8 (not null), `content` binary (null = not read), `length` int64,
//! `modification_time` timestamp[us, UTC] and `read_error` utf8. It is imported without copying:
//! every [`DocumentInput`] borrows its path and bytes from the Java buffers, which stay alive until
//! the [`InputBatch`] is dropped; dropping it runs the producer's release callback.

use arrow_array::cast::AsArray;
use arrow_array::ffi::{from_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::types::{Int64Type, TimestampMicrosecondType};
use arrow_array::{Array, StructArray};
use arrow_schema::{DataType, TimeUnit};
use vellum_core::DocumentInput;

use crate::error::BridgeError;

/// The input columns, with the type each must have, as the error message describes them.
const EXPECTED: [(&str, &str); 5] = [
    ("path", "utf8, not null"),
    ("content", "binary"),
    ("length", "int64"),
    ("modification_time", "timestamp[us, UTC]"),
    ("read_error", "utf8"),
];

fn type_matches(column: &str, data_type: &DataType) -> bool {
    match column {
        "path" | "read_error" => data_type == &DataType::Utf8,
        "content" => data_type == &DataType::Binary,
        "length" => data_type == &DataType::Int64,
        "modification_time" => matches!(data_type, DataType::Timestamp(TimeUnit::Microsecond, _)),
        _ => false,
    }
}

fn expected_columns() -> String {
    EXPECTED
        .iter()
        .map(|(name, kind)| format!("{name} ({kind})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An imported input batch; owns the Java buffers until dropped.
#[derive(Debug)]
pub struct InputBatch {
    array: StructArray,
    /// Index in `array` of each column of [`EXPECTED`], in that order.
    columns: [usize; 5],
}

/// Takes ownership of the C structs at `array` and `schema` (leaving them released, as the C
/// Data Interface's move semantics require) and imports them as an [`InputBatch`]. The structs
/// are released even when the import fails.
///
/// # Safety
///
/// `array` and `schema` must each be null or point to a properly aligned, initialised C Data
/// Interface struct that the caller lets this function consume.
pub unsafe fn import(
    array: *mut FFI_ArrowArray,
    schema: *mut FFI_ArrowSchema,
) -> Result<InputBatch, BridgeError> {
    let array = if array.is_null() {
        None
    } else {
        // SAFETY: the caller guarantees `array` points to an initialised struct; `from_raw`
        // moves it out and leaves a released one behind, so the producer's release callback runs
        // exactly once: when our copy is dropped.
        Some(unsafe { FFI_ArrowArray::from_raw(array) })
    };
    let schema = if schema.is_null() {
        None
    } else {
        // SAFETY: as above, for the schema struct.
        Some(unsafe { FFI_ArrowSchema::from_raw(schema) })
    };
    let (Some(array), Some(schema)) = (array, schema) else {
        return Err(BridgeError::Arrow(
            "the input batch's ArrowArray or ArrowSchema address is 0".to_owned(),
        ));
    };
    if array.is_released() {
        return Err(BridgeError::Arrow(
            "the input batch's ArrowArray is already released".to_owned(),
        ));
    }
    // SAFETY: `array` and `schema` are initialised C Data Interface structs owned by us; the
    // imported buffers keep `array` alive (an `Arc`) and release it when the last one is dropped.
    let data = unsafe { from_ffi(array, &schema) }
        .map_err(|e| BridgeError::Arrow(format!("the input batch cannot be imported: {e}")))?;
    // Offsets inside the buffers, UTF-8 of the strings, lengths: checked once here, so the
    // borrowing accessors below never read out of bounds.
    data.validate_full()
        .map_err(|e| BridgeError::Arrow(format!("the input batch is not valid Arrow data: {e}")))?;
    if !matches!(data.data_type(), DataType::Struct(_)) {
        return Err(BridgeError::Arrow(format!(
            "the input batch must be a struct array (a VectorSchemaRoot), found {}",
            data.data_type()
        )));
    }
    InputBatch::new(StructArray::from(data))
}

impl InputBatch {
    /// Checks that `array` has the input columns, found by name, with the expected types.
    pub fn new(array: StructArray) -> Result<Self, BridgeError> {
        let mut columns = [0; 5];
        for (slot, (name, kind)) in columns.iter_mut().zip(EXPECTED) {
            let Some((index, field)) = array.fields().find(name) else {
                return Err(BridgeError::Arrow(format!(
                    "the input batch has no column '{name}'; expected the columns {}",
                    expected_columns()
                )));
            };
            if !type_matches(name, field.data_type()) {
                return Err(BridgeError::Arrow(format!(
                    "the input batch's column '{name}' has type {}; expected {kind}",
                    field.data_type()
                )));
            }
            *slot = index;
        }
        Ok(InputBatch { array, columns })
    }

    pub fn len(&self) -> usize {
        self.array.len()
    }

    pub fn is_empty(&self) -> bool {
        self.array.is_empty()
    }

    /// One [`DocumentInput`] per row, borrowing from the batch. A null path is an error; a null
    /// length falls back to the length of the content (0 without content).
    pub fn documents(&self) -> Result<Vec<DocumentInput<'_>>, BridgeError> {
        let [path, content, length, modification_time, read_error] =
            self.columns.map(|index| self.array.column(index));
        let path = path.as_string::<i32>();
        let content = content.as_binary::<i32>();
        let length = length.as_primitive::<Int64Type>();
        let modification_time = modification_time.as_primitive::<TimestampMicrosecondType>();
        let read_error = read_error.as_string::<i32>();
        (0..self.array.len())
            .map(|row| {
                if path.is_null(row) {
                    return Err(BridgeError::Arrow(format!(
                        "row {row} of the input batch has a null path"
                    )));
                }
                let bytes = content.is_valid(row).then(|| content.value(row));
                Ok(DocumentInput {
                    path: path.value(row),
                    content: bytes,
                    length: if length.is_valid(row) {
                        length.value(row)
                    } else {
                        bytes.map_or(0, |b| b.len() as i64)
                    },
                    modification_time: modification_time
                        .is_valid(row)
                        .then(|| modification_time.value(row)),
                    read_error: read_error.is_valid(row).then(|| read_error.value(row)),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow_array::{ArrayRef, BinaryArray, Int64Array, StringArray, TimestampMicrosecondArray};
    use arrow_schema::{Field, Fields};

    use super::*;

    fn batch(content: BinaryArray) -> StructArray {
        let n = content.len();
        let paths: StringArray = (0..n).map(|i| Some(format!("/docs/{i}.txt"))).collect();
        let columns: Vec<(Arc<Field>, ArrayRef)> = vec![
            (
                Arc::new(Field::new("path", DataType::Utf8, false)),
                Arc::new(paths),
            ),
            (
                Arc::new(Field::new("content", DataType::Binary, true)),
                Arc::new(content),
            ),
            (
                Arc::new(Field::new("length", DataType::Int64, true)),
                Arc::new(Int64Array::from((0..n as i64).collect::<Vec<_>>())),
            ),
            (
                Arc::new(Field::new(
                    "modification_time",
                    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
                    true,
                )),
                Arc::new(
                    TimestampMicrosecondArray::from(vec![Some(1_000_000); n]).with_timezone("UTC"),
                ),
            ),
            (
                Arc::new(Field::new("read_error", DataType::Utf8, true)),
                Arc::new(StringArray::from(vec![None::<&str>; n])),
            ),
        ];
        StructArray::from(columns)
    }

    /// Exports `array` into boxed C structs and imports it back, as the JNI call does.
    fn round_trip(array: &StructArray) -> Result<InputBatch, BridgeError> {
        let data = array.to_data();
        let mut ffi_array = FFI_ArrowArray::new(&data);
        let mut ffi_schema =
            FFI_ArrowSchema::try_from(data.data_type()).expect("test schema exports");
        // SAFETY: both structs are initialised and live on this stack frame for the call.
        unsafe { import(&mut ffi_array, &mut ffi_schema) }
    }

    #[test]
    fn documents_borrow_the_content_bytes_in_place() {
        let content = BinaryArray::from(vec![Some(&b"hello"[..]), None, Some(&b""[..])]);
        let source = batch(content);
        let original = source.column(1).as_binary::<i32>().value(0).as_ptr();
        let input = round_trip(&source).expect("valid batch imports");
        let documents = input.documents().expect("valid rows");
        assert_eq!(documents.len(), 3);
        assert_eq!(documents[0].path, "/docs/0.txt");
        assert_eq!(documents[0].content, Some(&b"hello"[..]));
        assert_eq!(documents[0].content.map(<[u8]>::as_ptr), Some(original));
        assert_eq!(documents[1].content, None);
        assert_eq!(documents[2].content, Some(&b""[..]));
        assert_eq!(documents[2].length, 2);
        assert_eq!(documents[0].modification_time, Some(1_000_000));
        assert_eq!(documents[0].read_error, None);
    }

    #[test]
    fn an_empty_batch_has_no_documents() {
        let input = round_trip(&batch(BinaryArray::from(Vec::<Option<&[u8]>>::new())))
            .expect("empty batch imports");
        assert_eq!(input.len(), 0);
        assert!(input.is_empty());
        assert!(input.documents().expect("no rows").is_empty());
    }

    #[test]
    fn a_missing_column_is_named_in_the_error() {
        let full = batch(BinaryArray::from(vec![Some(&b"x"[..])]));
        let (fields, arrays, _) = full.into_parts();
        let kept: Vec<usize> = (0..fields.len()).filter(|&i| i != 4).collect();
        let partial = StructArray::new(
            kept.iter().map(|&i| fields[i].clone()).collect::<Fields>(),
            kept.iter().map(|&i| arrays[i].clone()).collect(),
            None,
        );
        let error = round_trip(&partial).expect_err("read_error is missing");
        assert!(
            matches!(&error, BridgeError::Arrow(m) if m.contains("no column 'read_error'")),
            "{error}"
        );
    }

    #[test]
    fn a_column_of_the_wrong_type_is_named_in_the_error() {
        let full = batch(BinaryArray::from(vec![Some(&b"x"[..])]));
        let (fields, mut arrays, _) = full.into_parts();
        let mut replaced: Vec<Arc<Field>> = fields.iter().cloned().collect();
        replaced[1] = Arc::new(Field::new("content", DataType::Utf8, true));
        arrays[1] = Arc::new(StringArray::from(vec!["x"]));
        let wrong = StructArray::new(replaced.into(), arrays, None);
        let error = round_trip(&wrong).expect_err("content must be binary");
        assert!(
            matches!(&error, BridgeError::Arrow(m) if m.contains("'content' has type Utf8; expected binary")),
            "{error}"
        );
    }

    #[test]
    fn a_null_path_is_an_arrow_error() {
        let full = batch(BinaryArray::from(vec![Some(&b"x"[..])]));
        let (fields, mut arrays, _) = full.into_parts();
        let mut relaxed: Vec<Arc<Field>> = fields.iter().cloned().collect();
        relaxed[0] = Arc::new(Field::new("path", DataType::Utf8, true));
        arrays[0] = Arc::new(StringArray::from(vec![None::<&str>]));
        let input = round_trip(&StructArray::new(relaxed.into(), arrays, None))
            .expect("the schema is acceptable");
        let error = input.documents().expect_err("null path");
        assert!(matches!(&error, BridgeError::Arrow(m) if m.contains("null path")));
    }

    #[test]
    fn a_non_struct_input_is_refused() {
        let data = Int64Array::from(vec![1_i64]).into_data();
        let mut ffi_array = FFI_ArrowArray::new(&data);
        let mut ffi_schema = FFI_ArrowSchema::try_from(data.data_type()).expect("exports");
        // SAFETY: both structs are initialised and live for the call.
        let error = unsafe { import(&mut ffi_array, &mut ffi_schema) }.expect_err("not a struct");
        assert!(matches!(&error, BridgeError::Arrow(m) if m.contains("struct array")));
    }

    #[test]
    fn null_or_released_structs_are_refused() {
        let mut schema = FFI_ArrowSchema::empty();
        // SAFETY: null pointers are allowed by `import`'s contract.
        let error = unsafe { import(std::ptr::null_mut(), &mut schema) }.expect_err("null array");
        assert!(matches!(&error, BridgeError::Arrow(m) if m.contains("address is 0")));
        let mut released = FFI_ArrowArray::empty();
        let mut schema = FFI_ArrowSchema::empty();
        // SAFETY: both structs are initialised (empty, released) values.
        let error = unsafe { import(&mut released, &mut schema) }.expect_err("released");
        assert!(matches!(&error, BridgeError::Arrow(m) if m.contains("already released")));
    }
}
