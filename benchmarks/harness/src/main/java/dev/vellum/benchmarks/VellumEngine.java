package dev.vellum.benchmarks;

import dev.vellum.ExtractedDocument;
import dev.vellum.Extractor;
import dev.vellum.ExtractorConfig;
import dev.vellum.OcrMode;
import dev.vellum.bridge.NativeLibrary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Vellum through its plain Java API, plain text output: one native call per file ({@code vellum},
 * {@link Extractor#extract(Path)}), or {@link #BATCH} files per call ({@code vellum-batch}, {@link
 * Extractor#extractAll}).
 */
final class VellumEngine implements Engine {
  /** Files per native call of {@code vellum-batch}: the API's default batch size. */
  static final int BATCH = 64;

  private final Extractor extractor;
  private final int batchSize;

  VellumEngine(long timeoutMillis, int batchSize) {
    this.batchSize = batchSize;
    extractor =
        Extractor.create(
            ExtractorConfig.builder()
                .timeout(Duration.ofMillis(timeoutMillis))
                .batchSize(BATCH)
                .ocr(TikaEngine.ocr() ? OcrMode.AUTO : OcrMode.OFF)
                .build());
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public List<Outcome> extractAll(List<Path> files) {
    List<Outcome> outcomes = new ArrayList<>(files.size());
    for (ExtractedDocument document : extractor.extractAll(files)) {
      outcomes.add(outcome(document));
    }
    return outcomes;
  }

  @Override
  public String version() {
    return NativeLibrary.nativeVersion();
  }

  @Override
  public Outcome extract(Path file) {
    return outcome(extractor.extract(file));
  }

  private static Outcome outcome(ExtractedDocument document) {
    if (document.failed()) {
      return Outcome.failure(
          document.error().kind().code() + ": " + document.error().message(), document.mimeType());
    }
    return Outcome.success(document.content(), document.mimeType());
  }

  @Override
  public void close() {
    extractor.close();
  }
}
