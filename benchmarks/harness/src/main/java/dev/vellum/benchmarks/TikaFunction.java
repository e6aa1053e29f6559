package dev.vellum.benchmarks;

import java.io.InputStream;
import java.util.function.BiFunction;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;

/**
 * The Spark comparison's Tika UDF body: (file name, bytes) to {mime type, text, error}. The Spark
 * job loads this class in a class loader of its own (Tika's jars and this module's, nothing of
 * Spark's), and sees it only as a {@link BiFunction} of {@code java.base}, so that Tika's jackson,
 * commons-compress and friends never meet Spark's.
 */
public final class TikaFunction implements BiFunction<String, byte[], String[]> {
  private final AutoDetectParser parser = new AutoDetectParser();

  /** Creates the parser (reads Tika's service files from this class's loader). */
  public TikaFunction() {}

  @Override
  public String[] apply(String name, byte[] content) {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
    Engine.Outcome outcome;
    try (InputStream in = TikaInputStream.get(content, metadata)) {
      outcome = TikaEngine.parse(parser, in, metadata);
    } catch (Exception e) {
      outcome = Engine.Outcome.failure(e);
    }
    return new String[] {outcome.mimeType(), outcome.text(), outcome.error()};
  }
}
