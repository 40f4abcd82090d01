package dev.embeddings.vectors;

/**
 * Float kernels on rows of row-major matrices, shared by training and queries.
 *
 * <p>When the JVM runs with {@code --add-modules jdk.incubator.vector} (the launcher and conf/spark-defaults.conf
 * add it), the kernels run on the JDK's Vector API ({@link SimdVectorMath}): the JIT does not vectorise a float
 * reduction, so the dot product is otherwise scalar. Without the module they fall back to plain loops; the class
 * that references the module is then never loaded.
 */
public final class VectorMath {

    /** Whether the Vector API module is in the boot layer; constant, so the JIT drops the branch not taken. */
    static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorMath() {
    }

    /** Whether these kernels run on the Vector API in this JVM (for logs and benchmarks). */
    public static boolean simd() {
        return SIMD;
    }

    /**
     * The dot product of {@code n} floats from {@code a[aFrom]} and {@code b[bFrom]}, a float product like the
     * float32 BLAS calls of word2vec.c, gensim and evaluate_vectors.py.
     */
    public static float dot(float[] a, int aFrom, float[] b, int bFrom, int n) {
        return SIMD ? SimdVectorMath.dot(a, aFrom, b, bFrom, n) : scalarDot(a, aFrom, b, bFrom, n);
    }

    /** y[yFrom..] += alpha * x[xFrom..] over {@code n} elements. */
    public static void addScaled(float alpha, float[] x, int xFrom, float[] y, int yFrom, int n) {
        if (SIMD) {
            SimdVectorMath.addScaled(alpha, x, xFrom, y, yFrom, n);
        } else {
            scalarAddScaled(alpha, x, xFrom, y, yFrom, n);
        }
    }

    /**
     * One gradient step on a pair of rows in a single pass: {@code sum += alpha * row} with the row as it was, then
     * {@code row += alpha * other}. The word2vec output-row update (the hidden gradient reads the output row before
     * it moves), reading the row once instead of twice.
     */
    public static void accumulateThenStep(float alpha, float[] row, int rowFrom, float[] other, int otherFrom,
                                          float[] sum, int sumFrom, int n) {
        if (SIMD) {
            SimdVectorMath.accumulateThenStep(alpha, row, rowFrom, other, otherFrom, sum, sumFrom, n);
        } else {
            scalarAccumulateThenStep(alpha, row, rowFrom, other, otherFrom, sum, sumFrom, n);
        }
    }

    /**
     * Scalar dot product with four running sums: the JIT does not vectorise a float reduction (it must keep the
     * order), but four independent add chains overlap.
     */
    static float scalarDot(float[] a, int aFrom, float[] b, int bFrom, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[aFrom + i] * b[bFrom + i];
            s1 += a[aFrom + i + 1] * b[bFrom + i + 1];
            s2 += a[aFrom + i + 2] * b[bFrom + i + 2];
            s3 += a[aFrom + i + 3] * b[bFrom + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[aFrom + i] * b[bFrom + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Also the tail of the SIMD version (fewer elements than a vector's lanes). */
    static void scalarAddScaled(float alpha, float[] x, int xFrom, float[] y, int yFrom, int n) {
        for (int i = 0; i < n; i++) {
            y[yFrom + i] += alpha * x[xFrom + i];
        }
    }

    /** Also the tail of the SIMD version. */
    static void scalarAccumulateThenStep(float alpha, float[] row, int rowFrom, float[] other, int otherFrom,
                                         float[] sum, int sumFrom, int n) {
        for (int i = 0; i < n; i++) {
            float r = row[rowFrom + i];
            sum[sumFrom + i] += alpha * r;
            row[rowFrom + i] = r + alpha * other[otherFrom + i];
        }
    }
}
