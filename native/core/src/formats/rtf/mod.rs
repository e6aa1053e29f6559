//! RTF (Rich Text Format 1.9.1), read by our own interpreter: the [`lexer`] splits the bytes into
//! tokens; a stack of group states (kept on the heap, bounded by `maxDepth`) tracks the
//! destination, the font and its code page, `\ucN` and table membership; [`output`] collects the
//! body, tables and `\info` metadata; [`objects`] the embedded objects' text. Pictures and other
//! skipped destinations contribute nothing.

pub(crate) mod charset;
mod lexer;
mod objects;
mod output;

use std::collections::HashMap;

use encoding_rs::Encoding;

use crate::config::OutputFormat;
use crate::document::ExtractionError;
use crate::formats::Extracted;
use crate::limits::Context;

use lexer::{Lexer, Token};
use objects::{ObjectPart, PendingObject};
use output::{InfoField, InfoTime, Output};

/// Where the text of a group goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Destination {
    Body,
    /// Ignored, with everything nested in it.
    Skip,
    FontTable,
    Info,
    InfoText(InfoField),
    InfoDate(InfoTime),
    /// A comment (`\annotation`): kept, but after the body so it does not split its words.
    Annotation,
    /// The ANSI half of `\upr`; its `\ud` group holds the Unicode text for `target`.
    UnicodePair(Option<InfoField>),
    /// An object's class name (`\objclass`).
    ObjectClass,
    /// An object's data or picture, as hexadecimal digits.
    Object(ObjectPart),
    /// The picture groups of an object's result (`\shppict`, `\nonshppict`).
    ObjectPictures,
}

/// The state a group inherits from its parent and restores at its end.
#[derive(Debug, Clone, Copy)]
struct GroupState {
    destination: Destination,
    /// Bytes to skip after `\uN` (`\ucN`).
    unicode_skip: u32,
    font: Option<i32>,
    hidden: bool,
    in_table: bool,
}

/// Destinations whose whole group is ignored even without `\*`.
fn is_skipped_destination(name: &[u8]) -> bool {
    matches!(
        name,
        b"colortbl"
            | b"stylesheet"
            | b"pict"
            | b"objdata"
            | b"objclass"
            | b"objname"
            | b"themedata"
            | b"colorschememapping"
            | b"datastore"
            | b"latentstyles"
            | b"listtable"
            | b"listoverridetable"
            | b"rsidtbl"
            | b"generator"
            | b"xmlnstbl"
            | b"mmathPr"
            | b"filetbl"
            | b"revtbl"
            | b"fldinst"
            | b"datafield"
            | b"listtext"
            | b"pntext"
            | b"pntxta"
            | b"pntxtb"
            | b"nonshppict"
            | b"bkmkstart"
            | b"bkmkend"
            | b"xe"
            | b"tc"
            | b"template"
            | b"falt"
            | b"panose"
            | b"fontemb"
            | b"fontfile"
            | b"pgdsctbl"
            | b"protusertbl"
            | b"wgrffmtfilter"
            | b"docvar"
    )
}

/// The character a control word stands for, when it stands for one.
fn special_character(name: &[u8]) -> Option<&'static str> {
    Some(match name {
        b"tab" => "\t",
        b"emdash" => "\u{2014}",
        b"endash" => "\u{2013}",
        b"emspace" => "\u{2003}",
        b"enspace" => "\u{2002}",
        b"qmspace" => "\u{2005}",
        b"bullet" => "\u{2022}",
        b"lquote" => "\u{2018}",
        b"rquote" => "\u{2019}",
        b"ldblquote" => "\u{201C}",
        b"rdblquote" => "\u{201D}",
        b"zwj" => "\u{200D}",
        b"zwnj" => "\u{200C}",
        _ => return None,
    })
}

/// The interpreter: group states, fonts, and text waiting to be decoded.
struct Reader<'c, 'p> {
    ctx: &'c Context<'p>,
    state: GroupState,
    stack: Vec<GroupState>,
    /// The code page of each font of the font table (`None`: the document's code page).
    fonts: HashMap<i32, Option<&'static Encoding>>,
    /// The font whose entry the font table is defining.
    defining_font: i32,
    default_font: Option<i32>,
    code_page: &'static Encoding,
    /// Bytes of text (literal or `\'hh`) not yet decoded: a double-byte character may span two.
    pending: Vec<u8>,
    /// How many characters after a `\uN` are its ANSI stand-in, still to skip.
    skip: u32,
    /// The previous token was `\*`: an unknown destination that follows is ignored.
    ignorable: bool,
    /// No token but line breaks since the last `{`: only there does `\*` mark a destination.
    at_group_start: bool,
    /// The first half of a UTF-16 surrogate pair written as two `\uN`.
    high_surrogate: Option<u16>,
    /// The embedded object (`\object`) being read.
    object: Option<PendingObject>,
    /// The outermost group started with `\rtf`: the document is that group.
    in_rtf_group: bool,
    out: Output,
}

