package dev.vellum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.testing.Plugins;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractorTest {
  private static final Path CORPUS =
      Path.of(System.getProperty("vellum.corpus", "../../shared/corpus"));

  @TempDir Path temp;

  private static List<Path> corpusFiles(String folder) throws IOException {
    try (Stream<Path> files = Files.list(CORPUS.resolve(folder))) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void aValidJsonFileFromTheCorpusIsExtractedWithItsFileFacts() throws IOException {
    Path file = CORPUS.resolve("jsontestsuite/y_object_string_unicode.json");
    try (Extractor extractor = Extractor.create()) {
      ExtractedDocument doc = extractor.extract(file);
      assertNull(doc.error(), () -> String.valueOf(doc.error()));
      assertEquals(file.toString(), doc.path());
      assertEquals(Files.size(file), doc.length());
      assertEquals(
          Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.MICROS),
          doc.modificationTime());
      assertNotNull(doc.mimeType());
      assertNotNull(doc.content());
    }
  }

  @Test
  void everyJsonTestSuiteFileInOrderWithParseErrorsExactlyForTheInvalidOnes() throws IOException {
    List<Path> files = corpusFiles("jsontestsuite");
    ExtractorConfig config = ExtractorConfig.builder().batchSize(7).build();
    try (Extractor extractor = Extractor.create(config)) {
      List<ExtractedDocument> docs = extractor.extractAll(files);
      assertEquals(files.size(), docs.size());
      for (int i = 0; i < files.size(); i++) {
        ExtractedDocument doc = docs.get(i);
        assertEquals(files.get(i).toString(), doc.path());
        if (files.get(i).getFileName().toString().startsWith("n_")) {
          assertNotNull(doc.error(), doc.path());
          assertEquals(ErrorKind.PARSE, doc.error().kind(), doc.path());
        } else {
          assertNull(doc.error(), () -> doc.path() + ": " + doc.error());
        }
      }
    }
  }

  @Test
  void csvFilesAreExtractedWithTheirTables() throws IOException {
    List<Path> files = corpusFiles("csv-spectrum");
    ExtractorConfig config = ExtractorConfig.builder().extractTables(true).build();
    try (Extractor extractor = Extractor.create(config)) {
      List<ExtractedDocument> docs = extractor.extractAll(files);
      for (ExtractedDocument doc : docs) {
        assertNull(doc.error(), () -> doc.path() + ": " + doc.error());
      }
      ExtractedDocument simple = docs.get(files.indexOf(CORPUS.resolve("csv-spectrum/simple.csv")));
      assertEquals(1, simple.tables().size());
      assertEquals(
          List.of(List.of("a", "b", "c"), List.of("1", "2", "3")), simple.tables().get(0).cells());
    }
  }

  @Test
  void bytesAreExtractedUnderTheirName() {
    byte[] json = "{\"greeting\": \"hello\"}".getBytes(StandardCharsets.UTF_8);
    try (Extractor extractor = Extractor.create()) {
      ExtractedDocument doc = extractor.extract(json, "memory/greeting.json");
      assertNull(doc.error(), () -> String.valueOf(doc.error()));
      assertEquals("memory/greeting.json", doc.path());
      assertEquals(json.length, doc.length());
      assertNull(doc.modificationTime());
      assertTrue(doc.content().contains("hello"), doc.content());

      ExtractedDocument broken =
          extractor.extract("{\"a\": ".getBytes(StandardCharsets.UTF_8), "broken.json");
      assertEquals(ErrorKind.PARSE, broken.error().kind());
    }
  }

  @Test
  void aMissingFileIsAnIoErrorRowNamingTheFileAndTheCause() {
    Path missing = temp.resolve("nowhere.txt");
    try (Extractor extractor = Extractor.create()) {
      ExtractedDocument doc = extractor.extract(missing);
      assertEquals(ErrorKind.IO, doc.error().kind());
      assertTrue(doc.error().message().contains(missing.toString()), doc.error().message());
      assertTrue(doc.error().message().contains("no such file"), doc.error().message());
      assertEquals(missing.toString(), doc.path());
    }
  }

  @Test
  void aFolderOrAPathThroughAFileIsAnIoErrorRow() throws IOException {
    Path file = Files.writeString(temp.resolve("plain.txt"), "text");
    try (Extractor extractor = Extractor.create()) {
      ExtractedDocument folder = extractor.extract(temp);
      assertEquals(ErrorKind.IO, folder.error().kind());
      assertTrue(folder.error().message().contains("not a regular file"), folder.error().message());
      ExtractedDocument through = extractor.extract(file.resolve("child"));
      assertEquals(ErrorKind.IO, through.error().kind());
      assertTrue(through.error().message().contains(file.toString()), through.error().message());
    }
  }

  @Test
  void aFileLongerThanMaxFileSizeIsALimitRowAndIsNotRead() throws IOException {
    Path file = Files.writeString(temp.resolve("big.txt"), "x".repeat(100));
    ExtractorConfig config = ExtractorConfig.builder().maxFileSize(10).build();
    try (Extractor extractor = Extractor.create(config)) {
      ExtractedDocument doc = extractor.extract(file);
      assertEquals(ErrorKind.LIMIT, doc.error().kind(), doc.error().message());
      assertEquals(100, doc.length());
      assertTrue(doc.error().message().contains("100"), doc.error().message());
    }
  }

  @Test
  void aFileTooLargeForOneJavaArrayIsAnIoRowEvenWhenMaxFileSizeAllowsIt() throws IOException {
    Path file = temp.resolve("sparse.bin");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(3L << 30);
    }
    ExtractorConfig config = ExtractorConfig.builder().maxFileSize(4L << 30).build();
    try (Extractor extractor = Extractor.create(config)) {
      ExtractedDocument doc = extractor.extract(file);
      assertEquals(ErrorKind.IO, doc.error().kind());
      assertEquals(3L << 30, doc.length());
      assertTrue(doc.error().message().contains("Java array"), doc.error().message());
    }
  }

  @Test
  void asynchronousExtractionsCompleteOnTheDefaultPool() throws IOException {
    Path file = Files.writeString(temp.resolve("notes.md"), "# Title\n\nbody text\n");
    try (Extractor extractor = Extractor.create()) {
      List<CompletableFuture<ExtractedDocument>> futures = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        futures.add(extractor.extractAsync(file));
        futures.add(
            extractor.extractAsync(("line " + i).getBytes(StandardCharsets.UTF_8), i + ".txt"));
      }
      for (int i = 0; i < 20; i++) {
        ExtractedDocument fromFile = futures.get(2 * i).join();
        assertNull(fromFile.error(), () -> String.valueOf(fromFile.error()));
        assertTrue(fromFile.content().contains("body text"), fromFile.content());
        ExtractedDocument fromBytes = futures.get(2 * i + 1).join();
        assertEquals(i + ".txt", fromBytes.path());
        assertTrue(fromBytes.content().contains("line " + i), fromBytes.content());
      }
    }
  }

  @Test
  void aUserExecutorRunsTheAsynchronousCallsAndOutlivesTheExtractor() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    AtomicInteger tasks = new AtomicInteger();
    try {
      ExtractorConfig config = ExtractorConfig.defaults();
      try (Extractor extractor =
          Extractor.create(
              config,
              task -> {
                tasks.incrementAndGet();
                pool.execute(task);
              })) {
        assertSame(config, extractor.config());
        ExtractedDocument doc =
            extractor.extractAsync("plain".getBytes(StandardCharsets.UTF_8), "a.txt").get();
        assertEquals("a.txt", doc.path());
      }
      assertEquals(1, tasks.get());
      assertTrue(pool.submit(() -> true).get());
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aClosedExtractorThrowsIllegalStateExceptionAndClosesOnce() {
    Extractor extractor = Extractor.create();
    extractor.close();
    extractor.close();
    byte[] bytes = new byte[0];
    Path file = temp.resolve("a.txt");
    assertThrows(IllegalStateException.class, () -> extractor.extract(file));
    assertThrows(IllegalStateException.class, () -> extractor.extract(bytes, "a"));
    assertThrows(IllegalStateException.class, () -> extractor.extractAll(List.of(file)));
    assertThrows(IllegalStateException.class, () -> extractor.extractAsync(file));
    assertThrows(IllegalStateException.class, () -> extractor.extractAsync(bytes, "a"));
  }

  @Test
  void closingWhileAsynchronousCallsRunWaitsForThemAndFailsTheQueuedOnes() {
    Extractor extractor = Extractor.create();
    List<CompletableFuture<ExtractedDocument>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      futures.add(
          extractor.extractAsync(("text " + i).getBytes(StandardCharsets.UTF_8), i + ".txt"));
    }
    extractor.close();
    for (CompletableFuture<ExtractedDocument> future : futures) {
      try {
        assertNotNull(future.join().path());
      } catch (CompletionException e) {
        assertInstanceOf(IllegalStateException.class, e.getCause());
      }
    }
  }

  @Test
  void theConfiguredPostProcessorsAndValidatorsRunOnEveryResult() {
    Plugins.reset();
    ExtractorConfig config =
        ExtractorConfig.builder()
            .postprocessors(List.of("dev.vellum.testing.Plugins$UpperCase"))
            .validators(List.of("dev.vellum.testing.Plugins$RequiresContent"))
            .build();
    try (Extractor extractor = Extractor.create(config)) {
      ExtractedDocument upper =
          extractor.extract("quiet".getBytes(StandardCharsets.UTF_8), "q.txt");
      assertTrue(upper.content().contains("QUIET"), upper.content());
      ExtractedDocument empty = extractor.extract(new byte[0], "empty.txt");
      assertEquals(ErrorKind.VALIDATION, empty.error().kind());
      assertEquals("content is empty", empty.error().message());
    }
    assertTrue(Plugins.events().contains("close UpperCase"), Plugins.events().toString());
  }

  @Test
  void aPostProcessorThatCannotBeLoadedFailsCreation() {
    ExtractorConfig config =
        ExtractorConfig.builder().postprocessors(List.of("com.example.Missing")).build();
    VellumConfigException e =
        assertThrows(VellumConfigException.class, () -> Extractor.create(config));
    assertTrue(e.getMessage().contains("com.example.Missing"), e.getMessage());
  }

  @Test
  void nullArgumentsAreRejected() {
    try (Extractor extractor = Extractor.create()) {
      assertThrows(NullPointerException.class, () -> extractor.extract((Path) null));
      assertThrows(NullPointerException.class, () -> extractor.extract(null, "a"));
      assertThrows(NullPointerException.class, () -> extractor.extract(new byte[0], null));
      assertThrows(NullPointerException.class, () -> extractor.extractAll(null));
      assertThrows(NullPointerException.class, () -> extractor.extractAsync((Path) null));
      assertThrows(NullPointerException.class, () -> extractor.extractAsync(null, "a"));
      assertThrows(NullPointerException.class, () -> extractor.extractAsync(new byte[0], null));
    }
    assertThrows(NullPointerException.class, () -> Extractor.create(null));
    assertThrows(
        NullPointerException.class, () -> Extractor.create(ExtractorConfig.defaults(), null));
  }

  @Test
  void aFileThatFailsWhileBeingReadIsAnIoRowWithTheCause() {
    Path unreadable = Path.of("/proc/self/mem");
    try (Extractor extractor = Extractor.create()) {
      ExtractedDocument doc = extractor.extract(unreadable);
      assertEquals(ErrorKind.IO, doc.error().kind());
      assertTrue(doc.error().message().contains("/proc/self/mem"), doc.error().message());
      assertTrue(doc.error().message().contains("IOException"), doc.error().message());
    }
  }

  @Test
  void anExecutorThatRejectsWorkIsReportedAndAfterCloseAsIllegalState() {
    try (Extractor extractor =
        Extractor.create(
            ExtractorConfig.defaults(),
            task -> {
              throw new RejectedExecutionException("queue full");
            })) {
      assertThrows(RejectedExecutionException.class, () -> extractor.extractAsync(temp));
    }
    AtomicReference<Extractor> self = new AtomicReference<>();
    try (Extractor extractor =
        Extractor.create(
            ExtractorConfig.defaults(),
            task -> {
              self.get().close();
              throw new RejectedExecutionException("shut down");
            })) {
      self.set(extractor);
      assertThrows(IllegalStateException.class, () -> extractor.extractAsync(temp));
    }
  }

  @Test
  void anExtractorCanBeCreatedOnAThreadWithoutAContextClassLoader() {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    thread.setContextClassLoader(null);
    try (Extractor extractor = Extractor.create()) {
      assertEquals("x.txt", extractor.extract(new byte[] {'x'}, "x.txt").path());
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  @Test
  void aPostProcessorThatFailsToCloseIsReportedAndTheExtractorIsStillClosed() {
    ExtractorConfig config =
        ExtractorConfig.builder()
            .postprocessors(List.of("dev.vellum.testing.Plugins$ThrowsOnClose"))
            .build();
    Extractor extractor = Extractor.create(config);
    assertEquals("a.txt", extractor.extract(new byte[] {'a'}, "a.txt").path());
    VellumException e = assertThrows(VellumException.class, extractor::close);
    assertTrue(e.getMessage().contains("ThrowsOnClose"), e.getMessage());
    extractor.close();
    assertThrows(IllegalStateException.class, () -> extractor.extract(new byte[0], "b"));
  }

  @Test
  void pagesTablesAndChunksAreRequestedFromTheNativeSideOnlyWhenConfigured() {
    assertEquals(
        List.of(
            "path",
            "modification_time",
            "length",
            "mime_type",
            "content",
            "metadata",
            "languages",
            "error"),
        Extractor.columns(ExtractorConfig.defaults()));
    assertEquals(
        dev.vellum.bridge.OutputSchema.COLUMNS,
        Extractor.columns(
            ExtractorConfig.builder()
                .extractPages(true)
                .extractTables(true)
                .chunkSize(10)
                .build()));
  }
}
