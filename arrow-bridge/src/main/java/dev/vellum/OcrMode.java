package dev.vellum;

/** When scanned pages and images are OCRed: when needed, always, or never. */
public enum OcrMode {
  AUTO,
  FORCE,
  OFF;

  /** The option value ({@code auto}, {@code force}, {@code off}). */
  public String optionValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
