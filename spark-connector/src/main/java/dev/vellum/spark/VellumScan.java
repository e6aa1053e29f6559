package dev.vellum.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A batch scan of documents: the files are listed when the scan is built (on the driver, opening
 * none) and packed into partitions by bytes.
 */
final class VellumScan implements Scan, Batch {
  private final VellumOptions options;
  private final StructType readSchema;
  private final SessionSettings settings;
  private final List<ListedFile> files;

  VellumScan(VellumOptions options, StructType readSchema, SessionSettings settings) {
    this.options = options;
    this.readSchema = readSchema;
    this.settings = settings;
    this.files = new FileLister(settings.hadoopConf(), options).list();
  }

  @Override
  public StructType readSchema() {
    return readSchema;
  }

  @Override
  public String description() {
    return "vellum "
        + options.paths()
        + " ("
        + files.size()
        + " files, columns "
        + String.join(", ", columns())
        + ")";
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    return settings.planner().plan(files).toArray(new InputPartition[0]);
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
        new SerializableConfiguration(settings.hadoopConf()));
  }

  private List<String> columns() {
    return Arrays.stream(readSchema.fields()).map(StructField::name).toList();
  }
}
