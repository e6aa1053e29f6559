package dev.vellum.spark;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Builds a {@link VellumScan}: validates the options on the driver and keeps only the top-level
 * columns a query needs, so the native side computes only those.
 */
final class VellumScanBuilder implements SupportsPushDownRequiredColumns {
  private final VellumOptions options;
  private StructType schema;

  VellumScanBuilder(StructType schema, Map<String, String> options) {
    this.schema = schema;
    this.options = parseOptions(options);
  }

  /**
   * Parses reader options with the session time zone; {@code ignoreMissingFiles} defaults to the
   * session's {@code spark.sql.files.ignoreMissingFiles}, as for Spark's file sources.
   */
  static VellumOptions parseOptions(Map<String, String> options) {
    SQLConf conf = SQLConf.get();
    Map<String, String> withDefaults = new HashMap<>(options);
    boolean ignoreMissingGiven =
        options.keySet().stream().anyMatch(VellumOptions.IGNORE_MISSING_FILES::equalsIgnoreCase);
    if (!ignoreMissingGiven && conf.ignoreMissingFiles()) {
      withDefaults.put(VellumOptions.IGNORE_MISSING_FILES, "true");
    }
    return VellumOptions.parse(withDefaults, ZoneId.of(conf.sessionLocalTimeZone()));
  }

  /** Keeps the top-level columns named in {@code requiredSchema}, whole, in table order. */
  @Override
  public void pruneColumns(StructType requiredSchema) {
    Set<String> required =
        Arrays.stream(requiredSchema.fields()).map(StructField::name).collect(Collectors.toSet());
    schema =
        new StructType(
            Arrays.stream(schema.fields())
                .filter(field -> required.contains(field.name()))
                .toArray(StructField[]::new));
  }

  @Override
  public Scan build() {
    return new VellumScan(options, schema, SessionSettings.current());
  }
}
