package dev.vellum.spark;

import dev.vellum.ExtractedDocument;
import dev.vellum.ValidationResult;
import dev.vellum.Validator;

/** A test validator: rejects documents whose file name contains {@code simple}. */
public final class SimpleNameValidator implements Validator {
  static final String REASON = "simple files are not wanted here";

  @Override
  public ValidationResult validate(ExtractedDocument document) {
    return document.path().contains("simple")
        ? ValidationResult.reject(REASON)
        : ValidationResult.accept();
  }
}
