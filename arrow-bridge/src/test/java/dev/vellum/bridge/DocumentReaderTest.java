package dev.vellum.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.Chunk;
import dev.vellum.ErrorKind;
import dev.vellum.ExtractedDocument;
import dev.vellum.ExtractionError;
import dev.vellum.Metadata;
import dev.vellum.Page;
import dev.vellum.Table;
import dev.vellum.VellumArrowException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {
  private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;

  @Test
  void aBatchWithoutColumnsReadsAsDocumentsWithEmptyPathsAndNothingElse() {
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of()), allocator)) {
      root.setRowCount(2);
      ExtractedDocument empty =
          new ExtractedDocument("", null, 0, null, null, null, null, null, null, null, null);
      assertEquals(List.of(empty, empty), DocumentReader.read(root));
    }
  }

  @Test
  void nullValuesInColumnsThatTheRecordsRequireReadAsEmptyValues() {
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root =
            VectorSchemaRoot.create(
                OutputSchema.schema(
                    List.of("path", "length", "pages", "tables", "chunks", "languages", "error")),
                allocator)) {
      root.allocateNew();
      ((VarCharVector) root.getVector("path")).setNull(0);
      root.getVector("length").setNull(0);
      // One page, table and chunk whose every field is null, and a list with a null element.
      ListVector pages = (ListVector) root.getVector("pages");
      pages.startNewValue(0);
      ((StructVector) pages.getDataVector()).setIndexDefined(0);
      pages.endValue(0, 1);
      ListVector tables = (ListVector) root.getVector("tables");
      tables.startNewValue(0);
      ((StructVector) tables.getDataVector()).setIndexDefined(0);
      tables.endValue(0, 1);
      ListVector chunks = (ListVector) root.getVector("chunks");
      chunks.startNewValue(0);
      ((StructVector) chunks.getDataVector()).setIndexDefined(0);
      chunks.endValue(0, 1);
      ListVector languages = (ListVector) root.getVector("languages");
      languages.startNewValue(0);
      ((VarCharVector) languages.getDataVector()).setNull(0);
      languages.endValue(0, 1);
      // An error whose kind and message are null.
      ((StructVector) root.getVector("error")).setIndexDefined(0);
      // Row 1: null lists and a null error.
      pages.setNull(1);
      tables.setNull(1);
      chunks.setNull(1);
      languages.setNull(1);
      root.getVector("error").setNull(1);
      ((VarCharVector) root.getVector("path")).setSafe(1, "p".getBytes(StandardCharsets.UTF_8));
      root.setRowCount(2);

      List<ExtractedDocument> documents = DocumentReader.read(root);
      ExtractedDocument first = documents.get(0);
      assertEquals("", first.path());
      assertEquals(0, first.length());
      assertEquals(List.of(new Page(0, "")), first.pages());
      assertEquals(List.of(new Table(null, List.of(), "")), first.tables());
      assertEquals(List.of(new Chunk(0, "", 0, 0, null)), first.chunks());
      assertEquals(List.of(""), first.languages());
      assertEquals(new ExtractionError(ErrorKind.INTERNAL, ""), first.error());
      ExtractedDocument second = documents.get(1);
      assertEquals("p", second.path());
      assertEquals(List.of(), second.pages());
      assertEquals(List.of(), second.tables());
      assertEquals(List.of(), second.chunks());
      assertEquals(List.of(), second.languages());
      assertNull(second.error());
    }
  }

  @Test
  void structsMayLackFieldsAndTimestampsMayLackATimeZone() {
    Field metadata =
        new Field(
            "metadata",
            FieldType.nullable(ArrowType.Struct.INSTANCE),
            List.of(
                new Field("title", FieldType.nullable(UTF8), null),
                new Field(
                    "created",
                    FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
                    null)));
    Field mtime =
        new Field(
            "modification_time",
            FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
            null);
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root =
            VectorSchemaRoot.create(new Schema(List.of(mtime, metadata)), allocator)) {
      root.allocateNew();
      ((TimeStampMicroVector) root.getVector("modification_time")).setSafe(0, -1L);
      StructVector struct = (StructVector) root.getVector("metadata");
      struct.setIndexDefined(0);
      struct
          .getChild("title", VarCharVector.class)
          .setSafe(0, "T".getBytes(StandardCharsets.UTF_8));
      struct.getChild("created", TimeStampMicroVector.class).setSafe(0, 1_500_000L);
      root.setRowCount(1);

      ExtractedDocument document = DocumentReader.read(root).get(0);
      assertEquals(Instant.parse("1969-12-31T23:59:59.999999Z"), document.modificationTime());
      assertEquals(
          new Metadata(
              "T",
              null,
              null,
              null,
              null,
              Instant.parse("1970-01-01T00:00:01.5Z"),
              null,
              null,
              null,
              null,
              null,
              null),
          document.metadata());
    }
  }

  @Test
  void mapEntriesAreReadByPositionAndNullKeysAreSkipped() {
    Field entries =
        new Field(
            "entries",
            FieldType.notNullable(ArrowType.Struct.INSTANCE),
            List.of(
                new Field("keys", FieldType.notNullable(UTF8), null),
                new Field("values", FieldType.nullable(UTF8), null)));
    Field metadata =
        new Field(
            "metadata",
            FieldType.nullable(ArrowType.Struct.INSTANCE),
            List.of(
                new Field(
                    "extra", FieldType.nullable(new ArrowType.Map(false)), List.of(entries))));
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(metadata)), allocator)) {
      root.allocateNew();
      StructVector struct = (StructVector) root.getVector("metadata");
      struct.setIndexDefined(0);
      MapVector map = struct.getChild("extra", MapVector.class);
      StructVector entryVector = (StructVector) map.getDataVector();
      VarCharVector keys = entryVector.getChild("keys", VarCharVector.class);
      VarCharVector values = entryVector.getChild("values", VarCharVector.class);
      map.startNewValue(0);
      entryVector.setIndexDefined(0);
      keys.setSafe(0, "a".getBytes(StandardCharsets.UTF_8));
      values.setNull(0);
      entryVector.setIndexDefined(1);
      keys.setNull(1);
      values.setSafe(1, "lost".getBytes(StandardCharsets.UTF_8));
      map.endValue(0, 2);
      struct.setIndexDefined(1);
      map.setNull(1);
      struct.setNull(2);
      root.setRowCount(3);

      List<ExtractedDocument> documents = DocumentReader.read(root);
      assertEquals(Map.of("a", ""), documents.get(0).metadata().extra());
      assertEquals(Map.of(), documents.get(1).metadata().extra());
      assertNull(documents.get(2).metadata());
    }
  }

  @Test
  void aColumnOfTheWrongTypeIsNamedInTheError() {
    Field path = new Field("path", FieldType.nullable(new ArrowType.Int(32, true)), null);
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(path)), allocator)) {
      root.allocateNew();
      ((IntVector) root.getVector("path")).setSafe(0, 1);
      root.setRowCount(1);
      VellumArrowException e =
          assertThrows(VellumArrowException.class, () -> DocumentReader.read(root));
      assertTrue(e.getMessage().contains("'path'"), e.getMessage());
      assertTrue(e.getMessage().contains("VarCharVector"), e.getMessage());
    }
  }

  @Test
  void aNestedFieldOfTheWrongTypeIsNamedWithItsStruct() {
    Field error =
        new Field(
            "error",
            FieldType.nullable(ArrowType.Struct.INSTANCE),
            List.of(new Field("kind", FieldType.nullable(new ArrowType.Int(32, true)), null)));
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(error)), allocator)) {
      VellumArrowException e =
          assertThrows(VellumArrowException.class, () -> DocumentReader.read(root));
      assertTrue(e.getMessage().contains("'error.kind'"), e.getMessage());
    }
  }

  @Test
  void aTimestampInMillisecondsIsRejected() {
    Field mtime =
        new Field(
            "modification_time",
            FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
            null);
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(mtime)), allocator)) {
      VellumArrowException e =
          assertThrows(VellumArrowException.class, () -> DocumentReader.read(root));
      assertTrue(e.getMessage().contains("modification_time"), e.getMessage());
      assertTrue(e.getMessage().contains("microseconds"), e.getMessage());
    }
  }

  @Test
  void anUnknownErrorKindIsRejectedWithItsRow() {
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root =
            VectorSchemaRoot.create(OutputSchema.schema(List.of("error")), allocator)) {
      root.allocateNew();
      StructVector error = (StructVector) root.getVector("error");
      error.setIndexDefined(0);
      error
          .getChild("kind", VarCharVector.class)
          .setSafe(0, "gremlins".getBytes(StandardCharsets.UTF_8));
      root.setRowCount(1);
      VellumArrowException e =
          assertThrows(VellumArrowException.class, () -> DocumentReader.read(root));
      assertTrue(e.getMessage().contains("'gremlins'"), e.getMessage());
      assertTrue(e.getMessage().contains("row 0"), e.getMessage());
    }
  }
}
