package dev.vellum;

import java.util.Objects;

/** One page (or slide, sheet, section) of a document's content; numbers start at 1. */
public record Page(int number, String content) {
  public Page {
    Objects.requireNonNull(content, "content");
  }
}
