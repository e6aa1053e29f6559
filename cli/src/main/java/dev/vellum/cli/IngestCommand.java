package dev.vellum.cli;

import dev.vellum.ExtractorConfig;
import dev.vellum.VellumConfigException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.sources.DataSourceRegister;

/**
 * {@code vellum ingest}: {@code spark.read().format("vellum")} over INPUT, written to OUTPUT as
 * Parquet or JSON Lines. Folders are read recursively unless {@code -o recursiveFileLookup=false}.
 */
final class IngestCommand {
  static final String HELP =
      """
      Usage: vellum ingest [--master URL] [--format parquet|jsonl] [--overwrite]
                           [--conf KEY=VALUE]... [-o OPTION=VALUE]... INPUT OUTPUT

      Reads INPUT (a file, folder or glob; file:, hdfs:, s3a: paths) with the Spark reader
      format("vellum") and writes the rows to the folder OUTPUT.

        --master URL            Spark master (default local[*]), e.g. local[2], spark://host:7077
        --format parquet|jsonl  output format (default parquet); jsonl is Spark's JSON Lines
        --overwrite             replace OUTPUT if it exists (default: fail if it exists)
        --conf KEY=VALUE        a Spark setting, e.g. --conf spark.executor.memory=4g
        -o OPTION=VALUE         any reader option, e.g. -o pathGlobFilter=*.html,
                                -o mode=DROPMALFORMED, -o extractTables=true

      INPUT folders are read recursively (recursiveFileLookup=true unless given). With a master
      other than local, the jars holding Vellum are shipped to the executors (spark.jars) unless
      --conf spark.jars is given. Prints the rows written and the seconds taken. Exit status: 0 on
      success, 1 when the job failed, 2 for a wrong command line or a bad reader option.
      """;

  private static final Set<String> EXTRACTION_OPTIONS =
      caseInsensitive(ExtractorConfig.OPTION_NAMES);

  private IngestCommand() {}

  private static Set<String> caseInsensitive(Set<String> names) {
    Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(names);
    return set;
  }

  record Request(
      boolean help,
      String master,
      String format,
      boolean overwrite,
      Map<String, String> conf,
      Map<String, String> options,
      String input,
      String output) {}

