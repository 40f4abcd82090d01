package dev.embeddings.averaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RowMergeTest {

    // Three rows of width 2. Worker A (weight 1) changes rows 0 and 1; worker B (weight 3) changes rows 0 and 2.
    private static final float[] START = {1, 1, 2, 2, 3, 3};
    private static final float[] A = {2, 1, 2, 4, 3, 3};
    private static final float[] B = {1, 5, 2, 2, 3, 0};

    /** Merges the workers' matrices of width 2 row by row, as an owner does. */
    private static float[] merge(MergeRule rule, float[] start, float[][] trained, double[] weights, int[][] updates,
            double contraction) {
        float[] result = start.clone();
        RowMerge merge = new RowMerge(rule, 2);
        for (int offset = 0; offset < start.length; offset += 2) {
            merge.begin(2);
            for (int w = 0; w < trained.length; w++) {
                float[] row = {trained[w][offset], trained[w][offset + 1]};
                merge.add(result, offset, row, 0, 2, weights[w], updates == null ? 0 : updates[w][offset / 2],
                        updates == null ? Double.NaN : contraction);
            }
            if (merge.changed()) {
                merge.applyTo(result, offset, 2);
            }
        }
        return result;
    }

    private static float[] combine(MergeRule rule) {
        return merge(rule, START, new float[][] {A, B}, new double[] {1, 3}, null, Double.NaN);
    }

    @Test
    void averageWeighsTheChangesOfTheWorkersThatUpdatedEachRow() {
        // Row 0: (1·(+1, 0) + 3·(0, +4)) / 4 = (0.25, 3); rows 1 and 2 keep their single worker's whole change.
        assertArrayEquals(new float[] {1.25f, 4, 2, 4, 3, 0}, combine(MergeRule.AVERAGE), 1e-6f);
    }

    @Test
    void sumAppliesThatMeanOncePerContributingWorker() {
        // Row 0 had two contributors: twice the weighted mean (0.5, 6); rows 1 and 2 had one.
        assertArrayEquals(new float[] {1.5f, 7, 2, 4, 3, 0}, combine(MergeRule.SUM), 1e-6f);
    }

    @Test
    void adaptiveWithoutUpdateCountsIsSum() {
        assertArrayEquals(combine(MergeRule.SUM), combine(MergeRule.ADAPTIVE), 0f);
    }

    /** Two workers of equal weight made the same change (+1, +2) to two rows, with the given update counts. */
    private static float[] adaptive(int[] updatesA, int[] updatesB, double contraction) {
        float[] trained = {1, 2, 1, 2};
        return merge(MergeRule.ADAPTIVE, new float[4], new float[][] {trained, trained}, new double[] {1, 1},
                new int[][] {updatesA, updatesB}, contraction);
    }

    @Test
    void adaptiveSumsRowsFewUpdatesTouchedAndAveragesRowsEveryWorkerDroveToItsOptimum() {
        // Row 0: one update each, (1 - 0.99^2) / (2 (1 - 0.99)) = 0.995 of the sum; row 1: 10,000 each, the mean.
        float[] merged = adaptive(new int[] {1, 10_000}, new int[] {1, 10_000}, 0.01);
        assertArrayEquals(new float[] {1.99f, 3.98f, 1, 2}, merged, 1e-5f);
    }

    @Test
    void adaptiveScalesTheSumByTheWayCoveredInAllTheUpdatesOverTheWaysEachWorkerCovered() {
        double c = 0.02;
        double copies = (1 - Math.pow(1 - c, 100)) / ((1 - Math.pow(1 - c, 30)) + (1 - Math.pow(1 - c, 70)));
        float[] merged = adaptive(new int[] {30, 0}, new int[] {70, 0}, c);
        assertArrayEquals(new float[] {(float) (2 * copies), (float) (4 * copies)}, new float[] {merged[0], merged[1]},
                1e-5f);
        assertTrue(copies > 0.5 && copies < 1, "between the mean and the sum: " + copies);
    }

    @Test
    void adaptiveKeepsTheWholeChangeOfARowOnlyOneWorkerUpdated() {
        float[] merged = merge(MergeRule.ADAPTIVE, new float[4], new float[][] {{1, 2, 0, 0}, {0, 0, 3, 4}},
                new double[] {1, 1}, new int[][] {{500, 0}, {0, 7}}, 0.01);
        assertArrayEquals(new float[] {1, 2, 3, 4}, merged, 1e-6f);
    }

    @Test
    void aWorkerWhoseRowIsUnchangedDoesNotDiluteTheAverage() {
        RowMerge merge = new RowMerge(MergeRule.AVERAGE, 2);
        merge.begin(2);
        merge.add(START, 0, new float[] {1, 1}, 0, 2, 5, 3, Double.NaN);
        assertFalse(merge.changed(), "an update that left the row as it was is no change");
        merge.add(START, 0, new float[] {3, 1}, 0, 2, 1, 1, Double.NaN);
        float[] row = {1, 1};
        merge.applyTo(row, 0, 2);
        assertArrayEquals(new float[] {3, 1}, row, 0f);
    }
}
