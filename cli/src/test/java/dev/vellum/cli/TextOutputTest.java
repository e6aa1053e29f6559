package dev.vellum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.ErrorKind;
import dev.vellum.ExtractedDocument;
import dev.vellum.ExtractionError;
import org.junit.jupiter.api.Test;

class TextOutputTest {
  private static ExtractedDocument doc(String mime, String content, ExtractionError error) {
    return new ExtractedDocument(
        "a.txt", null, 1, mime, content, null, null, null, null, null, error);
  }

  @Test
  void contentFollowsTheHeaderAndEndsWithABlankLine() {
    assertEquals(
        "==> a.txt (text/plain) <==\nhi\n\n", TextOutput.format(doc("text/plain", "hi", null)));
    assertEquals(
        "==> a.txt (text/plain) <==\nhi\n\n", TextOutput.format(doc("text/plain", "hi\n", null)));
  }

  @Test
  void anErrorIsNamedInTheHeaderAndEmptyContentIsLeftOut() {
    ExtractionError error = new ExtractionError(ErrorKind.IO, "cannot read a.txt: no such file");
    assertEquals(
        "==> a.txt error io: cannot read a.txt: no such file <==\n\n",
        TextOutput.format(doc(null, null, error)));
    assertEquals("==> a.txt (text/plain) <==\n\n", TextOutput.format(doc("text/plain", "", null)));
  }
}
