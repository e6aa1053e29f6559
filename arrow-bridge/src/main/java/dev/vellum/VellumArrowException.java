package dev.vellum;

/** An Arrow batch crossing the native boundary was not usable. */
public final class VellumArrowException extends VellumException {
  private static final long serialVersionUID = 1L;

  public VellumArrowException(String message) {
    super(message);
  }

  public VellumArrowException(String message, Throwable cause) {
    super(message, cause);
  }
}
