//! The wrappers an embedded object's file travels in: an OLE compound file (the storage of an
//! OLE object, [MS-OLEDS] 2.3), the Packager's `\x01Ole10Native` stream that wraps any file with
//! its name, and the OLE 1.0 `EmbeddedObject` of RTF's `\objdata` ([MS-OLEDS] 2.2.4). Each gives
//! back the file inside (a Word, PowerPoint or Excel 97 storage is that file itself), or nothing
//! when the object is an application's own binary storage that no extractor here reads.

use std::io::{Cursor, Read};

/// The first bytes of every OLE compound file.
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// A file found inside an object's wrapper: its original name when the wrapper keeps one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedFile {
    pub name: Option<String>,
    pub data: Vec<u8>,
}

/// Whether `bytes` start like an OLE compound file.
pub fn is_compound_file(bytes: &[u8]) -> bool {
    bytes.starts_with(&OLE_MAGIC)
}

/// The file an OLE object's storage holds: a Packager file (`\x01Ole10Native`), an OOXML
/// package (`Package`, how Office 2007+ embeds its own documents), the `CONTENTS` stream (how
/// Acrobat embeds a PDF), or the whole storage when it is an encrypted OOXML package, a Word 97
/// document, a PowerPoint 97 presentation or an Excel workbook. `None` for any other storage,
/// and for bytes that are no readable compound file.
pub fn unwrap_storage(bytes: &[u8]) -> Option<WrappedFile> {
    let mut ole = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    if [
        "/EncryptedPackage",
        "/WordDocument",
        "/PowerPoint Document",
        "/Workbook",
        "/Book",
    ]
    .iter()
    .any(|name| ole.is_stream(name))
    {
        return Some(WrappedFile {
            name: None,
            data: bytes.to_vec(),
        });
    }
    // Every stream is at most as long as the compound file that holds it.
    let cap = bytes.len() as u64;
    let mut read = |name: &str| -> Option<Vec<u8>> {
        if !ole.is_stream(name) {
            return None;
        }
        let mut out = Vec::new();
        ole.open_stream(name)
            .ok()?
            .take(cap)
            .read_to_end(&mut out)
            .ok()?;
        Some(out)
    };
    if let Some(native) = read("/\u{1}Ole10Native") {
        return packager_file(&native, true);
    }
    ["/Package", "/CONTENTS"]
        .into_iter()
        .find_map(&mut read)
        .filter(|data| !data.is_empty())
        .map(|data| WrappedFile { name: None, data })
}

/// The file of a Packager object's native data: with `sized`, the data starts with its own
/// 32-bit length (the `\x01Ole10Native` stream); without, it does not (OLE 1.0 native data).
///
/// The layout, which [MS-OLEDS] leaves to the Packager: a 16-bit flag, the label and the
/// original path as NUL-terminated ANSI strings, two 16-bit fields, the length and NUL-terminated
/// text of the temporary path, then the file's 32-bit length and its bytes.
pub fn packager_file(native: &[u8], sized: bool) -> Option<WrappedFile> {
    let mut at = if sized { 4 } else { 0 };
    at += 2;
    let label = c_string(native, &mut at)?;
    let original_path = c_string(native, &mut at)?;
    at += 4;
    let temp_len = usize::try_from(u32_at(native, at)?).ok()?;
    at = at.checked_add(4)?.checked_add(temp_len)?;
    let size = usize::try_from(u32_at(native, at)?).ok()?;
    at += 4;
    let data = native.get(at..at.checked_add(size)?)?.to_vec();
    let name = file_name(&original_path).or_else(|| file_name(&label));
    Some(WrappedFile { name, data })
}

/// An OLE 1.0 embedded object ([MS-OLEDS] 2.2.4, what RTF's `\objdata` holds): its class name
/// and native data, the native data unwrapped when it is a Packager file or a compound file.
/// `None` for a linked object (no native data), a storage no extractor reads, or a bad header.
pub fn unwrap_ole1(object: &[u8]) -> Option<WrappedFile> {
    // OLEVersion, then FormatID: 2 is an embedded object, 1 a link.
    if u32_at(object, 4)? != 2 {
        return None;
    }
    let mut at = 8;
    let class = length_prefixed(object, &mut at)?;
    let _topic = length_prefixed(object, &mut at)?;
    let _item = length_prefixed(object, &mut at)?;
    let size = usize::try_from(u32_at(object, at)?).ok()?;
    at += 4;
    let native = object.get(at..at.checked_add(size)?)?;
    if class.eq_ignore_ascii_case("Package") {
        return packager_file(native, false);
    }
    if is_compound_file(native) {
        return unwrap_storage(native);
    }
    None
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let four = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([four[0], four[1], four[2], four[3]]))
}

/// A NUL-terminated ANSI string at `*at`, which moves past the NUL.
fn c_string(bytes: &[u8], at: &mut usize) -> Option<String> {
    let rest = bytes.get(*at..)?;
    let end = rest.iter().position(|&b| b == 0)?;
    *at += end + 1;
    Some(
        encoding_rs::WINDOWS_1252
            .decode(&rest[..end])
            .0
            .into_owned(),
    )
}

