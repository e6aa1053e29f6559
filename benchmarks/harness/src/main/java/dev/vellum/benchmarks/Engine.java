package dev.vellum.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One extraction engine, as a worker process runs it: one file at a time, from many threads. */
interface Engine extends AutoCloseable {
  /** The engine's version, for the report. */
  String version();

  /** Extracts one file; a failure is an outcome, never an exception. */
  Outcome extract(Path file);

  /** How many files a worker thread hands over at once ({@link #extractAll}); 1 for most. */
  default int batchSize() {
    return 1;
  }

  /** Extracts files in one call, one outcome per file in order. */
  default List<Outcome> extractAll(List<Path> files) {
    List<Outcome> outcomes = new ArrayList<>(files.size());
    for (Path file : files) {
      outcomes.add(extract(file));
    }
    return outcomes;
  }

  @Override
  void close();

  /** What an engine made of one file. */
  record Outcome(boolean ok, String text, String mimeType, String error) {
    static Outcome success(String text, String mimeType) {
      return new Outcome(true, text == null ? "" : text, mimeType, null);
    }

    static Outcome failure(String error, String mimeType) {
      return new Outcome(false, null, mimeType, error);
    }

    static Outcome failure(Throwable cause) {
      String message = cause.getMessage();
      return failure(
          cause.getClass().getSimpleName() + (message == null ? "" : ": " + message), null);
    }
  }

  /** The engine named {@code name}, opened with a per-file timeout. */
  static Engine open(String name, long timeoutMillis) {
    return switch (name) {
      case "vellum" -> new VellumEngine(timeoutMillis, 1);
      case "vellum-batch" -> new VellumEngine(timeoutMillis, VellumEngine.BATCH);
      case "tika" -> new TikaEngine();
      case "pdfbox" -> new PdfBoxEngine();
      case "inflate" -> new InflateEngine();
      case "pdfbox-objects" -> new PdfBoxObjectsEngine();
      default -> throw new IllegalArgumentException("unknown JVM engine: " + name);
    };
  }
}
