package dev.vellum.bridge;

import dev.vellum.ExtractorConfig;
import dev.vellum.VellumArrowException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A native extractor: turns input batches of documents into output batches of the requested columns
 * of {@link OutputSchema}, through the Arrow C Data Interface, without copying bytes.
 *
 * <p>Thread-safe: several threads may extract at once. {@link #close()} waits for running extracts,
 * frees the native extractor exactly once, and is idempotent; any call after it throws {@link
 * IllegalStateException}. Output batches are allocated from the allocator given to {@link #open};
 * the caller closes each one.
 */
public final class BatchExtractor implements AutoCloseable {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<String> columns;
  private final BufferAllocator allocator;

  /** The native handle; 0 once closed. Read under the read lock, written under the write lock. */
  private long handle;

  /**
   * Output roots that {@link #extract(List, Function)} imports into again: creating the vectors of
   * the output schema and importing the schema cost as much as the rest of a one-document call.
   * Each is used by one thread at a time, cleared (no buffers) while here, closed by {@link
   * #close()}.
   */
  private final ConcurrentLinkedQueue<VectorSchemaRoot> idleOutputs = new ConcurrentLinkedQueue<>();

  private BatchExtractor(long handle, List<String> columns, BufferAllocator allocator) {
    this.handle = handle;
    this.columns = columns;
    this.allocator = allocator;
  }

  /**
   * Opens a native extractor for {@code config} that produces {@code columns} (names of {@link
   * OutputSchema}, in output order). Loads the native library first.
   *
   * @throws IllegalArgumentException if a column is unknown or repeated, or none is given
   * @throws dev.vellum.VellumConfigException if the native side refuses the configuration
   * @throws dev.vellum.NativeLoadException if the native library cannot be loaded
   */
  public static BatchExtractor open(
      ExtractorConfig config, List<String> columns, BufferAllocator allocator) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(allocator, "allocator");
    List<String> requested = List.copyOf(columns);
    if (requested.isEmpty()) {
      throw new IllegalArgumentException(
          "at least one column must be requested; columns are " + OutputSchema.COLUMNS);
    }
    Set<String> seen = new HashSet<>();
    for (String column : requested) {
      OutputSchema.field(column);
      if (!seen.add(column)) {
        throw new IllegalArgumentException("column '" + column + "' is requested twice");
      }
    }
    NativeLibrary.load();
    long handle = NativeMethods.createExtractor(config.toNativeJson(requested));
    return new BatchExtractor(handle, requested, allocator);
  }

  /** The output columns, in order. */
  public List<String> columns() {
    return columns;
  }

  /** Extracts {@code sources}, one output row per source, in order; the caller closes the root. */
  public VectorSchemaRoot extract(List<DocumentSource> sources) {
    Objects.requireNonNull(sources, "sources");
    Lock read = lock.readLock();
    read.lock();
    try {
      long current = openHandle();
      try (VectorSchemaRoot input = InputBatch.build(sources, allocator)) {
        return extractLocked(current, input);
      }
    } finally {
      read.unlock();
    }
  }

  /**
   * Extracts an input batch with the columns {@code path} (utf8, not null), {@code content}
   * (binary), {@code length} (int64), {@code modification_time} (timestamp[us, UTC]) and {@code
   * read_error} (utf8). The input stays owned by the caller; the output is the caller's to close.
   *
   * @throws dev.vellum.VellumArrowException if the input does not have that schema
   */
  public VectorSchemaRoot extract(VectorSchemaRoot input) {
    Objects.requireNonNull(input, "input");
    Lock read = lock.readLock();
    read.lock();
    try {
      return extractLocked(openHandle(), input);
    } finally {
      read.unlock();
    }
  }

  /**
   * Extracts {@code sources} and hands the output to {@code reader}, which must not keep the root
   * or its vectors: the root is cleared when {@code reader} returns, and reused by later calls. For
   * callers that turn the output into objects at once (the plain Java API); it saves creating the
   * output vectors and importing the schema at every call.
   */
  public <T> T extract(List<DocumentSource> sources, Function<VectorSchemaRoot, T> reader) {
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(reader, "reader");
    Lock read = lock.readLock();
    read.lock();
    try {
      long current = openHandle();
      VectorSchemaRoot output;
      try (VectorSchemaRoot input = InputBatch.build(sources, allocator)) {
        output = extractInto(current, input, idleOutputs.poll());
      }
      try {
        return reader.apply(output);
      } finally {
        output.clear();
        idleOutputs.add(output);
      }
    } finally {
      read.unlock();
    }
  }

  private long openHandle() {
    if (handle == 0) {
      throw new IllegalStateException("extractor is closed");
    }
    return handle;
  }

  private VectorSchemaRoot extractLocked(long current, VectorSchemaRoot input) {
    return extractInto(current, input, null);
  }

  /**
   * The native call: {@code input} through the C Data Interface, the output imported into {@code
   * reuse} (a root of this extractor's output schema, its schema from the native side released
   * unread) or, when it is null, into a new root.
   */
  private VectorSchemaRoot extractInto(
      long current, VectorSchemaRoot input, VectorSchemaRoot reuse) {
    try (ArrowArray inArray = ArrowArray.allocateNew(allocator);
        ArrowSchema inSchema = ArrowSchema.allocateNew(allocator);
        ArrowArray outArray = ArrowArray.allocateNew(allocator);
        ArrowSchema outSchema = reuse == null ? ArrowSchema.allocateNew(allocator) : null) {
      try {
        Data.exportVectorSchemaRoot(allocator, input, null, inArray, inSchema);
      } catch (RuntimeException e) {
        inArray.release();
        inSchema.release();
        throw new VellumArrowException(
            "the input batch cannot be exported through the C Data Interface: " + e, e);
      }
      // The native side consumes (and releases) the input structs whatever happens; given no
      // output schema struct (address 0), it writes the array only.
      NativeMethods.extract(
          current,
          inArray.memoryAddress(),
          inSchema.memoryAddress(),
          outArray.memoryAddress(),
          outSchema == null ? 0 : outSchema.memoryAddress());
      if (outSchema == null) {
        try {
          Data.importIntoVectorSchemaRoot(allocator, outArray, reuse, null);
          return reuse;
        } catch (RuntimeException e) {
          outArray.release();
          reuse.close();
          throw e;
        }
      }
      try (CDataDictionaryProvider provider = new CDataDictionaryProvider()) {
        return Data.importVectorSchemaRoot(allocator, outArray, outSchema, provider);
      } catch (RuntimeException e) {
        outArray.release();
        outSchema.release();
        throw e;
      }
    }
  }

  /** Frees the native extractor after running extracts finish; later calls do nothing. */
  @Override
  public void close() {
    Lock write = lock.writeLock();
    write.lock();
    try {
      if (handle != 0) {
        long closing = handle;
        handle = 0;
        for (VectorSchemaRoot root = idleOutputs.poll(); root != null; root = idleOutputs.poll()) {
          root.close();
        }
        NativeMethods.closeExtractor(closing);
      }
    } finally {
      write.unlock();
    }
  }
}
