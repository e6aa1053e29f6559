package dev.vellum.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.ExtractorConfig;
import dev.vellum.VellumConfigException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.GlobFilter;

/**
 * The reader's options, validated on the driver: Spark's file options, {@code mode}, and the
 * extraction options of {@link ExtractorConfig#fromOptions}. An unknown option or a bad value is a
 * {@link VellumConfigException} naming the option and what it accepts.
 *
 * @param paths the paths or globs to read, as given
 * @param pathGlobFilter a glob that file names must match, or null
 * @param recursiveFileLookup whether directories are listed recursively
 * @param modifiedBefore only files modified before this instant, or null
 * @param modifiedAfter only files modified after this instant, or null
 * @param ignoreMissingFiles whether a file deleted after listing is skipped
 * @param mode what to do with failed documents
 * @param maxFilesPerTrigger the most new files a streaming micro-batch reads, or 0 for all
 * @param extraction the extraction configuration
 * @param extractionOptions the extraction options as given (re-parsed on executors)
 * @param contextOptions every option except paths and passwords, for {@code PartitionContext}
 */
public record VellumOptions(
    List<String> paths,
    String pathGlobFilter,
    boolean recursiveFileLookup,
    Instant modifiedBefore,
    Instant modifiedAfter,
    boolean ignoreMissingFiles,
    ReadMode mode,
    int maxFilesPerTrigger,
    ExtractorConfig extraction,
    Map<String, String> extractionOptions,
    Map<String, String> contextOptions) {

  static final String PATH = "path";
  static final String PATHS = "paths";
  static final String PATH_GLOB_FILTER = "pathGlobFilter";
  static final String RECURSIVE_FILE_LOOKUP = "recursiveFileLookup";
  static final String MODIFIED_BEFORE = "modifiedBefore";
  static final String MODIFIED_AFTER = "modifiedAfter";
  static final String IGNORE_MISSING_FILES = "ignoreMissingFiles";
  static final String MODE = "mode";
  static final String MAX_FILES_PER_TRIGGER = "maxFilesPerTrigger";

  /** Options Spark itself sets, accepted and not passed on. */
  private static final Set<String> SPARK_OPTIONS = Set.of(PATH, PATHS);

  /** The reader options besides the extraction ones. */
  static final List<String> FILE_OPTIONS =
      List.of(
          PATH_GLOB_FILTER,
          RECURSIVE_FILE_LOOKUP,
          MODIFIED_BEFORE,
          MODIFIED_AFTER,
          IGNORE_MISSING_FILES,
          MODE,
          MAX_FILES_PER_TRIGGER);

  public VellumOptions {
    paths = List.copyOf(paths);
    extractionOptions = Map.copyOf(extractionOptions);
    contextOptions = Map.copyOf(contextOptions);
  }

  /**
   * Parses {@code options} (names matched without regard to case); local timestamps are read in
   * {@code sessionZone}.
   */
  public static VellumOptions parse(Map<String, String> options, ZoneId sessionZone) {
    List<String> paths = new ArrayList<>();
    String glob = null;
    boolean recursive = false;
    Instant before = null;
    Instant after = null;
    boolean ignoreMissing = false;
    ReadMode mode = ReadMode.PERMISSIVE;
    int maxFilesPerTrigger = 0;
    Map<String, String> extraction = new LinkedHashMap<>();
    Map<String, String> context = new LinkedHashMap<>();
    for (Map.Entry<String, String> option : options.entrySet()) {
      String name = option.getKey();
      String value = option.getValue() == null ? "" : option.getValue();
      String known = canonicalName(name);
      switch (known) {
        case PATH -> paths.add(value);
        case PATHS -> paths.addAll(parsePaths(value));
        case PATH_GLOB_FILTER -> glob = parseGlob(value);
        case RECURSIVE_FILE_LOOKUP -> recursive = parseBoolean(known, value);
        case MODIFIED_BEFORE -> before = parseTimestamp(known, value, sessionZone);
        case MODIFIED_AFTER -> after = parseTimestamp(known, value, sessionZone);
        case IGNORE_MISSING_FILES -> ignoreMissing = parseBoolean(known, value);
        case MODE -> mode = parseMode(value);
        case MAX_FILES_PER_TRIGGER -> maxFilesPerTrigger = parsePositive(known, value);
        default -> extraction.put(known, value);
      }
      if (!SPARK_OPTIONS.contains(known) && !known.equals("pdfPassword")) {
        context.put(known, value);
      }
    }
    if (paths.isEmpty()) {
      throw new VellumConfigException(
          "no path given: pass one or more paths to load(...) or set the option 'path'");
    }
    ExtractorConfig config = ExtractorConfig.fromOptions(extraction);
    return new VellumOptions(
        paths,
        glob,
        recursive,
        before,
        after,
        ignoreMissing,
        mode,
        maxFilesPerTrigger,
        config,
        extraction,
        context);
  }

  /** Every option name the reader accepts, sorted. */
  static Set<String> acceptedOptions() {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(FILE_OPTIONS);
    names.addAll(ExtractorConfig.OPTION_NAMES);
    return names;
  }

  private static String canonicalName(String name) {
    for (String spark : SPARK_OPTIONS) {
      if (spark.equalsIgnoreCase(name)) {
        return spark;
      }
    }
    for (String accepted : acceptedOptions()) {
      if (accepted.equalsIgnoreCase(name)) {
        return accepted;
      }
    }
    throw new VellumConfigException(
        "unknown option '"
            + name
            + "'; the vellum reader accepts "
            + String.join(", ", acceptedOptions()));
  }

  private static List<String> parsePaths(String json) {
    try {
      return Arrays.asList(new ObjectMapper().readValue(json, String[].class));
    } catch (JsonProcessingException e) {
      throw new VellumConfigException(
          "option 'paths' has the invalid value '" + json + "'; expected a JSON array of paths", e);
    }
  }

  private static String parseGlob(String value) {
    globFilter(value);
    return value;
  }

  /** The file name filter of a {@code pathGlobFilter} value. */
  static GlobFilter globFilter(String value) {
    try {
      return new GlobFilter(value);
    } catch (IOException | IllegalArgumentException e) {
      throw new VellumConfigException(
          "option 'pathGlobFilter' has the invalid value '"
              + value
              + "'; expected a glob such as *.pdf or *.{html,htm}",
          e);
    }
  }

  private static boolean parseBoolean(String option, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new VellumConfigException(
              "option '"
                  + option
                  + "' has the invalid value '"
                  + value
                  + "'; accepted values are true, false");
    };
  }

  private static int parsePositive(String option, String value) {
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new VellumConfigException(
        "option '"
            + option
            + "' has the invalid value '"
            + value
            + "'; expected a positive whole number such as 100");
  }

  private static ReadMode parseMode(String value) {
    for (ReadMode mode : ReadMode.values()) {
      if (mode.name().equalsIgnoreCase(value.trim())) {
        return mode;
      }
    }
    throw new VellumConfigException(
        "option 'mode' has the invalid value '"
            + value
            + "'; accepted values are PERMISSIVE, DROPMALFORMED, FAILFAST");
  }

  /**
   * Reads a timestamp as Spark's file options do: {@code 2020-06-01T13:00:00} (or with a space, a
   * fraction, or only a date) in the session time zone, or with an explicit zone or offset.
   */
  static Instant parseTimestamp(String option, String value, ZoneId sessionZone) {
    String text = value.trim();
    if (text.length() > 10 && text.charAt(10) == ' ') {
      text = text.substring(0, 10) + 'T' + text.substring(11);
    }
    try {
      return ZonedDateTime.parse(text, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant();
    } catch (DateTimeParseException notZoned) {
      try {
        return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .atZone(sessionZone)
            .toInstant();
      } catch (DateTimeParseException notLocal) {
        try {
          return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE)
              .atStartOfDay(sessionZone)
              .toInstant();
        } catch (DateTimeParseException notDate) {
          throw new VellumConfigException(
              "option '"
                  + option
                  + "' has the invalid value '"
                  + value
                  + "'; expected a timestamp such as 2020-06-01T13:00:00 (session time zone "
                  + sessionZone
                  + ") or 2020-06-01T13:00:00Z",
              notDate);
        }
      }
    }
  }
}
