package dev.embeddings.word2vec;

import java.util.SplittableRandom;

/**
 * The parameters word2vec trains, as flat row-major {@code float[]} matrices so they can be shared lock-free by
 * trainer threads and read, written and averaged row-wise by the averaging layer:
 * <ul>
 *   <li>{@link #input()}: the word vectors (word2vec.c's syn0), V rows of dim;</li>
 *   <li>{@link #output()}: the output layer, V rows for negative sampling (syn1neg) or V-1 rows, one per inner
 *       node of the Huffman tree, for hierarchical softmax (syn1).</li>
 * </ul>
 * Memory: 4 * dim * (V + output rows) bytes, i.e. about V x dim x 4 per matrix ({@link #bytesHeld()}). Each matrix
 * must fit one Java array (rows x dim below 2^31 - 16).
 */
public final class Word2VecModel {

    private static final long MAX_ARRAY = Integer.MAX_VALUE - 16L;

    private final int vocabularySize;
    private final int dim;
    private final Word2VecConfig.Loss loss;
    private final float[] input;
    private final float[] output;
    private int[] inputUpdates;
    private int[] outputUpdates;

    private Word2VecModel(int vocabularySize, int dim, Word2VecConfig.Loss loss, float[] input, float[] output) {
        this.vocabularySize = vocabularySize;
        this.dim = dim;
        this.loss = loss;
        this.input = input;
        this.output = output;
    }

    /**
     * A fresh model initialised as word2vec.c: input uniform in (-0.5/dim, 0.5/dim) drawn from {@code seed},
     * output zero.
     */
    public static Word2VecModel initialize(int vocabularySize, int dim, Word2VecConfig.Loss loss, long seed) {
        Word2VecModel model = zeros(vocabularySize, dim, loss);
        SplittableRandom random = new SplittableRandom(seed);
        float[] in = model.input;
        for (int i = 0; i < in.length; i++) {
            in[i] = (random.nextFloat() - 0.5f) / dim;
        }
        return model;
    }

    /** A model with both matrices zero, e.g. to receive averaged parameters. */
    public static Word2VecModel zeros(int vocabularySize, int dim, Word2VecConfig.Loss loss) {
        if (vocabularySize < 1 || (loss == Word2VecConfig.Loss.HS && vocabularySize < 2)) {
            throw new IllegalArgumentException("vocabulary too small for " + loss + ": " + vocabularySize + " words");
        }
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be positive, got " + dim);
        }
        requireFits(vocabularySize, dim);
        int outputRows = outputRows(vocabularySize, loss);
        return new Word2VecModel(vocabularySize, dim, loss, new float[vocabularySize * dim],
                new float[outputRows * dim]);
    }

    /** Refuses, before anything is allocated, matrices that do not fit one Java array each. */
    public static void requireFits(long vocabularySize, int dim) {
        if (vocabularySize * dim > MAX_ARRAY) {
            throw new IllegalArgumentException(String.format("%,d words x %d dims exceed one Java array (%,d floats at "
                    + "most); raise --min-count, set --max-vocab or lower --dim", vocabularySize, dim, MAX_ARRAY));
        }
    }

    /** Wraps existing matrices (not copied), e.g. parameters received from the averaging layer. */
    public static Word2VecModel wrap(int vocabularySize, int dim, Word2VecConfig.Loss loss, float[] input,
                                     float[] output) {
        if (input.length != (long) vocabularySize * dim) {
            throw new IllegalArgumentException("input matrix has " + input.length + " floats, expected "
                    + vocabularySize + " x " + dim);
        }
        int outputRows = outputRows(vocabularySize, loss);
        if (output.length != (long) outputRows * dim) {
            throw new IllegalArgumentException("output matrix has " + output.length + " floats, expected "
                    + outputRows + " x " + dim + " for " + loss);
        }
        return new Word2VecModel(vocabularySize, dim, loss, input, output);
    }

    private static int outputRows(int vocabularySize, Word2VecConfig.Loss loss) {
        return loss == Word2VecConfig.Loss.HS ? vocabularySize - 1 : vocabularySize;
    }

    /** Overwrites the input vector of {@code word} with {@code vector} (warm start, e.g. {@code --init}). */
    public void setInputRow(int word, float[] vector) {
        if (word < 0 || word >= vocabularySize) {
            throw new IllegalArgumentException("word id " + word + " outside vocabulary of " + vocabularySize);
        }
        if (vector.length != dim) {
            throw new IllegalArgumentException("vector for word " + word + " has " + vector.length
                    + " dims, model has " + dim);
        }
        System.arraycopy(vector, 0, input, word * dim, dim);
    }

    /** A copy of the input vector of {@code word}. */
    public float[] inputRow(int word) {
        float[] row = new float[dim];
        System.arraycopy(input, word * dim, row, 0, dim);
        return row;
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    public int dim() {
        return dim;
    }

    public Word2VecConfig.Loss loss() {
        return loss;
    }

    /** The live input matrix (V x dim, row-major); writes change the model. */
    public float[] input() {
        return input;
    }

    /** The live output matrix ({@link #outputRows()} x dim, row-major); writes change the model. */
    public float[] output() {
        return output;
    }

    public int outputRows() {
        return output.length / dim;
    }

    /**
     * From now on, training counts the updates each row of each matrix receives (what the adaptive merge of
     * parameter averaging weighs rows by); 4 bytes per row. Counts may come out slightly low when threads race.
     */
    public void countUpdates() {
        inputUpdates = new int[vocabularySize];
        outputUpdates = new int[outputRows()];
    }

    /** Updates per row of {input, output} since {@link #countUpdates}; the entries are null before it. */
    public int[][] updateCounts() {
        return new int[][] {inputUpdates, outputUpdates};
    }

    /** Updates per input row, or null when not counting. */
    int[] inputUpdates() {
        return inputUpdates;
    }

    /** Updates per output row, or null when not counting. */
    int[] outputUpdates() {
        return outputUpdates;
    }

    public long bytesHeld() {
        return 4L * (input.length + (long) output.length);
    }
}
