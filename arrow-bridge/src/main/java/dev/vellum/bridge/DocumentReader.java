package dev.vellum.bridge;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Turns a batch of the output schema ({@link OutputSchema}) into {@link ExtractedDocument}s.
 *
 * <p>Any subset of the columns may be present, in any order: a missing column reads as null (or an
 * empty list, or 0 for {@code length}, or {@code ""} for {@code path}, which the record requires).
 * The same holds for the fields of the structs. Null structs and lists read as null and empty
 * lists. A column of an unexpected type is a {@link VellumArrowException} naming it.
 */
public final class DocumentReader {
  private DocumentReader() {}

  /** The documents of {@code root}, one per row, in row order. */
  public static List<ExtractedDocument> read(VectorSchemaRoot root) {
    VarCharVector path = column(root, OutputSchema.PATH, VarCharVector.class);
    TimeStampVector modificationTime = timestamp(root.getVector(OutputSchema.MODIFICATION_TIME));
    BigIntVector length = column(root, OutputSchema.LENGTH, BigIntVector.class);
    VarCharVector mimeType = column(root, OutputSchema.MIME_TYPE, VarCharVector.class);
    VarCharVector content = column(root, OutputSchema.CONTENT, VarCharVector.class);
    MetadataReader metadata =
        MetadataReader.of(column(root, OutputSchema.METADATA, StructVector.class));
    PagesReader pages = PagesReader.of(column(root, OutputSchema.PAGES, ListVector.class));
    TablesReader tables = TablesReader.of(column(root, OutputSchema.TABLES, ListVector.class));
    ChunksReader chunks = ChunksReader.of(column(root, OutputSchema.CHUNKS, ListVector.class));
    ListVector languages = column(root, OutputSchema.LANGUAGES, ListVector.class);
    ErrorReader error = ErrorReader.of(column(root, OutputSchema.ERROR, StructVector.class));

    int rows = root.getRowCount();
    List<ExtractedDocument> documents = new ArrayList<>(rows);
    for (int row = 0; row < rows; row++) {
      String pathValue = string(path, row);
      documents.add(
          new ExtractedDocument(
              pathValue == null ? "" : pathValue,
              instant(modificationTime, row),
              length == null || length.isNull(row) ? 0L : length.get(row),
              string(mimeType, row),
              string(content, row),
              metadata == null ? null : metadata.read(row),
              pages == null ? List.of() : pages.read(row),
              tables == null ? List.of() : tables.read(row),
              chunks == null ? List.of() : chunks.read(row),
              strings(languages, row),
              error == null ? null : error.read(row)));
    }
    return documents;
  }

  // --- the nested columns ---------------------------------------------------------------------

  private record MetadataReader(
      StructVector struct,
      VarCharVector title,
      ListVector authors,
      VarCharVector subject,
      ListVector keywords,
      VarCharVector language,
      TimeStampVector created,
      TimeStampVector modified,
      VarCharVector creator,
      VarCharVector producer,
      IntVector pageCount,
      BitVector encrypted,
      MapVector extra) {
    static MetadataReader of(StructVector struct) {
      if (struct == null) {
        return null;
      }
      return new MetadataReader(
          struct,
          child(struct, "title", VarCharVector.class),
          child(struct, "authors", ListVector.class),
          child(struct, "subject", VarCharVector.class),
          child(struct, "keywords", ListVector.class),
          child(struct, "language", VarCharVector.class),
          timestamp(struct.getChild("created")),
          timestamp(struct.getChild("modified")),
          child(struct, "creator", VarCharVector.class),
          child(struct, "producer", VarCharVector.class),
          child(struct, "page_count", IntVector.class),
          child(struct, "encrypted", BitVector.class),
          child(struct, "extra", MapVector.class));
    }

    Metadata read(int row) {
      if (struct.isNull(row)) {
        return null;
      }
      return new Metadata(
          string(title, row),
          strings(authors, row),
          string(subject, row),
          strings(keywords, row),
          string(language, row),
          instant(created, row),
          instant(modified, row),
          string(creator, row),
          string(producer, row),
          integer(pageCount, row),
          encrypted == null || encrypted.isNull(row) ? null : encrypted.get(row) != 0,
          map(extra, row));
    }
  }

  private record PagesReader(ListVector list, IntVector number, VarCharVector content) {
    static PagesReader of(ListVector list) {
      if (list == null) {
        return null;
      }
      StructVector element = dataVector(list, StructVector.class);
      return new PagesReader(
          list,
          child(element, "number", IntVector.class),
          child(element, "content", VarCharVector.class));
    }

