package dev.embeddings.word2vec;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubsamplerTest {

    private static final long[] COUNTS = {600_000, 250_000, 90_000, 40_000, 9_000, 1_000, 100, 5};

    @Test
    void keepProbabilityIsWord2vecFormulaCappedAtOne() {
        double sample = 1e-3;
        Subsampler subsampler = new Subsampler(COUNTS, sample);
        long total = 0;
        for (long c : COUNTS) {
            total += c;
        }
        for (int w = 0; w < COUNTS.length; w++) {
            double ratio = COUNTS[w] / (sample * total);
            double expected = Math.min(1, (Math.sqrt(ratio) + 1) / ratio);
            assertEquals(expected, subsampler.keepProbability(w), 1e-12, "word " + w);
        }
        assertEquals(1.0, subsampler.keepProbability(COUNTS.length - 1), "rare words are always kept");
    }

    @Test
    void keepsWordsAtTheirProbability() {
        Subsampler subsampler = new Subsampler(COUNTS, 1e-3);
        SplittableRandom random = new SplittableRandom(4);
        int trials = 200_000;
        int kept = 0;
        for (int i = 0; i < trials; i++) {
            if (subsampler.keep(0, random.nextDouble())) {
                kept++;
            }
        }
        assertEquals(subsampler.keepProbability(0), kept / (double) trials, 0.005);
    }

    @Test
    void zeroSampleKeepsEverything() {
        Subsampler subsampler = new Subsampler(COUNTS, 0);
        for (int w = 0; w < COUNTS.length; w++) {
            assertEquals(1.0, subsampler.keepProbability(w));
        }
    }
}
