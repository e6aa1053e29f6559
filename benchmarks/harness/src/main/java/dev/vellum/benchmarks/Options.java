package dev.vellum.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code benchmarks/run}. */
record Options(
    Path corpus,
    List<String> formats,
    List<Integer> threads,
    int rounds,
    Path out,
    Path work,
    long timeoutMillis,
    List<String> engines,
    String python,
    int limit,
    int warmup,
    String heap,
    boolean spark,
    String sparkClasspath,
    int sparkRounds,
    int sparkTimeoutMinutes,
    int budgetSeconds,
    int peerRounds,
    List<Integer> peerThreads,
    boolean jmh,
    List<String> tags,
    List<String> excludeTags,
    String commandLine) {

  static final List<String> ALL_ENGINES =
      List.of(
          "vellum",
          "vellum-batch",
          "tika",
          "pdfbox",
          "inflate",
          "vellum-objects",
          "pdfbox-objects",
          "kreuzberg",
          "extractous",
          "pypdfium2");

  static final String USAGE =
      String.join(
          "\n",
          "usage: benchmarks/run --corpus DIR [--formats pdf,docx,...] [--threads 1,2] [--rounds N]",
          "                      [--out DIR] [--work DIR] [--timeout SECONDS] [--engines vellum,tika,...]",
          "                      [--limit FILES_PER_FAMILY] [--warmup FILES_PER_FAMILY] [--heap 2g]",
          "                      [--python PATH] [--no-spark] [--spark-rounds N] [--spark-timeout MIN]",
          "                      [--budget MINUTES] [--peer-rounds N] [--peer-threads LIST] [--no-jmh]",
          "                      [--tags scanned,ocr-text,...] [--exclude-tags scanned,...]",
          "  --peer-rounds, --peer-threads: rounds and thread counts of the engines other than",
          "              vellum, vellum-batch and tika (default: --rounds and --threads)",
          "  --budget    stop starting new rounds when the next would end past this many minutes",
          "  --formats   families (text csv json xml html pdf docx xlsx xlsb pptx odf epub rtf",
          "              archive image email doc xls ppt other) or extensions; default: all",
          "  --engines   default: " + String.join(",", ALL_ENGINES),
          "  --limit     at most this many files per family (an evenly spread sample); 0 = all",
          "  --tags      only the files the corpus's TAGS.tsv tags with one of these (e.g. the",
          "              scans and images with text for the OCR comparison: scanned,ocr-text)",
          "  --exclude-tags  leave out the files TAGS.tsv tags with one of these (e.g. the PDFs",
          "              with a text layer: --formats pdf --exclude-tags scanned,encrypted,malformed)");

  static Options parse(String[] args) {
    Path corpus = null;
    List<String> formats = List.of();
    List<Integer> threads = List.of(1, 2);
    int rounds = 2;
    Path out = Path.of("benchmarks/results");
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "vellum-benchmarks-work");
    long timeoutMillis = 30_000;
    List<String> engines = ALL_ENGINES;
    String python = null;
    int limit = 0;
    int warmup = 10;
    String heap = "2g";
    boolean spark = true;
    String sparkClasspath = null;
    int sparkRounds = 1;
    int sparkTimeoutMinutes = 20;
    int budgetSeconds = 0;
    int peerRounds = 0;
    List<Integer> peerThreads = null;
    boolean jmh = true;
    List<String> tags = List.of();
    List<String> excludeTags = List.of();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--no-spark" -> spark = false;
        case "--no-jmh" -> jmh = false;
        case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
        default -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("missing value after " + arg + "\n" + USAGE);
          }
          String value = args[++i];
          switch (arg) {
            case "--corpus" -> corpus = Path.of(value);
            case "--formats" -> formats = split(value);
            case "--threads" -> threads = split(value).stream().map(Options::positive).toList();
            case "--rounds" -> rounds = positive(value);
            case "--out" -> out = Path.of(value);
            case "--work" -> work = Path.of(value);
            case "--timeout" -> timeoutMillis = positive(value) * 1000L;
            case "--engines" -> engines = engines(value);
            case "--python" -> python = value;
            case "--limit" -> limit = Integer.parseInt(value);
            case "--warmup" -> warmup = Integer.parseInt(value);
            case "--heap" -> heap = value;
            case "--spark-classpath" -> sparkClasspath = value;
            case "--spark-rounds" -> sparkRounds = positive(value);
            case "--spark-timeout" -> sparkTimeoutMinutes = positive(value);
            case "--budget" -> budgetSeconds = (int) Math.round(Double.parseDouble(value) * 60);
            case "--peer-rounds" -> peerRounds = positive(value);
            case "--tags" -> tags = split(value);
            case "--exclude-tags" -> excludeTags = split(value);
            case "--peer-threads" ->
                peerThreads = split(value).stream().map(Options::positive).toList();
            default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
          }
        }
      }
    }
    if (corpus == null) {
      throw new IllegalArgumentException("--corpus DIR is required\n" + USAGE);
    }
    return new Options(
        corpus.toAbsolutePath().normalize(),
        formats,
        threads,
        rounds,
        out.toAbsolutePath().normalize(),
        work.toAbsolutePath().normalize(),
        timeoutMillis,
        engines,
        python,
        limit,
        warmup,
        heap,
        spark,
        sparkClasspath,
        sparkRounds,
        sparkTimeoutMinutes,
        budgetSeconds,
        peerRounds == 0 ? rounds : Math.min(peerRounds, rounds),
        peerThreads == null ? threads : peerThreads,
        jmh,
        tags,
        excludeTags,
        "benchmarks/run " + String.join(" ", userArguments(args)));
  }

  /** The arguments a user gave (benchmarks/run adds --work, --spark-classpath and --python). */
  private static List<String> userArguments(String[] args) {
    List<String> user = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (List.of("--work", "--spark-classpath", "--python").contains(args[i])) {
        i++;
      } else {
        user.add(args[i]);
      }
    }
    return user;
  }

  private static List<String> split(String value) {
    List<String> parts = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        parts.add(part.trim());
      }
    }
    return List.copyOf(parts);
  }

  private static int positive(String value) {
    int n = Integer.parseInt(value.trim());
    if (n <= 0) {
      throw new IllegalArgumentException("expected a positive number, got " + value);
    }
    return n;
  }

  private static List<String> engines(String value) {
    List<String> engines = split(value);
    for (String engine : engines) {
      if (!ALL_ENGINES.contains(engine)) {
        throw new IllegalArgumentException(
            "unknown engine " + engine + "; engines are " + ALL_ENGINES);
      }
    }
    if (!engines.contains("vellum")) {
      throw new IllegalArgumentException("--engines must include vellum");
    }
    return engines;
  }

  /** Whether an engine is a "peer" that --peer-rounds and --peer-threads restrict. */
  static boolean peer(String engine) {
    return !List.of("vellum", "vellum-batch", "tika", "vellum-objects", "pdfbox-objects")
        .contains(engine);
  }

  /** The thread counts an engine runs with. */
  List<Integer> threadsOf(String engine) {
    return peer(engine) ? peerThreads : threads;
  }

  /** How many rounds an engine runs. */
  int roundsOf(String engine) {
    return peer(engine) ? peerRounds : rounds;
  }

  /** Whether an engine runs only on PDFs. */
  static boolean pdfOnly(String engine) {
    return List.of("pdfbox", "inflate", "pypdfium2", "vellum-objects", "pdfbox-objects")
        .contains(engine);
  }

  /**
   * Whether an engine only opens PDFs, counts their pages and decodes their content streams (the
   * object layer), with no text: {@code vellum-objects} (Vellum's core in a native worker) and
   * {@code pdfbox-objects}.
   */
  static boolean objectsOnly(String engine) {
    return engine.equals("vellum-objects") || engine.equals("pdfbox-objects");
  }

  /** Whether an engine's worker is a JVM (the others are Python or native processes). */
  static boolean jvm(String engine) {
    return !python(engine) && !engine.equals("vellum-objects");
  }

  /** Whether an engine runs through the Python driver. */
  static boolean python(String engine) {
    return engine.equals("kreuzberg") || engine.equals("extractous") || engine.equals("pypdfium2");
  }
}
