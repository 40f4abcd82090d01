package dev.embeddings.averaging;

import java.io.Serializable;

/**
 * Workers' changes to one block of rows of one matrix, summed: for each row, the sum over workers that changed it
 * of weight x (trained row - starting row), and the sum of those workers' weights. The averaged row is then
 * start + deltaSum / weightSum: a weighted average over the workers that updated the row. A row only one worker
 * saw (a rare word in its shard) keeps that worker's full update instead of being diluted by workers that never
 * saw it; a row all workers updated gets the usual weighted average.
 */
public final class RowBlockSum implements Serializable {

    private static final long serialVersionUID = 1L;

    private final float[] deltaSum;
    private final double[] weightSum;

    public RowBlockSum(float[] deltaSum, double[] weightSum) {
        this.deltaSum = deltaSum;
        this.weightSum = weightSum;
    }

    /**
     * One worker's contribution for rows [firstRow, firstRow + rows) of a matrix of the given width, or null when
     * the worker changed none of them (nothing to ship).
     */
    public static RowBlockSum of(float[] start, float[] trained, int width, int firstRow, int rows, double weight) {
        float[] delta = null;
        double[] weights = null;
        for (int r = 0; r < rows; r++) {
            int offset = (firstRow + r) * width;
            boolean changed = false;
            for (int k = 0; k < width; k++) {
                if (trained[offset + k] != start[offset + k]) {
                    changed = true;
                    break;
                }
            }
            if (!changed) {
                continue;
            }
            if (delta == null) {
                delta = new float[rows * width];
                weights = new double[rows];
            }
            weights[r] = weight;
            for (int k = 0; k < width; k++) {
                delta[r * width + k] = (float) (weight * (trained[offset + k] - start[offset + k]));
            }
        }
        return delta == null ? null : new RowBlockSum(delta, weights);
    }

    /** Adds {@code other} into this sum (same block). */
    public RowBlockSum add(RowBlockSum other) {
        for (int i = 0; i < deltaSum.length; i++) {
            deltaSum[i] += other.deltaSum[i];
        }
        for (int r = 0; r < weightSum.length; r++) {
            weightSum[r] += other.weightSum[r];
        }
        return this;
    }

    /** Applies the averaged change to rows [firstRow, ...) of {@code matrix}. */
    public void applyTo(float[] matrix, int width, int firstRow) {
        for (int r = 0; r < weightSum.length; r++) {
            if (weightSum[r] > 0) {
                int offset = (firstRow + r) * width;
                float scale = (float) (1.0 / weightSum[r]);
                for (int k = 0; k < width; k++) {
                    matrix[offset + k] += deltaSum[r * width + k] * scale;
                }
            }
        }
    }
}
