package dev.vellum.cli;

import dev.vellum.ExtractedDocument;
import dev.vellum.Extractor;
import dev.vellum.ExtractorConfig;
import dev.vellum.VellumConfigException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code vellum extract}: files and folders through the plain Java API, no Spark. Documents come
 * out in the order of the arguments (folders sorted), whatever {@code --threads} is.
 */
final class ExtractCommand {
  static final String HELP =
      """
      Usage: vellum extract [--format plain|markdown] [--jsonl FILE] [--threads N]
                            [--ocr auto|force|off] [-o OPTION=VALUE]... PATH...

      Extracts files and folders (recursively, in sorted order; hidden entries inside folders are
      skipped) with the plain Java API, without Spark.

        --format plain|markdown  content as plain text (default) or Markdown
        --jsonl FILE             write one JSON object per document to FILE ('-' for stdout):
                                 {"path","mime_type","content","metadata","tables","pages","error"}
                                 without it, each document's content is printed after a header line
        --threads N              documents extracted in parallel (default: the number of CPUs);
                                 the output order does not depend on it
        --ocr auto|force|off     when to OCR scanned pages and images (default auto)
        -o OPTION=VALUE          any extraction option, e.g. -o extractTables=true,
                                 -o pdfPassword=secret, -o maxFileSize=64m, -o timeout=30s

      A one-line summary (documents, errors, bytes, seconds) ends the run on stderr. Exit status:
      0 when the run finished (even if some documents have error rows), 1 when the run failed,
      2 for a wrong command line.
      """;

  /** Spark reader options that only {@code vellum ingest} understands. */
  private static final Set<String> SPARK_ONLY_OPTIONS =
      Set.of(
          "pathglobfilter",
          "recursivefilelookup",
          "modifiedbefore",
          "modifiedafter",
          "ignoremissingfiles",
          "mode");

  private ExtractCommand() {}

  /** The parsed command line; {@code jsonl} is null for text output, {@code "-"} for stdout. */
  record Request(
      boolean help, Map<String, String> options, String jsonl, int threads, List<String> paths) {}

  static Request parse(String[] args) throws UsageException {
    Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String jsonl = null;
    int threads = Runtime.getRuntime().availableProcessors();
    List<String> paths = new ArrayList<>();
    ArgumentCursor cursor = new ArgumentCursor(args);
    while (cursor.hasNext()) {
      String option = cursor.option();
      if (option == null) {
        if (cursor.hasNext()) {
          paths.add(cursor.positional());
        }
        continue;
      }
      switch (option) {
        case "-h", "--help" -> {
          return new Request(true, Map.of(), null, 1, List.of());
        }
        case "--format" ->
            options.put("outputFormat", cursor.choice(option, List.of("plain", "markdown")));
        case "--ocr" -> options.put("ocr", cursor.choice(option, List.of("auto", "force", "off")));
        case "--jsonl" -> jsonl = cursor.value(option);
        case "--threads" -> threads = cursor.number(option, 1, 256);
        case "-o", "--option" -> cursor.keyValue(option, options);
        default -> throw new UsageException("unknown option " + option);
      }
    }
    for (String name : options.keySet()) {
      if (SPARK_ONLY_OPTIONS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new UsageException(
            "option '" + name + "' is a Spark reader option: use it with 'vellum ingest'");
      }
    }
    if (paths.isEmpty()) {
      throw new UsageException("no PATH given: name the files or folders to extract");
    }
    return new Request(false, options, jsonl, threads, paths);
  }

