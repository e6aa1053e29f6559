package dev.vellum;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Document metadata; any field may be null (or empty) where the document does not say. */
public record Metadata(
    String title,
    List<String> authors,
    String subject,
    List<String> keywords,
    String language,
    Instant created,
    Instant modified,
    String creator,
    String producer,
    Integer pageCount,
    Boolean encrypted,
    Map<String, String> extra) {
  public Metadata {
    authors = authors == null ? List.of() : List.copyOf(authors);
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /** Metadata that says nothing. */
  public static Metadata empty() {
    return new Metadata(
        null, List.of(), null, List.of(), null, null, null, null, null, null, null, Map.of());
  }
}
