package dev.embeddings.align;

/**
 * Singular value decomposition {@code M = U diag(s) V^T} of a small square matrix (d x d, row-major doubles) by
 * one-sided Jacobi rotations (Hestenes): columns of a working copy of M are rotated pairwise until orthogonal;
 * their norms are the singular values, the normalised columns U, the accumulated rotations V. Accurate to machine
 * precision and O(d^3) per sweep, which is all an embedding-sized (d <= ~1000) Procrustes problem needs.
 */
final class JacobiSvd {

    private static final int MAX_SWEEPS = 60;
    private static final double EPSILON = 1e-15;

    final int d;
    /** Left singular vectors, column j = u_j, row-major d x d; orthonormal even when M is rank-deficient. */
    final double[] u;
    final double[] s;
    /** Right singular vectors, column j = v_j, row-major d x d. */
    final double[] v;

    private JacobiSvd(int d, double[] u, double[] s, double[] v) {
        this.d = d;
        this.u = u;
        this.s = s;
        this.v = v;
    }

    static JacobiSvd of(double[] m, int d) {
        if (m.length != d * d) {
            throw new IllegalArgumentException("matrix must have " + d + " x " + d + " entries, got " + m.length);
        }
        double[] a = m.clone();
        double[] v = identity(d);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    double alpha = 0;
                    double beta = 0;
                    double gamma = 0;
                    for (int i = 0; i < d; i++) {
                        double ap = a[i * d + p];
                        double aq = a[i * d + q];
                        alpha += ap * ap;
                        beta += aq * aq;
                        gamma += ap * aq;
                    }
                    if (Math.abs(gamma) <= EPSILON * Math.sqrt(alpha * beta) || gamma == 0) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta == 0 ? 1 : zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    double c = 1 / Math.sqrt(1 + t * t);
                    double sn = c * t;
                    rotateColumns(a, d, p, q, c, sn);
                    rotateColumns(v, d, p, q, c, sn);
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] s = new double[d];
        double largest = 0;
        for (int j = 0; j < d; j++) {
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += a[i * d + j] * a[i * d + j];
            }
            s[j] = Math.sqrt(norm);
            largest = Math.max(largest, s[j]);
        }
        double[] u = new double[d * d];
        boolean[] defined = new boolean[d];
        for (int j = 0; j < d; j++) {
            if (s[j] > largest * 1e-12 && s[j] > 0) {
                for (int i = 0; i < d; i++) {
                    u[i * d + j] = a[i * d + j] / s[j];
                }
                defined[j] = true;
            }
        }
        completeOrthonormal(u, d, defined);
        return new JacobiSvd(d, u, s, v);
    }

    private static void rotateColumns(double[] x, int d, int p, int q, double c, double s) {
        for (int i = 0; i < d; i++) {
            double xp = x[i * d + p];
            double xq = x[i * d + q];
            x[i * d + p] = c * xp - s * xq;
            x[i * d + q] = s * xp + c * xq;
        }
    }

    /**
     * Columns of U for zero singular values are arbitrary: any orthonormal completion keeps U V^T orthogonal.
     * Gram-Schmidt on the standard basis vectors gives one.
     */
    private static void completeOrthonormal(double[] u, int d, boolean[] defined) {
        int basis = 0;
        for (int j = 0; j < d; j++) {
            if (defined[j]) {
                continue;
            }
            while (true) {
                double[] w = new double[d];
                w[basis++] = 1;
                for (int k = 0; k < d; k++) {
                    if (defined[k]) {
                        double dot = 0;
                        for (int i = 0; i < d; i++) {
                            dot += u[i * d + k] * w[i];
                        }
                        for (int i = 0; i < d; i++) {
                            w[i] -= dot * u[i * d + k];
                        }
                    }
                }
                double norm = 0;
                for (double x : w) {
                    norm += x * x;
                }
                norm = Math.sqrt(norm);
                if (norm > 1e-6) {
                    for (int i = 0; i < d; i++) {
                        u[i * d + j] = w[i] / norm;
                    }
                    defined[j] = true;
                    break;
                }
            }
        }
    }

    private static double[] identity(int d) {
        double[] x = new double[d * d];
        for (int i = 0; i < d; i++) {
            x[i * d + i] = 1;
        }
        return x;
    }
}
