package dev.vellum.benchmarks;

import dev.vellum.benchmarks.Results.Doc;
import dev.vellum.benchmarks.Results.EngineResult;
import dev.vellum.benchmarks.Results.JmhRow;
import dev.vellum.benchmarks.Results.LowF1;
import dev.vellum.benchmarks.Results.PassRecord;
import dev.vellum.benchmarks.Results.QualityRow;
import dev.vellum.benchmarks.WorkerProcess.FileResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Writes report.md, report.json, failures.tsv and the chart from one run's results. */
final class Report {
  private final Results r;

  private Report(Results results) {
    this.r = results;
  }

  static void write(Results results, Path out) throws IOException {
    Report report = new Report(results);
    Files.createDirectories(out);
    Files.writeString(out.resolve("failures.tsv"), report.failuresTsv(), StandardCharsets.UTF_8);
    Chart.Drawn chart;
    try {
      chart = Chart.write(results, report.throughputRows(), out);
    } catch (IOException | RuntimeException e) {
      Run.log("chart failed: %s", e);
      chart = new Chart.Drawn(List.of(), List.of("every engine (the chart failed: " + e + ")"));
    }
    Files.writeString(out.resolve("report.md"), report.markdown(chart), StandardCharsets.UTF_8);
    Files.writeString(
        out.resolve("report.json"), JsonText.write(report.json()), StandardCharsets.UTF_8);
  }

  /** Median, min and max over rounds of one engine on one family with some threads. */
  record Throughput(
      String family,
      int threads,
      String engine,
      int files,
      double megabytes,
      double filesPerSecond,
      double megabytesPerSecond,
      double ratioMedian,
      double ratioMin,
      double ratioMax,
      int rounds,
      int skipped,
      int charged,
      int restarts) {}

  List<Throughput> throughputRows() {
    List<Throughput> rows = new ArrayList<>();
    for (String family : r.families()) {
      List<Integer> allThreads = new ArrayList<>(r.options().threads());
      r.options().peerThreads().stream()
          .filter(t -> !allThreads.contains(t))
          .forEach(allThreads::add);
      for (int threads : allThreads) {
        Map<Integer, PassRecord> vellum = passes(family, threads, "vellum");
        for (EngineResult engine : r.engines()) {
          Map<Integer, PassRecord> mine = passes(family, threads, engine.name());
          if (mine.isEmpty()) {
            continue;
          }
          List<Double> fps = new ArrayList<>();
          List<Double> mbps = new ArrayList<>();
          List<Double> ratios = new ArrayList<>();
          int skipped = 0;
          int charged = 0;
          int restarts = 0;
          for (var entry : mine.entrySet()) {
            PassRecord pass = entry.getValue();
            fps.add(pass.filesPerSecond());
            mbps.add(pass.megabytesPerSecond());
            skipped = Math.max(skipped, pass.skipped());
            charged = Math.max(charged, pass.charged());
            restarts += pass.restarts();
            PassRecord v = vellum.get(entry.getKey());
            if (v != null && pass.megabytesPerSecond() > 0 && v.megabytesPerSecond() > 0) {
              ratios.add(v.megabytesPerSecond() / pass.megabytesPerSecond());
            }
          }
          PassRecord any = mine.values().iterator().next();
          rows.add(
              new Throughput(
                  family,
                  threads,
                  engine.name(),
                  any.files(),
                  any.bytes() / 1e6,
                  Stats.median(fps),
                  Stats.median(mbps),
                  Stats.median(ratios),
                  Stats.min(ratios),
                  Stats.max(ratios),
                  mine.size(),
                  skipped,
                  charged,
                  restarts));
        }
      }
    }
    return rows;
  }

  private Map<Integer, PassRecord> passes(String family, int threads, String engine) {
    Map<Integer, PassRecord> byRound = new TreeMap<>();
    for (PassRecord pass : r.passes()) {
      if (pass.family().equals(family)
          && pass.threads() == threads
          && pass.engine().equals(engine)) {
        byRound.put(pass.round(), pass);
      }
    }
    return byRound;
  }

  private List<Doc> familyDocs(String family) {
    return r.docs().stream().filter(d -> d.family().equals(family)).toList();
  }

  private EngineResult engine(String name) {
    return r.engines().stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
  }

  /** Whether Vellum extracts this family today: fewer than half its files are unsupported. */
  boolean vellumExtracts(String family) {
    EngineResult vellum = engine("vellum");
    List<Doc> docs = familyDocs(family);
    long unsupported =
        docs.stream()
            .map(d -> vellum.first().get(d.index()))
            .filter(f -> f != null && f.message().startsWith("unsupported"))
            .count();
    return unsupported * 2 < docs.size();
  }

  /** Outcome counts of one engine over some files: ok, failed, timed out, crashed, not run. */
  private int[] counts(EngineResult engine, List<Doc> docs) {
    int[] c = new int[5];
    for (Doc doc : docs) {
      if (engine.crashed().containsKey(doc.index())) {
        c[3]++;
      } else if (engine.timedOut().containsKey(doc.index())) {
        c[2]++;
      } else {
        FileResult f = engine.first().get(doc.index());
        if (f == null) {
          c[4]++;
        } else if (f.status().equals("ok")) {
          c[0]++;
        } else {
          c[1]++;
        }
      }
    }
    return c;
  }

  private List<String> handledFamilies(EngineResult engine) {
    List<String> families = new ArrayList<>();
    for (String family : r.families()) {
      if (!Options.pdfOnly(engine.name()) || family.equals("pdf")) {
        families.add(family);
      }
    }
    return families;
  }

  private List<Doc> handledDocs(EngineResult engine) {
    List<String> families = handledFamilies(engine);
    return r.docs().stream().filter(d -> families.contains(d.family())).toList();
  }

