package dev.embeddings.vectors;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorMath}'s kernels on the Vector API, in the widest lanes the CPU has (16 floats with AVX-512), the
 * remaining elements scalar. Products are fused multiply-adds, so results differ from the scalar loops by float
 * rounding only. Loaded only when the {@code jdk.incubator.vector} module is present ({@link VectorMath#SIMD}).
 */
final class SimdVectorMath {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private SimdVectorMath() {
    }

    static float dot(float[] a, int aFrom, float[] b, int bFrom, int n) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            sum = FloatVector.fromArray(SPECIES, a, aFrom + i).fma(FloatVector.fromArray(SPECIES, b, bFrom + i), sum);
        }
        float s = sum.reduceLanes(VectorOperators.ADD);
        return i == n ? s : s + VectorMath.scalarDot(a, aFrom + i, b, bFrom + i, n - i);
    }

    static void addScaled(float alpha, float[] x, int xFrom, float[] y, int yFrom, int n) {
        FloatVector a = FloatVector.broadcast(SPECIES, alpha);
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, xFrom + i)
                    .fma(a, FloatVector.fromArray(SPECIES, y, yFrom + i))
                    .intoArray(y, yFrom + i);
        }
        VectorMath.scalarAddScaled(alpha, x, xFrom + i, y, yFrom + i, n - i);
    }

    static void accumulateThenStep(float alpha, float[] row, int rowFrom, float[] other, int otherFrom,
                                   float[] sum, int sumFrom, int n) {
        FloatVector a = FloatVector.broadcast(SPECIES, alpha);
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector r = FloatVector.fromArray(SPECIES, row, rowFrom + i);
            r.fma(a, FloatVector.fromArray(SPECIES, sum, sumFrom + i)).intoArray(sum, sumFrom + i);
            FloatVector.fromArray(SPECIES, other, otherFrom + i).fma(a, r).intoArray(row, rowFrom + i);
        }
        VectorMath.scalarAccumulateThenStep(alpha, row, rowFrom + i, other, otherFrom + i, sum, sumFrom + i, n - i);
    }
}
