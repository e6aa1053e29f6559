package dev.vellum.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The PDF floor: read the file and inflate every {@code /FlateDecode} stream with {@link
 * java.util.zip.Inflater}, nothing else (no object parsing, no text). A PDF extractor cannot be
 * faster than this by much, since it has to inflate the same streams. The text is empty; the
 * outcome's mime type field carries "streams=N inflatedBytes=M" for the log.
 */
final class InflateEngine implements Engine {
  /** Inflation stops past this many bytes per file (zip-bomb guard, as Vellum's default 1 GiB). */
  static final long MAX_INFLATED = 1L << 30;

  private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END_STREAM = "endstream".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OBJ = "obj".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FLATE_SHORT = "/Fl".getBytes(StandardCharsets.US_ASCII);
  private static final int LOOK_BACK = 4096;

  private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[1 << 16]);

  @Override
  public String version() {
    return "java.util.zip (JDK " + Runtime.version() + ")";
  }

  @Override
  public Outcome extract(Path file) {
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (IOException e) {
      return Outcome.failure(e);
    }
    long[] totals = inflateAll(data, buffers.get());
    return Outcome.success("", "streams=" + totals[0] + " inflatedBytes=" + totals[1]);
  }

  /** Inflates every Flate stream of a PDF's bytes: {streams inflated, bytes out}. */
  static long[] inflateAll(byte[] data, byte[] buffer) {
    long streams = 0;
    long inflated = 0;
    int position = 0;
    Inflater inflater = new Inflater();
    try {
      while (inflated < MAX_INFLATED) {
        int keyword = indexOf(data, STREAM, position, data.length);
        if (keyword < 0) {
          break;
        }
        position = keyword + STREAM.length;
        if (keyword >= 3 && data[keyword - 3] == 'e' && data[keyword - 2] == 'n') {
          continue; // "endstream"
        }
        int start = position;
        if (start < data.length && data[start] == '\r') {
          start++;
        }
        if (start < data.length && data[start] == '\n') {
          start++;
        }
        if (start == position) {
          continue; // "stream" not followed by an end of line: not the keyword
        }
        int end = indexOf(data, END_STREAM, start, data.length);
        if (end < 0) {
          end = data.length;
        }
        int objectStart = lastIndexOf(data, OBJ, Math.max(0, keyword - LOOK_BACK), keyword);
        int dictionaryFrom = objectStart >= 0 ? objectStart : Math.max(0, keyword - LOOK_BACK);
        boolean flate = indexOf(data, FLATE_SHORT, dictionaryFrom, keyword) >= 0; // /FlateDecode
        if (flate) {
          inflater.reset();
          inflater.setInput(data, start, end - start);
          inflated += drain(inflater, buffer, MAX_INFLATED - inflated);
          streams++;
        }
        position = end;
      }
    } finally {
      inflater.end();
    }
    return new long[] {streams, inflated};
  }

  private static long drain(Inflater inflater, byte[] buffer, long budget) {
    long out = 0;
    try {
      while (!inflater.finished() && out < budget) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out += n;
      }
    } catch (DataFormatException e) {
      // A damaged stream: what was inflated before the damage counts.
    }
    return out;
  }

  static int indexOf(byte[] data, byte[] pattern, int from, int to) {
    int last = Math.min(to, data.length) - pattern.length;
    outer:
    for (int i = Math.max(0, from); i <= last; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static int lastIndexOf(byte[] data, byte[] pattern, int from, int to) {
    outer:
    for (int i = Math.min(to, data.length) - pattern.length; i >= Math.max(0, from); i--) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {}
}
