package dev.embeddings.word2vec;

/**
 * The logistic function and its negative log from precomputed tables, as word2vec.c's {@code expTable} but
 * linearly interpolated on a finer grid (4096 steps over [-8, 8], 32 KiB): the error is below 2e-7, so SGD
 * steps match the exact gradient to float precision while costing two loads instead of an {@code exp}. Outside
 * [-8, 8] the sigmoid saturates at its value at the boundary (like word2vec.c's MAX_EXP clipping).
 */
final class Sigmoid {

    static final float MAX_X = 8f;
    private static final int STEPS = 4096;
    private static final float SCALE = STEPS / (2 * MAX_X);
    private static final float[] SIGMOID = new float[STEPS + 2];
    private static final float[] NEG_LOG_SIGMOID = new float[STEPS + 2];

    static {
        for (int i = 0; i < SIGMOID.length; i++) {
            double x = i / (double) SCALE - MAX_X;
            SIGMOID[i] = (float) (1 / (1 + Math.exp(-x)));
            NEG_LOG_SIGMOID[i] = (float) Math.log1p(Math.exp(-x));
        }
    }

    private Sigmoid() {
    }

    static float sigmoid(float x) {
        if (x <= -MAX_X) {
            return SIGMOID[0];
        }
        if (x >= MAX_X) {
            return SIGMOID[STEPS];
        }
        return interpolate(SIGMOID, x);
    }

    /** -log(sigmoid(x)), the loss of one binary prediction with score x; linear in -x below -8. */
    static float negLogSigmoid(float x) {
        if (x <= -MAX_X) {
            return NEG_LOG_SIGMOID[0] + (-MAX_X - x);
        }
        if (x >= MAX_X) {
            return NEG_LOG_SIGMOID[STEPS];
        }
        return interpolate(NEG_LOG_SIGMOID, x);
    }

    private static float interpolate(float[] table, float x) {
        float t = (x + MAX_X) * SCALE;
        int i = (int) t;
        float frac = t - i;
        return table[i] + frac * (table[i + 1] - table[i]);
    }
}
