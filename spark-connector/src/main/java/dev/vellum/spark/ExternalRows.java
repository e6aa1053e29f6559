package dev.vellum.spark;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Turns rows of an output batch (Spark's internal rows over Arrow vectors) into external {@link
 * Row}s of the output schema, in the forms both a UDF's result and a row encoder accept: structs as
 * rows, arrays as {@code Object[]}, maps as Scala maps, timestamps as {@link Timestamp} or, when
 * {@code spark.sql.datetime.java8API.enabled} is set, {@link Instant}.
 *
 * @param java8Time whether timestamps are {@link Instant}s
 */
record ExternalRows(boolean java8Time) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The external row of {@code row}, whose fields are those of {@code schema}. */
  Row row(InternalRow row, StructType schema) {
    Object[] values = new Object[schema.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(row, i, schema.fields()[i].dataType());
    }
    return RowFactory.create(values);
  }

  private Object value(SpecializedGetters data, int ordinal, DataType type) {
    if (data.isNullAt(ordinal)) {
      return null;
    } else if (type instanceof StringType) {
      return data.getUTF8String(ordinal).toString();
    } else if (type instanceof LongType) {
      return data.getLong(ordinal);
    } else if (type instanceof IntegerType) {
      return data.getInt(ordinal);
    } else if (type instanceof BooleanType) {
      return data.getBoolean(ordinal);
    } else if (type instanceof TimestampType) {
      long micros = data.getLong(ordinal);
      Instant instant =
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
      return java8Time ? instant : Timestamp.from(instant);
    } else if (type instanceof StructType struct) {
      return row(data.getStruct(ordinal, struct.size()), struct);
    } else if (type instanceof ArrayType array) {
      return elements(data.getArray(ordinal), array.elementType());
    } else if (type instanceof MapType map) {
      MapData entries = data.getMap(ordinal);
      Object[] keys = elements(entries.keyArray(), map.keyType());
      return scalaMap(keys, elements(entries.valueArray(), map.valueType()));
    }
    throw new IllegalArgumentException(
        "the output schema has no " + type.simpleString() + " field");
  }

  /**
   * An immutable Scala map of {@code keys} to {@code values}: Spark's row encoder and UDF results
   * take maps as Scala maps on every line.
   */
  // Scala 2.13's Map.updated returns the map's collection type constructor, which Java sees as a
  // raw type (2.12's is generic): the one unchecked conversion is confined here.
  @SuppressWarnings("unchecked")
  private static scala.collection.immutable.Map<Object, Object> scalaMap(
      Object[] keys, Object[] values) {
    scala.collection.immutable.Map<Object, Object> result =
        scala.collection.immutable.Map$.MODULE$.empty();
    for (int i = 0; i < keys.length; i++) {
      result = result.updated(keys[i], values[i]);
    }
    return result;
  }

  private Object[] elements(ArrayData array, DataType type) {
    Object[] values = new Object[array.numElements()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(array, i, type);
    }
    return values;
  }
}
