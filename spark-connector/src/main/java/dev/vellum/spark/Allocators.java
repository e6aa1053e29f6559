package dev.vellum.spark;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** The executor JVM's root Arrow allocator; each partition reader takes a child of it. */
final class Allocators {
  private Allocators() {}

  private static final class Holder {
    static final RootAllocator ROOT = new RootAllocator(Long.MAX_VALUE);
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
