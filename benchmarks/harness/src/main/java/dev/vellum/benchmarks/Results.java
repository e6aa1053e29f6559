package dev.vellum.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Everything one run measured, as the report reads it. */
record Results(
    Options options,
    Map<String, String> machine,
    List<Doc> docs,
    List<String> families,
    List<EngineResult> engines,
    List<PassRecord> passes,
    int roundsCut,
    List<QualityRow> quality,
    List<LowF1> lowest,
    Map<String, String> spark,
    List<JmhRow> jmh,
    String startedAt,
    String finishedAt,
    long elapsedSeconds) {

  /** One file of the corpus. */
  record Doc(int index, Path path, String relative, String family, long bytes) {}

  /** One timed pass: one engine over one family's files with some threads, in one round. */
  record PassRecord(
      String engine,
      String family,
      int threads,
      int round,
      int files,
      long bytes,
      int skipped,
      int charged,
      long wallNanos,
      int restarts) {
    double seconds() {
      return wallNanos / 1e9;
    }

    double filesPerSecond() {
      return files / Math.max(seconds(), 1e-9);
    }

    double megabytesPerSecond() {
      return bytes / 1e6 / Math.max(seconds(), 1e-9);
    }
  }

  /** One engine's robustness and memory. */
  record EngineResult(
      String name,
      String version,
      String unavailable,
      int starts,
      long peakHwmKb,
      long peakOutsideHeapKb,
      long peakHeapKb,
      Map<Integer, WorkerProcess.FileResult> first,
      Map<Integer, String> timedOut,
      Map<Integer, String> crashed) {}

  /**
   * Token F1 of Vellum against one peer over one family: per file (median, 10th percentile), over
   * all tokens of all files (micro), and over the files where the peer finds at least {@link
   * TokenF1#LARGE} tokens (where one token no longer moves a file's score much); and the files
   * whose Vellum text is garbled while the peer's is not ({@link TokenF1#garbled}); and the median
   * over the files that read as English in either text ({@link TokenF1#english}).
   */
  record QualityRow(
      String family,
      String peer,
      int pairs,
      double median,
      double p10,
      double micro,
      int large,
      double largeMedian,
      double largeP10,
      List<String> garbled,
      int english,
      double englishMedian) {}

  /** One of the files where Vellum and Tika agree least. */
  record LowF1(String path, String family, double f1, String vellum, String tika) {}

  /** The boundary's cost for one batch size. */
  record JmhRow(int batchSize, double nanosPerBatch, double error) {
    double nanosPerDocument() {
      return nanosPerBatch / batchSize;
    }
  }
}
