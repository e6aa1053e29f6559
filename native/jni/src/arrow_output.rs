//! The output batch (Rust → Java): a struct array with exactly the requested columns, in the
//! requested order, typed as `OutputSchema.java` (and DESIGN.md) says: timestamps in microseconds
//! with time zone "UTC", list children named `element`, map entries `entries` with a non-null
//! `key` and a nullable `value`, every other field nullable except the top-level `path`.
//! It is exported through the C Data Interface into structs that Java allocated.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use arrow_array::builder::{
    BooleanBuilder, Int32Builder, Int64Builder, StringBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::{Array, ArrayRef, ListArray, MapArray, StructArray};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{ArrowError, DataType, Field, FieldRef, Fields, TimeUnit};
use vellum_core::{Chunk, Column, Document, Metadata, Page, Table};

use crate::error::BridgeError;

const UTC: &str = "UTC";

fn timestamp() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some(UTC.into()))
}

fn nullable(name: &str, data_type: DataType) -> Field {
    Field::new(name, data_type, true)
}

fn list_of(name: &str, element: Field) -> Field {
    nullable(name, DataType::List(Arc::new(element)))
}

fn string_list(name: &str) -> Field {
    list_of(name, nullable("element", DataType::Utf8))
}

// The schema's field lists are built once per process (they were a sixth of a one-document
// call); `Fields` and `FieldRef` are reference-counted, so handing out clones is cheap.
fn entry_fields() -> Fields {
    static FIELDS: LazyLock<Fields> = LazyLock::new(|| {
        Fields::from(vec![
            Field::new("key", DataType::Utf8, false),
            nullable("value", DataType::Utf8),
        ])
    });
    FIELDS.clone()
}

fn map_entries() -> FieldRef {
    static ENTRIES: LazyLock<FieldRef> = LazyLock::new(|| {
        Arc::new(Field::new(
            "entries",
            DataType::Struct(entry_fields()),
            false,
        ))
    });
    ENTRIES.clone()
}

fn metadata_fields() -> Fields {
    static FIELDS: LazyLock<Fields> = LazyLock::new(|| {
        Fields::from(vec![
            nullable("title", DataType::Utf8),
            string_list("authors"),
            nullable("subject", DataType::Utf8),
            string_list("keywords"),
            nullable("language", DataType::Utf8),
            nullable("created", timestamp()),
            nullable("modified", timestamp()),
            nullable("creator", DataType::Utf8),
            nullable("producer", DataType::Utf8),
            nullable("page_count", DataType::Int32),
            nullable("encrypted", DataType::Boolean),
            nullable("extra", DataType::Map(map_entries(), false)),
        ])
    });
    FIELDS.clone()
}

fn page_fields() -> Fields {
    static FIELDS: LazyLock<Fields> = LazyLock::new(|| {
        Fields::from(vec![
            nullable("number", DataType::Int32),
            nullable("content", DataType::Utf8),
        ])
    });
    FIELDS.clone()
}

fn cells_field() -> Field {
    list_of("cells", string_list("element"))
}

fn table_fields() -> Fields {
    static FIELDS: LazyLock<Fields> = LazyLock::new(|| {
        Fields::from(vec![
            nullable("page", DataType::Int32),
            cells_field(),
            nullable("markdown", DataType::Utf8),
        ])
    });
    FIELDS.clone()
}

fn chunk_fields() -> Fields {
    static FIELDS: LazyLock<Fields> = LazyLock::new(|| {
        Fields::from(vec![
            nullable("index", DataType::Int32),
            nullable("content", DataType::Utf8),
            nullable("char_start", DataType::Int32),
            nullable("char_end", DataType::Int32),
            nullable("page", DataType::Int32),
        ])
    });
    FIELDS.clone()
}

fn error_fields() -> Fields {
    static FIELDS: LazyLock<Fields> = LazyLock::new(|| {
        Fields::from(vec![
            nullable("kind", DataType::Utf8),
            nullable("message", DataType::Utf8),
        ])
    });
    FIELDS.clone()
}

fn element_struct(fields: Fields) -> Field {
    nullable("element", DataType::Struct(fields))
}

