package dev.vellum.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.NativeLoadException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryTest {
  private static final String RESOURCE = NativeLibrary.resourceName("linux-x86_64");

  @Test
  void manyLoadsFromManyThreadsInitialiseTheNativeCoreOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> loads = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        loads.add(pool.submit(NativeLibrary::load));
      }
      for (Future<?> load : loads) {
        load.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, NativeLibrary.initializationCount());
    NativeLibrary.load();
    assertEquals(1, NativeLibrary.initializationCount());
  }

  @Test
  void theNativeVersionIsReported() {
    assertTrue(NativeLibrary.nativeVersion().matches("\\d+\\.\\d+\\.\\d+.*"));
  }

  @Test
  void platformsAreNamedAsTheJarFoldersAre() {
    assertEquals("linux-x86_64", NativeLibrary.platform("Linux", "amd64"));
    assertEquals("linux-x86_64", NativeLibrary.platform("Linux", "x86_64"));
    assertEquals("linux-aarch64", NativeLibrary.platform("Linux", "aarch64"));
    assertEquals("macos-aarch64", NativeLibrary.platform("Mac OS X", "arm64"));
    assertEquals("windows-x86_64", NativeLibrary.platform("Windows 11", "amd64"));
    assertEquals("sunos-sparcv9", NativeLibrary.platform("SunOS", "sparcv9"));
    assertTrue(RESOURCE.startsWith("/dev/vellum/native/linux-x86_64/"));
  }

  @Test
  void aMissingOverrideFileFailsNamingThePathAndTheFailureIsKept(@TempDir Path dir) {
    String missing = dir.resolve("nowhere/libvellum.so").toString();
    NativeLibrary.Loader loader = new NativeLibrary.Loader(missing, "", dir, "Linux", "amd64");
    NativeLoadException first = assertThrows(NativeLoadException.class, loader::load);
    assertTrue(first.getMessage().contains(missing), first.getMessage());
    assertTrue(first.getMessage().contains("linux-x86_64"), first.getMessage());
    assertTrue(first.getMessage().contains("os.arch=amd64"), first.getMessage());
    assertTrue(first.getMessage().contains("no such file"), first.getMessage());
    NativeLoadException again = assertThrows(NativeLoadException.class, loader::load);
    assertEquals(first.getMessage(), again.getMessage());
    assertSame(first, again.getCause());
  }

  @Test
  void aRelativeOverridePathIsRefused(@TempDir Path dir) {
    NativeLibrary.Loader loader =
        new NativeLibrary.Loader("lib/libvellum.so", null, dir, "Linux", "amd64");
    NativeLoadException e = assertThrows(NativeLoadException.class, loader::load);
    assertTrue(e.getMessage().contains("not an absolute path"), e.getMessage());
  }

  @Test
  void anOverrideThatIsNotALibraryFailsWithTheLinkerCause(@TempDir Path dir) throws IOException {
    Path notALibrary = Files.writeString(dir.resolve("libvellum.so"), "not an ELF file");
    NativeLibrary.Loader loader =
        new NativeLibrary.Loader(notALibrary.toString(), "", dir, "Linux", "amd64");
    NativeLoadException e = assertThrows(NativeLoadException.class, loader::load);
    assertTrue(e.getCause() instanceof UnsatisfiedLinkError, String.valueOf(e.getCause()));
    assertTrue(e.getMessage().contains(notALibrary.toString()), e.getMessage());
  }

  @Test
  void aPlatformWithoutABundledLibraryFailsListingEverySourceTried(@TempDir Path dir) {
    NativeLibrary.Loader loader =
        new NativeLibrary.Loader(null, dir.toString(), dir, "Plan9", "mips");
    NativeLoadException e = assertThrows(NativeLoadException.class, loader::load);
    assertTrue(e.getMessage().contains("plan9-mips"), e.getMessage());
    assertTrue(e.getMessage().contains("java.library.path [" + dir + "]"), e.getMessage());
    assertTrue(e.getMessage().contains("/dev/vellum/native/plan9-mips/"), e.getMessage());
  }

  @Test
  void aLibraryOnTheLibraryPathThatFailsToLinkFallsBackToTheJar(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve(System.mapLibraryName("vellum")), "broken");
    NativeLibrary.Loader loader =
        new NativeLibrary.Loader(null, dir.toString(), dir.resolve("tmp"), "Plan9", "mips");
    NativeLoadException e = assertThrows(NativeLoadException.class, loader::load);
    assertTrue(e.getMessage().contains("java.library.path " + dir), e.getMessage());
    assertTrue(e.getMessage().contains("jar resource"), e.getMessage());
  }

  @Test
  void extractionWritesAHashNamedFileOnceAndReusesIt(@TempDir Path dir) throws IOException {
    Path first = NativeLibrary.extract(RESOURCE, dir.resolve("cache"));
    byte[] bytes = Files.readAllBytes(first);
    assertTrue(first.getFileName().toString().matches("libvellum-[0-9a-f]{16}\\.so"));
    assertTrue(
        NativeLibrary.sha256(bytes).startsWith(first.getFileName().toString().substring(10, 26)));
    long modified = Files.getLastModifiedTime(first).toMillis();
    Path second = NativeLibrary.extract(RESOURCE, dir.resolve("cache"));
    assertEquals(first, second);
    assertEquals(modified, Files.getLastModifiedTime(second).toMillis());
  }

  @Test
  void extractionReplacesACorruptedCopy(@TempDir Path dir) throws IOException {
    Path path = NativeLibrary.extract(RESOURCE, dir);
    Files.writeString(path, "truncated");
    Path again = NativeLibrary.extract(RESOURCE, dir);
    assertEquals(path, again);
    assertTrue(Files.size(again) > 1000);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
  }

  @Test
  void concurrentExtractionsAllSeeACompleteFile(@TempDir Path dir) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        results.add(pool.submit(() -> NativeLibrary.extract(RESOURCE, dir)));
      }
      String expected = null;
      for (Future<Path> result : results) {
        String hash = NativeLibrary.sha256(Files.readAllBytes(result.get(60, TimeUnit.SECONDS)));
        expected = expected == null ? hash : expected;
        assertEquals(expected, hash);
      }
    } finally {
      pool.shutdown();
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void aMissingResourceIsAnIoError(@TempDir Path dir) {
    IOException e =
        assertThrows(
            IOException.class, () -> NativeLibrary.extract("/dev/vellum/native/none/x.so", dir));
    assertTrue(e.getMessage().contains("/dev/vellum/native/none/x.so"));
  }

  @Test
  void aMissingOverrideInAFreshJvmGivesNativeLoadExceptionNamingThePath(@TempDir Path dir)
      throws Exception {
    String missing = dir.resolve("missing/libvellum.so").toString();
    Process probe = startProbe(dir, "-D" + NativeLibrary.PATH_PROPERTY + "=" + missing);
    String output = finish(probe);
    assertEquals(3, probe.exitValue(), output);
    assertTrue(output.startsWith("error=Vellum could not load its native library"), output);
    assertTrue(output.contains(missing), output);
  }

  @Test
  void twoJvmsExtractingTheLibraryAtOnceBothSucceed(@TempDir Path dir) throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Process first = startProbe(dir, "-Djava.io.tmpdir=" + tmp);
    Process second = startProbe(dir, "-Djava.io.tmpdir=" + tmp);
    String firstOutput = finish(first);
    String secondOutput = finish(second);
    assertEquals(0, first.exitValue(), firstOutput);
    assertEquals(0, second.exitValue(), secondOutput);
    assertEquals("initializations=1", firstOutput.strip());
    assertEquals("initializations=1", secondOutput.strip());
    try (Stream<Path> files = Files.walk(tmp)) {
      List<String> names =
          files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
      assertEquals(1, names.size(), names.toString());
      assertFalse(names.get(0).endsWith(".tmp"), names.toString());
    }
  }

  @Test
  void anOverridePointingAtTheLibraryLoadsItInAFreshJvm(@TempDir Path dir) throws Exception {
    Path library = NativeLibrary.extract(RESOURCE, dir.resolve("lib"));
    Process probe = startProbe(dir, "-D" + NativeLibrary.PATH_PROPERTY + "=" + library);
    String output = finish(probe);
    assertEquals(0, probe.exitValue(), output);
    assertEquals("initializations=1", output.strip());
  }

  @Test
  void aLibraryOnTheLibraryPathIsLoadedInAFreshJvm(@TempDir Path dir) throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.copy(
        NativeLibrary.extract(RESOURCE, dir.resolve("cache")),
        lib.resolve(System.mapLibraryName("vellum")));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Process probe = startProbe(dir, "-Djava.library.path=" + lib, "-Djava.io.tmpdir=" + tmp);
    String output = finish(probe);
    assertEquals(0, probe.exitValue(), output);
    assertEquals("initializations=1", output.strip());
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(0, files.count(), "nothing was extracted from the jar");
    }
  }

  @Test
  void aBundledLibraryThatFailsToLinkIsReportedWithItsExtractedPath(@TempDir Path dir) {
    NativeLibrary.Loader loader = new NativeLibrary.Loader(null, "", dir, "TestOS", "testarch");
    NativeLoadException e = assertThrows(NativeLoadException.class, loader::load);
    assertTrue(e.getMessage().contains("extracted to " + dir), e.getMessage());
    assertTrue(e.getCause() instanceof UnsatisfiedLinkError, String.valueOf(e.getCause()));
  }

  /** Starts {@link NativeLibraryProbe} in a child JVM, with this JVM's coverage agent if any. */
  private static Process startProbe(Path dir, String... properties) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(argument -> argument.startsWith("-javaagent:"))
        .forEach(command::add);
    command.addAll(List.of(properties));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), NativeLibraryProbe.class.getName()));
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
  }

  private static String finish(Process process) throws Exception {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the child JVM did not finish in 120 s");
    }
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
