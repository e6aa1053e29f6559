package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorModesTest {
  private static SparkSession spark;
  private static String jsonSuite;
  private static long files;
  private static long invalid;
  private static long valid;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    File folder = TestSpark.corpus("jsontestsuite").toFile();
    jsonSuite = folder.toString();
    String[] names = folder.list();
    files = names.length;
    invalid = Arrays.stream(names).filter(n -> n.startsWith("n_")).count();
    valid = Arrays.stream(names).filter(n -> n.startsWith("y_")).count();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private Dataset<Row> read(String mode) {
    return spark.read().format("vellum").option("mode", mode).load(jsonSuite);
  }

  @Test
  void permissiveKeepsEveryFileAndInvalidJsonIsAParseErrorRow() {
    List<Row> rows = read("PERMISSIVE").select("path", "error").collectAsList();
    assertEquals(files, rows.size());
    for (Row row : rows) {
      String name = row.getString(0).substring(row.getString(0).lastIndexOf('/') + 1);
      if (name.startsWith("n_")) {
        assertEquals("parse", row.getStruct(1).getString(0), name);
      } else {
        assertNull(row.get(1), name);
      }
    }
  }

  @Test
  void permissiveIsTheDefault() {
    assertEquals(
        invalid, spark.read().format("vellum").load(jsonSuite).where("error is not null").count());
  }

  @Test
  void dropMalformedDropsTheErrorRowsEvenWhenTheErrorColumnIsNotSelected() {
    List<Row> rows = read("DROPMALFORMED").select("path", "content").collectAsList();
    assertEquals(files - invalid, rows.size());
    assertTrue(rows.stream().noneMatch(r -> r.getString(0).contains("/n_")));
    assertEquals(files - invalid, read("dropmalformed").count());
  }

  @Test
  void failFastFailsNamingTheFileAndTheCauseAndSuggestsPermissive() {
    var e = assertThrows(SparkException.class, () -> read("FAILFAST").collectAsList());
    String message = e.getMessage();
    assertTrue(message.contains("jsontestsuite/n_"), message);
    assertTrue(message.contains("'parse'"), message);
    assertTrue(message.contains("mode=PERMISSIVE"), message);
  }

  @Test
  void failFastPassesWhenNoDocumentFails() {
    var rows =
        spark
            .read()
            .format("vellum")
            .option("mode", "FAILFAST")
            .option("pathGlobFilter", "y_*")
            .load(jsonSuite)
            .select("path", "mime_type", "content")
            .collectAsList();
    assertEquals(valid, rows.size());
  }
}
