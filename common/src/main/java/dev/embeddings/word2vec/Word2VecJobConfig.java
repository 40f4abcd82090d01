package dev.embeddings.word2vec;

import dev.embeddings.averaging.MergeRule;
import dev.embeddings.averaging.ReplicaScope;
import dev.embeddings.averaging.TrainingDefaults;
import dev.embeddings.config.Validation;
import java.util.List;

/**
 * The word2vec job: training hyper-parameters plus how the work is distributed and where it goes.
 *
 * @param corpus        corpus directory written by {@code embeddings corpus}
 * @param output        output directory (staged, renamed into place when complete)
 * @param training      the hyper-parameters; {@code threads} is per worker
 * @param workers       parallel workers (Spark tasks), each training a copy on its shards
 * @param syncsPerEpoch averaging rounds per epoch
 * @param init          earlier output directory to warm-start from, or null
 * @param parquet       also write vectors.parquet
 * @param overwrite     replace an existing output directory
 * @param merge         how workers' changes are combined after each round
 * @param rareSyncEvery rows of rare words (fewer occurrences than rounds x workers in an epoch, i.e. less than one
 *                      per worker per round) are merged every this many rounds and at each epoch's end, the others
 *                      every round; 1 = every row every round, the only choice with subwords
 * @param replicaScope  which workers train one replica together
 */
public record Word2VecJobConfig(String corpus, String output, Word2VecConfig training, int workers,
        int syncsPerEpoch, String init, boolean parquet, boolean overwrite, MergeRule merge, int rareSyncEvery,
        ReplicaScope replicaScope) {

    /** Rounds per epoch for one worker by default: progress and checkpoints (quality does not depend on it). */
    public static final int ONE_WORKER_ROUNDS = 4;

    /**
     * Rounds per epoch for several workers by default: on the analogy benchmark, fewer rounds leave the workers'
     * copies apart too long and many more also lose (why is not known; a guess: each merge moves the hot rows that
     * each copy's other rows had fitted to). The number of rounds, not the words per round, predicted the quality,
     * and this count came closest to one worker's, for CBOW and skip-gram alike; with subwords, half as many rounds
     * traded WordSim-353 for semantic analogies and twice as many lost syntactic ones, so it holds there too.
     */
    public static final int SEVERAL_WORKERS_ROUNDS = 16;

    /**
     * The merge rules word2vec offers, its default first: with several workers, the adaptive merge scored above the
     * sum on the analogy benchmark, for CBOW and skip-gram, and came closest to one worker.
     */
    public static final List<MergeRule> MERGES = List.of(MergeRule.ADAPTIVE, MergeRule.SUM, MergeRule.AVERAGE);

    /** Every row merged every round. */
    public static final int DEFAULT_RARE_SYNC_EVERY = 1;

    /** The rounds per epoch {@code workers} workers run by default. */
    public static int defaultRounds(int workers) {
        return workers == 1 ? ONE_WORKER_ROUNDS : SEVERAL_WORKERS_ROUNDS;
    }

    public Word2VecJobConfig {
        Validation.trainingJob(corpus, output, workers, syncsPerEpoch);
        training.validate();
        MergeRule.requireOneOf(MERGES, merge);
        Validation.atLeast("rareSyncEvery", rareSyncEvery, 1);
        if (rareSyncEvery > 1 && training.subwords()) {
            throw new IllegalArgumentException("rareSyncEvery must be 1 with subwords (maxn " + training.maxn()
                    + "): rare and frequent words share n-gram rows, so no row is a rare word's alone");
        }
        if (replicaScope == null) {
            throw new IllegalArgumentException("replicaScope must be executor or worker");
        }
    }

    /** The default replicas ({@link TrainingDefaults#REPLICA_SCOPE}). */
    public Word2VecJobConfig(String corpus, String output, Word2VecConfig training, int workers, int syncsPerEpoch,
            String init, boolean parquet, boolean overwrite, MergeRule merge, int rareSyncEvery) {
        this(corpus, output, training, workers, syncsPerEpoch, init, parquet, overwrite, merge, rareSyncEvery,
                TrainingDefaults.REPLICA_SCOPE);
    }

    /** This config with {@code scope}'s replicas. */
    public Word2VecJobConfig withReplicaScope(ReplicaScope scope) {
        return new Word2VecJobConfig(corpus, output, training, workers, syncsPerEpoch, init, parquet, overwrite, merge,
                rareSyncEvery, scope);
    }

    /** Every row merged every round. */
    public Word2VecJobConfig(String corpus, String output, Word2VecConfig training, int workers, int syncsPerEpoch,
            String init, boolean parquet, boolean overwrite, MergeRule merge) {
        this(corpus, output, training, workers, syncsPerEpoch, init, parquet, overwrite, merge,
                DEFAULT_RARE_SYNC_EVERY);
    }

    /** The lowest count of a word whose rows are merged every round: rounds per epoch x workers. */
    public long hotCount() {
        return (long) syncsPerEpoch * workers;
    }

    /** With the default merge rule, the first of {@link #MERGES}. */
    public Word2VecJobConfig(String corpus, String output, Word2VecConfig training, int workers, int syncsPerEpoch, String init,
            boolean parquet, boolean overwrite) {
        this(corpus, output, training, workers, syncsPerEpoch, init, parquet, overwrite, MERGES.get(0));
    }
}
