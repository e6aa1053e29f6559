package dev.vellum.bridge;

import dev.vellum.NativeLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Loads Vellum's native library ({@code libvellum.so}) once per JVM, from the first of:
 *
 * <ol>
 *   <li>the absolute path in the system property {@value #PATH_PROPERTY}, when set (nothing else is
 *       tried then);
 *   <li>{@code java.library.path}: the first directory on it that holds {@code libvellum.so} (what
 *       {@code System.loadLibrary("vellum")} would load);
 *   <li>the copy bundled in the jar at {@code /dev/vellum/native/<os>-<arch>/}, extracted to {@code
 *       java.io.tmpdir} under a name made of its SHA-256, written to a unique temporary file and
 *       moved into place atomically, so JVMs starting at once never see a partial file.
 * </ol>
 *
 * <p>A failure is kept: every later call throws a {@link NativeLoadException} with the same message
 * (OS, architecture, every path tried and why it failed) and the first failure as cause.
 */
public final class NativeLibrary {
  /** System property holding an absolute path to the library, overriding the other sources. */
  public static final String PATH_PROPERTY = "vellum.native.library";

  static final String LIBRARY_NAME = "vellum";

  /** The oldest glibc the bundled Linux library loads on (checked by the build). */
  static final String MINIMUM_GLIBC = "2.34";

  private NativeLibrary() {}

  /** Loads the library if no earlier call did; thread-safe and idempotent. */
  public static void load() {
    SystemLoader.INSTANCE.load();
  }

  /** Built on the first {@link #load()}, so properties set before that call are honoured. */
  private static final class SystemLoader {
    static final Loader INSTANCE = Loader.fromSystemProperties();
  }

  /** How many times the native core initialised in this JVM: 1 once loaded (loads first). */
  public static long initializationCount() {
    load();
    return NativeMethods.initializationCount();
  }

  /** The version of the loaded native library (loads first). */
  public static String nativeVersion() {
    load();
    return NativeMethods.nativeVersion();
  }

