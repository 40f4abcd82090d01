package dev.embeddings.averaging;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A model's trainable state as dense row-major float matrices (word vectors, output weights, biases, optimiser
 * accumulators...): the unit that parameter averaging copies to workers, and combines row block by row block.
 * Memory: 4 bytes per float, i.e. rows x width x 4 per matrix. Serialized in bulk ({@link BulkFloats}): Spark
 * broadcasts the whole model every round.
 */
public final class Parameters implements Serializable {

    private static final long serialVersionUID = 1L;

    // Not final: readObject fills them (bulk float serialization).
    private float[][] matrices;
    private int[] widths;
    // Bookkeeping of the local training that produced these parameters; never shipped.
    private transient RowUpdates updates;

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

    /** Records how the local training that produced these parameters updated their rows (for the adaptive merge). */
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

    /** A deep copy, for a worker to train without touching the shared starting point. */
    public Parameters copy() {
        float[][] copies = new float[matrices.length][];
        for (int m = 0; m < matrices.length; m++) {
            copies[m] = Arrays.copyOf(matrices[m], matrices[m].length);
        }
        return new Parameters(copies, widths);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.writeObject(widths);
        for (float[] matrix : matrices) {
            BulkFloats.write(out, matrix);
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        widths = (int[]) in.readObject();
        matrices = new float[widths.length][];
        for (int m = 0; m < matrices.length; m++) {
            matrices[m] = BulkFloats.read(in);
        }
    }
}
