package dev.vellum.bridge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Builds the input batch the native side reads: {@code path} utf8 not null, {@code content} binary
 * (null = not read), {@code length} int64, {@code modification_time} timestamp[us, UTC], {@code
 * read_error} utf8.
 */
final class InputBatch {
  static final String PATH = "path";
  static final String CONTENT = "content";
  static final String LENGTH = "length";
  static final String MODIFICATION_TIME = "modification_time";
  static final String READ_ERROR = "read_error";

  /** The schema of the input batch. */
  static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field(PATH, FieldType.notNullable(OutputSchema.UTF8), null),
              OutputSchema.leaf(CONTENT, ArrowType.Binary.INSTANCE),
              OutputSchema.leaf(LENGTH, OutputSchema.INT64),
              OutputSchema.leaf(MODIFICATION_TIME, OutputSchema.TIMESTAMP),
              OutputSchema.leaf(READ_ERROR, OutputSchema.UTF8)));

  private InputBatch() {}

  /** A root holding {@code sources}, one row each, in order; the caller closes it. */
  static VectorSchemaRoot build(List<DocumentSource> sources, BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
    try {
      root.allocateNew();
      VarCharVector path = (VarCharVector) root.getVector(PATH);
      VarBinaryVector content = (VarBinaryVector) root.getVector(CONTENT);
      BigIntVector length = (BigIntVector) root.getVector(LENGTH);
      TimeStampMicroTZVector modified = (TimeStampMicroTZVector) root.getVector(MODIFICATION_TIME);
      VarCharVector readError = (VarCharVector) root.getVector(READ_ERROR);
      for (int row = 0; row < sources.size(); row++) {
        DocumentSource source = sources.get(row);
        path.setSafe(row, source.path().getBytes(StandardCharsets.UTF_8));
        if (source.content() == null) {
          content.setNull(row);
        } else {
          content.setSafe(row, source.content());
        }
        length.setSafe(row, source.length());
        if (source.modificationTime() == null) {
          modified.setNull(row);
        } else {
          modified.setSafe(row, Micros.fromInstant(source.modificationTime()));
        }
        if (source.readError() == null) {
          readError.setNull(row);
        } else {
          readError.setSafe(row, source.readError().getBytes(StandardCharsets.UTF_8));
        }
      }
      root.setRowCount(sources.size());
      return root;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }
}
