package dev.embeddings.word2vec;

import dev.embeddings.config.Validation;

/**
 * Draws negative words from the unigram distribution raised to a power, P(w) = count(w)^e / sum (word2vec's e = 0.75;
 * fastText's 0.5; 0 is uniform, 1 the unigram distribution, below 0 favours rare words), with Walker's
 * alias method (Vose's construction): the exact distribution (up to 2^-31 per word) in O(1) per draw, in 8 bytes
 * per word (an int threshold and an int alias), instead of word2vec.c's 1e8-entry table (400 MB, distribution
 * rounded to 1e-8).
 */
public final class NegativeSampler {

    private final int size;
    /** Accept column i when the low 31 random bits are below threshold[i]; otherwise return alias[i]. */
    private final int[] threshold;
    private final int[] alias;

    /** @param exponent e in P(w) ∝ count(w)^e, in [-1, 1] */
    public NegativeSampler(long[] counts, double exponent) {
        requireExponent("negative-sampling exponent", exponent);
        size = counts.length;
        if (size < 1) {
            throw new IllegalArgumentException("cannot sample negatives from an empty vocabulary");
        }
        double[] scaled = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            if (counts[i] < 1) {
                throw new IllegalArgumentException("count of word " + i + " must be positive, got " + counts[i]);
            }
            scaled[i] = Math.pow(counts[i], exponent);
            sum += scaled[i];
        }
        int[] small = new int[size];
        int[] large = new int[size];
        int smallCount = 0;
        int largeCount = 0;
        for (int i = 0; i < size; i++) {
            scaled[i] *= size / sum;
            if (scaled[i] < 1) {
                small[smallCount++] = i;
            } else {
                large[largeCount++] = i;
            }
        }
        threshold = new int[size];
        alias = new int[size];
        while (smallCount > 0 && largeCount > 0) {
            int s = small[--smallCount];
            int l = large[largeCount - 1];
            threshold[s] = (int) Math.round(scaled[s] * 0x1p31);
            alias[s] = l;
            scaled[l] -= 1 - scaled[s];
            if (scaled[l] < 1) {
                largeCount--;
                small[smallCount++] = l;
            }
        }
        // Columns left over are full up to rounding: they always return themselves.
        for (int i = 0; i < largeCount; i++) {
            fill(large[i]);
        }
        for (int i = 0; i < smallCount; i++) {
            fill(small[i]);
        }
    }

    private void fill(int column) {
        threshold[column] = Integer.MAX_VALUE;
        alias[column] = column;
    }

    /** Throws {@link IllegalArgumentException} naming {@code name} unless {@code exponent} is in [-1, 1]. */
    static void requireExponent(String name, double exponent) {
        Validation.range(name, exponent, -1, 1);
    }

    /** A word drawn with probability count^e / sum, from 64 uniformly random bits. */
    public int sample(long randomBits) {
        int column = (int) (((randomBits >>> 32) * size) >>> 32);
        return ((int) randomBits & Integer.MAX_VALUE) < threshold[column] ? column : alias[column];
    }

    public int size() {
        return size;
    }
}
