package dev.embeddings.glove;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * GloVe's parameters for a vocabulary of V words: word vectors W and context vectors W~ (V x dim, row-major),
 * biases b and b~ (V), and an AdaGrad accumulator of squared (scaled) gradients for each of them, all flat
 * float arrays so the averaging layer can average them row by row. Holds 4 x V x (dim + 1) x 4 bytes.
 *
 * <p>Initialised as glove.c: every parameter uniform in [-0.5, 0.5) / dim, every accumulator 1.0. The arrays
 * are live: the trainer's threads update them in place.
 */
public final class GloveModel {

    private final int vocabSize;
    private final int dim;
    private final float[] w;
    private final float[] wTilde;
    private final float[] b;
    private final float[] bTilde;
    private final float[] gradSqW;
    private final float[] gradSqWTilde;
    private final float[] gradSqB;
    private final float[] gradSqBTilde;

    private GloveModel(int vocabSize, int dim) {
        this(vocabSize, dim, new float[checkedCells(vocabSize, dim)], new float[vocabSize * dim],
                new float[vocabSize], new float[vocabSize], new float[vocabSize * dim], new float[vocabSize * dim],
                new float[vocabSize], new float[vocabSize]);
    }

    private GloveModel(int vocabSize, int dim, float[] w, float[] wTilde, float[] b, float[] bTilde, float[] gradSqW,
            float[] gradSqWTilde, float[] gradSqB, float[] gradSqBTilde) {
        int cells = checkedCells(vocabSize, dim);
        for (float[] matrix : new float[][] {w, wTilde, gradSqW, gradSqWTilde}) {
            requireLength(matrix, cells);
        }
        for (float[] vector : new float[][] {b, bTilde, gradSqB, gradSqBTilde}) {
            requireLength(vector, vocabSize);
        }
        this.vocabSize = vocabSize;
        this.dim = dim;
        this.w = w;
        this.wTilde = wTilde;
        this.b = b;
        this.bTilde = bTilde;
        this.gradSqW = gradSqW;
        this.gradSqWTilde = gradSqWTilde;
        this.gradSqB = gradSqB;
        this.gradSqBTilde = gradSqBTilde;
    }

    /**
     * Wraps existing arrays (not copied), e.g. a worker's copy of the parameters from the averaging layer, in the
     * order W, W~, b, b~ and their accumulators.
     */
    public static GloveModel wrap(int vocabSize, int dim, float[] w, float[] wTilde, float[] b, float[] bTilde,
            float[] gradSqW, float[] gradSqWTilde, float[] gradSqB, float[] gradSqBTilde) {
        return new GloveModel(vocabSize, dim, w, wTilde, b, bTilde, gradSqW, gradSqWTilde, gradSqB, gradSqBTilde);
    }

    private static int checkedCells(int vocabSize, int dim) {
        if (vocabSize < 1 || dim < 1 || (long) vocabSize * dim > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("vocabulary size and dim must be positive with vocabSize x dim below "
                    + "2^31, got " + vocabSize + " x " + dim);
        }
        return vocabSize * dim;
    }

    private static void requireLength(float[] array, int length) {
        if (array.length != length) {
            throw new IllegalArgumentException("parameter array of " + array.length + " floats, expected " + length);
        }
    }

    /** A model of zeros, to load parameters into (e.g. a checkpoint). */
    public static GloveModel zeros(int vocabSize, int dim) {
        return new GloveModel(vocabSize, dim);
    }

    /** A freshly initialised model; the same seed gives the same parameters. */
    public static GloveModel initialize(int vocabSize, int dim, long seed) {
        GloveModel model = new GloveModel(vocabSize, dim);
        SplittableRandom random = new SplittableRandom(seed);
        for (float[] parameters : new float[][] {model.w, model.wTilde, model.b, model.bTilde}) {
            for (int k = 0; k < parameters.length; k++) {
                parameters[k] = (float) ((random.nextDouble() - 0.5) / dim);
            }
        }
        for (float[] accumulator : new float[][] {model.gradSqW, model.gradSqWTilde, model.gradSqB, model.gradSqBTilde}) {
            Arrays.fill(accumulator, 1.0f);
        }
        return model;
    }

    /**
     * Starts word {@code row} from a known vector (e.g. of an earlier run) given as {@code dim} floats from
     * {@code offset}. For {@link OutputVectors#WORD_PLUS_CONTEXT} W and W~ each get half of it, so the output
     * vector before training is exactly {@code vector}; for {@link OutputVectors#WORD} both get all of it, as W
     * and W~ of a symmetric count converge to similar vectors. Biases and accumulators are left as they are.
     */
    public void warmStart(int row, float[] vector, int offset, OutputVectors output) {
        if (row < 0 || row >= vocabSize) {
            throw new IllegalArgumentException("row must be in [0, " + vocabSize + "), got " + row);
        }
        if (offset < 0 || offset + dim > vector.length) {
            throw new IllegalArgumentException("need " + dim + " floats from offset " + offset + ", array has "
                    + vector.length);
        }
        float share = output == OutputVectors.WORD_PLUS_CONTEXT ? 0.5f : 1.0f;
        for (int k = 0; k < dim; k++) {
            w[row * dim + k] = share * vector[offset + k];
            wTilde[row * dim + k] = share * vector[offset + k];
        }
    }

    /** The output vectors, V x dim row-major: W + W~ or W alone. */
    public float[] vectors(OutputVectors output) {
        float[] out = w.clone();
        if (output == OutputVectors.WORD_PLUS_CONTEXT) {
            for (int k = 0; k < out.length; k++) {
                out[k] += wTilde[k];
            }
        }
        return out;
    }

    /** Bytes of the parameter and accumulator arrays: 4 x V x (dim + 1) floats. */
    public long bytesHeld() {
        return 4L * vocabSize * (dim + 1) * Float.BYTES;
    }

    public int vocabSize() {
        return vocabSize;
    }

    public int dim() {
        return dim;
    }

    /** Word vectors, live, V x dim row-major. */
    public float[] w() {
        return w;
    }

    /** Context vectors, live, V x dim row-major. */
    public float[] wTilde() {
        return wTilde;
    }

    /** Word biases, live. */
    public float[] b() {
        return b;
    }

    /** Context biases, live. */
    public float[] bTilde() {
        return bTilde;
    }

    /** AdaGrad accumulators of W, live. */
    public float[] gradSqW() {
        return gradSqW;
    }

    /** AdaGrad accumulators of W~, live. */
    public float[] gradSqWTilde() {
        return gradSqWTilde;
    }

    /** AdaGrad accumulators of b, live. */
    public float[] gradSqB() {
        return gradSqB;
    }

    /** AdaGrad accumulators of b~, live. */
    public float[] gradSqBTilde() {
        return gradSqBTilde;
    }
}
