package dev.embeddings.glove;

import dev.embeddings.averaging.MergeRule;
import dev.embeddings.averaging.ReplicaScope;
import dev.embeddings.averaging.TrainingDefaults;
import dev.embeddings.config.Validation;
import java.util.List;

/**
 * The GloVe job: training hyper-parameters plus how the work is distributed and where it goes.
 *
 * @param corpus        corpus directory written by {@code embeddings corpus}
 * @param output        output directory (staged, renamed into place when complete)
 * @param training      the hyper-parameters; {@code threads} is per worker
 * @param workers       parallel workers; worker p trains the co-occurrence rows hashed to p
 * @param syncsPerEpoch averaging rounds per epoch
 * @param init          earlier output directory to warm-start from, or null
 * @param parquet       also write vectors.parquet
 * @param overwrite     replace an existing output directory
 * @param merge         how workers' changes are combined after each round
 * @param cooccurrence  directory of a saved co-occurrence matrix: reused when it matches this run, written when
 *                      absent; null to count without saving
 * @param overwriteCooccurrence replace a saved matrix that does not match this run (or is incomplete or corrupt)
 *                      instead of failing
 * @param replicaScope  which workers train one replica together
 */
public record GloveJobConfig(String corpus, String output, GloveConfig training, int workers, int syncsPerEpoch,
        String init, boolean parquet, boolean overwrite, MergeRule merge, String cooccurrence,
        boolean overwriteCooccurrence, ReplicaScope replicaScope) {

    /** Rounds per epoch for one worker by default: it has nothing to merge. */
    public static final int ONE_WORKER_ROUNDS = 1;

    /** Several workers at one round per epoch lose much of the analogy accuracy on the planted sample; 4 recover it. */
    public static final int SEVERAL_WORKERS_ROUNDS = 4;

    /**
     * The merge rules GloVe offers, its default first (sum measured better than averaging: see docs/design.md).
     * Not adaptive, which needs per-row update counts that GloVe's training does not keep.
     */
    public static final List<MergeRule> MERGES = List.of(MergeRule.SUM, MergeRule.AVERAGE);

    /** The rounds per epoch {@code workers} workers run by default. */
    public static int defaultRounds(int workers) {
        return workers == 1 ? ONE_WORKER_ROUNDS : SEVERAL_WORKERS_ROUNDS;
    }

    public GloveJobConfig {
        Validation.trainingJob(corpus, output, workers, syncsPerEpoch);
        training.validate();
        MergeRule.requireOneOf(MERGES, merge);
        if (cooccurrence != null && (cooccurrence.isBlank() || cooccurrence.equals(output))) {
            throw new IllegalArgumentException("cooccurrence must name a directory other than the output, got '"
                    + cooccurrence + "'");
        }
        if (overwriteCooccurrence && cooccurrence == null) {
            throw new IllegalArgumentException("overwriteCooccurrence needs a cooccurrence directory");
        }
        if (replicaScope == null) {
            throw new IllegalArgumentException("replicaScope must be executor or worker");
        }
    }

    /** The default replicas ({@link TrainingDefaults#REPLICA_SCOPE}). */
    public GloveJobConfig(String corpus, String output, GloveConfig training, int workers, int syncsPerEpoch,
            String init, boolean parquet, boolean overwrite, MergeRule merge, String cooccurrence,
            boolean overwriteCooccurrence) {
        this(corpus, output, training, workers, syncsPerEpoch, init, parquet, overwrite, merge, cooccurrence,
                overwriteCooccurrence, TrainingDefaults.REPLICA_SCOPE);
    }

    /**
     * With the default merge rule, the first of {@link #MERGES}, counting co-occurrences without saving them.
     */
    public GloveJobConfig(String corpus, String output, GloveConfig training, int workers, int syncsPerEpoch, String init,
            boolean parquet, boolean overwrite) {
        this(corpus, output, training, workers, syncsPerEpoch, init, parquet, overwrite, MERGES.get(0), null, false);
    }

    /** This config reading and writing its co-occurrence matrix in {@code directory}. */
    public GloveJobConfig withCooccurrence(String directory, boolean overwriteSaved) {
        return new GloveJobConfig(corpus, output, training, workers, syncsPerEpoch, init, parquet, overwrite, merge,
                directory, overwriteSaved, replicaScope);
    }

    /** This config with {@code scope}'s replicas. */
    public GloveJobConfig withReplicaScope(ReplicaScope scope) {
        return new GloveJobConfig(corpus, output, training, workers, syncsPerEpoch, init, parquet, overwrite, merge,
                cooccurrence, overwriteCooccurrence, scope);
    }
}
