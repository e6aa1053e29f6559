package dev.vellum.bridge;

/**
 * Every {@code native} method of Vellum, and nothing else. Arguments are primitives, configuration
 * bytes and addresses of Arrow C Data Interface structs that Java allocated ({@code
 * ArrowArray.allocateNew(..).memoryAddress()}); the native side never calls back into Java.
 *
 * <p>Errors of a call (not of a document) arrive as exceptions of a fixed class per kind: {@link
 * dev.vellum.VellumConfigException} for a bad configuration, {@link IllegalStateException} for a
 * closed or unknown handle, {@link dev.vellum.VellumArrowException} for an unusable Arrow input,
 * {@link dev.vellum.VellumNativeException} for a defect inside the native library (a contained
 * panic).
 *
 * <p>Callers load the library first with {@link NativeLibrary#load()} ({@link BatchExtractor#open}
 * does); the input structs given to {@link #extract} are always consumed by the native side, even
 * when the call throws, so the caller never releases them itself.
 */
final class NativeMethods {
  private NativeMethods() {}

  /** How many times the native core was initialised in this process (1 once loaded). */
  static native long initializationCount();

  /** The version of the native library, for diagnostics. */
  static native String nativeVersion();

  /**
   * Creates an extractor from the UTF-8 JSON configuration ({@link dev.vellum.ExtractorConfig}
   * writes it) and returns its handle, never 0.
   */
  static native long createExtractor(byte[] configJson);

  /**
   * Extracts the documents of one input batch. The input struct array (path utf8, content binary,
   * length int64, modification_time timestamp[us, UTC], read_error utf8) is imported and released
   * by the native side; the output (a struct array whose fields are the configured columns of the
   * output schema) is written into the two output structs, which the caller imports. An output
   * schema address of 0 asks for the array only: the caller imports it into vectors of the schema
   * it already has.
   */
  static native void extract(
      long handle,
      long inputArrayAddress,
      long inputSchemaAddress,
      long outputArrayAddress,
      long outputSchemaAddress);

  /** Frees an extractor. The Java side calls it exactly once per handle. */
  static native void closeExtractor(long handle);
}
