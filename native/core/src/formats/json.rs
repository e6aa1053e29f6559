//! JSON (RFC 8259) and NDJSON. Our own bounded parser: iterative with an explicit stack (no
//! recursion to overflow), strict where the RFC is strict, and lenient where it leaves the choice
//! to the implementation (invalid UTF-8 and lone surrogates in strings are decoded lossily, numbers
//! of any size are kept as written). The text output lists the document's values as readable
//! lines: `key: value` in objects, one value a line in arrays, `key:` before a nested container.

use std::borrow::Cow;

use crate::document::ExtractionError;
use crate::formats::Extracted;
use crate::limits::{line_column, Context};

/// Why parsing stopped.
enum Failure {
    /// The bytes are not JSON: a message and the byte offset where it was noticed.
    Syntax(usize, &'static str),
    /// A limit or the deadline, already a complete error.
    Abort(ExtractionError),
}

type Parsed<T> = Result<T, Failure>;

#[derive(Debug)]
enum Container {
    Object,
    Array,
}

struct Parser<'a, 'c> {
    bytes: &'a [u8],
    pos: usize,
    ctx: &'c Context<'c>,
    out: &'c mut String,
    /// Top-level values read so far.
    records: u64,
}

impl<'a, 'c> Parser<'a, 'c> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn fail<T>(&self, message: &'static str) -> Parsed<T> {
        Err(Failure::Syntax(self.pos, message))
    }

