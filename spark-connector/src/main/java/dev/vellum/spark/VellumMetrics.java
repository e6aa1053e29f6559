package dev.vellum.spark;

import dev.vellum.ErrorKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * The scan's metrics in the Spark UI (the SQL tab's scan node): documents extracted, bytes read,
 * native extraction time, pages, and documents in error by kind. Each task reports its totals;
 * Spark sums them. Spark makes each metric on the driver from its class name, so every one is a
 * public class with a public no-argument constructor.
 */
public final class VellumMetrics {
  private VellumMetrics() {}

  static final String DOCUMENTS = "vellumDocuments";
  static final String BYTES_READ = "vellumBytesRead";
  static final String EXTRACTION_TIME = "vellumExtractionTimeMs";
  static final String PAGES = "vellumPages";

  /** The metric name of the documents in error of {@code kind}, e.g. {@code vellumErrorsParse}. */
  static String errorMetric(ErrorKind kind) {
    String code = kind.name();
    StringBuilder name = new StringBuilder("vellumErrors");
    for (String word : code.split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return name.toString();
  }

  /** Every metric a vellum scan reports. */
  static CustomMetric[] all() {
    List<CustomMetric> metrics = new ArrayList<>();
    metrics.add(new Documents());
    metrics.add(new BytesRead());
    metrics.add(new ExtractionTime());
    metrics.add(new Pages());
    metrics.add(new ParseErrors());
    metrics.add(new UnsupportedErrors());
    metrics.add(new LimitErrors());
    metrics.add(new TimeoutErrors());
    metrics.add(new EncryptedErrors());
    metrics.add(new IoErrors());
    metrics.add(new ValidationErrors());
    metrics.add(new OcrUnavailableErrors());
    metrics.add(new InternalErrors());
    return metrics.toArray(new CustomMetric[0]);
  }

  /** A sum over tasks, named and described. */
  abstract static class Sum extends CustomSumMetric {
    private final String name;
    private final String description;

    Sum(String name, String description) {
      this.name = name;
      this.description = description;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }
  }

  /** Documents handed to the native extractor (one per file read, also those in error). */
  public static final class Documents extends Sum {
    public Documents() {
      super(DOCUMENTS, "documents extracted");
    }
  }

  /** Bytes read from files, including the first bytes read to detect a MIME type. */
  public static final class BytesRead extends Sum {
    public BytesRead() {
      super(BYTES_READ, "document bytes read");
    }
  }

  /** Milliseconds spent in the native extractor. */
  public static final class ExtractionTime extends Sum {
    public ExtractionTime() {
      super(EXTRACTION_TIME, "native extraction time (ms)");
    }
  }

  /**
   * Pages of the documents extracted without error: the {@code pages} entries when that column is
   * read, otherwise {@code metadata.page_count}, otherwise 1 per document.
   */
  public static final class Pages extends Sum {
    public Pages() {
      super(PAGES, "pages extracted");
    }
  }

  /** Documents in error of kind {@code parse}. */
  public static final class ParseErrors extends Sum {
    public ParseErrors() {
      super(errorMetric(ErrorKind.PARSE), "documents in error: parse");
    }
  }

  /** Documents in error of kind {@code unsupported}. */
  public static final class UnsupportedErrors extends Sum {
    public UnsupportedErrors() {
      super(errorMetric(ErrorKind.UNSUPPORTED), "documents in error: unsupported");
    }
  }

  /** Documents in error of kind {@code limit}. */
  public static final class LimitErrors extends Sum {
    public LimitErrors() {
      super(errorMetric(ErrorKind.LIMIT), "documents in error: limit");
    }
  }

  /** Documents in error of kind {@code timeout}. */
  public static final class TimeoutErrors extends Sum {
    public TimeoutErrors() {
      super(errorMetric(ErrorKind.TIMEOUT), "documents in error: timeout");
    }
  }

  /** Documents in error of kind {@code encrypted}. */
  public static final class EncryptedErrors extends Sum {
    public EncryptedErrors() {
      super(errorMetric(ErrorKind.ENCRYPTED), "documents in error: encrypted");
    }
  }

  /** Documents in error of kind {@code io}. */
  public static final class IoErrors extends Sum {
    public IoErrors() {
      super(errorMetric(ErrorKind.IO), "documents in error: io");
    }
  }

  /** Documents in error of kind {@code validation}. */
  public static final class ValidationErrors extends Sum {
    public ValidationErrors() {
      super(errorMetric(ErrorKind.VALIDATION), "documents in error: validation");
    }
  }

  /** Documents in error of kind {@code ocr_unavailable}. */
  public static final class OcrUnavailableErrors extends Sum {
    public OcrUnavailableErrors() {
      super(errorMetric(ErrorKind.OCR_UNAVAILABLE), "documents in error: ocr_unavailable");
    }
  }

  /** Documents in error of kind {@code internal}. */
  public static final class InternalErrors extends Sum {
    public InternalErrors() {
      super(errorMetric(ErrorKind.INTERNAL), "documents in error: internal");
    }
  }

  /** One task's counts, reported by its reader. */
  static final class TaskCounts {
    private long documents;
    private long bytesRead;
    private long extractionNanos;
    private long pages;
    private final Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);

    void documents(long count) {
      documents += count;
    }

    void bytesRead(long count) {
      bytesRead += count;
    }

    void extractionNanos(long nanos) {
      extractionNanos += nanos;
    }

    void pages(long count) {
      pages += count;
    }

    void error(ErrorKind kind) {
      errors.merge(kind, 1L, Long::sum);
    }

    long documents() {
      return documents;
    }

    long bytesRead() {
      return bytesRead;
    }

    long errors(ErrorKind kind) {
      return errors.getOrDefault(kind, 0L);
    }

    CustomTaskMetric[] values() {
      List<CustomTaskMetric> values = new ArrayList<>();
      values.add(value(DOCUMENTS, documents));
      values.add(value(BYTES_READ, bytesRead));
      // rounded up, so a task that extracted anything reports at least a millisecond
      values.add(value(EXTRACTION_TIME, (extractionNanos + 999_999L) / 1_000_000L));
      values.add(value(PAGES, pages));
      for (ErrorKind kind : ErrorKind.values()) {
        values.add(value(errorMetric(kind), errors(kind)));
      }
      return values.toArray(new CustomTaskMetric[0]);
    }

    private static CustomTaskMetric value(String name, long value) {
      return new TaskValue(name, value);
    }
  }

  private record TaskValue(String name, long value) implements CustomTaskMetric {}
}
