package dev.embeddings.averaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
    void aBlockNoRowOfWhichChangedIsNotShipped() {
        assertNull(RowBlockSum.of(START, START.clone(), 2, 0, 3, 5));
        assertNull(RowBlockSum.of(START, A, 2, 2, 1, 1), "row 2 is unchanged by worker A");
    }
}
