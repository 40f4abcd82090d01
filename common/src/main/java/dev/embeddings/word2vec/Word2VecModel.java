package dev.embeddings.word2vec;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.subword.SubwordRows;
import java.util.SplittableRandom;

/**
 * The parameters word2vec trains, as row-major {@link FloatMatrix} matrices so they can be shared lock-free by
 * trainer threads and read, written and averaged row-wise by the averaging layer:
 * <ul>
 *   <li>{@link #input()}: the word vectors (word2vec.c's syn0), V rows of dim; with subwords ({@link #subwords()}),
 *       fastText's input matrix: V word rows, then one row per character n-gram bucket;</li>
 *   <li>{@link #output()}: the output layer, V rows for negative sampling (syn1neg) or V-1 rows, one per inner
 *       node of the Huffman tree, for hierarchical softmax (syn1).</li>
 * </ul>
 * Memory: 4 * dim * (input rows + output rows) bytes, i.e. about V x dim x 4 per matrix plus buckets x dim x 4 with
 * subwords ({@link #bytesHeld()}); a matrix may exceed 2^31 floats (it is segmented).
 */
public final class Word2VecModel {

    private final int vocabularySize;
    private final int dim;
    private final Word2VecConfig.Loss loss;
    private final FloatMatrix input;
    private final FloatMatrix output;
    private final SubwordRows subwords;
    private int[] inputUpdates;
    private int[] outputUpdates;

    private Word2VecModel(int vocabularySize, int dim, Word2VecConfig.Loss loss, FloatMatrix input,
                          FloatMatrix output, SubwordRows subwords) {
        this.vocabularySize = vocabularySize;
        this.dim = dim;
        this.loss = loss;
        this.input = input;
        this.output = output;
        this.subwords = subwords;
    }

    /**
     * A fresh model initialised as word2vec.c: input uniform in (-0.5/dim, 0.5/dim) drawn from {@code seed},
     * output zero.
     */
    public static Word2VecModel initialize(int vocabularySize, int dim, Word2VecConfig.Loss loss, long seed) {
        Word2VecModel model = zeros(vocabularySize, dim, loss);
        model.fillInput(seed, 1f, 0.5f);
        return model;
    }

    /**
     * A fresh subword model initialised as fastText initialises its input matrix: every row, the words' and the
     * buckets', uniform in (-1/dim, 1/dim) drawn from {@code seed}; output zero.
     *
     * @param subwords the rows of each word, which fix V and the buckets
     */
    public static Word2VecModel initialize(SubwordRows subwords, int dim, Word2VecConfig.Loss loss, long seed) {
        Word2VecModel model = zeros(subwords, dim, loss);
        model.fillInput(seed, 2f, 1f);
        return model;
    }

    /** Sets every input value to (scale · u - shift) / dim, u uniform in [0, 1) drawn from {@code seed} in order. */
    private void fillInput(long seed, float scale, float shift) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < input.segmentCount(); s++) {
            float[] segment = input.segmentArray(s);
            for (int i = 0; i < segment.length; i++) {
                segment[i] = (scale * random.nextFloat() - shift) / dim;
            }
        }
    }

    /** A model with both matrices zero, e.g. to receive averaged parameters. */
    public static Word2VecModel zeros(int vocabularySize, int dim, Word2VecConfig.Loss loss) {
        requireShape(vocabularySize, dim, loss);
        return new Word2VecModel(vocabularySize, dim, loss, FloatMatrix.zeros(vocabularySize, dim),
                FloatMatrix.zeros(outputRows(vocabularySize, loss), dim), null);
    }

    /** A subword model with both matrices zero, e.g. to receive averaged parameters. */
    public static Word2VecModel zeros(SubwordRows subwords, int dim, Word2VecConfig.Loss loss) {
        int vocabularySize = subwords.words();
        requireShape(vocabularySize, dim, loss);
        return new Word2VecModel(vocabularySize, dim, loss, FloatMatrix.zeros(subwords.inputRows(), dim),
                FloatMatrix.zeros(outputRows(vocabularySize, loss), dim), subwords);
    }

    private static void requireShape(int vocabularySize, int dim, Word2VecConfig.Loss loss) {
        if (vocabularySize < 1 || (loss == Word2VecConfig.Loss.HS && vocabularySize < 2)) {
            throw new IllegalArgumentException("vocabulary too small for " + loss + ": " + vocabularySize + " words");
        }
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be positive, got " + dim);
        }
    }

    /** Wraps existing matrices (not copied), e.g. parameters received from the averaging layer. */
    public static Word2VecModel wrap(int vocabularySize, int dim, Word2VecConfig.Loss loss, FloatMatrix input,
                                     FloatMatrix output) {
        return wrap(vocabularySize, vocabularySize, dim, loss, input, output, null);
    }

    /** Wraps the existing matrices (not copied) of a subword model whose words have {@code subwords}' rows. */
    public static Word2VecModel wrap(SubwordRows subwords, int dim, Word2VecConfig.Loss loss, FloatMatrix input,
                                     FloatMatrix output) {
        return wrap(subwords.words(), subwords.inputRows(), dim, loss, input, output, subwords);
    }

    private static Word2VecModel wrap(int vocabularySize, int inputRows, int dim, Word2VecConfig.Loss loss,
                                      FloatMatrix input, FloatMatrix output, SubwordRows subwords) {
        if (input.rows() != inputRows || input.width() != dim) {
            throw new IllegalArgumentException("input matrix is " + input.rows() + " x " + input.width()
                    + ", expected " + inputRows + " x " + dim);
        }
        int outputRows = outputRows(vocabularySize, loss);
        if (output.rows() != outputRows || output.width() != dim) {
            throw new IllegalArgumentException("output matrix is " + output.rows() + " x " + output.width()
                    + ", expected " + outputRows + " x " + dim + " for " + loss);
        }
        return new Word2VecModel(vocabularySize, dim, loss, input, output, subwords);
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
        input.setRow(word, vector, 0);
    }

    /** A copy of the input row of {@code word} (with subwords, its own row, not its vector: {@link #vectors()}). */
    public float[] inputRow(int word) {
        return input.row(word);
    }

    /** The rows of each word with subwords, null for plain word vectors. */
    public SubwordRows subwords() {
        return subwords;
    }

    /**
     * The word vectors, row i word i's: the live input matrix for plain word vectors; with subwords a new V x dim
     * matrix of each word's composition ({@link SubwordRows#compose}, fastText's {@code getWordVector}).
     */
    public FloatMatrix vectors() {
        if (subwords == null) {
            return input;
        }
        FloatMatrix vectors = FloatMatrix.zeros(vocabularySize, dim);
        float[] vector = new float[dim];
        for (int w = 0; w < vocabularySize; w++) {
            subwords.compose(input, w, vector);
            vectors.setRow(w, vector, 0);
        }
        return vectors;
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

    /** The live input matrix (V x dim, or (V + buckets) x dim with subwords, row-major); writes change the model. */
    public FloatMatrix input() {
        return input;
    }

    /** The live output matrix ({@link #outputRows()} x dim, row-major); writes change the model. */
    public FloatMatrix output() {
        return output;
    }

    public int outputRows() {
        return output.rows();
    }

    /**
     * From now on, training counts the updates each row of each matrix receives (what the adaptive merge of
     * parameter averaging weighs rows by); 4 bytes per row. Counts may come out slightly low when threads race.
     */
    public void countUpdates() {
        inputUpdates = new int[input.rows()];
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
        return input.bytes() + output.bytes();
    }
}
