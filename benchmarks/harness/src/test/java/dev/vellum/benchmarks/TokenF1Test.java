package dev.vellum.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenF1Test {
  @Test
  void tokensAreLowerCasedAndSplitOnEveryNonAlphanumeric() {
    assertEquals(
        Map.of("hello", 2, "world", 1, "42", 1), TokenF1.tokens("Hello, WORLD!\nhello-42"));
  }

  @Test
  void tokensAreNfkcNormalised() {
    // the ligature "ﬁ" is "fi" and the full-width "Ａ" is "a" after NFKC
    assertEquals(Map.of("fine", 1, "a1", 1), TokenF1.tokens("ﬁne Ａ１"));
  }

  @Test
  void nonLatinLettersAreKeptAsTokens() {
    assertEquals(Map.of("привет", 1, "мир", 1), TokenF1.tokens("Привет, мир"));
  }

  @Test
  void identicalTextsScoreOneWhateverTheirPunctuation() {
    assertEquals(1.0, TokenF1.f1("The quick, brown fox.", "the QUICK brown\tfox"));
  }

  @Test
  void f1CountsRepeatedTokensAsABag() {
    // candidate: a a b (3), reference: a b b c (4); common = min(2,1) + min(1,2) = 2
    double precision = 2.0 / 3;
    double recall = 2.0 / 4;
    assertEquals(
        2 * precision * recall / (precision + recall), TokenF1.f1("a a b", "a b b c"), 1e-12);
  }

  @Test
  void twoEmptyTextsAgreeAndOneEmptyTextScoresZero() {
    assertEquals(1.0, TokenF1.f1("", "  ...  "));
    assertEquals(0.0, TokenF1.f1("", "words"));
    assertEquals(0.0, TokenF1.f1(null, "words"));
  }

  @Test
  void disjointTextsScoreZero() {
    assertEquals(0.0, TokenF1.f1("alpha beta", "gamma delta"));
  }

  @Test
  void microF1SumsTheTokensOfAllFilesBeforeTakingF1() {
    TokenF1.Counts one = TokenF1.counts("a a b", "a b b c");
    assertEquals(new TokenF1.Counts(3, 4, 2), one);
    TokenF1.Counts two = TokenF1.counts("x y", "x y");
    long a = one.candidate() + two.candidate();
    long b = one.reference() + two.reference();
    long common = one.common() + two.common();
    double precision = 4.0 / 5;
    double recall = 4.0 / 6;
    assertEquals(2 * precision * recall / (precision + recall), TokenF1.micro(a, b, common), 1e-12);
    assertEquals(1.0, TokenF1.micro(0, 0, 0));
    assertEquals(0.0, TokenF1.micro(3, 0, 0));
  }

  @Test
  void garbageShareCountsPrivateUseReplacementAndControlCharactersAmongNonBlankOnes() {
    assertEquals(0.0, TokenF1.garbageShare("plain text\f\nnext page\t"));
    assertEquals(0.0, TokenF1.garbageShare(" \n"));
    assertEquals(0.5, TokenF1.garbageShare("ab\uE000\uFFFD"));
    assertEquals(0.25, TokenF1.garbageShare("a\u0001 b c"));
    assertEquals(1.0, TokenF1.garbageShare(new String(Character.toChars(0xF0000))));
    assertTrue(TokenF1.garbled("\uE001\uE002\uE003 word"));
    assertFalse(TokenF1.garbled("\uE001 words that read"));
  }

  @Test
  void englishIsToldByTheShareOfCommonFunctionWords() {
    assertTrue(
        TokenF1.english(
            "The results of the study are shown in the table, and the effect of the treatment is"
                + " clear for all of the patients that were in the trial."));
    assertFalse(
        TokenF1.english(
            "Die Ergebnisse der Studie sind in der Tabelle gezeigt und die Wirkung der Behandlung"
                + " ist für alle Patienten der Studie deutlich zu sehen gewesen."));
    assertFalse(TokenF1.english("the and of"));
  }
}
