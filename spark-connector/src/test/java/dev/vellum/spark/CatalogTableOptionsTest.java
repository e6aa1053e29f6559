package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class CatalogTableOptionsTest {
  @Test
  void reservedTablePropertiesAreDroppedAndPrefixedOptionsUnprefixed() {
    Map<String, String> properties =
        Map.of(
            "owner", "root",
            "provider", "vellum",
            "location", "file:/data",
            "comment", "documents",
            "external", "true",
            "is_managed_location", "false",
            "collation", "UTF8_BINARY",
            "path", "file:/data",
            "option.mode", "DROPMALFORMED",
            "mode", "DROPMALFORMED");
    assertEquals(
        Map.of("path", "file:/data", "mode", "DROPMALFORMED"),
        CatalogTableOptions.readerOptions(properties));
  }

  @Test
  void anOptionKeptOnlyUnderThePrefixIsReadAndAnUnprefixedOneWins() {
    assertEquals(
        Map.of("outputFormat", "markdown", "mode", "FAILFAST"),
        CatalogTableOptions.readerOptions(
            Map.of(
                "option.outputFormat", "markdown",
                "option.mode", "PERMISSIVE",
                "mode", "FAILFAST")));
  }

  @Test
  void readerOptionsPassThroughUnchanged() {
    Map<String, String> options = Map.of("path", "/data", "pathGlobFilter", "*.json");
    assertEquals(options, CatalogTableOptions.readerOptions(options));
  }

  @Test
  void aCatalogTableKeepsItsOptionsOnEverySparkLine() {
    SparkSession spark = TestSpark.start();
    String jsonSuite = TestSpark.corpus("jsontestsuite").toString();
    try {
      spark.sql("DROP TABLE IF EXISTS valid_json_docs");
      spark.sql(
          "CREATE TABLE valid_json_docs USING vellum OPTIONS (path '"
              + jsonSuite
              + "', mode 'DROPMALFORMED', pathGlobFilter 'n_*')");
      try {
        // The glob keeps the 9 n_* files, all invalid JSON, which the mode drops: 0 rows only
        // when both options reach the reader (32 without them, 9 or 23 with one).
        assertEquals(
            0,
            spark.sql("SELECT path, content, error FROM valid_json_docs").collectAsList().size());
      } finally {
        spark.sql("DROP TABLE valid_json_docs");
      }
    } finally {
      spark.stop();
    }
  }
}
