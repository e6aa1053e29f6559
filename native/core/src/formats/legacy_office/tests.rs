//! Word 97 and PowerPoint 97 files built record by record, read through [`extract`].

use super::*;
use crate::config::ExtractionConfig;
use crate::container::ole::tests::{compound_file, packager};
use std::io::Write;

/// Where the synthesized Word document's text starts in its `WordDocument` stream.
const TEXT_AT: usize = 0x800;

/// A Word 97 `WordDocument` stream and `1Table` stream: the body `body` (8-bit text in one
/// piece, then UTF-16 text in a second), followed by the footnote story `footnotes`.
fn word97(body_8bit: &[u8], body_utf16: &str, footnotes: &str, flags: u16) -> Vec<u8> {
    let (stream, clx) = word97_streams(body_8bit, body_utf16, footnotes, flags);
    compound_file(&[("/WordDocument", &stream), ("/1Table", &clx)])
}

/// The `WordDocument` and `1Table` streams of [`word97`].
fn word97_streams(
    body_8bit: &[u8],
    body_utf16: &str,
    footnotes: &str,
    flags: u16,
) -> (Vec<u8>, Vec<u8>) {
    let mut stream = vec![0u8; TEXT_AT];
    stream[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    stream[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
    stream[0x0A..0x0C].copy_from_slice(&(flags | 0x0200).to_le_bytes());
    // csw = 14, FibRgW97; cslw = 22, FibRgLw97; cbRgFcLcb = 93, the pairs.
    let csw_at = 0x20;
    stream[csw_at..csw_at + 2].copy_from_slice(&14u16.to_le_bytes());
    let cslw_at = csw_at + 2 + 28;
    stream[cslw_at..cslw_at + 2].copy_from_slice(&22u16.to_le_bytes());
    let rg_lw = cslw_at + 2;
    let second: Vec<u16> = format!("{body_utf16}{footnotes}").encode_utf16().collect();
    let body_len = body_8bit.len() + body_utf16.encode_utf16().count();
    let footnote_len = footnotes.encode_utf16().count();
    stream[rg_lw + 12..rg_lw + 16].copy_from_slice(&(body_len as u32).to_le_bytes());
    stream[rg_lw + 16..rg_lw + 20].copy_from_slice(&(footnote_len as u32).to_le_bytes());
    let pairs_count_at = rg_lw + 22 * 4;
    stream[pairs_count_at..pairs_count_at + 2].copy_from_slice(&93u16.to_le_bytes());
    let pairs = pairs_count_at + 2;
    // The text: the 8-bit piece, then the UTF-16 piece.
    stream.extend_from_slice(body_8bit);
    let utf16_at = stream.len();
    stream.extend(second.iter().flat_map(|u| u.to_le_bytes()));
    // The Clx: one Prc to skip, then the Pcdt with two pieces.
    let cps = [0, body_8bit.len(), body_8bit.len() + second.len()];
    let mut plc = Vec::new();
    for cp in cps {
        plc.extend_from_slice(&(cp as u32).to_le_bytes());
    }
    for fc in [((TEXT_AT * 2) as u32) | 0x4000_0000, utf16_at as u32] {
        plc.extend_from_slice(&0u16.to_le_bytes());
        plc.extend_from_slice(&fc.to_le_bytes());
        plc.extend_from_slice(&0u16.to_le_bytes());
    }
    let mut clx = vec![0x01, 0x02, 0x00, 0xAA, 0xBB, 0x02];
    clx.extend_from_slice(&(plc.len() as u32).to_le_bytes());
    clx.extend_from_slice(&plc);
    let clx_pair = pairs + 33 * 8;
    stream[clx_pair..clx_pair + 4].copy_from_slice(&0u32.to_le_bytes());
    stream[clx_pair + 4..clx_pair + 8].copy_from_slice(&(clx.len() as u32).to_le_bytes());
    (stream, clx)
}

fn extract_file(bytes: &[u8]) -> Result<Extracted, ExtractionError> {
    let config = ExtractionConfig::default();
    let ctx = Context::new("old.doc", &config);
    extract(bytes, "application/msword", &ctx)
}

#[test]
fn a_word_97_document_gives_its_pieces_in_order_then_its_footnotes() {
    let file = word97(
        b"Budget \x93draft\x94\r\x13 PAGE \x14 3\x15 pages\r",
        "Gr\u{fc}\u{df}e \u{2713}\r",
        "A note\r",
        0,
    );
    assert_eq!(kind(&file), Some(Kind::Word));
    let extracted = extract_file(&file).unwrap();
    assert_eq!(
        extracted.content,
        "Budget \u{201c}draft\u{201d}\n 3 pages\nGr\u{fc}\u{df}e \u{2713}\n\nA note"
    );
    assert_eq!(extracted.metadata.extra["wordVersion"], "Word 97");
}

#[test]
fn pieces_that_repeat_the_same_bytes_cannot_make_more_text_than_the_stream_holds() {
    let (mut stream, _) = word97_streams(b"x\r", "", "", 0);
    let pieces = 5_000usize;
    let mut plc = Vec::new();
    for i in 0..=pieces {
        plc.extend_from_slice(&((i * 1_000_000) as u32).to_le_bytes());
    }
    for _ in 0..pieces {
        plc.extend_from_slice(&0u16.to_le_bytes());
        plc.extend_from_slice(&(((TEXT_AT * 2) as u32) | 0x4000_0000).to_le_bytes());
        plc.extend_from_slice(&0u16.to_le_bytes());
    }
    let mut clx = vec![0x02];
    clx.extend_from_slice(&(plc.len() as u32).to_le_bytes());
    clx.extend_from_slice(&plc);
    // ccpText: everything the pieces claim; lcbClx: the new table.
    let rg_lw = 0x20 + 2 + 28 + 2;
    stream[rg_lw + 12..rg_lw + 16].copy_from_slice(&((pieces * 1_000_000) as u32).to_le_bytes());
    let clx_pair = rg_lw + 22 * 4 + 2 + 33 * 8;
    stream[clx_pair + 4..clx_pair + 8].copy_from_slice(&(clx.len() as u32).to_le_bytes());
    let file = compound_file(&[("/WordDocument", &stream), ("/1Table", &clx)]);
    let extracted = extract_file(&file).unwrap();
    assert!(
        extracted.content.len() <= stream.len(),
        "{}",
        extracted.content.len()
    );
}

#[test]
fn an_encrypted_word_document_is_an_encrypted_error() {
    let file = word97(b"secret\r", "", "", 0x0100);
    let error = extract_file(&file).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Encrypted);
    assert!(error.message.starts_with("old.doc: "), "{}", error.message);
}

#[test]
fn a_damaged_piece_table_is_a_parse_error_naming_the_file() {
    let mut stream = vec![0u8; 64];
    stream[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    stream[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
    let file = compound_file(&[("/WordDocument", &stream)]);
    let error = extract_file(&file).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Parse);
    assert_eq!(
        error.message,
        "old.doc: the Word document's piece table is damaged"
    );
}

#[test]
fn storages_of_other_applications_and_non_storages_are_unsupported_and_a_bad_workbook_a_parse_error(
) {
    let workbook = compound_file(&[("/Workbook", b"BIFF")]);
    assert_eq!(kind(&workbook), Some(Kind::Excel));
    let error = extract_file(&workbook).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Parse);
    let message = compound_file(&[("/__properties_version1.0", b"")]);
    assert_eq!(kind(&message), Some(Kind::Outlook));
    assert_eq!(kind(&compound_file(&[("/Other", b"")])), Some(Kind::Other));
    assert_eq!(kind(b"\xDB\xA5\x2D\x00 Word 2"), None);
    let error = extract_file(b"\xDB\xA5\x2D\x00 Word 2").unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unsupported);
}

