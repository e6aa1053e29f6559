package dev.vellum.benchmarks;

import dev.vellum.benchmarks.Results.Doc;
import dev.vellum.benchmarks.Results.EngineResult;
import dev.vellum.benchmarks.Results.LowF1;
import dev.vellum.benchmarks.Results.PassRecord;
import dev.vellum.benchmarks.Results.QualityRow;
import dev.vellum.benchmarks.WorkerProcess.FileResult;
import dev.vellum.benchmarks.WorkerProcess.Segment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code benchmarks/run}: Vellum against its peers on the same files, threads and machine, in one
 * run, engines interleaved round by round; then the Spark comparison and the JMH crossing; then the
 * report. Nothing that fails in an engine stops the run.
 */
public final class Run {
  private static final Set<String> CORPUS_DOCS = Set.of("MANIFEST.tsv", "TAGS.tsv", "README.md");
  private static final String[] JVM_OPENS = {
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
  };

  private final Options options;
  private final Path work;
  private final List<Doc> docs = new ArrayList<>();
  private final Map<String, List<Doc>> byFamily = new LinkedHashMap<>();
  private final Map<String, EngineState> engines = new LinkedHashMap<>();
  private final List<PassRecord> passes = new ArrayList<>();
  private int roundsCut;

  private Run(Options options) {
    this.options = options;
    this.work = options.work();
  }

