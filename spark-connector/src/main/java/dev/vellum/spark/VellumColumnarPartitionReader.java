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
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
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
 * listener. Closing an allocator that still holds memory throws, so a leak fails the task.
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
    this.partition = partition;
    this.settings = settings;
    this.config = settings.config();
    this.nativeColumns = settings.nativeColumns(config);
    this.files =
        new FileContentReader(
            hadoopConf,
            ReaderSettings.contentNeed(nativeColumns),
            config.maxFileSize(),
            settings.ignoreMissingFiles());
    this.allocator =
        parentAllocator.newChildAllocator(
            "vellum-partition-" + partition.index(), 0, parentAllocator.getLimit());
    BatchExtractor openedExtractor = null;
    DocumentPipeline openedPipeline = null;
    try {
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
      allocator.close();
      throw e;
    }
    this.extractor = openedExtractor;
    this.pipeline = openedPipeline;
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
    while (nextFile < partition.files().size()) {
      List<DocumentSource> sources = readNextSources();
      if (sources.isEmpty()) {
        continue;
      }
      currentBatch = produce(sources);
      if (currentBatch.numRows() > 0) {
        return true;
      }
      releaseCurrent();
    }
    return false;
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

  /** The next files, up to {@code batchSize} of them and {@link #MAX_BATCH_INPUT_BYTES}. */
  private List<DocumentSource> readNextSources() {
    List<DocumentSource> sources = new ArrayList<>();
    long bytes = 0;
    while (nextFile < partition.files().size()
        && sources.size() < config.batchSize()
        && bytes < MAX_BATCH_INPUT_BYTES) {
      DocumentSource source = files.read(partition.files().get(nextFile++));
      if (source != null) {
        sources.add(source);
        bytes += source.content() == null ? 0 : source.content().length;
      }
    }
    return sources;
  }

  private ColumnarBatch produce(List<DocumentSource> sources) {
    if (extractor == null) {
      return new ColumnarBatch(new ColumnVector[0], sources.size());
    }
    VectorSchemaRoot root = extractor.extract(sources);
    try {
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
