package dev.embeddings.glove;

import dev.embeddings.matrix.FloatMatrix;
import java.util.SplittableRandom;

/**
 * GloVe's parameters for a vocabulary of V words: word vectors W and context vectors W~ (V x dim {@link FloatMatrix},
 * segmented past 2^31 floats), biases b and b~ (V floats), and an AdaGrad accumulator of squared (scaled) gradients
 * for each of them, shaped as its parameter, so the averaging layer can merge them row by row. Holds
 * 4 x V x (dim + 1) x 4 bytes.
 *
 * <p>Initialised as glove.c: every parameter uniform in [-0.5, 0.5) / dim, every accumulator 1.0. The arrays
 * are live: the trainer's threads update them in place.
 */
public final class GloveModel {

    /** W, W~, b and b~ come first in {@link #matrices()}; their accumulators follow. */
    private static final int PARAMETER_MATRICES = 4;

    private final int vocabSize;
    private final int dim;
    private final FloatMatrix w;
    private final FloatMatrix wTilde;
    private final float[] b;
    private final float[] bTilde;
    private final FloatMatrix gradSqW;
    private final FloatMatrix gradSqWTilde;
    private final float[] gradSqB;
    private final float[] gradSqBTilde;

    private GloveModel(int vocabSize, int dim, long segmentFloats) {
        if (vocabSize < 1 || dim < 1) {
            throw new IllegalArgumentException("vocabulary size and dim must be positive, got " + vocabSize + " x "
                    + dim);
        }
        this.vocabSize = vocabSize;
        this.dim = dim;
        this.w = FloatMatrix.zeros(vocabSize, dim, segmentFloats);
        this.wTilde = FloatMatrix.zeros(vocabSize, dim, segmentFloats);
        this.gradSqW = FloatMatrix.zeros(vocabSize, dim, segmentFloats);
        this.gradSqWTilde = FloatMatrix.zeros(vocabSize, dim, segmentFloats);
        this.b = new float[vocabSize];
        this.bTilde = new float[vocabSize];
        this.gradSqB = new float[vocabSize];
        this.gradSqBTilde = new float[vocabSize];
    }

    /** A model of zeros, to load parameters into (e.g. a checkpoint). */
    public static GloveModel zeros(int vocabSize, int dim) {
        return new GloveModel(vocabSize, dim, FloatMatrix.DEFAULT_SEGMENT_FLOATS);
    }

    /** A freshly initialised model; the same seed gives the same parameters. */
    public static GloveModel initialize(int vocabSize, int dim, long seed) {
        return initialize(vocabSize, dim, seed, FloatMatrix.DEFAULT_SEGMENT_FLOATS);
    }

    /** As {@link #initialize(int, int, long)}, the matrices in segments of at most {@code segmentFloats} floats. */
    static GloveModel initialize(int vocabSize, int dim, long seed, long segmentFloats) {
        GloveModel model = new GloveModel(vocabSize, dim, segmentFloats);
        SplittableRandom random = new SplittableRandom(seed);
        FloatMatrix[] matrices = model.matrices();
        for (int m = 0; m < PARAMETER_MATRICES; m++) {
            for (int s = 0; s < matrices[m].segmentCount(); s++) {
                float[] segment = matrices[m].segmentArray(s);
                for (int k = 0; k < segment.length; k++) {
                    segment[k] = (float) ((random.nextDouble() - 0.5) / dim);
                }
            }
        }
        for (int m = PARAMETER_MATRICES; m < matrices.length; m++) {
            matrices[m].fill(1.0f);
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
            w.set(row, k, share * vector[offset + k]);
            wTilde.set(row, k, share * vector[offset + k]);
        }
    }

    /** The output vectors, V x dim (a new matrix): W + W~ or W alone. */
    public FloatMatrix vectors(OutputVectors output) {
        return vectors(w, wTilde, output);
    }

    /** The output vectors of a model's W and W~ (the first two of {@link #matrices()}), as {@link #vectors}. */
    public static FloatMatrix vectors(FloatMatrix w, FloatMatrix wTilde, OutputVectors output) {
        FloatMatrix out = w.copy();
        if (output == OutputVectors.WORD_PLUS_CONTEXT) {
            out.addAll(wTilde);
        }
        return out;
    }

    /**
     * Every parameter and accumulator as a matrix, in the order the averaging layer and checkpoints keep them:
     * W, W~, b, b~ (width 1), then their accumulators. The matrices are live views.
     */
    public FloatMatrix[] matrices() {
        return new FloatMatrix[] {w, wTilde, FloatMatrix.wrap(b, 1), FloatMatrix.wrap(bTilde, 1), gradSqW,
                gradSqWTilde, FloatMatrix.wrap(gradSqB, 1), FloatMatrix.wrap(gradSqBTilde, 1)};
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
    public FloatMatrix w() {
        return w;
    }

    /** Context vectors, live, V x dim row-major. */
    public FloatMatrix wTilde() {
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
    public FloatMatrix gradSqW() {
        return gradSqW;
    }

    /** AdaGrad accumulators of W~, live. */
    public FloatMatrix gradSqWTilde() {
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
