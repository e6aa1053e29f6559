package dev.vellum.spark;

import dev.vellum.ExtractedDocument;
import dev.vellum.PostProcessor;

/** A test post-processor that fails on every document. */
public final class ExplodingPostProcessor implements PostProcessor {
  @Override
  public ExtractedDocument process(ExtractedDocument document) {
    throw new IllegalArgumentException("boom on " + document.path());
  }
}
