package dev.embeddings.glove;

import dev.embeddings.averaging.MergeRule;
import dev.embeddings.config.Validation;

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
 */
public record GloveJobConfig(String corpus, String output, GloveConfig training, int workers, int syncsPerEpoch,
        String init, boolean parquet, boolean overwrite, MergeRule merge) {

    public GloveJobConfig {
        Validation.trainingJob(corpus, output, workers, syncsPerEpoch);
        training.validate();
        if (merge == null) {
            throw new IllegalArgumentException("--merge must be sum or average");
        }
    }

    /** With the default merge rule, {@link MergeRule#SUM} (measured better than averaging: see README). */
    public GloveJobConfig(String corpus, String output, GloveConfig training, int workers, int syncsPerEpoch, String init,
            boolean parquet, boolean overwrite) {
        this(corpus, output, training, workers, syncsPerEpoch, init, parquet, overwrite, MergeRule.SUM);
    }
}
