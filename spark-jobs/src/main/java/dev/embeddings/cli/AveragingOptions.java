package dev.embeddings.cli;

import dev.embeddings.averaging.MergeRule;
import dev.embeddings.averaging.ReplicaScope;
import dev.embeddings.averaging.TrainingDefaults;
import dev.embeddings.config.ParameterDocs;
import dev.embeddings.spark.SparkSessions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * How a training command spreads its work (a picocli mixin of word2vec, refresh and glove): workers, how their
 * changes are merged, how often, and threads per worker. What a worker does, how many rounds "0" means and the
 * default merge differ by model, so each command words {@code --workers}, {@code --syncs-per-epoch} and
 * {@code --merge} in its resource bundle ({@link #help}) and passes the same values to {@link #roundsPerEpoch} and
 * {@link #merge}.
 */
final class AveragingOptions {

    /** These options' defaults: {@link TrainingDefaults}' ({@code --merge}'s is the command's, see {@link #merge}). */
    static Map<String, Object> defaults() {
        return Map.of("--workers", TrainingDefaults.WORKERS, "--syncs-per-epoch", TrainingDefaults.AUTOMATIC_ROUNDS,
                "--replica-per", TrainingDefaults.REPLICA_SCOPE, "--threads", TrainingDefaults.AUTOMATIC_THREADS);
    }

    @Option(names = "--workers", descriptionKey = "workers",
            description = "Parallel workers (Spark tasks) (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--merge", paramLabel = "RULE", descriptionKey = "merge",
            description = "How workers' changes to a row are combined after a round.")
    MergeRule merge;

    @Option(names = "--syncs-per-epoch", paramLabel = "K", descriptionKey = "syncs-per-epoch",
            description = "Averaging rounds per epoch; 0 = automatic (default: ${DEFAULT-VALUE}).")
    int syncsPerEpoch;

    @Option(names = "--replica-per", paramLabel = "SCOPE",
            description = "Which workers train one model replica together: executor = the workers an executor runs "
                    + "train one replica (Hogwild), only executors' replicas are synchronised; worker = one replica "
                    + "per worker, reproducible by seed at one thread per worker, more memory and traffic "
                    + "(default: ${DEFAULT-VALUE}).")
    ReplicaScope replicaPer;

    @Option(names = "--threads", paramLabel = "T",
            description = ParameterDocs.THREADS + " (default: ${DEFAULT-VALUE}).")
    int threads;

    /**
     * The contents of a command's resource bundle for these options: its description of a worker, what
     * {@code --syncs-per-epoch 0} means there (the counts it gives {@link #roundsPerEpoch}) and its merge rules (the
     * default it gives {@link #merge} first).
     */
    static Object[][] help(String workersDescription, int oneWorker, int severalWorkers, MergeRule... merges) {
        return new Object[][] {
                {"workers", workersDescription + " (default: ${DEFAULT-VALUE})."},
                {"syncs-per-epoch", "Averaging rounds per epoch; 0 = " + oneWorker + " for one worker, "
                        + severalWorkers + " for several (default: ${DEFAULT-VALUE})."},
                {"merge", "How workers' changes to a row are combined after a round (default: "
                        + Main.lowerCase(merges[0]) + "): " + Arrays.stream(merges).map(AveragingOptions::explain)
                        .collect(Collectors.joining("; ")) + "."}};
    }

    private static String explain(MergeRule rule) {
        return switch (rule) {
            case SUM -> "sum = their sum, as sequential SGD would";
            case AVERAGE -> "average = their mean (classic parameter averaging)";
            case ADAPTIVE -> "adaptive = row by row between sum and average, by how often each worker updated the row";
        };
    }

    /** The rounds per epoch to run: {@code --syncs-per-epoch} as given, or by default the command's count. */
    int roundsPerEpoch(int oneWorker, int severalWorkers) {
        return syncsPerEpoch != TrainingDefaults.AUTOMATIC_ROUNDS ? syncsPerEpoch
                : workers == 1 ? oneWorker : severalWorkers;
    }

    /**
     * The merge rule: {@code --merge} as given, or by default {@code merges[0]}; one of {@code merges} (the rules the
     * command's training supports, as in its {@link #help}).
     */
    MergeRule merge(MergeRule... merges) {
        return merge == null ? merges[0] : MergeRule.requireOneOf(List.of(merges), merge);
    }

    /** Which workers train one replica together ({@code --replica-per}). */
    ReplicaScope replicaScope() {
        return replicaPer;
    }

    /** Threads per worker before Spark can tell the default: {@code --threads 0} counts as 1, to validate with. */
    int provisionalThreads() {
        return Math.max(1, threads);
    }

    /** Threads per worker: as given, or by default what {@code session}'s master affords each worker. */
    int threads(SparkSession session) {
        return threads(session, 1);
    }

    /**
     * Threads per worker of one of {@code concurrentJobs} trainings that share {@code session} ({@code tune
     * --parallel}): as given, or by default what its master affords each of their workers.
     */
    int threads(SparkSession session, int concurrentJobs) {
        return threads > 0 ? threads : SparkSessions.defaultThreadsPerTask(session, workers * concurrentJobs);
    }
}
