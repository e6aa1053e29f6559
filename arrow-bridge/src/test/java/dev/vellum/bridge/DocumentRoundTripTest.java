package dev.vellum.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.Chunk;
import dev.vellum.ExtractedDocument;
import dev.vellum.Metadata;
import dev.vellum.Page;
import dev.vellum.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class DocumentRoundTripTest {

  @Test
  void everyColumnSurvivesWriterAndReaderWithValuesNullsAndEmpties() {
    List<ExtractedDocument> documents = SampleDocuments.all();
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = DocumentWriter.write(documents, OutputSchema.COLUMNS, allocator)) {
      assertEquals(OutputSchema.schema(), root.getSchema());
      assertEquals(documents.size(), root.getRowCount());
      assertEquals(documents, DocumentReader.read(root));
    }
  }

  @Test
  void everyColumnSurvivesTheCDataInterface() {
    List<ExtractedDocument> documents = SampleDocuments.all();
    try (BufferAllocator allocator = new RootAllocator()) {
      assertEquals(documents, throughCData(allocator, documents, OutputSchema.COLUMNS));
    }
  }

  @Test
  void anEmptyBatchRoundTripsDirectlyAndThroughTheCDataInterface() {
    try (BufferAllocator allocator = new RootAllocator()) {
      try (VectorSchemaRoot root =
          DocumentWriter.write(List.of(), OutputSchema.COLUMNS, allocator)) {
        assertEquals(0, root.getRowCount());
        assertEquals(OutputSchema.schema(), root.getSchema());
        assertEquals(List.of(), DocumentReader.read(root));
      }
      assertEquals(List.of(), throughCData(allocator, List.of(), OutputSchema.COLUMNS));
    }
  }

  @Test
  void eachColumnAloneRoundTripsAndTheOthersReadAsEmpty() {
    List<ExtractedDocument> documents = SampleDocuments.all();
    try (BufferAllocator allocator = new RootAllocator()) {
      for (String column : OutputSchema.COLUMNS) {
        List<ExtractedDocument> expected = documents.stream().map(d -> only(column, d)).toList();
        try (VectorSchemaRoot root = DocumentWriter.write(documents, List.of(column), allocator)) {
          assertEquals(List.of(OutputSchema.field(column)), root.getSchema().getFields());
          assertEquals(expected, DocumentReader.read(root), column);
        }
        assertEquals(expected, throughCData(allocator, documents, List.of(column)), column);
      }
    }
  }

  @Test
  void columnsComeInTheOrderAsked() {
    List<String> columns = new ArrayList<>(OutputSchema.COLUMNS);
    Collections.reverse(columns);
    List<ExtractedDocument> documents = SampleDocuments.all();
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = DocumentWriter.write(documents, columns, allocator)) {
      assertEquals(OutputSchema.schema(columns), root.getSchema());
      assertEquals(documents, DocumentReader.read(root));
    }
  }

  @Test
  void aLargeBatchGrowsEveryBuffer() {
    List<ExtractedDocument> documents = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      List<Page> pages = new ArrayList<>();
      List<Chunk> chunks = new ArrayList<>();
      Map<String, String> extra = new HashMap<>();
      for (int p = 0; p < i % 7; p++) {
        pages.add(new Page(p + 1, "page " + p + " of document " + i));
        chunks.add(new Chunk(p, "chunk " + p, p * 10, p * 10 + 9, p % 2 == 0 ? null : p));
        extra.put("key" + p, "value " + i);
      }
      List<List<String>> cells = new ArrayList<>();
      for (int r = 0; r < i % 5; r++) {
        cells.add(List.of("r" + r, "x".repeat(i % 40)));
      }
      Metadata metadata =
          i % 3 == 0
              ? null
              : new Metadata(
                  "title " + i,
                  List.of("author " + i),
                  null,
                  List.of(),
                  null,
                  Instant.ofEpochSecond(i, i * 1000L),
                  null,
                  null,
                  null,
                  i,
                  i % 2 == 0,
                  extra);
      documents.add(
          new ExtractedDocument(
              "/docs/" + i,
              i % 4 == 0 ? null : Instant.ofEpochSecond(1_700_000_000L + i),
              i,
              "text/plain",
              i % 5 == 0 ? null : "content ".repeat(i % 50),
              metadata,
              pages,
              List.of(new Table(i, cells, "t" + i)),
              chunks,
              List.of("en"),
              null));
    }
    try (BufferAllocator allocator = new RootAllocator()) {
      try (VectorSchemaRoot root =
          DocumentWriter.write(documents, OutputSchema.COLUMNS, allocator)) {
        assertEquals(documents, DocumentReader.read(root));
      }
      assertEquals(documents, throughCData(allocator, documents, OutputSchema.COLUMNS));
    }
  }

  @Test
  void anUnknownColumnIsRejectedWithoutLeaking() {
    try (BufferAllocator allocator = new RootAllocator()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> DocumentWriter.write(List.of(), List.of("path", "colour"), allocator));
      assertTrue(e.getMessage().contains("colour"), e.getMessage());
    }
  }

  @Test
  void aColumnAskedForTwiceIsRejected() {
    try (BufferAllocator allocator = new RootAllocator()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> DocumentWriter.write(List.of(), List.of("path", "path"), allocator));
      assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }
  }

  @Test
  void aFailureWhileWritingFreesTheBatch() {
    ExtractedDocument farFuture = SampleDocuments.sparse().withMetadata(null).withContent("x");
    ExtractedDocument tooLate =
        new ExtractedDocument("p", Instant.MAX, 0, null, null, null, null, null, null, null, null);
    try (BufferAllocator allocator = new RootAllocator()) {
      assertThrows(
          dev.vellum.VellumArrowException.class,
          () -> DocumentWriter.write(List.of(farFuture, tooLate), OutputSchema.COLUMNS, allocator));
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  /** Writes, exports through the C Data Interface, imports and reads back. */
  static List<ExtractedDocument> throughCData(
      BufferAllocator allocator, List<ExtractedDocument> documents, List<String> columns) {
    try (ArrowArray array = ArrowArray.allocateNew(allocator);
        ArrowSchema schema = ArrowSchema.allocateNew(allocator)) {
      try (VectorSchemaRoot written = DocumentWriter.write(documents, columns, allocator)) {
        Data.exportVectorSchemaRoot(allocator, written, null, array, schema);
      }
      try (VectorSchemaRoot imported =
          Data.importVectorSchemaRoot(allocator, array, schema, null)) {
        assertEquals(OutputSchema.schema(columns), imported.getSchema());
        return DocumentReader.read(imported);
      }
    }
  }

  /** {@code document} as it reads back from a batch that holds only {@code column}. */
  static ExtractedDocument only(String column, ExtractedDocument d) {
    return new ExtractedDocument(
        column.equals(OutputSchema.PATH) ? d.path() : "",
        column.equals(OutputSchema.MODIFICATION_TIME) ? d.modificationTime() : null,
        column.equals(OutputSchema.LENGTH) ? d.length() : 0,
        column.equals(OutputSchema.MIME_TYPE) ? d.mimeType() : null,
        column.equals(OutputSchema.CONTENT) ? d.content() : null,
        column.equals(OutputSchema.METADATA) ? d.metadata() : null,
        column.equals(OutputSchema.PAGES) ? d.pages() : null,
        column.equals(OutputSchema.TABLES) ? d.tables() : null,
        column.equals(OutputSchema.CHUNKS) ? d.chunks() : null,
        column.equals(OutputSchema.LANGUAGES) ? d.languages() : null,
        column.equals(OutputSchema.ERROR) ? d.error() : null);
  }
}
