package dev.vellum.spark;

import java.util.Arrays;
import java.util.Map;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.PrunedScan;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code vellum} source for Spark's session catalog, which in Spark 3.5 reads tables made with
 * {@code CREATE TABLE ... USING vellum} through the V1 API: each scan runs the V2 reader (columnar,
 * pruned) and hands Spark its internal rows.
 */
final class VellumRelation extends BaseRelation implements PrunedScan {
  private final SQLContext sqlContext;
  private final Map<String, String> options;

  VellumRelation(SQLContext sqlContext, Map<String, String> options) {
    this.sqlContext = sqlContext;
    this.options = Map.copyOf(options);
    VellumScanBuilder.parseOptions(this.options);
  }

  @Override
  public SQLContext sqlContext() {
    return sqlContext;
  }

  @Override
  public StructType schema() {
    return VellumSchema.SCHEMA;
  }

  /** The rows are Spark's internal rows already. */
  @Override
  public boolean needConversion() {
    return false;
  }

  // With needConversion false, Spark reads the RDD's elements as InternalRows (its own contract for
  // V1 relations), so the internal RDD is handed over under the Row type the interface names.
  @SuppressWarnings("unchecked")
  @Override
  public RDD<Row> buildScan(String[] requiredColumns) {
    Column[] columns = Arrays.stream(requiredColumns).map(functions::col).toArray(Column[]::new);
    RDD<?> rows =
        sqlContext
            .sparkSession()
            .read()
            .format(VellumDataSource.class.getName())
            .options(options)
            .load()
            .select(columns)
            .queryExecution()
            .toRdd();
    return (RDD<Row>) rows;
  }
}
