package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.VellumConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileListerTest {
  @TempDir Path dir;

  @BeforeEach
  void createTree() throws IOException {
    write("a.json", "{}", "2020-01-01T00:00:00Z");
    write("b.csv", "x,y", "2021-01-01T00:00:00Z");
    write("_SUCCESS", "", "2021-01-01T00:00:00Z");
    write(".hidden.json", "{}", "2021-01-01T00:00:00Z");
    write("sub/c.json", "[1]", "2022-01-01T00:00:00Z");
    write("sub/deeper/d.txt", "text", "2022-01-01T00:00:00Z");
    write("_temporary/e.json", "{}", "2022-01-01T00:00:00Z");
  }

  private void write(String name, String content, String modified) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
  }

  private List<String> list(String... keysAndValues) {
    Map<String, String> options = new HashMap<>();
    options.put("path", dir.toString());
    for (int i = 0; i < keysAndValues.length; i += 2) {
      options.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    VellumOptions parsed = VellumOptions.parse(options, ZoneOffset.UTC);
    return new FileLister(new Configuration(), parsed)
        .list().stream()
            .map(f -> f.path().substring(f.path().indexOf(dir.getFileName().toString())))
            .map(p -> p.substring(dir.getFileName().toString().length() + 1))
            .sorted()
            .toList();
  }

  @Test
  void aDirectoryListsItsVisibleFilesOnly() {
    assertEquals(List.of("a.json", "b.csv"), list());
  }

  @Test
  void recursiveFileLookupDescendsIntoVisibleSubdirectories() {
    assertEquals(
        List.of("a.json", "b.csv", "sub/c.json", "sub/deeper/d.txt"),
        list("recursiveFileLookup", "true"));
  }

  @Test
  void pathGlobFilterKeepsMatchingFileNames() {
    assertEquals(
        List.of("a.json", "sub/c.json"),
        list("recursiveFileLookup", "true", "pathGlobFilter", "*.json"));
  }

  @Test
  void modifiedBeforeAndAfterKeepFilesStrictlyInside() {
    assertEquals(List.of("a.json"), list("modifiedBefore", "2021-01-01T00:00:00"));
    assertEquals(
        List.of("sub/c.json", "sub/deeper/d.txt"),
        list("recursiveFileLookup", "true", "modifiedAfter", "2021-01-01T00:00:00"));
  }

  @Test
  void globsAndSeveralPathsAreListedOnceEach() {
    Map<String, String> options = new HashMap<>();
    options.put(
        "paths",
        "[\""
            + dir.resolve("*.json")
            + "\",\""
            + dir
            + "\",\""
            + dir.resolve("sub/c.json")
            + "\"]");
    var files =
        new FileLister(new Configuration(), VellumOptions.parse(options, ZoneOffset.UTC)).list();
    assertEquals(3, files.size());
    assertTrue(files.get(0).path().startsWith("file:/"), files.get(0).path());
    assertEquals(2, files.get(0).length());
  }

  @Test
  void aPathThatDoesNotExistIsAnErrorNamingIt() {
    Map<String, String> options = Map.of("path", dir.resolve("nothing-here").toString());
    var lister = new FileLister(new Configuration(), VellumOptions.parse(options, ZoneOffset.UTC));
    var e = assertThrows(VellumConfigException.class, lister::list);
    assertTrue(e.getMessage().contains("nothing-here"), e.getMessage());
  }

  @Test
  void hiddenNamesFollowSparksRule() {
    assertTrue(FileLister.isHidden("_SUCCESS"));
    assertTrue(FileLister.isHidden(".crc"));
    assertEquals(false, FileLister.isHidden("year=2020"));
    assertEquals(false, FileLister.isHidden("_year=2020"));
  }

  @Test
  void aPathWithoutAFileSystemCannotBeListed() {
    Map<String, String> options = Map.of("path", "nosuchscheme:/data");
    var lister = new FileLister(new Configuration(), VellumOptions.parse(options, ZoneOffset.UTC));
    var e = assertThrows(java.io.UncheckedIOException.class, lister::list);
    assertTrue(e.getMessage().contains("cannot list nosuchscheme:/data"), e.getMessage());
  }

  @Test
  void theHostsOfEachFileAreKeptForPreferredLocations() {
    Configuration conf = new Configuration();
    conf.set("fs.counting.impl", CountingFileSystem.class.getName());
    Map<String, String> options = Map.of("path", CountingFileSystem.uri(dir));
    var files = new FileLister(conf, VellumOptions.parse(options, ZoneOffset.UTC)).list();
    assertEquals(2, files.size());
    assertTrue(files.get(0).path().startsWith("counting:/"), files.get(0).path());
    assertEquals(List.of(CountingFileSystem.HOST), files.get(0).hosts());
  }
}
