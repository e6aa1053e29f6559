package dev.vellum.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/** Creates the columnar reader of each partition, on the executor. */
final class VellumPartitionReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  private final ReaderSettings settings;
  private final SerializableConfiguration hadoopConf;
  private final ScanPushdown pushdown;

  VellumPartitionReaderFactory(
      ReaderSettings settings, SerializableConfiguration hadoopConf, ScanPushdown pushdown) {
    this.settings = settings;
    this.hadoopConf = hadoopConf;
    this.pushdown = pushdown;
  }

  @Override
  public boolean supportColumnarReads(InputPartition partition) {
    return true;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    throw new UnsupportedOperationException(
        "the vellum source reads columnar batches only; Spark asks for them when"
            + " supportColumnarReads is true");
  }

  @Override
  public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
    return new VellumColumnarPartitionReader(
        (VellumInputPartition) partition,
        settings,
        hadoopConf.value(),
        TaskContext.get(),
        Allocators.root(),
        pushdown);
  }
}
