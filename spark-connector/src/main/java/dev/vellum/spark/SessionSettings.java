package dev.vellum.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;

/**
 * What a scan takes from the active session on the driver: the Hadoop configuration and the
 * partition sizing settings of Spark's file sources.
 */
record SessionSettings(
    Configuration hadoopConf, long maxPartitionBytes, long openCostInBytes, int minPartitionNum) {

  private static final String MIN_PARTITION_NUM = "spark.sql.files.minPartitionNum";
  private static final String LEAF_NODE_PARALLELISM = "spark.sql.leafNodeDefaultParallelism";

  static SessionSettings current() {
    SparkSession spark = SparkSession.active();
    var conf = spark.conf();
    SQLConf sqlConf = spark.sessionState().conf();
    int minPartitionNum =
        conf.contains(MIN_PARTITION_NUM)
            ? Integer.parseInt(conf.get(MIN_PARTITION_NUM).trim())
            : conf.contains(LEAF_NODE_PARALLELISM)
                ? Integer.parseInt(conf.get(LEAF_NODE_PARALLELISM).trim())
                : spark.sparkContext().defaultParallelism();
    return new SessionSettings(
        new Configuration(spark.sparkContext().hadoopConfiguration()),
        sqlConf.filesMaxPartitionBytes(),
        sqlConf.filesOpenCostInBytes(),
        minPartitionNum);
  }

  PartitionPlanner planner() {
    return new PartitionPlanner(maxPartitionBytes, openCostInBytes, minPartitionNum);
  }
}
