package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.VellumConfigException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.vectorized.ArrowColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VellumColumnarPartitionReaderTest {
  @TempDir Path dir;

  @AfterEach
  void nothingStaysAllocated() {
    assertEquals(0, Allocators.allocatedBytes());
  }

  private VellumInputPartition partition(int files) throws IOException {
    List<ListedFile> listed = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      Path file = dir.resolve("doc" + i + ".txt");
      Files.writeString(file, "document number " + i);
      listed.add(new ListedFile(file.toUri().toString(), Files.size(file), 0, List.of()));
    }
    return new VellumInputPartition(0, listed, List.of());
  }

  private static ReaderSettings settings(List<String> columns, Map<String, String> extraction) {
    return new ReaderSettings(columns, ReadMode.PERMISSIVE, false, extraction, Map.of());
  }

  private static VellumColumnarPartitionReader reader(
      VellumInputPartition partition, ReaderSettings settings) {
    return new VellumColumnarPartitionReader(partition, settings, new Configuration(), null);
  }

  @Test
  void documentsComeInBatchesOfBatchSize() throws IOException {
    List<Integer> sizes = new ArrayList<>();
    try (var reader = reader(partition(5), settings(List.of(), Map.of("batchSize", "2")))) {
      while (reader.next()) {
        sizes.add(reader.get().numRows());
      }
    }
    assertEquals(List.of(2, 2, 1), sizes);
  }

  @Test
  void nativeBatchesHoldTheRequestedColumnsAndAreReleasedOneByOne() throws IOException {
    try (var reader =
        reader(partition(3), settings(List.of("path", "content"), Map.of("batchSize", "2")))) {
      assertTrue(reader.next());
      ColumnarBatch batch = reader.get();
      assertEquals(2, batch.numCols());
      assertEquals(2, batch.numRows());
      assertTrue(batch.column(1).getUTF8String(0).toString().startsWith("document number"));
      assertTrue(reader.next());
      assertEquals(1, reader.get().numRows());
      assertFalse(reader.next());
    }
  }

  @Test
  void getBeforeNextIsAnIllegalStateException() throws IOException {
    try (var reader = reader(partition(1), settings(List.of(), Map.of()))) {
      assertThrows(IllegalStateException.class, reader::get);
    }
  }

  @Test
  void nextAfterCloseIsAnIllegalStateExceptionAndCloseIsIdempotent() throws IOException {
    var reader = reader(partition(1), settings(List.of("path"), Map.of()));
    reader.close();
    reader.close();
    assertThrows(IllegalStateException.class, reader::next);
  }

  @Test
  void aPipelineThatCannotOpenReleasesEverythingAndNamesTheClass() throws IOException {
    var partition = partition(1);
    var settings = settings(List.of("path"), Map.of("validators", "com.example.NoSuchValidator"));
    var e = assertThrows(VellumConfigException.class, () -> reader(partition, settings));
    assertTrue(e.getMessage().contains("com.example.NoSuchValidator"), e.getMessage());
  }

  @Test
  void theRowReaderIsNotSupportedAndColumnarReadsAre() throws IOException {
    var factory =
        new VellumPartitionReaderFactory(
            settings(List.of("path"), Map.of()),
            new SerializableConfiguration(new Configuration()),
            ScanPushdown.NONE);
    var partition = partition(1);
    assertTrue(factory.supportColumnarReads(partition));
    assertThrows(UnsupportedOperationException.class, () -> factory.createReader(partition));
    try (var reader = factory.createColumnarReader(partition)) {
      assertTrue(reader.next());
    }
  }

  @Test
  void theFactoryTravelsWithItsHadoopConfiguration() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.example.setting", "kept");
    var factory =
        new VellumPartitionReaderFactory(
            settings(List.of("path"), Map.of("batchSize", "3")),
            new SerializableConfiguration(conf),
            ScanPushdown.NONE);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new SerializableConfiguration(conf));
      out.writeObject(factory);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      var copy = (SerializableConfiguration) in.readObject();
      assertEquals("kept", copy.value().get("fs.example.setting"));
      var factoryCopy = (VellumPartitionReaderFactory) in.readObject();
      try (var reader = factoryCopy.createColumnarReader(partition(4))) {
        assertTrue(reader.next());
        assertEquals(3, reader.get().numRows());
      }
    }
  }

  @Test
  void aBatchOfOnlyMissingFilesIsSkippedWhenMissingFilesAreIgnored() throws IOException {
    var partition = partition(2);
    for (ListedFile file : partition.files()) {
      Files.delete(Path.of(java.net.URI.create(file.path())));
    }
    var settings =
        new ReaderSettings(
            List.of("path", "content"),
            ReadMode.PERMISSIVE,
            true,
            Map.of("batchSize", "1"),
            Map.of());
    try (var reader = reader(partition, settings)) {
      assertFalse(reader.next());
    }
  }

  @Test
  void aBatchWhoseDocumentsAllFailIsSkippedWhenDroppingMalformedDocuments() throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"unterminated\": ");
    Path good = dir.resolve("good.json");
    Files.writeString(good, "{\"fine\": true}");
    var partition =
        new VellumInputPartition(
            0,
            List.of(
                new ListedFile(bad.toUri().toString(), Files.size(bad), 0, List.of()),
                new ListedFile(good.toUri().toString(), Files.size(good), 0, List.of())),
            List.of());
    var settings =
        new ReaderSettings(
            List.of("path"), ReadMode.DROPMALFORMED, false, Map.of("batchSize", "1"), Map.of());
    try (var reader = reader(partition, settings)) {
      assertTrue(reader.next());
      assertEquals(1, reader.get().numRows());
      assertTrue(reader.get().column(0).getUTF8String(0).toString().endsWith("good.json"));
      assertFalse(reader.next());
    }
  }

  @Test
  void memoryKeptPastCloseIsReportedAsALeak() throws IOException {
    // Its own root: the leaked bytes stay accounted there, and closing it reports them too.
    RootAllocator root = new RootAllocator();
    var reader =
        new VellumColumnarPartitionReader(
            partition(1), settings(List.of("path"), Map.of()), new Configuration(), null, root);
    assertTrue(reader.next());
    var vector = ((ArrowColumnVector) reader.get().column(0)).getValueVector();
    vector.getDataBuffer().getReferenceManager().retain();
    var e = assertThrows(IllegalStateException.class, reader::close);
    assertTrue(e.getMessage().contains("leaked by the reader of partition 0"), e.getMessage());
    assertThrows(IllegalStateException.class, root::close);
  }
}
