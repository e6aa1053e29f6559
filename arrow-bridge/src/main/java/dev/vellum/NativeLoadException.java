package dev.vellum;

/**
 * The native library could not be loaded; the message names the OS, the architecture, the path
 * tried and the cause.
 */
public final class NativeLoadException extends VellumException {
  private static final long serialVersionUID = 1L;

  public NativeLoadException(String message) {
    super(message);
  }

  public NativeLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
