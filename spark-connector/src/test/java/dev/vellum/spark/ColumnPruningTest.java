package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnPruningTest {
  private static SparkSession spark;
  @TempDir static Path dir;
  private static long totalBytes;
  private static long bigBytes;

  @BeforeAll
  static void start() throws IOException {
    spark = TestSpark.start();
    Files.writeString(dir.resolve("big.txt"), "All work and no play. ".repeat(5000));
    Files.writeString(dir.resolve("small.json"), "{\"a\": [1, 2, 3]}");
    Files.writeString(dir.resolve("table.csv"), "name,count\nx,1\ny,2\n");
    bigBytes = Files.size(dir.resolve("big.txt"));
    totalBytes =
        bigBytes + Files.size(dir.resolve("small.json")) + Files.size(dir.resolve("table.csv"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @BeforeEach
  void resetCounters() {
    CountingFileSystem.reset();
  }

  private Dataset<Row> documents() {
    return spark.read().format("vellum").load(CountingFileSystem.uri(dir));
  }

  @Test
  void selectingOnlyListingColumnsOpensNoFile() {
    List<Row> rows = documents().select("path", "length", "modification_time").collectAsList();
    assertEquals(3, rows.size());
    assertEquals(0, CountingFileSystem.OPENS.get());
    Map<String, Long> lengths =
        rows.stream()
            .collect(
                Collectors.toMap(r -> r.getString(0).replaceAll(".*/", ""), r -> r.getLong(1)));
    assertEquals(bigBytes, lengths.get("big.txt"));
    assertTrue(rows.stream().allMatch(r -> r.getTimestamp(2) != null));
  }

  @Test
  void countingRowsOpensNoFile() {
    assertEquals(3, documents().count());
    assertEquals(0, CountingFileSystem.OPENS.get());
  }

  @Test
  void theMimeTypeReadsOnlyTheFirstBytesOfEachFile() {
    List<Row> rows = documents().select("path", "mime_type").collectAsList();
    assertEquals(3, rows.size());
    rows.forEach(row -> assertNotNull(row.getString(1), row.getString(0)));
    assertEquals(3, CountingFileSystem.OPENS.get());
    long read = CountingFileSystem.BYTES_READ.get();
    assertTrue(read <= 3L * FileContentReader.HEADER_BYTES, "read " + read);
    assertTrue(read < totalBytes, "read " + read + " of " + totalBytes);
  }

  @Test
  void theContentReadsEveryByte() {
    List<Row> rows = documents().select("content").collectAsList();
    assertEquals(3, rows.size());
    assertEquals(totalBytes, CountingFileSystem.BYTES_READ.get());
  }

  @Test
  void aFileLargerThanMaxFileSizeIsNotReadAndIsALimitError() {
    List<Row> rows =
        spark
            .read()
            .format("vellum")
            .option("maxFileSize", "64k")
            .load(CountingFileSystem.uri(dir))
            .select("path", "error")
            .collectAsList();
    assertEquals(2, CountingFileSystem.OPENS.get());
    for (Row row : rows) {
      if (row.getString(0).endsWith("big.txt")) {
        assertEquals("limit", row.getStruct(1).getString(0));
      } else {
        assertNull(row.get(1), row.getString(0));
      }
    }
  }
}
