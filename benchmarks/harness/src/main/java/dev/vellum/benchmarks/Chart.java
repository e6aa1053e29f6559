package dev.vellum.benchmarks;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The report's charts (XChart, PNG), at the largest thread count: throughput per family of the
 * engines that run on every family, and the PDF engines side by side. A log axis cannot show a gap,
 * so an engine without a figure for some family is left out of the first chart (the report says
 * which).
 */
final class Chart {
  static final String FAMILIES = "throughput.png";
  static final String OTHERS = "throughput-not-yet.png";
  static final String PDF = "throughput-pdf.png";

  private Chart() {}

  /** What was drawn: image files (in {@code out}) and engines left out of the family chart. */
  record Drawn(List<String> files, List<String> leftOut) {}

  static Drawn write(Results results, List<Report.Throughput> rows, Path out) throws IOException {
    int threads = results.options().threads().stream().mapToInt(Integer::intValue).max().orElse(1);
    String suffix = threads + " thread" + (threads == 1 ? "" : "s");
    List<String> files = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    List<String> extracted = new ArrayList<>();
    List<String> notYet = new ArrayList<>();
    for (String family : results.families()) {
      (Family.VELLUM_SUPPORTED.contains(family) ? extracted : notYet).add(family);
    }
    List<String> all = new ArrayList<>();
    List<String> peers = new ArrayList<>();
    for (Results.EngineResult engine : results.engines()) {
      if (!Options.pdfOnly(engine.name())) {
        all.add(engine.name());
        if (!engine.name().startsWith("vellum")) {
          peers.add(engine.name());
        }
      }
    }
    draw(
        "Throughput on the families Vellum extracts, "
            + suffix
            + " (MB/s, log scale, median over rounds)",
        extracted,
        all,
        rows,
        threads,
        out.resolve(FAMILIES),
        files,
        leftOut);
    draw(
        "Families Vellum does not extract yet: the peers, " + suffix + " (MB/s, log scale)",
        notYet,
        peers,
        rows,
        threads,
        out.resolve(OTHERS),
        files,
        leftOut);
    if (results.families().contains("pdf")) {
      List<String> pdfEngines = new ArrayList<>();
      for (Results.EngineResult engine : results.engines()) {
        if (!engine.name().startsWith("vellum")) {
          pdfEngines.add(engine.name());
        }
      }
      CategoryChart pdf =
          chart(
              "PDF throughput, "
                  + suffix
                  + " (MB/s, log scale; inflate = the floor; Vellum does not"
                  + " read PDFs yet)",
              "engine");
      boolean drawn = false;
      for (String engine : pdfEngines) {
        double value = value(rows, "pdf", threads, engine);
        if (value > 0) {
          pdf.addSeries(engine, List.of("pdf"), List.of(value));
          drawn = true;
        }
      }
      if (drawn) {
        bounds(pdf);
        BitmapEncoder.saveBitmap(pdf, out.resolve(PDF).toString(), BitmapEncoder.BitmapFormat.PNG);
        files.add(PDF);
      }
    }
    return new Drawn(files, leftOut);
  }

  private static void draw(
      String title,
      List<String> families,
      List<String> engines,
      List<Report.Throughput> rows,
      int threads,
      Path file,
      List<String> files,
      List<String> leftOut)
      throws IOException {
    if (families.isEmpty()) {
      return;
    }
    CategoryChart chart = chart(title, "family");
    chart.getStyler().setXAxisLabelRotation(families.size() > 6 ? 30 : 0);
    boolean any = false;
    for (String engine : engines) {
      List<Double> values = new ArrayList<>();
      boolean complete = true;
      boolean has = false;
      for (String family : families) {
        double value = value(rows, family, threads, engine);
        complete &= value > 0;
        has |= value > 0;
        values.add(value);
      }
      if (complete) {
        chart.addSeries(engine, families, values);
        any = true;
      } else if (has) {
        leftOut.add(engine + " (" + file.getFileName() + ")");
      }
    }
    if (any) {
      bounds(chart);
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
      files.add(file.getFileName().toString());
    }
  }

  private static CategoryChart chart(String title, String xAxis) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1400)
            .height(650)
            .title(title)
            .xAxisTitle(xAxis)
            .yAxisTitle("MB/s")
            .build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    return chart;
  }

  /** Decades around the data: XChart's log axis needs explicit bounds for bar charts. */
  private static void bounds(CategoryChart chart) {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (var series : chart.getSeriesMap().values()) {
      for (Number n : series.getYData()) {
        min = Math.min(min, n.doubleValue());
        max = Math.max(max, n.doubleValue());
      }
    }
    chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
    chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max * 1.01))));
  }

  private static double value(
      List<Report.Throughput> rows, String family, int threads, String engine) {
    for (Report.Throughput t : rows) {
      if (t.family().equals(family) && t.threads() == threads && t.engine().equals(engine)) {
        return t.megabytesPerSecond() > 0 ? t.megabytesPerSecond() : 0;
      }
    }
    return 0;
  }
}