/// The Arrow field of an output column, exactly as `OutputSchema.java` declares it.
pub fn field(column: Column) -> Field {
    match column {
        Column::Path => Field::new("path", DataType::Utf8, false),
        Column::ModificationTime => nullable("modification_time", timestamp()),
        Column::Length => nullable("length", DataType::Int64),
        Column::MimeType => nullable("mime_type", DataType::Utf8),
        Column::Content => nullable("content", DataType::Utf8),
        Column::Metadata => nullable("metadata", DataType::Struct(metadata_fields())),
        Column::Pages => list_of("pages", element_struct(page_fields())),
        Column::Tables => list_of("tables", element_struct(table_fields())),
        Column::Chunks => list_of("chunks", element_struct(chunk_fields())),
        Column::Languages => string_list("languages"),
        Column::Error => nullable("error", DataType::Struct(error_fields())),
    }
}

/// Builds the output struct array of `documents` with `columns`, in that order.
pub fn build(columns: &[Column], documents: &[Document]) -> Result<StructArray, BridgeError> {
    let fields: Fields = columns.iter().map(|&c| field(c)).collect();
    let arrays = columns
        .iter()
        .map(|&column| column_array(column, documents))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(StructArray::try_new_with_length(
        fields,
        arrays,
        None,
        documents.len(),
    )?)
}

/// Writes `batch` into the C structs Java allocated. Nothing is written when the schema cannot
/// be exported, so the structs stay released and Java has nothing to free.
///
/// # Safety
///
/// `out_array` must be null (an error) and `out_schema` null (no schema is written) or each
/// point to a writable, properly aligned C Data Interface struct whose previous contents are
/// released or uninitialised (it is overwritten without being dropped).
pub unsafe fn export(
    batch: StructArray,
    out_array: *mut FFI_ArrowArray,
    out_schema: *mut FFI_ArrowSchema,
) -> Result<(), BridgeError> {
    if out_array.is_null() {
        return Err(BridgeError::Arrow(
            "the output ArrowArray address is 0".to_owned(),
        ));
    }
    let data = batch.into_data();
    // A caller that imports into vectors it already has passes no schema struct: the schema of
    // an extractor's output never changes, and exporting it was half the cost of a small batch.
    let schema = if out_schema.is_null() {
        None
    } else {
        Some(FFI_ArrowSchema::try_from(data.data_type())?)
    };
    let array = FFI_ArrowArray::new(&data);
    // SAFETY: `out_array` is non-null and so is `out_schema` when a schema is written; by the
    // caller's contract they point to writable, aligned structs holding nothing to drop. Java
    // takes ownership and calls the release callbacks (from any thread: the private data is
    // `Send` and reference-counted).
    unsafe {
        if let Some(schema) = schema {
            std::ptr::write(out_schema, schema);
        }
        std::ptr::write(out_array, array);
    }
    Ok(())
}

fn column_array(column: Column, docs: &[Document]) -> Result<ArrayRef, ArrowError> {
    match column {
        Column::Path => strings(docs.iter().map(|d| Some(d.path.as_str()))),
        Column::ModificationTime => Ok(timestamps(docs.iter().map(|d| d.modification_time))),
        Column::Length => {
            let mut builder = Int64Builder::with_capacity(docs.len());
            docs.iter().for_each(|d| builder.append_value(d.length));
            Ok(Arc::new(builder.finish()))
        }
        Column::MimeType => strings(docs.iter().map(|d| d.mime_type.as_deref())),
        Column::Content => strings(docs.iter().map(|d| d.content.as_deref())),
        Column::Metadata => {
            let rows: Vec<Option<&Metadata>> = docs.iter().map(|d| d.metadata.as_ref()).collect();
            metadata(&rows)
        }
        Column::Pages => {
            let rows: Vec<Option<&[Page]>> = docs.iter().map(|d| d.pages.as_deref()).collect();
            list(element_struct(page_fields()), &rows, |pages| {
                struct_of(
                    page_fields(),
                    vec![
                        int32s(pages.iter().map(|p| Some(p.number))),
                        strings(pages.iter().map(|p| Some(p.content.as_str())))?,
                    ],
                    None,
                    pages.len(),
                )
            })
        }
        Column::Tables => {
            let rows: Vec<Option<&[Table]>> = docs.iter().map(|d| d.tables.as_deref()).collect();
            list(element_struct(table_fields()), &rows, tables)
        }
        Column::Chunks => {
            let rows: Vec<Option<&[Chunk]>> = docs.iter().map(|d| d.chunks.as_deref()).collect();
            list(element_struct(chunk_fields()), &rows, chunks)
        }
        Column::Languages => {
            let rows: Vec<Option<&[String]>> =
                docs.iter().map(|d| d.languages.as_deref()).collect();
            list(nullable("element", DataType::Utf8), &rows, string_values)
        }
        Column::Error => {
            let errors: Vec<_> = docs.iter().map(|d| d.error.as_ref()).collect();
            struct_of(
                error_fields(),
                vec![
                    strings(errors.iter().map(|e| e.map(|e| e.kind.code())))?,
                    strings(errors.iter().map(|e| e.map(|e| e.message.as_str())))?,
                ],
                Some(errors.iter().map(Option::is_some).collect()),
                errors.len(),
            )
        }
    }
}

