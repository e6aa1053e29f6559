//! ZIP archives built inside tests, from `(name, bytes, deflate?)` entries.

use std::io::{Cursor, Write};

/// A ZIP of `(name, bytes, deflate?)` entries, in order.
pub fn build(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data, deflate) in entries {
        let method = if *deflate {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .large_file(data.len() >= 0xFFFF_FFFF);
        writer
            .start_file(*name, options)
            .expect("start a ZIP entry");
        writer.write_all(data).expect("write a ZIP entry");
    }
    writer.finish().expect("finish the ZIP").into_inner()
}
