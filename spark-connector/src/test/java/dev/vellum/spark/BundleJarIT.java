package dev.vellum.spark;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded connector jar of this build's Spark line is all a user adds to a Spark of that line: a
 * separate JVM with nothing on its class path but Spark's own jars (this line's {@code spark-sql}
 * and what it pulls, listed by the build in {@code vellum.sparkClasspath}) and the shaded jar reads
 * documents with {@code spark.read().format("vellum")} on {@code local[1]}. The driver program is
 * compiled here against Spark's jars only; it names the source by its short name.
 */
class BundleJarIT {
  private static final String DRIVER =
      """
      import java.util.List;
      import org.apache.spark.sql.Row;
      import org.apache.spark.sql.SparkSession;

      public final class BundleDriver {
        public static void main(String[] args) throws Exception {
          SparkSession spark =
              SparkSession.builder()
                  .master("local[1]")
                  .appName("vellum-bundle-check")
                  .config("spark.ui.enabled", "false")
                  .config("spark.driver.host", "127.0.0.1")
                  .getOrCreate();
          try {
            List<Row> rows =
                spark.read().format("vellum").load(args[0])
                    .selectExpr("path", "mime_type", "content", "error.kind")
                    .orderBy("path")
                    .collectAsList();
            for (Row row : rows) {
              String path = row.getString(0);
              System.out.println(
                  "ROW " + path.substring(path.lastIndexOf('/') + 1) + " | " + row.getString(1)
                      + " | " + row.getString(2) + " | " + row.getString(3));
            }
            Class<?> source = Class.forName("dev.vellum.spark.VellumDataSource");
            System.out.println(
                "SOURCE " + source.getProtectionDomain().getCodeSource().getLocation());
            System.out.println("SPARK " + spark.version());
          } finally {
            spark.stop();
          }
        }
      }
      """;

  @Test
  void theShadedJarReadsDocumentsOnSparkWithNothingButSparksOwnJars(@TempDir Path work)
      throws Exception {
    Path bundle = Paths.get(System.getProperty("vellum.connectorJar")).toAbsolutePath();
    assertTrue(Files.isRegularFile(bundle), bundle + " is built");
    List<String> spark = sparkJars();

    Path sources = Files.createDirectories(work.resolve("src"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    Path driver = sources.resolve("BundleDriver.java");
    Files.writeString(driver, DRIVER);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled =
        javac.run(
            null,
            null,
            null,
            "-proc:none",
            "-classpath",
            String.join(File.pathSeparator, spark),
            "-d",
            classes.toString(),
            driver.toString());
    assertEquals(0, compiled, "the driver compiles against Spark's jars alone");

    Path documents = Files.createDirectories(work.resolve("documents"));
    Files.writeString(documents.resolve("note.txt"), "hello from the bundle", UTF_8);
    Files.writeString(documents.resolve("broken.json"), "{\"open\": [1, 2", UTF_8);

    List<String> classPath = new ArrayList<>(spark);
    classPath.add(bundle.toString());
    classPath.add(classes.toString());
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(System.getProperty("vellum.jvmOpens", "").trim().split("\\s+")));
    command.addAll(
        List.of(
            "-Xmx512m",
            "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")),
            "-cp",
            String.join(File.pathSeparator, classPath),
            "BundleDriver",
            documents.toString()));
    command.removeIf(String::isEmpty);
    Path log = work.resolve("driver.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().remove("SPARK_HOME");
    builder.environment().remove("SPARK_DIST_CLASSPATH");
    Process process = builder.start();
    try {
      assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the driver finishes");
    } finally {
      process.destroyForcibly();
    }
    String output = Files.readString(log);
    assertEquals(0, process.exitValue(), output);
    List<String> rows =
        output.lines().filter(l -> l.startsWith("ROW ")).collect(Collectors.toList());
    assertEquals(
        List.of(
            "ROW broken.json | application/json | null | parse",
            "ROW note.txt | text/plain | hello from the bundle | null"),
        rows,
        output);
    assertTrue(output.contains("SOURCE file:" + bundle + "\n"), output);
  }

