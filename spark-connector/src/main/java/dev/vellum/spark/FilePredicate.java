package dev.vellum.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringContains;
import org.apache.spark.sql.sources.StringEndsWith;
import org.apache.spark.sql.sources.StringStartsWith;

/**
 * A pushed filter on the columns a file's listing gives ({@code path}, {@code length}, {@code
 * modification_time}) and on {@code mime_type}, which the native side decides from the first bytes.
 * It is evaluated with SQL's three-valued logic and Spark's comparisons (strings by their UTF-8
 * bytes, timestamps in microseconds), so a file it rejects is one Spark would have filtered out.
 */
sealed interface FilePredicate extends Serializable {
  String PATH = "path";
  String LENGTH = "length";
  String MODIFICATION_TIME = "modification_time";
  String MIME_TYPE = "mime_type";

  /** TRUE, FALSE, or null when unknown (SQL's NULL). */
  Boolean test(FileFacts file);

  /** Whether the predicate reads {@code mime_type}, so it runs on the executor after detection. */
  boolean needsMimeType();

  /** What a predicate knows of a file; {@code mimeType} is null when not detected (an error). */
  record FileFacts(String path, long length, long modificationMicros, String mimeType) {
    static FileFacts listed(ListedFile file, String mimeType) {
      return new FileFacts(
          file.path(), file.length(), Math.multiplyExact(file.modificationTime(), 1000L), mimeType);
    }

    Object value(String column) {
      return switch (column) {
        case PATH -> path;
        case LENGTH -> length;
        case MODIFICATION_TIME -> modificationMicros;
        default -> mimeType;
      };
    }
  }

  /** Whether every one of {@code predicates} is TRUE for {@code file}. */
  static boolean all(List<FilePredicate> predicates, FileFacts file) {
    for (FilePredicate predicate : predicates) {
      if (!Boolean.TRUE.equals(predicate.test(file))) {
        return false;
      }
    }
    return true;
  }

  /** The predicate of {@code filter}, or null when it cannot be evaluated exactly here. */
  static FilePredicate of(Filter filter) {
    if (filter instanceof And and) {
      return both(of(and.left()), of(and.right()), true);
    } else if (filter instanceof Or or) {
      return both(of(or.left()), of(or.right()), false);
    } else if (filter instanceof Not not) {
      FilePredicate child = of(not.child());
      return child == null ? null : new Negation(child);
    } else if (filter instanceof IsNull isNull) {
      return column(isNull.attribute()) ? new NullCheck(isNull.attribute(), true) : null;
    } else if (filter instanceof IsNotNull isNotNull) {
      return column(isNotNull.attribute()) ? new NullCheck(isNotNull.attribute(), false) : null;
    } else if (filter instanceof EqualNullSafe equal) {
      if (equal.value() == null) {
        return column(equal.attribute()) ? new NullCheck(equal.attribute(), true) : null;
      }
      return comparison(equal.attribute(), Operator.NULL_SAFE_EQUAL, equal.value());
    } else if (filter instanceof EqualTo equal) {
      return comparison(equal.attribute(), Operator.EQUAL, equal.value());
    } else if (filter instanceof GreaterThan greater) {
      return comparison(greater.attribute(), Operator.GREATER, greater.value());
    } else if (filter instanceof GreaterThanOrEqual greater) {
      return comparison(greater.attribute(), Operator.GREATER_OR_EQUAL, greater.value());
    } else if (filter instanceof LessThan less) {
      return comparison(less.attribute(), Operator.LESS, less.value());
    } else if (filter instanceof LessThanOrEqual less) {
      return comparison(less.attribute(), Operator.LESS_OR_EQUAL, less.value());
    } else if (filter instanceof In in) {
      return membership(in.attribute(), in.values());
    } else if (filter instanceof StringStartsWith starts) {
      return text(starts.attribute(), TextMatch.STARTS_WITH, starts.value());
    } else if (filter instanceof StringEndsWith ends) {
      return text(ends.attribute(), TextMatch.ENDS_WITH, ends.value());
    } else if (filter instanceof StringContains contains) {
      return text(contains.attribute(), TextMatch.CONTAINS, contains.value());
    }
    return null;
  }

  private static boolean column(String name) {
    return name.equals(PATH)
        || name.equals(LENGTH)
        || name.equals(MODIFICATION_TIME)
        || name.equals(MIME_TYPE);
  }

  private static boolean textColumn(String name) {
    return name.equals(PATH) || name.equals(MIME_TYPE);
  }

  private static FilePredicate both(FilePredicate left, FilePredicate right, boolean and) {
    if (left == null || right == null) {
      return null;
    }
    return and ? new Conjunction(left, right) : new Disjunction(left, right);
  }

  private static FilePredicate comparison(String column, Operator operator, Object value) {
    Comparable<?> literal = literal(column, value);
    return literal == null ? null : new Comparison(column, operator, literal);
  }

  private static FilePredicate membership(String column, Object[] values) {
    if (!column(column)) {
      return null;
    }
    List<Comparable<?>> literals = new ArrayList<>();
    boolean hasNull = false;
    for (Object value : values) {
      if (value == null) {
        hasNull = true;
        continue;
      }
      Comparable<?> literal = literal(column, value);
      if (literal == null) {
        return null;
      }
      literals.add(literal);
    }
    return new Membership(column, literals, hasNull);
  }

