package dev.vellum;

/**
 * A configuration option or value is not accepted; the message names the option and the accepted
 * values.
 */
public final class VellumConfigException extends VellumException {
  private static final long serialVersionUID = 1L;

  public VellumConfigException(String message) {
    super(message);
  }

  public VellumConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