  /** The platform folder of the bundled library, such as {@code linux-x86_64}. */
  static String platform(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      os = "linux";
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      os = "macos";
    } else if (os.startsWith("windows")) {
      os = "windows";
    } else {
      os = os.replaceAll("[^a-z0-9]", "");
    }
    String arch = osArch.toLowerCase(Locale.ROOT);
    arch =
        switch (arch) {
          case "amd64", "x86_64", "x86-64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch64";
          default -> arch.replaceAll("[^a-z0-9_]", "");
        };
    return os + "-" + arch;
  }

  /** The jar resource holding the library for {@code platform}. */
  static String resourceName(String platform) {
    return "/dev/vellum/native/" + platform + "/" + System.mapLibraryName(LIBRARY_NAME);
  }

  /**
   * Copies {@code resource} to {@code directory} under a name made of its content hash and returns
   * that file. Safe when several threads or JVMs do it at once: each writes its own temporary file
   * and moves it into place atomically; an existing file is reused only when its content hash
   * matches.
   */
  static Path extract(String resource, Path directory) throws IOException {
    byte[] bytes;
    try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the jar has no resource " + resource);
      }
      bytes = in.readAllBytes();
    }
    String hash = sha256(bytes);
    String fileName = System.mapLibraryName(LIBRARY_NAME);
    int dot = fileName.lastIndexOf('.');
    Path target =
        directory.resolve(
            fileName.substring(0, dot) + "-" + hash.substring(0, 16) + fileName.substring(dot));
    if (Files.isRegularFile(target) && sha256(Files.readAllBytes(target)).equals(hash)) {
      return target;
    }
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, fileName + "-", ".tmp");
    try {
      Files.write(temporary, bytes);
      // A rename within one directory: atomic, so no JVM ever sees a partial library.
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return target;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * The loading procedure with its inputs made explicit; {@link NativeLibrary} uses one built from
   * the system properties. Loads at most once and remembers a failure.
   */
  static final class Loader {
    private final String override;
    private final String libraryPath;
    private final Path tempDirectory;
    private final String osName;
    private final String osArch;
    private boolean loaded;
    private NativeLoadException failure;

    Loader(String override, String libraryPath, Path tempDirectory, String osName, String osArch) {
      this.override = override;
      this.libraryPath = libraryPath == null ? "" : libraryPath;
      this.tempDirectory = tempDirectory;
      this.osName = osName;
      this.osArch = osArch;
    }

    static Loader fromSystemProperties() {
      String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
      return new Loader(
          System.getProperty(PATH_PROPERTY),
          System.getProperty("java.library.path"),
          Paths.get(System.getProperty("java.io.tmpdir"), "vellum-native-" + user),
          System.getProperty("os.name", "unknown"),
          System.getProperty("os.arch", "unknown"));
    }

    synchronized void load() {
      if (loaded) {
        return;
      }
      if (failure != null) {
        throw new NativeLoadException(failure.getMessage(), failure);
      }
      List<String> tried = new ArrayList<>();
      Throwable cause = tryAll(tried);
      if (cause == null) {
        loaded = true;
        return;
      }
      failure = new NativeLoadException(describe(tried, cause), cause);
      throw failure;
    }

    /** Tries each source in order; returns null once one loads, else the last cause. */
    private Throwable tryAll(List<String> tried) {
      if (override != null && !override.isBlank()) {
        return tryOverride(tried);
      }
      Throwable cause = null;
      String mapped = System.mapLibraryName(LIBRARY_NAME);
      for (String directory : libraryPath.split(java.io.File.pathSeparator)) {
        Path candidate = directory.isEmpty() ? null : Paths.get(directory, mapped);
        if (candidate == null || !Files.isRegularFile(candidate)) {
          continue;
        }
        // What System.loadLibrary would pick, loaded by its absolute path so that the path tried
        // and the path reported are the same one.
        try {
          System.load(candidate.toAbsolutePath().toString());
          return null;
        } catch (UnsatisfiedLinkError e) {
          tried.add("java.library.path " + candidate + " (" + e.getMessage() + ")");
          cause = e;
          break;
        }
      }
      if (cause == null) {
        tried.add("java.library.path [" + libraryPath + "] (no " + mapped + ")");
      }
      String resource = resourceName(platform(osName, osArch));
      try {
        Path extracted = extract(resource, tempDirectory);
        try {
          System.load(extracted.toString());
          return null;
        } catch (UnsatisfiedLinkError e) {
          tried.add(
              "jar resource "
                  + resource
                  + " extracted to "
                  + extracted
                  + " ("
                  + e.getMessage()
                  + ")");
          return e;
        }
      } catch (IOException | UncheckedIOException | SecurityException e) {
        tried.add("jar resource " + resource + " (" + e.getMessage() + ")");
        return e;
      }
    }

    private Throwable tryOverride(List<String> tried) {
      Path path = Paths.get(override);
      String label = "system property " + PATH_PROPERTY + "=" + override;
      if (!path.isAbsolute()) {
        tried.add(label + " (not an absolute path)");
        return new IllegalArgumentException(
            PATH_PROPERTY + " must be an absolute path: " + override);
      }
      if (!Files.isRegularFile(path)) {
        tried.add(label + " (no such file)");
        return new java.io.FileNotFoundException(override);
      }
      try {
        System.load(override);
        return null;
      } catch (UnsatisfiedLinkError | SecurityException e) {
        tried.add(label + " (" + e.getMessage() + ")");
        return e;
      }
    }

    private String describe(List<String> tried, Throwable cause) {
      return "Vellum could not load its native library on "
          + platform(osName, osArch)
          + " (os.name="
          + osName
          + ", os.arch="
          + osArch
          + "); tried: "
          + String.join("; ", tried)
          + ". Cause: "
          + cause
          + ". This system has "
          + GlibcVersion.describe()
          + "; the bundled library needs glibc "
          + MINIMUM_GLIBC
          + " or newer on Linux. Set -D"
          + PATH_PROPERTY
          + "=/absolute/path/to/"
          + System.mapLibraryName(LIBRARY_NAME)
          + " to use a library built for this platform.";
    }
  }
}
