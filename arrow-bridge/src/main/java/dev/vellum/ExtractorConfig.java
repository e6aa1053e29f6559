package dev.vellum;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything that shapes an extraction: immutable, built with {@link #builder()} or from reader
 * options with {@link #fromOptions(Map)}. {@link #toString()} never shows a password.
 */
public record ExtractorConfig(
    OutputFormat outputFormat,
    boolean extractPages,
    boolean extractTables,
    OcrMode ocr,
    String ocrLanguage,
    int ocrThreads,
    List<String> pdfPasswords,
    List<String> officePasswords,
    int chunkSize,
    int chunkOverlap,
    long maxFileSize,
    Duration timeout,
    long maxDecompressedSize,
    int batchSize,
    List<String> postprocessors,
    List<String> validators) {

  /** The extraction options {@link #fromOptions(Map)} accepts, as users spell them. */
  public static final Set<String> OPTION_NAMES =
      Set.of(
          "outputFormat",
          "extractPages",
          "extractTables",
          "ocr",
          "ocrLanguage",
          "ocrThreads",
          "pdfPassword",
          "officePassword",
          "chunkSize",
          "chunkOverlap",
          "maxFileSize",
          "timeout",
          "maxDecompressedSize",
          "batchSize",
          "postprocessors",
          "validators");

  public ExtractorConfig {
    Objects.requireNonNull(outputFormat, "outputFormat");
    Objects.requireNonNull(ocr, "ocr");
    Objects.requireNonNull(ocrLanguage, "ocrLanguage");
    Objects.requireNonNull(timeout, "timeout");
    pdfPasswords = List.copyOf(pdfPasswords);
    officePasswords = List.copyOf(officePasswords);
    postprocessors = List.copyOf(postprocessors);
    validators = List.copyOf(validators);
    require(chunkSize >= 0, "chunkSize", chunkSize, "0 (no chunks) or a positive number");
    require(
        chunkOverlap >= 0 && (chunkSize == 0 || chunkOverlap < chunkSize),
        "chunkOverlap",
        chunkOverlap,
        "a number at least 0 and smaller than chunkSize");
    require(
        maxFileSize > 0, "maxFileSize", maxFileSize, "a positive size such as 268435456 or 256m");
    require(
        !timeout.isNegative() && !timeout.isZero(),
        "timeout",
        timeout,
        "a positive duration such as 60s, 500ms or 2m");
    require(
        maxDecompressedSize > 0,
        "maxDecompressedSize",
        maxDecompressedSize,
        "a positive size such as 1g");
    require(batchSize > 0, "batchSize", batchSize, "a positive number of documents");
    require(
        ocrThreads >= 1 && ocrThreads <= 64,
        "ocrThreads",
        ocrThreads,
        "a number of threads per task from 1 to 64");
  }

  /** The defaults: plain text, no pages, tables or chunks, OCR when needed, 256 MiB, 60 s. */
  public static ExtractorConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a configuration from reader options (names as in {@link #OPTION_NAMES}, matched without
   * regard to case). An unknown option or a bad value is a {@link VellumConfigException} that names
   * the option and the accepted values.
   */
  public static ExtractorConfig fromOptions(Map<String, String> options) {
    Builder builder = builder();
    Map<String, String> known = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    OPTION_NAMES.forEach(name -> known.put(name, name));
    for (Map.Entry<String, String> option : options.entrySet()) {
      String name = known.get(option.getKey());
      if (name == null) {
        throw new VellumConfigException(
            "unknown option '"
                + option.getKey()
                + "'; accepted options are "
                + OPTION_NAMES.stream().sorted().collect(Collectors.joining(", ")));
      }
      String value = option.getValue() == null ? "" : option.getValue().trim();
      switch (name) {
        case "outputFormat" -> builder.outputFormat(parseEnum(OutputFormat.class, name, value));
        case "extractPages" -> builder.extractPages(parseBoolean(name, value));
        case "extractTables" -> builder.extractTables(parseBoolean(name, value));
        case "ocr" -> builder.ocr(parseEnum(OcrMode.class, name, value));
        case "ocrLanguage" -> builder.ocrLanguage(parseOcrLanguage(value));
        case "ocrThreads" -> builder.ocrThreads(parseInt(name, value));
        case "pdfPassword" ->
            builder.pdfPasswords(
                Arrays.asList(
                    option.getValue() == null ? new String[0] : option.getValue().split("\n")));
        case "officePassword" ->
            builder.officePasswords(
                Arrays.asList(
                    option.getValue() == null ? new String[0] : option.getValue().split("\n")));
        case "chunkSize" -> builder.chunkSize(parseInt(name, value));
        case "chunkOverlap" -> builder.chunkOverlap(parseInt(name, value));
        case "maxFileSize" -> builder.maxFileSize(parseSize(name, value));
        case "timeout" -> builder.timeout(parseDuration(name, value));
        case "maxDecompressedSize" -> builder.maxDecompressedSize(parseSize(name, value));
        case "batchSize" -> builder.batchSize(parseInt(name, value));
        case "postprocessors" -> builder.postprocessors(parseClassNames(value));
        case "validators" -> builder.validators(parseClassNames(value));
        default -> throw new IllegalStateException("option without a parser: " + name);
      }
    }
    return builder.build();
  }

  /**
   * The configuration as reader options, without {@code pdfPassword} and {@code officePassword}:
   * what a {@link PartitionContext} shows to post-processors and validators. {@link
   * #fromOptions(Map)} reads it back to this configuration, passwords aside.
   */
  public Map<String, String> toOptions() {
    Map<String, String> options = new TreeMap<>();
    options.put("outputFormat", outputFormat.optionValue());
    options.put("extractPages", Boolean.toString(extractPages));
    options.put("extractTables", Boolean.toString(extractTables));
    options.put("ocr", ocr.optionValue());
    options.put("ocrLanguage", ocrLanguage);
    options.put("ocrThreads", Integer.toString(ocrThreads));
    options.put("chunkSize", Integer.toString(chunkSize));
    options.put("chunkOverlap", Integer.toString(chunkOverlap));
    options.put("maxFileSize", Long.toString(maxFileSize));
    options.put("timeout", timeout.toMillis() + "ms");
    options.put("maxDecompressedSize", Long.toString(maxDecompressedSize));
    options.put("batchSize", Integer.toString(batchSize));
    options.put("postprocessors", String.join(",", postprocessors));
    options.put("validators", String.join(",", validators));
    return Map.copyOf(options);
  }

  /**
   * The configuration as the native side reads it (UTF-8 JSON), asking for {@code columns} of the
   * output schema, in that order.
   */
  public byte[] toNativeJson(List<String> columns) {
    StringBuilder json = new StringBuilder(256).append('{');
    json.append("\"outputFormat\":").append(Json.quote(outputFormat.optionValue()));
    json.append(",\"extractPages\":").append(extractPages);
    json.append(",\"extractTables\":").append(extractTables);
    json.append(",\"ocr\":").append(Json.quote(ocr.optionValue()));
    json.append(",\"ocrLanguage\":").append(Json.quote(ocrLanguage));
    json.append(",\"ocrThreads\":").append(ocrThreads);
    json.append(",\"pdfPasswords\":").append(Json.array(pdfPasswords));
    json.append(",\"officePasswords\":").append(Json.array(officePasswords));
    json.append(",\"chunkSize\":").append(chunkSize);
    json.append(",\"chunkOverlap\":").append(chunkOverlap);
    json.append(",\"maxFileSize\":").append(maxFileSize);
    json.append(",\"timeoutMillis\":").append(timeout.toMillis());
    json.append(",\"maxDecompressedSize\":").append(maxDecompressedSize);
    json.append(",\"columns\":").append(Json.array(columns));
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ExtractorConfig[outputFormat="
        + outputFormat.optionValue()
        + ", extractPages="
        + extractPages
        + ", extractTables="
        + extractTables
        + ", ocr="
        + ocr.optionValue()
        + ", ocrLanguage="
        + ocrLanguage
        + ", ocrThreads="
        + ocrThreads
        + ", pdfPasswords=<"
        + pdfPasswords.size()
        + " redacted>, officePasswords=<"
        + officePasswords.size()
        + " redacted>, chunkSize="
        + chunkSize
        + ", chunkOverlap="
        + chunkOverlap
        + ", maxFileSize="
        + maxFileSize
        + ", timeout="
        + timeout
        + ", maxDecompressedSize="
        + maxDecompressedSize
        + ", batchSize="
        + batchSize
        + ", postprocessors="
        + postprocessors
        + ", validators="
        + validators
        + "]";
  }

  private static void require(boolean condition, String option, Object value, String accepted) {
    if (!condition) {
      throw new VellumConfigException(
          "option '" + option + "' has the invalid value '" + value + "'; expected " + accepted);
    }
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String option, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw new VellumConfigException(
        "option '"
            + option
            + "' has the invalid value '"
            + value
            + "'; accepted values are "
            + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
  }

  private static boolean parseBoolean(String option, String value) {
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new VellumConfigException(
        "option '"
            + option
            + "' has the invalid value '"
            + value
            + "'; accepted values are true, false");
  }

  private static int parseInt(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new VellumConfigException(
          "option '" + option + "' has the invalid value '" + value + "'; expected a whole number",
          e);
    }
  }

  private static String parseOcrLanguage(String value) {
    if (!value.matches("[A-Za-z_]+(\\+[A-Za-z_]+)*")) {
      throw new VellumConfigException(
          "option 'ocrLanguage' has the invalid value '"
              + value
              + "'; expected Tesseract language codes joined by '+', such as eng or eng+deu");
    }
    return value;
  }

  /** Parses {@code 1024}, {@code 64k}, {@code 256m}, {@code 2g} (binary multiples). */
  static long parseSize(String option, String value) {
    String lower = value.toLowerCase(Locale.ROOT).replaceAll("i?b$", "");
    long multiplier = 1;
    if (!lower.isEmpty()) {
      switch (lower.charAt(lower.length() - 1)) {
        case 'k' -> multiplier = 1L << 10;
        case 'm' -> multiplier = 1L << 20;
        case 'g' -> multiplier = 1L << 30;
        case 't' -> multiplier = 1L << 40;
        default -> multiplier = 1;
      }
    }
    String digits = multiplier == 1 ? lower : lower.substring(0, lower.length() - 1);
    try {
      return Math.multiplyExact(Long.parseLong(digits.trim()), multiplier);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new VellumConfigException(
          "option '"
              + option
              + "' has the invalid value '"
              + value
              + "'; expected a size in bytes such as 1048576, 64k, 256m or 2g",
          e);
    }
  }

  /** Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or a plain number of seconds. */
  static Duration parseDuration(String option, String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    try {
      if (lower.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2).trim()));
      }
      if (lower.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(lower.substring(0, lower.length() - 1).trim()));
      }
      if (lower.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(lower.substring(0, lower.length() - 1).trim()));
      }
      if (lower.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(lower.substring(0, lower.length() - 1).trim()));
      }
      return Duration.ofSeconds(Long.parseLong(lower));
    } catch (NumberFormatException e) {
      throw new VellumConfigException(
          "option '"
              + option
              + "' has the invalid value '"
              + value
              + "'; expected a duration such as 500ms, 30s, 2m or 1h",
          e);
    }
  }

  private static List<String> parseClassNames(String value) {
    List<String> names = new ArrayList<>();
    for (String part : value.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      if (!name.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
        throw new VellumConfigException(
            "'"
                + name
                + "' is not a Java class name; expected fully qualified names, comma-separated");
      }
      names.add(name);
    }
    return names;
  }

  /** Builds an {@link ExtractorConfig}; every setter returns the builder. */
  public static final class Builder {
    private OutputFormat outputFormat = OutputFormat.PLAIN;
    private boolean extractPages;
    private boolean extractTables;
    private OcrMode ocr = OcrMode.AUTO;
    private String ocrLanguage = "eng";
    private int ocrThreads = 1;
    private List<String> pdfPasswords = List.of();
    private List<String> officePasswords = List.of();
    private int chunkSize;
    private int chunkOverlap;
    private long maxFileSize = 256L << 20;
    private Duration timeout = Duration.ofSeconds(60);
    private long maxDecompressedSize = 1L << 30;
    private int batchSize = 64;
    private List<String> postprocessors = List.of();
    private List<String> validators = List.of();

    private Builder() {}

    private Builder(ExtractorConfig c) {
      outputFormat = c.outputFormat;
      extractPages = c.extractPages;
      extractTables = c.extractTables;
      ocr = c.ocr;
      ocrLanguage = c.ocrLanguage;
      ocrThreads = c.ocrThreads;
      pdfPasswords = c.pdfPasswords;
      officePasswords = c.officePasswords;
      chunkSize = c.chunkSize;
      chunkOverlap = c.chunkOverlap;
      maxFileSize = c.maxFileSize;
      timeout = c.timeout;
      maxDecompressedSize = c.maxDecompressedSize;
      batchSize = c.batchSize;
      postprocessors = c.postprocessors;
      validators = c.validators;
    }

    public Builder outputFormat(OutputFormat value) {
      outputFormat = value;
      return this;
    }

    public Builder extractPages(boolean value) {
      extractPages = value;
      return this;
    }

    public Builder extractTables(boolean value) {
      extractTables = value;
      return this;
    }

    public Builder ocr(OcrMode value) {
      ocr = value;
      return this;
    }

    public Builder ocrLanguage(String value) {
      ocrLanguage = value;
      return this;
    }

    /** Threads Tesseract may use for one page, within the task's budget (default 1). */
    public Builder ocrThreads(int value) {
      ocrThreads = value;
      return this;
    }

    public Builder pdfPasswords(List<String> value) {
      pdfPasswords = value;
      return this;
    }

    /** Passwords tried in turn on encrypted Office (OOXML) files; never logged or printed. */
    public Builder officePasswords(List<String> value) {
      officePasswords = value;
      return this;
    }

    public Builder chunkSize(int value) {
      chunkSize = value;
      return this;
    }

    public Builder chunkOverlap(int value) {
      chunkOverlap = value;
      return this;
    }

    public Builder maxFileSize(long value) {
      maxFileSize = value;
      return this;
    }

    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    public Builder maxDecompressedSize(long value) {
      maxDecompressedSize = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder postprocessors(List<String> value) {
      postprocessors = value;
      return this;
    }

    public Builder validators(List<String> value) {
      validators = value;
      return this;
    }

    public ExtractorConfig build() {
      return new ExtractorConfig(
          outputFormat,
          extractPages,
          extractTables,
          ocr,
          ocrLanguage,
          ocrThreads,
          pdfPasswords,
          officePasswords,
          chunkSize,
          chunkOverlap,
          maxFileSize,
          timeout,
          maxDecompressedSize,
          batchSize,
          postprocessors,
          validators);
    }
  }
}
