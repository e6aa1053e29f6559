package dev.vellum;

/**
 * A user's check of extracted documents, named by class in the {@code validators} option, with the
 * same per-partition lifecycle as {@link PostProcessor}; validators run after every post-processor.
 * A rejection turns the row into an error of kind {@code validation} whose message is the reason,
 * which then obeys the reader's {@code mode}. Documents that already failed are not validated.
 */
public interface Validator extends AutoCloseable {
  /** Called once before the first document of the partition. */
  default void open(PartitionContext context) {}

  /** Accepts or rejects one document. */
  ValidationResult validate(ExtractedDocument document);

  /** Called once after the last document, also when the task fails. */
  @Override
  default void close() {}
}
