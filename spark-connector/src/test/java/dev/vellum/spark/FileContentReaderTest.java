package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.bridge.DocumentSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContentReaderTest {
  @TempDir Path dir;

  private static FileContentReader reader(ReaderSettings.ContentNeed need, boolean ignoreMissing) {
    return new FileContentReader(new Configuration(), need, 1000, ignoreMissing);
  }

  private ListedFile listed(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return new ListedFile(file.toUri().toString(), content.length, 1234, List.of());
  }

  @Test
  void theWholeFileIsReadWithItsListing() throws IOException {
    byte[] bytes = "hello".getBytes();
    DocumentSource source = reader(ReaderSettings.ContentNeed.FULL, false).read(listed("a", bytes));
    assertArrayEquals(bytes, source.content());
    assertEquals(5, source.length());
    assertEquals(1234, source.modificationTime().toEpochMilli());
    assertNull(source.readError());
  }

  @Test
  void aHeaderIsAtMostTheFirstBytes() throws IOException {
    byte[] bytes = new byte[FileContentReader.HEADER_BYTES * 3];
    DocumentSource source =
        new FileContentReader(
                new Configuration(), ReaderSettings.ContentNeed.HEADER, 1 << 20, false)
            .read(listed("big", bytes));
    assertEquals(FileContentReader.HEADER_BYTES, source.content().length);
    assertEquals(bytes.length, source.length());
  }

  @Test
  void aHeaderOfAFileThatShrankIsWhatIsThere() throws IOException {
    ListedFile file = listed("shrinking", new byte[100]);
    Files.write(Path.of(java.net.URI.create(file.path())), new byte[10]);
    DocumentSource source = reader(ReaderSettings.ContentNeed.HEADER, false).read(file);
    assertEquals(10, source.content().length);
  }

  @Test
  void nothingIsReadForListingColumnsOrFilesOverMaxFileSize() throws IOException {
    assertNull(
        reader(ReaderSettings.ContentNeed.NONE, false).read(listed("a", new byte[5])).content());
    DocumentSource large =
        reader(ReaderSettings.ContentNeed.FULL, false).read(listed("b", new byte[1001]));
    assertNull(large.content());
    assertNull(large.readError());
    assertEquals(1001, large.length());
  }

  @Test
  void aFileShorterThanListedIsAReadError() throws IOException {
    ListedFile file = listed("shrunk", new byte[100]);
    Files.write(Path.of(java.net.URI.create(file.path())), new byte[10]);
    DocumentSource source = reader(ReaderSettings.ContentNeed.FULL, false).read(file);
    assertNull(source.content());
    assertTrue(source.readError().contains("10 bytes"), source.readError());
  }

  @Test
  void aMissingFileIsSkippedOnlyWhenMissingFilesAreIgnored() throws IOException {
    ListedFile file = listed("gone", new byte[3]);
    Files.delete(Path.of(java.net.URI.create(file.path())));
    assertNull(reader(ReaderSettings.ContentNeed.FULL, true).read(file));
    DocumentSource source = reader(ReaderSettings.ContentNeed.FULL, false).read(file);
    assertTrue(source.readError().contains("not found"), source.readError());
  }

  @Test
  void aPathNoFileSystemServesIsAReadError() {
    ListedFile file = new ListedFile("nosuchscheme:/x", 3, 0, List.of());
    DocumentSource source = reader(ReaderSettings.ContentNeed.FULL, false).read(file);
    assertTrue(source.readError().contains("cannot read nosuchscheme:/x"), source.readError());
  }

  @Test
  void aFileTooLargeForAnArrayIsAReadError() throws IOException {
    ListedFile listed = listed("sparse", new byte[1]);
    ListedFile huge = new ListedFile(listed.path(), 3L << 30, 0, List.of());
    DocumentSource source =
        new FileContentReader(
                new Configuration(), ReaderSettings.ContentNeed.FULL, Long.MAX_VALUE, false)
            .read(huge);
    assertTrue(source.readError().contains("cannot be extracted"), source.readError());
    assertNull(source.content());
  }
}
