package dev.vellum.benchmarks.spark;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;

import dev.vellum.ExtractedDocument;
import dev.vellum.Extractor;
import dev.vellum.ExtractorConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark end-to-end comparison on {@code local[2]}, in one JVM: the Vellum source to Parquet,
 * {@code binaryFile} plus a Tika UDF to Parquet (the same columns), and the plain Java API on the
 * same files with 2 threads. A warm-up job of each on a few files first; then rounds, jobs
 * interleaved. Writes a properties file for the harness's report. A failed job is reported, never
 * fatal.
 *
 * <p>{@code SparkComparison --input DIR [--glob GLOB] --out DIR --rounds N --timeout MILLIS
 * --tika-classpath CP --result FILE}
 */
public final class SparkComparison {
  private static final String[] COLUMNS = {
    "path", "length", "modification_time", "mime_type", "content", "error"
  };

  private final Map<String, String> args;
  private final Path out;
  private final long timeoutMillis;
  private final String glob;
  private final Properties result = new Properties();
  private SparkSession spark;

  private SparkComparison(Map<String, String> args) {
    this.args = args;
    this.out = Path.of(args.get("--out"));
    this.timeoutMillis = Long.parseLong(args.getOrDefault("--timeout", "30000"));
    this.glob = args.getOrDefault("--glob", "");
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i], argv[i + 1]);
    }
    new SparkComparison(args).run();
    System.exit(0);
  }

  private void run() throws IOException {
    Path input = Path.of(args.get("--input")).toAbsolutePath().normalize();
    int rounds = Integer.parseInt(args.getOrDefault("--rounds", "1"));
    List<Path> files = list(input);
    result.setProperty("input", input.toString());
    result.setProperty("files", Integer.toString(files.size()));
    result.setProperty("glob", glob);
    result.setProperty("rounds", Integer.toString(rounds));
    Path warm = out.resolve("warmup-input");
    copySample(files, warm, 12);
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("vellum-benchmarks")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    result.setProperty("spark.version", spark.version());
    spark
        .udf()
        .register("tika", new TikaUdf(args.get("--tika-classpath"), timeoutMillis), TikaUdf.RESULT);
    List<Path> warmFiles = list(warm);
    time("warmup.vellum_spark", () -> vellumSpark(warm, out.resolve("warmup-vellum")));
    time("warmup.tika_spark", () -> tikaSpark(warm, out.resolve("warmup-tika")));
    time("warmup.java_api", () -> javaApi(warmFiles));
    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    List<String> jobs = List.of("vellum_spark", "tika_spark", "java_api");
    for (int round = 1; round <= rounds; round++) {
      List<String> order = new ArrayList<>(jobs);
      Collections.rotate(order, -(round - 1));
      for (String job : order) {
        Double s =
            time(
                job,
                () ->
                    switch (job) {
                      case "vellum_spark" -> vellumSpark(input, out.resolve("vellum"));
                      case "tika_spark" -> tikaSpark(input, out.resolve("tika"));
                      default -> javaApi(files);
                    });
        if (s != null) {
          seconds.computeIfAbsent(job, k -> new ArrayList<>()).add(s);
        }
      }
    }
    for (var entry : seconds.entrySet()) {
      List<Double> values = entry.getValue();
      Collections.sort(values);
      double median =
          values.size() % 2 == 1
              ? values.get(values.size() / 2)
              : (values.get(values.size() / 2 - 1) + values.get(values.size() / 2)) / 2;
      result.setProperty(entry.getKey() + ".seconds", format(median));
      result.setProperty(entry.getKey() + ".rounds", values.toString());
    }
    ratio("ratio.tika_over_vellum", "tika_spark", "vellum_spark");
    ratio("ratio.vellum_spark_over_java_api", "vellum_spark", "java_api");
    try (OutputStream stream = Files.newOutputStream(Path.of(args.get("--result")))) {
      result.store(stream, "Spark end-to-end comparison");
    }
    spark.stop();
  }

  private void ratio(String key, String numerator, String denominator) {
    String a = result.getProperty(numerator + ".seconds");
    String b = result.getProperty(denominator + ".seconds");
    if (a != null && b != null && Double.parseDouble(b) > 0) {
      result.setProperty(key, format(Double.parseDouble(a) / Double.parseDouble(b)));
    }
  }

  /** What a job reports: rows written, rows with an error. */
  private record Counts(long rows, long errors) {}

  private interface Job {
    Counts run() throws Exception;
  }

  private Double time(String name, Job job) {
    long start = System.nanoTime();
    try {
      Counts counts = job.run();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.err.printf(
          Locale.ROOT,
          "%s: %.2f s, %d rows, %d errors%n",
          name,
          seconds,
          counts.rows(),
          counts.errors());
      if (!name.startsWith("warmup.")) {
        result.setProperty(name + ".rows", Long.toString(counts.rows()));
        result.setProperty(name + ".errors", Long.toString(counts.errors()));
      }
      return seconds;
    } catch (Exception | Error e) {
      System.err.println(name + " failed: " + e);
      e.printStackTrace();
      result.setProperty(name + ".failed", String.valueOf(e));
      return null;
    }
  }

  private Counts vellumSpark(Path input, Path output) {
    var reader =
        spark
            .read()
            .format("vellum")
            .option("recursiveFileLookup", "true")
            .option("timeout", timeoutMillis + "ms");
    if (!glob.isEmpty()) {
      reader = reader.option("pathGlobFilter", glob);
    }
    Dataset<Row> docs = reader.load(input.toString()).select(COLUMNS[0], rest());
    docs.write().mode(SaveMode.Overwrite).parquet(output.toString());
    return count(output);
  }

  private Counts tikaSpark(Path input, Path output) {
    var reader = spark.read().format("binaryFile").option("recursiveFileLookup", "true");
    if (!glob.isEmpty()) {
      reader = reader.option("pathGlobFilter", glob);
    }
    Dataset<Row> docs =
        reader
            .load(input.toString())
            .select(
                col("path"),
                col("length"),
                col("modificationTime").as("modification_time"),
                callUDF("tika", col("path"), col("content")).as("t"))
            .select(
                col("path"),
                col("length"),
                col("modification_time"),
                col("t.mime_type").as("mime_type"),
                col("t.content").as("content"),
                col("t.error").as("error"));
    docs.write().mode(SaveMode.Overwrite).parquet(output.toString());
    return count(output);
  }

  private Counts count(Path output) {
    Dataset<Row> written = spark.read().parquet(output.toString());
    return new Counts(written.count(), written.filter(col("error").isNotNull()).count());
  }

  private Counts javaApi(List<Path> files) throws Exception {
    ExtractorConfig config =
        ExtractorConfig.builder().timeout(Duration.ofMillis(timeoutMillis)).build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Extractor extractor = Extractor.create(config, pool)) {
      List<Future<List<ExtractedDocument>>> parts = new ArrayList<>();
      int batch = config.batchSize();
      for (int start = 0; start < files.size(); start += batch) {
        List<Path> slice = files.subList(start, Math.min(files.size(), start + batch));
        parts.add(pool.submit(() -> extractor.extractAll(slice)));
      }
      long rows = 0;
      long errors = 0;
      for (Future<List<ExtractedDocument>> part : parts) {
        for (ExtractedDocument doc : part.get()) {
          rows++;
          errors += doc.failed() ? 1 : 0;
        }
      }
      return new Counts(rows, errors);
    } finally {
      pool.shutdown();
    }
  }

  private static String[] rest() {
    String[] rest = new String[COLUMNS.length - 1];
    System.arraycopy(COLUMNS, 1, rest, 0, rest.length);
    return rest;
  }

  /** The files Spark reads: recursive, without hidden ({@code .}, {@code _}) names, the glob. */
  private List<Path> list(Path input) throws IOException {
    PathMatcher matcher =
        glob.isEmpty() ? p -> true : FileSystems.getDefault().getPathMatcher("glob:" + glob);
    try (Stream<Path> walk = Files.walk(input)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !hidden(input.relativize(p)))
          .filter(p -> matcher.matches(p.getFileName()))
          .sorted()
          .toList();
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  private static void copySample(List<Path> files, Path target, int count) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> old = Files.list(target)) {
      for (Path p : old.toList()) {
        Files.deleteIfExists(p);
      }
    }
    for (int i = 0; i < Math.min(count, files.size()); i++) {
      Path file = files.get((int) ((long) i * files.size() / Math.min(count, files.size())));
      Files.copy(
          file, target.resolve(i + "-" + file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
