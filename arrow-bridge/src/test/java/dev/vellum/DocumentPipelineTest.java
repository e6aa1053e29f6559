package dev.vellum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.bridge.DocumentReader;
import dev.vellum.bridge.DocumentWriter;
import dev.vellum.testing.Plugins;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DocumentPipelineTest {
  private static final String P = "dev.vellum.testing.Plugins$";
  private static final PartitionContext CONTEXT = new PartitionContext(7, 99, Map.of("ocr", "off"));
  private static final ClassLoader LOADER = DocumentPipelineTest.class.getClassLoader();

  @BeforeEach
  void forgetEvents() {
    Plugins.reset();
  }

  private static ExtractedDocument document(String path, String content) {
    return new ExtractedDocument(
        path, null, 3, "text/plain", content, null, null, null, null, null, null);
  }

  private static DocumentPipeline pipeline(List<String> postProcessors, List<String> validators) {
    return DocumentPipeline.open(
        postProcessors.stream().map(n -> P + n).toList(),
        validators.stream().map(n -> P + n).toList(),
        CONTEXT,
        LOADER);
  }

  @Test
  void anEmptyConfigurationGivesAnEmptyPipelineThatReturnsDocumentsUnchanged() {
    try (DocumentPipeline pipeline =
        DocumentPipeline.open(ExtractorConfig.defaults(), CONTEXT, LOADER)) {
      assertTrue(pipeline.isEmpty());
      ExtractedDocument doc = document("a", "text");
      assertSame(doc, pipeline.apply(doc));
    }
  }

  @Test
  void postProcessorsRunInOrderThenValidatorsAndEverythingOpensAndClosesOnce() {
    ExtractorConfig config =
        ExtractorConfig.fromOptions(
            Map.of(
                "postprocessors", P + "UpperCase, " + P + "Exclaim",
                "validators", P + "RequiresContent," + P + "AcceptsAll"));
    DocumentPipeline pipeline = DocumentPipeline.open(config, CONTEXT, LOADER);
    assertFalse(pipeline.isEmpty());
    List<ExtractedDocument> out =
        pipeline.applyAll(List.of(document("a", "hello"), document("b", null)));
    pipeline.close();
    pipeline.close();

    assertEquals("HELLO!", out.get(0).content());
    assertEquals(null, out.get(0).error());
    assertEquals(new ExtractionError(ErrorKind.VALIDATION, "content is empty"), out.get(1).error());
    assertEquals(
        List.of(
            "open UpperCase 7 {ocr=off}",
            "open RequiresContent",
            "process UpperCase a",
            "process Exclaim a",
            "validate RequiresContent a",
            "validate AcceptsAll a",
            "process UpperCase b",
            "process Exclaim b",
            "validate RequiresContent b",
            "close UpperCase",
            "close RequiresContent"),
        Plugins.events());
  }

  @Test
  void documentsThatAlreadyFailedArePostProcessedButNotValidated() {
    try (DocumentPipeline pipeline = pipeline(List.of("Exclaim"), List.of("RequiresContent"))) {
      ExtractionError parse = new ExtractionError(ErrorKind.PARSE, "bad");
      ExtractedDocument out = pipeline.apply(document("x", null).withError(parse));
      assertEquals(parse, out.error());
      assertEquals(List.of("open RequiresContent", "process Exclaim x"), Plugins.events());
    }
  }

  @Test
  void aPostProcessorThatReturnsNullIsNamedWithTheDocument() {
    try (DocumentPipeline pipeline = pipeline(List.of("ReturnsNull"), List.of())) {
      VellumException e =
          assertThrows(VellumException.class, () -> pipeline.apply(document("/d/x.txt", "t")));
      assertTrue(e.getMessage().contains(P + "ReturnsNull"), e.getMessage());
      assertTrue(e.getMessage().contains("/d/x.txt"), e.getMessage());
    }
  }

  @Test
  void aPostProcessorThatThrowsIsNamedWithTheDocumentAndTheCause() {
    try (DocumentPipeline pipeline = pipeline(List.of("ThrowsOnProcess"), List.of())) {
      VellumException e =
          assertThrows(VellumException.class, () -> pipeline.apply(document("/d/y.txt", "t")));
      assertTrue(e.getMessage().contains(P + "ThrowsOnProcess"), e.getMessage());
      assertTrue(e.getMessage().contains("/d/y.txt"), e.getMessage());
      assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }
  }

  @Test
  void aValidatorThatThrowsOrReturnsNullIsNamedWithTheDocument() {
    try (DocumentPipeline pipeline = pipeline(List.of(), List.of("ThrowsOnValidate"))) {
      VellumException e =
          assertThrows(VellumException.class, () -> pipeline.apply(document("/d/z.txt", "t")));
      assertTrue(e.getMessage().contains("validator " + P + "ThrowsOnValidate"), e.getMessage());
      assertTrue(e.getMessage().contains("/d/z.txt"), e.getMessage());
      assertTrue(e.getMessage().contains("no opinion"), e.getMessage());
    }
    try (DocumentPipeline pipeline = pipeline(List.of(), List.of("ValidatesToNull"))) {
      VellumException e =
          assertThrows(VellumException.class, () -> pipeline.apply(document("/d/n.txt", "t")));
      assertTrue(e.getMessage().contains(P + "ValidatesToNull"), e.getMessage());
      assertTrue(e.getMessage().contains("/d/n.txt"), e.getMessage());
    }
  }

  @Test
  void aClosedPipelineRefusesDocuments() {
    DocumentPipeline pipeline = pipeline(List.of("Exclaim"), List.of());
    pipeline.close();
    assertThrows(IllegalStateException.class, () -> pipeline.apply(document("a", "b")));
  }

  @Test
  void everyPluginIsClosedEvenWhenSomeThrowAndTheFirstFailureCarriesTheOthers() {
    DocumentPipeline pipeline =
        pipeline(
            List.of("ThrowsOnClose", "UpperCase"),
            List.of("ValidatorThrowsOnClose", "RequiresContent"));
    VellumException e = assertThrows(VellumException.class, pipeline::close);
    assertTrue(e.getMessage().contains("post-processor " + P + "ThrowsOnClose"), e.getMessage());
    assertTrue(e.getMessage().contains("flush failed"), e.getMessage());
    assertEquals(1, e.getSuppressed().length);
    assertTrue(
        e.getSuppressed()[0].getMessage().contains("validator " + P + "ValidatorThrowsOnClose"),
        e.getSuppressed()[0].getMessage());
    assertEquals(
        List.of(
            "open UpperCase 7 {ocr=off}",
            "open RequiresContent",
            "close ThrowsOnClose",
            "close UpperCase",
            "close ValidatorThrowsOnClose",
            "close RequiresContent"),
        Plugins.events());
    pipeline.close();
  }

  @Test
  void aPluginThatFailsToOpenClosesThoseAlreadyOpened() {
    VellumException e =
        assertThrows(
            VellumException.class,
            () -> pipeline(List.of("UpperCase"), List.of("RequiresContent", "ThrowsOnOpen")));
    assertTrue(e.getMessage().contains("validator " + P + "ThrowsOnOpen"), e.getMessage());
    assertTrue(e.getMessage().contains("database unreachable"), e.getMessage());
    assertEquals(
        List.of(
            "open UpperCase 7 {ocr=off}",
            "open RequiresContent",
            "close UpperCase",
            "close RequiresContent"),
        Plugins.events());

    VellumException p =
        assertThrows(
            VellumException.class,
            () -> pipeline(List.of("UpperCase", "PostProcessorThrowsOnOpen"), List.of()));
    assertTrue(p.getMessage().contains("post-processor " + P + "PostProcessorThrowsOnOpen"));
    assertTrue(p.getMessage().contains("no model file"), p.getMessage());
  }

  @Test
  void aFailureWhileClosingAfterAFailedOpenIsSuppressed() {
    VellumException e =
        assertThrows(
            VellumException.class,
            () -> pipeline(List.of("ThrowsOnClose"), List.of("ThrowsOnOpen")));
    assertTrue(e.getMessage().contains("ThrowsOnOpen"), e.getMessage());
    assertEquals(1, e.getSuppressed().length);
    assertTrue(e.getSuppressed()[0].getMessage().contains("ThrowsOnClose"));
  }

  @Test
  void unusableClassesAreConfigurationErrorsThatNameTheClassAndTheCause() {
    assertConfigError(
        List.of("com.example.Missing"), List.of(), "com.example.Missing", "spark.jars");
    assertConfigError(
        List.of(P + "NotAPlugin"),
        List.of(),
        P + "NotAPlugin",
        "does not implement dev.vellum.PostProcessor");
    assertConfigError(
        List.of(),
        List.of(P + "UpperCase"),
        P + "UpperCase",
        "does not implement dev.vellum.Validator");
    assertConfigError(
        List.of(P + "NeedsArgument"),
        List.of(),
        P + "NeedsArgument",
        "no public no-argument constructor");
    assertConfigError(
        List.of(P + "ConstructorThrows"),
        List.of(),
        P + "ConstructorThrows",
        "missing licence key");
    assertConfigError(List.of(P + "Abstract"), List.of(), P + "Abstract", "abstract");
    assertConfigError(
        List.of(P + "NotPublic"), List.of(), P + "NotPublic", "cannot be instantiated");
    assertConfigError(
        List.of(P + "BrokenStaticInitializer"),
        List.of(),
        P + "BrokenStaticInitializer",
        "cannot be loaded");
  }

  private static void assertConfigError(
      List<String> postProcessors, List<String> validators, String className, String cause) {
    VellumConfigException e =
        assertThrows(
            VellumConfigException.class,
            () -> DocumentPipeline.open(postProcessors, validators, CONTEXT, LOADER));
    assertTrue(e.getMessage().contains(className), e.getMessage());
    assertTrue(e.getMessage().contains(cause), e.getMessage());
  }

  @Test
  void aBatchIsReadProcessedAndWrittenWithTheSameColumns() {
    List<ExtractedDocument> documents =
        List.of(document("a", "hello"), document("b", null), document("c", "x"));
    List<String> columns = List.of("path", "content", "error");
    try (BufferAllocator allocator = new RootAllocator();
        DocumentPipeline pipeline = pipeline(List.of("UpperCase"), List.of("RequiresContent"));
        VectorSchemaRoot batch = DocumentWriter.write(documents, columns, allocator);
        VectorSchemaRoot processed = pipeline.applyBatch(batch, allocator)) {
      assertEquals(batch.getSchema(), processed.getSchema());
      List<ExtractedDocument> out = DocumentReader.read(processed);
      assertEquals(List.of("a", "b", "c"), out.stream().map(ExtractedDocument::path).toList());
      assertEquals("HELLO", out.get(0).content());
      assertEquals(ErrorKind.VALIDATION, out.get(1).error().kind());
      assertEquals("X", out.get(2).content());
    }
  }

  @Test
  void optionsOfTheConfigurationReachThePlugins() {
    ExtractorConfig config =
        ExtractorConfig.builder()
            .chunkSize(5)
            .pdfPasswords(List.of("secret"))
            .postprocessors(List.of(P + "UpperCase"))
            .build();
    PartitionContext context = new PartitionContext(0, 0, config.toOptions());
    DocumentPipeline.open(config, context, LOADER).close();
    String opened = Plugins.events().get(0);
    assertTrue(opened.contains("chunkSize=5"), opened);
    assertFalse(opened.contains("secret"), opened);
  }
}
