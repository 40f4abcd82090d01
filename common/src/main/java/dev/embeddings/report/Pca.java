package dev.embeddings.report;

import java.util.Random;

/**
 * Principal component analysis by power iteration on the covariance, which is never formed: each step is
 * {@code v <- X^T (X v) / n} over the centred rows, orthogonalised against the components already found. Enough for
 * a few components of a few hundred rows; deterministic.
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

    /** The top {@code k} components of {@code n} rows of {@code dim} values, row-major in {@code rows}. */
    static Result fit(float[] rows, int n, int dim, int k) {
        if (n < 1 || dim < 1 || (long) n * dim != rows.length || k < 1 || k > dim) {
            throw new IllegalArgumentException("need n >= 1 rows of dim >= 1 values and 1 <= k <= dim, got n=" + n
                    + ", dim=" + dim + ", k=" + k + ", " + rows.length + " values");
        }
        double[] centred = centre(rows, n, dim);
        double total = 0;
        for (double x : centred) {
            total += x * x;
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
                double[] w = covarianceTimes(centred, n, dim, v);
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
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    s += centred[i * dim + j] * components[c][j];
                }
                projection[i][c] = s;
            }
        }
        return new Result(components, variances, total, projection);
    }

    private static double[] centre(float[] rows, int n, int dim) {
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += rows[i * dim + j];
            }
        }
        double[] centred = new double[rows.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                centred[i * dim + j] = rows[i * dim + j] - mean[j] / n;
            }
        }
        return centred;
    }

    /** {@code X^T (X v) / n}. */
    private static double[] covarianceTimes(double[] x, int n, int dim, double[] v) {
        double[] out = new double[dim];
        for (int i = 0; i < n; i++) {
            double projected = 0;
            for (int j = 0; j < dim; j++) {
                projected += x[i * dim + j] * v[j];
            }
            for (int j = 0; j < dim; j++) {
                out[j] += x[i * dim + j] * projected;
            }
        }
        for (int j = 0; j < dim; j++) {
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
