package dev.vellum.spark;

/** What the reader does with a document that failed (its {@code error} column is set). */
public enum ReadMode {
  /** Keep the row, with {@code error} set (the default). */
  PERMISSIVE,
  /** Drop the row. */
  DROPMALFORMED,
  /** Fail the query, naming the file and the cause. */
  FAILFAST
}
