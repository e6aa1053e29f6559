package dev.vellum.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class InflateEngineTest {
  private static byte[] deflate(String text) {
    Deflater deflater = new Deflater();
    deflater.setInput(text.getBytes(StandardCharsets.US_ASCII));
    deflater.finish();
    byte[] buffer = new byte[1024];
    int n = deflater.deflate(buffer);
    deflater.end();
    return java.util.Arrays.copyOf(buffer, n);
  }

  private static byte[] pdf(byte[] flate, String plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        "%PDF-1.7\n1 0 obj\n<< /Length 5 /Filter /FlateDecode >>\nstream\r\n"
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(flate);
    out.writeBytes(
        "\nendstream\nendobj\n2 0 obj\n<< /Length 3 >>\nstream\n"
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(plain.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes("\nendstream\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  @Test
  void inflatesOnlyTheFlateStreams() {
    byte[] data = pdf(deflate("BT (Hello) Tj ET"), "abc");
    assertArrayEquals(new long[] {1, 16}, InflateEngine.inflateAll(data, new byte[64]));
  }

  @Test
  void aDamagedStreamCountsWhatWasInflatedAndDoesNotThrow() {
    byte[] data = pdf(new byte[] {1, 2, 3, 4, 5}, "abc");
    assertArrayEquals(new long[] {1, 0}, InflateEngine.inflateAll(data, new byte[64]));
  }

  @Test
  void bytesWithoutStreamsInflateNothing() {
    assertArrayEquals(
        new long[] {0, 0},
        InflateEngine.inflateAll("not a pdf".getBytes(StandardCharsets.US_ASCII), new byte[64]));
  }
}