  @Test
  void theShadedJarHoldsOnlyVellumArrowCDataAndTheNativeLibraryNothingSparkShips()
      throws IOException {
    Path bundle = Paths.get(System.getProperty("vellum.connectorJar"));
    Set<String> bundled = new TreeSet<>();
    try (JarFile jar = new JarFile(bundle.toFile())) {
      jar.stream().filter(e -> !e.isDirectory()).forEach(e -> bundled.add(e.getName()));
    }
    assertTrue(bundled.contains("dev/vellum/native/linux-x86_64/libvellum.so"), "native library");
    assertTrue(
        bundled.contains("org/apache/arrow/c/Data.class"), "arrow-c-data of this line's Arrow");
    assertTrue(bundled.contains("dev/vellum/spark/VellumDataSource.class"), "the connector");
    assertTrue(bundled.contains("dev/vellum/Extractor.class"), "the Java API");
    Path arrowCData = arrowCDataJar();
    Set<String> cData = new HashSet<>();
    try (JarFile jar = new JarFile(arrowCData.toFile())) {
      jar.stream().filter(e -> !e.isDirectory()).forEach(e -> cData.add(e.getName()));
    }
    List<String> foreign =
        bundled.stream()
            .filter(
                n ->
                    !n.startsWith("dev/vellum/")
                        && !n.startsWith("META-INF/")
                        && !cData.contains(n))
            .collect(Collectors.toList());
    assertEquals(List.of(), foreign, "entries from neither Vellum nor " + arrowCData.getFileName());
    assertEquals(
        "arrow-c-data-" + jarVersion(sparkJars(), "arrow-vector-") + ".jar",
        arrowCData.getFileName().toString(),
        "the bundled arrow-c-data is at the Arrow version of this line's Spark");

    Set<String> sparkEntries = new HashSet<>();
    for (String jarPath : sparkJars()) {
      if (jarPath.endsWith(".jar")) {
        try (JarFile jar = new JarFile(jarPath)) {
          jar.stream()
              .filter(e -> !e.isDirectory() && !e.getName().startsWith("META-INF/"))
              .forEach(e -> sparkEntries.add(e.getName()));
        }
      }
    }
    List<String> clashes =
        bundled.stream()
            .filter(n -> !n.startsWith("META-INF/") && sparkEntries.contains(n))
            .collect(Collectors.toList());
    assertEquals(List.of(), clashes, "classes and resources that Spark's own jars also hold");
    assertFalse(sparkEntries.isEmpty(), "Spark's jars were read");
  }

  /** The arrow-c-data jar the connector is built with: on this test's class path. */
  private static Path arrowCDataJar() {
    return List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
        .map(Paths::get)
        .filter(p -> p.getFileName().toString().matches("arrow-c-data-[0-9.]+\\.jar"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("arrow-c-data is not on the test class path"));
  }

  /** The version in the file name of the jar of {@code jars} named {@code prefix}VERSION.jar. */
  private static String jarVersion(List<String> jars, String prefix) {
    return jars.stream()
        .map(j -> Paths.get(j).getFileName().toString())
        .filter(n -> n.startsWith(prefix) && n.endsWith(".jar"))
        .map(n -> n.substring(prefix.length(), n.length() - ".jar".length()))
        .filter(v -> v.matches("[0-9.]+"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix + "*.jar among Spark's jars"));
  }

  /** Spark's own jars for this build's line: the build lists them in vellum.sparkClasspath. */
  private static List<String> sparkJars() throws IOException {
    String listing = System.getProperty("vellum.sparkClasspath");
    assertNotNull(listing, "the build sets vellum.sparkClasspath");
    List<String> jars =
        List.of(Files.readString(Paths.get(listing)).trim().split(File.pathSeparator));
    assertTrue(
        jars.stream().anyMatch(j -> Paths.get(j).getFileName().toString().startsWith("spark-sql_")),
        "spark-sql is listed: " + listing);
    assertTrue(
        jars.stream().noneMatch(j -> Paths.get(j).getFileName().toString().startsWith("vellum-")),
        "no Vellum jar is listed: " + listing);
    return jars;
  }
}
