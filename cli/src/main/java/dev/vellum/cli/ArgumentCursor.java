package dev.vellum.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Walks a command line: options ({@code --name VALUE} or {@code --name=VALUE}), flags, and
 * positional arguments; {@code --} ends the options.
 */
final class ArgumentCursor {
  private final String[] args;
  private int next;
  private boolean optionsEnded;
  private String inlineValue;

  ArgumentCursor(String[] args) {
    this.args = args.clone();
  }

  boolean hasNext() {
    return next < args.length;
  }

  /**
   * The next option's name (such as {@code --jsonl}), or null when the next argument is a
   * positional one, which {@link #positional()} then returns.
   */
  String option() {
    String arg = args[next];
    if (!optionsEnded && arg.equals("--")) {
      optionsEnded = true;
      next++;
      return hasNext() ? option() : null;
    }
    if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
      return null;
    }
    next++;
    int equals = arg.indexOf('=');
    if (arg.startsWith("--") && equals > 0) {
      inlineValue = arg.substring(equals + 1);
      return arg.substring(0, equals);
    }
    inlineValue = null;
    return arg;
  }

  /** The positional argument at the cursor. */
  String positional() {
    return args[next++];
  }

  /** The value of the option just read by {@link #option()}. */
  String value(String option) throws UsageException {
    if (inlineValue != null) {
      String value = inlineValue;
      inlineValue = null;
      return value;
    }
    if (!hasNext()) {
      throw new UsageException("option " + option + " needs a value");
    }
    return args[next++];
  }

  /** Fails when a flag was given a value ({@code --overwrite=yes}). */
  void noValue(String option) throws UsageException {
    if (inlineValue != null) {
      throw new UsageException("option " + option + " takes no value");
    }
  }

  /** The value of {@code option}, which must be one of {@code accepted} (any case). */
  String choice(String option, List<String> accepted) throws UsageException {
    String value = value(option);
    String lower = value.toLowerCase(Locale.ROOT);
    if (!accepted.contains(lower)) {
      throw new UsageException(
          "option "
              + option
              + " has the invalid value '"
              + value
              + "'; accepted values are "
              + String.join(", ", accepted));
    }
    return lower;
  }

  /** The value of {@code option} as a whole number from {@code min} to {@code max}. */
  int number(String option, int min, int max) throws UsageException {
    String value = value(option);
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below, like an out-of-range number
    }
    throw new UsageException(
        "option "
            + option
            + " has the invalid value '"
            + value
            + "'; expected a whole number from "
            + min
            + " to "
            + max);
  }

  /** Reads a {@code KEY=VALUE} value of {@code option} into {@code into}. */
  void keyValue(String option, Map<String, String> into) throws UsageException {
    String value = value(option);
    int equals = value.indexOf('=');
    if (equals <= 0) {
      throw new UsageException(
          "option "
              + option
              + " expects KEY=VALUE, such as -o outputFormat=markdown; got '"
              + value
              + "'");
    }
    into.put(value.substring(0, equals).trim(), value.substring(equals + 1));
  }
}
