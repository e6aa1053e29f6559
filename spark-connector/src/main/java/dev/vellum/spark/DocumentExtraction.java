package dev.vellum.spark;

import dev.vellum.ExtractorConfig;
import dev.vellum.VellumConfigException;
import dev.vellum.bridge.BatchExtractor;
import dev.vellum.bridge.DocumentSource;
import dev.vellum.bridge.OutputSchema;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.vectorized.ArrowColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Extraction of bytes already in a table, for {@code vellum_extract} and {@link Vellum#extract}:
 * each document's result is a row of {@link VellumSchema#SCHEMA}, the fields of the source's rows.
 * The options are the extraction options of the reader; user post-processors and validators are the
 * reader's only.
 *
 * @param options the extraction options
 * @param rows how result rows are made
 */
record DocumentExtraction(Map<String, String> options, ExternalRows rows) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A document given without a path is named this in its result and error messages. */
  static final String NO_PATH = "";

  /** The functions' extractors, one per options, for the life of the JVM (they are thread-safe). */
  private static final Map<Map<String, String>, BatchExtractor> SHARED = new ConcurrentHashMap<>();

  DocumentExtraction {
    options = Map.copyOf(options);
    ExtractorConfig config = ExtractorConfig.fromOptions(options);
    if (ReaderSettings.hasPipeline(config)) {
      throw new VellumConfigException(
          "post-processors and validators run in the vellum reader only, not in vellum_extract"
              + " or Vellum.extract; drop the options postprocessors and validators");
    }
  }

  /** The source of one document; its length is the content's. */
  static DocumentSource source(byte[] content, String path) {
    return new DocumentSource(
        path == null ? NO_PATH : path, content, content.length, (Instant) null, null);
  }

  /** Opens an extractor of every output column; the caller closes it. */
  BatchExtractor open(BufferAllocator allocator) {
    return BatchExtractor.open(
        ExtractorConfig.fromOptions(options), OutputSchema.COLUMNS, allocator);
  }

  /** The result row of one document, or null when {@code content} is null. */
  Row extractOne(byte[] content, String path) {
    if (content == null) {
      return null;
    }
    BatchExtractor extractor =
        SHARED.computeIfAbsent(new TreeMap<>(options), key -> open(Allocators.functions()));
    return results(extractor, List.of(source(content, path))).get(0);
  }

  /** The result rows of {@code sources}, in order. */
  List<Row> results(BatchExtractor extractor, List<DocumentSource> sources) {
    try (VectorSchemaRoot root = extractor.extract(sources)) {
      ColumnVector[] vectors = new ColumnVector[OutputSchema.COLUMNS.size()];
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = new ArrowColumnVector(root.getVector(OutputSchema.COLUMNS.get(i)));
      }
      ColumnarBatch batch = new ColumnarBatch(vectors, root.getRowCount());
      List<Row> results = new ArrayList<>(root.getRowCount());
      for (int i = 0; i < root.getRowCount(); i++) {
        results.add(rows.row(batch.getRow(i), VellumSchema.SCHEMA));
      }
      return results;
    }
  }
}
