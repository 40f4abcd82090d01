package dev.embeddings.glove;

import java.util.ArrayList;
import java.util.List;

/**
 * A block of co-occurrence entries (row i, column j, summed weight X_ij) as parallel primitive arrays: 12 bytes
 * per entry. Blocks made by {@link CooccurrenceMap#drainSorted} are sorted by (row, column) with each pair once,
 * which {@link #sum} relies on. The trainer shuffles a block's arrays in place, after which it is unsorted.
 */
public final class CooccurrenceBlock implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Bytes per entry in the arrays: an int row, an int column and a float value. */
    public static final int BYTES_PER_ENTRY = 12;

    private final int[] rows;
    private final int[] cols;
    private final float[] values;
    private final int size;
    // How many epochs' shuffles the arrays have had (they are shuffled in place, epoch after epoch).
    private int epochsShuffled;

    /** Wraps (does not copy) the first {@code size} elements of the three arrays. */
    public CooccurrenceBlock(int[] rows, int[] cols, float[] values, int size) {
        if (size < 0 || rows.length < size || cols.length < size || values.length < size) {
            throw new IllegalArgumentException("block of " + size + " entries needs arrays at least that long, got "
                    + rows.length + " rows, " + cols.length + " columns, " + values.length + " values");
        }
        this.rows = rows;
        this.cols = cols;
        this.values = values;
        this.size = size;
    }

    public static CooccurrenceBlock empty() {
        return new CooccurrenceBlock(new int[0], new int[0], new float[0], 0);
    }

    /** How many epochs' shuffles ({@link GloveTrainer#shuffle}) the entries have had, undone ones deducted. */
    public int epochsShuffled() {
        return epochsShuffled;
    }

    void countShuffle(int change) {
        epochsShuffled += change;
    }

    public int size() {
        return size;
    }

    public int row(int k) {
        return rows[k];
    }

    public int col(int k) {
        return cols[k];
    }

    public float value(int k) {
        return values[k];
    }

    /** The live row array; only the first {@link #size()} elements belong to the block. */
    public int[] rows() {
        return rows;
    }

    /** The live column array; only the first {@link #size()} elements belong to the block. */
    public int[] cols() {
        return cols;
    }

    /** The live value array; only the first {@link #size()} elements belong to the block. */
    public float[] values() {
        return values;
    }

    /** The (row, column) pair packed as one long that orders like the pair: row in the high 32 bits. */
    public static long key(int row, int col) {
        return ((long) row << 32) | (col & 0xFFFF_FFFFL);
    }

    /** The sum of X_ij over the block, in double. */
    public double total() {
        double total = 0;
        for (int k = 0; k < size; k++) {
            total += values[k];
        }
        return total;
    }

    /**
     * Sums partial blocks: the result holds each (row, column) pair once, sorted, with the sum of its values.
     * Every input must be sorted by (row, column) with no pair repeated, as spilled blocks are. A single input
     * is returned as it is, not copied.
     */
    public static CooccurrenceBlock sum(List<CooccurrenceBlock> blocks) {
        for (int b = 0; b < blocks.size(); b++) {
            blocks.get(b).requireStrictlySorted(b);
        }
        List<CooccurrenceBlock> level = new ArrayList<>(blocks);
        if (level.isEmpty()) {
            return empty();
        }
        // Pairwise rounds: n log k work, and each value is rounded to float at most log2(k) times.
        while (level.size() > 1) {
            List<CooccurrenceBlock> next = new ArrayList<>((level.size() + 1) / 2);
            for (int b = 0; b + 1 < level.size(); b += 2) {
                next.add(mergeSorted(level.get(b), level.get(b + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }

    private void requireStrictlySorted(int blockIndex) {
        for (int k = 1; k < size; k++) {
            if (key(rows[k - 1], cols[k - 1]) >= key(rows[k], cols[k])) {
                throw new IllegalArgumentException("block " + blockIndex + " is not sorted by (row, column) with "
                        + "unique pairs at entry " + k + ": (" + rows[k - 1] + ", " + cols[k - 1] + ") then ("
                        + rows[k] + ", " + cols[k] + ")");
            }
        }
    }

    private static CooccurrenceBlock mergeSorted(CooccurrenceBlock a, CooccurrenceBlock b) {
        int capacity = a.size + b.size;
        int[] rows = new int[capacity];
        int[] cols = new int[capacity];
        float[] values = new float[capacity];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < a.size && j < b.size) {
            long ka = key(a.rows[i], a.cols[i]);
            long kb = key(b.rows[j], b.cols[j]);
            if (ka <= kb) {
                rows[n] = a.rows[i];
                cols[n] = a.cols[i];
                values[n++] = ka == kb ? (float) ((double) a.values[i++] + b.values[j++]) : a.values[i++];
            } else {
                rows[n] = b.rows[j];
                cols[n] = b.cols[j];
                values[n++] = b.values[j++];
            }
        }
        n = copyTail(a, i, rows, cols, values, n);
        n = copyTail(b, j, rows, cols, values, n);
        return new CooccurrenceBlock(rows, cols, values, n);
    }

    private static int copyTail(CooccurrenceBlock from, int start, int[] rows, int[] cols, float[] values, int n) {
        int length = from.size - start;
        System.arraycopy(from.rows, start, rows, n, length);
        System.arraycopy(from.cols, start, cols, n, length);
        System.arraycopy(from.values, start, values, n, length);
        return n + length;
    }
}
