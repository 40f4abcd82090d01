package dev.embeddings.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.SegmentedMatrices;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {

    /** Points spread widely along a, less along b, barely elsewhere, in 6 dimensions, around an offset. */
    private static FloatMatrix stretchedCloud(double[] a, double[] b, int n, int dim) {
        Random random = new Random(7);
        FloatMatrix rows = FloatMatrix.zeros(n, dim);
        for (int i = 0; i < n; i++) {
            double alongA = 10 * random.nextGaussian();
            double alongB = 3 * random.nextGaussian();
            for (int j = 0; j < dim; j++) {
                rows.set(i, j, (float) (5 + alongA * a[j] + alongB * b[j] + 0.1 * random.nextGaussian()));
            }
        }
        return rows;
    }

    private static double[] unit(double... v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= Math.sqrt(norm);
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    @Test
    void findsTheDirectionsOfLargestVarianceInOrder() {
        double[] a = unit(1, 2, 0, -1, 0, 1);
        double[] b = unit(2, -1, 1, 0, 0, 0);
        b = unit(b[0] - dot(a, b) * a[0], b[1] - dot(a, b) * a[1], b[2] - dot(a, b) * a[2],
                b[3] - dot(a, b) * a[3], b[4] - dot(a, b) * a[4], b[5] - dot(a, b) * a[5]);
        int n = 2000;
        Pca.Result pca = Pca.fit(stretchedCloud(a, b, n, 6), 2);

        assertTrue(Math.abs(dot(pca.components()[0], a)) > 0.999, "first component along a");
        assertTrue(Math.abs(dot(pca.components()[1], b)) > 0.999, "second component along b");
        assertEquals(0, dot(pca.components()[0], pca.components()[1]), 1e-9);
        assertEquals(1, dot(pca.components()[0], pca.components()[0]), 1e-9);
        // Variances near 10^2 and 3^2; together nearly all of the total.
        assertEquals(100, pca.variances()[0], 10);
        assertEquals(9, pca.variances()[1], 1.5);
        assertTrue((pca.variances()[0] + pca.variances()[1]) / pca.totalVariance() > 0.99);
    }

    @Test
    void projectionsAreCentredCoordinatesWithTheComponentsVariance() {
        double[] a = unit(0, 0, 1, 0, 0, 0);
        double[] b = unit(0, 1, 0, 0, 0, 0);
        int n = 500;
        Pca.Result pca = Pca.fit(stretchedCloud(a, b, n, 6), 2);
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            double squares = 0;
            for (double[] p : pca.projection()) {
                sum += p[c];
                squares += p[c] * p[c];
            }
            assertEquals(0, sum / n, 1e-6, "centred");
            assertEquals(pca.variances()[c], squares / n, 1e-6 * pca.variances()[c]);
        }
    }

    @Test
    void rowsInManySegmentsGiveExactlyTheResultOfOne() {
        int n = 300;
        FloatMatrix cloud = stretchedCloud(unit(1, 0, 2, 0, 0, 1), unit(0, 1, 0, 0, -1, 0), n, 6);
        Pca.Result one = Pca.fit(cloud, 3);
        Pca.Result many = Pca.fit(SegmentedMatrices.resegmented(cloud, 2), 3);
        assertArrayEquals(one.components(), many.components());
        assertArrayEquals(one.variances(), many.variances());
        assertEquals(one.totalVariance(), many.totalVariance());
        assertArrayEquals(one.projection(), many.projection());
    }

    @Test
    void dataWithoutVarianceGivesZeroComponentsRatherThanNaN() {
        FloatMatrix same = FloatMatrix.zeros(4, 3);
        same.fill(2f);
        Pca.Result pca = Pca.fit(same, 2);
        assertEquals(0, pca.variances()[0]);
        for (double[] p : pca.projection()) {
            assertEquals(0, p[0]);
            assertEquals(0, p[1]);
        }
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(FloatMatrix.zeros(0, 3), 1));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(FloatMatrix.zeros(2, 3), 4));
    }
}
