package dev.embeddings.glove;

import java.util.Arrays;

/**
 * Open-addressing hash map from a (row, column) pair, packed in a long, to a running sum: the co-occurrence
 * counter's buffer. Linear probing over power-of-two tables; no boxing, no allocation after construction.
 *
 * <p>Sums are kept in double although blocks carry floats: a frequent pair's sum grows far past 2^24, where a
 * float stops absorbing increments like 1/10 (they round to 0 or, below that, are biased upward), which would
 * silently distort the counts of exactly the most frequent pairs. That costs {@value #BYTES_PER_SLOT} bytes per
 * slot; with the table at most 3/4 full, about 21.3 bytes per entry held when full.
 */
public final class CooccurrenceMap {

    /** Bytes per table slot: a long key and a double sum. */
    public static final int BYTES_PER_SLOT = 16;

    private static final long EMPTY = -1L; // never a key: rows and columns are non-negative
    private static final int MAX_SLOTS = 1 << 30;

    private final long[] keys;
    private final double[] sums;
    private final int mask;
    private final int shift;
    private final int capacity;
    private int size;

    /** A map that holds up to {@code capacity} entries in a table at most 3/4 full. */
    public CooccurrenceMap(int capacity) {
        if (capacity < 1 || capacity > MAX_SLOTS / 4 * 3) {
            throw new IllegalArgumentException("capacity must be in [1, " + (MAX_SLOTS / 4 * 3) + "] entries, got "
                    + capacity);
        }
        int slots = 4;
        while (slots / 4 * 3 < capacity) {
            slots <<= 1;
        }
        this.keys = new long[slots];
        this.sums = new double[slots];
        this.mask = slots - 1;
        this.shift = 64 - Integer.numberOfTrailingZeros(slots);
        this.capacity = capacity;
        Arrays.fill(keys, EMPTY);
    }

    /** The largest capacity whose table fits in {@code bytes}: a quarter of the slots stay free. */
    public static int capacityForBytes(long bytes) {
        long slots = Long.highestOneBit(Math.max(4, Math.min(MAX_SLOTS, bytes / BYTES_PER_SLOT)));
        return (int) (slots / 4 * 3);
    }

    /** Adds {@code value} to the sum of (row, col). The map must not be {@link #isFull() full}. */
    public void add(int row, int col, double value) {
        long key = CooccurrenceBlock.key(row, col);
        int slot = slotOf(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                sums[slot] += value;
                return;
            }
            if (k == EMPTY) {
                if (size == capacity) {
                    throw new IllegalStateException("co-occurrence map is full (" + capacity + " entries)");
                }
                keys[slot] = key;
                sums[slot] = value;
                size++;
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** True when no new pair fits; adding to a pair already present still works. */
    public boolean isFull() {
        return size == capacity;
    }

    /** Bytes of the table, held for the map's lifetime whatever its size. */
    public long bytesHeld() {
        return (long) keys.length * BYTES_PER_SLOT;
    }

    /** Returns the entries sorted by (row, column), each sum rounded to float, and empties the map. */
    public CooccurrenceBlock drainSorted() {
        long[] packed = new long[size];
        int n = 0;
        for (long k : keys) {
            if (k != EMPTY) {
                packed[n++] = k;
            }
        }
        Arrays.sort(packed);
        int[] rows = new int[n];
        int[] cols = new int[n];
        float[] values = new float[n];
        for (int e = 0; e < n; e++) {
            rows[e] = (int) (packed[e] >>> 32);
            cols[e] = (int) packed[e];
            values[e] = (float) sums[find(packed[e])];
        }
        Arrays.fill(keys, EMPTY);
        size = 0;
        return new CooccurrenceBlock(rows, cols, values, n);
    }

    private int slotOf(long key) {
        // Fibonacci hashing: the multiply spreads the small ids of frequent words over the high bits.
        return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> shift);
    }

    private int find(long key) {
        int slot = slotOf(key);
        while (keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
