package dev.vellum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void noArgumentsPrintsUsageAndExitsWithTwo() {
    Console console = Console.run();
    assertEquals(2, console.status);
    assertTrue(console.err.contains("Usage: vellum COMMAND"), console.err);
  }

  @Test
  void helpPrintsUsageOnStdoutAndExitsWithZero() {
    for (String help : new String[] {"--help", "-h", "help"}) {
      Console console = Console.run(help);
      assertEquals(0, console.status);
      assertTrue(console.out.contains("extract") && console.out.contains("ingest"));
    }
  }

  @Test
  void unknownCommandIsAUsageError() {
    Console console = Console.run("convert", "x");
    assertEquals(2, console.status);
    assertTrue(console.err.contains("unknown command 'convert'"), console.err);
  }

  @Test
  void runOnConsoleWritesToStandardOutput() {
    assertEquals(0, Main.runOnConsole(new String[] {"--help"}));
  }
}
