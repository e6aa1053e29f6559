package dev.vellum.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vellum.ErrorKind;
import dev.vellum.ExtractedDocument;
import dev.vellum.ExtractorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** What the native side produces reads back, writes again and reads the same: one schema. */
class NativeRoundTripTest {
  private static final Path CORPUS =
      Path.of(System.getProperty("vellum.corpus", "../../shared/corpus"));

  private static List<DocumentSource> sources() throws IOException {
    List<DocumentSource> sources = new ArrayList<>();
    for (String name :
        List.of(
            "csv-spectrum/simple.csv",
            "csv-spectrum/utf8.csv",
            "csv-spectrum/empty.csv",
            "jsontestsuite/y_object_string_unicode.json",
            "jsontestsuite/n_array_incomplete.json")) {
      Path file = CORPUS.resolve(name);
      byte[] content = Files.readAllBytes(file);
      sources.add(
          new DocumentSource(
              file.toString(),
              content,
              content.length,
              Files.getLastModifiedTime(file).toInstant(),
              null));
    }
    sources.add(new DocumentSource("/gone.txt", null, 0, null, "cannot read /gone.txt: gone"));
    sources.add(new DocumentSource("/huge.txt", null, 1L << 40, Instant.EPOCH, null));
    sources.add(new DocumentSource("empty.txt", new byte[0], 0, null, null));
    sources.add(
        new DocumentSource(
            "page.html",
            "<html><head><title>T</title></head><body><h1>Head</h1><p>para</p></body></html>"
                .getBytes(StandardCharsets.UTF_8),
            80,
            null,
            null));
    return sources;
  }

  @Test
  void everyColumnFromTheNativeSideHasTheOutputSchemaAndRoundTrips() throws IOException {
    ExtractorConfig config =
        ExtractorConfig.builder()
            .extractTables(true)
            .extractPages(true)
            .chunkSize(20)
            .chunkOverlap(5)
            .build();
    List<DocumentSource> sources = sources();
    try (BufferAllocator allocator = new RootAllocator();
        BatchExtractor extractor = BatchExtractor.open(config, OutputSchema.COLUMNS, allocator);
        VectorSchemaRoot fromNative = extractor.extract(sources)) {
      assertEquals(OutputSchema.FIELDS, fromNative.getSchema().getFields());
      List<ExtractedDocument> documents = DocumentReader.read(fromNative);
      assertEquals(sources.size(), documents.size());
      for (int i = 0; i < sources.size(); i++) {
        assertEquals(sources.get(i).path(), documents.get(i).path());
      }
      assertNull(documents.get(0).error(), () -> String.valueOf(documents.get(0).error()));
      assertEquals(ErrorKind.PARSE, documents.get(4).error().kind());
      assertEquals(ErrorKind.IO, documents.get(5).error().kind());
      assertEquals(ErrorKind.LIMIT, documents.get(6).error().kind());
      try (VectorSchemaRoot rewritten =
          DocumentWriter.write(documents, OutputSchema.COLUMNS, allocator)) {
        assertEquals(fromNative.getSchema(), rewritten.getSchema());
        assertEquals(documents, DocumentReader.read(rewritten));
      }
      assertEquals(
          documents,
          DocumentRoundTripTest.throughCData(allocator, documents, OutputSchema.COLUMNS));
    }
  }

  @Test
  void eachColumnAloneFromTheNativeSideHasItsField() throws IOException {
    List<DocumentSource> sources = sources();
    try (BufferAllocator allocator = new RootAllocator()) {
      for (String column : OutputSchema.COLUMNS) {
        try (BatchExtractor extractor =
                BatchExtractor.open(ExtractorConfig.defaults(), List.of(column), allocator);
            VectorSchemaRoot fromNative = extractor.extract(sources)) {
          assertEquals(List.of(OutputSchema.field(column)), fromNative.getSchema().getFields());
          List<ExtractedDocument> documents = DocumentReader.read(fromNative);
          try (VectorSchemaRoot rewritten =
              DocumentWriter.write(documents, List.of(column), allocator)) {
            assertEquals(documents, DocumentReader.read(rewritten), column);
          }
        }
      }
    }
  }

  @Test
  void anEmptyBatchComesBackEmpty() {
    try (BufferAllocator allocator = new RootAllocator();
        BatchExtractor extractor =
            BatchExtractor.open(ExtractorConfig.defaults(), OutputSchema.COLUMNS, allocator);
        VectorSchemaRoot fromNative = extractor.extract(List.of())) {
      assertEquals(0, fromNative.getRowCount());
      assertEquals(List.of(), DocumentReader.read(fromNative));
    }
  }
}
