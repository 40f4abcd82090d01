package dev.embeddings.backend;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Nd4jThreadsTest {

    @Test
    void limitsLibnd4jOpenMpAndTheBlasLibrary() {
        int before = Nd4j.factory().blas().getMaxThreads();
        try {
            Nd4jThreads.limit(1);
            assertEquals(1, Nd4j.getEnvironment().maxThreads(), "libnd4j threads");
            assertEquals(1, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(), "OpenMP threads");
            assertEquals(1, Nd4j.factory().blas().getMaxThreads(), "BLAS threads");
            // OpenBLAS takes the count asked for; libnd4j may keep a smaller pool once lowered.
            Nd4jThreads.limit(2);
            assertEquals(2, Nd4j.factory().blas().getMaxThreads(), "BLAS threads");
        } finally {
            Nd4jThreads.limit(Math.max(1, before));
        }
    }

    @Test
    void refusesFewerThanOneThread() {
        assertThrows(IllegalArgumentException.class, () -> Nd4jThreads.limit(0));
    }
}
