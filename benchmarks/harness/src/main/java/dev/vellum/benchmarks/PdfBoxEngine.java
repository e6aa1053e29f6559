package dev.vellum.benchmarks;

import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Version;

/** PDFBox directly (no Tika around it): load the file, strip the text of every page. */
final class PdfBoxEngine implements Engine {
  @Override
  public String version() {
    return Version.getVersion();
  }

  @Override
  public Outcome extract(Path file) {
    try (PDDocument document = Loader.loadPDF(file.toFile())) {
      return Outcome.success(new PDFTextStripper().getText(document), "application/pdf");
    } catch (Exception | StackOverflowError e) {
      return Outcome.failure(e);
    }
  }

  @Override
  public void close() {}
}
