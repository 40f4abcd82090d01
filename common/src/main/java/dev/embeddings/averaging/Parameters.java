package dev.embeddings.averaging;

/**
 * A model's trainable state as dense row-major float matrices (word vectors, output weights, biases, optimiser
 * accumulators...): a worker's replica, which {@link ReplicaExchange} synchronises row by row, and what a checkpoint
 * holds. Memory: 4 bytes per float, i.e. rows x width x 4 per matrix.
 */
public final class Parameters {

    private final float[][] matrices;
    private final int[] widths;
    // Which rows the last round's local training updated, and how often.
    private RowUpdates updates;

    /**
     * @param matrices row-major matrices (not copied)
     * @param widths   row width of each matrix (e.g. dim for vectors, 1 for biases)
     */
    public Parameters(float[][] matrices, int[] widths) {
        if (matrices.length != widths.length) {
            throw new IllegalArgumentException(matrices.length + " matrices but " + widths.length + " widths");
        }
        for (int m = 0; m < matrices.length; m++) {
            if (widths[m] < 1 || matrices[m].length % widths[m] != 0) {
                throw new IllegalArgumentException("matrix " + m + " of " + matrices[m].length
                        + " floats is not a whole number of rows of width " + widths[m]);
            }
        }
        this.matrices = matrices;
        this.widths = widths.clone();
    }

    /** Records how the round's local training updated the rows (what the exchange sends, the adaptive merge weighs). */
    public void recordUpdates(RowUpdates rowUpdates) {
        this.updates = rowUpdates;
    }

    /** How the local training updated these rows, or null when it did not count. */
    public RowUpdates updates() {
        return updates;
    }

    public int count() {
        return matrices.length;
    }

    public float[] matrix(int m) {
        return matrices[m];
    }

    public int width(int m) {
        return widths[m];
    }

    public int rows(int m) {
        return matrices[m].length / widths[m];
    }

    public long bytes() {
        long floats = 0;
        for (float[] matrix : matrices) {
            floats += matrix.length;
        }
        return 4 * floats;
    }
}
