package dev.vellum.benchmarks;

import dev.vellum.ExtractedDocument;
import dev.vellum.Extractor;
import dev.vellum.ExtractorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The plain Java API over one folder of the corpus: the time to extract every file in it, one
 * native call per batch. The folder is {@code corpus} resolved against the system property {@code
 * vellum.corpus} (default {@code ../shared/corpus}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
    })
public class ExtractBenchmark {
  @Param({"jsontestsuite", "csv-spectrum"})
  public String corpus;

  private List<Path> files;
  private Extractor extractor;

  @Setup
  public void open() throws IOException {
    Path folder = Path.of(System.getProperty("vellum.corpus", "../shared/corpus")).resolve(corpus);
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    extractor = Extractor.create(ExtractorConfig.defaults());
  }

  @Benchmark
  public List<ExtractedDocument> extractAll() {
    return extractor.extractAll(files);
  }

  @TearDown
  public void close() {
    extractor.close();
  }
}
