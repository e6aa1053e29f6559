package dev.vellum.bridge;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow form of Vellum's output schema (DESIGN.md, "Output schema"): stable, additions only.
 * The native side produces exactly these fields, for the columns a call asks for, in the order
 * asked. Timestamps are microseconds, UTC; list children are named {@code element} and map entries
 * {@code entries} with {@code key} and {@code value}, as Spark names them.
 */
public final class OutputSchema {
  private OutputSchema() {}

  public static final String PATH = "path";
  public static final String MODIFICATION_TIME = "modification_time";
  public static final String LENGTH = "length";
  public static final String MIME_TYPE = "mime_type";
  public static final String CONTENT = "content";
  public static final String METADATA = "metadata";
  public static final String PAGES = "pages";
  public static final String TABLES = "tables";
  public static final String CHUNKS = "chunks";
  public static final String LANGUAGES = "languages";
  public static final String ERROR = "error";

  static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
  static final ArrowType INT32 = new ArrowType.Int(32, true);
  static final ArrowType INT64 = new ArrowType.Int(64, true);
  static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
  static final ArrowType TIMESTAMP = new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");

  /** Every top-level field, in schema order. */
  public static final List<Field> FIELDS =
      List.of(
          new Field(PATH, FieldType.notNullable(UTF8), null),
          leaf(MODIFICATION_TIME, TIMESTAMP),
          leaf(LENGTH, INT64),
          leaf(MIME_TYPE, UTF8),
          leaf(CONTENT, UTF8),
          struct(
              METADATA,
              leaf("title", UTF8),
              list("authors", leaf("element", UTF8)),
              leaf("subject", UTF8),
              list("keywords", leaf("element", UTF8)),
              leaf("language", UTF8),
              leaf("created", TIMESTAMP),
              leaf("modified", TIMESTAMP),
              leaf("creator", UTF8),
              leaf("producer", UTF8),
              leaf("page_count", INT32),
              leaf("encrypted", BOOL),
              map("extra")),
          list(PAGES, struct("element", leaf("number", INT32), leaf("content", UTF8))),
          list(
              TABLES,
              struct(
                  "element",
                  leaf("page", INT32),
                  list("cells", list("element", leaf("element", UTF8))),
                  leaf("markdown", UTF8))),
          list(
              CHUNKS,
              struct(
                  "element",
                  leaf("index", INT32),
                  leaf("content", UTF8),
                  leaf("char_start", INT32),
                  leaf("char_end", INT32),
                  leaf("page", INT32))),
          list(LANGUAGES, leaf("element", UTF8)),
          struct(ERROR, leaf("kind", UTF8), leaf("message", UTF8)));

  /** The names of every top-level field, in schema order. */
  public static final List<String> COLUMNS = FIELDS.stream().map(Field::getName).toList();

  private static final Map<String, Field> BY_NAME =
      FIELDS.stream().collect(Collectors.toUnmodifiableMap(Field::getName, Function.identity()));

  /** The whole schema. */
  public static Schema schema() {
    return new Schema(FIELDS);
  }

  /** The schema of {@code columns}, in the order given. */
  public static Schema schema(List<String> columns) {
    return new Schema(columns.stream().map(OutputSchema::field).toList());
  }

  /** The field named {@code column}; an unknown name is an {@link IllegalArgumentException}. */
  public static Field field(String column) {
    Field field = BY_NAME.get(column);
    if (field == null) {
      throw new IllegalArgumentException(
          "'" + column + "' is not a column of the output schema; columns are " + COLUMNS);
    }
    return field;
  }

  /** Whether producing {@code column} needs the document's bytes (not only its listing). */
  public static boolean needsContent(String column) {
    return !(column.equals(PATH) || column.equals(MODIFICATION_TIME) || column.equals(LENGTH));
  }

  static Field leaf(String name, ArrowType type) {
    return new Field(name, FieldType.nullable(type), null);
  }

  static Field struct(String name, Field... children) {
    return new Field(name, FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(children));
  }

  static Field list(String name, Field element) {
    return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(element));
  }

  static Field map(String name) {
    Field entries =
        new Field(
            "entries",
            FieldType.notNullable(ArrowType.Struct.INSTANCE),
            List.of(new Field("key", FieldType.notNullable(UTF8), null), leaf("value", UTF8)));
    return new Field(name, FieldType.nullable(new ArrowType.Map(false)), List.of(entries));
  }
}
