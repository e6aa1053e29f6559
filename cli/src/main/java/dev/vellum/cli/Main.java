package dev.vellum.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code bin/vellum}: {@code extract} (plain Java API, no Spark) and {@code ingest} (Spark reader).
 * Exit codes: 0 the run finished (documents may still have error rows), 1 the run itself failed, 2
 * the command line was wrong.
 */
public final class Main {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT =
      """
      Usage: vellum COMMAND [OPTIONS] ...

      Commands:
        extract   extract files and folders with the plain Java API (no Spark)
        ingest    read a folder with the Spark reader format("vellum") and write Parquet or JSON Lines

      Run 'vellum COMMAND --help' for the options of a command.
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(runOnConsole(args));
  }

  /** Runs with the process's stdout (as UTF-8) and stderr. */
  static int runOnConsole(String[] args) {
    // Documents go out as UTF-8 whatever the platform's locale says.
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    int status = run(args, out, System.err);
    out.flush();
    return status;
  }

  /** Runs one command line and returns the exit code; never calls {@code System.exit}. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE_TEXT);
      return USAGE;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "-h", "--help", "help" -> {
        out.print(USAGE_TEXT);
        yield OK;
      }
      case "extract" -> ExtractCommand.run(rest, out, err, System.console() != null);
      case "ingest" -> IngestCommand.run(rest, out, err);
      default -> {
        err.println("vellum: unknown command '" + args[0] + "'");
        err.print(USAGE_TEXT);
        yield USAGE;
      }
    };
  }
}
