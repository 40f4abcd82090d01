package dev.embeddings.matrix;


/**
 * A model's trainable state as dense row-major {@link FloatMatrix} matrices (word vectors, output weights, biases,
 * optimiser accumulators...): a worker's replica, which {@link dev.embeddings.averaging.ReplicaExchange} synchronises row by row, and what a
 * checkpoint holds. Memory: 4 bytes per float, i.e. rows x width x 4 per matrix.
 */
public final class Parameters {

    private final FloatMatrix[] matrices;
    // Which rows the last round's local training updated, and how often.
    private RowUpdates updates;

    /** @param matrices the matrices (live, not copied), each with its row width (e.g. dim for vectors, 1 for biases) */
    public Parameters(FloatMatrix... matrices) {
        this.matrices = matrices.clone();
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

    public FloatMatrix matrix(int m) {
        return matrices[m];
    }

    public int width(int m) {
        return matrices[m].width();
    }

    public int rows(int m) {
        return matrices[m].rows();
    }

    public long bytes() {
        long bytes = 0;
        for (FloatMatrix matrix : matrices) {
            bytes += matrix.bytes();
        }
        return bytes;
    }
}
