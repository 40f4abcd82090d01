package dev.embeddings.averaging;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Workers' changes to one block of rows of one matrix, summed: for each row, the sum over workers that changed it
 * of weight x (trained row - starting row), the sum of those workers' weights, and how many they were (and, when
 * the workers counted their updates, the sums of their update counts and of the ways they covered, for
 * {@link MergeRule#ADAPTIVE}). The mean
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
    // Null when the workers did not count their updates.
    private double[] updateSum;
    private double[] coveredSum;
    private double contraction;

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
        return of(start, trained, width, firstRow, rows, weight, null, 0);
    }

    /**
     * As {@link #of(float[], float[], int, int, int, double)}, with the worker's update count of each row of the
     * matrix ({@code updates}, null when not counted) and the contraction of one update ({@link RowUpdates}).
     */
    public static RowBlockSum of(float[] start, float[] trained, int width, int firstRow, int rows, double weight,
            int[] updates, double contraction) {
        RowBlockSum sum = changes(start, trained, width, firstRow, rows, weight);
        if (sum != null && updates != null) {
            sum.contraction = contraction;
            sum.updateSum = new double[rows];
            sum.coveredSum = new double[rows];
            for (int r = 0; r < rows; r++) {
                if (sum.contributors[r] > 0) {
                    sum.updateSum[r] = updates[firstRow + r];
                    sum.coveredSum[r] = RowUpdates.covered(updates[firstRow + r], contraction);
                }
            }
        }
        return sum;
    }

    private static RowBlockSum changes(float[] start, float[] trained, int width, int firstRow, int rows,
            double weight) {
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
        if (updateSum != null && other.updateSum != null) {
            for (int r = 0; r < weightSum.length; r++) {
                updateSum[r] += other.updateSum[r];
                coveredSum[r] += other.coveredSum[r];
            }
        } else {
            updateSum = null;
            coveredSum = null;
        }
        return this;
    }

    /** Applies the combined change to rows [firstRow, ...) of {@code matrix}. */
    public void applyTo(float[] matrix, int width, int firstRow, MergeRule rule) {
        for (int r = 0; r < weightSum.length; r++) {
            if (weightSum[r] > 0) {
                int offset = (firstRow + r) * width;
                float scale = (float) (copies(r, rule) / weightSum[r]);
                for (int k = 0; k < width; k++) {
                    matrix[offset + k] += deltaSum[r * width + k] * scale;
                }
            }
        }
    }

    /** How many times row r's weighted mean change is applied. */
    private double copies(int r, MergeRule rule) {
        return switch (rule) {
            case AVERAGE -> 1;
            case SUM -> contributors[r];
            case ADAPTIVE -> updateSum == null || coveredSum[r] <= 0 ? contributors[r]
                    : contributors[r] * RowUpdates.covered(updateSum[r], contraction) / coveredSum[r];
        };
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        BulkFloats.write(out, deltaSum);
        out.writeObject(weightSum);
        out.writeObject(contributors);
        out.writeObject(updateSum);
        out.writeObject(coveredSum);
        out.writeDouble(contraction);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        deltaSum = BulkFloats.read(in);
        weightSum = (double[]) in.readObject();
        contributors = (int[]) in.readObject();
        updateSum = (double[]) in.readObject();
        coveredSum = (double[]) in.readObject();
        contraction = in.readDouble();
    }
}