fn record(kind: u16, instance: u16, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(instance << 4).to_le_bytes());
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
    out
}

fn container(kind: u16, instance: u16, children: &[Vec<u8>]) -> Vec<u8> {
    let mut out = record(kind, instance, &children.concat());
    out[0] |= 0x0F;
    out
}

fn chars(text: &str) -> Vec<u8> {
    let data: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    record(0x0FA0, 0, &data)
}

fn slide_persist(persist_id: u32, slide_id: u32) -> Vec<u8> {
    let mut data = Vec::new();
    for value in [persist_id, 0, 1, slide_id, 0] {
        data.extend_from_slice(&value.to_le_bytes());
    }
    record(0x03F3, 0, &data)
}

/// A presentation of two slides listed in the order 2, 1 (by persist id 3, then 2), the first
/// listed one with a text box and notes, saved in two edits: the second moves slide 1.
fn presentation(encrypted: bool) -> Vec<u8> {
    let document = container(
        0x03E8,
        0,
        &[
            container(0x0FF0, 1, &[slide_persist(9, 1), chars("Click to edit")]),
            container(
                0x0FF0,
                0,
                &[
                    slide_persist(3, 257),
                    record(0x0F9F, 0, &[0, 0, 0, 0]),
                    chars("Second title"),
                    slide_persist(2, 256),
                    chars("First title\rbody line"),
                ],
            ),
            container(0x0FF0, 2, &[slide_persist(4, 77)]),
        ],
    );
    let mut slide_atom = vec![0u8; 24];
    slide_atom[16..20].copy_from_slice(&77u32.to_le_bytes());
    let second_slide = container(
        0x03EE,
        0,
        &[
            record(0x03EF, 0, &slide_atom),
            container(
                0x040C,
                0,
                &[container(0xF00D, 0, &[record(0x0FA8, 0, b"caf\xe9")])],
            ),
        ],
    );
    let notes = container(0x03F0, 0, &[container(0xF00D, 0, &[chars("Say hello")])]);
    let old_first = container(0x03EE, 0, &[chars("stale text")]);
    let first = container(0x03EE, 0, &[record(0x03EF, 0, &[0u8; 24])]);
    let mut stream = Vec::new();
    let mut offsets = Vec::new();
    for part in [&document, &second_slide, &notes, &old_first] {
        offsets.push(stream.len() as u32);
        stream.extend_from_slice(part);
    }
    // Edit 1: persist ids 1 to 4 (document, slide 1 as first saved, the second slide, notes).
    let directory = |entries: &[(u32, &[u32])]| {
        let mut data = Vec::new();
        for (first, offsets) in entries {
            data.extend_from_slice(&(first | ((offsets.len() as u32) << 20)).to_le_bytes());
            for offset in *offsets {
                data.extend_from_slice(&offset.to_le_bytes());
            }
        }
        record(0x1772, 0, &data)
    };
    let user_edit = |previous: u32, directory_at: u32| {
        let mut data = Vec::new();
        data.extend_from_slice(&0u32.to_le_bytes());
        data.extend_from_slice(&[0, 0, 0, 3]);
        for value in [previous, directory_at, 1, 5] {
            data.extend_from_slice(&value.to_le_bytes());
        }
        data.extend_from_slice(&[0, 0, 0, 0]);
        record(0x0FF5, 0, &data)
    };
    let first_directory_at = stream.len() as u32;
    stream.extend(directory(&[(
        1,
        &[offsets[0], offsets[3], offsets[1], offsets[2]],
    )]));
    let first_edit_at = stream.len() as u32;
    stream.extend(user_edit(0, first_directory_at));
    // Edit 2: slide 1 (persist id 2) saved again.
    let first_at = stream.len() as u32;
    stream.extend_from_slice(&first);
    let second_directory_at = stream.len() as u32;
    stream.extend(directory(&[(2, &[first_at])]));
    let last_edit_at = stream.len() as u32;
    stream.extend(user_edit(first_edit_at, second_directory_at));
    let mut current_user = record(0x0FF6, 0, &[0u8; 20]);
    let token: u32 = if encrypted { 0xF3D1_C4DF } else { 0xE391_C05F };
    current_user[12..16].copy_from_slice(&token.to_le_bytes());
    current_user[16..20].copy_from_slice(&last_edit_at.to_le_bytes());
    compound_file(&[
        ("/PowerPoint Document", &stream),
        ("/Current User", &current_user),
    ])
}

