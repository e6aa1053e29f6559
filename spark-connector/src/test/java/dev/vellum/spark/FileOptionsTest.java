package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOptionsTest {
  private static SparkSession spark;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws IOException {
    spark = TestSpark.start();
    write("old.json", "{\"year\": 2019}", "2019-06-01T00:00:00Z");
    write("new.json", "{\"year\": 2021}", "2021-06-01T00:00:00Z");
    write("notes.txt", "some notes", "2021-06-01T00:00:00Z");
    write("nested/deep.json", "[\"deep\"]", "2021-06-01T00:00:00Z");
  }

  private static void write(String name, String content, String modified) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static List<String> names(Dataset<Row> documents) {
    return documents.select("path").collectAsList().stream()
        .map(r -> r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1))
        .sorted()
        .toList();
  }

  private static Dataset<Row> read(String... keysAndValues) {
    var reader = spark.read().format("vellum");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      reader = reader.option(keysAndValues[i], keysAndValues[i + 1]);
    }
    return reader.load(dir.toString());
  }

  @Test
  void aDirectoryIsReadWithoutItsSubdirectoriesByDefault() {
    assertEquals(List.of("new.json", "notes.txt", "old.json"), names(read()));
  }

  @Test
  void recursiveFileLookupReadsSubdirectories() {
    assertEquals(
        List.of("deep.json", "new.json", "notes.txt", "old.json"),
        names(read("recursiveFileLookup", "true")));
  }

  @Test
  void pathGlobFilterKeepsMatchingNames() {
    assertEquals(
        List.of("deep.json", "new.json", "old.json"),
        names(read("pathGlobFilter", "*.json", "recursiveFileLookup", "true")));
  }

  @Test
  void modifiedBeforeAndAfterUseTheSessionTimeZone() {
    assertEquals(List.of("old.json"), names(read("modifiedBefore", "2020-06-01T13:00:00")));
    assertEquals(
        List.of("new.json", "notes.txt"), names(read("modifiedAfter", "2020-06-01T13:00:00")));
  }

  @Test
  void severalPathsAndGlobsAreReadTogether() {
    var documents =
        spark
            .read()
            .format("vellum")
            .load(dir.resolve("*.txt").toString(), dir.resolve("nested").toString());
    assertEquals(List.of("deep.json", "notes.txt"), names(documents));
  }

  @Test
  void aFileDeletedAfterListingIsSkippedWithIgnoreMissingFiles() throws IOException {
    Path doomed = dir.resolve("doomed.json");
    Files.writeString(doomed, "{}");
    Dataset<Row> documents = read("ignoreMissingFiles", "true").select("path", "error");
    documents.queryExecution().executedPlan();
    Files.delete(doomed);
    List<String> names =
        documents.collectAsList().stream()
            .map(r -> r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1))
            .sorted()
            .toList();
    assertEquals(List.of("new.json", "notes.txt", "old.json"), names);
  }

  @Test
  void theSessionsIgnoreMissingFilesIsTheDefault() throws IOException {
    Path doomed = dir.resolve("doomed-too.json");
    Files.writeString(doomed, "{}");
    spark.conf().set("spark.sql.files.ignoreMissingFiles", "true");
    try {
      Dataset<Row> documents = read().select("path", "error");
      documents.queryExecution().executedPlan();
      Files.delete(doomed);
      assertEquals(3, documents.collectAsList().size());
    } finally {
      spark.conf().unset("spark.sql.files.ignoreMissingFiles");
    }
  }

  @Test
  void aFileDeletedAfterListingIsAnIoErrorRowOtherwise() throws IOException {
    Path doomed = dir.resolve("vanished.json");
    Files.writeString(doomed, "{}");
    Dataset<Row> documents = read().select("path", "error");
    documents.queryExecution().executedPlan();
    Files.delete(doomed);
    List<Row> rows = documents.collectAsList();
    assertEquals(4, rows.size());
    Row vanished =
        rows.stream().filter(r -> r.getString(0).endsWith("vanished.json")).findFirst().get();
    assertEquals("io", vanished.getStruct(1).getString(0));
    assertTrue(vanished.getStruct(1).getString(1).contains("vanished.json"));
  }

  @Test
  void partitionsFollowMinPartitionNumAndTheLeafNodeParallelism() {
    // Three tiny files, each costing 4 MiB to open: the split size is 12 MiB over the number of
    // partitions wanted (two cores), so two files fit in the first partition.
    assertEquals(2, read().rdd().getNumPartitions());
    spark.conf().set("spark.sql.files.minPartitionNum", "3");
    try {
      assertEquals(3, read().rdd().getNumPartitions());
    } finally {
      spark.conf().unset("spark.sql.files.minPartitionNum");
    }
    spark.conf().set("spark.sql.leafNodeDefaultParallelism", "1");
    try {
      assertEquals(1, read().rdd().getNumPartitions());
    } finally {
      spark.conf().unset("spark.sql.leafNodeDefaultParallelism");
    }
  }
}
