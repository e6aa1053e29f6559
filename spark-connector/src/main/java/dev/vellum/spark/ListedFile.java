package dev.vellum.spark;

import java.io.Serializable;
import java.util.List;

/**
 * A file found by listing on the driver: its qualified path, length in bytes, modification time
 * (milliseconds since the epoch, as Hadoop reports it) and the hosts that hold its blocks (empty
 * when unknown).
 */
public record ListedFile(String path, long length, long modificationTime, List<String> hosts)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public ListedFile {
    hosts = List.copyOf(hosts);
  }
}
