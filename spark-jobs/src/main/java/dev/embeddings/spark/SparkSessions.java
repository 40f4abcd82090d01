package dev.embeddings.spark;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the Spark session for a job. Under spark-submit the master comes from its configuration; run directly
 * (the embedded default) it is {@code --master} or {@code local[*]}. When the embedded driver talks to a real
 * cluster, the application jar is shipped to the executors.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    public static SparkSession create(String appName, String master) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null && !master.isBlank()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        String effectiveMaster = conf.get("spark.master");
        if (!effectiveMaster.startsWith("local") && !conf.contains("spark.jars")) {
            applicationJar().ifPresent(jar -> conf.set("spark.jars", jar));
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /**
     * Threads a training task should use when the user did not say: in local mode the machine's cores shared by
     * the workers; on a cluster the cores Spark reserves per task (spark.task.cpus).
     */
    public static int defaultThreadsPerTask(SparkSession session, int workers) {
        SparkConf conf = session.sparkContext().getConf();
        if (conf.get("spark.master", "local").startsWith("local")) {
            return Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
        }
        return Math.max(1, conf.getInt("spark.task.cpus", 1));
    }

    private static java.util.Optional<String> applicationJar() {
        try {
            Path location = Paths.get(SparkSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toString().endsWith(".jar") ? java.util.Optional.of(location.toString())
                    : java.util.Optional.empty();
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }
}
