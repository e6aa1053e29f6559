package dev.vellum.spark;

import java.util.Map;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.sources.RelationProvider;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.collection.JavaConverters;

/**
 * The {@code vellum} data source: {@code spark.read().format("vellum").load(paths)} gives one row
 * per document, with the schema of {@link VellumSchema}. It is also a V1 {@link RelationProvider},
 * only because Spark 3.5's session catalog reads {@code CREATE TABLE ... USING vellum} tables
 * through that API (its parameter type is Spark's, a Scala map).
 */
public final class VellumDataSource implements TableProvider, DataSourceRegister, RelationProvider {
  @Override
  public String shortName() {
    return "vellum";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return VellumSchema.SCHEMA;
  }

  /**
   * A user-given schema is accepted when every field is a column of {@link VellumSchema} with its
   * type; the table then has those columns.
   */
  @Override
  public boolean supportsExternalMetadata() {
    return true;
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new VellumTable(
        VellumTable.checkSchema(schema), CatalogTableOptions.readerOptions(properties));
  }

  @Override
  public BaseRelation createRelation(
      SQLContext sqlContext, scala.collection.immutable.Map<String, String> parameters) {
    return new VellumRelation(
        sqlContext, JavaConverters.mapAsJavaMapConverter(parameters).asJava());
  }
}
