package dev.embeddings.eval;

import dev.embeddings.vectors.WordVectors;

/** What evaluation does with a test word outside the vocabulary. */
public enum OovWords {
    /** Leaves out every question or pair that holds one (word2vec's compute-accuracy, evaluate_vectors.py). */
    SKIP,
    /**
     * Gives it the vector the subword model composes (fastText's vector for an unseen word) and scores the items it
     * completes separately, beside the in-vocabulary score, which stays that of {@link #SKIP}.
     */
    COMPOSE;

    /** Unless told otherwise, evaluation skips them, as the standard tools do. */
    public static final OovWords DEFAULT = SKIP;

    /** Whether to compose for {@code vectors}; throws {@link IllegalArgumentException} if they cannot. */
    boolean composesFor(WordVectors vectors) {
        if (this == COMPOSE && vectors.subwords().isEmpty()) {
            throw new IllegalArgumentException("composing out-of-vocabulary words needs vectors with a subword "
                    + "model (a fastText .bin, or model.bin beside the vectors)");
        }
        return this == COMPOSE;
    }
}
