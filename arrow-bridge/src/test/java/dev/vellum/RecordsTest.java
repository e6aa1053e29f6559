package dev.vellum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsTest {

  @Test
  void aDocumentCopiesItsListsAndTreatsNullListsAsEmpty() {
    List<Page> pages = new ArrayList<>(List.of(new Page(1, "one")));
    List<String> languages = new ArrayList<>(List.of("en"));
    ExtractedDocument doc =
        new ExtractedDocument("p", null, 1, null, "c", null, pages, null, null, languages, null);
    pages.add(new Page(2, "two"));
    languages.clear();
    assertEquals(List.of(new Page(1, "one")), doc.pages());
    assertEquals(List.of("en"), doc.languages());
    assertEquals(List.of(), doc.tables());
    assertEquals(List.of(), doc.chunks());
    assertThrows(UnsupportedOperationException.class, () -> doc.pages().add(new Page(3, "")));
    assertThrows(
        NullPointerException.class,
        () -> new ExtractedDocument(null, null, 0, null, null, null, null, null, null, null, null));
  }

  @Test
  void withMethodsReplaceOneFieldAndKeepTheRest() {
    ExtractedDocument doc =
        new ExtractedDocument(
            "p", null, 1, "text/plain", "c", null, null, null, null, List.of("en"), null);
    assertFalse(doc.failed());
    ExtractedDocument changed = doc.withContent("d").withMetadata(Metadata.empty());
    assertEquals("d", changed.content());
    assertEquals(Metadata.empty(), changed.metadata());
    assertEquals(List.of("en"), changed.languages());
    ExtractedDocument failed = changed.withError(new ExtractionError(ErrorKind.IO, "gone"));
    assertTrue(failed.failed());
    assertEquals("d", failed.content());
    assertNull(failed.withError(null).error());
  }

  @Test
  void metadataCopiesItsListsAndMap() {
    List<String> authors = new ArrayList<>(List.of("a"));
    Map<String, String> extra = new HashMap<>(Map.of("k", "v"));
    Metadata metadata =
        new Metadata(null, authors, null, null, null, null, null, null, null, null, null, extra);
    authors.add("b");
    extra.put("x", "y");
    assertEquals(List.of("a"), metadata.authors());
    assertEquals(List.of(), metadata.keywords());
    assertEquals(Map.of("k", "v"), metadata.extra());
    Metadata empty = Metadata.empty();
    assertNull(empty.title());
    assertEquals(Map.of(), empty.extra());
    assertEquals(
        empty,
        new Metadata(null, null, null, null, null, null, null, null, null, null, null, null));
  }

  @Test
  void aTableCopiesEveryRow() {
    List<String> row = new ArrayList<>(List.of("a"));
    List<List<String>> cells = new ArrayList<>();
    cells.add(row);
    Table table = new Table(null, cells, "| a |");
    row.add("b");
    cells.add(List.of("c"));
    assertEquals(List.of(List.of("a")), table.cells());
    assertThrows(UnsupportedOperationException.class, () -> table.cells().get(0).add("z"));
    assertThrows(NullPointerException.class, () -> new Table(1, List.of(), null));
  }

  @Test
  void pagesChunksAndErrorsRequireTheirText() {
    assertThrows(NullPointerException.class, () -> new Page(1, null));
    assertThrows(NullPointerException.class, () -> new Chunk(0, null, 0, 0, null));
    assertThrows(NullPointerException.class, () -> new ExtractionError(null, "m"));
    assertThrows(NullPointerException.class, () -> new ExtractionError(ErrorKind.IO, null));
    assertEquals(3, new Chunk(0, "abc", 0, 3, null).charEnd());
  }

  @Test
  void errorKindCodesAreTheOutputVocabulary() {
    List<String> codes = new ArrayList<>();
    for (ErrorKind kind : ErrorKind.values()) {
      codes.add(kind.code());
      assertSame(kind, ErrorKind.fromCode(kind.code()));
    }
    assertEquals(
        List.of(
            "parse",
            "unsupported",
            "limit",
            "timeout",
            "encrypted",
            "io",
            "validation",
            "ocr_unavailable",
            "internal"),
        codes);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ErrorKind.fromCode("PARSE"));
    assertTrue(e.getMessage().contains("'PARSE'"), e.getMessage());
  }

  @Test
  void optionValuesAreLowerCase() {
    assertEquals("markdown", OutputFormat.MARKDOWN.optionValue());
    assertEquals("plain", OutputFormat.PLAIN.optionValue());
    assertEquals("force", OcrMode.FORCE.optionValue());
    assertEquals("off", OcrMode.OFF.optionValue());
  }

  @Test
  void validationResultsAreAcceptedOrRejectedWithAReason() {
    assertInstanceOf(ValidationResult.Accepted.class, ValidationResult.accept());
    ValidationResult rejected = ValidationResult.reject("too short");
    assertEquals(new ValidationResult.Rejected("too short"), rejected);
    assertThrows(NullPointerException.class, () -> ValidationResult.reject(null));
  }

  @Test
  void aPartitionContextCopiesItsOptions() {
    Map<String, String> options = new HashMap<>(Map.of("ocr", "off"));
    PartitionContext context = new PartitionContext(1, 2, options);
    options.put("x", "y");
    assertEquals(Map.of("ocr", "off"), context.options());
  }

  @Test
  void everyExceptionKeepsItsMessageAndCause() {
    Throwable cause = new IllegalStateException("root");
    List<VellumException> exceptions =
        List.of(
            new VellumException("m"),
            new VellumException("m", cause),
            new VellumConfigException("m"),
            new VellumConfigException("m", cause),
            new VellumArrowException("m"),
            new VellumArrowException("m", cause),
            new VellumNativeException("m"),
            new VellumNativeException("m", cause),
            new NativeLoadException("m"),
            new NativeLoadException("m", cause));
    for (int i = 0; i < exceptions.size(); i++) {
      assertEquals("m", exceptions.get(i).getMessage());
      assertSame(i % 2 == 0 ? null : cause, exceptions.get(i).getCause());
    }
  }
}
