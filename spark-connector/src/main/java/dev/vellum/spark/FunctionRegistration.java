package dev.vellum.spark;

import java.lang.reflect.InvocationTargetException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.internal.SessionState;
import scala.runtime.AbstractFunction1;

/**
 * Registers {@code vellum_extract(content [, path])} in a session. Spark's Java UDFs have a fixed
 * number of arguments, so the one- and two-argument forms are registered as {@value #CONTENT} and
 * {@value #CONTENT_PATH}, and {@code vellum_extract} is a function whose builder picks one by the
 * number of arguments, in the session's function registry.
 */
final class FunctionRegistration {
  static final String NAME = "vellum_extract";
  static final String CONTENT = "vellum_extract_content";
  static final String CONTENT_PATH = "vellum_extract_content_path";

  private FunctionRegistration() {}

  // The builder's type names Scala's Seq, which is another class in Scala 2.12 and 2.13: the
  // builder is handed over raw so one source compiles against both.
  @SuppressWarnings("unchecked")
  static void register(SparkSession spark, DocumentExtraction extraction) {
    spark
        .udf()
        .register(
            CONTENT,
            (UDF1<byte[], org.apache.spark.sql.Row>)
                content -> extraction.extractOne(content, null),
            VellumSchema.SCHEMA);
    spark
        .udf()
        .register(
            CONTENT_PATH,
            (UDF2<byte[], String, org.apache.spark.sql.Row>) extraction::extractOne,
            VellumSchema.SCHEMA);
    FunctionRegistry registry = sessionState(spark).functionRegistry();
    registry.createOrReplaceTempFunction(
        NAME, new ByArity(builder(registry, CONTENT), builder(registry, CONTENT_PATH)), "java_udf");
  }

  // The session state is not part of Spark 4's SparkSession interface, only of its classic
  // implementation, which every JVM session is: found by name so one source serves both lines.
  private static SessionState sessionState(SparkSession spark) {
    try {
      return (SessionState) spark.getClass().getMethod("sessionState").invoke(spark);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new UnsupportedOperationException(
          "vellum_extract needs a JVM Spark session (not Spark Connect): " + e, e);
    }
  }

  @SuppressWarnings("rawtypes")
  private static scala.Function1 builder(FunctionRegistry registry, String name) {
    return (scala.Function1) registry.lookupFunctionBuilder(new FunctionIdentifier(name)).get();
  }

  /** Builds {@code vellum_extract} with one argument or two. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class ByArity extends AbstractFunction1 {
    private final scala.Function1 one;
    private final scala.Function1 two;

    ByArity(scala.Function1 one, scala.Function1 two) {
      this.one = one;
      this.two = two;
    }

    @Override
    public Object apply(Object arguments) {
      int count = ((scala.collection.Seq<?>) arguments).length();
      return switch (count) {
        case 1 -> one.apply(arguments);
        case 2 -> two.apply(arguments);
        default ->
            throw new IllegalArgumentException(
                NAME
                    + " takes the content (binary) and optionally a path (string), not "
                    + count
                    + " arguments");
      };
    }
  }
}