  /** Parses the command line and runs; exit 2 for a bad command line, 1 if the run failed. */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    new Run(options).run();
  }

  private void run() throws Exception {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Map<String, String> machine = Machine.describe();
    machine.put("load average at start", Machine.loadAverage());
    Files.createDirectories(work.resolve("lists"));
    Files.createDirectories(work.resolve("logs"));
    listCorpus();
    log(
        "corpus %s: %d files, %.1f MB in %d families",
        options.corpus(),
        docs.size(),
        docs.stream().mapToLong(Doc::bytes).sum() / 1e6,
        byFamily.size());
    startEngines();
    measure();
    for (EngineState state : engines.values()) {
      if (state.worker != null) {
        state.worker.close();
      }
    }
    List<QualityRow> quality = new ArrayList<>();
    List<LowF1> lowest = new ArrayList<>();
    quality(quality, lowest);
    Map<String, String> spark = options.spark() ? spark() : Map.of("skipped", "--no-spark");
    List<Results.JmhRow> jmh = options.jmh() ? Crossing.run(log("jmh")) : List.of();
    machine.put("load average at end", Machine.loadAverage());
    machine.putAll(versions());
    Instant finished = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<EngineResult> engineResults = new ArrayList<>();
    for (EngineState s : engines.values()) {
      engineResults.add(
          new EngineResult(
              s.name,
              s.worker == null ? null : s.worker.version(),
              s.unavailable,
              s.worker == null ? 0 : s.worker.starts(),
              s.worker == null ? -1 : s.worker.peakHwmKb(),
              s.worker == null ? -1 : s.worker.peakOutsideHeapKb(),
              s.worker == null ? -1 : s.worker.peakHeapKb(),
              s.first,
              s.timedOut,
              s.crashed));
    }
    Results results =
        new Results(
            options,
            machine,
            docs,
            List.copyOf(byFamily.keySet()),
            engineResults,
            passes,
            roundsCut,
            quality,
            lowest,
            spark,
            jmh,
            started.toString(),
            finished.toString(),
            finished.getEpochSecond() - started.getEpochSecond());
    Report.write(results, options.out());
    log("report: %s", options.out().resolve("report.md"));
  }

  /**
   * The corpus-relative paths that TAGS.tsv tags with one of {@code tags}; {@code null} when no
   * tags are given.
   */
  private static Set<String> tagged(Path corpus, List<String> tags) throws IOException {
    if (tags.isEmpty()) {
      return null;
    }
    Path file = corpus.resolve("TAGS.tsv");
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          "--tags and --exclude-tags need the corpus's TAGS.tsv, not found at " + file);
    }
    Set<String> paths = new HashSet<>();
    for (String line : Files.readAllLines(file)) {
      String[] fields = line.split("\t", -1);
      if (fields.length > 1 && Arrays.stream(fields[1].split(",")).anyMatch(tags::contains)) {
        paths.add(fields[0]);
      }
    }
    return paths;
  }

  private String corpusPath(Path file) {
    return options.corpus().relativize(file).toString().replace('\\', '/');
  }

  private void listCorpus() throws IOException {
    Set<String> tagged = tagged(options.corpus(), options.tags());
    Set<String> excluded = tagged(options.corpus(), options.excludeTags());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(options.corpus())) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !hidden(options.corpus().relativize(p)))
              .filter(
                  p ->
                      !(p.getParent().equals(options.corpus())
                          && CORPUS_DOCS.contains(p.getFileName().toString())))
              .filter(p -> Family.selects(options.formats(), p))
              .filter(p -> tagged == null || tagged.contains(corpusPath(p)))
              .filter(p -> excluded == null || !excluded.contains(corpusPath(p)))
              .sorted()
              .toList();
    }
    Map<String, List<Path>> grouped = new TreeMap<>(Comparator.comparingInt(Family.ORDER::indexOf));
    for (Path file : files) {
      grouped.computeIfAbsent(Family.of(file), f -> new ArrayList<>()).add(file);
    }
    for (var entry : grouped.entrySet()) {
      List<Doc> family = new ArrayList<>();
      for (Path file : sample(entry.getValue(), options.limit())) {
        Doc doc =
            new Doc(
                docs.size(),
                file,
                options.corpus().relativize(file).toString(),
                entry.getKey(),
                Files.size(file));
        docs.add(doc);
        family.add(doc);
      }
      byFamily.put(entry.getKey(), family);
    }
    // Which file each text/ENGINE/N.txt is, for looking at the texts after a run.
    StringBuilder index = new StringBuilder();
    for (Doc doc : docs) {
      index.append(doc.index()).append('\t').append(doc.family()).append('\t');
      index.append(doc.relative()).append('\n');
    }
    Files.createDirectories(work);
    Files.writeString(work.resolve("docs.tsv"), index, StandardCharsets.UTF_8);
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** At most {@code limit} items spread evenly over the list (all of them when limit is 0). */
  static <T> List<T> sample(List<T> items, int limit) {
    if (limit <= 0 || items.size() <= limit) {
      return items;
    }
    List<T> picked = new ArrayList<>(limit);
    for (int i = 0; i < limit; i++) {
      picked.add(items.get((int) ((long) i * items.size() / limit)));
    }
    return picked;
  }

  private void startEngines() throws IOException {
    boolean hasPdf = byFamily.containsKey("pdf");
    for (String name : options.engines()) {
      EngineState state = new EngineState(name);
      engines.put(name, state);
      if (Options.pdfOnly(name) && !hasPdf) {
        state.unavailable = "no PDF in the selection";
        continue;
      }
      if (Options.python(name) && options.python() == null) {
        state.unavailable = "no Python (give --python or let benchmarks/run make its venv)";
        continue;
      }
      state.worker = new WorkerProcess(name, command(name), work.resolve("logs/" + name + ".log"));
      try {
        startAndWarm(state);
        log("%s %s ready", name, state.worker.version());
      } catch (IOException | InterruptedException e) {
        state.unavailable = e.getMessage();
        log("%s unavailable: %s", name, e.getMessage());
        state.worker = null;
      }
    }
  }

  private List<String> command(String engine) {
    List<String> command = new ArrayList<>();
    if (Options.python(engine)) {
      command.add(options.python());
      command.add(System.getProperty("vellum.bench.driver", "benchmarks/python/driver.py"));
    } else if (!Options.jvm(engine)) {
      command.add(
          System.getProperty(
              "vellum.bench.objectsWorker", "native/target/release/examples/pdf_objects_worker"));
    } else {
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xms8m"); // committed heap close to resident heap, for the outside-heap figure
      command.add("-Xmx" + options.heap());
      command.add("-Djava.awt.headless=true");
      command.addAll(List.of(JVM_OPENS));
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Worker.class.getName());
    }
    command.add(engine);
    command.add(Long.toString(options.timeoutMillis()));
    return command;
  }

  private void startAndWarm(EngineState state) throws IOException, InterruptedException {
    state.worker.start(300_000);
    List<Doc> warm = new ArrayList<>();
    for (var entry : byFamily.entrySet()) {
      if (handles(state.name, entry.getKey()) && options.warmup() > 0) {
        warm.addAll(sample(entry.getValue(), options.warmup()));
      }
    }
    warm.removeIf(d -> state.bad().contains(d.index()));
    if (warm.isEmpty()) {
      return;
    }
    Path list = writeList(state.name + "-warmup", warm);
    int threads = options.threads().stream().mapToInt(Integer::intValue).max().orElse(1);
    Segment segment = state.worker.run(list, threads, null, idleMillis());
    if (segment.crashed() || segment.tainted()) {
      String why = segment.crashed() ? segment.why() : "a file ran past the timeout";
      log("%s: warm-up: %s; restarting without warm-up", state.name, why);
      state.worker.kill();
      state.worker.start(300_000);
    }
  }

  private static boolean handles(String engine, String family) {
    return !Options.pdfOnly(engine) || family.equals("pdf");
  }

  private long idleMillis() {
    return options.timeoutMillis() * 2 + 60_000;
  }

  /**
   * Rounds outermost, so that a time budget that runs out leaves whole rounds: in each round, every
   * thread count, every family, every engine in turn (the order rotates from round to round).
   */
  private void measure() throws IOException, InterruptedException {
    long begin = System.nanoTime();
    Map<String, Long> lastRoundNanos = new HashMap<>();
    for (int round = 1; round <= options.rounds(); round++) {
      long elapsed = System.nanoTime() - begin;
      if (round > 1 && options.budgetSeconds() > 0) {
        long next = 0; // the next round's cost: what its engines took in the last round
        for (var cost : lastRoundNanos.entrySet()) {
          if (round <= options.roundsOf(cost.getKey())) {
            next += cost.getValue();
          }
        }
        if (elapsed + next > TimeUnit.SECONDS.toNanos(options.budgetSeconds())) {
          roundsCut = round - 1;
          log("time budget: stopping after %d round(s)", roundsCut);
          return;
        }
      }
      lastRoundNanos.clear();
      List<Integer> allThreads = new ArrayList<>(options.threads());
      options.peerThreads().stream().filter(t -> !allThreads.contains(t)).forEach(allThreads::add);
      for (int threads : allThreads) {
        for (var entry : byFamily.entrySet()) {
          String family = entry.getKey();
          List<EngineState> active = new ArrayList<>();
          for (EngineState state : engines.values()) {
            if (state.unavailable == null
                && handles(state.name, family)
                && options.threadsOf(state.name).contains(threads)
                && round <= options.roundsOf(state.name)) {
              active.add(state);
            }
          }
          for (int k = 0; k < active.size(); k++) {
            EngineState state = active.get((k + round - 1) % active.size());
            if (state.unavailable != null) {
              continue;
            }
            boolean first = threads == options.threadsOf(state.name).get(0) && round == 1;
            Path textDir =
                first && !state.name.equals("inflate") && !Options.objectsOnly(state.name)
                    ? work.resolve("text").resolve(state.name)
                    : null;
            long passStart = System.nanoTime();
            PassRecord pass = pass(state, family, entry.getValue(), threads, round, textDir, first);
            lastRoundNanos.merge(state.name, System.nanoTime() - passStart, Long::sum);
            if (pass != null) {
              passes.add(pass);
              log(
                  "%-10s %-12s threads=%d round=%d files=%d %.2f s %.1f files/s %.2f MB/s%s",
                  state.name,
                  family,
                  threads,
                  round,
                  pass.files(),
                  pass.seconds(),
                  pass.filesPerSecond(),
                  pass.megabytesPerSecond(),
                  pass.restarts() > 0 ? " restarts=" + pass.restarts() : "");
            }
            if (state.worker != null) {
              state.worker.sampleMemory();
            }
          }
        }
      }
    }
  }

  private PassRecord pass(
      EngineState state,
      String family,
      List<Doc> familyDocs,
      int threads,
      int round,
      Path textDir,
      boolean first)
      throws IOException, InterruptedException {
    Set<Integer> bad = state.bad();
    List<Doc> todo = new ArrayList<>();
    int charged = 0;
    long chargedBytes = 0;
    for (Doc doc : familyDocs) {
      if (!bad.contains(doc.index())) {
        todo.add(doc);
      } else if (!state.crashed.containsKey(doc.index())) {
        charged++; // timed out before: not run again, charged the timeout below
        chargedBytes += doc.bytes();
      }
    }
    int files = todo.size() + charged;
    long bytes = todo.stream().mapToLong(Doc::bytes).sum() + chargedBytes;
    long wall = TimeUnit.MILLISECONDS.toNanos(options.timeoutMillis()) * charged / threads;
    int restarts = 0;
    while (!todo.isEmpty()) {
      if (!state.worker.alive()) {
        try {
          startAndWarm(state);
        } catch (IOException e) {
          state.unavailable = "could not restart: " + e.getMessage();
          log("%s: %s", state.name, state.unavailable);
          return null;
        }
      }
      Path list = writeList(state.name + "-pass", todo);
      Segment segment = state.worker.run(list, threads, textDir, idleMillis());
      wall += segment.wallNanos();
      Set<Integer> done = new HashSet<>(segment.results().keySet());
      for (var result : segment.results().entrySet()) {
        FileResult r = result.getValue();
        if (r.status().equals("timeout")) {
          state.timedOut.put(result.getKey(), r.message());
        } else if (first) {
          state.first.put(result.getKey(), r);
        }
      }
      if (segment.crashed()) {
        restarts++;
        Set<Integer> blamed = new HashSet<>(segment.inFlight());
        if (blamed.isEmpty() && done.isEmpty()) {
          todo.forEach(d -> blamed.add(d.index())); // no progress at all: give up on the rest
        }
        for (int index : blamed) {
          state.crashed.put(index, segment.why());
        }
        log("%s crashed on %s: %s", state.name, names(blamed), segment.why());
        done.addAll(blamed);
        todo.removeIf(d -> done.contains(d.index()));
      } else if (segment.tainted()) {
        // An abandoned thread still runs: a fresh worker, for the rest of this pass if any.
        state.worker.sampleMemory();
        state.worker.kill();
        todo.removeIf(d -> done.contains(d.index()));
        if (!todo.isEmpty()) {
          restarts++;
          if (done.isEmpty()) {
            break; // cannot happen (a timeout is a result), but never loop without progress
          }
        }
      } else {
        break;
      }
    }
    return new PassRecord(
        state.name,
        family,
        threads,
        round,
        files,
        bytes,
        familyDocs.size() - files,
        charged,
        wall,
        restarts);
  }

  private String names(Set<Integer> indexes) {
    List<String> names = new ArrayList<>();
    for (int index : indexes) {
      names.add(docs.get(index).relative());
    }
    return names.toString();
  }

  private Path writeList(String name, List<Doc> list) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Doc doc : list) {
      text.append(doc.index()).append('\t').append(doc.path()).append('\n');
    }
    Path file = work.resolve("lists").resolve(name + ".txt");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private void quality(List<QualityRow> rows, List<LowF1> lowest) throws IOException {
    EngineState vellum = engines.get("vellum");
    List<LowF1> lowestCandidates = new ArrayList<>();
    StringBuilder perFile =
        new StringBuilder(
            "path\tfamily\tpeer\tf1\tvellum_tokens\tpeer_tokens\tcommon_tokens"
                + "\tvellum_garbage\tpeer_garbage\n");
    // Every family, then all of them together (the row "all", when there are several).
    Map<String, List<Doc>> groups = new LinkedHashMap<>(byFamily);
    if (byFamily.size() > 1) {
      groups.put("all", List.copyOf(docs));
    }
    for (String peer : List.of("tika", "kreuzberg", "extractous", "pdfbox", "pypdfium2")) {
      EngineState other = engines.get(peer);
      if (other == null || other.unavailable != null && other.first.isEmpty()) {
        continue;
      }
      for (var entry : groups.entrySet()) {
        boolean all = entry.getKey().equals("all");
        List<Double> scores = new ArrayList<>();
        List<Double> large = new ArrayList<>();
        long sumA = 0;
        long sumB = 0;
        long sumCommon = 0;
        List<String> garbled = new ArrayList<>();
        List<Double> english = new ArrayList<>();
        for (Doc doc : entry.getValue()) {
          if (!ok(vellum, doc) || !ok(other, doc)) {
            continue;
          }
          String a = text("vellum", doc);
          String b = text(peer, doc);
          double f1 = TokenF1.f1(a, b);
          scores.add(f1);
          TokenF1.Counts counts = TokenF1.counts(a, b);
          sumA += counts.candidate();
          sumB += counts.reference();
          sumCommon += counts.common();
          if (counts.reference() >= TokenF1.LARGE) {
            large.add(f1);
          }
          if (TokenF1.english(a) || TokenF1.english(b)) {
            english.add(f1);
          }
          double garbageA = TokenF1.garbageShare(a);
          double garbageB = TokenF1.garbageShare(b);
          if (garbageA > TokenF1.GARBLED && garbageB <= TokenF1.GARBLED) {
            garbled.add(doc.relative());
          }
          if (all) {
            continue; // the per-file lines and the lowest files come from the families' rows
          }
          perFile
              .append(doc.relative())
              .append('\t')
              .append(doc.family())
              .append('\t')
              .append(peer)
              .append('\t')
              .append(String.format(Locale.ROOT, "%.4f", f1))
              .append('\t')
              .append(counts.candidate())
              .append('\t')
              .append(counts.reference())
              .append('\t')
              .append(counts.common())
              .append('\t')
              .append(String.format(Locale.ROOT, "%.3f", garbageA))
              .append('\t')
              .append(String.format(Locale.ROOT, "%.3f", garbageB))
              .append('\n');
          if (peer.equals("tika")) {
            lowestCandidates.add(new LowF1(doc.relative(), doc.family(), f1, head(a), head(b)));
          }
        }
        if (!scores.isEmpty()) {
          rows.add(
              new QualityRow(
                  entry.getKey(),
                  peer,
                  scores.size(),
                  Stats.median(scores),
                  Stats.percentile(scores, 10),
                  TokenF1.micro(sumA, sumB, sumCommon),
                  large.size(),
                  large.isEmpty() ? Double.NaN : Stats.median(large),
                  large.isEmpty() ? Double.NaN : Stats.percentile(large, 10),
                  List.copyOf(garbled),
                  english.size(),
                  english.isEmpty() ? Double.NaN : Stats.median(english)));
        }
      }
    }
    Files.createDirectories(options.out());
    Files.writeString(options.out().resolve("f1.tsv"), perFile, StandardCharsets.UTF_8);
    lowestCandidates.sort(Comparator.comparingDouble(LowF1::f1).thenComparing(LowF1::path));
    lowest.addAll(lowestCandidates.subList(0, Math.min(20, lowestCandidates.size())));
  }

  private static boolean ok(EngineState state, Doc doc) {
    FileResult r = state == null ? null : state.first.get(doc.index());
    return r != null && r.status().equals("ok");
  }

  private String text(String engine, Doc doc) throws IOException {
    Path file = work.resolve("text").resolve(engine).resolve(doc.index() + ".txt");
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static String head(String text) {
    // control characters (NUL, form feeds of page breaks, ...) would make the report binary
    String flat = text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", " ").strip();
    return flat.length() > 300 ? flat.substring(0, 300) : flat;
  }

  private Map<String, String> spark() throws IOException, InterruptedException {
    Map<String, String> result = new LinkedHashMap<>();
    if (options.sparkClasspath() == null) {
      result.put("skipped", "no --spark-classpath (benchmarks/run gives it)");
      return result;
    }
    Path resultFile = work.resolve("spark.properties");
    Files.deleteIfExists(resultFile);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx4g");
    command.addAll(List.of(Machine.SPARK_OPENS));
    command.add("-cp");
    command.add(options.sparkClasspath());
    command.add("dev.vellum.benchmarks.spark.SparkComparison");
    Path input = sparkInput();
    command.addAll(
        List.of(
            "--input",
            input.toString(),
            "--out",
            work.resolve("spark").toString(),
            "--rounds",
            Integer.toString(options.sparkRounds()),
            "--timeout",
            Long.toString(options.timeoutMillis()),
            "--tika-classpath",
            System.getProperty("java.class.path"),
            "--result",
            resultFile.toString()));
    log("spark: local[2], %d round(s)", options.sparkRounds());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    builder.redirectOutput(work.resolve("logs/spark.log").toFile());
    Process process = builder.start();
    if (!process.waitFor(options.sparkTimeoutMinutes(), TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      result.put(
          "failed",
          "the Spark comparison ran past "
              + options.sparkTimeoutMinutes()
              + " minutes (--spark-timeout) and was stopped");
    } else if (process.exitValue() != 0) {
      result.put(
          "failed",
          "exit status " + process.exitValue() + "; see logs/spark.log in the work folder");
    }
    if (Files.exists(resultFile)) {
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(resultFile)) {
        properties.load(in);
      }
      for (String key : new TreeMap<>(properties).keySet().stream().map(String::valueOf).toList()) {
        result.put(key, properties.getProperty(key));
      }
    }
    return result;
  }

  /**
   * A folder of symbolic links to exactly the files measured above (flat, named {@code
   * index-name}), so that the Spark jobs read the same files as the engines, samples included.
   */
  private Path sparkInput() throws IOException {
    Path input = work.resolve("spark-input");
    if (Files.exists(input)) {
      try (Stream<Path> old = Files.list(input)) {
        for (Path link : old.toList()) {
          Files.delete(link);
        }
      }
    }
    Files.createDirectories(input);
    for (Doc doc : docs) {
      Files.createSymbolicLink(
          input.resolve(doc.index() + "-" + doc.path().getFileName()), doc.path());
    }
    return input;
  }

  private Map<String, String> versions() {
    Map<String, String> versions = new LinkedHashMap<>();
    for (EngineState state : engines.values()) {
      if (state.worker != null && state.worker.version() != null) {
        versions.put("engine " + state.name, state.worker.version());
      }
    }
    return versions;
  }

  private Path log(String name) {
    return work.resolve("logs").resolve(name + ".log");
  }

  static void log(String format, Object... args) {
    System.err.printf(
        "[%s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, args));
  }

  /** The orchestrator's view of one engine. */
  private static final class EngineState {
    final String name;
    WorkerProcess worker;
    String unavailable;
    final Map<Integer, FileResult> first = new HashMap<>();
    final Map<Integer, String> timedOut = new TreeMap<>();
    final Map<Integer, String> crashed = new TreeMap<>();

    EngineState(String name) {
      this.name = name;
    }

    /** Files not tried again: they timed out or crashed this engine before. */
    Set<Integer> bad() {
      Set<Integer> bad = new HashSet<>(timedOut.keySet());
      bad.addAll(crashed.keySet());
      return bad;
    }
  }
}
