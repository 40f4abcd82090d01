package dev.embeddings.glove;

import java.util.function.Consumer;

/**
 * Counts weighted co-occurrences X_ij in id sentences the way GloVe's {@code cooccur} does: each word j is paired
 * with the words i up to {@code window} positions to its left, adding 1/distance to X_ij; symmetric counting
 * adds the same to X_ji (so a word pair with itself gets both). Pairs never span sentences.
 *
 * <p>Memory is bounded: sums accumulate in a {@link CooccurrenceMap} of fixed capacity, and when it is full its
 * partial sums go to the consumer as a sorted {@link CooccurrenceBlock} and counting starts over. The same pair
 * may therefore appear in several blocks; {@link CooccurrenceBlock#sum} (or a reduce by key) combines them.
 *
 * <p>Not thread-safe: one counter per thread or task.
 */
public final class CooccurrenceCounter {

    private final int window;
    private final boolean symmetric;
    private final CooccurrenceMap map;
    private final Consumer<CooccurrenceBlock> spill;
    private final double[] inverseDistance;
    private int spills;

    /** A counter whose map holds {@code capacity} entries before it spills to {@code spill}. */
    public CooccurrenceCounter(int window, boolean symmetric, int capacity, Consumer<CooccurrenceBlock> spill) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + window);
        }
        this.window = window;
        this.symmetric = symmetric;
        this.map = new CooccurrenceMap(capacity);
        this.spill = spill;
        this.inverseDistance = new double[window + 1];
        for (int d = 1; d <= window; d++) {
            inverseDistance[d] = 1.0 / d;
        }
    }

    /** A counter with the config's window and symmetry whose map fits in its co-occurrence buffer. */
    public static CooccurrenceCounter fromConfig(GloveConfig config, Consumer<CooccurrenceBlock> spill) {
        config.validate();
        return new CooccurrenceCounter(config.window(), config.symmetric(),
                CooccurrenceMap.capacityForBytes(config.cooccurrenceBufferMb() * (1L << 20)), spill);
    }

    /** Counts one sentence of vocabulary ids (non-negative). */
    public void addSentence(int[] ids) {
        addSentence(ids, 0, ids.length);
    }

    /** Counts the sentence {@code ids[from, to)}. */
    public void addSentence(int[] ids, int from, int to) {
        for (int p = from; p < to; p++) {
            int center = ids[p];
            if (center < 0) {
                throw new IllegalArgumentException("negative word id " + center + " at position " + (p - from)
                        + " of a sentence");
            }
            for (int q = Math.max(from, p - window); q < p; q++) {
                double weight = inverseDistance[p - q];
                add(ids[q], center, weight);
                if (symmetric) {
                    add(center, ids[q], weight);
                }
            }
        }
    }

    /** Hands the sums held so far to the consumer (if any) and empties the map. */
    public void flush() {
        if (map.size() > 0) {
            spills++;
            spill.accept(map.drainSorted());
        }
    }

    /** Number of blocks handed to the consumer so far. */
    public int spills() {
        return spills;
    }

    /** Bytes of the counter's hash map (held throughout; see {@link CooccurrenceMap}). */
    public long bytesHeld() {
        return map.bytesHeld();
    }

    private void add(int row, int col, double weight) {
        if (map.isFull()) {
            flush();
        }
        map.add(row, col, weight);
    }
}
