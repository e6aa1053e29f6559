package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.OutputFormat;
import dev.vellum.VellumConfigException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VellumOptionsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static VellumOptions parse(String... keysAndValues) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("path", "/data");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      options.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return VellumOptions.parse(options, BERLIN);
  }

  private static String failure(String... keysAndValues) {
    return assertThrows(VellumConfigException.class, () -> parse(keysAndValues)).getMessage();
  }

  @Test
  void defaultsArePermissiveNonRecursiveAndUnfiltered() {
    VellumOptions options = parse();
    assertEquals(List.of("/data"), options.paths());
    assertEquals(ReadMode.PERMISSIVE, options.mode());
    assertFalse(options.recursiveFileLookup());
    assertFalse(options.ignoreMissingFiles());
    assertNull(options.pathGlobFilter());
    assertNull(options.modifiedBefore());
    assertNull(options.modifiedAfter());
    assertEquals(OutputFormat.PLAIN, options.extraction().outputFormat());
  }

  @Test
  void fileOptionsAndExtractionOptionsAreReadWithoutRegardToCase() {
    VellumOptions options =
        parse(
            "MODE", "failfast",
            "recursivefilelookup", "TRUE",
            "ignoreMissingFiles", "true",
            "pathGlobFilter", "*.{json,csv}",
            "outputformat", "markdown",
            "batchSize", "7");
    assertEquals(ReadMode.FAILFAST, options.mode());
    assertTrue(options.recursiveFileLookup());
    assertTrue(options.ignoreMissingFiles());
    assertEquals("*.{json,csv}", options.pathGlobFilter());
    assertEquals(OutputFormat.MARKDOWN, options.extraction().outputFormat());
    assertEquals(7, options.extraction().batchSize());
    assertEquals(Map.of("outputFormat", "markdown", "batchSize", "7"), options.extractionOptions());
  }

  @Test
  void theSparkPathsOptionIsAJsonArrayAddedToPath() {
    VellumOptions options = parse("paths", "[\"/a\",\"/b/*.json\"]");
    assertEquals(List.of("/data", "/a", "/b/*.json"), options.paths());
  }

  @Test
  void aPathsValueThatIsNotJsonNamesTheOption() {
    assertTrue(failure("paths", "/a,/b").contains("'paths'"));
  }

  @Test
  void noPathIsAnError() {
    var e =
        assertThrows(
            VellumConfigException.class,
            () -> VellumOptions.parse(Map.of("mode", "FAILFAST"), BERLIN));
    assertTrue(e.getMessage().contains("no path"), e.getMessage());
  }

  @Test
  void anUnknownOptionIsAnErrorListingTheAcceptedOptions() {
    String message = failure("pathGlob", "*.pdf");
    assertTrue(message.contains("unknown option 'pathGlob'"), message);
    assertTrue(message.contains("pathGlobFilter"), message);
    assertTrue(message.contains("recursiveFileLookup"), message);
    assertTrue(message.contains("maxFileSize"), message);
  }

  @Test
  void aBadModeNamesTheOptionAndTheAcceptedValues() {
    String message = failure("mode", "lenient");
    assertTrue(message.contains("'mode'"), message);
    assertTrue(message.contains("PERMISSIVE, DROPMALFORMED, FAILFAST"), message);
  }

  @Test
  void aBadBooleanNamesTheOptionAndTheAcceptedValues() {
    String message = failure("recursiveFileLookup", "yes");
    assertTrue(message.contains("'recursiveFileLookup'"), message);
    assertTrue(message.contains("true, false"), message);
    assertFalse(parse("recursiveFileLookup", "False").recursiveFileLookup());
  }

  @Test
  void aBadGlobNamesTheOption() {
    assertTrue(failure("pathGlobFilter", "*.{pdf").contains("'pathGlobFilter'"));
  }

  @Test
  void aBadExtractionValueNamesTheOption() {
    assertTrue(failure("ocr", "sometimes").contains("'ocr'"));
  }

  @Test
  void aLocalTimestampIsReadInTheSessionTimeZone() {
    VellumOptions options =
        parse("modifiedBefore", "2020-06-01T13:00:00", "modifiedAfter", "2020-06-01 12:30:15.5");
    assertEquals(Instant.parse("2020-06-01T11:00:00Z"), options.modifiedBefore());
    assertEquals(Instant.parse("2020-06-01T10:30:15.5Z"), options.modifiedAfter());
  }

  @Test
  void aTimestampWithAZoneOrOnlyADateIsAccepted() {
    assertEquals(
        Instant.parse("2020-06-01T13:00:00Z"),
        VellumOptions.parseTimestamp("modifiedAfter", "2020-06-01T13:00:00Z", BERLIN));
    assertEquals(
        Instant.parse("2020-05-31T22:00:00Z"),
        VellumOptions.parseTimestamp("modifiedAfter", "2020-06-01", BERLIN));
  }

  @Test
  void aBadTimestampNamesTheOptionAndAnExample() {
    String message = failure("modifiedAfter", "yesterday");
    assertTrue(message.contains("'modifiedAfter'"), message);
    assertTrue(message.contains("2020-06-01T13:00:00"), message);
  }

  @Test
  void contextOptionsLeaveOutPathsAndPasswords() {
    VellumOptions options = parse("pdfPassword", "secret", "mode", "DROPMALFORMED");
    assertEquals(Map.of("mode", "DROPMALFORMED"), options.contextOptions());
    assertFalse(
        options.toString().contains("secret") && options.contextOptions().containsValue("secret"));
  }
}
