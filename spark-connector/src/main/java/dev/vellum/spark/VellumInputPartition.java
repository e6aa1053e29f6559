package dev.vellum.spark;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One task's files (paths, lengths, modification times) and the hosts that hold most of their
 * bytes.
 */
public record VellumInputPartition(int index, List<ListedFile> files, List<String> hosts)
    implements InputPartition {
  private static final long serialVersionUID = 1L;

  public VellumInputPartition {
    files = List.copyOf(files);
    hosts = List.copyOf(hosts);
  }

  @Override
  public String[] preferredLocations() {
    return hosts.toArray(new String[0]);
  }

  /** The partition's input bytes. */
  public long bytes() {
    return files.stream().mapToLong(ListedFile::length).sum();
  }
}
