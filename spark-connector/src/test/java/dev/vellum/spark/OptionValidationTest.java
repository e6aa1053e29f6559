package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.VellumConfigException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OptionValidationTest {
  private static SparkSession spark;
  private static String csv;
  private static final AtomicInteger TASKS = new AtomicInteger();

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    spark
        .sparkContext()
        .addSparkListener(
            new SparkListener() {
              @Override
              public void onTaskStart(SparkListenerTaskStart taskStart) {
                TASKS.incrementAndGet();
              }
            });
    csv = TestSpark.corpus("csv-spectrum").toString();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private String failureOfLoading(String option, String value) {
    int tasksBefore = TASKS.get();
    var e =
        assertThrows(
            VellumConfigException.class,
            () -> spark.read().format("vellum").option(option, value).load(csv).collectAsList());
    assertEquals(tasksBefore, TASKS.get(), "a task started");
    return e.getMessage();
  }

  @Test
  void aBadModeFailsOnTheDriverNamingTheOptionAndItsValues() {
    String message = failureOfLoading("mode", "STRICT");
    assertTrue(message.contains("'mode'"), message);
    assertTrue(message.contains("PERMISSIVE, DROPMALFORMED, FAILFAST"), message);
  }

  @Test
  void aBadExtractionOptionFailsOnTheDriverNamingTheOptionAndItsValues() {
    String message = failureOfLoading("outputFormat", "pdf");
    assertTrue(message.contains("'outputFormat'"), message);
    assertTrue(message.contains("plain, markdown"), message);
  }

  @Test
  void aBadSizeFailsOnTheDriver() {
    assertTrue(failureOfLoading("maxFileSize", "huge").contains("'maxFileSize'"));
  }

  @Test
  void aBadTimestampFailsOnTheDriver() {
    assertTrue(failureOfLoading("modifiedBefore", "June").contains("'modifiedBefore'"));
  }

  @Test
  void anUnknownOptionFailsOnTheDriverListingTheAcceptedOptions() {
    String message = failureOfLoading("recursive", "true");
    assertTrue(message.contains("unknown option 'recursive'"), message);
    assertTrue(message.contains("recursiveFileLookup"), message);
  }

  @Test
  void aPathThatDoesNotExistFailsOnTheDriverNamingIt() {
    var e =
        assertThrows(
            VellumConfigException.class,
            () -> spark.read().format("vellum").load(csv + "/missing.csv").count());
    assertTrue(e.getMessage().contains("missing.csv"), e.getMessage());
  }

  @Test
  void loadingWithoutAPathFails() {
    var e = assertThrows(VellumConfigException.class, () -> spark.read().format("vellum").load());
    assertTrue(e.getMessage().contains("no path"), e.getMessage());
  }

  @Test
  void aUserSchemaWithVellumColumnsIsAccepted() {
    StructType schema =
        new StructType().add("path", DataTypes.StringType, false).add("length", DataTypes.LongType);
    var rows = spark.read().format("vellum").schema(schema).load(csv).collectAsList();
    assertEquals(8, rows.size());
    assertEquals(2, rows.get(0).size());
  }

  @Test
  void aUserSchemaWithAnotherColumnIsRejected() {
    StructType schema = new StructType().add("text", DataTypes.StringType);
    var e =
        assertThrows(
            VellumConfigException.class,
            () -> spark.read().format("vellum").schema(schema).load(csv));
    assertTrue(e.getMessage().contains("text"), e.getMessage());
  }
}
