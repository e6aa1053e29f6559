package dev.vellum;

/**
 * Base class of the exceptions Vellum throws for a broken call (never for a document that fails:
 * that is a row with {@code error} set).
 */
public class VellumException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VellumException(String message) {
    super(message);
  }

  public VellumException(String message, Throwable cause) {
    super(message, cause);
  }
}
