package dev.embeddings.matrix;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Copies between a {@link FloatMatrix} and an ND4J rows x width matrix one segment of rows at a time: an ND4J array
 * is long-indexed, a segment is one Java array, so neither side needs the whole matrix in one array.
 */
public final class Nd4jMatrices {

    private Nd4jMatrices() {
    }

    /** Overwrites {@code target}, a rows x width matrix, with the values of {@code source}. */
    public static void assign(INDArray target, FloatMatrix source) {
        long first = 0;
        for (int s = 0; s < source.segmentCount(); s++) {
            float[] segment = source.segmentArray(s);
            long rows = segment.length / source.width();
            rows(target, first, rows).assign(Nd4j.create(segment, new long[] {rows, source.width()}, 'c'));
            first += rows;
        }
    }

    /** Overwrites {@code target} with the values of {@code source}, a rows x width matrix held on the host. */
    public static void copy(INDArray source, FloatMatrix target) {
        if (target.segmentCount() == 1) {
            source.data().asNioFloat().get(target.segmentArray(0));
            return;
        }
        long first = 0;
        for (int s = 0; s < target.segmentCount(); s++) {
            float[] segment = target.segmentArray(s);
            long rows = segment.length / target.width();
            rows(source, first, rows).dup('c').data().asNioFloat().get(segment);
            first += rows;
        }
    }

    private static INDArray rows(INDArray matrix, long first, long count) {
        return matrix.get(NDArrayIndex.interval(first, first + count), NDArrayIndex.all());
    }
}
