package dev.embeddings.report;

import dev.embeddings.matrix.FloatMatrix;
import java.util.Random;

/**
 * Principal component analysis by power iteration on the covariance, which is never formed: each step is
 * {@code v <- X^T (X v) / n} over the centred rows, orthogonalised against the components already found. Rows are
 * centred as they are read rather than copied, so the only memory beyond the input is per dimension and the
 * projection. Enough for a few components of a few hundred rows; deterministic.
 */
final class Pca {

    private static final int MAX_ITERATIONS = 1000;
    private static final double CONVERGED = 1e-12;

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
        double[] mean = mean(rows);
        double[] centred = new double[dim];
        double total = 0;
        for (int i = 0; i < n; i++) {
            centre(rows, i, mean, centred);
            for (double x : centred) {
                total += x * x;
            }
        }
        total /= n;
        double[][] components = new double[k][];
        double[] variances = new double[k];
        Random random = new Random(1);
        for (int c = 0; c < k; c++) {
            double[] v = new double[dim];
            for (int j = 0; j < dim; j++) {
                v[j] = random.nextGaussian();
            }
            orthogonalise(v, components, c);
            double variance = normalise(v);
            for (int iteration = 0; iteration < MAX_ITERATIONS && variance > 0; iteration++) {
                double[] w = covarianceTimes(rows, mean, v);
                orthogonalise(w, components, c);
                variance = normalise(w);
                double agreement = Math.abs(dot(v, w));
                v = w;
                if (1 - agreement < CONVERGED) {
                    break;
                }
            }
            if (variance == 0) {
                v = new double[dim];
            }
            orientByLargestEntry(v);
            components[c] = v;
            variances[c] = variance;
        }
        double[][] projection = new double[n][k];
        for (int i = 0; i < n; i++) {
            centre(rows, i, mean, centred);
            for (int c = 0; c < k; c++) {
                projection[i][c] = dot(centred, components[c]);
            }
        }
        return new Result(components, variances, total, projection);
    }

    /** The mean row. */
    private static double[] mean(FloatMatrix rows) {
        int dim = rows.width();
        double[] sum = new double[dim];
        for (int i = 0; i < rows.rows(); i++) {
            float[] values = rows.segment(i);
            int from = rows.offset(i);
            for (int j = 0; j < dim; j++) {
                sum[j] += values[from + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            sum[j] /= rows.rows();
        }
        return sum;
    }

    /** {@code out} = row {@code i} minus the mean. */
    private static void centre(FloatMatrix rows, int i, double[] mean, double[] out) {
        float[] values = rows.segment(i);
        int from = rows.offset(i);
        for (int j = 0; j < out.length; j++) {
            out[j] = values[from + j] - mean[j];
        }
    }

    /** {@code X^T (X v) / n}, X being the centred rows. */
    private static double[] covarianceTimes(FloatMatrix rows, double[] mean, double[] v) {
        int n = rows.rows();
        double[] x = new double[v.length];
        double[] out = new double[v.length];
        for (int i = 0; i < n; i++) {
            centre(rows, i, mean, x);
            double projected = dot(x, v);
            for (int j = 0; j < x.length; j++) {
                out[j] += x[j] * projected;
            }
        }
        for (int j = 0; j < out.length; j++) {
            out[j] /= n;
        }
        return out;
    }

    private static void orthogonalise(double[] v, double[][] found, int count) {
        for (int c = 0; c < count; c++) {
            double overlap = dot(v, found[c]);
            for (int j = 0; j < v.length; j++) {
                v[j] -= overlap * found[c][j];
            }
        }
    }

    /** Scales {@code v} to unit length; returns its former length (0 leaves it as it was). */
    private static double normalise(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= norm;
            }
        }
        return norm;
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
