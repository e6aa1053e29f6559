package dev.vellum.benchmarks;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker process: runs one engine over the file lists the orchestrator sends, with N threads and
 * a per-file timeout, and reports each file and the pass's wall time on standard output.
 *
 * <p>Protocol (tab-separated lines). In: {@code RUN listFile threads textDir|-}, {@code MEM},
 * {@code QUIT}. Out: {@code READY version}, then per file {@code S index} when it starts and {@code
 * F index status nanos chars mime message} when it ends (status {@code ok}, {@code error}, {@code
 * timeout}), {@code DONE wallNanos tainted} after a pass, {@code MEM vmHwmKb outsideHeapKb heapKb}.
 * A list file holds {@code index TAB path} lines. A file that runs past the timeout is reported as
 * timed out and its thread abandoned (interrupted, replaced); a pass that leaves such a thread
 * running, or hits an {@link Error}, is "tainted": the orchestrator restarts the worker.
 */
public final class Worker {
  private final Engine engine;
  private final long timeoutNanos;
  private final PrintStream out;
  private final MemorySampler memory = new MemorySampler();

  private Worker(Engine engine, long timeoutNanos, PrintStream out) {
    this.engine = engine;
    this.timeoutNanos = timeoutNanos;
    this.out = out;
  }

  /** {@code Worker ENGINE TIMEOUT_MILLIS}. */
  public static void main(String[] args) throws IOException {
    PrintStream protocol =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err); // libraries that print must not corrupt the protocol
    long timeoutMillis = Long.parseLong(args[1]);
    Engine engine = Engine.open(args[0], timeoutMillis);
    Worker worker = new Worker(engine, timeoutMillis * 1_000_000L, protocol);
    worker.memory.start();
    worker.send("READY\t" + clean(engine.version()));
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] command = line.split("\t", -1);
      switch (command[0]) {
        case "RUN" ->
            worker.run(
                Path.of(command[1]),
                Integer.parseInt(command[2]),
                command[3].equals("-") ? null : Path.of(command[3]));
        case "MEM" -> worker.send(worker.memory.report());
        case "QUIT" -> {
          engine.close();
          protocol.flush();
          System.exit(0);
        }
        default -> worker.send("ERR\tunknown command " + clean(command[0]));
      }
    }
    System.exit(0);
  }

  private synchronized void send(String line) {
    out.print(line);
    out.print('\n');
    out.flush();
  }

  private void run(Path listFile, int threads, Path textDir) throws IOException {
    List<Integer> indexes = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (String line : Files.readAllLines(listFile, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        indexes.add(Integer.parseInt(line.substring(0, tab)));
        files.add(Path.of(line.substring(tab + 1)));
      }
    }
    Pass pass = new Pass(indexes, files, textDir, threads);
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      pass.startSlot();
    }
    boolean tainted = pass.await();
    long wall = pass.lastEnd.get() - start;
    if (textDir != null) {
      Files.createDirectories(textDir);
      for (var entry : pass.texts.entrySet()) {
        // getBytes replaces what UTF-8 cannot encode (lone surrogates) instead of throwing
        Files.write(
            textDir.resolve(entry.getKey() + ".txt"),
            entry.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    send("DONE\t" + Math.max(0, wall) + "\t" + (tainted || pass.error.get() ? 1 : 0));
  }

  /** One pass over a list: slots (threads) take files in order; a watchdog enforces the timeout. */
  private final class Pass {
    final List<Integer> indexes;
    final List<Path> files;
    final Path textDir;
    final int batch;
    final AtomicInteger next = new AtomicInteger();
    final AtomicLong lastEnd = new AtomicLong(System.nanoTime());
    final AtomicBoolean error = new AtomicBoolean();
    final ConcurrentHashMap<Integer, String> texts = new ConcurrentHashMap<>();
    final List<Slot> slots = new ArrayList<>();

    Pass(List<Integer> indexes, List<Path> files, Path textDir, int threads) {
      // Batches no larger than a fair share, so that every thread gets work.
      int share = (files.size() + threads - 1) / Math.max(1, threads);
      this.batch = Math.max(1, Math.min(engine.batchSize(), share));
      this.indexes = indexes;
      this.files = files;
      this.textDir = textDir;
    }

    synchronized void startSlot() {
      Slot slot = new Slot(this);
      slots.add(slot);
      slot.thread.start();
    }

    /** Waits for every live slot; true when an abandoned thread is still running. */
    boolean await() {
      while (true) {
        List<Slot> current;
        synchronized (this) {
          current = List.copyOf(slots);
        }
        boolean running = false;
        long now = System.nanoTime();
        for (Slot slot : current) {
          if (slot.abandoned || !slot.thread.isAlive()) {
            continue;
          }
          running = true;
          long started = slot.startedAt;
          int position = slot.position;
          int span = slot.span;
          if (position >= 0 && started != 0 && now - started > timeoutNanos * span) {
            if (slot.abandon(position)) {
              for (int k = position; k < position + span; k++) {
                send(
                    "F\t"
                        + indexes.get(k)
                        + "\ttimeout\t"
                        + (now - started)
                        + "\t0\t\tno result after "
                        + timeoutNanos / 1_000_000 * span
                        + " ms"
                        + (span > 1 ? " (a batch of " + span + " files)" : ""));
              }
              lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
              slot.thread.interrupt();
              startSlot();
            }
          }
        }
        if (!running) {
          break;
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      synchronized (this) {
        return slots.stream().anyMatch(s -> s.abandoned && s.thread.isAlive());
      }
    }
  }

  /** One extraction thread of a pass. */
  private final class Slot implements Runnable {
    final Pass pass;
    final Thread thread;
    volatile int position = -1;
    volatile int span = 1;
    volatile long startedAt;
    volatile boolean abandoned;

    Slot(Pass pass) {
      this.pass = pass;
      this.thread = new Thread(this, "bench-slot");
      thread.setDaemon(true);
    }

    /** Marks the slot abandoned if it is still on {@code at}; true if this call did it. */
    synchronized boolean abandon(int at) {
      if (abandoned || position != at) {
        return false;
      }
      abandoned = true;
      return true;
    }

    /** Publishes the end of a file unless the watchdog abandoned it first. */
    synchronized boolean finish() {
      if (abandoned) {
        return false;
      }
      position = -1;
      startedAt = 0;
      return true;
    }

    @Override
    public void run() {
      int batch = pass.batch;
      while (!abandoned) {
        int i = pass.next.getAndAdd(batch);
        if (i >= pass.files.size()) {
          return;
        }
        int end = Math.min(pass.files.size(), i + batch);
        synchronized (this) {
          startedAt = System.nanoTime();
          span = end - i;
          position = i;
        }
        for (int k = i; k < end; k++) {
          send("S\t" + pass.indexes.get(k));
        }
        long begin = System.nanoTime();
        List<Engine.Outcome> outcomes;
        try {
          outcomes =
              end - i == 1
                  ? List.of(engine.extract(pass.files.get(i)))
                  : engine.extractAll(pass.files.subList(i, end));
        } catch (RuntimeException e) {
          outcomes = java.util.Collections.nCopies(end - i, Engine.Outcome.failure(e));
        } catch (Error e) {
          outcomes = java.util.Collections.nCopies(end - i, Engine.Outcome.failure(e));
          pass.error.set(true);
        }
        long nanos = (System.nanoTime() - begin) / (end - i);
        if (!finish()) {
          return;
        }
        pass.lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
        for (int k = i; k < end; k++) {
          Engine.Outcome outcome = outcomes.get(k - i);
          int index = pass.indexes.get(k);
          int chars = outcome.text() == null ? 0 : outcome.text().length();
          if (outcome.ok() && pass.textDir != null) {
            pass.texts.put(index, outcome.text());
          }
          send(
              "F\t"
                  + index
                  + "\t"
                  + (outcome.ok() ? "ok" : "error")
                  + "\t"
                  + nanos
                  + "\t"
                  + chars
                  + "\t"
                  + clean(outcome.mimeType())
                  + "\t"
                  + clean(outcome.error()));
        }
      }
    }
  }

  /** Samples the resident set and the Java heap, so that the native share can be told apart. */
  private static final class MemorySampler implements Runnable {
    private final MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
    private volatile long peakOutsideHeapKb;
    private volatile long peakHeapKb;

    void start() {
      Thread thread = new Thread(this, "bench-memory");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void run() {
      while (true) {
        sample();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void sample() {
      long rssKb = ProcStatus.kilobytes("VmRSS");
      long heapCommittedKb = bean.getHeapMemoryUsage().getCommitted() / 1024;
      long heapUsedKb = bean.getHeapMemoryUsage().getUsed() / 1024;
      peakOutsideHeapKb = Math.max(peakOutsideHeapKb, rssKb - heapCommittedKb);
      peakHeapKb = Math.max(peakHeapKb, heapUsedKb);
    }

    String report() {
      sample();
      return "MEM\t" + ProcStatus.kilobytes("VmHWM") + "\t" + peakOutsideHeapKb + "\t" + peakHeapKb;
    }
  }

  /** A field of text for the protocol: no tabs or line breaks, at most 300 characters. */
  static String clean(String value) {
    if (value == null) {
      return "";
    }
    String flat = value.replaceAll("[\\t\\r\\n]+", " ");
    return flat.length() > 300 ? flat.substring(0, 300) : flat;
  }
}