/// A utf8 array. Its offsets are 32-bit: a batch holding more than 2 GiB of text in one column
/// is an error that says what to do, never an overflow.
fn strings<'a>(
    values: impl Iterator<Item = Option<&'a str>> + Clone,
) -> Result<ArrayRef, ArrowError> {
    let bytes: usize = values.clone().map(|v| v.map_or(0, str::len)).sum();
    if bytes > i32::MAX as usize {
        return Err(ArrowError::InvalidArgumentError(format!(
            "one output column would hold {bytes} bytes of text, more than Arrow's 2 GiB per \
             batch; use a smaller batchSize"
        )));
    }
    let items = values.clone().count();
    let mut builder = StringBuilder::with_capacity(items, bytes);
    values.for_each(|v| builder.append_option(v));
    Ok(Arc::new(builder.finish()))
}

fn string_values(values: &[&String]) -> Result<ArrayRef, ArrowError> {
    strings(values.iter().map(|s| Some(s.as_str())))
}

// Builders sized to the values: their default capacity (1,024 slots) made a one-document batch
// allocate and clear tens of kilobytes per column.
fn int32s(values: impl Iterator<Item = Option<i32>>) -> ArrayRef {
    let mut builder = Int32Builder::with_capacity(values.size_hint().0);
    values.for_each(|v| builder.append_option(v));
    Arc::new(builder.finish())
}

fn timestamps(values: impl Iterator<Item = Option<i64>>) -> ArrayRef {
    let mut builder =
        TimestampMicrosecondBuilder::with_capacity(values.size_hint().0).with_timezone(UTC);
    values.for_each(|v| builder.append_option(v));
    Arc::new(builder.finish())
}

fn validity(valid: Option<Vec<bool>>) -> Option<NullBuffer> {
    valid
        .filter(|v| v.iter().any(|ok| !ok))
        .map(NullBuffer::from)
}

fn struct_of(
    fields: Fields,
    children: Vec<ArrayRef>,
    valid: Option<Vec<bool>>,
    len: usize,
) -> Result<ArrayRef, ArrowError> {
    Ok(Arc::new(StructArray::try_new_with_length(
        fields,
        children,
        validity(valid),
        len,
    )?))
}

fn offsets<I: Iterator<Item = usize>>(lengths: I) -> Result<OffsetBuffer<i32>, ArrowError> {
    let lengths: Vec<usize> = lengths.collect();
    let total: usize = lengths.iter().sum();
    if total > i32::MAX as usize {
        return Err(ArrowError::InvalidArgumentError(format!(
            "one output list column would hold {total} elements, more than Arrow allows per \
             batch; use a smaller batchSize"
        )));
    }
    Ok(OffsetBuffer::from_lengths(lengths))
}

