package dev.vellum.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files admitted to a stream, batch by batch, in the query's checkpoint: one file per batch
 * number holding a line {@code length TAB modificationTime TAB path} per document. A batch is
 * written whole (to a temporary name, then renamed) before its offset is handed to Spark, and never
 * changed, so a restarted query reads the same files for the same offsets.
 */
final class StreamFileLog {
  private final FileSystem fs;
  private final Path directory;
  private final Set<String> admitted = new HashSet<>();
  private long lastBatch;

  StreamFileLog(Configuration conf, String checkpointLocation) {
    this.directory = new Path(checkpointLocation, "vellum-files");
    try {
      this.fs = directory.getFileSystem(conf);
      fs.mkdirs(directory);
      for (FileStatus status : fs.listStatus(directory)) {
        String name = status.getPath().getName();
        if (name.matches("\\d+")) {
          long batch = Long.parseLong(name);
          lastBatch = Math.max(lastBatch, batch);
          read(batch).forEach(file -> admitted.add(file.path()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the stream's file log in " + directory, e);
    }
  }

  /** The number of the last batch written, 0 when none. */
  long lastBatch() {
    return lastBatch;
  }

  /** Whether {@code path} is in a batch already. */
  boolean admitted(String path) {
    return admitted.contains(path);
  }

  /** Records {@code files} as batch {@code batch}, which must be the next one. */
  void write(long batch, List<ListedFile> files) {
    if (batch != lastBatch + 1) {
      throw new IllegalStateException(
          "batch " + batch + " is not the next of the file log, whose last is " + lastBatch);
    }
    StringBuilder text = new StringBuilder();
    for (ListedFile file : files) {
      text.append(file.length())
          .append('\t')
          .append(file.modificationTime())
          .append('\t')
          .append(file.path())
          .append('\n');
    }
    Path target = new Path(directory, Long.toString(batch));
    Path temporary = new Path(directory, "." + batch + ".tmp");
    try {
      try (OutputStream out = fs.create(temporary, true)) {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
      }
      if (!fs.rename(temporary, target)) {
        throw new IOException("cannot rename " + temporary + " to " + target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write batch " + batch + " of the stream's file log", e);
    }
    files.forEach(file -> admitted.add(file.path()));
    lastBatch = batch;
  }

  /** The files of batch {@code batch}. */
  List<ListedFile> read(long batch) {
    Path path = new Path(directory, Long.toString(batch));
    List<ListedFile> files = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] fields = line.split("\t", 3);
        files.add(
            new ListedFile(
                fields[2], Long.parseLong(fields[0]), Long.parseLong(fields[1]), List.of()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read batch " + batch + " of the stream's file log", e);
    }
    return files;
  }
}
