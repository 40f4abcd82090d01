package dev.embeddings.finetune;

import dev.embeddings.matrix.FloatMatrix;
import java.util.SplittableRandom;

/**
 * The initial embedding table for a task vocabulary: a {@code rows x dim} matrix, row i for token row i. Words with a
 * pretrained vector get it (a composed one outside the vectors' vocabulary when they come with a subword model); the
 * others and the unknown-word row get uniform random vectors; the padding row is zero.
 */
public record EmbeddingMatrix(FloatMatrix values) {

    /** Kim (2014)'s range for random word vectors when there is no pretrained scale to match. */
    private static final double DEFAULT_RANDOM_RANGE = 0.25;

    /**
     * Random vectors for every row but padding: uniform in [-a, a] with the variance of the entries of
     * {@code scale} (Kim 2014), so a random-initialisation baseline starts on the pretrained vectors' scale; in
     * [-0.25, 0.25] if {@code scale} is null.
     */
    public static EmbeddingMatrix random(TokenIndex index, int dim, PretrainedVectors scale, long seed) {
        return build(index, null, dim, randomRange(scale), seed);
    }

    /**
     * Pretrained vectors where the vectors have the word (case-insensitive fallback); random ones elsewhere, with
     * the same variance as the pretrained entries so the two kinds of rows start on one scale.
     */
    public static EmbeddingMatrix pretrained(TokenIndex index, PretrainedVectors vectors, long seed) {
        return build(index, vectors, vectors.dim(), randomRange(vectors), seed);
    }

    public int rows() {
        return values.rows();
    }

    public int dim() {
        return values.width();
    }

    /** The a of U[-a, a] whose variance is that of the entries of {@code vectors}: sqrt(3) standard deviations. */
    static double randomRange(PretrainedVectors vectors) {
        double range = vectors == null ? 0 : Math.sqrt(3) * vectors.entryStd();
        return range > 0 ? range : DEFAULT_RANDOM_RANGE;
    }

    private static EmbeddingMatrix build(TokenIndex index, PretrainedVectors vectors, int dim, double range,
                                         long seed) {
        if (dim < 1) {
            throw new IllegalArgumentException("embedding dimension must be at least 1, got " + dim);
        }
        int rows = index.rows();
        FloatMatrix values = FloatMatrix.zeros(rows, dim);
        SplittableRandom random = new SplittableRandom(seed);
        for (int row = TokenIndex.UNKNOWN; row < rows; row++) {
            float[] segment = values.segment(row);
            int offset = values.offset(row);
            boolean pretrained = vectors != null && row != TokenIndex.UNKNOWN
                    && vectors.copyVector(index.word(row), segment, offset);
            if (!pretrained) {
                for (int j = offset, end = offset + dim; j < end; j++) {
                    segment[j] = (float) random.nextDouble(-range, range);
                }
            }
        }
        return new EmbeddingMatrix(values);
    }
}