#[test]
fn a_powerpoint_97_deck_gives_its_slides_in_list_order_with_text_boxes_and_notes() {
    let file = presentation(false);
    assert_eq!(kind(&file), Some(Kind::PowerPoint));
    let config = ExtractionConfig::default();
    let ctx = Context::new("old.ppt", &config);
    let extracted = extract(&file, "application/vnd.ms-powerpoint", &ctx).unwrap();
    assert_eq!(
        extracted.pages,
        vec![
            "Second title\ncafé\nSay hello".to_owned(),
            "First title\nbody line".to_owned()
        ]
    );
    assert_eq!(
        extracted.content,
        "Second title\ncafé\nSay hello\n\nFirst title\nbody line"
    );
    assert_eq!(extracted.metadata.page_count, Some(2));
}

#[test]
fn an_encrypted_powerpoint_deck_is_an_encrypted_error() {
    let config = ExtractionConfig::default();
    let ctx = Context::new("old.ppt", &config);
    let error = extract(&presentation(true), "application/vnd.ms-powerpoint", &ctx).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Encrypted);
}

#[test]
fn a_deck_without_its_edit_chain_is_read_record_by_record() {
    let stream = [
        container(0x03F8, 0, &[chars("Click to edit Master title style")]),
        container(0x03EE, 0, &[chars("Only slide")]),
    ]
    .concat();
    let file = compound_file(&[("/PowerPoint Document", &stream)]);
    let config = ExtractionConfig::default();
    let ctx = Context::new("old.ppt", &config);
    let extracted = extract(&file, "application/vnd.ms-powerpoint", &ctx).unwrap();
    assert_eq!(extracted.content, "Only slide");
}

