package dev.vellum.testplugins;

import dev.vellum.ExtractedDocument;
import dev.vellum.PostProcessor;

/**
 * A slow user post-processor: it pauses {@value #PAUSE_MILLIS} ms on every document and returns it
 * unchanged, so that a test can act on a job while its tasks are in the middle of their batches
 * (kill an executor, cancel a job). An interrupt ends the pause early and is kept for the caller.
 */
public final class PausingPostProcessor implements PostProcessor {
  /** How long each document is held. */
  public static final long PAUSE_MILLIS = 400;

  @Override
  public ExtractedDocument process(ExtractedDocument document) {
    try {
      Thread.sleep(PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return document;
  }
}
