package dev.vellum.benchmarks;

import dev.vellum.ExtractorConfig;
import dev.vellum.bridge.BatchExtractor;
import dev.vellum.bridge.DocumentSource;
import dev.vellum.bridge.OutputSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
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
 * The JNI/Arrow crossing alone: a batch of empty documents ({@code empty.txt}, zero bytes) through
 * {@link BatchExtractor#extract(List)} with every output column: building the input batch,
 * exporting it, the native call, importing the output batch and closing it. Time per batch; the
 * report divides by the batch size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
    })
public class CrossingBenchmark {
  @Param({"1", "16", "64", "256", "1024"})
  public int batchSize;

  private BufferAllocator allocator;
  private BatchExtractor extractor;
  private List<DocumentSource> batch;

  @Setup
  public void open() {
    allocator = new RootAllocator();
    extractor = BatchExtractor.open(ExtractorConfig.defaults(), OutputSchema.COLUMNS, allocator);
    List<DocumentSource> sources = new ArrayList<>(batchSize);
    for (int i = 0; i < batchSize; i++) {
      sources.add(new DocumentSource("empty-" + i + ".txt", new byte[0], 0, null, null));
    }
    batch = List.copyOf(sources);
  }

  @Benchmark
  public int extractEmptyBatch() {
    try (VectorSchemaRoot root = extractor.extract(batch)) {
      return root.getRowCount();
    }
  }

  @TearDown
  public void close() {
    extractor.close();
    allocator.close();
  }
}
