package dev.embeddings.glove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.vectors.VectorMath;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GloveStepTest {

    private static final int DIM = 6;
    private static final int I = 1;
    private static final int J = 3;

    private static GloveConfig config(double xMax, double gradClip) {
        return new GloveConfig(DIM, 10, true, xMax, 0.75, 1, 0.05, gradClip, 1, 1L,
                OutputVectors.WORD_PLUS_CONTEXT, 1);
    }

    /** A model with parameters and accumulators far from their initial values, so every term matters. */
    private static GloveModel perturbedModel() {
        GloveModel model = GloveModel.initialize(5, DIM, 3);
        Random random = new Random(4);
        for (float[] parameters : new float[][] {model.w().segmentArray(0), model.wTilde().segmentArray(0), model.b(), model.bTilde()}) {
            for (int k = 0; k < parameters.length; k++) {
                parameters[k] = (float) (random.nextGaussian() * 0.7);
            }
        }
        for (float[] accumulator : new float[][] {model.gradSqW().segmentArray(0), model.gradSqWTilde().segmentArray(0), model.gradSqB(),
                model.gradSqBTilde()}) {
            for (int k = 0; k < accumulator.length; k++) {
                accumulator[k] = 1 + 3 * random.nextFloat();
            }
        }
        return model;
    }

    /** The entry's loss written out in double, independently of GloveStep. */
    private static double referenceLoss(double[] wi, double[] wj, double bi, double bj, double x, double xMax) {
        double dot = 0;
        for (int k = 0; k < DIM; k++) {
            dot += wi[k] * wj[k];
        }
        double diff = dot + bi + bj - Math.log(x);
        double f = Math.min(1.0, Math.pow(x / xMax, 0.75));
        return 0.5 * f * diff * diff;
    }

    private static double[] row(float[] matrix, int row) {
        double[] out = new double[DIM];
        for (int k = 0; k < DIM; k++) {
            out[k] = matrix[row * DIM + k];
        }
        return out;
    }

    /** Central differences of the reference loss for the 2 DIM + 2 parameters, in order w_i, w~_j, b_i, b~_j. */
    private static double[] numericalGradient(GloveModel m, float x, double xMax) {
        double[] wi = row(m.w().segmentArray(0), I);
        double[] wj = row(m.wTilde().segmentArray(0), J);
        double bi = m.b()[I];
        double bj = m.bTilde()[J];
        double h = 1e-5;
        double[] grad = new double[2 * DIM + 2];
        for (int k = 0; k < DIM; k++) {
            double saved = wi[k];
            wi[k] = saved + h;
            double up = referenceLoss(wi, wj, bi, bj, x, xMax);
            wi[k] = saved - h;
            grad[k] = (up - referenceLoss(wi, wj, bi, bj, x, xMax)) / (2 * h);
            wi[k] = saved;
            saved = wj[k];
            wj[k] = saved + h;
            up = referenceLoss(wi, wj, bi, bj, x, xMax);
            wj[k] = saved - h;
            grad[DIM + k] = (up - referenceLoss(wi, wj, bi, bj, x, xMax)) / (2 * h);
            wj[k] = saved;
        }
        grad[2 * DIM] = (referenceLoss(wi, wj, bi + h, bj, x, xMax) - referenceLoss(wi, wj, bi - h, bj, x, xMax)) / (2 * h);
        grad[2 * DIM + 1] = (referenceLoss(wi, wj, bi, bj + h, x, xMax) - referenceLoss(wi, wj, bi, bj - h, x, xMax))
                / (2 * h);
        return grad;
    }

    /** Parameter values (or their accumulators) in the order of {@link #numericalGradient}. */
    private static double[] touched(float[] w, float[] wTilde, float[] b, float[] bTilde) {
        double[] out = new double[2 * DIM + 2];
        System.arraycopy(row(w, I), 0, out, 0, DIM);
        System.arraycopy(row(wTilde, J), 0, out, DIM, DIM);
        out[2 * DIM] = b[I];
        out[2 * DIM + 1] = bTilde[J];
        return out;
    }

    private static void assertAdaGradStepFollowsNumericalGradient(float x, double xMax) {
        GloveModel model = perturbedModel();
        GloveStep step = new GloveStep(config(xMax, 100));
        double lr = 0.05;
        double[] grad = numericalGradient(model, x, xMax);
        double[] before = touched(model.w().segmentArray(0), model.wTilde().segmentArray(0), model.b(), model.bTilde());
        double[] gradSqBefore = touched(model.gradSqW().segmentArray(0), model.gradSqWTilde().segmentArray(0), model.gradSqB(), model.gradSqBTilde());
        double expectedLoss = referenceLoss(row(model.w().segmentArray(0), I), row(model.wTilde().segmentArray(0), J), model.b()[I], model.bTilde()[J],
                x, xMax);
        assertEquals(expectedLoss, step.loss(model, I, J, x), 1e-5 * expectedLoss);

        double returnedLoss = step.apply(model, I, J, x);

        assertEquals(expectedLoss, returnedLoss, 1e-5 * expectedLoss);
        double[] after = touched(model.w().segmentArray(0), model.wTilde().segmentArray(0), model.b(), model.bTilde());
        double[] gradSqAfter = touched(model.gradSqW().segmentArray(0), model.gradSqWTilde().segmentArray(0), model.gradSqB(), model.gradSqBTilde());
        for (int p = 0; p < grad.length; p++) {
            // glove.c: vector components step by lr·g, the two biases by g alone (AdaGrad at rate 1).
            double scaled = p < 2 * DIM ? lr * grad[p] : grad[p];
            double expectedStep = -scaled / Math.sqrt(gradSqBefore[p]);
            assertEquals(expectedStep, after[p] - before[p], 1e-4 * Math.abs(expectedStep) + 1e-6, "parameter " + p);
            assertEquals(gradSqBefore[p] + scaled * scaled, gradSqAfter[p], 1e-4 * scaled * scaled + 1e-6,
                    "accumulator " + p);
        }
        assertTrue(step.loss(model, I, J, x) < expectedLoss, "the step did not reduce the entry's loss");
    }

    @Test
    void adaGradStepFollowsFiniteDifferenceGradientBelowXMax() {
        assertAdaGradStepFollowsNumericalGradient(7.5f, 100);
    }

    @Test
    void adaGradStepFollowsFiniteDifferenceGradientAboveXMax() {
        assertAdaGradStepFollowsNumericalGradient(250f, 100);
    }

    @Test
    void weightReachesOneAtXMaxAndFollowsThePowerLawBelow() {
        GloveStep step = new GloveStep(config(100, 100));
        assertEquals(1.0, step.weight(100), 0);
        assertEquals(1.0, step.weight(5000), 0);
        assertEquals(Math.pow(0.1, 0.75), step.weight(10), 1e-12);
    }

    @Test
    void gradientComponentsAreClippedBeforeTheLearningRateScalesThem() {
        GloveModel model = perturbedModel();
        float[] before = model.w().segmentArray(0).clone();
        float[] contextRow = model.wTilde().segmentArray(0).clone();
        float[] gradSqBefore = model.gradSqW().segmentArray(0).clone();
        double clip = 1e-4;
        double lr = 0.05;
        new GloveStep(config(100, clip)).apply(model, I, J, 1e30f); // f = 1 and log x = 69: a huge residual
        for (int k = 0; k < DIM; k++) {
            // The residual is about -69, so every component's raw gradient -69·w~_jk is far beyond the clip.
            double clipped = -Math.signum(contextRow[J * DIM + k]) * clip;
            double expectedStep = -lr * clipped / Math.sqrt(gradSqBefore[I * DIM + k]);
            // The step is ~3e-6 on a weight ~0.7 whose float spacing is 6e-8: allow two spacings.
            assertEquals(expectedStep, model.w().segmentArray(0)[I * DIM + k] - before[I * DIM + k],
                    1e-3 * Math.abs(expectedStep) + 2 * Math.ulp(before[I * DIM + k]), "component " + k);
            assertEquals(gradSqBefore[I * DIM + k] + lr * lr * clip * clip, model.gradSqW().segmentArray(0)[I * DIM + k], 1e-6);
        }
    }

    @Test
    void biasesTakeTheUnscaledUnclippedStepAsGloveC() {
        GloveModel model = GloveModel.initialize(5, DIM, 3);
        float biasBefore = model.b()[I];
        float contextBiasBefore = model.bTilde()[J];
        float x = 1000f; // above xMax: f = 1
        double residual = VectorMath.dot(model.w().segmentArray(0), I * DIM, model.wTilde().segmentArray(0), J * DIM, DIM) + biasBefore
                + contextBiasBefore - Math.log(x);
        new GloveStep(config(100, 1)).apply(model, I, J, x);
        // Accumulators start at 1, so the first step is the whole residual (about log 1000 = 6.9, beyond the clip
        // of 1): one step takes a fresh bias most of the way to the log count.
        assertEquals(biasBefore - residual, model.b()[I], 1e-5);
        assertEquals(contextBiasBefore - residual, model.bTilde()[J], 1e-5);
        assertEquals(1 + residual * residual, model.gradSqB()[I], 1e-4);
        assertEquals(1 + residual * residual, model.gradSqBTilde()[J], 1e-4);
    }
}
