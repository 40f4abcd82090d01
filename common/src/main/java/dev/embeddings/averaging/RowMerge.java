package dev.embeddings.averaging;

import dev.embeddings.matrix.RowUpdates;
/**
 * Combines the workers' changes to one row by a {@link MergeRule}: for each worker whose trained row differs from
 * the row's value at the start of the round, in worker order, it adds weight x (trained - start) to a sum, the weight
 * to the weights' sum, and (for {@link MergeRule#ADAPTIVE}) the worker's update count and the way those updates
 * covered ({@link RowUpdates}). The mean change (deltaSum / weightSum) is weighted over the workers that changed the
 * row, so a row only one worker saw (a rare word in its shard) is not diluted by workers that never saw it; the rule
 * says how many times it is applied. One instance per owner, reused row after row: no allocation per row.
 */
final class RowMerge {

    private final MergeRule rule;
    private final float[] deltaSum;
    private double weightSum;
    private int contributors;
    private double updateSum;
    private double coveredSum;
    private double contraction;
    private boolean counted;

    RowMerge(MergeRule rule, int maxWidth) {
        this.rule = rule;
        this.deltaSum = new float[maxWidth];
    }

    /** Starts a row of {@code width} floats. */
    void begin(int width) {
        java.util.Arrays.fill(deltaSum, 0, width, 0f);
        weightSum = 0;
        contributors = 0;
        updateSum = 0;
        coveredSum = 0;
        counted = true;
    }

    /**
     * Adds one worker's trained row ({@code width} floats of {@code trained} from {@code trainedOffset}), unless it
     * equals the start.
     *
     * @param contraction the worker's contraction per update, NaN when it did not count updates
     */
    void add(float[] start, int startOffset, float[] trained, int trainedOffset, int width, double weight,
            int updates, double contraction) {
        boolean changed = false;
        for (int k = 0; k < width; k++) {
            if (trained[trainedOffset + k] != start[startOffset + k]) {
                changed = true;
                break;
            }
        }
        if (!changed) {
            return;
        }
        for (int k = 0; k < width; k++) {
            deltaSum[k] += (float) (weight * (trained[trainedOffset + k] - start[startOffset + k]));
        }
        weightSum += weight;
        contributors++;
        if (Double.isNaN(contraction)) {
            counted = false;
        } else {
            updateSum += updates;
            coveredSum += RowUpdates.covered(updates, contraction);
            this.contraction = contraction;
        }
    }

    /** Whether any worker changed the row. */
    boolean changed() {
        return contributors > 0;
    }

    /** Moves the start row, in place, by the combined change. */
    void applyTo(float[] start, int startOffset, int width) {
        float scale = (float) (copies() / weightSum);
        for (int k = 0; k < width; k++) {
            start[startOffset + k] += deltaSum[k] * scale;
        }
    }

    /** How many times the weighted mean change is applied. */
    private double copies() {
        return switch (rule) {
            case AVERAGE -> 1;
            case SUM -> contributors;
            case ADAPTIVE -> !counted || coveredSum <= 0 ? contributors
                    : contributors * RowUpdates.covered(updateSum, contraction) / coveredSum;
        };
    }
}
