package dev.embeddings.eval;

/**
 * Settings of the analogy evaluation.
 *
 * @param restrict only the {@code restrict} most frequent words are candidates and may appear in questions
 *                 (word2vec's compute-accuracy and evaluate_vectors.py default: 30000)
 * @param threads  worker threads for the similarity products
 */
public record AnalogyConfig(int restrict, int threads) {

    public static final int DEFAULT_RESTRICT = 30_000;

    public static AnalogyConfig defaults() {
        return new AnalogyConfig(DEFAULT_RESTRICT, Runtime.getRuntime().availableProcessors());
    }

    /** Throws {@link IllegalArgumentException} naming the first parameter out of range. */
    public AnalogyConfig validate() {
        if (restrict < 1) {
            throw new IllegalArgumentException("restrict must be at least 1, got " + restrict);
        }
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
        }
        return this;
    }
}
