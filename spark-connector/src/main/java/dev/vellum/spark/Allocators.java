package dev.vellum.spark;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** The executor JVM's root Arrow allocator; each partition reader takes a child of it. */
final class Allocators {
  private Allocators() {}

  private static final class Holder {
    static final RootAllocator ROOT = new RootAllocator(Long.MAX_VALUE);
    static final BufferAllocator FUNCTIONS =
        ROOT.newChildAllocator("vellum-functions", 0, Long.MAX_VALUE);
  }

  /**
   * The allocator of the {@code vellum_extract} function's shared extractors, which live as long as
   * the JVM; each result batch is closed as soon as its rows are made.
   */
  static BufferAllocator functions() {
    return Holder.FUNCTIONS;
  }

  /** The JVM's root allocator, parent of every partition reader's allocator. */
  static BufferAllocator root() {
    return Holder.ROOT;
  }

  /** Bytes currently allocated by every partition of this JVM. */
  static long allocatedBytes() {
    return Holder.ROOT.getAllocatedMemory();
  }
}
