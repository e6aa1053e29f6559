package dev.vellum.spark;

import dev.vellum.VellumConfigException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.connector.read.streaming.Offset;

/**
 * A position in a vellum stream: the number of file batches admitted so far. Batch {@code n}'s
 * files are recorded in the stream's file log under that number, so an offset names the same files
 * after a restart.
 */
final class VellumStreamOffset extends Offset {
  private static final Pattern JSON = Pattern.compile("\\{\\s*\"batch\"\\s*:\\s*(\\d+)\\s*}");

  private final long batch;

  VellumStreamOffset(long batch) {
    this.batch = batch;
  }

  long batch() {
    return batch;
  }

  @Override
  public String json() {
    return "{\"batch\":" + batch + "}";
  }

  static VellumStreamOffset parse(String json) {
    Matcher matcher = JSON.matcher(json.trim());
    if (!matcher.matches()) {
      throw new VellumConfigException(
          "the checkpointed offset " + json + " is not a vellum offset such as {\"batch\":3}");
    }
    return new VellumStreamOffset(Long.parseLong(matcher.group(1)));
  }
}