  static Request parse(String[] args) throws UsageException {
    String master = "local[*]";
    String format = "parquet";
    boolean overwrite = false;
    Map<String, String> conf = new LinkedHashMap<>();
    Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    List<String> positional = new ArrayList<>();
    ArgumentCursor cursor = new ArgumentCursor(args);
    while (cursor.hasNext()) {
      String option = cursor.option();
      if (option == null) {
        if (cursor.hasNext()) {
          positional.add(cursor.positional());
        }
        continue;
      }
      switch (option) {
        case "-h", "--help" -> {
          return new Request(true, master, format, false, Map.of(), Map.of(), null, null);
        }
        case "--master" -> master = cursor.value(option);
        case "--format" -> format = cursor.choice(option, List.of("parquet", "jsonl"));
        case "--overwrite" -> {
          cursor.noValue(option);
          overwrite = true;
        }
        case "--conf" -> cursor.keyValue(option, conf);
        case "-o", "--option" -> cursor.keyValue(option, options);
        default -> throw new UsageException("unknown option " + option);
      }
    }
    if (positional.size() != 2) {
      throw new UsageException(
          "expected INPUT and OUTPUT, got " + positional.size() + " argument(s): " + positional);
    }
    validateExtractionOptions(options);
    options.putIfAbsent("recursiveFileLookup", "true");
    String output = positional.get(1);
    if (!overwrite && isLocal(output) && Files.exists(Path.of(stripFileScheme(output)))) {
      throw new UsageException(output + " already exists: pass --overwrite to replace it");
    }
    return new Request(false, master, format, overwrite, conf, options, positional.get(0), output);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Request request;
    try {
      request = parse(args);
    } catch (UsageException e) {
      err.println("vellum ingest: " + e.getMessage());
      err.println("Run 'vellum ingest --help' for usage.");
      return Main.USAGE;
    }
    if (request.help()) {
      out.print(HELP);
      return Main.OK;
    }
    long start = System.nanoTime();
    SparkSession.Builder builder =
        SparkSession.builder().appName("vellum ingest").master(request.master());
    if (request.master().startsWith("local")) {
      // A local master runs its executor in this JVM: Spark's endpoints stay on loopback.
      builder.config("spark.driver.host", "127.0.0.1");
      builder.config("spark.driver.bindAddress", "127.0.0.1");
    }
    request.conf().forEach(builder::config);
    if (!request.master().startsWith("local") && !request.conf().containsKey("spark.jars")) {
      builder.config("spark.jars", String.join(",", vellumJars()));
    }
    SparkSession spark = null;
    try {
      spark = builder.getOrCreate();
      Dataset<Row> rows =
          spark.read().format("vellum").options(request.options()).load(request.input());
      DataFrameWriter<Row> writer =
          rows.write().mode(request.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
      if (request.format().equals("jsonl")) {
        writer.json(request.output());
      } else {
        writer.parquet(request.output());
      }
      // Counted from what was written (DROPMALFORMED may drop rows); with the known schema, so an
      // empty output counts 0 instead of failing JSON's schema inference.
      DataFrameReader written = spark.read().schema(rows.schema());
      long count =
          request.format().equals("jsonl")
              ? written.json(request.output()).count()
              : written.parquet(request.output()).count();
      out.printf(
          Locale.ROOT,
          "vellum: wrote %d rows to %s (%s) in %.2f s%n",
          count,
          request.output(),
          request.format(),
          (System.nanoTime() - start) / 1e9);
      return Main.OK;
    } catch (Exception e) { // Spark's Scala code also throws checked exceptions undeclared
      VellumConfigException config = configCause(e);
      if (config != null) {
        err.println("vellum ingest: " + config.getMessage());
        return Main.USAGE;
      }
      err.println("vellum ingest: the job failed: " + describe(e));
      return Main.FAILED;
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
  }

  /** Checks the extraction options before Spark starts, so a typo fails in a moment. */
  private static void validateExtractionOptions(Map<String, String> options) throws UsageException {
    Map<String, String> extraction = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    options.forEach(
        (name, value) -> {
          if (EXTRACTION_OPTIONS.contains(name)) {
            extraction.put(name, value);
          }
        });
    try {
      ExtractorConfig.fromOptions(extraction);
    } catch (VellumConfigException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * A failure in one line: the first line of the root cause's message, which names the file in a
   * FAILFAST failure (Spark's own messages go on with a stack trace).
   */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString().lines().findFirst().orElse("");
  }

  /** The bad-option error somewhere in {@code e}'s causes, or null. */
  static VellumConfigException configCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof VellumConfigException config) {
        return config;
      }
    }
    return null;
  }

  /** Local paths: no scheme, or {@code file:}. */
  static boolean isLocal(String path) {
    int colon = path.indexOf(':');
    return colon < 0 || path.startsWith("file:");
  }

  private static String stripFileScheme(String path) {
    return path.startsWith("file:") ? path.substring("file:".length()) : path;
  }

  /**
   * The jars executors need to run the reader: the one holding the {@code vellum} source (the
   * shaded connector jar when run from it), the Java API with the native library, and arrow-c-data.
   */
  static List<String> vellumJars() {
    Set<String> jars = new LinkedHashSet<>();
    for (DataSourceRegister source : ServiceLoader.load(DataSourceRegister.class)) {
      if (source.shortName().equals("vellum")) {
        addJarOf(source.getClass(), jars);
      }
    }
    addJarOf(dev.vellum.Extractor.class, jars);
    addJarOf(org.apache.arrow.c.Data.class, jars);
    return List.copyOf(jars);
  }

  private static void addJarOf(Class<?> type, Set<String> jars) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    try {
      Path location = Path.of(source.getLocation().toURI());
      if (Files.isRegularFile(location)) {
        jars.add(location.toString());
      }
    } catch (URISyntaxException | RuntimeException e) {
      // a class without a jar (a folder of classes in a build) has nothing to ship
    }
  }
}
