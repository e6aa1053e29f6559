package dev.vellum.bridge;

import dev.vellum.Chunk;
import dev.vellum.ExtractedDocument;
import dev.vellum.ExtractionError;
import dev.vellum.Metadata;
import dev.vellum.Page;
import dev.vellum.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Turns {@link ExtractedDocument}s into a batch of the output schema: the inverse of {@link
 * DocumentReader}. The Spark connector uses it to hand post-processed documents back to Spark as
 * columns.
 *
 * <p>The batch has exactly {@link OutputSchema}'s fields for the columns asked for, in that order.
 * Lists of a document ({@code pages}, {@code authors}, …) are written as lists, empty or not; a
 * null {@code metadata} or {@code error} is a null struct. Timestamps keep microseconds.
 */
public final class DocumentWriter {
  private DocumentWriter() {}

  /**
   * A new batch holding {@code documents}, with the fields of {@code columns}. The caller closes
   * it. An unknown or repeated column is an {@link IllegalArgumentException}.
   */
  public static VectorSchemaRoot write(
      List<ExtractedDocument> documents, List<String> columns, BufferAllocator allocator) {
    Set<String> seen = new HashSet<>();
    for (String column : columns) {
      OutputSchema.field(column);
      if (!seen.add(column)) {
        throw new IllegalArgumentException("column '" + column + "' is asked for twice");
      }
    }
    VectorSchemaRoot root = VectorSchemaRoot.create(OutputSchema.schema(columns), allocator);
    try {
      int rows = documents.size();
      for (FieldVector vector : root.getFieldVectors()) {
        vector.setInitialCapacity(Math.max(rows, 1));
        vector.allocateNew();
      }
      for (int i = 0; i < columns.size(); i++) {
        FieldVector vector = root.getVector(i);
        for (int row = 0; row < rows; row++) {
          writeCell(columns.get(i), vector, row, documents.get(row));
        }
      }
      root.setRowCount(rows);
      return root;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  private static void writeCell(String column, FieldVector vector, int row, ExtractedDocument doc) {
    switch (column) {
      case OutputSchema.PATH -> setString((VarCharVector) vector, row, doc.path());
      case OutputSchema.MODIFICATION_TIME ->
          setInstant((TimeStampMicroTZVector) vector, row, doc.modificationTime());
      case OutputSchema.LENGTH -> ((BigIntVector) vector).setSafe(row, doc.length());
      case OutputSchema.MIME_TYPE -> setString((VarCharVector) vector, row, doc.mimeType());
      case OutputSchema.CONTENT -> setString((VarCharVector) vector, row, doc.content());
      case OutputSchema.METADATA -> setMetadata((StructVector) vector, row, doc.metadata());
      case OutputSchema.PAGES -> setPages((ListVector) vector, row, doc.pages());
      case OutputSchema.TABLES -> setTables((ListVector) vector, row, doc.tables());
      case OutputSchema.CHUNKS -> setChunks((ListVector) vector, row, doc.chunks());
      case OutputSchema.LANGUAGES -> setStrings((ListVector) vector, row, doc.languages());
      case OutputSchema.ERROR -> setError((StructVector) vector, row, doc.error());
      default -> throw new IllegalStateException("no writer for column '" + column + "'");
    }
  }

  private static void setMetadata(StructVector struct, int row, Metadata metadata) {
    if (metadata == null) {
      struct.setNull(row);
      return;
    }
    struct.setIndexDefined(row);
    setString(child(struct, "title", VarCharVector.class), row, metadata.title());
    setStrings(child(struct, "authors", ListVector.class), row, metadata.authors());
    setString(child(struct, "subject", VarCharVector.class), row, metadata.subject());
    setStrings(child(struct, "keywords", ListVector.class), row, metadata.keywords());
    setString(child(struct, "language", VarCharVector.class), row, metadata.language());
    setInstant(child(struct, "created", TimeStampMicroTZVector.class), row, metadata.created());
    setInstant(child(struct, "modified", TimeStampMicroTZVector.class), row, metadata.modified());
    setString(child(struct, "creator", VarCharVector.class), row, metadata.creator());
    setString(child(struct, "producer", VarCharVector.class), row, metadata.producer());
    setInteger(child(struct, "page_count", IntVector.class), row, metadata.pageCount());
    BitVector encrypted = child(struct, "encrypted", BitVector.class);
    if (metadata.encrypted() == null) {
      encrypted.setNull(row);
    } else {
      encrypted.setSafe(row, metadata.encrypted() ? 1 : 0);
    }
    setMap(child(struct, "extra", MapVector.class), row, metadata.extra());
  }

  private static void setPages(ListVector list, int row, List<Page> pages) {
    StructVector element = (StructVector) list.getDataVector();
    IntVector number = child(element, "number", IntVector.class);
    VarCharVector content = child(element, "content", VarCharVector.class);
    int start = list.startNewValue(row);
    for (int i = 0; i < pages.size(); i++) {
      Page page = pages.get(i);
      element.setIndexDefined(start + i);
      number.setSafe(start + i, page.number());
      setString(content, start + i, page.content());
    }
    list.endValue(row, pages.size());
  }

  private static void setTables(ListVector list, int row, List<Table> tables) {
    StructVector element = (StructVector) list.getDataVector();
    IntVector page = child(element, "page", IntVector.class);
    ListVector cells = child(element, "cells", ListVector.class);
    VarCharVector markdown = child(element, "markdown", VarCharVector.class);
    int start = list.startNewValue(row);
    for (int i = 0; i < tables.size(); i++) {
      Table table = tables.get(i);
      element.setIndexDefined(start + i);
      setInteger(page, start + i, table.page());
      ListVector rowsOfCells = (ListVector) cells.getDataVector();
      int firstRow = cells.startNewValue(start + i);
      for (int r = 0; r < table.cells().size(); r++) {
        setStrings(rowsOfCells, firstRow + r, table.cells().get(r));
      }
      cells.endValue(start + i, table.cells().size());
      setString(markdown, start + i, table.markdown());
    }
    list.endValue(row, tables.size());
  }

  private static void setChunks(ListVector list, int row, List<Chunk> chunks) {
    StructVector element = (StructVector) list.getDataVector();
    IntVector index = child(element, "index", IntVector.class);
    VarCharVector content = child(element, "content", VarCharVector.class);
    IntVector charStart = child(element, "char_start", IntVector.class);
    IntVector charEnd = child(element, "char_end", IntVector.class);
    IntVector page = child(element, "page", IntVector.class);
    int start = list.startNewValue(row);
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      element.setIndexDefined(start + i);
      index.setSafe(start + i, chunk.index());
      setString(content, start + i, chunk.content());
      charStart.setSafe(start + i, chunk.charStart());
      charEnd.setSafe(start + i, chunk.charEnd());
      setInteger(page, start + i, chunk.page());
    }
    list.endValue(row, chunks.size());
  }

  private static void setError(StructVector struct, int row, ExtractionError error) {
    if (error == null) {
      struct.setNull(row);
      return;
    }
    struct.setIndexDefined(row);
    setString(child(struct, "kind", VarCharVector.class), row, error.kind().code());
    setString(child(struct, "message", VarCharVector.class), row, error.message());
  }

  private static void setStrings(ListVector list, int row, List<String> values) {
    VarCharVector elements = (VarCharVector) list.getDataVector();
    int start = list.startNewValue(row);
    for (int i = 0; i < values.size(); i++) {
      setString(elements, start + i, values.get(i));
    }
    list.endValue(row, values.size());
  }

  private static void setMap(MapVector map, int row, Map<String, String> values) {
    StructVector entries = (StructVector) map.getDataVector();
    VarCharVector keys = child(entries, MapVector.KEY_NAME, VarCharVector.class);
    VarCharVector vals = child(entries, MapVector.VALUE_NAME, VarCharVector.class);
    int next = map.startNewValue(row);
    for (Map.Entry<String, String> entry : values.entrySet()) {
      entries.setIndexDefined(next);
      setString(keys, next, entry.getKey());
      setString(vals, next, entry.getValue());
      next++;
    }
    map.endValue(row, values.size());
  }

  private static void setString(VarCharVector vector, int index, String value) {
    if (value == null) {
      vector.setNull(index);
    } else {
      vector.setSafe(index, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void setInteger(IntVector vector, int index, Integer value) {
    if (value == null) {
      vector.setNull(index);
    } else {
      vector.setSafe(index, value);
    }
  }

  private static void setInstant(TimeStampMicroTZVector vector, int index, Instant value) {
    if (value == null) {
      vector.setNull(index);
    } else {
      vector.setSafe(index, Micros.fromInstant(value));
    }
  }

  private static <V extends FieldVector> V child(StructVector struct, String name, Class<V> type) {
    return struct.getChild(name, type);
  }
}
