package dev.vellum.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The glibc this JVM runs on, for the native loader's error message: the shipped library needs
 * glibc 2.34 or newer, so a failed load says which glibc it found. Java cannot call {@code
 * gnu_get_libc_version}; the C library the JVM has mapped ({@code /proc/self/maps}) carries its
 * version in its banner ({@code GNU C Library (...) stable release version 2.36.}), and older glibc
 * names its file after the version ({@code libc-2.31.so}).
 */
final class GlibcVersion {
  private static final Pattern BANNER =
      Pattern.compile("GNU C Library [^\\n\\x00]{0,200}? version (\\d+\\.\\d+(?:\\.\\d+)?)");
  private static final Pattern FILE_NAME = Pattern.compile("libc-(\\d+\\.\\d+(?:\\.\\d+)?)\\.so");
  private static final Pattern LIBC = Pattern.compile("(/\\S*/libc(?:\\.so\\.6|-[0-9.]+\\.so))$");

  private GlibcVersion() {}

  /** What this JVM runs on, such as {@code glibc 2.36 (/usr/lib/x86_64-linux-gnu/libc.so.6)}. */
  static String describe() {
    return describe(Paths.get("/proc/self/maps"));
  }

  static String describe(Path maps) {
    List<String> lines;
    try {
      lines = Files.readAllLines(maps, StandardCharsets.ISO_8859_1);
    } catch (IOException | SecurityException e) {
      return "glibc unknown (cannot read " + maps + ": " + e.getMessage() + ")";
    }
    Optional<Path> libc = libcPath(lines);
    if (libc.isEmpty()) {
      return "no glibc found (the process maps no libc.so.6; a musl or non-Linux system?)";
    }
    return version(libc.get())
        .map(v -> "glibc " + v + " (" + libc.get() + ")")
        .orElse("glibc of unknown version (" + libc.get() + ")");
  }

  /** The C library named in the lines of a {@code /proc/<pid>/maps} file. */
  static Optional<Path> libcPath(List<String> mapsLines) {
    for (String line : mapsLines) {
      Matcher m = LIBC.matcher(line.trim());
      if (m.find()) {
        return Optional.of(Paths.get(m.group(1)));
      }
    }
    return Optional.empty();
  }

  /** The version of the glibc at {@code libc}: from its banner, else from its file name. */
  static Optional<String> version(Path libc) {
    Matcher name = FILE_NAME.matcher(String.valueOf(libc.getFileName()));
    try {
      Optional<String> banner = fromBytes(Files.readAllBytes(libc));
      if (banner.isPresent()) {
        return banner;
      }
    } catch (IOException | SecurityException e) {
      // Fall back to the file name below.
    }
    return name.find() ? Optional.of(name.group(1)) : Optional.empty();
  }

  /** The version in the banner of a C library's bytes. */
  static Optional<String> fromBytes(byte[] library) {
    Matcher m = BANNER.matcher(new String(library, StandardCharsets.ISO_8859_1));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