    fn expect(&mut self, byte: u8, message: &'static str) -> Parsed<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            self.fail(message)
        }
    }

    fn write_line(&mut self, label: Option<&str>, value: &str) {
        if let Some(label) = label {
            self.out.push_str(label);
            self.out.push_str(if value.is_empty() { ":" } else { ": " });
        }
        self.out.push_str(value);
        self.out.push('\n');
    }

    /// Parses the whole input as one JSON text.
    fn parse_document(&mut self) -> Parsed<()> {
        let mut stack: Vec<(Container, Option<String>)> = Vec::new();
        // The label of the value about to be parsed: its key, or its array's label.
        let mut label: Option<String> = None;
        self.skip_whitespace();
        if self.peek().is_none() {
            return self.fail("the document is empty: expected a JSON value");
        }
        'value: loop {
            self.ctx.tick().map_err(Failure::Abort)?;
            self.skip_whitespace();
            match self.peek() {
                Some(open @ (b'{' | b'[')) => {
                    self.pos += 1;
                    if stack.len() >= self.ctx.limits.max_depth {
                        let what = "arrays and objects";
                        return Err(Failure::Abort(
                            self.ctx.limits.depth_error(self.ctx.path, what),
                        ));
                    }
                    if let Some(label) = label.as_deref() {
                        self.write_line(Some(label), "");
                    }
                    self.skip_whitespace();
                    let close = if open == b'{' { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                    } else if open == b'{' {
                        stack.push((Container::Object, label.take()));
                        label = Some(self.parse_key()?);
                        continue 'value;
                    } else {
                        stack.push((Container::Array, None));
                        label = None;
                        continue 'value;
                    }
                }
                Some(b'"') => {
                    let mut value = String::new();
                    self.parse_string(&mut value)?;
                    self.write_line(label.as_deref(), &value);
                }
                Some(b'-' | b'0'..=b'9') => {
                    let start = self.pos;
                    self.parse_number()?;
                    let number = String::from_utf8_lossy(&self.bytes[start..self.pos]);
                    self.write_line(label.as_deref(), &number);
                }
                Some(b't') => self.literal(b"true", label.as_deref())?,
                Some(b'f') => self.literal(b"false", label.as_deref())?,
                Some(b'n') => self.literal(b"null", None)?,
                Some(_) => {
                    return self.fail(
                        "expected a value (object, array, string, number, true, false or null)",
                    )
                }
                None => return self.fail("unexpected end of the document: expected a value"),
            }
            // After a complete value: close containers, or move to the next member.
            loop {
                let end_of_value = self.pos;
                self.skip_whitespace();
                match stack.last() {
                    None => {
                        // A stream of values, each starting on a new line (as `jq` and Tika
                        // read them), continues; anything else after the value is an error.
                        let newline = self.bytes[end_of_value..self.pos].contains(&b'\n');
                        return match self.peek() {
                            None => Ok(()),
                            Some(b'{' | b'[') if newline => {
                                self.out.push('\n');
                                self.records += 1;
                                label = None;
                                continue 'value;
                            }
                            Some(_) => self.fail("unexpected data after the JSON value"),
                        };
                    }
                    Some((Container::Object, _)) => match self.peek() {
                        Some(b',') => {
                            self.pos += 1;
                            label = Some(self.parse_key()?);
                            continue 'value;
                        }
                        Some(b'}') => {
                            self.pos += 1;
                            stack.pop();
                        }
                        _ => return self.fail("expected ',' or '}'"),
                    },
                    Some((Container::Array, _)) => match self.peek() {
                        Some(b',') => {
                            self.pos += 1;
                            label = None;
                            continue 'value;
                        }
                        Some(b']') => {
                            self.pos += 1;
                            stack.pop();
                        }
                        _ => return self.fail("expected ',' or ']'"),
                    },
                }
            }
        }
    }

    /// `"key"` then `:`.
    fn parse_key(&mut self) -> Parsed<String> {
        self.skip_whitespace();
        if self.peek() != Some(b'"') {
            return self.fail("expected a member name in double quotes");
        }
        let mut key = String::new();
        self.parse_string(&mut key)?;
        self.skip_whitespace();
        self.expect(b':', "expected ':' after the member name")?;
        Ok(key)
    }

    fn literal(&mut self, word: &'static [u8], label: Option<&str>) -> Parsed<()> {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            if label.is_some() {
                // Booleans are worth a line only next to their key.
                let text = if word == b"true" { "true" } else { "false" };
                self.write_line(label, text);
            }
            Ok(())
        } else {
            self.fail("invalid literal (expected true, false or null)")
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn parse_number(&mut self) -> Parsed<()> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.fail("expected a digit in the number"),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return self.fail("expected a digit after the decimal point");
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.fail("expected a digit in the exponent");
            }
        }
        Ok(())
    }

    fn hex4(&mut self) -> Parsed<u32> {
        let Some(hex) = self.bytes.get(self.pos..self.pos + 4) else {
            return self.fail("expected four hex digits after \\u");
        };
        let mut value = 0;
        for &b in hex {
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return self.fail("expected four hex digits after \\u"),
            };
            value = value * 16 + u32::from(digit);
        }
        self.pos += 4;
        Ok(value)
    }

    /// A string starting at the opening quote, appended to `into` (lossily for bad UTF-8).
    fn parse_string(&mut self, into: &mut String) -> Parsed<()> {
        self.pos += 1;
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            if self.pos > start {
                into.push_str(&String::from_utf8_lossy(&self.bytes[start..self.pos]));
            }
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.parse_escape(into)?;
                }
                Some(_) => {
                    return self.fail("control character in a string (it must be escaped)");
                }
                None => return self.fail("unterminated string"),
            }
        }
    }

    fn parse_escape(&mut self, into: &mut String) -> Parsed<()> {
        let Some(b) = self.peek() else {
            return self.fail("unterminated string");
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                if (0xD800..0xDC00).contains(&unit) && self.bytes[self.pos..].starts_with(b"\\u") {
                    let save = self.pos;
                    self.pos += 2;
                    let low = self.hex4()?;
                    if (0xDC00..0xE000).contains(&low) {
                        let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        char::from_u32(code).unwrap_or('\u{FFFD}')
                    } else {
                        // A lone high surrogate: keep the next escape for the next round.
                        self.pos = save;
                        '\u{FFFD}'
                    }
                } else {
                    char::from_u32(unit).unwrap_or('\u{FFFD}')
                }
            }
            _ => {
                self.pos -= 1;
                return self.fail("invalid escape in a string");
            }
        };
        into.push(c);
        Ok(())
    }
}

