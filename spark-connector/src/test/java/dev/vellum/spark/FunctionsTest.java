package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.VellumConfigException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** vellum_extract and Vellum.extract on bytes already in a table give the source's results. */
class FunctionsTest {
  private static SparkSession spark;
  private static String jsonSuite;
  private static Map<String, String> expected;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    jsonSuite = TestSpark.corpus("jsontestsuite").toString();
    Vellum.registerFunctions(spark);
    spark.read().format("binaryFile").load(jsonSuite).createOrReplaceTempView("blobs");
    expected =
        summaries(
            spark.read().format("vellum").load(jsonSuite).selectExpr("path", "struct(*) AS d"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @AfterEach
  void nothingStaysAllocated() {
    assertEquals(0, Allocators.allocatedBytes());
  }

  /** Path to "mime | error kind | content | pages" for rows (path, result struct). */
  private static Map<String, String> summaries(Dataset<Row> rows) {
    return rows.collectAsList().stream()
        .collect(
            Collectors.toMap(
                r -> r.getString(0), r -> summary(r.getStruct(1)), (a, b) -> a, TreeMap::new));
  }

  private static String summary(Row d) {
    Row error = d.getStruct(d.fieldIndex("error"));
    List<Row> pages = d.getList(d.fieldIndex("pages"));
    return d.getString(d.fieldIndex("mime_type"))
        + " | "
        + (error == null ? null : error.getString(0))
        + " | "
        + d.getString(d.fieldIndex("content"))
        + " | "
        + (pages == null ? null : pages.size())
        + " | "
        + d.getList(d.fieldIndex("languages"));
  }

  @Test
  void theSqlFunctionGivesTheSourcesResults() {
    Dataset<Row> rows = spark.sql("SELECT path, vellum_extract(content, path) AS d FROM blobs");
    assertEquals(expected, summaries(rows));
    Row one = spark.sql("SELECT vellum_extract(content, path) AS d FROM blobs LIMIT 1").first();
    assertTrue(one.getStruct(0).getString(0).startsWith("file:"));
  }

  @Test
  void withoutAPathTheTypeComesFromTheContentAlone() {
    Row row =
        spark
            .sql(
                "SELECT vellum_extract(CAST('<html><body><p>Hi there</p></body></html>' AS BINARY))"
                    + " AS d")
            .first()
            .getStruct(0);
    assertEquals(DocumentExtraction.NO_PATH, row.getString(0));
    assertEquals("text/html", row.getString(row.fieldIndex("mime_type")));
    assertEquals("Hi there", row.getString(row.fieldIndex("content")).trim());
    assertNull(row.get(row.fieldIndex("modification_time")));
    assertEquals(41L, row.getLong(row.fieldIndex("length")));
    assertNull(
        spark.sql("SELECT vellum_extract(CAST(NULL AS BINARY), 'a.txt') AS d").first().get(0));
  }

  @Test
  void aWrongNumberOfArgumentsIsAnError() {
    Exception e =
        assertThrows(
            Exception.class,
            () -> spark.sql("SELECT vellum_extract(content, path, path) FROM blobs"));
    assertTrue(e.toString().contains("optionally a path"), e.toString());
  }

  @Test
  void theColumnFunctionNeedsNoRegistration() {
    Dataset<Row> rows =
        spark
            .read()
            .format("binaryFile")
            .load(jsonSuite)
            .select(
                functions.col("path"),
                Vellum.extract(functions.col("content"), functions.col("path")));
    assertEquals(expected, summaries(rows));
  }

  @Test
  void theDataFrameTransformationExtractsInBatchesWithTheSameResults() {
    Dataset<Row> blobs = spark.read().format("binaryFile").load(jsonSuite).repartition(3);
    Dataset<Row> documents = Vellum.extract(blobs, "content", "path", Map.of("batchSize", "4"));
    assertEquals(
        List.of("path", "modificationTime", "length", "content", Vellum.RESULT_COLUMN),
        List.of(documents.schema().fieldNames()));
    assertEquals(
        expected,
        summaries(documents.select(functions.col("path"), functions.col(Vellum.RESULT_COLUMN))));
  }

  @Test
  void aNullContentGivesANullResultAndTheOtherRowsAreKept() {
    Dataset<Row> blobs =
        spark.sql(
            "SELECT * FROM VALUES (CAST(NULL AS BINARY), 'none.txt'),"
                + " (CAST('plain words here' AS BINARY), 'words.txt') AS t(content, name)");
    List<Row> rows =
        Vellum.extract(blobs, "content", null, Map.of())
            .select("name", "document.mime_type", "document.content")
            .orderBy("name")
            .collectAsList();
    assertEquals("none.txt", rows.get(0).getString(0));
    assertNull(rows.get(0).get(1));
    assertEquals("text/plain", rows.get(1).getString(1));
    assertEquals("plain words here", rows.get(1).getString(2).trim());
  }

  @Test
  void timestampsFollowTheSessionsJavaTimeSetting() {
    ExternalRows legacy = new ExternalRows(false);
    ExternalRows java8 = new ExternalRows(true);
    var schema = new org.apache.spark.sql.types.StructType().add("t", "timestamp");
    var internal =
        new org.apache.spark.sql.catalyst.expressions.GenericInternalRow(new Object[] {-1L});
    assertEquals(
        Timestamp.from(java.time.Instant.ofEpochSecond(0, -1000)),
        legacy.row(internal, schema).get(0));
    assertEquals(java.time.Instant.ofEpochSecond(0, -1000), java8.row(internal, schema).get(0));
  }

  @Test
  void badArgumentsAreReportedWithTheirFix() {
    Dataset<Row> blobs = spark.read().format("binaryFile").load(jsonSuite);
    assertTrue(
        assertThrows(
                VellumConfigException.class, () -> Vellum.extract(blobs, "nope", "path", Map.of()))
            .getMessage()
            .contains("no column nope"));
    assertTrue(
        assertThrows(
                VellumConfigException.class, () -> Vellum.extract(blobs, "path", null, Map.of()))
            .getMessage()
            .contains("is string, not binary"));
    assertTrue(
        assertThrows(
                VellumConfigException.class,
                () -> Vellum.extract(blobs, "content", "length", Map.of()))
            .getMessage()
            .contains("is bigint, not string"));
    Dataset<Row> taken = blobs.withColumn(Vellum.RESULT_COLUMN, functions.lit(1));
    assertThrows(
        VellumConfigException.class, () -> Vellum.extract(taken, "content", "path", Map.of()));
    assertThrows(
        VellumConfigException.class,
        () ->
            Vellum.registerFunctions(
                spark, Map.of("postprocessors", UpperCasePostProcessor.class.getName())));
    assertThrows(
        VellumConfigException.class, () -> Vellum.registerFunctions(spark, Map.of("bogus", "1")));
    assertNotNull(expected);
  }
}
