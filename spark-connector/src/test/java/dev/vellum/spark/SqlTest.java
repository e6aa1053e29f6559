package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlTest {
  private static SparkSession spark;
  private static String jsonSuite;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    jsonSuite = TestSpark.corpus("jsontestsuite").toString();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void aTemporaryViewUsingVellumReadsTheDocuments() {
    spark.sql(
        "CREATE OR REPLACE TEMPORARY VIEW docs USING vellum OPTIONS (path '"
            + jsonSuite
            + "', pathGlobFilter 'n_*')");
    List<Row> rows =
        spark.sql("SELECT error.kind, count(*) FROM docs GROUP BY error.kind").collectAsList();
    assertEquals(1, rows.size());
    assertEquals("parse", rows.get(0).getString(0));
    assertEquals(9, rows.get(0).getLong(1));
    String plan = spark.sql("EXPLAIN SELECT path FROM docs").first().getString(0);
    assertTrue(plan.contains("vellum [") && plan.contains("9 files, columns path"), plan);
  }

  @Test
  void aTableUsingVellumReadsTheDocuments() {
    spark.sql("DROP TABLE IF EXISTS json_docs");
    spark.sql("CREATE TABLE json_docs USING vellum OPTIONS (path '" + jsonSuite + "')");
    try {
      assertEquals(
          VellumSchema.SCHEMA.fieldNames().length, spark.table("json_docs").schema().size());
      assertEquals(32, spark.sql("SELECT path, mime_type FROM json_docs").collectAsList().size());
      assertEquals(32, spark.sql("SELECT count(*) FROM json_docs").first().getLong(0));
      assertEquals(
          9,
          spark
              .sql("SELECT path FROM json_docs WHERE error.kind = 'parse'")
              .collectAsList()
              .size());
    } finally {
      spark.sql("DROP TABLE json_docs");
    }
  }

  @Test
  void theV1RelationHasTheVellumSchemaAndGivesInternalRows() {
    var relation = new VellumRelation(spark.sqlContext(), java.util.Map.of("path", jsonSuite));
    assertEquals(spark.sqlContext(), relation.sqlContext());
    assertEquals(VellumSchema.SCHEMA, relation.schema());
    assertEquals(false, relation.needConversion());
    assertEquals(32, relation.buildScan(new String[] {"path"}).count());
  }
}