  /** The failure kind: Vellum's error kind, or the exception class of a peer. */
  static String kind(String message) {
    if (message == null || message.isBlank()) {
      return "?";
    }
    int colon = message.indexOf(':');
    return (colon > 0 ? message.substring(0, colon) : message).trim();
  }

  // ---------------------------------------------------------------- markdown

  private String markdown(Chart.Drawn chart) {
    StringBuilder md = new StringBuilder();
    Options o = r.options();
    long totalBytes = r.docs().stream().mapToLong(Doc::bytes).sum();
    md.append("# Vellum against Apache Tika and other peers\n\n");
    md.append("Generated by `").append(o.commandLine()).append("` from ").append(r.startedAt());
    md.append(" to ")
        .append(r.finishedAt())
        .append(" (")
        .append(r.elapsedSeconds() / 60)
        .append(" min). ");
    md.append("Corpus: `").append(o.corpus().getFileName()).append("`, ").append(r.docs().size());
    md.append(" files, ").append(f1(totalBytes / 1e6)).append(" MB");
    md.append(o.limit() > 0 ? " (a sample: at most " + o.limit() + " files per family)" : "");
    md.append(o.formats().isEmpty() ? "" : " (formats " + String.join(",", o.formats()) + ")");
    md.append(". Threads ")
        .append(o.threads())
        .append(", ")
        .append(o.rounds())
        .append(o.rounds() == 1 ? " round, " : " rounds, ");
    md.append("per-file timeout ").append(o.timeoutMillis() / 1000).append(" s, worker heap -Xmx");
    md.append(o.heap()).append(". MB = 10^6 bytes.");
    if (o.peerRounds() != o.rounds() || !o.peerThreads().equals(o.threads())) {
      md.append(" To fit the run in its time, the engines other than Vellum and Tika ran ");
      md.append(o.peerRounds()).append(o.peerRounds() == 1 ? " round" : " rounds");
      md.append(" with threads ").append(o.peerThreads()).append(" (`--peer-rounds`,");
      md.append(" `--peer-threads`), interleaved with Vellum and Tika in the same rounds.");
    }
    md.append("\n\n");
    if (r.roundsCut() > 0) {
      md.append("**Rounds cut by the time budget (`--budget ").append(f1(o.budgetSeconds() / 60.0));
      md.append("`): ").append(r.roundsCut()).append(" of ").append(o.rounds());
      md.append(" rounds ran.**\n\n");
    }
    md.append("How to read it, and the method: [benchmarks/README.md](../README.md).\n\n");

    summary(md);
    headline(md);
    for (String image : chart.files()) {
      md.append("![").append(image.replace(".png", "")).append("](").append(image).append(")\n\n");
    }
    if (!chart.leftOut().isEmpty()) {
      md.append("Left out of the family chart (no figure for some family): ");
      md.append(String.join(", ", chart.leftOut())).append(".\n\n");
    }
    throughput(md);
    memory(md);
    robustness(md);
    quality(md);
    floor(md);
    objects(md);
    spark(md);
    jmh(md);
    machine(md);
    return md.toString();
  }

  /**
   * Vellum ÷ peer over all the families Vellum extracts today, taken together: per round, the bytes
   * of those families over the sum of their pass times; median, min, max over rounds.
   */
  double[] textFamilyRatio(String peer, int threads) {
    return textFamilyRatio("vellum", peer, threads);
  }

