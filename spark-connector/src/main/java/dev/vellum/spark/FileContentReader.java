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
 * failure becomes the source's {@code readError}.
 */
final class FileContentReader {
  /** How much of a file format detection needs. */
  static final int HEADER_BYTES = 8192;

  /** Arrays cannot be larger than this. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

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

  private byte[] readHeader(ListedFile file) throws IOException {
    Path path = new Path(file.path());
    byte[] buffer = new byte[(int) Math.min(HEADER_BYTES, file.length())];
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      int filled = fill(in, buffer);
      return filled == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, filled);
    }
  }

  private byte[] readWhole(ListedFile file) throws IOException {
    if (file.length() > MAX_ARRAY) {
      throw new IOException(
          "the file is " + file.length() + " bytes, more than a Java array holds");
    }
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
