package dev.embeddings.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorMathTest {

    private static final int[] LENGTHS = {0, 1, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 100, 300};

    @Test
    void dotEqualsTheSumOfProductsForEveryLengthAndOffset() {
        SplittableRandom random = new SplittableRandom(7);
        float[] a = randomFloats(random, 64);
        float[] b = randomFloats(random, 64);
        for (int n = 0; n <= 40; n++) {
            for (int aFrom : new int[] {0, 3, 50 - n}) {
                double expected = 0;
                for (int i = 0; i < n; i++) {
                    expected += (double) a[aFrom + i] * b[11 + i];
                }
                assertEquals(expected, VectorMath.dot(a, aFrom, b, 11, n), 1e-5, "n=" + n + " aFrom=" + aFrom);
                assertEquals(expected, VectorMath.scalarDot(a, aFrom, b, 11, n), 1e-5, "n=" + n + " aFrom=" + aFrom);
            }
        }
    }

    /** The build runs tests with the Vector API module, so the SIMD kernels are the ones under test. */
    @Test
    void testsRunTheSimdKernels() {
        assertTrue(VectorMath.simd(), "the test JVM lacks --add-modules=jdk.incubator.vector");
    }

    @Test
    void simdKernelsAgreeWithTheScalarLoopsToFloatRounding() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n : LENGTHS) {
            for (int from : new int[] {0, 5}) {
                float[] x = randomFloats(random, n + 8);
                float[] y = randomFloats(random, n + 8);
                assertEquals(VectorMath.scalarDot(x, from, y, 3, n), SimdVectorMath.dot(x, from, y, 3, n),
                        1e-5f * (1 + n), "dot n=" + n);

                float[] scalarY = y.clone();
                float[] simdY = y.clone();
                VectorMath.scalarAddScaled(-0.37f, x, from, scalarY, 3, n);
                SimdVectorMath.addScaled(-0.37f, x, from, simdY, 3, n);
                assertArrayEquals(scalarY, simdY, 1e-6f, "addScaled n=" + n);

                float[] sum = randomFloats(random, n + 8);
                float[] scalarRow = y.clone();
                float[] simdRow = y.clone();
                float[] scalarSum = sum.clone();
                float[] simdSum = sum.clone();
                VectorMath.scalarAccumulateThenStep(0.21f, scalarRow, 3, x, from, scalarSum, 2, n);
                SimdVectorMath.accumulateThenStep(0.21f, simdRow, 3, x, from, simdSum, 2, n);
                assertArrayEquals(scalarRow, simdRow, 1e-6f, "accumulateThenStep row n=" + n);
                assertArrayEquals(scalarSum, simdSum, 1e-6f, "accumulateThenStep sum n=" + n);
            }
        }
    }

    @Test
    void accumulateThenStepReadsTheRowBeforeItMoves() {
        float[] row = {1, 2, 3};
        float[] other = {10, 20, 30};
        float[] sum = {0, 0, 0, 0};
        VectorMath.accumulateThenStep(0.5f, row, 0, other, 0, sum, 1, 3);
        assertArrayEquals(new float[] {0, 0.5f, 1, 1.5f}, sum);
        assertArrayEquals(new float[] {6, 12, 18}, row);
    }

    private static float[] randomFloats(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return v;
    }
}
