package dev.embeddings.eval;

import dev.embeddings.config.Validation;

/**
 * Settings of the analogy evaluation.
 *
 * @param restrict only the {@code restrict} most frequent words are candidates and may appear in questions
 *                 (word2vec's compute-accuracy and evaluate_vectors.py default: 30000)
 * @param threads  worker threads for the similarity products
 */
public record AnalogyConfig(int restrict, int threads) {

    public static final int DEFAULT_RESTRICT = 30_000;

    /** A thread count that asks for {@link #allCores(int) every core} of this machine, the default. */
    public static final int ALL_CORES = 0;

    public static AnalogyConfig defaults() {
        return new AnalogyConfig(DEFAULT_RESTRICT, allCores(ALL_CORES));
    }

    /** {@code threads}, or this machine's cores for {@link #ALL_CORES}. */
    public static int allCores(int threads) {
        return threads == ALL_CORES ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** Throws {@link IllegalArgumentException} naming the first parameter out of range. */
    public AnalogyConfig validate() {
        Validation.atLeast("restrict", restrict, 1);
        Validation.range("threads", threads, 1, 1024);
        return this;
    }
}
