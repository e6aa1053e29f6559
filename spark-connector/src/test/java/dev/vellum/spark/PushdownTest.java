package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filters on path, length, modification_time and mime_type, and limits, pushed into the scan: the
 * counting file system shows which files were opened and how many bytes were read.
 */
class PushdownTest {
  private static SparkSession spark;
  @TempDir static Path dir;
  private static long headerBytes;

  @BeforeAll
  static void start() throws IOException {
    spark = TestSpark.start();
    write("big.txt", "All work and no play. ".repeat(2000), "2020-01-01T00:00:00Z");
    write("page.html", "<html><body><p>Hello pushdown</p></body></html>", "2021-01-01T00:00:00Z");
    write("data.json", "{\"a\": [1, 2, 3]}", "2022-01-01T00:00:00Z");
    write("table.csv", "name,count\nx,1\ny,2\n", "2023-01-01T00:00:00Z");
    write("notes.txt", "short notes", "2024-01-01T00:00:00Z");
    write(
        "other.htm",
        "<!DOCTYPE html><html><body>Second page</body></html>",
        "2024-06-01T00:00:00Z");
    try (var files = Files.list(dir)) {
      headerBytes =
          files.mapToLong(p -> Math.min(FileContentReader.HEADER_BYTES, p.toFile().length())).sum();
    }
    spark
        .read()
        .format("vellum")
        .load(CountingFileSystem.uri(dir))
        .createOrReplaceTempView("pushdown_docs");
  }

  private static void write(String name, String text, String modified) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @BeforeEach
  void resetCounters() {
    CountingFileSystem.reset();
  }

