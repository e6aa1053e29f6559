package dev.vellum.spark;

import dev.vellum.ErrorKind;
import dev.vellum.ExtractionError;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.StructVector;

/** Reads the {@code error} struct column of an output batch. */
final class ErrorColumn {
  private final StructVector vector;

  ErrorColumn(StructVector vector) {
    this.vector = vector;
  }

  boolean failed(int row) {
    return !vector.isNull(row);
  }

  ExtractionError at(int row) {
    return new ExtractionError(ErrorKind.fromCode(text("kind", row)), text("message", row));
  }

  private String text(String child, int row) {
    VarCharVector strings = vector.getChild(child, VarCharVector.class);
    return strings.isNull(row) ? "" : new String(strings.get(row), StandardCharsets.UTF_8);
  }
}
