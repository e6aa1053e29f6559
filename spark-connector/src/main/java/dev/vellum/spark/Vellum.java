package dev.vellum.spark;

import dev.vellum.VellumConfigException;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Extraction of documents whose bytes are already in a table (a Delta table of blobs, the output of
 * Spark's {@code binaryFile} source). The result of each document is a struct with the fields of
 * the vellum source's rows ({@link VellumSchema#SCHEMA}); a null content gives a null result.
 *
 * <ul>
 *   <li>{@link #registerFunctions(SparkSession)} registers the SQL function {@code
 *       vellum_extract(content [, path])}, for SQL, PySpark ({@code F.expr}) and any language;
 *       {@link #extract(Column, Column)} is the same function as a column, without registering.
 *       Each call extracts one document.
 *   <li>{@link #extract(Dataset, String, String, Map)} is the fast path: it extracts each partition
 *       in Arrow batches of {@code batchSize} documents, one native call per batch, and appends the
 *       result as the column {@value #RESULT_COLUMN}.
 * </ul>
 */
public final class Vellum {
  /** The column {@link #extract(Dataset, String, String, Map)} adds. */
  public static final String RESULT_COLUMN = "document";

  private Vellum() {}

  /** Registers {@code vellum_extract(content [, path])} with the default extraction options. */
  public static void registerFunctions(SparkSession spark) {
    registerFunctions(spark, Map.of());
  }

  /**
   * Registers {@code vellum_extract(content [, path])} in {@code spark}'s session, extracting with
   * {@code options} (the reader's extraction options, e.g. {@code maxFileSize}, {@code chunkSize}).
   *
   * @throws VellumConfigException if an option is unknown or invalid
   */
  public static void registerFunctions(SparkSession spark, Map<String, String> options) {
    FunctionRegistration.register(spark, extraction(spark, options));
  }

  /** {@code vellum_extract(content, path)} as a column, with the default extraction options. */
  public static Column extract(Column content, Column path) {
    DocumentExtraction extraction = new DocumentExtraction(Map.of(), new ExternalRows(false));
    return functions
        .udf((UDF2<byte[], String, Row>) extraction::extractOne, VellumSchema.SCHEMA)
        .apply(content, path);
  }

  /**
   * {@code df} with the column {@value #RESULT_COLUMN}: the extraction of the binary column {@code
   * contentColumn}, named by the string column {@code pathColumn} (or null: no path), done per
   * partition in Arrow batches.
   *
   * @throws VellumConfigException if a column is missing or of the wrong type, {@code df} already
   *     has a column {@value #RESULT_COLUMN}, or an option is unknown or invalid
   */
  public static Dataset<Row> extract(
      Dataset<Row> df, String contentColumn, String pathColumn, Map<String, String> options) {
    StructType schema = df.schema();
    int content = column(schema, contentColumn, "binary");
    int path = pathColumn == null ? -1 : column(schema, pathColumn, "string");
    if (Arrays.asList(schema.fieldNames()).contains(RESULT_COLUMN)) {
      throw new VellumConfigException(
          "the data frame already has a column " + RESULT_COLUMN + "; rename it first");
    }
    StructType output = schema.add(RESULT_COLUMN, VellumSchema.SCHEMA, true);
    return df.mapPartitions(
        new PartitionExtraction(extraction(df.sparkSession(), options), content, path),
        Encoders.row(output));
  }

  private static DocumentExtraction extraction(SparkSession spark, Map<String, String> options) {
    boolean java8Time =
        Boolean.parseBoolean(spark.conf().get("spark.sql.datetime.java8API.enabled", "false"));
    return new DocumentExtraction(options, new ExternalRows(java8Time));
  }

  private static int column(StructType schema, String name, String type) {
    for (int i = 0; i < schema.size(); i++) {
      StructField field = schema.fields()[i];
      if (field.name().equals(name)) {
        boolean matches =
            type.equals("binary")
                ? field.dataType().sameType(DataTypes.BinaryType)
                : field.dataType().sameType(DataTypes.StringType);
        if (!matches) {
          throw new VellumConfigException(
              "column " + name + " is " + field.dataType().simpleString() + ", not " + type);
        }
        return i;
      }
    }
    throw new VellumConfigException(
        "no column " + name + "; the columns are " + String.join(", ", schema.fieldNames()));
  }
}
