package dev.vellum.bridge;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.NativeLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlibcVersionTest {
  /** What {@code ldd --version} says, the independent witness of this machine's glibc. */
  private static String lddVersion() throws IOException, InterruptedException {
    Process ldd = new ProcessBuilder("ldd", "--version").redirectErrorStream(true).start();
    String first =
        new String(ldd.getInputStream().readAllBytes(), ISO_8859_1)
            .lines()
            .findFirst()
            .orElseThrow();
    assertTrue(ldd.waitFor(30, TimeUnit.SECONDS));
    return first.substring(first.lastIndexOf(' ') + 1).trim();
  }

  @Test
  void theGlibcOfThisJvmIsTheOneLddReports() throws Exception {
    String expected = lddVersion();
    String described = GlibcVersion.describe();
    assertTrue(described.startsWith("glibc " + expected + " ("), described);
    assertTrue(described.contains("libc"), described);
  }

  @Test
  void aFailedLoadNamesTheGlibcItFound(@TempDir Path dir) throws Exception {
    Path notALibrary = Files.writeString(dir.resolve("libvellum.so"), "not an ELF file");
    NativeLibrary.Loader loader =
        new NativeLibrary.Loader(notALibrary.toString(), "", dir, "Linux", "amd64");
    NativeLoadException e = assertThrows(NativeLoadException.class, loader::load);
    assertTrue(
        e.getMessage().contains("This system has glibc " + lddVersion() + " ("), e.getMessage());
    assertTrue(e.getMessage().contains("needs glibc 2.34 or newer"), e.getMessage());
  }

  @Test
  void theLibcIsFoundInTheMapsLines() {
    List<String> maps =
        List.of(
            "7f00-7f10 r--p 00000000 fe:00 1 /usr/lib/x86_64-linux-gnu/libm.so.6",
            "7f10-7f20 r-xp 00000000 00:00 0 ",
            "7f20-7f30 r--p 00000000 fe:00 2    /usr/lib/x86_64-linux-gnu/libc.so.6",
            "7f30-7f40 r--p 00000000 fe:00 3 /lib64/libc-2.17.so");
    assertEquals(
        Optional.of(Paths.get("/usr/lib/x86_64-linux-gnu/libc.so.6")), GlibcVersion.libcPath(maps));
    assertEquals(
        Optional.of(Paths.get("/lib64/libc-2.17.so")), GlibcVersion.libcPath(maps.subList(3, 4)));
    assertEquals(Optional.empty(), GlibcVersion.libcPath(maps.subList(0, 2)));
  }

  @Test
  void theVersionIsReadFromTheBannerOrElseTheFileName(@TempDir Path dir) throws IOException {
    byte[] banner =
        "\0\0GNU C Library (Ubuntu GLIBC 2.35-0ubuntu3.8) stable release version 2.35.\n\0"
            .getBytes(ISO_8859_1);
    assertEquals(Optional.of("2.35"), GlibcVersion.fromBytes(banner));
    assertEquals(Optional.empty(), GlibcVersion.fromBytes("musl libc".getBytes(ISO_8859_1)));

    Path bannered = Files.write(dir.resolve("libc.so.6"), banner);
    assertEquals(Optional.of("2.35"), GlibcVersion.version(bannered));
    Path named = Files.writeString(dir.resolve("libc-2.17.so"), "no banner");
    assertEquals(Optional.of("2.17"), GlibcVersion.version(named));
    assertEquals(Optional.of("2.12"), GlibcVersion.version(dir.resolve("libc-2.12.so")));
    assertEquals(Optional.empty(), GlibcVersion.version(dir.resolve("libc.so.6.missing")));
  }

  @Test
  void mapsWithoutALibcOrUnreadableMapsAreSaidSo(@TempDir Path dir) throws IOException {
    Path musl =
        Files.writeString(dir.resolve("maps"), "7f00-7f10 r-xp 0 0 0 /lib/ld-musl-x86_64.so.1\n");
    assertTrue(
        GlibcVersion.describe(musl).startsWith("no glibc found"), GlibcVersion.describe(musl));
    Path missing = dir.resolve("no-maps");
    assertTrue(
        GlibcVersion.describe(missing).startsWith("glibc unknown (cannot read " + missing),
        GlibcVersion.describe(missing));
    Path unknown =
        Files.writeString(
            dir.resolve("maps-unknown"),
            "7f00-7f10 r-xp 0 0 0 " + Files.writeString(dir.resolve("libc.so.6"), "x") + "\n");
    assertEquals(
        "glibc of unknown version (" + dir.resolve("libc.so.6") + ")",
        GlibcVersion.describe(unknown));
  }
}
