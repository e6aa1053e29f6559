package dev.vellum.benchmarks;

import java.io.InputStream;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.util.Version;

/**
 * PDFBox's object layer alone, the work of Vellum's {@code vellum-objects} worker: load the file
 * (cross-reference, repair, decryption with the empty password), count the pages, and decode every
 * page's content streams; no text. The text is empty; the mime type field carries the counts.
 */
final class PdfBoxObjectsEngine implements Engine {
  private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[1 << 16]);

  @Override
  public String version() {
    return Version.getVersion();
  }

  @Override
  public Outcome extract(Path file) {
    try (PDDocument document = Loader.loadPDF(file.toFile())) {
      int pages = document.getNumberOfPages();
      long contents = 0;
      long decoded = 0;
      byte[] buffer = buffers.get();
      for (PDPage page : document.getPages()) {
        try (InputStream in = page.getContents()) {
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            decoded += n;
          }
        }
        contents++;
      }
      return Outcome.success(
          "", "pages=" + pages + " contents=" + contents + " decoded=" + decoded);
    } catch (Exception | StackOverflowError e) {
      return Outcome.failure(e);
    }
  }

  @Override
  public void close() {}
}
