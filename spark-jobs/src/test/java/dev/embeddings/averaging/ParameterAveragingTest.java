package dev.embeddings.averaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embeddings.testing.TestSpark;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One worker's round (collected without a shuffle) and several workers' (summed in a shuffle). */
class ParameterAveragingTest {

    /** Three row blocks in the first matrix, so an untouched middle block is not shipped. */
    private static final int ROWS = 2 * ParameterAveraging.BLOCK_ROWS + 7;
    private static final int WIDTH = 3;
    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        spark = TestSpark.local();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void oneWorkersRoundLeavesItsTrainedParameters() {
        Parameters parameters = startingParameters();
        Parameters expected = parameters.copy();
        shift(0, expected);

        ParameterAveraging.Round round = new ParameterAveraging(jsc, 1, MergeRule.SUM)
                .round(parameters, (worker, data, local) -> {
                    shift(worker, local);
                    return new WorkerResult(123, 0.5, 1);
                });

        assertEquals(List.of(new WorkerResult(123, 0.5, 1)), round.results());
        for (int m = 0; m < parameters.count(); m++) {
            assertArrayEquals(expected.matrix(m), parameters.matrix(m), 1e-6f, "matrix " + m);
        }
    }

    @Test
    void twoWorkersAverageTheChangesOfTheWorkersThatMadeThem() {
        Parameters parameters = startingParameters();
        Parameters start = parameters.copy();

        ParameterAveraging.Round round = new ParameterAveraging(jsc, 2, MergeRule.AVERAGE)
                .round(parameters, (worker, data, local) -> {
                    shift(worker, local);
                    return new WorkerResult(10, worker, 1);
                });

        assertEquals(20, round.items());
        assertEquals(0.5, round.loss(), 1e-12);
        float[] before = start.matrix(0);
        float[] after = parameters.matrix(0);
        // Row 0: both workers moved it, by 1 and 2: the mean change. Row 1: only worker 1 moved it: its change.
        assertEquals(before[0] + 1.5f, after[0], 1e-6f);
        assertEquals(before[WIDTH] + 2f, after[WIDTH], 1e-6f);
        assertEquals(before[ParameterAveraging.BLOCK_ROWS * WIDTH], after[ParameterAveraging.BLOCK_ROWS * WIDTH]);
    }

    @Test
    void adaptiveMergesEachRowByTheUpdateCountsTheWorkersRecorded() {
        Parameters parameters = startingParameters();
        Parameters start = parameters.copy();
        double contraction = 0.01;

        new ParameterAveraging(jsc, 2, MergeRule.ADAPTIVE).round(parameters, (worker, data, local) -> {
            shift(worker, local);
            // Row 0 of the first matrix: thousands of updates by each worker; the last row: one each.
            int[] first = new int[ROWS];
            first[0] = 5_000;
            first[1] = worker == 1 ? 3 : 0;
            first[ROWS - 1] = 1;
            local.recordUpdates(new RowUpdates(new int[][] {first, null}, contraction));
            return new WorkerResult(10, 0, 1);
        });

        float[] before = start.matrix(0);
        float[] after = parameters.matrix(0);
        // Changes 1 and 2: row 0 gets about their mean, the last row 1.99 x their mean (nearly their sum), row 1
        // worker 1's whole change; the uncounted second matrix is summed.
        assertEquals(before[0] + 1.5f, after[0], 1e-4f);
        int last = (ROWS - 1) * WIDTH;
        assertEquals(before[last] + 1.99f * 1.5f, after[last], 1e-4f);
        assertEquals(before[WIDTH] + 2f, after[WIDTH], 1e-6f);
        assertEquals(start.matrix(1)[4] + 3f, parameters.matrix(1)[4], 1e-6f);
    }

    private static Parameters startingParameters() {
        float[] first = new float[ROWS * WIDTH];
        float[] second = new float[5 * 2];
        for (int i = 0; i < first.length; i++) {
            first[i] = i * 0.25f;
        }
        for (int i = 0; i < second.length; i++) {
            second[i] = -i;
        }
        return new Parameters(new float[][] {first, second}, new int[] {WIDTH, 2});
    }

    /**
     * Worker w adds w + 1 to row 0 and to the last row of the first matrix and to row 2 of the second; worker 1 also
     * to row 1 of the first. No worker touches the middle block.
     */
    private static void shift(int worker, Parameters p) {
        float step = worker + 1;
        float[] first = p.matrix(0);
        for (int row : worker == 1 ? new int[] {0, 1, ROWS - 1} : new int[] {0, ROWS - 1}) {
            for (int k = 0; k < WIDTH; k++) {
                first[row * WIDTH + k] += step;
            }
        }
        p.matrix(1)[2 * 2] += step;
        p.matrix(1)[2 * 2 + 1] += step;
    }
}
