package dev.vellum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void nullIsTheJsonLiteral() {
    assertEquals("null", Json.quote(null));
  }

  @Test
  void quotesBackslashesAndControlCharactersAreEscaped() {
    assertEquals("\"a\\\"b\\\\c\"", Json.quote("a\"b\\c"));
    assertEquals("\"\\n\\r\\t\\b\\f\"", Json.quote("\n\r\t\b\f"));
    assertEquals("\"\\u0001\\u001f\"", Json.quote("\u0001\u001f"));
    assertEquals("\"\\u2028\\u2029\"", Json.quote("\u2028\u2029"));
  }

  @Test
  void otherCharactersPassThrough() {
    assertEquals("\"\"", Json.quote(""));
    assertEquals("\"\u00e9t\u00e9 \uD83D\uDE00 /\"", Json.quote("\u00e9t\u00e9 \uD83D\uDE00 /"));
  }

  @Test
  void arraysAreCommaSeparatedQuotedStrings() {
    assertEquals("[]", Json.array(List.of()));
    assertEquals("[\"a\"]", Json.array(List.of("a")));
    assertEquals("[\"a\",\"b\\\"\"]", Json.array(List.of("a", "b\"")));
  }
}
