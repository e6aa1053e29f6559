package dev.vellum;

import java.util.Map;

/**
 * Where a {@link PostProcessor} or {@link Validator} runs: the Spark partition and task attempt
 * (both 0 outside Spark) and the reader options it was configured with (passwords removed).
 */
public record PartitionContext(int partitionId, long taskAttemptId, Map<String, String> options) {
  public PartitionContext {
    options = Map.copyOf(options);
  }
}
