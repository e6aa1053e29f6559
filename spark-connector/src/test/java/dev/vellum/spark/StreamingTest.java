package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.VellumConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spark.readStream().format("vellum"): new files become rows exactly once across restarts. */
class StreamingTest {
  private static SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static void write(Path folder, String name, long second) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(file, "the document " + name);
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + second)));
  }

  private static StreamingQuery startQuery(Path input, Path output, Path checkpoint)
      throws TimeoutException {
    return spark
        .readStream()
        .format("vellum")
        .option("maxFilesPerTrigger", "2")
        .load(input.toString())
        .select("path", "content", "error")
        .writeStream()
        .format("json")
        .option("path", output.toString())
        .option("checkpointLocation", checkpoint.toString())
        .start();
  }

  private static List<String> names(Path output) {
    return spark
        .read()
        .schema("path string, content string")
        .json(output.toString())
        .collectAsList()
        .stream()
        .map(StreamingTest::name)
        .map(p -> p.substring(p.lastIndexOf('/') + 1))
        .sorted()
        .toList();
  }

  private static String name(Row row) {
    return row.getString(0);
  }

  @Test
  void newFilesBecomeRowsExactlyOnceAcrossARestart()
      throws IOException, TimeoutException, StreamingQueryException {
    Path input = Files.createDirectories(dir.resolve("in"));
    Path output = dir.resolve("out");
    Path checkpoint = dir.resolve("checkpoint");
    for (int i = 0; i < 5; i++) {
      write(input, "first-" + i + ".txt", i);
    }
    StreamingQuery query = startQuery(input, output, checkpoint);
    query.processAllAvailable();
    for (StreamingQueryProgress progress : query.recentProgress()) {
      assertTrue(progress.numInputRows() <= 2, progress.json());
    }
    query.stop();
    assertEquals(
        List.of("first-0.txt", "first-1.txt", "first-2.txt", "first-3.txt", "first-4.txt"),
        names(output));

    write(input, "second-0.txt", 10);
    write(input, "second-1.txt", 11);
    write(input, "first-0.txt", 12); // rewritten: admitted once by path, not read again
    query = startQuery(input, output, checkpoint);
    query.processAllAvailable();
    write(input, "third-0.txt", 20);
    query.processAllAvailable();
    query.stop();

    List<String> names = names(output);
    assertEquals(
        List.of(
            "first-0.txt",
            "first-1.txt",
            "first-2.txt",
            "first-3.txt",
            "first-4.txt",
            "second-0.txt",
            "second-1.txt",
            "third-0.txt"),
        names);
    Map<String, Long> contents =
        spark
            .read()
            .schema("path string, content string")
            .json(output.toString())
            .collectAsList()
            .stream()
            .collect(Collectors.groupingBy(r -> r.getString(1).trim(), Collectors.counting()));
    assertEquals(1L, contents.get("the document third-0.txt"));
  }

  @Test
  void aBatchLoggedBeforeACrashIsTheNextBatchAfterTheRestart() throws IOException {
    Path input = Files.createDirectories(dir.resolve("in"));
    write(input, "a.txt", 1);
    write(input, "b.txt", 2);
    String checkpoint = dir.resolve("source").toString();
    VellumOptions options =
        VellumOptions.parse(
            Map.of("path", input.toString(), "maxFilesPerTrigger", "1"), java.time.ZoneOffset.UTC);
    SessionSettings settings = new SessionSettings(new Configuration(), 1 << 20, 1, 1);
    var first = new VellumMicroBatchStream(options, settings, checkpoint, null);
    VellumStreamOffset start = (VellumStreamOffset) first.initialOffset();
    var logged = first.latestOffset(start, first.getDefaultReadLimit());
    assertEquals("{\"batch\":1}", logged.json());
    // a restart before Spark recorded batch 1: the same batch comes back, then the next file
    var restarted = new VellumMicroBatchStream(options, settings, checkpoint, null);
    assertEquals(logged, restarted.latestOffset(start, restarted.getDefaultReadLimit()));
    var next = restarted.latestOffset(logged, restarted.getDefaultReadLimit());
    assertEquals(2, ((VellumStreamOffset) next).batch());
    assertEquals(next, restarted.latestOffset(next, restarted.getDefaultReadLimit()));
    assertEquals(
        1,
        restarted.planInputPartitions(start, logged)[0] instanceof VellumInputPartition p
            ? p.files().size()
            : -1);
    assertEquals(next, restarted.deserializeOffset(next.json()));
    assertThrows(UnsupportedOperationException.class, restarted::latestOffset);
    assertThrows(VellumConfigException.class, () -> VellumStreamOffset.parse("{\"x\":1}"));
    assertThrows(
        VellumConfigException.class,
        () ->
            VellumOptions.parse(
                Map.of("path", "x", "maxFilesPerTrigger", "0"), java.time.ZoneOffset.UTC));
    restarted.commit(next);
    restarted.stop();
    assertThrows(
        IllegalStateException.class,
        () -> new StreamFileLog(new Configuration(), checkpoint).write(5, List.of()));
  }
}