impl<'c, 'p> Reader<'c, 'p> {
    fn new(ctx: &'c Context<'p>) -> Self {
        Reader {
            ctx,
            state: GroupState {
                destination: Destination::Body,
                unicode_skip: 1,
                font: None,
                hidden: false,
                in_table: false,
            },
            stack: Vec::new(),
            fonts: HashMap::new(),
            defining_font: 0,
            default_font: None,
            code_page: encoding_rs::WINDOWS_1252,
            pending: Vec::new(),
            skip: 0,
            ignorable: false,
            at_group_start: false,
            high_surrogate: None,
            object: None,
            in_rtf_group: false,
            out: Output::new(ctx.config.output_format == OutputFormat::Markdown),
        }
    }

    fn read(mut self, bytes: &[u8]) -> Result<Extracted, ExtractionError> {
        let mut lexer = Lexer::new(bytes);
        while let Some(token) = lexer.next_token() {
            self.ctx.tick()?;
            let starts_group = match token {
                Token::GroupStart => true,
                Token::Text(text) => {
                    self.at_group_start && text.iter().all(|b| *b == b'\r' || *b == b'\n')
                }
                _ => false,
            };
            // The document is its outermost group (RTF 1.9.1, "RTF Syntax"). Text after it is
            // still read (a stray brace closes it early), unless it holds control characters,
            // which RTF text never does: binary junk a program appended.
            if let Token::Text(text) = token {
                if self.in_rtf_group && self.stack.is_empty() && has_control_bytes(text) {
                    break;
                }
            }
            match token {
                Token::Text(text) => match (self.state.destination, self.object.as_mut()) {
                    (Destination::Object(part), Some(object)) => object.hex(part, text),
                    (Destination::ObjectClass, Some(object)) => {
                        object.class.push_str(&String::from_utf8_lossy(text));
                    }
                    _ => self.literal(text),
                },
                Token::Hex(byte) => {
                    if self.skip > 0 {
                        self.skip -= 1;
                    } else {
                        self.pending.push(byte);
                    }
                }
                other => {
                    self.flush()?;
                    match other {
                        Token::GroupStart => self.open_group()?,
                        Token::GroupEnd => self.close_group()?,
                        Token::Symbol(symbol) => self.symbol(symbol)?,
                        Token::Word { name, param } => {
                            if name == b"bin" {
                                let count = param.and_then(|p| usize::try_from(p).ok());
                                let bytes = lexer.take_binary(count.unwrap_or(0));
                                if let (Destination::Object(part), Some(object)) =
                                    (self.state.destination, self.object.as_mut())
                                {
                                    object.binary(part, bytes);
                                }
                            }
                            self.word(name, param)?;
                        }
                        Token::Text(_) | Token::Hex(_) => {}
                    }
                }
            }
            self.at_group_start = starts_group;
        }
        self.flush()?;
        let (content, tables, metadata) = self.out.finish(self.ctx)?;
        let mut extracted = Extracted {
            content,
            metadata,
            ..Extracted::default()
        };
        if self.ctx.config.extract_tables {
            extracted.tables = tables;
        }
        Ok(extracted)
    }

    fn open_group(&mut self) -> Result<(), ExtractionError> {
        if self.stack.len() >= self.ctx.limits.max_depth {
            return Err(self.ctx.limits.depth_error(self.ctx.path, "RTF groups"));
        }
        self.stack.push(self.state);
        self.skip = 0;
        self.ignorable = false;
        Ok(())
    }

    fn close_group(&mut self) -> Result<(), ExtractionError> {
        let closed = self.state.destination;
        if let Some(parent) = self.stack.pop() {
            self.state = parent;
        }
        self.skip = 0;
        self.ignorable = false;
        if let (Destination::Object(_), Some(object)) = (closed, self.object.as_mut()) {
            object.end_part();
        }
        if self
            .object
            .as_ref()
            .is_some_and(|o| self.stack.len() < o.depth)
        {
            if let Some(object) = self.object.take() {
                if let Some(text) = object.text(self.ctx)? {
                    self.out.block(&text, self.state.in_table, self.ctx)?;
                }
            }
        }
        Ok(())
    }

