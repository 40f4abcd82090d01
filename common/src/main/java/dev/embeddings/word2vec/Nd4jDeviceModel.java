package dev.embeddings.word2vec;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.matrix.Nd4jMatrices;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Word2VecModel}'s two matrices as ND4J arrays on the backend's device (GPU memory with the CUDA backend,
 * off-heap memory on CPU) for one {@link Word2VecTrainer#train} call, i.e. one averaging round: uploaded once at
 * the start, trained in place by every thread's {@link Nd4jBatchUpdater}, downloaded once at the end. Between the
 * two, only minibatches' word ids travel to the device. Counts the bytes each way, so the cost a GPU pays for
 * transfers can be read off a CPU run.
 */
final class Nd4jDeviceModel {

    private final Word2VecModel host;
    private final INDArray input;
    private final INDArray output;
    private final Integer device;
    private final AtomicLong bytesToDevice = new AtomicLong();
    private final AtomicLong bytesToHost = new AtomicLong();

    private Nd4jDeviceModel(Word2VecModel host) {
        this.host = host;
        this.device = Nd4j.getAffinityManager().getDeviceForCurrentThread();
        this.input = upload(host.input());
        this.output = upload(host.output());
        bytesToDevice.addAndGet(modelBytes());
    }

    /** Copies the model to the current thread's device. */
    static Nd4jDeviceModel upload(Word2VecModel host) {
        return new Nd4jDeviceModel(host);
    }

    /** Copies the trained matrices back into the host model's arrays. */
    void download() {
        copyInto(input, host.input());
        copyInto(output, host.output());
        bytesToHost.addAndGet(modelBytes());
    }

    /** A device array of the matrix's shape, filled segment by segment (an ND4J array is long-indexed). */
    private static INDArray upload(FloatMatrix matrix) {
        if (matrix.segmentCount() == 1) {
            return Nd4j.create(matrix.segmentArray(0), new long[] {matrix.rows(), matrix.width()}, 'c');
        }
        INDArray device = Nd4j.create(DataType.FLOAT, matrix.rows(), matrix.width());
        Nd4jMatrices.assign(device, matrix);
        return device;
    }

    private static void copyInto(INDArray device, FloatMatrix target) {
        Nd4j.getAffinityManager().ensureLocation(device, AffinityManager.Location.HOST);
        Nd4jMatrices.copy(device, target);
    }

    /**
     * Binds the calling thread to the device holding the model: the CUDA backend otherwise spreads new threads over
     * the GPUs round-robin, away from the arrays they update. A no-op on CPU.
     */
    void attachCurrentThread() {
        Nd4j.getAffinityManager().unsafeSetDevice(device);
    }

    /** Records {@code bytes} of per-minibatch data (word ids) sent to the device. */
    void countUpload(long bytes) {
        bytesToDevice.addAndGet(bytes);
    }

    INDArray input() {
        return input;
    }

    INDArray output() {
        return output;
    }

    int dim() {
        return host.dim();
    }

    /** The host model's update counts per input row (counted on the host), or null when it does not count. */
    int[] inputUpdates() {
        return host.inputUpdates();
    }

    /** The host model's update counts per output row, or null when it does not count. */
    int[] outputUpdates() {
        return host.outputUpdates();
    }

    long bytesToDevice() {
        return bytesToDevice.get();
    }

    long bytesToHost() {
        return bytesToHost.get();
    }

    /** Bytes of the two matrices: what one upload (or download) moves. */
    long modelBytes() {
        return host.bytesHeld();
    }
}
