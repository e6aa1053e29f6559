package dev.vellum;

import dev.vellum.bridge.DocumentReader;
import dev.vellum.bridge.DocumentWriter;
import dev.vellum.bridge.OutputSchema;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The user's {@link PostProcessor}s and {@link Validator}s of one partition (or one {@link
 * Extractor}), run on documents after the native extraction.
 *
 * <p>{@link #open} instantiates each named class once (public no-argument constructor) and opens it
 * with the {@link PartitionContext}; {@link #apply} runs the post-processors in order, then the
 * validators on documents that have not failed (the first rejection makes an error of kind {@link
 * ErrorKind#VALIDATION} whose message is the reason); {@link #close} closes them all. A class that
 * cannot be used is a {@link VellumConfigException} naming it and the cause; a post-processor or
 * validator that throws, or returns null, is a {@link VellumException} naming the class and the
 * document.
 *
 * <p>Not thread-safe, as the user classes need not be: use one pipeline per thread (Spark: per
 * partition), or call it under a lock.
 */
public final class DocumentPipeline implements AutoCloseable {
  private final List<Stage<PostProcessor>> postProcessors;
  private final List<Stage<Validator>> validators;
  private boolean closed;

  private record Stage<T extends AutoCloseable>(String className, T instance) {}

  private DocumentPipeline(
      List<Stage<PostProcessor>> postProcessors, List<Stage<Validator>> validators) {
    this.postProcessors = postProcessors;
    this.validators = validators;
  }

  /**
   * Instantiates and opens the post-processors and validators that {@code config} names, loading
   * their classes with {@code classLoader}.
   */
  public static DocumentPipeline open(
      ExtractorConfig config, PartitionContext context, ClassLoader classLoader) {
    return open(config.postprocessors(), config.validators(), context, classLoader);
  }

  /**
   * Instantiates and opens the post-processors and validators named by their fully qualified class
   * names, loading them with {@code classLoader}. If one cannot be created or opened, those already
   * opened are closed before the exception is thrown.
   */
  public static DocumentPipeline open(
      List<String> postProcessorClasses,
      List<String> validatorClasses,
      PartitionContext context,
      ClassLoader classLoader) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(classLoader, "classLoader");
    List<Stage<PostProcessor>> postProcessors = new ArrayList<>();
    List<Stage<Validator>> validators = new ArrayList<>();
    DocumentPipeline pipeline = new DocumentPipeline(postProcessors, validators);
    try {
      for (String name : postProcessorClasses) {
        PostProcessor instance =
            instantiate(name, PostProcessor.class, "post-processor", classLoader);
        try {
          instance.open(context);
        } catch (RuntimeException e) {
          throw new VellumException(
              "post-processor " + name + " failed to open: " + describe(e), e);
        }
        postProcessors.add(new Stage<>(name, instance));
      }
      for (String name : validatorClasses) {
        Validator instance = instantiate(name, Validator.class, "validator", classLoader);
        try {
          instance.open(context);
        } catch (RuntimeException e) {
          throw new VellumException("validator " + name + " failed to open: " + describe(e), e);
        }
        validators.add(new Stage<>(name, instance));
      }
    } catch (RuntimeException e) {
      try {
        pipeline.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return pipeline;
  }

  /** Whether there is nothing to run, so a caller may pass documents (or batches) through as-is. */
  public boolean isEmpty() {
    return postProcessors.isEmpty() && validators.isEmpty();
  }

  /** The document after every post-processor and validator. */
  public ExtractedDocument apply(ExtractedDocument document) {
    Objects.requireNonNull(document, "document");
    if (closed) {
      throw new IllegalStateException("the document pipeline is closed");
    }
    ExtractedDocument current = document;
    for (Stage<PostProcessor> stage : postProcessors) {
      ExtractedDocument next;
      try {
        next = stage.instance().process(current);
      } catch (RuntimeException e) {
        throw failure("post-processor", stage.className(), current, e);
      }
      if (next == null) {
        throw new VellumException(
            "post-processor "
                + stage.className()
                + " returned null for '"
                + current.path()
                + "'; it must return a document");
      }
      current = next;
    }
    if (current.failed()) {
      return current;
    }
    for (Stage<Validator> stage : validators) {
      ValidationResult result;
      try {
        result = stage.instance().validate(current);
      } catch (RuntimeException e) {
        throw failure("validator", stage.className(), current, e);
      }
      if (result == null) {
        throw new VellumException(
            "validator "
                + stage.className()
                + " returned null for '"
                + current.path()
                + "'; it must return ValidationResult.accept() or reject(reason)");
      }
      if (result instanceof ValidationResult.Rejected rejected) {
        return current.withError(new ExtractionError(ErrorKind.VALIDATION, rejected.reason()));
      }
    }
    return current;
  }

  /** Every document after {@link #apply}, in order. */
  public List<ExtractedDocument> applyAll(List<ExtractedDocument> documents) {
    List<ExtractedDocument> result = new ArrayList<>(documents.size());
    for (ExtractedDocument document : documents) {
      result.add(apply(document));
    }
    return result;
  }

  /**
   * The documents of {@code batch} (a batch of {@link OutputSchema} columns) after {@link #apply},
   * as a new batch with the same columns, allocated from {@code allocator}; the caller closes both.
   * A rejection needs the {@code error} column to show; without it, rejected rows look unchanged.
   */
  public VectorSchemaRoot applyBatch(VectorSchemaRoot batch, BufferAllocator allocator) {
    List<String> columns = batch.getSchema().getFields().stream().map(Field::getName).toList();
    return DocumentWriter.write(applyAll(DocumentReader.read(batch)), columns, allocator);
  }

  /**
   * Closes every post-processor and validator, even when one of them throws: the first failure is
   * rethrown with the others suppressed. Closing again does nothing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    VellumException failure = null;
    for (Stage<? extends AutoCloseable> stage : stages()) {
      try {
        stage.instance().close();
      } catch (Exception e) {
        String role = stage.instance() instanceof PostProcessor ? "post-processor" : "validator";
        VellumException error =
            new VellumException(
                role + " " + stage.className() + " failed to close: " + describe(e), e);
        if (failure == null) {
          failure = error;
        } else {
          failure.addSuppressed(error);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private List<Stage<? extends AutoCloseable>> stages() {
    List<Stage<? extends AutoCloseable>> all = new ArrayList<>(postProcessors);
    all.addAll(validators);
    return all;
  }

  private static VellumException failure(
      String role, String className, ExtractedDocument document, RuntimeException cause) {
    return new VellumException(
        role + " " + className + " failed on '" + document.path() + "': " + describe(cause), cause);
  }

  private static <T> T instantiate(
      String className, Class<T> role, String roleName, ClassLoader classLoader) {
    Class<?> type;
    try {
      type = Class.forName(className, true, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new VellumConfigException(
          roleName
              + " class "
              + className
              + " cannot be loaded ("
              + describe(e)
              + "); put its jar on the class path (Spark: spark.jars)",
          e);
    }
    if (!role.isAssignableFrom(type)) {
      throw new VellumConfigException(
          roleName + " class " + className + " does not implement " + role.getName());
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      throw new VellumConfigException(
          roleName + " class " + className + " is abstract; name a concrete class");
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new VellumConfigException(
          roleName + " class " + className + " has no public no-argument constructor", e);
    }
    try {
      return role.cast(constructor.newInstance());
    } catch (InvocationTargetException e) {
      throw new VellumConfigException(
          "the constructor of "
              + roleName
              + " class "
              + className
              + " threw "
              + describe(e.getCause()),
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new VellumConfigException(
          roleName + " class " + className + " cannot be instantiated: " + describe(e), e);
    }
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null
        ? e.getClass().getName()
        : e.getClass().getName() + ": " + e.getMessage();
  }
}
