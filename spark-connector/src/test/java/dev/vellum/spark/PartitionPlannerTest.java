package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionPlannerTest {
  private static ListedFile file(String name, long length, String... hosts) {
    return new ListedFile("file:/data/" + name, length, 0, List.of(hosts));
  }

  private static List<List<String>> names(List<VellumInputPartition> partitions) {
    return partitions.stream()
        .map(p -> p.files().stream().map(f -> f.path().substring("file:/data/".length())).toList())
        .toList();
  }

  @Test
  void splitSizeIsTheMaximumPartitionBytesWhenThereIsMuchData() {
    var planner = new PartitionPlanner(100, 10, 2);
    assertEquals(100, planner.maxSplitBytes(List.of(file("a", 1000))));
  }

  @Test
  void splitSizeIsTheOpenCostWhenThereIsLittleData() {
    var planner = new PartitionPlanner(100, 10, 8);
    assertEquals(10, planner.maxSplitBytes(List.of(file("a", 5))));
  }

  @Test
  void splitSizeSpreadsTheBytesAndOpenCostsOverTheMinimumPartitionNumber() {
    var planner = new PartitionPlanner(1000, 10, 4);
    // (90 + 10) * 2 files = 200 bytes over 4 partitions.
    assertEquals(50, planner.maxSplitBytes(List.of(file("a", 90), file("b", 90))));
  }

  @Test
  void filesArePackedLargestFirstAndEachOpeningCostsTheOpenCost() {
    var planner = new PartitionPlanner(100, 10, 1);
    var partitions =
        planner.plan(
            List.of(file("s", 5), file("l", 70), file("m", 30), file("t", 1), file("xl", 95)));
    assertEquals(List.of(List.of("xl"), List.of("l"), List.of("m", "s", "t")), names(partitions));
    assertEquals(List.of(0, 1, 2), partitions.stream().map(VellumInputPartition::index).toList());
    assertEquals(36, partitions.get(2).bytes());
  }

  @Test
  void aFileLargerThanTheSplitSizeIsNeverSplit() {
    var planner = new PartitionPlanner(10, 1, 1);
    var partitions = planner.plan(List.of(file("huge", 1000), file("small", 2)));
    assertEquals(List.of(List.of("huge"), List.of("small")), names(partitions));
  }

  @Test
  void manySmallFilesWithATinySplitSizeGiveOnePartitionEach() {
    var planner = new PartitionPlanner(1, 1, 2);
    var files = IntStream.range(0, 25).mapToObj(i -> file("f" + i, 10)).toList();
    assertEquals(25, planner.plan(files).size());
  }

  @Test
  void noFilesGiveNoPartitions() {
    assertEquals(List.of(), new PartitionPlanner(100, 10, 2).plan(List.of()));
  }

  @Test
  void preferredLocationsAreTheHostsHoldingTheMostBytes() {
    var planner = new PartitionPlanner(1000, 0, 1);
    var partitions =
        planner.plan(
            List.of(
                file("a", 100, "h1", "h2"),
                file("b", 50, "h2"),
                file("c", 10, "h3"),
                file("d", 5, "h4")));
    assertArrayEquals(new String[] {"h2", "h1", "h3"}, partitions.get(0).preferredLocations());
  }

  @Test
  void nonPositiveSettingsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new PartitionPlanner(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new PartitionPlanner(1, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> new PartitionPlanner(1, 1, 0));
  }
}
