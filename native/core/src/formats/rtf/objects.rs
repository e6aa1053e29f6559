//! Objects in RTF (RTF 1.9.1, "Objects"): `{\object ... {\*\objdata hex} {\result ...}}`. The
//! data is an OLE 1.0 object whose file is extracted as an embedded document is; when it cannot
//! be (a link, a Word 97 document), the metafile picture of `\result`, what the reader saw,
//! gives its text instead. Both arrive as hexadecimal digits (or `\bin` bytes) and are decoded
//! when the object's group ends.

use crate::document::ExtractionError;
use crate::formats::embedded;
use crate::limits::Context;

/// The object being read.
#[derive(Debug, Default)]
pub struct PendingObject {
    /// How many groups enclose the object's group: it ends when fewer do.
    pub depth: usize,
    /// `\objclass`, as written.
    pub class: String,
    /// The decoded `\objdata`.
    pub data: Vec<u8>,
    /// The decoded `\pict` of `\result`: the first one only.
    pub picture: Vec<u8>,
    /// A high nibble waiting for its low one.
    nibble: Option<u8>,
}

/// Which part of an object hexadecimal digits fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectPart {
    Data,
    Picture,
}

impl PendingObject {
    pub fn new(depth: usize) -> Self {
        PendingObject {
            depth,
            ..PendingObject::default()
        }
    }

    /// Hexadecimal digits of `part`; anything else (line breaks, spaces) is skipped.
    pub fn hex(&mut self, part: ObjectPart, text: &[u8]) {
        let target = match part {
            ObjectPart::Data => &mut self.data,
            ObjectPart::Picture => &mut self.picture,
        };
        for &byte in text {
            let Some(value) = (byte as char).to_digit(16) else {
                continue;
            };
            let value = value as u8;
            match self.nibble.take() {
                Some(high) => target.push(high << 4 | value),
                None => self.nibble = Some(value),
            }
        }
    }

    /// Raw bytes of `part` (`\binN`).
    pub fn binary(&mut self, part: ObjectPart, bytes: &[u8]) {
        self.nibble = None;
        match part {
            ObjectPart::Data => self.data.extend_from_slice(bytes),
            ObjectPart::Picture => self.picture.extend_from_slice(bytes),
        }
    }

    /// The end of a picture: later pictures (the non-shape copy) are not needed.
    pub fn end_part(&mut self) {
        self.nibble = None;
    }

    /// The object's text: its file's, headed by its name, or its picture's.
    pub fn text(self, ctx: &Context<'_>) -> Result<Option<String>, ExtractionError> {
        let class = self.class.trim();
        let name = if class.is_empty() { "object" } else { class };
        if let Some(object) = embedded::ole1_object_text(name, &self.data, ctx)? {
            let mut text = object.name;
            if !object.text.is_empty() {
                text.push('\n');
                text.push_str(&object.text);
            }
            return Ok(Some(text));
        }
        embedded::preview_text(&self.picture, ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_digits_pair_up_across_pieces_and_skip_white_space() {
        let mut object = PendingObject::new(1);
        object.hex(ObjectPart::Data, b"01 0");
        object.hex(ObjectPart::Data, b"5\r\nff");
        assert_eq!(object.data, [0x01, 0x05, 0xff]);
        object.binary(ObjectPart::Picture, b"\x01\x02");
        assert_eq!(object.picture, [1, 2]);
    }
}
