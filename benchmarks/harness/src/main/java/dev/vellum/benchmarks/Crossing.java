package dev.vellum.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link CrossingBenchmark} through JMH's API (one fork) for the report. */
final class Crossing {
  private Crossing() {}

  static List<Results.JmhRow> run(Path log) {
    List<Results.JmhRow> rows = new ArrayList<>();
    try {
      Collection<RunResult> results =
          new Runner(
                  new OptionsBuilder()
                      .include(CrossingBenchmark.class.getName() + ".")
                      .output(log.toString())
                      .build())
              .run();
      for (RunResult result : results) {
        int batchSize = Integer.parseInt(result.getParams().getParam("batchSize"));
        rows.add(
            new Results.JmhRow(
                batchSize,
                result.getPrimaryResult().getScore(),
                result.getPrimaryResult().getScoreError()));
      }
    } catch (RunnerException | RuntimeException e) {
      Run.log("jmh failed: %s (see %s)", e, log);
    }
    rows.sort((a, b) -> Integer.compare(a.batchSize(), b.batchSize()));
    return rows;
  }
}
