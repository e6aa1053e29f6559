package dev.vellum.testplugins;

import dev.vellum.ExtractedDocument;
import dev.vellum.ValidationResult;
import dev.vellum.Validator;

/** A user's validator: a document without text (empty or only white space) is rejected. */
public final class NonEmptyContentValidator implements Validator {
  /** The reason a rejected document's error message gives. */
  public static final String REASON = "the document has no text content";

  @Override
  public ValidationResult validate(ExtractedDocument document) {
    String content = document.content();
    return content == null || content.isBlank()
        ? ValidationResult.reject(REASON)
        : ValidationResult.accept();
  }
}
