package dev.embeddings.word2vec;

/**
 * Frequent-word subsampling as word2vec.c: word w with frequency f = count(w) is kept with probability
 * (sqrt(f / (s * total)) + 1) * (s * total) / f, capped at 1, where s is the sample threshold. 8 bytes per word.
 */
public final class Subsampler {

    private final double[] keepProbability;

    /**
     * @param sample threshold s; 0 keeps every word
     */
    public Subsampler(long[] counts, double sample) {
        keepProbability = new double[counts.length];
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double threshold = sample * total;
        for (int i = 0; i < counts.length; i++) {
            double f = counts[i];
            keepProbability[i] = sample <= 0 || f <= 0 ? 1 : Math.min(1, (Math.sqrt(f / threshold) + 1) * threshold / f);
        }
    }

    public double keepProbability(int word) {
        return keepProbability[word];
    }

    /** Whether to keep {@code word} given a uniform random number in [0, 1). */
    public boolean keep(int word, double uniform) {
        return uniform < keepProbability[word];
    }
}
