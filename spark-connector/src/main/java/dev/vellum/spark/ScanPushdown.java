package dev.vellum.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.sources.Filter;

/**
 * What a scan was given to do besides reading: filters it evaluates itself and a row limit.
 *
 * @param predicates the pushed filters, each one that the scan evaluates entirely
 * @param filters the same filters as Spark gave them, for the plan's description
 * @param limit the most rows a partition returns, or -1 for no limit
 */
record ScanPushdown(List<FilePredicate> predicates, List<Filter> filters, int limit)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  static final ScanPushdown NONE = new ScanPushdown(List.of(), List.of(), -1);

  ScanPushdown {
    predicates = List.copyOf(predicates);
    filters = List.copyOf(filters);
  }

  /** The predicates decided by the listing alone, on the driver. */
  List<FilePredicate> listingPredicates() {
    return predicates.stream().filter(p -> !p.needsMimeType()).toList();
  }

  /** The predicates that need the detected MIME type, on the executors. */
  List<FilePredicate> mimeTypePredicates() {
    return predicates.stream().filter(FilePredicate::needsMimeType).toList();
  }

  /** Whether a partition stops after {@link #limit} rows. */
  boolean limited() {
    return limit >= 0;
  }
}
