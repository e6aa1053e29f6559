package dev.vellum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vellum.VellumConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private Path input;

  @BeforeEach
  void writeInput() throws IOException {
    input = temp.resolve("in");
    Files.createDirectories(input.resolve("sub"));
    Files.writeString(input.resolve("a.txt"), "alpha", StandardCharsets.UTF_8);
    Files.writeString(input.resolve("b.csv"), "x,y\n1,2\n", StandardCharsets.UTF_8);
    Files.writeString(input.resolve("sub/c.json"), "{\"broken\": ", StandardCharsets.UTF_8);
  }

  private static List<JsonNode> jsonRows(Path folder) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path part : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
        for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
          rows.add(JSON.readTree(line));
        }
      }
    }
    return rows;
  }

  @Test
  void ingestWritesOneJsonRowPerFileIncludingSubfolders() throws IOException {
    Path output = temp.resolve("out-json");
    Console console =
        Console.run(
            "ingest",
            "--conf",
            "spark.ui.enabled=false",
            "--master",
            "local[1]",
            "--format",
            "jsonl",
            input.toString(),
            output.toString());

    assertEquals(0, console.status, console.err);
    assertTrue(console.out.contains("wrote 3 rows"), console.out);
    List<JsonNode> rows = jsonRows(output);
    assertEquals(3, rows.size());
    for (JsonNode row : rows) {
      boolean broken = row.get("path").asText().endsWith("c.json");
      assertEquals(broken, row.has("error") && row.get("error").has("kind"), row.toString());
    }
  }

  @Test
  void ingestWritesParquetAndRefusesToOverwriteUnlessAsked() {
    Path output = temp.resolve("out-parquet");
    Console first =
        Console.run(
            "ingest",
            "--conf=spark.ui.enabled=false",
            "--master=local[1]",
            input.toString(),
            output.toString());
    assertEquals(0, first.status, first.err);
    assertTrue(first.out.contains("wrote 3 rows") && first.out.contains("(parquet)"), first.out);
    assertTrue(Files.exists(output.resolve("_SUCCESS")));

    Console again =
        Console.run(
            "ingest",
            "--conf",
            "spark.ui.enabled=false",
            "--master",
            "local[1]",
            input.toString(),
            output.toString());
    assertEquals(2, again.status);
    assertTrue(again.err.contains("--overwrite"), again.err);

    Console overwrite =
        Console.run(
            "ingest",
            "--conf",
            "spark.ui.enabled=false",
            "--master",
            "local[1]",
            "--overwrite",
            "--conf",
            "spark.ui.enabled=false",
            "-o",
            "pathGlobFilter=*.txt",
            input.toString(),
            "file:" + output);
    assertEquals(0, overwrite.status, overwrite.err);
    assertTrue(overwrite.out.contains("wrote 1 rows"), overwrite.out);
  }

  @Test
  void aMissingInputIsAUsageError() {
    Console console =
        Console.run(
            "ingest",
            "--conf",
            "spark.ui.enabled=false",
            "--master",
            "local[1]",
            temp.resolve("nothing").toString(),
            temp.resolve("out").toString());
    assertEquals(2, console.status, console.err);
    assertTrue(console.err.contains("does not exist"), console.err);
  }

  @Test
  void anUnwritableOutputFailsTheJobWithStatusOne() {
    Console console =
        Console.run(
            "ingest",
            "--conf",
            "spark.ui.enabled=false",
            "--master",
            "local[1]",
            input.toString(),
            input.resolve("a.txt").resolve("out").toString());
    assertEquals(1, console.status, console.err);
    assertTrue(console.err.contains("the job failed"), console.err);
  }

  @Test
  void aBadExtractionOptionFailsBeforeSparkStarts() {
    Console console =
        Console.run(
            "ingest", "-o", "outputFormat=pdf", input.toString(), temp.resolve("o").toString());
    assertEquals(2, console.status);
    assertTrue(console.err.contains("outputFormat"), console.err);
  }

  @Test
  void aBadReaderOptionIsAUsageError() {
    Console console =
        Console.run(
            "ingest",
            "--conf",
            "spark.ui.enabled=false",
            "--master",
            "local[1]",
            "-o",
            "mode=SOMETIMES",
            input.toString(),
            temp.resolve("o").toString());
    assertEquals(2, console.status, console.err);
    assertTrue(console.err.contains("mode"), console.err);
  }

  @Test
  void malformedCommandLinesAreUsageErrors() {
    String[][] lines = {
      {"ingest"},
      {"ingest", "only-input"},
      {"ingest", "a", "b", "c"},
      {"ingest", "--format", "csv", "a", "b"},
      {"ingest", "--overwrite=yes", "a", "b"},
      {"ingest", "--conf", "spark.master", "a", "b"},
      {"ingest", "--master"},
      {"ingest", "--fast", "a", "b"},
    };
    for (String[] line : lines) {
      Console console = Console.run(line);
      assertEquals(2, console.status, String.join(" ", line) + ": " + console.err);
      assertTrue(console.err.contains("vellum ingest --help"), console.err);
    }
  }

  @Test
  void helpDescribesTheOptions() {
    Console console = Console.run("ingest", "--help");
    assertEquals(0, console.status);
    assertTrue(console.out.contains("--overwrite"), console.out);
  }

  @Test
  void localPathsAreThoseWithoutSchemeOrWithFileScheme() {
    assertTrue(IngestCommand.isLocal("out/x"));
    assertTrue(IngestCommand.isLocal("file:/tmp/x"));
    assertFalse(IngestCommand.isLocal("s3a://bucket/x"));
  }

  @Test
  void configErrorsAreFoundAmongCauses() {
    VellumConfigException config = new VellumConfigException("bad");
    assertSame(
        config, IngestCommand.configCause(new RuntimeException(new IllegalStateException(config))));
    assertNull(IngestCommand.configCause(new RuntimeException("other")));
  }

  @Test
  void theJarsToShipHoldArrowCData() {
    List<String> jars = IngestCommand.vellumJars();
    assertTrue(jars.stream().anyMatch(j -> j.contains("arrow-c-data")), jars.toString());
  }

  @Test
  void failFastNamesTheBrokenFileAndExitsWithOne() {
    Console console =
        Console.run(
            "ingest",
            "--conf",
            "spark.ui.enabled=false",
            "--master",
            "local[1]",
            "-o",
            "mode=FAILFAST",
            input.toString(),
            temp.resolve("out").toString());
    assertEquals(1, console.status, console.err);
    assertTrue(console.err.contains("c.json"), console.err);
    assertEquals(1, console.err.lines().filter(l -> l.startsWith("vellum ingest")).count());
    assertTrue(console.err.lines().count() <= 2, console.err);
  }

  @Test
  void aFailureIsDescribedByTheFirstLineOfItsRootCause() {
    assertEquals(
        "java.io.IOException: inner",
        IngestCommand.describe(
            new IllegalStateException("outer\nstack", new java.io.IOException("inner\nmore"))));
    assertEquals(
        "java.lang.IllegalStateException: alone",
        IngestCommand.describe(new IllegalStateException("alone")));
  }

  @Test
  void anEmptyInputFolderWritesZeroRows() throws IOException {
    Path empty = Files.createDirectories(temp.resolve("empty"));
    for (String format : List.of("jsonl", "parquet")) {
      Console console =
          Console.run(
              "ingest",
              "--conf",
              "spark.ui.enabled=false",
              "--master",
              "local[1]",
              "--format",
              format,
              empty.toString(),
              temp.resolve("out-" + format).toString());
      assertEquals(0, console.status, console.err);
      assertTrue(console.out.contains("wrote 0 rows"), console.out);
    }
  }
}
