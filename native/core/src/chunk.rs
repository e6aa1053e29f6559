//! Chunking of `content` for retrieval: pieces of at most `chunkSize` characters (Unicode scalar
//! values) that overlap by `chunkOverlap`, cut at a paragraph break, else a sentence end, else
//! whitespace, when one lies in the second half of the window. Offsets count characters.

use crate::document::{Chunk, ExtractionError};
use crate::limits::Context;

/// Where a cut after `c` (followed by `next`) is good: higher is better.
fn break_quality(c: char, next: Option<char>) -> u8 {
    if c == '\n' && next == Some('\n') {
        3
    } else if c == '\n'
        || matches!(c, '.' | '!' | '?' | '。' | '！' | '？') && next.is_none_or(char::is_whitespace)
    {
        2
    } else if c.is_whitespace() {
        1
    } else {
        0
    }
}

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Splits `content` into chunks. `page_starts` holds the character offset where each page
/// begins (page 1 first); a chunk's page is the one its start lies in. Works on the string in
/// place: memory beyond the chunks themselves stays constant.
pub fn chunk(
    content: &str,
    size: usize,
    overlap: usize,
    page_starts: &[usize],
    ctx: &Context<'_>,
) -> Result<Vec<Chunk>, ExtractionError> {
    let mut chunks = Vec::new();
    if size == 0 {
        return Ok(chunks);
    }
    let overlap = overlap.min(size.saturating_sub(1));
    // The current chunk's start, as a byte offset and a character offset.
    let (mut start, mut start_char) = (0usize, 0usize);
    while start < content.len() {
        ctx.deadline.check(ctx.path)?;
        // Chunks do not start with whitespace.
        for c in content[start..].chars() {
            if !c.is_whitespace() {
                break;
            }
            start += c.len_utf8();
            start_char += 1;
        }
        if start >= content.len() {
            break;
        }
        // Walk at most `size` characters, remembering the best cut in the window's second half.
        let rest = &content[start..];
        let mut chars = rest.char_indices().peekable();
        let (mut taken, mut end) = (0usize, rest.len());
        let mut best: (u8, usize, usize) = (0, 0, 0);
        let mut complete = true;
        while let Some((at, c)) = chars.next() {
            if taken == size {
                complete = false;
                end = at;
                break;
            }
            taken += 1;
            if taken > size / 2 {
                let quality = break_quality(c, chars.peek().map(|&(_, n)| n));
                if quality > 0 && quality >= best.0 {
                    best = (quality, at + c.len_utf8(), taken);
                }
            }
        }
        let end_char = if !complete && best.0 > 0 {
            end = best.1;
            best.2
        } else {
            taken
        };
        let text = rest[..end].trim_end();
        let text_chars = end_char - rest[text.len()..end].chars().count();
        let page = page_starts
            .iter()
            .rposition(|&p| p <= start_char)
            .map(|i| to_i32(i + 1));
        chunks.push(Chunk {
            index: to_i32(chunks.len()),
            content: text.to_owned(),
            char_start: to_i32(start_char),
            char_end: to_i32(start_char + text_chars),
            page,
        });
        if complete {
            break;
        }
        // Step back `overlap` characters, to a word boundary when one is near.
        let mut next = start + end;
        let mut next_char = start_char + end_char;
        if overlap > 0 {
            let window = &rest[..end];
            let back: Vec<(usize, char)> = window.char_indices().rev().take(overlap).collect();
            if let Some(&(at, _)) = back.last() {
                next = start + at;
                next_char -= back.len();
                let starts_mid_word = window[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| !c.is_whitespace());
                if starts_mid_word {
                    if let Some(skip) = back.iter().rev().position(|&(_, c)| c.is_whitespace()) {
                        let (at, _) = back[back.len() - 1 - skip];
                        next = start + at;
                        next_char += skip;
                    }
                }
            }
        }
        if next_char <= start_char {
            // Always make progress.
            next = start + rest.chars().next().map_or(1, char::len_utf8);
            next_char = start_char + 1;
        }
        start = next;
        start_char = next_char;
    }
    Ok(chunks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ExtractionConfig;

    fn run(content: &str, size: usize, overlap: usize) -> Vec<Chunk> {
        let config = ExtractionConfig::default();
        let ctx = Context::new("t", &config);
        chunk(content, size, overlap, &[0], &ctx).unwrap()
    }

    #[test]
    fn chunks_break_at_paragraphs_then_sentences_then_words() {
        let text = "First para.\n\nSecond one here. And more words follow";
        let chunks = run(text, 20, 0);
        assert_eq!(chunks[0].content, "First para.");
        assert_eq!(chunks[1].content, "Second one here.");
        assert_eq!(chunks[2].content, "And more words");
        assert_eq!(chunks[3].content, "follow");
        for c in &chunks {
            let expected: String = text
                .chars()
                .skip(c.char_start as usize)
                .take((c.char_end - c.char_start) as usize)
                .collect();
            assert_eq!(c.content, expected);
            assert_eq!(c.page, Some(1));
        }
    }

    #[test]
    fn offsets_count_characters_and_overlap_repeats_text() {
        let text = "ééé ééé ééé ééé ééé";
        let chunks = run(text, 8, 4);
        assert_eq!(chunks[0].content, "ééé ééé");
        assert_eq!((chunks[0].char_start, chunks[0].char_end), (0, 7));
        assert!(chunks[1].char_start < chunks[0].char_end);
        assert_eq!(chunks.last().map(|c| c.char_end), Some(19));
    }

    #[test]
    fn text_without_breaks_is_cut_at_the_size() {
        let chunks = run(&"x".repeat(25), 10, 0);
        let sizes: Vec<i32> = chunks.iter().map(|c| c.char_end - c.char_start).collect();
        assert_eq!(sizes, [10, 10, 5]);
        assert!(run("", 10, 0).is_empty());
    }

    #[test]
    fn every_chunk_is_the_exact_character_slice_it_claims_for_many_sizes() {
        let words = [
            "αβγ",
            "word",
            "日本語",
            "x",
            "longerword",
            ".",
            "\n",
            "\n\n",
            "!",
            "é",
        ];
        let mut seed = 7u32;
        let mut text = String::new();
        for _ in 0..3_000 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            text.push_str(words[(seed >> 16) as usize % words.len()]);
            text.push(' ');
        }
        let chars: Vec<char> = text.chars().collect();
        for (size, overlap) in [(1, 0), (7, 3), (50, 0), (64, 32), (500, 499), (100_000, 10)] {
            let chunks = run(&text, size, overlap);
            let mut last_start = -1;
            for chunk in &chunks {
                let (start, end) = (chunk.char_start as usize, chunk.char_end as usize);
                assert!(end - start <= size && chunk.char_start > last_start);
                let slice: String = chars[start..end].iter().collect();
                assert_eq!(chunk.content, slice, "size {size} overlap {overlap}");
                last_start = chunk.char_start;
            }
            let last = chunks.last().map_or(0, |c| c.char_end as usize);
            assert_eq!(last, text.trim_end().chars().count(), "size {size}");
        }
    }
}
