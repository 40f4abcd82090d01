package dev.embeddings.matrix;

import java.util.Random;

/** Test matrices holding the same values in one segment or in many small ones, to compare the two paths. */
public final class SegmentedMatrices {

    private SegmentedMatrices() {
    }

    /** {@code rows x width} standard Gaussian values drawn from {@code seed}, in one segment. */
    public static FloatMatrix gaussian(int rows, int width, long seed) {
        Random random = new Random(seed);
        FloatMatrix m = FloatMatrix.zeros(rows, width);
        for (int row = 0; row < rows; row++) {
            for (int j = 0; j < width; j++) {
                m.set(row, j, (float) random.nextGaussian());
            }
        }
        return m;
    }

    /** A copy of {@code m} in segments of {@code rowsPerSegment} rows (a power of two). */
    public static FloatMatrix resegmented(FloatMatrix m, int rowsPerSegment) {
        FloatMatrix copy = FloatMatrix.zeros(m.rows(), m.width(), (long) rowsPerSegment * m.width());
        if (copy.segmentRows() != rowsPerSegment) {
            throw new IllegalArgumentException(rowsPerSegment + " rows per segment is not a power of two");
        }
        for (int row = 0; row < m.rows(); row++) {
            m.copyRow(row, copy.segment(row), copy.offset(row));
        }
        return copy;
    }
}
