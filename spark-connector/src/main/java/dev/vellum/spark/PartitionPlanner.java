package dev.vellum.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs files into partitions by bytes, as Spark's file sources do ({@code FilePartition}): files
 * sorted by size, largest first, go into the current partition until it would exceed the split
 * size; each file also costs {@code openCostInBytes}; a file is never split.
 *
 * @param maxPartitionBytes {@code spark.sql.files.maxPartitionBytes}
 * @param openCostInBytes {@code spark.sql.files.openCostInBytes}
 * @param minPartitionNum {@code spark.sql.files.minPartitionNum}, or the default parallelism
 */
public record PartitionPlanner(long maxPartitionBytes, long openCostInBytes, int minPartitionNum) {
  private static final int MAX_PREFERRED_HOSTS = 3;

  public PartitionPlanner {
    if (maxPartitionBytes <= 0 || openCostInBytes < 0 || minPartitionNum <= 0) {
      throw new IllegalArgumentException(
          "maxPartitionBytes and minPartitionNum must be positive, openCostInBytes at least 0");
    }
  }

  /**
   * The split size: {@code min(maxPartitionBytes, max(openCostInBytes, totalBytes /
   * minPartitionNum))}, where every file counts its length plus the open cost.
   */
  public long maxSplitBytes(List<ListedFile> files) {
    long totalBytes = files.stream().mapToLong(f -> f.length() + openCostInBytes).sum();
    long bytesPerCore = totalBytes / minPartitionNum;
    return Math.min(maxPartitionBytes, Math.max(openCostInBytes, bytesPerCore));
  }

  /** The partitions of {@code files}, numbered from 0. */
  public List<VellumInputPartition> plan(List<ListedFile> files) {
    long maxSplitBytes = maxSplitBytes(files);
    List<ListedFile> bySize = new ArrayList<>(files);
    bySize.sort(Comparator.comparingLong(ListedFile::length).reversed());
    List<VellumInputPartition> partitions = new ArrayList<>();
    List<ListedFile> current = new ArrayList<>();
    long currentSize = 0;
    for (ListedFile file : bySize) {
      if (!current.isEmpty() && currentSize + file.length() > maxSplitBytes) {
        partitions.add(partition(partitions.size(), current));
        current = new ArrayList<>();
        currentSize = 0;
      }
      currentSize += file.length() + openCostInBytes;
      current.add(file);
    }
    if (!current.isEmpty()) {
      partitions.add(partition(partitions.size(), current));
    }
    return partitions;
  }

  private static VellumInputPartition partition(int index, List<ListedFile> files) {
    Map<String, Long> bytesByHost = new HashMap<>();
    for (ListedFile file : files) {
      for (String host : file.hosts()) {
        bytesByHost.merge(host, file.length(), Long::sum);
      }
    }
    List<String> hosts =
        bytesByHost.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(MAX_PREFERRED_HOSTS)
            .map(Map.Entry::getKey)
            .toList();
    return new VellumInputPartition(index, files, hosts);
  }
}
