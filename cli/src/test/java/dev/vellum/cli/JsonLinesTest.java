package dev.vellum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.ErrorKind;
import dev.vellum.ExtractedDocument;
import dev.vellum.ExtractionError;
import dev.vellum.Metadata;
import dev.vellum.Page;
import dev.vellum.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
  @Test
  void aFullDocumentIsWrittenWithSchemaFieldNames() {
    Metadata metadata =
        new Metadata(
            "Report",
            List.of("Ada", "Grace"),
            "Numbers",
            List.of("a", "b"),
            "en",
            Instant.parse("2024-01-02T03:04:05Z"),
            null,
            "Writer",
            "Vellum",
            2,
            false,
            Map.of("z", "last", "a", "first"));
    ExtractedDocument doc =
        new ExtractedDocument(
            "docs/r.txt",
            null,
            10,
            "text/plain",
            "line\none",
            metadata,
            List.of(new Page(1, "p1"), new Page(2, "p2")),
            List.of(new Table(null, List.of(List.of("h"), List.of("v")), "| h |")),
            List.of(),
            List.of(),
            null);

    assertEquals(
        "{\"path\":\"docs/r.txt\",\"mime_type\":\"text/plain\",\"content\":\"line\\none\","
            + "\"metadata\":{\"title\":\"Report\",\"authors\":[\"Ada\",\"Grace\"],"
            + "\"subject\":\"Numbers\",\"keywords\":[\"a\",\"b\"],\"language\":\"en\","
            + "\"created\":\"2024-01-02T03:04:05Z\",\"modified\":null,\"creator\":\"Writer\","
            + "\"producer\":\"Vellum\",\"page_count\":2,\"encrypted\":false,"
            + "\"extra\":{\"a\":\"first\",\"z\":\"last\"}},"
            + "\"tables\":[{\"page\":null,\"cells\":[[\"h\"],[\"v\"]],\"markdown\":\"| h |\"}],"
            + "\"pages\":[{\"number\":1,\"content\":\"p1\"},{\"number\":2,\"content\":\"p2\"}],"
            + "\"error\":null}",
        JsonLines.toJson(doc));
  }

  @Test
  void aFailedDocumentHasAnErrorObjectAndNullMetadata() {
    ExtractedDocument doc =
        new ExtractedDocument(
            "bad.json",
            null,
            3,
            "application/json",
            null,
            null,
            null,
            null,
            null,
            null,
            new ExtractionError(ErrorKind.PARSE, "expected value at line 1"));

    assertEquals(
        "{\"path\":\"bad.json\",\"mime_type\":\"application/json\",\"content\":null,"
            + "\"metadata\":null,\"tables\":[],\"pages\":[],"
            + "\"error\":{\"kind\":\"parse\",\"message\":\"expected value at line 1\"}}",
        JsonLines.toJson(doc));
  }
}
