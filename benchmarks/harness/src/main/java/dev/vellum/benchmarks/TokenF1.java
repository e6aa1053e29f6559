package dev.vellum.benchmarks;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Token F1 between two texts: each is a bag of words after NFKC normalisation and lower-casing,
 * split on every character that is not a letter or a digit. Precision is the share of the first
 * text's tokens found in the second (counting repeats), recall the share of the second's found in
 * the first. Two empty texts agree (1.0); one empty text against a non-empty one scores 0.
 */
final class TokenF1 {
  private TokenF1() {}

  /** The bag of tokens of a text. */
  static Map<String, Integer> tokens(String text) {
    Map<String, Integer> bag = new HashMap<>();
    if (text == null) {
      return bag;
    }
    String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder token = new StringBuilder();
    for (int i = 0; i < normal.length(); ) {
      int codePoint = normal.codePointAt(i);
      i += Character.charCount(codePoint);
      if (Character.isLetterOrDigit(codePoint)) {
        token.appendCodePoint(codePoint);
      } else if (token.length() > 0) {
        bag.merge(token.toString(), 1, Integer::sum);
        token.setLength(0);
      }
    }
    if (token.length() > 0) {
      bag.merge(token.toString(), 1, Integer::sum);
    }
    return bag;
  }

  /** A text is garbled when more than this share of its characters are garbage. */
  static final double GARBLED = 0.20;

  /**
   * The share of a text's non-blank characters that are garbage: private-use code points (what a
   * font without a Unicode mapping often yields), U+FFFD replacement characters, and control
   * characters other than the white space ones (tab, line feed, carriage return, form feed). 0 for
   * a text without non-blank characters.
   */
  static double garbageShare(String text) {
    long all = 0;
    long garbage = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
        continue;
      }
      all++;
      int type = Character.getType(codePoint);
      if (type == Character.PRIVATE_USE || type == Character.CONTROL || codePoint == 0xFFFD) {
        garbage++;
      }
    }
    return all == 0 ? 0.0 : (double) garbage / all;
  }

  /** Whether more than {@link #GARBLED} of a text's characters are garbage. */
  static boolean garbled(String text) {
    return garbageShare(text) > GARBLED;
  }

  /** The most frequent English function words: their share of a text's tokens tells English. */
  private static final java.util.Set<String> ENGLISH_STOP_WORDS =
      java.util.Set.of(
          "the", "and", "of", "to", "in", "is", "for", "that", "with", "on", "as", "are", "be",
          "this", "by", "it", "or", "was", "from", "at", "an", "not", "which", "have", "we");

  /**
   * Whether a text reads as English: at least 20 tokens, of which at least 8% are common English
   * function words (running English text has 25–40%; other languages and OCR garbage have few).
   */
  static boolean english(String text) {
    Map<String, Integer> bag = tokens(text);
    long all = 0;
    long stop = 0;
    for (Map.Entry<String, Integer> entry : bag.entrySet()) {
      all += entry.getValue();
      if (ENGLISH_STOP_WORDS.contains(entry.getKey())) {
        stop += entry.getValue();
      }
    }
    return all >= 20 && stop >= 0.08 * all;
  }

  /** Files whose reference has at least this many tokens count as large. */
  static final int LARGE = 50;

  /** Tokens of a pair: the candidate's, the reference's, and those they share (with repeats). */
  record Counts(long candidate, long reference, long common) {}

  /** The token counts of two texts. */
  static Counts counts(String candidate, String reference) {
    Map<String, Integer> a = tokens(candidate);
    Map<String, Integer> b = tokens(reference);
    long common = 0;
    for (Map.Entry<String, Integer> entry : a.entrySet()) {
      common += Math.min(entry.getValue(), b.getOrDefault(entry.getKey(), 0));
    }
    return new Counts(
        a.values().stream().mapToLong(Integer::longValue).sum(),
        b.values().stream().mapToLong(Integer::longValue).sum(),
        common);
  }

  /** F1 from summed counts (micro-averaged over all tokens): 1 when both sides are empty. */
  static double micro(long candidate, long reference, long common) {
    if (candidate == 0 && reference == 0) {
      return 1.0;
    }
    if (common == 0) {
      return 0.0;
    }
    double precision = (double) common / candidate;
    double recall = (double) common / reference;
    return 2 * precision * recall / (precision + recall);
  }

  /** The token F1 of two texts, in [0, 1]. */
  static double f1(String candidate, String reference) {
    Map<String, Integer> a = tokens(candidate);
    Map<String, Integer> b = tokens(reference);
    long sizeA = a.values().stream().mapToLong(Integer::longValue).sum();
    long sizeB = b.values().stream().mapToLong(Integer::longValue).sum();
    if (sizeA == 0 && sizeB == 0) {
      return 1.0;
    }
    if (sizeA == 0 || sizeB == 0) {
      return 0.0;
    }
    long common = 0;
    for (Map.Entry<String, Integer> entry : a.entrySet()) {
      common += Math.min(entry.getValue(), b.getOrDefault(entry.getKey(), 0));
    }
    if (common == 0) {
      return 0.0;
    }
    double precision = (double) common / sizeA;
    double recall = (double) common / sizeB;
    return 2 * precision * recall / (precision + recall);
  }
}
