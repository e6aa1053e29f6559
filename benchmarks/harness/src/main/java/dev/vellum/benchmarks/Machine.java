package dev.vellum.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine description of the report: cores, memory, OS, JDK. */
final class Machine {
  /** Spark's module options on Java 17 (the parent pom's {@code vellum.jvm.opens}). */
  static final String[] SPARK_OPENS = {
    "-XX:+IgnoreUnrecognizedVMOptions",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
    "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
    "-Djdk.reflect.useDirectMethodHandle=false",
    "-Dio.netty.tryReflectionSetAccessible=true"
  };

  private Machine() {}

  static Map<String, String> describe() {
    Map<String, String> machine = new LinkedHashMap<>();
    machine.put("cpu", field(Path.of("/proc/cpuinfo"), "model name"));
    machine.put(
        "cores (available to the JVM)",
        Integer.toString(Runtime.getRuntime().availableProcessors()));
    String memory = field(Path.of("/proc/meminfo"), "MemTotal");
    machine.put("memory", memory.isEmpty() ? "?" : memory);
    machine.put("os", osName());
    machine.put("kernel", System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    machine.put(
        "jdk",
        System.getProperty("java.vm.name")
            + " "
            + Runtime.version()
            + " ("
            + System.getProperty("java.vendor")
            + ")");
    return machine;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  private static String osName() {
    String pretty = field(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", "");
    return pretty.isEmpty() ? System.getProperty("os.name") : pretty;
  }

  private static String field(Path file, String name) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int sep = line.indexOf(line.contains("=") && !line.contains(":") ? '=' : ':');
        if (sep > 0 && line.substring(0, sep).trim().equals(name)) {
          return line.substring(sep + 1).trim();
        }
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }
}
