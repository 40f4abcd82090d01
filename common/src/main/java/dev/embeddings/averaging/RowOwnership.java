package dev.embeddings.averaging;

/**
 * Which worker merges which rows after a round: rows are cut into blocks of {@link #BLOCK_ROWS}, and block b of every
 * matrix belongs to worker b mod N. Dealing blocks round-robin spreads the frequent words (the low ids, the rows every
 * worker changes) over all the owners. An owner keeps its rows' values from the start of the round in a compact
 * array: owned block k (the k-th block it owns) at rows [k·BLOCK_ROWS, (k+1)·BLOCK_ROWS) of it.
 *
 * @param workers N, the number of workers
 */
public record RowOwnership(int workers) {

    /** Rows per block: a unit large enough that ownership is cheap to compute, small enough to balance the owners. */
    public static final int BLOCK_ROWS = 512;

    public RowOwnership {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
    }

    /** The worker that merges {@code row}. */
    public int owner(long row) {
        return (int) ((row / BLOCK_ROWS) % workers);
    }

    /** The position of {@code row} in its owner's compact array. */
    public long ownedIndex(long row) {
        return row / BLOCK_ROWS / workers * BLOCK_ROWS + row % BLOCK_ROWS;
    }

    /** The first row at or after {@code row} that {@code worker} owns. */
    public long nextOwnedRow(long row, int worker) {
        long block = row / BLOCK_ROWS;
        int owner = (int) (block % workers);
        return owner == worker ? row : (block + Math.floorMod(worker - owner, workers)) * BLOCK_ROWS;
    }

    /** Rows of the compact array of {@code worker} for a matrix of {@code rows} rows (whole blocks). */
    public long ownedCapacity(long rows, int worker) {
        long blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
        long owned = blocks <= worker ? 0 : (blocks - worker + workers - 1) / workers;
        return owned * BLOCK_ROWS;
    }
}
