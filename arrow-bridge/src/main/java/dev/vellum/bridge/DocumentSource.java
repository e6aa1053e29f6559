package dev.vellum.bridge;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One document as the native side receives it: a row of the input batch.
 *
 * @param path the document's path or URI, reported back in the output's {@code path}; not null
 * @param content the document's bytes, or null when they were not read (too large, unreadable). Not
 *     copied: do not modify the array after handing it over
 * @param length the file's length in bytes, as the file system reports it
 * @param modificationTime when the file was last modified, or null when unknown
 * @param readError why the file could not be read, or null; when set, the output row is an error of
 *     kind {@code io} with this message
 */
public record DocumentSource(
    String path, byte[] content, long length, Instant modificationTime, String readError) {

  public DocumentSource {
    Objects.requireNonNull(path, "path");
  }

  /** A document whose bytes are in memory; its length is the content's. */
  public static DocumentSource of(String path, byte[] content) {
    return new DocumentSource(path, content, content.length, null, null);
  }

  /** A document that could not be read, for an error row of kind {@code io}. */
  public static DocumentSource unreadable(String path, long length, String readError) {
    return new DocumentSource(path, null, length, null, Objects.requireNonNull(readError));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DocumentSource that
        && path.equals(that.path)
        && Arrays.equals(content, that.content)
        && length == that.length
        && Objects.equals(modificationTime, that.modificationTime)
        && Objects.equals(readError, that.readError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, Arrays.hashCode(content), length, modificationTime, readError);
  }

  @Override
  public String toString() {
    return "DocumentSource[path="
        + path
        + ", content="
        + (content == null ? "null" : content.length + " bytes")
        + ", length="
        + length
        + ", modificationTime="
        + modificationTime
        + ", readError="
        + readError
        + "]";
  }
}
