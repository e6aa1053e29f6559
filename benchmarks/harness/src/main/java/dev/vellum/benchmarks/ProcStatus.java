package dev.vellum.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's {@code /proc/self/status} (Linux). */
final class ProcStatus {
  private ProcStatus() {}

  /** A "kB" field such as {@code VmHWM} or {@code VmRSS}; -1 when unavailable. */
  static long kilobytes(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
