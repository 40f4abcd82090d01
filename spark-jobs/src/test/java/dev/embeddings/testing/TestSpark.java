package dev.embeddings.testing;

import org.apache.spark.sql.SparkSession;

/** Spark sessions for tests: real Spark, small and quiet. */
public final class TestSpark {

    private TestSpark() {
    }

    /** Spark in this JVM with four task slots: enough for the tests' three-worker (barrier-mode) trainings. */
    public static SparkSession local() {
        return session("local[4]").getOrCreate();
    }

    /**
     * A real multi-JVM cluster: a master and {@code workers} worker JVMs with one core each, started by Spark's
     * {@code local-cluster} mode (needs the Surefire settings in the parent POM: spark.testing, SPARK_SCALA_VERSION).
     * Executors get the Vector API module, as conf/spark-defaults.conf gives them, so they run the SIMD kernels.
     */
    public static SparkSession localCluster(int workers) {
        return localCluster(workers, 1);
    }

    /** {@link #localCluster(int)} with {@code cores} cores (task slots) per worker JVM. */
    public static SparkSession localCluster(int workers, int cores) {
        return session("local-cluster[" + workers + "," + cores + ",1024]")
                .config("spark.executor.extraJavaOptions", "--add-modules=jdk.incubator.vector")
                .getOrCreate();
    }

    private static SparkSession.Builder session(String master) {
        return SparkSession.builder()
                .master(master)
                .appName("embeddings-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "4")
                .config("spark.driver.host", "127.0.0.1");
    }
}
