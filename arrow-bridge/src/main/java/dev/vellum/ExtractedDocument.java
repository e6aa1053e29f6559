package dev.vellum;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One extracted document: a row of the output schema. {@code error} is null when the document was
 * extracted; otherwise it says why not, and the content fields may be null. {@code pages}, {@code
 * tables} and {@code chunks} are empty unless {@code extractPages}, {@code extractTables} or
 * chunking asked for them.
 */
public record ExtractedDocument(
    String path,
    Instant modificationTime,
    long length,
    String mimeType,
    String content,
    Metadata metadata,
    List<Page> pages,
    List<Table> tables,
    List<Chunk> chunks,
    List<String> languages,
    ExtractionError error) {
  public ExtractedDocument {
    Objects.requireNonNull(path, "path");
    pages = pages == null ? List.of() : List.copyOf(pages);
    tables = tables == null ? List.of() : List.copyOf(tables);
    chunks = chunks == null ? List.of() : List.copyOf(chunks);
    languages = languages == null ? List.of() : List.copyOf(languages);
  }

  /** Whether the document failed (its {@code error} is set). */
  public boolean failed() {
    return error != null;
  }

  /** This document with another content, e.g. from a {@link PostProcessor}. */
  public ExtractedDocument withContent(String newContent) {
    return new ExtractedDocument(
        path,
        modificationTime,
        length,
        mimeType,
        newContent,
        metadata,
        pages,
        tables,
        chunks,
        languages,
        error);
  }

  /** This document with another metadata. */
  public ExtractedDocument withMetadata(Metadata newMetadata) {
    return new ExtractedDocument(
        path,
        modificationTime,
        length,
        mimeType,
        content,
        newMetadata,
        pages,
        tables,
        chunks,
        languages,
        error);
  }

  /** This document marked as failed with {@code newError}. */
  public ExtractedDocument withError(ExtractionError newError) {
    return new ExtractedDocument(
        path,
        modificationTime,
        length,
        mimeType,
        content,
        metadata,
        pages,
        tables,
        chunks,
        languages,
        newError);
  }
}
