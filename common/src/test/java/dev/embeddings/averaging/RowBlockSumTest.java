package dev.embeddings.averaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RowBlockSumTest {

    // Three rows of width 2. Worker A (weight 1) changes rows 0 and 1; worker B (weight 3) changes rows 0 and 2.
    private static final float[] START = {1, 1, 2, 2, 3, 3};
    private static final float[] A = {2, 1, 2, 4, 3, 3};
    private static final float[] B = {1, 5, 2, 2, 3, 0};

    private static float[] combine(MergeRule rule) {
        RowBlockSum sum = RowBlockSum.of(START, A, 2, 0, 3, 1).add(RowBlockSum.of(START, B, 2, 0, 3, 3));
        float[] result = START.clone();
        sum.applyTo(result, 2, 0, rule);
        return result;
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
        float[] start = {0, 0, 0, 0};
        float[] trained = {1, 2, 1, 2};
        RowBlockSum sum = RowBlockSum.of(start, trained, 2, 0, 2, 1, updatesA, contraction)
                .add(RowBlockSum.of(start, trained, 2, 0, 2, 1, updatesB, contraction));
        sum.applyTo(start, 2, 0, MergeRule.ADAPTIVE);
        return start;
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
        float[] start = {0, 0, 0, 0};
        float[] a = {1, 2, 0, 0};
        float[] b = {0, 0, 3, 4};
        RowBlockSum sum = RowBlockSum.of(start, a, 2, 0, 2, 1, new int[] {500, 0}, 0.01)
                .add(RowBlockSum.of(start, b, 2, 0, 2, 1, new int[] {0, 7}, 0.01));
        sum.applyTo(start, 2, 0, MergeRule.ADAPTIVE);
        assertArrayEquals(new float[] {1, 2, 3, 4}, start, 1e-6f);
    }

    @Test
    void aBlockNoRowOfWhichChangedIsNotShipped() {
        assertNull(RowBlockSum.of(START, START.clone(), 2, 0, 3, 5));
        assertNull(RowBlockSum.of(START, A, 2, 2, 1, 1), "row 2 is unchanged by worker A");
    }
}
