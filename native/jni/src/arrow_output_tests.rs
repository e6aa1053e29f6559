//! Unit tests of the output builder: every column type, nulls, empty batches, empty strings,
//! column subsets and order, and the C Data Interface export.

use std::collections::BTreeMap;

use arrow_array::cast::AsArray;
use arrow_array::ffi::from_ffi;
use arrow_array::types::{Int32Type, Int64Type, TimestampMicrosecondType};
use vellum_core::{ErrorKind, ExtractionError};

use super::*;

fn full_document() -> Document {
    Document {
        path: "/docs/report.html".into(),
        modification_time: Some(1_700_000_000_000_000),
        length: 1234,
        mime_type: Some("text/html".into()),
        content: Some("Hello\nworld".into()),
        metadata: Some(Metadata {
            title: Some("Report".into()),
            authors: vec!["Ada".into(), "Grace".into()],
            subject: Some("".into()),
            keywords: vec![],
            language: Some("en".into()),
            created: Some(1),
            modified: None,
            creator: None,
            producer: Some("vellum".into()),
            page_count: Some(3),
            encrypted: Some(false),
            extra: BTreeMap::from([("b".into(), "2".into()), ("a".into(), "".into())]),
        }),
        pages: Some(vec![
            Page {
                number: 1,
                content: "Hello".into(),
            },
            Page {
                number: 2,
                content: "".into(),
            },
        ]),
        tables: Some(vec![Table {
            page: Some(1),
            cells: vec![vec!["a".into(), "b".into()], vec![], vec!["".into()]],
            markdown: "| a | b |".into(),
        }]),
        chunks: Some(vec![Chunk {
            index: 0,
            content: "Hello".into(),
            char_start: 0,
            char_end: 5,
            page: None,
        }]),
        languages: Some(vec!["en".into()]),
        error: None,
    }
}

fn error_document() -> Document {
    Document {
        path: "/docs/broken.json".into(),
        length: 0,
        error: Some(ExtractionError::new(ErrorKind::Parse, "unexpected end")),
        ..Document::default()
    }
}

#[test]
fn every_column_has_the_type_of_its_field() {
    let batch = build(&Column::ALL, &[full_document(), error_document()]).expect("builds");
    assert_eq!(batch.len(), 2);
    for (i, column) in Column::ALL.iter().enumerate() {
        let expected = field(*column);
        assert_eq!(batch.fields()[i].as_ref(), &expected);
        assert_eq!(batch.column(i).data_type(), expected.data_type());
        assert_eq!(expected.name(), column.name());
    }
}

#[test]
fn scalar_columns_carry_values_and_nulls() {
    let batch = build(&Column::ALL, &[full_document(), error_document()]).expect("builds");
    let column = |c: Column| batch.column_by_name(c.name()).expect("present").clone();
    let paths = column(Column::Path);
    assert_eq!(paths.as_string::<i32>().value(0), "/docs/report.html");
    assert_eq!(paths.null_count(), 0);
    let times = column(Column::ModificationTime);
    let times = times.as_primitive::<TimestampMicrosecondType>();
    assert_eq!(times.value(0), 1_700_000_000_000_000);
    assert!(times.is_null(1));
    let lengths = column(Column::Length);
    assert_eq!(lengths.as_primitive::<Int64Type>().value(0), 1234);
    let mime = column(Column::MimeType);
    assert!(mime.is_null(1));
    let content = column(Column::Content);
    assert_eq!(content.as_string::<i32>().value(0), "Hello\nworld");
    assert!(content.is_null(1));
}

#[test]
fn metadata_is_a_struct_with_lists_and_a_map() {
    let batch = build(&[Column::Metadata], &[full_document(), error_document()]).expect("builds");
    let metadata = batch.column(0).as_struct();
    assert!(metadata.is_valid(0));
    assert!(metadata.is_null(1));
    let title = metadata.column_by_name("title").expect("title");
    assert_eq!(title.as_string::<i32>().value(0), "Report");
    let subject = metadata.column_by_name("subject").expect("subject");
    assert!(subject.is_valid(0), "an empty string is not null");
    assert_eq!(subject.as_string::<i32>().value(0), "");
    let authors = metadata
        .column_by_name("authors")
        .expect("authors")
        .as_list::<i32>();
    assert_eq!(authors.value(0).as_string::<i32>().value(1), "Grace");
    let keywords = metadata
        .column_by_name("keywords")
        .expect("keywords")
        .as_list::<i32>();
    assert!(keywords.is_valid(0));
    assert_eq!(keywords.value(0).len(), 0);
    let pages = metadata.column_by_name("page_count").expect("page_count");
    assert_eq!(pages.as_primitive::<Int32Type>().value(0), 3);
    let encrypted = metadata.column_by_name("encrypted").expect("encrypted");
    assert!(!encrypted.as_boolean().value(0));
    let modified = metadata.column_by_name("modified").expect("modified");
    assert!(modified.is_null(0));
    let extra = metadata.column_by_name("extra").expect("extra").as_map();
    assert!(extra.is_valid(0));
    assert!(extra.is_null(1));
    let entries = extra.value(0);
    assert_eq!(entries.column(0).as_string::<i32>().value(0), "a");
    assert_eq!(entries.column(1).as_string::<i32>().value(1), "2");
}

