package dev.embeddings.cli;

import dev.embeddings.averaging.MergeRule;
import dev.embeddings.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * How a training command spreads its work (a picocli mixin of word2vec, refresh and glove): workers, how their
 * changes are merged, how often, and threads per worker. What a worker does and how many rounds "0" means differ
 * by model, so each command words {@code --workers} and {@code --syncs-per-epoch} in its resource bundle
 * ({@link #help}) and passes the same round counts to {@link #roundsPerEpoch}.
 */
final class AveragingOptions {

    @Option(names = "--workers", defaultValue = "1", descriptionKey = "workers",
            description = "Parallel workers (Spark tasks) (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--merge", defaultValue = "sum", paramLabel = "sum|average",
            description = "How workers' changes to a row are combined after a round: sum (their sum, as sequential "
                    + "SGD would) or average (classic parameter averaging) (default: ${DEFAULT-VALUE}).")
    String merge;

    @Option(names = "--syncs-per-epoch", defaultValue = "0", paramLabel = "K", descriptionKey = "syncs-per-epoch",
            description = "Averaging rounds per epoch; 0 = automatic (default: ${DEFAULT-VALUE}).")
    int syncsPerEpoch;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T",
            description = "Threads per worker; 0 = the cores of this machine / workers in local mode, "
                    + "spark.task.cpus on a cluster (default: ${DEFAULT-VALUE}).")
    int threads;

    /**
     * The contents of a command's resource bundle for these options: its description of a worker, and what
     * {@code --syncs-per-epoch 0} means there (the counts it gives {@link #roundsPerEpoch}).
     */
    static Object[][] help(String workersDescription, int oneWorker, int severalWorkers) {
        return new Object[][] {
                {"workers", workersDescription + " (default: ${DEFAULT-VALUE})."},
                {"syncs-per-epoch", "Averaging rounds per epoch; 0 = " + oneWorker + " for one worker, "
                        + severalWorkers + " for several (default: ${DEFAULT-VALUE})."}};
    }

    /** The rounds per epoch to run: {@code --syncs-per-epoch} as given, or by default the command's count. */
    int roundsPerEpoch(int oneWorker, int severalWorkers) {
        return syncsPerEpoch != 0 ? syncsPerEpoch : workers == 1 ? oneWorker : severalWorkers;
    }

    MergeRule merge() {
        return Options.choice("--merge", merge, MergeRule.class);
    }

    /** Threads per worker before Spark can tell the default: {@code --threads 0} counts as 1, to validate with. */
    int provisionalThreads() {
        return Math.max(1, threads);
    }

    /** Threads per worker: as given, or by default what {@code session}'s master affords each worker. */
    int threads(SparkSession session) {
        return threads > 0 ? threads : SparkSessions.defaultThreadsPerTask(session, workers);
    }
}
