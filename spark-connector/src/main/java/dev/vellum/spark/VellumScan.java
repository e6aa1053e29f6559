package dev.vellum.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A scan of documents. In batch, the files are listed on the driver (opening none) when first
 * needed, the pushed filters on the listing drop files there, and the rest are packed into
 * partitions by bytes; as a stream, {@link VellumMicroBatchStream} lists the folder each trigger.
 */
final class VellumScan implements Scan, Batch {
  private final VellumOptions options;
  private final StructType readSchema;
  private final SessionSettings settings;
  private final ScanPushdown pushdown;
  private List<ListedFile> files;

  VellumScan(VellumOptions options, StructType readSchema, SessionSettings settings) {
    this(options, readSchema, settings, ScanPushdown.NONE);
  }

  VellumScan(
      VellumOptions options,
      StructType readSchema,
      SessionSettings settings,
      ScanPushdown pushdown) {
    this.options = options;
    this.readSchema = readSchema;
    this.settings = settings;
    this.pushdown = pushdown;
  }

  /** The listed files that the pushed filters on the listing keep. */
  List<ListedFile> files() {
    if (files == null) {
      List<FilePredicate> predicates = pushdown.listingPredicates();
      files =
          new FileLister(settings.hadoopConf(), options)
              .list().stream()
                  .filter(
                      f -> FilePredicate.all(predicates, FilePredicate.FileFacts.listed(f, null)))
                  .toList();
    }
    return files;
  }

  @Override
  public StructType readSchema() {
    return readSchema;
  }

  @Override
  public String description() {
    StringBuilder text =
        new StringBuilder("vellum ")
            .append(options.paths())
            .append(" (")
            .append(files().size())
            .append(" files, columns ")
            .append(String.join(", ", columns()));
    if (!pushdown.filters().isEmpty()) {
      text.append(", pushed filters ")
          .append(String.join(", ", pushdown.filters().stream().map(Filter::toString).toList()));
    }
    if (pushdown.limited()) {
      text.append(", limit ").append(pushdown.limit());
    }
    return text.append(")").toString();
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
    return new VellumMicroBatchStream(options, settings, checkpointLocation, createReaderFactory());
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return VellumMetrics.all();
  }

  @Override
  public InputPartition[] planInputPartitions() {
    return settings.planner().plan(files()).toArray(new InputPartition[0]);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new VellumPartitionReaderFactory(
        new ReaderSettings(
            columns(),
            options.mode(),
            options.ignoreMissingFiles(),
            options.extractionOptions(),
            options.contextOptions()),
        new SerializableConfiguration(settings.hadoopConf()),
        new ScanPushdown(pushdown.mimeTypePredicates(), List.of(), pushdown.limit()));
  }

  private List<String> columns() {
    return Arrays.stream(readSchema.fields()).map(StructField::name).toList();
  }
}
