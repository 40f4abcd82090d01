package dev.embeddings.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorrelationTest {

    @Test
    void threeTiedValuesShareTheirAverageRank() {
        // Ranks 4,1,4,4,2 (lowest tied rank 3,1,3,3,2 or in order 3,1,4,5,2 give other results) and 3,1,2,5,4:
        // deviations 1,-2,1,1,-1 and 0,-2,-1,2,1; sxy = 4, sxx = 8, syy = 10.
        assertEquals(4 / Math.sqrt(80), Correlation.spearman(new double[] {7, -1, 7, 7, 0},
                new double[] {3, 1, 2, 5, 4}), 1e-12);
    }

    @Test
    void pearsonMatchesTheDefinitionOnASmallSample() {
        // x = 1,2,3 and y = 2,4,7: deviations -1,0,1 and -7/3,-1/3,8/3; sxy = 5, sxx = 2, syy = 114/9.
        assertEquals(5 / Math.sqrt(2 * 114 / 9.0), Correlation.pearson(new double[] {1, 2, 3},
                new double[] {2, 4, 7}), 1e-12);
    }

    @Test
    void spearmanWithTiesIsPearsonOfAverageRanks() {
        // Ranks 1,2.5,2.5,4 and 1,3,2,4: deviations -1.5,0,0,1.5 and -1.5,.5,-.5,1.5; sxy = 4.5, sxx = 4.5, syy = 5.
        assertEquals(4.5 / Math.sqrt(4.5 * 5), Correlation.spearman(new double[] {1, 2, 2, 3},
                new double[] {1, 3, 2, 4}), 1e-12);
    }

    @Test
    void spearmanIsOneForAnyIncreasingRelationAndMinusOneForDecreasing() {
        double[] x = {0.1, 0.5, 0.7, 3, 10};
        assertEquals(1, Correlation.spearman(x, new double[] {1, 25, 49, 900, 1e4}), 1e-12);
        assertEquals(-1, Correlation.spearman(x, new double[] {5, 4, 3, 2, 1}), 1e-12);
        assertTrue(Correlation.pearson(x, new double[] {1, 25, 49, 900, 1e4}) < 1);
    }

    @Test
    void constantSamplesHaveNoCorrelation() {
        assertTrue(Double.isNaN(Correlation.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
        assertTrue(Double.isNaN(Correlation.spearman(new double[] {1, 2, 3}, new double[] {4, 4, 4})));
    }

    @Test
    void aNanValueLeavesTheCorrelationUndefined() {
        // A diverged model's cosine: no rank for it, no correlation (the evaluation reports none).
        assertTrue(Double.isNaN(Correlation.spearman(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3})));
        assertTrue(Double.isNaN(Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3})));
    }
}
