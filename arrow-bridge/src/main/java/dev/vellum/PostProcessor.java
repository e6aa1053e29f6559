package dev.vellum;

/**
 * A user's transformation of extracted documents, named by class in the {@code postprocessors}
 * option. One instance is created per partition (public no-argument constructor) on the executor,
 * {@link #open opened}, given every document of the partition in order on the task thread, after
 * the native extraction of its batch, and {@link #close closed}. Documents that failed are passed
 * too; a post-processor that has nothing to do with them returns them unchanged.
 */
public interface PostProcessor extends AutoCloseable {
  /** Called once before the first document of the partition. */
  default void open(PartitionContext context) {}

  /** Returns the document to emit in place of {@code document} (never null). */
  ExtractedDocument process(ExtractedDocument document);

  /** Called once after the last document, also when the task fails. */
  @Override
  default void close() {}
}
