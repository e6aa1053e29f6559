package dev.vellum;

/**
 * How {@code content} is written: plain text, or Markdown that keeps headings, lists and tables.
 */
public enum OutputFormat {
  PLAIN,
  MARKDOWN;

  /** The option value ({@code plain}, {@code markdown}). */
  public String optionValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