#[test]
fn list_columns_hold_structs_and_nested_lists() {
    let columns = [
        Column::Pages,
        Column::Tables,
        Column::Chunks,
        Column::Languages,
    ];
    let batch = build(&columns, &[full_document(), error_document()]).expect("builds");
    let pages = batch.column(0).as_list::<i32>();
    assert!(pages.is_null(1));
    let first = pages.value(0);
    let first = first.as_struct();
    assert_eq!(first.len(), 2);
    assert_eq!(first.column(1).as_string::<i32>().value(1), "");
    let tables = batch.column(1).as_list::<i32>();
    let table = tables.value(0);
    let cells = table.as_struct().column(1).as_list::<i32>();
    let rows = cells.value(0);
    let rows = rows.as_list::<i32>();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows.value(0).as_string::<i32>().value(1), "b");
    assert_eq!(rows.value(1).len(), 0);
    let chunks = batch.column(2).as_list::<i32>();
    let chunk = chunks.value(0);
    assert!(
        chunk.as_struct().column(4).is_null(0),
        "a chunk without a page"
    );
    let languages = batch.column(3).as_list::<i32>();
    assert_eq!(languages.value(0).as_string::<i32>().value(0), "en");
    assert!(languages.is_null(1));
}

#[test]
fn the_error_struct_is_null_for_extracted_documents() {
    let batch = build(&[Column::Error], &[full_document(), error_document()]).expect("builds");
    let error = batch.column(0).as_struct();
    assert!(error.is_null(0));
    assert_eq!(error.column(0).as_string::<i32>().value(1), "parse");
    assert_eq!(
        error.column(1).as_string::<i32>().value(1),
        "unexpected end"
    );
}

#[test]
fn an_empty_batch_has_every_requested_column_and_no_rows() {
    let batch = build(&Column::ALL, &[]).expect("builds");
    assert_eq!(batch.len(), 0);
    assert_eq!(batch.num_columns(), Column::ALL.len());
}

#[test]
fn empty_strings_stay_empty_strings() {
    let document = Document {
        path: "".into(),
        content: Some("".into()),
        mime_type: Some("".into()),
        ..Document::default()
    };
    let batch = build(
        &[Column::Path, Column::Content, Column::MimeType],
        &[document],
    )
    .expect("builds");
    for i in 0..3 {
        assert!(batch.column(i).is_valid(0));
        assert_eq!(batch.column(i).as_string::<i32>().value(0), "");
    }
}

#[test]
fn only_the_requested_columns_come_out_in_the_requested_order() {
    let columns = [Column::Error, Column::Path, Column::Length];
    let batch = build(&columns, &[full_document()]).expect("builds");
    let names: Vec<&str> = batch.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names, ["error", "path", "length"]);
}

#[test]
fn the_export_round_trips_through_the_c_data_interface() {
    let batch = build(&Column::ALL, &[full_document(), error_document()]).expect("builds");
    let expected = batch.clone();
    let mut out_array = FFI_ArrowArray::empty();
    let mut out_schema = FFI_ArrowSchema::empty();
    // SAFETY: both structs are empty values on this frame.
    unsafe { export(batch, &mut out_array, &mut out_schema) }.expect("exports");
    assert!(!out_array.is_released());
    // SAFETY: `export` initialised both structs and we own them.
    let data = unsafe { from_ffi(out_array, &out_schema) }.expect("imports");
    assert_eq!(StructArray::from(data), expected);
}

#[test]
fn exporting_to_a_null_address_is_an_arrow_error() {
    let batch = build(&[Column::Path], &[]).expect("builds");
    let mut out_schema = FFI_ArrowSchema::empty();
    // SAFETY: a null array address is allowed by the contract.
    let result = unsafe { export(batch, std::ptr::null_mut(), &mut out_schema) };
    assert!(matches!(result, Err(BridgeError::Arrow(_))));
}

#[test]
fn without_a_schema_address_only_the_array_is_written() {
    let documents = vec![Document {
        path: "a.txt".to_owned(),
        ..Document::default()
    }];
    let batch = build(&[Column::Path], &documents).expect("builds");
    let expected_type = batch.data_type().clone();
    let mut out_array = FFI_ArrowArray::empty();
    // SAFETY: a null schema address is allowed by the contract; the array struct is ours.
    unsafe { export(batch, &mut out_array, std::ptr::null_mut()) }.expect("exports");
    assert!(!out_array.is_released());
    let schema = FFI_ArrowSchema::try_from(&expected_type).expect("a schema");
    // SAFETY: `export` initialised the array struct and we own it.
    let data = unsafe { from_ffi(out_array, &schema) }.expect("imports");
    assert_eq!(StructArray::from(data).column(0).len(), 1);
}

#[test]
fn too_many_list_elements_for_32_bit_offsets_is_an_error() {
    let result = offsets([i32::MAX as usize, 1].into_iter());
    assert!(result.is_err());
    assert!(offsets([1, 2].into_iter()).is_ok());
}
