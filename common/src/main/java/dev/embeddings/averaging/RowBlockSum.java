package dev.embeddings.averaging;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Workers' changes to one block of rows of one matrix, summed: for each row, the sum over workers that changed it
 * of weight x (trained row - starting row), the sum of those workers' weights, and how many they were. The mean
 * change of a row is deltaSum / weightSum, weighted over the workers that updated it — a row only one worker saw
 * (a rare word in its shard) is not diluted by workers that never saw it. {@link MergeRule} says whether that mean
 * is applied as it is, or once per contributing worker (about the sum of their changes).
 */
public final class RowBlockSum implements Serializable {

    private static final long serialVersionUID = 1L;

    // Not final: readObject fills them (the shuffle moves about one model of these per round, so in bulk).
    private float[] deltaSum;
    private double[] weightSum;
    private int[] contributors;

    public RowBlockSum(float[] deltaSum, double[] weightSum, int[] contributors) {
        this.deltaSum = deltaSum;
        this.weightSum = weightSum;
        this.contributors = contributors;
    }

    /**
     * One worker's contribution for rows [firstRow, firstRow + rows) of a matrix of the given width, or null when
     * the worker changed none of them (nothing to ship).
     */
    public static RowBlockSum of(float[] start, float[] trained, int width, int firstRow, int rows, double weight) {
        float[] delta = null;
        double[] weights = null;
        int[] counts = null;
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
                counts = new int[rows];
            }
            weights[r] = weight;
            counts[r] = 1;
            for (int k = 0; k < width; k++) {
                delta[r * width + k] = (float) (weight * (trained[offset + k] - start[offset + k]));
            }
        }
        return delta == null ? null : new RowBlockSum(delta, weights, counts);
    }

    /** Adds {@code other} into this sum (same block). */
    public RowBlockSum add(RowBlockSum other) {
        for (int i = 0; i < deltaSum.length; i++) {
            deltaSum[i] += other.deltaSum[i];
        }
        for (int r = 0; r < weightSum.length; r++) {
            weightSum[r] += other.weightSum[r];
            contributors[r] += other.contributors[r];
        }
        return this;
    }

    /** Applies the combined change to rows [firstRow, ...) of {@code matrix}. */
    public void applyTo(float[] matrix, int width, int firstRow, MergeRule rule) {
        for (int r = 0; r < weightSum.length; r++) {
            if (weightSum[r] > 0) {
                int offset = (firstRow + r) * width;
                double copies = rule == MergeRule.SUM ? contributors[r] : 1;
                float scale = (float) (copies / weightSum[r]);
                for (int k = 0; k < width; k++) {
                    matrix[offset + k] += deltaSum[r * width + k] * scale;
                }
            }
        }
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        BulkFloats.write(out, deltaSum);
        out.writeObject(weightSum);
        out.writeObject(contributors);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        deltaSum = BulkFloats.read(in);
        weightSum = (double[]) in.readObject();
        contributors = (int[]) in.readObject();
    }
}
