//! The RTF tokenizer (RTF 1.9.1, "RTF Syntax"): groups, control words with their optional
//! numeric parameter, control symbols, `\'hh` escapes and runs of plain text bytes.

/// The longest control word name the specification allows (32 letters).
const MAX_WORD_LEN: usize = 32;
/// Parameters are signed 16-bit or 32-bit numbers; longer digit runs are clamped.
const MAX_PARAM_DIGITS: usize = 10;

/// One token of an RTF document. Text borrows the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    GroupStart,
    GroupEnd,
    /// A control word such as `\par` or `\u-10179`, its name in ASCII letters.
    Word {
        name: &'a [u8],
        param: Option<i32>,
    },
    /// A control symbol: a backslash and one non-letter, such as `\~` or `\*`.
    Symbol(u8),
    /// `\'hh`: one byte in the current code page.
    Hex(u8),
    /// A run of literal bytes (line breaks included; the reader drops them).
    Text(&'a [u8]),
}

/// Reads tokens from the bytes of an RTF document.
pub struct Lexer<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Lexer { bytes, pos: 0 }
    }

    /// Skips `count` bytes of binary data (after `\binN`), stopping at the end of the input.
    pub fn skip_binary(&mut self, count: usize) {
        self.pos = self.pos.saturating_add(count).min(self.bytes.len());
    }

    /// Takes `count` bytes of binary data (after `\binN`), fewer at the end of the input.
    pub fn take_binary(&mut self, count: usize) -> &'a [u8] {
        let start = self.pos;
        self.skip_binary(count);
        &self.bytes[start..self.pos]
    }

    /// The next token, or `None` at the end of the input.
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        let byte = *self.bytes.get(self.pos)?;
        match byte {
            b'{' => {
                self.pos += 1;
                Some(Token::GroupStart)
            }
            b'}' => {
                self.pos += 1;
                Some(Token::GroupEnd)
            }
            b'\\' => Some(self.control()),
            _ => {
                let start = self.pos;
                let len = self.bytes[start..]
                    .iter()
                    .position(|&b| matches!(b, b'{' | b'}' | b'\\'))
                    .unwrap_or(self.bytes.len() - start);
                self.pos = start + len;
                Some(Token::Text(&self.bytes[start..start + len]))
            }
        }
    }

    /// A token starting at a backslash.
    fn control(&mut self) -> Token<'a> {
        let start = self.pos + 1;
        let Some(&first) = self.bytes.get(start) else {
            self.pos = start;
            return Token::Text(b"");
        };
        if first.is_ascii_alphabetic() {
            return self.word(start);
        }
        if first == b'\'' {
            let hex = self.bytes.get(start + 1..start + 3);
            let value = hex.and_then(|h| {
                let text = std::str::from_utf8(h).ok()?;
                u8::from_str_radix(text, 16).ok()
            });
            return match value {
                Some(value) => {
                    self.pos = start + 3;
                    Token::Hex(value)
                }
                None => {
                    // A broken escape: drop the backslash and the quote, keep what follows.
                    self.pos = start + 1;
                    Token::Text(b"")
                }
            };
        }
        self.pos = start + 1;
        Token::Symbol(first)
    }

    /// A control word: letters, an optional signed number, an optional space delimiter.
    fn word(&mut self, start: usize) -> Token<'a> {
        let bytes = self.bytes;
        let letters = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let name_end = start + letters;
        let name = &bytes[start..start + letters.min(MAX_WORD_LEN)];
        let mut pos = name_end;
        let negative =
            bytes.get(pos) == Some(&b'-') && bytes.get(pos + 1).is_some_and(u8::is_ascii_digit);
        if negative {
            pos += 1;
        }
        let digits = bytes[pos..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let param = (digits > 0).then(|| {
            let value = bytes[pos..pos + digits]
                .iter()
                .take(MAX_PARAM_DIGITS)
                .fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0'));
            let value = if negative { -value } else { value };
            i32::try_from(value.clamp(i64::from(i32::MIN), i64::from(i32::MAX))).unwrap_or(0)
        });
        pos += digits;
        if bytes.get(pos) == Some(&b' ') {
            pos += 1;
        }
        self.pos = pos;
        Token::Word { name, param }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(input: &[u8]) -> Vec<Token<'_>> {
        let mut lexer = Lexer::new(input);
        std::iter::from_fn(|| lexer.next_token()).collect()
    }

    #[test]
    fn words_symbols_hex_and_text_are_told_apart() {
        assert_eq!(
            tokens(b"{\\rtf1\\u-10179 a\\'e9\\~b}"),
            vec![
                Token::GroupStart,
                Token::Word {
                    name: b"rtf",
                    param: Some(1)
                },
                Token::Word {
                    name: b"u",
                    param: Some(-10179)
                },
                Token::Text(b"a"),
                Token::Hex(0xe9),
                Token::Symbol(b'~'),
                Token::Text(b"b"),
                Token::GroupEnd,
            ]
        );
    }

    #[test]
    fn one_space_after_a_word_is_its_delimiter_and_huge_numbers_are_clamped() {
        assert_eq!(
            tokens(b"\\b  x\\fs99999999999999"),
            vec![
                Token::Word {
                    name: b"b",
                    param: None
                },
                Token::Text(b" x"),
                Token::Word {
                    name: b"fs",
                    param: Some(i32::MAX)
                },
            ]
        );
    }

    #[test]
    fn broken_escapes_and_a_trailing_backslash_do_not_fail() {
        assert_eq!(
            tokens(b"\\'zz\\"),
            vec![Token::Text(b""), Token::Text(b"zz"), Token::Text(b"")]
        );
    }

    #[test]
    fn binary_data_is_skipped_up_to_the_end() {
        let mut lexer = Lexer::new(b"\\bin3 {}}x");
        assert!(matches!(lexer.next_token(), Some(Token::Word { .. })));
        lexer.skip_binary(3);
        assert_eq!(lexer.next_token(), Some(Token::Text(b"x")));
        lexer.skip_binary(usize::MAX);
        assert_eq!(lexer.next_token(), None);
    }
}
