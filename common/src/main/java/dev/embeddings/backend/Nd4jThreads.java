package dev.embeddings.backend;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The native threads ND4J computes with. Three settings: libnd4j's own thread count, the OpenMP runtime's (which
 * oneDNN's kernels use) and the BLAS library's (OpenBLAS's matrix products, which the dense and recurrent layers spend
 * most time in). Limiting only libnd4j's leaves the other two at one thread per core, which spin-wait on a loaded
 * machine. OpenMP's count belongs to the calling thread: call this on the thread that then trains.
 */
public final class Nd4jThreads {

    private Nd4jThreads() {
    }

    /** Sets all three to {@code threads}. */
    public static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
