package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipelineTest {
  private static SparkSession spark;
  private static String csv;
  private static final String UPPER = UpperCasePostProcessor.class.getName();
  private static final String SIMPLE = SimpleNameValidator.class.getName();

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    csv = TestSpark.corpus("csv-spectrum").toString();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @BeforeEach
  void reset() {
    UpperCasePostProcessor.reset();
  }

  private static Dataset<Row> read(String mode) {
    return spark
        .read()
        .format("vellum")
        .option("postprocessors", UPPER)
        .option("validators", SIMPLE)
        .option("mode", mode)
        .option("pdfPassword", "secret")
        .load(csv);
  }

  @Test
  void thePostProcessorChangesEveryDocumentAndTheValidatorRejectsWithAValidationError() {
    List<Row> rows = read("PERMISSIVE").select("path", "content", "error").collectAsList();
    assertEquals(8, rows.size());
    for (Row row : rows) {
      if (row.getString(0).endsWith("simple.csv")) {
        assertEquals("validation", row.getStruct(2).getString(0));
        assertEquals(SimpleNameValidator.REASON, row.getStruct(2).getString(1));
      } else {
        assertNull(row.get(2), row.getString(0));
        String content = row.getString(1);
        assertEquals(content.toUpperCase(Locale.ROOT), content);
      }
    }
  }

  @Test
  void eachPartitionOpensAndClosesItsOwnInstancesWithOptionsWithoutPasswords() {
    long partitions = read("PERMISSIVE").select("path").rdd().getNumPartitions();
    assertEquals(8, read("PERMISSIVE").select("path").collectAsList().size());
    assertEquals(partitions, UpperCasePostProcessor.OPENED.get());
    assertEquals(partitions, UpperCasePostProcessor.CLOSED.get());
    for (var options : UpperCasePostProcessor.OPTIONS) {
      assertEquals("PERMISSIVE", options.get("mode"));
      assertFalse(options.containsKey("pdfPassword"));
      assertFalse(options.containsValue("secret"));
    }
  }

  @Test
  void dropMalformedDropsRejectedDocuments() {
    List<Row> rows = read("DROPMALFORMED").select("path").collectAsList();
    assertEquals(7, rows.size());
    assertTrue(rows.stream().noneMatch(r -> r.getString(0).endsWith("simple.csv")));
    assertEquals(7, read("DROPMALFORMED").count());
  }

  @Test
  void failFastFailsOnARejectedDocumentNamingItAndTheReason() {
    var e = assertThrows(SparkException.class, () -> read("FAILFAST").collectAsList());
    assertTrue(e.getMessage().contains("simple.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("'validation'"), e.getMessage());
    assertTrue(e.getMessage().contains(SimpleNameValidator.REASON), e.getMessage());
  }

  @Test
  void aFailingPostProcessorFailsTheTaskAndEveryInstanceIsStillClosed() {
    var e =
        assertThrows(
            SparkException.class,
            () ->
                spark
                    .read()
                    .format("vellum")
                    .option("postprocessors", UPPER + "," + ExplodingPostProcessor.class.getName())
                    .load(csv)
                    .collectAsList());
    assertTrue(e.getMessage().contains("ExplodingPostProcessor"), e.getMessage());
    assertTrue(UpperCasePostProcessor.OPENED.get() > 0);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (UpperCasePostProcessor.CLOSED.get() < UpperCasePostProcessor.OPENED.get()
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(UpperCasePostProcessor.OPENED.get(), UpperCasePostProcessor.CLOSED.get());
  }

  @Test
  void anUnknownPostProcessorClassFailsNamingIt() {
    var e =
        assertThrows(
            SparkException.class,
            () ->
                spark
                    .read()
                    .format("vellum")
                    .option("postprocessors", "com.example.Missing")
                    .load(csv)
                    .collectAsList());
    assertTrue(e.getMessage().contains("com.example.Missing"), e.getMessage());
  }
}
