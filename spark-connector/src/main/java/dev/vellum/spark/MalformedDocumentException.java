package dev.vellum.spark;

import dev.vellum.ExtractionError;
import dev.vellum.VellumException;

/** A document failed while the reader runs with {@code mode=FAILFAST}. */
public final class MalformedDocumentException extends VellumException {
  private static final long serialVersionUID = 1L;

  public MalformedDocumentException(String path, ExtractionError error) {
    super(
        "document "
            + path
            + " failed with an error of kind '"
            + error.kind().code()
            + "': "
            + error.message()
            + " (mode is FAILFAST; set the option mode=PERMISSIVE to keep failed documents as rows"
            + " with the error column set, or mode=DROPMALFORMED to skip them)");
  }
}
