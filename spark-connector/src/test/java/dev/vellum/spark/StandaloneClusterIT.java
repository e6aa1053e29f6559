package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real standalone cluster (a master and two workers on 127.0.0.1, each executor its own JVM)
 * reading documents with the shaded connector jar and a user's post-processor and validator from a
 * separate jar, both shipped with {@code spark.jars}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class StandaloneClusterIT {
  private static final String WORD_COUNT = "dev.vellum.testplugins.WordCountPostProcessor";
  private static final String NON_EMPTY = "dev.vellum.testplugins.NonEmptyContentValidator";
  private static final String REJECTION = "the document has no text content";
  private static final Duration STARTUP = Duration.ofSeconds(90);

  private static Path sparkHome;
  private static final List<Process> processes = new ArrayList<>();
  private static final List<Path> logs = new ArrayList<>();
  private static String masterUrl;
  private static int masterUiPort;
  private static SparkSession spark;

  @BeforeAll
  static void startCluster() throws Exception {
    sparkHome = Files.createTempDirectory("vellum-spark-home");
    Path jars = Files.createDirectories(sparkHome.resolve("jars"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path jar = Paths.get(entry);
      String name = jar.getFileName().toString();
      if (name.endsWith(".jar") && !name.startsWith("vellum-") && !entry.contains("/dev/vellum/")) {
        Path link = jars.resolve(name);
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, jar.toAbsolutePath());
        }
      }
    }
    try {
      int masterPort = freePort();
      masterUiPort = freePort();
      masterUrl = "spark://127.0.0.1:" + masterPort;
      start(
          "master",
          "org.apache.spark.deploy.master.Master",
          "--host",
          "127.0.0.1",
          "--port",
          Integer.toString(masterPort),
          "--webui-port",
          Integer.toString(masterUiPort));
      for (int i = 1; i <= 2; i++) {
        start(
            "worker-" + i,
            "org.apache.spark.deploy.worker.Worker",
            masterUrl,
            "--host",
            "127.0.0.1",
            "--cores",
            "1",
            "--memory",
            "1g",
            "--webui-port",
            Integer.toString(freePort()),
            "--work-dir",
            sparkHome.resolve("work-" + i).toString());
      }
      awaitAliveWorkers(2);
      spark =
          SparkSession.builder()
              .master(masterUrl)
              .appName("vellum-standalone-cluster-it")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.ui.enabled", "false")
              .config("spark.executor.memory", "512m")
              .config("spark.executor.cores", "1")
              .config("spark.cores.max", "2")
              .config("spark.executor.extraJavaOptions", jvmOpens())
              .config(
                  "spark.jars",
                  System.getProperty("vellum.connectorJar")
                      + ","
                      + System.getProperty("vellum.testPluginsJar"))
              .config("spark.sql.files.maxPartitionBytes", "1")
              .config("spark.sql.files.openCostInBytes", "1")
              .getOrCreate();
    } catch (Throwable e) {
      dumpLogs();
      throw e;
    }
  }

  @AfterAll
  static void stopCluster() throws IOException, InterruptedException {
    try {
      if (spark != null) {
        spark.stop();
      }
    } finally {
      for (int i = processes.size() - 1; i >= 0; i--) {
        Process process = processes.get(i);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      try (Stream<Path> files = Files.walk(sparkHome)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  @Test
  void twoExecutorsReadEveryFileOnceWithTheUsersPostProcessorAndValidator() throws Exception {
    try {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(WORD_COUNT));
      Path blank = Files.createTempFile(sparkHome, "blank", ".txt");
      Files.writeString(blank, "   \n\n  ");
      Path jsonSuite = TestSpark.corpus("jsontestsuite");
      Dataset<Row> documents =
          spark
              .read()
              .format("vellum")
              .option("postprocessors", WORD_COUNT)
              .option("validators", NON_EMPTY)
              .load(jsonSuite.toString(), blank.toString())
              .select("path", "metadata", "error");
      int partitions = documents.rdd().getNumPartitions();
      assertTrue(partitions >= 20, partitions + " partitions");

      List<Row> rows = documents.collectAsList();
      List<String> expected;
      try (Stream<Path> files = Files.list(jsonSuite)) {
        expected =
            Stream.concat(files, Stream.of(blank))
                .map(p -> p.toUri().toString().replace("file:///", "file:/"))
                .sorted()
                .toList();
      }
      assertEquals(expected, rows.stream().map(r -> r.getString(0)).sorted().toList());

      for (Row row : rows) {
        String path = row.getString(0);
        Row error = row.getStruct(2);
        if (path.equals(expected.stream().filter(p -> p.contains("blank")).findFirst().get())) {
          assertEquals("validation", error.getString(0));
          assertEquals(REJECTION, error.getString(1));
        } else if (path.contains("/n_")) {
          assertEquals("parse", error.getString(0), path);
        } else if (error == null) {
          Map<String, String> extra = row.getStruct(1).getJavaMap(11);
          assertNotNull(extra.get("word_count"), path);
        } else {
          assertEquals("validation", error.getString(0), path);
          assertEquals(REJECTION, error.getString(1), path);
        }
      }
      assertNull(
          rows.stream()
              .filter(r -> r.getStruct(2) == null && r.getStruct(1).getJavaMap(11).isEmpty())
              .findFirst()
              .orElse(null));

      List<Row> initializations =
          spark
              .range(0, 400, 1, 40)
              .selectExpr(
                  "reflect('java.lang.ProcessHandle', 'current') AS pid",
                  "reflect('dev.vellum.bridge.NativeLibrary', 'initializationCount') AS count")
              .distinct()
              .collectAsList();
      Map<String, List<String>> countsByPid =
          initializations.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.getString(0),
                      Collectors.mapping(r -> r.getString(1), Collectors.toList())));
      assertEquals(2, countsByPid.size(), "executor JVMs: " + countsByPid);
      countsByPid.forEach((pid, counts) -> assertEquals(List.of("1"), counts, "JVM " + pid));
      assertTrue(
          countsByPid.keySet().stream()
              .noneMatch(pid -> pid.equals(Long.toString(ProcessHandle.current().pid()))));
    } catch (Throwable e) {
      dumpLogs();
      throw e;
    }
  }

  private static void start(String name, String mainClass, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(Arrays.asList(jvmOpens().split("\\s+")));
    command.add("-cp");
    command.add(sparkHome.resolve("jars") + File.separator + "*");
    command.add(mainClass);
    command.addAll(Arrays.asList(arguments));
    Path log = sparkHome.resolve(name + ".log");
    logs.add(log);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    processes.add(builder.start());
  }

  private static void awaitAliveWorkers(int wanted) throws Exception {
    Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    long deadline = System.nanoTime() + STARTUP.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new IllegalStateException("a cluster process exited: " + process.exitValue());
        }
      }
      try (InputStream in =
          URI.create("http://127.0.0.1:" + masterUiPort + "/json/").toURL().openStream()) {
        last = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Matcher matcher = alive.matcher(last);
        if (matcher.find() && Integer.parseInt(matcher.group(1)) >= wanted) {
          return;
        }
      } catch (IOException notYet) {
        // the master's web UI is not up yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "the workers did not register within " + STARTUP + "; master state: " + last);
  }

  private static String jvmOpens() {
    String opens = System.getProperty("vellum.jvmOpens", "");
    return opens.isBlank()
        ? "-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED"
            + " --add-opens=java.base/java.lang.invoke=ALL-UNNAMED"
            + " --add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
            + " --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED"
            + " --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
            + " --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
            + " --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"
            + " --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED"
            + " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
            + " --add-opens=java.base/sun.nio.cs=ALL-UNNAMED"
            + " --add-opens=java.base/sun.security.action=ALL-UNNAMED"
            + " --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
            + " -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
        : opens.trim();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void dumpLogs() {
    List<Path> all = new ArrayList<>(logs);
    try (Stream<Path> files = Files.walk(sparkHome)) {
      files.filter(p -> p.getFileName().toString().equals("stderr")).forEach(all::add);
    } catch (IOException e) {
      System.err.println("cannot list executor logs: " + e);
    }
    for (Path log : all) {
      try {
        System.err.println("===== " + log + " =====");
        System.err.println(Files.readString(log, StandardCharsets.UTF_8));
      } catch (IOException e) {
        System.err.println("cannot read " + log + ": " + e);
      }
    }
  }
}
