package dev.vellum;

import java.util.Objects;

/** A {@link Validator}'s verdict on one document. */
public sealed interface ValidationResult {
  /** The document passes. */
  record Accepted() implements ValidationResult {}

  /** The document is rejected, for {@code reason} (it becomes the error message). */
  record Rejected(String reason) implements ValidationResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  static ValidationResult accept() {
    return new Accepted();
  }

  static ValidationResult reject(String reason) {
    return new Rejected(reason);
  }
}
