package dev.vellum.spark;

import dev.vellum.ExtractorConfig;
import dev.vellum.bridge.BatchExtractor;
import dev.vellum.bridge.DocumentSource;
import dev.vellum.bridge.OutputSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.hadoop.conf.Configuration;

/**
 * Decides the pushed filters on {@code mime_type} on the executor from each file's first bytes: the
 * native side detects the type of those bytes without extracting anything (an extractor asked only
 * for {@code mime_type}), which is the type a full read reports, since detection looks at the first
 * {@value FileContentReader#HEADER_BYTES} bytes only. A file over {@code maxFileSize} or one that
 * cannot be read has no type (SQL NULL), as in its output row.
 */
final class MimeTypeProbe implements AutoCloseable {
  private final FileContentReader headers;
  private final List<FilePredicate> predicates;
  private final BatchExtractor detector;
  private final VellumMetrics.TaskCounts counts;

  MimeTypeProbe(
      Configuration hadoopConf,
      ExtractorConfig config,
      boolean ignoreMissingFiles,
      List<FilePredicate> predicates,
      BufferAllocator allocator,
      VellumMetrics.TaskCounts counts) {
    this.headers =
        new FileContentReader(
            hadoopConf,
            ReaderSettings.ContentNeed.HEADER,
            config.maxFileSize(),
            ignoreMissingFiles);
    this.predicates = List.copyOf(predicates);
    this.counts = counts;
    this.detector = BatchExtractor.open(config, List.of(OutputSchema.MIME_TYPE), allocator);
  }

  /** The files of {@code candidates} whose detected type the predicates keep, in order. */
  List<ListedFile> matching(List<ListedFile> candidates) {
    List<ListedFile> files = new ArrayList<>();
    List<DocumentSource> sources = new ArrayList<>();
    for (ListedFile file : candidates) {
      DocumentSource source = headers.read(file);
      if (source != null) {
        files.add(file);
        sources.add(source);
        counts.bytesRead(source.content() == null ? 0 : source.content().length);
      }
    }
    if (sources.isEmpty()) {
      return files;
    }
    List<ListedFile> kept = new ArrayList<>();
    try (VectorSchemaRoot detected = detector.extract(sources)) {
      VarCharVector types = (VarCharVector) detected.getVector(OutputSchema.MIME_TYPE);
      for (int i = 0; i < files.size(); i++) {
        String type = types.isNull(i) ? null : new String(types.get(i), StandardCharsets.UTF_8);
        if (FilePredicate.all(predicates, FilePredicate.FileFacts.listed(files.get(i), type))) {
          kept.add(files.get(i));
        }
      }
    }
    return kept;
  }

  @Override
  public void close() {
    detector.close();
  }
}
