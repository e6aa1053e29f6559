package dev.vellum.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Format families, by file extension: the rows of the report. */
final class Family {
  /** Families in report order. */
  static final List<String> ORDER =
      List.of(
          "text",
          "csv",
          "json",
          "xml",
          "html",
          "pdf",
          "word",
          "spreadsheet",
          "presentation",
          "rtf",
          "email",
          "epub",
          "image",
          "archive",
          "other");

  /** The families Vellum extracts today (issue 2); the others are {@code unsupported} rows. */
  static final List<String> VELLUM_SUPPORTED = List.of("text", "csv", "json", "xml", "html");

  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("txt", "text"),
          Map.entry("md", "text"),
          Map.entry("markdown", "text"),
          Map.entry("csv", "csv"),
          Map.entry("tsv", "csv"),
          Map.entry("json", "json"),
          Map.entry("ndjson", "json"),
          Map.entry("xml", "xml"),
          Map.entry("nxml", "xml"),
          Map.entry("html", "html"),
          Map.entry("htm", "html"),
          Map.entry("xhtml", "html"),
          Map.entry("pdf", "pdf"),
          Map.entry("doc", "word"),
          Map.entry("docx", "word"),
          Map.entry("docm", "word"),
          Map.entry("dot", "word"),
          Map.entry("dotx", "word"),
          Map.entry("dotm", "word"),
          Map.entry("odt", "word"),
          Map.entry("fodt", "word"),
          Map.entry("xls", "spreadsheet"),
          Map.entry("xlsx", "spreadsheet"),
          Map.entry("xlsb", "spreadsheet"),
          Map.entry("xlsm", "spreadsheet"),
          Map.entry("xltx", "spreadsheet"),
          Map.entry("xltm", "spreadsheet"),
          Map.entry("ods", "spreadsheet"),
          Map.entry("fods", "spreadsheet"),
          Map.entry("ppt", "presentation"),
          Map.entry("pptx", "presentation"),
          Map.entry("pptm", "presentation"),
          Map.entry("ppsm", "presentation"),
          Map.entry("ppsx", "presentation"),
          Map.entry("odp", "presentation"),
          Map.entry("fodp", "presentation"),
          Map.entry("rtf", "rtf"),
          Map.entry("eml", "email"),
          Map.entry("msg", "email"),
          Map.entry("mbox", "email"),
          Map.entry("epub", "epub"),
          Map.entry("png", "image"),
          Map.entry("jpg", "image"),
          Map.entry("jpeg", "image"),
          Map.entry("tif", "image"),
          Map.entry("tiff", "image"),
          Map.entry("gif", "image"),
          Map.entry("bmp", "image"),
          Map.entry("zip", "archive"));

  private Family() {}

  /** The lower-case extension of a file name, or {@code ""} without one. */
  static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** The family of a file, by extension; {@code other} when unknown. */
  static String of(Path file) {
    return BY_EXTENSION.getOrDefault(extension(file), "other");
  }

  /** Whether a {@code --formats} entry (a family name or an extension) selects this file. */
  static boolean selects(List<String> formats, Path file) {
    if (formats.isEmpty()) {
      return true;
    }
    String family = of(file);
    String extension = extension(file);
    for (String format : formats) {
      String f = format.toLowerCase(Locale.ROOT);
      if (f.equals(family) || f.equals(extension) || (f.equals("none") && extension.isEmpty())) {
        return true;
      }
    }
    return false;
  }
}