  private static List<String> names(String sql) {
    return spark.sql(sql).collectAsList().stream()
        .map(r -> r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1))
        .sorted()
        .toList();
  }

  private static String plan(String sql) {
    return spark.sql("EXPLAIN " + sql).first().getString(0);
  }

  @Test
  void aFilterOnLengthOpensOnlyTheFilesThatMatch() {
    String sql = "SELECT path, content FROM pushdown_docs WHERE length > 1000";
    assertEquals(List.of("big.txt"), names(sql));
    assertEquals(1, CountingFileSystem.OPENS.get());
    String plan = plan(sql);
    assertTrue(plan.contains("pushed filters IsNotNull(length), GreaterThan(length,1000)"), plan);
    assertFalse(plan.contains("Filter "), "the scan handles the filter entirely: " + plan);
  }

  @Test
  void filtersOnThePathOpenOnlyTheFilesThatMatch() {
    assertEquals(
        List.of("data.json", "table.csv"),
        names(
            "SELECT path, content FROM pushdown_docs"
                + " WHERE path LIKE '%.json' OR path IN ('nothing', '"
                + CountingFileSystem.uri(dir.resolve("table.csv"))
                    .replace("counting://", "counting:")
                + "') OR endswith(path, '.none')"));
    assertEquals(2, CountingFileSystem.OPENS.get());
    assertEquals(
        List.of("notes.txt", "other.htm", "table.csv"),
        names(
            "SELECT path FROM pushdown_docs WHERE path >= '"
                + CountingFileSystem.uri(dir.resolve("n")).replace("counting://", "counting:")
                + "' AND NOT contains(path, 'page') AND path IS NOT NULL"));
  }

  @Test
  void aFilterOnTheModificationTimeOpensOnlyTheFilesThatMatch() {
    assertEquals(
        List.of("notes.txt", "other.htm", "table.csv"),
        names(
            "SELECT path, content FROM pushdown_docs"
                + " WHERE modification_time >= TIMESTAMP '2023-01-01 00:00:00'"));
    assertEquals(3, CountingFileSystem.OPENS.get());
    assertEquals(
        List.of("big.txt"),
        names(
            "SELECT path, mime_type FROM pushdown_docs"
                + " WHERE modification_time < TIMESTAMP '2021-01-01 00:00:00'"
                + " AND modification_time <=> TIMESTAMP '2020-01-01 00:00:00'"));
  }

  @Test
  void aFilterOnTheMimeTypeReadsOnlyTheFirstBytesOfTheFilesItRejects() {
    String sql = "SELECT path, content FROM pushdown_docs WHERE mime_type = 'text/html'";
    assertEquals(List.of("other.htm", "page.html"), names(sql));
    // every file is opened once for its first bytes, the two pages once more to extract them
    assertEquals(6 + 2, CountingFileSystem.OPENS.get());
    long pages =
        dir.resolve("page.html").toFile().length() + dir.resolve("other.htm").toFile().length();
    assertEquals(headerBytes + pages, CountingFileSystem.BYTES_READ.get());
    String plan = plan(sql);
    assertTrue(
        plan.contains("pushed filters IsNotNull(mime_type), EqualTo(mime_type,text/html)"), plan);
    assertFalse(plan.contains("Filter "), plan);
  }

  @Test
  void filtersMixingTheMimeTypeAndTheListingFollowSqlLogic() {
    assertEquals(
        List.of("big.txt", "data.json", "page.html"),
        names(
            "SELECT path FROM pushdown_docs WHERE (mime_type LIKE 'text/h%' AND length < 50)"
                + " OR mime_type IN ('application/json') OR length > 1000"));
    assertEquals(
        List.of("big.txt", "notes.txt", "table.csv"),
        names(
            "SELECT path FROM pushdown_docs WHERE NOT (mime_type LIKE '%html' OR mime_type ="
                + " 'application/json')"));
  }

  @Test
  void aDocumentWithoutATypeHasANullMimeTypeAndIsNeverOpened() {
    Dataset<Row> documents =
        spark
            .read()
            .format("vellum")
            .option("maxFileSize", "1k")
            .load(CountingFileSystem.uri(dir))
            .where("mime_type IS NULL")
            .select("path", "error.kind");
    List<Row> rows = documents.collectAsList();
    assertEquals(1, rows.size());
    assertTrue(rows.get(0).getString(0).endsWith("big.txt"));
    assertEquals("limit", rows.get(0).getString(1));
    assertEquals(5, CountingFileSystem.OPENS.get(), "the big file is never opened");
    assertEquals(
        0,
        spark
            .read()
            .format("vellum")
            .option("maxFileSize", "1k")
            .load(CountingFileSystem.uri(dir))
            .where("mime_type = 'text/plain' AND length > 1000")
            .count());
  }

  @Test
  void filtersTheScanCannotDecideAreLeftToSpark() {
    String sql = "SELECT path FROM pushdown_docs WHERE content LIKE '%Hello%' AND length > 10";
    assertEquals(List.of("page.html"), names(sql));
    String plan = plan(sql);
    assertTrue(plan.contains("Filter "), plan);
    assertTrue(plan.contains("pushed filters IsNotNull(length), GreaterThan(length,10)"), plan);
  }

  @Test
  void aLimitStopsReadingOnceEnoughRowsAreMade() {
    List<Row> rows =
        spark
            .read()
            .format("vellum")
            .load(CountingFileSystem.uri(dir))
            .select("path", "content")
            .limit(2)
            .collectAsList();
    assertEquals(2, rows.size());
    assertTrue(CountingFileSystem.OPENS.get() <= 4, CountingFileSystem.OPENS.get() + " opened");
    assertTrue(plan("SELECT path FROM pushdown_docs LIMIT 3").contains("limit 3"));
  }

  @Test
  void withAPostProcessorNoFilterIsPushed() {
    Dataset<Row> documents =
        spark
            .read()
            .format("vellum")
            .option("postprocessors", UpperCasePostProcessor.class.getName())
            .load(CountingFileSystem.uri(dir))
            .where("length > 1000")
            .select("path", "content");
    List<Row> rows = documents.collectAsList();
    assertEquals(1, rows.size());
    assertTrue(rows.get(0).getString(1).startsWith("ALL WORK"));
    assertEquals(6, CountingFileSystem.OPENS.get());
  }
}
