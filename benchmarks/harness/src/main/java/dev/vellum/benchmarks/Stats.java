package dev.vellum.benchmarks;

import java.util.Arrays;
import java.util.List;

/** The report's order statistics. */
final class Stats {
  private Stats() {}

  /** The median (the mean of the two middle values for an even count); NaN when empty. */
  static double median(List<Double> values) {
    return percentile(values, 50);
  }

  /**
   * The {@code p}-th percentile with linear interpolation between closest ranks (the method of
   * NumPy's default): rank {@code p/100 * (n-1)} in the sorted values. NaN when empty.
   */
  static double percentile(List<Double> values, double p) {
    if (p < 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be within [0, 100]: " + p);
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(sorted);
    double rank = p / 100.0 * (sorted.length - 1);
    int low = (int) Math.floor(rank);
    int high = (int) Math.ceil(rank);
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
  }

  /** The smallest value; NaN when empty. */
  static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  /** The largest value; NaN when empty. */
  static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
