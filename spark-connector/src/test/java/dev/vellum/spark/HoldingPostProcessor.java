package dev.vellum.spark;

import dev.vellum.ExtractedDocument;
import dev.vellum.PostProcessor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test post-processor that holds each document {@value #HOLD_MILLIS} ms, while its batch's Arrow
 * buffers are allocated, and counts the documents it began to hold: a test cancels a job while
 * tasks are in the middle of their batches.
 */
public final class HoldingPostProcessor implements PostProcessor {
  static final long HOLD_MILLIS = 300;
  static final AtomicInteger HELD = new AtomicInteger();

  @Override
  public ExtractedDocument process(ExtractedDocument document) {
    HELD.incrementAndGet();
    try {
      Thread.sleep(HOLD_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return document;
  }
}
