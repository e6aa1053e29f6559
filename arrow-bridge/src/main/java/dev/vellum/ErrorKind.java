package dev.vellum;

import java.util.Locale;

/** The kind of a document's error: the fixed vocabulary of {@code error.kind}. */
public enum ErrorKind {
  /** The bytes are not a valid document of the detected format. */
  PARSE,
  /** No extractor exists for the detected format. */
  UNSUPPORTED,
  /** A limit (size, depth, count, ratio) was reached. */
  LIMIT,
  /** The per-document deadline passed. */
  TIMEOUT,
  /** The document is encrypted and no given password opens it. */
  ENCRYPTED,
  /** The file could not be read. */
  IO,
  /** A user validator rejected the document. */
  VALIDATION,
  /** OCR was needed but Tesseract is not installed. */
  OCR_UNAVAILABLE,
  /** A defect of Vellum itself. */
  INTERNAL;

  /** The value of {@code error.kind} in the output, e.g. {@code parse}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind whose {@link #code()} is {@code code}. */
  public static ErrorKind fromCode(String code) {
    for (ErrorKind kind : values()) {
      if (kind.code().equals(code)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown error kind '" + code + "'");
  }
}
