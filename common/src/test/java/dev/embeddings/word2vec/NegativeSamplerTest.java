package dev.embeddings.word2vec;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NegativeSamplerTest {

    @Test
    void drawsFollowCountToThePowerThreeQuarters() {
        long[] counts = {5000, 1200, 1200, 800, 300, 90, 40, 40, 7, 3, 1, 1};
        NegativeSampler sampler = new NegativeSampler(counts);
        int draws = 2_000_000;
        long[] observed = new long[counts.length];
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < draws; i++) {
            observed[sampler.sample(random.nextLong())]++;
        }
        double sum = 0;
        for (long c : counts) {
            sum += Math.pow(c, 0.75);
        }
        double chiSquare = 0;
        for (int w = 0; w < counts.length; w++) {
            double expected = draws * Math.pow(counts[w], 0.75) / sum;
            chiSquare += (observed[w] - expected) * (observed[w] - expected) / expected;
            assertEquals(expected / draws, observed[w] / (double) draws, 0.002, "frequency of word " + w);
        }
        // 11 degrees of freedom: P(chi2 > 31.26) = 0.001.
        assertTrue(chiSquare < 31.26, "chi-square " + chiSquare);
    }

    @Test
    void aSingleWordIsAlwaysDrawn() {
        NegativeSampler sampler = new NegativeSampler(new long[] {42});
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, sampler.sample(random.nextLong()));
        }
    }

    @Test
    void rejectsEmptyVocabulariesAndNonPositiveCounts() {
        assertThrows(IllegalArgumentException.class, () -> new NegativeSampler(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> new NegativeSampler(new long[] {3, 0}));
    }
}
