package dev.vellum;

import java.util.List;
import java.util.Objects;

/**
 * A table: rows of cells, and the same table as Markdown. {@code page} is null where the format has
 * no pages.
 */
public record Table(Integer page, List<List<String>> cells, String markdown) {
  public Table {
    cells = cells.stream().map(List::copyOf).toList();
    Objects.requireNonNull(markdown, "markdown");
  }
}
