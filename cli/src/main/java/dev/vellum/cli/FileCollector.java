package dev.vellum.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the PATH arguments of {@code extract} into the list of files to extract.
 *
 * <p>A file argument is taken as it is. A folder is walked recursively and its regular files are
 * taken in sorted path order; entries whose name starts with a dot (hidden files and folders such
 * as {@code .git}) are skipped inside folders, as Spark's file sources skip them. Symbolic links to
 * files are followed, links to folders are not (no cycles). A file named twice is extracted once.
 */
final class FileCollector {
  private FileCollector() {}

  static List<Path> collect(List<String> arguments) throws UsageException, IOException {
    Set<Path> files = new LinkedHashSet<>();
    for (String argument : arguments) {
      Path path = Path.of(argument);
      if (Files.isDirectory(path)) {
        files.addAll(walk(path));
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else if (Files.exists(path)) {
        throw new UsageException(argument + " is neither a regular file nor a folder");
      } else {
        throw new UsageException("no such file or folder: " + argument);
      }
    }
    return List.copyOf(files);
  }

  private static List<Path> walk(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return dir.equals(root) || !hidden(dir)
                ? FileVisitResult.CONTINUE
                : FileVisitResult.SKIP_SUBTREE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!hidden(file) && (attrs.isRegularFile() || Files.isRegularFile(file))) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    return files;
  }

  private static boolean hidden(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }
}