  double[] textFamilyRatio(String engine, String peer, int threads) {
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= r.options().rounds(); round++) {
      double[] v = textFamilyTotals(engine, threads, round);
      double[] p = textFamilyTotals(peer, threads, round);
      if (v[0] > 0 && p[0] > 0 && v[1] > 0 && p[1] > 0) {
        ratios.add((v[0] / v[1]) / (p[0] / p[1]));
      }
    }
    return new double[] {Stats.median(ratios), Stats.min(ratios), Stats.max(ratios)};
  }

  private double[] textFamilyTotals(String engine, int threads, int round) {
    double bytes = 0;
    double seconds = 0;
    for (PassRecord pass : r.passes()) {
      if (pass.engine().equals(engine)
          && pass.threads() == threads
          && pass.round() == round
          && Family.VELLUM_SUPPORTED.contains(pass.family())) {
        bytes += pass.bytes();
        seconds += pass.seconds();
      }
    }
    return new double[] {bytes, seconds};
  }

  private void summary(StringBuilder md) {
    md.append("## Summary\n\n");
    List<Doc> text =
        r.docs().stream().filter(d -> Family.VELLUM_SUPPORTED.contains(d.family())).toList();
    md.append("- **The formats Vellum extracts** (")
        .append(String.join(", ", Family.VELLUM_SUPPORTED));
    md.append(": ").append(text.size()).append(" files, ");
    md.append(f1(text.stream().mapToLong(Doc::bytes).sum() / 1e6)).append(" MB), Vellum's");
    md.append(" throughput ÷ each peer's, all these families together (above 1: Vellum faster): ");
    List<String> peers = new ArrayList<>();
    for (EngineResult e : r.engines()) {
      if (e.name().startsWith("vellum") || Options.pdfOnly(e.name()) || e.first().isEmpty()) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      for (int threads : r.options().threads()) {
        double[] ratio = textFamilyRatio(e.name(), threads);
        if (Double.isNaN(ratio[0])) {
          continue;
        }
        parts.add(
            "**"
                + f2(ratio[0])
                + "×** ["
                + f2(ratio[1])
                + "–"
                + f2(ratio[2])
                + "] with "
                + threads
                + " thread"
                + (threads == 1 ? "" : "s"));
      }
      peers.add(e.name() + " " + String.join(", ", parts));
    }
    md.append(String.join("; ", peers)).append(".\n");
    EngineResult batch = engine("vellum-batch");
    if (batch != null && !batch.first().isEmpty()) {
      md.append("- **Vellum batched** (`extractAll`, ").append(VellumEngine.BATCH);
      md.append(" files per native call, as Spark and `extractAll` use it) on the same families:");
      List<String> parts = new ArrayList<>();
      for (int threads : r.options().threads()) {
        double[] self = textFamilyRatio("vellum-batch", "vellum", threads);
        double[] tika = textFamilyRatio("vellum-batch", "tika", threads);
        parts.add(
            " with "
                + threads
                + " thread"
                + (threads == 1 ? "" : "s")
                + " **"
                + f2(self[0])
                + "×** the one-call-per-file figure and **"
                + f2(tika[0])
                + "×** Tika's");
      }
      md.append(String.join(";", parts)).append(".\n");
    }
    EngineResult vellum = engine("vellum");
    List<Doc> other =
        r.docs().stream().filter(d -> !Family.VELLUM_SUPPORTED.contains(d.family())).toList();
    int[] c = counts(vellum, r.docs());
    md.append("- **Every other family** (")
        .append(other.size())
        .append(" files: e-mail and unknown extensions) is");
    md.append(" not extracted by Vellum yet: those files are `unsupported` error rows. In all,");
    md.append(" Vellum extracted ");
    md.append(c[0]).append(" of ").append(r.docs().size()).append(" files, failed on ");
    md.append(c[1]).append(", timed out on ").append(c[2]).append(", crashed on ").append(c[3]);
    EngineResult tika = engine("tika");
    if (tika != null && !tika.first().isEmpty()) {
      int[] t = counts(tika, r.docs());
      md.append("; Tika extracted ").append(t[0]).append(", failed on ").append(t[1]);
      md.append(", timed out on ").append(t[2]).append(", crashed on ").append(t[3]);
    }
    md.append(".\n");
    if (tika != null && vellum.peakHwmKb() > 0 && tika.peakHwmKb() > 0) {
      md.append("- **Peak memory** (resident, whole run): Vellum ").append(mb(vellum.peakHwmKb()));
      md.append(" MB, Tika ").append(mb(tika.peakHwmKb())).append(" MB.\n");
    }
    Map<String, String> s = r.spark();
    if (s.containsKey("ratio.tika_over_vellum")
        || s.containsKey("ratio.vellum_spark_over_java_api")) {
      md.append("- **Spark** (local[2], every file): Tika UDF job ÷ Vellum job ");
      md.append(s.getOrDefault("ratio.tika_over_vellum", "–"))
          .append("×; Vellum Spark job ÷ plain");
      md.append(" Java API ").append(s.getOrDefault("ratio.vellum_spark_over_java_api", "–"));
      md.append("× (target ≤ 1.3×).\n");
    }
    if (!r.jmh().isEmpty()) {
      JmhRow one = r.jmh().get(0);
      JmhRow last = r.jmh().get(r.jmh().size() - 1);
      md.append("- **The JNI/Arrow crossing**: ").append(f0(one.nanosPerDocument()));
      md.append(" ns per call for a batch of ").append(one.batchSize()).append(", ");
      md.append(f0(last.nanosPerDocument())).append(" ns per document in batches of ");
      md.append(last.batchSize()).append(".\n");
    }
    md.append("\n");
  }

  private void headline(StringBuilder md) {
    md.append("## Headline: Vellum ÷ Tika\n\n");
    md.append("Throughput ratio, Vellum's MB/s divided by Tika's on the same files with the same");
    md.append(" threads: above 1 Vellum is faster, below 1 slower. Median over rounds, [min–max].");
    md.append(" Families Vellum does not extract yet are marked *unsupported*: there Vellum only");
    md.append(" detects the type and returns an `unsupported` error row, so its speed is not an");
    md.append(" extraction speed and no ratio is given.\n\n");
    md.append("| family | files | MB | Vellum ok / failed | Tika ok / failed |");
    for (int t : r.options().threads()) {
      md.append(" ").append(t).append(" thread").append(t == 1 ? "" : "s").append(" |");
    }
    md.append(" F1 vs Tika (median) |\n|---|---:|---:|---:|---:|");
    md.append("---:|".repeat(r.options().threads().size())).append("---:|\n");
    List<Throughput> rows = throughputRows();
    EngineResult vellum = engine("vellum");
    EngineResult tika = engine("tika");
    for (String family : r.families()) {
      List<Doc> docs = familyDocs(family);
      int[] v = counts(vellum, docs);
      md.append("| ").append(family).append(" | ").append(docs.size()).append(" | ");
      md.append(f1(docs.stream().mapToLong(Doc::bytes).sum() / 1e6)).append(" | ");
      md.append(v[0]).append(" / ").append(v[1] + v[2] + v[3]).append(" | ");
      if (tika != null) {
        int[] t = counts(tika, docs);
        md.append(t[0]).append(" / ").append(t[1] + t[2] + t[3]).append(" | ");
      } else {
        md.append("– | ");
      }
      boolean extracts = vellumExtracts(family);
      for (int threads : r.options().threads()) {
        Throughput t = find(rows, family, threads, "tika");
        md.append(extracts && t != null ? ratio(t) : extracts ? "–" : "*unsupported*")
            .append(" | ");
      }
      QualityRow q = qualityRow(family, "tika");
      md.append(q == null ? "–" : f2(q.median()) + " (" + q.pairs() + " files)").append(" |\n");
    }
    md.append("\n");
  }

  private QualityRow qualityRow(String family, String peer) {
    return r.quality().stream()
        .filter(q -> q.family().equals(family) && q.peer().equals(peer))
        .findFirst()
        .orElse(null);
  }

  private static Throughput find(List<Throughput> rows, String family, int threads, String engine) {
    return rows.stream()
        .filter(
            t -> t.family().equals(family) && t.threads() == threads && t.engine().equals(engine))
        .findFirst()
        .orElse(null);
  }

  private static String ratio(Throughput t) {
    if (Double.isNaN(t.ratioMedian())) {
      return "–";
    }
    return f2(t.ratioMedian()) + "× [" + f2(t.ratioMin()) + "–" + f2(t.ratioMax()) + "]";
  }

  private void throughput(StringBuilder md) {
    md.append("## Throughput per family\n\n");
    md.append("Every engine over the same files of a family, wall time of the whole set with N");
    md.append(" threads, warm process; median over rounds. \"Vellum ÷ engine\" is the ratio of");
    md.append(
        " MB/s per round, median [min–max]. Files that timed out or crashed an engine are not");
    md.append(" tried again by that engine in later passes (\"skipped\"); its throughput is over");
    md.append(" the files it was given.\n\n");
    md.append(
        "| family | threads | engine | files | MB | files/s | MB/s | Vellum ÷ engine | notes |\n");
    md.append("|---|---:|---|---:|---:|---:|---:|---:|---|\n");
    for (Throughput t : throughputRows()) {
      String notes = vellumExtracts(t.family()) ? "" : "Vellum: unsupported family";
      if (t.skipped() > 0) {
        notes += (notes.isEmpty() ? "" : "; ") + t.skipped() + " skipped";
      }
      if (t.charged() > 0) {
        notes += (notes.isEmpty() ? "" : "; ") + t.charged() + " timed-out files charged";
      }
      if (t.restarts() > 0) {
        notes += (notes.isEmpty() ? "" : "; ") + t.restarts() + " worker restarts";
      }
      md.append("| ").append(t.family()).append(" | ").append(t.threads()).append(" | ");
      md.append(t.engine()).append(" | ").append(t.files()).append(" | ").append(f1(t.megabytes()));
      md.append(" | ")
          .append(f1(t.filesPerSecond()))
          .append(" | ")
          .append(f2(t.megabytesPerSecond()));
      md.append(" | ").append(t.engine().equals("vellum") ? "" : ratio(t)).append(" | ");
      md.append(notes).append(" |\n");
    }
    md.append("\n");
  }

  private void memory(StringBuilder md) {
    md.append("## Peak memory per engine\n\n");
    md.append("Each engine runs in its own worker process. VmHWM is the peak resident set of that");
    md.append(" process over the whole run (every family, every thread count), read from");
    md.append(
        " `/proc/self/status`; the worker JVMs have the same `-Xmx`. \"Outside the Java heap\"");
    md.append(" is the peak of resident set minus committed heap, sampled every 20 ms: JVM");
    md.append(
        " metaspace, code and thread stacks for every JVM engine, plus Arrow buffers and the");
    md.append(" Rust core's allocations for Vellum. Python engines have no Java heap.\n\n");
    md.append(
        "| engine | peak RSS (VmHWM) MB | outside the Java heap MB | Java heap used MB | worker starts |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    for (EngineResult e : r.engines()) {
      if (e.peakHwmKb() < 0) {
        continue;
      }
      boolean jvm = Options.jvm(e.name());
      md.append("| ").append(e.name()).append(" | ").append(mb(e.peakHwmKb())).append(" | ");
      md.append(jvm ? mb(e.peakOutsideHeapKb()) : "–").append(" | ");
      md.append(jvm ? mb(e.peakHeapKb()) : "–").append(" | ").append(e.starts()).append(" |\n");
    }
    EngineResult vellum = engine("vellum");
    EngineResult baseline = engine("inflate");
    if (baseline == null || baseline.peakOutsideHeapKb() < 0) {
      baseline = engine("pdfbox");
    }
    if (vellum != null && vellum.peakHwmKb() > 0) {
      md.append("\nVellum's resident memory outside the Java heap peaked at ");
      md.append(mb(vellum.peakOutsideHeapKb())).append(" MB, ");
      md.append(Math.round(100.0 * vellum.peakOutsideHeapKb() / vellum.peakHwmKb()));
      md.append("% of its peak resident set");
      if (baseline != null && baseline.peakOutsideHeapKb() >= 0) {
        long nativeKb = Math.max(0, vellum.peakOutsideHeapKb() - baseline.peakOutsideHeapKb());
        md.append("; less the ").append(baseline.name()).append(" worker's (a JVM with no native");
        md.append(" library, ").append(mb(baseline.peakOutsideHeapKb())).append(" MB), Vellum's");
        md.append(" native share (Rust core, Arrow buffers, JNI) is about ").append(mb(nativeKb));
        md.append(" MB");
      }
      md.append(
          ". Worker JVMs start with `-Xms8m`, so the committed heap follows the used heap.\n");
    }
    md.append("\n");
  }

  private void robustness(StringBuilder md) {
    md.append("## Robustness\n\n");
    md.append("Per engine, over the files of the families it handles (first pass). *Failed*: the");
    md.append(
        " engine returned an error (Vellum: an error row; peers: an exception). *Timed out*:");
    md.append(" no result within the per-file timeout (the thread is abandoned, the worker");
    md.append(" replaced after the pass). *Crashed*: the worker process died or hung on the file");
    md.append(" (restarted; the file is blamed when it was in flight). A failure never stops the");
    md.append(" run. Every failed file of every engine is in [failures.tsv](failures.tsv).\n\n");
    md.append(
        "| engine | version | files | ok | failed | timed out | crashed worker | failures by kind |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---|\n");
    for (EngineResult e : r.engines()) {
      if (e.unavailable() != null && e.first().isEmpty()) {
        md.append("| ").append(e.name()).append(" | – | – | – | – | – | – | not run: ");
        md.append(cell(e.unavailable())).append(" |\n");
        continue;
      }
      List<Doc> docs = handledDocs(e);
      int[] c = counts(e, docs);
      Map<String, Integer> kinds = new TreeMap<>();
      for (Doc d : docs) {
        FileResult f = e.first().get(d.index());
        if (f != null && !f.status().equals("ok") && !e.timedOut().containsKey(d.index())) {
          kinds.merge(kind(f.message()), 1, Integer::sum);
        }
      }
      md.append("| ").append(e.name()).append(" | ").append(cell(e.version())).append(" | ");
      md.append(docs.size()).append(" | ").append(c[0]).append(" | ").append(c[1]).append(" | ");
      md.append(c[2]).append(" | ").append(c[3]).append(" | ");
      md.append(cell(topKinds(kinds, 6))).append(" |\n");
    }
    md.append("\n");
    EngineResult vellum = engine("vellum");
    md.append("### Vellum's failures\n\n");
    Map<String, Integer> unsupported = new TreeMap<>();
    List<String> others = new ArrayList<>();
    for (Doc d : r.docs()) {
      FileResult f = vellum.first().get(d.index());
      if (f != null && !f.status().equals("ok")) {
        if (f.message().startsWith("unsupported")) {
          unsupported.merge(
              d.family() + "` as `" + (f.mimeType().isEmpty() ? "?" : f.mimeType()),
              1,
              Integer::sum);
        } else {
          others.add("| `" + d.relative() + "` | " + d.family() + " | " + cell(f.message()) + " |");
        }
      }
    }
    md.append("`unsupported` (formats of later issues), by family and detected MIME type:\n\n");
    md.append("| family and type | files |\n|---|---:|\n");
    unsupported.forEach(
        (k, v) -> md.append("| `").append(k).append("` | ").append(v).append(" |\n"));
    md.append("\nEvery other failure of Vellum (").append(others.size()).append(" files):\n\n");
    if (!others.isEmpty()) {
      md.append("| file | family | error |\n|---|---|---|\n");
      others.forEach(line -> md.append(line).append('\n'));
    }
    for (String k : List.of("timedOut", "crashed")) {
      Map<Integer, String> m = k.equals("timedOut") ? vellum.timedOut() : vellum.crashed();
      md.append("\nVellum ").append(k.equals("timedOut") ? "timed out" : "crashed its worker");
      md.append(" on ").append(m.size()).append(" files");
      md.append(m.isEmpty() ? "." : ": ");
      List<String> names = new ArrayList<>();
      m.keySet().forEach(i -> names.add("`" + r.docs().get(i).relative() + "`"));
      md.append(String.join(", ", names)).append("\n");
    }
    md.append("\n");
  }

  private static String topKinds(Map<String, Integer> kinds, int n) {
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(kinds.entrySet());
    sorted.sort((a, b) -> b.getValue() - a.getValue());
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < Math.min(n, sorted.size()); i++) {
      parts.add(sorted.get(i).getKey() + " " + sorted.get(i).getValue());
    }
    if (sorted.size() > n) {
      parts.add("…");
    }
    return String.join(", ", parts);
  }

  private void quality(StringBuilder md) {
    md.append("## Quality: token F1 against the peers\n\n");
    md.append("Per file that both engines extracted: each text is a bag of words after NFKC and");
    md.append(" lower-casing, split on every character that is not a letter or a digit; F1 of");
    md.append(" Vellum's bag against the peer's (1 = the same words, as often). It measures");
    md.append(" agreement, not truth: a peer that adds boilerplate lowers it too.\n\n");
    md.append("Micro F1 sums the tokens of all the family's files before taking F1 (large files");
    md.append(" weigh more); the last three columns take only the files where the peer finds at");
    md.append(" least ").append(TokenF1.LARGE).append(" tokens. *Garbled* counts the files where");
    md.append(" more than ").append(Math.round(TokenF1.GARBLED * 100));
    md.append("% of Vellum's non-blank characters are private-use, replacement (U+FFFD) or");
    md.append(" control characters while the peer's are not (mojibake on Vellum's side). Every");
    md.append(" file's figures are in `f1.tsv`. *English* takes the files whose text (either");
    md.append(" side's) reads as English: at least 20 tokens, 8% or more of them common English");
    md.append(" function words.\n\n");
    md.append("| family | peer | files | median F1 | 10th percentile | micro F1 | files with ≥");
    md.append(TokenF1.LARGE).append(" peer tokens | their median | their 10th percentile |");
    md.append(" garbled | English files | their median |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (QualityRow q : r.quality()) {
      md.append("| ").append(q.family()).append(" | ").append(q.peer()).append(" | ");
      md.append(q.pairs()).append(" | ").append(f2(q.median())).append(" | ");
      md.append(f2(q.p10())).append(" | ").append(f3(q.micro())).append(" | ");
      md.append(q.large()).append(" | ").append(f3(q.largeMedian())).append(" | ");
      md.append(f3(q.largeP10())).append(" | ").append(q.garbled().size()).append(" | ");
      md.append(q.english()).append(" | ").append(f3(q.englishMedian())).append(" |\n");
    }
    for (QualityRow q : r.quality()) {
      if (!q.garbled().isEmpty()) {
        md.append("\nGarbled against ").append(q.peer()).append(" (").append(q.family());
        md.append("): ");
        md.append(String.join(", ", q.garbled().stream().map(p -> "`" + p + "`").toList()));
        md.append("\n");
      }
    }
    md.append("\n### The ").append(r.lowest().size());
    md.append(" files where Vellum and Tika agree least\n\n");
    for (LowF1 low : r.lowest()) {
      md.append("**`").append(low.path()).append("`** (").append(low.family()).append("), F1 ");
      md.append(f2(low.f1())).append("\n\n");
      md.append("Vellum:\n\n")
          .append(fence(low.vellum()))
          .append("Tika:\n\n")
          .append(fence(low.tika()));
    }
  }

  private static String fence(String text) {
    return "```text\n" + text.replace("```", "'''") + "\n```\n\n";
  }

  private void floor(StringBuilder md) {
    if (!r.families().contains("pdf")) {
      return;
    }
    md.append("## PDF: the inflate floor\n\n");
    md.append("The floor is the time to read every PDF and inflate all its `/FlateDecode` streams");
    md.append(
        " with `java.util.zip` and nothing else. Each engine's time as a multiple of the floor");
    md.append(" (same files, same threads; median over rounds).\n\n");
    md.append(
        "| threads | floor MB/s | engine | MB/s | multiple of the floor |\n|---:|---:|---|---:|---:|\n");
    List<Throughput> rows = throughputRows();
    for (int threads : r.options().threads()) {
      Throughput floor = find(rows, "pdf", threads, "inflate");
      if (floor == null) {
        continue;
      }
      for (EngineResult e : r.engines()) {
        Throughput t = find(rows, "pdf", threads, e.name());
        if (t == null || e.name().equals("inflate")) {
          continue;
        }
        String multiple =
            e.name().startsWith("vellum") && !vellumExtracts("pdf")
                ? "n/a (not extracting PDFs yet)"
                : f1(floor.megabytesPerSecond() / t.megabytesPerSecond()) + "×";
        md.append("| ").append(threads).append(" | ").append(f2(floor.megabytesPerSecond()));
        md.append(" | ").append(e.name()).append(" | ").append(f2(t.megabytesPerSecond()));
        md.append(" | ").append(multiple).append(" |\n");
      }
    }
    md.append("\n");
  }

  /**
   * The PDF object layer alone: Vellum's core ({@code vellum-objects}) against PDFBox ({@code
   * pdfbox-objects}) opening every PDF, counting its pages and decoding every page's content
   * streams; the ratio is taken round by round.
   */
  private void objects(StringBuilder md) {
    EngineResult vellum = engine("vellum-objects");
    EngineResult pdfbox = engine("pdfbox-objects");
    if (vellum == null || pdfbox == null || !r.families().contains("pdf")) {
      return;
    }
    md.append("## PDF: the object layer alone, Vellum against PDFBox\n\n");
    md.append("Both open every PDF (cross-reference tables and streams, repair, decryption with");
    md.append(" the empty password), count its pages from the page tree and decode every page's");
    md.append(" content streams, with no text: `vellum-objects` is Vellum's Rust core in a native");
    md.append(
        " worker (`native/core/examples/pdf_objects_worker.rs`), `pdfbox-objects` is PDFBox's");
    md.append(" `Loader.loadPDF`, `getNumberOfPages` and `PDPage.getContents`. Ratio: Vellum's");
    md.append(" MB/s ÷ PDFBox's, round by round, median [min–max].\n\n");
    md.append("| threads | files | Vellum ok / failed | PDFBox ok / failed | Vellum MB/s |");
    md.append(" PDFBox MB/s | Vellum ÷ PDFBox |\n|---:|---:|---:|---:|---:|---:|---:|\n");
    List<Doc> pdfs = familyDocs("pdf");
    int[] v = counts(vellum, pdfs);
    int[] p = counts(pdfbox, pdfs);
    for (int threads : r.options().threads()) {
      Map<Integer, PassRecord> mine = passes("pdf", threads, "vellum-objects");
      Map<Integer, PassRecord> theirs = passes("pdf", threads, "pdfbox-objects");
      List<Double> ratios = new ArrayList<>();
      List<Double> vellumMbps = new ArrayList<>();
      List<Double> pdfboxMbps = new ArrayList<>();
      for (var entry : mine.entrySet()) {
        vellumMbps.add(entry.getValue().megabytesPerSecond());
        PassRecord other = theirs.get(entry.getKey());
        if (other != null && other.megabytesPerSecond() > 0) {
          ratios.add(entry.getValue().megabytesPerSecond() / other.megabytesPerSecond());
        }
      }
      theirs.values().forEach(pass -> pdfboxMbps.add(pass.megabytesPerSecond()));
      if (vellumMbps.isEmpty() || pdfboxMbps.isEmpty()) {
        continue;
      }
      md.append("| ").append(threads).append(" | ").append(pdfs.size()).append(" | ");
      md.append(v[0]).append(" / ").append(v[1] + v[2] + v[3]).append(" | ");
      md.append(p[0]).append(" / ").append(p[1] + p[2] + p[3]).append(" | ");
      md.append(f2(Stats.median(vellumMbps))).append(" | ").append(f2(Stats.median(pdfboxMbps)));
      md.append(" | ");
      md.append(
          ratios.isEmpty()
              ? "–"
              : f2(Stats.median(ratios))
                  + "× ["
                  + f2(Stats.min(ratios))
                  + "–"
                  + f2(Stats.max(ratios))
                  + "]");
      md.append(" |\n");
    }
    md.append("\n");
  }

  private void spark(StringBuilder md) {
    md.append("## Spark end to end (local[2])\n\n");
    Map<String, String> s = r.spark();
    if (s.containsKey("skipped")) {
      md.append("Not run: ").append(s.get("skipped")).append("\n\n");
      return;
    }
    md.append("Same input folder, same columns (`path`, `length`, `modification_time`,");
    md.append(" `mime_type`, `content`, `error`), written to Parquet. Vellum:");
    md.append(" `spark.read().format(\"vellum\")`. Tika: `spark.read().format(\"binaryFile\")`");
    md.append(
        " plus a Java UDF calling `AutoDetectParser` (Tika in its own class loader, since its");
    md.append(" jars clash with Spark's; the UDF has the same per-file timeout). Plain Java API:");
    md.append(" `Extractor.extractAll` on 2 threads over the same files, no output written. Wall");
    md.append(" time, median over the rounds after a warm-up job of each; in one JVM.\n\n");
    if (s.containsKey("failed")) {
      md.append("**The Spark comparison failed:** ").append(s.get("failed")).append("\n\n");
    }
    md.append("| job | seconds | rows | rows with an error |\n|---|---:|---:|---:|\n");
    for (String job : List.of("vellum_spark", "tika_spark", "java_api")) {
      if (s.containsKey(job + ".seconds")) {
        md.append("| ").append(job).append(" | ").append(s.get(job + ".seconds")).append(" | ");
        md.append(s.getOrDefault(job + ".rows", "–")).append(" | ");
        md.append(s.getOrDefault(job + ".errors", "–")).append(" |\n");
      } else if (s.containsKey(job + ".failed")) {
        md.append("| ").append(job).append(" | failed: ").append(cell(s.get(job + ".failed")));
        md.append(" | – | – |\n");
      }
    }
    md.append("\n");
    if (s.containsKey("ratio.tika_over_vellum")) {
      md.append("- Tika job time ÷ Vellum job time: **").append(s.get("ratio.tika_over_vellum"));
      md.append("×** (above 1: Vellum faster; the input includes every family, also those");
      md.append(" Vellum does not extract yet, where it only writes an `unsupported` row).\n");
    }
    if (s.containsKey("ratio.vellum_spark_over_java_api")) {
      md.append("- Vellum Spark job ÷ plain Java API: **")
          .append(s.get("ratio.vellum_spark_over_java_api"));
      md.append("×** (what Spark, Parquet, JNI and Arrow cost; target ≤ 1.3×).\n");
    }
    md.append("\n");
  }

  private void jmh(StringBuilder md) {
    md.append("## The JNI/Arrow crossing (JMH)\n\n");
    if (r.jmh().isEmpty()) {
      md.append("Not run (`--no-jmh`, or JMH failed: see logs/jmh.log in the work folder).\n\n");
      return;
    }
    md.append("Empty documents through `BatchExtractor.extract` with every output column: build");
    md.append(" and export the input batch, the native call, import and close the output batch.");
    md.append(" JMH average time, 1 fork, 2 × 1 s warm-up, 3 × 1 s measurement.\n\n");
    md.append("| batch size | ns per batch | ± (99.9%) | ns per document | documents/s |\n");
    md.append("|---:|---:|---:|---:|---:|\n");
    for (JmhRow row : r.jmh()) {
      md.append("| ").append(row.batchSize()).append(" | ").append(f0(row.nanosPerBatch()));
      md.append(" | ").append(f0(row.error())).append(" | ").append(f0(row.nanosPerDocument()));
      md.append(" | ").append(f0(1e9 / row.nanosPerDocument())).append(" |\n");
    }
    md.append("\n");
  }

  private void machine(StringBuilder md) {
    md.append("## Machine\n\n| | |\n|---|---|\n");
    r.machine()
        .forEach((k, v) -> md.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
    md.append("\n");
  }

  // ---------------------------------------------------------------- tsv and json

  private String failuresTsv() {
    StringBuilder tsv = new StringBuilder("engine\tpath\tfamily\tstatus\tmessage\n");
    for (EngineResult e : r.engines()) {
      for (Doc d : handledDocs(e)) {
        String status;
        String message;
        if (e.crashed().containsKey(d.index())) {
          status = "crashed";
          message = e.crashed().get(d.index());
        } else if (e.timedOut().containsKey(d.index())) {
          status = "timeout";
          message = e.timedOut().get(d.index());
        } else {
          FileResult f = e.first().get(d.index());
          if (f == null || f.status().equals("ok")) {
            continue;
          }
          status = "failed";
          message = f.message();
        }
        tsv.append(e.name()).append('\t').append(d.relative()).append('\t').append(d.family());
        tsv.append('\t').append(status).append('\t').append(Worker.clean(message)).append('\n');
      }
    }
    return tsv.toString();
  }

  private Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    Options o = r.options();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("command", o.commandLine());
    settings.put("corpus", o.corpus().toString());
    settings.put("formats", o.formats());
    settings.put("threads", o.threads());
    settings.put("rounds", o.rounds());
    settings.put("peerRounds", o.peerRounds());
    settings.put("peerThreads", o.peerThreads());
    settings.put("timeoutSeconds", o.timeoutMillis() / 1000);
    settings.put("limitPerFamily", o.limit());
    settings.put("warmupPerFamily", o.warmup());
    settings.put("workerHeap", o.heap());
    settings.put("budgetMinutes", o.budgetSeconds() / 60.0);
    settings.put("roundsRun", r.roundsCut() > 0 ? r.roundsCut() : o.rounds());
    settings.put("startedAt", r.startedAt());
    settings.put("finishedAt", r.finishedAt());
    json.put("settings", settings);
    json.put("machine", r.machine());
    List<Object> families = new ArrayList<>();
    for (String family : r.families()) {
      List<Doc> docs = familyDocs(family);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("family", family);
      f.put("files", docs.size());
      f.put("megabytes", docs.stream().mapToLong(Doc::bytes).sum() / 1e6);
      f.put("vellumExtracts", vellumExtracts(family));
      Map<String, Object> outcomes = new LinkedHashMap<>();
      for (EngineResult e : r.engines()) {
        if (handledFamilies(e).contains(family) && !e.first().isEmpty()) {
          int[] c = counts(e, docs);
          outcomes.put(
              e.name(),
              Map.of(
                  "ok", c[0], "failed", c[1], "timedOut", c[2], "crashed", c[3], "notRun", c[4]));
        }
      }
      f.put("outcomes", outcomes);
      families.add(f);
    }
    json.put("families", families);
    List<Object> throughput = new ArrayList<>();
    for (Throughput t : throughputRows()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("family", t.family());
      row.put("threads", t.threads());
      row.put("engine", t.engine());
      row.put("files", t.files());
      row.put("megabytes", t.megabytes());
      row.put("filesPerSecond", t.filesPerSecond());
      row.put("megabytesPerSecond", t.megabytesPerSecond());
      row.put(
          "vellumOverEngine",
          Map.of("median", t.ratioMedian(), "min", t.ratioMin(), "max", t.ratioMax()));
      row.put("rounds", t.rounds());
      row.put("skipped", t.skipped());
      row.put("chargedTimeouts", t.charged());
      row.put("restarts", t.restarts());
      throughput.add(row);
    }
    json.put("throughput", throughput);
    Map<String, Object> textFamily = new LinkedHashMap<>();
    for (EngineResult e : r.engines()) {
      if (e.name().equals("vellum") || Options.pdfOnly(e.name()) || e.first().isEmpty()) {
        continue;
      }
      Map<String, Object> byThreads = new LinkedHashMap<>();
      for (int threads : r.options().threads()) {
        double[] ratio = textFamilyRatio(e.name(), threads);
        byThreads.put(
            Integer.toString(threads),
            Map.of("median", ratio[0], "min", ratio[1], "max", ratio[2]));
      }
      textFamily.put(e.name(), byThreads);
    }
    json.put("vellumOverPeerOnVellumFamilies", textFamily);
    List<Object> passes = new ArrayList<>();
    for (PassRecord p : r.passes()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("engine", p.engine());
      row.put("family", p.family());
      row.put("threads", p.threads());
      row.put("round", p.round());
      row.put("files", p.files());
      row.put("bytes", p.bytes());
      row.put("seconds", p.seconds());
      row.put("skipped", p.skipped());
      row.put("chargedTimeouts", p.charged());
      row.put("restarts", p.restarts());
      passes.add(row);
    }
    json.put("passes", passes);
    List<Object> engines = new ArrayList<>();
    for (EngineResult e : r.engines()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("engine", e.name());
      row.put("version", e.version());
      row.put("unavailable", e.unavailable());
      row.put("workerStarts", e.starts());
      row.put("peakRssMegabytes", e.peakHwmKb() < 0 ? null : e.peakHwmKb() / 1024.0);
      row.put(
          "peakOutsideHeapMegabytes",
          e.peakOutsideHeapKb() < 0 ? null : e.peakOutsideHeapKb() / 1024.0);
      row.put("peakHeapUsedMegabytes", e.peakHeapKb() < 0 ? null : e.peakHeapKb() / 1024.0);
      if (!e.first().isEmpty()) {
        int[] c = counts(e, handledDocs(e));
        row.put("ok", c[0]);
        row.put("failed", c[1]);
        row.put("timedOut", c[2]);
        row.put("crashed", c[3]);
      }
      List<String> timedOut = new ArrayList<>();
      e.timedOut().keySet().forEach(i -> timedOut.add(r.docs().get(i).relative()));
      List<String> crashed = new ArrayList<>();
      e.crashed().keySet().forEach(i -> crashed.add(r.docs().get(i).relative()));
      row.put("timedOutFiles", timedOut);
      row.put("crashedFiles", crashed);
      engines.add(row);
    }
    json.put("engines", engines);
    List<Object> quality = new ArrayList<>();
    for (QualityRow q : r.quality()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("family", q.family());
      row.put("peer", q.peer());
      row.put("files", q.pairs());
      row.put("medianF1", q.median());
      row.put("p10F1", q.p10());
      row.put("microF1", q.micro());
      row.put("largeFiles", q.large());
      row.put("largeMedianF1", Double.isNaN(q.largeMedian()) ? -1.0 : q.largeMedian());
      row.put("largeP10F1", Double.isNaN(q.largeP10()) ? -1.0 : q.largeP10());
      row.put("garbled", q.garbled());
      row.put("englishFiles", q.english());
      row.put("englishMedianF1", Double.isNaN(q.englishMedian()) ? -1.0 : q.englishMedian());
      quality.add(row);
    }
    json.put("quality", quality);
    List<Object> lowest = new ArrayList<>();
    for (LowF1 low : r.lowest()) {
      lowest.add(
          Map.of(
              "path",
              low.path(),
              "family",
              low.family(),
              "f1",
              low.f1(),
              "vellum",
              low.vellum(),
              "tika",
              low.tika()));
    }
    json.put("lowestF1VsTika", lowest);
    json.put("spark", r.spark());
    List<Object> jmh = new ArrayList<>();
    for (JmhRow row : r.jmh()) {
      jmh.add(
          Map.of(
              "batchSize", row.batchSize(),
              "nanosPerBatch", row.nanosPerBatch(),
              "error", row.error(),
              "nanosPerDocument", row.nanosPerDocument()));
    }
    json.put("jmhCrossing", jmh);
    return json;
  }

  // ---------------------------------------------------------------- formatting

  private static String cell(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
  }

  private static String mb(long kb) {
    return kb < 0 ? "–" : f0(kb / 1024.0);
  }

  static String f0(double d) {
    return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%,.0f", d);
  }

  static String f1(double d) {
    return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.1f", d);
  }

  static String f2(double d) {
    return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.2f", d);
  }

  static String f3(double d) {
    return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.3f", d);
  }
}
