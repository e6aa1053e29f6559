package dev.vellum;

import dev.vellum.bridge.BatchExtractor;
import dev.vellum.bridge.DocumentReader;
import dev.vellum.bridge.DocumentSource;
import dev.vellum.bridge.OutputSchema;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Extracts documents with the native core, without Spark: the plain Java API.
 *
 * <pre>{@code
 * try (Extractor extractor = Extractor.create(ExtractorConfig.builder().extractTables(true).build())) {
 *   ExtractedDocument doc = extractor.extract(Path.of("report.html"));
 *   if (doc.failed()) { ... doc.error().kind() ... } else { ... doc.content() ... }
 * }
 * }</pre>
 *
 * <p>A document that cannot be extracted (missing, unreadable, too large, malformed) is a result
 * with {@link ExtractedDocument#error()} set, never an exception; exceptions are for broken calls
 * (a closed extractor, a bad configuration, a defect of the native library). Every output column is
 * computed. The post-processors and validators the configuration names are run on every result
 * (instantiated once per extractor with the context class loader, opened with a {@link
 * PartitionContext} of partition 0 and {@link ExtractorConfig#toOptions()}, called one document at
 * a time).
 *
 * <p>Thread-safe: {@link #extract} may be called from many threads at once; the {@code
 * extractAsync} methods run on the executor given to {@link #create(ExtractorConfig, Executor)}, or
 * on a pool of daemon threads (one per processor) that {@link #close()} shuts down. An extractor
 * holds native memory and an Arrow allocator: close it.
 */
public final class Extractor implements AutoCloseable {
  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();
  private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  private final ExtractorConfig config;
  private final BufferAllocator allocator;
  private final BatchExtractor batches;
  private final DocumentPipeline pipeline;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Extractions hold the read lock, so close() waits for them before freeing memory. */
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  private Extractor(
      ExtractorConfig config,
      BufferAllocator allocator,
      BatchExtractor batches,
      DocumentPipeline pipeline,
      Executor executor,
      ExecutorService ownedExecutor) {
    this.config = config;
    this.allocator = allocator;
    this.batches = batches;
    this.pipeline = pipeline;
    this.executor = executor;
    this.ownedExecutor = ownedExecutor;
  }

  /** An extractor with the {@link ExtractorConfig#defaults() default configuration}. */
  public static Extractor create() {
    return create(ExtractorConfig.defaults());
  }

  /** An extractor whose asynchronous calls run on its own pool of daemon threads. */
  public static Extractor create(ExtractorConfig config) {
    Objects.requireNonNull(config, "config");
    ExecutorService pool =
        Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), daemonThreads());
    try {
      return create(config, pool, pool);
    } catch (RuntimeException e) {
      pool.shutdown();
      throw e;
    }
  }

  /**
   * An extractor whose asynchronous calls run on {@code executor}, which stays the caller's: {@link
   * #close()} does not shut it down.
   */
  public static Extractor create(ExtractorConfig config, Executor executor) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(executor, "executor");
    return create(config, executor, null);
  }

  /**
   * The output columns the configuration can fill: pages, tables and chunks only when asked for
   * (without them a result has empty lists either way, and each costs buffers at every call).
   */
  static List<String> columns(ExtractorConfig config) {
    return OutputSchema.COLUMNS.stream()
        .filter(
            column ->
                switch (column) {
                  case OutputSchema.PAGES -> config.extractPages();
                  case OutputSchema.TABLES -> config.extractTables();
                  case OutputSchema.CHUNKS -> config.chunkSize() > 0;
                  default -> true;
                })
        .toList();
  }

  private static Extractor create(
      ExtractorConfig config, Executor executor, ExecutorService ownedExecutor) {
    BufferAllocator allocator = new RootAllocator();
    BatchExtractor batches = null;
    try {
      batches = BatchExtractor.open(config, columns(config), allocator);
      DocumentPipeline pipeline =
          DocumentPipeline.open(
              config, new PartitionContext(0, 0, config.toOptions()), contextClassLoader());
      return new Extractor(config, allocator, batches, pipeline, executor, ownedExecutor);
    } catch (RuntimeException e) {
      if (batches != null) {
        batches.close();
      }
      allocator.close();
      throw e;
    }
  }

  /** The configuration this extractor was created with. */
  public ExtractorConfig config() {
    return config;
  }

  /**
   * Extracts one file. A file that is missing or unreadable is a result with an error of kind
   * {@code io}; a file longer than {@code maxFileSize} is not read, and is a result with an error
   * of kind {@code limit}.
   */
  public ExtractedDocument extract(Path file) {
    Objects.requireNonNull(file, "file");
    ensureOpen();
    return extractSources(List.of(read(file))).get(0);
  }

  /** Extracts a document held in memory; {@code name} is its path in the result. */
  public ExtractedDocument extract(byte[] content, String name) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(name, "name");
    ensureOpen();
    return extractSources(List.of(new DocumentSource(name, content, content.length, null, null)))
        .get(0);
  }

  /**
   * Extracts every file, in native calls of {@code batchSize} documents, and returns one result per
   * file in the order given.
   */
  public List<ExtractedDocument> extractAll(List<Path> files) {
    Objects.requireNonNull(files, "files");
    ensureOpen();
    List<ExtractedDocument> results = new ArrayList<>(files.size());
    for (int start = 0; start < files.size(); start += config.batchSize()) {
      List<Path> slice = files.subList(start, Math.min(files.size(), start + config.batchSize()));
      List<DocumentSource> sources = new ArrayList<>(slice.size());
      for (Path file : slice) {
        sources.add(read(Objects.requireNonNull(file, "file")));
      }
      results.addAll(extractSources(sources));
    }
    return results;
  }

  /** {@link #extract(Path)} on the executor. */
  public CompletableFuture<ExtractedDocument> extractAsync(Path file) {
    Objects.requireNonNull(file, "file");
    return async(() -> extract(file));
  }

  /** {@link #extract(byte[], String)} on the executor. */
  public CompletableFuture<ExtractedDocument> extractAsync(byte[] content, String name) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(name, "name");
    return async(() -> extract(content, name));
  }

  /**
   * Waits for running extractions, then frees the native extractor and the memory, closes the
   * post-processors and validators and shuts down the extractor's own thread pool (queued
   * asynchronous calls then fail with {@link IllegalStateException}). Closing again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
    lock.writeLock().lock();
    try {
      synchronized (pipeline) {
        pipeline.close();
      }
    } finally {
      try {
        batches.close();
      } finally {
        try {
          allocator.close();
        } finally {
          lock.writeLock().unlock();
        }
      }
    }
  }

  private CompletableFuture<ExtractedDocument> async(Supplier<ExtractedDocument> task) {
    ensureOpen();
    try {
      return CompletableFuture.supplyAsync(task, executor);
    } catch (RejectedExecutionException e) {
      if (closed.get()) {
        throw new IllegalStateException("the extractor is closed", e);
      }
      throw e;
    }
  }

  private List<ExtractedDocument> extractSources(List<DocumentSource> sources) {
    List<ExtractedDocument> documents;
    lock.readLock().lock();
    try {
      ensureOpen();
      documents = batches.extract(sources, DocumentReader::read);
      if (!pipeline.isEmpty()) {
        synchronized (pipeline) {
          documents = pipeline.applyAll(documents);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return documents;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the extractor is closed");
    }
  }

  /**
   * What the native side needs to know of a file: its bytes, unless it is too large (then the
   * native side makes a {@code limit} error), or why it could not be read (an {@code io} error).
   */
  private DocumentSource read(Path file) {
    String path = file.toString();
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return unreadable(path, 0, null, e);
    }
    long length = attributes.size();
    Instant modified = attributes.lastModifiedTime().toInstant();
    if (!attributes.isRegularFile()) {
      return new DocumentSource(
          path, null, length, modified, "cannot read " + path + ": not a regular file");
    }
    if (length > config.maxFileSize()) {
      return new DocumentSource(path, null, length, modified, null);
    }
    if (length > MAX_ARRAY_LENGTH) {
      return new DocumentSource(
          path,
          null,
          length,
          modified,
          "cannot read " + path + ": it is " + length + " bytes, more than one Java array holds");
    }
    try {
      byte[] content = Files.readAllBytes(file);
      return new DocumentSource(path, content, content.length, modified, null);
    } catch (IOException e) {
      return unreadable(path, length, modified, e);
    }
  }

  private static DocumentSource unreadable(
      String path, long length, Instant modified, Throwable cause) {
    String reason =
        cause instanceof NoSuchFileException
            ? "no such file"
            : cause instanceof AccessDeniedException ? "permission denied" : cause.toString();
    return new DocumentSource(path, null, length, modified, "cannot read " + path + ": " + reason);
  }

  private static ClassLoader contextClassLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : Extractor.class.getClassLoader();
  }

  private static ThreadFactory daemonThreads() {
    int pool = POOL_NUMBER.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, "vellum-extractor-" + pool + "-" + thread.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
