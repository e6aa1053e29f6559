package dev.vellum.spark;

import dev.vellum.ExtractedDocument;
import dev.vellum.PartitionContext;
import dev.vellum.PostProcessor;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A test post-processor: upper-cases the content and records its lifecycle. */
public final class UpperCasePostProcessor implements PostProcessor {
  static final AtomicInteger OPENED = new AtomicInteger();
  static final AtomicInteger CLOSED = new AtomicInteger();
  static final ConcurrentLinkedQueue<Map<String, String>> OPTIONS = new ConcurrentLinkedQueue<>();

  static void reset() {
    OPENED.set(0);
    CLOSED.set(0);
    OPTIONS.clear();
  }

  @Override
  public void open(PartitionContext context) {
    OPENED.incrementAndGet();
    OPTIONS.add(context.options());
  }

  @Override
  public ExtractedDocument process(ExtractedDocument document) {
    return document.content() == null
        ? document
        : document.withContent(document.content().toUpperCase(Locale.ROOT));
  }

  @Override
  public void close() {
    CLOSED.incrementAndGet();
  }
}