  static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    Request request;
    ExtractorConfig config;
    List<Path> files;
    try {
      request = parse(args);
      if (request.help()) {
        out.print(HELP);
        return Main.OK;
      }
      config = ExtractorConfig.fromOptions(request.options());
      files = withoutOutput(FileCollector.collect(request.paths()), request.jsonl());
    } catch (UsageException | VellumConfigException e) {
      err.println("vellum extract: " + e.getMessage());
      err.println("Run 'vellum extract --help' for usage.");
      return Main.USAGE;
    } catch (IOException e) {
      err.println("vellum extract: cannot list the input: " + e);
      return Main.FAILED;
    }
    Progress progress = new Progress(err, terminal, System::nanoTime);
    long start = System.nanoTime();
    Summary summary = new Summary();
    try {
      try (Writer sink = open(request.jsonl(), out)) {
        extract(
            files,
            config,
            Math.min(request.threads(), Math.max(1, files.size())),
            doc -> {
              sink.write(
                  request.jsonl() == null ? TextOutput.format(doc) : JsonLines.toJson(doc) + "\n");
              summary.add(doc);
              progress.update(summary.documents, summary.errors);
            });
      }
    } catch (Exception e) {
      progress.finish();
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      err.println("vellum extract: the run failed: " + cause);
      return Main.FAILED;
    }
    progress.finish();
    err.println(summary.line((System.nanoTime() - start) / 1e9));
    return Main.OK;
  }

  /** The inputs less the JSON Lines output, which may sit in an input folder from a last run. */
  private static List<Path> withoutOutput(List<Path> files, String jsonl) {
    if (jsonl == null || jsonl.equals("-")) {
      return files;
    }
    Path output = Path.of(jsonl).toAbsolutePath().normalize();
    return files.stream().filter(f -> !f.toAbsolutePath().normalize().equals(output)).toList();
  }

  /** Where documents go: the JSON Lines file, or stdout (never closed, only flushed). */
  private static Writer open(String jsonl, PrintStream out) throws IOException {
    if (jsonl != null && !jsonl.equals("-")) {
      return Files.newBufferedWriter(Path.of(jsonl), StandardCharsets.UTF_8);
    }
    return new OutputStreamWriter(out, StandardCharsets.UTF_8) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  /** Receives each document, in input order, on the calling thread. */
  interface DocumentConsumer {
    void accept(ExtractedDocument doc) throws IOException;
  }

  /**
   * Extracts {@code files} on {@code threads} threads sharing one (thread-safe) extractor, handing
   * the documents to {@code consumer} in input order. At most four documents per thread are held in
   * memory.
   */
  static void extract(
      List<Path> files, ExtractorConfig config, int threads, DocumentConsumer consumer)
      throws IOException, InterruptedException, ExecutionException {
    ExecutorService executor =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "vellum-extract");
              thread.setDaemon(true);
              return thread;
            });
    try (Extractor extractor = Extractor.create(config, executor)) {
      Deque<Future<ExtractedDocument>> pending = new ArrayDeque<>();
      for (Path file : files) {
        pending.add(executor.submit(() -> extractor.extract(file)));
        if (pending.size() >= threads * 4) {
          consumer.accept(pending.removeFirst().get());
        }
      }
      while (!pending.isEmpty()) {
        consumer.accept(pending.removeFirst().get());
      }
    } finally {
      executor.shutdownNow();
      executor.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  /** Counts for the summary line. */
  static final class Summary {
    long documents;
    long errors;
    long bytes;
    final Map<String, Long> errorsByKind = new TreeMap<>();

    void add(ExtractedDocument doc) {
      documents++;
      bytes += doc.length();
      if (doc.error() != null) {
        errors++;
        errorsByKind.merge(doc.error().kind().code(), 1L, Long::sum);
      }
    }

    String line(double seconds) {
      StringBuilder kinds = new StringBuilder();
      errorsByKind.forEach(
          (kind, count) ->
              kinds
                  .append(kinds.length() == 0 ? " (" : ", ")
                  .append(kind)
                  .append(' ')
                  .append(count));
      return String.format(
          Locale.ROOT,
          "vellum: %d documents, %d errors%s, %d bytes, %.2f s",
          documents,
          errors,
          kinds.length() == 0 ? "" : kinds.append(')'),
          bytes,
          seconds);
    }
  }
}
