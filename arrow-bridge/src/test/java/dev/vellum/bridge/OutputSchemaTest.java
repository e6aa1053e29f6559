package dev.vellum.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputSchemaTest {

  @Test
  void theColumnsAreTheDesignsInItsOrder() {
    assertEquals(
        List.of(
            "path",
            "modification_time",
            "length",
            "mime_type",
            "content",
            "metadata",
            "pages",
            "tables",
            "chunks",
            "languages",
            "error"),
        OutputSchema.COLUMNS);
    assertEquals(OutputSchema.FIELDS, OutputSchema.schema().getFields());
  }

  @Test
  void aSchemaOfSomeColumnsKeepsTheOrderAsked() {
    assertEquals(
        List.of(OutputSchema.field("error"), OutputSchema.field("path")),
        OutputSchema.schema(List.of("error", "path")).getFields());
  }

  @Test
  void anUnknownColumnIsNamedWithTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OutputSchema.field("text"));
    assertTrue(e.getMessage().contains("'text'"), e.getMessage());
    assertTrue(e.getMessage().contains("mime_type"), e.getMessage());
  }

  @Test
  void onlyTheListingColumnsNeedNoContent() {
    for (String column : OutputSchema.COLUMNS) {
      boolean listing = List.of("path", "modification_time", "length").contains(column);
      assertEquals(!listing, OutputSchema.needsContent(column), column);
    }
    assertFalse(OutputSchema.needsContent("path"));
  }
}
