package dev.vellum.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on a terminal: documents done, errors, documents per second. It stays
 * silent for the first second (short runs print nothing) and redraws at most four times a second;
 * {@link #finish()} erases it so the summary line follows cleanly.
 */
final class Progress {
  static final long QUIET_NANOS = 1_000_000_000L;
  static final long INTERVAL_NANOS = 250_000_000L;

  private final PrintStream err;
  private final boolean enabled;
  private final LongSupplier nanoClock;
  private final long start;
  private long lastDraw;
  private int drawnWidth;

  Progress(PrintStream err, boolean enabled, LongSupplier nanoClock) {
    this.err = err;
    this.enabled = enabled;
    this.nanoClock = nanoClock;
    this.start = nanoClock.getAsLong();
    this.lastDraw = start;
  }

  /** Called after each document; draws when enabled and the last draw is old enough. */
  void update(long documents, long errors) {
    if (!enabled) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (now - start < QUIET_NANOS || (drawnWidth > 0 && now - lastDraw < INTERVAL_NANOS)) {
      return;
    }
    lastDraw = now;
    double seconds = (now - start) / 1e9;
    String line =
        String.format(
            Locale.ROOT,
            "%,d documents, %,d errors, %,.1f documents/s",
            documents,
            errors,
            documents / seconds);
    err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
    err.flush();
    drawnWidth = Math.max(drawnWidth, line.length());
  }

  /** Erases the progress line, if one was drawn. */
  void finish() {
    if (drawnWidth > 0) {
      err.print("\r" + " ".repeat(drawnWidth) + "\r");
      err.flush();
      drawnWidth = 0;
    }
  }
}
