package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.bridge.OutputSchema;
import java.util.List;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class VellumSchemaTest {
  @Test
  void sparkSchemaMatchesTheArrowOutputSchemaFieldForField() {
    List<Field> arrow = OutputSchema.FIELDS;
    StructField[] spark = VellumSchema.SCHEMA.fields();
    assertEquals(arrow.size(), spark.length);
    for (int i = 0; i < spark.length; i++) {
      assertEquals(arrow.get(i).getName(), spark[i].name());
      assertEquals(arrow.get(i).isNullable(), spark[i].nullable(), spark[i].name());
      assertEquals(sparkType(arrow.get(i)), spark[i].dataType(), spark[i].name());
    }
  }

  @Test
  void topLevelColumnsAreTheOutputSchemaColumnsInOrder() {
    assertEquals(OutputSchema.COLUMNS, List.of(VellumSchema.SCHEMA.fieldNames()));
  }

  @Test
  void onlyThePathIsNeverNull() {
    for (StructField field : VellumSchema.SCHEMA.fields()) {
      assertEquals(!field.name().equals("path"), field.nullable(), field.name());
    }
  }

  /** Spark's reading of an Arrow field, as ArrowColumnVector maps the vectors. */
  private static DataType sparkType(Field field) {
    ArrowType type = field.getType();
    if (type instanceof ArrowType.Utf8) {
      return DataTypes.StringType;
    }
    if (type instanceof ArrowType.Int integer) {
      return integer.getBitWidth() == 64 ? DataTypes.LongType : DataTypes.IntegerType;
    }
    if (type instanceof ArrowType.Bool) {
      return DataTypes.BooleanType;
    }
    if (type instanceof ArrowType.Timestamp timestamp) {
      assertEquals(TimeUnit.MICROSECOND, timestamp.getUnit());
      assertEquals("UTC", timestamp.getTimezone());
      return DataTypes.TimestampType;
    }
    if (type instanceof ArrowType.Map) {
      Field entries = field.getChildren().get(0);
      Field value = entries.getChildren().get(1);
      return DataTypes.createMapType(
          sparkType(entries.getChildren().get(0)), sparkType(value), value.isNullable());
    }
    if (type instanceof ArrowType.List) {
      Field element = field.getChildren().get(0);
      return DataTypes.createArrayType(sparkType(element), element.isNullable());
    }
    if (type instanceof ArrowType.Struct) {
      return new StructType(
          field.getChildren().stream()
              .map(c -> DataTypes.createStructField(c.getName(), sparkType(c), c.isNullable()))
              .toArray(StructField[]::new));
    }
    throw new AssertionError("an Arrow type the schema should not have: " + type);
  }
}