/// Bytes as UTF-8: a UTF-16 BOM means the text is transcoded first; a UTF-8 BOM is dropped.
fn as_utf8(bytes: &[u8]) -> (Cow<'_, [u8]>, &'static str) {
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) if encoding == encoding_rs::UTF_8 => {
            (Cow::Borrowed(&bytes[bom_len..]), encoding.name())
        }
        Some((encoding, bom_len)) => {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            (Cow::Owned(text.into_owned().into_bytes()), encoding.name())
        }
        None => (Cow::Borrowed(bytes), "UTF-8"),
    }
}

/// Parses `bytes` into `out`; returns how many top-level values it held.
fn parse_into(bytes: &[u8], ctx: &Context<'_>, out: &mut String) -> Parsed<u64> {
    let mut parser = Parser {
        bytes,
        pos: 0,
        ctx,
        out,
        records: 1,
    };
    parser.parse_document()?;
    Ok(parser.records)
}

/// Extracts a JSON document.
pub fn extract(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let (bytes, encoding) = as_utf8(bytes);
    let mut out = String::with_capacity(bytes.len() / 2);
    match parse_into(&bytes, ctx, &mut out) {
        Ok(records) => {
            let mut extracted = Extracted::with_encoding(out, encoding);
            if records > 1 {
                let extra = &mut extracted.metadata.extra;
                extra.insert("records".to_owned(), records.to_string());
            }
            Ok(extracted)
        }
        Err(Failure::Abort(error)) => Err(error),
        Err(Failure::Syntax(offset, message)) => {
            let (line, column) = line_column(&bytes, offset);
            Err(ctx.parse_error(format_args!(
                "invalid JSON at line {line}, column {column}: {message}"
            )))
        }
    }
}

