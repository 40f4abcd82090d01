package dev.embeddings.report;

import dev.embeddings.matrix.FloatMatrix;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Principal component analysis from commons-math's singular value decomposition of the centred rows: the right
 * singular vectors are the components, the squared singular values over n their variances. The rows are copied into
 * doubles, which a report's few hundred rows afford; deterministic.
 */
final class Pca {

    /** A singular value this far below the largest is rounding, not variance. */
    private static final double NO_VARIANCE = 1e-12;

    /**
     * @param components    unit vectors, largest variance first; a component is all zeros when the data has no
     *                      variance left in its direction
     * @param variances     the variance along each component
     * @param totalVariance the variance summed over all dimensions, to express each component's share
     * @param projection    per row, its coordinate on each component
     */
    record Result(double[][] components, double[] variances, double totalVariance, double[][] projection) {
    }

    private Pca() {
    }

    /** The top {@code k} components of the rows of {@code rows}. */
    static Result fit(FloatMatrix rows, int k) {
        int n = rows.rows();
        int dim = rows.width();
        if (n < 1 || k < 1 || k > dim) {
            throw new IllegalArgumentException("need n >= 1 rows and 1 <= k <= dim, got n=" + n + ", dim=" + dim
                    + ", k=" + k);
        }
        double[][] centred = centred(rows);
        double total = 0;
        for (double[] row : centred) {
            for (double x : row) {
                total += x * x;
            }
        }
        total /= n;
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(centred, false));
        double[] singular = svd.getSingularValues();
        RealMatrix v = svd.getV();
        double[][] components = new double[k][];
        double[] variances = new double[k];
        for (int c = 0; c < k; c++) {
            boolean varies = c < singular.length && singular[c] > NO_VARIANCE * singular[0];
            components[c] = varies ? v.getColumn(c) : new double[dim];
            variances[c] = varies ? singular[c] * singular[c] / n : 0;
            orientByLargestEntry(components[c]);
        }
        double[][] projection = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                projection[i][c] = dot(centred[i], components[c]);
            }
        }
        return new Result(components, variances, total, projection);
    }

    /** The rows minus their mean row, as doubles. */
    private static double[][] centred(FloatMatrix rows) {
        int n = rows.rows();
        int dim = rows.width();
        double[][] out = new double[n][dim];
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            float[] values = rows.segment(i);
            int from = rows.offset(i);
            for (int j = 0; j < dim; j++) {
                out[i][j] = values[from + j];
                mean[j] += out[i][j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= n;
        }
        for (double[] row : out) {
            for (int j = 0; j < dim; j++) {
                row[j] -= mean[j];
            }
        }
        return out;
    }

    /** A component's sign is arbitrary; fixing it keeps plots of the same vectors the same way round. */
    private static void orientByLargestEntry(double[] v) {
        int largest = 0;
        for (int j = 1; j < v.length; j++) {
            if (Math.abs(v[j]) > Math.abs(v[largest])) {
                largest = j;
            }
        }
        if (v[largest] < 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] = -v[j];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
