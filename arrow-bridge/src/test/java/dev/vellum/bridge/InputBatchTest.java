package dev.vellum.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class InputBatchTest {
  @Test
  void everySourceBecomesOneRowWithItsNulls() {
    Instant time = Instant.parse("1969-12-31T23:59:59.999999Z");
    List<DocumentSource> sources =
        List.of(
            new DocumentSource("/\u6587\u66f8.txt", new byte[] {0, 1, 2}, 3, time, null),
            DocumentSource.unreadable("/gone.txt", 12, "no such file"),
            DocumentSource.of("/empty", new byte[0]));
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = InputBatch.build(sources, allocator)) {
      assertEquals(InputBatch.SCHEMA, root.getSchema());
      assertEquals(3, root.getRowCount());
      VarCharVector path = (VarCharVector) root.getVector(InputBatch.PATH);
      VarBinaryVector content = (VarBinaryVector) root.getVector(InputBatch.CONTENT);
      BigIntVector length = (BigIntVector) root.getVector(InputBatch.LENGTH);
      TimeStampMicroTZVector modified =
          (TimeStampMicroTZVector) root.getVector(InputBatch.MODIFICATION_TIME);
      VarCharVector readError = (VarCharVector) root.getVector(InputBatch.READ_ERROR);
      assertEquals("/\u6587\u66f8.txt", path.getObject(0).toString());
      assertArrayEquals(new byte[] {0, 1, 2}, content.get(0));
      assertTrue(content.isNull(1));
      assertArrayEquals(new byte[0], content.get(2));
      assertEquals(12, length.get(1));
      assertEquals(-1, modified.get(0));
      assertTrue(modified.isNull(1));
      assertEquals("no such file", readError.getObject(1).toString());
      assertTrue(readError.isNull(0));
    }
  }

  @Test
  void aFailedBuildLeaksNothing() {
    byte[] big = new byte[64];
    Arrays.fill(big, (byte) 'x');
    try (BufferAllocator allocator = new RootAllocator(1024)) {
      List<DocumentSource> sources =
          java.util.Collections.nCopies(64, DocumentSource.of("/big", big));
      assertThrows(RuntimeException.class, () -> InputBatch.build(sources, allocator));
    }
  }
}
