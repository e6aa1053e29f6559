package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An executor JVM killed by its PID in the middle of a job: the job finishes on the executors that
 * are left (and the one the worker starts again), and every input file is in the written output
 * exactly once, none lost, none doubled. The documents pass through a slow user post-processor
 * ({@code PausingPostProcessor}, from the test plugins jar) so the kill lands while tasks are in
 * the middle of their batches.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ExecutorKillIT {
  private static final String PAUSING = "dev.vellum.testplugins.PausingPostProcessor";

  private static StandaloneCluster cluster;
  private static SparkSession spark;

  /** What the driver's scheduler says about tasks and executors. */
  private static final class SchedulerEvents extends SparkListener {
    final Map<Long, String> running = new ConcurrentHashMap<>();
    final Map<Long, Long> startedAt = new ConcurrentHashMap<>();
    final AtomicInteger succeeded = new AtomicInteger();
    final AtomicInteger lostWithExecutor = new AtomicInteger();
    final Set<String> removed = ConcurrentHashMap.newKeySet();

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
      running.put(start.taskInfo().taskId(), start.taskInfo().executorId());
      startedAt.put(start.taskInfo().taskId(), System.nanoTime());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      running.remove(end.taskInfo().taskId());
      if (end.reason() == Success$.MODULE$) {
        succeeded.incrementAndGet();
      } else if (end.reason() instanceof ExecutorLostFailure) {
        lostWithExecutor.incrementAndGet();
      }
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved executorRemoved) {
      removed.add(executorRemoved.executorId());
    }

    /**
     * An executor with a task that started between {@code fromMillis} and {@code toMillis} ago, if
     * any: each task holds its one document {@code PausingPostProcessor.PAUSE_MILLIS} (400 ms), so
     * such a task is still in the middle of its batch when the executor is killed right after.
     */
    Optional<String> busyExecutor(long fromMillis, long toMillis) {
      long now = System.nanoTime();
      return running.entrySet().stream()
          .filter(
              t -> {
                long ran = now - startedAt.get(t.getKey());
                return ran >= TimeUnit.MILLISECONDS.toNanos(fromMillis)
                    && ran <= TimeUnit.MILLISECONDS.toNanos(toMillis);
              })
          .map(Map.Entry::getValue)
          .findFirst();
    }
  }

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = StandaloneCluster.start(2);
    spark = cluster.session("vellum-executor-kill-it", Map.of());
  }

  @AfterAll
  static void stopCluster() throws IOException {
    try {
      if (spark != null) {
        spark.stop();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  void killingAnExecutorMidJobLosesAndDoublesNoFile() throws Exception {
    SchedulerEvents events = new SchedulerEvents();
    spark.sparkContext().addSparkListener(events);
    try {
      Path input = TestSpark.corpus("jsontestsuite");
      List<String> expected;
      try (Stream<Path> files = Files.list(input)) {
        expected =
            files.map(p -> p.toUri().toString().replace("file:///", "file:/")).sorted().toList();
      }
      Path output = cluster.home().resolve("output");
      int partitions =
          spark.read().format("vellum").load(input.toString()).rdd().getNumPartitions();
      assertEquals(expected.size(), partitions, "one file per partition, one task per file");

      CompletableFuture<Void> job =
          CompletableFuture.runAsync(
              () ->
                  spark
                      .read()
                      .format("vellum")
                      .option("postprocessors", PAUSING)
                      .option("batchSize", "1")
                      .load(input.toString())
                      .select("path", "mime_type", "content", "error")
                      .write()
                      .json(output.toString()));

      String victim = awaitBusyExecutor(events, job);
      int doneAtKill = events.succeeded.get();
      ProcessHandle executor =
          cluster
              .executorProcess(victim)
              .orElseThrow(() -> new AssertionError("no JVM found for executor " + victim));
      assertTrue(executor.pid() != ProcessHandle.current().pid());
      assertTrue(executor.destroyForcibly(), "SIGKILL sent to executor " + victim);
      executor.onExit().get(30, TimeUnit.SECONDS);
      assertTrue(doneAtKill < partitions, "the kill came before the job's last task");

      job.get(5, TimeUnit.MINUTES);
      assertFalse(executor.isAlive());
      awaitTrue(() -> events.removed.contains(victim), "the driver removed executor " + victim);
      assertTrue(
          events.lostWithExecutor.get() >= 1,
          "a task was running on the killed executor and failed with it");

      // Read back in a few partitions: the session splits files into one-byte partitions.
      spark.conf().set("spark.sql.files.maxPartitionBytes", "128m");
      List<Row> written =
          spark.read().schema("path string").json(output.toString()).collectAsList();
      Map<String, Long> timesWritten =
          written.stream()
              .collect(
                  Collectors.groupingBy(r -> r.getString(0), TreeMap::new, Collectors.counting()));
      assertEquals(expected, List.copyOf(timesWritten.keySet()), "every file, no other");
      assertEquals(
          Map.of(),
          timesWritten.entrySet().stream()
              .filter(e -> e.getValue() != 1)
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
          "files written more than once");
      assertEquals(expected.size(), written.size());
    } catch (Throwable e) {
      cluster.dumpLogs();
      throw e;
    } finally {
      spark.sparkContext().removeSparkListener(events);
    }
  }

  /**
   * The executor of a task that has been running for a while, once a few tasks have finished: the
   * job is under way on the executors and that task is in the middle of its document.
   */
  private static String awaitBusyExecutor(SchedulerEvents events, CompletableFuture<Void> job)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (job.isDone()) {
        throw new AssertionError("the job ended before an executor was killed: " + job);
      }
      if (events.succeeded.get() >= 4) {
        Optional<String> busy = events.busyExecutor(50, 200);
        if (busy.isPresent()) {
          return busy.get();
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no executor was busy with a task within 3 minutes");
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 60 s: " + what);
      }
      Thread.sleep(100);
    }
  }
}
