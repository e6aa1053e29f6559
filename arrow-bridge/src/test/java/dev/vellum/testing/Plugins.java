package dev.vellum.testing;

import dev.vellum.ExtractedDocument;
import dev.vellum.PartitionContext;
import dev.vellum.PostProcessor;
import dev.vellum.ValidationResult;
import dev.vellum.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Post-processors and validators for the pipeline tests, named by class as users name theirs. */
public final class Plugins {
  private Plugins() {}

  private static final List<String> EVENTS = new ArrayList<>();

  /** What the plugins did, in order, since the last {@link #reset()}. */
  public static synchronized List<String> events() {
    return List.copyOf(EVENTS);
  }

  public static synchronized void reset() {
    EVENTS.clear();
  }

  static synchronized void record(String event) {
    EVENTS.add(event);
  }

  /** Upper-cases the content and remembers its context. */
  public static final class UpperCase implements PostProcessor {
    @Override
    public void open(PartitionContext context) {
      record("open UpperCase " + context.partitionId() + " " + context.options());
    }

    @Override
    public ExtractedDocument process(ExtractedDocument document) {
      record("process UpperCase " + document.path());
      return document.content() == null
          ? document
          : document.withContent(document.content().toUpperCase(Locale.ROOT));
    }

    @Override
    public void close() {
      record("close UpperCase");
    }
  }

  /** Appends "!" to the content; keeps the default open and close. */
  public static final class Exclaim implements PostProcessor {
    @Override
    public ExtractedDocument process(ExtractedDocument document) {
      record("process Exclaim " + document.path());
      return document.content() == null ? document : document.withContent(document.content() + "!");
    }
  }

  /** Rejects documents without content. */
  public static final class RequiresContent implements Validator {
    @Override
    public void open(PartitionContext context) {
      record("open RequiresContent");
    }

    @Override
    public ValidationResult validate(ExtractedDocument document) {
      record("validate RequiresContent " + document.path());
      return document.content() == null || document.content().isEmpty()
          ? ValidationResult.reject("content is empty")
          : ValidationResult.accept();
    }

    @Override
    public void close() {
      record("close RequiresContent");
    }
  }

  /** Accepts everything; keeps the default open and close. */
  public static final class AcceptsAll implements Validator {
    @Override
    public ValidationResult validate(ExtractedDocument document) {
      record("validate AcceptsAll " + document.path());
      return ValidationResult.accept();
    }
  }

  public static final class ReturnsNull implements PostProcessor {
    @Override
    public ExtractedDocument process(ExtractedDocument document) {
      return null;
    }
  }

  public static final class ThrowsOnProcess implements PostProcessor {
    @Override
    public ExtractedDocument process(ExtractedDocument document) {
      throw new IllegalArgumentException("cannot handle " + document.path());
    }
  }

  public static final class ThrowsOnValidate implements Validator {
    @Override
    public ValidationResult validate(ExtractedDocument document) {
      throw new UnsupportedOperationException("no opinion");
    }
  }

  public static final class ValidatesToNull implements Validator {
    @Override
    public ValidationResult validate(ExtractedDocument document) {
      return null;
    }
  }

  public static final class ThrowsOnOpen implements Validator {
    @Override
    public void open(PartitionContext context) {
      throw new IllegalStateException("database unreachable");
    }

    @Override
    public ValidationResult validate(ExtractedDocument document) {
      return ValidationResult.accept();
    }

    @Override
    public void close() {
      record("close ThrowsOnOpen");
    }
  }

  public static final class PostProcessorThrowsOnOpen implements PostProcessor {
    @Override
    public void open(PartitionContext context) {
      throw new IllegalStateException("no model file");
    }

    @Override
    public ExtractedDocument process(ExtractedDocument document) {
      return document;
    }
  }

  public static final class ThrowsOnClose implements PostProcessor {
    @Override
    public ExtractedDocument process(ExtractedDocument document) {
      return document;
    }

    @Override
    public void close() {
      record("close ThrowsOnClose");
      throw new IllegalStateException("flush failed");
    }
  }

  public static final class ValidatorThrowsOnClose implements Validator {
    @Override
    public ValidationResult validate(ExtractedDocument document) {
      return ValidationResult.accept();
    }

    @Override
    public void close() {
      record("close ValidatorThrowsOnClose");
      throw new IllegalStateException("report failed");
    }
  }

  public static final class NeedsArgument implements PostProcessor {
    private final String suffix;

    public NeedsArgument(String suffix) {
      this.suffix = suffix;
    }

    @Override
    public ExtractedDocument process(ExtractedDocument document) {
      return document.withContent(suffix);
    }
  }

  public static final class ConstructorThrows implements PostProcessor {
    public ConstructorThrows() {
      throw new IllegalStateException("missing licence key");
    }

    @Override
    public ExtractedDocument process(ExtractedDocument document) {
      return document;
    }
  }

  public abstract static class Abstract implements PostProcessor {}

  static final class NotPublic implements PostProcessor {
    public NotPublic() {}

    @Override
    public ExtractedDocument process(ExtractedDocument document) {
      return document;
    }
  }

  public static final class NotAPlugin {}

  public static final class BrokenStaticInitializer implements PostProcessor {
    static final int VALUE = Integer.parseInt("not a number");

    @Override
    public ExtractedDocument process(ExtractedDocument document) {
      return document;
    }
  }
}