#[test]
fn a_word_document_s_embedded_objects_follow_its_text_under_their_names() {
    let (stream, clx) = word97_streams(b"See the attached notes\r", "", "", 0);
    let native = packager("notes.txt", b"hello from inside", true);
    let mut ole = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    ole.create_stream("/WordDocument")
        .unwrap()
        .write_all(&stream)
        .unwrap();
    ole.create_stream("/1Table")
        .unwrap()
        .write_all(&clx)
        .unwrap();
    ole.create_storage("/ObjectPool").unwrap();
    ole.create_storage("/ObjectPool/_1310388058").unwrap();
    ole.create_stream("/ObjectPool/_1310388058/\u{1}Ole10Native")
        .unwrap()
        .write_all(&native)
        .unwrap();
    ole.flush().unwrap();
    let file = ole.into_inner().into_inner();
    let extracted = extract_file(&file).unwrap();
    assert_eq!(
        extracted.content,
        "See the attached notes\n\nnotes.txt\nhello from inside"
    );
}

#[test]
fn a_powerpoint_deck_s_compressed_objects_follow_its_slides() {
    let native = packager("notes.txt", b"hello from inside", true);
    let storage = compound_file(&[("/\u{1}Ole10Native", &native)]);
    let mut compressed = (storage.len() as u32).to_le_bytes().to_vec();
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&storage).unwrap();
    compressed.extend(encoder.finish().unwrap());
    let stream = [
        container(0x03EE, 0, &[chars("Only slide")]),
        record(0x1011, 1, &compressed),
        record(0x1011, 0, &compound_file(&[("/Other", b"x")])),
    ]
    .concat();
    let file = compound_file(&[("/PowerPoint Document", &stream)]);
    let config = ExtractionConfig::default();
    let ctx = Context::new("old.ppt", &config);
    let extracted = extract(&file, "application/vnd.ms-powerpoint", &ctx).unwrap();
    assert_eq!(
        extracted.content,
        "Only slide\n\nnotes.txt\nhello from inside"
    );
}
