package dev.vellum;

/**
 * A defect inside the native library, contained before it could reach the JVM (for example a Rust
 * panic).
 */
public final class VellumNativeException extends VellumException {
  private static final long serialVersionUID = 1L;

  public VellumNativeException(String message) {
    super(message);
  }

  public VellumNativeException(String message, Throwable cause) {
    super(message, cause);
  }
}
