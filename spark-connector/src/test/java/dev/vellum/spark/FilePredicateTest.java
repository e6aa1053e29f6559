package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
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
import org.junit.jupiter.api.Test;

class FilePredicateTest {
  private static final FilePredicate.FileFacts HTML =
      FilePredicate.FileFacts.listed(
          new ListedFile("file:/d/a.html", 100, 1_600_000_000_000L, List.of()), "text/html");
  private static final FilePredicate.FileFacts UNTYPED =
      FilePredicate.FileFacts.listed(new ListedFile("file:/d/b", 5, 0, List.of()), null);

  private static Boolean test(Filter filter, FilePredicate.FileFacts file) {
    FilePredicate predicate = FilePredicate.of(filter);
    assertNotNull(predicate, filter.toString());
    return predicate.test(file);
  }

  @Test
  void comparisonsOnEachColumnFollowSpark() {
    assertEquals(true, test(new GreaterThan("length", 99L), HTML));
    assertEquals(false, test(new GreaterThan("length", 100), HTML));
    assertEquals(true, test(new GreaterThanOrEqual("length", (short) 100), HTML));
    assertEquals(true, test(new LessThan("path", "file:/e"), HTML));
    assertEquals(true, test(new LessThanOrEqual("path", "file:/d/a.html"), HTML));
    assertEquals(
        true,
        test(
            new EqualTo(
                "modification_time", Timestamp.from(Instant.ofEpochMilli(1_600_000_000_000L))),
            HTML));
    assertEquals(
        true,
        test(new GreaterThan("modification_time", Instant.ofEpochMilli(1_599_999_999_999L)), HTML));
    assertEquals(true, test(new EqualNullSafe("mime_type", "text/html"), HTML));
    assertEquals(false, test(new EqualNullSafe("mime_type", "text/html"), UNTYPED));
    assertEquals(true, test(new EqualNullSafe("mime_type", null), UNTYPED));
  }

  @Test
  void stringsAreOrderedByTheirUtf8Bytes() {
    FilePredicate.FileFacts accented =
        FilePredicate.FileFacts.listed(new ListedFile("\uFF21", 1, 0, List.of()), null);
    // U+FF21 sorts before U+1F600 by UTF-8 bytes and by code point, after it by UTF-16 units
    assertEquals(true, test(new LessThan("path", "\uD83D\uDE00"), accented));
  }

  @Test
  void unknownValuesFollowThreeValuedLogic() {
    assertNull(test(new EqualTo("mime_type", "text/html"), UNTYPED));
    assertNull(test(new Not(new EqualTo("mime_type", "text/html")), UNTYPED));
    assertNull(test(new StringStartsWith("mime_type", "text"), UNTYPED));
    assertNull(test(new In("mime_type", new Object[] {"a"}), UNTYPED));
    assertNull(test(new In("length", new Object[] {1L, null}), UNTYPED));
    assertEquals(true, test(new In("length", new Object[] {5L, null}), UNTYPED));
    assertEquals(false, test(new In("length", new Object[] {6L}), UNTYPED));
    assertEquals(true, test(new IsNull("mime_type"), UNTYPED));
    assertEquals(false, test(new IsNotNull("mime_type"), UNTYPED));
    Filter unknown = new EqualTo("mime_type", "x");
    assertEquals(false, test(new And(unknown, new EqualTo("length", 6L)), UNTYPED));
    assertNull(test(new And(unknown, new EqualTo("length", 5L)), UNTYPED));
    assertNull(test(new And(new EqualTo("length", 5L), unknown), UNTYPED));
    assertEquals(true, test(new Or(unknown, new EqualTo("length", 5L)), UNTYPED));
    assertNull(test(new Or(unknown, new EqualTo("length", 6L)), UNTYPED));
    assertNull(test(new Or(new EqualTo("length", 6L), unknown), UNTYPED));
    assertEquals(
        false, test(new Or(new EqualTo("length", 6L), new EqualTo("length", 7L)), UNTYPED));
    assertEquals(true, test(new And(new EqualTo("length", 5L), new IsNull("mime_type")), UNTYPED));
  }

  @Test
  void textMatchesWorkOnThePathAndTheMimeType() {
    assertEquals(true, test(new StringEndsWith("path", ".html"), HTML));
    assertEquals(true, test(new StringContains("mime_type", "/ht"), HTML));
    assertEquals(false, test(new StringStartsWith("path", "s3:"), HTML));
  }

  @Test
  void whatCannotBeDecidedExactlyIsNotPushed() {
    assertNull(FilePredicate.of(new EqualTo("content", "x")));
    assertNull(FilePredicate.of(new EqualTo("error.kind", "parse")));
    assertNull(FilePredicate.of(new EqualTo("length", 1.5)));
    assertNull(FilePredicate.of(new EqualTo("path", 3)));
    assertNull(FilePredicate.of(new EqualTo("modification_time", "2020")));
    assertNull(FilePredicate.of(new EqualTo("length", null)));
    assertNull(FilePredicate.of(new StringStartsWith("length", "1")));
    assertNull(FilePredicate.of(new In("content", new Object[] {"x"})));
    assertNull(FilePredicate.of(new In("length", new Object[] {"x"})));
    assertNull(FilePredicate.of(new IsNull("content")));
    assertNull(FilePredicate.of(new IsNotNull("content")));
    assertNull(FilePredicate.of(new EqualNullSafe("content", null)));
    assertNull(FilePredicate.of(new Not(new IsNull("content"))));
    assertNull(FilePredicate.of(new And(new IsNull("content"), new IsNull("path"))));
    assertNull(FilePredicate.of(new Or(new IsNull("path"), new IsNull("content"))));
    assertNull(FilePredicate.of(new org.apache.spark.sql.sources.AlwaysTrue()));
  }

  @Test
  void onlyPredicatesOnTheMimeTypeWaitForDetection() {
    assertTrue(FilePredicate.of(new Not(new IsNull("mime_type"))).needsMimeType());
    assertTrue(
        FilePredicate.of(new Or(new IsNull("path"), new In("mime_type", new Object[] {"a"})))
            .needsMimeType());
    assertTrue(
        FilePredicate.of(new And(new StringContains("mime_type", "a"), new IsNull("path")))
            .needsMimeType());
    assertTrue(FilePredicate.of(new GreaterThan("mime_type", "a")).needsMimeType());
    assertFalse(
        FilePredicate.of(new And(new IsNull("path"), new GreaterThan("length", 1L)))
            .needsMimeType());
    assertFalse(
        FilePredicate.of(new Or(new IsNull("path"), new In("path", new Object[] {"a"})))
            .needsMimeType());
    assertFalse(FilePredicate.of(new StringContains("path", "a")).needsMimeType());
    ScanPushdown pushdown =
        new ScanPushdown(
            List.of(
                FilePredicate.of(new IsNull("mime_type")), FilePredicate.of(new IsNull("path"))),
            List.of(),
            -1);
    assertEquals(1, pushdown.listingPredicates().size());
    assertEquals(1, pushdown.mimeTypePredicates().size());
    assertFalse(pushdown.limited());
  }
}
