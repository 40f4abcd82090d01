package dev.embeddings.matrix;

/** Test fixture: copies of matrices cut into many small segments, to run segmented paths on small models. */
public final class Segments {

    private Segments() {
    }

    /** A copy of {@code matrix} whose segments hold {@code rowsPerSegment} rows (a power of two). */
    public static FloatMatrix of(FloatMatrix matrix, int rowsPerSegment) {
        FloatMatrix segmented = FloatMatrix.zeros(matrix.rows(), matrix.width(), (long) rowsPerSegment * matrix.width());
        for (int row = 0; row < matrix.rows(); row++) {
            segmented.setRow(row, matrix.segment(row), matrix.offset(row));
        }
        return segmented;
    }
}
