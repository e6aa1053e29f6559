package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real standalone cluster (a master and two workers on 127.0.0.1, each executor its own JVM)
 * reading documents with the shaded connector jar and a user's post-processor and validator from a
 * separate jar, both shipped with {@code spark.jars}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class StandaloneClusterIT {
  private static final String WORD_COUNT = "dev.vellum.testplugins.WordCountPostProcessor";
  private static final String NON_EMPTY = "dev.vellum.testplugins.NonEmptyContentValidator";
  private static final String REJECTION = "the document has no text content";

  private static StandaloneCluster cluster;
  private static SparkSession spark;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = StandaloneCluster.start(2);
    spark = cluster.session("vellum-standalone-cluster-it", Map.of());
  }

  @AfterAll
  static void stopCluster() throws IOException {
    try {
      if (spark != null) {
        spark.stop();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  void twoExecutorsReadEveryFileOnceWithTheUsersPostProcessorAndValidator() throws Exception {
    try {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(WORD_COUNT));
      Path blank = Files.createTempFile(cluster.home(), "blank", ".txt");
      Files.writeString(blank, "   \n\n  ");
      Path jsonSuite = TestSpark.corpus("jsontestsuite");
      Dataset<Row> documents =
          spark
              .read()
              .format("vellum")
              .option("postprocessors", WORD_COUNT)
              .option("validators", NON_EMPTY)
              .load(jsonSuite.toString(), blank.toString())
              .select("path", "metadata", "error");
      int partitions = documents.rdd().getNumPartitions();
      assertTrue(partitions >= 20, partitions + " partitions");

      List<Row> rows = documents.collectAsList();
      List<String> expected;
      try (Stream<Path> files = Files.list(jsonSuite)) {
        expected =
            Stream.concat(files, Stream.of(blank))
                .map(p -> p.toUri().toString().replace("file:///", "file:/"))
                .sorted()
                .toList();
      }
      assertEquals(expected, rows.stream().map(r -> r.getString(0)).sorted().toList());

      for (Row row : rows) {
        String path = row.getString(0);
        Row error = row.getStruct(2);
        if (path.equals(expected.stream().filter(p -> p.contains("blank")).findFirst().get())) {
          assertEquals("validation", error.getString(0));
          assertEquals(REJECTION, error.getString(1));
        } else if (path.contains("/n_")) {
          assertEquals("parse", error.getString(0), path);
        } else if (error == null) {
          Map<String, String> extra = row.getStruct(1).getJavaMap(11);
          assertNotNull(extra.get("word_count"), path);
        } else {
          assertEquals("validation", error.getString(0), path);
          assertEquals(REJECTION, error.getString(1), path);
        }
      }
      assertNull(
          rows.stream()
              .filter(r -> r.getStruct(2) == null && r.getStruct(1).getJavaMap(11).isEmpty())
              .findFirst()
              .orElse(null));

      List<Row> initializations =
          spark
              .range(0, 400, 1, 40)
              .selectExpr(
                  "reflect('java.lang.ProcessHandle', 'current') AS pid",
                  "reflect('dev.vellum.bridge.NativeLibrary', 'initializationCount') AS count")
              .distinct()
              .collectAsList();
      Map<String, List<String>> countsByPid =
          initializations.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.getString(0),
                      Collectors.mapping(r -> r.getString(1), Collectors.toList())));
      assertEquals(2, countsByPid.size(), "executor JVMs: " + countsByPid);
      countsByPid.forEach((pid, counts) -> assertEquals(List.of("1"), counts, "JVM " + pid));
      assertTrue(
          countsByPid.keySet().stream()
              .noneMatch(pid -> pid.equals(Long.toString(ProcessHandle.current().pid()))));
    } catch (Throwable e) {
      cluster.dumpLogs();
      throw e;
    }
  }
}