/// A list array: `rows[i]` is row i's elements (`None` = a null list); `values` builds the child
/// array of all elements, flattened in order.
fn list<'a, T>(
    element: Field,
    rows: &[Option<&'a [T]>],
    values: impl FnOnce(&[&'a T]) -> Result<ArrayRef, ArrowError>,
) -> Result<ArrayRef, ArrowError> {
    let flat: Vec<&'a T> = rows.iter().flatten().flat_map(|r| r.iter()).collect();
    let offsets = offsets(rows.iter().map(|r| r.map_or(0, <[T]>::len)))?;
    let nulls = validity(Some(rows.iter().map(Option::is_some).collect()));
    Ok(Arc::new(ListArray::try_new(
        Arc::new(element),
        offsets,
        values(&flat)?,
        nulls,
    )?))
}

fn tables(tables: &[&Table]) -> Result<ArrayRef, ArrowError> {
    let cells: Vec<Option<&[Vec<String>]>> =
        tables.iter().map(|t| Some(t.cells.as_slice())).collect();
    let cells = list(string_list("element"), &cells, |rows| {
        let rows: Vec<Option<&[String]>> = rows.iter().map(|r| Some(r.as_slice())).collect();
        list(nullable("element", DataType::Utf8), &rows, string_values)
    })?;
    struct_of(
        table_fields(),
        vec![
            int32s(tables.iter().map(|t| t.page)),
            cells,
            strings(tables.iter().map(|t| Some(t.markdown.as_str())))?,
        ],
        None,
        tables.len(),
    )
}

fn chunks(chunks: &[&Chunk]) -> Result<ArrayRef, ArrowError> {
    struct_of(
        chunk_fields(),
        vec![
            int32s(chunks.iter().map(|c| Some(c.index))),
            strings(chunks.iter().map(|c| Some(c.content.as_str())))?,
            int32s(chunks.iter().map(|c| Some(c.char_start))),
            int32s(chunks.iter().map(|c| Some(c.char_end))),
            int32s(chunks.iter().map(|c| c.page)),
        ],
        None,
        chunks.len(),
    )
}

fn metadata(rows: &[Option<&Metadata>]) -> Result<ArrayRef, ArrowError> {
    let text = |get: fn(&Metadata) -> Option<&str>| strings(rows.iter().map(|m| m.and_then(get)));
    let time = |get: fn(&Metadata) -> Option<i64>| timestamps(rows.iter().map(|m| m.and_then(get)));
    let authors: Vec<Option<&[String]>> = rows
        .iter()
        .map(|m| m.map(|m| m.authors.as_slice()))
        .collect();
    let keywords: Vec<Option<&[String]>> = rows
        .iter()
        .map(|m| m.map(|m| m.keywords.as_slice()))
        .collect();
    let mut encrypted = BooleanBuilder::with_capacity(rows.len());
    rows.iter()
        .for_each(|m| encrypted.append_option(m.and_then(|m| m.encrypted)));
    let children = vec![
        text(|m| m.title.as_deref())?,
        list(nullable("element", DataType::Utf8), &authors, string_values)?,
        text(|m| m.subject.as_deref())?,
        list(
            nullable("element", DataType::Utf8),
            &keywords,
            string_values,
        )?,
        text(|m| m.language.as_deref())?,
        time(|m| m.created),
        time(|m| m.modified),
        text(|m| m.creator.as_deref())?,
        text(|m| m.producer.as_deref())?,
        int32s(rows.iter().map(|m| m.and_then(|m| m.page_count))),
        Arc::new(encrypted.finish()),
        string_map(&rows.iter().map(|m| m.map(|m| &m.extra)).collect::<Vec<_>>())?,
    ];
    struct_of(
        metadata_fields(),
        children,
        Some(rows.iter().map(Option::is_some).collect()),
        rows.len(),
    )
}

/// A map<utf8, utf8> array: keys in the map's (sorted) order; `None` = a null map.
fn string_map(rows: &[Option<&BTreeMap<String, String>>]) -> Result<ArrayRef, ArrowError> {
    let entries: Vec<(&String, &String)> = rows.iter().flatten().flat_map(|m| m.iter()).collect();
    let offsets = offsets(rows.iter().map(|m| m.map_or(0, BTreeMap::len)))?;
    let entry_array = StructArray::try_new(
        entry_fields(),
        vec![
            strings(entries.iter().map(|(k, _)| Some(k.as_str())))?,
            strings(entries.iter().map(|(_, v)| Some(v.as_str())))?,
        ],
        None,
    )?;
    let nulls = validity(Some(rows.iter().map(Option::is_some).collect()));
    Ok(Arc::new(MapArray::try_new(
        map_entries(),
        offsets,
        entry_array,
        nulls,
        false,
    )?))
}

#[cfg(test)]
#[path = "arrow_output_tests.rs"]
mod tests;
