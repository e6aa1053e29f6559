package dev.vellum.benchmarks;

import java.io.InputStream;
import java.nio.file.Path;
import org.apache.tika.Tika;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;

/**
 * Apache Tika as teams use it: one shared {@link AutoDetectParser}, a {@link BodyContentHandler}
 * without a write limit, embedded documents parsed too (as {@code tika-app --text} and the {@link
 * Tika} facade do). OCR is off unless {@link #OCR_ENV} is {@code 1}: then images and scanned pages
 * go through Tika's {@code TesseractOCRParser} with the language and page segmentation Vellum uses
 * (the same Tesseract binary), for the OCR comparison.
 */
final class TikaEngine implements Engine {
  /** Set to {@code 1} to turn OCR on in both Tika and Vellum (see {@link #ocr()}). */
  static final String OCR_ENV = "VELLUM_BENCH_OCR";

  private final AutoDetectParser parser = new AutoDetectParser();

  @Override
  public String version() {
    String version = Tika.class.getPackage().getImplementationVersion();
    return version == null ? new Tika().toString() : version;
  }

  @Override
  public Outcome extract(Path file) {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
    try (InputStream in = TikaInputStream.get(file, metadata)) {
      return parse(parser, in, metadata);
    } catch (Exception | StackOverflowError | NoClassDefFoundError e) {
      return Outcome.failure(e);
    }
  }

  /** Parses one stream with {@code parser}: shared with the Spark UDF's Tika function. */
  static Outcome parse(Parser parser, InputStream in, Metadata metadata) {
    BodyContentHandler handler = new BodyContentHandler(-1);
    ParseContext context = new ParseContext();
    context.set(Parser.class, parser);
    TesseractOCRConfig ocr = new TesseractOCRConfig();
    ocr.setSkipOcr(!ocr());
    ocr.setLanguage("eng");
    ocr.setPageSegMode("1"); // with orientation detection: Tika's default, as Vellum runs it
    context.set(TesseractOCRConfig.class, ocr);
    if (ocr()) {
      // Pages with little or no text are OCRed, as Vellum's ocr=auto does.
      PDFParserConfig pdf = new PDFParserConfig();
      pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.AUTO);
      context.set(PDFParserConfig.class, pdf);
    }
    try {
      parser.parse(in, handler, metadata, context);
      return Outcome.success(handler.toString(), metadata.get(Metadata.CONTENT_TYPE));
    } catch (Exception | StackOverflowError | NoClassDefFoundError e) {
      Outcome failed = Outcome.failure(e);
      return Outcome.failure(failed.error(), metadata.get(Metadata.CONTENT_TYPE));
    }
  }

  /** Whether this benchmark run compares OCR ({@code VELLUM_BENCH_OCR=1}). */
  static boolean ocr() {
    return "1".equals(System.getenv(OCR_ENV));
  }

  @Override
  public void close() {}
}
