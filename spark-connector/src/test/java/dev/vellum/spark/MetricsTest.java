package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.ErrorKind;
import java.io.File;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scan's metrics reach Spark: each task's values, as the SQL tab's scan node sums them. */
class MetricsTest {
  private static SparkSession spark;
  private static File jsonSuite;
  private static final Map<String, Long> reported = new ConcurrentHashMap<>();

  /** Sums the task updates of every named accumulator, as the UI's scan node shows them. */
  private static final class MetricListener extends SparkListener {
    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      var infos = taskEnd.taskInfo().accumulables().iterator();
      while (infos.hasNext()) {
        AccumulableInfo info = infos.next();
        if (info.name().isDefined()
            && info.update().isDefined()
            && info.update().get() instanceof Long value) {
          reported.merge(info.name().get(), value, Long::sum);
        }
      }
    }
  }

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    spark.sparkContext().addSparkListener(new MetricListener());
    jsonSuite = TestSpark.corpus("jsontestsuite").toFile();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @BeforeEach
  void clear() {
    reported.clear();
  }

  /** The metric described as {@code description}, once the listener has seen {@code tasks}. */
  private static long metric(String description, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline && reported.getOrDefault(description, 0L) < atLeast) {
      Thread.sleep(50);
    }
    return reported.getOrDefault(description, 0L);
  }

  @Test
  void aScanReportsDocumentsBytesTimeErrorsByKindAndPages() throws InterruptedException {
    String[] names = jsonSuite.list();
    long files = names.length;
    long invalid = Arrays.stream(names).filter(n -> n.startsWith("n_")).count();
    long bytes = Arrays.stream(jsonSuite.listFiles()).mapToLong(File::length).sum();
    assertEquals(
        files,
        spark
            .read()
            .format("vellum")
            .load(jsonSuite.toString())
            .select("path", "content")
            .collectAsList()
            .size());
    assertEquals(files, metric("documents extracted", files));
    assertEquals(bytes, metric("document bytes read", bytes));
    assertEquals(invalid, metric("documents in error: parse", invalid));
    assertEquals(files - invalid, metric("pages extracted", files - invalid));
    assertTrue(metric("native extraction time (ms)", 1) >= 1);
    assertEquals(0, reported.getOrDefault("documents in error: limit", 0L));
  }

  @Test
  void documentsOverTheSizeLimitAreCountedAsLimitErrors() throws InterruptedException {
    long files = jsonSuite.list().length;
    long small = Arrays.stream(jsonSuite.listFiles()).filter(f -> f.length() <= 10).count();
    spark
        .read()
        .format("vellum")
        .option("maxFileSize", "10")
        .load(jsonSuite.toString())
        .select("path", "error")
        .collectAsList();
    assertEquals(files - small, metric("documents in error: limit", files - small));
    assertEquals(files, metric("documents extracted", files));
  }

  @Test
  void everyErrorKindHasAMetricAndTheDriverSumsTaskValues() {
    CustomMetric[] metrics = VellumMetrics.all();
    assertEquals(4 + ErrorKind.values().length, metrics.length);
    for (ErrorKind kind : ErrorKind.values()) {
      assertTrue(
          Arrays.stream(metrics).anyMatch(m -> m.name().equals(VellumMetrics.errorMetric(kind))),
          kind.code());
      assertTrue(
          Arrays.stream(metrics)
              .anyMatch(m -> m.description().equals("documents in error: " + kind.code())));
    }
    assertEquals(
        "vellumErrorsOcrUnavailable", VellumMetrics.errorMetric(ErrorKind.OCR_UNAVAILABLE));
    assertEquals("12", metrics[0].aggregateTaskMetrics(new long[] {5, 7}));
  }
}
