package dev.vellum;

import java.util.Objects;

/**
 * A piece of a document's content for retrieval. Offsets count characters (Unicode code points) of
 * {@code content}; {@code page} is null where the format has no pages.
 */
public record Chunk(int index, String content, int charStart, int charEnd, Integer page) {
  public Chunk {
    Objects.requireNonNull(content, "content");
  }
}
