package dev.vellum.spark;

import dev.vellum.VellumConfigException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Documents at some paths, readable in batch or as a stream of new files. Options are validated
 * when the table is made.
 */
final class VellumTable implements SupportsRead {
  private final StructType schema;
  private final Map<String, String> properties;

  VellumTable(StructType schema, Map<String, String> properties) {
    this.schema = schema;
    this.properties = Map.copyOf(properties);
    VellumScanBuilder.parseOptions(this.properties);
  }

  /** {@code schema} if every field is a column of the output schema with its type. */
  static StructType checkSchema(StructType schema) {
    for (StructField field : schema.fields()) {
      boolean known =
          Arrays.stream(VellumSchema.SCHEMA.fields())
              .anyMatch(
                  column ->
                      column.name().equals(field.name())
                          && column.dataType().sameType(field.dataType()));
      if (!known) {
        throw new VellumConfigException(
            "the schema field "
                + field.name()
                + " "
                + field.dataType().simpleString()
                + " is not a column of the vellum schema; columns are "
                + VellumSchema.SCHEMA.simpleString());
      }
    }
    return schema;
  }

  @Override
  public String name() {
    return "vellum";
  }

  // Deprecated since Spark 3.4 in favour of columns(), whose default reads it: still the contract.
  @SuppressWarnings("deprecation")
  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ, TableCapability.MICRO_BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    Map<String, String> merged = new HashMap<>(properties);
    merged.putAll(options.asCaseSensitiveMap());
    return new VellumScanBuilder(schema, merged);
  }
}
