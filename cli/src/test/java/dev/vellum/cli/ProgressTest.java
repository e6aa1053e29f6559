package dev.vellum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong now = new AtomicLong();

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shortRunsPrintNothing() {
    Progress progress = new Progress(err, true, now::get);
    now.set(Progress.QUIET_NANOS - 1);
    progress.update(10, 0);
    progress.finish();
    assertEquals("", printed());
  }

  @Test
  void longRunsShowDocumentsErrorsAndRateAtMostFourTimesASecond() {
    Progress progress = new Progress(err, true, now::get);
    now.set(2_000_000_000L);
    progress.update(100, 3);
    assertEquals("\r100 documents, 3 errors, 50.0 documents/s", printed());

    now.addAndGet(Progress.INTERVAL_NANOS - 1);
    progress.update(101, 3);
    assertEquals(1, printed().split("\r", -1).length - 1);

    now.addAndGet(1);
    progress.update(9, 0);
    assertTrue(printed().endsWith("\r9 documents, 0 errors, 4.0 documents/s   "), printed());

    progress.finish();
    assertTrue(printed().endsWith("\r" + " ".repeat(41) + "\r"), printed());
    progress.finish();
  }

  @Test
  void disabledProgressNeverPrints() {
    Progress progress = new Progress(err, false, now::get);
    now.set(10_000_000_000L);
    progress.update(1, 1);
    progress.finish();
    assertEquals("", printed());
  }
}
