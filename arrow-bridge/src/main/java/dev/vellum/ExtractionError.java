package dev.vellum;

import java.util.Objects;

/** Why a document could not be extracted: the {@code error} struct of its row. */
public record ExtractionError(ErrorKind kind, String message) {
  public ExtractionError {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
