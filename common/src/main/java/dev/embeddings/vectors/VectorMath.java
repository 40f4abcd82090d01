package dev.embeddings.vectors;

/** Float kernels on rows of row-major matrices, shared by training and queries. */
public final class VectorMath {

    private VectorMath() {
    }

    /**
     * The dot product of {@code n} floats from {@code a[aFrom]} and {@code b[bFrom]}, with four running sums: the JIT
     * does not vectorise a float reduction (it must keep the order), but four independent add chains overlap, and
     * the result stays a float product like the float32 BLAS calls of word2vec.c, gensim and evaluate_vectors.py.
     */
    public static float dot(float[] a, int aFrom, float[] b, int bFrom, int n) {
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
}
