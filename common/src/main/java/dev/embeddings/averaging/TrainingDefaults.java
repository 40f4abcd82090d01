package dev.embeddings.averaging;


/**
 * How a training job (word2vec or GloVe) spreads its work unless told otherwise; the command line and the Spark ML
 * estimators both read these.
 */
public final class TrainingDefaults {

    public static final int WORKERS = 1;

    /** Averaging rounds per epoch: 0 = the model's count for the number of workers (its {@code defaultRounds}). */
    public static final int AUTOMATIC_ROUNDS = 0;

    /** Threads per worker: 0 = what the Spark master affords each worker. */
    public static final int AUTOMATIC_THREADS = 0;

    /** One replica per executor, trained by the workers it runs. */
    public static final ReplicaScope REPLICA_SCOPE = ReplicaScope.EXECUTOR;

    private TrainingDefaults() {
    }
}
