package dev.vellum.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void medianOfAnOddCountIsTheMiddleValue() {
    assertEquals(3.0, Stats.median(List.of(5.0, 1.0, 3.0)));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)));
  }

  @Test
  void percentileInterpolatesBetweenClosestRanks() {
    List<Double> values = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0);
    assertEquals(2.0, Stats.percentile(values, 10), 1e-12);
    assertEquals(1.45, Stats.percentile(List.of(1.0, 2.0, 3.0, 4.0, 5.0), 11.25), 1e-12);
    assertEquals(1.0, Stats.percentile(values, 0));
    assertEquals(11.0, Stats.percentile(values, 100));
  }

  @Test
  void emptyValuesGiveNan() {
    assertTrue(Double.isNaN(Stats.median(List.of())));
    assertTrue(Double.isNaN(Stats.min(List.of())));
    assertTrue(Double.isNaN(Stats.max(List.of())));
  }

  @Test
  void minAndMaxAreTheExtremes() {
    assertEquals(0.5, Stats.min(List.of(2.0, 0.5, 9.0)));
    assertEquals(9.0, Stats.max(List.of(2.0, 0.5, 9.0)));
  }

  @Test
  void percentileOutsideZeroToHundredIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Stats.percentile(List.of(1.0), 101));
  }
}