  private static FilePredicate text(String column, TextMatch match, String value) {
    return textColumn(column) && value != null ? new TextTest(column, match, value) : null;
  }

  /**
   * The value of a literal as the column holds it (String, or Long for lengths and microseconds),
   * or null when the column or the literal's type is not one this predicate compares exactly.
   */
  private static Comparable<?> literal(String column, Object value) {
    if (!column(column) || value == null) {
      return null;
    }
    if (textColumn(column)) {
      return value instanceof String text ? text : null;
    }
    if (column.equals(LENGTH)) {
      return value instanceof Long || value instanceof Integer || value instanceof Short
          ? Long.valueOf(((Number) value).longValue())
          : null;
    }
    Instant instant =
        value instanceof Timestamp timestamp
            ? timestamp.toInstant()
            : value instanceof Instant given ? given : null;
    if (instant == null) {
      return null;
    }
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000L);
  }

  /** Spark's order: strings by their UTF-8 bytes, unsigned; numbers by value. */
  private static int compare(Object left, Object right) {
    if (left instanceof String a && right instanceof String b) {
      return Arrays.compareUnsigned(
          a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
    return Long.compare((Long) left, (Long) right);
  }

  enum Operator {
    EQUAL,
    NULL_SAFE_EQUAL,
    GREATER,
    GREATER_OR_EQUAL,
    LESS,
    LESS_OR_EQUAL
  }

  enum TextMatch {
    STARTS_WITH,
    ENDS_WITH,
    CONTAINS
  }

  record Comparison(String column, Operator operator, Comparable<?> literal)
      implements FilePredicate {
    @Override
    public Boolean test(FileFacts file) {
      Object value = file.value(column);
      if (value == null) {
        return operator == Operator.NULL_SAFE_EQUAL ? Boolean.FALSE : null;
      }
      int order = compare(value, literal);
      return switch (operator) {
        case EQUAL, NULL_SAFE_EQUAL -> order == 0;
        case GREATER -> order > 0;
        case GREATER_OR_EQUAL -> order >= 0;
        case LESS -> order < 0;
        case LESS_OR_EQUAL -> order <= 0;
      };
    }

    @Override
    public boolean needsMimeType() {
      return column.equals(MIME_TYPE);
    }
  }

  record Membership(String column, List<Comparable<?>> literals, boolean hasNull)
      implements FilePredicate {
    public Membership {
      literals = List.copyOf(literals);
    }

    @Override
    public Boolean test(FileFacts file) {
      Object value = file.value(column);
      if (value == null) {
        return null;
      }
      for (Object literal : literals) {
        if (compare(value, literal) == 0) {
          return true;
        }
      }
      return hasNull ? null : Boolean.FALSE;
    }

    @Override
    public boolean needsMimeType() {
      return column.equals(MIME_TYPE);
    }
  }

  record NullCheck(String column, boolean isNull) implements FilePredicate {
    @Override
    public Boolean test(FileFacts file) {
      return (file.value(column) == null) == isNull;
    }

    @Override
    public boolean needsMimeType() {
      return column.equals(MIME_TYPE);
    }
  }

  record TextTest(String column, TextMatch match, String literal) implements FilePredicate {
    @Override
    public Boolean test(FileFacts file) {
      String value = (String) file.value(column);
      if (value == null) {
        return null;
      }
      return switch (match) {
        case STARTS_WITH -> value.startsWith(literal);
        case ENDS_WITH -> value.endsWith(literal);
        case CONTAINS -> value.contains(literal);
      };
    }

    @Override
    public boolean needsMimeType() {
      return column.equals(MIME_TYPE);
    }
  }

  record Conjunction(FilePredicate left, FilePredicate right) implements FilePredicate {
    @Override
    public Boolean test(FileFacts file) {
      Boolean a = left.test(file);
      if (Boolean.FALSE.equals(a)) {
        return false;
      }
      Boolean b = right.test(file);
      if (Boolean.FALSE.equals(b)) {
        return false;
      }
      return a == null || b == null ? null : Boolean.TRUE;
    }

    @Override
    public boolean needsMimeType() {
      return left.needsMimeType() || right.needsMimeType();
    }
  }

  record Disjunction(FilePredicate left, FilePredicate right) implements FilePredicate {
    @Override
    public Boolean test(FileFacts file) {
      Boolean a = left.test(file);
      if (Boolean.TRUE.equals(a)) {
        return true;
      }
      Boolean b = right.test(file);
      if (Boolean.TRUE.equals(b)) {
        return true;
      }
      return a == null || b == null ? null : Boolean.FALSE;
    }

    @Override
    public boolean needsMimeType() {
      return left.needsMimeType() || right.needsMimeType();
    }
  }

  record Negation(FilePredicate child) implements FilePredicate {
    @Override
    public Boolean test(FileFacts file) {
      Boolean value = child.test(file);
      return value == null ? null : !value;
    }

    @Override
    public boolean needsMimeType() {
      return child.needsMimeType();
    }
  }
}
