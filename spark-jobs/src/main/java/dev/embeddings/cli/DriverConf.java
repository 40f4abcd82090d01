package dev.embeddings.cli;

import org.apache.hadoop.conf.Configuration;

/**
 * The Hadoop configuration for what a command reads and writes itself (the queries, convert, report, the path checks
 * before Spark starts): Hadoop's files plus the driver's {@code spark.hadoop.*} properties (spark-submit's
 * {@code --conf}, or {@code -D} flags), which is how Spark builds its jobs' configuration, so the same s3a and HDFS
 * settings serve both.
 */
final class DriverConf {

    private static final String SPARK_HADOOP = "spark.hadoop.";

    private DriverConf() {
    }

    static Configuration hadoop() {
        Configuration conf = new Configuration();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(SPARK_HADOOP))
                .forEach(k -> conf.set(k.substring(SPARK_HADOOP.length()), System.getProperty(k)));
        return conf;
    }
}
