package dev.vellum.spark;

import dev.vellum.bridge.BatchExtractor;
import dev.vellum.bridge.DocumentSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;

/**
 * {@link Vellum#extract}'s work in one partition: the input rows are extracted in Arrow batches of
 * {@code batchSize} documents (at most {@value VellumColumnarPartitionReader#MAX_BATCH_INPUT_BYTES}
 * bytes unless one document alone is larger), one native call per batch, by an extractor and an
 * allocator of the partition's own, closed when the rows are exhausted or the task ends, whether it
 * succeeds, fails or is killed.
 *
 * @param extraction the extraction options and row maker
 * @param contentIndex the position of the binary content column in the input rows
 * @param pathIndex the position of the path column, or -1
 */
record PartitionExtraction(DocumentExtraction extraction, int contentIndex, int pathIndex)
    implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    Rows rows = new Rows(input, Allocators.root());
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((TaskCompletionListener) context -> rows.close());
    }
    return rows;
  }

  /** The output rows: each input row with its result appended. */
  final class Rows implements Iterator<Row>, AutoCloseable {
    private final Iterator<Row> input;
    private final BufferAllocator allocator;
    private final BatchExtractor extractor;
    private final int batchSize;
    private final Deque<Row> ready = new ArrayDeque<>();
    private boolean closed;

    Rows(Iterator<Row> input, BufferAllocator parent) {
      this.input = input;
      this.allocator = parent.newChildAllocator("vellum-extract", 0, parent.getLimit());
      try {
        this.extractor = extraction.open(allocator);
      } catch (RuntimeException e) {
        allocator.close();
        throw e;
      }
      this.batchSize = dev.vellum.ExtractorConfig.fromOptions(extraction.options()).batchSize();
    }

    @Override
    public boolean hasNext() {
      if (ready.isEmpty() && !closed) {
        fill();
        if (ready.isEmpty()) {
          close();
        }
      }
      return !ready.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more rows in this partition");
      }
      return ready.poll();
    }

    /** The next batch of input rows, extracted. */
    private void fill() {
      List<Row> batch = new ArrayList<>();
      List<DocumentSource> sources = new ArrayList<>();
      long bytes = 0;
      while (input.hasNext() && batch.size() < batchSize) {
        Row row = input.next();
        batch.add(row);
        byte[] content = row.isNullAt(contentIndex) ? null : (byte[]) row.get(contentIndex);
        if (content != null) {
          String path = pathIndex < 0 ? null : row.getString(pathIndex);
          sources.add(DocumentExtraction.source(content, path));
          bytes += content.length;
          if (bytes >= VellumColumnarPartitionReader.MAX_BATCH_INPUT_BYTES) {
            break;
          }
        }
      }
      List<Row> results = sources.isEmpty() ? List.of() : extraction.results(extractor, sources);
      int next = 0;
      for (Row row : batch) {
        Row result = row.isNullAt(contentIndex) ? null : results.get(next++);
        Object[] values = new Object[row.size() + 1];
        for (int i = 0; i < row.size(); i++) {
          values[i] = row.get(i);
        }
        values[row.size()] = result;
        ready.add(RowFactory.create(values));
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        extractor.close();
      } finally {
        allocator.close();
      }
    }
  }
}
