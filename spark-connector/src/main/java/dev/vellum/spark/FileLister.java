package dev.vellum.spark;

import dev.vellum.VellumConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobFilter;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Lists the files to read on the driver with Hadoop {@link FileSystem} (globs, directories,
 * recursion when asked), as Spark's file sources do: hidden names (starting with {@code _} or
 * {@code .}) inside directories are skipped, duplicates are listed once, no file is opened.
 */
final class FileLister {
  private final Configuration conf;
  private final VellumOptions options;
  private final GlobFilter nameFilter;

  FileLister(Configuration conf, VellumOptions options) {
    this.conf = conf;
    this.options = options;
    this.nameFilter =
        options.pathGlobFilter() == null
            ? null
            : VellumOptions.globFilter(options.pathGlobFilter());
  }

  /** The files of every path, in the order found, each once. */
  List<ListedFile> list() {
    Map<String, ListedFile> files = new LinkedHashMap<>();
    for (String given : options.paths()) {
      try {
        listPath(new Path(given), files);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + given + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(files.values());
  }

  private void listPath(Path given, Map<String, ListedFile> files) throws IOException {
    FileSystem fs = given.getFileSystem(conf);
    FileStatus[] matches = fs.globStatus(given);
    if (matches == null || matches.length == 0) {
      throw new VellumConfigException("path does not exist: " + fs.makeQualified(given));
    }
    boolean pattern = given.toString().matches(".*[*?\\[{].*");
    for (FileStatus match : matches) {
      if (pattern && isHidden(match.getPath().getName())) {
        continue;
      }
      if (match.isDirectory()) {
        listDirectory(fs, match.getPath(), files);
      } else {
        addFile(fs, match, files);
      }
    }
  }

  private void listDirectory(FileSystem fs, Path directory, Map<String, ListedFile> files)
      throws IOException {
    var children = fs.listLocatedStatus(directory);
    List<Path> subdirectories = new ArrayList<>();
    while (children.hasNext()) {
      LocatedFileStatus child = children.next();
      if (isHidden(child.getPath().getName())) {
        continue;
      }
      if (child.isDirectory()) {
        subdirectories.add(child.getPath());
      } else {
        addFile(fs, child, files);
      }
    }
    if (options.recursiveFileLookup()) {
      for (Path subdirectory : subdirectories) {
        listDirectory(fs, subdirectory, files);
      }
    }
  }

  private void addFile(FileSystem fs, FileStatus status, Map<String, ListedFile> files)
      throws IOException {
    if (nameFilter != null && !nameFilter.accept(status.getPath())) {
      return;
    }
    Instant modified = Instant.ofEpochMilli(status.getModificationTime());
    if (options.modifiedBefore() != null && !modified.isBefore(options.modifiedBefore())) {
      return;
    }
    if (options.modifiedAfter() != null && !modified.isAfter(options.modifiedAfter())) {
      return;
    }
    String path = fs.makeQualified(status.getPath()).toString();
    files.putIfAbsent(
        path, new ListedFile(path, status.getLen(), status.getModificationTime(), hosts(status)));
  }

  private static List<String> hosts(FileStatus status) throws IOException {
    if (!(status instanceof LocatedFileStatus located) || located.getBlockLocations() == null) {
      return List.of();
    }
    List<String> hosts = new ArrayList<>();
    for (BlockLocation block : located.getBlockLocations()) {
      for (String host : block.getHosts()) {
        if (!host.equals("localhost") && !hosts.contains(host)) {
          hosts.add(host);
        }
      }
    }
    return hosts;
  }

  /** Spark's rule for files that are not data: names starting with {@code _} or {@code .}. */
  static boolean isHidden(String name) {
    return (name.startsWith("_") && !name.contains("=")) || name.startsWith(".");
  }
}
