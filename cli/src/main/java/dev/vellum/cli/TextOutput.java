package dev.vellum.cli;

import dev.vellum.ExtractedDocument;

/** The human-readable output of {@code extract}: a header line per document, then its content. */
final class TextOutput {
  private TextOutput() {}

  static String format(ExtractedDocument doc) {
    StringBuilder text = new StringBuilder("==> ").append(doc.path());
    if (doc.mimeType() != null) {
      text.append(" (").append(doc.mimeType()).append(')');
    }
    if (doc.error() != null) {
      text.append(" error ").append(doc.error().kind().code()).append(": ");
      text.append(doc.error().message());
    }
    text.append(" <==\n");
    String content = doc.content();
    if (content != null && !content.isEmpty()) {
      text.append(content);
      if (!content.endsWith("\n")) {
        text.append('\n');
      }
    }
    return text.append('\n').toString();
  }
}
