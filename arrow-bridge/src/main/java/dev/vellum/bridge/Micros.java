package dev.vellum.bridge;

import dev.vellum.VellumArrowException;
import java.time.Instant;

/** Arrow's timestamp[us] values: microseconds since the epoch, UTC. */
final class Micros {
  private static final long PER_SECOND = 1_000_000L;

  private Micros() {}

  static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1_000L);
  }

  /** {@code instant} in microseconds, truncating nanoseconds. */
  static long fromInstant(Instant instant) {
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano() / 1_000L);
    } catch (ArithmeticException e) {
      throw new VellumArrowException(
          "the time " + instant + " does not fit a timestamp in microseconds", e);
    }
  }
}
