package dev.vellum.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The orchestrator's side of one worker process (JVM or Python), restartable after a crash. */
final class WorkerProcess implements AutoCloseable {
  private static final String EOF = "\u0000EOF";

  private final String engine;
  private final List<String> command;
  private final Path log;
  private Process process;
  private Writer stdin;
  private BlockingQueue<String> lines;
  private String version;
  private int starts;
  private long peakHwmKb = -1;
  private long peakOutsideHeapKb = -1;
  private long peakHeapKb = -1;

  WorkerProcess(String engine, List<String> command, Path log) {
    this.engine = engine;
    this.command = List.copyOf(command);
    this.log = log;
  }

  String engine() {
    return engine;
  }

  String version() {
    return version;
  }

  /** How many times the process was started (1 + restarts). */
  int starts() {
    return starts;
  }

  long peakHwmKb() {
    return peakHwmKb;
  }

  long peakOutsideHeapKb() {
    return peakOutsideHeapKb;
  }

  long peakHeapKb() {
    return peakHeapKb;
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** Starts the process and waits for its READY line. */
  void start(long readyTimeoutMillis) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectError(Redirect.appendTo(log.toFile()));
    process = builder.start();
    starts++;
    stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    lines = queue;
    Process started = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  queue.add(line);
                }
              } catch (IOException e) {
                // the process died: EOF below
              }
              queue.add(EOF);
            },
            "worker-" + engine);
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(readyTimeoutMillis);
    while (true) {
      String line = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(EOF)) {
        kill();
        throw new IOException(
            engine
                + " worker did not start ("
                + (line == null ? "no READY" : "exited")
                + "); see "
                + log);
      }
      if (line.startsWith("READY\t")) {
        version = line.substring(6);
        return;
      }
    }
  }

  /** What one RUN command came to. */
  record Segment(
      long wallNanos,
      boolean tainted,
      boolean crashed,
      String why,
      Map<Integer, FileResult> results,
      Set<Integer> inFlight) {}

  /** One file's result in one pass. */
  record FileResult(String status, long nanos, long chars, String mimeType, String message) {}

  /**
   * Runs one list. Returns when the worker says DONE, dies (crashed), or says nothing for {@code
   * idleMillis} (hung: killed, counted as crashed).
   */
  Segment run(Path listFile, int threads, Path textDir, long idleMillis)
      throws IOException, InterruptedException {
    Map<Integer, FileResult> results = new HashMap<>();
    Set<Integer> inFlight = new LinkedHashSet<>();
    long begin = System.nanoTime();
    send("RUN\t" + listFile + "\t" + threads + "\t" + (textDir == null ? "-" : textDir.toString()));
    while (true) {
      String line = lines.poll(idleMillis, TimeUnit.MILLISECONDS);
      if (line == null || line.equals(EOF)) {
        long wall = System.nanoTime() - begin;
        String why =
            line == null ? "hung (no output for " + idleMillis + " ms), killed" : exitReason();
        kill();
        return new Segment(wall, true, true, why, results, inFlight);
      }
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "S" -> inFlight.add(Integer.parseInt(f[1]));
        case "F" -> {
          int index = Integer.parseInt(f[1]);
          inFlight.remove(index);
          results.put(
              index,
              new FileResult(
                  f[2],
                  Long.parseLong(f[3]),
                  Long.parseLong(f[4]),
                  f.length > 5 ? f[5] : "",
                  f.length > 6 ? f[6] : ""));
        }
        case "DONE" -> {
          return new Segment(
              Long.parseLong(f[1]), f[2].equals("1"), false, null, results, inFlight);
        }
        default -> {
          // a stray line (a library printing to stdout): ignored
        }
      }
    }
  }

  private String exitReason() throws InterruptedException {
    if (process.waitFor(5, TimeUnit.SECONDS)) {
      int code = process.exitValue();
      return "worker exited with status "
          + code
          + (code > 128 ? " (signal " + (code - 128) + ")" : "");
    }
    return "worker closed its output";
  }

  /** Asks for the memory figures and keeps the peaks over every start. */
  void sampleMemory() throws IOException, InterruptedException {
    if (!alive()) {
      return;
    }
    send("MEM");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line == null) {
        continue;
      }
      if (line.equals(EOF)) {
        return;
      }
      if (line.startsWith("MEM\t")) {
        String[] f = line.split("\t", -1);
        peakHwmKb = Math.max(peakHwmKb, Long.parseLong(f[1]));
        peakOutsideHeapKb = Math.max(peakOutsideHeapKb, Long.parseLong(f[2]));
        peakHeapKb = Math.max(peakHeapKb, Long.parseLong(f[3]));
        return;
      }
    }
  }

  private void send(String line) throws IOException {
    stdin.write(line);
    stdin.write('\n');
    stdin.flush();
  }

  void kill() {
    if (process != null) {
      // The worker's own peak, read from outside: a hung worker cannot answer MEM.
      try {
        for (String line :
            java.nio.file.Files.readAllLines(
                Path.of("/proc/" + process.pid() + "/status"), StandardCharsets.UTF_8)) {
          if (line.startsWith("VmHWM:")) {
            long kb = Long.parseLong(line.substring(6).replace("kB", "").trim());
            peakHwmKb = Math.max(peakHwmKb, kb);
          }
        }
      } catch (IOException | RuntimeException e) {
        // already gone: its last MEM answer stands
      }
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    if (alive()) {
      try {
        send("QUIT");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          kill();
        }
      } catch (IOException e) {
        kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
      }
    }
  }
}
