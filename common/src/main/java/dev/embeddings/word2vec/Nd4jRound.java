package dev.embeddings.word2vec;

import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

import java.util.SplittableRandom;

/**
 * One {@link Word2VecTrainer#train} call on the ND4J backend: uploads the model to the calling thread's device,
 * binds the trainer threads to that device, and at the end downloads the model and measures what decides GPU
 * efficiency. With the system property {@value #COUNT_OPS_PROPERTY}{@code =true}, ND4J's own profiler counts the
 * operations executed (it slows training; measure speed in a separate run).
 */
final class Nd4jRound {

    static final String COUNT_OPS_PROPERTY = "embeddings.nd4j.countOps";

    private final Nd4jDeviceModel device;
    private final boolean countOps;
    private final long opsAtStart;

    private Nd4jRound(Word2VecModel model) {
        this.countOps = Boolean.getBoolean(COUNT_OPS_PROPERTY);
        if (countOps) {
            Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        }
        this.opsAtStart = OpProfiler.getInstance().getInvocationsCount();
        this.device = Nd4jDeviceModel.upload(model);
    }

    static Nd4jRound start(Word2VecModel model) {
        return new Nd4jRound(model);
    }

    ExampleUpdater newUpdater(NegativeSampler sampler, int negative, boolean cbow, int window, Nd4jBatchShape shape,
                              SplittableRandom random) {
        return new Nd4jBatchUpdater(device, sampler, negative, cbow, window, shape, random);
    }

    /** {@code task} run on a thread bound to the model's device. */
    Runnable onDevice(Runnable task) {
        return () -> {
            device.attachCurrentThread();
            task.run();
        };
    }

    /** Downloads the trained model; returns the round's figures. */
    Nd4jRoundStats finish(long words) {
        long ops = countOps ? OpProfiler.getInstance().getInvocationsCount() - opsAtStart : -1;
        device.download();
        return new Nd4jRoundStats(words, ops, device.modelBytes(), device.bytesToDevice() - device.modelBytes(),
                device.bytesToHost());
    }
}