/// A `LengthPrefixedAnsiString` ([MS-OLEDS] 2.1.4): a 32-bit length counting the final NUL.
fn length_prefixed(bytes: &[u8], at: &mut usize) -> Option<String> {
    let len = usize::try_from(u32_at(bytes, *at)?).ok()?;
    *at += 4;
    let raw = bytes.get(*at..at.checked_add(len)?)?;
    *at += len;
    let raw = raw.strip_suffix(&[0]).unwrap_or(raw);
    Some(encoding_rs::WINDOWS_1252.decode(raw).0.into_owned())
}

/// The last segment of a Windows or POSIX path, when it is not empty.
fn file_name(path: &str) -> Option<String> {
    let name = path.rsplit(['\\', '/']).next().unwrap_or(path).trim();
    (!name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A Packager native stream wrapping `data` as `name`, with or without its leading size.
    pub(crate) fn packager(name: &str, data: &[u8], sized: bool) -> Vec<u8> {
        let mut body = vec![2, 0];
        body.extend_from_slice(name.as_bytes());
        body.push(0);
        body.extend_from_slice(format!("C:\\temp\\{name}").as_bytes());
        body.push(0);
        body.extend_from_slice(&[0, 0, 3, 0]);
        let temp = format!("C:\\Users\\x\\{name}\0");
        body.extend_from_slice(&(temp.len() as u32).to_le_bytes());
        body.extend_from_slice(temp.as_bytes());
        body.extend_from_slice(&(data.len() as u32).to_le_bytes());
        body.extend_from_slice(data);
        if !sized {
            return body;
        }
        let mut out = (body.len() as u32).to_le_bytes().to_vec();
        out.extend_from_slice(&body);
        out
    }

    /// A compound file with the given streams.
    pub(crate) fn compound_file(streams: &[(&str, &[u8])]) -> Vec<u8> {
        let mut ole = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        for (name, data) in streams {
            ole.create_stream(name).unwrap().write_all(data).unwrap();
        }
        ole.flush().unwrap();
        ole.into_inner().into_inner()
    }

    fn ole1(class: &str, native: &[u8]) -> Vec<u8> {
        let mut out = vec![1, 5, 0, 0, 2, 0, 0, 0];
        for text in [class, "", ""] {
            let with_nul = format!("{text}\0");
            out.extend_from_slice(&(with_nul.len() as u32).to_le_bytes());
            out.extend_from_slice(with_nul.as_bytes());
        }
        out.extend_from_slice(&(native.len() as u32).to_le_bytes());
        out.extend_from_slice(native);
        out
    }

    #[test]
    fn a_packager_stream_gives_the_file_and_its_name() {
        let stream = packager("notes.txt", b"hello", true);
        let ole = compound_file(&[("/\u{1}Ole10Native", &stream)]);
        assert_eq!(
            unwrap_storage(&ole),
            Some(WrappedFile {
                name: Some("notes.txt".to_owned()),
                data: b"hello".to_vec()
            })
        );
    }

    #[test]
    fn package_and_contents_streams_give_their_bytes_and_other_storages_nothing() {
        let ole = compound_file(&[("/Package", b"PK\x03\x04zip")]);
        assert_eq!(unwrap_storage(&ole).unwrap().data, b"PK\x03\x04zip");
        let ole = compound_file(&[("/CONTENTS", b"%PDF-1.4")]);
        assert_eq!(unwrap_storage(&ole).unwrap().data, b"%PDF-1.4");
        let ole = compound_file(&[("/Equation Native", b"binary")]);
        assert_eq!(unwrap_storage(&ole), None);
        assert_eq!(unwrap_storage(b"not a compound file"), None);
    }

    #[test]
    fn word_powerpoint_and_excel_97_storages_are_the_file_itself() {
        for stream in ["/WordDocument", "/PowerPoint Document", "/Workbook"] {
            let ole = compound_file(&[(stream, b"binary")]);
            assert_eq!(unwrap_storage(&ole).unwrap().data, ole);
        }
    }

    #[test]
    fn an_ole1_object_unwraps_a_packager_file_or_a_storage() {
        let object = ole1("Package", &packager("a.txt", b"text", false));
        assert_eq!(unwrap_ole1(&object).unwrap().name.as_deref(), Some("a.txt"));
        let storage = compound_file(&[("/Package", b"PK\x03\x04")]);
        let object = ole1("Word.Document.12", &storage);
        assert_eq!(unwrap_ole1(&object).unwrap().data, b"PK\x03\x04");
        let mut link = object.clone();
        link[4] = 1;
        assert_eq!(unwrap_ole1(&link), None);
    }

    #[test]
    fn truncated_wrappers_give_nothing() {
        let stream = packager("a.txt", b"0123456789", false);
        for len in 0..stream.len() {
            assert_eq!(packager_file(&stream[..len], false), None, "{len}");
        }
        let object = ole1("Package", &stream);
        assert_eq!(unwrap_ole1(&object[..object.len() - 1]), None);
    }
}
