package dev.vellum.spark;

import dev.vellum.bridge.DocumentSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * Reads listed files on the executor through Hadoop's {@code FileSystem} into {@link
 * DocumentSource}s: the whole file, only its first bytes (for detection), or nothing; a file over
 * {@code maxFileSize} is not read (the native side reports it as a {@code limit} error); a read
 * failure becomes the source's {@code readError}. A file over {@value #MAX_ARRAY} bytes is never
 * read whole: the input batch's {@code content} column has 32-bit offsets, so it becomes an error
 * row of kind {@code io} without being opened.
 */
final class FileContentReader {
  /** How much of a file format detection needs. */
  static final int HEADER_BYTES = 8192;

  /** Arrays, and the values of a 32-bit offset Arrow column, cannot be larger than this. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

  private final Configuration conf;
  private final ReaderSettings.ContentNeed need;
  private final long maxFileSize;
  private final boolean ignoreMissingFiles;

  FileContentReader(
      Configuration conf,
      ReaderSettings.ContentNeed need,
      long maxFileSize,
      boolean ignoreMissingFiles) {
    this.conf = conf;
    this.need = need;
    this.maxFileSize = maxFileSize;
    this.ignoreMissingFiles = ignoreMissingFiles;
  }

  /** The source for {@code file}, or null when it is missing and missing files are ignored. */
  DocumentSource read(ListedFile file) {
    Instant modified = Instant.ofEpochMilli(file.modificationTime());
    if (need == ReaderSettings.ContentNeed.NONE || file.length() > maxFileSize) {
      return new DocumentSource(file.path(), null, file.length(), modified, null);
    }
    if (need == ReaderSettings.ContentNeed.FULL && file.length() > MAX_ARRAY) {
      return new DocumentSource(
          file.path(),
          null,
          file.length(),
          modified,
          file.path()
              + " is "
              + file.length()
              + " bytes; documents over "
              + MAX_ARRAY
              + " bytes cannot be extracted (a batch column holds at most 2 GiB)");
    }
    try {
      byte[] content =
          need == ReaderSettings.ContentNeed.HEADER ? readHeader(file) : readWhole(file);
      return new DocumentSource(file.path(), content, file.length(), modified, null);
    } catch (FileNotFoundException e) {
      if (ignoreMissingFiles) {
        return null;
      }
      return new DocumentSource(
          file.path(),
          null,
          file.length(),
          modified,
          "file not found (deleted after listing?): " + file.path());
    } catch (IOException | RuntimeException e) {
      return new DocumentSource(
          file.path(), null, file.length(), modified, "cannot read " + file.path() + ": " + e);
    }
  }

  /** How many bytes {@link #read} reads of {@code file}. */
  long bytesToRead(ListedFile file) {
    if (need == ReaderSettings.ContentNeed.NONE
        || file.length() > maxFileSize
        || file.length() > MAX_ARRAY) {
      return 0;
    }
    return need == ReaderSettings.ContentNeed.HEADER
        ? Math.min(HEADER_BYTES, file.length())
        : file.length();
  }

  private byte[] readHeader(ListedFile file) throws IOException {
    Path path = new Path(file.path());
    byte[] buffer = new byte[(int) Math.min(HEADER_BYTES, file.length())];
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      int filled = fill(in, buffer);
      return filled == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, filled);
    }
  }

  private byte[] readWhole(ListedFile file) throws IOException {
    Path path = new Path(file.path());
    byte[] content = new byte[(int) file.length()];
    try (FSDataInputStream in = path.getFileSystem(conf).open(path)) {
      int filled = fill(in, content);
      if (filled < content.length) {
        throw new IOException(
            "the file has " + filled + " bytes, not the " + content.length + " listed");
      }
    }
    return content;
  }

  private static int fill(InputStream in, byte[] buffer) throws IOException {
    int filled = 0;
    while (filled < buffer.length) {
      int read = in.read(buffer, filled, buffer.length - filled);
      if (read < 0) {
        break;
      }
      filled += read;
    }
    return filled;
  }
}
