package dev.vellum.bridge;

import dev.vellum.Chunk;
import dev.vellum.ErrorKind;
import dev.vellum.ExtractedDocument;
import dev.vellum.ExtractionError;
import dev.vellum.Metadata;
import dev.vellum.Page;
import dev.vellum.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Documents that together hold every field of the output schema with values, nulls and empties. */
final class SampleDocuments {
  private SampleDocuments() {}

  /** Every field set, with non-ASCII text and times that use all six microsecond digits. */
  static ExtractedDocument full() {
    return new ExtractedDocument(
        "/data/r\u00e9sum\u00e9 \u6587\u66f8.html",
        Instant.parse("2024-02-29T23:59:59.123456Z"),
        123_456_789_012L,
        "text/html",
        "Hello, w\u00f6rld \uD83D\uDE00\nsecond line",
        new Metadata(
            "A title",
            List.of("Ada Lovelace", "Charles Babbage"),
            "Engines",
            List.of("analytical", "difference", ""),
            "en",
            Instant.parse("1969-07-20T20:17:40.000001Z"),
            Instant.parse("2001-09-09T01:46:40Z"),
            "Writer",
            "Vellum",
            42,
            true,
            Map.of("generator", "hand", "empty", "", "\u00fcnicode", "\u00e9t\u00e9")),
        List.of(new Page(1, "first page"), new Page(2, ""), new Page(3, "third")),
        List.of(
            new Table(
                1,
                List.of(List.of("a", "b"), List.of("", "d"), List.of(), List.of("only")),
                "| a | b |\n|---|---|"),
            new Table(null, List.of(), "")),
        List.of(
            new Chunk(0, "Hello, w\u00f6rld", 0, 12, 1), new Chunk(1, "second line", 13, 24, null)),
        List.of("en", "de"),
        null);
  }

  /** A failed document: nothing but its path, length and error. */
  static ExtractedDocument failed() {
    return new ExtractedDocument(
        "/data/broken.json",
        null,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        new ExtractionError(ErrorKind.PARSE, "expected ',' at line 1, column 7"));
  }

  /** Empty strings and empty lists everywhere they are allowed, and metadata of nulls. */
  static ExtractedDocument empties() {
    return new ExtractedDocument(
        "",
        Instant.EPOCH,
        -1,
        "",
        "",
        new Metadata(
            "", List.of(), "", List.of(""), "", null, null, "", "", 0, false, Map.of("", "")),
        List.of(new Page(0, "")),
        List.of(new Table(0, List.of(List.of("")), "")),
        List.of(new Chunk(0, "", 0, 0, 0)),
        List.of(""),
        new ExtractionError(ErrorKind.VALIDATION, ""));
  }

  /** Metadata that says nothing, times before the epoch, every error kind's neighbour. */
  static ExtractedDocument sparse() {
    return new ExtractedDocument(
        "relative/name.txt",
        Instant.parse("1900-01-01T00:00:00.999999Z"),
        Long.MAX_VALUE,
        "text/plain",
        null,
        Metadata.empty(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null);
  }

  /** One document per error kind, so every code crosses the boundary. */
  static List<ExtractedDocument> everyErrorKind() {
    List<ExtractedDocument> documents = new ArrayList<>();
    for (ErrorKind kind : ErrorKind.values()) {
      documents.add(failed().withError(new ExtractionError(kind, "because of " + kind.code())));
    }
    return documents;
  }

  /** All of the above in one batch. */
  static List<ExtractedDocument> all() {
    List<ExtractedDocument> documents = new ArrayList<>();
    documents.add(full());
    documents.add(failed());
    documents.add(empties());
    documents.add(sparse());
    documents.add(full());
    documents.addAll(everyErrorKind());
    return documents;
  }
}
