package dev.vellum.cli;

import dev.vellum.ExtractedDocument;
import dev.vellum.ExtractionError;
import dev.vellum.Json;
import dev.vellum.Metadata;
import dev.vellum.Page;
import dev.vellum.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One document as one line of JSON, the {@code --jsonl} contract of DESIGN.md: {@code path,
 * mime_type, content, metadata, tables, pages, error}, in that order. Metadata fields use the
 * output schema's names; timestamps are ISO-8601 instants; {@code extra} keys are sorted.
 */
final class JsonLines {
  private JsonLines() {}

  static String toJson(ExtractedDocument doc) {
    StringBuilder json = new StringBuilder(256 + lengthOf(doc.content()));
    json.append("{\"path\":").append(Json.quote(doc.path()));
    json.append(",\"mime_type\":").append(Json.quote(doc.mimeType()));
    json.append(",\"content\":").append(Json.quote(doc.content()));
    json.append(",\"metadata\":");
    metadata(json, doc.metadata());
    json.append(",\"tables\":[");
    for (int i = 0; i < doc.tables().size(); i++) {
      table(json.append(i == 0 ? "" : ","), doc.tables().get(i));
    }
    json.append("],\"pages\":[");
    for (int i = 0; i < doc.pages().size(); i++) {
      Page page = doc.pages().get(i);
      json.append(i == 0 ? "" : ",").append("{\"number\":").append(page.number());
      json.append(",\"content\":").append(Json.quote(page.content())).append('}');
    }
    json.append("],\"error\":");
    ExtractionError error = doc.error();
    if (error == null) {
      json.append("null");
    } else {
      json.append("{\"kind\":").append(Json.quote(error.kind().code()));
      json.append(",\"message\":").append(Json.quote(error.message())).append('}');
    }
    return json.append('}').toString();
  }

  private static void metadata(StringBuilder json, Metadata m) {
    if (m == null) {
      json.append("null");
      return;
    }
    json.append("{\"title\":").append(Json.quote(m.title()));
    json.append(",\"authors\":").append(Json.array(m.authors()));
    json.append(",\"subject\":").append(Json.quote(m.subject()));
    json.append(",\"keywords\":").append(Json.array(m.keywords()));
    json.append(",\"language\":").append(Json.quote(m.language()));
    json.append(",\"created\":").append(instant(m.created()));
    json.append(",\"modified\":").append(instant(m.modified()));
    json.append(",\"creator\":").append(Json.quote(m.creator()));
    json.append(",\"producer\":").append(Json.quote(m.producer()));
    json.append(",\"page_count\":").append(m.pageCount());
    json.append(",\"encrypted\":").append(m.encrypted());
    json.append(",\"extra\":{");
    boolean first = true;
    for (Map.Entry<String, String> entry : new TreeMap<>(m.extra()).entrySet()) {
      json.append(first ? "" : ",").append(Json.quote(entry.getKey()));
      json.append(':').append(Json.quote(entry.getValue()));
      first = false;
    }
    json.append("}}");
  }

  private static void table(StringBuilder json, Table table) {
    json.append("{\"page\":").append(table.page()).append(",\"cells\":[");
    List<List<String>> rows = table.cells();
    for (int i = 0; i < rows.size(); i++) {
      json.append(i == 0 ? "" : ",").append(Json.array(rows.get(i)));
    }
    json.append("],\"markdown\":").append(Json.quote(table.markdown())).append('}');
  }

  private static String instant(Instant instant) {
    return instant == null ? "null" : Json.quote(instant.toString());
  }

  private static int lengthOf(String content) {
    return content == null ? 0 : Math.min(content.length(), 1 << 20);
  }
}
