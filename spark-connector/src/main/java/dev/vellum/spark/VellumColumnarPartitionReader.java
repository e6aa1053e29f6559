package dev.vellum.spark;

import dev.vellum.DocumentPipeline;
import dev.vellum.ExtractedDocument;
import dev.vellum.ExtractorConfig;
import dev.vellum.PartitionContext;
import dev.vellum.bridge.BatchExtractor;
import dev.vellum.bridge.DocumentReader;
import dev.vellum.bridge.DocumentSource;
import dev.vellum.bridge.DocumentWriter;
import dev.vellum.bridge.OutputSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.vectorized.ArrowColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Reads one partition's files on the executor and extracts them natively, {@code batchSize}
 * documents (at most {@value #MAX_BATCH_INPUT_BYTES} input bytes) per call; the output vectors go
 * to Spark as {@link ArrowColumnVector}s without copying. Post-processors and validators, when
 * configured, and the DROPMALFORMED and FAILFAST modes work on the batch before Spark sees it.
 *
 * <p>Memory: one allocator per reader, a child of the JVM's root; each batch is closed when the
 * next is produced; everything is closed by {@link #close()}, also from the task's completion
 * listener, so a task that fails or is killed releases its memory too. Closing an allocator that
 * still holds memory throws, so a leak fails the task. A batch holds at most {@value
 * #MAX_BATCH_INPUT_BYTES} input bytes unless one file alone is larger (up to {@code maxFileSize}).
 *
 * <p>Pushdown: files are dropped by the pushed filters on {@code mime_type} after reading only
 * their first bytes and detecting their type natively (no extraction); a pushed limit stops the
 * reader after that many rows. The task's {@link VellumMetrics} are reported to Spark.
 */
final class VellumColumnarPartitionReader implements PartitionReader<ColumnarBatch> {
  /** A batch holds at most this many input bytes, however many documents {@code batchSize} says. */
  static final long MAX_BATCH_INPUT_BYTES = 64L << 20;

  private final VellumInputPartition partition;
  private final ReaderSettings settings;
  private final ExtractorConfig config;
  private final List<String> nativeColumns;
  private final FileContentReader files;
  private final BufferAllocator allocator;
  private final BatchExtractor extractor;
  private final DocumentPipeline pipeline;
  private final MimeTypeProbe probe;
  private final ScanPushdown pushdown;
  private final boolean extracts;
  private final VellumMetrics.TaskCounts counts = new VellumMetrics.TaskCounts();
  private long rowsReturned;
  private int nextFile;
  private VectorSchemaRoot currentRoot;
  private ColumnarBatch currentBatch;
  private boolean closed;

  VellumColumnarPartitionReader(
      VellumInputPartition partition,
      ReaderSettings settings,
      Configuration hadoopConf,
      TaskContext task) {
    this(partition, settings, hadoopConf, task, Allocators.root());
  }

  /** A reader whose allocator is a child of {@code parentAllocator}. */
  VellumColumnarPartitionReader(
      VellumInputPartition partition,
      ReaderSettings settings,
      Configuration hadoopConf,
      TaskContext task,
      BufferAllocator parentAllocator) {
    this(partition, settings, hadoopConf, task, parentAllocator, ScanPushdown.NONE);
  }

  /** A reader that also applies the executor's part of {@code pushdown}. */
  VellumColumnarPartitionReader(
      VellumInputPartition partition,
      ReaderSettings settings,
      Configuration hadoopConf,
      TaskContext task,
      BufferAllocator parentAllocator,
      ScanPushdown pushdown) {
    this.partition = partition;
    this.settings = settings;
    this.pushdown = pushdown;
    this.config = settings.config();
    List<String> asked = settings.nativeColumns(config);
    ReaderSettings.ContentNeed need = ReaderSettings.contentNeed(asked);
    this.extracts = need == ReaderSettings.ContentNeed.FULL;
    this.nativeColumns = extracts ? withMetricColumns(asked) : asked;
    this.files =
        new FileContentReader(
            hadoopConf, need, config.maxFileSize(), settings.ignoreMissingFiles());
    this.allocator =
        parentAllocator.newChildAllocator(
            "vellum-partition-" + partition.index(), 0, parentAllocator.getLimit());
    BatchExtractor openedExtractor = null;
    DocumentPipeline openedPipeline = null;
    MimeTypeProbe openedProbe = null;
    try {
      if (!pushdown.mimeTypePredicates().isEmpty()) {
        openedProbe =
            new MimeTypeProbe(
                hadoopConf,
                config,
                settings.ignoreMissingFiles(),
                pushdown.mimeTypePredicates(),
                allocator,
                counts);
      }
      if (!nativeColumns.isEmpty()) {
        openedExtractor = BatchExtractor.open(config, nativeColumns, allocator);
      }
      if (ReaderSettings.hasPipeline(config)) {
        PartitionContext context =
            new PartitionContext(
                task == null ? partition.index() : task.partitionId(),
                task == null ? 0 : task.taskAttemptId(),
                settings.contextOptions());
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        openedPipeline =
            DocumentPipeline.open(
                config, context, loader != null ? loader : getClass().getClassLoader());
      }
    } catch (RuntimeException e) {
      if (openedExtractor != null) {
        openedExtractor.close();
      }
      if (openedProbe != null) {
        openedProbe.close();
      }
      allocator.close();
      throw e;
    }
    this.extractor = openedExtractor;
    this.pipeline = openedPipeline;
    this.probe = openedProbe;
    if (task != null) {
      task.addTaskCompletionListener((TaskCompletionListener) context -> close());
    }
  }

  @Override
  public boolean next() {
    if (closed) {
      throw new IllegalStateException(
          "the reader of partition " + partition.index() + " is closed");
    }
    releaseCurrent();
    while (nextFile < partition.files().size() && !limitReached()) {
      List<DocumentSource> sources = readNextSources();
      if (sources.isEmpty()) {
        continue;
      }
      currentBatch = produce(sources);
      if (currentBatch.numRows() > 0) {
        rowsReturned += currentBatch.numRows();
        return true;
      }
      releaseCurrent();
    }
    return false;
  }

  private boolean limitReached() {
    return pushdown.limited() && rowsReturned >= pushdown.limit();
  }

  /** The task's metrics so far: Spark reads them after each batch and at the end. */
  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return counts.values();
  }

  /**
   * {@code error} and {@code metadata} as well, cheap beside a full extraction, for the metrics.
   */
  private static List<String> withMetricColumns(List<String> asked) {
    List<String> columns = new ArrayList<>(asked);
    for (String extra : List.of(OutputSchema.ERROR, OutputSchema.METADATA)) {
      if (!columns.contains(extra)) {
        columns.add(extra);
      }
    }
    return columns;
  }

  @Override
  public ColumnarBatch get() {
    if (currentBatch == null) {
      throw new IllegalStateException("no current batch: call next() first");
    }
    return currentBatch;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      releaseCurrent();
    } finally {
      try {
        if (pipeline != null) {
          pipeline.close();
        }
        if (probe != null) {
          probe.close();
        }
      } finally {
        try {
          if (extractor != null) {
            extractor.close();
          }
        } finally {
          closeAllocator();
        }
      }
    }
  }

  private void closeAllocator() {
    try {
      allocator.close();
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "Arrow memory leaked by the reader of partition " + partition.index(), e);
    }
  }

  private void releaseCurrent() {
    currentBatch = null;
    if (currentRoot != null) {
      currentRoot.close();
      currentRoot = null;
    }
  }

  /**
   * The next files that the pushed filters keep, up to {@code batchSize} of them (fewer under a
   * limit) and, unless the first file alone is larger, {@link #MAX_BATCH_INPUT_BYTES}: a file is
   * left for the next batch before it is read when it would not fit.
   */
  private List<DocumentSource> readNextSources() {
    List<ListedFile> listed = partition.files();
    int rows = config.batchSize();
    if (pushdown.limited()) {
      rows = (int) Math.min(rows, pushdown.limit() - rowsReturned);
    }
    List<DocumentSource> sources = new ArrayList<>();
    long bytes = 0;
    boolean full = false;
    while (!full && nextFile < listed.size() && sources.size() < rows) {
      List<ListedFile> candidates = new ArrayList<>();
      while (nextFile < listed.size() && sources.size() + candidates.size() < rows) {
        long cost = files.bytesToRead(listed.get(nextFile));
        if ((!sources.isEmpty() || !candidates.isEmpty()) && bytes + cost > MAX_BATCH_INPUT_BYTES) {
          full = true;
          break;
        }
        bytes += cost;
        candidates.add(listed.get(nextFile++));
      }
      for (ListedFile file : probe == null ? candidates : probe.matching(candidates)) {
        DocumentSource source = files.read(file);
        if (source != null) {
          sources.add(source);
          counts.bytesRead(source.content() == null ? 0 : source.content().length);
        }
      }
    }
    return sources;
  }

  private ColumnarBatch produce(List<DocumentSource> sources) {
    if (extractor == null) {
      counts.documents(sources.size());
      return new ColumnarBatch(new ColumnVector[0], sources.size());
    }
    long started = System.nanoTime();
    VectorSchemaRoot root = extractor.extract(sources);
    counts.extractionNanos(System.nanoTime() - started);
    counts.documents(sources.size());
    try {
      if (pipeline == null) {
        countResults(root);
      }
      root = pipeline != null ? runPipeline(root) : applyMode(root, sources);
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
    currentRoot = root;
    ColumnVector[] vectors = new ColumnVector[settings.columns().size()];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = new ArrowColumnVector(root.getVector(settings.columns().get(i)));
    }
    return new ColumnarBatch(vectors, root.getRowCount());
  }

  /** Post-processors and validators on every document, then the mode; a new root. */
  private VectorSchemaRoot runPipeline(VectorSchemaRoot extracted) {
    List<ExtractedDocument> documents = DocumentReader.read(extracted);
    List<ExtractedDocument> kept = new ArrayList<>(documents.size());
    for (ExtractedDocument document : documents) {
      ExtractedDocument result = pipeline.apply(document);
      if (result.failed()) {
        counts.error(result.error().kind());
      } else {
        counts.pages(Math.max(1, result.pages().size()));
      }
      if (keep(result.path(), result)) {
        kept.add(result);
      }
    }
    VectorSchemaRoot written = DocumentWriter.write(kept, settings.columns(), allocator);
    extracted.close();
    return written;
  }

  private boolean keep(String path, ExtractedDocument document) {
    if (!document.failed()) {
      return true;
    }
    return switch (settings.mode()) {
      case PERMISSIVE -> true;
      case DROPMALFORMED -> false;
      case FAILFAST -> throw new MalformedDocumentException(path, document.error());
    };
  }

  /** Errors by kind and pages of a batch straight from the native side, into the task's counts. */
  private void countResults(VectorSchemaRoot root) {
    FieldVector errorVector = root.getVector(OutputSchema.ERROR);
    if (errorVector == null) {
      return;
    }
    ErrorColumn errors = new ErrorColumn((StructVector) errorVector);
    FieldVector pages = root.getVector(OutputSchema.PAGES);
    StructVector metadata = (StructVector) root.getVector(OutputSchema.METADATA);
    IntVector pageCounts =
        metadata == null ? null : metadata.getChild("page_count", IntVector.class);
    for (int row = 0; row < root.getRowCount(); row++) {
      if (errors.failed(row)) {
        counts.error(errors.at(row).kind());
      } else if (!extracts) {
        continue;
      } else if (pages instanceof ListVector list && !list.isNull(row)) {
        counts.pages(list.getElementEndIndex(row) - list.getElementStartIndex(row));
      } else if (pageCounts != null && !metadata.isNull(row) && !pageCounts.isNull(row)) {
        counts.pages(pageCounts.get(row));
      } else {
        counts.pages(1);
      }
    }
  }

  /** DROPMALFORMED and FAILFAST on a batch straight from the native side. */
  private VectorSchemaRoot applyMode(VectorSchemaRoot root, List<DocumentSource> sources) {
    if (settings.mode() == ReadMode.PERMISSIVE) {
      return root;
    }
    ErrorColumn errors = new ErrorColumn((StructVector) root.getVector(OutputSchema.ERROR));
    List<Integer> kept = new ArrayList<>();
    for (int row = 0; row < root.getRowCount(); row++) {
      if (!errors.failed(row)) {
        kept.add(row);
      } else if (settings.mode() == ReadMode.FAILFAST) {
        throw new MalformedDocumentException(sources.get(row).path(), errors.at(row));
      }
    }
    if (kept.size() == root.getRowCount()) {
      return root;
    }
    VectorSchemaRoot filtered = copyRows(root, kept);
    root.close();
    return filtered;
  }

  /** The output columns of {@code rows} of {@code root}, copied into a new root. */
  private VectorSchemaRoot copyRows(VectorSchemaRoot root, List<Integer> rows) {
    List<FieldVector> copies = new ArrayList<>();
    try {
      for (String column : settings.columns()) {
        FieldVector from = root.getVector(column);
        FieldVector to = from.getField().createVector(allocator);
        copies.add(to);
        to.allocateNew();
        TransferPair pair = from.makeTransferPair(to);
        for (int i = 0; i < rows.size(); i++) {
          pair.copyValueSafe(rows.get(i), i);
        }
        to.setValueCount(rows.size());
      }
    } catch (RuntimeException e) {
      copies.forEach(FieldVector::close);
      throw e;
    }
    VectorSchemaRoot filtered = new VectorSchemaRoot(copies);
    filtered.setRowCount(rows.size());
    return filtered;
  }
}
