package dev.embeddings.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorMathTest {

    @Test
    void dotEqualsTheSumOfProductsForEveryLengthAndOffset() {
        SplittableRandom random = new SplittableRandom(7);
        float[] a = new float[64];
        float[] b = new float[64];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
            b[i] = (float) random.nextDouble(-1, 1);
        }
        for (int n = 0; n <= 13; n++) {
            for (int aFrom : new int[] {0, 3, 50 - n}) {
                double expected = 0;
                for (int i = 0; i < n; i++) {
                    expected += (double) a[aFrom + i] * b[11 + i];
                }
                assertEquals(expected, VectorMath.dot(a, aFrom, b, 11, n), 1e-5, "n=" + n + " aFrom=" + aFrom);
            }
        }
    }
}
