package dev.vellum.spark;

import java.util.List;
import java.util.Map;

/**
 * Classes for {@link ScalaFreeApiTest} to check its own check with: public (this class is public,
 * so its public member classes are API as the check defines it) unless said otherwise.
 */
public final class ScalaSignatureSamples {
  private ScalaSignatureSamples() {}

  /** A public class whose public signatures name Scala types in every place the check looks. */
  public abstract static class ScalaInSignatures implements Comparable<scala.Option<String>> {
    public scala.Option<String> field;

    public ScalaInSignatures(List<scala.Tuple2<?, ?>> pairs) {
      field = pairs.isEmpty() ? null : scala.Option.empty();
    }

    public abstract String first(Map<String, ? extends scala.Option<?>>[] maps);

    public abstract <T extends scala.Product> T bounded();
  }

  /** A public class whose Scala types are in private members only. */
  public static final class ScalaOnlyInside {
    private scala.Option<String> hidden = scala.Option.empty();

    private scala.Option<String> hidden() {
      return hidden;
    }

    @Override
    public String toString() {
      return hidden().toString();
    }
  }

  /** Not public: not API, whatever it names. */
  abstract static class HiddenScala {
    public scala.Option<String> field;
  }
}