    List<Page> read(int row) {
      if (list.isNull(row)) {
        return List.of();
      }
      List<Page> pages = new ArrayList<>();
      for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
        Integer pageNumber = integer(number, i);
        pages.add(new Page(pageNumber == null ? 0 : pageNumber, nonNull(string(content, i))));
      }
      return pages;
    }
  }

  private record TablesReader(
      ListVector list, IntVector page, ListVector cells, VarCharVector markdown) {
    static TablesReader of(ListVector list) {
      if (list == null) {
        return null;
      }
      StructVector element = dataVector(list, StructVector.class);
      return new TablesReader(
          list,
          child(element, "page", IntVector.class),
          child(element, "cells", ListVector.class),
          child(element, "markdown", VarCharVector.class));
    }

    List<Table> read(int row) {
      if (list.isNull(row)) {
        return List.of();
      }
      List<Table> tables = new ArrayList<>();
      for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
        tables.add(new Table(integer(page, i), rows(i), nonNull(string(markdown, i))));
      }
      return tables;
    }

    private List<List<String>> rows(int table) {
      if (cells == null || cells.isNull(table)) {
        return List.of();
      }
      ListVector row = dataVector(cells, ListVector.class);
      List<List<String>> rows = new ArrayList<>();
      for (int i = cells.getElementStartIndex(table); i < cells.getElementEndIndex(table); i++) {
        rows.add(strings(row, i));
      }
      return rows;
    }
  }

  private record ChunksReader(
      ListVector list,
      IntVector index,
      VarCharVector content,
      IntVector charStart,
      IntVector charEnd,
      IntVector page) {
    static ChunksReader of(ListVector list) {
      if (list == null) {
        return null;
      }
      StructVector element = dataVector(list, StructVector.class);
      return new ChunksReader(
          list,
          child(element, "index", IntVector.class),
          child(element, "content", VarCharVector.class),
          child(element, "char_start", IntVector.class),
          child(element, "char_end", IntVector.class),
          child(element, "page", IntVector.class));
    }

    List<Chunk> read(int row) {
      if (list.isNull(row)) {
        return List.of();
      }
      List<Chunk> chunks = new ArrayList<>();
      for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
        chunks.add(
            new Chunk(
                intOrZero(index, i),
                nonNull(string(content, i)),
                intOrZero(charStart, i),
                intOrZero(charEnd, i),
                integer(page, i)));
      }
      return chunks;
    }
  }

  private record ErrorReader(StructVector struct, VarCharVector kind, VarCharVector message) {
    static ErrorReader of(StructVector struct) {
      if (struct == null) {
        return null;
      }
      return new ErrorReader(
          struct,
          child(struct, "kind", VarCharVector.class),
          child(struct, "message", VarCharVector.class));
    }

    ExtractionError read(int row) {
      if (struct.isNull(row)) {
        return null;
      }
      String code = string(kind, row);
      ErrorKind errorKind;
      try {
        errorKind = code == null ? ErrorKind.INTERNAL : ErrorKind.fromCode(code);
      } catch (IllegalArgumentException e) {
        throw new VellumArrowException(
            "column 'error' holds the unknown error kind '" + code + "' in row " + row, e);
      }
      return new ExtractionError(errorKind, nonNull(string(message, row)));
    }
  }

  // --- leaves ---------------------------------------------------------------------------------

  private static String string(VarCharVector vector, int index) {
    if (vector == null || vector.isNull(index)) {
      return null;
    }
    return new String(vector.get(index), StandardCharsets.UTF_8);
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }

  private static Integer integer(IntVector vector, int index) {
    return vector == null || vector.isNull(index) ? null : vector.get(index);
  }

  private static int intOrZero(IntVector vector, int index) {
    return vector == null || vector.isNull(index) ? 0 : vector.get(index);
  }

  private static Instant instant(TimeStampVector vector, int index) {
    if (vector == null || vector.isNull(index)) {
      return null;
    }
    return Micros.toInstant(vector.get(index));
  }

  /** A list of strings; a null list, or a missing one, is empty; a null element reads as "". */
  private static List<String> strings(ListVector list, int index) {
    if (list == null || list.isNull(index)) {
      return List.of();
    }
    VarCharVector elements = dataVector(list, VarCharVector.class);
    List<String> values = new ArrayList<>();
    for (int i = list.getElementStartIndex(index); i < list.getElementEndIndex(index); i++) {
      values.add(nonNull(string(elements, i)));
    }
    return values;
  }

  /** A map of strings; entries are read by position (key, value), whatever their names. */
  private static Map<String, String> map(MapVector map, int index) {
    if (map == null || map.isNull(index)) {
      return Map.of();
    }
    // Arrow Java guarantees two fields, whatever the producer named them.
    StructVector entries = dataVector(map, StructVector.class);
    VarCharVector keys = cast(entries.getChildByOrdinal(0), VarCharVector.class, "extra.key");
    VarCharVector values = cast(entries.getChildByOrdinal(1), VarCharVector.class, "extra.value");
    Map<String, String> result = new LinkedHashMap<>();
    for (int i = map.getElementStartIndex(index); i < map.getElementEndIndex(index); i++) {
      String key = string(keys, i);
      if (key != null) {
        result.put(key, nonNull(string(values, i)));
      }
    }
    return result;
  }

  // --- finding vectors ------------------------------------------------------------------------

  private static <V extends ValueVector> V column(
      VectorSchemaRoot root, String name, Class<V> type) {
    return cast(root.getVector(name), type, name);
  }

  private static <V extends ValueVector> V child(StructVector struct, String name, Class<V> type) {
    return cast(struct.getChild(name), type, struct.getName() + "." + name);
  }

  private static <V extends ValueVector> V dataVector(ListVector list, Class<V> type) {
    return cast(list.getDataVector(), type, list.getName() + ".element");
  }

  private static TimeStampVector timestamp(ValueVector vector) {
    if (vector == null
        || vector instanceof TimeStampMicroTZVector
        || vector instanceof TimeStampMicroVector) {
      return (TimeStampVector) vector;
    }
    throw new VellumArrowException(
        "column '"
            + vector.getName()
            + "' has the Arrow type "
            + vector.getField().getType()
            + "; expected a timestamp in microseconds");
  }

  private static <V extends ValueVector> V cast(ValueVector vector, Class<V> type, String name) {
    if (vector == null) {
      return null;
    }
    if (!type.isInstance(vector)) {
      throw new VellumArrowException(
          "column '"
              + name
              + "' has the Arrow type "
              + vector.getField().getType()
              + "; expected "
              + type.getSimpleName());
    }
    return type.cast(vector);
  }
}
