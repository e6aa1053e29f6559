package dev.vellum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CORPUS =
      Path.of(System.getProperty("vellum.corpus", "../../shared/corpus"));

  @TempDir Path temp;

  private static List<JsonNode> lines(Path jsonl) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  private static long filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private Path write(String name, String content) throws IOException {
    Path file = temp.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void corpusFoldersGiveOneLinePerFileAndParseErrorsExactlyForInvalidJson() throws IOException {
    Path jsonl = temp.resolve("out.jsonl");
    Path json = CORPUS.resolve("jsontestsuite");
    Path csv = CORPUS.resolve("csv-spectrum");
    Console console =
        Console.run("extract", "--jsonl", jsonl.toString(), json.toString(), csv.toString());

    assertEquals(0, console.status, console.err);
    List<JsonNode> docs = lines(jsonl);
    assertEquals(filesIn(json) + filesIn(csv), docs.size());
    for (JsonNode doc : docs) {
      String name = Path.of(doc.get("path").asText()).getFileName().toString();
      if (name.startsWith("n_")) {
        assertEquals("parse", doc.get("error").get("kind").asText(), doc.toString());
      } else {
        assertTrue(doc.get("error").isNull(), doc.toString());
      }
    }
    assertTrue(console.err.contains(docs.size() + " documents"), console.err);
  }

  @Test
  void jsonLinesCarryEveryContractField() throws IOException {
    Path csv = write("table.csv", "name,age\nAda,36\n");
    Path jsonl = temp.resolve("out.jsonl");
    Console console =
        Console.run(
            "extract",
            "--jsonl=" + jsonl,
            "-o",
            "extractTables=true",
            "-o",
            "extractPages=true",
            csv.toString());

    assertEquals(0, console.status, console.err);
    JsonNode doc = lines(jsonl).get(0);
    List<String> fields = new ArrayList<>();
    doc.fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of("path", "mime_type", "content", "metadata", "tables", "pages", "error"), fields);
    assertEquals(csv.toString(), doc.get("path").asText());
    assertTrue(doc.get("content").asText().contains("Ada"));
    assertEquals("Ada", doc.get("tables").get(0).get("cells").get(1).get(0).asText());
  }

  @Test
  void outputOrderDoesNotDependOnThreads() throws IOException {
    for (int i = 0; i < 30; i++) {
      write(String.format("docs/%02d.txt", i), "document " + i);
    }
    Path one = temp.resolve("one.jsonl");
    Path four = temp.resolve("four.jsonl");
    assertEquals(
        0,
        Console.run(
                "extract",
                "--threads",
                "1",
                "--jsonl",
                one.toString(),
                temp.resolve("docs").toString())
            .status);
    assertEquals(
        0,
        Console.run(
                "extract",
                "--threads",
                "4",
                "--jsonl",
                four.toString(),
                temp.resolve("docs").toString())
            .status);

    assertEquals(Files.readAllLines(one), Files.readAllLines(four));
    List<JsonNode> docs = lines(four);
    assertEquals(30, docs.size());
    for (int i = 0; i < 30; i++) {
      assertTrue(docs.get(i).get("path").asText().endsWith(String.format("%02d.txt", i)));
    }
  }

  @Test
  void withoutJsonlEachDocumentIsPrintedAfterAHeaderLine() throws IOException {
    Path a = write("a.txt", "alpha");
    Path b = write("b.json", "{\"x\": [1, 2");
    Console console = Console.run("extract", a.toString(), b.toString());

    assertEquals(0, console.status, console.err);
    assertTrue(console.out.startsWith("==> " + a), console.out);
    assertTrue(console.out.contains("alpha\n"), console.out);
    assertTrue(console.out.contains("==> " + b), console.out);
    assertTrue(console.out.contains("error parse"), console.out);
    assertTrue(console.err.contains("2 documents, 1 errors (parse 1)"), console.err);
  }

  @Test
  void markdownFormatKeepsHeadings() throws IOException {
    Path html = write("page.html", "<html><body><h1>Title</h1><p>Body text</p></body></html>");
    Console console =
        Console.run(
            "extract", "--format", "markdown", "--ocr", "off", "--jsonl", "-", html.toString());

    assertEquals(0, console.status, console.err);
    JsonNode doc = JSON.readTree(console.out.lines().findFirst().orElseThrow());
    assertTrue(doc.get("content").asText().contains("# Title"), doc.toString());
  }

  @Test
  void jsonlDashWritesToStandardOutput() throws IOException {
    Path a = write("a.txt", "héllo wörld");
    Console console = Console.run("extract", "--jsonl", "-", a.toString());

    assertEquals(0, console.status, console.err);
    assertEquals(1, console.out.lines().count());
    assertTrue(console.out.contains("héllo wörld"), console.out);
  }

  @Test
  void hiddenFilesInsideFoldersAreSkippedButNamedOnesAreNot() throws IOException {
    write("docs/visible.txt", "v");
    Path hidden = write("docs/.hidden.txt", "h");
    write("docs/.git/config.txt", "c");
    Console console =
        Console.run("extract", "--jsonl", "-", temp.resolve("docs").toString(), hidden.toString());

    assertEquals(0, console.status, console.err);
    List<String> paths =
        console.out.lines().map(l -> l.substring(0, l.indexOf("\",\"mime_type"))).toList();
    assertEquals(2, paths.size(), console.out);
    assertTrue(paths.get(0).endsWith("visible.txt"));
    assertTrue(paths.get(1).endsWith(".hidden.txt"));
  }

  @Test
  void aBadOptionValueIsAUsageErrorNamingTheOption() {
    Console console = Console.run("extract", "-o", "chunkSize=many", ".");
    assertEquals(2, console.status);
    assertTrue(console.err.contains("chunkSize"), console.err);
  }

  @Test
  void anUnknownOptionNameIsAUsageError() {
    Console console = Console.run("extract", "-o", "colour=blue", ".");
    assertEquals(2, console.status);
    assertTrue(console.err.contains("unknown option 'colour'"), console.err);
  }

  @Test
  void aSparkReaderOptionPointsToIngest() {
    Console console = Console.run("extract", "-o", "pathGlobFilter=*.txt", ".");
    assertEquals(2, console.status);
    assertTrue(console.err.contains("vellum ingest"), console.err);
  }

  @Test
  void malformedCommandLinesAreUsageErrors() {
    String[][] lines = {
      {"extract"},
      {"extract", "--format", "pdf", "."},
      {"extract", "--ocr", "sometimes", "."},
      {"extract", "--threads", "0", "."},
      {"extract", "--threads", "lots", "."},
      {"extract", "--jsonl"},
      {"extract", "-o", "novalue", "."},
      {"extract", "--verbose", "."},
      {"extract", "/no/such/folder/anywhere"},
      {"extract", "/dev/null"},
    };
    for (String[] line : lines) {
      Console console = Console.run(line);
      assertEquals(2, console.status, String.join(" ", line) + ": " + console.err);
      assertTrue(console.err.contains("vellum extract --help"), console.err);
    }
  }

  @Test
  void doubleDashEndsOptionsSoPathsMayStartWithADash() throws IOException {
    Path odd = write("-odd.txt", "dash");
    Console console = Console.run("extract", "--jsonl", "-", "--", odd.toString());
    assertEquals(0, console.status, console.err);
    assertEquals(1, console.out.lines().count());
    assertEquals(2, Console.run("extract", "--").status);
  }

  @Test
  void helpDescribesTheOptions() {
    Console console = Console.run("extract", "--help");
    assertEquals(0, console.status);
    assertTrue(console.out.contains("--jsonl FILE"), console.out);
  }

  @Test
  void anUnwritableJsonlFileFailsTheRunWithStatusOne() throws IOException {
    Path a = write("a.txt", "alpha");
    Console console =
        Console.run(
            "extract", "--jsonl", temp.resolve("missing/dir/out.jsonl").toString(), a.toString());
    assertEquals(1, console.status);
    assertTrue(console.err.contains("the run failed"), console.err);
  }

  @Test
  void aFileNamedTwiceIsExtractedOnce() throws IOException {
    Path a = write("a.txt", "alpha");
    Console console = Console.run("extract", "--jsonl", "-", a.toString(), a.toString());
    assertEquals(0, console.status, console.err);
    assertEquals(1, console.out.lines().count());
    assertFalse(console.err.contains("errors ("), console.err);
  }

  @Test
  void theJsonlOutputInsideAnInputFolderIsNotExtracted() throws IOException {
    write("docs/a.txt", "alpha");
    Path jsonl = write("docs/out.jsonl", "{\"left\": \"from the last run\"}\n");
    Console console =
        Console.run("extract", "--jsonl", jsonl.toString(), temp.resolve("docs").toString());
    assertEquals(0, console.status, console.err);
    assertEquals(1, Files.readAllLines(jsonl).size());
  }
}
