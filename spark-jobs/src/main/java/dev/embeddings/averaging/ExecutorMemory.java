package dev.embeddings.averaging;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * The check, before a training starts, that its replicas fit the executors' heaps and the final model the driver's
 * ({@link ReplicaMemory}): a model that cannot fit is refused with one line naming the numbers and the settings to
 * change, instead of an OutOfMemoryError rounds later. In local mode the executors are the driver's JVM.
 */
public final class ExecutorMemory {

    /** Spark's reserved memory, not available to tasks (spark.testing.reservedMemory). */
    private static final long RESERVED = 300L << 20;

    /** The settings that make any model smaller, as the refusal names them. */
    public static final String SMALLER_MODEL = "lower --dim, raise --min-count or lower --max-vocab";

    private ExecutorMemory() {
    }

    /** Throws IllegalArgumentException when {@code workers} workers' replicas ({@code scope}) cannot fit. */
    public static void requireFits(ReplicaMemory memory, String job, SparkContext spark, int workers,
            ReplicaScope scope) {
        requireFits(memory, job, spark, workers, scope, SMALLER_MODEL);
    }

    /** As {@link #requireFits(ReplicaMemory, String, SparkContext, int, ReplicaScope)}, naming {@code smaller}. */
    public static void requireFits(ReplicaMemory memory, String job, SparkContext spark, int workers,
            ReplicaScope scope, String smaller) {
        SparkConf conf = spark.conf();
        boolean local = spark.isLocal();
        long executorHeap = local ? Runtime.getRuntime().maxMemory()
                : conf.getSizeAsBytes("spark.executor.memory", "1g");
        int slots = local ? workers : Math.max(1, conf.getInt("spark.executor.cores", 1)
                / Math.max(1, conf.getInt("spark.task.cpus", 1)));
        int perExecutor = Math.min(workers, slots);
        long needed = memory.perExecutor(perExecutor, scope);
        String heapSetting = local ? "EMBEDDINGS_DRIVER_MEMORY (the local JVM's -Xmx)" : "spark.executor.memory";
        if (needed > executorHeap - RESERVED) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the model needs %s per executor "
                    + "(%s) but an executor's heap is %s (%s of it reserved by Spark); raise %s, %s%s", job,
                    ReplicaMemory.gib(needed), memory.perExecutorBreakdown(perExecutor, scope),
                    ReplicaMemory.gib(executorHeap), ReplicaMemory.gib(RESERVED), heapSetting, smaller,
                    scope == ReplicaScope.EXECUTOR ? ""
                            : ", or run fewer workers per executor or --replica-per executor"));
        }
        long driverHeap = local ? executorHeap : conf.getSizeAsBytes("spark.driver.memory", "1g");
        if (memory.driver() > driverHeap - RESERVED) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the driver needs %s to write the "
                    + "final vectors (the model and the vocabulary) but its heap is %s; raise %s, %s", job,
                    ReplicaMemory.gib(memory.driver()), ReplicaMemory.gib(driverHeap),
                    local ? heapSetting : "spark.driver.memory", smaller));
        }
    }
}
