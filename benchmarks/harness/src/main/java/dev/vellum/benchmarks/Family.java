package dev.vellum.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Format families, by file extension: the rows of the report. */
final class Family {
  /**
   * Families in report order: the formats Vellum extracts (each OOXML kind on its own, and
   * OpenDocument together, as their quality bars are set per kind), then the ones it does not.
   */
  static final List<String> ORDER =
      List.of(
          "text", "csv", "json", "xml", "html", "pdf", "docx", "xlsx", "xlsb", "pptx", "odf",
          "epub", "rtf", "archive", "image", "doc", "xls", "ppt", "email", "other");

  /**
   * The families Vellum extracts; the others (e-mail, unknown extensions) are {@code unsupported}
   * rows. Images are extracted through OCR only.
   */
  static final List<String> VELLUM_SUPPORTED =
      List.of(
          "text", "csv", "json", "xml", "html", "pdf", "docx", "xlsx", "xlsb", "pptx", "odf",
          "epub", "rtf", "archive", "image", "doc", "xls", "ppt");

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
          Map.entry("docx", "docx"),
          Map.entry("docm", "docx"),
          Map.entry("dotx", "docx"),
          Map.entry("dotm", "docx"),
          Map.entry("xlsx", "xlsx"),
          Map.entry("xlsm", "xlsx"),
          Map.entry("xltx", "xlsx"),
          Map.entry("xltm", "xlsx"),
          Map.entry("xlsb", "xlsb"),
          Map.entry("pptx", "pptx"),
          Map.entry("pptm", "pptx"),
          Map.entry("ppsx", "pptx"),
          Map.entry("ppsm", "pptx"),
          Map.entry("odt", "odf"),
          Map.entry("ods", "odf"),
          Map.entry("odp", "odf"),
          Map.entry("fodt", "odf"),
          Map.entry("fods", "odf"),
          Map.entry("fodp", "odf"),
          Map.entry("epub", "epub"),
          Map.entry("rtf", "rtf"),
          Map.entry("zip", "archive"),
          Map.entry("png", "image"),
          Map.entry("jpg", "image"),
          Map.entry("jpeg", "image"),
          Map.entry("tif", "image"),
          Map.entry("tiff", "image"),
          Map.entry("gif", "image"),
          Map.entry("bmp", "image"),
          Map.entry("webp", "image"),
          Map.entry("eml", "email"),
          Map.entry("msg", "email"),
          Map.entry("mbox", "email"),
          Map.entry("doc", "doc"),
          Map.entry("dot", "doc"),
          Map.entry("xls", "xls"),
          Map.entry("xlt", "xls"),
          Map.entry("ppt", "ppt"),
          Map.entry("pps", "ppt"),
          Map.entry("pot", "ppt"));

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
