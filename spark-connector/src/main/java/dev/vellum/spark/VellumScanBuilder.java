package dev.vellum.spark;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Builds a {@link VellumScan}: validates the options on the driver, keeps only the top-level
 * columns a query needs, so the native side computes only those, and takes the filters on {@code
 * path}, {@code length}, {@code modification_time} and {@code mime_type} and a {@code LIMIT}, so
 * files that cannot be in the result are never read.
 *
 * <p>Filters: every filter {@link FilePredicate#of} can evaluate exactly is handled entirely by the
 * scan (Spark does not evaluate it again); the others are left to Spark. With user post-processors
 * or validators, which may change any field, no filter is taken. The limit is partial: each
 * partition stops after that many rows and Spark keeps its own limit on top.
 */
final class VellumScanBuilder
    implements SupportsPushDownRequiredColumns, SupportsPushDownFilters, SupportsPushDownLimit {
  private final VellumOptions options;
  private StructType schema;
  private Filter[] pushedFilters = new Filter[0];
  private final List<FilePredicate> predicates = new ArrayList<>();
  private int limit = -1;

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
  public Filter[] pushFilters(Filter[] filters) {
    List<Filter> pushed = new ArrayList<>();
    List<Filter> postScan = new ArrayList<>();
    predicates.clear();
    boolean pipeline = ReaderSettings.hasPipeline(options.extraction());
    for (Filter filter : filters) {
      FilePredicate predicate = pipeline ? null : FilePredicate.of(filter);
      if (predicate == null) {
        postScan.add(filter);
      } else {
        pushed.add(filter);
        predicates.add(predicate);
      }
    }
    pushedFilters = pushed.toArray(new Filter[0]);
    return postScan.toArray(new Filter[0]);
  }

  @Override
  public Filter[] pushedFilters() {
    return pushedFilters.clone();
  }

  @Override
  public boolean pushLimit(int limit) {
    this.limit = limit;
    return true;
  }

  @Override
  public boolean isPartiallyPushed() {
    return true;
  }

  @Override
  public Scan build() {
    return new VellumScan(
        options,
        schema,
        SessionSettings.current(),
        new ScanPushdown(predicates, Arrays.asList(pushedFilters), limit));
  }
}
