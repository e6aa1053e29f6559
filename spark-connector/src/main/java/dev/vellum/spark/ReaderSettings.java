package dev.vellum.spark;

import dev.vellum.ExtractorConfig;
import dev.vellum.bridge.OutputSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every partition reader needs to know, sent from the driver with the reader factory.
 *
 * @param columns the output columns, in the order of the scan's schema
 * @param mode what to do with failed documents
 * @param ignoreMissingFiles whether a file that disappeared after listing is skipped
 * @param extractionOptions the extraction options, parsed again on the executor
 * @param contextOptions the options handed to post-processors and validators (no passwords)
 */
record ReaderSettings(
    List<String> columns,
    ReadMode mode,
    boolean ignoreMissingFiles,
    Map<String, String> extractionOptions,
    Map<String, String> contextOptions)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How much of each file the native side needs. */
  enum ContentNeed {
    /** Only the listing (path, length, modification time): no file is opened. */
    NONE,
    /** The first bytes, for format detection. */
    HEADER,
    /** The whole file. */
    FULL
  }

  private static final Set<String> LISTING_COLUMNS =
      Set.of(OutputSchema.PATH, OutputSchema.LENGTH, OutputSchema.MODIFICATION_TIME);

  ReaderSettings {
    columns = List.copyOf(columns);
    extractionOptions = Map.copyOf(extractionOptions);
    contextOptions = Map.copyOf(contextOptions);
  }

  ExtractorConfig config() {
    return ExtractorConfig.fromOptions(extractionOptions);
  }

  /** Whether user post-processors or validators run. */
  static boolean hasPipeline(ExtractorConfig config) {
    return !config.postprocessors().isEmpty() || !config.validators().isEmpty();
  }

  /**
   * The columns to ask the native side for: every column when a pipeline runs (a post-processor may
   * read any field), the output columns plus {@code error} when the mode must see failures,
   * otherwise exactly the output columns.
   */
  List<String> nativeColumns(ExtractorConfig config) {
    if (hasPipeline(config)) {
      return OutputSchema.COLUMNS;
    }
    List<String> asked = new ArrayList<>(columns);
    if (mode != ReadMode.PERMISSIVE && !asked.contains(OutputSchema.ERROR)) {
      asked.add(OutputSchema.ERROR);
    }
    return asked;
  }

  /** How much of each file {@code nativeColumns} needs. */
  static ContentNeed contentNeed(List<String> nativeColumns) {
    if (LISTING_COLUMNS.containsAll(nativeColumns)) {
      return ContentNeed.NONE;
    }
    return nativeColumns.stream()
            .allMatch(c -> LISTING_COLUMNS.contains(c) || c.equals(OutputSchema.MIME_TYPE))
        ? ContentNeed.HEADER
        : ContentNeed.FULL;
  }
}
