package dev.vellum.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.ExtractorConfig;
import dev.vellum.VellumArrowException;
import dev.vellum.VellumConfigException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class BatchExtractorTest {
  private static final Instant MODIFIED = Instant.parse("2024-02-29T23:59:59.123456Z");

  private static final ExtractorConfig EVERYTHING =
      ExtractorConfig.builder()
          .extractPages(true)
          .extractTables(true)
          .chunkSize(20)
          .chunkOverlap(5)
          .maxFileSize(1024)
          .build();

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<DocumentSource> sources() {
    return List.of(
        new DocumentSource(
            "/docs/t\u00e4ble.csv", utf8("name,count\nalpha,1\nbeta,2\n"), 26, MODIFIED, null),
        DocumentSource.unreadable("/docs/locked.txt", 10, "permission denied"),
        new DocumentSource("/docs/huge.txt", null, 4096, null, null),
        DocumentSource.of("/docs/empty.txt", new byte[0]));
  }

  private static String text(FieldVector vector, int row) {
    Object value = vector.getObject(row);
    return value == null ? null : value.toString();
  }

  @Test
  void everyColumnComesBackTypedAsTheOutputSchemaSays() {
    try (BufferAllocator allocator = new RootAllocator();
        BatchExtractor extractor =
            BatchExtractor.open(EVERYTHING, OutputSchema.COLUMNS, allocator);
        VectorSchemaRoot out = extractor.extract(sources())) {
      assertEquals(OutputSchema.schema(), out.getSchema());
      assertEquals(4, out.getRowCount());
      assertEquals("/docs/t\u00e4ble.csv", text(out.getVector("path"), 0));
      assertEquals(26L, ((BigIntVector) out.getVector("length")).get(0));
      TimeStampMicroTZVector modified = (TimeStampMicroTZVector) out.getVector("modification_time");
      assertEquals(Micros.fromInstant(MODIFIED), modified.get(0));
      assertTrue(modified.isNull(1));

      StructVector error = (StructVector) out.getVector("error");
      assertTrue(error.isNull(0), "the CSV file extracts");
      assertEquals("io", text(error.getChild("kind"), 1));
      assertTrue(text(error.getChild("message"), 1).contains("permission denied"));
      assertEquals("limit", text(error.getChild("kind"), 2));
      assertTrue(text(error.getChild("message"), 2).contains("4096"));

      assertTrue(text(out.getVector("content"), 0).contains("alpha"));
      assertTrue(out.getVector("content").isNull(1));
      assertFalse(out.getVector("metadata").isNull(0));
      assertTrue(out.getVector("metadata").isNull(1));
      ListVector tables = (ListVector) out.getVector("tables");
      assertFalse(tables.isNull(0));
      assertFalse(((List<?>) tables.getObject(0)).isEmpty(), "the CSV is a table");
      assertTrue(tables.isNull(1));
      assertFalse(out.getVector("pages").isNull(0));
      assertFalse(out.getVector("chunks").isNull(0));
      assertFalse(out.getVector("languages").isNull(0));
    }
  }

  @Test
  void anEmptyBatchHasTheRequestedColumnsAndNoRows() {
    try (BufferAllocator allocator = new RootAllocator();
        BatchExtractor extractor =
            BatchExtractor.open(EVERYTHING, OutputSchema.COLUMNS, allocator);
        VectorSchemaRoot out = extractor.extract(List.of())) {
      assertEquals(0, out.getRowCount());
      assertEquals(OutputSchema.schema(), out.getSchema());
    }
  }

  @Test
  void emptyStringsStayEmptyStrings() {
    List<String> columns = List.of("path", "content", "error");
    try (BufferAllocator allocator = new RootAllocator();
        BatchExtractor extractor =
            BatchExtractor.open(ExtractorConfig.defaults(), columns, allocator);
        VectorSchemaRoot out = extractor.extract(List.of(DocumentSource.of("", new byte[0])))) {
      assertEquals(1, out.getRowCount());
      assertFalse(out.getVector("path").isNull(0));
      assertEquals("", text(out.getVector("path"), 0));
    }
  }

  @Test
  void requestedColumnsComeBackInTheRequestedOrder() {
    List<String> columns = List.of("error", "length", "mime_type", "path");
    try (BufferAllocator allocator = new RootAllocator();
        BatchExtractor extractor =
            BatchExtractor.open(ExtractorConfig.defaults(), columns, allocator);
        VectorSchemaRoot out = extractor.extract(sources())) {
      assertEquals(columns, extractor.columns());
      assertEquals(OutputSchema.schema(columns), out.getSchema());
      assertEquals("/docs/huge.txt", text(out.getVector("path"), 2));
      assertEquals(4096L, ((BigIntVector) out.getVector("length")).get(2));
    }
  }

  @Test
  void aListingOnlyRequestDetectsWithoutExtracting() {
    List<String> columns = List.of("path", "length", "mime_type");
    try (BufferAllocator allocator = new RootAllocator();
        BatchExtractor extractor =
            BatchExtractor.open(ExtractorConfig.defaults(), columns, allocator);
        VectorSchemaRoot out = extractor.extract(sources())) {
      assertEquals(List.of("path", "length", "mime_type"), fieldNames(out.getSchema()));
      assertNotNull(text(out.getVector("mime_type"), 0));
    }
  }

  @Test
  void aRootBuiltByTheCallerIsExtractedAndStaysTheCallers() {
    try (BufferAllocator allocator = new RootAllocator();
        BatchExtractor extractor =
            BatchExtractor.open(ExtractorConfig.defaults(), List.of("path"), allocator);
        VectorSchemaRoot input = InputBatch.build(sources(), allocator)) {
      try (VectorSchemaRoot out = extractor.extract(input)) {
        assertEquals(4, out.getRowCount());
        assertEquals("/docs/empty.txt", text(out.getVector("path"), 3));
      }
      assertEquals(4, input.getRowCount());
      assertEquals("/docs/locked.txt", text(input.getVector("path"), 1));
      try (VectorSchemaRoot again = extractor.extract(input)) {
        assertEquals(4, again.getRowCount());
      }
    }
  }

  @Test
  void closedExtractorThrowsIllegalStateException() {
    try (BufferAllocator allocator = new RootAllocator()) {
      BatchExtractor extractor =
          BatchExtractor.open(ExtractorConfig.defaults(), List.of("path"), allocator);
      extractor.close();
      extractor.close();
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> extractor.extract(sources()));
      assertEquals("extractor is closed", e.getMessage());
      try (VectorSchemaRoot input = InputBatch.build(sources(), allocator)) {
        assertThrows(IllegalStateException.class, () -> extractor.extract(input));
      }
    }
  }

  @Test
  void unknownRepeatedOrMissingColumnsAreRejected() {
    try (BufferAllocator allocator = new RootAllocator()) {
      ExtractorConfig config = ExtractorConfig.defaults();
      IllegalArgumentException unknown =
          assertThrows(
              IllegalArgumentException.class,
              () -> BatchExtractor.open(config, List.of("path", "body"), allocator));
      assertTrue(unknown.getMessage().contains("'body'"));
      IllegalArgumentException repeated =
          assertThrows(
              IllegalArgumentException.class,
              () -> BatchExtractor.open(config, List.of("path", "path"), allocator));
      assertTrue(repeated.getMessage().contains("twice"));
      assertThrows(
          IllegalArgumentException.class, () -> BatchExtractor.open(config, List.of(), allocator));
    }
  }

  @Test
  void theNativeConfigurationCheckIsReachable() {
    NativeLibrary.load();
    byte[] overlap = utf8("{\"chunkSize\":10,\"chunkOverlap\":10}");
    VellumConfigException e =
        assertThrows(VellumConfigException.class, () -> NativeMethods.createExtractor(overlap));
    assertTrue(e.getMessage().contains("chunkOverlap"), e.getMessage());
    assertThrows(
        VellumConfigException.class,
        () -> NativeMethods.createExtractor(utf8("{\"noSuchOption\":1}")));
    assertThrows(
        VellumConfigException.class, () -> NativeMethods.createExtractor(utf8("not json")));
    assertThrows(
        VellumConfigException.class, () -> NativeMethods.createExtractor(utf8("{\"columns\":[]}")));
  }

  @Test
  void closedOrUnknownNativeHandlesGiveIllegalStateException() {
    NativeLibrary.load();
    assertThrows(IllegalStateException.class, () -> NativeMethods.closeExtractor(0));
    assertThrows(IllegalStateException.class, () -> NativeMethods.extract(0, 0, 0, 0, 0));
    long handle = NativeMethods.createExtractor(utf8("{}"));
    NativeMethods.closeExtractor(handle);
    assertThrows(IllegalStateException.class, () -> NativeMethods.closeExtractor(handle));
    assertThrows(IllegalStateException.class, () -> NativeMethods.closeExtractor(12345));
  }

  @Test
  void missingStructAddressesGiveVellumArrowException() {
    NativeLibrary.load();
    long handle = NativeMethods.createExtractor(utf8("{}"));
    try {
      VellumArrowException e =
          assertThrows(VellumArrowException.class, () -> NativeMethods.extract(handle, 0, 0, 0, 0));
      assertTrue(e.getMessage().contains("address is 0"), e.getMessage());
    } finally {
      NativeMethods.closeExtractor(handle);
    }
  }

  @Test
  void anInputWithTheWrongSchemaGivesVellumArrowExceptionAndLeaksNothing() {
    Schema wrongType =
        new Schema(
            List.of(
                Field.nullable("path", new ArrowType.Int(32, true)),
                Field.nullable("content", ArrowType.Binary.INSTANCE),
                Field.nullable("length", OutputSchema.INT64),
                Field.nullable("modification_time", OutputSchema.TIMESTAMP),
                Field.nullable("read_error", OutputSchema.UTF8)));
    Schema missing = new Schema(List.of(Field.notNullable("path", OutputSchema.UTF8)));
    try (BufferAllocator allocator = new RootAllocator();
        BatchExtractor extractor =
            BatchExtractor.open(ExtractorConfig.defaults(), List.of("path"), allocator)) {
      try (VectorSchemaRoot input = VectorSchemaRoot.create(wrongType, allocator)) {
        IntVector path = (IntVector) input.getVector("path");
        path.allocateNew(1);
        path.set(0, 7);
        input.setRowCount(1);
        VellumArrowException e =
            assertThrows(VellumArrowException.class, () -> extractor.extract(input));
        assertTrue(e.getMessage().contains("'path'"), e.getMessage());
      }
      try (VectorSchemaRoot input = VectorSchemaRoot.create(missing, allocator)) {
        ((VarCharVector) input.getVector("path")).allocateNew();
        input.setRowCount(0);
        VellumArrowException e =
            assertThrows(VellumArrowException.class, () -> extractor.extract(input));
        assertTrue(e.getMessage().contains("no column 'content'"), e.getMessage());
      }
    }
  }

  @Test
  void anInputThatCannotBeExportedGivesVellumArrowException() {
    Field encoded =
        new Field(
            "path",
            new FieldType(false, OutputSchema.UTF8, new DictionaryEncoding(1, false, null)),
            null);
    try (BufferAllocator allocator = new RootAllocator();
        BatchExtractor extractor =
            BatchExtractor.open(ExtractorConfig.defaults(), List.of("path"), allocator);
        VectorSchemaRoot input = VectorSchemaRoot.create(new Schema(List.of(encoded)), allocator)) {
      input.setRowCount(0);
      VellumArrowException e =
          assertThrows(VellumArrowException.class, () -> extractor.extract(input));
      assertTrue(e.getMessage().contains("cannot be exported"), e.getMessage());
    }
  }

  @Test
  void anOutputClosedOnAnotherThreadReleasesItsNativeMemory() throws Exception {
    try (BufferAllocator allocator = new RootAllocator();
        BatchExtractor extractor =
            BatchExtractor.open(EVERYTHING, OutputSchema.COLUMNS, allocator)) {
      VectorSchemaRoot out = extractor.extract(sources());
      assertTrue(allocator.getAllocatedMemory() > 0, "the output is accounted to the allocator");
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        other.submit(out::close).get(60, TimeUnit.SECONDS);
      } finally {
        other.shutdown();
      }
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void severalThreadsExtractAtOnce() throws Exception {
    try (BufferAllocator allocator = new RootAllocator();
        BatchExtractor extractor =
            BatchExtractor.open(EVERYTHING, List.of("path", "content", "error"), allocator)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int task = 0; task < 16; task++) {
          results.add(
              pool.submit(
                  () -> {
                    int rows = 0;
                    for (int i = 0; i < 10; i++) {
                      try (VectorSchemaRoot out = extractor.extract(sources())) {
                        assertEquals("/docs/huge.txt", text(out.getVector("path"), 2));
                        rows += out.getRowCount();
                      }
                    }
                    return rows;
                  }));
        }
        for (Future<Integer> result : results) {
          assertEquals(40, result.get(120, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void closeWhileOthersExtractLetsThemFinishAndThenRefusesThem() throws Exception {
    try (BufferAllocator allocator = new RootAllocator()) {
      BatchExtractor extractor = BatchExtractor.open(EVERYTHING, OutputSchema.COLUMNS, allocator);
      int threads = 4;
      CountDownLatch everyoneExtracted = new CountDownLatch(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<String>> endings = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          endings.add(
              pool.submit(
                  () -> {
                    boolean first = true;
                    while (true) {
                      try (VectorSchemaRoot out = extractor.extract(sources())) {
                        assertEquals(4, out.getRowCount());
                      } catch (IllegalStateException e) {
                        return e.getMessage();
                      }
                      if (first) {
                        everyoneExtracted.countDown();
                        first = false;
                      }
                    }
                  }));
        }
        assertTrue(everyoneExtracted.await(120, TimeUnit.SECONDS));
        extractor.close();
        for (Future<String> ending : endings) {
          assertEquals("extractor is closed", ending.get(120, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void aFailedCallReleasesItsLockSoCloseStillWorks() {
    Schema unrelated = new Schema(List.of(Field.nullable("x", OutputSchema.UTF8)));
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot input = VectorSchemaRoot.create(unrelated, allocator)) {
      BatchExtractor extractor =
          BatchExtractor.open(ExtractorConfig.defaults(), List.of("path"), allocator);
      input.setRowCount(0);
      assertThrows(VellumArrowException.class, () -> extractor.extract(input));
      extractor.close();
      assertThrows(IllegalStateException.class, () -> extractor.extract(List.of()));
    }
  }

  private static List<String> fieldNames(Schema schema) {
    return schema.getFields().stream().map(Field::getName).toList();
  }

  @Test
  void aReaderGetsTheOutputInARootThatLaterCallsReuseAndCloseFrees() {
    try (BufferAllocator allocator = new RootAllocator()) {
      List<VectorSchemaRoot> seen = new java.util.ArrayList<>();
      try (BatchExtractor extractor =
          BatchExtractor.open(EVERYTHING, OutputSchema.COLUMNS, allocator)) {
        for (int call = 0; call < 3; call++) {
          List<String> paths =
              extractor.extract(
                  sources(),
                  root -> {
                    seen.add(root);
                    assertEquals(OutputSchema.schema(), root.getSchema());
                    assertEquals(4, root.getRowCount());
                    assertEquals("text/csv", text(root.getVector("mime_type"), 0));
                    List<String> values = new java.util.ArrayList<>();
                    for (int row = 0; row < root.getRowCount(); row++) {
                      values.add(text(root.getVector("path"), row));
                    }
                    return values;
                  });
          assertEquals(
              List.of(
                  "/docs/t\u00e4ble.csv", "/docs/locked.txt", "/docs/huge.txt", "/docs/empty.txt"),
              paths);
        }
        assertSame(seen.get(0), seen.get(1), "the second call reuses the first call's root");
        assertSame(seen.get(1), seen.get(2));
        assertEquals(0, seen.get(0).getRowCount(), "cleared between calls");
        assertThrows(
            IllegalStateException.class,
            () ->
                extractor.extract(
                    sources(),
                    root -> {
                      throw new IllegalStateException("a reader that fails");
                    }));
        assertEquals(
            4, (int) extractor.extract(sources(), VectorSchemaRoot::getRowCount), "still usable");
      }
      assertEquals(0, allocator.getAllocatedMemory(), "nothing left allocated after close");
    }
  }
}
