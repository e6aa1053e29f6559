package dev.vellum.spark;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.SparkSession;

/** A real local Spark session for the tests, and the corpus. */
final class TestSpark {
  private TestSpark() {}

  static SparkSession start() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("vellum-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.warehouse.dir", "target/spark-warehouse")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.hadoop.fs.counting.impl", CountingFileSystem.class.getName())
        .getOrCreate();
  }

  /** A folder of the shared corpus (system property {@code vellum.corpus}). */
  static Path corpus(String folder) {
    String corpus = System.getProperty("vellum.corpus", "../../shared/corpus");
    return Paths.get(corpus, folder).toAbsolutePath().normalize();
  }
}
