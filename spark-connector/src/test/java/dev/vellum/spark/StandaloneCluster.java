package dev.vellum.spark;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * A real standalone Spark cluster on 127.0.0.1 for integration tests: a master and workers, each
 * its own JVM started here from this build's Spark jars (the test class path, without Vellum), each
 * worker with one core, so every executor is a separate JVM that a worker starts. {@link #close()}
 * stops the processes it started, by their handles, and deletes the cluster's folder.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final String EXECUTOR_MAIN =
      "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  private final Path home;
  private final List<Process> processes = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private final String masterUrl;
  private final int masterUiPort;

  private StandaloneCluster(Path home, int masterPort, int masterUiPort) {
    this.home = home;
    this.masterUrl = "spark://127.0.0.1:" + masterPort;
    this.masterUiPort = masterUiPort;
  }

  /** Starts a master and {@code workerCount} one-core workers and waits until all registered. */
  static StandaloneCluster start(int workerCount) throws Exception {
    Path home = Files.createTempDirectory("vellum-spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
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
    StandaloneCluster cluster = new StandaloneCluster(home, freePort(), freePort());
    try {
      cluster.launch(
          "master",
          "org.apache.spark.deploy.master.Master",
          "--host",
          "127.0.0.1",
          "--port",
          cluster.masterUrl.substring(cluster.masterUrl.lastIndexOf(':') + 1),
          "--webui-port",
          Integer.toString(cluster.masterUiPort));
      for (int i = 1; i <= workerCount; i++) {
        cluster.workers.add(
            cluster.launch(
                "worker-" + i,
                "org.apache.spark.deploy.worker.Worker",
                cluster.masterUrl,
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                "1g",
                "--webui-port",
                Integer.toString(freePort()),
                "--work-dir",
                home.resolve("work-" + i).toString()));
      }
      cluster.awaitAliveWorkers(workerCount);
      return cluster;
    } catch (Throwable e) {
      cluster.dumpLogs();
      cluster.close();
      throw e;
    }
  }

  /**
   * A driver session in this JVM on the cluster: one core and 512 MB per executor, the shaded
   * connector jar and the test plugins shipped with {@code spark.jars}, every file its own
   * partition, and {@code settings} on top.
   */
  SparkSession session(String appName, Map<String, String> settings) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .master(masterUrl)
            .appName(appName)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.executor.memory", "512m")
            .config("spark.executor.cores", "1")
            .config("spark.cores.max", Integer.toString(workers.size()))
            .config("spark.executor.extraJavaOptions", jvmOpens())
            .config(
                "spark.jars",
                System.getProperty("vellum.connectorJar")
                    + ","
                    + System.getProperty("vellum.testPluginsJar"))
            .config("spark.sql.files.maxPartitionBytes", "1")
            .config("spark.sql.files.openCostInBytes", "1");
    settings.forEach(builder::config);
    return builder.getOrCreate();
  }

  /** The cluster's folder: the Spark home of its processes, with room for test files. */
  Path home() {
    return home;
  }

  /**
   * The executor JVM that a worker started for executor {@code executorId}, found among the
   * workers' child processes by the executor's command line.
   */
  Optional<ProcessHandle> executorProcess(String executorId) {
    return workers.stream()
        .flatMap(Process::children)
        .filter(
            child -> {
              List<String> arguments =
                  Arrays.asList(child.info().arguments().orElse(new String[0]));
              int id = arguments.indexOf("--executor-id");
              return arguments.contains(EXECUTOR_MAIN)
                  && id >= 0
                  && id + 1 < arguments.size()
                  && arguments.get(id + 1).equals(executorId);
            })
        .findFirst();
  }

  /** Prints the master's, the workers' and the executors' logs to stderr. */
  void dumpLogs() {
    List<Path> all = new ArrayList<>(logs);
    try (Stream<Path> files = Files.walk(home)) {
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

  /** Stops the processes started here, the last first, and deletes the cluster's folder. */
  @Override
  public void close() throws IOException {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(home)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private Process launch(String name, String mainClass, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(Arrays.asList(jvmOpens().split("\\s+")));
    command.add("-cp");
    command.add(home.resolve("jars") + File.separator + "*");
    command.add(mainClass);
    command.addAll(Arrays.asList(arguments));
    Path log = home.resolve(name + ".log");
    logs.add(log);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", scalaBinaryVersion());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  /** The Scala line of this build's Spark jars, such as {@code 2.13}. */
  private static String scalaBinaryVersion() {
    String version = scala.util.Properties.versionNumberString();
    return version.substring(0, version.lastIndexOf('.'));
  }

  private void awaitAliveWorkers(int wanted) throws Exception {
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

  /** Spark's module options for Java 17, as the build passes them ({@code vellum.jvmOpens}). */
  static String jvmOpens() {
    String opens = System.getProperty("vellum.jvmOpens", "");
    if (opens.isBlank()) {
      throw new IllegalStateException(
          "the build sets vellum.jvmOpens (run the cluster tests with mvn verify)");
    }
    return opens.trim();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
