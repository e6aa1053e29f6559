package dev.vellum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtractorConfigTest {

  private static VellumConfigException rejected(String option, String value) {
    Map<String, String> options = new HashMap<>();
    options.put(option, value);
    return assertThrows(VellumConfigException.class, () -> ExtractorConfig.fromOptions(options));
  }

  private static void assertRejected(String option, String value, String... expected) {
    VellumConfigException e = rejected(option, value);
    assertTrue(e.getMessage().contains("'" + option + "'"), e.getMessage());
    for (String part : expected) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }

  @Test
  void defaultsArePlainTextWithoutPagesTablesOrChunks() {
    ExtractorConfig config = ExtractorConfig.defaults();
    assertEquals(OutputFormat.PLAIN, config.outputFormat());
    assertFalse(config.extractPages());
    assertFalse(config.extractTables());
    assertEquals(OcrMode.AUTO, config.ocr());
    assertEquals("eng", config.ocrLanguage());
    assertEquals(1, config.ocrThreads());
    assertEquals(List.of(), config.pdfPasswords());
    assertEquals(List.of(), config.officePasswords());
    assertEquals(0, config.chunkSize());
    assertEquals(0, config.chunkOverlap());
    assertEquals(256L << 20, config.maxFileSize());
    assertEquals(Duration.ofSeconds(60), config.timeout());
    assertEquals(1L << 30, config.maxDecompressedSize());
    assertEquals(64, config.batchSize());
    assertEquals(List.of(), config.postprocessors());
    assertEquals(List.of(), config.validators());
    assertEquals(config, ExtractorConfig.fromOptions(Map.of()));
  }

  @Test
  void everyOptionIsReadFromReaderOptions() {
    Map<String, String> options = new HashMap<>();
    options.put("outputFormat", "Markdown");
    options.put("extractPages", "TRUE");
    options.put("extractTables", "true");
    options.put("ocr", "force");
    options.put("ocrLanguage", "eng+deu");
    options.put("ocrThreads", "2");
    options.put("pdfPassword", "first\nsecond");
    options.put("officePassword", "third\nfourth");
    options.put("chunkSize", "1000");
    options.put("chunkOverlap", "100");
    options.put("maxFileSize", "64m");
    options.put("timeout", "500ms");
    options.put("maxDecompressedSize", "2g");
    options.put("batchSize", " 16 ");
    options.put("postprocessors", "com.example.Clean,, com.example.Tag$Inner,");
    options.put("validators", "com.example.NotEmpty");
    ExtractorConfig config = ExtractorConfig.fromOptions(options);

    ExtractorConfig expected =
        ExtractorConfig.builder()
            .outputFormat(OutputFormat.MARKDOWN)
            .extractPages(true)
            .extractTables(true)
            .ocr(OcrMode.FORCE)
            .ocrLanguage("eng+deu")
            .ocrThreads(2)
            .pdfPasswords(List.of("first", "second"))
            .officePasswords(List.of("third", "fourth"))
            .chunkSize(1000)
            .chunkOverlap(100)
            .maxFileSize(64L << 20)
            .timeout(Duration.ofMillis(500))
            .maxDecompressedSize(2L << 30)
            .batchSize(16)
            .postprocessors(List.of("com.example.Clean", "com.example.Tag$Inner"))
            .validators(List.of("com.example.NotEmpty"))
            .build();
    assertEquals(expected, config);
    assertEquals(config, config.toBuilder().build());
  }

  @Test
  void optionNamesAreMatchedWithoutRegardToCase() {
    ExtractorConfig config =
        ExtractorConfig.fromOptions(
            Map.of("OUTPUTFORMAT", "markdown", "extractpages", "false", "BatchSize", "3"));
    assertEquals(OutputFormat.MARKDOWN, config.outputFormat());
    assertEquals(3, config.batchSize());
  }

  @Test
  void anUnknownOptionIsNamedWithTheAcceptedOptions() {
    VellumConfigException e = rejected("outputFromat", "plain");
    assertTrue(e.getMessage().contains("'outputFromat'"), e.getMessage());
    for (String name : ExtractorConfig.OPTION_NAMES) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
  }

  @Test
  void badValuesAreNamedWithTheAcceptedValues() {
    assertRejected("outputFormat", "pdf", "'pdf'", "plain, markdown");
    assertRejected("extractPages", "yes", "'yes'", "true, false");
    assertRejected("extractTables", null, "''", "true, false");
    assertRejected("ocr", "sometimes", "auto, force, off");
    assertRejected("ocrLanguage", "eng;rm -rf", "eng+deu");
    assertRejected("ocrThreads", "0", "from 1 to 64");
    assertRejected("ocrThreads", "65", "from 1 to 64");
    assertRejected("ocrThreads", "all", "whole number");
    assertRejected("chunkSize", "many", "whole number");
    assertRejected("chunkSize", "-1", "positive number");
    assertRejected("chunkOverlap", "-1", "smaller than chunkSize");
    assertRejected("maxFileSize", "0", "positive size");
    assertRejected("maxFileSize", "12q", "256m");
    assertRejected("maxFileSize", "99999999999999t", "256m");
    assertRejected("maxDecompressedSize", "-1", "1g");
    assertRejected("timeout", "soon", "500ms, 30s, 2m or 1h");
    assertRejected("timeout", "0s", "positive duration");
    assertRejected("timeout", "-5m", "positive duration");
    assertRejected("batchSize", "0", "positive number of documents");
    VellumConfigException e = rejected("validators", "com.example.Ok, not a class!");
    assertTrue(e.getMessage().contains("'not a class!'"), e.getMessage());
  }

  @Test
  void anOverlapAsLargeAsTheChunkIsRejected() {
    VellumConfigException e =
        assertThrows(
            VellumConfigException.class,
            () -> ExtractorConfig.builder().chunkSize(100).chunkOverlap(100).build());
    assertTrue(e.getMessage().contains("'chunkOverlap'"), e.getMessage());
    assertEquals(
        50, ExtractorConfig.builder().chunkSize(100).chunkOverlap(50).build().chunkOverlap());
  }

  @Test
  void sizesTakeBinaryMultiples() {
    assertEquals(1024, ExtractorConfig.parseSize("s", "1024"));
    assertEquals(64L << 10, ExtractorConfig.parseSize("s", "64k"));
    assertEquals(64L << 10, ExtractorConfig.parseSize("s", "64KB"));
    assertEquals(64L << 10, ExtractorConfig.parseSize("s", "64KiB"));
    assertEquals(256L << 20, ExtractorConfig.parseSize("s", "256m"));
    assertEquals(2L << 30, ExtractorConfig.parseSize("s", "2G"));
    assertEquals(1L << 40, ExtractorConfig.parseSize("s", "1t"));
    assertEquals(10L << 20, ExtractorConfig.parseSize("s", "10 m"));
    assertEquals(7, ExtractorConfig.parseSize("s", "7b"));
    assertThrows(VellumConfigException.class, () -> ExtractorConfig.parseSize("s", ""));
  }

  @Test
  void durationsTakeUnitsOrSeconds() {
    assertEquals(Duration.ofMillis(500), ExtractorConfig.parseDuration("t", "500ms"));
    assertEquals(Duration.ofSeconds(30), ExtractorConfig.parseDuration("t", "30s"));
    assertEquals(Duration.ofMinutes(2), ExtractorConfig.parseDuration("t", "2M"));
    assertEquals(Duration.ofHours(1), ExtractorConfig.parseDuration("t", "1h"));
    assertEquals(Duration.ofSeconds(45), ExtractorConfig.parseDuration("t", "45"));
    assertThrows(VellumConfigException.class, () -> ExtractorConfig.parseDuration("t", "1d"));
  }

  @Test
  void aMissingPasswordValueMeansNoPasswords() {
    Map<String, String> options = new HashMap<>();
    options.put("pdfPassword", null);
    options.put("officePassword", null);
    assertEquals(List.of(), ExtractorConfig.fromOptions(options).pdfPasswords());
    assertEquals(List.of(), ExtractorConfig.fromOptions(options).officePasswords());
  }

  @Test
  void toStringNeverShowsAPassword() {
    ExtractorConfig config =
        ExtractorConfig.builder()
            .pdfPasswords(List.of("hunter2", "s3cret"))
            .officePasswords(List.of("office-pw"))
            .build();
    String text = config.toString();
    assertFalse(text.contains("hunter2"), text);
    assertFalse(text.contains("s3cret"), text);
    assertFalse(text.contains("office-pw"), text);
    assertTrue(text.contains("pdfPasswords=<2 redacted>"), text);
    assertTrue(text.contains("officePasswords=<1 redacted>"), text);
    assertTrue(text.contains("outputFormat=plain"), text);
    assertTrue(text.contains("timeout=PT1M"), text);
  }

  @Test
  void theNativeJsonHoldsEveryExtractionSettingAndTheColumns() {
    ExtractorConfig config =
        ExtractorConfig.builder()
            .outputFormat(OutputFormat.MARKDOWN)
            .extractTables(true)
            .ocr(OcrMode.OFF)
            .pdfPasswords(List.of("p\"w"))
            .officePasswords(List.of("o"))
            .chunkSize(10)
            .chunkOverlap(2)
            .timeout(Duration.ofMillis(1500))
            .postprocessors(List.of("a.B"))
            .build();
    String json =
        new String(config.toNativeJson(List.of("path", "content")), StandardCharsets.UTF_8);
    assertEquals(
        "{\"outputFormat\":\"markdown\",\"extractPages\":false,\"extractTables\":true,"
            + "\"ocr\":\"off\",\"ocrLanguage\":\"eng\",\"ocrThreads\":1,"
            + "\"pdfPasswords\":[\"p\\\"w\"],\"officePasswords\":[\"o\"],"
            + "\"chunkSize\":10,\"chunkOverlap\":2,\"maxFileSize\":268435456,"
            + "\"timeoutMillis\":1500,\"maxDecompressedSize\":1073741824,"
            + "\"columns\":[\"path\",\"content\"]}",
        json);
  }

  @Test
  void listsAreCopiedSoTheConfigStaysImmutable() {
    List<String> passwords = new ArrayList<>(List.of("a"));
    ExtractorConfig config = ExtractorConfig.builder().pdfPasswords(passwords).build();
    passwords.add("b");
    assertEquals(List.of("a"), config.pdfPasswords());
    assertThrows(UnsupportedOperationException.class, () -> config.pdfPasswords().add("c"));
  }

  @Test
  void requiredSettingsCannotBeNull() {
    assertThrows(
        NullPointerException.class, () -> ExtractorConfig.builder().outputFormat(null).build());
    assertThrows(NullPointerException.class, () -> ExtractorConfig.builder().timeout(null).build());
  }

  @Test
  void optionsReadBackToTheSameConfigurationWithoutPasswords() {
    ExtractorConfig config =
        ExtractorConfig.builder()
            .outputFormat(OutputFormat.MARKDOWN)
            .extractPages(true)
            .ocr(OcrMode.OFF)
            .ocrLanguage("deu")
            .ocrThreads(3)
            .pdfPasswords(List.of("hunter2"))
            .officePasswords(List.of("office-pw"))
            .chunkSize(300)
            .chunkOverlap(30)
            .maxFileSize(12345)
            .timeout(Duration.ofMillis(1500))
            .maxDecompressedSize(99999)
            .batchSize(3)
            .postprocessors(List.of("a.B", "c.D"))
            .validators(List.of("e.F"))
            .build();
    Map<String, String> options = config.toOptions();
    assertFalse(options.toString().contains("hunter2"), options.toString());
    assertFalse(options.toString().contains("office-pw"), options.toString());
    assertEquals("1500ms", options.get("timeout"));
    assertEquals("a.B,c.D", options.get("postprocessors"));
    assertEquals(
        config.toBuilder().pdfPasswords(List.of()).officePasswords(List.of()).build(),
        ExtractorConfig.fromOptions(options));
    assertEquals(
        ExtractorConfig.defaults(),
        ExtractorConfig.fromOptions(ExtractorConfig.defaults().toOptions()));
  }
}
