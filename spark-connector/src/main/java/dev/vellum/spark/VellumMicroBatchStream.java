package dev.vellum.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadMaxFiles;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;

/**
 * {@code spark.readStream().format("vellum").load(folder)}: each trigger lists the paths and admits
 * the files not admitted before, oldest modification first (then by path), at most {@code
 * maxFilesPerTrigger} of them. The admitted files of each batch are written to the checkpoint
 * ({@link StreamFileLog}) before Spark records the batch's offset, so across restarts every file
 * becomes rows exactly once (with an idempotent sink such as Spark's file sink). A file is admitted
 * once by path: rewriting it later does not read it again.
 */
final class VellumMicroBatchStream implements MicroBatchStream, SupportsAdmissionControl {
  private final VellumOptions options;
  private final SessionSettings settings;
  private final StreamFileLog log;
  private final PartitionReaderFactory readers;

  VellumMicroBatchStream(
      VellumOptions options,
      SessionSettings settings,
      String checkpointLocation,
      PartitionReaderFactory readers) {
    this.options = options;
    this.settings = settings;
    this.readers = readers;
    this.log = new StreamFileLog(settings.hadoopConf(), checkpointLocation);
  }

  @Override
  public Offset initialOffset() {
    return new VellumStreamOffset(0);
  }

  @Override
  public Offset deserializeOffset(String json) {
    return VellumStreamOffset.parse(json);
  }

  @Override
  public ReadLimit getDefaultReadLimit() {
    return options.maxFilesPerTrigger() > 0
        ? ReadLimit.maxFiles(options.maxFilesPerTrigger())
        : ReadLimit.allAvailable();
  }

  @Override
  public Offset latestOffset() {
    throw new UnsupportedOperationException(
        "the vellum stream admits files with a read limit: Spark calls latestOffset(start, limit)");
  }

  /**
   * The offset after {@code start}: the batch already logged after it (a restart before Spark
   * recorded it), or a new batch of the files not yet admitted, or {@code start} when there is
   * none.
   */
  @Override
  public Offset latestOffset(Offset start, ReadLimit limit) {
    long next = ((VellumStreamOffset) start).batch() + 1;
    if (next <= log.lastBatch()) {
      return new VellumStreamOffset(next);
    }
    List<ListedFile> fresh = new ArrayList<>();
    for (ListedFile file : new FileLister(settings.hadoopConf(), options).list()) {
      if (!log.admitted(file.path())) {
        fresh.add(file);
      }
    }
    if (fresh.isEmpty()) {
      return start;
    }
    fresh.sort(
        Comparator.comparingLong(ListedFile::modificationTime).thenComparing(ListedFile::path));
    if (limit instanceof ReadMaxFiles max && fresh.size() > max.maxFiles()) {
      fresh = fresh.subList(0, max.maxFiles());
    }
    log.write(next, fresh);
    return new VellumStreamOffset(next);
  }

  @Override
  public InputPartition[] planInputPartitions(Offset start, Offset end) {
    List<ListedFile> files = new ArrayList<>();
    long first = ((VellumStreamOffset) start).batch() + 1;
    for (long batch = first; batch <= ((VellumStreamOffset) end).batch(); batch++) {
      files.addAll(log.read(batch));
    }
    return settings.planner().plan(files).toArray(new InputPartition[0]);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return readers;
  }

  @Override
  public void commit(Offset end) {
    // The log is small (a line per file) and keeps the admitted set; nothing to release.
  }

  @Override
  public void stop() {
    // No thread or connection to close.
  }
}
