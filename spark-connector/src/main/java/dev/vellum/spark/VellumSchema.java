package dev.vellum.spark;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * DESIGN.md's output schema as a Spark {@link StructType}: the same fields, types and nullability
 * as the Arrow form in {@link dev.vellum.bridge.OutputSchema}.
 */
public final class VellumSchema {
  private VellumSchema() {}

  /** The whole output schema, in column order. */
  public static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            field("path", DataTypes.StringType, false),
            field("modification_time", DataTypes.TimestampType),
            field("length", DataTypes.LongType),
            field("mime_type", DataTypes.StringType),
            field("content", DataTypes.StringType),
            field(
                "metadata",
                struct(
                    field("title", DataTypes.StringType),
                    field("authors", strings()),
                    field("subject", DataTypes.StringType),
                    field("keywords", strings()),
                    field("language", DataTypes.StringType),
                    field("created", DataTypes.TimestampType),
                    field("modified", DataTypes.TimestampType),
                    field("creator", DataTypes.StringType),
                    field("producer", DataTypes.StringType),
                    field("page_count", DataTypes.IntegerType),
                    field("encrypted", DataTypes.BooleanType),
                    field(
                        "extra",
                        DataTypes.createMapType(
                            DataTypes.StringType, DataTypes.StringType, true)))),
            field(
                "pages",
                DataTypes.createArrayType(
                    struct(
                        field("number", DataTypes.IntegerType),
                        field("content", DataTypes.StringType)),
                    true)),
            field(
                "tables",
                DataTypes.createArrayType(
                    struct(
                        field("page", DataTypes.IntegerType),
                        field("cells", DataTypes.createArrayType(strings(), true)),
                        field("markdown", DataTypes.StringType)),
                    true)),
            field(
                "chunks",
                DataTypes.createArrayType(
                    struct(
                        field("index", DataTypes.IntegerType),
                        field("content", DataTypes.StringType),
                        field("char_start", DataTypes.IntegerType),
                        field("char_end", DataTypes.IntegerType),
                        field("page", DataTypes.IntegerType)),
                    true)),
            field("languages", strings()),
            field(
                "error",
                struct(field("kind", DataTypes.StringType), field("message", DataTypes.StringType)))
          });

  private static StructField field(String name, DataType type) {
    return field(name, type, true);
  }

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  private static StructType struct(StructField... fields) {
    return DataTypes.createStructType(fields);
  }

  private static ArrayType strings() {
    return DataTypes.createArrayType(DataTypes.StringType, true);
  }
}
