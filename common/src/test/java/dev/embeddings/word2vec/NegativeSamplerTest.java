package dev.embeddings.word2vec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NegativeSamplerTest {

    @ParameterizedTest(name = "exponent {0}")
    @ValueSource(doubles = {Word2VecConfig.NS_EXPONENT, 0.5, 0, -0.5, 1})
    void drawsFollowCountToThePowerOfTheExponent(double exponent) {
        long[] counts = {5000, 1200, 1200, 800, 300, 90, 40, 40, 7, 3, 1, 1};
        NegativeSampler sampler = new NegativeSampler(counts, exponent);
        int draws = 2_000_000;
        long[] observed = new long[counts.length];
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < draws; i++) {
            observed[sampler.sample(random.nextLong())]++;
        }
        double sum = 0;
        for (long c : counts) {
            sum += Math.pow(c, exponent);
        }
        double chiSquare = 0;
        for (int w = 0; w < counts.length; w++) {
            double expected = draws * Math.pow(counts[w], exponent) / sum;
            chiSquare += (observed[w] - expected) * (observed[w] - expected) / expected;
            assertEquals(expected / draws, observed[w] / (double) draws, 0.002, "frequency of word " + w);
        }
        // 11 degrees of freedom: P(chi2 > 31.26) = 0.001.
        assertTrue(chiSquare < 31.26, "chi-square " + chiSquare);
    }

    @Test
    void aSingleWordIsAlwaysDrawn() {
        NegativeSampler sampler = new NegativeSampler(new long[] {42}, Word2VecConfig.NS_EXPONENT);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, sampler.sample(random.nextLong()));
        }
    }

    @Test
    void rejectsEmptyVocabulariesNonPositiveCountsAndExponentsOutsideMinusOneToOne() {
        double e = Word2VecConfig.NS_EXPONENT;
        assertThrows(IllegalArgumentException.class, () -> new NegativeSampler(new long[0], e));
        assertThrows(IllegalArgumentException.class, () -> new NegativeSampler(new long[] {3, 0}, e));
        for (double bad : new double[] {1.5, -2, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new NegativeSampler(new long[] {3, 4}, bad));
            assertTrue(error.getMessage().contains("exponent"), error.getMessage());
        }
    }
}
