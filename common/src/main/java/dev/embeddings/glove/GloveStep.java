package dev.embeddings.glove;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.vectors.VectorMath;

/**
 * One stochastic step of GloVe on one co-occurrence entry (i, j, X_ij): the entry's loss is
 * J = ½ f(X_ij) (w_i·w~_j + b_i + b~_j − log X_ij)² with f(x) = min(1, (x / xMax)^alpha), and each of the
 * 2 dim + 2 parameters it touches takes an AdaGrad step.
 *
 * <p>AdaGrad as glove.c (stanfordnlp/GloVe since its 2020 gradient-clipping change) does it. For a vector
 * component with gradient g, first clipped to ±gradClip, the step is lr·g / sqrt(G) and then G += (lr·g)², G
 * starting at 1: AdaGrad with rate 1 and initial accumulator 1/lr², so early steps are about lr·g. A bias takes
 * the same step without lr (g / sqrt(G), then G += g², unclipped): rate 1 and initial accumulator 1, so the biases
 * settle on the log counts within a few steps. Keeping glove.c's form keeps its tuned defaults meaningful.
 *
 * <p>Stateless apart from the settings, so Hogwild threads share one instance; no allocation per entry.
 */
public final class GloveStep {

    private final int dim;
    private final double xMax;
    private final double alpha;
    private final float learningRate;
    private final float gradClip;

    public GloveStep(GloveConfig config) {
        this.dim = config.dim();
        this.xMax = config.xMax();
        this.alpha = config.alpha();
        this.learningRate = (float) config.learningRate();
        this.gradClip = (float) config.gradClip();
    }

    /** f(x): the weight of an entry with count x. */
    public double weight(double x) {
        return x >= xMax ? 1.0 : Math.pow(x / xMax, alpha);
    }

    /**
     * Reads one value per cache line of the rows entry (i, j) updates (W_i, W~_j and their accumulators), a few
     * entries before {@link #apply} does: in a large vocabulary most rows are out of cache, and read ahead their misses
     * overlap with the work on earlier entries. Returns the sum read, which the caller keeps so the reads stay.
     */
    public float touch(GloveModel model, int i, int j) {
        return model.w().touch(i) + model.gradSqW().touch(i) + model.wTilde().touch(j) + model.gradSqWTilde().touch(j);
    }

    /** The entry's loss J at the current parameters, without changing them. */
    public double loss(GloveModel model, int i, int j, float x) {
        FloatMatrix w = model.w();
        FloatMatrix wTilde = model.wTilde();
        double diff = VectorMath.dot(w.segment(i), w.offset(i), wTilde.segment(j), wTilde.offset(j), dim)
                + model.b()[i] + model.bTilde()[j] - Math.log(x);
        return 0.5 * weight(x) * diff * diff;
    }

    /**
     * Takes the step for entry (i, j, x) and returns the entry's loss before it. An entry whose weighted residual
     * is not finite is skipped (loss 0), as glove.c skips it, so one bad entry cannot poison the model.
     */
    public double apply(GloveModel model, int i, int j, float x) {
        // An accumulator matrix is segmented as its parameter matrix, so one offset serves both.
        float[] w = model.w().segment(i);
        float[] gradSqW = model.gradSqW().segment(i);
        float[] wTilde = model.wTilde().segment(j);
        float[] gradSqWTilde = model.gradSqWTilde().segment(j);
        int rowI = model.w().offset(i);
        int rowJ = model.wTilde().offset(j);
        double diff = VectorMath.dot(w, rowI, wTilde, rowJ, dim) + model.b()[i] + model.bTilde()[j] - Math.log(x);
        double weightedDiff = weight(x) * diff;
        if (!Double.isFinite(weightedDiff)) {
            return 0;
        }
        float residual = (float) weightedDiff;
        for (int k = 0; k < dim; k++) {
            float wi = w[rowI + k];
            float wj = wTilde[rowJ + k];
            // Both gradients read the values from before this step: d/dw_i uses w~_j and vice versa. The gradient
            // is clipped before lr scales it, as glove.c does.
            float stepI = clip(residual * wj) * learningRate;
            float stepJ = clip(residual * wi) * learningRate;
            w[rowI + k] = wi - stepI / (float) Math.sqrt(gradSqW[rowI + k]);
            wTilde[rowJ + k] = wj - stepJ / (float) Math.sqrt(gradSqWTilde[rowJ + k]);
            gradSqW[rowI + k] += stepI * stepI;
            gradSqWTilde[rowJ + k] += stepJ * stepJ;
        }
        float[] gradSqB = model.gradSqB();
        float[] gradSqBTilde = model.gradSqBTilde();
        model.b()[i] -= residual / (float) Math.sqrt(gradSqB[i]);
        model.bTilde()[j] -= residual / (float) Math.sqrt(gradSqBTilde[j]);
        gradSqB[i] += residual * residual;
        gradSqBTilde[j] += residual * residual;
        return 0.5 * weightedDiff * diff;
    }

    private float clip(float g) {
        return Math.max(-gradClip, Math.min(gradClip, g));
    }
}
