package dev.vellum.bridge;

import dev.vellum.NativeLoadException;

/**
 * The main class of the child JVMs that {@link NativeLibraryTest} starts: loads the native library
 * and prints the initialisation count, or the load error.
 */
public final class NativeLibraryProbe {
  private NativeLibraryProbe() {}

  public static void main(String[] args) {
    try {
      NativeLibrary.load();
      System.out.println("initializations=" + NativeLibrary.initializationCount());
    } catch (NativeLoadException e) {
      System.out.println("error=" + e.getMessage());
      System.exit(3);
    }
  }
}
