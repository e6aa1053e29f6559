package dev.vellum.spark;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkException;
import org.apache.spark.TaskKilled;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large files never reach a 32-bit column, and failed tasks release every Arrow buffer. */
class MemoryTest {
  private static SparkSession spark;
  private static String jsonSuite;
  private static final Tasks tasks = new Tasks();
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    spark.sparkContext().addSparkListener(tasks);
    jsonSuite = TestSpark.corpus("jsontestsuite").toString();
  }

  /**
   * The tasks of the session. A job fails as soon as one task fails, while its other tasks are
   * still being killed: a task has released its memory only once the driver has seen it end.
   */
  private static final class Tasks extends SparkListener {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger ended = new AtomicInteger();
    final AtomicInteger killed = new AtomicInteger();

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
      started.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.reason() instanceof TaskKilled) {
        killed.incrementAndGet();
      }
      ended.incrementAndGet();
    }

    /** Waits until every task that started has ended. */
    void awaitAllEnded() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (ended.get() < started.get() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(started.get(), ended.get(), "tasks that ended of those that started");
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @AfterEach
  void nothingStaysAllocated() throws InterruptedException {
    tasks.awaitAllEnded();
    assertEquals(0, Allocators.allocatedBytes());
  }

  private Path sparse(String name, long length) throws IOException {
    Path file = dir.resolve(name);
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.setLength(length);
    }
    return file;
  }

  @Test
  void aTaskThatFailsInTheMiddleOfABatchReleasesEveryArrowBuffer() throws InterruptedException {
    SparkException e =
        assertThrows(
            SparkException.class,
            () ->
                spark
                    .read()
                    .format("vellum")
                    .option("mode", "FAILFAST")
                    .option("batchSize", "50")
                    .load(jsonSuite)
                    .select("path", "content")
                    .collectAsList());
    assertTrue(e.toString().contains("parse"), e.toString());
    tasks.awaitAllEnded();
    assertEquals(0, Allocators.allocatedBytes());
  }

  @Test
  void aTaskKilledInTheMiddleOfABatchReleasesEveryArrowBuffer() throws Exception {
    HoldingPostProcessor.HELD.set(0);
    int killedBefore = tasks.killed.get();
    CompletableFuture<List<Row>> job =
        CompletableFuture.supplyAsync(
            () -> {
              spark.sparkContext().setJobGroup("vellum-kill", "a job cancelled mid-batch", true);
              return spark
                  .read()
                  .format("vellum")
                  .option("postprocessors", HoldingPostProcessor.class.getName())
                  .option("batchSize", "8")
                  .load(jsonSuite)
                  .select("path", "content")
                  .collectAsList();
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (HoldingPostProcessor.HELD.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(HoldingPostProcessor.HELD.get() >= 2, "two tasks are holding a document");
    assertTrue(Allocators.allocatedBytes() > 0, "the tasks' batches are allocated");
    spark.sparkContext().cancelJobGroup("vellum-kill");

    ExecutionException e = assertThrows(ExecutionException.class, () -> job.get(60, SECONDS));
    assertTrue(e.getCause().toString().contains("cancelled"), e.getCause().toString());
    tasks.awaitAllEnded();
    assertTrue(tasks.killed.get() - killedBefore >= 2, "both running tasks were killed");
    assertEquals(0, Allocators.allocatedBytes());
  }

  @Test
  void aFailureDownstreamOfTheTransformationReleasesItsBatches() {
    var blobs = spark.read().format("binaryFile").load(jsonSuite).coalesce(1);
    var documents = Vellum.extract(blobs, "content", "path", Map.of("batchSize", "8"));
    MapFunction<Row, String> failOnThird =
        row -> {
          if (row.getString(0).contains("n_")) {
            throw new IllegalStateException("downstream failure at " + row.getString(0));
          }
          return row.getString(0);
        };
    SparkException e =
        assertThrows(
            SparkException.class,
            () -> documents.map(failOnThird, Encoders.STRING()).collectAsList());
    assertTrue(e.toString().contains("downstream failure"), e.toString());
    assertEquals(0, Allocators.allocatedBytes());
  }

  @Test
  void aFileOver2GiBIsAnErrorRowWithoutBeingOpened() throws IOException {
    Path huge = sparse("huge.bin", (2L << 30) + 1);
    Files.writeString(dir.resolve("small.txt"), "small");
    CountingFileSystem.reset();
    List<Row> rows =
        spark
            .read()
            .format("vellum")
            .option("maxFileSize", "4g")
            .load(CountingFileSystem.uri(dir))
            .select("path", "error")
            .collectAsList()
            .stream()
            // sorted here: orderBy would sample the scan in a job of its own, opening files twice
            .sorted(Comparator.comparing((Row r) -> r.getString(0)))
            .toList();
    assertEquals(2, rows.size());
    assertTrue(rows.get(0).getString(0).endsWith(huge.getFileName().toString()));
    Row error = rows.get(0).getStruct(1);
    assertEquals("io", error.getString(0));
    assertTrue(error.getString(1).contains("cannot be extracted"), error.getString(1));
    assertEquals(1, CountingFileSystem.OPENS.get(), "only small.txt is opened");
  }

  @Test
  void aBatchStopsBeforeAFileThatWouldPassItsByteBound() throws IOException {
    long size = VellumColumnarPartitionReader.MAX_BATCH_INPUT_BYTES / 2 + 1;
    List<ListedFile> files = new ArrayList<>();
    for (String name : List.of("a.bin", "b.bin", "c.bin")) {
      Path file = sparse(name, size);
      files.add(new ListedFile(file.toUri().toString(), size, 0, List.of()));
    }
    ReaderSettings settings =
        new ReaderSettings(
            List.of("path", "mime_type", "error"),
            ReadMode.PERMISSIVE,
            false,
            Map.of("maxFileSize", "1g"),
            Map.of());
    List<Integer> batches = new ArrayList<>();
    try (var reader =
        new VellumColumnarPartitionReader(
            new VellumInputPartition(0, files, List.of()), settings, new Configuration(), null)) {
      while (reader.next()) {
        batches.add(reader.get().numRows());
      }
      assertEquals(3L * size, reader.currentMetricsValues()[1].value());
    }
    assertEquals(List.of(1, 1, 1), batches);
  }
}
