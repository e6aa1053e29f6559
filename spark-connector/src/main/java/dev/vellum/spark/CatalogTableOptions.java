package dev.vellum.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The reader options of a table in a catalog. Spark 4.0's session catalog loads a table made with
 * {@code CREATE TABLE ... USING vellum OPTIONS (...)} through {@code TableProvider.getTable} with
 * the table's catalog properties: each option twice (as {@code key} and {@code option.key}) and the
 * catalog's reserved properties ({@code owner}, {@code provider}, {@code location}, ...), which are
 * not reader options. Spark 3.5 reads such tables through the V1 relation and passes the options
 * alone; {@code spark.read()} passes the options alone on every line.
 */
final class CatalogTableOptions {
  /** Spark's reserved table properties (TableCatalog.PROP_*), never reader options. */
  static final Set<String> RESERVED =
      Set.of(
          "owner",
          "provider",
          "location",
          "comment",
          "external",
          "is_managed_location",
          "collation");

  /** The prefix under which a catalog keeps a table's options (TableCatalog.OPTION_PREFIX). */
  static final String OPTION_PREFIX = "option.";

  private CatalogTableOptions() {}

  /** The reader options in {@code properties}: reserved properties dropped, prefixes removed. */
  static Map<String, String> readerOptions(Map<String, String> properties) {
    Map<String, String> options = new HashMap<>();
    for (Map.Entry<String, String> property : properties.entrySet()) {
      String key = property.getKey();
      if (key.startsWith(OPTION_PREFIX)) {
        options.putIfAbsent(key.substring(OPTION_PREFIX.length()), property.getValue());
      } else if (!RESERVED.contains(key)) {
        options.put(key, property.getValue());
      }
    }
    return options;
  }
}