/// Extracts NDJSON (JSON Lines): one JSON text per line; blank lines are skipped. The records'
/// text is separated by blank lines.
pub fn extract_lines(bytes: &[u8], ctx: &Context<'_>) -> Result<Extracted, ExtractionError> {
    let (bytes, encoding) = as_utf8(bytes);
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut records = 0u64;
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(|b| matches!(b, b' ' | b'\t')) {
            continue;
        }
        if records > 0 {
            out.push('\n');
        }
        records += 1;
        match parse_into(line, ctx, &mut out) {
            Ok(_) => {}
            Err(Failure::Abort(error)) => return Err(error),
            Err(Failure::Syntax(offset, message)) => {
                let (_, column) = line_column(line, offset);
                return Err(ctx.parse_error(format_args!(
                    "invalid JSON at line {}, column {column}: {message}",
                    index + 1
                )));
            }
        }
    }
    let mut extracted = Extracted::with_encoding(out, encoding);
    extracted
        .metadata
        .extra
        .insert("records".to_owned(), records.to_string());
    Ok(extracted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;
    use crate::document::ErrorKind;

    fn run(json: &str) -> Result<String, ExtractionError> {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.json", &config);
        extract(json.as_bytes(), &ctx).map(|e| e.content)
    }

    fn error(json: &[u8]) -> String {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.json", &config);
        let error = extract(json, &ctx).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Parse, "{}", error.message);
        error.message
    }

    #[test]
    fn values_become_readable_lines() {
        let text = run(
            r#"{"title": "Report", "year": 2024, "ok": true, "none": null,
            "tags": ["a", "b"], "author": {"name": "Ann"}}"#,
        )
        .unwrap();
        assert_eq!(
            text,
            "title: Report\nyear: 2024\nok: true\ntags:\na\nb\nauthor:\nname: Ann\n"
        );
        assert_eq!(run("\"x\"").unwrap(), "x\n");
        assert_eq!(run(" [] ").unwrap(), "");
    }

    #[test]
    fn escapes_and_surrogates_are_decoded() {
        assert_eq!(
            run(r#"["a\"\\\/\b\f\n\r\t"]"#).unwrap(),
            "a\"\\/\u{8}\u{c}\n\r\t\n"
        );
        assert_eq!(run(r#"["\ud834\udd1e"]"#).unwrap(), "𝄞\n");
        assert_eq!(run(r#"["\ud800"]"#).unwrap(), "\u{FFFD}\n");
        assert_eq!(run(r#"["\ud800\u0041"]"#).unwrap(), "\u{FFFD}A\n");
        assert_eq!(run(r#"["\u0000"]"#).unwrap(), "\0\n");
    }

    #[test]
    fn implementation_defined_inputs_are_accepted() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.json", &config);
        assert_eq!(extract(b"[\"\xE9\"]", &ctx).unwrap().content, "\u{FFFD}\n");
        assert!(extract(b"\xEF\xBB\xBF{}", &ctx).is_ok());
        assert!(extract(b"\xFF\xFE[\x001\x00]\x00", &ctx).is_ok());
        assert!(run("[123e100000000, -1231231231231231231231231231231]").is_ok());
        assert!(run(&format!("{}{}", "[".repeat(500), "]".repeat(500))).is_ok());
        assert!(run(r#"[1E400, 1e-999999, -0, 0.0e0, "\uDFAA", "\uFFFF"]"#).is_ok());
    }

    #[test]
    fn invalid_documents_are_parse_errors_with_position() {
        assert!(error(b"[1,\n 2,]").contains("line 2, column 4"));
        for bad in [
            &b"[1,]"[..],
            b"{\"a\":1,}",
            b"[01]",
            b"[-]",
            b"[- 1]",
            b"[-1.0.]",
            b"[1.]",
            b"[1e]",
            b"[NaN]",
            b"[Infinity]",
            b"['x']",
            b"[\"a\0a\"]",
            b"[\"\\x\"]",
            b"[fals]",
            b"[nul]",
            b"]",
            b"[1]]",
            b"{9999E9999:1}",
            b"[\"x\"",
            b"",
            b"  ",
            b"[\xE2\x81\xA0]",
            b"[\"\\\\\\\"]",
            b"{\"a\" 1}",
            b"[1 2]",
            b"{\"a\":1 \"b\":2}",
            b"[.5]",
            b"[+1]",
            b"[\"\\u12\"]",
            b"\x00",
            b"[1,,2]",
            b"[\"a\",]",
            b"{\"a\":\"b\"}#",
            b"[1e+]",
            b"[0x1]",
            b"[1.2a]",
            b"[tru]",
            b"{\"a\"}",
            b"{:1}",
            b"[\n",
            b"[01.1]",
            b"[-01]",
            b"[1e1.5]",
            b"[\" \t \"]",
            b"[-Infinity]",
            b"[True]",
            b"{\"a\":1}}",
            b"[1]\x00",
            b"{'a':1}",
            b"[\"\\uD800\\u\"]",
            b"\xEF\xBB\xBF",
            b"[\"\\a\"]",
            b"/* c */ []",
            b"[] // c",
            b"[1]x",
            b"{,}",
            b"[,1]",
        ] {
            error(bad);
        }
    }

    #[test]
    fn values_on_separate_lines_are_a_stream_but_glued_values_are_not() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.json", &config);
        let stream = extract(b"{\"a\": 1}\n{\"a\": 2}\n", &ctx).unwrap();
        assert_eq!(stream.content, "a: 1\n\na: 2\n");
        assert_eq!(stream.metadata.extra["records"], "2");
        error(b"[][]");
        error(b"{}\n1");
        error(b"1\n2");
    }

    #[test]
    fn nesting_beyond_the_depth_limit_is_a_limit_error() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.json", &config);
        let deep = "[".repeat(ctx.limits.max_depth + 1);
        let error = extract(deep.as_bytes(), &ctx).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Limit);
    }

    #[test]
    fn ndjson_lines_are_parsed_one_by_one() {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t.ndjson", &config);
        let ok = extract_lines(b"{\"a\":1}\r\n\n{\"a\":2}\n", &ctx).unwrap();
        assert_eq!(ok.content, "a: 1\n\na: 2\n");
        assert_eq!(ok.metadata.extra["records"], "2");
        let bad = extract_lines(b"{\"a\":1}\n{\"a\":}\n", &ctx).unwrap_err();
        assert!(bad.message.contains("line 2, column 6"), "{}", bad.message);
    }
}
