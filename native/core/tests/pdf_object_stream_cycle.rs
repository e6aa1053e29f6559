//! Hazard: object streams that contain themselves or each other, according to a
//! cross-reference stream that lies. Resolving such an object must end (as a missing object),
//! never loop or overflow the stack.

mod common;

use std::io::Write;

use vellum_core::ExtractionConfig;

/// A PDF 1.5 file with a cross-reference stream. `entries[n]` is object n's `(type, field2,
/// field3)`; `bodies` are written as plain objects and their offsets fill type-1 entries.
fn with_xref_stream(bodies: &[(usize, &str)], compressed: &[(usize, usize, usize)]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let size = bodies
        .iter()
        .map(|b| b.0)
        .chain(compressed.iter().map(|c| c.0))
        .max()
        .unwrap()
        + 2;
    let mut entries = vec![(0u8, 0u32, 0u16); size];
    for (number, body) in bodies {
        entries[*number] = (1, out.len() as u32, 0);
        write!(out, "{number} 0 obj\n{body}\nendobj\n").unwrap();
    }
    for &(number, stream, index) in compressed {
        entries[number] = (2, stream as u32, index as u16);
    }
    let xref_number = size - 1;
    let xref_offset = out.len();
    entries[xref_number] = (1, xref_offset as u32, 0);
    let mut data = Vec::new();
    for (kind, field2, field3) in entries {
        data.push(kind);
        data.extend_from_slice(&field2.to_be_bytes());
        data.extend_from_slice(&field3.to_be_bytes());
    }
    write!(
        out,
        "{xref_number} 0 obj\n<< /Type /XRef /Size {size} /W [1 4 2] /Root 1 0 R /Length {} \
         >>\nstream\n",
        data.len()
    )
    .unwrap();
    out.extend_from_slice(&data);
    write!(
        out,
        "\nendstream\nendobj\nstartxref\n{xref_offset}\n%%EOF\n"
    )
    .unwrap();
    out
}

fn object_stream(objects: &str) -> String {
    // One object, number 3, at offset 0 of the stream's object data.
    let header = "3 0 ";
    format!(
        "<< /Type /ObjStm /N 1 /First {} /Length {} >>\nstream\n{header}{objects}\nendstream",
        header.len(),
        header.len() + objects.len()
    )
}

fn page_count(bytes: &[u8]) -> Option<i32> {
    let document = common::extract_bytes(ExtractionConfig::default(), "objstm.pdf", bytes);
    if let Some(error) = &document.error {
        assert!(
            error.message.starts_with("objstm.pdf: "),
            "{}",
            error.message
        );
        assert_ne!(error.kind, vellum_core::ErrorKind::Internal);
        return None;
    }
    document.metadata.unwrap().page_count
}

#[test]
fn a_sound_object_stream_is_read() {
    let bytes = with_xref_stream(
        &[
            (1, "<< /Type /Catalog /Pages 2 0 R >>"),
            (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            (
                5,
                &object_stream("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"),
            ),
        ],
        &[(3, 5, 0)],
    );
    assert_eq!(page_count(&bytes), Some(1));
}

#[test]
fn an_object_stream_said_to_lie_inside_itself_ends() {
    let bytes = with_xref_stream(
        &[
            (1, "<< /Type /Catalog /Pages 2 0 R >>"),
            (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        ],
        // Object 3 lives in stream 5, and stream 5 in itself.
        &[(3, 5, 0), (5, 5, 0)],
    );
    let _ = page_count(&bytes);
}

#[test]
fn two_object_streams_said_to_lie_inside_each_other_end() {
    let bytes = with_xref_stream(
        &[
            (1, "<< /Type /Catalog /Pages 2 0 R >>"),
            (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        ],
        &[(3, 5, 0), (5, 6, 0), (6, 5, 0)],
    );
    let _ = page_count(&bytes);
}

#[test]
fn an_object_stream_whose_object_refers_back_to_it_ends() {
    let bytes = with_xref_stream(
        &[
            (1, "<< /Type /Catalog /Pages 2 0 R >>"),
            (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            (
                5,
                &object_stream("<< /Type /Page /Parent 2 0 R /Contents 5 0 R /Resources 3 0 R >>"),
            ),
        ],
        &[(3, 5, 0)],
    );
    assert_eq!(page_count(&bytes), Some(1));
    let pages = common::pdf::page_contents(&bytes, &ExtractionConfig::default()).unwrap();
    assert_eq!(pages.len(), 1);
}