    /// Literal text bytes: line breaks in the file are not text (RTF 1.9.1, "Conventions").
    fn literal(&mut self, text: &[u8]) {
        for &byte in text {
            if byte == b'\r' || byte == b'\n' {
                continue;
            }
            if self.skip > 0 {
                self.skip -= 1;
            } else {
                self.pending.push(byte);
            }
        }
    }

    /// Decodes the pending bytes in the current font's code page and writes them.
    fn flush(&mut self) -> Result<(), ExtractionError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let bytes = std::mem::take(&mut self.pending);
        let encoding = self.encoding();
        let (text, _) = encoding.decode_without_bom_handling(&bytes);
        self.emit(&text)?;
        self.pending = bytes;
        self.pending.clear();
        Ok(())
    }

    fn encoding(&self) -> &'static Encoding {
        self.state
            .font
            .or(self.default_font)
            .and_then(|font| self.fonts.get(&font).copied().flatten())
            .unwrap_or(self.code_page)
    }

    /// Writes decoded text to the current destination.
    fn emit(&mut self, text: &str) -> Result<(), ExtractionError> {
        if self.state.hidden {
            return Ok(());
        }
        match self.state.destination {
            Destination::Body => self.out.text(text, self.state.in_table, self.ctx),
            Destination::InfoText(field) => {
                self.out.info_text(field, text);
                Ok(())
            }
            Destination::Annotation => {
                self.out.note_text(text);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn writes_body(&self) -> bool {
        self.state.destination == Destination::Body && !self.state.hidden
    }

    fn symbol(&mut self, symbol: u8) -> Result<(), ExtractionError> {
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        match symbol {
            b'*' => self.ignorable = self.at_group_start,
            b'~' => self.emit("\u{a0}")?,
            b'_' => self.emit("-")?,
            b'{' => self.emit("{")?,
            b'}' => self.emit("}")?,
            b'\\' => self.emit("\\")?,
            b'\t' => self.emit("\t")?,
            b'\n' | b'\r' if self.writes_body() => {
                self.out.paragraph(self.state.in_table, self.ctx)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn word(&mut self, name: &[u8], param: Option<i32>) -> Result<(), ExtractionError> {
        let ignorable = std::mem::take(&mut self.ignorable);
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        if self.state.destination == Destination::Skip {
            return Ok(());
        }
        if name == b"rtf" && self.stack.len() == 1 {
            self.in_rtf_group = true;
        }
        if name == b"u" {
            self.unicode(param.unwrap_or(0))?;
            self.skip = self.state.unicode_skip;
            return Ok(());
        }
        if self.destination_word(name, ignorable) {
            return Ok(());
        }
        self.property_word(name, param)
    }

    /// Handles a word that starts a destination; false when `name` is not one.
    fn destination_word(&mut self, name: &[u8], ignorable: bool) -> bool {
        let current = self.state.destination;
        let next = match (current, name) {
            (_, b"fonttbl") => Destination::FontTable,
            (_, b"info") => Destination::Info,
            (Destination::Body, b"annotation") => Destination::Annotation,
            (Destination::Info, _) if InfoField::from_word(name).is_some() => {
                InfoField::from_word(name).map_or(Destination::Skip, Destination::InfoText)
            }
            (Destination::Info, b"creatim") => Destination::InfoDate(InfoTime::Created),
            (Destination::Info, b"revtim") => Destination::InfoDate(InfoTime::Revised),
            (Destination::Body, b"upr") => Destination::UnicodePair(None),
            (Destination::InfoText(field), b"upr") => Destination::UnicodePair(Some(field)),
            (Destination::UnicodePair(target), b"ud") => {
                target.map_or(Destination::Body, Destination::InfoText)
            }
            (_, b"objdata") if self.object.is_some() => Destination::Object(ObjectPart::Data),
            (_, b"objclass") if self.object.is_some() => Destination::ObjectClass,
            (_, b"shppict" | b"nonshppict") if self.object.is_some() => Destination::ObjectPictures,
            (Destination::Body | Destination::ObjectPictures, b"pict")
                if self.object.as_ref().is_some_and(|o| o.picture.is_empty()) =>
            {
                Destination::Object(ObjectPart::Picture)
            }
            (_, name) if is_skipped_destination(name) => Destination::Skip,
            // \* marks a destination a reader may ignore when it does not know it.
            _ if ignorable => Destination::Skip,
            // Other words of the info group (\printim, \version, \nofpages...) carry no text.
            (Destination::Info, _) => Destination::Info,
            _ => return false,
        };
        self.state.destination = next;
        true
    }

    fn property_word(&mut self, name: &[u8], param: Option<i32>) -> Result<(), ExtractionError> {
        match self.state.destination {
            Destination::FontTable => {
                self.font_table_word(name, param);
                return Ok(());
            }
            Destination::InfoDate(which) => {
                let date = match which {
                    InfoTime::Created => &mut self.out.created,
                    InfoTime::Revised => &mut self.out.revised,
                };
                date.set(name, param.unwrap_or(0));
                return Ok(());
            }
            _ => {}
        }
        let on = param != Some(0);
        match name {
            b"par" | b"sect" | b"page" if self.writes_body() => {
                self.out.paragraph(self.state.in_table, self.ctx)?;
            }
            b"par" | b"line" if self.state.destination == Destination::Annotation => {
                self.out.note_text("\n");
            }
            b"line" if self.writes_body() => self.out.line_break(self.state.in_table),
            b"cell" | b"nestcell" if self.writes_body() => {
                if self.state.in_table {
                    self.out.end_cell(self.ctx)?;
                } else {
                    // A cell outside a table row (a writer that left out \intbl): keep the
                    // cells apart.
                    self.out.text("\t", false, self.ctx)?;
                }
            }
            b"row" | b"nestrow" if self.writes_body() => {
                if self.state.in_table || self.out.in_table_row() {
                    self.out.end_row();
                } else {
                    self.out.paragraph(false, self.ctx)?;
                }
            }
            b"object" if self.writes_body() && self.object.is_none() => {
                self.object = Some(PendingObject::new(self.stack.len()));
            }
            b"intbl" => self.state.in_table = on,
            b"pard" => self.state.in_table = false,
            b"v" => self.state.hidden = on,
            b"plain" => {
                self.state.hidden = false;
                self.state.font = None;
            }
            b"uc" => {
                self.state.unicode_skip = param.and_then(|p| u32::try_from(p).ok()).unwrap_or(1)
            }
            b"f" => self.state.font = param,
            b"deff" => self.default_font = param,
            b"ansicpg" => {
                if let Some(encoding) = param.and_then(charset::code_page) {
                    self.code_page = encoding;
                }
            }
            b"mac" => self.code_page = encoding_rs::MACINTOSH,
            b"pc" | b"pca" => self.code_page = encoding_rs::WINDOWS_1252,
            _ => {
                if let Some(text) = special_character(name) {
                    self.emit(text)?;
                }
            }
        }
        Ok(())
    }

    /// A word inside the font table: `\fN` starts an entry, `\fcharsetN` or `\cpgN` sets its
    /// code page.
    fn font_table_word(&mut self, name: &[u8], param: Option<i32>) {
        match (name, param) {
            (b"f", Some(font)) => self.defining_font = font,
            (b"fcharset", Some(charset)) => {
                let encoding = charset::charset_code_page(charset).and_then(charset::code_page);
                self.fonts.insert(self.defining_font, encoding);
            }
            (b"cpg", Some(page)) => {
                if let Some(encoding) = charset::code_page(page) {
                    self.fonts.insert(self.defining_font, Some(encoding));
                }
            }
            _ => {}
        }
    }

    /// `\uN`: a UTF-16 code unit as a signed 16-bit number; pairs of surrogates are joined.
    fn unicode(&mut self, value: i32) -> Result<(), ExtractionError> {
        let unit = if value < 0 { value + 65_536 } else { value };
        let Ok(unit) = u16::try_from(unit) else {
            return Ok(());
        };
        if (0xD800..0xDC00).contains(&unit) {
            self.high_surrogate = Some(unit);
            return Ok(());
        }
        let high = self.high_surrogate.take();
        let decoded = match high {
            Some(high) if (0xDC00..0xE000).contains(&unit) => {
                char::decode_utf16([high, unit]).next().and_then(Result::ok)
            }
            _ => char::from_u32(u32::from(unit)),
        };
        match decoded {
            Some(c) if c != '\0' => {
                let mut buffer = [0; 4];
                self.emit(c.encode_utf8(&mut buffer))
            }
            _ => Ok(()),
        }
    }
}

/// Whether `text` holds C0 control bytes other than tab and line breaks.
fn has_control_bytes(text: &[u8]) -> bool {
    text.iter()
        .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n'))
}

/// Extracts an RTF document.
pub fn extract(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    Reader::new(ctx).read(bytes)
}

#[cfg(test)]
mod tests;
