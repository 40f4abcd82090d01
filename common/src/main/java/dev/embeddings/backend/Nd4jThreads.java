package dev.embeddings.backend;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The native threads ND4J computes with in this JVM. libnd4j's OpenMP pool and the BLAS library's (OpenBLAS's
 * matrix products, which the networks' dense, recurrent and im2col convolution layers spend most time in) are two
 * separate pools: limiting only the first leaves OpenBLAS starting one thread per core, which spin-wait on a loaded
 * machine.
 */
public final class Nd4jThreads {

    private Nd4jThreads() {
    }

    /** Sets both pools to {@code threads}. */
    public static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
